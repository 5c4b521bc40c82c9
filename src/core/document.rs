//! A loaded article: its text plus structure as byte ranges into that text.
use std::ops::Range;

use chrono::NaiveDate;

/// What a block of text is, as far as layout is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
    /// A picture's caption (`<figcaption>`): shown only with the furniture.
    Caption,
}

/// A run of text in `Document::text`. Ranges are byte offsets on char boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

/// Where a document's text came from: for plain text the file itself, for HTML the
/// article text extracted from the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Text,
    Html,
}

/// A link found in an HTML article, kept for opening later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// Headline, outlet and dateline facts, inferred the way a person reads a page top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub source: Option<String>,
    pub place: Option<String>,
    pub published: Option<NaiveDate>,
    /// Blocks that only carried metadata (headline line, "date + outlet" line): the reader
    /// shows them in its header instead of repeating them in the body.
    pub header_blocks: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// Stable identity: a hash of the text, so the same article keeps its state wherever it lives.
    pub id: u64,
    /// File path, or `demo/NAME` for the bundled demo.
    pub origin: String,
    pub kind: SourceKind,
    pub text: String,
    pub blocks: Vec<Block>,
    pub meta: Meta,
    pub links: Vec<Link>,
    /// Problems that did not stop loading (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// What the library lists of an article: its identity and what its top says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The document's `id`.
    pub id: u64,
    pub meta: Meta,
}

impl Document {
    pub fn listing(&self) -> Listing {
        Listing { id: self.id, meta: self.meta.clone() }
    }

    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.range.clone()]
    }

    /// The file name part of `origin`, for display when no outlet is known.
    pub fn file_name(&self) -> &str {
        self.origin.rsplit(['/', '\\']).next().unwrap_or(&self.origin)
    }
}

/// FNV-1a: stable across runs and platforms, unlike `DefaultHasher`, and cheap for the
/// short keys of the filter's word sets.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A document's identity: the FNV-1a hash of its text.
pub fn content_id(text: &str) -> u64 {
    let mut h = Fnv::default();
    std::hash::Hasher::write(&mut h, text.as_bytes());
    std::hash::Hasher::finish(&h)
}

/// Text with every run of white space made one space, trimmed.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_is_stable_and_content_based() {
        assert_eq!(content_id("abc"), content_id("abc"));
        assert_ne!(content_id("abc"), content_id("abd"));
        // Pinned so a change of hash (which would orphan saved state) is noticed.
        assert_eq!(content_id(""), 0xcbf2_9ce4_8422_2325);
    }
}
