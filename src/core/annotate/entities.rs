//! People, organisations, places and other names. Capitalised word runs are the
//! candidates; titles ("President", "Sen.") split them and stay outside; gazetteers,
//! head words ("… Council", "… Forum") and context ("said", "Mr.", "in") give the label;
//! a name seen once in full labels its later short forms ("Trump" after "Donald Trump").
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::lexicon::{
    CORPORATE_NOUNS, LEXICON, LOC_HEADS, LOC_OF, MISC_HEADS, NAME_PARTICLES, ORG_HEADS, ORG_NOUNS, ORG_OF, ROLE_NOUNS,
    SPEECH_VERBS,
};
use super::{Entity, Label};
use crate::core::document::{Document, Fnv};

/// Words of one text, hashed with FNV: built and probed for every article.
type Words<'a> = HashSet<&'a str, BuildHasherDefault<Fnv>>;
use crate::core::ingest::title_case;

/// A word of the text with what the recogniser needs to know about it.
#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    /// Starts a sentence (or a line), where any word is capitalised.
    initial: bool,
    /// Followed by a possessive ’s, which is left out of the span.
    possessive: bool,
    /// Followed by punctuation (not just a space) before the next word.
    broken_after: bool,
}

fn is_word_char(c: char) -> bool {
    // Cased letters first: their tables are quicker to search than the alphabetic one.
    c.is_ascii_alphanumeric() || (!c.is_ascii() && (c.is_lowercase() || c.is_uppercase() || c.is_alphanumeric()))
}

