//! The article as wrapped, styled lines. Wrapping uses exact display widths
//! (unicode-width), so the line count is exact and scrolling never cuts or skips a line.
//! A layout keeps only where each line starts and ends in the text; styled lines are built
//! for the rows on screen, so a keypress costs the same in an 8 MB article as in an 8 KB
//! one. Every character drawn passes through `core::sanitize`: a page cannot send the
//! terminal an escape sequence.
use std::ops::Range;
use std::rc::Rc;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::core::article::Article;
use crate::core::boilerplate::Reason;
use crate::core::document::{BlockKind, Document};
use crate::core::sanitize;
use crate::core::search::Query;
use crate::tui::theme::Theme;

/// Columns `c` takes once made safe (a control shows as a one-column picture).
fn char_width(c: char) -> usize {
    if (' '..='~').contains(&c) {
        return 1;
    }
    sanitize::shown_char(c).map_or(0, |s| s.width().unwrap_or(0))
}

fn width_of(s: &str) -> usize {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

/// The words of `text` (split at white space) with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Greedy word wrap to `width` columns, as byte ranges of `text`: a line runs from its
/// first word's start to its last word's end. Words wider than a line (long URLs, text in
/// scripts without spaces) are broken between characters.
fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line: Option<Range<usize>> = None;
    let mut used = 0;
    for (start, word) in words(text) {
        let end = start + word.len();
        let w = width_of(word);
        if let Some(open) = line.as_mut() {
            if used + 1 + w <= width {
                open.end = end;
                used += 1 + w;
                continue;
            }
            rows.extend(line.take());
            used = 0;
        }
        let mut from = start;
        if w > width {
            for (i, c) in word.char_indices() {
                let cw = char_width(c);
                if used + cw > width && used > 0 {
                    rows.push(from..start + i);
                    from = start + i;
                    used = 0;
                }
                used += cw;
            }
        } else {
            used = w;
        }
        line = Some(from..end);
    }
    rows.extend(line);
    rows
}

/// One wrapped line as spans: white space runs become one space (styled like the text
/// before it, minus underline), every other character is made safe and styled by
/// `style_at(byte offset)`. Neighbours with the same style share a span.
fn styled_line(
    text: &str,
    range: Range<usize>,
    lead: &'static str,
    lead_style: Style,
    style_at: impl Fn(usize) -> Style,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    if !lead.is_empty() {
        spans.push(Span::styled(lead, lead_style));
    }
    let mut push = |c: char, style: Style| match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push(c),
        _ => spans.push(Span::styled(c.to_string(), style)),
    };
    let mut last_style = None;
    let mut in_space = false;
    for (i, c) in text[range.clone()].char_indices() {
        if c.is_whitespace() {
            in_space = true;
            continue;
        }
        let style = style_at(range.start + i);
        if std::mem::take(&mut in_space) {
            let space = last_style.unwrap_or(style).patch(Style::new().remove_modifier(Modifier::UNDERLINED));
            push(' ', space);
        }
        if let Some(shown) = sanitize::shown_char(c) {
            push(shown, style);
        }
        last_style = Some(style);
    }
    Line::from(spans)
}

/// Untrusted text wrapped in one style, with `first` before the first line and `rest`
/// before the others (header, links, speakers).
fn plain_lines<'t>(
    text: &'t str,
    width: usize,
    first: &'static str,
    rest: &'static str,
    style: Style,
) -> impl Iterator<Item = Line<'static>> + 't {
    let indent = width_of(first).max(width_of(rest));
    wrap_ranges(text, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(move |(i, r)| styled_line(text, r, if i == 0 { first } else { rest }, style, |_| style))
}

/// Greedy word wrap of untrusted text into safe strings (see `wrap_ranges`).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    plain_lines(text, width, "", "", Style::new()).map(|l| l.to_string()).collect()
}

