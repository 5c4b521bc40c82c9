//! The headline, date and source of a whole page saved as text, found from where the
//! filter says the article starts: the top of such a page is menus and "Skip to main
//! content", so the facts a reader looks for sit around the article, not above the page.
use crate::core::annotate;
use crate::core::boilerplate::Reason;
use crate::core::date;
use crate::core::document::{Block, BlockKind, Meta};
use crate::core::ingest::meta::{date_line, is_headline, split_outlet_suffix, words, HEADLINE_MAX_WORDS};

/// How far above the article's first paragraph its headline may sit: kickers, bylines,
/// share bars and a photo credit come between them on real pages.
const HEADLINE_REACH: usize = 16;
/// A line that dates the article is short ("By Ann Lee - Mar 4, 2024, 9:15 pm CST");
/// a date inside a longer line is usually something the article talks about.
const DATE_LINE_MAX_WORDS: usize = 16;
/// Blocks below the headline searched for its date (bylines, "Updated", the dateline).
const DATE_BELOW: usize = 8;
/// Blocks above the headline searched for its date (a date set above it).
const DATE_ABOVE: usize = 3;
/// Words in a copyright holder's name that say it is a company behind the site, not the site.
const PUBLISHER_WORDS: [&str; 9] =
    ["media", "group", "communications", "interactive", "publishing", "network", "holdings", "services", "private"];
/// Legal forms dropped from a copyright holder's name ("The Harbour Times Company").
const LEGAL_FORMS: [&str; 9] = ["inc", "llc", "ltd", "pty", "limited", "company", "corp", "gmbh", "co"];

/// The page's facts once the filter has judged it, for a whole-page text dump whose
/// top is site furniture: the headline is the heading-like line nearest above the
/// article's first kept paragraph, the date the one printed near that headline, and the
/// source the copyright holder in the footer when it names the site rather than the
/// company behind it. Facts found at the top of a clean article (`infer`) stand.
pub fn around_article(meta: &mut Meta, text: &str, blocks: &[Block], hidden: &[Option<Reason>]) {
    let body = |i: usize| text[blocks[i].range.clone()].trim();
    // A sentence with a byline under it is a headline that happens to end a sentence.
    let signed = |i: usize| i + 1 < blocks.len() && is_byline(body(i + 1));
    let Some(start) =
        (0..blocks.len()).find(|&i| hidden[i].is_none() && is_paragraph(body(i), blocks[i].kind) && !signed(i))
    else {
        return;
    };
    // How far each block above the article is from it, a list (share buttons, "most
    // read") counting as one step, so a list between headline and text does not hide it.
    let listed = |i: usize| blocks[i].kind == BlockKind::ListItem || numbered(body(i));
    let mut steps = Vec::new();
    let mut step = 0;
    for i in (0..start).rev() {
        if !(listed(i) && i + 1 < start && listed(i + 1)) {
            step += 1;
        }
        if step > HEADLINE_REACH {
            break;
        }
        steps.push((i, step));
    }
    // Nearest wins among equals, but a line with the shape of a headline (several words)
    // and a byline or date next to it beats a short menu label closer to the text.
    let score = |i: usize, distance: usize| {
        let w = words(body(i));
        let shape = if (4..=HEADLINE_MAX_WORDS).contains(&w) { 1.0 } else { 0.3 };
        // Bylines sit under a headline more often than over it; a page that repeats a
        // line next to itself repeats its headline (a breadcrumb, then the heading).
        let signed_below = (i + 1..start.min(i + 4)).any(|j| is_byline(body(j)));
        let signed_above = (i.saturating_sub(3)..i).any(|j| is_byline(body(j)));
        let repeated = (i.saturating_sub(2)..start.min(i + 3)).any(|j| j != i && body(j) == body(i));
        let signed = if signed_below {
            1.0
        } else if signed_above {
            0.6
        } else {
            0.0
        };
        // A standfirst without a full stop reads like a headline, but comes under one.
        let under_headline = i > 0
            && body(i - 1) != body(i)
            && words(body(i - 1)) >= 4
            && is_headline_above(body(i - 1), blocks[i - 1].kind);
        let bonus = if repeated { 0.5 } else { 0.0 } - if under_headline { 0.3 } else { 0.0 };
        shape + signed + bonus - 0.05 * distance as f32
    };
    let headline = steps
        .into_iter()
        .filter(|&(i, _)| may_be_headline(hidden[i]) && is_headline_above(body(i), blocks[i].kind))
        .max_by(|&(a, da), &(b, db)| score(a, da).total_cmp(&score(b, db)).then(a.cmp(&b)))
        .map(|(i, _)| i);
    if let Some(h) = headline.filter(|h| !meta.header_blocks.contains(h)) {
        let (title, outlet) = split_outlet_suffix(body(h));
        meta.title = title;
        meta.source = meta.source.take().or(outlet);
        // A date line found at the top stays out of the body; the old headline does not.
        meta.header_blocks.retain(|&i| date_line(body(i)).is_some());
        meta.header_blocks.push(h);
        let below = (h + 1..blocks.len()).take(DATE_BELOW);
        let above = (h.saturating_sub(DATE_ABOVE)..h).rev();
        if let Some(d) = below
            .chain(above)
            .map(body)
            .filter(|t| words(t) <= DATE_LINE_MAX_WORDS)
            .find_map(|t| date::find(t).map(|f| f.0))
        {
            meta.published = Some(d);
        }
    }
    if meta.source.is_none() {
        // The site's own notice says "all rights reserved"; a photo credit ("© Reuters") does not.
        let notices: Vec<usize> =
            (0..blocks.len()).rev().filter(|&i| hidden[i].is_some() && words(body(i)) <= 30).collect();
        let reserved = |i: &usize| body(*i).to_lowercase().contains("rights");
        meta.source = notices
            .iter()
            .filter(|i| reserved(i))
            .chain(notices.iter().filter(|i| !reserved(i)))
            .find_map(|&i| copyright_holder(body(i)));
    }
}

