//! Where each article lives and the key its state and bookmark hang off.
use std::path::Path;

use rusqlite::{params, OptionalExtension};

use super::{now, Store, StoreError};

impl Store {
    /// The key an article's state and bookmark are stored under, given where it lives
    /// (`location`: a canonical path, a URL, `demo/NAME`) and the hash of its text now.
    /// Found by location first (its text may have changed: the new hash is recorded), by
    /// text second (it may have moved: the new location is recorded, unless the article
    /// found still lives elsewhere, as a copy does), else registered under its hash. A
    /// read-only store answers without recording anything.
    pub fn resolve(&self, location: &str, content_hash: &str) -> Result<String, StoreError> {
        let by_location: Option<(String, String)> = self
            .conn
            .query_row("SELECT key, content_hash FROM articles WHERE location = ?1", [location], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some((key, hash)) = by_location {
            if hash != content_hash && !self.read_only {
                self.conn
                    .execute("UPDATE articles SET content_hash = ?1 WHERE location = ?2", [content_hash, location])
                    .map_err(|e| self.err(e))?;
            }
            return Ok(key);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id, key, location FROM articles WHERE content_hash = ?1")
            .map_err(|e| self.err(e))?;
        let same_text: Vec<(i64, String, Option<String>)> = stmt
            .query_map([content_hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        // A row whose old home is gone (or never known) is this article, moved.
        let moved = same_text.iter().find(|(_, _, at)| at.as_deref().is_none_or(|at| !Path::new(at).exists()));
        if let Some((id, key, _)) = moved {
            if !self.read_only {
                self.conn
                    .execute("UPDATE articles SET location = ?1 WHERE id = ?2", params![location, id])
                    .map_err(|e| self.err(e))?;
            }
            return Ok(key.clone());
        }
        // A copy of an article that still lives elsewhere shares its state, as before.
        if let Some((_, key, _)) = same_text.first() {
            return Ok(key.clone());
        }
        if self.read_only {
            return Ok(content_hash.to_string());
        }
        // A key already taken by an article whose text has changed since gets a suffix.
        let taken = |k: &str| {
            self.conn
                .query_row("SELECT 1 FROM articles WHERE key = ?1", [k], |_| Ok(()))
                .optional()
                .map(|found| found.is_some())
        };
        let mut key = content_hash.to_string();
        let mut n = 2;
        while taken(&key).map_err(|e| self.err(e))? {
            key = format!("{content_hash}-{n}");
            n += 1;
        }
        self.conn
            .execute(
                "INSERT INTO articles (key, location, content_hash, seen_at) VALUES (?1, ?2, ?3, ?4)",
                params![key, location, content_hash, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(key)
    }
}
