//! Pop-ups over the main view: help (generated from the live keymap), load problems, the
//! entities and quotes panels of the current article, and the feeds panel.
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use crate::core::sanitize;
use crate::tui::action::Action;
use crate::tui::app::{visible_offset, App, Grouping, Overlay};
use crate::tui::keymap::seq_to_string;

/// The help screen: how to open one's own files, then a section per context, then the
/// saved searches.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut sections: Vec<(String, Vec<(String, String)>)> = app
        .keymap
        .help()
        .into_iter()
        .map(|(title, rows)| (title, rows.into_iter().map(|(k, d)| (k, d.to_string())).collect()))
        .collect();
    if !app.saved.is_empty() {
        let rows = app.saved.iter().map(|s| (seq_to_string(&[s.key]), format!("{}: {}", s.name, s.query)));
        sections.push(("Saved searches ([searches] in the config)".into(), rows.collect()));
    }
    let key_width = sections.iter().flat_map(|(_, rows)| rows).map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut lines = vec![Line::styled("Your own articles: tidings FILE… or tidings FOLDER", theme.dim())];
    for (title, rows) in sections {
        lines.push(Line::default());
        lines.push(Line::styled(title, theme.heading()));
        lines.extend(rows.into_iter().map(|(keys, desc)| {
            Line::from(vec![
                Span::styled(format!("{keys:>key_width$}  "), theme.heading()),
                Span::styled(sanitize::line(&desc).into_owned(), theme.text()),
            ])
        }));
    }
    lines
}

fn entities(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let groups = app.current().map(|a| a.entity_groups()).unwrap_or_default();
    if groups.is_empty() {
        return vec![Line::styled("No names found in this article.", theme.dim())];
    }
    groups
        .into_iter()
        .map(|(name, label, count)| {
            Line::from(vec![
                Span::styled(format!("{count:>4}  "), theme.dim()),
                Span::styled(format!("{:<5}", label.as_str()), theme.dim()),
                Span::styled(sanitize::line(&name).into_owned(), theme.entity(label)),
            ])
        })
        .collect()
}

fn quotes(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let Some(article) = app.current() else { return Vec::new() };
    let quotes = &article.annotations.quotes;
    if quotes.is_empty() {
        return vec![Line::styled("No quotations in this article.", theme.dim())];
    }
    quotes
        .iter()
        .map(|q| {
            let who = sanitize::line(q.speaker.as_deref().unwrap_or("(unnamed)")).into_owned();
            let said = sanitize::line(&crate::core::document::fold_whitespace(&article.doc.text[q.range.clone()]))
                .into_owned();
            let room = width.saturating_sub(who.chars().count() + 2).max(10);
            let said = if said.chars().count() > room {
                format!("{}…", said.chars().take(room - 1).collect::<String>())
            } else {
                said
            };
            Line::from(vec![
                Span::styled(format!("{who}: "), theme.entity(crate::core::annotate::Label::Per)),
                Span::styled(said, theme.quote()),
            ])
        })
        .collect()
}

/// The feeds panel: a row per feed (or tag) with its unread count, and why its last
/// refresh failed.
fn feeds(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let rows = app.feed_panel();
    let label_width = rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0).min(width / 2);
    rows.into_iter()
        .map(|row| {
            let label: String = sanitize::line(&row.label).chars().take(label_width).collect();
            let unread = if row.unread > 0 { format!("{:>5}  ", row.unread) } else { "       ".into() };
            let mut spans = vec![
                Span::styled(unread, Style::new().fg(theme.unread)),
                Span::styled(
                    format!("{label:<label_width$}"),
                    if row.unread > 0 { theme.heading() } else { theme.text() },
                ),
            ];
            if row.full_text {
                spans.push(Span::styled("  full text", theme.dim()));
            }
            if let Some(why) = row.error {
                let room = width.saturating_sub(label_width + 10).max(10);
                let why: String = sanitize::line(&why).chars().take(room).collect();
                spans.push(Span::styled(format!("  ⚠ {why}"), Style::new().fg(theme.error)));
            }
            Line::from(spans)
        })
        .collect()
}

pub fn render(app: &App, overlay: Overlay, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let panel_width = (area.width.saturating_sub(4)).min(90) as usize;
    let key = |a: Action| app.keymap.keys_for(a).into_iter().next().unwrap_or_default();
    let yes = key(Action::Confirm);
    let (title, lines, selected): (String, Vec<Line>, Option<usize>) = match overlay {
        Overlay::Help(top) => {
            let title = format!(" Keys · {}/{} scroll ", key(Action::Next), key(Action::Prev));
            (title, help_lines(app).into_iter().skip(top).collect(), None)
        }
        Overlay::Messages if app.problems.is_empty() => {
            (" Problems ".into(), vec![Line::styled("Every file opened.", theme.dim())], None)
        }
        Overlay::Messages => (
            " Problems ".into(),
            app.problems.iter().map(|p| Line::styled(sanitize::line(p).into_owned(), theme.text())).collect(),
            None,
        ),
        Overlay::Entities(at) => {
            (format!(" Who and what · {}: articles mentioning it ", key(Action::Open)), entities(app), Some(at))
        }
        Overlay::Quotes(at) => {
            let title = format!(" Who said what · {}: go to it ", key(Action::Open));
            (title, quotes(app, panel_width.saturating_sub(2)), Some(at))
        }
        Overlay::Feeds(at) => {
            let by = match app.grouping {
                Grouping::ByFeed => "by feed",
                Grouping::ByTag => "by tag",
            };
            let title = format!(
                " Feeds {by} · {}: show · {}: group · {}: refresh ",
                key(Action::Open),
                key(Action::CycleGrouping),
                key(Action::RefreshFeed)
            );
            (title, feeds(app, panel_width.saturating_sub(2)), Some(at))
        }
        Overlay::ConfirmMarkAll => (
            " Mark all read ".into(),
            vec![Line::styled(format!("Mark all {} articles in this view read? {yes} / n", app.shown()), theme.text())],
            None,
        ),
        Overlay::Notice => (
            format!(" Done · {} closes ", key(Action::Back)),
            app.notice
                .iter()
                .flat_map(|n| n.lines())
                .flat_map(|l| crate::tui::view::reader::wrap(l, panel_width))
                .map(|l| Line::styled(l, theme.text()))
                .collect(),
            None,
        ),
        Overlay::ConfirmQuit => {
            (" Quit ".into(), vec![Line::styled(format!("Quit Tidings? {yes} / n"), theme.text())], None)
        }
        Overlay::ExportFormat => {
            let formats = [Action::ExportMarkdown, Action::ExportJson, Action::ExportHtml, Action::ExportCsv];
            let choices: Vec<String> = formats.iter().map(|&a| format!("{} {}", key(a), a.description())).collect();
            let line = format!("{} · other keys cancel", choices.join(" · "));
            (" Export bookmarks ".into(), vec![Line::styled(line, theme.text())], None)
        }
    };
    let content_width = lines.iter().map(Line::width).max().unwrap_or(0).max(title.chars().count());
    let width = (content_width as u16 + 4).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    f.render_widget(Clear, popup);
    let rows = height.saturating_sub(2) as usize;
    let offset = selected.map_or(0, |s| visible_offset(0, s, rows));
    let lines: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, l)| if Some(i) == selected { l.style(Style::new().bg(theme.selection)) } else { l })
        .collect();
    let block = Block::bordered().title(title.as_str()).border_style(theme.border(true));
    f.render_widget(Paragraph::new(lines).block(block), popup);
}
