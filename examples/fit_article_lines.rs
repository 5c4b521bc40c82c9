//! Fits the article line model, `assets/models/article_lines.tsv`, on the text dumps of
//! the two extraction development sets:
//!
//! ```sh
//! cargo run --release --example fit_article_lines > assets/models/article_lines.tsv
//! ```
//!
//! Labels come from each set's gold. On `extraction-dev` (whole article bodies) a line of
//! four words or more belongs to the article when half its 4-word shingles are in the
//! gold; a shorter line when its words are in the gold and a labelled neighbour belongs.
//! On `extraction-dev2` only the lines holding a must-keep snippet (1) or a must-drop one
//! (0) are labelled. Each line weighs its words (up to 80), as the scorers count words.
//! Logistic regression, L2-penalised, fits the weights.
//!
//! `--cv-out DIR` first fits K times (`--folds`, default 5; pages split by their place in
//! name order) and writes each page as cleaned by the model that did not see it, to
//! `DIR/dev/NAME.txt` and `DIR/dev2/NAME.txt`, for the sets' own scorers
//! (`score.py DIR/dev --gold ...`): cross-validated figures, not development ones.
//! `--threshold P` sets the probability a line must reach to count for the article.
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tidings::core::article::filtered_with;
use tidings::core::boilerplate::{feature_names, line_features, LineModel, Rules};
use tidings::core::document::Document;
use tidings::core::ingest::load_bytes;

/// Newton steps at most.
const STEPS: usize = 30;
/// A line's weight is its word count, up to this.
const WEIGHT_CAP: usize = 80;
const SHINGLE: usize = 4;

struct Page {
    set: &'static str,
    name: String,
    doc: Document,
    /// (features, label, weight) of each labelled line.
    examples: Vec<(Vec<usize>, bool, f64)>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut dev, mut dev2) = (PathBuf::from("../shared/extraction-dev"), PathBuf::from("../shared/extraction-dev2"));
    let (mut folds, mut cv_out, mut threshold) = (5usize, None, 0.5f32);
    let (mut l2, mut dev_weight) = (1e-3f64, 1f64);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--dev" => dev = value().into(),
            "--dev2" => dev2 = value().into(),
            "--folds" => folds = value().parse().expect("--folds K"),
            "--cv-out" => cv_out = Some(PathBuf::from(value())),
            "--threshold" => threshold = value().parse().expect("--threshold P"),
            "--l2" => l2 = value().parse().expect("--l2 X"),
            "--dev-weight" => dev_weight = value().parse().expect("--dev-weight X"),
            _ => panic!("unknown argument {a}"),
        }
    }
    let mut pages = whole_body_pages(&dev);
    pages.extend(snippet_pages(&dev2));
    let labelled: usize = pages.iter().map(|p| p.examples.len()).sum();
    eprintln!("{} pages, {labelled} labelled lines", pages.len());
    if let Some(out) = cv_out {
        for set in ["dev", "dev2"] {
            std::fs::create_dir_all(out.join(set)).expect("the CV folder can be made");
        }
        for k in 0..folds {
            let train: Vec<&Page> = pages.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, p)| p).collect();
            let model = LineModel::new(fit(&train, l2, dev_weight), threshold);
            for page in pages.iter().enumerate().filter(|(i, _)| i % folds == k).map(|(_, p)| p) {
                let text = filtered_with(page.doc.clone(), &Rules::default(), &model).clean_text();
                std::fs::write(out.join(page.set).join(format!("{}.txt", page.name)), text).expect("written");
            }
            eprintln!("fold {k} done");
        }
    }
    let model = LineModel::new(fit(&pages.iter().collect::<Vec<_>>(), l2, dev_weight), threshold);
    println!("# Fitted by examples/fit_article_lines.rs on the text dumps of extraction-dev and");
    println!("# extraction-dev2 ({} pages, {labelled} labelled lines).", pages.len());
    print!("{}", model.to_tsv());
}

