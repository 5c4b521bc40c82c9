//! Subscriptions, and the articles they bring: a feed entry is a library article whose
//! page lives in the store (`contents`), found again by its feed and entry id, so the
//! same entry never appears twice and keeps its state when it changes upstream.
use std::collections::{HashMap, HashSet};

use rusqlite::params;
use rusqlite::types::ValueRef;
use serde::Serialize;

use super::{now, Imported, Store, StoreError};
use crate::core::document::content_id;
use crate::core::feeds::{Entry, MAX_FEED_BYTES};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedRow {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub tags: Vec<String>,
    pub refreshed_at: Option<String>,
    /// Why the last refresh failed, if it did.
    pub error: Option<String>,
    pub articles: usize,
    pub unread: usize,
    /// Whether new entries' full articles are fetched from their links.
    pub full_text: bool,
    #[serde(skip)]
    pub etag: Option<String>,
    #[serde(skip)]
    pub last_modified: Option<String>,
}

/// What the store keeps of an entry: the page made from the feed's content, and the
/// article page fetched from its link, once it has been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub entry: String,
    pub full: Option<String>,
}

/// How long feed articles stay (0: no limit). Starred and bookmarked ones always do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retention {
    pub days: u32,
    pub per_feed: u32,
}

/// Stores a refresh's entries of one feed (called `source` in the list), batch by
/// batch: new ones are added, changed ones updated in place (their key, and so their
/// state, stays), unchanged ones left alone. It knows the feed's entries from one
/// query at the start, so a batch costs an insert per new entry and nothing per
/// unchanged one. An entry whose link another feed already brought is that article,
/// not a second one; one that retention removed does not come back. It commits every
/// `COMMIT_EVERY` entries and on `finish` (dropped without it, the rest is not kept):
/// an index page that every commit touches is written to the journal once per commit
/// (100,000 entries: 489 MB of journal committed by the 1,000, 267 MB by the 10,000).
pub struct EntryWriter<'s> {
    store: &'s Store,
    tx: Option<rusqlite::Transaction<'s>>,
    /// Entries written since the last commit.
    unsaved: usize,
    feed: i64,
    /// Entry id → (article id, content hash), for the entries stored so far.
    known: HashMap<String, (i64, String)>,
    pruned: HashSet<String>,
}

const COMMIT_EVERY: usize = 10_000;

impl EntryWriter<'_> {
    pub fn save(&mut self, source: &str, entries: &[Entry]) -> Result<Saved, StoreError> {
        let store = self.store;
        if self.tx.is_none() {
            self.tx = Some(store.write()?);
        }
        let (mut saved, seen_at) = (Saved::default(), now());
        let source = (!source.is_empty()).then_some(source);
        for e in entries {
            let hash = format!("{:016x}", content_id(&e.page));
            let location = e.link.clone().unwrap_or_else(|| format!("feed:{}/{}", self.feed, e.id));
            let size = e.page.len() as i64;
            let article = match self.known.get(&e.id) {
                Some((_, old)) if *old == hash => continue,
                Some(&(id, _)) => {
                    store.exec(
                        "UPDATE articles SET content_hash = ?2, title = ?3, source = ?4, published = ?5, size = ?6,
                         missing = 0 WHERE id = ?1",
                        params![id, hash, e.title, source, e.published, size],
                    )?;
                    saved.updated += 1;
                    id
                }
                None if self.pruned.contains(&e.id) => continue,
                None => {
                    // The key is the content hash unless another article has it; a taken
                    // location (another feed's entry, or a file) leaves the row out.
                    let added = store.exec(
                        "INSERT OR IGNORE INTO articles
                         (key, location, content_hash, seen_at, title, source, published, size, mtime, feed, entry)
                         VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9)",
                        params![hash, location, seen_at, e.title, source, e.published, size, self.feed, e.id],
                    )? > 0;
                    let id = if added {
                        store.conn.last_insert_rowid()
                    } else if store
                        .first("SELECT 1 FROM articles WHERE location = ?1", [&location], |_| Ok(()))?
                        .is_some()
                    {
                        continue;
                    } else {
                        let listing = Imported {
                            location: location.clone(),
                            content_hash: hash.clone(),
                            title: e.title.clone(),
                            source: source.map(str::to_string),
                            published: e.published.clone(),
                            stamp: (size, 0),
                        };
                        let key = store.insert(&location, &hash, Some(&listing))?;
                        store.exec(
                            "UPDATE articles SET feed = ?2, entry = ?3 WHERE key = ?1",
                            params![key, self.feed, e.id],
                        )?;
                        store.first("SELECT id FROM articles WHERE key = ?1", [&key], |r| r.get(0))?.unwrap_or_default()
                    };
                    saved.added += 1;
                    id
                }
            };
            self.known.insert(e.id.clone(), (article, hash));
            store.exec(
                "INSERT INTO contents (article, body) VALUES (?1, ?2) ON CONFLICT(article) DO UPDATE SET body = ?2",
                params![article, pack(&e.page)],
            )?;
        }
        self.unsaved += entries.len();
        if self.unsaved >= COMMIT_EVERY {
            self.finish()?;
        }
        Ok(saved)
    }

    /// Commits what was saved so far.
    pub fn finish(&mut self) -> Result<(), StoreError> {
        self.unsaved = 0;
        match self.tx.take() {
            Some(tx) => tx.commit().map_err(|e| self.store.err(e)),
            None => Ok(()),
        }
    }
}

