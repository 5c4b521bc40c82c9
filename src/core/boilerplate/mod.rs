//! The boilerplate filter: which blocks of a page are the article, and why the others
//! are not. A verdict is given per block and nothing is deleted: the reader can show
//! hidden blocks again, and offsets keep pointing into the original text.
//!
//! It works on plain text as well as on blocks extracted from HTML, in any language:
//! structure does most of the work (prose is long, has sentence punctuation and function
//! words; furniture is short, repeated, Title Case or stacked in runs; the article is the
//! densest stretch of prose), and phrase lists in several languages name the furniture
//! of short lines ("Share via", "Related Articles", "Comments").
mod phrases;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;
use std::fmt;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::core::date;
use crate::core::document::{BlockKind, Document, SourceKind};

/// Why a block is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    ShareLinks,
    NewsletterPromo,
    RelatedStories,
    Teaser,
    RepeatedText,
    TagList,
    CommentsWidget,
    FormText,
    Navigation,
    Advertisement,
    Copyright,
    Byline,
    OutsideArticle,
    UserPattern,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::ShareLinks => "share links",
            Reason::NewsletterPromo => "newsletter promo",
            Reason::RelatedStories => "related stories",
            Reason::Teaser => "teaser",
            Reason::RepeatedText => "repeated text",
            Reason::TagList => "tag list",
            Reason::CommentsWidget => "comments widget",
            Reason::FormText => "form text",
            Reason::Navigation => "navigation",
            Reason::Advertisement => "advertisement",
            Reason::Copyright => "copyright",
            Reason::Byline => "byline or date",
            Reason::OutsideArticle => "outside the article",
            Reason::UserPattern => "your junk pattern",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The user's own patterns from `[filter]`: case-insensitive regular expressions.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub extra_junk: Vec<Regex>,
    pub keep: Vec<Regex>,
}

impl Rules {
    /// Compiles patterns case-insensitively; an error names the pattern at fault.
    pub fn compile(patterns: &[String]) -> Result<Vec<Regex>, String> {
        patterns
            .iter()
            .map(|p| Regex::new(&format!("(?i){p}")).map_err(|e| format!("bad pattern `{p}`: {e}")))
            .collect()
    }
}

/// What the filter knows about one block.
struct Line<'a> {
    text: &'a str,
    lower: String,
    /// Words, counting each CJK character as half a word (scripts without spaces).
    words: usize,
    kind: BlockKind,
    ends_sentence: bool,
    stop_ratio: f32,
    caps_ratio: f32,
    /// Identifies a copy of the same text (see `mark_repeats`).
    fingerprint: u64,
}

/// FNV-1a for the word sets: the words are tiny and trusted, so SipHash's cost buys nothing.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// A word list as a set, built on first use.
struct Words {
    list: &'static [&'static str],
    set: OnceLock<WordSet>,
}

impl Words {
    const fn new(list: &'static [&'static str]) -> Words {
        Words { list, set: OnceLock::new() }
    }

    fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.list.iter().copied().collect()).contains(word)
    }
}

static STOPWORDS: Words = Words::new(phrases::STOPWORDS);
static SHARE_WORDS: Words = Words::new(phrases::SHARE_WORDS);
static ADVERTISING: Words = Words::new(phrases::ADVERTISING);
static NAVIGATION: Words = Words::new(phrases::NAVIGATION);
static TIME_AGO_UNITS: Words = Words::new(phrases::TIME_AGO_UNITS);

/// A very common word ("the", "und", "что") in one of the filter's languages.
pub fn is_function_word(word: &str) -> bool {
    is_stopword(word)
}

fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

