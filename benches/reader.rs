//! Load + layout of a 20 KB article: what happens between choosing an article and
//! seeing it. `cargo bench --bench reader`.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tidings::config;
use tidings::core::article;
use tidings::core::boilerplate::Rules;
use tidings::core::ingest;
use tidings::demo;
use tidings::tui::view::reader;

/// About 20 KB of scraped-page text, made from the demo articles.
fn article_20k() -> String {
    let mut text = String::new();
    for (name, body) in demo::FILES.iter().cycle() {
        if name.ends_with(".txt") {
            text.push_str(body);
            text.push('\n');
        }
        if text.len() >= 20 * 1024 {
            break;
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = article_20k();
    let theme = tidings::tui::theme::Theme::from_config(&config::parse("", "bench").unwrap()).unwrap();
    let mut g = c.benchmark_group("article_20k");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("load", |b| b.iter(|| ingest::load_bytes("a.txt", black_box(text.as_bytes())).unwrap()));
    let rules = Rules::default();
    let loaded = ingest::load_bytes("a.txt", text.as_bytes()).unwrap();
    g.bench_function("filter", |b| b.iter(|| article::process(black_box(loaded.clone()), &rules)));
    let art = article::process(loaded, &rules);
    g.bench_function("layout_80_cols", |b| b.iter(|| reader::lines(black_box(&art), 80, &theme, false)));
    g.bench_function("load_filter_layout", |b| {
        b.iter(|| {
            let art = article::process(ingest::load_bytes("a.txt", black_box(text.as_bytes())).unwrap(), &rules);
            reader::lines(&art, 80, &theme, false)
        })
    });
    g.finish();
    // Annotation of a 5 KB article: entities and quotations with speakers.
    let five_k: String = text.chars().take(5 * 1024).collect();
    let doc5 = ingest::load_bytes("a.txt", five_k.as_bytes()).unwrap();
    c.bench_function("annotate_5k", |b| b.iter(|| tidings::core::annotate::annotate(black_box(&doc5))));
    // An 8 MB article: laying it out is paid once per width; a keypress only styles the
    // rows on screen, so its cost must not grow with the article.
    let big: String = text.repeat(8 * 1024 * 1024 / text.len());
    let big = article::process(ingest::load_bytes("big.txt", big.as_bytes()).unwrap(), &rules);
    let mut g = c.benchmark_group("article_8m");
    g.sample_size(10);
    g.bench_function("lay_out_80_cols", |b| b.iter(|| reader::lay_out(black_box(&big), 80, &theme, true)));
    let laid = reader::lay_out(&big, 80, &theme, true);
    let bottom = laid.len() - 40;
    g.bench_function("rows_on_screen_40", |b| b.iter(|| laid.lines(black_box(&big), &theme, bottom..bottom + 40, &[])));
    g.finish();
    let html = demo::FILES.iter().find(|(n, _)| n.ends_with(".html")).unwrap().1;
    c.bench_function("html_page_load", |b| {
        b.iter(|| ingest::load_bytes("p.html", black_box(html.as_bytes())).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
