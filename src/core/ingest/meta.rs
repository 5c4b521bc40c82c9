//! Title, outlet, place and date from the top of a page, read the way a person would:
//! a glued "June 27, 2025Clash Report" line is a date and an outlet, a short first line
//! is the headline, "THE HAGUE (Reuters) -" is a dateline, and with no headline the
//! first sentence stands in, shortened.
use crate::core::annotate;
use crate::core::boilerplate::Reason;
use crate::core::date;
use crate::core::document::{fold_whitespace, Block, BlockKind, Meta};

/// Longest headline we accept as a headline rather than a paragraph.
const HEADLINE_MAX_CHARS: usize = 160;
const HEADLINE_MAX_WORDS: usize = 25;
/// Fallback titles are cut to about this many characters.
const TITLE_MAX_CHARS: usize = 80;
/// How far down the page a dateline or a date line may sit.
const LOOKAHEAD_BLOCKS: usize = 6;
/// How far above the article's first paragraph its headline may sit: kickers, bylines,
/// share bars and a photo credit come between them on real pages.
const HEADLINE_REACH: usize = 16;
/// A line that dates the article is short ("By Ann Lee - Nov 19, 2019, 10:31 pm CST");
/// a date inside a longer line is usually something the article talks about.
const DATE_LINE_MAX_WORDS: usize = 16;
/// Blocks below the headline searched for its date (bylines, "Updated", the dateline).
const DATE_BELOW: usize = 8;
/// Blocks above the headline searched for its date (a date set above it).
const DATE_ABOVE: usize = 3;
/// Words in a copyright holder's name that say it is a company behind the site, not the site.
const PUBLISHER_WORDS: [&str; 9] =
    ["media", "group", "communications", "interactive", "publishing", "network", "holdings", "services", "private"];
/// Legal forms dropped from a copyright holder's name ("The New York Times Company").
const LEGAL_FORMS: [&str; 9] = ["inc", "llc", "ltd", "pty", "limited", "company", "corp", "gmbh", "co"];

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_headline(text: &str, kind: BlockKind) -> bool {
    let chars = text.chars().count();
    let w = words(text);
    let cjk_like = w <= 1 && chars > 1; // scripts without spaces: judge by length alone
    match kind {
        BlockKind::Heading => true,
        BlockKind::ListItem | BlockKind::Quote | BlockKind::Caption => false,
        BlockKind::Paragraph => {
            chars <= HEADLINE_MAX_CHARS
                && (w >= 2 || cjk_like)
                && w <= HEADLINE_MAX_WORDS
                && !(cjk_like && chars > 60)
                && !text.ends_with('.')
                && !text.ends_with('。')
        }
    }
}

/// A leading date with at most a short outlet name after it ("June 27, 2025Clash Report").
fn date_line(text: &str) -> Option<(chrono::NaiveDate, Option<String>)> {
    let (d, n) = date::parse_prefix(text)?;
    let rest = text[n..].trim_start_matches([' ', '|', '-', '—', '–', '·', ',', ':']).trim();
    if words(rest) > 5 || rest.ends_with('.') {
        return None;
    }
    Some((d, (!rest.is_empty()).then(|| rest.to_string())))
}

