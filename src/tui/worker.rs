//! Loading runs on a worker thread so no keypress waits on disk or parsing; documents
//! reach the UI one by one over the channel and the list fills in as they arrive.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use super::effect::{Effect, Outcome};
use super::event::Msg;
use crate::commands;
use crate::core::article;
use crate::core::boilerplate::Rules;
use crate::core::document::Document;
use crate::core::export;
use crate::core::ingest::{self, IngestError};
use crate::core::library;
use crate::core::store::{self, Store};
use crate::demo;

/// What to open: files and folders from the command line, or the bundled demo.
#[derive(Debug, Clone)]
pub enum Sources {
    Paths(Vec<PathBuf>),
    Demo,
}

/// Loads and filters one article; a panic inside a parser becomes an error for that item alone.
fn guarded(name: &str, rules: &Rules, load: impl FnOnce() -> Result<Document, IngestError>) -> Msg {
    match catch_unwind(AssertUnwindSafe(|| load().map(|doc| article::process(doc, rules)))) {
        Ok(Ok(article)) => Msg::Loaded(Box::new(article)),
        Ok(Err(e)) => {
            tracing::warn!("{e}");
            Msg::LoadFailed(e.to_string())
        }
        Err(_) => Msg::LoadFailed(format!("{name}: could not be read (internal error; details in the log)")),
    }
}

/// One thing to load.
enum Job {
    Demo(&'static str, &'static str),
    File(PathBuf),
}

impl Job {
    /// Loads the article and gives it the key the store keeps its state under.
    fn run(&self, rules: &Rules, store: Option<&Store>) -> Msg {
        let mut msg = match self {
            Job::Demo(name, text) => {
                let origin = format!("demo/{name}");
                guarded(&origin, rules, || ingest::load_bytes(&origin, text.as_bytes()))
            }
            Job::File(path) => guarded(&path.display().to_string(), rules, || ingest::load_file(path)),
        };
        // The library learns what the reader loaded (with the title the filter found),
        // and the article gets the key its state is kept under.
        // The demo is not the user's: its articles get keys but stay out of the list.
        if let (Msg::Loaded(article), Some(store)) = (&mut msg, store) {
            let found = match library::stamp(Path::new(&article.doc.origin)) {
                Some(stamp) => store.record_one(&library::entry(&article.doc, article.location(), stamp)),
                None => store.resolve(&article.location(), &article.key),
            };
            match found {
                Ok(key) => article.key = key,
                Err(e) => tracing::warn!("{}: {e}", article.doc.origin),
            }
        }
        msg
    }
}

