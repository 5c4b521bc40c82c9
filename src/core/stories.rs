//! One story across many sources: articles that report the same event are grouped, so a
//! reader sees it once with "+N sources". Grouping works on a small `Signature` taken
//! from each article when it is cleaned and annotated (kept in the store with its other
//! findings), never on the text again.
//!
//! Two articles are the same story when they are near in time and share what only the
//! same event gives them: the same quotation (five words or more in common inside quote
//! marks), the same wording (a rewritten or republished copy shares runs of words), or,
//! failing those, the same particular names and words at once (weighted by how rare each
//! is in the library, so "NATO" and "Trump" alone join nothing). Topics are not stories:
//! the same people at another event, a follow-up days later, or last year's edition of
//! the same prize share names and words but neither quotations nor days.
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};

use crate::core::article::Article;
use crate::core::boilerplate::is_function_word;
use crate::core::search::{each_folded_word, fold};
use crate::core::store::{LibraryRow, Store, StoreError};

/// Words per run for quotations and wording.
const RUN: usize = 4;
/// Runs kept of an article's wording: the ones with the smallest hashes, a consistent sample.
const SAMPLE: usize = 64;
/// Runs kept of its quotations.
const QUOTED_MAX: usize = 64;
/// Content words kept, the most frequent.
const TERMS: usize = 32;
/// Names kept, the most mentioned: the others are in passing (and a long roundup's
/// hundred names would weigh on memory, not on what story it tells).
const NAMES: usize = 32;
/// Days apart two reports of one event may be.
const DAYS_APART: i64 = 2;
/// Shared runs of quotation that make two articles report one event: a five-word stretch
/// of the same quotation gives two overlapping four-word runs.
const SHARED_QUOTE_RUNS: usize = 2;
/// Share of the wording sample in common that makes a copy.
const COPY: f32 = 0.15;
/// And at least this many runs: a whole copied sentence (eleven words), where a few
/// words in common ("who chairs the dockers' union") are how two reports name one person.
const COPY_RUNS: usize = 8;
/// Without a shared quotation or wording: how alike names and words must both be, between
/// articles with this many runs of prose at least (a page of labels and forms, with a
/// name or two, tells no story).
const PROSE_RUNS: usize = 16;
const NAMES_ALIKE: f32 = 0.5;
const WORDS_ALIKE: f32 = 0.45;
/// A feature held by more articles than this is too common to suggest a pair.
const POSTING_MAX: usize = 24;
/// The articles each one is compared with at most: those sharing the most features.
const NEAREST: usize = 24;

/// What grouping needs of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    pub published: Option<NaiveDate>,
    /// Hashes of the runs of words inside its quotations, sorted.
    pub quoted: Vec<u32>,
    /// The smallest hashes of the runs of words of its prose, sorted.
    pub sample: Vec<u32>,
    /// Content words (hashed) and how often each occurs: the most frequent, sorted by hash.
    pub terms: Vec<(u32, u16)>,
    /// The names it mentions most, hashed, sorted.
    pub names: Vec<u32>,
    /// The feed it came from (not stored: the library knows it). A feed never reports its
    /// own story twice, so entries of one feed are never one story, however alike (a
    /// daily bulletin, a tide table).
    pub feed: Option<i64>,
}

fn hash(word: &str) -> u32 {
    // FNV-1a: stable across runs and builds, as stored signatures need.
    word.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The hashes of the runs of `RUN` words among `words` (each word hashed): each run's
/// words mixed in order, then spread over all 32 bits (murmur3's finish), as samples
/// keep the smallest.
fn runs(words: &[u32]) -> impl Iterator<Item = u32> + '_ {
    words.windows(RUN).map(|run| {
        let mut h = run.iter().fold(0x811c_9dc5u32, |h, w| (h.rotate_left(5) ^ w).wrapping_mul(0x9e37_79b1));
        h ^= h >> 16;
        h = h.wrapping_mul(0x85eb_ca6b);
        h ^= h >> 13;
        h = h.wrapping_mul(0xc2b2_ae35);
        h ^ (h >> 16)
    })
}

/// Whether a line of clean text (`words` long) is prose: a sentence or more. A copy shares
/// prose; labels, forms, buttons and credits that the filter let through ("Leave a
/// comment", "Click to share on X (opens in a new window)") are alike on unrelated pages
/// of one publishing system.
fn is_prose(line: &str, words: usize) -> bool {
    const WORDS: usize = 10;
    words >= WORDS && !line.starts_with("# ") && line.trim_end().ends_with(['.', '!', '?', '"', '”', '’', '»', '“'])
}

