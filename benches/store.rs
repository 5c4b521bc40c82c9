//! The store's costs: a triage change with its commit, and opening a store that holds
//! 100,000 articles' state. `cargo bench --bench store`.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tidings::core::store::{now, ArticleState, Bookmark, Store};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("small.db")).unwrap();
    let mut read = false;
    c.bench_function("mark_read_with_commit", |b| {
        b.iter(|| {
            read = !read;
            store.set_state(black_box("0123456789abcdef"), ArticleState { read, ..Default::default() }).unwrap();
        })
    });
    let bookmark = Bookmark {
        id: 0,
        article_id: "0123456789abcdef".into(),
        title: "Port strike ends".into(),
        source: None,
        location: "/news/a.txt".into(),
        published: None,
        saved_at: now(),
        note: String::new(),
        tags: Vec::new(),
        quotes: Vec::new(),
    };
    c.bench_function("toggle_bookmark_with_commit", |b| {
        b.iter(|| {
            store.save_bookmark(black_box(&bookmark), false).unwrap();
            store.remove_bookmark_for(&bookmark.article_id).unwrap();
        })
    });
    let big = dir.path().join("big.db");
    {
        let s = Store::open(&big).unwrap();
        s.bulk_states(
            (0..100_000)
                .map(|n| (format!("{n:016x}"), ArticleState { read: n % 3 == 0, starred: n % 50 == 0, hidden: false })),
        )
        .unwrap();
    }
    c.bench_function("open_store_100k_states", |b| {
        b.iter(|| {
            let s = Store::open(&big).unwrap();
            black_box(s.states().unwrap().len())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
