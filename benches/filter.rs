//! Throughput of the boilerplate filter: load + filter, text path (MB/s) and HTML path
//! (pages/s). Uses the demo pages; set TIDINGS_BENCH_PAGES to a folder of .txt/.html
//! pages (e.g. the unpacked extraction-dev set) to measure on real pages. `filter_hostile`
//! times pages built to find work that grows faster than the page: 100,000 menu lines,
//! and 100,000 lines alternating prose and furniture.
//! `cargo bench --bench filter`.
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tidings::core::boilerplate::{self, Rules};
use tidings::core::ingest;
use tidings::demo;

fn pages(ext: &str) -> Vec<(String, Vec<u8>)> {
    if let Ok(dir) = std::env::var("TIDINGS_BENCH_PAGES") {
        let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(Path::new(&dir))
            .expect("TIDINGS_BENCH_PAGES is a folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        found.sort();
        if !found.is_empty() {
            return found;
        }
    }
    demo::FILES.iter().filter(|(n, _)| n.ends_with(ext)).map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())).collect()
}

/// Load + filter (the annotation that `article::process` adds is measured in `reader`).
fn run(pages: &[(String, Vec<u8>)], rules: &Rules) -> usize {
    pages
        .iter()
        .filter_map(|(name, bytes)| ingest::load_bytes(name, bytes).ok())
        .map(|d| boilerplate::classify(&d, rules).iter().filter(|v| v.is_some()).count())
        .sum()
}

fn bench(c: &mut Criterion) {
    let rules = Rules::default();
    let text = pages("txt");
    let mut g = c.benchmark_group("filter_text");
    g.throughput(Throughput::Bytes(text.iter().map(|(_, b)| b.len() as u64).sum()));
    g.bench_function("load_and_filter", |b| b.iter(|| run(black_box(&text), &rules)));
    g.finish();
    let html = pages("html");
    let mut g = c.benchmark_group("filter_html");
    g.throughput(Throughput::Elements(html.len() as u64));
    g.bench_function("extract_and_filter", |b| b.iter(|| run(black_box(&html), &rules)));
    g.finish();
    let menu: String =
        (0..100_000).map(|i| if i % 7 == 0 { "Menu\n".to_string() } else { format!("- item {i}\n") }).collect();
    let prose = "The council voted on Thursday to build the new bridge across the river, ending years of argument.";
    let mixed: String = (0..50_000).map(|i| format!("{prose}\nShare via\nSection {i}\n")).collect();
    let hostile = [("menu.txt".to_string(), menu.into_bytes()), ("mixed.txt".to_string(), mixed.into_bytes())];
    let mut g = c.benchmark_group("filter_hostile");
    g.sample_size(10);
    for page in &hostile {
        g.bench_function(page.0.as_str(), |b| b.iter(|| run(black_box(std::slice::from_ref(page)), &rules)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