/// The smallest `n` of `hashes`, each once, sorted.
fn smallest(mut hashes: Vec<u32>, n: usize) -> Vec<u32> {
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(n);
    hashes.shrink_to_fit();
    hashes
}

/// A hasher for keys that are hashes already: one multiplication spreads them over the
/// table, where the standard hasher would hash them again (a third of grouping's time).
#[derive(Default)]
struct Rehash(u64);

impl Hasher for Rehash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|b| self.write_u32(u32::from(*b)));
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by hashes.
type ByHash<V> = HashMap<u32, V, BuildHasherDefault<Rehash>>;

impl Signature {
    /// The signature of an article: its cleaned text (`text`, as `Article::clean_text`
    /// gives it), its quotations outside hidden blocks and the names it mentions.
    pub fn of(article: &Article, text: &str) -> Signature {
        let (mut words, mut wording) = (Vec::new(), Vec::new());
        let mut counts: ByHash<u16> = ByHash::default();
        for line in text.lines() {
            words.clear();
            each_folded_word(line, |w| {
                let h = hash(w);
                words.push(h);
                if w.chars().nth(2).is_some() && !is_function_word(w) {
                    *counts.entry(h).or_default() += 1;
                }
            });
            if is_prose(line, words.len()) {
                wording.extend(runs(&words));
            }
        }
        let sample = smallest(wording, SAMPLE);
        let mut quoted: Vec<u32> = Vec::new();
        for q in article.annotations.quotes.iter().filter(|q| !article.is_hidden_at(q.range.start)) {
            words.clear();
            each_folded_word(&article.doc.text[q.range.clone()], |w| words.push(hash(w)));
            quoted.extend(runs(&words));
        }
        let quoted = smallest(quoted, QUOTED_MAX);
        let mut terms: Vec<(u32, u16)> = counts.into_iter().collect();
        terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(TERMS);
        terms.sort_unstable();
        let mut names: Vec<u32> =
            article.entity_groups().into_iter().take(NAMES).map(|(name, _, _)| hash(&fold(&name))).collect();
        names.sort_unstable();
        names.dedup();
        Signature { published: article.doc.meta.published, quoted, sample, terms, names, feed: None }
    }

    /// The signature as bytes, for the store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let days = self.published.map_or(i32::MIN, |d| d.num_days_from_ce());
        out.extend(days.to_le_bytes());
        for list in [&self.quoted, &self.sample, &self.names] {
            out.extend((list.len() as u16).to_le_bytes());
            list.iter().for_each(|h| out.extend(h.to_le_bytes()));
        }
        out.extend((self.terms.len() as u16).to_le_bytes());
        for (h, n) in &self.terms {
            out.extend(h.to_le_bytes());
            out.extend(n.to_le_bytes());
        }
        out
    }

    /// A signature read back from `to_bytes`; `None` for bytes it did not write.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        let mut r = Reader { bytes, at: 0 };
        let days = i32::from_le_bytes(r.take()?);
        let quoted = r.list()?;
        let sample = r.list()?;
        let names = r.list()?;
        let n = u16::from_le_bytes(r.take()?) as usize;
        let mut terms = Vec::with_capacity(n);
        for _ in 0..n {
            terms.push((u32::from_le_bytes(r.take()?), u16::from_le_bytes(r.take()?)));
        }
        // Sorted by hash, for comparing two articles' words (older signatures were not).
        terms.sort_unstable();
        if r.at != bytes.len() {
            return None;
        }
        let published = (days != i32::MIN).then(|| NaiveDate::from_num_days_from_ce_opt(days)).flatten();
        Some(Signature { published, quoted, sample, terms, names, feed: None })
    }
}

/// Reads `to_bytes` back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let part = self.bytes.get(self.at..self.at + N)?;
        self.at += N;
        part.try_into().ok()
    }

    /// A list of hashes, held in exactly its room: a library's signatures are many.
    fn list(&mut self) -> Option<Vec<u32>> {
        let n = u16::from_le_bytes(self.take()?) as usize;
        let mut list = Vec::with_capacity(n);
        for _ in 0..n {
            list.push(u32::from_le_bytes(self.take()?));
        }
        Some(list)
    }
}

