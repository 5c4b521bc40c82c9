//! All UI state, and the one place it changes: `App::update(action)`. No I/O here; the
//! geometry of the last frame tells paging how tall a page is.
use std::cmp::Reverse;
use std::collections::HashSet;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::event::Msg;
use super::keymap::{Key, Keymap, Lookup};
use super::theme::Theme;
use crate::config::{Config, ReaderConfig};
use crate::core::article::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Messages,
}

/// Screen lines per item in the document list (title, then date and outlet).
pub const ITEM_HEIGHT: u16 = 2;

/// Pane sizes from the last frame, returned by `view::render`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Geometry {
    /// Where list items are drawn (inside the borders).
    pub list_rows: Rect,
    /// Where article lines are drawn.
    pub reader_text: Rect,
    /// Total wrapped lines of the article on screen.
    pub reader_lines: usize,
}

impl Geometry {
    /// How many list items fit on screen.
    pub fn list_capacity(&self) -> usize {
        (self.list_rows.height / ITEM_HEIGHT) as usize
    }
}

pub struct App {
    /// Articles in display order: newest first where dated, then in load order.
    pub docs: Vec<Article>,
    pub selected: usize,
    pub list_offset: usize,
    pub focus: Focus,
    /// First article line shown in the reader.
    pub scroll: usize,
    pub overlay: Option<Overlay>,
    /// Show the blocks the boilerplate filter hid, dimmed and labelled with the reason.
    pub show_hidden: bool,
    /// Documents opened this session (kept in memory until the store lands).
    pub read: HashSet<u64>,
    /// Files that could not be opened, with reasons.
    pub problems: Vec<String>,
    pub loading: bool,
    /// Keys typed so far of a multi-key binding.
    pub pending: Vec<Key>,
    pub quit: bool,
    pub keymap: Keymap,
    pub theme: Theme,
    pub reader: ReaderConfig,
    /// Until the user moves, the selection stays on the top (newest) article as the list fills.
    user_moved: bool,
}

fn order_key(a: &Article) -> (bool, Reverse<Option<chrono::NaiveDate>>) {
    let published = a.doc.meta.published;
    (published.is_none(), Reverse(published))
}

