//! The document list: read marker, date, title, outlet. Only the visible rows are built.
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};
use ratatui::Frame;

use super::pane;
use crate::tui::app::{visible_offset, App, Focus};

/// Draws the list in `area` and returns where its rows are (for mouse hits and paging).
pub fn render(app: &App, f: &mut Frame, area: Rect) -> Rect {
    let loading = if app.loading { " loading…" } else { "" };
    let block = pane(app, format!(" Articles {}{loading} ", app.docs.len()), Focus::List);
    let inner = block.inner(area);
    let rows_area = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    let wide = inner.width >= 50;
    let offset = visible_offset(app.list_offset, app.selected, rows_area.height as usize);
    let theme = &app.theme;
    let rows = app.docs.iter().enumerate().skip(offset).take(rows_area.height as usize).map(|(i, d)| {
        let unread = !app.read.contains(&d.id);
        let marker = if unread { Span::styled("●", Style::new().fg(theme.unread)) } else { Span::raw(" ") };
        let date = d.meta.published.map(|p| p.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let title_style = if unread { theme.text().add_modifier(Modifier::BOLD) } else { theme.text() };
        let source = d.meta.source.as_deref().unwrap_or_else(|| d.file_name());
        let mut cells = vec![Cell::from(marker), Cell::from(Span::styled(d.meta.title.clone(), title_style))];
        if wide {
            cells.insert(1, Cell::from(Span::styled(date, theme.dim())));
            cells.push(Cell::from(Span::styled(source.to_string(), theme.dim())));
        }
        let row = Row::new(cells);
        if i == app.selected {
            row.style(Style::new().bg(theme.selection).add_modifier(Modifier::BOLD))
        } else {
            row
        }
    });
    let widths: Vec<Constraint> = if wide {
        vec![Constraint::Length(1), Constraint::Length(10), Constraint::Fill(3), Constraint::Fill(1)]
    } else {
        vec![Constraint::Length(1), Constraint::Fill(1)]
    };
    let header_cells: Vec<&str> = if wide { vec!["", "Date", "Title", "Source"] } else { vec!["", "Title"] };
    let header = Row::new(header_cells).style(theme.dim().add_modifier(Modifier::UNDERLINED));
    f.render_widget(Table::new(rows, widths).header(header).block(block), area);
    rows_area
}
