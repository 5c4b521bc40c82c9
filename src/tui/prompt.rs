//! A multi-line text editor for notes. The only file that names tui_textarea, so moving to
//! its successor crate is a one-file change.
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Block;
use ratatui::Frame;
use tui_textarea::TextArea;

pub struct Prompt {
    area: TextArea<'static>,
}

impl std::fmt::Debug for Prompt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prompt").field("text", &self.text()).finish()
    }
}

impl Prompt {
    /// An editor holding `text` (made safe: a stored note may come from an imported file).
    pub fn new(text: &str) -> Prompt {
        let text = crate::core::sanitize::text(text);
        let lines: Vec<String> =
            if text.is_empty() { vec![String::new()] } else { text.lines().map(str::to_string).collect() };
        let mut area = TextArea::new(lines);
        area.move_cursor(tui_textarea::CursorMove::Bottom);
        area.move_cursor(tui_textarea::CursorMove::End);
        Prompt { area }
    }

    /// Edits with a key: typing, arrows, Enter for a new line, Backspace, and so on.
    pub fn input(&mut self, key: KeyEvent) {
        self.area.input(key);
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn render(&self, f: &mut Frame, area: Rect, block: Block<'static>, style: Style) {
        let mut widget = self.area.clone();
        widget.set_block(block);
        widget.set_style(style);
        widget.set_cursor_line_style(Style::new());
        f.render_widget(&widget, area);
    }
}
