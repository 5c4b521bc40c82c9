//! The article as styled, wrapped lines. Wrapping is done here with exact display widths
//! (unicode-width), so the line count is exact and scrolling never cuts or skips a line.
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::core::article::Article;
use crate::core::boilerplate::Reason;
use crate::core::document::{BlockKind, Document};
use crate::tui::theme::Theme;

fn width_of(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Greedy word wrap to `width` columns. Words wider than a line (long URLs, text in
/// scripts without spaces) are broken between characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = width_of(word);
        if used > 0 && used + 1 + w <= width {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= width {
            line.push_str(word);
            used = w;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps `text` with `first` before the first line and `rest` before the others.
fn push_wrapped(out: &mut Vec<Line<'static>>, text: &str, width: usize, first: &str, rest: &str, style: Style) {
    let indent = width_of(first).max(width_of(rest));
    for (i, l) in wrap(text, width.saturating_sub(indent)).into_iter().enumerate() {
        let lead = if i == 0 { first } else { rest };
        out.push(Line::from(vec![Span::styled(lead.to_string(), style), Span::styled(l, style)]));
    }
}

/// The header: title, outlet · place · date, warnings, and a rule.
fn header(doc: &Document, width: usize, theme: &Theme, out: &mut Vec<Line<'static>>) {
    let title_style = Style::new().fg(theme.title).add_modifier(Modifier::BOLD);
    push_wrapped(out, &doc.meta.title, width, "", "", title_style);
    let date = doc.meta.published.map(|d| d.format("%-d %B %Y").to_string());
    let facts: Vec<String> = [doc.meta.source.clone(), doc.meta.place.clone(), date].into_iter().flatten().collect();
    let facts = if facts.is_empty() { doc.file_name().to_string() } else { facts.join(" · ") };
    push_wrapped(out, &facts, width, "", "", theme.dim());
    for w in &doc.warnings {
        push_wrapped(out, w, width, "⚠ ", "  ", Style::new().fg(theme.warning));
    }
    out.push(Line::styled("─".repeat(width), theme.dim()));
}

/// All lines of the article at `width` columns, header first, blank lines between blocks
/// (but not between the items of one list). With `show_hidden`, the blocks the filter
/// hid appear dimmed under a label naming the reason.
pub fn lines(article: &Article, width: usize, theme: &Theme, show_hidden: bool) -> Vec<Line<'static>> {
    let doc = &article.doc;
    let mut out = Vec::new();
    header(doc, width, theme, &mut out);
    let mut prev: Option<(BlockKind, Option<Reason>)> = None;
    for (i, (block, hidden)) in article.blocks().enumerate() {
        if doc.meta.header_blocks.contains(&i) || (hidden.is_some() && !show_hidden) {
            continue;
        }
        let same_list = prev.is_some_and(|(k, h)| k == BlockKind::ListItem && h == hidden) && block.kind == BlockKind::ListItem;
        if !same_list {
            out.push(Line::default());
        }
        if let Some(reason) = hidden.filter(|r| prev.is_none_or(|(_, h)| h != Some(*r))) {
            out.push(Line::styled(format!("┄ hidden: {reason} ┄"), theme.dim().add_modifier(Modifier::ITALIC)));
        }
        prev = Some((block.kind, hidden));
        let style = |normal: Style| if hidden.is_some() { theme.dim() } else { normal };
        let text = doc.block_text(block);
        match block.kind {
            BlockKind::Paragraph => push_wrapped(&mut out, text, width, "", "", style(theme.text())),
            BlockKind::Heading => push_wrapped(&mut out, text, width, "", "", style(theme.heading())),
            BlockKind::ListItem => push_wrapped(&mut out, text, width, "• ", "  ", style(theme.text())),
            BlockKind::Quote => push_wrapped(&mut out, text, width, "│ ", "│ ", style(theme.text()).add_modifier(Modifier::ITALIC)),
        }
    }
    links(doc, width, theme, &mut out);
    out
}

/// The article's links, numbered, after the text (HTML pages keep them for opening later).
fn links(doc: &Document, width: usize, theme: &Theme, out: &mut Vec<Line<'static>>) {
    if doc.links.is_empty() {
        return;
    }
    out.push(Line::default());
    out.push(Line::styled("Links", theme.heading()));
    for (n, link) in doc.links.iter().enumerate() {
        let label = if link.text.is_empty() { link.url.clone() } else { format!("{} — {}", link.text, link.url) };
        let number = format!("[{}] ", n + 1);
        let indent = " ".repeat(number.chars().count());
        push_wrapped(out, &label, width, &number, &indent, theme.dim());
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
    fn links_are_listed_after_the_text() {
        let html = crate::demo::FILES.iter().find(|(n, _)| n.ends_with(".html")).unwrap().1;
        let doc = crate::core::ingest::load_bytes("p.html", html.as_bytes()).unwrap();
        let article = crate::core::article::process(doc, &Default::default());
        let theme = crate::config::parse("", "t").unwrap().theme;
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
}
