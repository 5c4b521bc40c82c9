//! Key scripts through the real keymap and `App::update`, drawn after every key.
mod common;

use common::{default_config, demo_articles, Harness};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tidings::config;
use tidings::tui::app::Focus;
use tidings::tui::event::Msg;
use tidings::tui::view::reader;

fn titles(h: &Harness) -> Vec<String> {
    h.app.rows.iter().map(|r| r.title.clone()).collect()
}

#[test]
fn list_moves_with_j_k_arrows_and_jumps_to_ends() {
    let mut h = Harness::demo(100, 30);
    let all = titles(&h);
    assert_eq!(h.app.selected, 0);
    h.press("j j down");
    assert_eq!(h.app.selected, 3);
    h.press("k up");
    assert_eq!(h.app.selected, 1);
    h.press("G");
    assert_eq!(h.app.selected, all.len() - 1);
    h.press("j");
    assert_eq!(h.app.selected, all.len() - 1, "moving past the end stays on the last");
    h.press("g g");
    assert_eq!(h.app.selected, 0);
    h.press("end home");
    assert_eq!(h.app.selected, 0);
    assert_eq!(h.app.focus, Focus::List);
}

#[test]
fn a_stray_key_after_a_prefix_is_not_swallowed() {
    let mut h = Harness::demo(100, 30);
    h.press("g j");
    assert_eq!(h.app.selected, 1);
    assert!(h.app.pending.is_empty());
}

#[test]
fn enter_opens_the_article_and_marks_it_read_esc_goes_back() {
    let mut h = Harness::demo(100, 30);
    h.press("j");
    assert!(!h.app.state_of(&h.app.current_key().unwrap()).read);
    h.press("enter");
    assert_eq!(h.app.focus, Focus::Reader);
    assert!(h.app.state_of(&h.app.current_key().unwrap()).read);
    h.press("j j");
    assert_eq!(h.app.scroll, 2, "j scrolls the reader, not the list");
    assert_eq!(h.app.selected, 1);
    h.press("esc");
    assert_eq!(h.app.focus, Focus::List);
    h.press("l h tab");
    assert_eq!(h.app.focus, Focus::Reader);
    h.press("tab");
    assert_eq!(h.app.focus, Focus::List);
}

#[test]
fn paging_in_the_reader_shows_every_line_exactly_once() {
    let mut h = Harness::demo(100, 16);
    // The longest demo article, so it takes several pages.
    let length = |title: &str| demo_articles().into_iter().find(|a| a.doc.meta.title == title).unwrap().doc.text.len();
    let longest = (0..h.app.rows.len()).max_by_key(|&i| length(&h.app.rows[i].title)).unwrap();
    for _ in 0..longest {
        h.press("j");
    }
    h.press("enter");
    let area = h.geo.reader_text;
    let article = h.app.current().unwrap().clone();
    let expected: Vec<String> = reader::lines(&article, area.width as usize, &h.app.theme, false)
        .iter()
        .map(|l| l.to_string().trim_end().to_string())
        .collect();
    assert!(expected.len() > 2 * area.height as usize, "article too short for this test");
    let mut seen = Vec::new();
    let mut last_scroll = usize::MAX;
    while h.app.scroll != last_scroll {
        last_scroll = h.app.scroll;
        let screen: Vec<String> = h.screen().lines().map(str::to_string).collect();
        for row in 0..area.height as usize {
            let line = &screen[area.y as usize + row];
            let text: String = line.chars().skip(area.x as usize).take(area.width as usize).collect();
            if seen.len() < h.app.scroll + row + 1 {
                seen.push(text.trim_end().to_string());
            }
        }
        h.press("pagedown");
    }
    assert_eq!(seen, expected);
    assert!(h.screen().contains(" Bot "));
    h.press("ctrl-u");
    assert_eq!(h.app.scroll, last_scroll - area.height as usize / 2);
    h.press("g g");
    assert_eq!(h.app.scroll, 0);
}

#[test]
fn help_lists_the_live_keymap_and_closes() {
    let cfg = config::parse("[keys]\nnext = [\"J\", \"down\"]\n", "test").unwrap();
    let mut h = Harness::new(100, 30, &cfg);
    h.press("?");
    let screen = h.screen();
    assert!(screen.contains("J, down  next article / scroll down"), "{screen}");
    assert!(screen.contains("g g, home  go to the top"), "{screen}");
    h.press("j");
    assert!(h.app.overlay.is_some(), "unbound keys leave help open");
    h.press("esc");
    assert!(h.app.overlay.is_none());
}

#[test]
fn remapped_keys_replace_the_defaults() {
    let cfg = config::parse("[keys]\nnext = [\"J\"]\nclose = []\nquit = [\"ctrl-q\"]\n", "test").unwrap();
    let mut h = Harness::new(100, 30, &cfg);
    for article in demo_articles().into_iter().take(3) {
        h.send(Msg::Loaded(Box::new(article)));
    }
    h.press("j");
    assert_eq!(h.app.selected, 0);
    h.press("J");
    assert_eq!(h.app.selected, 1);
    h.press("q");
    assert!(!h.app.quit);
    h.press("ctrl-q");
    assert!(h.app.quit);
}

