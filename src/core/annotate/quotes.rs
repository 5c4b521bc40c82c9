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

/// What a quote mark does where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Free-standing (spaces on both sides): it closes an open quotation, else opens one.
    Either,
}

fn role(s: &str, i: usize, c: char) -> Option<Role> {
    let before = s[..i].chars().next_back();
    let after = s[i + c.len_utf8()..].chars().next();
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    if word(before) && word(after) {
        return None; // an apostrophe: Trump’s, don't, rock'n'roll
    }
    // A clitic split off by tokenised copy ("Japan 's", "they 're") is an apostrophe too.
    if kind_of(c) == Some(Kind::Single) && before.is_some_and(char::is_whitespace) {
        let rest = &s[i + c.len_utf8()..];
        let clitic = ["s", "re", "ve", "ll", "d", "m", "t"]
            .iter()
            .any(|k| rest.strip_prefix(k).is_some_and(|r| !r.starts_with(char::is_alphanumeric)));
        if clitic {
            return None;
        }
    }
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b) || kind_of(b).is_some());
    let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–-…".contains(a) || kind_of(a).is_some());
    match (space_before, space_after) {
        (true, false) => Some(Role::Open),
        (false, true) => Some(Role::Close),
        (true, true) => Some(Role::Either),
        // Between a word and punctuation-free text on both sides is not a quote mark.
        (false, false) => None,
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
        let Some(role) = role(s, i, c) else { continue };
        let opens = match (role, open) {
            (Role::Either, Some((k, _))) => k != kind,
            (Role::Either, None) => !matches!(c, '”' | '’' | '»'),
            (r, _) => r == Role::Open,
        };
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
        if s[start..].split_whitespace().count() >= SINGLE_QUOTE_MIN_WORDS {
            out.push(range.start + start..range.end);
        }
    }
    out
}

/// A quoted title of a work ("Meet the Press") rather than speech: every word capitalised.
fn is_title(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    if let [word] = words[..] {
        return is_one_word_title(word);
    }
    let small = ["the", "of", "and", "a", "an", "in", "on", "for", "to", "at"];
    words.len() >= 2
        && words.len() <= TITLE_MAX_WORDS
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().next().is_some_and(char::is_uppercase) || small.contains(&w)
        })
        && !inner.trim_end().ends_with(['.', '!', '?'])
}

/// “Fargo,” “Musicophilia”: one capitalised word no dictionary has is a name (a film, a
/// book, a nickname); a one-word answer (“Never,” “Obliterated”) is an everyday word.
fn is_one_word_title(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']);
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && !super::lexicon::LEXICON.common_words.contains(word.to_lowercase().as_str())
}

/// An unmatched single quote mark opens a quotation only before this many words of a
/// sentence; a shorter stretch is an apostrophe ('90s, 'em).
const SINGLE_QUOTE_MIN_WORDS: usize = 6;
/// A quoted title of a work ("Meet the Press") is a few capitalised words, not a speech.
const TITLE_MAX_WORDS: usize = 6;

const PRONOUNS: &[&str] = &["he", "she", "He", "She"];

/// Words before a quoted name or nickname, which nobody is quoted as saying.
const TERM_CUES: &[&str] = &["dubbed", "nicknamed", "so-called"];

const UNNAMED: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "spokesperson",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "observers",
    "critics",
    "experts",
    "people",
    "person",
    "insider",
    "insiders",
    "dealer",
    "dealers",
    "trader",
    "traders",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "worker",
    "workers",
    "banker",
    "bankers",
    "investor",
    "investors",
    "voter",
    "voters",
    "activist",
    "activists",
];

/// Nouns that, after "the", refer back to an organisation just named ("the company said").
const ORG_REFS: &[&str] = &[
    "company",
    "firm",
    "group",
    "bank",
    "carmaker",
    "automaker",
    "airline",
    "retailer",
    "insurer",
    "maker",
    "club",
    "party",
    "agency",
];

