//! All UI state, and the one place it changes: `App::update(action)`. No I/O here; the
//! geometry of the last frame tells paging how tall a page is.
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::event::Msg;
use super::keymap::{Key, Keymap, Lookup};
use super::theme::Theme;
use super::triage::{self, Effect, Field, NoteEditor, UndoEntry, View};
use super::worker::Outcome;
use crate::config::{Config, ReaderConfig};
use crate::core::article::Article;
use crate::core::export::Format;
use crate::core::store::{ArticleState, Bookmark};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key list; the number is the first row shown (it scrolls when taller than the screen).
    Help(usize),
    Messages,
    /// The article's entities; the number is the selected row.
    Entities(usize),
    /// The article's quotations with their speakers; the number is the selected row.
    Quotes(usize),
    /// "Mark every article in the view read?" (y confirms).
    ConfirmMarkAll,
    /// Which format to export bookmarks in.
    ExportFormat,
    /// `App::notice`, in full (a path too long for the status line).
    Notice,
    /// "Quit Tidings?" (y confirms), when `reader.confirm_quit` is set.
    ConfirmQuit,
}

/// Screen lines per item in the document list (title, then date and outlet).
pub const ITEM_HEIGHT: u16 = 2;

/// Pane sizes from the last frame, returned by `view::render`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Geometry {
    /// Where list items are drawn (inside the borders).
    pub list_rows: Rect,
    /// Where article lines are drawn.
    pub reader_text: Rect,
    /// Total wrapped lines of the article on screen.
    pub reader_lines: usize,
    /// Reader line of each quotation and each entity mention (`None` when hidden).
    pub quote_lines: Rc<Vec<Option<usize>>>,
    pub entity_lines: Rc<Vec<Option<usize>>>,
}

impl Geometry {
    /// How many list items fit on screen.
    pub fn list_capacity(&self) -> usize {
        (self.list_rows.height / ITEM_HEIGHT) as usize
    }
}

