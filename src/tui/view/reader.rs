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
    wrap_styled(&[(text, Style::new())], width).into_iter().map(|spans| spans.iter().map(|s| s.content.as_ref()).collect()).collect()
}

/// Wraps styled pieces of one paragraph. A word may span pieces ("Trump" + "’s"); white
/// space inside pieces separates words.
fn wrap_styled(pieces: &[(&str, Style)], width: usize) -> Vec<Vec<Span<'static>>> {
    let width = width.max(1);
    // Words as lists of (text, style), split at white space.
    let mut words: Vec<Vec<(String, Style)>> = Vec::new();
    let mut word: Vec<(String, Style)> = Vec::new();
    for (text, style) in pieces {
        let mut part = String::new();
        for c in text.chars() {
            if c.is_whitespace() {
                if !part.is_empty() {
                    word.push((std::mem::take(&mut part), *style));
                }
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            } else {
                part.push(c);
            }
        }
        if !part.is_empty() {
            word.push((part, *style));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for word in words {
        let w: usize = word.iter().map(|(t, _)| width_of(t)).sum();
        if used > 0 && used + 1 + w <= width {
            // The space takes the style of the text around it (a quotation's italics run on).
            let space_style = line.last().map_or(Style::new(), |s: &Span| s.style).patch(Style::new().remove_modifier(Modifier::UNDERLINED));
            line.push(Span::styled(" ", space_style));
            used += 1;
        } else if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used + w <= width {
            line.extend(word.into_iter().map(|(t, s)| Span::styled(t, s)));
            used += w;
            continue;
        }
        for (text, style) in word {
            for c in text.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                match line.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => line.push(Span::styled(c.to_string(), style)),
                }
                used += cw;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps `pieces` with `first` before the first line and `rest` before the others;
/// returns the index of the first line added.
fn push_wrapped_styled(out: &mut Vec<Line<'static>>, pieces: &[(&str, Style)], width: usize, first: &str, rest: &str, lead_style: Style) {
    let indent = width_of(first).max(width_of(rest));
    for (i, spans) in wrap_styled(pieces, width.saturating_sub(indent)).into_iter().enumerate() {
        let lead = if i == 0 { first } else { rest };
        let mut all = vec![Span::styled(lead.to_string(), lead_style)];
        all.extend(spans);
        out.push(Line::from(all));
    }
}

fn push_wrapped(out: &mut Vec<Line<'static>>, text: &str, width: usize, first: &str, rest: &str, style: Style) {
    push_wrapped_styled(out, &[(text, style)], width, first, rest, style);
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

/// The article laid out for the reader, with where each annotation landed.
#[derive(Debug, Default)]
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    /// Line of each quotation, in `annotations.quotes` order; `None` when it is hidden.
    pub quote_lines: Vec<Option<usize>>,
    /// Line of each entity mention, in `annotations.entities` order; `None` when hidden.
    pub entity_lines: Vec<Option<usize>>,
}

/// The styled pieces of one block: entity names coloured by kind, quotations in italics.
fn pieces<'t>(article: &'t Article, range: std::ops::Range<usize>, base: Style, theme: &Theme) -> Vec<(&'t str, Style)> {
    let text = &article.doc.text;
    let ann = &article.annotations;
    let mut cuts = vec![range.start, range.end];
    for r in ann.entities.iter().map(|e| &e.range).chain(ann.quotes.iter().map(|q| &q.range)) {
        for at in [r.start, r.end] {
            if range.start < at && at < range.end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let mut style = base;
            if ann.quotes.iter().any(|q| q.range.start <= w[0] && w[0] < q.range.end) {
                style = style.patch(theme.quote());
            }
            if let Some(e) = ann.entities.iter().find(|e| e.range.start <= w[0] && w[0] < e.range.end) {
                style = style.patch(theme.entity(e.label));
            }
            (&text[w[0]..w[1]], style)
        })
        .collect()
}

/// All lines of the article at `width` columns, header first, blank lines between blocks
/// (but not between the items of one list). Names and quotations are highlighted, and a
/// paragraph with quotations ends with who said them. With `show_hidden`, the blocks the
/// filter hid appear dimmed under a label naming the reason.
pub fn lay_out(article: &Article, width: usize, theme: &Theme, show_hidden: bool) -> Laid {
    let doc = &article.doc;
    let ann = &article.annotations;
    let mut laid = Laid { quote_lines: vec![None; ann.quotes.len()], entity_lines: vec![None; ann.entities.len()], ..Laid::default() };
    let out = &mut laid.lines;
    header(doc, width, theme, out);
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
        let base = match (hidden, block.kind) {
            (Some(_), _) => theme.dim(),
            (None, BlockKind::Heading) => theme.heading(),
            (None, BlockKind::Quote | BlockKind::Caption) => theme.text().add_modifier(Modifier::ITALIC),
            (None, _) => theme.text(),
        };
        let first_line = out.len();
        let pieces = if hidden.is_some() { vec![(doc.block_text(block), base)] } else { pieces(article, block.range.clone(), base, theme) };
        let (first, rest) = match block.kind {
            BlockKind::ListItem => ("• ", "  "),
            BlockKind::Quote => ("│ ", "│ "),
            _ => ("", ""),
        };
        push_wrapped_styled(out, &pieces, width, first, rest, base);
        // Where each annotation in this block landed: the line holding its first character.
        let inner = width.saturating_sub(width_of(first).max(width_of(rest))).max(1);
        let starts = line_starts(&pieces, inner, block.range.start);
        let line_of = |at: usize| first_line + starts.iter().rposition(|s| *s <= at).unwrap_or(0);
        for (k, q) in ann.quotes.iter().enumerate().filter(|(_, q)| block.range.contains(&q.range.start)) {
            laid.quote_lines[k] = Some(line_of(q.range.start));
        }
        for (k, e) in ann.entities.iter().enumerate().filter(|(_, e)| block.range.contains(&e.range.start)) {
            laid.entity_lines[k] = Some(line_of(e.range.start));
        }
        if hidden.is_none() {
            let mut speakers: Vec<&str> = Vec::new();
            for q in ann.quotes.iter().filter(|q| block.range.contains(&q.range.start)) {
                if let Some(s) = q.speaker.as_deref().filter(|s| !speakers.contains(s)) {
                    speakers.push(s);
                }
            }
            if !speakers.is_empty() {
                out.push(Line::styled(format!("  — {}", speakers.join(", ")), theme.speaker()));
            }
        }
    }
    links(doc, width, theme, out);
    laid
}

/// Byte offset (in the document) where each wrapped line of `pieces` starts: wrapping
/// only drops white space, so counting the other characters lines the two up.
fn line_starts(pieces: &[(&str, Style)], width: usize, offset: usize) -> Vec<usize> {
    let text: String = pieces.iter().map(|(t, _)| *t).collect();
    let solid: Vec<usize> = text.char_indices().filter(|(_, c)| !c.is_whitespace()).map(|(i, _)| i).collect();
    let mut starts = Vec::new();
    let mut seen = 0;
    for line in wrap_styled(pieces, width) {
        starts.push(offset + solid.get(seen).copied().unwrap_or(text.len()));
        seen += line.iter().flat_map(|s| s.content.chars()).filter(|c| !c.is_whitespace()).count();
    }
    if starts.is_empty() {
        starts.push(offset);
    }
    starts
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

/// All lines of the article (see `lay_out`).
pub fn lines(article: &Article, width: usize, theme: &Theme, show_hidden: bool) -> Vec<Line<'static>> {
    lay_out(article, width, theme, show_hidden).lines
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
