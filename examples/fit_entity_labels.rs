//! Fits the entity label model, `assets/models/entity_labels.tsv`, on CoNLL-2003 train:
//!
//! ```sh
//! cargo run --release --example fit_entity_labels -- ../shared/ner-dev/eng.train \
//!     > assets/models/entity_labels.tsv
//! ```
//!
//! Each training document is rebuilt as the text a reader sees (a sentence per line, tokens
//! joined the way the scorer joins them) and run through the rules. Every name they find is
//! one example: its features, and the class of the gold name with exactly that extent, or
//! "not a name" when no gold name overlaps it (a name with the wrong extent teaches nothing
//! about labels and is left out). An averaged perceptron fits the weights. Before fitting on
//! everything, `--folds K` (default 5) reports cross-validated accuracy by document, beside
//! what the rules alone get right.
use std::collections::HashMap;
use std::fmt::Write as _;

use tidings::core::annotate::{class_of, decide, mentions, Label, MODEL_CLASSES};
use tidings::core::ingest::load_bytes;

/// Passes over the examples.
const EPOCHS: usize = 10;
/// The first pass's learning rate; pass k uses RATE / (k + 1).
const RATE: f32 = 0.2;
/// The L2 penalty's weight per example.
const L2: f64 = 1e-4;
/// A feature seen fewer times than this in training is not kept.
const MIN_COUNT: usize = 3;

struct Example {
    features: Vec<usize>,
    gold: usize,
    rule: usize,
    doc: usize,
    surface: String,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut folds = 5;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--folds" => folds = args.next().and_then(|f| f.parse().ok()).expect("--folds K"),
            _ => path = Some(a),
        }
    }
    let path = path.unwrap_or_else(|| "../shared/ner-dev/eng.train".into());
    let conll = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let docs = documents(&conll);
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut examples = Vec::new();
    let (mut skipped, mut found) = (0, 0);
    for (d, (text, gold)) in docs.iter().enumerate() {
        let doc = load_bytes("train.txt", text.as_bytes()).expect("a training document loads");
        assert_eq!(doc.text, *text, "the document's text is the text built");
        for m in mentions(&doc) {
            found += 1;
            let class = match gold.iter().find(|(g, _)| g.start < m.range.end && m.range.start < g.end) {
                None => MODEL_CLASSES.len() - 1,
                Some((g, l)) if *g == m.range => class_of(*l),
                Some(_) => {
                    skipped += 1;
                    continue;
                }
            };
            let features = m
                .features
                .into_iter()
                .map(|f| {
                    let next = names.len();
                    let id = *names.entry(f).or_insert(next);
                    if id == counts.len() {
                        counts.push(0);
                    }
                    counts[id] += 1;
                    id
                })
                .collect();
            examples.push(Example { features, gold: class, rule: class_of(m.label), doc: d, surface: m.surface });
        }
    }
    eprintln!(
        "{} documents, {} names found, {} with the wrong extent left out, {} examples, {} features",
        docs.len(),
        found,
        skipped,
        examples.len(),
        names.len()
    );
    for e in &mut examples {
        e.features.retain(|&f| counts[f] >= MIN_COUNT);
    }
    if folds > 1 {
        let (mut alone, mut joint, mut by_rules) = (0, 0, 0);
        for k in 0..folds {
            let train: Vec<&Example> = examples.iter().filter(|e| e.doc % folds != k).collect();
            let weights = fit(&train, names.len());
            let held: Vec<&Example> = examples.iter().filter(|e| e.doc % folds == k).collect();
            for doc in held.chunk_by(|a, b| a.doc == b.doc) {
                let scores: Vec<Row> = doc.iter().map(|e| scores(&weights, &e.features)).collect();
                let surfaces: Vec<&str> = doc.iter().map(|e| e.surface.as_str()).collect();
                let rules: Vec<usize> = doc.iter().map(|e| e.rule).collect();
                for ((e, s), c) in doc.iter().zip(&scores).zip(decide(&scores, &surfaces, &rules)) {
                    alone += usize::from(best(s) == e.gold);
                    joint += usize::from(c == e.gold);
                    by_rules += usize::from(e.rule == e.gold);
                }
            }
        }
        let n = examples.len() as f64;
        eprintln!(
            "{folds}-fold cross-validated accuracy by document: each mention alone {:.4}, with the name's \
             other mentions {:.4}, the rules' label {:.4}",
            alone as f64 / n,
            joint as f64 / n,
            by_rules as f64 / n
        );
    }
    let weights = fit(&examples.iter().collect::<Vec<_>>(), names.len());
    let mut by_id: Vec<(&String, &usize)> = names.iter().collect();
    by_id.sort_by_key(|(_, id)| **id);
    let mut out = String::new();
    out.push_str("# Entity label model: fitted on CoNLL-2003 train by examples/fit_entity_labels.rs.\n");
    out.push_str("# feature, then weights for PER, ORG, LOC, MISC and not-a-name.\n");
    for (name, &id) in by_id {
        let row = &weights[id];
        if counts[id] < MIN_COUNT || row.iter().all(|w| w.abs() < 1e-3) {
            continue;
        }
        let _ = write!(out, "{name}");
        for w in row {
            let _ = write!(out, "\t{w:.3}");
        }
        out.push('\n');
    }
    print!("{out}");
}

