//! Candidate runs: capitalised words gathered into possible names, split at titles,
//! and the first labels from the word lists and head words.
use super::*;

/// Words that name a region of the place after them ("Atlantic Canada", "Northern Italy").
/// Words after a place's name that make it a sports side.
const SIDE_NOUNS: &[&str] = &[
    "captain",
    "skipper",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "fans",
    "supporters",
];

pub(super) const REGION_WORDS: &[&str] = &[
    "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "Greater", "Atlantic", "Pacific",
    "Arctic", "North", "South", "East", "West",
];

/// Lower-case nouns that make the name before them a place ("the Donetsk region").
pub(super) const GEO_NOUNS: &[&str] = &[
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

pub(super) const NUMBER_WORDS: &[&str] =
    &["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"];

pub(super) struct Recogniser<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: Vec<Token>,
    /// Lower-case words seen in the text, to tell a capitalised common word at the start
    /// of a sentence ("Aboard") from a name.
    pub(super) lowercase_words: Words<'a>,
    /// Whether the line holding each token is mostly capitals (a headline or dateline).
    pub(super) shouting: Vec<bool>,
    /// Whether the line holding each token is a results line ("Barnsley 3 Leeds 1",
    /// "Manchester United 5 3 1 1 9 5 10"), where names are sides and players.
    pub(super) results: Vec<bool>,
    /// Whether the line holding each token is a title-case headline ("Nissan Shows a New
    /// Sentra"), where capitals say nothing about names.
    pub(super) headline: Vec<bool>,
    /// Capitalised words the text itself shows acting as people: before "said", after a
    /// lower-case role ("coach Boudreau"), before ", who", or after a given name ("Donald Trump").
    pub(super) person_cues: Words<'a>,
    /// Capitalised words the text shows acting as companies: "Norvex’s shares", "Norvex, which",
    /// "carmaker Renault".
    pub(super) org_cues: Words<'a>,
    /// The place of the dateline ("VELMAR —"), a place wherever it recurs.
    pub(super) dateline_place: Option<String>,
    /// Whether each token can be part of a name.
    pub(super) name_like: Vec<bool>,
    /// Distinctive words of multi-word organisation names in the text.
    pub(super) org_words: Words<'a>,
}

impl<'a> Recogniser<'a> {
    pub(super) fn word(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].range.clone()]
    }

    /// The text of tokens `r`, spaces and all.
    pub(super) fn span_text(&self, r: Range<usize>) -> &'a str {
        &self.text[self.tokens[r.start].range.start..self.tokens[r.end - 1].range.end]
    }

    /// Whether a geographic noun follows the name ending at token `end` ("the Donetsk region").
    pub(super) fn geo_noun_after(&self, end: usize) -> bool {
        !self.tokens[end - 1].broken_after
            && self.tokens.get(end).is_some_and(|t| GEO_NOUNS.contains(&&self.text[t.range.clone()]))
    }

    pub(super) fn lookup(&self, words: &str, shouting: bool) -> Option<Label> {
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
    pub(super) fn nameish(&self, i: usize) -> bool {
        self.name_like[i]
    }

    pub(super) fn compute_nameish(&self, i: usize) -> bool {
        let w = self.word(i);
        let pronoun_i = w == "I" || w.starts_with("I’") || w.starts_with("I'");
        (is_capitalised(w) && w.chars().count() > 1
            || w.chars().next().is_some_and(|c| c.is_ascii_digit()) && i > 0 && self.word(i - 1) == "Article")
            && !LEXICON.not_names.contains(w)
            && !pronoun_i
    }

    pub(super) fn is_title(&self, i: usize) -> bool {
        let w = self.word(i);
        let with_dot = self.text[self.tokens[i].range.end..].starts_with('.');
        // "Director-General", "Attorney-General": titles joined by a hyphen.
        let joined = w.contains('-') && w.split('-').all(|part| LEXICON.titles.contains(part));
        LEXICON.titles.contains(w) || joined || (with_dot && LEXICON.titles.contains(format!("{w}.").as_str()))
    }

    /// Runs of name-like tokens, joined across name particles and "of"/"the" inside
    /// institution names, broken at punctuation.
    pub(super) fn candidates(&self) -> Vec<Range<usize>> {
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
    pub(super) fn label_run(&self, run: Range<usize>, out: &mut Vec<(Range<usize>, Label, bool)>) {
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
        // "Surrey captain Chris Lewis", "Newcastle team mate", "v Kent": a town or county
        // named as a side is a club (a country's side stays the country, as CoNLL has it).
        if whole_label == Some(Label::Loc) && !LEXICON.countries.contains(whole) {
            let after = (run.end < self.tokens.len()).then(|| self.word(run.end).to_lowercase());
            let before = run.start.checked_sub(1).map(|k| self.word(k));
            if after.is_some_and(|w| SIDE_NOUNS.contains(&w.as_str()))
                || before.is_some_and(|w| matches!(w, "v" | "vs"))
            {
                out.push((run, Label::Org, false));
                return;
            }
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
                // ("Mary Ross", "Sydney Williams": a surname may end in s too.)
                let plural = last.ends_with('s') && !LEXICON.surnames.contains(last);
                let person = LEXICON.given_names.contains(self.word(run.start)) && !plural;
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
    pub(super) fn place_prefix(&self, run: Range<usize>) -> Option<usize> {
        (1..=3.min(run.len() - 1)).rev().find(|&n| {
            !(run.start..run.start + n).any(|k| self.tokens[k].possessive)
                && self.lookup(self.span_text(run.start..run.start + n), false) == Some(Label::Loc)
        })
    }

    /// Where a name ending in a head word starts: after a common word that only opens the
    /// sentence ("Rival Honda Motor Co"), unless it begins a known name ("New York Stock Exchange").
    pub(super) fn opening(&self, run: Range<usize>) -> usize {
        let word = self.word(run.start);
        let known_start =
            (2..=3.min(run.len())).any(|n| self.lookup(self.span_text(run.start..run.start + n), false).is_some());
        let long_enough = run.len() >= OPENER_RUN_WORDS
            || (run.len() >= OPENER_RUN_WORDS_WITH_PLACE && self.place_prefix(run.start + 1..run.end).is_some());
        let opener = self.tokens[run.start].initial && long_enough && is_common_word(word);
        if opener && !known_start && self.lookup(word, false).is_none() && !LEXICON.given_names.contains(word) {
            run.start + 1
        } else {
            run.start
        }
    }
}
