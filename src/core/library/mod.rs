//! The library: every article Tidings has seen, kept in the store. Importing a folder
//! walks it, reads only files that are new or changed since the last import (same path,
//! size and modification time means unchanged), takes title, source and date from each
//! (cleaning and annotating wait until an article is opened), and marks as missing the
//! files that are gone; their state and bookmarks stay.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use crate::core::article::Article;
use crate::core::document::Listing;
use crate::core::ingest;
use crate::core::store::{Imported, LibraryRow, Stamp, Store, StoreError};

pub mod derive;
pub mod full_text;
pub mod open;
pub mod refresh;

/// How often an import commits what it has read: seldom enough that 100,000 files are
/// not slowed by rewriting the same index pages at every commit, often enough that an
/// interrupted import keeps nearly all its work and the list fills while it runs.
const COMMIT_EVERY: Duration = Duration::from_millis(500);
const FIRST_COMMIT: Duration = Duration::from_millis(100);

/// Threads reading files at most: reading is waiting on the disk more than parsing, so
/// several threads per core keep the disk busier (10,000 uncached files on the 2-core
/// machine: 1.9-2.3 s with 2 threads, 1.7 s with 8; 16 were no better).
const READERS_MAX: usize = 8;

/// What an import does with the articles whose files are gone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gone {
    /// Kept in the list, marked missing, with their state and bookmarks.
    #[default]
    Keep,
    /// Removed from the library, unless bookmarked or starred (those are kept, missing).
    Drop,
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Article files found under the paths.
    pub found: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Files the library held under these folders that are gone now, kept marked missing.
    pub missing: usize,
    /// Files gone whose articles were removed from the library (`Gone::Drop`).
    pub dropped: usize,
    /// Files actually read (new or changed ones).
    pub read: usize,
    /// Paths that could not be read, with the reason.
    pub failed: Vec<String>,
}

/// What looking at one file found.
enum Looked {
    Unchanged(String),
    Read { article: Imported, known_before: bool },
    Failed { location: Option<String>, why: String, was_read: bool },
}

/// Looks at one file (found under a canonical folder, so only a symlink needs resolving):
/// unchanged since `known` says so, else read for the list.
fn look(file: &Path, known: &HashMap<String, Stamp>) -> Looked {
    let meta = std::fs::symlink_metadata(file);
    let (location, now) = match meta {
        Ok(m) if !m.is_symlink() => (file.display().to_string(), stamp_of(&m)),
        _ => {
            let real = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
            (real.display().to_string(), stamp(&real))
        }
    };
    let Some(now) = now else {
        return Looked::Failed {
            location: None,
            why: format!("{}: vanished while importing", file.display()),
            was_read: false,
        };
    };
    let before = known.get(&location);
    if before == Some(&now) {
        return Looked::Unchanged(location);
    }
    match ingest::load_listing(file) {
        Ok(listing) => Looked::Read { article: entry(&listing, location, now), known_before: before.is_some() },
        Err(e) => Looked::Failed { location: Some(location), why: e.to_string(), was_read: true },
    }
}

/// What the library records of an article read from `location` with file stamp `stamp`.
pub fn entry(Listing { id, meta }: &Listing, location: String, stamp: Stamp) -> Imported {
    Imported {
        location,
        content_hash: format!("{id:016x}"),
        title: meta.title.clone(),
        source: meta.source.clone(),
        published: meta.published.map(|d| d.to_string()),
        stamp,
    }
}

/// The list row of an article loaded whole (the demo, or files read without a library):
/// it lives where it was loaded from, with no state of its own yet.
pub fn row_of(article: &Article) -> LibraryRow {
    let meta = &article.doc.meta;
    LibraryRow {
        key: article.key.clone(),
        title: meta.title.clone(),
        source: meta.source.clone(),
        published: meta.published.map(|d| d.to_string()),
        location: Some(article.doc.origin.clone()),
        read: false,
        starred: false,
        hidden: false,
        bookmarked: false,
        missing: false,
        feed: None,
    }
}

/// The locations under which the library keeps the articles of `paths` (see
/// `Store::library`): each path made canonical, as import records them.
pub fn scope(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).display().to_string()).collect()
}

/// A file's size and modification time, as the library compares them.
pub fn stamp(path: &Path) -> Option<Stamp> {
    stamp_of(&std::fs::metadata(path).ok()?)
}

fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    // Nanoseconds where the file system keeps them: an edit within the same second is seen.
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64);
    Some((meta.len() as i64, mtime))
}

/// Imports the files and folders at `paths` into the library in `store`, doing with the
/// articles of deleted files what `gone` says, calling `progress(done, total)` as it goes.
pub fn import(
    store: &Store,
    paths: &[PathBuf],
    gone_files: Gone,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportSummary, StoreError> {
    // Folders made canonical once: the files found under them are then canonical too.
    let roots: Vec<PathBuf> = scope(paths).into_iter().map(PathBuf::from).collect();
    let (files, errors) = ingest::discover(&roots);
    let mut summary = ImportSummary { found: files.len(), ..Default::default() };
    summary.failed.extend(errors.iter().map(ToString::to_string));
    let known = store.stamps()?;
    let mut seen = HashSet::new();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).saturating_mul(4).clamp(1, READERS_MAX);
    // Readers take the next file from a shared counter and hand what they found to this
    // thread, which records it while they read on.
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, found) = mpsc::sync_channel::<Looked>(1024);
        for _ in 0..workers {
            let (tx, next, files, known) = (tx.clone(), &next, &files, &known);
            scope.spawn(move || {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if tx.send(look(file, known)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut batch = Vec::new();
        let mut committed = Instant::now();
        // The first commit comes sooner, so a reader showing the import has rows at once.
        let mut due = FIRST_COMMIT;
        for (done, item) in found.into_iter().enumerate() {
            match item {
                Looked::Unchanged(location) => {
                    seen.insert(location);
                    summary.unchanged += 1;
                }
                Looked::Read { article, known_before } => {
                    seen.insert(article.location.clone());
                    summary.read += 1;
                    summary.updated += usize::from(known_before);
                    batch.push(article);
                }
                Looked::Failed { location, why, was_read } => {
                    seen.extend(location);
                    summary.read += usize::from(was_read);
                    summary.failed.push(why);
                }
            }
            if committed.elapsed() >= due {
                due = COMMIT_EVERY;
                summary.added += store.record(&std::mem::take(&mut batch))?;
                committed = Instant::now();
            }
            if done % 256 == 255 {
                progress(done + 1, files.len());
            }
        }
        summary.added += store.record(&batch)?;
        progress(files.len(), files.len());
        Ok::<_, StoreError>(())
    })?;
    // Files the library holds under the folders just walked that were not found again.
    let folders: Vec<String> = roots.iter().filter(|p| p.is_dir()).map(|p| format!("{}/", p.display())).collect();
    let gone: Vec<String> = known
        .keys()
        .filter(|at| !seen.contains(*at) && folders.iter().any(|f| at.starts_with(f.as_str())))
        .cloned()
        .collect();
    match gone_files {
        Gone::Keep => store.mark_missing(&gone)?,
        Gone::Drop => summary.dropped = store.drop_gone(&gone)?,
    }
    summary.missing = gone.len() - summary.dropped;
    if summary.read + gone.len() > 1000 {
        store.checkpoint()?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_second_import_reads_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let news = dir.path().join("news");
        std::fs::create_dir(&news).unwrap();
        write(&news, "a.txt", "Harbour reopens\n\nMarch 4, 2024\n\nThe harbour reopened on Monday after repairs.\n");
        write(&news, "b.txt", "Ferry fares rise\n\nThe ferry company raised its fares by a tenth, it said.\n");
        let paths = [news.clone()];
        let first = import(&store, &paths, Gone::Keep, |_, _| {}).unwrap();
        assert_eq!((first.found, first.added, first.read), (2, 2, 2));
        let rows = store.library("all", &[], None, 10).unwrap();
        assert_eq!(rows[0].title, "Harbour reopens");
        assert_eq!(rows[0].published.as_deref(), Some("2024-03-04"));
        let again = import(&store, &paths, Gone::Keep, |_, _| {}).unwrap();
        assert_eq!((again.unchanged, again.read, again.added), (2, 0, 0), "nothing read twice");
        // An edit (a new size) is read again; a deleted file is missing, its row kept.
        write(
            &news,
            "a.txt",
            "Harbour reopens\n\nMarch 4, 2024\n\nThe harbour reopened on Monday after long repairs.\n",
        );
        std::fs::remove_file(news.join("b.txt")).unwrap();
        let third = import(&store, &paths, Gone::Keep, |_, _| {}).unwrap();
        assert_eq!((third.updated, third.read, third.missing), (1, 1, 1));
        let rows = store.library("all", &[], None, 10).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().any(|r| r.title == "Ferry fares rise" && r.missing));
        assert_eq!(store.stats().unwrap().articles, 2);
    }

    #[test]
    fn bad_files_are_reported_and_the_rest_imported() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let good = write(dir.path(), "good.txt", "Storm closes port\n\nThe port closed on Friday as the storm hit.\n");
        let empty = write(dir.path(), "empty.txt", "");
        let summary = import(&store, &[good, empty, dir.path().join("gone.txt")], Gone::Keep, |_, _| {}).unwrap();
        assert_eq!(summary.added, 1);
        assert_eq!(summary.failed.len(), 2, "{:?}", summary.failed);
    }

    #[test]
    fn deleted_files_can_be_dropped_except_what_the_user_kept() {
        use crate::core::store::{ArticleState, Bookmark, Derived};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let news = dir.path().join("news");
        std::fs::create_dir(&news).unwrap();
        for (name, title) in
            [("a.txt", "Harbour reopens"), ("b.txt", "Ferry fares rise"), ("c.txt", "Storm closes port")]
        {
            write(&news, name, &format!("{title}\n\nThe town council said so on Monday, in a short statement.\n"));
        }
        let paths = [news.clone()];
        import(&store, &paths, Gone::Drop, |_, _| {}).unwrap();
        let rows = store.library("all", &[], None, 10).unwrap();
        let key = |title: &str| rows.iter().find(|r| r.title == title).unwrap().key.clone();
        store.set_state(&key("Ferry fares rise"), ArticleState { read: true, starred: true, hidden: false }).unwrap();
        let mark = Bookmark {
            id: 0,
            article_id: key("Storm closes port"),
            title: "Storm closes port".into(),
            source: None,
            location: news.join("c.txt").display().to_string(),
            published: None,
            saved_at: "2026-12-03T10:00:00Z".into(),
            note: String::new(),
            tags: Vec::new(),
            quotes: Vec::new(),
        };
        store.save_bookmark(&mark, false).unwrap();
        let found =
            Derived { hidden: 0, names: vec!["Harbour Board".into()], quotes: Vec::new(), ..Default::default() };
        store.save_derived(&key("Harbour reopens"), 1, &found).unwrap();
        for name in ["a.txt", "b.txt", "c.txt"] {
            std::fs::remove_file(news.join(name)).unwrap();
        }
        let summary = import(&store, &paths, Gone::Drop, |_, _| {}).unwrap();
        assert_eq!((summary.dropped, summary.missing), (1, 2));
        let left = store.library("all", &[], None, 10).unwrap();
        let mut titles: Vec<&str> = left.iter().filter(|r| r.missing).map(|r| r.title.as_str()).collect();
        titles.sort();
        assert_eq!(titles, ["Ferry fares rise", "Storm closes port"]);
        let board = crate::core::search::Query::parse("entity:\"Harbour Board\"").unwrap();
        assert!(store.matching(&board).unwrap().is_empty(), "what opening found goes with the article");
    }

    /// Locations are canonical whichever way a folder is named, and a link in a folder
    /// is recorded where its file lives, as the reader opens it.
    #[cfg(unix)]
    #[test]
    fn locations_are_canonical_paths() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let (news, elsewhere) = (dir.path().join("news"), dir.path().join("elsewhere"));
        std::fs::create_dir(&news).unwrap();
        std::fs::create_dir(&elsewhere).unwrap();
        write(&news, "a.txt", "Harbour reopens\n\nThe harbour reopened on Monday after repairs.\n");
        let target = write(&elsewhere, "b.txt", "Ferry fares rise\n\nThe ferry company raised its fares, it said.\n");
        std::os::unix::fs::symlink(&target, news.join("b.txt")).unwrap();
        let roundabout = news.join("..").join("news");
        assert_eq!(import(&store, &[roundabout], Gone::Keep, |_, _| {}).unwrap().added, 2);
        let mut at: Vec<String> =
            store.library("all", &[], None, 10).unwrap().into_iter().filter_map(|r| r.location).collect();
        at.sort();
        let real = |p: PathBuf| std::fs::canonicalize(p).unwrap().display().to_string();
        assert_eq!(at, [real(elsewhere.join("b.txt")), real(news.join("a.txt"))]);
    }
}