type Row = [f32; MODEL_CLASSES.len()];

fn scores(weights: &[Row], features: &[usize]) -> Row {
    let mut scores = [0.0f32; MODEL_CLASSES.len()];
    for &f in features {
        scores.iter_mut().zip(&weights[f]).for_each(|(s, w)| *s += w);
    }
    scores
}

fn best(scores: &Row) -> usize {
    (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap_or(0)
}

/// Softmax regression with an L2 penalty, by stochastic gradient descent over the examples
/// in a fixed shuffled order. The penalty keeps any one feature from deciding alone, so the
/// model leans on the rules' label where CoNLL's habits are not evidence.
fn fit(examples: &[&Example], n_features: usize) -> Vec<Row> {
    let mut w = vec![[0.0f32; MODEL_CLASSES.len()]; n_features];
    // The penalty is applied to a feature's row when the feature next appears.
    let mut last = vec![0u64; n_features];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut step = 0u64;
    let mut shrink = vec![1.0f64];
    for epoch in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let rate = RATE / (1.0 + epoch as f32);
        let keep = 1.0 - f64::from(rate) * L2;
        for &i in &order {
            let e = examples[i];
            step += 1;
            // shrink[k]: the product of the decays of the last k steps, this epoch's rate.
            for &f in &e.features {
                let k = (step - last[f]) as usize;
                while shrink.len() <= k.min(order.len()) {
                    let next = shrink.last().unwrap() * keep;
                    shrink.push(next);
                }
                let factor = shrink[k.min(shrink.len() - 1)] as f32;
                w[f].iter_mut().for_each(|x| *x *= factor);
                last[f] = step;
            }
            let s = scores(&w, &e.features);
            let top = s.iter().copied().fold(f32::MIN, f32::max);
            let exp: Vec<f32> = s.iter().map(|x| (x - top).exp()).collect();
            let z: f32 = exp.iter().sum();
            for &f in &e.features {
                for (c, x) in w[f].iter_mut().enumerate() {
                    let target = if c == e.gold { 1.0 } else { 0.0 };
                    *x -= rate * (exp[c] / z - target);
                }
            }
        }
        shrink.truncate(1);
        for (f, row) in w.iter_mut().enumerate() {
            let factor = keep.powi((step - last[f]) as i32) as f32;
            row.iter_mut().for_each(|x| *x *= factor);
            last[f] = step;
        }
    }
    w
}

/// A document's names: byte ranges with labels.
type Gold = Vec<(std::ops::Range<usize>, Label)>;

/// The documents of a CoNLL file: each one's text, a sentence per line, and its gold names
/// as byte ranges with labels.
fn documents(conll: &str) -> Vec<(String, Gold)> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut sentence: Vec<(&str, &str)> = Vec::new();
    let flush_sentence = |sentence: &mut Vec<(&str, &str)>, text: &mut String, gold: &mut Vec<_>| {
        if sentence.is_empty() {
            return;
        }
        let mut open = false;
        let mut glue = true;
        let mut current: Option<(usize, usize, &str)> = None;
        for (token, tag) in sentence.drain(..) {
            let attaches = matches!(
                token,
                "," | "." | ";" | ":" | "!" | "?" | ")" | "%" | "'s" | "n't" | "'re" | "'ve" | "'ll" | "'d" | "'m"
            );
            let quote = token == "\"";
            if !(glue || attaches || quote && open) {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(token);
            glue = matches!(token, "(" | "$") || (quote && !open);
            if quote {
                open = !open;
            }
            let kind = tag.split_once('-');
            match (kind, current) {
                (Some((b, k)), Some((s, _, ck))) if k == ck && b == "I" => current = Some((s, text.len(), ck)),
                (Some((_, k)), cur) => {
                    if let Some((s, e, ck)) = cur {
                        gold.push((s..e, label_of(ck)));
                    }
                    current = Some((start, text.len(), k));
                }
                (None, cur) => {
                    if let Some((s, e, ck)) = cur {
                        gold.push((s..e, label_of(ck)));
                    }
                    current = None;
                }
            }
        }
        if let Some((s, e, k)) = current {
            gold.push((s..e, label_of(k)));
        }
        text.push('\n');
    };
    for line in conll.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            flush_sentence(&mut sentence, &mut text, &mut gold);
            if !text.is_empty() {
                docs.push((std::mem::take(&mut text), std::mem::take(&mut gold)));
            }
        } else if cols.is_empty() {
            flush_sentence(&mut sentence, &mut text, &mut gold);
        } else {
            sentence.push((cols[0], cols[cols.len() - 1]));
        }
    }
    flush_sentence(&mut sentence, &mut text, &mut gold);
    if !text.is_empty() {
        docs.push((text, gold));
    }
    docs
}

fn label_of(kind: &str) -> Label {
    match kind {
        "PER" => Label::Per,
        "ORG" => Label::Org,
        "LOC" => Label::Loc,
        _ => Label::Misc,
    }
}
