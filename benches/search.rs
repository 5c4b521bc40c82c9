//! Search and stories over a library already imported and indexed (issue 12's figures):
//! what one keystroke in the search prompt costs (every matching key, as the reader asks
//! for), the first screen of results, and grouping the whole library into stories.
//!
//! ```sh
//! benches/search_100k.sh             # imports and indexes 100,000 generated articles, then runs this
//! TIDINGS_BENCH_DB=/path/tidings.db cargo bench --bench search
//! ```
//! Without `TIDINGS_BENCH_DB` there is nothing to measure and it says so.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tidings::core::search::Query;
use tidings::core::store::Store;
use tidings::core::stories;

fn bench(c: &mut Criterion) {
    let Some(db) = std::env::var_os("TIDINGS_BENCH_DB") else {
        eprintln!("TIDINGS_BENCH_DB is not set: nothing to measure (see benches/search_100k.sh)");
        return;
    };
    let store = Store::open(std::path::Path::new(&db)).unwrap();
    let probe = std::env::var("TIDINGS_BENCH_PROBE").unwrap_or_else(|_| "Okonkwo".into());
    let queries = [
        probe.clone(),
        "harbour".into(),
        "\"the council\"".into(),
        "sanction*".into(),
        format!("{probe} unread -harbour since:2025-06-01"),
        "zzzznothing".into(),
    ];
    for q in &queries {
        let query = Query::parse(q).unwrap();
        let found = store.matching(&query).unwrap().len();
        c.bench_function(&format!("keystroke: every match of `{q}` ({found})"), |b| {
            b.iter(|| black_box(store.matching(black_box(&query)).unwrap()))
        });
        c.bench_function(&format!("first screen of `{q}`"), |b| {
            b.iter(|| black_box(store.library_matching("all", &[], black_box(&query), None, 50).unwrap()))
        });
    }
    let (_, signatures) = stories::of_library(&store, &[], |r| r.key).unwrap();
    let n = signatures.len();
    c.bench_function(&format!("stories: read {n} signatures from the store"), |b| {
        b.iter(|| black_box(stories::of_library(&store, &[], |r| r.key).unwrap().1.len()))
    });
    c.bench_function(&format!("stories: group {n} articles"), |b| b.iter(|| black_box(stories::group(&signatures))));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
