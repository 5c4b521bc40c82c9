//! The terminal shell: set up and always restore the terminal, then run the event loop.
//! The loop blocks on one channel, drains whatever queued up, updates, and draws once.
pub mod action;
pub mod app;
pub mod event;
pub mod keymap;
pub mod prompt;
pub mod theme;
pub mod triage;
pub mod view;
pub mod worker;

use std::io::{self, Stdout};
use std::path::{Path, PathBuf};
use std::iter::once;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Context;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::commands;
use crate::config::Config;
use crate::core::export;
use crate::core::store::{self, Store};
use triage::Effect;
use app::{App, Geometry};
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

/// What running an effect gave back to the app.
pub enum Outcome {
    Done,
    /// A message for the status bar.
    Message(String),
    /// A bookmark as the store saved it (with its id).
    Saved(store::Bookmark),
}

/// Runs one effect against the store.
pub fn apply(effect: Effect, store: Option<&Store>) -> Result<Outcome, String> {
    let store = store.ok_or_else(|| "no store: changes are not saved".to_string())?;
    let done = match effect {
        Effect::SaveState { id, state } => store.set_state(&id, state).map(|_| Outcome::Done),
        Effect::SaveBookmark(b, keep_id) => store.save_bookmark(&b, keep_id && b.id > 0).map(Outcome::Saved),
        Effect::RemoveBookmark(article) => store.remove_bookmark_for(&article).map(|_| Outcome::Done),
        // Timers and loading are the event loop's business, not the store's.
        Effect::Timer(_) | Effect::Load(_) => Ok(Outcome::Done),
        Effect::Export(format) => {
            let dir = directories::UserDirs::new()
                .and_then(|u| u.document_dir().map(Path::to_path_buf).or_else(|| Some(u.home_dir().to_path_buf())))
                .unwrap_or_else(|| PathBuf::from("."));
            let path = dir.join(format!("tidings-bookmarks-{}.{}", &store::now()[..10], format.extension()));
            let text = store.bookmarks().map(|b| export::export(&b, format)).map_err(|e| e.to_string())?;
            return commands::write_atomically(&path, &text)
                .map(|_| Outcome::Message(format!("bookmarks written to {}", path.display())))
                .map_err(|e| format!("{e:#}"));
        }
    };
    done.map_err(|e| e.to_string())
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

pub fn run(config: &Config, sources: Sources, db: Option<&Path>) -> anyhow::Result<()> {
    let (store, store_problem) = open_store(db);
    let (_guard, mut terminal) = setup(config.reader.mouse)?;
    let (tx, rx) = mpsc::channel();
    event::spawn_input(tx.clone());
    worker::spawn_loader(sources, config.rules.clone(), tx.clone());
    let mut app = App::new(config);
    if let Some(s) = &store {
        match (s.states(), s.bookmarks()) {
            (Ok(states), Ok(bookmarks)) => app.load_saved(states, bookmarks),
            (Err(e), _) | (_, Err(e)) => app.problems.push(e.to_string()),
        }
    }
    if let Some(problem) = store_problem {
        tracing::warn!("{problem}");
        app.problems.push(problem.clone());
        app.status = Some(problem);
    }
    let mut geo = Geometry::default();
    let mut layout = view::reader::LayoutCache::default();
    // The one timer: when the article being read counts as read (none is set most of the time).
    let mut deadline: Option<Instant> = None;
    loop {
        terminal.draw(|f| geo = view::render(&app, &mut layout, f))?;
        let first = match deadline {
            None => rx.recv().context("event channel closed")?,
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(msg) => msg,
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
            app.on_msg(msg, &geo);
            for effect in app.take_effects() {
                match effect {
                    Effect::Timer(wait) => {
                        deadline = Some(Instant::now() + wait);
                        continue;
                    }
                    Effect::Load(paths) => {
                        worker::spawn_loader(Sources::Paths(paths), config.rules.clone(), tx.clone());
                        continue;
                    }
                    _ => {}
                }
                match apply(effect, store.as_ref()) {
                    Ok(Outcome::Message(done)) => app.status = Some(done),
                    Ok(Outcome::Saved(b)) => app.saved_bookmark(b),
                    Ok(Outcome::Done) => {}
                    Err(e) => {
                        tracing::error!("{e}");
                        app.status = Some(format!("not saved: {e}"));
                    }
                }
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}
