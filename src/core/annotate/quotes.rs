//! Quotations and who said them. A quote mark's role comes from where it stands, not its
//! glyph: before a word it opens, after one it closes, between letters it is an
//! apostrophe. So a wrongly curled mark still closes, and ’s never opens or closes.
use std::ops::Range;

use super::lexicon::SPEECH_VERBS;
use super::{Entity, Label, Quote};
use crate::core::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

fn kind_of(c: char) -> Option<Kind> {
    match c {
        '"' | '“' | '”' | '„' | '«' | '»' => Some(Kind::Double),
        '\'' | '‘' | '’' => Some(Kind::Single),
        _ => None,
    }
}

/// Whether the mark at byte `i` of `s` opens (true), closes (false) or is neither.
fn role(s: &str, i: usize, c: char) -> Option<bool> {
    let before = s[..i].chars().next_back();
    let after = s[i + c.len_utf8()..].chars().next();
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    if word(before) && word(after) {
        return None; // an apostrophe: Trump’s, don't, rock'n'roll
    }
    let open_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b) || kind_of(b).is_some());
    let close_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–-…".contains(a) || kind_of(a).is_some());
    match (open_before && !after.is_none_or(char::is_whitespace), close_after && !before.is_none_or(char::is_whitespace)) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        // Ambiguous (e.g. a mark alone between spaces): the glyph decides.
        _ => match c {
            '“' | '‘' | '„' | '«' => Some(true),
            '”' | '’' | '»' => Some(false),
            '"' if after.is_some_and(char::is_whitespace) => Some(false),
            _ => None,
        },
    }
}

/// Top-level quotation spans in one paragraph, marks included. A quotation left open at
/// the end of the paragraph runs to its end; one re-opened while open continues.
fn spans(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut open: Option<(Kind, usize)> = None;
    let mut nested: Option<Kind> = None;
    for (i, c) in s.char_indices() {
        let Some(kind) = kind_of(c) else { continue };
        let Some(opens) = role(s, i, c) else { continue };
        match open {
            None if opens => open = Some((kind, i)),
            None => {}
            Some((k, start)) if k == kind => {
                if opens {
                    // Re-opened while open: the paragraph convention for a quote that
                    // goes on; or a wrongly curled close before a space (handled by role).
                    continue;
                }
                if nested == Some(kind) {
                    nested = None;
                    continue;
                }
                out.push(range.start + start..range.start + i + c.len_utf8());
                open = None;
            }
            Some(_) => {
                // The other kind inside a quotation: nested, not top level.
                if opens {
                    nested = Some(kind);
                } else if nested == Some(kind) {
                    nested = None;
                }
            }
        }
    }
    if let Some((Kind::Double, start)) = open {
        // An unclosed double quote at the end of a paragraph continues into the next one;
        // it is still a quotation of this paragraph.
        out.push(range.start + start..range.end);
    } else if let Some((Kind::Single, start)) = open {
        // An unmatched single mark is usually an apostrophe ('90s, 'em); keep it only when
        // it opens a sentence-long stretch.
        if s[start..].split_whitespace().count() >= 6 {
            out.push(range.start + start..range.end);
        }
    }
    out
}

/// A quoted title of a work ("Meet the Press") rather than speech: every word capitalised.
fn is_title(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    let small = ["the", "of", "and", "a", "an", "in", "on", "for", "to", "at"];
    words.len() >= 2
        && words.len() <= 6
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().next().is_some_and(char::is_uppercase) || small.contains(&w)
        })
        && !inner.trim_end().ends_with(['.', '!', '?'])
}

const PRONOUNS: &[&str] = &["he", "she", "He", "She"];

/// The speaker named in `clause`: a person or organisation entity, or a pronoun.
#[derive(Debug, Clone)]
enum Who {
    Entity(String),
    Pronoun,
    Unnamed,
}

fn words_in(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || c == '\'' || c == '’' || c == '.';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

struct Attributor<'a> {
    text: &'a str,
    entities: &'a [Entity],
}

