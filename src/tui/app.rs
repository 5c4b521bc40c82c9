//! All UI state, and the one place it changes: `App::update(msg) -> effects`. Keys become
//! actions through the keymap of the current context; worker results come back as
//! messages; store writes, exports, loading and timers go out as `Effect`s for the
//! runtime to perform. No I/O here; the geometry of the last frame tells paging how tall
//! a page is.
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::{Action, Context};
use super::effect::{Effect, Outcome};
use super::event::Msg;
use super::keymap::{Key, Keymap, Lookup};
use super::prompt::Prompt;
use super::search::{self, Saved, Search};
use super::stories::Stories;
use super::theme::Theme;
use super::triage::{Done, Triage, View};
use crate::config::{Config, MarkRead, ReaderConfig};
use crate::core::article::Article;
use crate::core::export::Format;
use crate::core::library;
use crate::core::search::Candidate;
use crate::core::store::{ArticleState, Bookmark, BookmarkChange, FeedRow, LibraryRow};

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
    /// The feeds panel; the number is the selected row of `App::feed_panel`.
    Feeds(usize),
}

/// How the feeds panel groups subscriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    ByFeed,
    ByTag,
}

/// What the list can be narrowed to from the feeds panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    Feed(i64),
    /// Feeds with this tag; the empty tag is the feeds with none.
    Tag(String),
}

/// One row of the feeds panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRow {
    pub group: Group,
    pub label: String,
    pub unread: usize,
    /// Why the last refresh failed (of a feed; for a tag, how many of its feeds did).
    pub error: Option<String>,
    /// A feed whose new entries get their full articles fetched.
    pub full_text: bool,
}

/// What the editor is editing on a bookmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note,
    /// Comma-separated tags.
    Tags,
}

/// The note (or tags) being written in the editor, for the article with key `article`.
pub struct NoteEditor {
    pub article: String,
    pub field: Field,
    pub prompt: Prompt,
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
    /// Reader line of each search match in the article (`None` when hidden).
    pub match_lines: Rc<Vec<Option<usize>>>,
}

impl Geometry {
    /// How many list items fit on screen.
    pub fn list_capacity(&self) -> usize {
        (self.list_rows.height / ITEM_HEIGHT) as usize
    }
}

/// Articles kept whole (text, verdicts, names) besides the one being read: moving back
/// and forth between a few costs no reload, and memory stays flat however long the list.
pub const OPEN_KEPT: usize = 16;

pub struct App {
    /// The list, in display order: newest first where dated, then undated, by location.
    /// Rows only (title, source, date, where it lives); their flags are as listed, the
    /// live state is in `triage`.
    pub rows: Vec<LibraryRow>,
    /// The articles loaded whole, most recently used first (at most `OPEN_KEPT`).
    open: VecDeque<Article>,
    /// The article asked for (`Effect::Open`) and not yet here.
    opening: Option<String>,
    /// The last article that could not be opened, and why.
    pub unopenable: Option<(String, String)>,
    /// The subscriptions, for the feeds panel.
    pub feeds: Vec<FeedRow>,
    /// Unread articles per feed (by number), from the list and its live state.
    pub feed_unread: HashMap<i64, usize>,
    pub grouping: Grouping,
    /// The list narrowed to a feed or a tag (from the feeds panel), and the feeds in it.
    pub group: Option<Group>,
    group_feeds: HashSet<i64>,
    /// Feed entries whose full article the store keeps (fetched now or before).
    full: HashSet<String>,
    /// Entries shown with the feed's own text although their full article is kept.
    teasers: HashSet<String>,
    /// Entries whose full article is being fetched.
    fetching: HashSet<String>,
    /// Indices into `rows` of the list shown, when `narrowed`.
    filtered: Vec<usize>,
    /// Whether a view, a filter or hidden articles narrow the list (else it shows `docs`).
    narrowed: bool,
    /// Read flags, stars, bookmarks, the bulk selection and undo.
    pub triage: Triage,
    pub view: View,
    /// A message for the status bar (what was just done, or what went wrong).
    pub status: Option<String>,
    /// A message shown in a pop-up until dismissed.
    pub notice: Option<String>,
    /// Showing the bundled demo: the list says so, and how to open one's own files.
    pub demo: bool,
    pub note_editor: Option<NoteEditor>,
    /// The search prompt and the query narrowing the list.
    pub search: Search,
    /// Saved searches and their keys (`[searches]`).
    pub saved: Vec<Saved>,
    /// Articles that report one event, shown as one row until opened.
    pub stories: Stories,
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
    /// Files looked at and found by the import running, for the status bar.
    pub progress: Option<(usize, usize)>,
    /// Keys typed so far of a multi-key binding.
    pub pending: Vec<Key>,
    pub quit: bool,
    pub keymap: Keymap,
    pub theme: Theme,
    pub reader: ReaderConfig,
    /// Until the user moves, the selection stays on the top (newest) article as the list fills.
    user_moved: bool,
}

