//! The full-text index (`search`, SQLite FTS5) of each article's title and cleaned text,
//! and a `Query` turned into SQL conditions on the library's rows. The index holds no copy
//! of the text (a contentless table): it only answers which articles hold which words.
//! Its rows are written with an article's other findings (`derived`), so they carry the
//! same stamp and are made again when the filter changes.
use rusqlite::types::Value;

use super::articles::ROW_TABLES;
use super::{Store, StoreError};
use crate::core::annotate::same_entity;
use crate::core::search::{Query, Term};

impl Store {
    /// Indexes article `id` (a row of `articles`) with its current title and `body`.
    pub(super) fn index(&self, id: i64, body: &str) -> Result<(), StoreError> {
        self.exec("DELETE FROM search WHERE rowid = ?1", [id])?;
        self.exec(
            "INSERT INTO search (rowid, title, body) SELECT id, title, ?2 FROM articles WHERE id = ?1",
            rusqlite::params![id, body],
        )?;
        Ok(())
    }

    /// The ids of the names for which `same` holds.
    pub(super) fn name_ids(&self, same: impl Fn(&str) -> bool) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM names").map_err(|e| self.err(e))?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(|e| self.err(e))?;
        Ok(rows.filter_map(Result::ok).filter(|(_, n)| same(n)).map(|(id, _)| id).collect())
    }

    /// The keys of every listed article that matches `query`.
    pub fn matching(&self, query: &Query) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut values = Vec::new();
        let conditions = self.conditions(query, &mut values)?;
        let sql = format!("SELECT a.key FROM {ROW_TABLES} WHERE a.title != '' {conditions}");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// `query` as SQL conditions (each starting with AND) on `a` (articles), `s` (their
    /// state) and `b` (their bookmark), its values appended to `values`.
    pub(super) fn conditions(&self, query: &Query, values: &mut Vec<Value>) -> Result<String, StoreError> {
        let mut sql = String::new();
        let mut bind = |v: Value| {
            values.push(v);
            format!("?{}", values.len())
        };
        let (must, must_not) = query.fts();
        if let Some(m) = must {
            sql += &format!(" AND a.id IN (SELECT rowid FROM search WHERE search MATCH {})", bind(Value::Text(m)));
        }
        if let Some(m) = must_not {
            sql += &format!(" AND a.id NOT IN (SELECT rowid FROM search WHERE search MATCH {})", bind(Value::Text(m)));
        }
        for clause in &query.clauses {
            let like =
                |v: &str| Value::Text(format!("%{}%", v.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
            let condition = match &clause.term {
                Term::Word(_) | Term::Prefix(_) | Term::Phrase(_) => continue,
                Term::Unread => "NOT COALESCE(s.read, 0)".to_string(),
                Term::Starred => "COALESCE(s.starred, 0)".to_string(),
                Term::Bookmarked => "b.id IS NOT NULL".to_string(),
                Term::Source(v) => format!("COALESCE(a.source, '') LIKE {} ESCAPE '\\'", bind(like(v))),
                Term::Feed(v) => {
                    let n = bind(like(v));
                    format!(
                        "a.feed IN (SELECT id FROM feeds WHERE title LIKE {n} ESCAPE '\\' OR url LIKE {n} ESCAPE '\\')"
                    )
                }
                Term::Tag(v) => {
                    let n = bind(Value::Text(v.clone()));
                    format!(
                        "(EXISTS (SELECT 1 FROM json_each(b.tags) WHERE value = {n} COLLATE NOCASE)
                          OR a.feed IN (SELECT f.id FROM feeds f, json_each(f.tags) t WHERE t.value = {n} COLLATE NOCASE))"
                    )
                }
                Term::Entity(v) => {
                    let ids = self.name_ids(|name| same_entity(name, v))?;
                    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
                    format!("a.id IN (SELECT article FROM mentioned WHERE name IN ({}))", ids.join(","))
                }
                Term::Since(d) => format!("a.published >= {}", bind(Value::Text(d.to_string()))),
                Term::Until(d) => format!("a.published <= {}", bind(Value::Text(d.to_string()))),
            };
            sql += &if clause.negated {
                format!(" AND NOT COALESCE(({condition}), 0)")
            } else {
                format!(" AND COALESCE(({condition}), 0)")
            };
        }
        Ok(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::{ArticleState, Bookmark, Derived, Imported};

    /// A library of three articles, indexed, with state, a bookmark and names.
    fn library() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let articles = [
            (
                "/n/port.txt",
                "Port strike ends",
                "Coastline Wire",
                "2025-06-03",
                "Dock workers in Göteborg voted to end the strike after sanctions talk.",
                vec!["Ines Barros"],
            ),
            (
                "/n/vote.txt",
                "Bridge vote delayed",
                "Valley Herald",
                "2025-05-20",
                "The council will vote on the bridge next month; no deal with the builders yet.",
                vec!["Tomas Kral"],
            ),
            (
                "/n/fire.txt",
                "Wildfire crews hold the line",
                "Coastline Wire",
                "2025-06-10",
                "Crews held the fire line overnight. A deal with Russia on water bombers was signed.",
                vec!["Ines Barros", "Tomas Kral"],
            ),
        ];
        for (at, title, source, day, body, names) in &articles {
            let imported = Imported {
                location: at.to_string(),
                content_hash: format!("h{at}"),
                title: title.to_string(),
                source: Some(source.to_string()),
                published: Some(day.to_string()),
                stamp: (1, 1),
            };
            store.record(&[imported]).unwrap();
            let found = Derived {
                names: names.iter().map(|n| n.to_string()).collect(),
                body: body.to_string(),
                ..Default::default()
            };
            store.save_derived(&format!("h{at}"), 1, &found).unwrap();
        }
        store.set_state("h/n/port.txt", ArticleState { read: true, starred: true, hidden: false }).unwrap();
        let bookmark = Bookmark {
            id: 0,
            article_id: "h/n/vote.txt".into(),
            title: "Bridge vote delayed".into(),
            source: None,
            location: "/n/vote.txt".into(),
            published: None,
            saved_at: crate::core::store::now(),
            note: String::new(),
            tags: vec!["Council".into()],
            quotes: Vec::new(),
        };
        store.save_bookmark(&bookmark, false).unwrap();
        (dir, store)
    }

    fn titles(store: &Store, query: &str) -> Vec<String> {
        let query = Query::parse(query).unwrap();
        store.library_matching("all", &[], &query, None, 10).unwrap().into_iter().map(|r| r.title).collect()
    }

    #[test]
    fn words_phrases_and_prefixes_match_titles_and_text_newest_first() {
        let (_dir, store) = library();
        assert_eq!(titles(&store, "strike"), ["Port strike ends"], "in the title and the text");
        assert_eq!(titles(&store, "goteborg"), ["Port strike ends"], "accents ignored");
        assert_eq!(titles(&store, "CREWS"), ["Wildfire crews hold the line"], "case ignored");
        assert_eq!(titles(&store, "\"deal with russia\""), ["Wildfire crews hold the line"]);
        assert_eq!(titles(&store, "deal"), ["Wildfire crews hold the line", "Bridge vote delayed"]);
        assert_eq!(titles(&store, "sanction*"), ["Port strike ends"]);
        assert_eq!(titles(&store, "deal -russia"), ["Bridge vote delayed"]);
        assert_eq!(titles(&store, "-deal"), ["Port strike ends"], "only a negation");
        assert!(titles(&store, "ferry").is_empty());
    }

    #[test]
    fn filters_combine_with_words_and_each_other() {
        let (_dir, store) = library();
        assert_eq!(titles(&store, "unread"), ["Wildfire crews hold the line", "Bridge vote delayed"]);
        assert_eq!(titles(&store, "-unread"), ["Port strike ends"]);
        assert_eq!(titles(&store, "starred"), ["Port strike ends"]);
        assert_eq!(titles(&store, "bookmarked"), ["Bridge vote delayed"]);
        assert_eq!(titles(&store, "tag:council"), ["Bridge vote delayed"]);
        assert_eq!(titles(&store, "source:coastline"), ["Wildfire crews hold the line", "Port strike ends"]);
        assert_eq!(titles(&store, "-source:coastline"), ["Bridge vote delayed"]);
        assert_eq!(titles(&store, "source:100%").len(), 0, "LIKE's wildcards are literal");
        assert_eq!(titles(&store, "entity:Barros"), ["Wildfire crews hold the line", "Port strike ends"]);
        assert_eq!(
            titles(&store, "entity:\"Tomas Kral\" unread deal"),
            ["Wildfire crews hold the line", "Bridge vote delayed"]
        );
        assert!(titles(&store, "entity:Nobody").is_empty());
        assert_eq!(titles(&store, "since:2025-06-01 until:2025-06-05"), ["Port strike ends"]);
        assert_eq!(titles(&store, "-since:2025-06-01"), ["Bridge vote delayed"]);
        assert!(titles(&store, "feed:anything").is_empty(), "no article came from a feed");
    }

    #[test]
    fn an_article_gone_or_changed_leaves_the_index() {
        let (_dir, store) = library();
        store.drop_gone(&["/n/fire.txt".to_string()]).unwrap();
        assert!(titles(&store, "crews").is_empty());
        // Its text changed: its findings and index entry are made again when next derived.
        let changed = Imported {
            location: "/n/port.txt".into(),
            content_hash: "new".into(),
            title: "Port strike ends".into(),
            source: None,
            published: None,
            stamp: (2, 2),
        };
        store.record(&[changed]).unwrap();
        assert_eq!(store.underived(1, 0, 10).unwrap().len(), 1);
    }

    #[test]
    fn an_index_written_again_and_compacted_finds_the_same() {
        let (_dir, store) = library();
        // A new filter: every article indexed again, its old entries left behind.
        let again = Derived { body: "Crews held the fire line overnight.".into(), ..Default::default() };
        store.save_derived("h/n/fire.txt", 2, &again).unwrap();
        store.vacuum().unwrap();
        assert_eq!(titles(&store, "crews"), ["Wildfire crews hold the line"]);
        assert!(titles(&store, "russia").is_empty(), "the old text is gone from the index");
        assert_eq!(titles(&store, "deal"), ["Bridge vote delayed"]);
    }
}
