//! Morning triage as state of its own: read flags, stars, hiding, bookmarks with notes,
//! the bulk selection and undo. Every change returns the store writes that persist it;
//! the app decides which articles a change applies to and shows what it said.
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::effect::Effect;
use crate::core::store::{ArticleState, Bookmark, BookmarkChange};

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

/// What one triage action changed, to put it back.
#[derive(Debug, Clone)]
struct UndoEntry {
    label: String,
    /// Article key, its state before, and its bookmark before (outer `None`: unchanged).
    changes: Vec<(String, ArticleState, Option<Option<Bookmark>>)>,
}

/// How many actions `u` can take back.
pub const UNDO_DEPTH: usize = 50;

#[derive(Clone, Copy)]
enum Flag {
    Read,
    Starred,
    Hidden,
}

impl Flag {
    fn of(self, s: &mut ArticleState) -> &mut bool {
        match self {
            Flag::Read => &mut s.read,
            Flag::Starred => &mut s.starred,
            Flag::Hidden => &mut s.hidden,
        }
    }
}

/// A change made: the line for the status bar and the writes that save it.
#[derive(Debug, Default, PartialEq)]
pub struct Done {
    pub status: String,
    pub effects: Vec<Effect>,
}

#[derive(Debug, Default)]
pub struct Triage {
    /// Saved state per article key, from the store.
    pub states: HashMap<String, ArticleState>,
    /// Bookmarks by article key, from the store.
    pub bookmarks: HashMap<String, Bookmark>,
    /// Articles selected for a bulk action.
    pub marked: HashSet<String>,
    undo: Vec<UndoEntry>,
    /// Bookmarked articles already asked for (see `bookmarked_elsewhere`).
    requested: HashSet<String>,
}

impl Triage {
    pub fn state(&self, id: &str) -> ArticleState {
        self.states.get(id).copied().unwrap_or_default()
    }

    pub fn holds(&self, view: View, id: &str) -> bool {
        let s = self.state(id);
        match view {
            View::All => !s.hidden,
            View::Unread => !s.read && !s.hidden,
            View::Starred => s.starred,
            View::Bookmarked => self.bookmarks.contains_key(id),
            View::Hidden => s.hidden,
        }
    }

    /// Whether some article is hidden (then even the full list is a filtered one).
    pub fn any_hidden(&self) -> bool {
        self.states.values().any(|s| s.hidden)
    }

