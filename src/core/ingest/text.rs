//! Plain text → blocks. Scraped pages put one paragraph on a line, so a line is a block;
//! hard-wrapped text (a line ending mid-sentence followed by a lowercase continuation)
//! is joined back into one paragraph. Markdown-style markers set the block kind; in
//! Markdown files every unmarked line continues the paragraph above it.
use crate::core::document::{Block, BlockKind};

/// Marker prefixes and the kind they give. A marker must be followed by white space
/// (any kind, as pages often put a no-break space there); the block starts after it.
const MARKERS: [(&str, BlockKind); 9] = [
    ("###", BlockKind::Heading),
    ("##", BlockKind::Heading),
    ("#", BlockKind::Heading),
    ("-", BlockKind::ListItem),
    ("*", BlockKind::ListItem),
    ("•", BlockKind::ListItem),
    ("·", BlockKind::ListItem),
    (">", BlockKind::Quote),
    ("+", BlockKind::ListItem),
];

/// The marker at the start of `line` and its length including the white space after it.
fn marker(line: &str) -> Option<(BlockKind, usize)> {
    MARKERS.iter().find_map(|(m, kind)| {
        let rest = line.strip_prefix(m)?;
        let space = rest.len() - rest.trim_start().len();
        (space > 0 && !rest.trim().is_empty()).then_some((*kind, m.len() + space))
    })
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().chars().last().is_some_and(|c| ".!?:;\"”’'»)]…。！？".contains(c))
}

fn starts_lowercase(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

pub fn blocks(text: &str, markdown: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut prev_line_end: Option<usize> = None; // end of the previous non-blank line, if adjacent
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            prev_line_end = None;
            continue;
        }
        let begin = line_start + lead;
        let end = begin + trimmed.len();
        let marker = marker(trimmed);
        if let (Some(prev_end), Some(last)) = (prev_line_end, out.last_mut()) {
            let prev = &text[last.range.start..prev_end];
            let continues = matches!(last.kind, BlockKind::Paragraph | BlockKind::ListItem)
                && ((markdown && marker.is_none()) || (!ends_sentence(prev) && starts_lowercase(trimmed)));
            if continues {
                last.range.end = end;
                prev_line_end = Some(end);
                continue;
            }
        }
        let (kind, skip) = marker.unwrap_or((BlockKind::Paragraph, 0));
        out.push(Block { range: begin + skip..end, kind });
        prev_line_end = Some(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, blocks: &[Block]) -> Vec<(&'a str, BlockKind)> {
        blocks.iter().map(|b| (&text[b.range.clone()], b.kind)).collect()
    }

    #[test]
    fn one_block_per_line_with_markers() {
        let t = "\nHeadline\n\n- Share via\n# Section\n> quoted\nBody line.\r\n";
        assert_eq!(
            texts(t, &blocks(t, false)),
            vec![
                ("Headline", BlockKind::Paragraph),
                ("Share via", BlockKind::ListItem),
                ("Section", BlockKind::Heading),
                ("quoted", BlockKind::Quote),
                ("Body line.", BlockKind::Paragraph),
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let t = "The minister said the plan would\ncost more than expected.\nNext paragraph.";
        let b = blocks(t, false);
        assert_eq!(b.len(), 2);
        assert_eq!(&t[b[0].range.clone()], "The minister said the plan would\ncost more than expected.");
    }

    #[test]
    fn markdown_joins_every_unmarked_line() {
        let t = "# Title\nFirst line.\nSecond line.\n- item\n\nNext.";
        assert_eq!(
            texts(t, &blocks(t, true)),
            vec![
                ("Title", BlockKind::Heading),
                ("First line.\nSecond line.", BlockKind::Paragraph),
                ("item", BlockKind::ListItem),
                ("Next.", BlockKind::Paragraph),
            ]
        );
        assert_eq!(blocks(t, false).len(), 5);
    }

    #[test]
    fn a_marker_may_be_followed_by_any_white_space() {
        let t = "*\u{a0} Item after a no-break space\n-\tTabbed item";
        assert_eq!(
            texts(t, &blocks(t, false)),
            vec![("Item after a no-break space", BlockKind::ListItem), ("Tabbed item", BlockKind::ListItem)]
        );
    }

    #[test]
    fn lone_marker_is_text_not_an_empty_item() {
        let t = "-\n*";
        assert_eq!(texts(t, &blocks(t, false)), vec![("-", BlockKind::Paragraph), ("*", BlockKind::Paragraph)]);
    }
}
