//! The terminal shell: set up and always restore the terminal, then run the event loop.
//! The loop blocks on one channel, drains whatever queued up, updates, and draws once.
pub mod action;
pub mod app;
pub mod effect;
pub mod event;
pub mod keymap;
pub mod links;
pub mod prompt;
pub mod search;
pub mod stories;
pub mod theme;
pub mod triage;
pub mod view;
pub mod worker;

use std::io::{self, Stdout};
use std::iter::once;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use anyhow::Context;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::config::Config;
use crate::core::library;
use crate::core::store::Store;
use app::{App, Geometry};
use effect::Effect;
use event::Msg;
use worker::Sources;

/// Puts the terminal back (main screen, cooked mode, no mouse capture, cursor shown).
/// Safe to call more than once; errors are ignored because there is nothing left to do.
fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
}

/// Restores the terminal when dropped, so early `?` returns leave it usable.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// On a panic of the UI thread: restore the terminal first so the message is readable,
/// log the full report, then let the default hook print it. A worker's panic is only
/// logged: the worker turns it into an error for one item and the UI carries on.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let ui_thread = std::thread::current().name() == Some("main");
        if ui_thread {
            restore();
        }
        tracing::error!("panic: {info}\n{}", std::backtrace::Backtrace::force_capture());
        if ui_thread {
            previous(info);
        }
    }));
}

fn setup(mouse: bool) -> anyhow::Result<(TerminalGuard, Terminal<CrosstermBackend<Stdout>>)> {
    install_panic_hook();
    enable_raw_mode().context("cannot switch the terminal to raw mode (is this a terminal?)")?;
    let guard = TerminalGuard;
    execute!(io::stdout(), EnterAlternateScreen).context("cannot enter the alternate screen")?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture).context("cannot enable mouse reporting")?;
    }
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot start the terminal UI")?;
    Ok((guard, terminal))
}

/// Builds the keymap and theme of `config`, to report a mistake in them before the
/// terminal is touched.
pub fn check(config: &Config) -> Result<(), crate::config::ConfigError> {
    App::new(config).map(|_| ())
}

/// Opens the store, or says why not: the reader still works, without saving.
fn open_store(db: Option<&Path>) -> (Option<Store>, Option<String>) {
    let Some(db) = db else { return (None, Some("no data directory: changes are not saved".into())) };
    match Store::open(db) {
        Ok(s) if s.is_read_only() => {
            let msg = format!("{} is read-only: changes are not saved", s.path().display());
            (Some(s), Some(msg))
        }
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(e.to_string())),
    }
}

