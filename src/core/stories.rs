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

use chrono::{Datelike, NaiveDate};

use crate::core::article::Article;
use crate::core::boilerplate::is_function_word;
use crate::core::search::{fold, folded_words};
use crate::core::store::{LibraryRow, Store, StoreError};

/// Words per run for quotations and wording.
const RUN: usize = 4;
/// Runs kept of an article's wording: the ones with the smallest hashes, a consistent sample.
const SAMPLE: usize = 64;
/// Runs kept of its quotations.
const QUOTED_MAX: usize = 64;
/// Content words kept, the most frequent.
const TERMS: usize = 32;
/// Days apart two reports of one event may be.
const DAYS_APART: i64 = 2;
/// Shared runs of quotation that make two articles report one event: a five-word stretch
/// of the same quotation gives two overlapping four-word runs.
const SHARED_QUOTE_RUNS: usize = 2;
/// Share of the wording sample in common that makes a copy.
const COPY: f32 = 0.15;
/// Without a shared quotation or wording: how alike names and words must both be.
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
    /// The smallest hashes of the runs of words of its text, sorted.
    pub sample: Vec<u32>,
    /// Content words (hashed) and how often each occurs: the most frequent.
    pub terms: Vec<(u32, u16)>,
    /// The names it mentions, hashed, sorted.
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

fn run_hashes(words: &[String]) -> impl Iterator<Item = u32> + '_ {
    words.windows(RUN).map(|w| hash(&w.join(" ")))
}

impl Signature {
    /// The signature of an article: its cleaned text, its quotations outside hidden
    /// blocks and the names it mentions.
    pub fn of(article: &Article) -> Signature {
        let text = article.clean_text();
        let words = folded_words(&text);
        let mut sample: Vec<u32> = run_hashes(&words).collect::<HashSet<_>>().into_iter().collect();
        sample.sort_unstable();
        sample.truncate(SAMPLE);
        let mut quoted: Vec<u32> = article
            .annotations
            .quotes
            .iter()
            .filter(|q| !article.is_hidden_at(q.range.start))
            .flat_map(|q| run_hashes(&folded_words(&article.doc.text[q.range.clone()])).collect::<Vec<_>>())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        quoted.sort_unstable();
        quoted.truncate(QUOTED_MAX);
        let mut counts: HashMap<&str, u16> = HashMap::new();
        for w in words.iter().filter(|w| w.chars().count() > 2 && !is_function_word(w)) {
            *counts.entry(w).or_default() += 1;
        }
        let mut terms: Vec<(&str, u16)> = counts.into_iter().collect();
        terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let terms = terms.into_iter().take(TERMS).map(|(w, n)| (hash(w), n)).collect();
        let mut names: Vec<u32> = article.entity_groups().into_iter().map(|(name, _, _)| hash(&fold(&name))).collect();
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
        let terms = (0..n)
            .map(|_| Some((u32::from_le_bytes(r.take()?), u16::from_le_bytes(r.take()?))))
            .collect::<Option<Vec<_>>>()?;
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

    fn list(&mut self) -> Option<Vec<u32>> {
        let n = u16::from_le_bytes(self.take()?) as usize;
        (0..n).map(|_| Some(u32::from_le_bytes(self.take()?))).collect()
    }
}

/// The signatures the library holds for the articles in `scope` (as `Store::library`
/// reads it), with their rows, each knowing its feed.
pub fn of_library(store: &Store, scope: &[String]) -> Result<(Vec<LibraryRow>, Vec<Signature>), StoreError> {
    Ok(store
        .signatures(scope)?
        .into_iter()
        .filter_map(|(row, bytes)| {
            let signature = Signature { feed: row.feed, ..Signature::from_bytes(&bytes)? };
            Some((row, signature))
        })
        .unzip())
}

/// How rare each name and word is in the set grouped (its inverse document frequency),
/// worked out once per article: its names' weights and its words as a unit vector.
struct Rarity {
    /// Per article: its names with their weights, sorted by hash, and their sum.
    names: Vec<(Vec<(u32, f32)>, f32)>,
    /// Per article: its words' rarity-weighted counts, scaled to length one, sorted by hash.
    terms: Vec<Vec<(u32, f32)>>,
}

impl Rarity {
    fn of(all: &[Signature]) -> Rarity {
        let mut name_df: HashMap<u32, f32> = HashMap::new();
        let mut term_df: HashMap<u32, f32> = HashMap::new();
        for s in all {
            s.names.iter().for_each(|h| *name_df.entry(*h).or_default() += 1.0);
            s.terms.iter().for_each(|(h, _)| *term_df.entry(*h).or_default() += 1.0);
        }
        let n = all.len() as f32;
        let idf = |df: &f32| ((n + 1.0) / (df + 0.5)).ln().max(0.0);
        let names = all
            .iter()
            .map(|s| {
                let weighted: Vec<(u32, f32)> = s.names.iter().map(|h| (*h, idf(&name_df[h]))).collect();
                let sum = weighted.iter().map(|(_, w)| w).sum();
                (weighted, sum)
            })
            .collect();
        let terms = all
            .iter()
            .map(|s| {
                let mut v: Vec<(u32, f32)> =
                    s.terms.iter().map(|(h, c)| (*h, f32::from(*c).sqrt() * idf(&term_df[h]))).collect();
                let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
                v.iter_mut().for_each(|(_, x)| *x /= norm.max(f32::MIN_POSITIVE));
                v.sort_unstable_by_key(|(h, _)| *h);
                v
            })
            .collect();
        Rarity { names, terms }
    }

