//! The library: where each article lives, the key its state and bookmark hang off, and
//! what the list shows of it (title, source, date), with the file's size and time so a
//! rescan reads only what changed.
use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{now, Store, StoreError};
use crate::core::search::Query;

/// A file's size in bytes and modification time in seconds: unchanged when both are.
pub type Stamp = (i64, i64);

/// An article read by an import, ready to record.
#[derive(Debug, Clone)]
pub struct Imported {
    pub location: String,
    pub content_hash: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub stamp: Stamp,
}

/// One article as the library lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LibraryRow {
    pub key: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub location: Option<String>,
    pub read: bool,
    pub starred: bool,
    pub hidden: bool,
    pub bookmarked: bool,
    pub missing: bool,
    /// The feed it came from (its number), if any.
    pub feed: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LibraryStats {
    pub articles: usize,
    pub missing: usize,
    pub unread: usize,
    pub starred: usize,
    pub bookmarks: usize,
    pub bytes: u64,
}

impl Store {
    /// Runs a statement from the connection's cache: an import runs the same few
    /// statements for every file.
    pub(super) fn exec(&self, sql: &str, params: impl rusqlite::Params) -> Result<usize, StoreError> {
        self.conn.prepare_cached(sql).and_then(|mut st| st.execute(params)).map_err(|e| self.err(e))
    }

