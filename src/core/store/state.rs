//! Read flags, stars and hidden flags, one row per article key.
use std::collections::HashMap;

use rusqlite::params;

use super::{now, Store, StoreError};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArticleState {
    pub read: bool,
    pub starred: bool,
    pub hidden: bool,
}

impl Store {
    /// Every article's state, for the list (one query, however many articles).
    pub fn states(&self) -> Result<HashMap<String, ArticleState>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT id, read, starred, hidden FROM article_state").map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, ArticleState { read: r.get(1)?, starred: r.get(2)?, hidden: r.get(3)? }))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    pub fn set_state(&self, id: &str, state: ArticleState) -> Result<(), StoreError> {
        self.writable()?;
        self.conn
            .execute(
                "INSERT INTO article_state (id, read, starred, hidden, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET read = ?2, starred = ?3, hidden = ?4, updated_at = ?5",
                params![id, state.read, state.starred, state.hidden, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Saves many states in one transaction (imports, benchmarks).
    pub fn bulk_states(&self, states: impl IntoIterator<Item = (String, ArticleState)>) -> Result<(), StoreError> {
        let tx = self.write()?;
        {
            let mut stmt = tx
                .prepare("INSERT OR REPLACE INTO article_state (id, read, starred, hidden, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(|e| self.err(e))?;
            let at = now();
            for (id, s) in states {
                stmt.execute(params![id, s.read, s.starred, s.hidden, at]).map_err(|e| self.err(e))?;
            }
        }
        tx.commit().map_err(|e| self.err(e))
    }
}
