//! A second opinion on each name the rules found: a linear model over what the rules
//! concluded, what the lists know, the name's shape and the words around it, which keeps
//! the label, changes it, or drops the name when it finds the rules' label unlikely. The rules find names well and label them
//! less well (a club named after its town, an event, a company named like a person);
//! weighing their many weak signals is what a fitted model does better than thresholds.
//!
//! The weights, `assets/models/entity_labels.tsv`, are fitted on CoNLL-2003 train by
//! `examples/fit_entity_labels.rs`. No feature names an entity: the words around a name
//! are used only when the project's common-word list has them, so the weights hold no
//! list of names drawn from the training text.
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::*;

/// The model's classes, in the weight file's column order. `None` is "not a name".
pub const CLASSES: [Option<Label>; 5] = [Some(Label::Per), Some(Label::Org), Some(Label::Loc), Some(Label::Misc), None];

type Weights = HashMap<u64, Scores, BuildHasherDefault<Fnv>>;

static MODEL: LazyLock<Weights> = LazyLock::new(|| {
    parse(include_str!("../../../../assets/models/entity_labels.tsv")).expect("the bundled entity model parses")
});

/// Reads a weight file: `feature<TAB>w_PER<TAB>w_ORG<TAB>w_LOC<TAB>w_MISC<TAB>w_none`
/// per line, `#` comments.
fn parse(text: &str) -> Result<Weights, String> {
    let mut weights = Weights::default();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty() && !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let feature = cols.next().unwrap_or_default();
        let mut row = [0.0; CLASSES.len()];
        for w in &mut row {
            *w = cols.next().and_then(|c| c.parse().ok()).ok_or_else(|| format!("line {}: bad weights", n + 1))?;
        }
        weights.insert(hash(feature), row);
    }
    Ok(weights)
}

fn hash(feature: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(feature.as_bytes());
    h.finish()
}

/// How much the other mentions of the same name count, beside a mention's own evidence:
/// "Barcelona" in a results line and "Barcelona" after "coach" are the same club.
pub const CONSISTENCY: f32 = 0.5;

/// The rules' label stands while the model gives it at least this probability.
pub const KEEP_RULE: f32 = 0.3;

/// A name as the rules leave it: its tokens, their label, and whether that label is a
/// guess (no list knows the name).
pub(super) struct Proposal {
    pub(super) span: Range<usize>,
    pub(super) label: Label,
    pub(super) guessed: bool,
}

/// A name found by the rules, as the model sees it.
pub struct Mention {
    /// Bytes of the document text.
    pub range: Range<usize>,
    /// The rules' label.
    pub label: Label,
    pub surface: String,
    pub features: Vec<String>,
}

/// The model's class for each name (`CLASSES` index) from each mention's own scores and
/// those of the other mentions with the same `surfaces`; the rules' class (`rules`) stands
/// unless the model gives it less than `KEEP_RULE`. The guard costs CoNLL a little and
/// keeps the model, which knows only Reuters 1996, from overruling the rules on text
/// unlike it (README, Accuracy).
pub fn decide(scores: &[Scores], surfaces: &[&str], rules: &[usize]) -> Vec<usize> {
    let mut sums: HashMap<&str, (Scores, usize)> = HashMap::new();
    for (s, surface) in scores.iter().zip(surfaces) {
        let (sum, n) = sums.entry(surface).or_insert(([0.0; CLASSES.len()], 0));
        sum.iter_mut().zip(s).for_each(|(a, b)| *a += b);
        *n += 1;
    }
    scores
        .iter()
        .zip(surfaces)
        .zip(rules)
        .map(|((own, surface), &rule)| {
            let (sum, n) = &sums[surface];
            let others = (*n - 1).max(1) as f32;
            let total: Vec<f32> = own.iter().zip(sum).map(|(o, s)| o + CONSISTENCY * (s - o) / others).collect();
            let top = total.iter().copied().fold(f32::MIN, f32::max);
            let z: f32 = total.iter().map(|t| (t - top).exp()).sum();
            if (total[rule] - top).exp() / z >= KEEP_RULE {
                return rule;
            }
            (0..CLASSES.len()).max_by(|&a, &b| total[a].total_cmp(&total[b])).unwrap_or(0)
        })
        .collect()
}

pub fn class_of(label: Label) -> usize {
    CLASSES.iter().position(|c| *c == Some(label)).expect("every label is a class")
}

pub type Scores = [f32; CLASSES.len()];

/// The model's scores for one name.
fn score(rec: &Recogniser, name: &Proposal) -> Scores {
    let mut scores = [0.0f32; CLASSES.len()];
    features(rec, name, &mut |f| {
        if let Some(row) = MODEL.get(&hash(f)) {
            scores.iter_mut().zip(row).for_each(|(s, w)| *s += w);
        }
    });
    scores
}

