//! The library's costs: importing a folder of 1,000 articles, importing it again (no file
//! read), and one page of a view in a library of 100,000. `cargo bench --bench library`.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tidings::core::library::{self, Gone};
use tidings::core::store::{Imported, Store};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let body = "The council voted on Monday to reopen the harbour, officials said. ".repeat(60);
    for n in 0..1_000 {
        let text = format!("Story number {n} from the harbour\n\nMarch {}, 2025\n\n{body}\n", n % 28 + 1);
        std::fs::write(news.join(format!("{n:04}.txt")), text).unwrap();
    }
    let paths = [news.clone()];
    let mut run = 0;
    c.bench_function("import_1k_first", |b| {
        b.iter(|| {
            run += 1;
            let store = Store::open(&dir.path().join(format!("first-{run}.db"))).unwrap();
            black_box(library::import(&store, &paths, Gone::Keep, |_, _| {}).unwrap())
        })
    });
    let store = Store::open(&dir.path().join("again.db")).unwrap();
    library::import(&store, &paths, Gone::Keep, |_, _| {}).unwrap();
    c.bench_function("import_1k_again", |b| {
        b.iter(|| black_box(library::import(&store, &paths, Gone::Keep, |_, _| {}).unwrap()))
    });

    let big = Store::open(&dir.path().join("big.db")).unwrap();
    let rows: Vec<Imported> = (0..100_000)
        .map(|n| Imported {
            location: format!("/news/{n:06}.txt"),
            content_hash: format!("{n:016x}"),
            title: format!("Story {n}"),
            source: Some("Harbour Times".into()),
            published: Some(format!("2025-{:02}-{:02}", n % 12 + 1, n % 28 + 1)),
            stamp: (n as i64, 0),
        })
        .collect();
    for chunk in rows.chunks(10_000) {
        big.record(chunk).unwrap();
    }
    let at_40k = big.library("unread", &[], None, 40_000).unwrap().pop();
    c.bench_function("page_of_50_in_100k_unread", |b| {
        b.iter(|| black_box(big.library("unread", &[], black_box(at_40k.as_ref()), 50).unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