/// Who a stretch of text names as the speaker.
#[derive(Debug, Clone)]
enum Who {
    Entity(String),
    /// "he said": resolved from the text before `at`.
    Pronoun(usize),
    /// "the company said": the organisation last named before `at`.
    OrgRef(usize),
    /// "the president said": the person last named with that title before `at`.
    RoleRef(usize),
    Unnamed,
}

fn words_in(text: &str, offset: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || c == '\'' || c == '’' || c == '.';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((offset + s, text[s..i].trim_end_matches('.')));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((offset + s, text[s..].trim_end_matches('.')));
    }
    out
}

/// How far back from a quotation its speaker is looked for, in bytes: about three long
/// paragraphs of news. Bounds the work per quotation in text with no paragraph breaks.
const MAX_LOOKBACK: usize = 4_000;
/// The speech verb after a quotation comes within its first few words ("…,” the
/// minister said", "…,” said Ann Lee").
const VERB_REACH: usize = 5;
/// After a quotation not closed by a comma, the verb must come at once ("…” he said").
const UNCLOSED_VERB_REACH: usize = 2;
/// How far a speech verb may follow a quotation when a person's name comes before it.
const LONG_VERB_REACH: usize = 12;
/// The speaker's name comes within a few words of its verb, titles included ("said
/// provincial governor Elin Sandqvist").
const NAME_REACH: usize = 5;
/// After "according to", the name starts with the second word and runs a few more.
const ACCORDING_REACH: usize = 7;

struct Attributor<'a> {
    text: &'a str,
    entities: &'a [Entity],
    quotes: &'a [Range<usize>],
    blocks: &'a [Range<usize>],
}