/// One line of the laid-out article.
#[derive(Debug)]
enum Row {
    Blank,
    /// Built once (header, labels, speakers, links): few and short.
    Styled(Line<'static>),
    /// A wrapped line of block `block`: the words in `range` of the text.
    Text {
        block: usize,
        range: Range<usize>,
        lead: &'static str,
    },
}

/// The article laid out at one width: what each line holds and where each annotation landed.
#[derive(Debug, Default)]
pub struct Laid {
    rows: Vec<Row>,
    /// Line of each quotation, in `annotations.quotes` order; `None` when it is hidden.
    pub quote_lines: Rc<Vec<Option<usize>>>,
    /// Line of each entity mention, in `annotations.entities` order; `None` when hidden.
    pub entity_lines: Rc<Vec<Option<usize>>>,
    /// Per block shown: its first row and where each of its wrapped lines starts.
    placed: Vec<Option<(usize, Vec<usize>)>>,
}

/// The header: title, outlet · place · date, warnings, and a rule.
fn header(doc: &Document, width: usize, theme: &Theme, out: &mut Vec<Row>) {
    let title_style = Style::new().fg(theme.title).add_modifier(Modifier::BOLD);
    out.extend(plain_lines(&doc.meta.title, width, "", "", title_style).map(Row::Styled));
    let date = doc.meta.published.map(|d| d.format("%-d %B %Y").to_string());
    let facts: Vec<String> = [doc.meta.source.clone(), doc.meta.place.clone(), date].into_iter().flatten().collect();
    let facts = if facts.is_empty() { doc.file_name().to_string() } else { facts.join(" · ") };
    out.extend(plain_lines(&facts, width, "", "", theme.dim()).map(Row::Styled));
    for w in &doc.warnings {
        out.extend(plain_lines(w, width, "⚠ ", "  ", Style::new().fg(theme.warning)).map(Row::Styled));
    }
    out.push(Row::Styled(Line::styled("─".repeat(width), theme.dim())));
}

/// Lays out the whole article at `width` columns, header first, blank lines between
/// blocks (but not between the items of one list), each paragraph with quotations
/// followed by who said them. With `show_hidden`, the blocks the filter hid appear under
/// a label naming the reason.
pub fn lay_out(article: &Article, width: usize, theme: &Theme, show_hidden: bool) -> Laid {
    let doc = &article.doc;
    let ann = &article.annotations;
    let mut rows = Vec::new();
    header(doc, width, theme, &mut rows);
    // First row and wrapped ranges of each block shown, to place annotations afterwards.
    let mut placed: Vec<Option<(usize, Vec<usize>)>> = vec![None; doc.blocks.len()];
    let mut prev: Option<(BlockKind, Option<Reason>)> = None;
    for (i, (block, hidden)) in article.blocks().enumerate() {
        if doc.meta.header_blocks.contains(&i) || (hidden.is_some() && !show_hidden) {
            continue;
        }
        let same_list =
            prev.is_some_and(|(k, h)| k == BlockKind::ListItem && h == hidden) && block.kind == BlockKind::ListItem;
        if !same_list {
            rows.push(Row::Blank);
        }
        if let Some(reason) = hidden.filter(|r| prev.is_none_or(|(_, h)| h != Some(*r))) {
            rows.push(Row::Styled(Line::styled(
                format!("┄ hidden: {reason} ┄"),
                theme.dim().add_modifier(Modifier::ITALIC),
            )));
        }
        prev = Some((block.kind, hidden));
        let (first, rest) = match block.kind {
            BlockKind::ListItem => ("• ", "  "),
            BlockKind::Quote => ("│ ", "│ "),
            _ => ("", ""),
        };
        let text = doc.block_text(block);
        let ranges = wrap_ranges(text, width.saturating_sub(width_of(first).max(width_of(rest))));
        let start = block.range.start;
        placed[i] = Some((rows.len(), ranges.iter().map(|r| start + r.start).collect()));
        for (k, r) in ranges.into_iter().enumerate() {
            rows.push(Row::Text {
                block: i,
                range: start + r.start..start + r.end,
                lead: if k == 0 { first } else { rest },
            });
        }
        if hidden.is_none() {
            let mut speakers: Vec<&str> = Vec::new();
            for q in ann.quotes.iter().filter(|q| block.range.contains(&q.range.start)) {
                if let Some(s) = q.speaker.as_deref().filter(|s| !speakers.contains(s)) {
                    speakers.push(s);
                }
            }
            if !speakers.is_empty() {
                rows.extend(plain_lines(&speakers.join(", "), width, "  — ", "    ", theme.speaker()).map(Row::Styled));
            }
        }
    }
    links(doc, width, theme, &mut rows);
    let mut laid = Laid { rows, placed, ..Laid::default() };
    laid.quote_lines = Rc::new(ann.quotes.iter().map(|q| laid.line_of(doc, q.range.start)).collect());
    laid.entity_lines = Rc::new(ann.entities.iter().map(|e| laid.line_of(doc, e.range.start)).collect());
    laid
}

impl Laid {
    /// The line holding byte `at` of the text, if its block is shown.
    pub fn line_of(&self, doc: &Document, at: usize) -> Option<usize> {
        let block = doc.blocks.partition_point(|b| b.range.start <= at).checked_sub(1)?;
        let (first_row, starts) = self.placed.get(block)?.as_ref()?;
        Some(first_row + starts.partition_point(|s| *s <= at).saturating_sub(1))
    }

