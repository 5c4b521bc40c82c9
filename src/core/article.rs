//! The whole pipeline in one call: a loaded document plus the filter's verdicts.
use crate::core::boilerplate::{self, Reason, Rules};
use crate::core::document::{Block, Document};

#[derive(Debug, Clone)]
pub struct Article {
    pub doc: Document,
    /// One per block of `doc`: why it is hidden, or `None` when it is part of the article.
    pub hidden: Vec<Option<Reason>>,
}

pub fn process(doc: Document, rules: &Rules) -> Article {
    let hidden = boilerplate::classify(&doc, rules);
    Article { doc, hidden }
}

impl Article {
    pub fn hidden_count(&self) -> usize {
        self.hidden.iter().filter(|h| h.is_some()).count()
    }

    /// Every block with its verdict, in page order.
    pub fn blocks(&self) -> impl Iterator<Item = (&Block, Option<Reason>)> {
        self.doc.blocks.iter().zip(self.hidden.iter().copied())
    }

    /// The article as text, one paragraph per line (whitespace inside a block folded).
    pub fn clean_text(&self) -> String {
        self.blocks()
            .filter(|(_, h)| h.is_none())
            .map(|(b, _)| fold(self.doc.block_text(b)) + "\n")
            .collect()
    }

    /// Like `clean_text`, with every hidden block too, marked with its reason.
    pub fn annotated_text(&self) -> String {
        self.blocks()
            .map(|(b, h)| match h {
                None => fold(self.doc.block_text(b)) + "\n",
                Some(r) => format!("[removed: {r}] {}\n", fold(self.doc.block_text(b))),
            })
            .collect()
    }
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
