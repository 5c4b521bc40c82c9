//! Read state, stars, hidden flags and bookmarks, in one SQLite database. Every change is
//! committed when it is made (WAL journal), so nothing the screen showed as saved is lost
//! to a crash. A file that is not a Tidings database is reported and never written to.
//! This file opens the store and runs the one migration list; each table's queries live
//! in a file of their own (`state`, `bookmarks`, `articles`, `derived`).
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

/// Schema steps; `PRAGMA user_version` records how many have run. Append, never edit.
const MIGRATIONS: &[&str] = &[
    // 1: per-article state, keyed by content hash so it follows the article anywhere.
    "CREATE TABLE article_state (
        id TEXT PRIMARY KEY,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        hidden INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );",
    // 2: bookmarks with notes, tags and marked quotations (JSON arrays).
    "CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        source TEXT,
        location TEXT NOT NULL,
        published TEXT,
        saved_at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        quotes TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX bookmarks_saved ON bookmarks(saved_at);",
    // 3: a stable identity per article. State and bookmarks hang off `key`, which is the
    // article's content hash when first seen (what they were keyed by before, so existing
    // rows keep their meaning); an article is found again by where it lives first, by
    // its text second, so neither an edit in place nor a move loses its state.
    "CREATE TABLE articles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        location TEXT UNIQUE,
        content_hash TEXT NOT NULL,
        seen_at TEXT NOT NULL
    );
    CREATE INDEX articles_content ON articles(content_hash);
    INSERT OR IGNORE INTO articles (key, location, content_hash, seen_at)
        SELECT article_id, location, article_id, saved_at FROM bookmarks;
    INSERT OR IGNORE INTO articles (key, location, content_hash, seen_at)
        SELECT id, NULL, id, updated_at FROM article_state;",
    // 4: the library: what the list shows of each article, and the file's size and
    // modification time, so a rescan reads only files that changed.
    "ALTER TABLE articles ADD COLUMN title TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN source TEXT;
    ALTER TABLE articles ADD COLUMN published TEXT;
    ALTER TABLE articles ADD COLUMN size INTEGER;
    ALTER TABLE articles ADD COLUMN mtime INTEGER;
    ALTER TABLE articles ADD COLUMN missing INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_order ON articles(COALESCE(published, ''), location);",
    // 5: the list reads newest first and then by path (a to z); what opening an article
    // found that other views need, stamped with the filter and annotator that found it
    // (`derived`), and the names it mentions, for the entity pivot (`mentions`).
    "DROP INDEX articles_order;
    CREATE INDEX articles_order ON articles(COALESCE(published, '') DESC, location);
    CREATE TABLE derived (
        key TEXT PRIMARY KEY,
        stamp INTEGER NOT NULL,
        hidden INTEGER NOT NULL,
        quotes TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE mentions (
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (name, key)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_key ON mentions(key);",
    // 6: names are stored once and mentions are pairs of integers: a news article
    // mentions dozens of names, and (name, key) text pairs cost 5 KB per article.
    "CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE mentioned (
        name INTEGER NOT NULL,
        article INTEGER NOT NULL,
        PRIMARY KEY (name, article)
    ) WITHOUT ROWID;
    CREATE INDEX mentioned_article ON mentioned(article);
    INSERT OR IGNORE INTO names (name) SELECT DISTINCT name FROM mentions;
    INSERT OR IGNORE INTO mentioned (name, article)
        SELECT n.id, a.id FROM mentions m JOIN names n ON n.name = m.name JOIN articles a ON a.key = m.key;
    DROP TABLE mentions;",
    // 7: feeds. An entry is an article with its feed and its id there (unique together),
    // and its page kept in `contents`, as it has no file.
    "CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        etag TEXT,
        last_modified TEXT,
        refreshed_at TEXT,
        error TEXT,
        added_at TEXT NOT NULL
    );
    ALTER TABLE articles ADD COLUMN feed INTEGER;
    ALTER TABLE articles ADD COLUMN entry TEXT;
    CREATE UNIQUE INDEX articles_entry ON articles(feed, entry);
    CREATE TABLE contents (article INTEGER PRIMARY KEY, body TEXT NOT NULL);",
    // 8: an entry's full article page, fetched from its link (`full`, next to the
    // feed's teaser in `body`); feeds that fetch it for every new entry; and the
    // entries retention removed, so a feed that still carries them does not bring
    // them back.
    "ALTER TABLE contents ADD COLUMN full TEXT;
    ALTER TABLE feeds ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE pruned (feed INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (feed, entry)) WITHOUT ROWID;",
    // 9: the full-text index of titles and cleaned text (rowid = articles.id), case and
    // accents ignored; it keeps no copy of the text. Findings are made again so that
    // every article gets indexed.
    "CREATE VIRTUAL TABLE search USING fts5(title, body, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 2');
    DELETE FROM derived;",
    // 10: each article's story signature (`core::stories`), for grouping reports of one
    // event; findings are made again so that every article has one.
    "ALTER TABLE derived ADD COLUMN signature BLOB;
    DELETE FROM derived;",
];

pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

mod articles;
mod bookmarks;
mod derived;
mod feeds;
mod search;
mod state;

pub use articles::{Imported, LibraryRow, LibraryStats, Stamp};
pub use bookmarks::{Bookmark, BookmarkChange};
pub use derived::Derived;
pub use feeds::{Content, EntryWriter, FeedRow, Retention, Saved};
pub use state::ArticleState;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Tidings database or is damaged ({detail}); it was left untouched: move it aside to start afresh, or restore a backup")]
    Corrupt { path: String, detail: String },
    #[error("{path} was written by a newer Tidings (schema {found}, this one knows {known}); it was left untouched")]
    TooNew { path: String, found: usize, known: usize },
    #[error("cannot open {path}: {detail}")]
    Open { path: String, detail: String },
    #[error("{path}: another Tidings is writing; try again in a moment")]
    Locked { path: String },
    #[error("{path} is read-only: changes cannot be saved")]
    ReadOnly { path: String },
    #[error("the data directory {path} is a file, not a directory: nothing can be saved there (choose another with --data-dir)")]
    NotADirectory { path: String },
    #[error("{path}: {detail}")]
    Sql { path: String, detail: String },
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

/// Now, as RFC 3339 UTC.
pub fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0).map(|t| t.to_rfc3339()).unwrap_or_default()
}

