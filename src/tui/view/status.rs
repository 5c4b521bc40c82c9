//! The bottom line: counts and problems on the left, key hints from the live keymap on the right.
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::commands::count;
use crate::core::sanitize;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::seq_to_string;

/// Hints in order of importance: when space is short, the last ones go first.
const HINTS: [(Action, &str); 5] = [
    (Action::Help, "help"),
    (Action::Close, "quit"),
    (Action::Open, "open"),
    (Action::SwitchFocus, "focus"),
    (Action::Next, "move"),
];

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let mut left = vec![Span::raw(format!(" {}", count(app.rows.len(), "article")))];
    let [_, unread, starred, bookmarked, hidden] = app.counts;
    let counts: Vec<String> = [(unread, "unread"), (starred, "★"), (bookmarked, "◆"), (hidden, "hidden")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if !counts.is_empty() {
        left.push(Span::styled(format!(" ({})", counts.join(", ")), app.theme.dim()));
    }
    match app.progress {
        Some((done, total)) => left.push(Span::raw(format!(" · importing {done} of {total}…"))),
        None if app.loading => left.push(Span::raw(" · loading…")),
        None => {}
    }
    if app.view != crate::tui::triage::View::All {
        let count = app.shown();
        left.push(Span::styled(format!(" · view {} ({count})", app.view.name()), app.theme.heading()));
    }
    if !app.triage.marked.is_empty() {
        left.push(Span::styled(format!(" · {} selected", app.triage.marked.len()), app.theme.heading()));
    }
    if let Some(status) = &app.status {
        left.push(Span::styled(format!(" · {}", sanitize::line(status)), app.theme.heading()));
    }
    if let Some(hidden) = app.current().map(|a| a.hidden_count()).filter(|n| *n > 0) {
        let key = app.keymap.keys_for(Action::ToggleHidden).into_iter().next().unwrap_or_default();
        let state = if app.show_hidden { "shown" } else { "hidden" };
        left.push(Span::raw(format!(" · {} of page furniture {state} [{key}]", count(hidden, "block"))));
    }
    if !app.problems.is_empty() {
        let first = &app.problems[0];
        let more = match app.problems.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        let key = app.keymap.keys_for(Action::Messages).into_iter().next().unwrap_or_default();
        left.push(Span::styled(
            format!(" · {}{more} [{key}]", sanitize::line(first)),
            Style::new().fg(app.theme.error),
        ));
    }
    if !app.pending.is_empty() {
        left.push(Span::styled(format!(" · {}-", seq_to_string(&app.pending)), app.theme.heading()));
    }
    let left = Line::from(left);
    // Messages come first; hints fill what is left of the line.
    let room = (area.width as usize).saturating_sub(left.width() + 2);
    let mut hints: Vec<String> = HINTS
        .iter()
        .map(|(a, label)| {
            (a, if *a == Action::Close && app.focus == crate::tui::app::Focus::Reader { "back" } else { label })
        })
        .filter_map(|(a, label)| app.keymap.keys_for(*a).into_iter().next().map(|k| format!("{k} {label}")))
        .collect();
    while !hints.is_empty() && hints.iter().map(|h| h.chars().count() + 2).sum::<usize>() > room {
        hints.pop();
    }
    let hints = format!("{} ", hints.join("  "));
    let hint_width = if hints.trim().is_empty() { 0 } else { hints.chars().count() as u16 };
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(hint_width)]).areas(area);
    f.render_widget(Paragraph::new(left), l);
    f.render_widget(Paragraph::new(hints).style(app.theme.dim()).right_aligned(), r);
}