/// "THE HAGUE (Reuters) -", "WASHINGTON, June 3 (AP) —", "MOSCOW:" → (place, outlet).
pub fn dateline(text: &str) -> Option<(String, Option<String>)> {
    let mut place_end = 0;
    let mut letters = 0;
    for (i, word) in word_spans(text) {
        let core = word.trim_end_matches([',', ':']);
        let all_caps =
            core.chars().any(char::is_alphabetic) && core.chars().all(|c| c.is_uppercase() || ".'’-".contains(c));
        if !all_caps {
            break;
        }
        letters += core.chars().filter(|c| c.is_alphabetic()).count();
        place_end = i + core.len();
        if word.ends_with([',', ':']) {
            break;
        }
    }
    if letters < 3 {
        return None;
    }
    let place_raw = text[..place_end].trim_end_matches(['-', '.']);
    let mut rest = &text[place_end..];
    // An optional ", June 3" or ", Ill." between the place and the outlet or dash.
    if let Some(r) = rest.strip_prefix(',') {
        let stop = r.find(['(', '—', '–', '-']).filter(|&p| p <= 20)?;
        rest = &r[stop..];
    }
    rest = rest.trim_start();
    let mut source = None;
    if let Some(r) = rest.strip_prefix('(') {
        let close = r.find(')').filter(|&p| p > 0 && p < 40)?;
        source = Some(r[..close].trim().to_string());
        rest = r[close + 1..].trim_start();
    }
    let after = rest.strip_prefix(['-', '—', '–', ':'])?;
    if after.trim().is_empty() {
        return None;
    }
    Some((title_case(place_raw), source))
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// "THE HAGUE" → "The Hague".
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map_or(String::new(), |f| f.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Headline text | Outlet Name" → ("Headline text", Some("Outlet Name")).
fn split_outlet_suffix(title: &str) -> (String, Option<String>) {
    for sep in [" | ", " - ", " — ", " – "] {
        if let Some(p) = title.rfind(sep) {
            let (head, tail) = (&title[..p], title[p + sep.len()..].trim());
            let capitalised = tail.split_whitespace().all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
            if words(head) >= 3 && (1..=4).contains(&words(tail)) && capitalised {
                return (head.trim().to_string(), Some(tail.to_string()));
            }
        }
    }
    (title.to_string(), None)
}

/// The first sentence, cut at a word boundary near `TITLE_MAX_CHARS`.
pub fn first_sentence(text: &str) -> String {
    let text = fold_whitespace(text);
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '。') && text[i + c.len_utf8()..].starts_with(' ') {
            // "U.S." or "Mr." is not a sentence end: the token must be a real word.
            let token = text[..i].rsplit(' ').next().unwrap_or("");
            let is_abbrev = token.chars().count() <= 2
                || token.contains('.')
                || matches!(token, "Mr" | "Mrs" | "Ms" | "Dr" | "Sen" | "Rep" | "Gov" | "Gen" | "St");
            if !is_abbrev {
                end = i + c.len_utf8();
                break;
            }
        }
    }
    shorten(&text[..end], TITLE_MAX_CHARS)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max + max / 8 {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let at_word = match cut.rfind(' ') {
        Some(p) if p > max / 2 => &cut[..p],
        _ => &cut,
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

pub fn infer(text: &str, blocks: &[Block]) -> Meta {
    let mut meta = Meta::default();
    let body = |b: &Block| text[b.range.clone()].trim();
    let mut i = 0;
    while let Some(b) = blocks.get(i).filter(|_| i < 2) {
        match date_line(body(b)) {
            Some((d, source)) => {
                meta.published = Some(d);
                meta.source = source.or(meta.source);
                meta.header_blocks.push(i);
                i += 1;
            }
            None => break,
        }
    }
    if let Some(b) = blocks.get(i).filter(|b| is_headline(body(b), b.kind)) {
        let (title, outlet) = split_outlet_suffix(body(b));
        meta.title = title;
        meta.source = meta.source.or(outlet);
        meta.header_blocks.push(i);
        i += 1;
    }
    for b in blocks.iter().skip(i).take(LOOKAHEAD_BLOCKS) {
        if let Some((place, source)) = dateline(body(b)) {
            meta.place = Some(place);
            meta.source = meta.source.or(source);
            break;
        }
    }
    if meta.published.is_none() {
        meta.published = blocks
            .iter()
            .take(LOOKAHEAD_BLOCKS)
            .map(body)
            .filter(|t| words(t) <= 12)
            .find_map(|t| date::find(t).map(|(d, _, _)| d));
    }
    if meta.title.is_empty() {
        let first = blocks.iter().skip(i).find(|b| b.kind == BlockKind::Paragraph).or(blocks.first());
        meta.title = first.map(|b| first_sentence(body(b))).unwrap_or_default();
    }
    meta
}

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

/// "By Ann Lee", "Ann Lee", "Published: Nov 19, 2019 8:03 am", "- Updated on: November 19, 2019".
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
    use crate::core::ingest::text::blocks;
    use chrono::NaiveDate;

    fn meta(t: &str) -> Meta {
        infer(t, &blocks(t, false))
    }

    #[test]
    fn short_first_line_is_the_headline() {
        let m = meta("Trump displays frustration as leaders gather\n\n- Share via\nTHE HAGUE — Aboard the plane on Tuesday, the president spoke.\n");
        assert_eq!(m.title, "Trump displays frustration as leaders gather");
        assert_eq!(m.place.as_deref(), Some("The Hague"));
        assert_eq!(m.source, None);
        assert_eq!(m.header_blocks, vec![0]);
    }

    #[test]
    fn blank_first_line_is_skipped_and_dateline_gives_outlet() {
        let m = meta("\nAnalysis-After the summit, allies still at odds\nTHE HAGUE (Reuters) -For the president, the war is a puzzle.\n");
        assert_eq!(m.title, "Analysis-After the summit, allies still at odds");
        assert_eq!(m.place.as_deref(), Some("The Hague"));
        assert_eq!(m.source.as_deref(), Some("Reuters"));
    }

    #[test]
    fn glued_date_and_outlet_are_split() {
        let m = meta("June 27, 2025Clash Report\nThe summit in the city revealed deep divisions between the allies over the war, with the president insisting on peace.\n");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2025, 6, 27));
        assert_eq!(m.source.as_deref(), Some("Clash Report"));
        assert_eq!(m.title, "The summit in the city revealed deep divisions between the allies over the war…");
        assert_eq!(m.header_blocks, vec![0]);
    }

    #[test]
    fn no_headline_falls_back_to_the_first_sentence() {
        let m =
            meta("US President Jan Novak said on Tuesday that the U.S. would help. He spoke in Oslo.\nMore text.\n");
        assert_eq!(m.title, "US President Jan Novak said on Tuesday that the U.S. would help.");
        assert!(m.header_blocks.is_empty());
    }

    #[test]
    fn datelines_in_several_shapes() {
        assert_eq!(
            dateline("WASHINGTON, June 3 (AP) — The Senate voted."),
            Some(("Washington".into(), Some("AP".into())))
        );
        assert_eq!(dateline("MOSCOW: Officials said."), Some(("Moscow".into(), None)));
        assert_eq!(dateline("NEW YORK -- Stocks fell."), Some(("New York".into(), None)));
        assert_eq!(dateline("RUSSIA STRATEGY REMAINS ELUSIVE"), None);
        assert_eq!(dateline("NATO said on Monday - no"), None);
        assert_eq!(dateline("A - b"), None);
    }

    #[test]
    fn outlet_suffix_is_split_from_the_headline() {
        let m = meta("Storm floods the harbour town overnight | Coastal Courier\nWater rose fast.\n");
        assert_eq!(m.title, "Storm floods the harbour town overnight");
        assert_eq!(m.source.as_deref(), Some("Coastal Courier"));
    }

    #[test]
    fn a_short_date_line_below_the_headline_dates_the_article() {
        let m = meta("Harbour reopens\nUpdated 4 March 2024\nThe harbour reopened today after repairs.\n");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2024, 3, 4));
    }

    #[test]
    fn a_byline_with_date_and_time_dates_the_article() {
        let m = meta("Council backs plan\nBy Jane Roe | June 18, 2024 8:39 AM\nThe council backed the plan.\n");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2024, 6, 18));
    }

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
        let page = "Skip to main content\n\n- Home\n- World\n- Sport\n\nSearch form\n\nMost read\n\nPort strike ends after three weeks of talks\n\nBy Ann Lee\n\nNov 19, 2019 8:03 am\n\n- Share\n- Tweet\n\nDock workers returned to work on Monday after a three-week strike that halted shipping.\n\nThe union said members had voted to accept.\n\n© 2019 Harbour Times. All rights reserved.\n";
        let m = around(page);
        assert_eq!(m.title, "Port strike ends after three weeks of talks");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2019, 11, 19));
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

    #[test]
    fn long_untitled_text_is_shortened_at_a_word() {
        let long = "word ".repeat(60);
        let m = meta(&long);
        assert!(m.title.ends_with('…'));
        assert!(m.title.chars().count() <= TITLE_MAX_CHARS + 1);
    }
}
