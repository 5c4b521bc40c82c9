//! What opening an article found that views over the whole library need without opening
//! it again: the names it mentions (the entity pivot), its quotations (who said what) and
//! how many blocks the filter hid. Each row carries the stamp of the filter and annotator
//! that made it; a row with another stamp is stale and is made again.

use rusqlite::params;

use super::articles::{library_row, within, ROW, ROW_TABLES};
use super::{LibraryRow, Store, StoreError};

/// The findings of one article that outlive its opening.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// Blocks the boilerplate filter hid.
    pub hidden: usize,
    /// Canonical names of the entities it mentions outside hidden blocks.
    pub names: Vec<String>,
    /// Quotations as (text, speaker).
    pub quotes: Vec<(String, Option<String>)>,
    /// The text the filter kept, for the full-text index.
    pub body: String,
    /// Its story signature (`core::stories::Signature::to_bytes`).
    pub signature: Vec<u8>,
}

impl Store {
    /// Records what article `key` was found to hold, replacing any earlier findings.
    pub fn save_derived(&self, key: &str, stamp: i64, found: &Derived) -> Result<(), StoreError> {
        self.save_derived_all(stamp, [(key.to_string(), found.clone())])
    }

    /// `save_derived` for many articles, in one transaction, each written as it comes
    /// (from threads still finding the next ones).
    pub fn save_derived_all(
        &self,
        stamp: i64,
        all: impl IntoIterator<Item = (String, Derived)>,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        for (key, found) in all {
            self.put_derived(&key, stamp, &found)?;
        }
        tx.commit().map_err(|e| self.err(e))
    }

    fn put_derived(&self, key: &str, stamp: i64, found: &Derived) -> Result<(), StoreError> {
        let quotes = serde_json::to_string(&found.quotes).unwrap_or_else(|_| "[]".into());
        // An article the library does not list (none yet) has no mentions to keep.
        let article: Option<i64> = self.first("SELECT id FROM articles WHERE key = ?1", [key], |r| r.get(0))?;
        if let Some(article) = article {
            self.exec("DELETE FROM mentioned WHERE article = ?1", [article])?;
            self.index(article, &found.body)?;
            for name in &found.names {
                self.exec("INSERT OR IGNORE INTO names (name) VALUES (?1)", [name])?;
                self.exec(
                    "INSERT OR IGNORE INTO mentioned (name, article) SELECT id, ?2 FROM names WHERE name = ?1",
                    params![name, article],
                )?;
            }
        }
        self.exec(
            "INSERT OR REPLACE INTO derived (key, stamp, hidden, quotes, signature) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![key, stamp, found.hidden as i64, quotes, found.signature],
        )?;
        Ok(())
    }

    /// Up to `limit` listed articles (row id, key, location) after row id `after` with no
    /// findings of `stamp` yet: a walk through the library that never looks back.
    pub fn underived(&self, stamp: i64, after: i64, limit: usize) -> Result<Vec<(i64, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.key, a.location FROM articles a LEFT JOIN derived d ON d.key = a.key
                 WHERE a.id > ?2 AND a.title != '' AND a.location IS NOT NULL AND NOT a.missing
                   AND (d.stamp IS NULL OR d.stamp != ?1)
                 ORDER BY a.id
                 LIMIT ?3",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![stamp, after, limit.min(i64::MAX as usize) as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Hands `each` the story signature of every listed article in `scope` that has one,
    /// with its row, in the list's order (newest first), one at a time: the library's
    /// signatures are never all held as bytes.
    pub fn signatures(&self, scope: &[String], mut each: impl FnMut(LibraryRow, &[u8])) -> Result<(), StoreError> {
        let mut values = Vec::new();
        let within = within(scope, &mut values);
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {ROW}, d.signature FROM {ROW_TABLES} JOIN derived d ON d.key = a.key
                 WHERE a.title != '' AND NOT COALESCE(s.hidden, 0) AND d.signature IS NOT NULL {within}
                 ORDER BY COALESCE(a.published, '') DESC, a.location"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values)).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            // The signature is the column after the row's.
            let last = r.as_ref().column_count() - 1;
            let signature = r.get_ref(last).and_then(|v| Ok(v.as_blob()?)).map_err(|e| self.err(e))?;
            each(library_row(r).map_err(|e| self.err(e))?, signature);
        }
        Ok(())
    }

    /// How many listed articles have findings of `stamp`.
    pub fn derived_count(&self, stamp: i64) -> Result<usize, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM derived d JOIN articles a ON a.key = d.key WHERE d.stamp = ?1 AND a.title != ''",
                [stamp],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::Imported;

    fn store_with(locations: &[&str]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let rows: Vec<Imported> = locations
            .iter()
            .map(|at| Imported {
                location: at.to_string(),
                content_hash: format!("h{at}"),
                title: format!("Story at {at}"),
                source: None,
                published: None,
                stamp: (1, 1),
            })
            .collect();
        store.record(&rows).unwrap();
        (dir, store)
    }

    #[test]
    fn findings_are_kept_per_stamp_and_a_new_stamp_makes_them_stale() {
        let (_dir, store) = store_with(&["/n/a.txt", "/n/b.txt"]);
        assert_eq!(store.underived(7, 0, 10).unwrap().len(), 2);
        let found = Derived {
            hidden: 3,
            names: vec!["Mark Rutte".into(), "NATO".into()],
            quotes: vec![("\"We stand together.\"".into(), Some("Mark Rutte".into()))],
            body: "Mark Rutte met the allies.".into(),
            signature: vec![1, 2, 3],
        };
        store.save_derived("h/n/a.txt", 7, &found).unwrap();
        let left: Vec<String> = store.underived(7, 0, 10).unwrap().into_iter().map(|(_, key, _)| key).collect();
        assert_eq!(left, ["h/n/b.txt"]);
        assert_eq!(store.derived_count(7).unwrap(), 1);
        assert_eq!(store.underived(8, 0, 10).unwrap().len(), 2, "a newer annotator finds them stale");
        let rutte = crate::core::search::Query::parse("entity:Rutte").unwrap();
        let keys = store.matching(&rutte).unwrap();
        assert_eq!(keys, std::collections::HashSet::from(["h/n/a.txt".to_string()]));
        // Made again, the findings replace the old ones.
        store.save_derived("h/n/a.txt", 8, &Derived { names: vec!["NATO".into()], ..found }).unwrap();
        assert!(store.matching(&rutte).unwrap().is_empty());
    }
}