/// Runs the reader until the user quits. `problems` are start-up troubles to show (no log).
pub fn run(config: &Config, sources: Sources, db: Option<&Path>, problems: Vec<String>) -> anyhow::Result<()> {
    let (store, store_problem) = open_store(db);
    let (_guard, mut terminal) = setup(config.reader.mouse)?;
    let (tx, rx) = mpsc::channel();
    event::spawn_input(tx.clone());
    let mut app = App::new(config)?;
    app.problems = problems;
    // With no path, the library is shown once it holds anything (feeds, imports); the
    // demo only while it is empty.
    let holds_any = store.as_ref().is_some_and(|s| !s.is_read_only() && s.lists_any().unwrap_or(false));
    let sources = match sources {
        Sources::Demo if holds_any => Sources::Paths(Vec::new()),
        other => other,
    };
    if matches!(sources, Sources::Demo) {
        app.demo = true;
        app.status = Some("these are demo articles: run `tidings FILE…` or `tidings FOLDER` for your own".into());
    }
    let db = store.as_ref().map(|s| s.path().to_path_buf());
    // What the list shows of the library, for a refresh to list again.
    let scope = match &sources {
        Sources::Paths(paths) => library::scope(paths),
        Sources::Demo => Vec::new(),
    };
    let refresher = db.clone().map(|db| worker::Refresher {
        db,
        scope: scope.clone(),
        feeds: config.feeds.clone(),
        busy: Arc::new(AtomicBool::new(false)),
    });
    // Feeds refresh on start and every N minutes, when the config asks for it.
    let every = (config.feeds.refresh_every > 0).then(|| Duration::from_secs(config.feeds.refresh_every * 60));
    let mut next_refresh = match (&refresher, config.feeds.refresh_on_start, every) {
        (None, ..) => None,
        (Some(_), true, _) => Some(Instant::now()),
        (Some(_), false, every) => every.map(|e| Instant::now() + e),
    };
    match (sources, &store) {
        // With a library to keep them in, paths are imported: a second launch reads no file.
        (Sources::Paths(paths), Some(s)) if !s.is_read_only() => {
            worker::spawn_import(paths, config.library.gone, s.path().into(), tx.clone())
        }
        (sources, _) => worker::spawn_loader(sources, config.rules.clone(), db.clone(), tx.clone()),
    }
    let librarian = worker::spawn_librarian(db.clone(), config.rules.clone(), tx.clone());
    if let Some(s) = &store {
        match (s.states(), s.bookmarks()) {
            (Ok(states), Ok(bookmarks)) => app.load_saved(states, bookmarks),
            (Err(e), _) | (_, Err(e)) => app.problems.push(e.to_string()),
        }
    }
    if let Some(problem) = store_problem {
        tracing::warn!("{problem}");
        app.problems.insert(0, problem.clone());
        app.status = Some(problem);
    }
    if let Some(db) = &db {
        // Counting each feed's articles reads the whole library: not before the first frame.
        worker::spawn_feeds(db.clone(), tx.clone());
    }
    let saver = worker::spawn_saver(store, tx.clone());
    let mut geo = Geometry::default();
    let mut layout = view::reader::LayoutCache::default();
    // The one timer: when the article being read counts as read (none is set most of the time).
    let mut deadline: Option<Instant> = None;
    loop {
        terminal.draw(|f| geo = view::render(&app, &mut layout, f))?;
        let wake = [deadline, next_refresh].into_iter().flatten().min();
        let first = match wake {
            None => rx.recv().context("event channel closed")?,
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(msg) => msg,
                Err(mpsc::RecvTimeoutError::Timeout) if next_refresh.is_some_and(|r| r <= Instant::now()) => {
                    next_refresh = every.map(|e| Instant::now() + e);
                    if let Some(r) = &refresher {
                        r.spawn(Vec::new(), tx.clone());
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    deadline = None;
                    Msg::Tick
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => anyhow::bail!("event channel closed"),
            },
        };
        for msg in once(first).chain(rx.try_iter()) {
            if let Msg::LoadFailed(why) = &msg {
                tracing::warn!("{why}");
            }
            for effect in app.update(msg, &geo) {
                match effect {
                    Effect::Timer(wait) => deadline = Some(Instant::now() + wait),
                    Effect::Load(paths) => {
                        worker::spawn_loader(Sources::Paths(paths), config.rules.clone(), db.clone(), tx.clone())
                    }
                    Effect::RefreshFeeds(which) => match &refresher {
                        Some(r) => r.spawn(which, tx.clone()),
                        None => app.status = Some("feeds need a data directory to keep them in".into()),
                    },
                    Effect::FullText { key, location } => match &refresher {
                        Some(r) => r.spawn_full_text(key, location, tx.clone()),
                        None => app.status = Some("feeds need a data directory to keep them in".into()),
                    },
                    Effect::OpenLink(link) => {
                        if let Err(why) = links::open(&config.feeds.browser, &link) {
                            app.status = Some(why);
                        }
                    }
                    Effect::CopyLink(link) => {
                        use std::io::Write;
                        let mut out = io::stdout();
                        if out.write_all(links::osc52(&link).as_bytes()).and_then(|()| out.flush()).is_err() {
                            app.status = Some("cannot copy: the terminal did not take it".into());
                        }
                    }
                    open @ (Effect::Open { .. } | Effect::Search(_)) => {
                        if librarian.send(open).is_err() {
                            app.status =
                                Some("cannot open articles: the library's thread has stopped (see the log)".into());
                        }
                    }
                    // Store writes and exports, in order, on the store's thread.
                    other => {
                        if saver.send(other).is_err() {
                            app.status = Some("not saved: the store's thread has stopped (see the log)".into());
                        }
                    }
                }
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}