impl Attributor<'_> {
    /// The person or organisation entity overlapping `at..at+len`.
    fn entity_at(&self, at: usize) -> Option<&Entity> {
        self.entities.iter().find(|e| e.range.start <= at && at < e.range.end && matches!(e.label, Label::Per | Label::Org))
    }

    /// Looks for "VERB NAME" / "NAME VERB" / "according to NAME" / pronoun + verb in a
    /// stretch of text next to a quotation.
    fn speaker_in(&self, range: Range<usize>, after_quote: bool) -> Option<Who> {
        let s = &self.text[range.clone()];
        let words = words_in(s);
        for (n, (at, w)) in words.iter().enumerate() {
            let lw = w.trim_end_matches('.');
            if lw == "according" && words.get(n + 1).is_some_and(|x| x.1 == "to") {
                if let Some((a, _)) = words.get(n + 2) {
                    return Some(self.who_at(range.start + a, s, *a));
                }
            }
            if !SPEECH_VERBS.contains(&lw) {
                continue;
            }
            // Subject before the verb: the nearest entity or pronoun in the few words before.
            for k in (n.saturating_sub(6)..n).rev() {
                let (a, word) = words[k];
                if PRONOUNS.contains(&word) {
                    return Some(Who::Pronoun);
                }
                if let Some(e) = self.entity_at(range.start + a) {
                    return Some(Who::Entity(e.canonical.clone()));
                }
                if matches!(word, "official" | "officials" | "source" | "sources" | "diplomat" | "spokesperson" | "aide" | "analyst" | "analysts") {
                    return Some(Who::Unnamed);
                }
            }
            // "said Mark Rutte" after the quote: the subject follows the verb.
            if after_quote {
                for (a, word) in words.iter().skip(n + 1).take(4) {
                    if PRONOUNS.contains(word) {
                        return Some(Who::Pronoun);
                    }
                    if let Some(e) = self.entity_at(range.start + a) {
                        return Some(Who::Entity(e.canonical.clone()));
                    }
                }
            }
            let _ = at;
        }
        None
    }

    fn who_at(&self, abs: usize, s: &str, rel: usize) -> Who {
        match self.entity_at(abs) {
            Some(e) => Who::Entity(e.canonical.clone()),
            None if s[rel..].starts_with(['a', 'A', 'o', 'O']) => Who::Unnamed,
            None => Who::Unnamed,
        }
    }
}

fn sentence_start(text: &str, para_start: usize, at: usize) -> usize {
    text[para_start..at].rfind(['.', '!', '?']).map_or(para_start, |p| para_start + p + 1)
}

fn sentence_end(text: &str, at: usize, para_end: usize) -> usize {
    text[at..para_end].find(['.', '!', '?']).map_or(para_end, |p| at + p + 1)
}

/// Every quotation in the document with its speaker's canonical name (or none).
pub fn find(doc: &Document, entities: &[Entity]) -> (Vec<Quote>, Vec<Entity>) {
    let text = doc.text.as_str();
    let att = Attributor { text, entities };
    let mut quotes: Vec<Quote> = Vec::new();
    let mut titles = Vec::new();
    let mut last_speaker: Option<String> = None;
    let mut last_person: Option<String> = None;
    let mut prev_para_open = false;
    for block in &doc.blocks {
        let para = block.range.clone();
        let found = spans(text, para.clone());
        let mut para_quotes: Vec<usize> = Vec::new();
        let mut cursor = para.start;
        for q in found {
            let inner = text[q.clone()].trim_matches(|c: char| kind_of(c).is_some() || c.is_whitespace() || c == ',');
            if is_title(inner) {
                titles.push(q.clone());
                continue;
            }
            // People mentioned before this quote update who "he" or "she" would be.
            for e in entities.iter().filter(|e| e.range.start >= cursor && e.range.end <= q.start && e.label == Label::Per) {
                last_person = Some(e.canonical.clone());
            }
            cursor = q.end;
            // Look after the quote first ("…,” Trump said), then before it in the sentence.
            let after_end = sentence_end(text, q.end, para.end).min(q.end + 120).min(para.end);
            let before_start = sentence_start(text, para.start, q.start);
            let next_quote_start = text[q.end..after_end].find(['“', '"']).map_or(after_end, |p| q.end + p);
            let who = att
                .speaker_in(q.end..next_quote_start, true)
                .or_else(|| att.speaker_in(before_start..q.start, false))
                .or_else(|| {
                    // A quote inside a sentence whose subject is a person: "Rutte fawned over the “decisive action”".
                    entities
                        .iter()
                        .filter(|e| e.range.start >= before_start && e.range.end <= q.start && e.label == Label::Per)
                        .next_back()
                        .map(|e| Who::Entity(e.canonical.clone()))
                });
            let speaker = match who {
                Some(Who::Entity(name)) => Some(name),
                Some(Who::Pronoun) => last_speaker.clone().or_else(|| last_person.clone()),
                Some(Who::Unnamed) => None,
                // A paragraph that is all quotation continues the previous speaker.
                None if prev_para_open || q.start == para.start => last_speaker.clone(),
                None => para_quotes.last().and_then(|&k| quotes[k].speaker.clone()).or_else(|| last_speaker.clone()),
            };
            if speaker.is_some() {
                last_speaker = speaker.clone();
            }
            para_quotes.push(quotes.len());
            quotes.push(Quote { range: q, speaker });
        }
        for e in entities.iter().filter(|e| e.range.start >= cursor && e.range.end <= para.end && e.label == Label::Per) {
            last_person = Some(e.canonical.clone());
        }
        prev_para_open = quotes.last().is_some_and(|q| q.range.end == para.end && !text[..para.end].ends_with(['”', '"', '’', '\'']));
    }
    let title_entities = titles
        .into_iter()
        .map(|q| {
            let inner_start = q.start + text[q.clone()].char_indices().find(|(_, c)| kind_of(*c).is_none()).map_or(0, |(i, _)| i);
            let inner = &text[inner_start..q.end];
            let inner_end = inner_start + inner.trim_end_matches(|c: char| kind_of(c).is_some() || c == ',' || c == '.').len();
            Entity { range: inner_start..inner_end, label: Label::Misc, canonical: text[inner_start..inner_end].to_string() }
        })
        .collect();
    (quotes, title_entities)
}
