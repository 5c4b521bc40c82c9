//! Colours from the `[theme]` table, turned into styles the views use.
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Config, ConfigError};
use crate::core::annotate::Label;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub accent: Color,
    pub text: Color,
    pub title: Color,
    pub dim: Color,
    pub selection: Color,
    pub unread: Color,
    pub bookmark: Color,
    pub error: Color,
    pub warning: Color,
    pub person: Color,
    pub organisation: Color,
    pub place: Color,
    pub misc: Color,
    pub quote: Color,
    pub speaker: Color,
}

impl Theme {
    /// Reads every colour of `config`; an error names the file, line and key at fault.
    pub fn from_config(config: &Config) -> Result<Theme, ConfigError> {
        let color = |key: &str| -> Result<Color, ConfigError> {
            let value = config.colours.get(key).map_or("reset", String::as_str);
            Color::from_str(value).map_err(|_| config.invalid("theme", key, &format!("`{value}` is not a colour")))
        };
        Ok(Theme {
            accent: color("accent")?,
            text: color("text")?,
            title: color("title")?,
            dim: color("dim")?,
            selection: color("selection")?,
            unread: color("unread")?,
            bookmark: color("bookmark")?,
            error: color("error")?,
            warning: color("warning")?,
            person: color("person")?,
            organisation: color("organisation")?,
            place: color("place")?,
            misc: color("misc")?,
            quote: color("quote")?,
            speaker: color("speaker")?,
        })
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::new().fg(self.accent)
        } else {
            Style::new().fg(self.dim)
        }
    }

    pub fn heading(&self) -> Style {
        Style::new().fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn text(&self) -> Style {
        Style::new().fg(self.text)
    }

    pub fn entity(&self, label: Label) -> Style {
        let fg = match label {
            Label::Per => self.person,
            Label::Org => self.organisation,
            Label::Loc => self.place,
            Label::Misc => self.misc,
        };
        Style::new().fg(fg)
    }

    pub fn quote(&self) -> Style {
        Style::new().fg(self.quote).add_modifier(Modifier::ITALIC)
    }

    pub fn speaker(&self) -> Style {
        Style::new().fg(self.speaker).add_modifier(Modifier::ITALIC)
    }

    /// A search match: reversed, so it shows in any colour scheme and over any annotation.
    pub fn matched(&self) -> Style {
        Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
    }

    pub fn dim(&self) -> Style {
        Style::new().fg(self.dim)
    }
}
