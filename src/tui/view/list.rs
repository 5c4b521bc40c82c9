//! The document list: two lines per article, the title (with the unread marker) and a
//! dim line with date and outlet. Only the visible items are built.
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{marked_spans, pane};
use crate::core::sanitize;
use crate::tui::app::{visible_offset, App, Focus, ITEM_HEIGHT};
use crate::tui::triage::View;

/// Draws the list in `area` and returns where its items are (for mouse hits and paging).
pub fn render(app: &App, f: &mut Frame, area: Rect) -> Rect {
    let loading = if app.loading { " loading…" } else { "" };
    let what = if app.demo { "Demo articles" } else { "Articles" };
    let searching = match (app.search.pending(), app.search.indexing) {
        (true, _) => " searching…",
        (false, true) => " (indexing…)",
        (false, false) => "",
    };
    let title = match app.view {
        _ if app.search.active() => format!(
            " {} of {} match {}{searching}{loading} ",
            app.shown(),
            app.rows.len(),
            sanitize::line(&app.search.query.to_string())
        ),
        View::All => format!(" {what} {}{loading} ", app.shown()),
        view => format!(" {what}, {}: {} of {}{loading} ", view.name(), app.shown(), app.rows.len()),
    };
    let block = pane(app, title, Focus::List);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let capacity = (inner.height / ITEM_HEIGHT) as usize;
    let offset = visible_offset(app.list_offset, app.selected, capacity);
    let theme = &app.theme;
    let mut lines = Vec::with_capacity(capacity * ITEM_HEIGHT as usize);
    for (i, row) in (offset..app.shown().min(offset + capacity)).filter_map(|i| app.shown_row(i).map(|r| (i, r))) {
        let state = app.state_of(&row.key);
        let unread = !state.read;
        let marked = app.triage.marked.contains(&row.key);
        let marker = match (marked, unread) {
            (true, _) => Span::styled("✓", Style::new().fg(theme.accent)),
            (false, true) => Span::styled("●", Style::new().fg(theme.unread)),
            (false, false) => Span::raw(" "),
        };
        let flag = match (app.bookmark_of(&row.key).is_some(), state.starred) {
            (true, _) => Span::styled("◆", Style::new().fg(theme.bookmark)),
            (false, true) => Span::styled("★", Style::new().fg(theme.bookmark)),
            (false, false) => Span::raw(" "),
        };
        let title_style = if unread { theme.text().add_modifier(Modifier::BOLD) } else { theme.text() };
        let date = row.published.clone();
        let location = row.location.as_deref().unwrap_or_default();
        let file_name = location.rsplit(['/', '\\']).next().unwrap_or(location);
        let source = sanitize::line(row.source.as_deref().unwrap_or(file_name)).into_owned();
        let missing = row.missing.then(|| "file gone".to_string());
        let note = app
            .bookmark_of(&row.key)
            .and_then(|b| b.note.lines().next())
            .filter(|n| !n.trim().is_empty())
            .map(|n| format!("✎ {}", sanitize::line(n)));
        let story = app.stories.of(&row.key).map(|members| match app.stories.is_open(&row.key) {
            true => format!("▾ story of {}", members.len()),
            false if members.len() == 2 => "+1 source".to_string(),
            false => format!("+{} sources", members.len() - 1),
        });
        let facts_text =
            [story, date, Some(source), missing, note].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        let mut title = Line::from(vec![marker, flag]);
        let shown_title = sanitize::line(&row.title);
        title.spans.extend(marked_spans(
            &shown_title,
            &app.search.query.find_in(&shown_title),
            title_style,
            theme.matched(),
        ));
        let mut facts = Line::from(vec![Span::raw("  "), Span::styled(facts_text.clone(), theme.dim())]);
        if i == app.selected {
            let selected = Style::new().bg(theme.selection);
            title = title.style(selected);
            // Dim text on the selection's background is unreadable: the facts take the text colour.
            facts = Line::from(vec![Span::raw("  "), Span::styled(facts_text, theme.text())]).style(selected);
        }
        lines.push(title);
        lines.push(facts);
    }
    f.render_widget(Paragraph::new(lines), inner);
    inner
}
