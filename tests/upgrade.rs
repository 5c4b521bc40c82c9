//! A store written by the release before stable article keys (schema 2, kept as a
//! fixture: `tests/fixtures/store/schema2.db`, two states and a bookmark) opens, migrates,
//! and keeps every read flag, star, hidden flag and bookmark; the articles then keep
//! their state when their text changes in place.
use tidings::core::store::{ArticleState, Store, SCHEMA_VERSION};

const HARBOUR: &str = "0f6a8a1a5384a473";
const BRIDGE: &str = "320ac67391ae0c09";

#[test]
fn a_schema_2_store_migrates_without_losing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tidings.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/store/schema2.db"), &db).unwrap();
    let store = Store::open(&db).unwrap();
    let version: usize =
        rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap()
            as usize;
    assert_eq!(version, SCHEMA_VERSION);
    let states = store.states().unwrap();
    assert_eq!(states[HARBOUR], ArticleState { read: true, starred: true, hidden: false });
    assert_eq!(states[BRIDGE], ArticleState { read: false, starred: false, hidden: true });
    let bookmarks = store.bookmarks().unwrap();
    assert_eq!(bookmarks.len(), 1);
    assert_eq!((bookmarks[0].article_id.as_str(), bookmarks[0].note.as_str()), (HARBOUR, "kept across the upgrade"));

    // The articles turn up at new paths (found by their text), then change in place.
    let harbour = dir.path().join("harbour.txt").display().to_string();
    let bridge = dir.path().join("bridge.txt").display().to_string();
    assert_eq!(store.resolve(&harbour, HARBOUR).unwrap(), HARBOUR);
    assert_eq!(store.resolve(&bridge, BRIDGE).unwrap(), BRIDGE);
    assert_eq!(store.resolve(&harbour, "a-new-paragraph").unwrap(), HARBOUR, "edited: same key");
    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.resolve(&harbour, "a-new-paragraph").unwrap(), HARBOUR, "and after a restart");
    assert!(store.states().unwrap()[HARBOUR].starred);
    assert_eq!(store.bookmark_for(HARBOUR).unwrap().unwrap().note, "kept across the upgrade");
}