    /// How many lines the article takes.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The styled lines `rows` (clamped to the article): names coloured by kind,
    /// quotations in italics, hidden blocks dimmed, search matches (`marks`, sorted byte
    /// ranges of the text) marked.
    pub fn lines(
        &self,
        article: &Article,
        theme: &Theme,
        rows: Range<usize>,
        marks: &[Range<usize>],
    ) -> Vec<Line<'static>> {
        let rows = rows.start.min(self.rows.len())..rows.end.min(self.rows.len());
        self.rows[rows]
            .iter()
            .map(|row| match row {
                Row::Blank => Line::default(),
                Row::Styled(line) => line.clone(),
                Row::Text { block, range, lead } => text_line(article, theme, *block, range.clone(), lead, marks),
            })
            .collect()
    }
}

/// A line of block `block` with its annotations styled. Annotations are sorted and do
/// not overlap within their kind, so the ones on this line are found by bisection.
fn text_line(
    article: &Article,
    theme: &Theme,
    block: usize,
    range: Range<usize>,
    lead: &'static str,
    marks: &[Range<usize>],
) -> Line<'static> {
    let doc = &article.doc;
    let hidden = article.hidden[block].is_some();
    let base = match (hidden, doc.blocks[block].kind) {
        (true, _) => theme.dim(),
        (false, BlockKind::Heading) => theme.heading(),
        (false, BlockKind::Quote | BlockKind::Caption) => theme.text().add_modifier(Modifier::ITALIC),
        (false, _) => theme.text(),
    };
    if hidden {
        return styled_line(&doc.text, range, lead, base, |_| base);
    }
    let ann = &article.annotations;
    let from = ann.quotes.partition_point(|q| q.range.end <= range.start);
    let quotes = &ann.quotes[from..from.max(ann.quotes.partition_point(|q| q.range.start < range.end))];
    let from = ann.entities.partition_point(|e| e.range.end <= range.start);
    let entities = &ann.entities[from..from.max(ann.entities.partition_point(|e| e.range.start < range.end))];
    let from = marks.partition_point(|m| m.end <= range.start);
    let marks = &marks[from..from.max(marks.partition_point(|m| m.start < range.end))];
    styled_line(&doc.text, range, lead, base, |at| {
        let mut style = base;
        if marks.iter().any(|m| m.contains(&at)) {
            style = style.patch(theme.matched());
        }
        if quotes.iter().any(|q| q.range.contains(&at)) {
            style = style.patch(theme.quote());
        }
        if let Some(e) = entities.iter().find(|e| e.range.contains(&at)) {
            style = style.patch(theme.entity(e.label));
        }
        style
    })
}

/// The article's links, numbered, after the text (HTML pages keep them for opening later).
fn links(doc: &Document, width: usize, theme: &Theme, out: &mut Vec<Row>) {
    if doc.links.is_empty() {
        return;
    }
    out.push(Row::Blank);
    out.push(Row::Styled(Line::styled("Links", theme.heading())));
    for (n, link) in doc.links.iter().enumerate() {
        let label = if link.text.is_empty() { link.url.clone() } else { format!("{} — {}", link.text, link.url) };
        let number = format!("[{}] ", n + 1);
        let indent = " ".repeat(number.len());
        let wrapped = wrap_ranges(&label, width.saturating_sub(number.len()));
        for (i, r) in wrapped.into_iter().enumerate() {
            let mut line = styled_line(&label, r, "", theme.dim(), |_| theme.dim());
            line.spans.insert(0, Span::styled(if i == 0 { number.clone() } else { indent.clone() }, theme.dim()));
            out.push(Row::Styled(line));
        }
    }
}