/// A kept paragraph of running text, where the article starts: it ends a sentence
/// (headlines do not end with a full stop) or runs longer than any headline.
fn is_paragraph(text: &str, kind: BlockKind) -> bool {
    let w = words(text);
    let sentence_end = text.trim_end_matches(['"', '”', '’', '\'', '»', ')']).ends_with(['.', '!', '?', '…', '。']);
    kind == BlockKind::Paragraph && ((w >= 6 && sentence_end) || w > HEADLINE_MAX_WORDS)
}

/// "By Ann Lee", "Ann Lee", "Published: Mar 4, 2024 7:10 am", "- Updated on: March 4, 2024".
fn is_byline(text: &str) -> bool {
    let ws: Vec<&str> = text.split_whitespace().filter(|w| !matches!(*w, "-" | "•" | "·")).collect();
    let first = ws.first().copied().unwrap_or("");
    let name = (2..=3).contains(&ws.len()) && annotate::is_person_name(&ws);
    words(text) <= DATE_LINE_MAX_WORDS && (first.eq_ignore_ascii_case("by") || name || date::find(text).is_some())
}

/// The filter often hides a headline with the short lines around it (a menu, a trending
/// list above it), but a line it hides as a share bar, promo, byline or caption is not one.
fn may_be_headline(hidden: Option<Reason>) -> bool {
    use Reason::*;
    matches!(hidden, None | Some(OutsideArticle | RepeatedText | Teaser | Navigation | RelatedStories))
}

/// A line that could head the article: not a shouted section label ("SPACE"), a label
/// before something (":"), a byline, a credit, a list entry or a results row.
fn is_headline_above(text: &str, kind: BlockKind) -> bool {
    let w = words(text);
    let shouting = text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase);
    let bracketed = text.starts_with(['(', '[']) && text.ends_with([')', ']']);
    let numbers = text.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_ascii_digit())).count();
    let furniture = (shouting && w <= 4) || text.ends_with([':', '|', ',']) || text.contains(['©', '@']) || bracketed;
    is_headline(text, kind) && w >= 2 && !furniture && !is_byline(text) && !numbered(text) && numbers * 2 < w
}

/// "6. Storm closes the bridge": an entry of a numbered list (most read, top ten).
fn numbered(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(['.', ')'])
}

