//! How likely a line of a text dump is to belong to the article, from its shape, what the
//! rules said of it and what surrounds it: logistic regression over binary features.
//! `mark_outside_article` keeps the stretch of the page where lines most likely belong.
//!
//! Hand-set scores chose that stretch by prose density alone and lost short articles
//! beside long legal text or teaser columns; the weights, `assets/models/article_lines.tsv`,
//! are fitted on the development pages by `examples/fit_article_lines.rs`, which says how.
//! No feature names a word of any page: only shapes, counts and the rules' verdicts.
use std::sync::LazyLock;

use super::lines::{runs_where, Line};
use super::Reason;
use crate::core::document::BlockKind;

use crate::core::weights::{self, features};

features! {
    pub(super) bias,
    words_1, words_2, words_4, words_8, words_16, words_32, words_64,
    prose, ends_sentence, headline, stops_none, stops_few, stops_some, stops_many,
    bullet, starts_digit, ends_colon, separators, link, digits,
    listed_item, listed_between, counts_on, table_row, list_in_prose,
    marked_inline, marked_credit, marked_related, marked_comments, marked_site, marked_repeat,
    prev_prose, next_prose, prev_short, next_short,
    near_prose_0, near_prose_1, near_prose_2, near_prose_3,
    run_1, run_2, run_4, run_8, run_16,
    prose_run_1, prose_run_2, prose_run_3, prose_run_6,
    near_words_0, near_words_16, near_words_64, near_words_256,
    before_prose, after_prose,
    gap_above_1, gap_above_2, gap_above_4, gap_above_8,
    gap_below_1, gap_below_2, gap_below_4, gap_below_8,
}

/// Lines on each side that count as a line's neighbourhood.
const NEAR: usize = 3;
/// How far above a table's row the previous row may be.
const TABLE_REACH: usize = 3;

/// Per line, whether its leading number is one more than that of a line just above it,
/// or one less than that of a line just below: the rows of a ranking or a results table.
fn counting_rows(lines: &[&Line]) -> Vec<bool> {
    let leading: Vec<Option<u32>> = lines.iter().map(|l| leading_number(l.text)).collect();
    (0..lines.len())
        .map(|i| {
            leading[i].is_some_and(|n| {
                leading[i.saturating_sub(TABLE_REACH)..i].contains(&Some(n.wrapping_sub(1)))
                    || leading[i + 1..lines.len().min(i + 1 + TABLE_REACH)].contains(&Some(n + 1))
            })
        })
        .collect()
}

/// Per line, whether it and a neighbour both hold two numbers or more, as many each: a
/// table's rows.
fn table_rows(lines: &[&Line]) -> Vec<bool> {
    let numbers: Vec<usize> = lines
        .iter()
        .map(|l| l.text.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_ascii_digit())).count())
        .collect();
    (0..lines.len())
        .map(|i| {
            let n = numbers[i];
            n >= 2 && ((i > 0 && numbers[i - 1] == n) || numbers.get(i + 1) == Some(&n))
        })
        .collect()
}

/// The items of each run of list lines that the rules left alone and that has prose
/// right above and right below it: a list the article makes, not a menu beside it.
fn lists_in_prose(lines: &[&Line], out: &[Option<Reason>], prose: &[bool]) -> Vec<bool> {
    let item = |k: usize| out[k].is_none() && lines[k].kind == BlockKind::ListItem;
    let mut in_prose = vec![false; lines.len()];
    for run in runs_where(lines.len(), item) {
        if run.start > 0 && prose[run.start - 1] && run.end < lines.len() && prose[run.end] {
            in_prose[run].fill(true);
        }
    }
    in_prose
}

fn leading_number(text: &str) -> Option<u32> {
    let t = text.trim_start();
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    (end > 0 && end <= 3).then(|| t[..end].parse().ok()).flatten()
}

/// The fitted weights, one per feature, and the probability a line must reach to add to
/// the article's stretch (below it, a line counts against it).
#[derive(Debug, Clone)]
pub struct LineModel {
    weights: Vec<f32>,
    threshold: f32,
}

static BUNDLED: LazyLock<LineModel> = LazyLock::new(|| {
    LineModel::parse(include_str!("../../../assets/models/article_lines.tsv")).expect("the bundled line model parses")
});

