//! Bookmarks with notes, tags and kept quotations.
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{sql, Store, StoreError};

/// A saved article. `location` is its URL or file path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: i64,
    pub article_id: String,
    pub title: String,
    pub source: Option<String>,
    pub location: String,
    pub published: Option<String>,
    pub saved_at: String,
    pub note: String,
    pub tags: Vec<String>,
    pub quotes: Vec<String>,
}

/// What saving a bookmark changes. A bookmark may have changed since this window read it
/// (another window, another instance, the command line), so a save names the field the
/// user touched and the store applies it to the bookmark as it is on disk now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookmarkChange {
    /// Bookmark the article; an existing bookmark stays as it is.
    Create,
    /// Add a note and tags (the command line): the note goes after any note already
    /// there, the tags join the bookmark's.
    Merge {
        note: String,
        tags: Vec<String>,
    },
    /// The note, as the user wrote it in full.
    Note(String),
    Tags(Vec<String>),
    /// Keep a quotation (once).
    AddQuote(String),
    /// Put back exactly this bookmark, with its id (undo).
    Restore,
}

impl BookmarkChange {
    /// The bookmark after this change: `current` as stored (if any), else `fresh`.
    pub fn apply(&self, current: Option<Bookmark>, fresh: &Bookmark) -> Bookmark {
        if *self == BookmarkChange::Restore {
            return fresh.clone();
        }
        let mut b = current.unwrap_or_else(|| fresh.clone());
        match self {
            BookmarkChange::Create | BookmarkChange::Restore => {}
            BookmarkChange::Merge { note, tags } => {
                let note = note.trim();
                if !note.is_empty() && !b.note.contains(note) {
                    b.note = if b.note.trim().is_empty() {
                        note.to_string()
                    } else {
                        format!("{}\n\n{note}", b.note.trim_end())
                    };
                }
                for t in tags {
                    if !b.tags.contains(t) {
                        b.tags.push(t.clone());
                    }
                }
            }
            BookmarkChange::Note(note) => b.note = note.clone(),
            BookmarkChange::Tags(tags) => b.tags = tags.clone(),
            BookmarkChange::AddQuote(q) => {
                if !b.quotes.contains(q) {
                    b.quotes.push(q.clone());
                }
            }
        }
        b
    }
}

impl Store {
    fn row(r: &rusqlite::Row) -> rusqlite::Result<Bookmark> {
        let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
        Ok(Bookmark {
            id: r.get(0)?,
            article_id: r.get(1)?,
            title: r.get(2)?,
            source: r.get(3)?,
            location: r.get(4)?,
            published: r.get(5)?,
            saved_at: r.get(6)?,
            note: r.get(7)?,
            tags: list(r.get(8)?),
            quotes: list(r.get(9)?),
        })
    }

    const COLUMNS: &'static str = "id, article_id, title, source, location, published, saved_at, note, tags, quotes";

    /// All bookmarks, newest first.
    pub fn bookmarks(&self) -> Result<Vec<Bookmark>, StoreError> {
        let sql_text = format!("SELECT {} FROM bookmarks ORDER BY saved_at DESC, id DESC", Self::COLUMNS);
        let mut stmt = self.conn.prepare(&sql_text).map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], Self::row).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    pub fn bookmark_for(&self, article_id: &str) -> Result<Option<Bookmark>, StoreError> {
        let sql_text = format!("SELECT {} FROM bookmarks WHERE article_id = ?1", Self::COLUMNS);
        self.conn.query_row(&sql_text, [article_id], Self::row).optional().map_err(|e| self.err(e))
    }

    /// Saves `b` (its `id` is ignored unless `keep_id`; an existing bookmark of the same
    /// article is replaced) and returns it as stored.
    pub fn save_bookmark(&self, b: &Bookmark, keep_id: bool) -> Result<Bookmark, StoreError> {
        self.writable()?;
        let tags = serde_json::to_string(&b.tags).unwrap_or_else(|_| "[]".into());
        let quotes = serde_json::to_string(&b.quotes).unwrap_or_else(|_| "[]".into());
        let id: Option<i64> = keep_id.then_some(b.id);
        self.conn
            .execute(
                "INSERT INTO bookmarks (id, article_id, title, source, location, published, saved_at, note, tags, quotes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(article_id) DO UPDATE SET title = ?3, source = ?4, location = ?5, published = ?6,
                   saved_at = ?7, note = ?8, tags = ?9, quotes = ?10",
                params![id, b.article_id, b.title, b.source, b.location, b.published, b.saved_at, b.note, tags, quotes],
            )
            .map_err(|e| self.err(e))?;
        // An imported bookmark names an article this store may not know yet: record where
        // it lives, so the article is found there even if its text has changed.
        self.conn
            .execute(
                "INSERT OR IGNORE INTO articles (key, location, content_hash, seen_at) VALUES (?1, ?2, ?1, ?3)",
                params![b.article_id, b.location, b.saved_at],
            )
            .map_err(|e| self.err(e))?;
        self.bookmark_for(&b.article_id)?.ok_or_else(|| sql(&self.path, rusqlite::Error::QueryReturnedNoRows))
    }

    /// Applies `change` to the bookmark of `fresh.article_id` as it is stored now (creating
    /// it from `fresh` if there is none), in one write transaction, so a change made
    /// elsewhere in the meantime is kept. Returns the bookmark as stored.
    pub fn change_bookmark(&self, fresh: &Bookmark, change: &BookmarkChange) -> Result<Bookmark, StoreError> {
        self.writable()?;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))?;
        let current = self.bookmark_for(&fresh.article_id)?;
        let unchanged = current.is_some() && change == &BookmarkChange::Create;
        let saved = if unchanged {
            current
        } else {
            let b = change.apply(current, fresh);
            self.save_bookmark(&b, *change == BookmarkChange::Restore && b.id > 0)?;
            self.bookmark_for(&fresh.article_id)?
        };
        tx.commit().map_err(|e| self.err(e))?;
        saved.ok_or_else(|| sql(&self.path, rusqlite::Error::QueryReturnedNoRows))
    }

    /// Removes the bookmark of article `article_id`, if any.
    pub fn remove_bookmark_for(&self, article_id: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.conn.execute("DELETE FROM bookmarks WHERE article_id = ?1", [article_id]).map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Removes bookmark `id` and returns it (for undo), or `None` if there was none.
    pub fn remove_bookmark(&self, id: i64) -> Result<Option<Bookmark>, StoreError> {
        self.writable()?;
        let sql_text = format!("SELECT {} FROM bookmarks WHERE id = ?1", Self::COLUMNS);
        let found = self.conn.query_row(&sql_text, [id], Self::row).optional().map_err(|e| self.err(e))?;
        if found.is_some() {
            self.conn.execute("DELETE FROM bookmarks WHERE id = ?1", [id]).map_err(|e| self.err(e))?;
        }
        Ok(found)
    }
}