#[test]
fn q_goes_back_from_the_reader_and_quits_from_the_list_ctrl_c_quits_anywhere() {
    let mut h = Harness::demo(80, 24);
    h.press("enter q");
    assert!(!h.app.quit);
    assert_eq!(h.app.focus, Focus::List);
    h.press("q");
    assert!(h.app.quit);
    let mut h = Harness::demo(80, 24);
    h.press("enter ? ctrl-c");
    assert!(h.app.quit, "ctrl-c quits even from a pop-up");
}

#[test]
fn quitting_can_ask_first() {
    let cfg = config::parse("[reader]\nconfirm_quit = true\n", "test").unwrap();
    let mut h = Harness::new(80, 24, &cfg);
    h.press("q");
    assert!(h.screen().contains("Quit Tidings? y / n"));
    h.send(Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)));
    assert!(!h.app.quit);
    h.press("q");
    h.send(Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)));
    assert!(h.app.quit);
}

#[test]
fn shift_tab_as_the_terminal_sends_it_switches_focus() {
    let mut h = Harness::demo(100, 24);
    h.send(Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
    assert_eq!(h.app.focus, Focus::Reader);
}

#[test]
fn the_list_title_counts_what_the_view_shows_in_words_that_agree() {
    let mut h = Harness::demo(100, 24);
    h.press("m V");
    let screen = h.screen();
    assert!(screen.contains("Articles, unread: 7 of 8"), "{screen}");
    let mut one = Harness::new(100, 24, &default_config());
    one.send(Msg::Loaded(Box::new(demo_articles().remove(0))));
    assert!(one.screen().contains(" 1 article "), "{}", one.screen());
}

#[test]
fn the_selected_rows_date_and_source_are_readable() {
    let h = Harness::demo(100, 24);
    let list = h.geo.list_rows;
    let buf = h.terminal.backend().buffer();
    let facts = &buf[(list.x + 3, list.y + 1)];
    assert_eq!(facts.bg, h.app.theme.selection);
    assert_ne!(facts.fg, h.app.theme.selection, "not drawn in the background colour");
    assert_ne!(facts.fg, h.app.theme.dim);
    assert_eq!(buf[(list.x + 3, list.y + 3)].fg, h.app.theme.dim, "other rows stay dim");
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_clicks_select() {
    let mut h = Harness::demo(120, 30);
    let (list, text) = (h.geo.list_rows, h.geo.reader_text);
    h.send(mouse(MouseEventKind::ScrollDown, text.x + 2, text.y + 2));
    assert_eq!(h.app.scroll, 3);
    assert_eq!(h.app.selected, 0);
    h.send(mouse(MouseEventKind::ScrollDown, list.x + 2, list.y + 2));
    assert_eq!(h.app.selected, 1);
    assert_eq!(h.app.scroll, 0, "a new article starts at the top");
    h.send(mouse(MouseEventKind::Down(MouseButton::Left), list.x + 3, list.y + 2 * 3 + 1));
    assert_eq!(h.app.selected, 3);
}

#[test]
fn articles_arriving_later_do_not_move_the_selection() {
    let mut h = Harness::new(100, 30, &default_config());
    let docs = demo_articles();
    for d in docs.iter().take(4) {
        h.send(Msg::Loaded(Box::new(d.clone())));
    }
    h.press("j");
    let chosen = h.selected_title();
    for d in docs.iter().skip(4) {
        h.send(Msg::Loaded(Box::new(d.clone())));
    }
    assert_eq!(h.selected_title(), chosen);
    // Newest first where dated, undated after.
    let dates: Vec<_> = h.app.rows.iter().map(|r| r.published.clone()).collect();
    let dated: Vec<_> = dates.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(dates.iter().skip_while(|d| d.is_some()).all(Option::is_none), "{dates:?}");
}

#[test]
fn small_terminals_show_one_pane_at_a_time() {
    let mut h = Harness::demo(100, 30);
    h.press("j enter");
    let title = h.selected_title();
    h.resize(40, 10);
    let screen = h.screen();
    assert!(screen.contains("Reader"), "{screen}");
    assert!(!screen.contains("Articles"), "{screen}");
    h.press("esc");
    assert!(h.screen().contains("Articles"));
    h.resize(100, 30);
    assert_eq!(h.selected_title(), title);
    assert!(h.screen().contains("Articles") && h.screen().contains("Reader"));
}

#[test]
fn load_problems_show_in_the_status_bar_and_the_messages_overlay() {
    let mut h = Harness::demo(100, 30);
    h.send(Msg::LoadFailed("bad.bin: binary file, not an article".into()));
    h.send(Msg::LoadFailed("gone.txt: cannot read: No such file".into()));
    let screen = h.screen();
    let status = screen.lines().last().unwrap();
    assert!(status.contains("bad.bin: binary file, not an article (+1 more) [!]"), "{status}");
    h.press("!");
    assert!(h.screen().contains("gone.txt: cannot read: No such file"));
    h.press("esc");
    assert!(!h.screen().contains("gone.txt"));
}

/// Selects the demo article whose title starts with `prefix` and opens it.
fn open_article(h: &mut Harness, prefix: &str) {
    let at = h.app.rows.iter().position(|r| r.title.starts_with(prefix)).unwrap();
    h.press("g g");
    for _ in 0..at {
        h.press("j");
    }
    h.press("enter");
}

#[test]
fn bracket_q_and_bracket_e_jump_between_quotations_and_names() {
    let mut h = Harness::demo(100, 20);
    open_article(&mut h, "Dock workers");
    let mut quotes: Vec<usize> = h.geo.quote_lines.iter().flatten().copied().collect();
    quotes.dedup();
    assert!(quotes.len() >= 3, "{quotes:?}");
    h.press("] q");
    assert_eq!(h.app.scroll, quotes[0]);
    h.press("] q");
    assert_eq!(h.app.scroll, quotes[1]);
    h.press("[ q");
    assert_eq!(h.app.scroll, quotes[0]);
    let before = h.app.scroll;
    h.press("] e");
    assert!(h.app.scroll > before, "next entity is further down");
    assert!(h.geo.entity_lines.iter().flatten().any(|&l| l == h.app.scroll));
    h.press("[ e");
    assert!(h.app.scroll < before + 1);
}

#[test]
fn the_entities_panel_filters_the_library_and_esc_clears_it() {
    let mut h = Harness::demo(120, 30);
    open_article(&mut h, "Dock workers");
    h.press("e");
    let screen = h.screen();
    assert!(screen.contains("Who and what"), "{screen}");
    // Rows are sorted by mentions; find "Velmar" (a place several articles name) and pick it.
    let groups = h.app.current().unwrap().entity_groups();
    let row = groups.iter().position(|g| g.0 == "Velmar").expect("Velmar is in the panel");
    for _ in 0..row {
        h.press("j");
    }
    h.press("enter");
    assert_eq!(h.app.search.text, "entity:\"Velmar\"");
    let shown: Vec<String> = (0..h.app.shown()).map(|i| h.app.shown_row(i).unwrap().title.clone()).collect();
    assert!(shown.len() < h.app.rows.len(), "{shown:?}");
    assert!(shown.iter().all(|t| !t.starts_with("Stolen medieval crown")), "{shown:?}");
    assert!(h.screen().contains(&format!("{} of 8 match entity:Velmar", shown.len())), "{}", h.screen());
    h.press("esc");
    assert!(!h.app.search.active());
    assert_eq!(h.app.shown(), h.app.rows.len());
}

#[test]
fn the_quotes_panel_lists_speakers_and_jumps_to_a_quotation() {
    let mut h = Harness::demo(120, 20);
    open_article(&mut h, "Dock workers");
    h.press("Q");
    let screen = h.screen();
    assert!(screen.contains("Ilse Marchetti: “We held together"), "{screen}");
    h.press("j j enter");
    assert!(h.app.overlay.is_none());
    assert_eq!(Some(h.app.scroll), h.geo.quote_lines[2]);
    assert_eq!(h.app.focus, Focus::Reader);
}

#[test]
fn the_entity_pivot_finds_articles_that_use_only_the_short_name() {
    let mut h = Harness::new(100, 30, &default_config());
    let texts = [
        ("full.txt", "Mayor opens the harbour bridge\nMayor Marta Vellin opened the new harbour bridge on Monday, and Vellin said the work was done on time.\n"),
        ("short.txt", "Bridge tolls stay\nThe tolls will stay for a year, Vellin told the council on Tuesday after a long debate.\n"),
        ("other.txt", "Rain delays the regatta\nThe regatta was delayed by rain, organisers said on Sunday in the harbour town.\n"),
    ];
    for (name, text) in texts {
        let doc = tidings::core::ingest::load_bytes(name, text.as_bytes()).unwrap();
        h.send(Msg::Loaded(Box::new(tidings::core::article::process(doc, &Default::default()))));
    }
    let full = h.app.rows.iter().position(|r| r.location.as_deref() == Some("full.txt")).unwrap();
    h.app.selected = full;
    h.press("e");
    let groups = h.app.current().unwrap().entity_groups();
    let at = groups.iter().position(|g| g.0 == "Marta Vellin").expect("the full name is an entity");
    for _ in 0..at {
        h.press("j");
    }
    h.press("enter");
    let shown: Vec<String> = (0..h.app.shown()).filter_map(|i| h.app.shown_row(i)?.location.clone()).collect();
    assert!(shown.contains(&"short.txt".to_string()), "{shown:?}");
    assert!(!shown.contains(&"other.txt".to_string()), "{shown:?}");
}