    /// The weight of the names both hold against the lighter of the two sets.
    fn names_alike(&self, i: usize, j: usize) -> f32 {
        let ((a, sum_a), (b, sum_b)) = (&self.names[i], &self.names[j]);
        let both: f32 = merged(a, b).map(|(x, _)| x).sum();
        let least = sum_a.min(*sum_b);
        if least > 0.0 {
            both / least
        } else {
            0.0
        }
    }

    /// The cosine of the two articles' word counts weighted by rarity.
    fn words_alike(&self, i: usize, j: usize) -> f32 {
        merged(&self.terms[i], &self.terms[j]).map(|(x, y)| x * y).sum()
    }
}

/// The values of two lists sorted by hash that have a hash in common, side by side.
fn merged<'a>(a: &'a [(u32, f32)], b: &'a [(u32, f32)]) -> impl Iterator<Item = (f32, f32)> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let pair = (a[i].1, b[j].1);
                    (i, j) = (i + 1, j + 1);
                    return Some(pair);
                }
            }
        }
        None
    })
}

/// Each article's features that few articles hold (a phrase every report uses, "said in
/// a statement", is no evidence of one story), and which articles hold each: per kind
/// (quotation runs, wording runs, names), sorted `hash << 32 | article` values, cut into
/// runs of one hash.
struct Rare {
    kinds: [Vec<u64>; 3],
    /// Per kind, where each rare feature's run starts and ends in `kinds`.
    runs: [Vec<(u32, u32)>; 3],
    /// Per article and kind, its rare features as indices into `runs` (sorted, as the
    /// runs are sorted by hash).
    of: Vec<[Vec<u32>; 3]>,
}

impl Rare {
    fn of(all: &[Signature]) -> Rare {
        let mut kinds: [Vec<u64>; 3] = Default::default();
        let mut of: Vec<[Vec<u32>; 3]> = vec![Default::default(); all.len()];
        let mut runs: [Vec<(u32, u32)>; 3] = Default::default();
        // One kind at a time, so only one is ever held whole.
        for (k, kind) in kinds.iter_mut().enumerate() {
            fn list(s: &Signature, kind: usize) -> &[u32] {
                [&s.quoted, &s.sample, &s.names][kind]
            }
            kind.extend(
                all.iter()
                    .enumerate()
                    .flat_map(|(i, s)| list(s, k).iter().map(move |h| (u64::from(*h) << 32) | i as u64)),
            );
            kind.sort_unstable();
            // Keep only the runs of one hash that few articles hold.
            let mut kept = Vec::with_capacity(kind.len() / 4);
            for run in kind.chunk_by(|a, b| a >> 32 == b >> 32).filter(|r| r.len() <= POSTING_MAX) {
                let index = runs[k].len() as u32;
                runs[k].push((kept.len() as u32, (kept.len() + run.len()) as u32));
                for v in run {
                    of[(v & 0xffff_ffff) as usize][k].push(index);
                }
                kept.extend_from_slice(run);
            }
            kept.shrink_to_fit();
            *kind = kept;
        }
        Rare { kinds, runs, of }
    }

    /// The articles that hold rare feature `run` of `kind`.
    fn holding(&self, kind: usize, run: u32) -> impl Iterator<Item = usize> + '_ {
        let (from, to) = self.runs[kind][run as usize];
        self.kinds[kind][from as usize..to as usize].iter().map(|v| (v & 0xffff_ffff) as usize)
    }
}

/// How many values two sorted lists both hold.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
        }
    }
    n
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
    let (ra, rb) = (&rare.of[i], &rare.of[j]);
    shared(&ra[0], &rb[0]) >= SHARED_QUOTE_RUNS
        || shared(&ra[1], &rb[1]) as f32 >= COPY * a.sample.len().min(b.sample.len()).max(1) as f32
        || (rarity.names_alike(i, j) >= NAMES_ALIKE && rarity.words_alike(i, j) >= WORDS_ALIKE)
}

/// The stories among `all`: groups of two or more indices into `all`, each sorted, in the
/// order of their first member. An article joins a story only when it is the same story
/// as at least half of those already in it, so a chain of look-alikes never becomes one
/// long story.
pub fn group(all: &[Signature]) -> Vec<Vec<usize>> {
    let rarity = Rarity::of(all);
    let rare = Rare::of(all);
    // Pairs worth comparing: each article with the few others that share the most of its
    // rare features (comparing every pair would grow with the square of the library).
    let mut candidates: Vec<u64> = Vec::new();
    let mut shared_with: HashMap<usize, u32> = HashMap::new();
    for i in 0..all.len() {
        shared_with.clear();
        for (kind, list) in rare.of[i].iter().enumerate() {
            for &h in list {
                for j in rare.holding(kind, h).filter(|&j| j != i) {
                    *shared_with.entry(j).or_default() += 1;
                }
            }
        }
        let mut near: Vec<(usize, u32)> = shared_with.iter().map(|(j, n)| (*j, *n)).collect();
        near.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.extend(near.into_iter().take(NEAREST).map(|(j, _)| ((i.min(j) as u64) << 32) | i.max(j) as u64));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut edges: Vec<(usize, usize)> = candidates
        .into_iter()
        .map(|p| ((p >> 32) as usize, (p & 0xffff_ffff) as usize))
        .filter(|&(i, j)| same_story(all, i, j, &rarity, &rare))
        .collect();
    edges.sort_unstable();
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
    use crate::core::{article, boilerplate::Rules, ingest};

    fn signature(text: &str) -> Signature {
        let doc = ingest::load_bytes("s.txt", text.as_bytes()).unwrap();
        Signature::of(&article::process(doc, &Rules::default()))
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
