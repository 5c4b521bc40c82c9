//! The whole pipeline in one call: a loaded document plus the filter's verdicts.
use crate::core::annotate::{self, Annotations, Label};
use crate::core::boilerplate::{self, LineModel, Reason, Rules};
use crate::core::document::{fold_whitespace, Block, BlockKind, Document, SourceKind};
use crate::core::heading;

#[derive(Debug, Clone)]
pub struct Article {
    pub doc: Document,
    /// One per block of `doc`: why it is hidden, or `None` when it is part of the article.
    pub hidden: Vec<Option<Reason>>,
    pub annotations: Annotations,
    /// What its state and bookmark are stored under: its content hash until the store
    /// says otherwise (`Store::resolve`, which keeps the key of an article edited or moved).
    pub key: String,
}

pub fn process(doc: Document, rules: &Rules) -> Article {
    let mut article = filtered(doc, rules);
    article.annotations = annotate::annotate(&article.doc);
    article
}

/// The article with its furniture judged but no names or quotations found, for callers
/// that need only the text (`tidings clean`): annotating costs more than filtering.
pub fn filtered(doc: Document, rules: &Rules) -> Article {
    filtered_with(doc, rules, LineModel::bundled())
}

/// `filtered` with another line model (for fitting one).
pub fn filtered_with(mut doc: Document, rules: &Rules, model: &LineModel) -> Article {
    let hidden = boilerplate::classify_with(&doc, rules, model);
    // A text dump's headline is found from where the article starts, which only the
    // filter knows; an HTML page's comes from its markup.
    if doc.kind == SourceKind::Text {
        heading::around_article(&mut doc.meta, &doc.text, &doc.blocks, &hidden);
    }
    let key = format!("{:016x}", doc.id);
    Article { doc, hidden, annotations: Default::default(), key }
}

impl Article {
    /// Whether byte `at` of the text lies in a hidden block.
    pub fn is_hidden_at(&self, at: usize) -> bool {
        // Blocks are in text order, so the one holding `at` is found by bisection.
        let after = self.doc.blocks.partition_point(|b| b.range.start <= at);
        after.checked_sub(1).is_some_and(|i| self.doc.blocks[i].range.contains(&at) && self.hidden[i].is_some())
    }

    /// The article's people, organisations and places, one row per canonical name with
    /// its label and number of mentions (outside hidden blocks), most mentioned first.
    pub fn entity_groups(&self) -> Vec<(String, Label, usize)> {
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut groups: Vec<(String, Label, usize)> = Vec::new();
        for e in self.annotations.entities.iter().filter(|e| !self.is_hidden_at(e.range.start)) {
            match at.get(e.canonical.as_str()) {
                Some(&g) => groups[g].2 += 1,
                None => {
                    at.insert(&e.canonical, groups.len());
                    groups.push((e.canonical.clone(), e.label, 1));
                }
            }
        }
        groups.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        groups
    }

    pub fn hidden_count(&self) -> usize {
        self.hidden.iter().filter(|h| h.is_some()).count()
    }

    /// Every block with its verdict, in page order.
    pub fn blocks(&self) -> impl Iterator<Item = (&Block, Option<Reason>)> {
        self.doc.blocks.iter().zip(self.hidden.iter().copied())
    }

    /// The article as text: one paragraph per line with a blank line between paragraphs
    /// (not between list items), list items as "- ", headings as "# ", quotes as "> ".
    /// Reading the output again gives the same blocks.
    pub fn clean_text(&self) -> String {
        self.render(|b, h| h.is_none().then(|| self.line(b)))
    }

    /// Like `clean_text`, with every hidden block too, marked with its reason.
    pub fn annotated_text(&self) -> String {
        self.render(|b, h| {
            Some(match h {
                None => self.line(b),
                Some(r) => format!("[removed: {r}] {}", self.line(b)),
            })
        })
    }

    fn render(&self, show: impl Fn(&Block, Option<Reason>) -> Option<String>) -> String {
        let mut out = String::new();
        let mut prev_kind = None;
        for (block, hidden) in self.blocks() {
            let Some(line) = show(block, hidden) else { continue };
            let tight = prev_kind == Some(BlockKind::ListItem) && block.kind == BlockKind::ListItem;
            if prev_kind.is_some() && !tight {
                out.push('\n');
            }
            out.push_str(&line);
            out.push('\n');
            prev_kind = Some(block.kind);
        }
        out
    }

    fn line(&self, block: &Block) -> String {
        let marker = match block.kind {
            BlockKind::Paragraph | BlockKind::Caption => "",
            BlockKind::Heading => "# ",
            BlockKind::ListItem => "- ",
            BlockKind::Quote => "> ",
        };
        let folded = fold_whitespace(self.doc.block_text(block));
        format!("{marker}{folded}")
    }
}