/// The final label of each of a document's names (tokens, the rules' label).
pub(super) fn judge(rec: &Recogniser, names: &[Proposal]) -> Vec<Option<Label>> {
    let scores: Vec<Scores> = names.iter().map(|n| score(rec, n)).collect();
    let surfaces: Vec<&str> = names.iter().map(|n| rec.span_text(n.span.clone())).collect();
    let rules: Vec<usize> = names.iter().map(|n| class_of(n.label)).collect();
    decide(&scores, &surfaces, &rules).into_iter().map(|c| CLASSES[c]).collect()
}

/// How a word around a name reads: itself when it is a common word, else its shape.
fn context(rec: &Recogniser, k: usize) -> String {
    let w = rec.word(k);
    let lower = w.to_lowercase();
    // `is_common_word` would lower-case the word a second time.
    if LEXICON.common_words.contains(lower.as_str()) || crate::core::boilerplate::is_function_word(&lower) {
        lower
    } else if w.starts_with(|c: char| c.is_ascii_digit()) {
        "#num".into()
    } else if is_capitalised(w) {
        "#cap".into()
    } else {
        "#other".into()
    }
}

/// Punctuation between two tokens ("(", ",", "-"), or a space; `None` across a line
/// break, where the other line's words are no context.
fn gap(rec: &Recogniser, from: usize, to: usize) -> Option<String> {
    let between = &rec.text[from..to];
    if between.contains('\n') {
        return None;
    }
    let marks: String = between.chars().filter(|c| !c.is_whitespace()).take(2).collect();
    Some(if marks.is_empty() { " ".into() } else { marks })
}