impl Attributor<'_> {
    /// Whether byte `at` is inside a quotation (the quotations are in text order).
    fn quoted(&self, at: usize) -> bool {
        let after = self.quotes.partition_point(|q| q.start <= at);
        after > 0 && at < self.quotes[after - 1].end
    }

    /// The entities wholly inside `range`, found by bisection (they are sorted and do not
    /// overlap), so a long article costs no more per quotation than a short one.
    fn within(&self, range: &Range<usize>) -> &[Entity] {
        let from = self.entities.partition_point(|e| e.range.start < range.start);
        let to = self.entities.partition_point(|e| e.range.end <= range.end);
        &self.entities[from..to.max(from)]
    }

    /// The person or organisation entity at byte `at`.
    fn entity_at(&self, at: usize) -> Option<&Entity> {
        let after = self.entities.partition_point(|e| e.range.start <= at);
        let e = &self.entities[after.checked_sub(1)?];
        (at < e.range.end && matches!(e.label, Label::Per | Label::Org)).then_some(e)
    }

    /// The person a capitalised word at `at` names by their surname alone, when the
    /// article named them in full before ("Kate York … York said", where "York" alone
    /// reads as a place).
    fn by_surname(&self, at: usize, word: &str) -> Option<String> {
        if !word.chars().next().is_some_and(char::is_uppercase) || PRONOUNS.contains(&word) {
            return None;
        }
        let before = self.entities.partition_point(|e| e.range.start < at);
        self.entities[..before]
            .iter()
            .rev()
            .find(|e| {
                e.label == Label::Per && e.canonical.contains(' ') && e.canonical.rsplit(' ').next() == Some(word)
            })
            .map(|e| e.canonical.clone())
    }

    /// The subject of a stretch: its first person (a surname alone too), else its first
    /// organisation, outside quotes.
    fn subject(&self, range: Range<usize>) -> Option<String> {
        let unquoted = || self.within(&range).iter().filter(|e| !self.quoted(e.range.start));
        let person = unquoted().find_map(|e| match e.label {
            Label::Per => Some(e.canonical.clone()),
            _ => self.by_surname(e.range.start, &self.text[e.range.clone()]),
        });
        person.or_else(|| unquoted().find(|e| e.label == Label::Org).map(|e| e.canonical.clone()))
    }

    fn last_person(&self, range: Range<usize>) -> Option<String> {
        self.within(&range)
            .iter()
            .rfind(|e| e.label == Label::Per && !self.quoted(e.range.start))
            .map(|e| e.canonical.clone())
    }

    /// Stretches of text before `at` between clause punctuation, nearest first, skipping
    /// quotations, back to `floor`. Lazy: callers mostly want the nearest one or two.
    fn clauses_before(&self, at: usize, floor: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        let (mut end, mut i, mut done) = (at, at, false);
        // The last quotation starting before `i`, kept in step as `i` walks back.
        let mut q = self.quotes.partition_point(|r| r.start < i);
        std::iter::from_fn(move || {
            while i > floor {
                let c = self.text[..i].chars().next_back()?;
                i -= c.len_utf8();
                let after = i + c.len_utf8();
                while q > 0 && self.quotes[q - 1].start > i {
                    q -= 1;
                }
                let quoted = q > 0 && i < self.quotes[q - 1].end;
                // Blocks are separated by white space: only there can one begin.
                let block_start = || c.is_whitespace() && self.blocks.binary_search_by_key(&after, |b| b.start).is_ok();
                let clause = if quoted {
                    // A quotation ends the clause before it.
                    (end > after && !self.quoted(end.saturating_sub(1))).then_some(after..end)
                } else if matches!(c, ',' | ';' | ':' | '.' | '!' | '?') || block_start() {
                    (end > after).then_some(after..end)
                } else {
                    continue;
                };
                end = i;
                if clause.is_some() {
                    return clause;
                }
            }
            if !done && end > floor {
                done = true;
                return Some(floor..end);
            }
            None
        })
    }

    /// Where a reference back from `at` ("he", "the company") may look: three paragraphs
    /// up, and no further than `MAX_LOOKBACK` bytes.
    fn lookback_floor(&self, at: usize) -> usize {
        let block = self.blocks.partition_point(|b| b.start <= at).saturating_sub(1);
        self.blocks.get(block.saturating_sub(3)).map_or(0, |b| b.start).max(self.bounded(at))
    }

    /// The char boundary `MAX_LOOKBACK` bytes before `at` (or the start of the text).
    fn bounded(&self, at: usize) -> usize {
        let mut floor = at.saturating_sub(MAX_LOOKBACK);
        while !self.text.is_char_boundary(floor) {
            floor += 1;
        }
        floor
    }

    /// "he" refers to the subject of the nearest clause before that names a person (of
    /// the pronoun's sex, where the given name tells). A
    /// clause whose subject is itself a pronoun ("she was more nervous than Ann Lee"),
    /// or a relative clause, names someone else: the search goes on back.
    fn resolve_pronoun(&self, at: usize) -> Option<String> {
        // "she" cannot mean a man by a name only men bear, nor "he" a woman.
        let lexicon = &super::lexicon::LEXICON;
        let excluded = match self.text[at..].split(|c: char| !c.is_alphabetic()).next() {
            Some("she" | "She") => Some(&lexicon.male_names),
            Some("he" | "He") => Some(&lexicon.female_names),
            _ => None,
        };
        let other_sex = |name: &str| excluded.is_some_and(|names| names.contains(name.split(' ').next().unwrap_or("")));
        self.clauses_before(at, self.lookback_floor(at)).find_map(|c| {
            // A relative clause ("Ann Lee, who joked about Ben Ray's sticks, …") names
            // someone besides its subject: the subject is in the clause before it.
            let first = self.text[c.clone()].split_whitespace().next().unwrap_or("");
            if matches!(first, "who" | "whose" | "which") {
                return None;
            }
            let person = self
                .within(&c)
                .iter()
                .find(|e| e.label == Label::Per && !self.quoted(e.range.start) && !other_sex(&e.canonical))?;
            let lead = &self.text[c.start..person.range.start];
            let pronoun_first = lead.split(|ch: char| !ch.is_alphabetic()).any(|w| PRONOUNS.contains(&w));
            (!pronoun_first).then(|| person.canonical.clone())
        })
    }

    /// "the president" at `at`: the person last named with that title before it
    /// ("President Ann Lee"), anywhere earlier in the text; no one if none was.
    fn role_holder(&self, at: usize) -> Option<String> {
        let role = self.text[at..].split(|c: char| !c.is_alphanumeric()).next()?;
        self.within(&(0..at))
            .iter()
            .rfind(|e| {
                let before = self.text[..e.range.start].trim_end();
                let title = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
                e.label == Label::Per && !self.quoted(e.range.start) && title.eq_ignore_ascii_case(role)
            })
            .map(|e| e.canonical.clone())
    }

    /// The organisation named last before `at`, within the three paragraphs before it.
    fn last_organisation(&self, at: usize) -> Option<String> {
        let floor = self.lookback_floor(at);
        self.within(&(floor..at))
            .iter()
            .rfind(|e| e.label == Label::Org && !self.quoted(e.range.start))
            .map(|e| e.canonical.clone())
    }

    /// "VERB NAME", "NAME VERB", "according to NAME", a pronoun with a verb, or an
    /// unnamed source, in `range` (next to a quotation).
    fn speaker_in(&self, range: Range<usize>, after_quote: bool) -> Option<Who> {
        let words = words_in(&self.text[range.clone()], range.start);
        let pick = |n: usize| -> Option<Who> {
            let (at, w) = words[n];
            if PRONOUNS.contains(&w) {
                return Some(Who::Pronoun(at));
            }
            if ORG_REFS.contains(&w) && n > 0 && words[n - 1].1.eq_ignore_ascii_case("the") {
                return Some(Who::OrgRef(at));
            }
            if UNNAMED.contains(&w) {
                return Some(Who::Unnamed);
            }
            if n > 0 && words[n - 1].1.eq_ignore_ascii_case("the") && is_role(w) {
                return Some(Who::RoleRef(at));
            }
            match self.entity_at(at) {
                Some(e) if e.label == Label::Per => Some(Who::Entity(e.canonical.clone())),
                found => self.by_surname(at, w).or_else(|| found.map(|e| e.canonical.clone())).map(Who::Entity),
            }
        };
        // The subject of verb `v`: the nearest person (or pronoun) before it, else the
        // nearest organisation, leaving out asides between commas (", a longtime Trump
        // ally,", ", speaking in The Hague with Trump,").
        let subject_before = |v: usize| -> Option<Who> {
            let mut aside = vec![false; v];
            let mut opened: Option<usize> = None;
            for n in 0..=v {
                let (at, w) = words[n];
                if self.text[..at].trim_end().ends_with(',') {
                    // An aside closes at the next comma; one still open at the verb is the clause itself.
                    if let Some(start) = opened.take() {
                        aside[start..n].iter_mut().for_each(|a| *a = true);
                    }
                    if n < v && (matches!(w, "a" | "an" | "the" | "who" | "which" | "whose") || w.ends_with("ing")) {
                        opened = Some(n);
                    }
                }
            }
            // A possessive says whose the subject is, it is not the subject ("Ann Lee's
            // source … said"). `named_end(n)`: where the name at word `n` ends.
            let named_end =
                |n: usize| self.entity_at(words[n].0).map_or(words[n].0 + words[n].1.len(), |e| e.range.end);
            let possessive = |n: usize| {
                let owner = |s: &str| s.ends_with("'s") || s.ends_with("’s");
                owner(words[n].1) || owner(&self.text[words[n].0..named_end(n)]) || {
                    let rest = &self.text[named_end(n)..];
                    rest.starts_with("'s") || rest.starts_with("’s")
                }
            };
            let person = (0..v).rev().filter(|&n| !aside[n] && !possessive(n)).find(|&n| {
                PRONOUNS.contains(&words[n].1)
                    || self.entity_at(words[n].0).is_some_and(|e| e.label == Label::Per)
                    || self.by_surname(words[n].0, words[n].1).is_some()
            });
            // "Ann Lee's source inside the camp … said": someone unnamed of theirs.
            let unnamed_of = (0..v).filter(|&n| !aside[n] && possessive(n)).find_map(|n| {
                let next = (n + 1..v).find(|&k| words[k].0 >= named_end(n))?;
                UNNAMED.contains(&words[next].1).then_some(Who::Unnamed)
            });
            if person.is_none() && unnamed_of.is_some() {
                return unnamed_of;
            }
            person.or_else(|| (0..v).rev().filter(|&n| !aside[n]).find(|&n| pick(n).is_some())).and_then(pick)
        };
        if let Some(n) = words.iter().position(|w| w.1 == "according") {
            if let Some(who) = (n + 2..words.len().min(n + ACCORDING_REACH)).find_map(pick) {
                return Some(who);
            }
        }
        if after_quote {
            // "…,' Anadolu quoted Trump as saying": the one quoted is the speaker.
            if let Some(n) = (0..words.len().min(VERB_REACH)).find(|&n| words[n].1 == "quoted") {
                if let Some(who) =
                    (n + 1..words.len().min(n + NAME_REACH)).take_while(|&k| words[k].1 != "as").find_map(pick)
                {
                    return Some(who);
                }
            }
            // "…,” Trump said" / "…,” said Mark Rutte" / "…,” he added": right after the quote;
            // or further on behind a long role, when a person comes before the verb
            // ("…,” lead researcher and agency scientist Ann Lee said").
            let verb = |n: &usize| SPEECH_VERBS.contains(&words[*n].1);
            // A quotation closed by a comma (or a question or exclamation mark) hands on to
            // an attribution; after one that is not, only a verb right after it is one
            // ("…” he said"): in “possible” although Okafor insisted…, the words are the
            // sentence's own.
            let closed = self.text[..range.start].trim_end_matches(|c| kind_of(c).is_some()).ends_with([',', '?', '!'])
                || self.text[range.clone()].trim_start().starts_with(',');
            // "…,” Ann Lee, a fellow at the institute and an author of the study, said":
            // a person named first after a comma-closed quotation, with an aside after the
            // name, is its speaker however far the verb.
            if closed && !words.is_empty() {
                if let Some(e) = self.entity_at(words[0].0).filter(|e| e.label == Label::Per) {
                    if self.text[e.range.end..range.end].trim_start().starts_with(',') {
                        return Some(Who::Entity(e.canonical.clone()));
                    }
                }
            }
            let (near, far) = if closed { (VERB_REACH, LONG_VERB_REACH) } else { (UNCLOSED_VERB_REACH, 0) };
            // "“BIG” money, as Rutte put it": an "as" clause attributes it too.
            let as_clause = |v: &usize| (v.saturating_sub(3)..*v).any(|n| words[n].1 == "as");
            let v = (0..words.len().min(near))
                .find(verb)
                .or_else(|| (near..words.len().min(VERB_REACH)).find(|v| !closed && verb(v) && as_clause(v)))
                .or_else(|| {
                    (near..words.len().min(far))
                        .find(verb)
                        .filter(|&v| (0..v).any(|n| self.entity_at(words[n].0).is_some_and(|e| e.label == Label::Per)))
                })?;
            // "said provincial governor Elin Sandqvist", "says veteran analyst Ann Lee",
            // "responded agency administrator Ann Lee": a person named within a few words
            // of the verb, before any comma, is the speaker, whatever describes them;
            // else the title words are skipped to whatever is named.
            let window = v + 1..words.len().min(v + 1 + NAME_REACH);
            let person_after = window
                .clone()
                .take_while(|&n| n == v + 1 || !self.text[..words[n].0].trim_end().ends_with(','))
                .find(|&n| self.entity_at(words[n].0).is_some_and(|e| e.label == Label::Per))
                .and_then(pick);
            let after = person_after
                .or_else(|| window.take_while(|&n| n == v + 1 || is_title_word(words[n - 1].1)).find_map(pick));
            return if v == 0 { after } else { subject_before(v).or(after) };
        }
        // Before the quote: the verb nearest to it and its subject.
        let verbs = (0..words.len()).rev().filter(|&n| SPEECH_VERBS.contains(&words[n].1));
        for v in verbs {
            if let Some(who) = subject_before(v) {
                return Some(who);
            }
        }
        None
    }
}