/// The first visible row so that `selected` is on screen, moving as little as possible.
pub fn visible_offset(offset: usize, selected: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

impl App {
    pub fn new(config: &Config) -> App {
        App {
            docs: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            overlay: None,
            show_hidden: false,
            read: HashSet::new(),
            problems: Vec::new(),
            loading: true,
            pending: Vec::new(),
            quit: false,
            keymap: config.keymap.clone(),
            theme: config.theme.clone(),
            reader: config.reader.clone(),
            user_moved: false,
        }
    }

    pub fn current(&self) -> Option<&Article> {
        self.docs.get(self.selected)
    }

    pub fn on_msg(&mut self, msg: Msg, geo: &Geometry) {
        match msg {
            Msg::Key(ev) => self.on_key(Key::from_event(&ev), geo),
            Msg::Mouse(ev) => self.on_mouse(ev, geo),
            Msg::Resize => {}
            Msg::Loaded(article) => self.add_article(*article),
            Msg::LoadFailed(why) => self.problems.push(why),
            Msg::LoadDone => self.loading = false,
        }
    }

    /// Feeds one key through the keymap, waiting for more keys on a prefix.
    pub fn on_key(&mut self, key: Key, geo: &Geometry) {
        self.pending.push(key);
        match self.keymap.lookup(&self.pending) {
            Lookup::Prefix => {}
            Lookup::Action(a) => {
                self.pending.clear();
                self.update(a, geo);
            }
            Lookup::None => {
                // A stray key after a prefix starts over with that key alone.
                let retry = self.pending.len() > 1;
                self.pending.clear();
                if retry {
                    self.on_key(key, geo);
                }
            }
        }
    }

    fn add_article(&mut self, article: Article) {
        let key = order_key(&article);
        let at = self.docs.partition_point(|d| order_key(d) <= key);
        self.docs.insert(at, article);
        if self.user_moved && at <= self.selected && self.docs.len() > 1 {
            self.selected += 1;
        }
    }

    fn select(&mut self, index: usize, geo: &Geometry) {
        let last = self.docs.len().saturating_sub(1);
        let index = index.min(last);
        self.user_moved = true;
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
        }
        self.list_offset = visible_offset(self.list_offset, self.selected, geo.list_capacity());
    }

    fn move_selection(&mut self, delta: isize, geo: &Geometry) {
        self.select(self.selected.saturating_add_signed(delta), geo);
    }

    fn scroll_by(&mut self, delta: isize, geo: &Geometry) {
        let max = geo.reader_lines.saturating_sub(geo.reader_text.height as usize);
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    /// Moves the focused pane by `delta` rows (list) or lines (reader).
    fn step(&mut self, delta: isize, geo: &Geometry) {
        match self.focus {
            Focus::List => self.move_selection(delta, geo),
            Focus::Reader => self.scroll_by(delta, geo),
        }
    }

    fn page(&self, geo: &Geometry) -> isize {
        let rows = match self.focus {
            Focus::List => geo.list_capacity(),
            Focus::Reader => geo.reader_text.height as usize,
        };
        rows.max(1) as isize
    }

    pub fn update(&mut self, action: Action, geo: &Geometry) {
        if self.overlay.is_some() {
            // Overlays take no actions of their own: the keys that open or leave them close them.
            if matches!(action, Action::Back | Action::Help | Action::Messages | Action::Quit | Action::Open) {
                self.overlay = None;
            }
            return;
        }
        match action {
            Action::Next => self.step(1, geo),
            Action::Prev => self.step(-1, geo),
            Action::HalfPageDown => self.step((self.page(geo) / 2).max(1), geo),
            Action::HalfPageUp => self.step(-(self.page(geo) / 2).max(1), geo),
            Action::PageDown => self.step(self.page(geo), geo),
            Action::PageUp => self.step(-self.page(geo), geo),
            Action::Top => self.step(isize::MIN / 2, geo),
            Action::Bottom => self.step(isize::MAX / 2, geo),
            Action::Open => {
                if let Some(id) = self.current().map(|a| a.doc.id) {
                    self.read.insert(id);
                    self.focus = Focus::Reader;
                }
            }
            Action::Back => self.focus = Focus::List,
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::List if !self.docs.is_empty() => Focus::Reader,
                    _ => Focus::List,
                }
            }
            Action::ToggleHidden => {
                self.show_hidden = !self.show_hidden;
                // The same text moves down as hidden blocks reappear; start from the top.
                self.scroll = 0;
            }
            Action::Messages => self.overlay = Some(Overlay::Messages),
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Quit => self.quit = true,
        }
    }

    /// Wheel scrolls the pane under the pointer; a click in the list selects that row.
    pub fn on_mouse(&mut self, ev: MouseEvent, geo: &Geometry) {
        let at = Position::new(ev.column, ev.row);
        let in_list = geo.list_rows.contains(at);
        let wheel = self.reader.wheel_lines as isize;
        match ev.kind {
            MouseEventKind::ScrollDown if in_list => self.move_selection(1, geo),
            MouseEventKind::ScrollUp if in_list => self.move_selection(-1, geo),
            MouseEventKind::ScrollDown if geo.reader_text.contains(at) => self.scroll_by(wheel, geo),
            MouseEventKind::ScrollUp if geo.reader_text.contains(at) => self.scroll_by(-wheel, geo),
            MouseEventKind::Down(MouseButton::Left) if in_list => {
                let row = self.list_offset + usize::from((ev.row - geo.list_rows.y) / ITEM_HEIGHT);
                if row < self.docs.len() {
                    self.focus = Focus::List;
                    self.select(row, geo);
                }
            }
            _ => {}
        }
    }
}
