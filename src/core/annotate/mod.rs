//! Who and what: named entities and quotations with their speakers, as byte ranges into
//! the document text (sorted, non-overlapping).
mod entities;
mod lexicon;
mod quotes;

use std::ops::Range;

use crate::core::document::Document;

/// CoNLL-style entity classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub range: Range<usize>,
    pub label: Label,
    /// The name all mentions share ("Donald Trump" for "Trump", "Trump’s").
    pub canonical: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, inclusive.
    pub range: Range<usize>,
    /// The speaker's canonical name; `None` for unnamed sources.
    pub speaker: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
}

pub fn annotate(doc: &Document) -> Annotations {
    let mut entities = entities::find(doc);
    let (quotes, titles) = quotes::find(doc, &entities);
    // Quoted titles of works are names too; drop anything they overlap.
    entities.retain(|e| !titles.iter().any(|t| t.range.start < e.range.end && e.range.start < t.range.end));
    entities.extend(titles);
    entities.sort_by_key(|e| e.range.start);
    Annotations { entities, quotes }
}
