//! What the filter knows about a line: its words, shape and language signals, and the
//! indexed word and phrase lists it is checked against.
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::limits::*;
use super::phrases;
use crate::core::document::BlockKind;
pub(super) use crate::core::document::Fnv;

/// What the filter knows about one block.
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) lower: String,
    /// Words, counting each CJK character as half a word (scripts without spaces).
    pub(super) words: usize,
    pub(super) kind: BlockKind,
    pub(super) ends_sentence: bool,
    pub(super) stop_ratio: f32,
    pub(super) caps_ratio: f32,
    /// Identifies a copy of the same text (see `mark_repeats`).
    pub(super) fingerprint: u64,
    /// Characters, and how many are ASCII digits.
    pub(super) chars: usize,
    pub(super) digits: usize,
    /// Separators of menu items and breadcrumbs: `|`, `·`, `•`, `»`.
    pub(super) separators: usize,
    /// A web or mail address in the line.
    pub(super) has_address: bool,
}

pub(super) type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// A section of the phrase files as a set of words, built on first use.
pub(super) struct Words {
    section: &'static str,
    set: OnceLock<WordSet>,
}

impl Words {
    const fn new(section: &'static str) -> Words {
        Words { section, set: OnceLock::new() }
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| phrases::list(self.section).iter().copied().collect()).contains(word)
    }
}

pub(super) static STOPWORDS: Words = Words::new("stopwords");
pub(super) static SHARE_WORDS: Words = Words::new("share");
pub(super) static ADVERTISING: Words = Words::new("advertising");
pub(super) static NAVIGATION: Words = Words::new("navigation");
pub(super) static TIME_AGO_UNITS: Words = Words::new("time_ago_units");

/// A very common word ("the", "und", "что") in one of the filter's languages.
pub fn is_function_word(word: &str) -> bool {
    is_stopword(word)
}

pub(super) fn is_stopword(word: &str) -> bool {
    // No function word in the lists is longer than this many bytes.
    word.len() <= 8 && STOPWORDS.contains(word)
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

pub(super) fn trim_punct(s: &str) -> &str {
    if s.is_ascii() {
        let b = s.as_bytes();
        let start = b.iter().position(u8::is_ascii_alphanumeric).unwrap_or(b.len());
        let end = b.iter().rposition(u8::is_ascii_alphanumeric).map_or(start, |e| e + 1);
        return &s[start..end];
    }
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

impl<'a> Line<'a> {
    pub(super) fn new(text: &'a str, kind: BlockKind) -> Line<'a> {
        // No-break spaces read as spaces, so phrases match ("많이 본\u{a0}칼럼").
        let ascii = text.is_ascii();
        let lower = if ascii { text.to_ascii_lowercase() } else { text.to_lowercase().replace('\u{a0}', " ") };
        let (mut chars, mut cjk, mut separators) = (text.len(), 0, text.bytes().filter(|&b| b == b'|').count());
        if !ascii {
            chars = 0;
            for c in text.chars() {
                chars += 1;
                cjk += usize::from(is_cjk(c));
                separators += usize::from(matches!(c, '·' | '•' | '»'));
            }
        }
        let (mut tokens, mut caps, mut stops) = (0, 0, 0);
        // One walk over the words: shape counts, and the fingerprint, a hash of the
        // lower-cased words with spacing ignored, for spotting copies.
        let mut print = Fnv::default();
        // Lower-casing keeps white space where it was, so the two word streams line up.
        for (word, lower_word) in text.split_whitespace().zip(lower.split_whitespace()) {
            tokens += 1;
            print.write(lower_word.as_bytes());
            print.write_u8(b' ');
            if word.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase) {
                caps += 1;
            }
            if is_stopword(trim_punct(lower_word)) {
                stops += 1;
            }
        }
        let words = tokens + cjk / 2;
        let last = text.trim_end().chars().last().unwrap_or(' ');
        Line {
            text,
            words,
            kind,
            ends_sentence: ".!?…。！？\"”’'»)".contains(last),
            stop_ratio: stops as f32 / tokens.max(1) as f32,
            caps_ratio: caps as f32 / tokens.max(1) as f32,
            fingerprint: print.finish(),
            chars,
            digits: text.bytes().filter(u8::is_ascii_digit).count(),
            separators,
            has_address: lower.contains("http") || lower.contains("www.") || lower.contains('@'),
            lower,
        }
    }

    /// Running prose: long enough, sentence-shaped, not a Title Case headline.
    pub(super) fn is_prose(&self) -> bool {
        let sentence_like = self.ends_sentence || self.words >= PROSE_UNENDED_WORDS;
        let headline_like = self.caps_ratio > HEADLINE_CAPS;
        let cjk_text = self.stop_ratio == 0.0
            && self.words > CJK_PROSE_CHARS
            && self.text.split_whitespace().count() < CJK_PROSE_MAX_SPACES;
        // Long lines in languages without a stopword list still count, unless they are name soup.
        let unlisted_language = self.words >= UNLISTED_PROSE_WORDS && self.caps_ratio < UNLISTED_PROSE_CAPS;
        self.words >= PROSE_MIN_WORDS
            && sentence_like
            && !headline_like
            && (self.stop_ratio >= PROSE_STOPWORDS || cjk_text || unlisted_language)
    }

    pub(super) fn is_short(&self) -> bool {
        self.words <= SHORT_WORDS
    }

    /// The line lower-cased with surrounding punctuation and bullets removed.
    pub(super) fn bare(&self) -> &str {
        trim_punct(&self.lower)
    }
}

pub(super) fn starts_with_phrase(text: &str, list: &[&str]) -> bool {
    list.iter()
        .any(|p| text.strip_prefix(p).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric())))
}