fn trim_punct(s: &str) -> &str {
    if s.is_ascii() {
        let b = s.as_bytes();
        let start = b.iter().position(u8::is_ascii_alphanumeric).unwrap_or(b.len());
        let end = b.iter().rposition(u8::is_ascii_alphanumeric).map_or(start, |e| e + 1);
        return &s[start..end];
    }
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

impl<'a> Line<'a> {
    fn new(text: &'a str, kind: BlockKind) -> Line<'a> {
        let lower = text.to_lowercase();
        let cjk = if text.is_ascii() { 0 } else { text.chars().filter(|c| is_cjk(*c)).count() };
        let (mut tokens, mut caps, mut stops) = (0, 0, 0);
        // Lower-casing keeps white space where it was, so the two word streams line up.
        for (word, lower_word) in text.split_whitespace().zip(lower.split_whitespace()) {
            tokens += 1;
            let bare = trim_punct(word);
            if bare.chars().next().is_some_and(char::is_uppercase) {
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
            fingerprint: fingerprint(&lower),
            lower,
        }
    }

    /// Running prose: long enough, sentence-shaped, not a Title Case headline.
    fn is_prose(&self) -> bool {
        let sentence_like = self.ends_sentence || self.words >= 25;
        let headline_like = self.caps_ratio > 0.6;
        let cjk_text = self.stop_ratio == 0.0 && self.words > 30 && self.text.split_whitespace().count() < 5;
        // Long lines in languages without a stopword list still count, unless they are name soup.
        let unlisted_language = self.words >= 20 && self.caps_ratio < 0.4;
        self.words >= 10 && sentence_like && !headline_like && (self.stop_ratio >= 0.08 || cjk_text || unlisted_language)
    }

    fn is_short(&self) -> bool {
        self.words <= 5
    }

    /// The line lower-cased with surrounding punctuation and bullets removed.
    fn bare(&self) -> &str {
        trim_punct(&self.lower)
    }
}

fn starts_with_phrase(text: &str, list: &[&str]) -> bool {
    list.iter().any(|p| {
        text.strip_prefix(p).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// A phrase list compiled once into one automaton, so a line is scanned once per list.
struct Phrases {
    list: &'static [&'static str],
    automaton: OnceLock<AhoCorasick>,
}

impl Phrases {
    const fn new(list: &'static [&'static str]) -> Phrases {
        Phrases { list, automaton: OnceLock::new() }
    }

    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| AhoCorasick::new(self.list).expect("phrase lists compile"))
    }
}

static NEWSLETTER: Phrases = Phrases::new(phrases::NEWSLETTER);
static COMMENTS: Phrases = Phrases::new(phrases::COMMENTS);
static FORM: Phrases = Phrases::new(phrases::FORM);
static TIME_AGO_WORDS: Phrases = Phrases::new(phrases::TIME_AGO_WORDS);
static COMMENT: Phrases = Phrases::new(&["comment"]);

/// Whether `text` contains a phrase of `set` starting at a word boundary. Prefix matches
/// are fine for inflected words ("рассылк…"); non-ASCII phrases may start anywhere, as
/// scripts without spaces have no boundaries to check.
fn contains_phrase(text: &str, set: &Phrases) -> bool {
    set.automaton().find_overlapping_iter(text).any(|m| {
        let before = text[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        before || !set.list[m.pattern().as_usize()].is_ascii()
    })
}

/// "Comments (12)", "Join the conversation", "No comments yet…" – but not a sentence such
/// as "The minister declined to comment."
fn is_comments_line(line: &Line) -> bool {
    line.words <= 8
        && !line.is_prose()
        && (contains_phrase(&line.lower, &COMMENTS) || (!line.ends_sentence && contains_phrase(&line.lower, &COMMENT)))
}

fn addresses_reader(lower: &str) -> bool {
    lower.split_whitespace().any(|w| matches!(trim_punct(w), "you" | "your" | "você" | "seu" | "sua" | "vous" | "votre" | "tu" | "ti" | "sie" | "ihr" | "usted" | "te"))
}

/// "17 minutes ago", "2 hours ago - Reuters", "há 3 horas", "3시간 전", "Yesterday".
fn is_time_ago(line: &Line) -> bool {
    if line.words > 6 {
        return false;
    }
    let lower = &line.lower;
    if phrases::TIME_AGO_GLUED.iter().any(|g| lower.contains(g)) {
        return true;
    }
    let has_word = contains_phrase(lower, &TIME_AGO_WORDS);
    let tokens: Vec<&str> = lower.split_whitespace().map(trim_punct).collect();
    let has_number_unit = tokens.windows(2).any(|w| w[0].chars().all(|c| c.is_ascii_digit()) && !w[0].is_empty() && TIME_AGO_UNITS.contains(w[1]));
    has_word && (has_number_unit || matches!(lower.trim(), "yesterday" | "just now" | "ontem" | "ayer" | "ieri" | "hier" | "gestern" | "вчера"))
}

/// A line that is only a date, a time or a month ("July 2025", "Nov. 19, 2019 8:03 am ET").
fn is_date_line(line: &Line) -> bool {
    if line.words > 8 || !line.text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    if let Some((_, start, end)) = date::find(line.text) {
        let rest = format!("{} {}", &line.text[..start], &line.text[end..]);
        return rest.split_whitespace().filter(|w| trim_punct(w).chars().any(char::is_alphabetic)).count() <= 3;
    }
    let tokens: Vec<&str> = line.lower.split_whitespace().map(trim_punct).collect();
    tokens.len() == 2 && date::month_name(tokens[0]) && tokens[1].len() == 4 && tokens[1].chars().all(|c| c.is_ascii_digit())
}

fn is_share_bar(line: &Line) -> bool {
    // Glued buttons ("Share to LinkedInLinkedInShare to FacebookFacebook…") name several networks.
    let networks = ["facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "telegram", "e-mail", "email"];
    if line.words <= 15 && networks.iter().filter(|n| line.lower.contains(*n)).count() >= 2 && !line.is_prose() {
        return true;
    }
    if line.words > 8 {
        return false;
    }
    let tokens: Vec<&str> = line.lower.split(|c: char| c.is_whitespace() || "|·•:,/-–—".contains(c)).map(trim_punct).filter(|t| !t.is_empty()).collect();
    !tokens.is_empty()
        && tokens.iter().all(|t| SHARE_WORDS.contains(t) || t.chars().all(|c| c.is_ascii_digit()))
        && tokens.iter().any(|t| {
            !t.chars().all(|c| c.is_ascii_digit())
                && !matches!(*t, "this" | "on" | "by" | "to" | "with" | "the" | "it" | "us" | "via" | "article" | "story" | "page")
        })
}

/// Furniture recognised from one line alone.
fn line_rule(line: &Line) -> Option<Reason> {
    let bare = line.bare();
    let lower = line.lower.trim();
    if line.words <= 30 && (starts_with_phrase(lower, phrases::COPYRIGHT) || lower.contains("all rights reserved")) {
        return Some(Reason::Copyright);
    }
    if line.words <= 6 && ADVERTISING.contains(bare) {
        return Some(Reason::Advertisement);
    }
    if is_share_bar(line) {
        return Some(Reason::ShareLinks);
    }
    if line.words <= 4 && NAVIGATION.contains(bare) {
        return Some(Reason::Navigation);
    }
    let newsletter = || contains_phrase(lower, &NEWSLETTER);
    if (line.words <= 12 || (line.words <= 40 && addresses_reader(lower))) && newsletter() {
        return Some(Reason::NewsletterPromo);
    }
    if is_comments_line(line) {
        return Some(Reason::CommentsWidget);
    }
    if line.words <= 25 && contains_phrase(lower, &FORM) {
        return Some(Reason::FormText);
    }
    if is_time_ago(line) {
        return Some(Reason::Teaser);
    }
    if is_related_link(line) {
        return Some(Reason::RelatedStories);
    }
    if is_date_line(line) {
        return Some(Reason::Byline);
    }
    let by = ["by ", "por ", "di ", "par ", "von ", "door "];
    if line.words <= 8 && !line.ends_sentence && by.iter().any(|b| lower.starts_with(b)) && line.caps_ratio >= 0.5 {
        return Some(Reason::Byline);
    }
    if line.words <= 12 && starts_with_phrase(lower, &["tags", "topics", "filed under", "tagged", "categories", "etiquetas", "temas", "argomenti", "thèmes", "schlagworte", "теги", "태그", "タグ"]) && lower.contains(':') {
        return Some(Reason::TagList);
    }
    None
}

/// A short line that opens a list of other stories ("Related Articles", "Leia também",
/// "Read more:"), as opposed to a one-line link ("Related: Storm closes port").
fn is_related_heading(line: &Line) -> bool {
    line.words <= 7
        && !line.lower.trim_end().ends_with('.')
        && line.lower.split_once(':').is_none_or(|(_, rest)| rest.trim().is_empty())
        && starts_with_phrase(line.bare(), phrases::RELATED_HEADINGS)
}

/// "Related: Storm closes port", "READ MORE: …", "[See also: …]": a link to one other story.
fn is_related_link(line: &Line) -> bool {
    line.words <= 25
        && line.lower.split_once(':').is_some_and(|(head, rest)| !rest.trim().is_empty() && head.split_whitespace().count() <= 4)
        && starts_with_phrase(line.bare(), phrases::RELATED_HEADINGS)
}

/// "About Jane Doe" over an author's biography.
fn is_author_box(line: &Line) -> bool {
    let openers = ["about ", "sobre ", "à propos de ", "über ", "chi è ", "acerca de ", "об авторе"];
    line.words <= 5 && !line.ends_sentence && line.caps_ratio >= 0.5 && openers.iter().any(|o| line.lower.starts_with(o))
}

/// From each related-stories heading, hide what follows until the article resumes:
/// two prose paragraphs in a row (a teaser card's snippet is already marked).
fn mark_related_sections(lines: &[&Line], out: &mut [Option<Reason>]) {
    let mut i = 0;
    while i < lines.len() {
        if !is_related_heading(lines[i]) {
            i += 1;
            continue;
        }
        out[i] = Some(Reason::RelatedStories);
        let mut j = i + 1;
        while j < lines.len() {
            let prose = |k: usize| k < lines.len() && out[k].is_none() && lines[k].is_prose();
            if prose(j) && prose(j + 1) {
                break;
            }
            out[j].get_or_insert(Reason::RelatedStories);
            j += 1;
        }
        i = j;
    }
}

/// An author box: the "About Jane Doe" line and the biography under it.
fn mark_author_boxes(lines: &[&Line], out: &mut [Option<Reason>]) {
    for i in 0..lines.len() {
        if out[i].is_none() && is_author_box(lines[i]) {
            out[i] = Some(Reason::Byline);
            if let Some(v) = out.get_mut(i + 1) {
                v.get_or_insert(Reason::Byline);
            }
        }
    }
}

/// Headline style puts quotations in single quotes (‘totally obliterated’); body text
/// uses double quotes. A paragraph quoting in single quotes, in an article whose
/// paragraphs quote in double quotes, is the deck of a teaser for another story.
fn headline_style_quotes(text: &str) -> bool {
    let opens_single = text.char_indices().any(|(i, c)| {
        c == '‘' && text[..i].chars().next_back().is_none_or(|p| p.is_whitespace() || p == '(') && text[i..].contains('’')
    });
    opens_single && !text.contains(['“', '"'])
}

/// Runs of three words of `text` none of which is a function word, lower-cased.
fn content_trigrams(text: &str) -> HashSet<String> {
    let words: Vec<String> = text.split_whitespace().map(|w| trim_punct(&w.to_lowercase()).to_string()).filter(|w| !w.is_empty()).collect();
    words
        .windows(3)
        .filter(|w| w.iter().all(|x| !is_stopword(x)))
        .map(|w| w.join(" "))
        .collect()
}

/// Teasers for other stories set inline between paragraphs: a deck in headline style, or
/// a one-sentence, quote-free paragraph deep in the article that echoes the headline
/// word for word (a sibling story on the same event, linked by its deck).
fn mark_inline_teasers(lines: &[&Line], title: &str, out: &mut [Option<Reason>]) {
    let prose: Vec<usize> = (0..lines.len()).filter(|&i| out[i].is_none() && lines[i].kind == BlockKind::Paragraph && lines[i].is_prose()).collect();
    let double_quoting = prose.iter().filter(|&&i| lines[i].text.contains(['“', '"'])).count();
    let title_runs = content_trigrams(title);
    for (n, &i) in prose.iter().enumerate() {
        let text = lines[i].text;
        if double_quoting >= 3 && headline_style_quotes(text) {
            out[i] = Some(Reason::Teaser);
            continue;
        }
        let one_sentence = !text.trim_end().trim_end_matches(['.', '!', '?']).contains(". ");
        let quote_free = !text.contains(['“', '”', '"', '‘']);
        if n >= 3 && lines[i].words <= 30 && one_sentence && quote_free && !content_trigrams(text).is_disjoint(&title_runs) {
            out[i] = Some(Reason::Teaser);
        }
    }
}

/// A comments heading after the article has begun ("Comments", "[ 167 comments ]",
/// "Top Rated Comments") starts the comment thread, which runs to the end of the page:
/// readers' comments are prose, so only their position tells them apart.
fn mark_comment_threads(lines: &[&Line], out: &mut [Option<Reason>]) {
    let mut prose_seen = 0;
    for i in 0..lines.len() {
        if out[i].is_none() && lines[i].is_prose() {
            prose_seen += 1;
        }
        let heading = lines[i].words <= 5 && is_comments_line(lines[i]);
        if heading && prose_seen >= 3 {
            for v in &mut out[i..] {
                v.get_or_insert(Reason::CommentsWidget);
            }
            return;
        }
    }
}

/// Around each "N minutes ago" line: the outlet names and the headline of the card, and
/// a snippet when one follows the headline.
fn mark_teaser_cards(lines: &[&Line], out: &mut [Option<Reason>]) {
    let stamps: Vec<usize> = (0..lines.len()).filter(|&i| out[i] == Some(Reason::Teaser)).collect();
    for i in stamps {
        for k in i.saturating_sub(2)..i {
            if lines[k].is_short() && !lines[k].ends_sentence {
                out[k].get_or_insert(Reason::Teaser);
            }
        }
        // The outlet and headline below the stamp, then the snippet if one follows.
        let mut k = i + 1;
        while k < lines.len() && k <= i + 3 && !lines[k].is_prose() && lines[k].words <= 25 {
            out[k].get_or_insert(Reason::Teaser);
            k += 1;
        }
        let snippet = k < lines.len() && lines[k].is_prose() && (k + 1 >= lines.len() || !lines[k + 1].is_prose());
        if snippet {
            out[k].get_or_insert(Reason::Teaser);
        }
    }
}

/// A hash of lower-cased text with spacing ignored, for spotting copies.
fn fingerprint(lower: &str) -> u64 {
    let mut h = Fnv::default();
    for word in lower.split_whitespace() {
        h.write(word.as_bytes());
        h.write_u8(b' ');
    }
    h.finish()
}

fn word_set(lower: &str) -> HashSet<&str, BuildHasherDefault<Fnv>> {
    lower.split_whitespace().map(trim_punct).filter(|w| !w.is_empty()).collect()
}

/// A second copy of text already shown: a repeated paragraph, or a whole article pasted twice.
fn mark_repeats(lines: &[&Line], out: &mut [Option<Reason>]) {
    let mut seen: HashSet<u64, BuildHasherDefault<Fnv>> = HashSet::default();
    let repeated: Vec<bool> = lines.iter().map(|l| l.words >= 4 && !seen.insert(l.fingerprint)).collect();
    for i in 0..lines.len() {
        // A lone short repeat is usually structure (the same interview question asked of
        // each guest); a long paragraph or a run of repeated lines is a second copy.
        let in_run = (i > 0 && repeated[i - 1]) || repeated.get(i + 1).copied().unwrap_or(false);
        if repeated[i] && (in_run || lines[i].words >= 25) && out[i].is_none() {
            out[i] = Some(Reason::RepeatedText);
        }
    }
}

/// Summary bullets whose words all come from one paragraph of the article. Checked on
/// the first reading only: it compares every bullet with every paragraph.
fn mark_summary_bullets(lines: &[&Line], out: &mut [Option<Reason>]) {
    let bullets: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kind == BlockKind::ListItem && lines[i].words >= 8 && out[i].is_none()).take(50).collect();
    if bullets.is_empty() {
        return;
    }
    let paragraphs: Vec<(usize, HashSet<&str, BuildHasherDefault<Fnv>>)> = (0..lines.len())
        .filter(|&i| lines[i].kind == BlockKind::Paragraph && out[i].is_none() && lines[i].is_prose())
        .map(|i| (i, word_set(&lines[i].lower)))
        .collect();
    for b in bullets {
        let words = word_set(&lines[b].lower);
        let repeats = paragraphs.iter().any(|(p, set)| {
            *p != b && words.iter().filter(|w| set.contains(*w)).count() * 100 >= words.len() * 90
        });
        if repeats {
            out[b] = Some(Reason::RepeatedText);
        }
    }
}

/// Runs of three or more short lines after the last paragraph of prose (topic and date
/// lists at the foot of a page), or any such run that is half dates.
fn mark_tag_lists(lines: &[&Line], out: &mut [Option<Reason>]) {
    let last_prose = (0..lines.len()).rev().find(|&i| out[i].is_none() && lines[i].is_prose());
    let mut i = 0;
    while i < lines.len() {
        let enumerated = |k: usize| lines[k].text.split([')', '.']).next().is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()));
        let short = |k: usize| lines[k].words <= 5 && !lines[k].lower.trim_end().ends_with('.') && !enumerated(k);
        if !short(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && short(i) {
            i += 1;
        }
        let run = start..i;
        let dates = run.clone().filter(|&k| is_date_line(lines[k])).count();
        let at_foot = last_prose.is_none_or(|p| start > p);
        if run.len() >= 3 && (at_foot || dates * 2 >= run.len()) {
            for k in run {
                out[k].get_or_insert(Reason::TagList);
            }
        }
    }
}

/// The article is the stretch of the page with the most prose: a maximum-sum run where
/// prose scores its length and everything else a penalty that grows along a gap, so a
/// caption or an advert inside the article is crossed but a long run of furniture (and
/// the comments or teasers beyond it) is not. Everything outside is hidden.
fn mark_outside_article(lines: &[&Line], out: &mut [Option<Reason>]) {
    let mut gap = 0i64;
    let mut scores = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        if out[i].is_none() && l.is_prose() {
            gap = 0;
            scores.push(l.words.min(80) as i64);
            continue;
        }
        // Mid-length lines (table rows, short paragraphs) neither score nor widen a gap.
        let medium = out[i].is_none() && !l.is_short() && l.caps_ratio <= 0.6;
        if medium {
            scores.push(0);
            continue;
        }
        gap += 1;
        let base = if out[i].is_some() { 4 } else if l.is_short() { 2 } else { 1 };
        scores.push(-(base + GAP_GROWTH * (gap - 1)));
    }
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, score) in scores.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += score;
        if sum > best {
            best = sum;
            best_range = Some((start, i));
        }
    }
    let Some((s, e)) = best_range else { return };
    for (i, v) in out.iter_mut().enumerate() {
        if i < s || i > e {
            v.get_or_insert(Reason::OutsideArticle);
        }
    }
}