/// Newest first where dated, undated after; ties by location, so the order does not
/// depend on which loader thread finished first, and is the order of `Store::library`.
fn order_key(row: &LibraryRow) -> (bool, Reverse<Option<&str>>, Option<&str>) {
    let published = row.published.as_deref();
    (published.is_none(), Reverse(published), row.location.as_deref())
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
        let keymap = Keymap::from_config(config)?;
        let saved = search::saved(config, &keymap)?;
        Ok(App {
            rows: Vec::new(),
            open: VecDeque::new(),
            opening: None,
            unopenable: None,
            feeds: Vec::new(),
            feed_unread: HashMap::new(),
            grouping: Grouping::ByFeed,
            group: None,
            group_feeds: HashSet::new(),
            full: HashSet::new(),
            teasers: HashSet::new(),
            fetching: HashSet::new(),
            filtered: Vec::new(),
            narrowed: false,
            triage: Triage::default(),
            view: View::All,
            status: None,
            notice: None,
            demo: false,
            note_editor: None,
            search: Search::default(),
            saved,
            stories: Stories::default(),
            counts: [0; 5],
            read_timer: None,
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            overlay: None,
            show_hidden: false,
            problems: Vec::new(),
            loading: true,
            progress: None,
            pending: Vec::new(),
            quit: false,
            keymap,
            theme: Theme::from_config(config)?,
            reader: config.reader.clone(),
            user_moved: false,
        })
    }

    /// Saved state and bookmarks from the store.
    pub fn load_saved(&mut self, states: HashMap<String, ArticleState>, bookmarks: Vec<Bookmark>) {
        self.triage.states = states;
        self.triage.bookmarks = bookmarks.into_iter().map(|b| (b.article_id.clone(), b)).collect();
        self.refresh();
    }

    /// How many articles the list shows.
    pub fn shown(&self) -> usize {
        if self.narrowed {
            self.filtered.len()
        } else {
            self.rows.len()
        }
    }

    /// Row `row` of the list shown.
    pub fn shown_row(&self, row: usize) -> Option<&LibraryRow> {
        if self.narrowed {
            self.filtered.get(row).and_then(|&i| self.rows.get(i))
        } else {
            self.rows.get(row)
        }
    }

    /// Recomputes the list shown, keeping the same article selected where it still is.
    pub fn refresh(&mut self) {
        let keep = self.current_key();
        self.narrowed = self.group.is_some()
            || self.search.active()
            || self.stories.any()
            || self.view != View::All
            || self.triage.any_hidden();
        self.filtered = if self.narrowed {
            (0..self.rows.len()).filter(|&i| self.in_view(&self.rows[i])).collect()
        } else {
            Vec::new()
        };
        if self.view == View::Bookmarked {
            // The bookmarks view: most recently saved first.
            let mut rows = std::mem::take(&mut self.filtered);
            rows.sort_by_key(|&i| {
                Reverse(self.bookmark_of(&self.rows[i].key).map(|b| b.saved_at.clone()).unwrap_or_default())
            });
            self.filtered = rows;
        }
        if self.stories.any() {
            let keys: Vec<&str> = self.filtered.iter().map(|&i| self.rows[i].key.as_str()).collect();
            let order = self.stories.arrange(&keys);
            self.filtered = order.into_iter().map(|k| self.filtered[k]).collect();
        }
        // One pass over the rows counts the views and each feed's unread articles.
        let (mut counts, mut feed_unread) = ([0; 5], HashMap::new());
        for row in &self.rows {
            let add = self.membership(&row.key);
            (0..5).for_each(|n| counts[n] += usize::from(add[n]));
            if let Some(feed) = row.feed {
                // View::ORDER[1] is the unread view.
                *feed_unread.entry(feed).or_default() += usize::from(add[1]);
            }
        }
        (self.counts, self.feed_unread) = (counts, feed_unread);
        self.reselect(keep);
    }

    /// Selects the article with `key` again where the list shows it now.
    fn reselect(&mut self, key: Option<String>) {
        if let Some(k) = key {
            if let Some(row) = (0..self.shown()).find(|&i| self.shown_row(i).is_some_and(|r| r.key == k)) {
                self.selected = row;
            }
        }
        self.selected = self.selected.min(self.shown().saturating_sub(1));
    }

    /// The selected row.
    pub fn current_row(&self) -> Option<&LibraryRow> {
        self.shown_row(self.selected)
    }

    pub fn current_key(&self) -> Option<String> {
        self.current_row().map(|r| r.key.clone())
    }

    /// The selected article, when it is loaded whole (else it is on its way).
    pub fn current(&self) -> Option<&Article> {
        let key = &self.current_row()?.key;
        self.open.iter().find(|a| &a.key == key)
    }

    /// After the query changed: asks the library about it (`ask`), and shows the list
    /// as it is now from the top.
    fn searched(&mut self, ask: Option<String>, fx: &mut Vec<Effect>) {
        if let Some(text) = ask {
            fx.push(Effect::Search(text));
            self.selected = 0;
            self.list_offset = 0;
            self.scroll = 0;
        }
        self.refresh();
    }

    /// The one place state changes: a message in, the work it calls for out.
    pub fn update(&mut self, msg: Msg, geo: &Geometry) -> Vec<Effect> {
        let mut fx = Vec::new();
        match msg {
            Msg::Key(ev) => self.on_key(ev, geo, &mut fx),
            Msg::Mouse(ev) => self.on_mouse(ev, geo),
            Msg::Resize => {}
            Msg::Loaded(article) => self.add_article(*article),
            Msg::Rows { rows, replace } => self.add_rows(rows, replace),
            Msg::Found { query, found: Ok(keys), indexing } => {
                if self.search.answered(&query, keys, indexing) {
                    self.refresh();
                }
            }
            Msg::Found { found: Err(why), .. } => self.status = Some(format!("search: {why}")),
            Msg::Stories(groups) => {
                self.stories.set(groups);
                self.refresh();
            }
            Msg::Feeds(feeds) => {
                self.feeds = feeds;
                if let Some(group) = self.group.clone() {
                    self.group_feeds = self.feeds_in(&group);
                }
            }
            Msg::FullText(key, Ok(())) => {
                self.full.insert(key.clone());
                if self.fetching.remove(&key) {
                    self.teasers.remove(&key);
                    self.reopen(&key);
                    self.status = Some("full article fetched (f: back to the feed's text)".into());
                }
            }
            Msg::FullText(key, Err(why)) => {
                self.fetching.remove(&key);
                self.status = Some(format!("no full article: {why}"));
            }
            Msg::OpenFailed(key, why) => {
                self.opening = None;
                self.unopenable = Some((key, why));
            }
            Msg::Progress(done, total) => self.progress = Some((done, total)),
            Msg::Status(line) => self.status = Some(line),
            Msg::LoadFailed(why) => self.problems.push(why),
            Msg::LoadDone => {
                self.loading = false;
                self.progress = None;
            }
            Msg::Tick => self.on_tick(&mut fx),
            Msg::Applied(Ok(Outcome::Done)) => {}
            Msg::Applied(Ok(Outcome::Message(done))) => self.status = Some(done),
            Msg::Applied(Ok(Outcome::Saved(b))) => self.triage.saved_bookmark(b),
            Msg::Applied(Ok(Outcome::Exported(path))) => {
                self.notice = Some(format!("Bookmarks written to\n{}", path.display()));
                self.overlay = Some(Overlay::Notice);
            }
            Msg::Applied(Err(e)) => self.status = Some(format!("not saved: {e}")),
        }
        self.ask_for_current(&mut fx);
        fx
    }

    /// Asks the library for the selected article when only its row is here: the reader
    /// shows what is selected, so moving through the list opens articles as it goes.
    fn ask_for_current(&mut self, fx: &mut Vec<Effect>) {
        let Some(row) = self.current_row() else { return };
        let asked = self.opening.as_ref() == Some(&row.key)
            || self.unopenable.as_ref().is_some_and(|(k, _)| k == &row.key)
            || self.open.iter().any(|a| a.key == row.key);
        if !asked {
            let (key, location) = (row.key.clone(), row.location.clone().unwrap_or_default());
            self.opening = Some(key.clone());
            let teaser = self.teasers.contains(&key);
            fx.push(Effect::Open { key, location, teaser });
        }
    }

    /// Lets go of the article with `key`, so it is asked for again (with other text).
    fn reopen(&mut self, key: &str) {
        self.open.retain(|a| a.key != key);
        if self.opening.as_deref() == Some(key) {
            self.opening = None;
        }
        if self.unopenable.as_ref().is_some_and(|(k, _)| k == key) {
            self.unopenable = None;
        }
        self.scroll = 0;
    }

    /// The feeds panel's rows: each feed, or each tag (and the untagged), with unread
    /// counts and the last refresh's errors.
    pub fn feed_panel(&self) -> Vec<PanelRow> {
        let unread = |id: &i64| self.feed_unread.get(id).copied().unwrap_or(0);
        match self.grouping {
            Grouping::ByFeed => self
                .feeds
                .iter()
                .map(|f| PanelRow {
                    group: Group::Feed(f.id),
                    label: if f.title.is_empty() { f.url.clone() } else { f.title.clone() },
                    unread: unread(&f.id),
                    error: f.error.clone(),
                    full_text: f.full_text,
                })
                .collect(),
            Grouping::ByTag => {
                let mut tags: Vec<String> = self.feeds.iter().flat_map(|f| f.tags.iter().cloned()).collect();
                tags.sort_by_key(|t| t.to_lowercase());
                tags.dedup();
                if self.feeds.iter().any(|f| f.tags.is_empty()) {
                    tags.push(String::new());
                }
                tags.into_iter()
                    .map(|tag| {
                        let group = Group::Tag(tag);
                        let members = self.feeds_in(&group);
                        let failed = self.feeds.iter().filter(|f| members.contains(&f.id) && f.error.is_some()).count();
                        PanelRow {
                            label: match &group {
                                Group::Tag(t) if t.is_empty() => "(no tag)".into(),
                                Group::Tag(t) => t.clone(),
                                Group::Feed(_) => String::new(),
                            },
                            unread: members.iter().map(unread).sum(),
                            error: (failed > 0).then(|| format!("{failed} of {} feeds failed", members.len())),
                            full_text: false,
                            group,
                        }
                    })
                    .collect()
            }
        }
    }

    /// The feeds (by number) in `group`.
    fn feeds_in(&self, group: &Group) -> HashSet<i64> {
        let holds = |f: &FeedRow| match group {
            Group::Feed(id) => f.id == *id,
            Group::Tag(t) if t.is_empty() => f.tags.is_empty(),
            Group::Tag(t) => f.tags.contains(t),
        };
        self.feeds.iter().filter(|f| holds(f)).map(|f| f.id).collect()
    }

    /// Narrows the list to a feed or a tag, or widens it again.
    fn set_group(&mut self, group: Option<Group>) {
        self.group_feeds = group.as_ref().map(|g| self.feeds_in(g)).unwrap_or_default();
        self.status = group.as_ref().map(|g| match g {
            Group::Feed(id) => {
                let title = self.feeds.iter().find(|f| f.id == *id).map_or("", |f| f.title.as_str());
                format!("feed: {title} (esc: every article)")
            }
            Group::Tag(t) => format!("tag: {t} (esc: every article)"),
        });
        self.group = group;
        self.selected = 0;
        self.list_offset = 0;
        self.scroll = 0;
        self.refresh();
    }

    /// The selected article's web address, if it has one (feed entries do).
    fn link(&self) -> Option<String> {
        self.current_row()?.location.clone().filter(|l| l.starts_with("http://") || l.starts_with("https://"))
    }

    /// `f`: fetches the entry's full article, or switches between it and the teaser.
    fn full_text(&mut self, fx: &mut Vec<Effect>) {
        let Some(row) = self.current_row() else { return };
        let key = row.key.clone();
        let Some(location) = self.link().filter(|_| row.feed.is_some()) else {
            self.status = Some("only feed entries have a full article behind their link".into());
            return;
        };
        if !self.full.contains(&key) {
            self.fetching.insert(key.clone());
            self.status = Some("fetching the full article…".into());
            fx.push(Effect::FullText { key, location });
        } else if self.teasers.remove(&key) {
            self.status = Some("the full article (f: the feed's text)".into());
            self.reopen(&key);
        } else {
            self.status = Some("the feed's text (f: the full article)".into());
            self.teasers.insert(key.clone());
            self.reopen(&key);
        }
    }

    /// The context keys are read in: the editor, a pop-up, or the focused pane.
    pub fn context(&self) -> Context {
        if self.note_editor.is_some() {
            return Context::Editor;
        }
        if self.search.prompt.is_some() {
            return Context::Search;
        }
        match self.overlay {
            Some(Overlay::Entities(_)) => Context::Entities,
            Some(Overlay::Quotes(_)) => Context::Quotes,
            Some(Overlay::Feeds(_)) => Context::Feeds,
            Some(Overlay::Help(_)) => Context::Help,
            Some(Overlay::Messages | Overlay::Notice) => Context::Popup,
            Some(Overlay::ConfirmMarkAll | Overlay::ConfirmQuit) => Context::Confirm,
            Some(Overlay::ExportFormat) => Context::Export,
            None if self.focus == Focus::Reader => Context::Reader,
            None => Context::List,
        }
    }

    /// Feeds one key through the keymap of the current context, waiting for more keys on
    /// a prefix. A key bound to nothing answers no to a question, cancels an export and
    /// is typed into the editor.
    fn on_key(&mut self, ev: KeyEvent, geo: &Geometry, fx: &mut Vec<Effect>) {
        let context = self.context();
        let key = Key::from_event(&ev);
        let saved = self.saved.iter().find(|s| s.key == key).filter(|_| self.pending.is_empty());
        if let Some(s) = saved.filter(|_| matches!(context, Context::List | Context::Reader)) {
            let (name, query) = (s.name.clone(), s.query.clone());
            let ask = self.search.start(query);
            self.searched(ask, fx);
            self.status = Some(format!("saved search {name}"));
            return;
        }
        self.pending.push(Key::from_event(&ev));
        match self.keymap.lookup(context, &self.pending) {
            Lookup::Prefix => {}
            Lookup::Action(a) => {
                self.pending.clear();
                self.act(a, geo, fx);
            }
            Lookup::None if self.pending.len() > 1 => {
                // A stray key after a prefix starts over with that key alone.
                self.pending.clear();
                self.on_key(ev, geo, fx);
            }
            Lookup::None => {
                self.pending.clear();
                match self.overlay {
                    _ if context == Context::Editor => {
                        if let Some(editor) = self.note_editor.as_mut() {
                            editor.prompt.input(ev);
                        }
                    }
                    _ if context == Context::Search => {
                        if let Some(prompt) = self.search.prompt.as_mut() {
                            prompt.input(ev);
                        }
                        let ask = self.search.edited();
                        self.searched(ask, fx);
                    }
                    Some(Overlay::ConfirmMarkAll) => self.answer("nothing marked"),
                    Some(Overlay::ConfirmQuit) => self.answer("not quitting"),
                    Some(Overlay::ExportFormat) => self.answer("export cancelled"),
                    _ => {}
                }
            }
        }
    }

    /// Closes a question or the export choice with a word in the status bar.
    fn answer(&mut self, status: &str) {
        self.overlay = None;
        self.status = Some(status.into());
    }

    /// An article loaded whole: kept among the open ones, and listed if it is new to the
    /// list (the demo, files read without a library, bookmarks from elsewhere). An
    /// article the library listed takes the headline its filter found.
    fn add_article(&mut self, article: Article) {
        if self.opening.as_ref() == Some(&article.key) {
            self.opening = None;
        }
        let row = library::row_of(&article);
        self.open.retain(|a| a.key != article.key);
        self.open.push_front(article);
        self.open.truncate(OPEN_KEPT);
        if let Some(listed) = self.rows.iter_mut().find(|r| r.key == row.key) {
            listed.title = row.title;
            return;
        }
        let key = order_key(&row);
        let at = self.rows.partition_point(|r| order_key(r) <= key);
        let add = self.membership(&row.key);
        (0..5).for_each(|n| self.counts[n] += usize::from(add[n]));
        self.rows.insert(at, row);
        if self.narrowed {
            self.refresh();
        } else if self.user_moved && at <= self.selected && self.rows.len() > 1 {
            self.selected += 1;
        }
    }

    /// Rows from the library, in list order: the next page, or the whole list again
    /// (after an import changed it), keeping the selection on the same article.
    fn add_rows(&mut self, rows: Vec<LibraryRow>, replace: bool) {
        let keep = self.current_key();
        if replace {
            self.rows = rows;
        } else {
            self.rows.extend(rows);
        }
        self.refresh();
        self.reselect(keep);
        if !self.user_moved {
            self.selected = 0;
        }
    }

    fn select(&mut self, index: usize, geo: &Geometry) {
        let last = self.shown().saturating_sub(1);
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

    /// Carries out one action in the current context.
    fn act(&mut self, action: Action, geo: &Geometry, fx: &mut Vec<Effect>) {
        if self.note_editor.is_some() {
            match action {
                Action::SaveEdit => self.save_note(fx),
                Action::CancelEdit => {
                    self.note_editor = None;
                    self.status = Some("note not saved".into());
                }
                _ => {}
            }
            return;
        }
        if self.search.prompt.is_some() {
            match action {
                Action::SearchAccept => self.search.accept(),
                Action::SearchCancel => {
                    self.search.clear();
                    self.refresh();
                }
                Action::SearchOlder | Action::SearchNewer => {
                    let ask = self.search.browse(action == Action::SearchOlder);
                    self.searched(ask, fx);
                }
                _ => {}
            }
            return;
        }
        if let Some(overlay) = self.overlay {
            self.act_in_overlay(overlay, action, geo, fx);
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
                // The article may still be on its way: the reader shows it when it comes.
                if self.current_row().is_some() {
                    self.mark_opened(fx);
                    self.focus = Focus::Reader;
                }
            }
            Action::ToggleRead => {
                let done = self.triage.toggle_read(self.targets());
                self.apply(done, fx);
            }
            Action::Star => {
                let done = self.triage.toggle_star(self.targets());
                self.apply(done, fx);
            }
            Action::Hide => {
                let done = self.triage.toggle_hide(self.targets());
                self.apply(done, fx);
            }
            Action::NextUnread | Action::PrevUnread if self.focus == Focus::Reader && self.search.active() => {
                self.jump(&geo.match_lines, action == Action::NextUnread, geo)
            }
            Action::NextUnread => self.jump_unread(true, geo, fx),
            Action::PrevUnread => self.jump_unread(false, geo, fx),
            Action::RefreshFeeds => {
                self.status = Some("refreshing feeds…".into());
                fx.push(Effect::RefreshFeeds(Vec::new()));
            }
            Action::RefreshFeed => match self.current_row().and_then(|r| r.feed) {
                Some(feed) => {
                    self.status = Some("refreshing this feed…".into());
                    fx.push(Effect::RefreshFeeds(vec![feed]));
                }
                None => self.status = Some("not from a feed (R refreshes every feed)".into()),
            },
            Action::Feeds if self.feeds.is_empty() => {
                self.status = Some("no feeds yet: add one with `tidings feed add URL`".into())
            }
            Action::Feeds => self.overlay = Some(Overlay::Feeds(0)),
            Action::FullText => self.full_text(fx),
            Action::OpenLink | Action::CopyLink => match self.link() {
                Some(link) if action == Action::OpenLink => {
                    self.status = Some("opening the link…".into());
                    fx.push(Effect::OpenLink(link));
                }
                Some(link) => {
                    self.status = Some("link copied".into());
                    fx.push(Effect::CopyLink(link));
                }
                None => self.status = Some("no web link: this article is a file".into()),
            },
            Action::MarkAllRead if self.shown() > 0 => self.overlay = Some(Overlay::ConfirmMarkAll),
            Action::MarkAllRead => {}
            Action::Bookmark => {
                let rows = &self.rows;
                let new = |id: &str| {
                    let row = rows.iter().find(|r| r.key == id)?;
                    Some(crate::commands::new_bookmark(row, String::new(), Vec::new()))
                };
                let done = self.triage.toggle_bookmark(self.targets(), new);
                self.apply(done, fx);
            }
            Action::RemoveBookmark => {
                let done = self.triage.remove_bookmark(self.targets());
                self.apply(done, fx);
            }
            Action::Note => self.edit_bookmark(Field::Note),
            Action::Tags => self.edit_bookmark(Field::Tags),
            Action::KeepQuote => self.keep_quote(geo, fx),
            Action::Undo => {
                let done = self.triage.undo();
                self.apply(done, fx);
            }
            Action::Mark => {
                if let Some(id) = self.current_key() {
                    self.triage.toggle_mark(id);
                    self.move_selection(1, geo);
                }
            }
            Action::CycleView => self.cycle_view(fx),
            Action::Export => self.overlay = Some(Overlay::ExportFormat),
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
            Action::Search => {
                self.search.open();
                self.focus = Focus::List;
            }
            Action::ToggleStory => {
                let key = self.current_key().unwrap_or_default();
                self.status = Some(match self.stories.toggle(&key) {
                    true if self.stories.is_open(&key) => "every source of the story shown".into(),
                    true => "the story folded into one row".into(),
                    false => "this article is the only one reporting its story".into(),
                });
                self.refresh();
            }
            Action::NextVersion | Action::PrevVersion => self.step_version(action == Action::NextVersion, geo),
            Action::Quit => self.quit = true,
            Action::Back | Action::Close if self.focus == Focus::Reader => self.focus = Focus::List,
            Action::Back | Action::Close if self.search.active() => {
                self.search.clear();
                self.refresh();
            }
            Action::Back | Action::Close if self.group.is_some() => self.set_group(None),
            Action::Back => {}
            Action::Close if self.reader.confirm_quit => self.overlay = Some(Overlay::ConfirmQuit),
            Action::Close => self.quit = true,
            // Keys of other contexts; the keymap does not send them here.
            Action::Confirm
            | Action::ExportMarkdown
            | Action::ExportJson
            | Action::ExportHtml
            | Action::ExportCsv
            | Action::SaveEdit
            | Action::CancelEdit
            | Action::SearchAccept
            | Action::SearchCancel
            | Action::SearchOlder
            | Action::SearchNewer
            | Action::CycleGrouping => {}
        }
    }

    /// Shows what a triage change said, queues its writes and redraws the list.
    fn apply(&mut self, done: Done, fx: &mut Vec<Effect>) {
        self.status = Some(done.status);
        fx.extend(done.effects);
        self.refresh();
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

    /// Actions inside a pop-up: the panels move a selection and act on open; questions
    /// and the export choice take their answer; every pop-up closes on the key that
    /// opened it, back or close.
    fn act_in_overlay(&mut self, overlay: Overlay, action: Action, geo: &Geometry, fx: &mut Vec<Effect>) {
        let rows = match overlay {
            Overlay::Entities(_) => self.current().map_or(0, |a| a.entity_groups().len()),
            Overlay::Quotes(_) => self.current().map_or(0, |a| a.annotations.quotes.len()),
            Overlay::Help(_) => {
                self.keymap.help_height() + if self.saved.is_empty() { 0 } else { self.saved.len() + 2 }
            }
            Overlay::Feeds(_) => self.feed_panel().len(),
            _ => 0,
        };
        let moved = |at: usize, delta: isize| at.saturating_add_signed(delta).min(rows.saturating_sub(1));
        self.overlay = match (overlay, action) {
            (_, Action::Quit) => {
                self.quit = true;
                None
            }
            (Overlay::ConfirmMarkAll, Action::Confirm) => {
                let all = (0..self.shown()).filter_map(|i| self.shown_row(i)).map(|r| r.key.clone()).collect();
                let done = self.triage.change_states("marked all read", all, |s| s.read = true);
                self.apply(done, fx);
                None
            }
            (Overlay::ConfirmQuit, Action::Confirm) => {
                self.quit = true;
                None
            }
            (Overlay::ExportFormat, format) => {
                let format = match format {
                    Action::ExportMarkdown => Format::Markdown,
                    Action::ExportJson => Format::Json,
                    Action::ExportHtml => Format::Html,
                    _ => Format::Csv,
                };
                fx.push(Effect::Export(format));
                None
            }
            (Overlay::Entities(at), Action::Next) => Some(Overlay::Entities(moved(at, 1))),
            (Overlay::Entities(at), Action::Prev) => Some(Overlay::Entities(moved(at, -1))),
            (Overlay::Feeds(at), Action::Next) => Some(Overlay::Feeds(moved(at, 1))),
            (Overlay::Feeds(at), Action::Prev) => Some(Overlay::Feeds(moved(at, -1))),
            (Overlay::Feeds(_), Action::CycleGrouping) => {
                self.grouping = match self.grouping {
                    Grouping::ByFeed => Grouping::ByTag,
                    Grouping::ByTag => Grouping::ByFeed,
                };
                Some(Overlay::Feeds(0))
            }
            (Overlay::Feeds(at), Action::Open) => {
                let group = self.feed_panel().get(at).map(|r| r.group.clone());
                if group.is_some() {
                    self.set_group(group);
                    self.focus = Focus::List;
                }
                None
            }
            (Overlay::Feeds(at), Action::FullText) => {
                match self.feed_panel().get(at).map(|r| r.group.clone()) {
                    Some(Group::Feed(id)) => {
                        if let Some(feed) = self.feeds.iter_mut().find(|f| f.id == id) {
                            feed.full_text = !feed.full_text;
                            fx.push(Effect::SetFullText { feed: id, on: feed.full_text });
                        }
                    }
                    _ => self.status = Some("full articles are set per feed (tab: by feed)".into()),
                }
                Some(overlay)
            }
            (Overlay::Feeds(at), Action::RefreshFeed | Action::RefreshFeeds) => {
                let feeds = match (action, self.feed_panel().get(at)) {
                    (Action::RefreshFeed, Some(row)) => self.feeds_in(&row.group).into_iter().collect(),
                    _ => Vec::new(),
                };
                self.status = Some("refreshing…".into());
                fx.push(Effect::RefreshFeeds(feeds));
                Some(overlay)
            }
            (Overlay::Quotes(at), Action::Next) => Some(Overlay::Quotes(moved(at, 1))),
            (Overlay::Quotes(at), Action::Prev) => Some(Overlay::Quotes(moved(at, -1))),
            (Overlay::Help(top), Action::Next | Action::PageDown | Action::HalfPageDown) => {
                Some(Overlay::Help(moved(top, 1)))
            }
            (Overlay::Help(top), Action::Prev | Action::PageUp | Action::HalfPageUp) => {
                Some(Overlay::Help(top.saturating_sub(1)))
            }
            (Overlay::Entities(at), Action::Open) => {
                let name = self.current().and_then(|a| a.entity_groups().get(at).map(|g| g.0.clone()));
                if let Some(name) = name {
                    let ask = self.search.start(format!("entity:\"{}\"", name.replace('"', "")));
                    self.searched(ask, fx);
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
            (
                _,
                Action::Back
                | Action::Help
                | Action::Messages
                | Action::Close
                | Action::Open
                | Action::Entities
                | Action::Quotes
                | Action::Feeds,
            ) => None,
            (o, _) => Some(o),
        };
    }

    pub fn state_of(&self, key: &str) -> ArticleState {
        self.triage.state(key)
    }

    pub fn bookmark_of(&self, key: &str) -> Option<&Bookmark> {
        self.triage.bookmarks.get(key)
    }

    /// Whether `row` belongs in the current view (and feed group, and search).
    pub fn in_view(&self, row: &LibraryRow) -> bool {
        self.triage.holds(self.view, &row.key)
            && (self.group.is_none() || row.feed.is_some_and(|f| self.group_feeds.contains(&f)))
            && (self.search.admits(&row.key) || self.open_match(row))
    }

    /// Whether the search matches `row`'s article when it is loaded whole: the demo and
    /// files read without a library are in no index, and an article just opened may
    /// not be indexed yet.
    fn open_match(&self, row: &LibraryRow) -> bool {
        let Some(article) = self.open.iter().find(|a| a.key == row.key) else { return false };
        let state = self.state_of(&row.key);
        let bookmark = self.bookmark_of(&row.key);
        let feed = row.feed.and_then(|id| self.feeds.iter().find(|f| f.id == id));
        let mut tags: Vec<String> = bookmark.map(|b| b.tags.clone()).unwrap_or_default();
        tags.extend(feed.map(|f| f.tags.clone()).unwrap_or_default());
        let names: Vec<String> = article.entity_groups().into_iter().map(|(name, _, _)| name).collect();
        let text = article.clean_text();
        self.search.query.matches(&Candidate {
            title: &row.title,
            text: &text,
            source: row.source.as_deref(),
            published: article.doc.meta.published,
            read: state.read,
            starred: state.starred,
            bookmarked: bookmark.is_some(),
            tags: &tags,
            names: &names,
            feed: feed.map(|f| f.title.as_str()),
        })
    }

    /// Which views the article with `key` belongs to, in `View::ORDER`.
    fn membership(&self, key: &str) -> [bool; 5] {
        View::ORDER.map(|v| self.triage.holds(v, key))
    }

    /// The articles an action applies to: the marked ones, else the current one.
    fn targets(&self) -> Vec<String> {
        self.triage.targets(self.current_key())
    }

    /// An article was opened: it is read now, later (the shell sends a tick when the time
    /// is up), or only by hand, as configured. Not undoable: it is not a decision.
    fn mark_opened(&mut self, fx: &mut Vec<Effect>) {
        let Some(id) = self.current_key() else { return };
        match self.reader.mark_read() {
            MarkRead::OnOpen => self.mark_read(id, fx),
            MarkRead::Never => {}
            MarkRead::After(wait) => {
                fx.push(Effect::Timer(wait));
                self.read_timer = Some(id);
            }
        }
    }

    /// Marks `id` read, and the other versions of its story too when so configured.
    fn mark_read(&mut self, id: String, fx: &mut Vec<Effect>) {
        let mut ids = vec![id.clone()];
        if self.reader.read_story {
            ids.extend(self.stories.of(&id).unwrap_or_default().iter().filter(|k| **k != id).cloned());
        }
        let saves: Vec<Effect> = ids.into_iter().filter_map(|id| self.triage.mark_read(id)).collect();
        if !saves.is_empty() {
            fx.extend(saves);
            self.refresh();
        }
    }

    /// Selects the next (or previous) version of the selected article's story, in list
    /// order, showing the story whole so the selection is in the list.
    fn step_version(&mut self, forward: bool, geo: &Geometry) {
        let Some(key) = self.current_key() else { return };
        let Some(members) = self.stories.of(&key).map(<[String]>::to_vec) else {
            self.status = Some("this article is the only one reporting its story".into());
            return;
        };
        self.stories.show_whole(&key);
        self.refresh();
        let listed: Vec<usize> =
            (0..self.shown()).filter(|&i| self.shown_row(i).is_some_and(|r| members.contains(&r.key))).collect();
        let n = listed.len().max(1);
        let at = listed.iter().position(|&i| i == self.selected).unwrap_or(0);
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        if let Some(&row) = listed.get(next) {
            self.select(row, geo);
            self.status = Some(format!("source {} of {}", next + 1, listed.len()));
        }
    }

    /// The reading time is up: the article still open is read.
    fn on_tick(&mut self, fx: &mut Vec<Effect>) {
        let open = self.current_key();
        if let Some(id) = self.read_timer.take() {
            if open.as_ref() == Some(&id) && self.focus == Focus::Reader {
                self.mark_read(id, fx);
            }
        }
    }

    /// Selects the next (or previous) unread article in the list, wrapping around.
    fn jump_unread(&mut self, forward: bool, geo: &Geometry, fx: &mut Vec<Effect>) {
        let n = self.shown();
        let found = (1..=n)
            .map(|k| if forward { (self.selected + k) % n } else { (self.selected + n - k % n) % n })
            .find(|&i| self.shown_row(i).is_some_and(|r| !self.state_of(&r.key).read));
        match found {
            Some(i) => {
                self.select(i, geo);
                // Shown in the reader, it is opened: read under the same rule as `open`.
                if self.focus == Focus::Reader {
                    self.mark_opened(fx);
                }
            }
            None => self.status = Some("no unread articles".into()),
        }
    }

    /// Adds the first quotation on screen to the current article's bookmark (creating it).
    fn keep_quote(&mut self, geo: &Geometry, fx: &mut Vec<Effect>) {
        let Some(article) = self.current() else { return };
        let rows = self.scroll..self.scroll + geo.reader_text.height as usize;
        let Some(k) = geo.quote_lines.iter().position(|l| l.is_some_and(|l| rows.contains(&l))) else {
            self.status = Some("no quotation on screen".into());
            return;
        };
        // The layout is from the last frame; keys typed faster than a redraw may have moved on.
        let Some(q) = article.annotations.quotes.get(k) else { return };
        let text = crate::core::document::fold_whitespace(&article.doc.text[q.range.clone()]);
        let quote = match &q.speaker {
            Some(s) => format!("{text} — {s}"),
            None => text,
        };
        let id = article.key.clone();
        if self.triage.bookmarks.get(&id).is_some_and(|b| b.quotes.contains(&quote)) {
            self.status = Some("quotation already kept".into());
            return;
        }
        let Some(row) = self.current_row() else { return };
        let new = crate::commands::new_bookmark(row, String::new(), Vec::new());
        let done = self.triage.change_bookmark(
            id,
            "quotation kept in the bookmark",
            BookmarkChange::AddQuote(quote),
            Some(new),
        );
        self.apply(done, fx);
    }

    /// Opens the editor on the current article's bookmark note or tags (the bookmark is
    /// made when the edit is saved).
    fn edit_bookmark(&mut self, field: Field) {
        let Some(id) = self.current_key() else { return };
        let b = self.triage.bookmarks.get(&id);
        let text = match field {
            Field::Note => b.map(|b| b.note.clone()).unwrap_or_default(),
            Field::Tags => b.map(|b| b.tags.join(", ")).unwrap_or_default(),
        };
        self.note_editor = Some(NoteEditor { article: id, field, prompt: Prompt::new(&text) });
    }

    /// Saves the editor's text as the bookmark's note or tags (undoable).
    fn save_note(&mut self, fx: &mut Vec<Effect>) {
        let Some(editor) = self.note_editor.take() else { return };
        let text = editor.prompt.text();
        let (label, change) = match editor.field {
            Field::Note => ("note saved", BookmarkChange::Note(text)),
            Field::Tags => {
                let tags =
                    text.split([',', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
                ("tags saved", BookmarkChange::Tags(tags))
            }
        };
        let new = self
            .rows
            .iter()
            .find(|r| r.key == editor.article)
            .map(|r| crate::commands::new_bookmark(r, String::new(), Vec::new()));
        let done = self.triage.change_bookmark(editor.article, label, change, new);
        self.apply(done, fx);
    }

    fn cycle_view(&mut self, fx: &mut Vec<Effect>) {
        let at = View::ORDER.iter().position(|v| *v == self.view).unwrap_or(0);
        self.view = View::ORDER[(at + 1) % View::ORDER.len()];
        self.status = Some(format!("view: {}", self.view.name()));
        if self.view == View::Bookmarked {
            // The bookmarks view lists every bookmark on this machine: open the rest.
            let open: HashSet<String> = self.rows.iter().map(|r| r.key.clone()).collect();
            let wanted = self.triage.bookmarked_elsewhere(&open);
            if !wanted.is_empty() {
                self.status = Some(format!("opening {} bookmarked articles…", wanted.len()));
                self.loading = true;
                fx.push(Effect::Load(wanted));
            }
        }
        self.selected = 0;
        self.list_offset = 0;
        self.scroll = 0;
        self.refresh();
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