/// A section of the phrase files compiled once into one automaton, so a line is scanned
/// once per section.
pub(super) struct Phrases {
    section: &'static str,
    automaton: OnceLock<AhoCorasick>,
}

impl Phrases {
    const fn new(section: &'static str) -> Phrases {
        Phrases { section, automaton: OnceLock::new() }
    }

    fn list(&self) -> &'static [&'static str] {
        phrases::list(self.section)
    }

    fn automaton(&self) -> &AhoCorasick {
        // A full DFA: the lists are small, and every block of every page is scanned.
        self.automaton.get_or_init(|| {
            AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(self.list()).expect("phrase lists compile")
        })
    }
}

pub(super) static NEWSLETTER: Phrases = Phrases::new("newsletter");
pub(super) static COMMENTS: Phrases = Phrases::new("comments");
pub(super) static FORM: Phrases = Phrases::new("form");
pub(super) static TIME_AGO_WORDS: Phrases = Phrases::new("time_ago_words");
pub(super) static CREDITS: Phrases = Phrases::new("credits");
pub(super) static CONTACT: Phrases = Phrases::new("contact");
pub(super) static DISCLOSURE: Phrases = Phrases::new("disclosure");
pub(super) static COMMENT: Phrases = Phrases::new("comment_stem");
pub(super) static COOKIE: Phrases = Phrases::new("cookie");
pub(super) static CONSENT: Phrases = Phrases::new("consent");

/// Whether `text` contains a phrase of `set` starting at a word boundary. Prefix matches
/// are fine for inflected words ("рассылк…"); non-ASCII phrases may start anywhere, as
/// scripts without spaces have no boundaries to check.
pub(super) fn contains_phrase(text: &str, set: &Phrases) -> bool {
    set.automaton().find_overlapping_iter(text).any(|m| {
        let before = text[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        before || !set.list()[m.pattern().as_usize()].is_ascii()
    })
}

/// The maximal runs of consecutive indexes below `len` where `keep` holds.
pub(super) fn runs_where(len: usize, keep: impl Fn(usize) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < len {
        if !keep(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < len && keep(i) {
            i += 1;
        }
        runs.push(start..i);
    }
    runs
}

pub(super) fn word_set(lower: &str) -> HashSet<&str, BuildHasherDefault<Fnv>> {
    lower.split_whitespace().map(trim_punct).filter(|w| !w.is_empty()).collect()
}