impl Store {
    /// Opens (creating if needed) the database at `path`. A directory that cannot be
    /// written gives a read-only store: reading works, changes are refused with a message.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // Switching a new file to WAL can fail at once, without waiting, while another
        // connection is setting it up (two loader threads, two Tidings starting together).
        let started = std::time::Instant::now();
        loop {
            match Store::open_once(path) {
                Err(StoreError::Locked { .. }) if started.elapsed() < Duration::from_secs(2) => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                opened => return opened,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| d.exists() && !d.is_dir()) {
            return Err(StoreError::NotADirectory { path: dir.display().to_string() });
        }
        let writable_dir = path.parent().is_some_and(|d| std::fs::create_dir_all(d).is_ok() && dir_writable(d));
        let (conn, read_only) = if writable_dir && (!path.exists() || file_writable(path)) {
            let conn =
                Connection::open(path).map_err(|e| StoreError::Open { path: shown.clone(), detail: e.to_string() })?;
            (conn, false)
        } else if path.exists() {
            // `immutable`: SQLite then needs no lock or shared-memory file beside the
            // database (a WAL database cannot be read in a read-only directory without).
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let conn = Connection::open_with_flags(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)
                .map_err(|e| StoreError::Open { path: shown.clone(), detail: e.to_string() })?;
            (conn, true)
        } else {
            // Nothing to read and nowhere to write: an empty store that refuses changes.
            (
                Connection::open_in_memory()
                    .map_err(|e| StoreError::Open { path: shown.clone(), detail: e.to_string() })?,
                true,
            )
        };
        let mut store = Store { conn, path: path.to_path_buf(), read_only };
        store.conn.busy_timeout(Duration::from_secs(2)).map_err(|e| store.err(e))?;
        // The first read tells a database from anything else, before anything is written.
        let version: usize = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map_err(|e| StoreError::Corrupt { path: shown.clone(), detail: e.to_string() })?
            as usize;
        store
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .map_err(|e| StoreError::Corrupt { path: shown.clone(), detail: e.to_string() })?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: shown, found: version, known: SCHEMA_VERSION });
        }
        if store.read_only && path.exists() && version < SCHEMA_VERSION {
            return Err(StoreError::ReadOnly { path: shown });
        }
        if store.read_only && !path.exists() {
            store.migrate()?;
        } else if !store.read_only {
            store.conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| store.err(e))?;
            store.conn.pragma_update(None, "synchronous", "FULL").map_err(|e| store.err(e))?;
            // The journal file shrinks back to 4 MiB after a checkpoint instead of keeping
            // the size of its longest run of writes.
            store.conn.pragma_update(None, "journal_size_limit", 4 << 20).map_err(|e| store.err(e))?;
            if version < SCHEMA_VERSION {
                store.migrate()?;
            }
        }
        Ok(store)
    }

    /// Brings the schema up to date in one write transaction that reads the version
    /// itself: two Tidings opening a new store at once (or the reader's loader threads)
    /// migrate it once, the second waiting for the first and finding nothing left to do.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))?;
        let from = tx.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).map_err(|e| sql(&path, e))? as usize;
        for (n, step) in MIGRATIONS.iter().enumerate().skip(from) {
            tx.execute_batch(step).map_err(|e| sql(&path, e))?;
            tx.pragma_update(None, "user_version", (n + 1) as i64).map_err(|e| sql(&path, e))?;
        }
        tx.commit().map_err(|e| sql(&path, e))
    }

    /// This connection's commits are not synced to disk one by one: for writes that a
    /// crash may lose because they are redone on the next start (where each article
    /// lives), never for state or bookmarks. Its page cache is 16 MiB instead of 2: an
    /// import inserts keys all over the indexes (100,000 files: 3.7-4.7 s against 5 s).
    pub fn relaxed(self) -> Store {
        if !self.read_only {
            let _ = self.conn.pragma_update(None, "synchronous", "NORMAL");
            let _ = self.conn.pragma_update(None, "cache_size", -16384);
        }
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Locked { path: self.path.display().to_string() }
            }
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path: self.path.display().to_string() },
            _ => sql(&self.path, e),
        }
    }

    /// A write transaction that takes the write lock at once. A deferred one starts as a
    /// read and fails with "database is locked" (without waiting) when another
    /// connection (the import, the library's thread, the store's thread) committed in
    /// between; taking the lock first makes it wait its turn instead.
    fn write(&self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        self.writable()?;
        rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))
    }

    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            Err(StoreError::ReadOnly { path: self.path.display().to_string() })
        } else {
            Ok(())
        }
    }
}

fn sql(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::Sql { path: path.display().to_string(), detail: e.to_string() }
}

/// `path` for a `file:` URI: characters with a meaning there are percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' | b' ' | 0x80.. => out.push_str(&format!("%{b:02X}")),
            _ => out.push(b as char),
        }
    }
    out
}

