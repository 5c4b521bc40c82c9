//! Work off the UI thread, so no keypress waits on disk or parsing: importing folders
//! into the library and listing them page by page, opening the selected article (and
//! finding what it holds for the library, also in the background when nothing else is
//! asked), loading the demo whole, and writing to the store. Results reach the UI as
//! messages over the one channel.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use super::effect::{Effect, Outcome};
use super::event::Msg;
use crate::commands;
use crate::config::FeedsConfig;
use crate::core::article::Article;
use crate::core::boilerplate::Rules;
use crate::core::document::Document;
use crate::core::export;
use crate::core::fetch::Client;
use crate::core::ingest::{self, IngestError};
use crate::core::library::full_text;
use crate::core::library::refresh::{self, Refreshed};
use crate::core::library::{self, Gone, ImportSummary};
use crate::core::search::Query;
use crate::core::store::{self, Store};
use crate::core::stories;
use crate::demo;

/// What to open: files and folders from the command line, or the bundled demo.
#[derive(Debug, Clone)]
pub enum Sources {
    Paths(Vec<PathBuf>),
    Demo,
}

/// Loads and filters one article as a message; a panic inside a parser is an error for it alone.
fn guarded(name: &str, rules: &Rules, load: impl FnOnce() -> Result<Document, IngestError>) -> Msg {
    match library::open::guarded(name, rules, load) {
        Ok(article) => Msg::Loaded(Box::new(article)),
        Err(why) => Msg::LoadFailed(why),
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
            Job::File(path) => {
                // Loaded from its canonical path, the article's origin is where the library keeps it.
                let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                guarded(&path.display().to_string(), rules, || ingest::load_file(&path))
            }
        };
        // The library learns what the reader loaded (with the title the filter found),
        // and the article gets the key its state is kept under.
        // The demo is not the user's: its articles get keys but stay out of the list.
        if let (Msg::Loaded(article), Some(store)) = (&mut msg, store) {
            let found = match library::stamp(Path::new(&article.doc.origin)) {
                Some(stamp) => {
                    store.record_one(&library::entry(&article.doc.listing(), article.doc.origin.clone(), stamp))
                }
                None => store.resolve(&article.doc.origin, &article.key),
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
                    let store = db.as_deref().and_then(|db| Store::open(db).map_err(|e| tracing::warn!("{e}")).ok());
                    let store = store.map(Store::relaxed);
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

/// Rows sent in the first message of a listing: a screenful at once, the rest after.
const FIRST_PAGE: usize = 200;
/// How often a long first import shows what it has recorded so far.
const RELIST_EVERY: Duration = Duration::from_secs(2);
/// The first time: just after the import's first commit (see `library::import`), so a
/// folder opened for the first time shows its first articles soon after its walk.
const FIRST_RELIST: Duration = Duration::from_millis(200);

/// Sends the library's articles under `scope` (every view's rows: the app filters them
/// as triage changes), replacing the list: a screenful first and the rest in a second
/// message (one query: 100,000 rows in about 0.2 s, where pages of 5,000 took 0.5 s),
/// or all in one when `whole`, for a list that is already on screen.
fn list(store: &Store, scope: &[String], whole: bool, tx: &Sender<Msg>) -> Result<(), store::StoreError> {
    let first = store.library("any", scope, None, if whole { usize::MAX } else { FIRST_PAGE })?;
    let last = first.last().cloned().filter(|_| first.len() == FIRST_PAGE && !whole);
    if tx.send(Msg::Rows { rows: first, replace: true }).is_err() {
        return Ok(());
    }
    if let Some(last) = last {
        let rest = store.library("any", scope, Some(&last), usize::MAX)?;
        let _ = tx.send(Msg::Rows { rows: rest, replace: false });
    }
    Ok(())
}

/// `tidings PATH...` with a library: shows what the library already holds of `paths` at
/// once, then imports them (reading only new and changed files) and shows the list again
/// if that changed anything.
pub fn spawn_import(paths: Vec<PathBuf>, gone: Gone, db: PathBuf, tx: Sender<Msg>) {
    let spawned = thread::Builder::new().name("import".into()).spawn(move || {
        yield_to_the_ui();
        let store = match Store::open(&db) {
            Ok(s) => s.relaxed(),
            Err(e) => {
                let _ = tx.send(Msg::LoadFailed(e.to_string()));
                let _ = tx.send(Msg::LoadDone);
                return;
            }
        };
        let scope = library::scope(&paths);
        let started = Instant::now();
        if let Err(e) = list(&store, &scope, false, &tx) {
            let _ = tx.send(Msg::LoadFailed(e.to_string()));
        }
        tracing::info!(ms = started.elapsed().as_millis() as u64, "listed the library");
        // Counted from the first progress: the folder's walk comes before any commit.
        let mut listed: Option<Instant> = None;
        let mut wait = FIRST_RELIST;
        let result = library::import(&store, &paths, gone, |done, total| {
            let _ = tx.send(Msg::Progress(done, total));
            let since = *listed.get_or_insert_with(Instant::now);
            if done < total && since.elapsed() >= wait {
                wait = RELIST_EVERY;
                let _ = list(&store, &scope, true, &tx);
                listed = Some(Instant::now());
            }
        });
        match result {
            Ok(summary) => {
                let ImportSummary { found, read, added, updated, missing, dropped, .. } = summary;
                tracing::info!(found, read, added, updated, missing, dropped, "import done");
                for why in &summary.failed {
                    let _ = tx.send(Msg::LoadFailed(why.clone()));
                }
                let changes = [
                    (summary.added, "new"),
                    (summary.updated, "changed"),
                    (summary.missing, "gone"),
                    (summary.dropped, "dropped"),
                ];
                let said: Vec<String> =
                    changes.iter().filter(|(n, _)| *n > 0).map(|(n, w)| format!("{n} {w}")).collect();
                if !said.is_empty() {
                    if let Err(e) = list(&store, &scope, true, &tx) {
                        let _ = tx.send(Msg::LoadFailed(e.to_string()));
                    }
                    let _ = tx.send(Msg::Status(format!("library: {}", said.join(", "))));
                }
            }
            Err(e) => {
                let _ = tx.send(Msg::LoadFailed(e.to_string()));
            }
        }
        let _ = tx.send(Msg::LoadDone);
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start the import thread: {e}");
    }
}

/// Runs the calling thread, and the threads it starts, at a lower priority, so the UI
/// thread is scheduled first when import keeps both cores busy. (On Linux the nice value
/// belongs to each thread and is inherited by the threads it creates.)
fn yield_to_the_ui() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; 0 names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// Sends the subscriptions with their counts, from a thread of its own.
pub fn spawn_feeds(db: PathBuf, tx: Sender<Msg>) {
    let spawned = thread::Builder::new().name("feeds".into()).spawn(move || {
        match Store::open(&db).and_then(|store| store.feeds()) {
            Ok(feeds) if !feeds.is_empty() => drop(tx.send(Msg::Feeds(feeds))),
            Ok(_) => {}
            Err(e) => tracing::warn!("{e}"),
        }
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start a thread to list the feeds: {e}");
    }
}

/// What a refresh in the reader needs to know: where the library is, which of it the
/// list shows (to list again as articles arrive), and how to fetch.
#[derive(Clone)]
pub struct Refresher {
    pub db: PathBuf,
    pub scope: Vec<String>,
    pub feeds: FeedsConfig,
    /// Set while a refresh runs: a second one waits for the next `R`.
    pub busy: Arc<AtomicBool>,
}

impl Refresher {
    /// Refreshes `which` feeds (by number; none: every feed) on a thread of its own,
    /// reporting progress and a line per failure, and listing the library and the
    /// feeds again as feeds bring something (see `run`), so new articles appear while
    /// the reader reads on. Feeds set to fetch full articles get them after, and
    /// retention applies last.
    pub fn spawn(&self, which: Vec<i64>, tx: Sender<Msg>) {
        if self.busy.swap(true, Ordering::SeqCst) {
            let _ = tx.send(Msg::Status("already refreshing".into()));
            return;
        }
        let this = self.clone();
        let spawned = thread::Builder::new().name("refresh".into()).spawn(move || {
            yield_to_the_ui();
            let result = this.run(&which, &tx);
            // Free before saying so: an `R` pressed on reading the summary starts a new one.
            this.busy.store(false, Ordering::SeqCst);
            let _ = tx.send(Msg::Status(result.unwrap_or_else(|e| e.to_string())));
            let _ = tx.send(Msg::LoadDone);
        });
        if let Err(e) = spawned {
            tracing::error!("cannot start the refresh thread: {e}");
        }
    }

    /// The refresh itself; returns the status line that sums it up.
    fn run(&self, which: &[i64], tx: &Sender<Msg>) -> Result<String, store::StoreError> {
        let store = Store::open(&self.db)?.relaxed();
        let mut feeds = store.feeds()?;
        if !which.is_empty() {
            feeds.retain(|f| which.contains(&f.id));
        }
        if feeds.is_empty() {
            return Ok("no feeds yet: add one with `tidings feed add URL`".into());
        }
        let client = Client::new(self.feeds.limits());
        let mut done = 0;
        let _ = tx.send(Msg::Progress(0, feeds.len()));
        let (parallel, keep) = (self.feeds.parallel(), self.feeds.retention());
        // Listing the library again and counting every feed's articles read the whole
        // library: done at most every `RELIST_EVERY` while feeds arrive, and once at the end.
        let (mut shown, mut unlisted) = (None::<Instant>, false);
        let show = |unlisted: &mut bool| {
            if std::mem::take(unlisted) {
                if let Err(e) = list(&store, &self.scope, true, tx) {
                    tracing::warn!("{e}");
                }
            }
            match store.feeds() {
                Ok(all) => drop(tx.send(Msg::Feeds(all))),
                Err(e) => tracing::warn!("{e}"),
            }
        };
        let summary = refresh::run(&store, &feeds, &client, parallel, keep, |_, outcome| {
            done += 1;
            let _ = tx.send(Msg::Progress(done, feeds.len()));
            match outcome {
                Refreshed::Stored(saved) => unlisted |= saved.added + saved.updated > 0,
                Refreshed::Failed(why) => drop(tx.send(Msg::LoadFailed(why.clone()))),
                Refreshed::Unchanged => {}
            }
            // The first feed to arrive shows at once; the rest as the interval allows.
            if shown.is_none_or(|at| at.elapsed() >= RELIST_EVERY) {
                show(&mut unlisted);
                shown = Some(Instant::now());
            }
        })?;
        for why in summary.full_text_failures {
            let _ = tx.send(Msg::LoadFailed(format!("no full article: {why}")));
        }
        unlisted |= summary.pruned > 0;
        show(&mut unlisted);
        let failures = match summary.failed {
            0 => String::new(),
            n => format!(", {n} failed (F or ! shows why)"),
        };
        Ok(format!("feeds: {} new, {} updated{failures}", summary.saved.added, summary.saved.updated))
    }

    /// Fetches the full article of one entry on a thread of its own.
    pub fn spawn_full_text(&self, key: String, location: String, tx: Sender<Msg>) {
        let (db, limits) = (self.db.clone(), self.feeds.limits());
        let spawned = thread::Builder::new().name("full text".into()).spawn(move || {
            let result = Store::open(&db)
                .map_err(|e| e.to_string())
                .and_then(|store| full_text::fetch_one(&store, &Client::new(limits), &location));
            let _ = tx.send(Msg::FullText(key, result));
        });
        if let Err(e) = spawned {
            tracing::error!("cannot start a thread to fetch a full article: {e}");
        }
    }
}

/// Waiting this long with nothing asked counts as idle: background work may start.
const QUIET: Duration = Duration::from_millis(500);

/// How often a search is answered again while the background walk indexes more.
const SEARCH_AGAIN: Duration = Duration::from_secs(1);

/// The library's thread: opens articles as they are selected (only the newest request
/// counts when keys outrun loading), answers searches, and when nothing has been asked
/// for a while, finds what unopened articles hold (their names, quotations and words for
/// the index), one at a time, so searches cover the whole library.
struct Librarian {
    store: Option<Store>,
    rules: Rules,
    stamp: i64,
    tx: Sender<Msg>,
    /// Where the background walk through the library has got to (`articles.id`).
    walked: i64,
    /// Whether the walk has articles left to index.
    backlog: bool,
    /// The last search asked, answered again as the walk indexes more, and when it was
    /// answered; whether the walk has indexed anything since.
    searched: Option<(String, Instant)>,
    grown: bool,
    /// Whether the stories were told since the walk last found something new.
    told_stories: bool,
}

impl Librarian {
    fn run(mut self, requests: Receiver<Effect>) {
        self.backlog = self.store.as_ref().is_some_and(|s| !s.is_read_only());
        let mut idle = false;
        loop {
            let next = match (self.backlog, idle) {
                (true, true) => match requests.try_recv() {
                    Ok(r) => Some(r),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                },
                (true, false) => match requests.recv_timeout(QUIET) {
                    Ok(r) => Some(r),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
                (false, _) => match requests.recv() {
                    Ok(r) => Some(r),
                    Err(_) => return,
                },
            };
            match next {
                Some(first) => {
                    idle = false;
                    let mut batch: Vec<Effect> = std::iter::once(first).chain(requests.try_iter()).collect();
                    // Only the newest opening and the newest search count: the others were typed past.
                    let newest_open = batch.iter().rposition(|r| matches!(r, Effect::Open { .. }));
                    let newest_search = batch.iter().rposition(|r| matches!(r, Effect::Search(_)));
                    let mut at = 0;
                    batch.retain(|r| {
                        at += 1;
                        match r {
                            Effect::Open { .. } => Some(at - 1) == newest_open,
                            Effect::Search(_) => Some(at - 1) == newest_search,
                            _ => true,
                        }
                    });
                    for request in batch {
                        if !self.answer(request) {
                            return;
                        }
                    }
                }
                None => {
                    idle = true;
                    self.backlog = self.background_step();
                    self.grown |= self.backlog;
                    self.told_stories &= !self.backlog;
                    if let Some(store) = self.store.as_ref().filter(|_| !self.backlog && !self.told_stories) {
                        self.told_stories = true;
                        spawn_stories(store.path().to_path_buf(), self.tx.clone());
                    }
                    let due = self.searched.as_ref().is_some_and(|(_, at)| at.elapsed() >= SEARCH_AGAIN);
                    if self.grown && (due || !self.backlog) {
                        let Some((query, _)) = self.searched.clone() else { continue };
                        if !self.answer(Effect::Search(query)) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /// Answers one request; false when the UI has gone.
    fn answer(&mut self, request: Effect) -> bool {
        let msg = match request {
            Effect::Open { key, location, teaser } => {
                match (
                    Instant::now(),
                    library::open::open(&location, teaser, &self.rules, self.store.as_ref(), demo::FILES),
                ) {
                    (started, Ok((mut article, full))) => {
                        // `benches/library_100k.sh` reads these lines for the time to open.
                        tracing::debug!(us = started.elapsed().as_micros() as u64, "opened");
                        if full && self.tx.send(Msg::FullText(key.clone(), Ok(()))).is_err() {
                            return false;
                        }
                        article.key = key;
                        self.keep(&article);
                        Msg::Loaded(Box::new(article))
                    }
                    (_, Err(why)) => Msg::OpenFailed(key, why),
                }
            }
            Effect::Search(text) => {
                let found = match (&self.store, Query::parse(&text)) {
                    (_, Err(e)) => Err(e.to_string()),
                    (Some(store), Ok(query)) => store.matching(&query).map_err(|e| e.to_string()),
                    (None, Ok(_)) => Err("no library to search (opened without a store)".into()),
                };
                self.searched = Some((text.clone(), Instant::now()));
                self.grown = false;
                Msg::Found { query: text, found, indexing: self.backlog }
            }
            // Store writes go to the store's thread, timers and loading to the event loop.
            _ => return true,
        };
        self.tx.send(msg).is_ok()
    }

    /// Records what an opened article holds (read-only and absent stores keep nothing).
    fn keep(&self, article: &Article) {
        if let Some(store) = self.store.as_ref().filter(|s| !s.is_read_only()) {
            if let Err(e) = store.save_derived(&article.key, self.stamp, &library::derive::findings(article)) {
                tracing::warn!("{e}");
            }
        }
    }

    /// Finds what one unopened article holds; false when none is left.
    fn background_step(&mut self) -> bool {
        let Some(store) = &self.store else { return false };
        match library::derive::derive_batch(store, &self.rules, self.stamp, self.walked, 1, 1) {
            Ok(Some((walked, _))) => {
                self.walked = walked;
                true
            }
            Ok(None) => false,
            Err(e) => {
                tracing::warn!("{e}");
                false
            }
        }
    }
}

/// Groups the library into stories on a thread of its own (seconds for a large library,
/// which opening articles must not wait for) and sends them, by article key.
fn spawn_stories(db: PathBuf, tx: Sender<Msg>) {
    let grouped = thread::Builder::new().name("stories".into()).spawn(move || {
        let (keys, signatures) = match Store::open(&db).and_then(|s| stories::of_library(&s, &[], |r| r.key)) {
            Ok(found) => found,
            Err(e) => return tracing::warn!("{e}"),
        };
        let groups = stories::group(&signatures).into_iter().map(|g| g.into_iter().map(|i| keys[i].clone()).collect());
        let _ = tx.send(Msg::Stories(groups.collect()));
    });
    if let Err(e) = grouped {
        tracing::warn!("cannot start the stories thread: {e}");
    }
}

/// Starts the library's thread; the runtime sends it `Effect::Open` and `Effect::Search`.
pub fn spawn_librarian(db: Option<PathBuf>, rules: Rules, tx: Sender<Msg>) -> Sender<Effect> {
    let (send, requests) = mpsc::channel::<Effect>();
    let spawned = thread::Builder::new().name("library".into()).spawn(move || {
        let store = db.as_deref().and_then(|db| Store::open(db).map_err(|e| tracing::warn!("{e}")).ok());
        let store = store.map(Store::relaxed);
        let stamp = library::derive::stamp(&rules);
        Librarian {
            store,
            rules,
            stamp,
            tx,
            walked: 0,
            backlog: false,
            searched: None,
            grown: false,
            told_stories: false,
        }
        .run(requests)
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start the library thread: {e}");
    }
    send
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
        Effect::SetFullText { feed, on } => store.set_full_text(feed, on).map(|()| {
            let said = if on {
                "full articles of its new entries fetched from now on"
            } else {
                "only the feed's own text from now on"
            };
            Outcome::Message(said.into())
        }),
        // Timers, loading, opening and refreshing are the event loop's business, not the store's.
        Effect::Timer(_)
        | Effect::Load(_)
        | Effect::Open { .. }
        | Effect::Search(_)
        | Effect::RefreshFeeds(_)
        | Effect::FullText { .. }
        | Effect::OpenLink(_)
        | Effect::CopyLink(_) => Ok(Outcome::Done),
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
        let rows = Store::open(&db).unwrap().library("all", &[], None, 10).unwrap();
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Port strike ends"]);
    }

    #[test]
    fn the_library_thread_opens_what_is_asked_and_learns_the_rest_when_idle() {
        let (dir, db, page) = one_page();
        let other = dir.path().join("ferry.txt");
        std::fs::write(&other, "Ferry resumes\n\nThe ferry to Valmora sailed again on Tuesday, Ines Barros said.\n")
            .unwrap();
        library::import(&Store::open(&db).unwrap(), &[dir.path().to_path_buf()], Gone::Keep, |_, _| {}).unwrap();
        let rows = Store::open(&db).unwrap().library("all", &[], None, 10).unwrap();
        let strike = rows.iter().find(|r| r.title == "Port strike ends").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let librarian = spawn_librarian(Some(db.clone()), Rules::default(), tx);
        let open = Effect::Open { key: strike.key.clone(), location: page.display().to_string(), teaser: false };
        librarian.send(open).unwrap();
        match rx.recv_timeout(Duration::from_secs(10)).unwrap() {
            Msg::Loaded(article) => assert_eq!(article.key, strike.key),
            other => panic!("unexpected {other:?}"),
        }
        // The ferry story was never opened: the idle walk finds its names for the pivot.
        let stamp = library::derive::stamp(&Rules::default());
        let start = Instant::now();
        while Store::open(&db).unwrap().derived_count(stamp).unwrap() < 2 {
            assert!(start.elapsed() < Duration::from_secs(10), "the background walk did not finish");
            thread::sleep(Duration::from_millis(50));
        }
        let ferry = rows.iter().find(|r| r.title == "Ferry resumes").unwrap();
        // Its names and words are found by a search, the newest of several asked at once.
        for query in ["entity:Barros", "valmora", "valmora sail*"] {
            librarian.send(Effect::Search(query.into())).unwrap();
        }
        let mut answers = Vec::new();
        while let Ok(msg) = rx.recv_timeout(Duration::from_millis(500)) {
            match msg {
                Msg::Found { query, found, .. } => answers.push((query, found.unwrap())),
                // The walk is done: the library's stories (none among these two) come too.
                Msg::Stories(groups) => assert!(groups.is_empty(), "{groups:?}"),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(answers.len() <= 3 && answers.last().is_some_and(|(q, _)| q == "valmora sail*"), "{answers:?}");
        assert!(answers.iter().all(|(_, keys)| *keys == std::collections::HashSet::from([ferry.key.clone()])));
        let missing = Effect::Open {
            key: "gone".into(),
            location: dir.path().join("gone.txt").display().to_string(),
            teaser: false,
        };
        librarian.send(missing).unwrap();
        assert!(matches!(rx.recv_timeout(Duration::from_secs(10)).unwrap(), Msg::OpenFailed(key, _) if key == "gone"));
    }

    #[test]
    fn a_feed_set_to_fetch_full_articles_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("tidings.db")).unwrap();
        let (feed, _) = store.add_feed("https://harbour.example/feed", &[]).unwrap();
        let said = apply(Effect::SetFullText { feed: feed.id, on: true }, Some(&store));
        assert!(matches!(said, Ok(Outcome::Message(m)) if m.contains("full articles")));
        assert!(store.feed(&feed.id.to_string()).unwrap().unwrap().full_text);
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

    #[test]
    fn a_refresh_runs_once_at_a_time_lists_what_arrived_and_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tidings.db");
        let feed = dir.path().join("feed.xml");
        std::fs::write(
            &feed,
            "<rss version=\"2.0\"><channel><title>Harbour Times</title><item><title>Port strike ends</title>\
             <guid>s1</guid><description>&lt;p&gt;Dock workers went back to work, Ines Barros said.&lt;/p&gt;</description>\
             </item></channel></rss>",
        )
        .unwrap();
        Store::open(&db).unwrap().add_feed(&feed.display().to_string(), &[]).unwrap();
        let (tx, rx) = mpsc::channel();
        // While one runs, a second is refused.
        let feeds = crate::config::parse("", "x").unwrap().feeds;
        let busy = Arc::new(AtomicBool::new(true));
        let refresher = Refresher { db: db.clone(), scope: Vec::new(), feeds, busy: busy.clone() };
        refresher.spawn(Vec::new(), tx.clone());
        assert!(matches!(rx.recv().unwrap(), Msg::Status(s) if s == "already refreshing"));
        busy.store(false, Ordering::SeqCst);
        refresher.spawn(Vec::new(), tx);
        let msgs: Vec<Msg> = rx.iter().take_while(|m| !matches!(m, Msg::LoadDone)).collect();
        let said: Vec<&str> =
            msgs.iter().filter_map(|m| if let Msg::Status(s) = m { Some(s.as_str()) } else { None }).collect();
        assert_eq!(said, ["feeds: 1 new, 0 updated"]);
        let rows =
            msgs.iter().find_map(|m| if let Msg::Rows { rows, .. } = m { Some(rows.clone()) } else { None }).unwrap();
        assert_eq!(rows[0].title, "Port strike ends");
        assert!(msgs.iter().any(|m| matches!(m, Msg::Feeds(f) if f[0].title == "Harbour Times" && f[0].unread == 1)));
        let store = Store::open(&db).unwrap();
        let location = rows[0].location.as_deref().unwrap();
        let (article, full) =
            library::open::open(location, false, &Rules::default(), Some(&store), demo::FILES).unwrap();
        assert_eq!(article.doc.meta.source.as_deref(), Some("Harbour Times"));
        assert!(article.clean_text().contains("Dock workers went back to work") && !full);
        assert!(!busy.load(Ordering::SeqCst));
        // With its full article kept, that is what opens; the teaser stays one key away.
        let page = "<!DOCTYPE html><html><head><title>Port strike ends</title></head><body><article>\
                    <h1>Port strike ends</h1><p>The strike at the port ended on Monday after nine days, when \
                    the union accepted a new offer from the harbour board.</p><p>Ships that had waited \
                    offshore began to unload by the evening, the board said.</p></article></body></html>";
        assert!(store.save_full(location, page).unwrap());
        let (article, full) =
            library::open::open(location, false, &Rules::default(), Some(&store), demo::FILES).unwrap();
        assert!(full && article.clean_text().contains("nine days"), "{}", article.clean_text());
        let (article, _) = library::open::open(location, true, &Rules::default(), Some(&store), demo::FILES).unwrap();
        assert!(article.clean_text().contains("Dock workers") && !article.clean_text().contains("nine days"));
    }
}