/// The signatures the library holds for the articles in `scope` (as `Store::library`
/// reads it, and in its order), each knowing its feed, with what `keep` takes of each
/// article's row (a library of 100,000 need not be held whole to be grouped).
pub fn of_library<T>(
    store: &Store,
    scope: &[String],
    keep: impl Fn(LibraryRow) -> T,
) -> Result<(Vec<T>, Vec<Signature>), StoreError> {
    let (mut kept, mut signatures) = (Vec::new(), Vec::new());
    store.signatures(scope, |row, bytes| {
        if let Some(signature) = Signature::from_bytes(bytes) {
            signatures.push(Signature { feed: row.feed, ..signature });
            kept.push(keep(row));
        }
    })?;
    Ok((kept, signatures))
}

/// How rare each name and word is in the set grouped (its inverse document frequency),
/// and per article the total weight of its names and the length of its weighted words.
struct Rarity {
    /// Each name's weight, and how many articles hold it.
    names: ByHash<(f32, u32)>,
    /// Each word's weight.
    terms: ByHash<f32>,
    /// Per article: its names' weight and its words' length.
    totals: Vec<(f32, f32)>,
}

impl Rarity {
    fn of(all: &[Signature]) -> Rarity {
        let mut names: ByHash<(f32, u32)> = ByHash::default();
        let mut terms: ByHash<f32> = ByHash::default();
        for s in all {
            s.names.iter().for_each(|h| names.entry(*h).or_default().1 += 1);
            s.terms.iter().for_each(|(h, _)| *terms.entry(*h).or_default() += 1.0);
        }
        let n = all.len() as f32;
        let idf = |df: f32| ((n + 1.0) / (df + 0.5)).ln().max(0.0);
        names.values_mut().for_each(|(weight, df)| *weight = idf(*df as f32));
        terms.values_mut().for_each(|df| *df = idf(*df));
        let totals = all
            .iter()
            .map(|s| {
                let weight = s.names.iter().map(|h| names[h].0).sum();
                let length = s.terms.iter().map(|(h, c)| (f32::from(*c).sqrt() * terms[h]).powi(2)).sum::<f32>();
                (weight, length.sqrt())
            })
            .collect();
        Rarity { names, terms, totals }
    }

    /// How many articles hold name `hash`.
    fn holding_name(&self, hash: u32) -> usize {
        self.names.get(&hash).map_or(0, |n| n.1 as usize)
    }

    /// The weight of the names both hold against the lighter of the two sets.
    fn names_alike(&self, a: &Signature, b: &Signature, i: usize, j: usize) -> f32 {
        let both: f32 = common(&a.names, &b.names, |h| *h).map(|(h, _)| self.names[h].0).sum();
        let least = self.totals[i].0.min(self.totals[j].0);
        if least > 0.0 {
            both / least
        } else {
            0.0
        }
    }

    /// The cosine of the two articles' word counts weighted by rarity.
    fn words_alike(&self, a: &Signature, b: &Signature, i: usize, j: usize) -> f32 {
        let dot: f32 = common(&a.terms, &b.terms, |t| t.0)
            .map(|((h, x), (_, y))| (f32::from(*x) * f32::from(*y)).sqrt() * self.terms[h].powi(2))
            .sum();
        dot / (self.totals[i].1 * self.totals[j].1).max(f32::MIN_POSITIVE)
    }
}

/// The items of two lists sorted by `key` that have a key in common, side by side.
fn common<'a, T, K: Ord>(a: &'a [T], b: &'a [T], key: impl Fn(&T) -> K) -> impl Iterator<Item = (&'a T, &'a T)> {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match key(&a[i]).cmp(&key(&b[j])) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    (i, j) = (i + 1, j + 1);
                    return Some((&a[i - 1], &b[j - 1]));
                }
            }
        }
        None
    })
}

/// The features (quotation runs, wording runs, names) that suggest a pair: held by at
/// least two articles, and by few (a phrase every report uses, "said in a statement", is
/// no evidence of one story), each with the articles that hold it. Only these are kept,
/// so a large library costs little more than its signatures. Features are numbered kind
/// after kind, each kind in a range of its own.
struct Rare {
    /// Where each kind's features end.
    kinds: [u32; 3],
    /// Where each feature's holders start in `holders` (one more at the end).
    starts: Vec<u32>,
    /// The articles holding each feature, one feature after another.
    holders: Vec<u32>,
    /// Where each article's features start in `features` (one more at the end).
    of: Vec<u32>,
    /// The features of each article, in order, one article after another.
    features: Vec<u32>,
}

