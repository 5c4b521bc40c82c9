//! Morning triage: read state, stars, hiding, bookmarks with notes, bulk selection, views
//! and undo. Every change becomes an `Effect` the shell saves to the store at once.
use crate::config::MarkRead;
use crate::core::article::Article;
use crate::core::store::{ArticleState, Bookmark, BookmarkChange};

use super::app::{App, Geometry};
use super::prompt::Prompt;

/// Which articles the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    All,
    Unread,
    Starred,
    Bookmarked,
    Hidden,
}

impl View {
    pub const ORDER: [View; 5] = [View::All, View::Unread, View::Starred, View::Bookmarked, View::Hidden];

    pub fn name(self) -> &'static str {
        match self {
            View::All => "all",
            View::Unread => "unread",
            View::Starred => "starred",
            View::Bookmarked => "bookmarked",
            View::Hidden => "hidden",
        }
    }
}

/// Work for the shell: store writes (run in order on the store's thread, so a bulk
/// action never holds up a key), timers and loading.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Article states, written in one transaction.
    SaveStates(Vec<(String, ArticleState)>),
    /// Apply a change to the bookmark of `.0.article_id` as it is stored now (`.0` is the
    /// bookmark to create if there is none, or to restore).
    SaveBookmark(Box<Bookmark>, BookmarkChange),
    /// Remove the bookmark of the article with this key.
    RemoveBookmark(String),
    /// Write every bookmark to a file in the user's documents folder.
    Export(crate::core::export::Format),
    /// Send `Msg::Tick` after this long (the reading time before an article counts as read).
    Timer(std::time::Duration),
    /// Load these files in the background (bookmarked articles not open yet).
    Load(Vec<std::path::PathBuf>),
}

/// What one triage action changed, to put it back.
#[derive(Debug, Clone)]
pub struct UndoEntry {
    label: String,
    /// Article key, its state before, and its bookmark before (outer `None`: unchanged).
    changes: Vec<(String, ArticleState, Option<Option<Bookmark>>)>,
}

/// How many actions `u` can take back.
pub const UNDO_DEPTH: usize = 50;

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

/// The store key of an article: its content hash.
pub fn key(article: &Article) -> String {
    format!("{:016x}", article.doc.id)
}

impl App {
    pub fn state_of(&self, article: &Article) -> ArticleState {
        self.states.get(&key(article)).copied().unwrap_or_default()
    }

    pub fn bookmark_of(&self, article: &Article) -> Option<&Bookmark> {
        self.bookmarks.get(&key(article))
    }

    /// Whether `article` belongs in the current view (and entity filter).
    pub fn in_view(&self, article: &Article) -> bool {
        self.view_holds(self.view, article) && self.filter.as_deref().is_none_or(|name| article.mentions(name))
    }

    /// Which views `article` belongs to, in `View::ORDER`.
    pub(super) fn membership(&self, article: &Article) -> [bool; 5] {
        View::ORDER.map(|v| self.view_holds(v, article))
    }

    fn view_holds(&self, view: View, article: &Article) -> bool {
        let s = self.state_of(article);
        match view {
            View::All => !s.hidden,
            View::Unread => !s.read && !s.hidden,
            View::Starred => s.starred,
            View::Bookmarked => self.bookmark_of(article).is_some(),
            View::Hidden => s.hidden,
        }
    }

    /// The articles an action applies to: the marked ones, else the current one.
    fn targets(&self) -> Vec<String> {
        if !self.marked.is_empty() {
            let mut keys: Vec<String> = self.marked.iter().cloned().collect();
            keys.sort();
            return keys;
        }
        self.current().map(key).into_iter().collect()
    }