/// A word of a role or title, capitalised or not ("provincial governor", "Sen.").
fn is_title_word(word: &str) -> bool {
    let roles = [
        "provincial",
        "regional",
        "national",
        "local",
        "former",
        "deputy",
        "senior",
        "chief",
        "foreign",
        "prime",
        "state",
        "party",
        "union",
        "opposition",
        "the",
    ];
    roles.contains(&word) || is_listed_title(word) || word.chars().next().is_some_and(char::is_uppercase)
}

/// A title in lower case after "the" ("the president", "the minister"): a reference back
/// to whoever holds it.
fn is_role(word: &str) -> bool {
    word.starts_with(char::is_lowercase) && is_listed_title(word)
}

/// Whether the titles list has `word`, capitalised as the list writes it.
fn is_listed_title(word: &str) -> bool {
    let mut chars = word.chars();
    let capitalised: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    super::lexicon::LEXICON.titles.contains(capitalised.as_str())
}

/// Words that put a few quoted words in someone's mouth or mind, besides the verbs of
/// saying ("compared him to a stern “daddy”", "believing the terms “unrealistic”",
/// "his claim that they were “not close”").
const CHARACTERISING: &[&str] = &[
    "compared",
    "compares",
    "comparing",
    "believing",
    "believes",
    "believed",
    "thinks",
    "thought",
    "considers",
    "considered",
    "deemed",
    "deems",
    "branded",
    "brands",
    "labelled",
    "labeled",
    "dismissed",
    "dismisses",
    "calling",
    "describing",
    "claim",
    "claims",
    "remarks",
    "words",
    "statement",
    "characterised",
    "characterized",
    "termed",
    "hopes",
    "hoped",
    "fears",
    "feared",
    "wants",
    "expects",
];