impl Rare {
    fn of(all: &[Signature], rarity: &Rarity) -> Rare {
        let (mut kinds, mut starts, mut holders) = ([0; 3], Vec::new(), Vec::new());
        // By eighths of the hashes (by their low bits: samples hold the smallest hashes),
        // so only an eighth of the library's features of one kind is ever held at once
        // (6 MB at 100,000 articles, instead of 50).
        let mut held: Vec<u64> = Vec::new();
        for (kind, end) in kinds.iter_mut().enumerate() {
            // A name every other article mentions would crowd its eighth: the names'
            // counts are known already.
            let rare = |h: u32| kind != 2 || (2..=POSTING_MAX).contains(&rarity.holding_name(h));
            for part in 0..8u32 {
                held.clear();
                for (i, s) in all.iter().enumerate() {
                    let features = [&s.quoted, &s.sample, &s.names][kind];
                    held.extend(
                        features
                            .iter()
                            .filter(|h| *h & 7 == part && rare(**h))
                            .map(|h| (u64::from(*h) << 32) | i as u64),
                    );
                }
                held.sort_unstable();
                for run in held.chunk_by(|a, b| a >> 32 == b >> 32).filter(|r| (2..=POSTING_MAX).contains(&r.len())) {
                    starts.push(holders.len() as u32);
                    holders.extend(run.iter().map(|v| *v as u32));
                }
            }
            *end = starts.len() as u32;
        }
        starts.push(holders.len() as u32);
        // Each article's features: counted, then laid out in feature order.
        let mut of = vec![0u32; all.len() + 1];
        holders.iter().for_each(|&a| of[a as usize + 1] += 1);
        (1..of.len()).for_each(|a| of[a] += of[a - 1]);
        let mut features = vec![0u32; holders.len()];
        let mut next = of.clone();
        for (feature, run) in starts.windows(2).enumerate() {
            for &a in &holders[run[0] as usize..run[1] as usize] {
                features[next[a as usize] as usize] = feature as u32;
                next[a as usize] += 1;
            }
        }
        Rare { kinds, starts, holders, of, features }
    }

    /// The rare features of article `i`.
    fn features_of(&self, i: usize) -> &[u32] {
        &self.features[self.of[i] as usize..self.of[i + 1] as usize]
    }

    /// The articles that hold rare feature `feature`.
    fn holding(&self, feature: u32) -> &[u32] {
        &self.holders[self.starts[feature as usize] as usize..self.starts[feature as usize + 1] as usize]
    }

    /// How many rare features of each kind articles `i` and `j` share.
    fn shared(&self, i: usize, j: usize) -> [usize; 3] {
        let mut counts = [0; 3];
        for (f, _) in common(self.features_of(i), self.features_of(j), |f| *f) {
            counts[self.kinds.iter().position(|end| f < end).unwrap_or(2)] += 1;
        }
        counts
    }
}

/// Whether articles `i` and `j` report the same event.
fn same_story(all: &[Signature], i: usize, j: usize, rarity: &Rarity, rare: &Rare) -> bool {
    let (a, b) = (&all[i], &all[j]);
    if a.feed.is_some() && a.feed == b.feed {
        return false;
    }
    if let (Some(x), Some(y)) = (a.published, b.published) {
        if (x - y).num_days().abs() > DAYS_APART {
            return false;
        }
    }
    let [quotes, wording, _] = rare.shared(i, j);
    let prose = a.sample.len().min(b.sample.len());
    quotes >= SHARED_QUOTE_RUNS
        || (wording >= COPY_RUNS && wording as f32 >= COPY * prose as f32)
        || (prose >= PROSE_RUNS
            && rarity.names_alike(a, b, i, j) >= NAMES_ALIKE
            && rarity.words_alike(a, b, i, j) >= WORDS_ALIKE)
}