/// Every feature of a name, handed to `emit` one at a time.
pub(super) fn features(rec: &Recogniser, name: &Proposal, emit: &mut dyn FnMut(&str)) {
    let (span, label) = (name.span.clone(), name.label);
    let mut buf = String::new();
    let mut put = |args: std::fmt::Arguments| {
        buf.clear();
        let _ = buf.write_fmt(args);
        emit(&buf);
    };
    let words: Vec<&str> = span.clone().map(|k| rec.word(k)).collect();
    let (first, last) = (words[0], *words.last().unwrap());
    let surface = rec.span_text(span.clone());
    let rule = label.as_str();
    let n = words.len().min(4);
    put(format_args!("bias"));
    put(format_args!("rule={rule}"));
    put(format_args!("rule={rule}|n={n}"));
    // A label from the lists or a long name, or one the rules guessed from context.
    put(format_args!("rule={rule}|guessed={}", name.guessed));
    // Which of the rules' cues a guess rests on: the model learns how far each is trusted.
    if let Some((_, cue)) = name.guessed.then(|| rec.guess_with_cue(span.clone())).flatten() {
        put(format_args!("cue={cue}"));
        put(format_args!("cue={cue}|rule={rule}"));
    }
    if let Some(l) = LEXICON.phrases.get(surface) {
        put(format_args!("list={}", l.as_str()));
    }
    for (name, w) in [("first", first), ("last", last)] {
        if let Some(l) = LEXICON.phrases.get(w) {
            put(format_args!("{name}_list={}", l.as_str()));
        }
    }
    let lists: [(&str, bool); 8] = [
        ("given", LEXICON.given_names.contains(first)),
        ("surname", LEXICON.surnames.contains(last)),
        ("country", LEXICON.countries.contains(surface)),
        ("common", words.iter().all(|w| is_common_word(w))),
        ("org_head", ORG_HEADS.contains(&last)),
        ("loc_head", LOC_HEADS.contains(&last)),
        ("misc_head", MISC_HEADS.contains(&last)),
        ("surname_ending", has_surname_ending(last)),
    ];
    for (name, on) in lists {
        if on {
            put(format_args!("{name}"));
            put(format_args!("{name}|rule={rule}"));
        }
    }
    let shapes: [(&str, bool); 7] = [
        ("caps", words.iter().all(|w| is_all_caps(w))),
        ("camel", words.iter().any(|w| is_camel_case(w))),
        ("digit", words.iter().any(|w| w.contains(|c: char| c.is_ascii_digit()))),
        ("hyphen", words.iter().any(|w| w.contains('-'))),
        ("dotted", words.iter().any(|w| w.contains('.'))),
        ("of", words.iter().any(|w| matches!(*w, "of" | "de" | "for" | "and"))),
        ("possessive", rec.tokens[span.end - 1].possessive),
    ];
    for (name, on) in shapes {
        if on {
            put(format_args!("{name}"));
        }
    }
    // Everyday words inside a name ("United", "Cup", "National") say what it names.
    for w in words.iter().filter(|w| is_common_word(w)) {
        put(format_args!("word={}", w.to_lowercase()));
    }
    let lower = last.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    for k in [2, 3] {
        if chars.len() > k {
            let suffix: String = chars[chars.len() - k..].iter().collect();
            put(format_args!("suffix{k}={suffix}"));
        }
    }
    let place: [(&str, bool); 5] = [
        ("initial", rec.tokens[span.start].initial),
        ("shouting", rec.shouting[span.start]),
        ("headline", rec.headline[span.start]),
        ("results", rec.results[span.start]),
        ("title_before", span.start > 0 && rec.is_title(span.start - 1)),
    ];
    for (name, on) in place {
        if on {
            put(format_args!("{name}"));
            put(format_args!("{name}|rule={rule}"));
        }
    }
    let person_cue = words.iter().any(|w| rec.person_cues.contains(w));
    let org_cue = words.iter().any(|w| rec.org_cues.contains(w));
    let cues: [(&str, bool); 5] = [
        ("person_cue", person_cue && !org_cue),
        ("org_cue", org_cue && !person_cue),
        ("both_cues", org_cue && person_cue),
        ("dateline", rec.dateline_place.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(surface))),
        ("org_word", words.iter().any(|w| rec.org_words.contains(w))),
    ];
    for (name, on) in cues {
        if on {
            put(format_args!("{name}"));
        }
    }
    let start = rec.tokens[span.start].range.start;
    let end = rec.tokens[span.end - 1].range.end;
    let before = span.start.checked_sub(1).and_then(|p| Some((p, gap(rec, rec.tokens[p].range.end, start)?)));
    let after = (span.end < rec.tokens.len())
        .then_some(span.end)
        .and_then(|x| Some((x, gap(rec, end, rec.tokens[x].range.start)?)));
    match &before {
        Some((p, marks)) => {
            let p = *p;
            put(format_args!("prev={}", context(rec, p)));
            put(format_args!("prev_gap={marks}"));
            let line_goes_on =
                p.checked_sub(1).filter(|&pp| gap(rec, rec.tokens[pp].range.end, rec.tokens[p].range.start).is_some());
            if let Some(pp) = line_goes_on {
                put(format_args!("prev2={}", context(rec, pp)));
            }
        }
        None => put(format_args!("prev=#line")),
    }
    match after {
        Some((x, marks)) => {
            put(format_args!("next={}", context(rec, x)));
            put(format_args!("next_gap={marks}"));
            // "OSLO 1998-05-02": a place and a date opening a report.
            let word = rec.word(x);
            if before.is_none() && word.starts_with(|c: char| c.is_ascii_digit()) && word.contains(['-', '/']) {
                put(format_args!("dateline_shape"));
            }
            let line_goes_on =
                x + 1 < rec.tokens.len() && gap(rec, rec.tokens[x].range.end, rec.tokens[x + 1].range.start).is_some();
            if line_goes_on {
                put(format_args!("next2={}", context(rec, x + 1)));
            }
        }
        None => put(format_args!("next=#line")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_model_loads_and_a_broken_one_says_where() {
        assert!(MODEL.contains_key(&hash("bias")));
        assert!(parse("# comment\nbias\t1\t2\t3\t4\t5\n").is_ok());
        assert_eq!(parse("bias\t1\t2\tthree\t4\t5").unwrap_err(), "line 1: bad weights");
        assert!(parse("bias\t1\t2").is_err(), "a short row");
    }

    #[test]
    fn the_rules_label_stands_unless_the_model_finds_it_unlikely() {
        let close = [0.0, 1.0, 0.9, -2.0, -2.0];
        assert_eq!(decide(&[close], &["Velmar"], &[2]), vec![2], "a close second keeps the rules' place");
        let far = [0.0, 3.0, 0.0, -2.0, -2.0];
        assert_eq!(decide(&[far], &["Velmar"], &[2]), vec![1], "a far second gives way");
    }

    #[test]
    fn a_mention_with_weak_evidence_follows_the_other_mentions_of_its_name() {
        let org = [0.0, 3.0, 1.0, 0.0, 0.0];
        let weak_loc = [0.0, 0.9, 1.0, 0.0, 0.0];
        let strong_loc = [0.0, 0.5, 4.0, 0.0, 0.0];
        assert_eq!(decide(&[org, org, weak_loc], &["Velmar", "Velmar", "Velmar"], &[4, 4, 4]), vec![1, 1, 1]);
        assert_eq!(decide(&[org, strong_loc], &["Velmar", "Velmar"], &[4, 4]), vec![1, 2], "strong evidence stands");
        assert_eq!(decide(&[org, weak_loc], &["Velmar", "Ostrava"], &[4, 4]), vec![1, 2], "other names do not count");
    }
}