/// Splits `text[range]` into words. Internal apostrophes, periods and hyphens stay inside
/// a word ("U.S.", "don’t", "Daimler-Benz") except a hyphen after a name before lower
/// case ("Republican-led") or between two known names ("US-China"), which makes two words.
fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let s = &text[range.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut initial = true;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_word_char(c) {
            let opening_quote =
                matches!(c, '“' | '"' | '‘' | '\'' | '«') && chars.get(i + 1).is_some_and(|x| x.1.is_alphanumeric());
            let after_abbreviation = c == '.'
                && out.last().is_some_and(|t: &Token| {
                    t.range.end == range.start + start
                        && matches!(
                            &text[t.range.clone()],
                            "Mr" | "Mrs"
                                | "Ms"
                                | "Dr"
                                | "Sen"
                                | "Gov"
                                | "Rep"
                                | "Gen"
                                | "St"
                                | "Lt"
                                | "Col"
                                | "Prof"
                                | "Capt"
                                | "Sgt"
                                | "Adm"
                                | "Maj"
                        )
                });
            let dash = c == '-' && (chars.get(i + 1).is_some_and(|x| x.1 == ' ') || i > 0 && chars[i - 1].1 == ' ');
            if (matches!(c, '.' | '!' | '?' | ':' | '—' | '–' | ';' | '(') && !after_abbreviation)
                || opening_quote
                || dash
            {
                initial = true;
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let next = chars.get(j + 1).map(|x| x.1);
            let joins = matches!(c, '.' | '\'' | '’' | '-') && next.is_some_and(is_word_char);
            if is_word_char(c) {
                j += 1;
            } else if joins {
                // "Republican-led" ends the name at the hyphen; "US-China" is two known names;
                // "Daimler-Benz" stays one name.
                if c == '-' && chars[i].1.is_uppercase() {
                    let part_start = chars[j + 1].0;
                    let part_end = s[part_start..].find(|c: char| !is_word_char(c)).map_or(s.len(), |e| part_start + e);
                    let (before, after) = (&s[start..chars[j].0], &s[part_start..part_end]);
                    let known = |w: &str| {
                        LEXICON.phrases.contains_key(w) || LEXICON.phrases.contains_key(title_case(w).as_str())
                    };
                    // "Kim Woo-choong" is one name: only a common word after the hyphen ends it.
                    let common_after =
                        LEXICON.common_words.contains(after) || after.ends_with("ed") || after.ends_with("ing");
                    if (!after.starts_with(char::is_uppercase) && common_after) || (known(before) && known(after)) {
                        break;
                    }
                }
                j += 1;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(s.len(), |x| x.0);
        let mut word = &s[start..end];
        // "U.S." keeps its final period.
        if chars.get(j).is_some_and(|x| x.1 == '.')
            && word.contains('.')
            && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
        {
            end += 1;
            word = &s[start..end];
            j += 1;
        }
        let mut possessive = false;
        for suffix in ["’s", "'s"] {
            if let Some(base) = word.strip_suffix(suffix) {
                if !base.is_empty() {
                    end = start + base.len();
                    possessive = true;
                }
            }
        }
        out.push(Token { range: range.start + start..range.start + end, initial, possessive, broken_after: true });
        initial = false;
        i = j;
    }
    // Words are joined into names only across a single plain space, or a plural
    // possessive inside a name ("United Dockers’ Federation").
    let first = out.len() - out.iter().rev().take_while(|t| t.range.start >= range.start).count();
    for k in first..out.len().saturating_sub(1) {
        let gap = &text[out[k].range.end..out[k + 1].range.start];
        let plural_possessive = matches!(gap, "’ " | "' ")
            && text[..out[k].range.end].ends_with('s')
            && is_capitalised(&text[out[k + 1].range.clone()]);
        out[k].broken_after = !(gap == " " || plural_possessive) || out[k].possessive;
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word`, lower-cased, is a common English word ("Magic", "North").
fn is_common_word(word: &str) -> bool {
    LEXICON.common_words.contains(word.to_lowercase().as_str())
}

/// Surname endings common across Europe and beyond ("Rabinovich", "Kovalenko", "Papadopoulos").
fn has_surname_ending(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ovich", "evich", "ovic", "evic", "wicz", "enko", "chuk", "czuk", "yuk", "ov", "ova", "ev", "eva", "sky",
        "skiy", "ski", "ska", "escu", "opoulos", "akis", "oglu", "yan", "shvili", "dze", "ez",
    ];
    word.chars().count() >= 5 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// A capital after the first letter, not as in "McCain", "MacArthur", "DeSantis", "O’Brien".
fn is_camel_case(word: &str) -> bool {
    let body = ["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "O’", "O'", "D’", "D'"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    let mut chars = body.chars();
    chars.next().is_some() && chars.any(char::is_uppercase) && !is_all_caps(word) && !word.contains(['-', '.'])
}

/// Capitals and no small letters ("NATO", "U.S.", "COVID-19"); scripts without case never are.
fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase)
}

/// Words that name a region of the place after them ("Atlantic Canada", "Northern Italy").
const REGION_WORDS: &[&str] = &[
    "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "Greater", "Atlantic", "Pacific",
    "Arctic", "North", "South", "East", "West",
];

/// Lower-case nouns that make the name before them a place ("the Donetsk region").
const GEO_NOUNS: &[&str] = &[
    "region",
    "district",
    "province",
    "area",
    "valley",
    "county",
    "state",
    "river",
    "mountains",
    "coast",
    "rainforest",
    "basin",
    "delta",
];

const NUMBER_WORDS: &[&str] = &["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"];

struct Recogniser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    /// Lower-case words seen in the text, to tell a capitalised common word at the start
    /// of a sentence ("Aboard") from a name.
    lowercase_words: Words<'a>,
    /// Whether the line holding each token is mostly capitals (a headline or dateline).
    shouting: Vec<bool>,
    /// Whether the line holding each token is a results line ("Barnsley 3 Leeds 1",
    /// "Manchester United 5 3 1 1 9 5 10"), where names are sides and players.
    results: Vec<bool>,
    /// Whether the line holding each token is a title-case headline ("Nissan Shows a New
    /// Sentra"), where capitals say nothing about names.
    headline: Vec<bool>,
    /// Capitalised words the text itself shows acting as people: before "said", after a
    /// lower-case role ("coach Boudreau"), before ", who", or after a given name ("Donald Trump").
    person_cues: Words<'a>,
    /// Capitalised words the text shows acting as companies: "Norvex’s shares", "Norvex, which",
    /// "carmaker Renault".
    org_cues: Words<'a>,
    /// The place of the dateline ("VELMAR —"), a place wherever it recurs.
    dateline_place: Option<String>,
    /// Whether each token can be part of a name.
    name_like: Vec<bool>,
    /// Distinctive words of multi-word organisation names in the text.
    org_words: Words<'a>,
}

impl<'a> Recogniser<'a> {
    fn word(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].range.clone()]
    }

    /// The text of tokens `r`, spaces and all.
    fn span_text(&self, r: Range<usize>) -> &'a str {
        &self.text[self.tokens[r.start].range.start..self.tokens[r.end - 1].range.end]
    }

    /// Whether a geographic noun follows the name ending at token `end` ("the Donetsk region").
    fn geo_noun_after(&self, end: usize) -> bool {
        !self.tokens[end - 1].broken_after
            && self.tokens.get(end).is_some_and(|t| GEO_NOUNS.contains(&&self.text[t.range.clone()]))
    }

    fn lookup(&self, words: &str, shouting: bool) -> Option<Label> {
        let lex = &*LEXICON;
        if let Some(l) = lex.phrases.get(words) {
            return Some(*l);
        }
        if shouting || is_all_caps(words) {
            let tc = title_case(words);
            if let Some(l) = lex.phrases.get(tc.as_str()) {
                return Some(*l);
            }
        }
        None
    }

    /// Can token `i` be part of a name? (Asked many times per token: see `name_like`.)
    fn nameish(&self, i: usize) -> bool {
        self.name_like[i]
    }

    fn compute_nameish(&self, i: usize) -> bool {
        let w = self.word(i);
        let pronoun_i = w == "I" || w.starts_with("I’") || w.starts_with("I'");
        (is_capitalised(w) && w.chars().count() > 1
            || w.chars().next().is_some_and(|c| c.is_ascii_digit()) && i > 0 && self.word(i - 1) == "Article")
            && !LEXICON.not_names.contains(w)
            && !pronoun_i
    }

    fn is_title(&self, i: usize) -> bool {
        let w = self.word(i);
        let with_dot = self.text[self.tokens[i].range.end..].starts_with('.');
        // "Director-General", "Attorney-General": titles joined by a hyphen.
        let joined = w.contains('-') && w.split('-').all(|part| LEXICON.titles.contains(part));
        LEXICON.titles.contains(w) || joined || (with_dot && LEXICON.titles.contains(format!("{w}.").as_str()))
    }

    /// Runs of name-like tokens, joined across name particles and "of"/"the" inside
    /// institution names, broken at punctuation.
    fn candidates(&self) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            if !self.nameish(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < self.tokens.len() && !self.tokens[end - 1].broken_after {
                if self.nameish(end) && !self.tokens[end].initial {
                    end += 1;
                    continue;
                }
                // "von der Leyen", "Bank of England", "House of Representatives"
                let w = self.word(end);
                let particle = NAME_PARTICLES.contains(&w);
                let prev = self.word(end - 1);
                let of = (w == "of" || w == "the")
                    && (ORG_OF.contains(&prev) || LOC_OF.contains(&prev) || ORG_HEADS.contains(&prev));
                let mut k = end;
                while k < self.tokens.len()
                    && !self.tokens[k - 1].broken_after
                    && (NAME_PARTICLES.contains(&self.word(k)) || matches!(self.word(k), "of" | "the"))
                {
                    k += 1;
                }
                if (particle || of) && k < self.tokens.len() && self.nameish(k) && !self.tokens[k - 1].broken_after {
                    end = k + 1;
                    continue;
                }
                break;
            }
            runs.push(start..end);
            i = end;
        }
        runs
    }

    /// Splits a run into labelled spans: titles drop out, known phrases match longest
    /// first, the rest is classified from its shape and context.
    fn label_run(&self, run: Range<usize>, out: &mut Vec<(Range<usize>, Label, bool)>) {
        let shouting = self.shouting[run.start];
        let whole = self.span_text(run.clone());
        let whole_label = self.lookup(whole, shouting);
        // In a results line a name is a side, a country's or a club's, or a player.
        // (Known names keep their kind: a country is a place, a known club an organisation.)
        if self.results[run.start] {
            // Several words are a player unless they start with a place or end like a club
            // ("Aston Villa", "Halden United").
            let club = whole_label.is_some()
                || self.lookup(self.word(run.start), false) == Some(Label::Loc)
                || ORG_HEADS.contains(&self.word(run.end - 1));
            // "Jalabert ( France ) 4:10:12": a lone name with a country after it is a player.
            let with_country = self.text[self.tokens[run.end - 1].range.end..].trim_start().starts_with('(');
            let player = LEXICON.given_names.contains(self.word(run.start)) || !club || with_country;
            let label = if (run.len() >= 2 || with_country) && player && !LEXICON.countries.contains(whole) {
                Label::Per
            } else if LEXICON.countries.contains(whole) {
                Label::Loc
            } else {
                Label::Org
            };
            out.push((run, label, false));
            return;
        }
        // "Atlantic Canada", "Greater London": a region of a known place is a place.
        if run.len() == 2
            && REGION_WORDS.contains(&self.word(run.start))
            && self.lookup(self.word(run.start + 1), shouting) == Some(Label::Loc)
        {
            out.push((run, Label::Loc, false));
            return;
        }
        // A run that is a known name as a whole ("West Bank") needs no head-word rule.
        if let Some(label) =
            whole_label.filter(|_| run.len() >= 2 && !(run.start..run.end - 1).any(|k| self.tokens[k].possessive))
        {
            out.push((run, label, false));
            return;
        }
        // "the Serra Alta region": a run before a geographic noun is one place, known parts and all.
        // ("the Amazon rainforest" too, but not "the Russian region": a demonym stays one.)
        if self.geo_noun_after(run.end) && whole_label != Some(Label::Misc) && (run.len() >= 2 || whole_label.is_some())
        {
            let start = if self.word(run.start) == "The" { run.start + 1 } else { run.start };
            out.push((start..run.end, Label::Loc, false));
            return;
        }
        // "University of Lindholm", "Port of Velmar", "Chamber of Commerce": a head word
        // before "of" names the whole run.
        if let Some(k) = (run.start..run.end.saturating_sub(1)).find(|&k| self.word(k + 1) == "of") {
            let head = self.word(k);
            let label = if ORG_OF.contains(&head) && head != "Secretary" {
                Some(Label::Org)
            } else if LOC_OF.contains(&head) {
                Some(Label::Loc)
            } else {
                None
            };
            if let Some(label) = label {
                let start = if self.word(run.start) == "The" && self.tokens[run.start].initial {
                    run.start + 1
                } else {
                    run.start
                };
                out.push((start..run.end, label, false));
                return;
            }
        }
        // A place followed by names no list knows is a team or a company: "Baltimore Orioles",
        // "New York Yankees", "Boston Red Sox", "Singapore Airlines". (A place that is also a
        // given name starts a person unless a plural follows: "Paris Hilton", "Victoria Falls".)
        if !shouting {
            if let Some(n) = self.place_prefix(run.clone()) {
                let rest = run.start + n..run.end;
                let last = self.word(run.end - 1);
                let unknown = rest.clone().all(|k| {
                    self.lookup(self.word(k), false).is_none()
                        && !self.is_title(k)
                        && (k == run.end - 1 || !self.tokens[k].possessive)
                });
                let named_thing = [LOC_HEADS, MISC_HEADS].iter().any(|heads| heads.contains(&last));
                let person = LEXICON.given_names.contains(self.word(run.start)) && !last.ends_with('s');
                if !rest.is_empty() && unknown && !named_thing && !person && self.lookup(last, false).is_none() {
                    out.push((run.start..run.end, Label::Org, false));
                    return;
                }
            }
        }
        // A run ending in an organisation head word is one organisation, titles and all;
        // one ending in an event or law word is one name ("Eurasian Economic Forum").
        let last = self.word(run.end - 1);
        // In capitals a headline is one long run, and its last word says nothing of the
        // whole: there only known names and the article's own names count.
        let headed = run.len() >= 2 && !shouting;
        if headed && MISC_HEADS.contains(&last) {
            let start = if self.word(run.start) == "The" { run.start + 1 } else { self.opening(run.clone()) };
            out.push((start..run.end, Label::Misc, false));
            return;
        }
        if headed && ORG_HEADS.contains(&last) && !self.is_title(run.end - 1) {
            let start = if self.word(run.start) == "The" && self.tokens[run.start].initial {
                run.start + 1
            } else {
                self.opening(run.clone())
            };
            if run.end - start >= 2 || self.lookup(self.word(start), shouting).is_some() {
                out.push((start..run.end, Label::Org, false));
                return;
            }
        }
        let mut i = run.start;
        let mut pending: Option<usize> = None; // start of an unknown stretch
        let flush = |this: &Self, from: Option<usize>, to: usize, out: &mut Vec<(Range<usize>, Label, bool)>| {
            if let Some(s) = from {
                if let Some((span, label)) = this.guess(s..to) {
                    let guessed = !this.confident(&span, label);
                    out.push((span, label, guessed));
                }
            }
        };
        while i < run.end {
            // "Article 5", "Article Five"
            if self.word(i) == "Article"
                && i + 1 < self.tokens.len()
                && (self.word(i + 1).chars().all(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&self.word(i + 1)))
            {
                flush(self, pending.take(), i, out);
                out.push((i..i + 2, Label::Misc, false));
                i += 2;
                continue;
            }
            // Longest known phrase starting here (with "The" where the name has it).
            let max = (run.end - i).min(LEXICON.max_words);
            let found = (1..=max).rev().find_map(|n| {
                let words = self.span_text(i..i + n);
                // The phrase must be whole words of the run, not cut by a possessive inside.
                if (i..i + n - 1).any(|k| self.tokens[k].possessive) {
                    return None;
                }
                self.lookup(words, shouting).map(|l| (n, l))
            });
            // A known single word right after a given name is a surname ("George Washington");
            // a place name before an unknown capitalised word is a first name ("Vladimir Putin").
            let after_given = pending.is_some_and(|p| LEXICON.given_names.contains(self.word(p)))
                && found.is_some_and(|(n, _)| n == 1);
            let before_unknown = found.is_some_and(|(n, l)| {
                n == 1
                    && l == Label::Loc
                    && !shouting
                    && LEXICON.given_names.contains(self.word(i))
                    && i + 1 < run.end
                    && !self.tokens[i].possessive
                    && !self.is_title(i + 1)
                    && self.lookup(self.word(i + 1), shouting).is_none()
                    && !LOC_HEADS.contains(&self.word(i + 1))
                    && !ORG_HEADS.contains(&self.word(i + 1))
            });
            let after_given = after_given
                || before_unknown
                || (pending.is_some()
                    && found.is_some_and(|(n, l)| n == 1 && l == Label::Loc && i > 0 && self.is_title(i - 1)));
            match found {
                Some((n, label)) if !after_given => {
                    let initial_the = self.word(i) == "The"
                        && self.tokens[i].initial
                        && n > 1
                        && label != Label::Loc
                        && label != Label::Org;
                    flush(self, pending.take(), i, out);
                    let start = if initial_the { i + 1 } else { i };
                    out.push((start..i + n, label, false));
                    i += n;
                }
                _ if self.is_title(i)
                    && pending.is_none_or(|p| !LEXICON.given_names.contains(self.word(p)) || i > p + 1) =>
                {
                    flush(self, pending.take(), i, out);
                    i += 1;
                }
                _ => {
                    pending.get_or_insert(i);
                    i += 1;
                    if self.tokens[i - 1].possessive {
                        flush(self, pending.take(), i, out);
                    }
                }
            }
        }
        flush(self, pending.take(), run.end, out);
    }

    /// How many words at the start of `run` name a known place ("New York" in "New York Yankees").
    fn place_prefix(&self, run: Range<usize>) -> Option<usize> {
        (1..=3.min(run.len() - 1)).rev().find(|&n| {
            !(run.start..run.start + n).any(|k| self.tokens[k].possessive)
                && self.lookup(self.span_text(run.start..run.start + n), false) == Some(Label::Loc)
        })
    }

    /// Where a name ending in a head word starts: after a common word that only opens the
    /// sentence ("Rival Honda Motor Co"), unless it begins a known name ("New York Stock Exchange").
    fn opening(&self, run: Range<usize>) -> usize {
        let word = self.word(run.start);
        let known_start =
            (2..=3.min(run.len())).any(|n| self.lookup(self.span_text(run.start..run.start + n), false).is_some());
        let long_enough = run.len() >= 4 || (run.len() >= 3 && self.place_prefix(run.start + 1..run.end).is_some());
        let opener = self.tokens[run.start].initial && long_enough && is_common_word(word);
        if opener && !known_start && self.lookup(word, false).is_none() && !LEXICON.given_names.contains(word) {
            run.start + 1
        } else {
            run.start
        }
    }

    /// A label for an unknown stretch of capitalised words, or none.
    fn guess(&self, span: Range<usize>) -> Option<(Range<usize>, Label)> {
        let label = self.guess_label(span.clone())?;
        Some((self.trimmed(span), label))
    }

    /// Whether a guessed `label` for `span` rests on a cue strong enough to label the
    /// name's other mentions ("the town of Lindholm", "the Eastbank district").
    fn confident(&self, span: &Range<usize>, label: Label) -> bool {
        let before: Vec<&str> = (span.start.saturating_sub(2)..span.start).map(|k| self.word(k)).collect();
        label == Label::Loc && (before.len() == 2 && before[1] == "of" || self.geo_noun_after(span.end))
    }

    /// `span` without lower-case edges and capitalised common words opening a sentence.
    fn trimmed(&self, mut span: Range<usize>) -> Range<usize> {
        while !span.is_empty() && !is_capitalised(self.word(span.start)) {
            span.start += 1;
        }
        while !span.is_empty()
            && !is_capitalised(self.word(span.end - 1))
            && !self.word(span.end - 1).starts_with(|c: char| c.is_ascii_digit())
        {
            span.end -= 1;
        }
        while !span.is_empty() && self.tokens[span.start].initial {
            let word = self.word(span.start);
            let w = word.to_lowercase();
            // "While Buckley", "Getting Disney": a common word opening a sentence before a name.
            let next = (span.len() >= 2).then(|| self.word(span.start + 1));
            let name_next = next
                .is_some_and(|n| !is_common_word(n) || self.person_cues.contains(n) || LEXICON.given_names.contains(n));
            let common_opener = name_next && is_common_word(word) && !LEXICON.given_names.contains(word);
            if self.lowercase_words.contains(w.as_str())
                || crate::core::boilerplate::is_function_word(&w)
                || common_opener
            {
                span.start += 1;
            } else {
                break;
            }
        }
        span
    }

    fn guess_label(&self, span: Range<usize>) -> Option<Label> {
        let span = self.trimmed(span);
        if span.is_empty() {
            return None;
        }
        let words: Vec<&str> = span.clone().map(|k| self.word(k)).collect();
        // "in May", "May 2": the month, not Theresa May.
        if words == ["May"] {
            let before = span.start.checked_sub(1).map(|k| self.word(k));
            let after = self.tokens.get(span.end).map(|t| &self.text[t.range.clone()]);
            let month = before.is_some_and(|p| {
                matches!(p, "in" | "on" | "since" | "until" | "by" | "last" | "next" | "early" | "late" | "mid" | "of")
            }) || after.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            if month {
                return None;
            }
        }
        // A lone word the text also uses in lower case is a common word ("Following", "NO").
        if words.len() == 1 && self.lowercase_words.contains(words[0].to_lowercase().as_str()) {
            return None;
        }
        if words.iter().all(|w| is_all_caps(w)) && self.shouting[span.start] {
            return None; // a headline in capitals, not a name
        }
        let last = *words.last().unwrap();
        if MISC_HEADS.contains(&last) && words.len() >= 2 {
            return Some(Label::Misc);
        }
        if LOC_HEADS.contains(&last) && words.len() >= 2 {
            return Some(Label::Loc);
        }
        // "River Aune", "Mount Vesuvius"; "the Serra Alta region".
        if (words.len() >= 2 && matches!(words[0], "River" | "Lake" | "Mount" | "Cape" | "Fort" | "Port"))
            || self.geo_noun_after(span.end)
        {
            return Some(Label::Loc);
        }
        if words.iter().any(|w| is_all_caps(w) && w.chars().count() >= 2) {
            return Some(Label::Org);
        }
        if words.len() == 1 {
            // "WeWork", "SoftBank": a capital inside a word marks a brand.
            if is_camel_case(last) {
                return Some(Label::Org);
            }
            let next = self.tokens.get(span.end).map(|t| &self.text[t.range.clone()]);
            let next_lower = next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase))
                && !self.tokens[span.end - 1].broken_after;
            // "Karvonian forces": a demonym-shaped adjective before a common noun.
            if next_lower
                && ["ian", "ean", "ese", "ish"].iter().any(|s| last.ends_with(s))
                && !self.speaks(span.end)
                && !LEXICON.given_names.contains(last)
            {
                return Some(Label::Misc);
            }
            // Country-shaped names: "-stan", "-land", "-ia".
            if ["stan", "land", "ia"].iter().any(|s| last.ends_with(s))
                && !LEXICON.given_names.contains(last)
                && !self.speaks(span.end)
            {
                return Some(Label::Loc);
            }
            // "the town of Milevo"
            let before2: Vec<&str> = (span.start.saturating_sub(2)..span.start).map(|k| self.word(k)).collect();
            if before2.len() == 2
                && before2[1] == "of"
                && matches!(
                    before2[0],
                    "town" | "city" | "village" | "region" | "province" | "port" | "district" | "capital" | "island"
                )
            {
                return Some(Label::Loc);
            }
            // "the Commission", "the Senate": an institution's head word alone, capitalised mid-sentence.
            if ORG_HEADS.contains(&last)
                && !self.tokens[span.start].initial
                && span.start > 0
                && self.word(span.start - 1) == "the"
            {
                return Some(Label::Org);
            }
            // A short form of an organisation named in full elsewhere ("Norvik" after "Norvik Semiconductors").
            if self.org_words.contains(last) {
                return Some(Label::Org);
            }
        }
        let prev = span.start.checked_sub(1).map(|k| self.word(k));
        if span.start > 0 && self.is_title(span.start - 1) && words.iter().all(|w| is_capitalised(w)) {
            return Some(Label::Per);
        }
        // "Red Sox" after "Boston Red Sox": a short form of an organisation named in full.
        if words.len() >= 2 && words.iter().all(|w| self.org_words.contains(w)) {
            return Some(Label::Org);
        }
        // "shares in Daimler-Benz", "a stake in Norvik": companies, not places.
        let before_prev = span.start.checked_sub(2).map(|k| self.word(k).to_lowercase());
        if words.len() == 1
            && prev.is_some_and(|p| matches!(p, "in" | "of"))
            && before_prev.is_some_and(|w| matches!(w.as_str(), "shares" | "stake" | "stakes" | "stock"))
        {
            return Some(Label::Org);
        }
        if words.len() == 1
            && prev.is_some_and(|p| matches!(p, "in" | "at" | "near" | "from" | "outside"))
            && !self.speaks(span.end)
        {
            return Some(Label::Loc);
        }
        if words.iter().any(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit())) {
            return None;
        }

        if words.len() == 1 && !self.person_like(last) {
            // A lone common word, or one the text also uses in lower case ("Week", "Council").
            if self.is_common(last) {
                return None;
            }
            // A lone unknown name that nothing marks as a person is most often a company,
            // club or brand ("Netflix", "Steelers").
            return Some(Label::Org);
        }
        // "Disney Channel", "Heinz Field": a name ending in a word the text uses as a common
        // noun names a thing, unless a given name or surname marks a person.
        if !LEXICON.given_names.contains(words[0]) && !self.person_cues.contains(last) && self.is_common(last) {
            return Some(Label::Org);
        }
        Some(Label::Per)
    }

    /// Whether `word` is a common English word or one this text uses in lower case.
    fn is_common(&self, word: &str) -> bool {
        self.lowercase_words.contains(word.to_lowercase().as_str()) || is_common_word(word)
    }

    /// Whether a lone capitalised word reads as a person: a known given name or surname,
    /// or a word the text shows speaking or after a title.
    fn person_like(&self, word: &str) -> bool {
        let head = [ORG_HEADS, LOC_HEADS, MISC_HEADS, ORG_OF, LOC_OF].iter().any(|list| list.contains(&word))
            || LEXICON.titles.contains(word);
        let surname = LEXICON.surnames.contains(word) && !head && !self.is_common(word);
        !self.org_cues.contains(word)
            && (LEXICON.given_names.contains(word)
                || surname
                || self.person_cues.contains(word)
                || has_surname_ending(word))
    }

    /// Whether the word after `end` is a verb of saying.
    fn speaks(&self, end: usize) -> bool {
        end < self.tokens.len() && SPEECH_VERBS.contains(&self.word(end))
    }
}

/// Every entity in `doc.text`, sorted and non-overlapping, with canonical names.
pub fn find(doc: &Document) -> Vec<Entity> {
    let text = doc.text.as_str();
    let mut tokens = Vec::new();
    let mut shouting = Vec::new();
    let mut headline = Vec::new();
    let mut results = Vec::new();
    for block in &doc.blocks {
        let before = tokens.len();
        tokenize(text, block.range.clone(), &mut tokens);
        // Cased letters only: a script without case never shouts.
        let (mut letters, mut caps) = (0, 0);
        for c in text[block.range.clone()].chars() {
            if c.is_uppercase() {
                caps += 1;
                letters += 1;
            } else if c.is_lowercase() {
                letters += 1;
            }
        }
        let block_shouts = letters > 0 && caps * 10 >= letters * 6;
        shouting.extend(std::iter::repeat_n(block_shouts, tokens.len() - before));
        // Title case: nearly every longer word capitalised, in a line short enough to be a
        // heading and not ended like a sentence (a sentence full of names is not a headline).
        let long_words: Vec<&str> = tokens[before..]
            .iter()
            .map(|t| &text[t.range.clone()])
            .filter(|w| w.chars().count() >= 4 && w.starts_with(char::is_alphabetic))
            .collect();
        let capitalised = long_words.iter().filter(|w| is_capitalised(w)).count();
        // Capitalised common words ("Shows", "Sleek", "Wagon") make title case; a results
        // line full of names ("Michael Chang ( U.S. ) beat Sergi Bruguera") is not a headline.
        let common_caps = long_words.iter().filter(|w| is_capitalised(w) && is_common_word(w)).count();
        let sentence_end = text[block.range.clone()]
            .trim_end()
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?']);
        let title_case = !sentence_end
            && long_words.len() >= 3
            && tokens.len() - before <= 20
            && capitalised * 4 >= long_words.len() * 3
            && common_caps >= 2
            && common_caps * 5 >= capitalised * 2;
        headline.extend(std::iter::repeat_n(title_case && !block_shouts, tokens.len() - before));
        let line = &tokens[before..];
        let number = |t: &Token| text[t.range.clone()].starts_with(|c: char| c.is_ascii_digit());
        let numbers = line.iter().filter(|t| number(t)).count();
        let lowercase = line.iter().any(|t| text[t.range.clone()].starts_with(char::is_lowercase));
        let name_then_number = line.windows(2).any(|w| is_capitalised(&text[w[0].range.clone()]) && number(&w[1]));
        let results_line = !block_shouts && !lowercase && numbers >= 2 && name_then_number && line.len() <= 30;
        results.extend(std::iter::repeat_n(results_line, line.len()));
        // A dateline in capitals ("THE HAGUE —") is shouted even in a normal paragraph.
        let mut k = before;
        while k < tokens.len() && is_all_caps(&text[tokens[k].range.clone()]) && (k == before || !tokens[k].initial) {
            shouting[k] = true;
            k += 1;
        }
    }
    let lowercase_words = tokens
        .iter()
        .filter(|t| !t.initial)
        .map(|t| &text[t.range.clone()])
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let person_cues = (0..tokens.len())
        .filter(|&k| {
            let word = &text[tokens[k].range.clone()];
            let next = tokens.get(k + 1).map(|t| &text[t.range.clone()]);
            let prev = k.checked_sub(1).filter(|&p| !tokens[p].broken_after).map(|p| &text[tokens[p].range.clone()]);
            // "Woods, who won": but in "residents of Eastbank, who" the clause is about the residents.
            let who = text[tokens[k].range.end..].trim_start().starts_with(", who ")
                && !prev.is_some_and(|p| matches!(p, "of" | "in" | "at" | "from" | "to" | "for"));
            is_capitalised(word)
                && ((!tokens[k].broken_after && next.is_some_and(|n| SPEECH_VERBS.contains(&n)))
                    || prev.is_some_and(|p| ROLE_NOUNS.contains(&p))
                    || who)
        })
        .map(|k| &text[tokens[k].range.clone()])
        .collect();
    // Companies speak too ("Norvex said"); what the text says they own or are outweighs that.
    let org_cues = (0..tokens.len())
        .filter(|&k| {
            let word = &text[tokens[k].range.clone()];
            let next = tokens.get(k + 1).map(|t| &text[t.range.clone()]);
            let owns = tokens[k].possessive && next.is_some_and(|n| CORPORATE_NOUNS.contains(&n));
            let listed = !tokens[k].possessive
                && !tokens[k].broken_after
                && next.is_some_and(|n| matches!(n, "shares" | "stock" | "stocks"));
            // "a spokeswoman for Mercadona": the one who speaks for it is the person.
            let spoken_for = k >= 2
                && matches!(&text[tokens[k - 1].range.clone()], "for" | "of")
                && matches!(
                    &text[tokens[k - 2].range.clone()],
                    "spokesman" | "spokeswoman" | "spokesperson" | "representative" | "statement"
                );
            let kind_before = k
                .checked_sub(1)
                .filter(|&p| !tokens[p].broken_after)
                .is_some_and(|p| ORG_NOUNS.contains(&&text[tokens[p].range.clone()]));
            // "the Swire group": the kind after the name, when the name follows "the".
            let after_the = k.checked_sub(1).is_some_and(|p| &text[tokens[p].range.clone()] == "the");
            let kind_after = after_the && !tokens[k].broken_after && next.is_some_and(|n| ORG_NOUNS.contains(&n));
            is_capitalised(word)
                && (owns
                    || listed
                    || spoken_for
                    || kind_before
                    || kind_after
                    || text[tokens[k].range.end..].trim_start().starts_with(", which "))
        })
        .map(|k| &text[tokens[k].range.clone()])
        .collect();
    let mut rec = Recogniser {
        text,
        tokens,
        lowercase_words,
        shouting,
        headline,
        results,
        person_cues,
        org_cues,
        dateline_place: doc.meta.place.clone(),
        org_words: Default::default(),
        name_like: Vec::new(),
    };
    rec.name_like = (0..rec.tokens.len()).map(|i| rec.compute_nameish(i)).collect();
    // Candidate runs depend only on which tokens are name-like, so one list serves every reading.
    let runs = rec.candidates();
    let full_names: Vec<&str> = runs
        .iter()
        .cloned()
        .filter_map(|run| {
            let first = run.clone().find(|&k| !rec.is_title(k))?;
            (first + 1 < run.end && LEXICON.given_names.contains(rec.word(first))).then(|| first + 1..run.end)
        })
        .flat_map(|rest| rest.map(|k| rec.word(k)))
        .collect();
    rec.person_cues.extend(full_names);
    // Two readings: the first finds full organisation names, whose first words then
    // label their short forms in the second.
    let mut spans = Vec::new();
    for run in &runs {
        rec.label_run(run.clone(), &mut spans);
    }
    // The distinctive words of multi-word organisation names ("Disney" in "Walt Disney Co").
    let orgs: Words = spans
        .iter()
        .filter(|(r, l, _)| *l == Label::Org && r.len() >= 2)
        .flat_map(|(r, _, _)| r.clone().map(|k| rec.word(k)))
        .filter(|w| {
            is_capitalised(w)
                && *w != "The"
                && !ORG_HEADS.contains(w)
                && !LEXICON.phrases.contains_key(w)
                && !LEXICON.titles.contains(w)
        })
        .collect();
    if !orgs.is_empty() {
        rec.org_words = orgs;
        spans.clear();
        for run in &runs {
            rec.label_run(run.clone(), &mut spans);
        }
    }
    shouted_names(&rec, &mut spans);
    bracketed_acronyms(&rec, &mut spans);
    resolve(&rec, spans)
}

/// "Anadolu Ajansi (AA)", "Eurasian Economic Union (EAEU)": an acronym in brackets right
/// after a name is that name again.
fn bracketed_acronyms(rec: &Recogniser, spans: &mut Vec<(Range<usize>, Label, bool)>) {
    let mut found = Vec::new();
    for (r, label, _) in spans.iter() {
        let k = r.end;
        let Some(token) = rec.tokens.get(k) else { continue };
        let between = &rec.text[rec.tokens[r.end - 1].range.end..token.range.start];
        let word = rec.word(k);
        let acronym = (2..=6).contains(&word.chars().count()) && word.chars().all(|c| c.is_uppercase());
        if between.trim() == "(" && acronym && rec.text[token.range.end..].starts_with(')') {
            found.push((k, *label));
        }
    }
    for (k, label) in found {
        // The acronym may already be a guess, which a sentence opening would drop: it is known now.
        match spans.iter_mut().find(|(r, _, _)| r.contains(&k)) {
            Some(span) if span.0 == (k..k + 1) => *span = (k..k + 1, label, false),
            Some(_) => {}
            None => spans.push((k..k + 1, label, false)),
        }
    }
    spans.sort_by_key(|(r, _, _)| r.start);
}

/// Names in a headline in capitals ("HALDEN ROVERS HOLD MARSBY"), found by the names the
/// article gives in normal case; no capitals word is guessed to be a name on its own.
fn shouted_names(rec: &Recogniser, spans: &mut Vec<(Range<usize>, Label, bool)>) {
    const MAX_WORDS: usize = 4;
    let upper = |r: Range<usize>| r.map(|k| rec.word(k).to_uppercase()).collect::<Vec<_>>().join(" ");
    let mut named: HashMap<String, Label> = HashMap::new();
    for (r, l, _) in spans.iter().filter(|(r, _, _)| !rec.shouting[r.start]) {
        named.insert(upper(r.clone()), *l);
        // A person's surname alone ("HAKKINEN ON POLE"), a team's or company's name without
        // its city ("YANKEES" for the New York Yankees).
        if *l == Label::Per && r.len() >= 2 {
            named.entry(upper(r.end - 1..r.end)).or_insert(Label::Per);
        }
        if *l == Label::Org && r.len() >= 2 {
            if let Some(n) = rec.place_prefix(r.clone()) {
                named.entry(upper(r.start + n..r.end)).or_insert(Label::Org);
            }
        }
    }
    if named.is_empty() {
        return;
    }
    let mut taken = vec![false; rec.tokens.len()];
    for (r, _, _) in spans.iter() {
        taken[r.clone()].fill(true);
    }
    let free = |k: usize| rec.shouting[k] && !taken[k] && is_all_caps(rec.word(k));
    let mut k = 0;
    while k < rec.tokens.len() {
        let found = (1..=MAX_WORDS).rev().find_map(|n| {
            let end = k + n;
            let whole =
                end <= rec.tokens.len() && (k..end).all(free) && (k..end - 1).all(|j| !rec.tokens[j].broken_after);
            whole.then(|| named.get(&upper(k..end)).map(|l| (n, *l))).flatten()
        });
        match found {
            Some((n, label)) => {
                spans.push((k..k + n, label, false));
                k += n;
            }
            None => k += 1,
        }
    }
    spans.sort_by_key(|(r, _, _)| r.start);
}

/// Makes labels consistent across the document and gives each entity its canonical name:
/// a person's full name, the usual name of a place.
fn resolve(rec: &Recogniser, spans: Vec<(Range<usize>, Label, bool)>) -> Vec<Entity> {
    let surface = |r: &Range<usize>| rec.span_text(r.clone()).to_string();
    // Full names of people: the longest multi-word PER that contains a given word.
    let people: Vec<Vec<String>> = spans
        .iter()
        .filter(|(r, l, _)| *l == Label::Per && r.len() >= 2)
        .map(|(r, _, _)| r.clone().map(|k| rec.word(k).to_string()).collect())
        .collect();
    let person_for = |word: &str| -> Option<String> {
        people.iter().filter(|p| p.iter().any(|w| w == word)).max_by_key(|p| p.len()).map(|p| p.join(" "))
    };
    // Labels from confident (known or multi-word) mentions win over guesses.
    let mut known: HashMap<String, Label> = HashMap::new();
    if let Some(place) = &rec.dateline_place {
        known.insert(place.clone(), Label::Loc);
    }
    for (r, l, guessed) in &spans {
        if !guessed || r.len() >= 2 {
            known.entry(surface(r)).or_insert(*l);
        }
    }
    // Guessed single words take the label most of their mentions got.
    let mut votes: HashMap<String, HashMap<Label, usize>> = HashMap::new();
    for (r, l, guessed) in &spans {
        if *guessed && r.len() == 1 {
            *votes.entry(surface(r)).or_default().entry(*l).or_default() += 1;
        }
    }
    // What the text shows a name doing elsewhere ("Nvidia shares", "Kessler said").
    let cued = |t: &str| rec.person_cues.contains(t) || rec.org_cues.contains(t);
    let first_names: Words = people.iter().filter_map(|p| p.first().map(String::as_str)).collect();
    // Names found where capitals mean something: mid-sentence, outside headlines.
    let named_mid: HashSet<String> = spans
        .iter()
        .filter(|(r, _, _)| !rec.tokens[r.start].initial && !rec.headline[r.start])
        .map(|(r, _, _)| surface(r))
        .collect();
    let mut out = Vec::new();
    for (r, mut label, guessed) in spans {
        let text = surface(&r);
        if r.len() == 1 && !guessed && first_names.contains(text.as_str()) {
            label = Label::Per; // "Vladimir called me up", after "Vladimir Putin"
        }
        // In a title-case headline a guess stands only if the text names it elsewhere.
        if guessed && rec.headline[r.start] && !named_mid.contains(&text) {
            continue;
        }
        if guessed && r.len() == 1 {
            if let Some(l) = known.get(&text) {
                label = *l;
            } else if person_for(&text).is_some() {
                label = Label::Per;
            } else if let Some(v) = votes.get(&text) {
                label = v.iter().max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l))).map_or(label, |(l, _)| *l);
            }
            let after_title = r.start > 0 && rec.is_title(r.start - 1);
            // "Rabinovich is winding up": a sentence-opening name followed by a verb.
            let verb_after = rec.tokens.get(r.end).is_some_and(|t| {
                matches!(
                    &rec.text[t.range.clone()],
                    "is" | "was" | "has" | "had" | "said" | "says" | "told" | "will" | "would" | "added"
                )
            }) && !text.ends_with('s');
            let shown_elsewhere = cued(&text) && !is_common_word(&text);
            if rec.tokens[r.start].initial
                && !after_title
                && !verb_after
                && !known.contains_key(&text)
                && !named_mid.contains(&text)
                && !shown_elsewhere
                && person_for(&text).is_none()
                && !LEXICON.given_names.contains(text.as_str())
            {
                // A lone capitalised word opening a sentence is a name only if the text
                // names it elsewhere.
                continue;
            }
        }
        if rec.dateline_place.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(&text)) {
            label = Label::Loc;
        }
        let canonical = match label {
            Label::Per => person_for(&text).unwrap_or_else(|| text.clone()),
            Label::Loc => canonical_place(&text),
            Label::Org if text.chars().filter(|c| c.is_alphabetic()).count() <= 5 => text.to_uppercase(),
            _ => text.clone(),
        };
        let range = rec.tokens[r.start].range.start..rec.tokens[r.end - 1].range.end;
        out.push(Entity { range, label, canonical });
    }
    out
}

fn canonical_place(text: &str) -> String {
    match text {
        "US" | "U.S." | "USA" | "U.S.A." | "America" | "United States" => "United States".into(),
        "UK" | "U.K." | "Britain" | "Great Britain" | "United Kingdom" => "United Kingdom".into(),
        "Hague" => "The Hague".into(),
        t if is_all_caps(t) && t.chars().filter(|c| c.is_alphabetic()).count() > 3 => title_case(t),
        t => t.to_string(),
    }
}