/// "© 2019 Harbour Times. All rights reserved." → "Harbour Times"; `None` for a company
/// behind the site ("© 2019 Coastal Media Group, LLC") or a line that is not a plain name.
fn copyright_holder(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    // "Copyright Policy" is a link; a notice has the sign or a year.
    let has_year =
        line.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let at = lower.find('©').or_else(|| lower.find("copyright").filter(|_| has_year))?;
    // Past the sign, the word and the years ("© 2005-2019", "Copyright ©2019,") comes the name.
    let mut rest = &line[at..];
    loop {
        let word = rest.split_whitespace().next().unwrap_or("");
        let lower = word.to_lowercase();
        let filler = word.trim_start_matches('©').chars().all(|c| c.is_ascii_digit() || "-–,".contains(c))
            || lower == "copyright"
            || lower == "(c)";
        if word.is_empty() || !filler {
            break;
        }
        rest = rest.trim_start()[word.len()..].trim_start();
    }
    let end = [". ", " |", "(", " - ", " – ", " — ", ",", ";", " All ", " all "]
        .iter()
        .filter_map(|sep| rest.find(sep))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim_end_matches('.');
    let kept: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !LEGAL_FORMS.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .collect();
    let plain = (1..=4).contains(&kept.len())
        && kept.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && !kept.iter().any(|w| PUBLISHER_WORDS.contains(&w.to_lowercase().as_str()) || w.eq_ignore_ascii_case("all"));
    plain.then(|| kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ingest::meta::infer;
    use crate::core::ingest::text::blocks;
    use chrono::NaiveDate;

    /// A page dump as the filter would judge it: furniture hidden as `OutsideArticle`
    /// down to the first line of running text, the footer hidden as `Copyright`.
    fn around(page: &str) -> Meta {
        let blocks = blocks(page, false);
        let body = |b: &Block| page[b.range.clone()].trim().to_string();
        let start = blocks.iter().position(|b| body(b).starts_with("Dock workers")).unwrap();
        let hidden: Vec<Option<Reason>> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| match i {
                _ if body(b).starts_with('©') => Some(Reason::Copyright),
                _ if body(b).starts_with("By ") || body(b).starts_with("Nov") => Some(Reason::Byline),
                i if i < start => Some(Reason::OutsideArticle),
                _ => None,
            })
            .collect();
        let mut meta = infer(page, &blocks);
        around_article(&mut meta, page, &blocks, &hidden);
        meta
    }

    #[test]
    fn the_headline_is_found_above_the_article_not_at_the_page_top() {
        let page = "Skip to main content\n\n- Home\n- World\n- Sport\n\nSearch form\n\nMost read\n\nPort strike ends after three weeks of talks\n\nBy Ann Lee\n\nMar 4, 2024 7:10 am\n\n- Share\n- Tweet\n\nDock workers returned to work on Monday after a three-week strike that halted shipping.\n\nThe union said members had voted to accept.\n\n© 2019 Harbour Times. All rights reserved.\n";
        let m = around(page);
        assert_eq!(m.title, "Port strike ends after three weeks of talks");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2024, 3, 4));
        assert_eq!(m.source.as_deref(), Some("Harbour Times"));
    }

    #[test]
    fn a_standfirst_under_the_headline_is_not_the_headline() {
        let page = "Menu\n\nPort strike ends after three weeks of talks\n\nWhat the deal means for shipping along the coast\n\nBy Ann Lee\n\nDock workers returned to work on Monday after a three-week strike that halted shipping.\n";
        assert_eq!(around(page).title, "Port strike ends after three weeks of talks");
    }

    #[test]
    fn the_copyright_holder_is_the_source_only_when_it_names_the_site() {
        assert_eq!(copyright_holder("© 2005-2019 Harbour Times, All Rights Reserved."), Some("Harbour Times".into()));
        assert_eq!(copyright_holder("Copyright © 2019 HarbourTimes.com, LLC."), Some("HarbourTimes.com".into()));
        assert_eq!(copyright_holder("© 2019 The Harbour Times Company"), Some("The Harbour Times".into()));
        assert_eq!(copyright_holder("© 2019 Coastal Media Group, LLC. All rights reserved."), None);
        assert_eq!(copyright_holder("- Copyright Policy"), None);
        assert_eq!(copyright_holder("All rights reserved"), None);
    }
}
