//! Drawing. Every function here takes `&App` and draws; nothing changes state. `render`
//! returns the geometry it used so `App::update` knows page sizes.
mod list;
mod overlay;
pub use overlay::help_lines;
pub mod reader;
mod status;

use std::ops::Range;
use std::rc::Rc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::action::Action;
use super::app::{App, Focus, Geometry};
use crate::core::sanitize;

/// Below this width the list and reader take turns at full width.
pub const TWO_PANE_MIN_WIDTH: u16 = 70;

/// Draws the whole screen from `app`; `cache` keeps the reader's layout between frames.
pub fn render(app: &App, cache: &mut reader::LayoutCache, f: &mut Frame) -> Geometry {
    let area = f.area();
    let mut geo = Geometry::default();
    if area.width < 20 || area.height < 5 {
        f.render_widget(Paragraph::new("Terminal too small"), area);
        return geo;
    }
    let [main, bar] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    if main.width >= TWO_PANE_MIN_WIDTH {
        // The reader gets its full text width first; the list takes what is left, within bounds.
        let want = main.width.saturating_sub(app.reader.width + 6);
        let list_width = want.clamp((main.width * 3 / 10).clamp(28, 70), 70);
        let [left, right] = Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(main);
        geo.list_rows = list::render(app, f, left);
        render_reader(app, cache, f, right, &mut geo);
    } else if app.focus == Focus::Reader {
        render_reader(app, cache, f, main, &mut geo);
    } else {
        geo.list_rows = list::render(app, f, main);
    }
    match &app.search.prompt {
        Some(prompt) => {
            let error = app.search.error.as_deref().map(|e| format!(" {e} ")).unwrap_or_default();
            let [slash, typed, why] = Layout::horizontal([
                Constraint::Length(1),
                Constraint::Min(10),
                Constraint::Length(error.chars().count().min(bar.width as usize / 2) as u16),
            ])
            .areas(bar);
            f.render_widget(Paragraph::new("/").style(app.theme.heading()), slash);
            prompt.render(f, typed, Block::new(), app.theme.text());
            f.render_widget(Paragraph::new(error).style(ratatui::style::Style::new().fg(app.theme.error)), why);
        }
        None => status::render(app, f, bar),
    }
    if let Some(o) = app.overlay {
        overlay::render(app, o, f, main);
    }
    if let Some(editor) = &app.note_editor {
        let [popup] = Layout::horizontal([Constraint::Length(main.width.min(72))])
            .flex(ratatui::layout::Flex::Center)
            .areas(main);
        let [popup] = Layout::vertical([Constraint::Length(main.height.min(12))])
            .flex(ratatui::layout::Flex::Center)
            .areas(popup);
        f.render_widget(ratatui::widgets::Clear, popup);
        let what = match editor.field {
            crate::tui::app::Field::Note => " Note",
            crate::tui::app::Field::Tags => " Tags, separated by commas",
        };
        let key = |a: Action| app.keymap.keys_for(a).join("/");
        let block = Block::bordered()
            .title(format!("{what} · {} saves · {} cancels ", key(Action::SaveEdit), key(Action::CancelEdit)))
            .border_style(app.theme.border(true));
        editor.prompt.render(f, popup, block, app.theme.text());
    }
    scrub(f.buffer_mut());
    geo
}

/// `text` in `style`, with the byte ranges in `marks` (sorted, apart) patched by `mark`.
fn marked_spans(text: &str, marks: &[Range<usize>], style: Style, mark: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for r in marks.iter().filter(|r| r.end <= text.len()) {
        if r.start > at {
            spans.push(Span::styled(text[at..r.start].to_string(), style));
        }
        spans.push(Span::styled(text[r.clone()].to_string(), style.patch(mark)));
        at = r.end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(text[at..].to_string(), style));
    }
    spans
}

/// The last line of defence for untrusted text: whatever a widget drew, no cell leaves
/// with a character that drives the terminal. Text reaches the widgets already made safe
/// (controls shown as pictures, with their width counted); anything that slipped past is
/// dropped here, so it cannot reach the terminal.
fn scrub(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(sanitize::is_unsafe) {
            let kept: String = cell.symbol().chars().filter(|c| !sanitize::is_unsafe(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn pane<'a>(app: &App, title: String, focus: Focus) -> Block<'a> {
    let focused = app.focus == focus;
    Block::bordered().title(title).border_style(app.theme.border(focused))
}

/// The reader pane: a centred column of `reader.width`, scrolled; records the text area,
/// the number of lines and where the annotations are in `geo`.
fn render_reader(app: &App, cache: &mut reader::LayoutCache, f: &mut Frame, area: Rect, geo: &mut Geometry) {
    let Some(article) = app.current() else {
        let key = app.current_key();
        let msg = match &app.unopenable {
            Some((k, why)) if Some(k) == key.as_ref() => format!("This article cannot be opened: {why}"),
            _ if key.is_some() || app.loading => "Loading…".to_string(),
            _ => "No articles. Press ! for what could not be opened.".to_string(),
        };
        f.render_widget(
            Paragraph::new(crate::core::sanitize::line(&msg).into_owned())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .style(app.theme.dim())
                .block(pane(app, " Reader ".into(), Focus::Reader)),
            area,
        );
        return;
    };
    let block = pane(app, " Reader ".into(), Focus::Reader);
    let inner = block.inner(area);
    let width = inner.width.saturating_sub(2).min(app.reader.width).max(1);
    let left = inner.x + (inner.width - width) / 2;
    let text_area = Rect::new(left, inner.y, width, inner.height);
    let laid = cache.get(article, width as usize, &app.theme, app.show_hidden);
    let rows = text_area.height as usize;
    let scroll = app.scroll.min(laid.len().saturating_sub(rows));
    let position = scroll_label(scroll, rows, laid.len());
    f.render_widget(block.title_bottom(ratatui::text::Line::from(position).right_aligned()), area);
    let marks = cache.marks(article, &app.search.query);
    f.render_widget(Paragraph::new(laid.lines(article, &app.theme, scroll..scroll + rows, &marks)), text_area);
    geo.reader_text = text_area;
    geo.reader_lines = laid.len();
    geo.quote_lines = Rc::clone(&laid.quote_lines);
    geo.entity_lines = Rc::clone(&laid.entity_lines);
    geo.match_lines = Rc::new(marks.iter().map(|m| laid.line_of(&article.doc, m.start)).collect());
}

/// "All", "Top", "Bot" or a percentage, with the line range, like a pager.
fn scroll_label(scroll: usize, rows: usize, total: usize) -> String {
    let last = (scroll + rows).min(total);
    let pos = if total <= rows {
        "All".to_string()
    } else if scroll == 0 {
        "Top".to_string()
    } else if last >= total {
        "Bot".to_string()
    } else {
        format!("{}%", last * 100 / total)
    };
    format!(" {}-{}/{} {pos} ", scroll + 1, last, total)
}

#[cfg(test)]
mod tests {
    use super::scroll_label;

    #[test]
    fn scroll_labels() {
        assert_eq!(scroll_label(0, 10, 5), " 1-5/5 All ");
        assert_eq!(scroll_label(0, 10, 50), " 1-10/50 Top ");
        assert_eq!(scroll_label(15, 10, 50), " 16-25/50 50% ");
        assert_eq!(scroll_label(40, 10, 50), " 41-50/50 Bot ");
    }
}