fn dir_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".tidings-write-test-{}", std::process::id()));
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// A file its owner marked read-only counts as read-only even for a user the mode does
/// not bind (root): the mark says "do not change this", which Tidings honours.
fn file_writable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
        && std::fs::OpenOptions::new().append(true).open(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bookmark(article: &str) -> Bookmark {
        Bookmark {
            id: 0,
            article_id: article.into(),
            title: "Port strike ends".into(),
            source: Some("Coastline Wire".into()),
            location: "/news/strike.txt".into(),
            published: Some("2025-09-17".into()),
            saved_at: now(),
            note: "line one\nline \"two\", with a comma".into(),
            tags: vec!["labour".into(), "ports".into()],
            quotes: vec!["“We held together.”".into()],
        }
    }

    #[test]
    fn an_article_keeps_its_key_when_its_text_changes_or_it_moves() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("tidings.db")).unwrap();
        let at = dir.path().join("strike.txt");
        std::fs::write(&at, "x").unwrap();
        let at = at.display().to_string();
        let key = s.resolve(&at, "hash1").unwrap();
        assert_eq!(key, "hash1", "first seen: its hash");
        assert_eq!(s.resolve(&at, "hash2").unwrap(), key, "edited in place");
        std::fs::remove_file(&at).unwrap();
        let moved = dir.path().join("archive-strike.txt").display().to_string();
        assert_eq!(s.resolve(&moved, "hash2").unwrap(), key, "moved, text as last seen");
        assert_eq!(s.resolve(&at, "hash1").unwrap(), "hash1-2", "an old copy appearing anew is another article");
        let imported = bookmark("from-another-machine");
        s.save_bookmark(&imported, false).unwrap();
        assert_eq!(s.resolve(&imported.location, "its-text-today").unwrap(), "from-another-machine");
        let copy = dir.path().join("copy.txt").display().to_string();
        std::fs::write(dir.path().join("archive-strike.txt"), "x").unwrap();
        assert_eq!(s.resolve(&copy, "hash2").unwrap(), key, "a copy of a file still in place shares its state");
    }

    #[test]
    fn state_and_bookmarks_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        {
            let s = Store::open(&path).unwrap();
            s.set_state("a1", ArticleState { read: true, starred: true, hidden: false }).unwrap();
            let b = s.save_bookmark(&bookmark("a1"), false).unwrap();
            assert!(b.id > 0);
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.states().unwrap()["a1"], ArticleState { read: true, starred: true, hidden: false });
        let all = s.bookmarks().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].note, "line one\nline \"two\", with a comma");
        assert_eq!(all[0].tags, vec!["labour", "ports"]);
        let removed = s.remove_bookmark(all[0].id).unwrap().unwrap();
        assert!(s.bookmarks().unwrap().is_empty());
        s.save_bookmark(&removed, true).unwrap();
        assert_eq!(s.bookmarks().unwrap(), vec![removed], "restored as it was (undo)");
    }

    #[test]
    fn stores_opened_at_once_on_a_new_file_migrate_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let opened: Vec<Result<Store, StoreError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..6).map(|_| scope.spawn(|| Store::open(&path))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for store in opened {
            let store = store.unwrap();
            store.set_state("a1", ArticleState { read: true, ..Default::default() }).unwrap();
        }
    }

    #[test]
    fn migrates_from_every_earlier_version() {
        for from in 0..SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("tidings.db");
            {
                let conn = Connection::open(&path).unwrap();
                for (n, step) in MIGRATIONS.iter().take(from).enumerate() {
                    conn.execute_batch(step).unwrap();
                    conn.pragma_update(None, "user_version", (n + 1) as i64).unwrap();
                }
                if from >= 1 {
                    conn.execute("INSERT INTO article_state (id, read, updated_at) VALUES ('old', 1, 'then')", [])
                        .unwrap();
                }
                if from == 5 {
                    conn.execute_batch(
                        "INSERT INTO articles (key, location, content_hash, seen_at) VALUES ('old', '/a.txt', 'old', 'then');
                         INSERT INTO mentions (name, key) VALUES ('Ines Barros', 'old');",
                    )
                    .unwrap();
                }
            }
            let s = Store::open(&path).unwrap();
            let version: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(version as usize, SCHEMA_VERSION, "from {from}");
            if from >= 1 {
                assert!(s.states().unwrap()["old"].read, "data kept from version {from}");
            }
            if from == 5 {
                let ids = s.name_ids(|name| name == "Ines Barros").unwrap();
                let kept: i64 =
                    s.conn.query_row("SELECT count(*) FROM mentioned WHERE name = ?1", [ids[0]], |r| r.get(0)).unwrap();
                assert_eq!(kept, 1, "mentions kept");
            }
            s.save_bookmark(&bookmark("x"), false).unwrap();
        }
    }

    #[test]
    fn a_damaged_file_is_reported_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let junk = b"this is not a database, but a note someone saved here\n".repeat(200);
        std::fs::write(&path, &junk).unwrap();
        let err = Store::open(&path).err().expect("refused");
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), junk, "the file is unchanged");
        // A truncated database is refused too, and kept.
        let good = dir.path().join("good.db");
        Store::open(&good).unwrap().save_bookmark(&bookmark("a"), false).unwrap();
        let bytes = std::fs::read(&good).unwrap();
        std::fs::write(&good, &bytes[..bytes.len().min(100)]).unwrap();
        let before = std::fs::read(&good).unwrap();
        assert!(Store::open(&good).is_err());
        assert_eq!(std::fs::read(&good).unwrap(), before);
    }

    #[test]
    fn two_instances_write_the_same_file_without_losing_anything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let a = Store::open(&path).unwrap();
        let b = Store::open(&path).unwrap();
        for n in 0..50 {
            let (store, id) = if n % 2 == 0 { (&a, format!("a{n}")) } else { (&b, format!("b{n}")) };
            store.set_state(&id, ArticleState { read: true, ..Default::default() }).unwrap();
        }
        assert_eq!(Store::open(&path).unwrap().states().unwrap().len(), 50);
    }

    #[test]
    fn a_change_keeps_what_another_instance_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        let (a, b) = (Store::open(&path).unwrap(), Store::open(&path).unwrap());
        let fresh = Bookmark { note: String::new(), tags: Vec::new(), quotes: Vec::new(), ..bookmark("x") };
        a.change_bookmark(&fresh, &BookmarkChange::Note("from the first window".into())).unwrap();
        // The second instance never saw that bookmark; bookmarking the article keeps the note.
        let saved = b.change_bookmark(&fresh, &BookmarkChange::Create).unwrap();
        assert_eq!(saved.note, "from the first window");
        let saved = b.change_bookmark(&fresh, &BookmarkChange::AddQuote("“q”".into())).unwrap();
        assert_eq!((saved.note.as_str(), saved.quotes.len()), ("from the first window", 1));
        let saved =
            b.change_bookmark(&fresh, &BookmarkChange::Merge { note: "more".into(), tags: vec!["t".into()] }).unwrap();
        assert_eq!(saved.note, "from the first window\n\nmore");
        assert_eq!(saved.tags, vec!["t"]);
        let again =
            b.change_bookmark(&fresh, &BookmarkChange::Merge { note: "more".into(), tags: vec!["t".into()] }).unwrap();
        assert_eq!(again, saved, "merging the same again changes nothing");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tidings.db");
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
    }

    #[test]
    fn a_data_directory_that_is_a_file_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("file");
        std::fs::write(&not_a_dir, "x").unwrap();
        let err = Store::open(&not_a_dir.join("tidings.db")).err().expect("refused");
        assert!(err.to_string().contains("is a file, not a directory"), "{err}");
        assert_eq!(std::fs::read(&not_a_dir).unwrap(), b"x");
    }

    #[test]
    fn a_file_marked_read_only_gives_a_read_only_store() {
        // A name with characters that mean something in a URI.
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path().join("été 50% ?#");
        std::fs::create_dir(&dir).unwrap();
        let path = dir.join("tidings.db");
        Store::open(&path).unwrap().set_state("a", ArticleState { read: true, ..Default::default() }).unwrap();
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let before = std::fs::read(&path).unwrap();
        let s = Store::open(&path).unwrap();
        assert!(s.is_read_only());
        assert!(s.states().unwrap()["a"].read, "reading still works");
        let err = s.set_state("a", ArticleState::default()).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        drop(s);
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_gives_a_read_only_store() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        let path = ro.join("tidings.db");
        Store::open(&path).unwrap().set_state("a", ArticleState { read: true, ..Default::default() }).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        if dir_writable(&ro) {
            return; // running as a user the permissions do not bind (root): nothing to check
        }
        let s = Store::open(&path).unwrap();
        assert!(s.is_read_only());
        assert!(s.states().unwrap()["a"].read, "reading still works");
        let err = s.set_state("a", ArticleState::default()).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
