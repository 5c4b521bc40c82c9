//! Shared test harness: the real App, keymap and views on a ratatui TestBackend,
//! driven like the event loop drives them (key → update → draw → geometry).
#![allow(dead_code)] // each test binary uses a different part of the harness

use std::path::{Path, PathBuf};
use std::process::Command;

use crossterm::event::KeyEvent;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tidings::config::{self, Config};
use tidings::core::article::{self, Article};
use tidings::core::boilerplate::Rules;
use tidings::core::ingest;
use tidings::demo;
use tidings::tui::app::{App, Geometry};
use tidings::tui::effect::Effect;
use tidings::tui::event::Msg;
use tidings::tui::keymap::parse_key;
use tidings::tui::view;

pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    pub geo: Geometry,
    /// The reader's layout between frames, as the event loop keeps it.
    pub layout: view::reader::LayoutCache,
    /// Where effects are saved, as the shell does after every key.
    pub store: Option<tidings::core::store::Store>,
    /// Keeps the demo's own store directory alive.
    _dir: Option<tempfile::TempDir>,
}

/// Every demo article, loaded and filtered as the worker does it.
pub fn demo_articles() -> Vec<Article> {
    demo::FILES
        .iter()
        .map(|(name, text)| {
            article::process(ingest::load_bytes(&format!("demo/{name}"), text.as_bytes()).unwrap(), &Rules::default())
        })
        .collect()
}

/// The key event a terminal sends for `spec` ("j", "ctrl-d", "G").
pub fn key_event(spec: &str) -> KeyEvent {
    let key = parse_key(spec).unwrap_or_else(|e| panic!("bad key in script: {e}"));
    KeyEvent::new(key.code, key.mods)
}

pub fn default_config() -> Config {
    config::parse("", "test").unwrap()
}

impl Harness {
    pub fn new(width: u16, height: u16, config: &Config) -> Harness {
        let mut h = Harness {
            app: App::new(config).unwrap(),
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
            geo: Geometry::default(),
            layout: Default::default(),
            store: None,
            _dir: None,
        };
        h.draw();
        h
    }

    /// The app with every demo article loaded, as the worker would deliver them, and a
    /// fresh store in a temporary directory.
    pub fn demo(width: u16, height: u16) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut h = Harness::demo_without_store(width, height);
        h.store = Some(tidings::core::store::Store::open(&dir.path().join("tidings.db")).unwrap());
        h._dir = Some(dir);
        h
    }

    /// The demo with nowhere to save.
    pub fn demo_without_store(width: u16, height: u16) -> Harness {
        let mut h = Harness::new(width, height, &default_config());
        for article in demo_articles() {
            h.send(Msg::Loaded(Box::new(article)));
        }
        h.send(Msg::LoadDone);
        h
    }

    /// The demo with a store in `db` (created if missing), its saved state loaded.
    pub fn demo_with_store(width: u16, height: u16, db: &Path) -> Harness {
        let store = tidings::core::store::Store::open(db).unwrap();
        let mut h = Harness::demo_without_store(width, height);
        h.app.load_saved(store.states().unwrap(), store.bookmarks().unwrap());
        h.store = Some(store);
        h.draw();
        h
    }

    /// One message through `App::update`, its effects run, then a frame drawn.
    pub fn send(&mut self, msg: Msg) {
        let effects = self.app.update(msg, &self.geo);
        self.run(effects);
        self.draw();
    }

    /// Runs effects against the store, as the event loop does, feeding results back.
    pub fn run(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let more = match &effect {
                // Loading runs on worker threads in the app; here it runs at once.
                Effect::Load(paths) => {
                    let mut more = Vec::new();
                    for path in paths {
                        let doc = ingest::load_file(path).unwrap();
                        let article = Box::new(article::process(doc, &Rules::default()));
                        more.extend(self.app.update(Msg::Loaded(article), &self.geo));
                    }
                    more.extend(self.app.update(Msg::LoadDone, &self.geo));
                    more
                }
                Effect::Timer(_) => Vec::new(),
                _ => {
                    let result = tidings::tui::worker::apply(effect, self.store.as_ref());
                    self.app.update(Msg::Applied(result), &self.geo)
                }
            };
            self.run(more);
        }
    }

    pub fn draw(&mut self) {
        let app = &self.app;
        let mut geo = Geometry::default();
        let layout = &mut self.layout;
        self.terminal.draw(|f| geo = view::render(app, layout, f)).unwrap();
        self.geo = geo;
    }

    /// Types a script of space-separated keys ("j j enter g g"), drawing after each.
    pub fn press(&mut self, script: &str) {
        for spec in script.split_whitespace() {
            self.send(Msg::Key(key_event(spec)));
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.terminal.resize(ratatui::layout::Rect::new(0, 0, width, height)).unwrap();
        self.send(Msg::Resize);
    }

    /// The screen as plain text, one line per row.
    pub fn screen(&self) -> String {
        let buf = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn selected_title(&self) -> String {
        self.app.current().map(|a| a.doc.meta.title.clone()).unwrap_or_default()
    }
}

/// `../shared`, the development data beside the checkout. Locally a test without it skips
/// with a message; under CI (which always has it) its absence fails the test, so a broken
/// checkout can never pass by skipping every measurement.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("gold").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {} is missing: the accuracy tests cannot run",
        dir.display()
    );
    eprintln!("../shared not present: skipped");
    None
}

/// Runs a shared scorer (`script`, relative to `../shared`) over `tidings SUBCOMMAND {}`
/// and returns its summary, the last line it prints.
pub fn run_scorer(script: &str, subcommand: &str, extra: &[&str]) -> Option<String> {
    let dir = shared()?;
    let cmd = format!("{} {subcommand} {{}}", env!("CARGO_BIN_EXE_tidings"));
    let out = Command::new("python3")
        .arg(dir.join(script))
        .args(["--cmd", &cmd])
        .args(extra)
        .output()
        .expect("python3 runs the scorers");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{script} failed: {text}{}", String::from_utf8_lossy(&out.stderr));
    Some(text.lines().last().unwrap_or_default().to_string())
}

/// The number after `key=` in a scorer's summary line.
pub fn figure(line: &str, key: &str) -> f64 {
    let at = line.find(&format!("{key}=")).unwrap_or_else(|| panic!("no {key} in {line}"));
    line[at + key.len() + 1..].split_whitespace().next().unwrap().parse().unwrap()
}

/// A subscription as the store lists it, for feeds panel tests.
pub fn feed_row(id: i64, title: &str, tags: &[&str], error: Option<&str>) -> tidings::core::store::FeedRow {
    tidings::core::store::FeedRow {
        id,
        url: format!("https://news{id}.example/feed"),
        title: title.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        refreshed_at: None,
        error: error.map(str::to_string),
        articles: 0,
        unread: 0,
        full_text: false,
        etag: None,
        last_modified: None,
    }
}
