//! What the search prompt understands: words, "phrases", prefixes (`sanction*`) and
//! filters (`unread`, `starred`, `bookmarked`, `source:`, `feed:`, `tag:`, `entity:`,
//! `since:`, `until:`), each negated by a leading `-`. A query is parsed once into
//! `Query`; the store turns it into SQL over the full-text index, and `Query::find_in`
//! marks its words in a title or an article for highlighting. Matching ignores case and
//! accents, as the index does (`unicode61` with diacritics removed).
use std::ops::Range;

use chrono::NaiveDate;

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word, folded (lower case, no accents).
    Word(String),
    /// The start of words (`sanction*`), folded.
    Prefix(String),
    /// Words in this order, folded.
    Phrase(Vec<String>),
    Unread,
    Starred,
    Bookmarked,
    /// Part of the source's name, any case.
    Source(String),
    /// Part of a feed's title or address.
    Feed(String),
    /// A bookmark's tag or its feed's.
    Tag(String),
    /// A name the article mentions (or a short form of it).
    Entity(String),
    /// Published on or after.
    Since(NaiveDate),
    /// Published on or before.
    Until(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub term: Term,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("a quotation mark is not closed")]
    Unclosed,
    #[error("unknown filter `{0}:` (filters: {FILTERS})")]
    UnknownFilter(String),
    #[error("`{0}:` needs a value, as in `{0}:{1}`")]
    Empty(String, &'static str),
    #[error("`{0}` is not a date: write it as YYYY-MM-DD")]
    BadDate(String),
    #[error("`{0}` has no letters or digits to search for")]
    NothingToFind(String),
}

const FILTERS: &str = "source, feed, tag, entity, since, until, is";

/// The longest query parsed: a prompt line, not a document.
const MAX_QUERY: usize = 1_000;