/// Weights in `feature_names()` order, by Newton's method (the features are few, so the
/// Hessian is small): it converges in a few steps and the answer does not depend on a
/// learning rate.
fn fit(pages: &[&Page], l2: f64, dev_weight: f64) -> Vec<f32> {
    let n = feature_names().len();
    let examples: Vec<(&Vec<usize>, bool, f64)> = pages
        .iter()
        .flat_map(|p| {
            let scale = if p.set == "dev" { dev_weight } else { 1.0 };
            p.examples.iter().map(move |(f, l, w)| (f, *l, w * scale))
        })
        .collect();
    let total: f64 = examples.iter().map(|e| e.2).sum();
    let mut w = vec![0f64; n];
    for _ in 0..STEPS {
        let mut grad: Vec<f64> = w.iter().map(|x| l2 * x).collect();
        let mut hessian = vec![vec![0f64; n]; n];
        for (f, row) in hessian.iter_mut().enumerate() {
            row[f] = l2;
        }
        for &(features, label, weight) in &examples {
            let z: f64 = features.iter().map(|&f| w[f]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = weight / total * (p - if label { 1.0 } else { 0.0 });
            let h = weight / total * p * (1.0 - p);
            for &a in features {
                grad[a] += g;
                for &b in features {
                    hessian[a][b] += h;
                }
            }
        }
        let step = solve(hessian, grad);
        for (x, d) in w.iter_mut().zip(&step) {
            *x -= d;
        }
        if step.iter().map(|d| d.abs()).fold(0.0, f64::max) < 1e-6 {
            break;
        }
    }
    w.into_iter().map(|x| x as f32).collect()
}

/// `x` with `a x = b`, by Gaussian elimination with partial pivoting (`a` is positive
/// definite: the L2 term sees to it).
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs())).unwrap();
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (above, below) = a.split_at_mut(col + 1);
        let pivot_row = &above[col];
        for (r, row) in below.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= factor * p;
            }
            b[col + 1 + r] -= factor * b[col];
        }
    }
    let mut x = vec![0f64; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - sum) / a[row][row];
    }
    x
}

/// The page, or `None` (said on stderr) when it does not load: an empty dump, say.
fn load(path: &Path) -> Option<Document> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load_bytes(&path.to_string_lossy(), &bytes).map_err(|e| eprintln!("skipped: {e}")).ok()
}

/// Names of the pages in `dir` that have a file ending in `suffix`, sorted.
fn names(dir: &Path, suffix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(suffix).map(str::to_owned))
        .collect();
    names.sort();
    names
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect()
}

fn weight(text: &str) -> f64 {
    text.split_whitespace().count().clamp(1, WEIGHT_CAP) as f64
}

fn whole_body_pages(dir: &Path) -> Vec<Page> {
    names(dir, ".gold.txt")
        .into_iter()
        .filter_map(|name| {
            let gold = std::fs::read_to_string(dir.join(format!("{name}.gold.txt"))).expect("gold reads");
            let gold_words = words(&gold);
            let shingles: HashSet<&[&str]> = gold_words.windows(SHINGLE).collect();
            let joined = format!(" {} ", gold_words.join(" "));
            let doc = load(&dir.join(format!("{name}.page.txt")))?;
            let features = line_features(&doc);
            // Some(label) for lines of 4+ words; short lines wait for their neighbours.
            let texts: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
            let long: Vec<Option<bool>> = texts
                .iter()
                .map(|t| {
                    let w = words(t);
                    (w.len() >= SHINGLE).then(|| {
                        let inside = w.windows(SHINGLE).filter(|s| shingles.contains(s)).count();
                        inside * 2 >= w.len() + 1 - SHINGLE
                    })
                })
                .collect();
            let mut examples = Vec::new();
            for (i, (text, features)) in texts.iter().zip(features).enumerate() {
                let w = words(text);
                let label = match long[i] {
                    Some(l) => l,
                    None if w.is_empty() => continue,
                    None => {
                        let neighbour = |k: Option<usize>| k.and_then(|k| long.get(k).copied().flatten()) == Some(true);
                        joined.contains(&format!(" {} ", w.join(" ")))
                            && (neighbour(i.checked_sub(1)) || neighbour(Some(i + 1)))
                    }
                };
                examples.push((features, label, weight(text)));
            }
            Some(Page { set: "dev", name, doc, examples })
        })
        .collect()
}

fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn snippet_pages(dir: &Path) -> Vec<Page> {
    names(dir, ".snippets.json")
        .into_iter()
        .filter_map(|name| {
            let json = std::fs::read_to_string(dir.join(format!("{name}.snippets.json"))).expect("snippets read");
            let value: serde_json::Value = serde_json::from_str(&json).expect("snippets parse");
            let list = |key: &str| -> Vec<String> {
                value[key]
                    .as_array()
                    .map(|a| a.iter().filter_map(|s| s.as_str()).map(norm).collect())
                    .unwrap_or_default()
            };
            let (keep, drop) = (list("with"), list("without"));
            let doc = load(&dir.join(format!("{name}.page.txt")))?;
            let features = line_features(&doc);
            let mut examples = Vec::new();
            for (b, features) in doc.blocks.iter().zip(features) {
                let text = doc.block_text(b);
                let line = norm(text);
                let holds = |s: &String| {
                    !s.is_empty()
                        && (line.contains(s.as_str()) || (line.split(' ').count() >= SHINGLE && s.contains(&line)))
                };
                match (keep.iter().any(holds), drop.iter().any(holds)) {
                    (true, false) => examples.push((features, true, weight(text))),
                    (false, true) => examples.push((features, false, weight(text))),
                    _ => {}
                }
            }
            Some(Page { set: "dev2", name, doc, examples })
        })
        .collect()
}
