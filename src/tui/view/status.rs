//! The bottom line: counts and problems on the left, key hints from the live keymap on the right.
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::seq_to_string;

const HINTS: [(Action, &str); 5] =
    [(Action::Next, "move"), (Action::Open, "open"), (Action::SwitchFocus, "focus"), (Action::Help, "help"), (Action::Quit, "quit")];

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let mut left = vec![Span::raw(format!(" {} articles", app.docs.len()))];
    if app.loading {
        left.push(Span::raw(" · loading…"));
    }
    if !app.problems.is_empty() {
        let first = &app.problems[0];
        let more = match app.problems.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        let key = app.keymap.keys_for(Action::Messages).into_iter().next().unwrap_or_default();
        left.push(Span::styled(format!(" · {first}{more} [{key}]"), Style::new().fg(app.theme.error)));
    }
    if !app.pending.is_empty() {
        left.push(Span::styled(format!(" · {}-", seq_to_string(&app.pending)), app.theme.heading()));
    }
    let hints: Vec<String> = HINTS
        .iter()
        .filter_map(|(a, label)| app.keymap.keys_for(*a).into_iter().next().map(|k| format!("{k} {label}")))
        .collect();
    let hints = format!("{} ", hints.join("  "));
    let hint_width = (hints.chars().count() as u16).min(area.width / 2);
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(hint_width)]).areas(area);
    f.render_widget(Paragraph::new(Line::from(left)), l);
    f.render_widget(Paragraph::new(hints).style(app.theme.dim()).right_aligned(), r);
}