    /// The first row of a cached query, if any.
    pub(super) fn first<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnOnce(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>, StoreError> {
        self.conn.prepare_cached(sql).and_then(|mut st| st.query_row(params, row).optional()).map_err(|e| self.err(e))
    }

    /// The key an article's state and bookmark are stored under, given where it lives
    /// (`location`: a canonical path, a URL, `demo/NAME`) and the hash of its text now.
    /// Found by location first (its text may have changed: the new hash is recorded), by
    /// text second (it may have moved: the new location is recorded, unless the article
    /// found still lives elsewhere, as a copy does), else registered under its hash. A
    /// read-only store answers without recording anything.
    pub fn resolve(&self, location: &str, content_hash: &str) -> Result<String, StoreError> {
        self.settle(location, content_hash, None).map(|(key, _)| key)
    }

    /// `resolve`, recording what the list shows of the article when `listing` is given;
    /// also says whether its location was new to the library.
    fn settle(
        &self,
        location: &str,
        content_hash: &str,
        listing: Option<&Imported>,
    ) -> Result<(String, bool), StoreError> {
        let by_location: Option<(String, String)> =
            self.first("SELECT key, content_hash FROM articles WHERE location = ?1", [location], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if let Some((key, hash)) = by_location {
            if hash != content_hash && !self.read_only {
                // Its text changed: what was found in it (and indexed) is made again.
                self.exec("DELETE FROM derived WHERE key = ?1", [&key])?;
            }
            if let Some(a) = listing {
                self.exec(
                    "UPDATE articles SET content_hash = ?2, title = ?3, source = ?4, published = ?5, size = ?6,
                     mtime = ?7, missing = 0 WHERE location = ?1",
                    params![location, content_hash, a.title, a.source, a.published, a.stamp.0, a.stamp.1],
                )?;
            } else if hash != content_hash && !self.read_only {
                self.exec("UPDATE articles SET content_hash = ?1 WHERE location = ?2", [content_hash, location])?;
            }
            return Ok((key, false));
        }
        let same_text: Vec<(i64, String, Option<String>)> = self
            .conn
            .prepare_cached("SELECT id, key, location FROM articles WHERE content_hash = ?1")
            .and_then(|mut st| {
                st.query_map([content_hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()
            })
            .map_err(|e| self.err(e))?;
        // A row whose old home is gone (or never known) is this article, moved.
        let moved = same_text.iter().find(|(_, _, at)| at.as_deref().is_none_or(|at| !Path::new(at).exists()));
        if let Some((id, key, _)) = moved {
            if !self.read_only {
                self.exec("UPDATE articles SET location = ?1 WHERE id = ?2", params![location, id])?;
                if let Some(a) = listing {
                    self.exec(
                        "UPDATE articles SET title = ?2, source = ?3, published = ?4, size = ?5, mtime = ?6,
                         missing = 0 WHERE id = ?1",
                        params![id, a.title, a.source, a.published, a.stamp.0, a.stamp.1],
                    )?;
                }
            }
            return Ok((key.clone(), true));
        }
        // A copy of an article that still lives elsewhere shares its state, as before.
        if let Some((_, key, _)) = same_text.first() {
            return Ok((key.clone(), true));
        }
        if self.read_only {
            return Ok((content_hash.to_string(), true));
        }
        Ok((self.insert(location, content_hash, listing)?, true))
    }

    /// Adds an article to the library under the key its text hashes to, returns the key.
    pub(super) fn insert(
        &self,
        location: &str,
        content_hash: &str,
        listing: Option<&Imported>,
    ) -> Result<String, StoreError> {
        // A key already taken by an article whose text has changed since gets a suffix.
        let mut key = content_hash.to_string();
        let mut n = 2;
        while self.first("SELECT 1 FROM articles WHERE key = ?1", [&key], |_| Ok(()))?.is_some() {
            key = format!("{content_hash}-{n}");
            n += 1;
        }
        let (title, source, published, size, mtime) = match listing {
            Some(a) => {
                (a.title.as_str(), a.source.as_deref(), a.published.as_deref(), Some(a.stamp.0), Some(a.stamp.1))
            }
            None => ("", None, None, None, None),
        };
        self.exec(
            "INSERT INTO articles (key, location, content_hash, seen_at, title, source, published, size, mtime)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![key, location, content_hash, now(), title, source, published, size, mtime],
        )?;
        Ok(key)
    }

    /// Size and time of every file the library holds, by location: one query for a rescan.
    pub fn stamps(&self) -> Result<HashMap<String, Stamp>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT location, size, mtime FROM articles WHERE location IS NOT NULL AND size IS NOT NULL")
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Records imported articles (their keys found as `resolve` finds them) in one
    /// transaction; returns how many were new to the library.
    pub fn record(&self, articles: &[Imported]) -> Result<usize, StoreError> {
        let tx = self.write()?;
        let mut added = 0;
        for a in articles {
            added += usize::from(self.settle(&a.location, &a.content_hash, Some(a))?.1);
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(added)
    }

    /// Records one article the reader loaded and returns its key (see `resolve`); a
    /// read-only store only looks the key up.
    pub fn record_one(&self, article: &Imported) -> Result<String, StoreError> {
        if self.read_only {
            return self.resolve(&article.location, &article.content_hash);
        }
        let tx = self.write()?;
        let (key, _) = self.settle(&article.location, &article.content_hash, Some(article))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(key)
    }

    /// Marks the articles at these locations missing (their files are gone); their state
    /// and bookmarks stay.
    pub fn mark_missing(&self, locations: &[String]) -> Result<(), StoreError> {
        let tx = self.write()?;
        for at in locations {
            self.exec("UPDATE articles SET missing = 1 WHERE location = ?1", [at])?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Removes the articles at these locations from the library, with what opening them
    /// found, except bookmarked and starred ones, which are marked missing instead.
    /// Their read state stays: should the file come back, it is found by its text again.
    /// Returns how many were removed.
    pub fn drop_gone(&self, locations: &[String]) -> Result<usize, StoreError> {
        let tx = self.write()?;
        let mut dropped = 0;
        for at in locations {
            let removed: Option<(i64, String)> = self.first(
                "DELETE FROM articles WHERE location = ?1
                   AND key NOT IN (SELECT article_id FROM bookmarks)
                   AND key NOT IN (SELECT id FROM article_state WHERE starred)
                 RETURNING id, key",
                [at],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            match removed {
                Some((id, key)) => {
                    self.exec("DELETE FROM derived WHERE key = ?1", [&key])?;
                    self.exec("DELETE FROM search WHERE rowid = ?1", [id])?;
                    self.exec("DELETE FROM mentioned WHERE article = ?1", [id])?;
                    dropped += 1;
                }
                None => {
                    self.exec("UPDATE articles SET missing = 1 WHERE location = ?1", [at])?;
                }
            }
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(dropped)
    }

    /// A page of the library in a view ("all", "unread", "starred", "bookmarked",
    /// "hidden", or "any": hidden ones too), newest first, undated last, then by location:
    /// the `limit` rows after row `after` (from the start when `None`), of the articles
    /// that live in `scope` (files, or folders and everything under them; empty: the whole
    /// library). Paging by the last row seen costs the same at row 90,000 as at row 0:
    /// the query seeks in the index instead of counting rows.
    pub fn library(
        &self,
        view: &str,
        scope: &[String],
        after: Option<&LibraryRow>,
        limit: usize,
    ) -> Result<Vec<LibraryRow>, StoreError> {
        self.library_matching(view, scope, &Query::default(), after, limit)
    }

    /// `library`, keeping only the articles that match `query` (its words in the
    /// full-text index, its filters on state, source, feed, tags, names and dates).
    pub fn library_matching(
        &self,
        view: &str,
        scope: &[String],
        query: &Query,
        after: Option<&LibraryRow>,
        limit: usize,
    ) -> Result<Vec<LibraryRow>, StoreError> {
        use rusqlite::types::Value;
        let filter = match view {
            "unread" => "AND NOT COALESCE(s.read, 0) AND NOT COALESCE(s.hidden, 0)",
            "starred" => "AND COALESCE(s.starred, 0)",
            "bookmarked" => "AND b.id IS NOT NULL",
            "hidden" => "AND COALESCE(s.hidden, 0)",
            "any" => "",
            _ => "AND NOT COALESCE(s.hidden, 0)",
        };
        let mut values = vec![Value::Integer(limit.min(i64::MAX as usize) as i64)];
        // The `<=` on the index's first column lets SQLite seek; the second term drops the
        // rows of the cursor's own date it has already given.
        let seek = match after {
            Some(r) => {
                values.push(Value::Text(r.published.clone().unwrap_or_default()));
                values.push(Value::Text(r.location.clone().unwrap_or_default()));
                "AND COALESCE(a.published, '') <= ?2 AND (COALESCE(a.published, '') < ?2 OR a.location > ?3)"
            }
            None => "",
        };
        let within = within(scope, &mut values);
        let matching = self.conditions(query, &mut values)?;
        let query = format!(
            "SELECT {ROW} FROM {ROW_TABLES}
             WHERE a.title != '' {filter} {seek} {within} {matching}
             ORDER BY COALESCE(a.published, '') DESC, a.location
             LIMIT ?1"
        );
        let mut stmt = self.conn.prepare_cached(&query).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), library_row);
        rows.and_then(|rows| rows.collect::<Result<_, _>>()).map_err(|e| self.err(e))
    }

    /// Whether the library lists any article (one index probe, however large it is).
    pub fn lists_any(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM articles WHERE title != '')", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Counts over the whole library, and the store's size on disk.
    pub fn stats(&self) -> Result<LibraryStats, StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            self.conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map(|n| n as usize).map_err(|e| self.err(e))
        };
        let listed = "FROM articles a LEFT JOIN article_state s ON s.id = a.key WHERE a.title != ''";
        let bytes = ["", "-wal"]
            .iter()
            .filter_map(|ext| std::fs::metadata(format!("{}{ext}", self.path.display())).ok())
            .map(|m| m.len())
            .sum();
        Ok(LibraryStats {
            articles: count(&format!("SELECT count(*) {listed}"))?,
            missing: count(&format!("SELECT count(*) {listed} AND a.missing"))?,
            unread: count(&format!("SELECT count(*) {listed} AND NOT COALESCE(s.read, 0)"))?,
            starred: count(&format!("SELECT count(*) {listed} AND COALESCE(s.starred, 0)"))?,
            bookmarks: count("SELECT count(*) FROM bookmarks")?,
            bytes,
        })
    }

    /// Rewrites the database file compactly.
    /// Moves what the journal holds into the database and empties it: after a large
    /// import a long journal slows every later read (and doubles the store on disk).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.writable()?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(|e| self.err(e))
    }

    /// Turns the journal's checkpoint after each commit of this connection off (for a
    /// large write made of many commits) or back on. While off, a page that every
    /// commit changes (an index's) is copied into the database once, at the first
    /// commit after, instead of once per commit: storing a feed of 100,000 entries
    /// took 6.7 s with it on, 3.9 s with it off (and 1.9 s for the checkpoint after).
    pub fn autocheckpoint(&self, on: bool) -> Result<(), StoreError> {
        let pages = if on { 1000 } else { 0 };
        self.conn.pragma_update(None, "wal_autocheckpoint", pages).map_err(|e| self.err(e))
    }

    /// Also merges the full-text index into one segment: an index written again (a new
    /// filter re-indexes every article) keeps its old entries as tombstones, which every
    /// search then reads past.
    pub fn vacuum(&self) -> Result<(), StoreError> {
        self.writable()?;
        self.conn.execute_batch("INSERT INTO search (search) VALUES ('optimize'); VACUUM").map_err(|e| self.err(e))
    }
}

/// The columns `library_row` reads, from `ROW_TABLES`.
pub(super) const ROW: &str = "a.key, a.title, a.source, a.published, a.location, COALESCE(s.read, 0), \
    COALESCE(s.starred, 0), COALESCE(s.hidden, 0), b.id IS NOT NULL, a.missing, a.feed";
pub(super) const ROW_TABLES: &str =
    "articles a LEFT JOIN article_state s ON s.id = a.key LEFT JOIN bookmarks b ON b.article_id = a.key";

pub(super) fn library_row(r: &rusqlite::Row) -> rusqlite::Result<LibraryRow> {
    Ok(LibraryRow {
        key: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        published: r.get(3)?,
        location: r.get(4)?,
        read: r.get(5)?,
        starred: r.get(6)?,
        hidden: r.get(7)?,
        bookmarked: r.get(8)?,
        missing: r.get(9)?,
        feed: r.get(10)?,
    })
}

/// The condition (starting with AND) that keeps the articles inside `scope`, files and
/// folders, its values appended to `values`; none for an empty scope.
pub(super) fn within(scope: &[String], values: &mut Vec<rusqlite::types::Value>) -> String {
    // A folder holds the paths that start with it and a slash ('0' follows '/'). The
    // unary `+` keeps SQLite from using the location index for these terms: it would
    // then sort every page itself instead of walking the order index (100 ms a page
    // against 2 ms at 100,000 articles).
    let terms: Vec<String> = scope
        .iter()
        .map(|root| {
            values.push(rusqlite::types::Value::Text(root.clone()));
            let n = values.len();
            format!("+a.location = ?{n} OR (+a.location > ?{n} || '/' AND +a.location < ?{n} || '0')")
        })
        .collect();
    if terms.is_empty() {
        String::new()
    } else {
        format!("AND ({})", terms.join(" OR "))
    }
}