/// Quotations this short, inside a sentence with no verb of saying, are terms.
const TERM_MAX_WORDS: usize = 3;

/// Whether quotation `q` is a term or scare quote: a few words, inside a sentence (not
/// opening it, not after a colon), whose sentence has no verb of saying.
fn is_term(text: &str, q: Range<usize>, para: Range<usize>) -> bool {
    let inner = &text[q.clone()];
    let before = text[para.start..q.start].trim_end();
    let start = sentence_start(text, para.start, q.start);
    let end = floor_boundary(text, sentence_end(text, q.end, para.end));
    let speech = |s: &str| {
        s.split(|c: char| !c.is_alphabetic()).any(|w| SPEECH_VERBS.contains(&w) || CHARACTERISING.contains(&w))
    };
    inner.split_whitespace().count() <= TERM_MAX_WORDS
        && !inner.trim_end_matches(|c| kind_of(c).is_some()).ends_with([',', '.', '?', '!'])
        && !text[start..q.start].trim().is_empty()
        && !before.ends_with(':')
        && !speech(&text[start..q.start])
        && !speech(&text[q.end..end])
}

/// The nearest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of the sentence that `at` is in, not counting an abbreviation's full stop
/// ("Robertson, the U.S. commander, said:").
fn sentence_start(text: &str, floor: usize, at: usize) -> usize {
    let mut to = at;
    while let Some(p) = text[floor..to].rfind(['.', '!', '?']).map(|p| floor + p) {
        if ends_sentence(text, floor, p) {
            return p + 1;
        }
        to = p;
    }
    floor
}

