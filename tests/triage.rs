//! Triage and bookmarks through the real keymap, saved to a real store.
mod common;

use common::{key_event, Harness};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tidings::core::store::Store;
use tidings::tui::effect::Effect;
use tidings::tui::event::Msg;
use tidings::tui::triage::View;

fn title(h: &Harness) -> String {
    h.selected_title()
}

#[test]
fn read_state_follows_opening_and_m_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tidings.db");
    let opened;
    {
        let mut h = Harness::demo_with_store(100, 30, &db);
        h.press("j enter");
        opened = title(&h);
        assert!(h.app.state_of(&h.app.current_key().unwrap()).read);
        h.press("esc j m");
        assert!(h.app.state_of(&h.app.current_key().unwrap()).read, "m marks read");
        h.press("m");
        assert!(!h.app.state_of(&h.app.current_key().unwrap()).read, "m again marks unread");
    }
    let h = Harness::demo_with_store(100, 30, &db);
    let again = h.app.rows.iter().find(|r| r.title == opened).unwrap();
    assert!(h.app.state_of(&again.key).read, "read state kept in the store");
    assert_eq!(Store::open(&db).unwrap().states().unwrap().values().filter(|s| s.read).count(), 1);
}

#[test]
fn n_jumps_to_the_next_unread_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::demo_with_store(100, 30, &dir.path().join("t.db"));
    h.press("j m k");
    assert_eq!(h.app.selected, 0);
    h.press("n");
    assert_eq!(h.app.selected, 2, "skips the article marked read");
    h.press("N");
    assert_eq!(h.app.selected, 0);
}

#[test]
fn stars_hiding_and_views() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::demo_with_store(100, 30, &dir.path().join("t.db"));
    let total = h.app.shown();
    h.press("s");
    let starred = title(&h);
    h.press("j x");
    assert_eq!(h.app.shown(), total - 1, "hidden articles leave the default view");
    h.press("V");
    assert_eq!(h.app.view, View::Unread);
    h.press("V");
    assert_eq!(h.app.view, View::Starred);
    assert_eq!(h.app.shown(), 1);
    assert_eq!(title(&h), starred);
    h.press("V V");
    assert_eq!(h.app.view, View::Hidden);
    assert_eq!(h.app.shown(), 1);
    h.press("x");
    assert_eq!(h.app.shown(), 0, "unhidden");
    assert_eq!(h.app.counts[0], total, "all articles are in the default view again");
}

#[test]
fn bulk_selection_and_one_undo_for_all_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::demo_with_store(100, 30, &dir.path().join("t.db"));
    h.press("v v v");
    assert_eq!(h.app.triage.marked.len(), 3);
    assert!(h.screen().contains("3 selected"));
    h.press("s");
    assert!(h.app.triage.marked.is_empty());
    let starred = |h: &Harness| h.app.rows.iter().filter(|r| h.app.state_of(&r.key).starred).count();
    assert_eq!(starred(&h), 3);
    h.press("u");
    assert_eq!(starred(&h), 0, "one undo takes back the bulk star");
    assert!(h.screen().contains("undone: starred (3)"), "{}", h.screen());
}

#[test]
fn twenty_actions_undo_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut h = Harness::demo_with_store(100, 30, &db);
    for _ in 0..10 {
        h.press("s m");
    }
    let star = h.app.state_of(&h.app.current_key().unwrap());
    assert!(!star.starred && !star.read, "an even number of toggles");
    for _ in 0..20 {
        h.press("u");
    }
    assert!(!h.screen().contains("nothing to undo"));
    h.press("u");
    assert!(h.screen().contains("nothing to undo"));
    let saved = Store::open(&db).unwrap().states().unwrap();
    assert!(saved.values().all(|s| !s.starred && !s.read));
}

fn type_text(h: &mut Harness, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        h.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

#[test]
fn bookmarks_with_notes_kept_quotations_and_undoable_delete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut h = Harness::demo_with_store(100, 30, &db);
    let at = h.app.rows.iter().position(|r| r.title.starts_with("Dock workers")).unwrap();
    for _ in 0..at {
        h.press("j");
    }
    h.press("b");
    let store = || Store::open(&db).unwrap();
    assert_eq!(store().bookmarks().unwrap().len(), 1);
    h.press("B");
    assert!(h.screen().contains("Note · ctrl-s saves"));
    type_text(&mut h, "Follow up with the union,\n\"ask about nights\"");
    h.send(Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert!(h.app.note_editor.is_none());
    let saved = store().bookmarks().unwrap();
    assert_eq!(saved[0].note, "Follow up with the union,\n\"ask about nights\"");
    assert!(h.screen().contains("✎ Follow"), "note preview in the list: {}", h.screen());
    // Esc cancels an edit.
    h.press("B");
    type_text(&mut h, " more");
    h.send(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    assert_eq!(store().bookmarks().unwrap()[0].note, saved[0].note);
    // Keep the first quotation on screen.
    h.press("enter ] q y");
    let kept = store().bookmarks().unwrap()[0].quotes.clone();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].starts_with("“We held together") && kept[0].ends_with("— Ilse Marchetti"), "{kept:?}");
    // Delete, then undo restores every field.
    h.press("d");
    assert!(store().bookmarks().unwrap().is_empty());
    h.press("u");
    let back = store().bookmarks().unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].note, saved[0].note);
    assert_eq!(back[0].quotes, kept);
    assert_eq!(back[0].id, saved[0].id);
    assert_eq!(h.app.bookmark_of(&h.app.current_key().unwrap()).map(|b| b.id), Some(saved[0].id));
    assert_eq!(h.app.current_key().unwrap(), back[0].article_id);
}

