//! People, organisations, places and other names. Capitalised word runs are the
//! candidates; titles ("President", "Sen.") split them and stay outside; gazetteers,
//! head words ("… Council", "… Forum") and context ("said", "Mr.", "in") give the label;
//! a name seen once in full labels its later short forms ("Trump" after "Donald Trump").
//! `tokens` splits the words, `runs` gathers the candidates, `classify` labels what the
//! lists do not know, `canonical` joins short forms to full names; `find` runs them.
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::lexicon::{
    CORPORATE_NOUNS, LEXICON, LOC_HEADS, LOC_OF, MISC_HEADS, NAME_PARTICLES, ORG_HEADS, ORG_NOUNS, ORG_OF, ROLE_NOUNS,
    SPEECH_VERBS,
};
use super::{Entity, Label};
use crate::core::document::{Document, Fnv};
use crate::core::ingest::title_case;

/// Words of one text, hashed with FNV: built and probed for every article.
type Words<'a> = HashSet<&'a str, BuildHasherDefault<Fnv>>;

/// A line shouts (a capitals headline or dateline) when this many tenths of its cased
/// letters are capitals: a few lower-case words ("of", "and") do not stop it.
const SHOUTING_TENTHS: usize = 6;
/// Title case is judged on words this long or longer: short ones ("of", "the", "in")
/// stay lower case in a title.
const TITLE_CASE_WORD_CHARS: usize = 4;
/// A title-case headline has at least this many such words...
const TITLE_CASE_MIN_WORDS: usize = 3;
/// ...in a line no longer than a headline...
const HEADLINE_MAX_TOKENS: usize = 20;
/// ...at least three quarters of them capitalised...
const TITLE_CASE_SHARE: (usize, usize) = (3, 4);
/// ...including this many capitalised everyday words ("Shows", "Wagon"), which a run of
/// names has not, and at least two fifths of the capitalised words everyday ones.
const TITLE_CASE_COMMON_MIN: usize = 2;
const TITLE_CASE_COMMON_SHARE: (usize, usize) = (2, 5);
/// A results line ("Barnsley 3 Leeds 1") has at least two numbers, in a line of at most
/// this many words.
const RESULTS_MIN_NUMBERS: usize = 2;
const RESULTS_MAX_TOKENS: usize = 30;
/// An organisation name this short in letters is an acronym: its canonical form is in capitals.
pub(super) const ACRONYM_MAX_LETTERS: usize = 5;
/// A place in capitals longer than this in letters ("THE HAGUE") is written in title
/// case; shorter ones ("UK", "USA") are acronyms.
pub(super) const SHOUTED_PLACE_MIN_LETTERS: usize = 3;
/// A common word opens a name only in a long run ("Rival Honda Motor Co" drops "Rival").
pub(super) const OPENER_RUN_WORDS: usize = 4;
/// With a known place inside the rest of the run, a shorter run will do.
pub(super) const OPENER_RUN_WORDS_WITH_PLACE: usize = 3;
/// A surname ending ("-enko", "-ski") counts only on a word this long.
pub(super) const SURNAME_MIN_CHARS: usize = 5;

mod canonical;
mod classify;
mod relabel;
mod runs;
mod tokens;

pub use relabel::{class_of, decide, Mention, CLASSES as MODEL_CLASSES};

use canonical::*;
use relabel::Proposal;
use runs::*;
use tokens::*;

/// What decides the final label of each name (tokens, the rules' label) of a document;
/// `None` drops the name.
type Judge<'j> = dyn FnMut(&Recogniser, &[Proposal]) -> Vec<Option<Label>> + 'j;

/// Every entity in `doc.text`, sorted and non-overlapping, with canonical names.
pub fn find(doc: &Document) -> Vec<Entity> {
    find_with(doc, &mut relabel::judge)
}

/// The entities as the rules alone label them.
#[cfg(test)]
pub(super) fn find_by_rules(doc: &Document) -> Vec<Entity> {
    find_with(doc, &mut |_, names| names.iter().map(|n| Some(n.label)).collect())
}

/// Each name the rules find in `doc`, with the rules' label and the features the label
/// model weighs: what `examples/fit_entity_labels.rs` fits it on.
pub fn mentions(doc: &Document) -> Vec<Mention> {
    let mut out = Vec::new();
    find_with(doc, &mut |rec, names| {
        for name in names {
            let mut features = Vec::new();
            relabel::features(rec, name, &mut |f| features.push(f.to_string()));
            let span = name.span.clone();
            let range = rec.tokens[span.start].range.start..rec.tokens[span.end - 1].range.end;
            out.push(Mention { range, label: name.label, surface: rec.span_text(span).to_string(), features });
        }
        names.iter().map(|n| Some(n.label)).collect()
    });
    out
}

fn find_with(doc: &Document, judge: &mut Judge) -> Vec<Entity> {
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
        let block_shouts = letters > 0 && caps * 10 >= letters * SHOUTING_TENTHS;
        shouting.extend(std::iter::repeat_n(block_shouts, tokens.len() - before));
        // Title case: nearly every longer word capitalised, in a line short enough to be a
        // heading and not ended like a sentence (a sentence full of names is not a headline).
        let long_words: Vec<&str> = tokens[before..]
            .iter()
            .map(|t| &text[t.range.clone()])
            .filter(|w| w.chars().count() >= TITLE_CASE_WORD_CHARS && w.starts_with(char::is_alphabetic))
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
            && long_words.len() >= TITLE_CASE_MIN_WORDS
            && tokens.len() - before <= HEADLINE_MAX_TOKENS
            && capitalised * TITLE_CASE_SHARE.1 >= long_words.len() * TITLE_CASE_SHARE.0
            && common_caps >= TITLE_CASE_COMMON_MIN
            && common_caps * TITLE_CASE_COMMON_SHARE.1 >= capitalised * TITLE_CASE_COMMON_SHARE.0;
        headline.extend(std::iter::repeat_n(title_case && !block_shouts, tokens.len() - before));
        let line = &tokens[before..];
        let number = |t: &Token| text[t.range.clone()].starts_with(|c: char| c.is_ascii_digit());
        let numbers = line.iter().filter(|t| number(t)).count();
        let lowercase = line.iter().any(|t| text[t.range.clone()].starts_with(char::is_lowercase));
        let name_then_number = line.windows(2).any(|w| is_capitalised(&text[w[0].range.clone()]) && number(&w[1]));
        let results_line = !block_shouts
            && !lowercase
            && numbers >= RESULTS_MIN_NUMBERS
            && name_then_number
            && line.len() <= RESULTS_MAX_TOKENS;
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
    resolve(&rec, spans, judge)
}