impl Query {
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let input = &input[..floor_char_boundary(input, MAX_QUERY)];
        let mut clauses = Vec::new();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let (token, after) = next_token(rest)?;
            rest = after.trim_start();
            let (negated, body) = match token.strip_prefix('-') {
                Some(b) if !b.is_empty() => (true, b),
                _ => (false, token.as_str()),
            };
            clauses.push(Clause { negated, term: term(body)? });
        }
        Ok(Query { clauses })
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The full-text part as FTS5 expressions: what must match (every positive word,
    /// prefix and phrase) and what must not (any negated one).
    pub fn fts(&self) -> (Option<String>, Option<String>) {
        let (mut must, mut must_not) = (Vec::new(), Vec::new());
        for c in &self.clauses {
            let expr = match &c.term {
                Term::Word(w) => quoted(w),
                Term::Prefix(p) => format!("{}*", quoted(p)),
                Term::Phrase(words) => quoted(&words.join(" ")),
                _ => continue,
            };
            if c.negated { &mut must_not } else { &mut must }.push(expr);
        }
        let join = |v: Vec<String>, op: &str| (!v.is_empty()).then(|| v.join(op));
        (join(must, " AND "), join(must_not, " OR "))
    }

    /// Where the query's positive words, prefixes and phrases occur in `text`, in order.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        let words = words(text);
        let folded: Vec<String> = words.iter().map(|r| fold(&text[r.clone()])).collect();
        let mut found = Vec::new();
        for c in self.clauses.iter().filter(|c| !c.negated) {
            match &c.term {
                Term::Word(w) => found.extend((0..words.len()).filter(|&i| folded[i] == *w).map(|i| words[i].clone())),
                Term::Prefix(p) => found
                    .extend((0..words.len()).filter(|&i| folded[i].starts_with(p.as_str())).map(|i| words[i].clone())),
                Term::Phrase(ph) if !ph.is_empty() => found.extend(
                    (0..words.len().saturating_sub(ph.len() - 1))
                        .filter(|&i| folded[i..i + ph.len()] == ph[..])
                        .map(|i| words[i].start..words[i + ph.len() - 1].end),
                ),
                _ => {}
            }
        }
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        // Overlaps (a word inside a phrase) become one mark.
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in found {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// What a query is checked against when the article is at hand (loaded whole, as the
/// demo is), rather than in the library's index.
#[derive(Debug, Clone, Default)]
pub struct Candidate<'a> {
    pub title: &'a str,
    /// The article's cleaned text.
    pub text: &'a str,
    pub source: Option<&'a str>,
    pub published: Option<NaiveDate>,
    pub read: bool,
    pub starred: bool,
    pub bookmarked: bool,
    /// Its bookmark's tags and its feed's.
    pub tags: &'a [String],
    /// Canonical names it mentions.
    pub names: &'a [String],
    /// Its feed's title.
    pub feed: Option<&'a str>,
}

impl Query {
    /// Whether `a` matches, as the library's index and filters would decide.
    pub fn matches(&self, a: &Candidate) -> bool {
        let (title, text) = (folded_words(a.title), folded_words(a.text));
        let contains = |haystack: Option<&str>, needle: &str| {
            haystack.is_some_and(|h| h.to_lowercase().contains(&needle.to_lowercase()))
        };
        self.clauses.iter().all(|c| {
            let held = match &c.term {
                Term::Word(_) | Term::Prefix(_) | Term::Phrase(_) => {
                    [&title, &text].iter().any(|words| term_in(&c.term, words))
                }
                Term::Unread => !a.read,
                Term::Starred => a.starred,
                Term::Bookmarked => a.bookmarked,
                Term::Source(v) => contains(a.source, v),
                Term::Feed(v) => contains(a.feed, v),
                Term::Tag(v) => a.tags.iter().any(|t| t.to_lowercase() == v.to_lowercase()),
                Term::Entity(v) => a.names.iter().any(|n| crate::core::annotate::same_entity(n, v)),
                Term::Since(d) => a.published.is_some_and(|p| p >= *d),
                Term::Until(d) => a.published.is_some_and(|p| p <= *d),
            };
            held != c.negated
        })
    }
}

/// Whether a word, prefix or phrase is among `words` (folded).
fn term_in(term: &Term, words: &[String]) -> bool {
    match term {
        Term::Word(w) => words.iter().any(|x| x == w),
        Term::Prefix(p) => words.iter().any(|x| x.starts_with(p.as_str())),
        Term::Phrase(ph) => !ph.is_empty() && words.windows(ph.len()).any(|w| w == &ph[..]),
        _ => false,
    }
}

impl std::fmt::Display for Query {
    /// The query as it would be typed, normalised: for the status bar.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: Vec<String> = self
            .clauses
            .iter()
            .map(|c| {
                let value = |v: &str| if v.contains(' ') { format!("\"{v}\"") } else { v.to_string() };
                let body = match &c.term {
                    Term::Word(w) => w.clone(),
                    Term::Prefix(p) => format!("{p}*"),
                    Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
                    Term::Unread => "unread".into(),
                    Term::Starred => "starred".into(),
                    Term::Bookmarked => "bookmarked".into(),
                    Term::Source(s) => format!("source:{}", value(s)),
                    Term::Feed(s) => format!("feed:{}", value(s)),
                    Term::Tag(s) => format!("tag:{}", value(s)),
                    Term::Entity(s) => format!("entity:{}", value(s)),
                    Term::Since(d) => format!("since:{d}"),
                    Term::Until(d) => format!("until:{d}"),
                };
                if c.negated {
                    format!("-{body}")
                } else {
                    body
                }
            })
            .collect();
        f.write_str(&shown.join(" "))
    }
}

/// The next token of `input` (which starts with one): a run up to white space, with
/// double-quoted stretches kept whole and their quotes removed (`entity:"Mark Rutte"`,
/// `"deal with Russia"`). Curly quotes count as straight ones.
fn next_token(input: &str) -> Result<(String, &str), QueryError> {
    let mut token = String::new();
    let mut quoted = false;
    // A quoted phrase keeps its marks, so `term` can tell it from a word.
    for (i, c) in input.char_indices() {
        match c {
            '"' | '“' | '”' => {
                quoted = !quoted;
                token.push('"');
            }
            c if c.is_whitespace() && !quoted => return Ok((token, &input[i..])),
            c => token.push(c),
        }
    }
    if quoted {
        return Err(QueryError::Unclosed);
    }
    Ok((token, ""))
}