pub struct App {
    /// Articles in display order: newest first where dated, then undated, by path.
    pub docs: Vec<Article>,
    /// The list filtered to articles that mention this name (from the entities panel).
    pub filter: Option<String>,
    /// Indices into `docs` of the list shown, when `narrowed`.
    filtered: Vec<usize>,
    /// Whether a view, a filter or hidden articles narrow the list (else it shows `docs`).
    narrowed: bool,
    /// Saved state per article key (see `triage::key`), from the store.
    pub states: HashMap<String, ArticleState>,
    /// Bookmarks by article key, from the store.
    pub bookmarks: HashMap<String, Bookmark>,
    pub view: View,
    /// Articles selected for a bulk action.
    pub marked: HashSet<String>,
    pub(super) undo: Vec<UndoEntry>,
    pub(super) effects: Vec<Effect>,
    /// A message for the status bar (what was just done, or what went wrong).
    pub status: Option<String>,
    /// A message shown in a pop-up until dismissed.
    pub notice: Option<String>,
    /// Showing the bundled demo: the list says so, and how to open one's own files.
    pub demo: bool,
    pub note_editor: Option<NoteEditor>,
    /// Bookmarked articles already asked for (see `open_bookmarked`).
    pub(super) requested: HashSet<String>,
    /// The article waiting for its reading time to count as read.
    pub read_timer: Option<String>,
    /// Articles per view (all, unread, starred, bookmarked, hidden), for the status bar.
    pub counts: [usize; 5],
    pub selected: usize,
    pub list_offset: usize,
    pub focus: Focus,
    /// First article line shown in the reader.
    pub scroll: usize,
    pub overlay: Option<Overlay>,
    /// Show the blocks the boilerplate filter hid, dimmed and labelled with the reason.
    pub show_hidden: bool,
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

/// Newest first where dated, undated after; ties by path, so the order does not depend
/// on which loader thread finished first.
fn order_key(a: &Article) -> (bool, Reverse<Option<chrono::NaiveDate>>, &str) {
    let published = a.doc.meta.published;
    (published.is_none(), Reverse(published), a.doc.origin.as_str())
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
    /// The app for `config`, with its keymap and theme built (or the config error that
    /// stops start-up before the terminal is touched).
    pub fn new(config: &Config) -> Result<App, crate::config::ConfigError> {
        Ok(App {
            docs: Vec::new(),
            filter: None,
            filtered: Vec::new(),
            narrowed: false,
            states: HashMap::new(),
            bookmarks: HashMap::new(),
            view: View::All,
            marked: HashSet::new(),
            undo: Vec::new(),
            effects: Vec::new(),
            status: None,
            notice: None,
            demo: false,
            note_editor: None,
            counts: [0; 5],
            read_timer: None,
            requested: HashSet::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            overlay: None,
            show_hidden: false,
            problems: Vec::new(),
            loading: true,
            pending: Vec::new(),
            quit: false,
            keymap: Keymap::from_config(config)?,
            theme: Theme::from_config(config)?,
            reader: config.reader.clone(),
            user_moved: false,
        })
    }

    /// Saved state and bookmarks from the store.
    pub fn load_saved(&mut self, states: HashMap<String, ArticleState>, bookmarks: Vec<Bookmark>) {
        self.states = states;
        self.bookmarks = bookmarks.into_iter().map(|b| (b.article_id.clone(), b)).collect();
        self.refresh();
    }

    /// How many articles the list shows.
    pub fn shown(&self) -> usize {
        if self.narrowed {
            self.filtered.len()
        } else {
            self.docs.len()
        }
    }

    /// The article at row `row` of the list.
    pub fn shown_article(&self, row: usize) -> Option<&Article> {
        if self.narrowed {
            self.filtered.get(row).and_then(|&i| self.docs.get(i))
        } else {
            self.docs.get(row)
        }
    }

    /// Recomputes the list shown, keeping the same article selected where it still is.
    pub fn refresh(&mut self) {
        let keep = self.current().map(triage::key);
        self.narrowed = self.filter.is_some() || self.view != View::All || self.states.values().any(|s| s.hidden);
        self.filtered = if self.narrowed {
            (0..self.docs.len()).filter(|&i| self.in_view(&self.docs[i])).collect()
        } else {
            Vec::new()
        };
        if self.view == View::Bookmarked {
            // The bookmarks view: most recently saved first.
            let mut rows = std::mem::take(&mut self.filtered);
            rows.sort_by_key(|&i| {
                Reverse(self.bookmark_of(&self.docs[i]).map(|b| b.saved_at.clone()).unwrap_or_default())
            });
            self.filtered = rows;
        }
        self.counts = self.docs.iter().fold([0; 5], |acc, a| {
            let add = self.membership(a);
            std::array::from_fn(|n| acc[n] + usize::from(add[n]))
        });
        if let Some(k) = keep {
            if let Some(row) = (0..self.shown()).find(|&i| self.shown_article(i).is_some_and(|a| triage::key(a) == k)) {
                self.selected = row;
            }
        }
        self.selected = self.selected.min(self.shown().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&Article> {
        self.shown_article(self.selected)
    }

    fn set_filter(&mut self, name: Option<String>) {
        self.filter = name;
        self.selected = 0;
        self.list_offset = 0;
        self.scroll = 0;
        self.refresh();
    }

    pub fn on_msg(&mut self, msg: Msg, geo: &Geometry) {
        match msg {
            Msg::Key(ev) if self.note_editor.is_some() => self.edit_key(ev),
            Msg::Key(ev) if self.overlay == Some(Overlay::ConfirmMarkAll) => {
                self.overlay = None;
                if ev.code == crossterm::event::KeyCode::Char('y') {
                    self.mark_all_read();
                } else {
                    self.status = Some("nothing marked".into());
                }
            }
            Msg::Key(ev) if self.overlay == Some(Overlay::ConfirmQuit) => {
                self.overlay = None;
                self.quit = ev.code == crossterm::event::KeyCode::Char('y');
            }
            Msg::Key(ev) if self.overlay == Some(Overlay::ExportFormat) => {
                self.overlay = None;
                let format = match ev.code {
                    crossterm::event::KeyCode::Char('m') => Some(Format::Markdown),
                    crossterm::event::KeyCode::Char('j') => Some(Format::Json),
                    crossterm::event::KeyCode::Char('h') => Some(Format::Html),
                    crossterm::event::KeyCode::Char('c') => Some(Format::Csv),
                    _ => None,
                };
                match format {
                    Some(f) => self.effects.push(Effect::Export(f)),
                    None => self.status = Some("export cancelled".into()),
                }
            }
            Msg::Key(ev) => self.on_key(Key::from_event(&ev), geo),
            Msg::Mouse(ev) => self.on_mouse(ev, geo),
            Msg::Resize => {}
            Msg::Loaded(article) => self.add_article(*article),
            Msg::LoadFailed(why) => self.problems.push(why),
            Msg::LoadDone => self.loading = false,
            Msg::Tick => self.on_tick(),
            Msg::Applied(Ok(Outcome::Done)) => {}
            Msg::Applied(Ok(Outcome::Message(done))) => self.status = Some(done),
            Msg::Applied(Ok(Outcome::Saved(b))) => self.saved_bookmark(b),
            Msg::Applied(Ok(Outcome::Exported(path))) => {
                self.notice = Some(format!("Bookmarks written to\n{}", path.display()));
                self.overlay = Some(Overlay::Notice);
            }
            Msg::Applied(Err(e)) => self.status = Some(format!("not saved: {e}")),
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
        let add = self.membership(&article);
        (0..5).for_each(|n| self.counts[n] += usize::from(add[n]));
        self.docs.insert(at, article);
        if self.narrowed {
            self.refresh();
        } else if self.user_moved && at <= self.selected && self.docs.len() > 1 {
            self.selected += 1;
        }
    }

    pub(super) fn select(&mut self, index: usize, geo: &Geometry) {
        let last = self.shown().saturating_sub(1);
        let index = index.min(last);
        self.user_moved = true;
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
        }
        self.list_offset = visible_offset(self.list_offset, self.selected, geo.list_capacity());
    }

    /// Keys while the note editor is open: Esc cancels, Ctrl-S saves, the rest edits.
    fn edit_key(&mut self, ev: crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        match (ev.code, ev.modifiers.contains(KeyModifiers::CONTROL)) {
            (KeyCode::Esc, _) => {
                self.note_editor = None;
                self.status = Some("note not saved".into());
            }
            (KeyCode::Char('s'), true) => self.save_note(),
            _ => {
                if let Some(editor) = self.note_editor.as_mut() {
                    editor.prompt.input(ev);
                }
            }
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize, geo: &Geometry) {
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
        if let Some(overlay) = self.overlay {
            self.update_overlay(overlay, action, geo);
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
                if self.current().is_some() {
                    self.mark_opened();
                    self.focus = Focus::Reader;
                }
            }
            Action::ToggleRead => self.toggle_read(),
            Action::NextUnread => self.jump_unread(true, geo),
            Action::PrevUnread => self.jump_unread(false, geo),
            Action::MarkAllRead if self.shown() > 0 => self.overlay = Some(Overlay::ConfirmMarkAll),
            Action::MarkAllRead => {}
            Action::Star => self.toggle_star(),
            Action::Hide => self.toggle_hide(),
            Action::Bookmark => self.toggle_bookmark(),
            Action::Note => self.edit_bookmark(Field::Note),
            Action::Tags => self.edit_bookmark(Field::Tags),
            Action::RemoveBookmark => self.remove_bookmark(),
            Action::KeepQuote => self.keep_quote(geo),
            Action::Undo => self.undo_last(),
            Action::Mark => self.toggle_mark(geo),
            Action::CycleView => self.cycle_view(),
            Action::Export => self.overlay = Some(Overlay::ExportFormat),
            Action::Back if self.focus == Focus::List && self.filter.is_some() => self.set_filter(None),
            Action::Back => self.focus = Focus::List,
            Action::NextQuote => self.jump(&geo.quote_lines, true, geo),
            Action::PrevQuote => self.jump(&geo.quote_lines, false, geo),
            Action::NextEntity => self.jump(&geo.entity_lines, true, geo),
            Action::PrevEntity => self.jump(&geo.entity_lines, false, geo),
            Action::Entities if self.current().is_some() => self.overlay = Some(Overlay::Entities(0)),
            Action::Quotes if self.current().is_some() => self.overlay = Some(Overlay::Quotes(0)),
            Action::Entities | Action::Quotes => {}
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::List if self.shown() > 0 => Focus::Reader,
                    _ => Focus::List,
                }
            }
            Action::ToggleHidden => {
                self.show_hidden = !self.show_hidden;
                // The same text moves down as hidden blocks reappear; start from the top.
                self.scroll = 0;
            }
            Action::Messages => self.overlay = Some(Overlay::Messages),
            Action::Help => self.overlay = Some(Overlay::Help(0)),
            Action::Quit => self.quit = true,
            Action::Close if self.focus == Focus::Reader => self.focus = Focus::List,
            Action::Close if self.focus == Focus::List && self.filter.is_some() => self.set_filter(None),
            Action::Close if self.reader.confirm_quit => self.overlay = Some(Overlay::ConfirmQuit),
            Action::Close => self.quit = true,
        }
    }

    /// Scrolls the reader so the next (or previous) of `lines` after the top line is at
    /// the top, and focuses the reader.
    fn jump(&mut self, lines: &[Option<usize>], forward: bool, geo: &Geometry) {
        let mut targets: Vec<usize> = lines.iter().flatten().copied().collect();
        targets.sort_unstable();
        targets.dedup();
        let target = if forward {
            targets.into_iter().find(|&l| l > self.scroll)
        } else {
            targets.into_iter().rev().find(|&l| l < self.scroll)
        };
        if let Some(line) = target {
            self.scroll = line.min(geo.reader_lines.saturating_sub(geo.reader_text.height as usize));
            self.focus = Focus::Reader;
        }
    }

    /// Keys inside a pop-up: the panels move a selection and act on enter; every pop-up
    /// closes on the key that opened it, back or quit.
    fn update_overlay(&mut self, overlay: Overlay, action: Action, geo: &Geometry) {
        let rows = match overlay {
            Overlay::Entities(_) => self.current().map_or(0, |a| a.entity_groups().len()),
            Overlay::Quotes(_) => self.current().map_or(0, |a| a.annotations.quotes.len()),
            _ => 0,
        };
        let moved = |at: usize, delta: isize| at.saturating_add_signed(delta).min(rows.saturating_sub(1));
        self.overlay = match (overlay, action) {
            (Overlay::Entities(at), Action::Next) => Some(Overlay::Entities(moved(at, 1))),
            (Overlay::Entities(at), Action::Prev) => Some(Overlay::Entities(moved(at, -1))),
            (Overlay::Quotes(at), Action::Next) => Some(Overlay::Quotes(moved(at, 1))),
            (Overlay::Help(top), Action::Next | Action::PageDown | Action::HalfPageDown) => {
                Some(Overlay::Help((top + 1).min(self.keymap.help_rows().len().saturating_sub(1))))
            }
            (Overlay::Help(top), Action::Prev | Action::PageUp | Action::HalfPageUp) => {
                Some(Overlay::Help(top.saturating_sub(1)))
            }
            (Overlay::Quotes(at), Action::Prev) => Some(Overlay::Quotes(moved(at, -1))),
            (Overlay::Entities(at), Action::Open) => {
                let name = self.current().and_then(|a| a.entity_groups().get(at).map(|g| g.0.clone()));
                if name.is_some() {
                    self.set_filter(name);
                    self.focus = Focus::List;
                }
                None
            }
            (Overlay::Quotes(at), Action::Open) => {
                if let Some(line) = geo.quote_lines.get(at).copied().flatten() {
                    self.scroll = line;
                    self.focus = Focus::Reader;
                }
                None
            }
            (_, Action::Quit) => {
                self.quit = true;
                None
            }
            (
                _,
                Action::Back
                | Action::Help
                | Action::Messages
                | Action::Close
                | Action::Open
                | Action::Entities
                | Action::Quotes,
            ) => None,
            (o, _) => Some(o),
        };
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
                if row < self.shown() {
                    self.focus = Focus::List;
                    self.select(row, geo);
                }
            }
            _ => {}
        }
    }
}