/// The end of the sentence that runs on at `at`: the first full stop, question or
/// exclamation mark that ends a sentence, not an abbreviation's stop ("Sen. Ann Lee",
/// "Dr. Lee", "the U.S. envoy", "J. Lee").
fn sentence_end(text: &str, at: usize, ceiling: usize) -> usize {
    let mut from = at;
    while let Some(p) = text[from..ceiling].find(['.', '!', '?']).map(|p| from + p) {
        if ends_sentence(text, at, p) {
            return p + 1;
        }
        from = p + 1;
    }
    ceiling
}

/// Whether the mark at byte `p` ends a sentence (read from `from`): not inside a word
/// ("Polygraph.info", "3.5"), not an abbreviation's full stop.
fn ends_sentence(text: &str, from: usize, p: usize) -> bool {
    let inside_word = text[p + 1..].chars().next().is_some_and(char::is_alphanumeric);
    let abbreviation = text[p..].starts_with('.') && abbreviation_before(&text[from..p]);
    !(inside_word || abbreviation)
}

/// Whether the word that ends `before` is an abbreviation whose full stop does not end
/// a sentence: a title ("Mr", "Sen", "Gov"), an initial ("J"), or letters with stops
/// ("U.S", "a.m").
fn abbreviation_before(before: &str) -> bool {
    const TITLES: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Lt", "Col", "Gen", "Sgt", "Capt", "Cmdr", "Adm", "Maj",
        "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "Cpl", "Pvt", "St", "Jr", "Sr", "No", "Mt", "Ft",
    ];
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(' || kind_of(c).is_some()).next().unwrap_or("");
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.split('.').all(|part| part.chars().count() == 1);
    TITLES.contains(&word) || single_capital || dotted
}

