//! Everything a key can do. Key bindings name these in snake_case (`[keys] next = ["j"]`),
//! and the help screen lists them with their descriptions, so the three never drift.
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Next,
    Prev,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Back,
    SwitchFocus,
    ToggleHidden,
    ToggleRead,
    NextUnread,
    PrevUnread,
    MarkAllRead,
    Star,
    Hide,
    Bookmark,
    Note,
    Tags,
    RemoveBookmark,
    KeepQuote,
    Undo,
    Mark,
    CycleView,
    Export,
    NextQuote,
    PrevQuote,
    NextEntity,
    PrevEntity,
    Entities,
    Quotes,
    Messages,
    Help,
    Close,
    Quit,
}

impl Action {
    /// Every action with its config name and help text, in help-screen order.
    pub const ALL: [(Action, &'static str, &'static str); 37] = [
        (Action::Next, "next", "next article / scroll down"),
        (Action::Prev, "prev", "previous article / scroll up"),
        (Action::HalfPageDown, "half_page_down", "down half a page"),
        (Action::HalfPageUp, "half_page_up", "up half a page"),
        (Action::PageDown, "page_down", "down a page"),
        (Action::PageUp, "page_up", "up a page"),
        (Action::Top, "top", "go to the top"),
        (Action::Bottom, "bottom", "go to the bottom"),
        (Action::Open, "open", "read the selected article"),
        (Action::Back, "back", "back to the list / close"),
        (Action::SwitchFocus, "switch_focus", "switch between list and reader"),
        (Action::ToggleHidden, "toggle_hidden", "show or hide the page furniture the filter removed"),
        (Action::ToggleRead, "toggle_read", "mark read / unread"),
        (Action::NextUnread, "next_unread", "next unread article"),
        (Action::PrevUnread, "prev_unread", "previous unread article"),
        (Action::MarkAllRead, "mark_all_read", "mark every article in the view read (asks first)"),
        (Action::Star, "star", "star / unstar"),
        (Action::Hide, "hide", "hide (archive) / unhide"),
        (Action::Bookmark, "bookmark", "bookmark / remove the bookmark"),
        (Action::Note, "note", "write a note on the bookmark (ctrl-s saves, esc cancels)"),
        (Action::Tags, "tags", "tag the bookmark (comma-separated; ctrl-s saves)"),
        (Action::RemoveBookmark, "remove_bookmark", "delete the bookmark (undoable)"),
        (Action::KeepQuote, "keep_quote", "add the first quotation on screen to the bookmark"),
        (Action::Undo, "undo", "undo the last triage action"),
        (Action::Mark, "mark", "select for a bulk action"),
        (Action::CycleView, "cycle_view", "view: all, unread, starred, bookmarked, hidden"),
        (Action::Export, "export", "export bookmarks (then m, j, h or c for the format)"),
        (Action::NextQuote, "next_quote", "next quotation"),
        (Action::PrevQuote, "prev_quote", "previous quotation"),
        (Action::NextEntity, "next_entity", "next name (person, organisation, place)"),
        (Action::PrevEntity, "prev_entity", "previous name"),
        (Action::Entities, "entities", "who and what is in the article; enter filters the list"),
        (Action::Quotes, "quotes", "who said what; enter jumps to the quotation"),
        (Action::Messages, "messages", "show load problems"),
        (Action::Help, "help", "show this help"),
        (Action::Close, "close", "close: back to the list; from the list, quit"),
        (Action::Quit, "quit", "quit at once, from anywhere"),
    ];

    pub fn from_name(name: &str) -> Option<Action> {
        Self::ALL.iter().find(|(_, n, _)| *n == name).map(|(a, _, _)| *a)
    }

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(a, _, _)| *a == self).map_or("", |(_, n, _)| n)
    }

    pub fn description(self) -> &'static str {
        Self::ALL.iter().find(|(a, _, _)| *a == self).map_or("", |(_, _, d)| d)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for (a, name, desc) in Action::ALL {
            assert_eq!(Action::from_name(name), Some(a));
            assert_eq!(a.name(), name);
            assert!(!desc.is_empty());
        }
        let mut names: Vec<_> = Action::ALL.iter().map(|(_, n, _)| n).collect();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