/// What one token (its `-` taken off) asks for.
fn term(token: &str) -> Result<Term, QueryError> {
    if let Some((name, value)) = token.split_once(':').filter(|(n, _)| !n.contains('"') && !n.is_empty()) {
        let value = value.replace('"', "");
        let value = value.trim();
        let name = name.to_lowercase();
        let example = match name.as_str() {
            "source" => "reuters",
            "feed" => "bbc",
            "tag" => "climate",
            "entity" => "\"Mark Rutte\"",
            "since" | "until" => "2025-06-01",
            "is" => "unread",
            _ => return Err(QueryError::UnknownFilter(name)),
        };
        if value.is_empty() {
            return Err(QueryError::Empty(name, example));
        }
        let date = || NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| QueryError::BadDate(value.to_string()));
        return Ok(match name.as_str() {
            "source" => Term::Source(value.to_string()),
            "feed" => Term::Feed(value.to_string()),
            "tag" => Term::Tag(value.to_string()),
            "entity" => Term::Entity(value.to_string()),
            "since" => Term::Since(date()?),
            "until" => Term::Until(date()?),
            _ => match value.to_lowercase().as_str() {
                "unread" => Term::Unread,
                "starred" => Term::Starred,
                "bookmarked" => Term::Bookmarked,
                _ => return Err(QueryError::UnknownFilter(format!("is:{value}"))),
            },
        });
    }
    if token.starts_with('"') {
        let inner = token.replace('"', "");
        let words = folded_words(&inner);
        return match words.len() {
            0 => Err(QueryError::NothingToFind(token.to_string())),
            1 => Ok(Term::Word(words.into_iter().next().unwrap_or_default())),
            _ => Ok(Term::Phrase(words)),
        };
    }
    match token.to_lowercase().as_str() {
        "unread" => return Ok(Term::Unread),
        "starred" => return Ok(Term::Starred),
        "bookmarked" => return Ok(Term::Bookmarked),
        _ => {}
    }
    let (stem, prefix) = match token.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (token, false),
    };
    let words = folded_words(stem);
    match (words.len(), prefix) {
        (0, _) => Err(QueryError::NothingToFind(token.to_string())),
        (1, true) => Ok(Term::Prefix(words.into_iter().next().unwrap_or_default())),
        (1, false) => Ok(Term::Word(words.into_iter().next().unwrap_or_default())),
        // "U.S." or "e-mail": words the index splits, searched as a phrase.
        _ => Ok(Term::Phrase(words)),
    }
}

/// The FTS5 string literal of `s`.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The byte ranges of the words of `text` as the index cuts them: runs of letters and digits.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The words of `text` as the index cuts and compares them.
pub fn folded_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_folded_word(text, |w| out.push(w.to_string()));
    out
}

/// `folded_words` one at a time, folded into one buffer: for a whole article, where a
/// string per word would cost more than the rest of the work.
pub fn each_folded_word(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    for r in words(text) {
        word.clear();
        word.extend(folded(&text[r]));
        each(&word);
    }
}

/// A word as the index compares it: lower case, Latin letters without their accents.
pub fn fold(word: &str) -> String {
    folded(word).collect()
}

fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().flat_map(char::to_lowercase).map(base_letter)
}

