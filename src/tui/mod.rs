//! The terminal shell: set up and always restore the terminal, then run the event loop.
//! The loop blocks on one channel, drains whatever queued up, updates, and draws once.
pub mod action;
pub mod app;
pub mod event;
pub mod keymap;
pub mod theme;
pub mod view;
pub mod worker;

use std::io::{self, Stdout};
use std::iter::once;
use std::sync::mpsc;

use anyhow::Context;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::config::Config;
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

pub fn run(config: &Config, sources: Sources) -> anyhow::Result<()> {
    let (_guard, mut terminal) = setup(config.reader.mouse)?;
    let (tx, rx) = mpsc::channel();
    event::spawn_input(tx.clone());
    worker::spawn_loader(sources, config.rules.clone(), tx);
    let mut app = App::new(config);
    let mut geo = Geometry::default();
    loop {
        terminal.draw(|f| geo = view::render(&app, f))?;
        let first = rx.recv().context("event channel closed")?;
        for msg in once(first).chain(rx.try_iter()) {
            if let Msg::LoadFailed(why) = &msg {
                tracing::warn!("{why}");
            }
            app.on_msg(msg, &geo);
        }
        if app.quit {
            return Ok(());
        }
    }
}
