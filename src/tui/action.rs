//! Everything a key can do, and where. Key bindings name actions in snake_case
//! (`[keys] next = ["j"]`), each action applies in the contexts (modes) listed for it, and
//! the help screen lists them per context with their descriptions, so the three never drift.
use std::fmt;

/// The mode a key is read in: one per screen state that gives keys their own meaning.
/// A key may mean different things in contexts that share no action (`y` keeps a
/// quotation in the reader and confirms in a question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    List,
    Reader,
    /// The entities panel (who and what is in the article).
    Entities,
    /// The quotes panel (who said what).
    Quotes,
    /// The feeds panel (subscriptions by feed or by tag, with unread counts and errors).
    Feeds,
    Help,
    /// Load problems or a notice.
    Popup,
    /// A yes-or-no question (mark all read, quit); any unbound key answers no.
    Confirm,
    /// Choosing an export format; any unbound key cancels.
    Export,
    /// The note or tags editor; unbound keys are typed into the text.
    Editor,
    /// The search prompt; unbound keys are typed into the query.
    Search,
}

impl Context {
    pub const ALL: [Context; 11] = [
        Context::List,
        Context::Reader,
        Context::Entities,
        Context::Quotes,
        Context::Feeds,
        Context::Help,
        Context::Popup,
        Context::Confirm,
        Context::Export,
        Context::Editor,
        Context::Search,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::List => "List",
            Context::Reader => "Reader",
            Context::Entities => "Who and what",
            Context::Quotes => "Who said what",
            Context::Feeds => "Feeds",
            Context::Help => "This help",
            Context::Popup => "Messages",
            Context::Confirm => "Questions",
            Context::Export => "Export format",
            Context::Editor => "Note and tags editor",
            Context::Search => "Search prompt",
        }
    }
}

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
    RefreshFeeds,
    RefreshFeed,
    Feeds,
    CycleGrouping,
    FullText,
    OpenLink,
    CopyLink,
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
    Confirm,
    ExportMarkdown,
    ExportJson,
    ExportHtml,
    ExportCsv,
    SaveEdit,
    CancelEdit,
    Search,
    ToggleStory,
    NextVersion,
    PrevVersion,
    SearchAccept,
    SearchCancel,
    SearchOlder,
    SearchNewer,
}

impl Action {
    /// Every action with its config name and help text, in help-screen order.
    pub const ALL: [(Action, &'static str, &'static str); 59] = [
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
        (Action::NextUnread, "next_unread", "next unread article (reader, in a search: next match)"),
        (Action::PrevUnread, "prev_unread", "previous unread (reader, in a search: previous match)"),
        (Action::MarkAllRead, "mark_all_read", "mark every article in the view read (asks first)"),
        (Action::RefreshFeeds, "refresh_feeds", "refresh every feed in the background"),
        (Action::RefreshFeed, "refresh_feed", "refresh the article's feed, or the feeds panel's row"),
        (Action::Feeds, "feeds", "feeds and tags: unread counts, errors; enter shows one"),
        (Action::CycleGrouping, "cycle_grouping", "feeds panel: by feed or by tag"),
        (Action::FullText, "full_text", "fetch an entry's full article; feeds panel: for new ones"),
        (Action::OpenLink, "open_link", "open the article's link in the browser"),
        (Action::CopyLink, "copy_link", "copy the article's link (works over SSH)"),
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
        (Action::Quit, "quit", "quit at once, from anywhere but the editor"),
        (Action::Confirm, "confirm", "yes (any other key: no)"),
        (Action::ExportMarkdown, "export_markdown", "Markdown"),
        (Action::ExportJson, "export_json", "JSON"),
        (Action::ExportHtml, "export_html", "browser bookmarks (HTML)"),
        (Action::ExportCsv, "export_csv", "CSV"),
        (Action::SaveEdit, "save_edit", "save the note or tags"),
        (Action::CancelEdit, "cancel_edit", "close the editor without saving"),
        (Action::Search, "search", "search the library (words, \"phrases\", source:, since:…)"),
        (Action::ToggleStory, "toggle_story", "show a story's other sources in the list, or fold them"),
        (Action::NextVersion, "next_version", "the next source of the same story"),
        (Action::PrevVersion, "prev_version", "the previous source of the same story"),
        (Action::SearchAccept, "search_accept", "keep the search and go back to the list"),
        (Action::SearchCancel, "search_cancel", "drop the search"),
        (Action::SearchOlder, "search_older", "the query typed before"),
        (Action::SearchNewer, "search_newer", "the query typed after"),
    ];

    /// The contexts in which this action means something.
    pub fn contexts(self) -> &'static [Context] {
        use Action as A;
        use Context as C;
        match self {
            A::Next | A::Prev => &[C::List, C::Reader, C::Entities, C::Quotes, C::Feeds, C::Help],
            A::HalfPageDown | A::HalfPageUp | A::PageDown | A::PageUp => &[C::List, C::Reader, C::Help],
            // Keys that open a pop-up close it again from inside.
            A::Open | A::Back | A::Close | A::Help | A::Messages | A::Entities | A::Quotes | A::Feeds => {
                &[C::List, C::Reader, C::Entities, C::Quotes, C::Feeds, C::Help, C::Popup]
            }
            A::Quit => {
                &[C::List, C::Reader, C::Entities, C::Quotes, C::Feeds, C::Help, C::Popup, C::Confirm, C::Export]
            }
            A::RefreshFeed | A::RefreshFeeds | A::FullText => &[C::List, C::Reader, C::Feeds],
            A::CycleGrouping => &[C::Feeds],
            A::Confirm => &[C::Confirm],
            A::ExportMarkdown | A::ExportJson | A::ExportHtml | A::ExportCsv => &[C::Export],
            A::SaveEdit | A::CancelEdit => &[C::Editor],
            A::SearchAccept | A::SearchCancel | A::SearchOlder | A::SearchNewer => &[C::Search],
            _ => &[C::List, C::Reader],
        }
    }

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
