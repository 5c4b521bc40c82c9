//! Whole-screen snapshots of the real app on a TestBackend (text), plus style checks.
mod common;

use common::Harness;
use ratatui::style::{Color, Modifier};

#[test]
fn demo_at_80x24() {
    let h = Harness::demo(80, 24);
    insta::assert_snapshot!("demo_80x24", h.screen());
}

#[test]
fn reader_scrolled_at_80x24() {
    let mut h = Harness::demo(80, 24);
    h.press("j j j enter ctrl-d");
    insta::assert_snapshot!("reader_scrolled_80x24", h.screen());
}

#[test]
fn narrow_40x10_list_then_reader() {
    let mut h = Harness::demo(40, 10);
    insta::assert_snapshot!("narrow_40x10_list", h.screen());
    h.press("enter");
    insta::assert_snapshot!("narrow_40x10_reader", h.screen());
}

#[test]
fn wide_terminal_centres_the_text_column() {
    let h = Harness::demo(160, 20);
    let text = h.geo.reader_text;
    assert_eq!(text.width, 80);
    // The reader pane's inside runs from right of the list's border and its own, to the last column's border.
    let inner_left = h.geo.list_rows.x + h.geo.list_rows.width + 2;
    let inner_right = 160 - 1;
    let left_margin = text.x - inner_left;
    let right_margin = inner_right - (text.x + text.width);
    assert!(left_margin > 0, "{text:?}");
    assert!(left_margin.abs_diff(right_margin) <= 1, "margins {left_margin} and {right_margin}");
    insta::assert_snapshot!("wide_160x20", h.screen());
}

#[test]
fn help_overlay_at_80x24() {
    let mut h = Harness::demo(80, 24);
    h.press("?");
    insta::assert_snapshot!("help_80x24", h.screen());
}

#[test]
fn feeds_panel_at_80x24() {
    let mut h = Harness::demo(80, 24);
    let feeds = vec![
        common::feed_row(1, "Coast News", &["local"], None),
        common::feed_row(
            2,
            "Wire \u{1b}[31mService",
            &[],
            Some("https://news2.example/feed: HTTP 503: the server failed"),
        ),
    ];
    h.send(tidings::tui::event::Msg::Feeds(feeds));
    h.press("F");
    insta::assert_snapshot!("feeds_80x24", h.screen());
    h.press("tab");
    insta::assert_snapshot!("feeds_by_tag_80x24", h.screen());
}

#[test]
fn styles_mark_selection_unread_and_title() {
    let mut h = Harness::demo(100, 24);
    let theme = h.app.theme.clone();
    let buf = h.terminal.backend().buffer().clone();
    let list = h.geo.list_rows;
    // Unread marker on the first row, in the unread colour.
    let marker = &buf[(list.x, list.y)];
    assert_eq!(marker.symbol(), "●");
    assert_eq!(marker.fg, theme.unread);
    // The selected item's two rows carry the selection background.
    assert_eq!(buf[(list.x + 5, list.y)].bg, theme.selection);
    assert_eq!(buf[(list.x + 5, list.y + 1)].bg, theme.selection);
    assert_ne!(buf[(list.x + 5, list.y + 2)].bg, theme.selection);
    // The reader title is bold in the title colour.
    let text = h.geo.reader_text;
    let title = &buf[(text.x, text.y)];
    assert_eq!(title.fg, theme.title);
    assert!(title.modifier.contains(Modifier::BOLD));
    // Once opened, the article is no longer marked unread.
    h.press("enter esc");
    let buf = h.terminal.backend().buffer();
    assert_eq!(buf[(list.x, list.y)].symbol(), " ");
    assert_ne!(theme.unread, Color::Reset);
}