/// Every quotation in the document with its speaker's canonical name (or none), and the
/// quoted titles of works, which are names rather than quotations.
pub fn find(doc: &Document, entities: &[Entity]) -> (Vec<Quote>, Vec<Entity>) {
    let text = doc.text.as_str();
    let mut found: Vec<(Range<usize>, usize)> = Vec::new();
    let mut titles = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        for q in spans(text, block.range.clone()) {
            let inner = text[q.clone()].trim_matches(|c: char| kind_of(c).is_some() || c.is_whitespace() || c == ',');
            if is_title(inner) {
                titles.push(q);
            } else {
                found.push((q, b));
            }
        }
    }
    let quote_ranges: Vec<Range<usize>> = found.iter().map(|(q, _)| q.clone()).collect();
    let blocks: Vec<Range<usize>> = doc.blocks.iter().map(|b| b.range.clone()).collect();
    let att = Attributor { text, entities, quotes: &quote_ranges, blocks: &blocks };
    let mut quotes: Vec<Quote> = Vec::new();
    // The last speaker named, and in which block: a quotation with no attribution of its own
    // continues it only from the same or the previous paragraph.
    let mut last: Option<(String, usize)> = None;
    // Quotations with no attribution at all, which may share a later one's in the same sentence.
    let mut unattributed = vec![false; found.len()];
    for (n, (q, b)) in found.iter().enumerate() {
        let last_speaker = last.as_ref().filter(|(_, lb)| b - lb <= 1).map(|(name, _)| name.clone());
        let para = &blocks[*b];
        let prev_end = n.checked_sub(1).filter(|&p| found[p].1 == *b).map_or(para.start, |p| found[p].0.end);
        let next_start = found.get(n + 1).filter(|x| x.1 == *b).map_or(para.end, |x| x.0.start);
        let after = q.end..floor_boundary(text, sentence_end(text, q.end, next_start).min(q.end + 160));
        let before = sentence_start(text, prev_end, q.start).max(prev_end)..q.start;
        let who = att.speaker_in(after.clone(), true).or_else(|| att.speaker_in(before.clone(), false));
        // "dubbed the “Twitter killer”": a name given, not words said.
        let lead: Vec<&str> =
            text[before.clone()].split_whitespace().rev().skip_while(|w| matches!(*w, "the" | "a")).take(2).collect();
        let named_term = lead.first().is_some_and(|w| TERM_CUES.contains(w)) || lead[..] == ["as", "known"];
        let speaker = match who {
            _ if named_term => None,
            Some(Who::Entity(name)) => Some(name),
            Some(Who::Pronoun(at)) => att.resolve_pronoun(at).or_else(|| last_speaker.clone()),
            Some(Who::OrgRef(at)) => att.last_organisation(at),
            Some(Who::RoleRef(at)) => att.role_holder(at),
            Some(Who::Unnamed) => None,
            // A word or two in quotation marks with no verb of saying in its sentence is a
            // term or a scare quote ("this unique ‘bar’", "Uber “side hustle” ads"),
            // not something somebody said.
            None if is_term(text, q.clone(), para.clone()) => None,
            None => {
                let whole_paragraph = q.start == para.start;
                let mut clauses = att.clauses_before(q.start, para.start.max(att.bounded(q.start)));
                let (nearest, next) = (clauses.next(), clauses.next());
                // "…and Rutte, who compared him to a stern “daddy”": the relative clause's
                // subject is the last person before it.
                let relative = nearest.as_ref().is_some_and(|c| text[c.clone()].trim_start().starts_with("who "));
                let from_clause =
                    if relative { next.and_then(|c| att.last_person(c)) } else { nearest.and_then(|c| att.subject(c)) };
                let from_sentence = || att.subject(sentence_start(text, para.start, q.start)..q.start);
                if whole_paragraph {
                    unattributed[n] = last_speaker.is_none();
                    last_speaker.clone()
                } else {
                    let own = from_clause.or_else(from_sentence);
                    unattributed[n] = own.is_none();
                    own.or_else(|| last_speaker.clone())
                }
            }
        };
        if let Some(name) = &speaker {
            last = Some((name.clone(), *b));
        }
        quotes.push(Quote { range: q.clone(), speaker });
    }
    // "‘Fake singer’ … and ‘disappeared’, Mika Singh blasts him": quotations with no
    // attribution of their own take the one that ends their sentence.
    // A quotation left open at the end of its paragraph takes the speaker of the one that
    // continues it at the start of the next.
    for n in (0..quotes.len().saturating_sub(1)).rev() {
        // A quotation that ends its own sentence (“It just connected.”) shares nothing with the next.
        let ends_sentence =
            text[found[n].0.clone()].trim_end_matches(|c| kind_of(c).is_some()).ends_with(['.', '!', '?']);
        let same_sentence = found[n].1 == found[n + 1].1
            && !ends_sentence
            && !text[found[n].0.end..found[n + 1].0.start].contains(['.', '!', '?']);
        let continued = found[n].0.end == blocks[found[n].1].end
            && found[n + 1].1 == found[n].1 + 1
            && found[n + 1].0.start == blocks[found[n + 1].1].start;
        if unattributed[n] && (same_sentence || continued) && quotes[n + 1].speaker.is_some() {
            quotes[n].speaker = quotes[n + 1].speaker.clone();
        }
    }
    let title_entities = titles
        .into_iter()
        .map(|q| {
            let inner_start =
                q.start + text[q.clone()].char_indices().find(|(_, c)| kind_of(*c).is_none()).map_or(0, |(i, _)| i);
            let inner = &text[inner_start..q.end];
            let inner_end =
                inner_start + inner.trim_end_matches(|c: char| kind_of(c).is_some() || c == ',' || c == '.').len();
            Entity {
                range: inner_start..inner_end,
                label: Label::Misc,
                canonical: text[inner_start..inner_end].to_string(),
            }
        })
        .collect();
    (quotes, title_entities)
}
