//! `tidings inspect --json`: everything Tidings understood about a document, with offsets
//! in Unicode code points into the document text (what a Python `str` index is).
use serde_json::{json, Value};

use crate::core::article::Article;
use crate::core::document::{BlockKind, SourceKind};

/// Byte offset → code point offset, for every char boundary of `text`.
struct CodePoints(Vec<usize>);

impl CodePoints {
    fn new(text: &str) -> CodePoints {
        let mut map = vec![0; text.len() + 1];
        let mut n = 0;
        for (i, c) in text.char_indices() {
            map[i] = n;
            n += 1;
            for b in 1..c.len_utf8() {
                map[i + b] = n;
            }
        }
        map[text.len()] = n;
        CodePoints(map)
    }

    fn at(&self, byte: usize) -> usize {
        self.0[byte]
    }
}

pub fn to_json(article: &Article) -> Value {
    let doc = &article.doc;
    let cp = CodePoints::new(&doc.text);
    let blocks: Vec<Value> = article
        .blocks()
        .map(|(b, hidden)| {
            let kind = match b.kind {
                BlockKind::Heading => "heading",
                BlockKind::Paragraph => "paragraph",
                BlockKind::ListItem => "list_item",
                BlockKind::Quote => "quote",
                BlockKind::Caption => "caption",
            };
            json!({"start": cp.at(b.range.start), "end": cp.at(b.range.end), "kind": kind,
                   "hidden": hidden.is_some(), "reason": hidden.map(|r| r.label())})
        })
        .collect();
    let entities: Vec<Value> = article
        .annotations
        .entities
        .iter()
        .map(|e| {
            json!({"start": cp.at(e.range.start), "end": cp.at(e.range.end), "text": &doc.text[e.range.clone()],
                   "label": e.label.as_str(), "canonical": e.canonical, "hidden": article.is_hidden_at(e.range.start)})
        })
        .collect();
    let quotes: Vec<Value> = article
        .annotations
        .quotes
        .iter()
        .map(|q| {
            json!({"start": cp.at(q.range.start), "end": cp.at(q.range.end), "text": &doc.text[q.range.clone()],
                   "speaker": q.speaker, "hidden": article.is_hidden_at(q.range.start)})
        })
        .collect();
    // For HTML the offsets are into the article text extracted from the page, given here.
    let text = (doc.kind == SourceKind::Html).then_some(&doc.text);
    json!({
        "text": text,
        "title": doc.meta.title,
        "source": doc.meta.source,
        "place": doc.meta.place,
        "published": doc.meta.published.map(|d| d.to_string()),
        "blocks": blocks,
        "entities": entities,
        "quotes": quotes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_not_bytes() {
        let cp = CodePoints::new("“Hé” x");
        assert_eq!(cp.at(0), 0);
        assert_eq!(cp.at(3), 1); // after the 3-byte “
        assert_eq!(cp.at(4), 2);
        assert_eq!(cp.at(6), 3); // after the 2-byte é
        assert_eq!(cp.at("“Hé” x".len()), 6);
    }
}