impl LineModel {
    pub fn bundled() -> &'static LineModel {
        &BUNDLED
    }

    /// Reads a weight file (`crate::core::weights`): the threshold and one weight per
    /// feature. A feature the file lacks weighs nothing.
    pub fn parse(text: &str) -> Result<LineModel, String> {
        let names: Vec<&str> = std::iter::once("threshold").chain(NAMES.iter().copied()).collect();
        let values = weights::parse(text, &names)?;
        let threshold = values[0].unwrap_or(0.5);
        Ok(LineModel { weights: values[1..].iter().map(|w| w.unwrap_or(0.0)).collect(), threshold })
    }

    /// A model from fitted weights, in `feature_names()` order.
    pub fn new(weights: Vec<f32>, threshold: f32) -> LineModel {
        assert_eq!(weights.len(), NAMES.len(), "one weight per feature");
        LineModel { weights, threshold }
    }

    pub fn to_tsv(&self) -> String {
        format!("threshold\t{}\n{}", self.threshold, weights::to_tsv(NAMES, &self.weights))
    }

    /// What line `i` adds to the article's stretch: its words (capped, so one huge line
    /// cannot outweigh everything) times how far its probability is above the threshold.
    pub(super) fn score(&self, context: &Context, i: usize, cap: usize) -> f32 {
        let mut sum = 0.0;
        context.features(i, |f| sum += self.weights[f as usize]);
        let p = 1.0 / (1.0 + (-sum).exp());
        let score = context.lines[i].words.clamp(1, cap) as f32 * (p - self.threshold);
        // A numbered list that counts up is one piece: its links and notes never split it.
        if context.listed[i].is_some() {
            score.max(0.0)
        } else {
            score
        }
    }
}

pub fn feature_names() -> &'static [&'static str] {
    NAMES
}

/// What the features of one page's lines are computed from, once per page.
pub(super) struct Context<'a, 'b> {
    lines: &'a [&'b Line<'b>],
    out: &'a [Option<Reason>],
    listed: &'a [Option<bool>],
    /// Unhidden prose (or a numbered list's item, or a ranking's row), per line.
    prose: Vec<bool>,
    counting: Vec<bool>,
    table: Vec<bool>,
    /// Items of a bulleted list with prose right above and right below it.
    in_prose: Vec<bool>,
    /// Prose words in the `NEAR` lines around each line, itself excluded.
    near_words: Vec<usize>,
    /// Length of the run of prose, or of other lines, that each line is in.
    run: Vec<usize>,
    first_prose: Option<usize>,
    last_prose: Option<usize>,
    /// The nearest prose line above and below each line.
    prose_above: Vec<Option<usize>>,
    prose_below: Vec<Option<usize>>,
}

impl<'a, 'b> Context<'a, 'b> {
    pub(super) fn new(lines: &'a [&'b Line<'b>], out: &'a [Option<Reason>], listed: &'a [Option<bool>]) -> Self {
        let counting = counting_rows(lines);
        let mut prose: Vec<bool> = (0..lines.len())
            .map(|i| listed[i] == Some(true) || (out[i].is_none() && (lines[i].is_prose() || counting[i])))
            .collect();
        let in_prose = lists_in_prose(lines, out, &prose);
        for (p, l) in prose.iter_mut().zip(&in_prose) {
            *p |= l;
        }
        let words: Vec<usize> = (0..lines.len()).map(|i| if prose[i] { lines[i].words } else { 0 }).collect();
        let near_words = (0..lines.len())
            .map(|i| {
                let window = i.saturating_sub(NEAR)..(i + NEAR + 1).min(lines.len());
                window.map(|k| words[k]).sum::<usize>() - words[i]
            })
            .collect();
        let mut run = vec![0; lines.len()];
        let mut start = 0;
        for i in 1..=lines.len() {
            if i == lines.len() || prose[i] != prose[start] {
                run[start..i].fill(i - start);
                start = i;
            }
        }
        let first_prose = prose.iter().position(|&p| p);
        let last_prose = prose.iter().rposition(|&p| p);
        let mut prose_above = vec![None; lines.len()];
        for i in 1..lines.len() {
            prose_above[i] = if prose[i - 1] { Some(i - 1) } else { prose_above[i - 1] };
        }
        let mut prose_below = vec![None; lines.len()];
        for i in (0..lines.len().saturating_sub(1)).rev() {
            prose_below[i] = if prose[i + 1] { Some(i + 1) } else { prose_below[i + 1] };
        }
        Context {
            lines,
            out,
            listed,
            prose,
            counting,
            table: table_rows(lines),
            in_prose,
            near_words,
            run,
            first_prose,
            last_prose,
            prose_above,
            prose_below,
        }
    }

    /// Whether line `i` is prose, a counted list's item or a ranking's row: what the
    /// article's stretch may start with. An item of a list set in prose is not, as it is
    /// one only while the prose above it is kept.
    pub(super) fn starts_article(&self, i: usize) -> bool {
        self.prose[i] && (!self.in_prose[i] || self.lines[i].is_prose())
    }

    pub(super) fn len(&self) -> usize {
        self.lines.len()
    }