/// All lines of the article (see `lay_out`), for tests and benchmarks.
pub fn lines(article: &Article, width: usize, theme: &Theme, show_hidden: bool) -> Vec<Line<'static>> {
    let laid = lay_out(article, width, theme, show_hidden);
    laid.lines(article, theme, 0..laid.len(), &[])
}

/// The last layout made, reused while the article, width and furniture toggle stay the
/// same: laying out a long article is the one costly step of drawing.
#[derive(Default)]
pub struct LayoutCache {
    key: Option<(u64, String, usize, bool)>,
    laid: Rc<Laid>,
    /// The search matches in the article, for the query they were found for.
    marks_key: Option<(u64, String, String)>,
    marks: Rc<Vec<Range<usize>>>,
}

impl LayoutCache {
    pub fn get(&mut self, article: &Article, width: usize, theme: &Theme, show_hidden: bool) -> Rc<Laid> {
        let key = (article.doc.id, article.doc.origin.clone(), width, show_hidden);
        if self.key.as_ref() != Some(&key) {
            self.laid = Rc::new(lay_out(article, width, theme, show_hidden));
            self.key = Some(key);
        }
        Rc::clone(&self.laid)
    }

    /// Where `query` matches the article's text (found once per article and query).
    pub fn marks(&mut self, article: &Article, query: &Query) -> Rc<Vec<Range<usize>>> {
        let key = (article.doc.id, article.doc.origin.clone(), query.to_string());
        if self.marks_key.as_ref() != Some(&key) {
            self.marks = Rc::new(if query.is_empty() { Vec::new() } else { query.find_in(&article.doc.text) });
            self.marks_key = Some(key);
        }
        Rc::clone(&self.marks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries_within_width() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", 10);
        assert_eq!(lines, vec!["the quick", "brown fox", "jumps over", "the lazy", "dog"]);
    }

    #[test]
    fn breaks_overlong_words_and_counts_wide_chars() {
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        // Each CJK character is two columns wide.
        let lines = wrap("日本語のテキスト", 6);
        assert_eq!(lines, vec!["日本語", "のテキ", "スト"]);
        assert!(lines.iter().all(|l| width_of(l) <= 6));
    }

    #[test]
    fn controls_are_shown_as_pictures_and_counted_as_one_column() {
        assert_eq!(wrap("a\u{1b}[2J b\u{202e}c", 80), vec!["a␛[2J bc"]);
        assert_eq!(wrap("\u{1b}\u{1b}\u{1b}\u{1b}", 2), vec!["␛␛", "␛␛"]);
    }

    #[test]
    fn links_are_listed_after_the_text() {
        let html = crate::demo::FILES.iter().find(|(n, _)| n.ends_with(".html")).unwrap().1;
        let doc = crate::core::ingest::load_bytes("p.html", html.as_bytes()).unwrap();
        let article = crate::core::article::process(doc, &Default::default());
        let theme = Theme::from_config(&crate::config::parse("", "t").unwrap()).unwrap();
        let text: Vec<String> = lines(&article, 100, &theme, false).iter().map(|l| l.to_string()).collect();
        let at = text.iter().position(|l| l == "Links").expect("a Links heading");
        assert_eq!(text[at + 1], "[1] regional police website — https://police.example/statements/crown");
    }

    #[test]
    fn no_words_are_lost() {
        let text = "Ursula von der Leyen said the plan, worth €800bn, was “historic”.";
        for width in 1..40 {
            let joined = wrap(text, width).join(" ");
            assert_eq!(joined.split_whitespace().collect::<String>(), text.split_whitespace().collect::<String>());
        }
    }

    #[test]
    fn a_window_of_lines_matches_the_whole() {
        let (name, text) = crate::demo::FILES[0];
        let doc = crate::core::ingest::load_bytes(name, text.as_bytes()).unwrap();
        let article = crate::core::article::process(doc, &Default::default());
        let theme = Theme::from_config(&crate::config::parse("", "t").unwrap()).unwrap();
        let laid = lay_out(&article, 50, &theme, true);
        let all = laid.lines(&article, &theme, 0..laid.len(), &[]);
        assert_eq!(laid.lines(&article, &theme, 5..9, &[]), all[5..9].to_vec());
        assert!(laid.lines(&article, &theme, laid.len()..laid.len() + 3, &[]).is_empty());
    }
}