#[test]
fn mark_all_read_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::demo_with_store(100, 30, &dir.path().join("t.db"));
    h.press("M");
    assert!(h.screen().contains("Mark all 8 articles in this view read? y / n"));
    h.send(Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)));
    assert!(h.app.rows.iter().all(|r| !h.app.state_of(&r.key).read));
    h.press("M");
    h.send(Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)));
    assert!(h.app.rows.iter().all(|r| h.app.state_of(&r.key).read));
    h.press("u");
    assert!(h.app.rows.iter().all(|r| !h.app.state_of(&r.key).read), "undo covers the bulk mark");
}

#[test]
fn a_damaged_store_keeps_the_reader_working_and_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tidings.db");
    std::fs::write(&db, b"not a database at all").unwrap();
    let err = Store::open(&db).err().unwrap().to_string();
    assert!(err.contains("tidings.db") && err.contains("left untouched"), "{err}");
    let mut h = Harness::demo_without_store(100, 30);
    h.press("s");
    assert!(h.screen().contains("not saved: no store"), "{}", h.screen());
    assert_eq!(std::fs::read(&db).unwrap(), b"not a database at all");
}

#[test]
fn a_reading_time_marks_read_only_if_the_article_is_still_open() {
    let cfg = tidings::config::parse("[reader]\nmark_read = \"10s\"\n", "test").unwrap();
    let mut h = Harness::new(100, 30, &cfg);
    for article in common::demo_articles() {
        h.send(Msg::Loaded(Box::new(article)));
    }
    h.press("enter");
    let effects_before_tick = h.app.read_timer.clone();
    assert!(effects_before_tick.is_some(), "a timer is waiting");
    assert!(!h.app.state_of(&h.app.current_key().unwrap()).read, "not read at once");
    h.send(Msg::Tick);
    assert!(h.app.state_of(&h.app.current_key().unwrap()).read, "read once the time is up");
    // Moving on before the time is up leaves the article unread.
    h.press("esc j enter esc j");
    h.send(Msg::Tick);
    let second = h.app.shown_row(1).unwrap();
    assert!(!h.app.state_of(&second.key).read);
}

#[test]
fn tags_are_edited_as_a_comma_separated_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut h = Harness::demo_with_store(100, 30, &db);
    h.press("t");
    assert!(h.screen().contains("Tags, separated by commas"));
    type_text(&mut h, "ports, labour ,, strikes");
    h.send(Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    let saved = Store::open(&db).unwrap().bookmarks().unwrap();
    assert_eq!(saved.len(), 1, "tagging bookmarks the article");
    assert_eq!(saved[0].tags, vec!["ports", "labour", "strikes"]);
    h.press("u");
    assert!(Store::open(&db).unwrap().bookmarks().unwrap().is_empty(), "undo takes the new bookmark back");
}

#[test]
fn export_asks_for_a_format() {
    let mut h = Harness::demo(100, 30);
    h.press("E");
    assert!(h.screen().contains("m Markdown · j JSON · h browser bookmarks (HTML) · c CSV"), "{}", h.screen());
    // The file itself is written in the end-to-end test, with a home of its own.
    h.send(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    assert!(h.app.overlay.is_none());
    assert!(h.screen().contains("export cancelled"));
}

#[test]
fn the_bookmarks_view_opens_bookmarked_articles_that_are_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("kept.txt");
    std::fs::write(&elsewhere, "Harbour pilots win new contract\nThe harbour pilots signed a five-year contract on Tuesday after talks that lasted a month, their union said.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["bookmarks", "add", elsewhere.to_str().unwrap(), "--note", "from the CLI"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut h = Harness::demo_with_store(100, 30, &dir.path().join("tidings.db"));
    assert!(!h.app.rows.iter().any(|r| r.title.starts_with("Harbour pilots")));
    h.press("V V V");
    assert_eq!(h.app.view, View::Bookmarked);
    assert_eq!(h.app.shown(), 1);
    assert_eq!(title(&h), "Harbour pilots win new contract");
    assert!(h.screen().contains("✎ from the CLI"), "{}", h.screen());
    h.press("enter");
    assert!(h.screen().contains("five-year contract"));
}

#[test]
fn n_in_the_reader_marks_each_article_it_shows_read_and_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::demo_with_store(100, 30, &dir.path().join("t.db"));
    let total = h.app.shown();
    h.press("enter");
    for _ in 0..total + 2 {
        h.press("n");
    }
    assert!(h.app.rows.iter().all(|r| h.app.state_of(&r.key).read), "every article shown through n is read");
    assert_eq!(h.app.status.as_deref(), Some("no unread articles"), "n stops instead of cycling");
}

#[test]
fn mark_all_read_is_one_write_for_the_store_thread() {
    let mut h = Harness::demo_without_store(100, 30);
    let geo = h.geo.clone();
    assert!(h.app.update(Msg::Key(key_event("M")), &geo).is_empty(), "asking writes nothing");
    let effects = h.app.update(Msg::Key(key_event("y")), &geo);
    assert_eq!(effects.len(), 1, "{effects:?}");
    match &effects[0] {
        Effect::SaveStates(states) => assert_eq!(states.len(), h.app.rows.len()),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_second_window_bookmarking_the_same_article_keeps_the_first_ones_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut first = Harness::demo_with_store(100, 30, &db);
    let mut second = Harness::demo_with_store(100, 30, &db);
    first.press("B");
    type_text(&mut first, "x");
    first.send(Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert_eq!(first.app.status.as_deref(), Some("note saved"));
    second.press("b");
    let stored = Store::open(&db).unwrap().bookmarks().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].note, "x", "the note written in the first window is kept");
    let current = second.app.current_key().unwrap();
    assert_eq!(second.app.bookmark_of(&current).unwrap().note, "x", "and the second window now shows it");
}