    /// Calls `f` with each feature line `i` has.
    pub(super) fn features(&self, i: usize, mut f: impl FnMut(Feature)) {
        use Feature::*;
        let l = self.lines[i];
        f(bias);
        f(match l.words {
            0..=1 => words_1,
            2..=3 => words_2,
            4..=7 => words_4,
            8..=15 => words_8,
            16..=31 => words_16,
            32..=63 => words_32,
            _ => words_64,
        });
        if self.prose[i] {
            f(prose);
        }
        if l.ends_sentence {
            f(ends_sentence);
        }
        if l.caps_ratio > super::limits::HEADLINE_CAPS {
            f(headline);
        }
        if l.words >= 4 {
            f(match l.stop_ratio {
                0.0 => stops_none,
                r if r < 0.1 => stops_few,
                r if r < 0.25 => stops_some,
                _ => stops_many,
            });
        }
        let text = l.text.trim();
        if text.starts_with(['-', '*', '•', '·', '–']) {
            f(bullet);
        }
        if text.starts_with(|c: char| c.is_ascii_digit()) {
            f(starts_digit);
        }
        if text.ends_with(':') {
            f(ends_colon);
        }
        if l.separators >= 2 {
            f(separators);
        }
        if l.has_address {
            f(link);
        }
        if l.digits * 3 > l.chars {
            f(digits);
        }
        if self.in_prose[i] {
            f(list_in_prose);
        }
        if self.counting[i] {
            f(counts_on);
        }
        if self.table[i] {
            f(table_row);
        }
        match self.listed[i] {
            Some(true) => f(listed_item),
            Some(false) => f(listed_between),
            None => {}
        }
        if let Some(reason) = self.out[i] {
            f(match reason {
                Reason::ShareLinks | Reason::NewsletterPromo | Reason::Advertisement | Reason::Code => marked_inline,
                Reason::Byline | Reason::Caption => marked_credit,
                Reason::RelatedStories | Reason::Teaser => marked_related,
                Reason::CommentsWidget | Reason::FormText => marked_comments,
                Reason::RepeatedText => marked_repeat,
                // The last two are never given before the model runs.
                Reason::Navigation
                | Reason::TagList
                | Reason::Copyright
                | Reason::CookieNotice
                | Reason::OutsideArticle
                | Reason::UserPattern => marked_site,
            });
        }
        if i > 0 {
            if self.prose[i - 1] {
                f(prev_prose);
            } else if self.lines[i - 1].is_short() {
                f(prev_short);
            }
        }
        if i + 1 < self.len() {
            if self.prose[i + 1] {
                f(next_prose);
            } else if self.lines[i + 1].is_short() {
                f(next_short);
            }
        }
        let window = i.saturating_sub(NEAR)..(i + NEAR + 1).min(self.len());
        let near = window.filter(|&k| k != i && self.prose[k]).count();
        f([near_prose_0, near_prose_1, near_prose_2, near_prose_3][near.min(3)]);
        let run = self.run[i];
        if self.prose[i] {
            f(match run {
                1 => prose_run_1,
                2 => prose_run_2,
                3..=5 => prose_run_3,
                _ => prose_run_6,
            });
        } else {
            f(match run {
                1 => run_1,
                2..=3 => run_2,
                4..=7 => run_4,
                8..=15 => run_8,
                _ => run_16,
            });
        }
        f(match self.near_words[i] {
            0..=15 => near_words_0,
            16..=63 => near_words_16,
            64..=255 => near_words_64,
            _ => near_words_256,
        });
        if self.first_prose.is_none_or(|p| i < p) {
            f(before_prose);
        }
        if self.last_prose.is_none_or(|p| i > p) {
            f(after_prose);
        }
        // How far the nearest prose is on each side.
        let gap = |d: usize, f1, f2, f4, f8| match d {
            1 => f1,
            2..=3 => f2,
            4..=7 => f4,
            _ => f8,
        };
        if let Some(k) = self.prose_above[i] {
            f(gap(i - k, gap_above_1, gap_above_2, gap_above_4, gap_above_8));
        }
        if let Some(k) = self.prose_below[i] {
            f(gap(k - i, gap_below_1, gap_below_2, gap_below_4, gap_below_8));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_model_weighs_every_feature() {
        let model = LineModel::bundled();
        assert!(model.weights.iter().all(|w| *w != 0.0), "a feature the fit never saw: {model:?}");
        assert!((0.0..1.0).contains(&model.threshold));
    }

    #[test]
    fn weight_files_round_trip_and_bad_ones_are_refused() {
        let model = LineModel::new((0..NAMES.len()).map(|i| i as f32 / 8.0).collect(), 0.4);
        let again = LineModel::parse(&model.to_tsv()).unwrap();
        assert_eq!(again.weights, model.weights);
        assert_eq!(again.threshold, 0.4);
        assert!(LineModel::parse("novelty\t1.0").unwrap_err().contains("unknown feature `novelty`"));
    }
}