/// Loads everything on background threads, one per core (at most four), and sends each
/// article as it is ready, then `LoadDone`. With a store at `db`, each thread has its own
/// connection to look up the articles' keys.
pub fn spawn_loader(sources: Sources, rules: Rules, db: Option<PathBuf>, tx: Sender<Msg>) {
    let spawned = thread::Builder::new().name("loader".into()).spawn(move || {
        let jobs: Vec<Job> = match sources {
            Sources::Demo => demo::FILES.iter().map(|(n, t)| Job::Demo(n, t)).collect(),
            Sources::Paths(paths) => {
                let (files, errors) = ingest::discover(&paths);
                for e in errors {
                    if tx.send(Msg::LoadFailed(e.to_string())).is_err() {
                        return;
                    }
                }
                files.into_iter().map(Job::File).collect()
            }
        };
        let next = AtomicUsize::new(0);
        let workers = thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        thread::scope(|scope| {
            for _ in 0..workers {
                let (tx, next, jobs, rules, db) = (tx.clone(), &next, &jobs, &rules, &db);
                scope.spawn(move || {
                    let store = db.as_deref().and_then(|db| Store::open(db).ok()).map(Store::relaxed);
                    while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if tx.send(job.run(rules, store.as_ref())).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        let _ = tx.send(Msg::LoadDone);
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start the loader thread: {e}");
    }
}

/// `dir/tidings-bookmarks-DAY.EXT`, or `…-DAY-2.EXT` and so on: an earlier export is
/// never overwritten.
fn export_path(dir: &Path, day: &str, extension: &str) -> PathBuf {
    (1..)
        .map(|n| {
            dir.join(if n == 1 {
                format!("tidings-bookmarks-{day}.{extension}")
            } else {
                format!("tidings-bookmarks-{day}-{n}.{extension}")
            })
        })
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Runs one store effect (a write or an export).
pub fn apply(effect: Effect, store: Option<&Store>) -> Result<Outcome, String> {
    let store = store.ok_or_else(|| "no store: changes are not saved".to_string())?;
    let done = match effect {
        Effect::SaveStates(states) => store.bulk_states(states).map(|_| Outcome::Done),
        Effect::SaveBookmark(b, change) => store.change_bookmark(&b, &change).map(Outcome::Saved),
        Effect::RemoveBookmark(article) => store.remove_bookmark_for(&article).map(|_| Outcome::Done),
        // Timers and loading are the event loop's business, not the store's.
        Effect::Timer(_) | Effect::Load(_) => Ok(Outcome::Done),
        Effect::Export(format) => {
            let bookmarks = store.bookmarks().map_err(|e| e.to_string())?;
            if bookmarks.is_empty() {
                return Ok(Outcome::Message("no bookmarks to export yet (b bookmarks an article)".into()));
            }
            let dir = directories::UserDirs::new()
                .and_then(|u| u.document_dir().map(Path::to_path_buf).or_else(|| Some(u.home_dir().to_path_buf())))
                .unwrap_or_else(|| PathBuf::from("."));
            let path = export_path(&dir, &store::now()[..10], format.extension());
            return commands::write_atomically(&path, &export::export(&bookmarks, format))
                .map(|_| Outcome::Exported(path))
                .map_err(|e| format!("{e:#}"));
        }
    };
    done.map_err(|e| e.to_string())
}

/// The store's own thread: runs store effects in the order they were made and answers
/// each with `Msg::Applied`, so a bulk action of 20,000 writes never holds up a key.
pub fn spawn_saver(store: Option<Store>, tx: Sender<Msg>) -> Sender<Effect> {
    let (send, effects) = mpsc::channel::<Effect>();
    let spawned = thread::Builder::new().name("store".into()).spawn(move || {
        for effect in effects {
            let result = catch_unwind(AssertUnwindSafe(|| apply(effect, store.as_ref())))
                .unwrap_or_else(|_| Err("internal error while saving (details in the log)".into()));
            if let Err(e) = &result {
                tracing::error!("{e}");
            }
            if tx.send(Msg::Applied(result)).is_err() {
                return;
            }
        }
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start the store thread: {e}");
    }
    send
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_parser_becomes_an_error_for_that_item() {
        let msg = guarded("bad.html", &Rules::default(), || panic!("parser bug"));
        match msg {
            Msg::LoadFailed(why) => assert!(why.starts_with("bad.html: could not be read"), "{why}"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn the_demo_loads_completely() {
        let (tx, rx) = std::sync::mpsc::channel();
        spawn_loader(Sources::Demo, Rules::default(), None, tx);
        let msgs: Vec<Msg> = rx.iter().collect();
        let loaded = msgs.iter().filter(|m| matches!(m, Msg::Loaded(_))).count();
        assert_eq!(loaded, demo::FILES.len());
        assert!(matches!(msgs.last(), Some(Msg::LoadDone)));
    }

    /// What the loader sends for `path`, with the store at `db`.
    fn load_key(path: &Path, db: &Path) -> String {
        let (tx, rx) = std::sync::mpsc::channel();
        spawn_loader(Sources::Paths(vec![path.to_path_buf()]), Rules::default(), Some(db.to_path_buf()), tx);
        rx.iter()
            .find_map(|m| match m {
                Msg::Loaded(a) => Some(a.key),
                _ => None,
            })
            .expect("the article loads")
    }

    /// A store path and one saved page in a fresh directory (kept alive by the caller).
    fn one_page() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("strike.txt");
        std::fs::write(&page, "Port strike ends\n\nDock workers went back to work on Monday, the union said.\n")
            .unwrap();
        let db = dir.path().join("tidings.db");
        (dir, db, page)
    }

    #[test]
    fn a_starred_page_stays_starred_when_its_text_gains_a_paragraph() {
        let (_dir, db, page) = one_page();
        let key = load_key(&page, &db);
        Store::open(&db).unwrap().set_state(&key, store::ArticleState { starred: true, ..Default::default() }).unwrap();
        let mut text = std::fs::read_to_string(&page).unwrap();
        text.push_str("\nUpdated: the first ships left the harbour in the evening.\n");
        std::fs::write(&page, text).unwrap();
        let again = load_key(&page, &db);
        assert_eq!(again, key);
        assert!(Store::open(&db).unwrap().states().unwrap()[&again].starred);
    }

    #[test]
    fn what_the_reader_loads_joins_the_library_and_the_demo_does_not() {
        let (_dir, db, page) = one_page();
        load_key(&page, &db);
        let (tx, rx) = std::sync::mpsc::channel();
        spawn_loader(Sources::Demo, Rules::default(), Some(db.clone()), tx);
        assert!(rx.iter().any(|m| matches!(m, Msg::LoadDone)));
        let rows = Store::open(&db).unwrap().library("all", None, 10).unwrap();
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Port strike ends"]);
    }

    #[test]
    fn exports_never_overwrite_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let first = export_path(dir.path(), "2026-12-03", "md");
        std::fs::write(&first, "earlier").unwrap();
        let second = export_path(dir.path(), "2026-12-03", "md");
        assert_ne!(first, second);
        assert!(second.ends_with("tidings-bookmarks-2026-12-03-2.md"), "{second:?}");
    }
}
