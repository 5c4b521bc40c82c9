//! Pure transitions: messages into a fresh `App`, the state it ends in and the effects it
//! asks for. No terminal, no threads, no store: what the shell would do with an effect is
//! not run here, only checked. Every action has at least one test (see the last test).
use std::path::PathBuf;
use std::rc::Rc;

use crossterm::event::{KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use tidings::config;
use tidings::core::article::{self, Article};
use tidings::core::boilerplate::Rules;
use tidings::core::export::Format;
use tidings::core::ingest;
use tidings::core::store::{ArticleState, BookmarkChange};
use tidings::tui::action::{Action, Context};
use tidings::tui::app::{App, Focus, Geometry, Overlay};
use tidings::tui::effect::{Effect, Outcome};
use tidings::tui::event::Msg;
use tidings::tui::keymap::parse_key;
use tidings::tui::triage::View;

mod common;
use common::feed_row;

/// Three short articles written for this test, each with its own date so the list order is known.
fn article(name: &str, date: &str, body: &str) -> Article {
    let text = format!("{name}\n\n{date}\n\n{body}\n");
    article::process(ingest::load_bytes(&format!("{name}.txt"), text.as_bytes()).unwrap(), &Rules::default())
}

fn articles() -> Vec<Article> {
    vec![
        article(
            "Harbour pilots vote to strike",
            "March 3, 2025",
            "Pilots at the port of Velmar voted on Monday to strike. \"We have waited long enough,\" said Ana Roth, the union's chair.",
        ),
        article(
            "Library reopens after repairs",
            "March 2, 2025",
            "The town library of Orsk reopened on Sunday after two years of repairs, the council said.",
        ),
        article(
            "Ferry timetable changes in April",
            "March 1, 2025",
            "The ferry company said its winter timetable would end on April 1, with more crossings.",
        ),
    ]
}

/// A frame's geometry as the views would report it: 10 list items, 20 reader lines of
/// 100, a quotation on line 12 and names on lines 3 and 30.
fn geo() -> Geometry {
    Geometry {
        list_rows: Rect::new(1, 1, 30, 20),
        reader_text: Rect::new(33, 1, 60, 20),
        reader_lines: 100,
        quote_lines: Rc::new(vec![Some(12)]),
        entity_lines: Rc::new(vec![Some(3), Some(30)]),
        match_lines: Rc::new(vec![Some(8), None, Some(40)]),
    }
}

struct T {
    app: App,
    geo: Geometry,
}

impl T {
    fn with(config_text: &str) -> T {
        let mut app = App::new(&config::parse(config_text, "test").unwrap()).unwrap();
        for a in articles() {
            assert!(app.update(Msg::Loaded(Box::new(a)), &geo()).is_empty());
        }
        assert!(app.update(Msg::LoadDone, &geo()).is_empty());
        T { app, geo: geo() }
    }

    fn new() -> T {
        T::with("")
    }

    /// Types space-separated keys and returns every effect they asked for.
    fn keys(&mut self, script: &str) -> Vec<Effect> {
        let mut out = Vec::new();
        for spec in script.split_whitespace() {
            let k = parse_key(spec).unwrap();
            out.extend(self.app.update(Msg::Key(KeyEvent::new(k.code, k.mods)), &self.geo));
        }
        out
    }

    fn title(&self) -> String {
        self.app.current().unwrap().doc.meta.title.clone()
    }

    fn id(&self, row: usize) -> String {
        self.app.shown_row(row).unwrap().key.clone()
    }

    fn status(&self) -> &str {
        self.app.status.as_deref().unwrap_or("")
    }
}

fn saved(effects: &[Effect]) -> Vec<(String, ArticleState)> {
    effects
        .iter()
        .flat_map(|e| match e {
            Effect::SaveStates(s) => s.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn next_prev_top_bottom_move_the_selection_and_write_nothing() {
    let mut t = T::new();
    assert_eq!(t.title(), "Harbour pilots vote to strike", "newest first");
    assert!(t.keys("j").is_empty());
    assert_eq!(t.app.selected, 1);
    t.keys("G");
    assert_eq!(t.app.selected, 2);
    t.keys("k");
    assert_eq!(t.app.selected, 1);
    t.keys("g g");
    assert_eq!(t.app.selected, 0);
    t.keys("end");
    assert_eq!(t.app.selected, 2);
    t.keys("home");
    assert_eq!(t.app.selected, 0);
}

#[test]
fn paging_moves_by_the_pane_height() {
    let mut t = T::new();
    t.keys("enter");
    assert_eq!(t.app.focus, Focus::Reader);
    t.keys("ctrl-d");
    assert_eq!(t.app.scroll, 10, "half of 20 reader rows");
    t.keys("pagedown");
    assert_eq!(t.app.scroll, 30);
    t.keys("ctrl-u");
    assert_eq!(t.app.scroll, 20);
    t.keys("pageup");
    assert_eq!(t.app.scroll, 0);
    t.keys("space space space space space space");
    assert_eq!(t.app.scroll, 80, "never past the last screenful");
}

#[test]
fn open_reads_the_article_back_returns_and_tab_switches() {
    let mut t = T::new();
    let fx = t.keys("enter");
    assert_eq!(t.app.focus, Focus::Reader);
    assert_eq!(saved(&fx), vec![(t.id(0), ArticleState { read: true, ..Default::default() })]);
    assert!(t.keys("enter").is_empty(), "already read: nothing more to save");
    t.keys("esc");
    assert_eq!(t.app.focus, Focus::List);
    t.keys("tab");
    assert_eq!(t.app.focus, Focus::Reader);
    t.keys("backtab");
    assert_eq!(t.app.focus, Focus::List);
}

#[test]
fn a_reading_time_asks_for_a_timer_and_the_tick_marks_read() {
    let mut t = T::with("[reader]\nmark_read = \"10s\"\n");
    let fx = t.keys("enter");
    assert_eq!(fx, vec![Effect::Timer(std::time::Duration::from_secs(10))]);
    assert!(!t.app.state_of(&t.app.current_key().unwrap()).read);
    let fx = t.app.update(Msg::Tick, &t.geo);
    assert_eq!(saved(&fx).len(), 1);
    assert!(t.app.state_of(&t.app.current_key().unwrap()).read);
}

#[test]
fn toggle_hidden_shows_the_furniture_from_the_top() {
    let mut t = T::new();
    t.keys("enter ctrl-d z");
    assert!(t.app.show_hidden);
    assert_eq!(t.app.scroll, 0);
    t.keys("z");
    assert!(!t.app.show_hidden);
}

#[test]
fn m_s_x_toggle_and_save_and_u_undoes() {
    let mut t = T::new();
    let first = t.id(0);
    let fx = t.keys("m");
    assert_eq!(saved(&fx), vec![(first.clone(), ArticleState { read: true, ..Default::default() })]);
    assert_eq!(t.status(), "marked read (1)");
    let fx = t.keys("s");
    assert!(saved(&fx)[0].1.starred);
    let fx = t.keys("x");
    assert!(saved(&fx)[0].1.hidden);
    assert_eq!(t.app.shown(), 2, "hidden articles leave the view");
    let fx = t.keys("u");
    assert_eq!(saved(&fx), vec![(first.clone(), ArticleState { read: true, starred: true, hidden: false })]);
    assert_eq!(t.app.shown(), 3);
    assert!(t.status().starts_with("undone: hidden"));
}

#[test]
fn n_and_shift_n_jump_between_unread_articles() {
    let mut t = T::new();
    t.keys("j m");
    t.keys("g g n");
    assert_eq!(t.app.selected, 2, "the read one is skipped");
    t.keys("N");
    assert_eq!(t.app.selected, 0);
    t.keys("enter");
    let fx = t.keys("n");
    assert_eq!(t.app.selected, 2);
    assert_eq!(saved(&fx).len(), 1, "shown in the reader, it is read");
    t.keys("n");
    assert_eq!(t.status(), "no unread articles");
}

#[test]
fn mark_all_asks_and_y_marks_the_whole_view_in_one_write() {
    let mut t = T::new();
    assert!(t.keys("M").is_empty());
    assert_eq!(t.app.overlay, Some(Overlay::ConfirmMarkAll));
    let fx = t.keys("y");
    assert_eq!(t.app.overlay, None);
    assert_eq!(fx.len(), 1);
    assert_eq!(saved(&fx).len(), 3);
    t.keys("u M n");
    assert_eq!(t.status(), "nothing marked");
    assert!((0..3).all(|r| !t.app.state_of(&t.app.shown_row(r).unwrap().key).read));
}

#[test]
fn shift_r_asks_for_a_refresh_and_reading_goes_on() {
    let mut t = T::new();
    let fx = t.keys("R");
    assert_eq!(fx, vec![Effect::RefreshFeeds(Vec::new())]);
    assert_eq!(t.status(), "refreshing feeds…");
    t.keys("j");
    assert_eq!(t.app.selected, 1, "keys still move while it runs");
}

#[test]
fn v_selects_for_a_bulk_action() {
    let mut t = T::new();
    t.keys("v v");
    assert_eq!(t.app.triage.marked.len(), 2);
    assert_eq!(t.app.selected, 2, "marking moves on");
    let fx = t.keys("s");
    assert_eq!(saved(&fx).len(), 2);
    assert!(t.app.triage.marked.is_empty(), "the selection is used up");
    assert_eq!(t.status(), "starred (2)");
}

#[test]
fn b_bookmarks_and_d_deletes_with_undo() {
    let mut t = T::new();
    let fx = t.keys("b");
    match &fx[..] {
        [Effect::SaveBookmark(b, BookmarkChange::Create)] => assert_eq!(b.title, "Harbour pilots vote to strike"),
        other => panic!("{other:?}"),
    }
    assert!(t.app.bookmark_of(&t.app.current_key().unwrap()).is_some());
    let fx = t.keys("d");
    assert_eq!(fx, vec![Effect::RemoveBookmark(t.id(0))]);
    let fx = t.keys("u");
    assert!(matches!(&fx[..], [Effect::SaveBookmark(_, BookmarkChange::Restore)]), "{fx:?}");
    t.keys("j d");
    assert_eq!(t.status(), "no bookmark to delete");
}

#[test]
fn the_note_editor_saves_with_ctrl_s_and_cancels_with_esc() {
    let mut t = T::new();
    assert!(t.keys("B").is_empty());
    assert!(t.app.note_editor.is_some());
    assert!(t.keys("O k , space y e s").is_empty(), "typing is not an action: q and y are letters here");
    assert!(!t.app.quit);
    let fx = t.keys("ctrl-s");
    assert!(t.app.note_editor.is_none());
    match &fx[..] {
        [Effect::SaveBookmark(_, BookmarkChange::Note(n))] => assert_eq!(n, "Ok, yes"),
        other => panic!("{other:?}"),
    }
    t.keys("t p o r t s , space l a b o u r esc");
    assert_eq!(t.status(), "note not saved");
    let fx = t.keys("t p o r t s ctrl-s");
    assert!(matches!(&fx[..], [Effect::SaveBookmark(_, BookmarkChange::Tags(tags))] if tags == &["ports"]), "{fx:?}");
}

#[test]
fn y_keeps_the_quotation_on_screen_in_the_bookmark() {
    let mut t = T::new();
    t.keys("enter");
    let fx = t.keys("y");
    match &fx[..] {
        [Effect::SaveBookmark(_, BookmarkChange::AddQuote(q))] => {
            assert!(q.starts_with("\"We have waited long enough,\"") && q.ends_with("— Ana Roth"), "{q}")
        }
        other => panic!("{other:?} ({})", t.status()),
    }
    t.app.update(Msg::Applied(Ok(Outcome::Done)), &t.geo);
    assert!(t.keys("y").is_empty());
    assert_eq!(t.status(), "quotation already kept");
}

#[test]
fn the_view_cycles_and_the_bookmarks_view_asks_for_files_not_open() {
    let mut t = T::new();
    t.keys("s");
    let order: Vec<View> = (0..5)
        .map(|_| {
            t.keys("V");
            t.app.view
        })
        .collect();
    assert_eq!(order, [View::Unread, View::Starred, View::Bookmarked, View::Hidden, View::All]);
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("kept.txt");
    std::fs::write(&elsewhere, "Kept elsewhere\n\nA bookmarked article that is not open.\n").unwrap();
    let mut b = tidings::commands::new_bookmark(&t.app.rows[0], String::new(), Vec::new());
    b.article_id = "elsewhere".into();
    b.location = elsewhere.display().to_string();
    t.app.load_saved(Default::default(), vec![b]);
    let fx = t.keys("V V V");
    assert_eq!(t.app.view, View::Bookmarked);
    assert_eq!(fx, vec![Effect::Load(vec![PathBuf::from(&elsewhere)])]);
    assert!(t.keys("V V V V V").is_empty(), "each file is asked for once");
}

#[test]
fn export_asks_for_a_format_and_any_other_key_cancels() {
    let mut t = T::new();
    for (key, format) in [("m", Format::Markdown), ("j", Format::Json), ("h", Format::Html), ("c", Format::Csv)] {
        assert!(t.keys("E").is_empty());
        assert_eq!(t.app.overlay, Some(Overlay::ExportFormat));
        assert_eq!(t.keys(key), vec![Effect::Export(format)]);
        assert_eq!(t.app.overlay, None);
    }
    t.keys("E x");
    assert_eq!((t.app.overlay, t.status()), (None, "export cancelled"));
    t.app.update(Msg::Applied(Ok(Outcome::Exported(PathBuf::from("/home/u/tidings-bookmarks.md")))), &t.geo);
    assert_eq!(t.app.overlay, Some(Overlay::Notice));
    assert!(t.app.notice.as_deref().unwrap().contains("/home/u/tidings-bookmarks.md"));
    t.keys("esc");
    assert_eq!(t.app.overlay, None);
}

#[test]
fn quotation_and_name_jumps_scroll_the_reader() {
    let mut t = T::new();
    t.keys("] q");
    assert_eq!((t.app.focus, t.app.scroll), (Focus::Reader, 12));
    t.keys("[ q");
    assert_eq!(t.app.scroll, 12, "no quotation above");
    t.keys("] e");
    assert_eq!(t.app.scroll, 30);
    t.keys("[ e");
    assert_eq!(t.app.scroll, 3);
}

#[test]
fn the_entities_panel_filters_the_list_and_esc_clears_it() {
    let mut t = T::new();
    t.keys("e");
    assert_eq!(t.app.overlay, Some(Overlay::Entities(0)));
    let names: Vec<String> = t.app.current().unwrap().entity_groups().into_iter().map(|g| g.0).collect();
    let at = names.iter().position(|n| n == "Velmar").expect("Velmar is found");
    for _ in 0..at {
        t.keys("j");
    }
    let fx = t.keys("enter");
    assert_eq!(fx, [Effect::Search("entity:\"Velmar\"".into())], "the same machinery as a search");
    assert_eq!(t.app.shown(), 1);
    t.keys("esc");
    assert_eq!((t.app.search.active(), t.app.shown()), (false, 3));
}

fn shown_titles(t: &T) -> Vec<String> {
    (0..t.app.shown()).map(|i| t.app.shown_row(i).unwrap().title.clone()).collect()
}

#[test]
fn the_search_prompt_narrows_the_list_as_you_type_and_esc_clears_it() {
    let mut t = T::new();
    let fx = t.keys("/ f e r");
    assert_eq!(t.app.context(), Context::Search);
    assert_eq!(fx.last(), Some(&Effect::Search("fer".into())), "each keystroke asks the library");
    // The articles at hand are matched at once, before the library answers.
    assert!(shown_titles(&t).is_empty(), "no whole word `fer`: {:?}", shown_titles(&t));
    let fx = t.keys("r y");
    assert_eq!(fx, [Effect::Search("ferr".into()), Effect::Search("ferry".into())]);
    assert_eq!(shown_titles(&t), ["Ferry timetable changes in April"]);
    // The library's answer for a query since typed past is dropped; the current one counts.
    let found = |query: &str, keys: &[&str]| Msg::Found {
        query: query.into(),
        found: Ok(keys.iter().map(|k| k.to_string()).collect()),
        indexing: false,
    };
    t.app.update(found("fer", &["x"]), &t.geo);
    t.app.update(found("ferry", &[]), &t.geo);
    assert_eq!(shown_titles(&t), ["Ferry timetable changes in April"], "the article at hand still matches");
    t.keys("enter");
    assert_eq!((t.app.context(), t.app.search.active()), (Context::List, true));
    t.keys("esc");
    assert!(!t.app.search.active());
    assert_eq!(t.app.shown(), 3);
    // Up brings back the query typed before; a mistake keeps the last good one and says why.
    t.keys("/ up");
    assert_eq!(t.app.search.text, "ferry");
    t.keys("down");
    assert!(!t.app.search.active(), "past the newest query: an empty prompt");
    t.keys("up");
    let fx = t.keys("space s i n c e : x");
    assert_eq!(fx.last(), Some(&Effect::Search("ferry since".into())), "nothing asked once it stops parsing");
    assert_eq!(t.app.search.text, "ferry since");
    assert!(t.app.search.error.as_deref().is_some_and(|e| e.contains("not a date")));
    t.keys("esc");
    assert!(!t.app.search.active() && t.app.search.prompt.is_none());
}

#[test]
fn a_saved_search_runs_from_its_key_and_bad_ones_are_refused_at_start() {
    let mut t = T::with("[searches]\nferries = { query = \"ferry\", key = \"1\" }\n");
    assert_eq!(t.keys("1"), [Effect::Search("ferry".into())]);
    assert_eq!(shown_titles(&t), ["Ferry timetable changes in April"]);
    assert_eq!(t.status(), "saved search ferries");
    let help: Vec<String> = tidings::tui::view::help_lines(&t.app).iter().map(|l| l.to_string()).collect();
    assert!(help.iter().any(|l| l.trim() == "1  ferries: ferry"), "listed in the help: {help:?}");
    t.keys("esc");
    assert_eq!(t.app.shown(), 3);
    let refused = |text: &str| App::new(&config::parse(text, "my.toml").unwrap()).err().unwrap().to_string();
    let e = refused("[searches]\nx = { query = \"ferry\", key = \"j\" }\n");
    assert!(e.contains("line 2: `searches.x`") && e.contains("key `j` is already bound in the list"), "{e}");
    let e = refused("[searches]\nx = { query = \"a\", key = \"1\" }\ny = { query = \"b\", key = \"1\" }\n");
    assert!(e.contains("also runs the saved search `x`"), "{e}");
    let e =
        config::parse("[searches]\nx = { query = \"since:june\", key = \"1\" }\n", "my.toml").unwrap_err().to_string();
    assert!(e.contains("line 2: `searches.x`: `june` is not a date"), "{e}");
    let e = config::parse("[searches]\nx = { query = \"a\" }\n", "my.toml").unwrap_err().to_string();
    assert!(e.contains("`searches.x`") && e.contains("key"), "{e}");
}

#[test]
fn filters_in_the_prompt_use_the_live_state() {
    let mut t = T::new();
    t.keys("s");
    t.keys("/ s t a r r e d enter");
    assert_eq!(shown_titles(&t), ["Harbour pilots vote to strike"]);
    t.keys("esc / - s t a r r e d space \" t h e space c o u n c i l \"");
    assert_eq!(shown_titles(&t), ["Library reopens after repairs"]);
}

#[test]
fn a_story_is_one_row_until_opened_and_reading_one_version_reads_the_others() {
    let mut t = T::new();
    let (a, b) = (t.id(0), t.id(1));
    t.app.update(Msg::Stories(vec![vec![a.clone(), b.clone()]]), &t.geo);
    assert_eq!(shown_titles(&t), ["Harbour pilots vote to strike", "Ferry timetable changes in April"]);
    t.keys("+");
    assert_eq!(t.app.shown(), 3, "every source shown: {:?}", shown_titles(&t));
    t.app.update(Msg::Stories(vec![vec![a.clone(), t.id(2)]]), &t.geo);
    assert_eq!(
        shown_titles(&t),
        ["Harbour pilots vote to strike", "Ferry timetable changes in April", "Library reopens after repairs"],
        "an open story's sources right under its first; it stays open when grouped again"
    );
    t.app.update(Msg::Stories(vec![vec![a.clone(), b.clone()]]), &t.geo);
    t.keys("+");
    assert_eq!(t.app.shown(), 2, "folded again");
    t.keys("] s");
    assert_eq!((t.id(t.app.selected), t.app.shown()), (b.clone(), 3), "the next source, the story shown whole");
    t.keys("] s");
    assert_eq!(t.id(t.app.selected), a, "round to the first");
    t.keys("[ s");
    assert_eq!(t.id(t.app.selected), b);
    let read: Vec<String> = saved(&t.keys("enter")).into_iter().filter(|(_, s)| s.read).map(|(k, _)| k).collect();
    assert_eq!(read, [b.clone(), a.clone()], "reading one version reads the other");
    // Configured otherwise, only the one read is.
    let mut t = T::with("[reader]\nread_story = false\n");
    let (a, b) = (t.id(0), t.id(1));
    t.app.update(Msg::Stories(vec![vec![a.clone(), b]]), &t.geo);
    let read: Vec<String> = saved(&t.keys("enter")).into_iter().filter(|(_, s)| s.read).map(|(k, _)| k).collect();
    assert_eq!(read, [a]);
    // An article in no story says so.
    t.keys("esc G +");
    assert!(t.status().contains("only one reporting"), "{}", t.status());
}

#[test]
fn n_and_shift_n_move_between_matches_in_the_reader_during_a_search() {
    let mut t = T::new();
    t.keys("tab n");
    assert_eq!(t.app.scroll, 0, "no search: n is the next unread article");
    t.keys("tab / p i l o t s enter tab n");
    assert_eq!((t.app.focus, t.app.scroll), (Focus::Reader, 8));
    t.keys("n");
    assert_eq!(t.app.scroll, 40, "a match in a hidden block is skipped");
    t.keys("N");
    assert_eq!(t.app.scroll, 8);
}

#[test]
fn the_quotes_panel_goes_to_the_quotation() {
    let mut t = T::new();
    t.keys("Q");
    assert_eq!(t.app.overlay, Some(Overlay::Quotes(0)));
    t.keys("j k enter");
    assert_eq!((t.app.overlay, t.app.focus, t.app.scroll), (None, Focus::Reader, 12));
}

#[test]
fn help_and_messages_open_scroll_and_close() {
    let mut t = T::new();
    t.app.update(Msg::LoadFailed("bad.bin: binary file".into()), &t.geo);
    t.keys("!");
    assert_eq!(t.app.overlay, Some(Overlay::Messages));
    assert_eq!(t.app.problems, ["bad.bin: binary file"]);
    t.keys("!");
    assert_eq!(t.app.overlay, None);
    t.keys("? j j");
    assert_eq!(t.app.overlay, Some(Overlay::Help(2)));
    t.keys("k q");
    assert_eq!(t.app.overlay, None, "close shuts the help, it does not quit");
    assert!(!t.app.quit);
}

#[test]
fn q_goes_back_then_quits_and_can_ask_first() {
    let mut t = T::new();
    t.keys("enter q");
    assert_eq!((t.app.focus, t.app.quit), (Focus::List, false));
    t.keys("q");
    assert!(t.app.quit);
    let mut t = T::with("[reader]\nconfirm_quit = true\n");
    t.keys("q");
    assert_eq!(t.app.overlay, Some(Overlay::ConfirmQuit));
    t.keys("n");
    assert_eq!((t.app.overlay, t.app.quit, t.status()), (None, false, "not quitting"));
    t.keys("q y");
    assert!(t.app.quit);
}

#[test]
fn ctrl_c_quits_from_a_pop_up_but_is_typed_in_the_editor() {
    let mut t = T::new();
    t.keys("? ctrl-c");
    assert!(t.app.quit);
    let mut t = T::new();
    t.keys("B ctrl-c");
    assert!(!t.app.quit, "a note is never lost to a stray ctrl-c");
}

#[test]
fn errors_and_results_from_the_store_thread_reach_the_status_bar() {
    let mut t = T::new();
    t.app.update(Msg::Applied(Err("disk full".into())), &t.geo);
    assert_eq!(t.status(), "not saved: disk full");
    t.app.update(Msg::Applied(Ok(Outcome::Message("no bookmarks to export yet".into()))), &t.geo);
    assert_eq!(t.status(), "no bookmarks to export yet");
    t.keys("b");
    let mut stored = t.app.bookmark_of(&t.app.current_key().unwrap()).unwrap().clone();
    stored.id = 42;
    stored.note = "written by another window".into();
    t.app.update(Msg::Applied(Ok(Outcome::Saved(stored))), &t.geo);
    let b = t.app.bookmark_of(&t.app.current_key().unwrap()).unwrap();
    assert_eq!((b.id, b.note.as_str()), (42, "written by another window"));
}

#[test]
fn a_click_selects_and_the_wheel_scrolls() {
    let mut t = T::new();
    let click =
        MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column: 3, row: 3, modifiers: KeyModifiers::NONE };
    t.app.update(Msg::Mouse(click), &t.geo);
    assert_eq!(t.app.selected, 1, "row 3 is the second two-line item");
    let wheel = MouseEvent { kind: MouseEventKind::ScrollDown, column: 40, row: 5, modifiers: KeyModifiers::NONE };
    t.app.update(Msg::Mouse(wheel), &t.geo);
    assert!(t.app.scroll > 0);
}

/// The tests above name the actions they drive; this keeps that list complete as actions are added.
#[test]
fn every_action_has_a_transition_test() {
    use Action::*;
    let covered = [
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
        Confirm,
        ExportMarkdown,
        ExportJson,
        ExportHtml,
        ExportCsv,
        SaveEdit,
        CancelEdit,
        RefreshFeeds, // shift_r_asks_for_a_refresh_and_reading_goes_on
        // the_feeds_panel_narrows_to_a_feed_or_tag_and_entries_fetch_their_full_article:
        RefreshFeed,
        Feeds,
        CycleGrouping,
        FullText,
        OpenLink,
        CopyLink,
        // the_search_prompt_narrows_the_list_as_you_type_and_esc_clears_it:
        Search,
        SearchAccept,
        SearchCancel,
        SearchOlder,
        SearchNewer,
        // a_story_is_one_row_until_opened_and_reading_one_version_reads_the_others:
        ToggleStory,
        NextVersion,
        PrevVersion,
    ];
    for (action, name, _) in Action::ALL {
        assert!(covered.contains(&action), "no transition test drives `{name}`");
    }
}

#[test]
fn rows_from_the_library_open_the_selected_article_on_demand_and_keep_a_few() {
    let mut app = App::new(&tidings::config::parse("", "test").unwrap()).unwrap();
    let row = |n: usize| tidings::core::store::LibraryRow {
        key: format!("k{n}"),
        title: format!("Story {n}"),
        source: None,
        published: Some(format!("2025-01-{:02}", 28 - n)),
        location: Some(format!("/news/{n}.txt")),
        read: false,
        starred: false,
        hidden: false,
        bookmarked: false,
        missing: false,
        feed: None,
    };
    let fx = app.update(Msg::Rows { rows: (0..20).map(row).collect(), replace: true }, &geo());
    assert_eq!(fx, vec![Effect::Open { key: "k0".into(), location: "/news/0.txt".into(), teaser: false }]);
    assert!(app.current().is_none(), "only the row is here until the article comes");
    assert!(app.update(Msg::Resize, &geo()).is_empty(), "asked once");
    // Each article opened is kept whole; no more than OPEN_KEPT of them.
    let mut asked = 0;
    for n in 0..20 {
        let mut a = article(&format!("{n}.txt"), "2025-01-01", "The council met on Monday and agreed on the budget.");
        a.key = format!("k{n}");
        app.update(Msg::Loaded(Box::new(a)), &geo());
        assert!(app.current().is_some());
        asked += app.update(Msg::Key(KeyEvent::from(crossterm::event::KeyCode::Char('j'))), &geo()).len();
    }
    assert_eq!(asked, 19, "moving down asks for each next article");
    assert_eq!(app.rows.len(), 20, "articles of listed rows are not listed twice");
    app.update(Msg::OpenFailed("k19".into(), "gone".into()), &geo());
    assert!(app.unopenable.is_some());
    let fx = app.update(Msg::Key(KeyEvent::from(crossterm::event::KeyCode::Char('g'))), &geo());
    let fx2 = app.update(Msg::Key(KeyEvent::from(crossterm::event::KeyCode::Char('g'))), &geo());
    assert!(fx.is_empty());
    assert_eq!(
        fx2,
        vec![Effect::Open { key: "k0".into(), location: "/news/0.txt".into(), teaser: false }],
        "k0 was let go"
    );
}

/// A feed entry's row, as the library lists it.
fn entry_row(n: usize, feed: i64) -> tidings::core::store::LibraryRow {
    tidings::core::store::LibraryRow {
        key: format!("e{n}"),
        title: format!("Entry {n}"),
        source: Some(format!("Feed {feed}")),
        published: Some(format!("2025-02-{:02}", 20 - n)),
        location: Some(format!("https://news{feed}.example/{n}")),
        read: false,
        starred: false,
        hidden: false,
        bookmarked: false,
        missing: false,
        feed: Some(feed),
    }
}

#[test]
fn the_feeds_panel_narrows_to_a_feed_or_tag_and_entries_fetch_their_full_article() {
    let mut t = T::new();
    let rows = vec![entry_row(1, 1), entry_row(2, 2), entry_row(3, 2)];
    t.app.update(Msg::Rows { rows, replace: false }, &t.geo.clone());
    let feeds = vec![feed_row(1, "Coast News", &["local"], None), feed_row(2, "Wire", &[], Some("HTTP 503"))];
    t.app.update(Msg::Feeds(feeds), &t.geo.clone());
    // `r` refreshes the selected entry's feed; a file has none.
    let not_opening =
        |fx: Vec<Effect>| fx.into_iter().filter(|e| !matches!(e, Effect::Open { .. })).collect::<Vec<_>>();
    assert_eq!(not_opening(t.keys("G r")), vec![Effect::RefreshFeeds(vec![2])]);
    assert!(t.keys("g g r").is_empty());
    assert!(t.status().contains("not from a feed"));
    // The panel: a row per feed with unread counts and the last error; tab groups by tag.
    t.keys("g g F");
    assert_eq!(t.app.overlay, Some(Overlay::Feeds(0)));
    let panel = t.app.feed_panel();
    assert_eq!((panel[1].label.as_str(), panel[1].unread, panel[1].error.as_deref()), ("Wire", 2, Some("HTTP 503")));
    t.keys("j enter");
    assert_eq!(t.app.shown(), 2, "only the Wire's entries");
    assert!(t.status().contains("feed: Wire"));
    t.keys("m");
    assert_eq!(t.app.feed_panel()[1].unread, 1, "counts follow the live state");
    t.keys("esc");
    assert_eq!(t.app.shown(), 6, "esc shows every article again");
    t.keys("F tab");
    let tags: Vec<String> = t.app.feed_panel().into_iter().map(|r| r.label).collect();
    assert_eq!(tags, ["local", "(no tag)"]);
    assert_eq!(t.keys("r"), vec![Effect::RefreshFeeds(vec![1])], "r in the panel refreshes the feeds of the row");
    t.keys("enter");
    t.app.update(Msg::OpenFailed(t.id(0), "not loaded in this test".into()), &t.geo.clone());
    assert_eq!(t.app.shown(), 1);
    // `f` fetches the full article; when it is kept, the entry opens again with it, and
    // `f` goes back and forth between it and the feed's text.
    let key = t.id(0);
    let location = "https://news1.example/1".to_string();
    assert_eq!(not_opening(t.keys("f")), vec![Effect::FullText { key: key.clone(), location: location.clone() }]);
    let fx = t.app.update(Msg::FullText(key.clone(), Ok(())), &t.geo.clone());
    assert_eq!(fx, vec![Effect::Open { key: key.clone(), location: location.clone(), teaser: false }]);
    assert!(t.status().contains("full article fetched"));
    assert_eq!(t.keys("f"), vec![Effect::Open { key: key.clone(), location: location.clone(), teaser: true }]);
    let failed = t.app.update(Msg::FullText("e2".into(), Err("HTTP 404".into())), &t.geo.clone());
    assert!(failed.is_empty() && t.status().contains("HTTP 404"));
    // The link goes to the browser or the clipboard; a file has none.
    assert_eq!(t.keys("o"), vec![Effect::OpenLink(location.clone())]);
    assert_eq!(t.keys("Y"), vec![Effect::CopyLink(location)]);
    t.keys("esc g g");
    assert!(t.keys("o f").is_empty());
    assert!(t.status().contains("only feed entries"));
}

#[test]
fn new_rows_from_a_refresh_keep_the_selection_on_its_article() {
    let mut t = T::new();
    let g = t.geo.clone();
    t.app.update(Msg::Rows { rows: vec![entry_row(5, 1), entry_row(6, 1)], replace: true }, &g);
    t.keys("j");
    assert_eq!(t.id(t.app.selected), "e6");
    // Two newer entries arrive above it: the list is listed again, the article stays selected.
    let rows = vec![entry_row(3, 1), entry_row(4, 1), entry_row(5, 1), entry_row(6, 1)];
    t.app.update(Msg::Rows { rows, replace: true }, &g);
    assert_eq!(t.id(t.app.selected), "e6");
}

#[test]
fn f_in_the_feeds_panel_sets_a_feed_to_fetch_full_articles() {
    let mut t = T::new();
    let g = t.geo.clone();
    t.app.update(Msg::Feeds(vec![feed_row(1, "Coast News", &["local"], None)]), &g);
    t.keys("F");
    assert_eq!(t.keys("f"), vec![Effect::SetFullText { feed: 1, on: true }]);
    assert!(t.app.feed_panel()[0].full_text, "the panel says so at once");
    assert_eq!(t.keys("f"), vec![Effect::SetFullText { feed: 1, on: false }]);
    // A tag is not a feed: nothing to set.
    t.keys("tab");
    assert!(t.keys("f").is_empty());
    assert!(t.status().contains("per feed"));
}
