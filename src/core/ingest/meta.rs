//! Title, outlet, place and date from the top of a page, read the way a person would:
//! a glued "June 27, 2025Clash Report" line is a date and an outlet, a short first line
//! is the headline, "THE HAGUE (Reuters) -" is a dateline, and with no headline the
//! first sentence stands in, shortened.
use crate::core::date;
use crate::core::document::{fold_whitespace, Block, BlockKind, Meta};

/// Longest headline we accept as a headline rather than a paragraph.
const HEADLINE_MAX_CHARS: usize = 160;
pub(crate) const HEADLINE_MAX_WORDS: usize = 25;
/// Fallback titles are cut to about this many characters.
const TITLE_MAX_CHARS: usize = 80;
/// How far down the page a dateline or a date line may sit.
pub(crate) const LOOKAHEAD_BLOCKS: usize = 6;
pub(crate) fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(crate) fn is_headline(text: &str, kind: BlockKind) -> bool {
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
pub(crate) fn date_line(text: &str) -> Option<(chrono::NaiveDate, Option<String>)> {
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
pub(crate) fn split_outlet_suffix(title: &str) -> (String, Option<String>) {
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
        let m = meta("Mayor displays frustration as unions gather\n\n- Share via\nVELMAR — Aboard the ferry on Tuesday, the mayor spoke.\n");
        assert_eq!(m.title, "Mayor displays frustration as unions gather");
        assert_eq!(m.place.as_deref(), Some("Velmar"));
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
        let m = meta("June 27, 2025Coastal Report\nThe meeting in the harbour town showed wide gaps between the unions over pay, with the mayor insisting on a quick deal.\n");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2025, 6, 27));
        assert_eq!(m.source.as_deref(), Some("Coastal Report"));
        assert_eq!(m.title, "The meeting in the harbour town showed wide gaps between the unions over pay…");
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

    #[test]
    fn long_untitled_text_is_shortened_at_a_word() {
        let long = "word ".repeat(60);
        let m = meta(&long);
        assert!(m.title.ends_with('…'));
        assert!(m.title.chars().count() <= TITLE_MAX_CHARS + 1);
    }
}
