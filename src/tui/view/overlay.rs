//! Pop-ups over the main view: help (generated from the live keymap) and load problems.
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::tui::app::{App, Overlay};

pub fn render(app: &App, overlay: Overlay, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let (title, lines): (&str, Vec<Line>) = match overlay {
        Overlay::Help => {
            let rows = app.keymap.help_rows();
            let key_width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
            let lines = rows
                .into_iter()
                .map(|(keys, desc)| {
                    Line::from(vec![Span::styled(format!("{keys:>key_width$}  "), theme.heading()), Span::styled(desc, theme.text())])
                })
                .collect();
            (" Keys ", lines)
        }
        Overlay::Messages if app.problems.is_empty() => (" Problems ", vec![Line::styled("Every file opened.", theme.dim())]),
        Overlay::Messages => (" Problems ", app.problems.iter().map(|p| Line::styled(p.clone(), theme.text())).collect()),
    };
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
    let height = lines.len() as u16 + 2;
    let [popup] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(popup);
    f.render_widget(Clear, popup);
    let block = Block::bordered().title(title).border_style(theme.border(true));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), popup);
}