/// A page as the store keeps it: LZ4-compressed (news HTML to about half its size, so
/// a feed of 100,000 entries writes half the bytes; decompressing one costs
/// microseconds). Pages stored as text by earlier versions are read as they are.
fn pack(page: &str) -> Vec<u8> {
    lz4_flex::compress_prepend_size(page.as_bytes())
}

fn unpack(value: ValueRef, column: usize) -> rusqlite::Result<String> {
    let bad = |why: String| rusqlite::Error::FromSqlConversionFailure(column, value.data_type(), why.into());
    match value {
        ValueRef::Text(text) => Ok(String::from_utf8_lossy(text).into_owned()),
        ValueRef::Blob(packed) => {
            // The size comes first; a damaged one must not make it allocate gigabytes.
            let (size, _) = lz4_flex::block::uncompressed_size(packed).map_err(|e| bad(e.to_string()))?;
            if size > MAX_FEED_BYTES {
                return Err(bad(format!("a stored page of {size} bytes")));
            }
            let bytes = lz4_flex::decompress_size_prepended(packed).map_err(|e| bad(e.to_string()))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        _ => Err(bad("not a page".into())),
    }
}

/// Articles a user asked to keep: never removed with their feed or by retention.
const KEPT: &str = "key IN (SELECT article_id FROM bookmarks) OR key IN (SELECT id FROM article_state WHERE starred)";

/// What a refresh stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Saved {
    pub added: usize,
    pub updated: usize,
}

const FEED_COLUMNS: &str =
    "f.id, f.url, f.title, f.tags, f.refreshed_at, f.error, f.etag, f.last_modified, f.full_text,
     (SELECT count(*) FROM articles a WHERE a.feed = f.id),
     (SELECT count(*) FROM articles a LEFT JOIN article_state s ON s.id = a.key
       WHERE a.feed = f.id AND NOT COALESCE(s.read, 0) AND NOT COALESCE(s.hidden, 0))";

fn feed_row(r: &rusqlite::Row) -> rusqlite::Result<FeedRow> {
    let tags: String = r.get(3)?;
    Ok(FeedRow {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        refreshed_at: r.get(4)?,
        error: r.get(5)?,
        etag: r.get(6)?,
        last_modified: r.get(7)?,
        full_text: r.get(8)?,
        articles: r.get::<_, i64>(9)? as usize,
        unread: r.get::<_, i64>(10)? as usize,
    })
}

impl Store {
    /// Subscribes to `url` (tags are added to those it has); false when it already was.
    pub fn add_feed(&self, url: &str, tags: &[String]) -> Result<(FeedRow, bool), StoreError> {
        let tx = self.write()?;
        let added = self.exec("INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?1, ?2)", params![url, now()])? > 0;
        let mut feed = self.feed(url)?.ok_or_else(|| StoreError::Sql {
            path: self.path.display().to_string(),
            detail: format!("{url}: the subscription was not saved"),
        })?;
        for tag in tags {
            if !feed.tags.contains(tag) {
                feed.tags.push(tag.clone());
            }
        }
        let tags = serde_json::to_string(&feed.tags).unwrap_or_else(|_| "[]".into());
        self.exec("UPDATE feeds SET tags = ?2 WHERE id = ?1", params![feed.id, tags])?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok((feed, added))
    }