/// The stories among `all`: groups of two or more indices into `all`, each sorted, in the
/// order of their first member. An article joins a story only when it is the same story
/// as at least half of those already in it, so a chain of look-alikes never becomes one
/// long story.
pub fn group(all: &[Signature]) -> Vec<Vec<usize>> {
    let rarity = Rarity::of(all);
    let rare = Rare::of(all, &rarity);
    // Pairs worth comparing: each article with the few others that share the most of its
    // rare features (comparing every pair would grow with the square of the library).
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut shared_with: HashMap<usize, u32> = HashMap::new();
    for i in 0..all.len() {
        shared_with.clear();
        for &f in rare.features_of(i) {
            for &j in rare.holding(f).iter().filter(|&&j| j as usize != i) {
                *shared_with.entry(j as usize).or_default() += 1;
            }
        }
        let mut near: Vec<(usize, u32)> = shared_with.iter().map(|(j, n)| (*j, *n)).collect();
        near.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // A pair near from both sides is compared twice: cheaper than holding every pair
        // to compare each once (19 MB at 100,000 articles).
        edges.extend(
            near.into_iter()
                .take(NEAREST)
                .map(|(j, _)| (i.min(j), i.max(j)))
                .filter(|&(a, b)| same_story(all, a, b, &rarity, &rare)),
        );
    }
    edges.sort_unstable();
    edges.dedup();
    let linked: HashSet<(usize, usize)> = edges.iter().copied().collect();
    // Clusters grow by average link: two merge when at least half their cross pairs are linked.
    let mut cluster: Vec<usize> = (0..all.len()).collect();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(i, j) in &edges {
        let (ci, cj) = (cluster[i], cluster[j]);
        if ci == cj {
            continue;
        }
        let a = members.get(&ci).cloned().unwrap_or_else(|| vec![ci]);
        let b = members.get(&cj).cloned().unwrap_or_else(|| vec![cj]);
        let links =
            a.iter().flat_map(|x| b.iter().map(move |y| (*x.min(y), *x.max(y)))).filter(|p| linked.contains(p)).count();
        if links * 2 < a.len() * b.len() {
            continue;
        }
        let (keep, gone) = (ci.min(cj), ci.max(cj));
        let mut merged = a;
        merged.extend(b);
        merged.sort_unstable();
        for &m in &merged {
            cluster[m] = keep;
        }
        members.remove(&gone);
        members.insert(keep, merged);
    }
    let mut stories: Vec<Vec<usize>> = members.into_values().filter(|m| m.len() > 1).collect();
    stories.sort();
    stories
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::folded_words;
    use crate::core::{article, boilerplate::Rules, ingest};

    fn signature(text: &str) -> Signature {
        let doc = ingest::load_bytes("s.txt", text.as_bytes()).unwrap();
        let article = article::process(doc, &Rules::default());
        Signature::of(&article, &article.clean_text())
    }

    /// Reports written for this test: two outlets on one dock strike deal (different
    /// words, one shared quotation), a wire copy lightly rewritten, the same union leader
    /// at another event, and an unrelated story.
    fn reports() -> Vec<Signature> {
        [
            "Dock strike ends at Port of Velmar\n\nMarch 3, 2025\n\nDock workers at the Port of Velmar voted on \
             Monday to end their three-week strike after the port authority offered a six percent raise over two \
             years.\n\n\"We held together, and in the end that is what won this,\" said Ilse Marchetti, who chairs \
             the dockers' union.\n\nShips that waited off the coast began to berth in the afternoon.\n",
            "Velmar dockers accept pay deal\n\nMarch 3, 2025\n\nThe three weeks of stoppage in Velmar are over: \
             members of the dockers' federation backed a deal that raises wages and sets up a safety committee.\n\n\
             Union chair Ilse Marchetti told reporters: \"We held together, and in the end that is what won \
             this.\"\n\nThe port expects the backlog to take ten days to clear.\n",
            "Velmar port strike is over\n\nMarch 4, 2025\n\nDock workers at the Port of Velmar voted on Monday to \
             end their strike after three weeks, after the port authority offered a raise of six percent over two \
             years.\n\nShips that had waited off the coast began to berth on Monday afternoon, officials said.\n",
            "Union leader warns on automation\n\nMarch 20, 2025\n\nIlse Marchetti, who chairs the dockers' union \
             in Velmar, told a conference on Thursday that automated cranes would cost hundreds of jobs.\n\n\
             \"Machines do not pay taxes,\" Marchetti said to applause from delegates.\n",
            "Library reopens after repairs\n\nMarch 3, 2025\n\nThe town library of Orsk reopened on Sunday after \
             two years of repairs to its roof and reading rooms, the council said.\n",
        ]
        .iter()
        .map(|t| signature(t))
        .collect()
    }

    #[test]
    fn reports_of_one_event_group_and_other_events_stay_apart() {
        assert_eq!(group(&reports()), [vec![0, 1, 2]]);
    }

    #[test]
    fn days_apart_keep_a_follow_up_out_even_with_the_same_quotation() {
        let mut all = reports();
        all[1].published = NaiveDate::from_ymd_opt(2025, 3, 9);
        all[2].published = NaiveDate::from_ymd_opt(2026, 3, 3);
        assert!(group(&all).is_empty(), "{:?}", group(&all));
    }

    #[test]
    fn entries_of_one_feed_are_never_one_story() {
        let mut all = reports();
        all.iter_mut().for_each(|s| s.feed = Some(7));
        assert!(group(&all).is_empty());
        // Through another feed's report, like both, they may still meet in one story.
        all[0].feed = Some(8);
        assert_eq!(group(&all), [vec![0, 1, 2]]);
    }

    #[test]
    fn signatures_survive_the_store_and_bad_bytes_are_refused() {
        for s in reports() {
            assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s.clone()));
            let bytes = s.to_bytes();
            assert_eq!(Signature::from_bytes(&bytes[..bytes.len() - 1]), None);
        }
        assert_eq!(Signature::from_bytes(b"junk"), None);
        let undated = Signature::default();
        assert_eq!(Signature::from_bytes(&undated.to_bytes()), Some(undated));
    }

    #[test]
    fn a_phrase_too_many_articles_hold_is_no_evidence() {
        let quoting = |runs: Vec<u32>| Signature { quoted: runs, ..Signature::default() };
        // "said in a statement": in more articles than any one event has reports.
        let mut all: Vec<Signature> = (0..POSTING_MAX as u32 + 1).map(|_| quoting(vec![7, 8])).collect();
        assert!(group(&all).is_empty());
        // Two of them also share a quotation of their own: that pair is a story.
        all[3].quoted = vec![7, 8, 1_000, 1_001];
        all[9].quoted = vec![7, 8, 1_000, 1_001];
        assert_eq!(group(&all), [vec![3, 9]]);
    }

    #[test]
    fn a_copy_shares_sentences_of_prose_and_a_story_needs_prose() {
        let s = |sample: Vec<u32>| Signature {
            sample,
            names: vec![1, 2],
            terms: vec![(5, 3), (6, 2)],
            ..Signature::default()
        };
        // Alike in names and words, with a sentence or two of prose each (no run in common).
        let (prose, other) = ((100..120).collect::<Vec<_>>(), (200..220).collect::<Vec<_>>());
        assert_eq!(group(&[s(prose.clone()), s(other)]), [vec![0, 1]]);
        // The same without prose: pages of labels and forms.
        assert!(group(&[s(prose[..8].to_vec()), s((200..208).collect())]).is_empty());
        // Six runs of ten in common, with nothing else alike: a phrase, not a copy.
        let t = |sample: Vec<u32>| Signature { sample, ..Signature::default() };
        assert!(group(&[t((0..10).collect()), t((4..14).collect())]).is_empty());
        assert_eq!(group(&[t((0..10).collect()), t((2..12).collect())]), [vec![0, 1]]);
    }

    #[test]
    fn prose_is_sentences_not_labels_buttons_or_headings() {
        let prose = |line: &str| is_prose(line, folded_words(line).len());
        assert!(prose("The council voted on Monday to close the old bridge to lorries for a year."));
        assert!(prose("\"We will not wait another winter for this road,\" said the mayor of the town."));
        assert!(!prose("Leave a comment"));
        assert!(!prose("Click to share on Facebook (opens in a new window) or on any other site"));
        assert!(!prose("# The council voted on Monday to close the old bridge to lorries."));
        assert!(!prose("Enter your details below or click an icon to log in to your account:"));
    }

    #[test]
    fn a_chain_of_look_alikes_does_not_become_one_story() {
        // Each is like the next only: the chain stops where a newcomer is like too few.
        let quote = |from: u32| (from..from + 4).collect::<Vec<u32>>();
        let s = |parts: &[u32]| Signature {
            quoted: parts.iter().flat_map(|&p| quote(p)).collect(),
            ..Signature::default()
        };
        let stories = group(&[s(&[10]), s(&[10, 100]), s(&[100, 200]), s(&[200])]);
        assert_eq!(stories, [vec![0, 1, 2]]);
    }
}