/// The letter under an accent, for the Latin letters news is written in.
fn base_letter(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    const TO: &str = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrssssttttuuuuuuuuuuwyyyzzz";
    if c.is_ascii() {
        return c;
    }
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<(bool, Term)> {
        Query::parse(q).unwrap().clauses.into_iter().map(|c| (c.negated, c.term)).collect()
    }

    #[test]
    fn words_phrases_and_prefixes_fold_case_and_accents() {
        assert_eq!(
            terms("Zürich \"Deal with Russia\" sanction*"),
            [
                (false, Term::Word("zurich".into())),
                (false, Term::Phrase(vec!["deal".into(), "with".into(), "russia".into()])),
                (false, Term::Prefix("sanction".into())),
            ]
        );
        assert_eq!(terms("“ceasefire”"), [(false, Term::Word("ceasefire".into()))]);
        assert_eq!(terms("U.S."), [(false, Term::Phrase(vec!["u".into(), "s".into()]))]);
    }

    #[test]
    fn every_filter_and_negation() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            terms("unread is:starred bookmarked source:reuters feed:BBC tag:climate entity:\"Mark Rutte\" since:2025-06-01 until:2025-06-30 -source:\"Clash Report\" -strike"),
            [
                (false, Term::Unread),
                (false, Term::Starred),
                (false, Term::Bookmarked),
                (false, Term::Source("reuters".into())),
                (false, Term::Feed("BBC".into())),
                (false, Term::Tag("climate".into())),
                (false, Term::Entity("Mark Rutte".into())),
                (false, Term::Since(d("2025-06-01"))),
                (false, Term::Until(d("2025-06-30"))),
                (true, Term::Source("Clash Report".into())),
                (true, Term::Word("strike".into())),
            ]
        );
        assert_eq!(terms("-unread"), [(true, Term::Unread)]);
        // A lone dash is nothing to negate: it has no word in it.
        assert!(matches!(Query::parse("-"), Err(QueryError::NothingToFind(_))));
    }

    #[test]
    fn mistakes_are_explained_not_panicked_on() {
        let err = |q: &str| Query::parse(q).unwrap_err().to_string();
        assert_eq!(err("\"deal with"), "a quotation mark is not closed");
        assert!(err("author:lee").starts_with("unknown filter `author:`"), "{}", err("author:lee"));
        assert_eq!(err("since:"), "`since:` needs a value, as in `since:2025-06-01`");
        assert_eq!(err("since:June"), "`June` is not a date: write it as YYYY-MM-DD");
        assert_eq!(err("since:2025-02-30"), "`2025-02-30` is not a date: write it as YYYY-MM-DD");
        assert!(err("is:lost").contains("is:lost"));
        assert!(err("***").contains("no letters or digits"));
        assert!(Query::parse("").unwrap().is_empty());
        assert!(Query::parse(&"é".repeat(5_000)).is_ok(), "a long query is cut at a char boundary");
    }

    #[test]
    fn the_full_text_part_is_fts5_syntax_with_quotes_escaped() {
        let q = Query::parse("strike* \"port workers\" -union -\"pay deal\" unread").unwrap();
        assert_eq!(
            q.fts(),
            (Some("\"strike\"* AND \"port workers\"".into()), Some("\"union\" OR \"pay deal\"".into()))
        );
        assert_eq!(Query::parse("unread").unwrap().fts(), (None, None));
    }

    #[test]
    fn the_query_reads_back_as_typed() {
        let q = Query::parse("Strike  -source:\"Clash Report\" entity:Rutte since:2025-06-01").unwrap();
        assert_eq!(q.to_string(), "strike -source:\"Clash Report\" entity:Rutte since:2025-06-01");
        assert_eq!(Query::parse(&q.to_string()).unwrap(), q);
    }

    #[test]
    fn an_article_at_hand_is_matched_as_the_library_would() {
        let names = ["Ines Barros".to_string()];
        let tags = ["Ports".to_string()];
        let a = Candidate {
            title: "Port strike ends",
            text: "Dock workers in Göteborg voted to end the strike. A deal with Russia was not on the table.",
            source: Some("Coastline Wire"),
            published: NaiveDate::from_ymd_opt(2025, 6, 3),
            starred: true,
            tags: &tags,
            names: &names,
            ..Candidate::default()
        };
        let holds = |q: &str| Query::parse(q).unwrap().matches(&a);
        for yes in [
            "strike",
            "goteborg dock*",
            "\"deal with russia\"",
            "unread starred -bookmarked",
            "source:coastline tag:ports entity:Barros",
            "since:2025-06-01 until:2025-06-03",
            "-ferry",
            "",
        ] {
            assert!(holds(yes), "{yes}");
        }
        for no in
            ["ferry", "\"russia with deal\"", "-strike", "source:herald", "feed:bbc", "since:2025-06-04", "entity:Kral"]
        {
            assert!(!holds(no), "{no}");
        }
    }

    #[test]
    fn matches_are_found_in_text_whatever_the_case_and_accents() {
        let q = Query::parse("zurich sanction* \"port workers\" -strike").unwrap();
        let text = "Port workers in Zürich met. Sanctions bite; the PORT WORKERS' strike goes on.";
        let marked: Vec<&str> = q.find_in(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(marked, ["Port workers", "Zürich", "Sanctions", "PORT WORKERS"]);
    }
}