    /// Every subscription with its article and unread counts, by title.
    pub fn feeds(&self) -> Result<Vec<FeedRow>, StoreError> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f ORDER BY lower(f.title), f.url");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], feed_row).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The subscription named by its URL or its number.
    pub fn feed(&self, url_or_id: &str) -> Result<Option<FeedRow>, StoreError> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds f WHERE f.url = ?1 OR CAST(f.id AS TEXT) = ?1");
        self.first(&sql, [url_or_id], feed_row)
    }

    /// Unsubscribes; the feed's articles go too, except starred and bookmarked ones,
    /// which stay in the library. Returns how many articles were removed.
    pub fn remove_feed(&self, id: i64) -> Result<usize, StoreError> {
        let tx = self.write()?;
        let removed = self.forget(id, "1")?;
        self.exec("UPDATE articles SET feed = NULL WHERE feed = ?1", [id])?;
        self.exec("DELETE FROM feeds WHERE id = ?1", [id])?;
        self.exec("DELETE FROM pruned WHERE feed = ?1", [id])?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(removed)
    }

    /// Removes feed `feed`'s articles that match `which` (SQL over `articles`) and are
    /// not kept, with everything found in them; returns how many went.
    fn forget(&self, feed: i64, which: &str) -> Result<usize, StoreError> {
        let gone = format!("SELECT id FROM articles WHERE feed = ?1 AND ({which}) AND NOT ({KEPT})");
        self.exec(&format!("DELETE FROM contents WHERE article IN ({gone})"), [feed])?;
        self.exec(&format!("DELETE FROM mentioned WHERE article IN ({gone})"), [feed])?;
        self.exec(
            &format!("DELETE FROM derived WHERE key IN (SELECT key FROM articles WHERE id IN ({gone}))"),
            [feed],
        )?;
        self.exec(&format!("DELETE FROM articles WHERE id IN ({gone})"), [feed])
    }

    /// Applies `keep` to feed `feed`: articles that arrived too long ago, or beyond the
    /// newest `per_feed`, go (starred and bookmarked ones stay), and their entries are
    /// remembered so that the feed does not bring them back. Returns how many went.
    pub fn prune(&self, feed: i64, keep: Retention) -> Result<usize, StoreError> {
        if keep == Retention::default() {
            return Ok(0);
        }
        let mut old = Vec::new();
        if keep.days > 0 {
            let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            let cutoff = secs.saturating_sub(u64::from(keep.days) * 86_400) as i64;
            let cutoff = chrono::DateTime::from_timestamp(cutoff, 0).map(|t| t.to_rfc3339()).unwrap_or_default();
            old.push(format!("seen_at < '{cutoff}'"));
        }
        if keep.per_feed > 0 {
            old.push(format!(
                "id NOT IN (SELECT id FROM articles WHERE feed = ?1 ORDER BY COALESCE(published, seen_at) DESC, id DESC LIMIT {})",
                keep.per_feed
            ));
        }
        let which = old.join(" OR ");
        let tx = self.write()?;
        self.exec(
            &format!(
                "INSERT OR IGNORE INTO pruned (feed, entry) SELECT feed, entry FROM articles
                 WHERE feed = ?1 AND entry IS NOT NULL AND ({which}) AND NOT ({KEPT})"
            ),
            [feed],
        )?;
        let removed = self.forget(feed, &which)?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(removed)
    }

    /// Stores entries of feed `feed` at once (see `EntryWriter`).
    pub fn save_entries(&self, feed: i64, source: &str, entries: &[Entry]) -> Result<Saved, StoreError> {
        let mut writer = self.entry_writer(feed)?;
        let saved = writer.save(source, entries)?;
        writer.finish()?;
        Ok(saved)
    }

    /// A writer for a refresh of feed `feed`, which stores its entries batch by batch.
    pub fn entry_writer(&self, feed: i64) -> Result<EntryWriter<'_>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT entry, id, content_hash FROM articles WHERE feed = ?1 AND entry IS NOT NULL")
            .map_err(|e| self.err(e))?;
        let known = stmt
            .query_map([feed], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .and_then(|rows| rows.collect::<Result<_, _>>())
            .map_err(|e| self.err(e))?;
        let mut stmt = self.conn.prepare_cached("SELECT entry FROM pruned WHERE feed = ?1").map_err(|e| self.err(e))?;
        let pruned = stmt.query_map([feed], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| self.err(e))?;
        Ok(EntryWriter { store: self, feed, known, pruned, tx: None, unsaved: 0 })
    }

    /// Records how a refresh of feed `id` went: its title and cache validators when it
    /// worked, the reason when it did not (what it stored before stays).
    pub fn feed_refreshed(
        &self,
        id: i64,
        outcome: Result<(&str, Option<&str>, Option<&str>), &str>,
    ) -> Result<(), StoreError> {
        self.writable()?;
        match outcome {
            Ok((title, etag, modified)) => self.exec(
                "UPDATE feeds SET title = CASE WHEN ?2 = '' THEN title ELSE ?2 END, etag = ?3, last_modified = ?4,
                 refreshed_at = ?5, error = NULL WHERE id = ?1",
                params![id, title, etag, modified, now()],
            )?,
            Err(why) => {
                self.exec("UPDATE feeds SET refreshed_at = ?2, error = ?3 WHERE id = ?1", params![id, now(), why])?
            }
        };
        Ok(())
    }

    /// Points feed `id` at the address it moved to for good; false when another
    /// subscription already has that address (both stay as they are).
    pub fn move_feed(&self, id: i64, url: &str) -> Result<bool, StoreError> {
        self.writable()?;
        Ok(self.exec("UPDATE OR IGNORE feeds SET url = ?2 WHERE id = ?1", params![id, url])? > 0)
    }

    /// Names a feed until its first refresh gives its own title (from an OPML import).
    pub fn name_feed(&self, id: i64, title: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.exec("UPDATE feeds SET title = ?2 WHERE id = ?1 AND title = ''", params![id, title])?;
        Ok(())
    }

    /// The page kept for an article that has no file (a feed entry), by its location.
    pub fn content(&self, location: &str) -> Result<Option<Content>, StoreError> {
        self.first(
            "SELECT c.body, c.full FROM contents c JOIN articles a ON a.id = c.article WHERE a.location = ?1",
            [location],
            |r| {
                let full = match r.get_ref(1)? {
                    ValueRef::Null => None,
                    value => Some(unpack(value, 1)?),
                };
                Ok(Content { entry: unpack(r.get_ref(0)?, 0)?, full })
            },
        )
    }

    /// Keeps the full article page fetched for the entry at `location`, next to its
    /// teaser (empty: tried and failed); false when no entry lives there (it went
    /// meanwhile).
    pub fn save_full(&self, location: &str, page: &str) -> Result<bool, StoreError> {
        self.writable()?;
        let sql = "UPDATE contents SET full = ?2 WHERE article = (SELECT id FROM articles WHERE location = ?1)";
        Ok(self.exec(sql, params![location, pack(page)])? > 0)
    }

    /// Entries of feed `feed` whose full article has not been fetched yet, newest first.
    pub fn without_full(&self, feed: i64, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.location FROM articles a JOIN contents c ON c.article = a.id
                 WHERE a.feed = ?1 AND c.full IS NULL AND a.location LIKE 'http%' ORDER BY a.id DESC LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params![feed, limit as i64], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Whether new entries of feed `feed` get their full article fetched.
    pub fn set_full_text(&self, feed: i64, on: bool) -> Result<(), StoreError> {
        self.writable()?;
        self.exec("UPDATE feeds SET full_text = ?2 WHERE id = ?1", params![feed, on])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feeds;
    use crate::core::store::ArticleState;

    fn entry(id: &str, title: &str, body: &str) -> Entry {
        Entry {
            id: id.into(),
            title: title.into(),
            link: Some(format!("https://harbour.example/{id}")),
            published: Some("2025-03-04".into()),
            page: feeds::page(title, "Harbour Times", Some("2025-03-04"), body),
            teaser: true,
        }
    }

    #[test]
    fn entries_are_stored_once_updated_in_place_and_removed_with_their_feed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let (feed, new) = store.add_feed("https://harbour.example/feed", &["coast".into()]).unwrap();
        assert!(new);
        assert!(!store.add_feed("https://harbour.example/feed", &[]).unwrap().1, "subscribed once");
        let first =
            [entry("a", "Port strike ends", "<p>Back to work.</p>"), entry("b", "Ferry fares rise", "<p>Up.</p>")];
        assert_eq!(store.save_entries(feed.id, "Harbour Times", &first).unwrap(), Saved { added: 2, updated: 0 });
        assert_eq!(store.save_entries(feed.id, "Harbour Times", &first).unwrap(), Saved::default(), "nothing twice");
        let rows = store.library("all", &[], None, 10).unwrap();
        let strike = rows.iter().find(|r| r.title == "Port strike ends").unwrap().clone();
        assert_eq!(strike.source.as_deref(), Some("Harbour Times"));
        store.set_state(&strike.key, ArticleState { read: true, starred: true, hidden: false }).unwrap();
        // Changed upstream: the same article, its state kept, its new text stored.
        let changed = [entry("a", "Port strike ends", "<p>Back to work on Monday.</p>")];
        assert_eq!(store.save_entries(feed.id, "Harbour Times", &changed).unwrap(), Saved { added: 0, updated: 1 });
        assert!(store.content("https://harbour.example/a").unwrap().unwrap().entry.contains("on Monday"));
        let rows = store.library("all", &[], None, 10).unwrap();
        assert_eq!(rows.iter().find(|r| r.title == "Port strike ends").unwrap().key, strike.key);
        let listed = store.feed(&feed.id.to_string()).unwrap().unwrap();
        assert_eq!((listed.articles, listed.unread, listed.tags.clone()), (2, 1, vec!["coast".to_string()]));
        // Another feed bringing the same link adds nothing.
        let (other, _) = store.add_feed("https://wire.example/rss", &[]).unwrap();
        assert_eq!(store.save_entries(other.id, "Wire", &first[..1]).unwrap(), Saved::default());
        // Unsubscribing keeps the starred article only.
        assert_eq!(store.remove_feed(feed.id).unwrap(), 1);
        let left: Vec<String> = store.library("all", &[], None, 10).unwrap().into_iter().map(|r| r.title).collect();
        assert_eq!(left, ["Port strike ends"]);
        assert!(store.feed("https://harbour.example/feed").unwrap().is_none());
    }

    #[test]
    fn a_failed_refresh_keeps_what_was_stored_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let (feed, _) = store.add_feed("https://harbour.example/feed", &[]).unwrap();
        store.save_entries(feed.id, "Harbour Times", &[entry("a", "Port strike ends", "<p>x</p>")]).unwrap();
        store.feed_refreshed(feed.id, Ok(("Harbour Times", Some("\"v1\""), None))).unwrap();
        store.feed_refreshed(feed.id, Err("HTTP 500")).unwrap();
        let row = store.feed("https://harbour.example/feed").unwrap().unwrap();
        assert_eq!((row.title.as_str(), row.error.as_deref(), row.articles), ("Harbour Times", Some("HTTP 500"), 1));
        assert_eq!(row.etag.as_deref(), Some("\"v1\""));
    }

    #[test]
    fn retention_keeps_the_newest_and_the_starred_and_what_went_stays_gone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let (feed, _) = store.add_feed("https://harbour.example/feed", &[]).unwrap();
        let mut entries: Vec<Entry> =
            (1..=4).map(|n| entry(&format!("e{n}"), &format!("Story {n}"), "<p>x</p>")).collect();
        for (n, e) in entries.iter_mut().enumerate() {
            e.published = Some(format!("2025-03-0{}", n + 1));
        }
        store.save_entries(feed.id, "Harbour Times", &entries).unwrap();
        let oldest = store.library("all", &[], None, 10).unwrap().into_iter().find(|r| r.title == "Story 1").unwrap();
        store.set_state(&oldest.key, ArticleState { read: false, starred: true, hidden: false }).unwrap();
        assert_eq!(store.prune(feed.id, Retention::default()).unwrap(), 0, "no limit: nothing goes");
        assert_eq!(store.prune(feed.id, Retention { days: 0, per_feed: 2 }).unwrap(), 1, "story 2 goes");
        let left: Vec<String> = store.library("all", &[], None, 10).unwrap().into_iter().map(|r| r.title).collect();
        assert_eq!(left, ["Story 4", "Story 3", "Story 1"], "the newest two, and the starred one");
        assert_eq!(store.save_entries(feed.id, "Harbour Times", &entries).unwrap(), Saved::default(), "not back");
        // Everything arrived today: a day's limit keeps it all.
        assert_eq!(store.prune(feed.id, Retention { days: 1, per_feed: 0 }).unwrap(), 0);
    }
}