#[test]
fn hidden_furniture_shown_dimmed_with_its_reason() {
    let mut h = Harness::demo(100, 30);
    // The harbour strike page opens with a share bar.
    let at = h.app.rows.iter().position(|r| r.title.starts_with("Dock workers")).unwrap();
    for _ in 0..at {
        h.press("j");
    }
    h.press("enter");
    let before = h.screen();
    assert!(!before.contains("Share via"), "{before}");
    assert!(before.lines().last().unwrap().contains("blocks of page furniture hidden [z]"), "{before}");
    h.press("z");
    insta::assert_snapshot!("hidden_shown_100x30", h.screen());
    let label_row = h.screen().lines().position(|l| l.contains("┄ hidden: share links ┄")).unwrap() as u16;
    let text = h.geo.reader_text;
    let cell = &h.terminal.backend().buffer()[(text.x, label_row)];
    assert_eq!(cell.fg, h.app.theme.dim, "hidden blocks are dimmed");
    h.press("z");
    assert!(!h.screen().contains("Share via"));
}

#[test]
fn names_and_quotations_are_highlighted() {
    let mut h = Harness::demo(100, 30);
    let at = h.app.rows.iter().position(|r| r.title.starts_with("Dock workers")).unwrap();
    for _ in 0..at {
        h.press("j");
    }
    h.press("enter");
    let theme = h.app.theme.clone();
    let screen = h.screen();
    let buf = h.terminal.backend().buffer().clone();
    let find = |needle: &str| -> (u16, u16) {
        for (y, line) in screen.lines().enumerate() {
            if let Some(byte) = line.find(needle) {
                return (line[..byte].chars().count() as u16, y as u16);
            }
        }
        panic!("{needle} not on screen:\n{screen}");
    };
    let (x, y) = find("Ilse Marchetti");
    assert_eq!(buf[(x, y)].fg, theme.person, "a person");
    let (x, y) = find("Ministry of");
    assert_eq!(buf[(x, y)].fg, theme.organisation, "an organisation");
    let (x, y) = find("“We held");
    assert_eq!(buf[(x, y)].fg, theme.quote);
    assert!(buf[(x, y)].modifier.contains(ratatui::style::Modifier::ITALIC), "quotations in italics");
    let (x, y) = find("— Ilse Marchetti");
    assert_eq!(buf[(x, y)].fg, theme.speaker, "the speaker under the paragraph");
    // A debug snapshot of the styled rows (ratatui lists the style runs) keeps the palette under review.
    let text = h.geo.reader_text;
    let area = ratatui::layout::Rect::new(0, 0, text.width, 6);
    let mut rows = ratatui::buffer::Buffer::empty(area);
    for row in 0..6 {
        for col in 0..text.width {
            rows[(col, row)] = buf[(text.x + col, y - 5 + row)].clone();
        }
    }
    insta::assert_debug_snapshot!("highlight_rows", rows);
}

#[test]
fn a_search_narrows_the_list_and_marks_its_matches() {
    let mut h = Harness::demo(100, 24);
    h.press("/ d o c k");
    insta::assert_snapshot!("search_prompt_100x24", h.screen());
    h.press("enter");
    let screen = h.screen();
    assert!(screen.contains("1 of 8 match dock"), "{screen}");
    let buf = h.terminal.backend().buffer().clone();
    // Where `needle` first shows at or after column `from`, and whether it is marked.
    let reversed = |needle: &str, from: usize| {
        let (y, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.char_indices().any(|(b, _)| l[b..].starts_with(needle) && l[..b].chars().count() >= from))
            .expect("on screen");
        let byte = line
            .char_indices()
            .find(|(b, _)| line[*b..].starts_with(needle) && line[..*b].chars().count() >= from)
            .unwrap()
            .0;
        let x = line[..byte].chars().count() as u16;
        buf[(x, y as u16)].modifier.contains(ratatui::style::Modifier::REVERSED)
    };
    let reader = h.geo.reader_text.x as usize;
    assert!(reversed("Dock workers end", 0), "the match in the list's title is marked:\n{screen}");
    assert!(reversed("Dock workers at", reader), "and in the article:\n{screen}");
    assert!(!reversed("workers at", reader), "other words are not");
    h.press("esc");
    assert!(h.screen().contains("Articles 8 "), "the whole list again: {}", h.screen());
}
