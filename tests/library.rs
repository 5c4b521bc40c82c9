//! The library's page queries: paging through any view lists every article in it exactly
//! once, in a stable order, whatever the page size.
use proptest::prelude::*;
use tidings::core::store::{ArticleState, Imported, Store};

const VIEWS: [&str; 5] = ["all", "unread", "starred", "bookmarked", "hidden"];

fn article(n: usize, day: Option<u8>) -> Imported {
    Imported {
        location: format!("/news/{n:03}.txt"),
        content_hash: format!("hash{n}"),
        title: format!("Story {n}"),
        source: None,
        published: day.map(|d| format!("2025-03-{d:02}")),
        stamp: (n as i64, 0),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn paging_lists_each_article_of_a_view_once(
        days in proptest::collection::vec(proptest::option::of(1u8..4), 1..40),
        flags in proptest::collection::vec((any::<bool>(), any::<bool>(), any::<bool>()), 40),
        page in 1usize..7,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let articles: Vec<Imported> = days.iter().enumerate().map(|(n, d)| article(n, *d)).collect();
        store.record(&articles).unwrap();
        let states = articles.iter().zip(&flags).map(|(a, &(read, starred, hidden))| {
            (a.content_hash.clone(), ArticleState { read, starred, hidden })
        });
        store.bulk_states(states).unwrap();
        for view in VIEWS {
            let whole = store.library(view, &[], None, usize::MAX).unwrap();
            let mut paged: Vec<_> = Vec::new();
            loop {
                let rows = store.library(view, &[], paged.last(), page).unwrap();
                if rows.is_empty() {
                    break;
                }
                paged.extend(rows);
            }
            prop_assert_eq!(&paged, &whole, "view {}", view);
            let mut keys: Vec<&str> = whole.iter().map(|r| r.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            prop_assert_eq!(keys.len(), whole.len(), "no article twice in {}", view);
            let expected = articles.iter().zip(&flags).filter(|(_, &(read, starred, hidden))| match view {
                "unread" => !read && !hidden,
                "starred" => starred,
                "hidden" => hidden,
                "bookmarked" => false,
                _ => !hidden,
            }).count();
            prop_assert_eq!(whole.len(), expected, "view {}", view);
        }
    }
}