    fn record(&mut self, entry: UndoEntry) {
        if entry.changes.is_empty() {
            return;
        }
        self.undo.push(entry);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Applies `change` to the state of each target, with one undo entry for them all.
    fn change_states(&mut self, label: &str, change: impl Fn(&mut ArticleState)) {
        let targets = self.targets();
        let mut entry = UndoEntry { label: format!("{label} ({})", targets.len()), changes: Vec::new() };
        let mut saves = Vec::new();
        for id in targets {
            let before = self.states.get(&id).copied().unwrap_or_default();
            let mut after = before;
            change(&mut after);
            if after != before {
                self.states.insert(id.clone(), after);
                saves.push((id.clone(), after));
                entry.changes.push((id, before, None));
            }
        }
        if !saves.is_empty() {
            self.effects.push(Effect::SaveStates(saves));
        }
        self.status = Some(entry.label.clone());
        self.record(entry);
        self.marked.clear();
        self.refresh();
    }

    /// An article was opened: it is read now, later (the shell sends a tick when the time
    /// is up), or only by hand, as configured. Not undoable: it is not a decision.
    pub fn mark_opened(&mut self) {
        match self.reader.mark_read() {
            MarkRead::OnOpen => self.mark_current_read(),
            MarkRead::Never => {}
            MarkRead::After(wait) => {
                if let Some(id) = self.current().map(key) {
                    self.effects.push(Effect::Timer(wait));
                    self.read_timer = Some(id);
                }
            }
        }
    }

    /// The reading time is up: the article still open is read.
    pub fn on_tick(&mut self) {
        let open = self.current().map(key);
        if let Some(id) = self.read_timer.take() {
            if open.as_ref() == Some(&id) && self.focus == super::app::Focus::Reader {
                self.mark_current_read();
            }
        }
    }

    fn mark_current_read(&mut self) {
        if let Some(id) = self.current().map(key) {
            let mut state = self.states.get(&id).copied().unwrap_or_default();
            if !state.read {
                state.read = true;
                self.states.insert(id.clone(), state);
                self.effects.push(Effect::SaveStates(vec![(id, state)]));
                self.refresh();
            }
        }
    }

    pub fn toggle_read(&mut self) {
        let read = self.targets().iter().all(|id| self.states.get(id).is_some_and(|s| s.read));
        self.change_states(if read { "marked unread" } else { "marked read" }, |s| s.read = !read);
    }

    pub fn toggle_star(&mut self) {
        let starred = self.targets().iter().all(|id| self.states.get(id).is_some_and(|s| s.starred));
        self.change_states(if starred { "unstarred" } else { "starred" }, |s| s.starred = !starred);
    }

    pub fn toggle_hide(&mut self) {
        let hidden = self.targets().iter().all(|id| self.states.get(id).is_some_and(|s| s.hidden));
        self.change_states(if hidden { "unhidden" } else { "hidden" }, |s| s.hidden = !hidden);
    }

    /// Every article in the view marked read, after the user confirmed.
    pub fn mark_all_read(&mut self) {
        self.marked = (0..self.shown()).filter_map(|i| self.shown_article(i)).map(key).collect();
        self.change_states("marked all read", |s| s.read = true);
    }

    /// Bookmarks the targets, or removes their bookmarks if they all have one.
    pub fn toggle_bookmark(&mut self) {
        let targets = self.targets();
        let all_marked = targets.iter().all(|id| self.bookmarks.contains_key(id));
        let mut entry = UndoEntry { label: String::new(), changes: Vec::new() };
        for id in targets {
            let before = self.bookmarks.get(&id).cloned();
            let state = self.states.get(&id).copied().unwrap_or_default();
            if all_marked {
                if self.bookmarks.remove(&id).is_some() {
                    self.effects.push(Effect::RemoveBookmark(id.clone()));
                }
            } else if before.is_none() {
                let Some(article) = self.docs.iter().find(|a| key(a) == id) else { continue };
                let b = crate::commands::new_bookmark(article, String::new(), Vec::new());
                self.bookmarks.insert(id.clone(), b.clone());
                self.effects.push(Effect::SaveBookmark(Box::new(b), BookmarkChange::Create));
            } else {
                continue;
            }
            entry.changes.push((id, state, Some(before)));
        }
        entry.label =
            format!("{} ({})", if all_marked { "bookmark removed" } else { "bookmarked" }, entry.changes.len());
        self.status = Some(entry.label.clone());
        self.record(entry);
        self.marked.clear();
        self.refresh();
    }

    /// Deletes the bookmarks of the targets (undoable).
    pub fn remove_bookmark(&mut self) {
        let targets = self.targets();
        if !targets.is_empty() && targets.iter().all(|id| self.bookmarks.contains_key(id)) {
            self.toggle_bookmark();
        } else {
            self.status = Some("no bookmark to delete".into());
        }
    }

    /// Adds the first quotation on screen to the current article's bookmark (creating it).
    pub fn keep_quote(&mut self, geo: &Geometry) {
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
        let id = key(article);
        if self.bookmarks.get(&id).is_some_and(|b| b.quotes.contains(&quote)) {
            self.status = Some("quotation already kept".into());
            return;
        }
        self.change_bookmark(id, "quotation kept in the bookmark", BookmarkChange::AddQuote(quote));
    }

    /// Changes the bookmark of article `id` (creating it if needed), saves it, and
    /// records the change for undo.
    fn change_bookmark(&mut self, id: String, label: &str, change: BookmarkChange) {
        let before = self.bookmarks.get(&id).cloned();
        let fresh = match &before {
            Some(b) => b.clone(),
            None => {
                let Some(article) = self.docs.iter().find(|a| key(a) == id) else { return };
                crate::commands::new_bookmark(article, String::new(), Vec::new())
            }
        };
        let b = change.apply(before.clone(), &fresh);
        self.bookmarks.insert(id.clone(), b);
        self.effects.push(Effect::SaveBookmark(Box::new(fresh), change));
        let state = self.states.get(&id).copied().unwrap_or_default();
        self.record(UndoEntry { label: label.into(), changes: vec![(id, state, Some(before))] });
        self.status = Some(label.into());
        self.refresh();
    }

    /// Opens the editor on the current article's bookmark note or tags (the bookmark is
    /// made when the edit is saved).
    pub fn edit_bookmark(&mut self, field: Field) {
        let Some(article) = self.current() else { return };
        let id = key(article);
        let b = self.bookmarks.get(&id);
        let text = match field {
            Field::Note => b.map(|b| b.note.clone()).unwrap_or_default(),
            Field::Tags => b.map(|b| b.tags.join(", ")).unwrap_or_default(),
        };
        self.note_editor = Some(NoteEditor { article: id, field, prompt: Prompt::new(&text) });
    }

    /// Saves the editor's text as the bookmark's note or tags (undoable).
    pub fn save_note(&mut self) {
        let Some(editor) = self.note_editor.take() else { return };
        let text = editor.prompt.text();
        match editor.field {
            Field::Note => self.change_bookmark(editor.article, "note saved", BookmarkChange::Note(text)),
            Field::Tags => {
                let tags =
                    text.split([',', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
                self.change_bookmark(editor.article, "tags saved", BookmarkChange::Tags(tags));
            }
        }
    }

    /// Takes back the last triage action.
    pub fn undo_last(&mut self) {
        let Some(entry) = self.undo.pop() else {
            self.status = Some("nothing to undo".into());
            return;
        };
        let mut saves = Vec::new();
        for (id, state, bookmark) in entry.changes.into_iter().rev() {
            if self.states.get(&id).copied().unwrap_or_default() != state {
                self.states.insert(id.clone(), state);
                saves.push((id.clone(), state));
            }
            if let Some(before) = bookmark {
                match (self.bookmarks.remove(&id), before) {
                    (Some(_), None) => self.effects.push(Effect::RemoveBookmark(id.clone())),
                    (_, Some(b)) => {
                        self.bookmarks.insert(id.clone(), b.clone());
                        self.effects.push(Effect::SaveBookmark(Box::new(b), BookmarkChange::Restore));
                    }
                    (None, None) => {}
                }
            }
        }
        if !saves.is_empty() {
            self.effects.push(Effect::SaveStates(saves));
        }
        self.status = Some(format!("undone: {}", entry.label));
        self.refresh();
    }

    /// Adds or removes the current article from the bulk selection and moves on.
    pub fn toggle_mark(&mut self, geo: &Geometry) {
        let Some(id) = self.current().map(key) else { return };
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
        self.move_selection(1, geo);
    }

    pub fn cycle_view(&mut self) {
        let at = View::ORDER.iter().position(|v| *v == self.view).unwrap_or(0);
        self.view = View::ORDER[(at + 1) % View::ORDER.len()];
        self.status = Some(format!("view: {}", self.view.name()));
        if self.view == View::Bookmarked {
            self.open_bookmarked();
        }
        self.selected = 0;
        self.list_offset = 0;
        self.scroll = 0;
        self.refresh();
    }

    /// Asks for the files of bookmarks whose articles are not open, so the bookmarks view
    /// lists every bookmark on this machine. Each file is asked for once a session.
    fn open_bookmarked(&mut self) {
        let open: std::collections::HashSet<String> = self.docs.iter().map(key).collect();
        let wanted: Vec<std::path::PathBuf> = self
            .bookmarks
            .values()
            .filter(|b| {
                !open.contains(&b.article_id)
                    && !b.location.contains("://")
                    && self.requested.insert(b.article_id.clone())
            })
            .map(|b| std::path::PathBuf::from(&b.location))
            .filter(|p| p.is_file())
            .collect();
        if !wanted.is_empty() {
            self.status = Some(format!("opening {} bookmarked articles…", wanted.len()));
            self.loading = true;
            self.effects.push(Effect::Load(wanted));
        }
    }

    /// Selects the next (or previous) unread article in the list, wrapping around.
    pub fn jump_unread(&mut self, forward: bool, geo: &Geometry) {
        let n = self.shown();
        let found = (1..=n)
            .map(|k| if forward { (self.selected + k) % n } else { (self.selected + n - k % n) % n })
            .find(|&i| self.shown_article(i).is_some_and(|a| !self.state_of(a).read));
        match found {
            Some(i) => {
                self.select(i, geo);
                // Shown in the reader, it is opened: read under the same rule as `open`.
                if self.focus == super::app::Focus::Reader {
                    self.mark_opened();
                }
            }
            None => self.status = Some("no unread articles".into()),
        }
    }

    /// The store saved a bookmark: keep its id (and anything the store filled in).
    pub fn saved_bookmark(&mut self, b: Bookmark) {
        if self.bookmarks.contains_key(&b.article_id) {
            self.bookmarks.insert(b.article_id.clone(), b);
        }
    }

    /// The changes for the store made since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }
}