    /// The articles an action applies to: the marked ones, else the current one.
    pub fn targets(&self, current: Option<String>) -> Vec<String> {
        if self.marked.is_empty() {
            return current.into_iter().collect();
        }
        let mut keys: Vec<String> = self.marked.iter().cloned().collect();
        keys.sort();
        keys
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

    /// Applies `change` to the state of each target, with one undo entry for them all,
    /// and ends the bulk selection.
    pub fn change_states(&mut self, label: &str, targets: Vec<String>, change: impl Fn(&mut ArticleState)) -> Done {
        let mut entry = UndoEntry { label: format!("{label} ({})", targets.len()), changes: Vec::new() };
        let mut saves = Vec::new();
        for id in targets {
            let before = self.state(&id);
            let mut after = before;
            change(&mut after);
            if after != before {
                self.states.insert(id.clone(), after);
                saves.push((id.clone(), after));
                entry.changes.push((id, before, None));
            }
        }
        let status = entry.label.clone();
        self.record(entry);
        self.marked.clear();
        Done { status, effects: if saves.is_empty() { Vec::new() } else { vec![Effect::SaveStates(saves)] } }
    }

    /// Flips `flag` on every target: off if all have it, else on.
    fn toggle(&mut self, targets: Vec<String>, flag: Flag, labels: [&str; 2]) -> Done {
        let all = targets.iter().all(|id| *flag.of(&mut self.state(id)));
        self.change_states(labels[usize::from(all)], targets, |s| *flag.of(s) = !all)
    }

    pub fn toggle_read(&mut self, targets: Vec<String>) -> Done {
        self.toggle(targets, Flag::Read, ["marked read", "marked unread"])
    }

    pub fn toggle_star(&mut self, targets: Vec<String>) -> Done {
        self.toggle(targets, Flag::Starred, ["starred", "unstarred"])
    }

    pub fn toggle_hide(&mut self, targets: Vec<String>) -> Done {
        self.toggle(targets, Flag::Hidden, ["hidden", "unhidden"])
    }

    /// Marks one article read without an undo entry (opening it is not a decision).
    /// `None` when it already was.
    pub fn mark_read(&mut self, id: String) -> Option<Effect> {
        let mut state = self.state(&id);
        if state.read {
            return None;
        }
        state.read = true;
        self.states.insert(id.clone(), state);
        Some(Effect::SaveStates(vec![(id, state)]))
    }

    /// Bookmarks the targets, or removes their bookmarks if they all have one. `new`
    /// makes the bookmark of an article key (`None` for an article no longer open).
    pub fn toggle_bookmark(&mut self, targets: Vec<String>, new: impl Fn(&str) -> Option<Bookmark>) -> Done {
        let all_marked = targets.iter().all(|id| self.bookmarks.contains_key(id));
        let mut entry = UndoEntry { label: String::new(), changes: Vec::new() };
        let mut effects = Vec::new();
        for id in targets {
            let before = self.bookmarks.get(&id).cloned();
            if all_marked {
                if self.bookmarks.remove(&id).is_some() {
                    effects.push(Effect::RemoveBookmark(id.clone()));
                }
            } else if before.is_none() {
                let Some(b) = new(&id) else { continue };
                self.bookmarks.insert(id.clone(), b.clone());
                effects.push(Effect::SaveBookmark(Box::new(b), BookmarkChange::Create));
            } else {
                continue;
            }
            entry.changes.push((id.clone(), self.state(&id), Some(before)));
        }
        let verb = if all_marked { "bookmark removed" } else { "bookmarked" };
        entry.label = format!("{verb} ({})", entry.changes.len());
        let status = entry.label.clone();
        self.record(entry);
        self.marked.clear();
        Done { status, effects }
    }

    /// Deletes the bookmarks of the targets (undoable).
    pub fn remove_bookmark(&mut self, targets: Vec<String>) -> Done {
        if targets.is_empty() || !targets.iter().all(|id| self.bookmarks.contains_key(id)) {
            return Done { status: "no bookmark to delete".into(), effects: Vec::new() };
        }
        self.toggle_bookmark(targets, |_| None)
    }

    /// Changes the bookmark of article `id` (made by `new` if there is none yet), saves
    /// it, and records the change for undo.
    pub fn change_bookmark(&mut self, id: String, label: &str, change: BookmarkChange, new: Option<Bookmark>) -> Done {
        let before = self.bookmarks.get(&id).cloned();
        let Some(fresh) = before.clone().or(new) else { return Done::default() };
        self.bookmarks.insert(id.clone(), change.apply(before.clone(), &fresh));
        let changes = vec![(id.clone(), self.state(&id), Some(before))];
        self.record(UndoEntry { label: label.into(), changes });
        Done { status: label.into(), effects: vec![Effect::SaveBookmark(Box::new(fresh), change)] }
    }

    /// Takes back the last triage action.
    pub fn undo(&mut self) -> Done {
        let Some(entry) = self.undo.pop() else {
            return Done { status: "nothing to undo".into(), effects: Vec::new() };
        };
        let mut effects = Vec::new();
        let mut saves = Vec::new();
        for (id, state, bookmark) in entry.changes.into_iter().rev() {
            if self.state(&id) != state {
                self.states.insert(id.clone(), state);
                saves.push((id.clone(), state));
            }
            if let Some(before) = bookmark {
                match (self.bookmarks.remove(&id), before) {
                    (Some(_), None) => effects.push(Effect::RemoveBookmark(id.clone())),
                    (_, Some(b)) => {
                        self.bookmarks.insert(id.clone(), b.clone());
                        effects.push(Effect::SaveBookmark(Box::new(b), BookmarkChange::Restore));
                    }
                    (None, None) => {}
                }
            }
        }
        if !saves.is_empty() {
            effects.push(Effect::SaveStates(saves));
        }
        Done { status: format!("undone: {}", entry.label), effects }
    }

    /// Adds the article to the bulk selection, or takes it out.
    pub fn toggle_mark(&mut self, id: String) {
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
    }

    /// Files of bookmarks whose articles are not `open`, so the bookmarks view lists every
    /// bookmark on this machine. Each is asked for once a session.
    pub fn bookmarked_elsewhere(&mut self, open: &HashSet<String>) -> Vec<PathBuf> {
        let requested = &mut self.requested;
        self.bookmarks
            .values()
            .filter(|b| !open.contains(&b.article_id) && !b.location.contains("://"))
            .filter(|b| requested.insert(b.article_id.clone()))
            .map(|b| PathBuf::from(&b.location))
            .filter(|p| p.is_file())
            .collect()
    }

    /// The store saved a bookmark: keep its id (and anything the store filled in).
    pub fn saved_bookmark(&mut self, b: Bookmark) {
        if self.bookmarks.contains_key(&b.article_id) {
            self.bookmarks.insert(b.article_id.clone(), b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_bulk_toggle_sets_all_then_clears_all_and_undoes_in_one_step() {
        let mut t = Triage::default();
        t.states.insert("a".into(), ArticleState { read: true, ..Default::default() });
        let done = t.toggle_read(ids(&["a", "b"]));
        assert_eq!(done.status, "marked read (2)");
        assert_eq!(
            done.effects,
            vec![Effect::SaveStates(vec![("b".into(), ArticleState { read: true, ..Default::default() })])]
        );
        assert!(t.toggle_read(ids(&["a", "b"])).status.starts_with("marked unread"));
        assert!(!t.state("a").read && !t.state("b").read);
        t.undo();
        assert!(t.state("a").read && t.state("b").read);
        t.undo();
        assert!(t.state("a").read && !t.state("b").read, "back to how it was");
        assert_eq!(t.undo().status, "nothing to undo");
    }

    #[test]
    fn undo_is_bounded() {
        let mut t = Triage::default();
        for _ in 0..UNDO_DEPTH + 5 {
            t.toggle_star(ids(&["a"]));
        }
        let undone = (0..).take_while(|_| t.undo().status != "nothing to undo").count();
        assert_eq!(undone, UNDO_DEPTH);
    }

    #[test]
    fn opening_marks_read_once_and_without_undo() {
        let mut t = Triage::default();
        assert!(t.mark_read("a".into()).is_some());
        assert!(t.mark_read("a".into()).is_none());
        assert_eq!(t.undo().status, "nothing to undo");
    }
}