/// How much each further line of a gap in the prose costs.
const GAP_GROWTH: i64 = 3;

/// How many times the filter re-reads what it kept (see `classify`).
const MAX_PASSES: usize = 4;

/// One reading of `lines`, starting from what each line says on its own (`own`).
fn one_pass(lines: &[&Line], own: Vec<Option<Reason>>, doc: &Document, first: bool) -> Vec<Option<Reason>> {
    let mut out = own;
    mark_teaser_cards(lines, &mut out);
    mark_related_sections(lines, &mut out);
    mark_comment_threads(lines, &mut out);
    mark_author_boxes(lines, &mut out);
    if !doc.meta.header_blocks.is_empty() {
        mark_inline_teasers(lines, &doc.meta.title, &mut out);
    }
    mark_repeats(lines, &mut out);
    if first {
        mark_summary_bullets(lines, &mut out);
    }
    mark_tag_lists(lines, &mut out);
    if doc.kind == SourceKind::Text {
        mark_outside_article(lines, &mut out);
    }
    out
}

/// One verdict per block of `doc`: `None` keeps it, `Some(reason)` hides it.
///
/// What is kept is read again until nothing more goes (removing a block of furniture can
/// leave, say, a stray line at the foot of the article), so cleaning cleaned text
/// changes nothing.
pub fn classify(doc: &Document, rules: &Rules) -> Vec<Option<Reason>> {
    let lines: Vec<Line> = doc.blocks.iter().map(|b| Line::new(doc.block_text(b), b.kind)).collect();
    let mut out: Vec<Option<Reason>> = vec![None; lines.len()];
    let own: Vec<Option<Reason>> = lines.iter().map(line_rule).collect();
    let mut kept: Vec<usize> = (0..lines.len()).collect();
    for pass in 0..MAX_PASSES {
        let view: Vec<&Line> = kept.iter().map(|&i| &lines[i]).collect();
        let verdicts = one_pass(&view, kept.iter().map(|&i| own[i]).collect(), doc, pass == 0);
        if verdicts.iter().all(Option::is_none) {
            break;
        }
        for (&i, v) in kept.iter().zip(&verdicts) {
            out[i] = *v;
        }
        kept.retain(|&i| out[i].is_none());
    }
    for (line, verdict) in lines.iter().zip(out.iter_mut()) {
        if rules.extra_junk.iter().any(|r| r.is_match(line.text)) {
            *verdict = Some(Reason::UserPattern);
        }
        if rules.keep.iter().any(|r| r.is_match(line.text)) {
            *verdict = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ingest::load_bytes;

    const P1: &str = "The council voted on Thursday to build the new bridge across the river, ending years of argument over its route and cost.";
    const P2: &str = "Opponents said the price had doubled since the first estimate and warned that the city could not pay for it without cutting other services.";
    const P3: &str = "The mayor said the rest of the money would come from the national infrastructure fund, which is expected to decide by the end of the year.";
    const P4: &str = "Residents of the eastern district, who have waited decades for a direct link to the centre, gathered in a community hall to watch the vote.";

    /// (text, verdict) for every block of a plain-text page.
    fn judge(text: &str) -> Vec<(String, Option<Reason>)> {
        judge_with(text, &Rules::default())
    }

    fn judge_with(text: &str, rules: &Rules) -> Vec<(String, Option<Reason>)> {
        let doc = load_bytes("page.txt", text.as_bytes()).unwrap();
        let verdicts = classify(&doc, rules);
        doc.blocks.iter().zip(verdicts).map(|(b, v)| (doc.block_text(b).to_string(), v)).collect()
    }

    fn verdict(judged: &[(String, Option<Reason>)], line: &str) -> Option<Reason> {
        judged.iter().find(|(t, _)| t == line).unwrap_or_else(|| panic!("no block {line:?} in {judged:?}")).1
    }

    fn page(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn share_bars_in_several_languages() {
        for bar in ["Share via", "Share this article", "Facebook", "Copy link", "Compartilhe", "Condividi", "Partager", "Поделиться", "공유하기", "Share: Facebook · X · Email", "Share to LinkedInLinkedInShare to FacebookFacebook"] {
            let j = judge(&page(&["Bridge vote passes", bar, P1, P2, P3]));
            assert_eq!(verdict(&j, bar.trim_start_matches("- ")), Some(Reason::ShareLinks), "{bar}");
            assert_eq!(verdict(&j, P1), None);
        }
    }

    #[test]
    fn newsletter_promos_but_not_news_about_newsletters() {
        let promo = "Deeply reported insights from the capital and beyond. In your inbox twice per week.";
        let news = "The union’s newsletter, sent to 40,000 members on Friday, said the strike would continue until the ministry made a written offer.";
        let j = judge(&page(&[P1, P2, news, P3, "Get the Politics newsletter", promo, "Cadastre-se"]));
        assert_eq!(verdict(&j, "Get the Politics newsletter"), Some(Reason::NewsletterPromo));
        assert_eq!(verdict(&j, promo), Some(Reason::NewsletterPromo));
        assert_eq!(verdict(&j, "Cadastre-se"), Some(Reason::NewsletterPromo));
        assert_eq!(verdict(&j, news), None);
    }

    #[test]
    fn related_sections_run_until_the_article_resumes() {
        let j = judge(&page(&[P1, P2, "Related Articles", "Ferry timetable cut for winter", "2 hours ago", "Harbour Times", "Crane contract goes abroad", P3, P4]));
        for teaser in ["Related Articles", "Ferry timetable cut for winter", "2 hours ago", "Harbour Times", "Crane contract goes abroad"] {
            assert!(verdict(&j, teaser).is_some(), "{teaser} kept: {j:?}");
        }
        assert_eq!(verdict(&j, P3), None, "the article resumed");
        assert_eq!(verdict(&j, P4), None);
    }

    #[test]
    fn teaser_cards_with_snippets_stay_hidden_to_the_end() {
        let snippet = "TOKYO (Wire) - The government executed a man on Friday who had killed nine people, the first use of the death penalty in three years.";
        let j = judge(&page(&[P1, P2, P3, "You may also like", "The Star", "17 minutes ago", "- The Star", "Man executed for nine killings", snippet]));
        assert_eq!(verdict(&j, snippet), Some(Reason::Teaser));
        assert_eq!(verdict(&j, "You may also like"), Some(Reason::RelatedStories));
    }

    #[test]
    fn related_headings_in_other_languages() {
        for heading in ["Leia também", "Leggi anche", "À lire aussi", "Lesen Sie auch", "Читайте также", "관련 기사", "関連記事", "Más leídas"] {
            let j = judge(&page(&[P1, P2, P3, heading, "Something else entirely happened", "Another story"]));
            assert_eq!(verdict(&j, heading), Some(Reason::RelatedStories), "{heading}");
            assert!(verdict(&j, "Another story").is_some(), "{heading}");
        }
    }

    #[test]
    fn comment_threads_after_the_article_but_not_declined_to_comment() {
        let declined = "A spokeswoman for the company declined to comment.";
        let reader = "I have lived here for thirty years and this is the first time the council has listened to anybody who uses the ferry.";
        let j = judge(&page(&[P1, declined, P2, P3, "Comments (12)", reader, "Reply", reader.replace("thirty", "forty").as_str()]));
        assert_eq!(verdict(&j, declined), None);
        assert_eq!(verdict(&j, "Comments (12)"), Some(Reason::CommentsWidget));
        assert_eq!(verdict(&j, reader), Some(Reason::CommentsWidget));
    }

    #[test]
    fn a_page_pasted_twice_keeps_the_first_copy() {
        let j = judge(&page(&["Bridge vote passes", P1, P2, P3, P1, P2, P3]));
        let kept: Vec<_> = j.iter().filter(|(_, v)| v.is_none()).map(|(t, _)| t.as_str()).collect();
        assert_eq!(kept, vec![P1, P2, P3]);
        assert!(j.iter().skip(4).all(|(_, v)| *v == Some(Reason::RepeatedText)));
    }

    #[test]
    fn a_lone_repeated_question_is_structure_not_a_copy() {
        let q = "What inspired you to start cooking?";
        let j = judge(&page(&[P1, q, P2, q, P3]));
        assert!(j.iter().all(|(_, v)| v.is_none()), "{j:?}");
    }

    #[test]
    fn summary_bullets_that_repeat_a_paragraph() {
        let bullet = "- Opponents said the price had doubled since the first estimate";
        let j = judge(&page(&["Bridge vote passes", bullet, P1, P2, P3]));
        assert_eq!(verdict(&j, &bullet[2..]), Some(Reason::RepeatedText));
        assert_eq!(verdict(&j, P2), None);
    }

    #[test]
    fn tag_and_date_lists_at_the_foot() {
        let j = judge(&page(&[P1, P2, P3, "Ukraine - Russia War", "June 2025", "Europe", "July 2025", "Defense", "August 2025"]));
        for t in ["Ukraine - Russia War", "June 2025", "Europe", "August 2025"] {
            assert!(verdict(&j, t).is_some(), "{t}: {j:?}");
        }
        let j = judge(&page(&[P1, P2, "Tags: Velmar, Labour, Shipping", P3]));
        assert_eq!(verdict(&j, "Tags: Velmar, Labour, Shipping"), Some(Reason::TagList));
    }

    #[test]
    fn form_cookie_copyright_and_advert_lines() {
        let j = judge(&page(&[P1, "\"*\" indicates required fields", "Advertisement", P2, P3, "We use cookies to improve your experience.", "© 2025 Harbour Times. All rights reserved."]));
        assert_eq!(verdict(&j, "\"*\" indicates required fields"), Some(Reason::FormText));
        assert_eq!(verdict(&j, "Advertisement"), Some(Reason::Advertisement));
        assert_eq!(verdict(&j, "We use cookies to improve your experience."), Some(Reason::FormText));
        assert_eq!(verdict(&j, "© 2025 Harbour Times. All rights reserved."), Some(Reason::Copyright));
    }

    #[test]
    fn navigation_around_the_article_is_outside_it() {
        let mut lines = vec!["Home", "- World", "- Business", "- Sport", "- Culture", "- Opinion", "Sign in"];
        lines.extend([P1, P2, P3, P4]);
        lines.extend(["- Privacy", "- Contact us", "- Jobs", "- Advertise", "- Site map"]);
        let j = judge(&page(&lines));
        assert!(verdict(&j, "World").is_some() && verdict(&j, "Site map").is_some());
        for p in [P1, P2, P3, P4] {
            assert_eq!(verdict(&j, p), None);
        }
    }

    #[test]
    fn subheads_and_one_line_paragraphs_of_the_article_are_kept() {
        let j = judge(&page(&[P1, P2, "RUSSIA STRATEGY REMAINS ELUSIVE", P3, "It did not.", P4]));
        assert!(j.iter().all(|(_, v)| v.is_none()), "{j:?}");
    }

    #[test]
    fn inline_teasers_between_paragraphs() {
        let q1 = "“We will not pay twice for one bridge,” the opposition leader said at the meeting on Thursday evening.";
        let q2 = "“This is the most important decision of a generation,” the mayor said, before the vote was called.";
        let q3 = "“My grandmother was promised this bridge,” said a baker from the eastern district, who watched the vote.";
        let deck = "A leaked audit casts doubt on the city’s claim that the old bridge was ‘beyond repair.’ The council calls it ‘misleading.’";
        let echo = "As the city council approves the plan, engineers warned that the river bed under Eastbank is softer than surveys suggested.";
        let j = judge(&page(&["City council approves Eastbank bridge plan", q1, P1, q2, deck, P2, q3, P3, echo, P4]));
        assert_eq!(verdict(&j, deck), Some(Reason::Teaser));
        assert_eq!(verdict(&j, echo), Some(Reason::Teaser));
        for p in [q1, q2, q3, P1, P2, P3, P4] {
            assert_eq!(verdict(&j, p), None, "{p}");
        }
    }

    #[test]
    fn korean_and_japanese_pages() {
        let ko = "서울시는 목요일 강을 가로지르는 새 다리를 건설하기로 결정했으며, 이로써 수년간 이어진 노선과 비용에 대한 논쟁이 끝났다고 밝혔다.";
        let ja = "市議会は木曜日、川に新しい橋を架けることを決定し、ルートと費用をめぐる長年の議論に終止符を打ったと発表した。";
        let j = judge(&page(&["공유하기", ko, ko.replace("목요일", "금요일").as_str(), "관련 기사", "다른 기사 제목"]));
        assert_eq!(verdict(&j, ko), None);
        assert_eq!(verdict(&j, "관련 기사"), Some(Reason::RelatedStories));
        assert_eq!(verdict(&j, "공유하기"), Some(Reason::ShareLinks));
        let j = judge(&page(&[ja, ja.replace("木曜日", "金曜日").as_str(), "関連記事", "別の記事"]));
        assert_eq!(verdict(&j, ja), None);
        assert_eq!(verdict(&j, "関連記事"), Some(Reason::RelatedStories));
    }

    #[test]
    fn user_patterns_hide_and_keep() {
        let rules = Rules { extra_junk: Rules::compile(&["^sponsored by".into()]).unwrap(), keep: Rules::compile(&["^correction:".into()]).unwrap() };
        let j = judge_with(&page(&[P1, "Sponsored by Acme Ferries", P2, "Correction: An earlier version misstated the cost.", P3, "Share via"]), &rules);
        assert_eq!(verdict(&j, "Sponsored by Acme Ferries"), Some(Reason::UserPattern));
        assert_eq!(verdict(&j, "Correction: An earlier version misstated the cost."), None);
        assert_eq!(verdict(&j, "Share via"), Some(Reason::ShareLinks));
    }

    #[test]
    fn html_blocks_go_through_the_same_rules() {
        let html = format!("<html><body><article><h1>Bridge vote</h1><p>{P1}</p><p>Share via</p><p>{P2}</p><p>{P3}</p><h3>Related Articles</h3><ul><li>Ferry cut</li><li>Crane deal</li></ul></article></body></html>");
        let doc = load_bytes("page.html", html.as_bytes()).unwrap();
        let verdicts = classify(&doc, &Rules::default());
        let hidden: Vec<&str> = doc.blocks.iter().zip(&verdicts).filter(|(_, v)| v.is_some()).map(|(b, _)| doc.block_text(b)).collect();
        assert!(hidden.contains(&"Share via"), "{hidden:?}");
        assert!(hidden.contains(&"Ferry cut"), "{hidden:?}");
        assert!(!hidden.contains(&P1));
    }
}
