//! Key bindings as data: key sequences ("g g", "ctrl-d") mapped to actions, read in a
//! context (the mode the screen is in) and matched by prefix, so multi-key bindings and
//! per-mode meanings need no special cases. Every key the app reacts to comes through here.
use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Context};
use crate::config::{Config, ConfigError};

/// One key press, normalised: a shifted letter is its capital, with no SHIFT flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        // Shift is in the character itself ('G'), and terminals report shift-tab as
        // BackTab with SHIFT set: neither needs the flag.
        let mods = match code {
            KeyCode::Char(_) | KeyCode::BackTab => mods - KeyModifiers::SHIFT,
            _ => mods,
        };
        Key { code, mods: mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT) }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }
}

const NAMED: [(&str, KeyCode); 16] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

/// Parses "j", "G", "?", "ctrl-d", "alt-x", "shift-tab", "pagedown", "f5".
pub fn parse_key(spec: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = spec;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        if rest.len() == len {
            break; // "ctrl-" alone is not a modifier
        }
        mods |= m;
        rest = &rest[len..];
    }
    let lower = rest.to_ascii_lowercase();
    let code = if let Some((_, c)) = NAMED.iter().find(|(n, _)| *n == lower) {
        *c
    } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n))
    {
        KeyCode::F(n)
    } else {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_whitespace() => KeyCode::Char(c),
            _ => return Err(format!("unknown key `{spec}`")),
        }
    };
    let code = match (code, mods.contains(KeyModifiers::SHIFT)) {
        (KeyCode::Tab, true) => return Ok(Key::new(KeyCode::BackTab, mods - KeyModifiers::SHIFT)),
        (KeyCode::Char(c), true) => KeyCode::Char(c.to_ascii_uppercase()),
        (c, _) => c,
    };
    Ok(Key::new(code, mods))
}

/// Parses a space-separated key sequence such as "g g".
pub fn parse_seq(spec: &str) -> Result<Vec<Key>, String> {
    if spec == " " {
        return Ok(vec![Key::new(KeyCode::Char(' '), KeyModifiers::NONE)]);
    }
    let keys = spec.split_whitespace().map(parse_key).collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err("empty key binding".into());
    }
    Ok(keys)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED.iter().find(|(_, c)| *c == code).map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

pub fn seq_to_string(seq: &[Key]) -> String {
    seq.iter().map(Key::to_string).collect::<Vec<_>>().join(" ")
}

/// What a sequence of pressed keys means so far.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The keys begin a longer binding: wait for more.
    Prefix,
    None,
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: Vec<(Vec<Key>, Action)>,
}

impl Keymap {
    /// Builds a keymap from `action name → key specs`. Errors name the offending action
    /// or key; a key sequence bound twice in one context, or one that is a prefix of
    /// another there, is refused.
    pub fn from_table(table: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeymapError> {
        let mut bindings: Vec<(Vec<Key>, Action)> = Vec::new();
        for (name, specs) in table {
            let action = Action::from_name(name).ok_or_else(|| KeymapError {
                action: name.clone(),
                other: None,
                message: format!("unknown action `{name}`"),
            })?;
            for spec in specs {
                let seq =
                    parse_seq(spec).map_err(|message| KeymapError { action: name.clone(), other: None, message })?;
                let clash = bindings.iter().find(|(s, other)| {
                    (s.starts_with(&seq) || seq.starts_with(s)) && shared_context(action, *other).is_some()
                });
                if let Some((theirs, other)) = clash {
                    let context = shared_context(action, *other).map_or("", Context::title).to_lowercase();
                    let message = if *theirs == seq {
                        format!("key `{}` is bound to both `{other}` and `{name}` ({context})", seq_to_string(&seq))
                    } else {
                        format!(
                            "key `{}` of `{name}` overlaps `{}` of `{other}` ({context})",
                            seq_to_string(&seq),
                            seq_to_string(theirs)
                        )
                    };
                    return Err(KeymapError { action: name.clone(), other: Some(other.name().to_string()), message });
                }
                bindings.push((seq, action));
            }
        }
        Ok(Keymap { bindings })
    }

    /// The keymap `config` describes; an error points at the line of the user's file that
    /// caused it (in a clash with a default binding, at the user's side of it).
    pub fn from_config(config: &Config) -> Result<Keymap, ConfigError> {
        Keymap::from_table(&config.keys).map_err(|e| {
            let culprit = [Some(&e.action), e.other.as_ref()]
                .into_iter()
                .flatten()
                .find(|a| config.user_sets("keys", a))
                .unwrap_or(&e.action);
            config.invalid("keys", culprit, &e.message)
        })
    }

    /// What `pressed` means in `context`.
    pub fn lookup(&self, context: Context, pressed: &[Key]) -> Lookup {
        let mut here = self.bindings.iter().filter(|(_, a)| a.contexts().contains(&context));
        if let Some((_, a)) = here.clone().find(|(s, _)| s == pressed) {
            return Lookup::Action(*a);
        }
        if here.any(|(s, _)| s.starts_with(pressed)) {
            return Lookup::Prefix;
        }
        Lookup::None
    }

    /// The key sequences bound to `action`, as the user would type them in config.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings.iter().filter(|(_, a)| *a == action).map(|(s, _)| seq_to_string(s)).collect()
    }

    /// Help rows (keys, description) for the actions bound in `context`, in `Action::ALL` order.
    pub fn help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        Action::ALL
            .iter()
            .filter(|(a, _, _)| a.contexts().contains(&context))
            .filter_map(|(a, _, desc)| {
                let keys = self.keys_for(*a);
                (!keys.is_empty()).then(|| (keys.join(", "), *desc))
            })
            .collect()
    }
}

/// The help screen's sections: a title and its rows per context, from the same bindings
/// the keys go through. A context that adds nothing to the one before it shares its
/// section ("List and reader"); one whose keys all mean what they mean in the list
/// (help, messages, the panels) is left out.
pub type HelpSection = (String, Vec<(String, &'static str)>);

impl Keymap {
    pub fn help(&self) -> Vec<HelpSection> {
        let list = self.help_rows(Context::List);
        let mut sections: Vec<HelpSection> = Vec::new();
        for context in Context::ALL {
            let rows = self.help_rows(context);
            match sections.last_mut() {
                Some((title, last)) if *last == rows => {
                    *title = format!("{title} and {}", context.title().to_lowercase())
                }
                _ if context != Context::List && rows.iter().all(|r| list.contains(r)) => {}
                _ => sections.push((context.title().to_string(), rows)),
            }
        }
        sections
    }

    /// Lines of the help screen (`view::overlay::help_lines`): a first line, then a blank
    /// line and a title before each section's rows.
    pub fn help_height(&self) -> usize {
        1 + self.help().iter().map(|(_, rows)| rows.len() + 2).sum::<usize>()
    }
}

/// A context in which both actions apply, if any: only there can their keys clash.
fn shared_context(a: Action, b: Action) -> Option<Context> {
    a.contexts().iter().copied().find(|c| b.contexts().contains(c))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// The `[keys]` entry at fault, so the caller can point at its line.
    pub action: String,
    /// The other action in a clash, which may be the one the user's file set.
    pub other: Option<String>,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs.iter().map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect())).collect()
    }

    #[test]
    fn parses_key_specs() {
        assert_eq!(parse_key("ctrl-d").unwrap(), Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL));
        assert_eq!(parse_key("G").unwrap(), Key::new(KeyCode::Char('G'), KeyModifiers::NONE));
        assert_eq!(parse_key("shift-g").unwrap(), parse_key("G").unwrap());
        assert_eq!(parse_key("shift-tab").unwrap(), Key::new(KeyCode::BackTab, KeyModifiers::NONE));
        assert_eq!(parse_key("PageDown").unwrap().code, KeyCode::PageDown);
        assert_eq!(parse_key("f5").unwrap().code, KeyCode::F(5));
        assert_eq!(parse_key("-").unwrap().code, KeyCode::Char('-'));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("bogus").is_err());
        assert_eq!(parse_seq("g g").unwrap().len(), 2);
    }

    #[test]
    fn display_round_trips() {
        for spec in ["ctrl-d", "G", "space", "pagedown", "g g", "alt-x", "f3", "?"] {
            assert_eq!(seq_to_string(&parse_seq(spec).unwrap()), spec);
        }
    }

    #[test]
    fn shifted_letters_from_the_terminal_match_capitals() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), parse_key("G").unwrap());
    }

    #[test]
    fn shift_tab_as_terminals_report_it_matches_backtab() {
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), parse_key("backtab").unwrap());
        assert_eq!(Key::from_event(&ev), parse_key("shift-tab").unwrap());
    }

    #[test]
    fn prefix_matching() {
        let km = Keymap::from_table(&table(&[("top", &["g g", "home"]), ("quit", &["q"])])).unwrap();
        let g = parse_key("g").unwrap();
        assert_eq!(km.lookup(Context::List, &[g]), Lookup::Prefix);
        assert_eq!(km.lookup(Context::List, &[g, g]), Lookup::Action(Action::Top));
        assert_eq!(km.lookup(Context::List, &[parse_key("x").unwrap()]), Lookup::None);
        assert_eq!(km.lookup(Context::Entities, &[g]), Lookup::None, "top means nothing in a panel");
    }

    fn err(text: &str) -> String {
        Keymap::from_config(&crate::config::parse(text, "my.toml").unwrap()).unwrap_err().to_string()
    }

    #[test]
    fn defaults_bind_every_action() {
        let km = Keymap::from_config(&crate::config::parse("", "x").unwrap()).unwrap();
        for (a, _, _) in Action::ALL {
            assert!(!km.keys_for(a).is_empty(), "{a} has no default key");
        }
    }

    #[test]
    fn errors_name_the_users_file_and_line() {
        assert!(err("[keys]\nfly = [\"f\"]\n").contains("my.toml: line 2: `keys.fly`: unknown action `fly`"));
        let e = err("[keys]\n# move\nprev = [\"k\", \"j\"]\n");
        assert!(e.contains("line 3: `keys.prev`"), "{e}");
        assert!(e.contains("`j`"), "{e}");
        // The clash is found while adding the default `next`; the message still points at the user's line.
        let e = err("[keys]\nbottom = [\"j\"]\n");
        assert!(e.contains("line 2: `keys.bottom`"), "{e}");
    }

    #[test]
    fn duplicates_and_overlaps_are_refused() {
        let err = Keymap::from_table(&table(&[("next", &["j"]), ("prev", &["j"])])).unwrap_err();
        assert_eq!(err.action, "prev");
        assert!(err.message.contains("key `j` is bound to both `next` and `prev`"), "{}", err.message);
        let err = Keymap::from_table(&table(&[("bottom", &["g"]), ("top", &["g g"])])).unwrap_err();
        assert!(err.message.contains("overlaps"), "{}", err.message);
        let err = Keymap::from_table(&table(&[("fly", &["f"])])).unwrap_err();
        assert!(err.message.contains("unknown action `fly`"));
    }

    #[test]
    fn one_key_means_different_things_in_contexts_that_share_no_action() {
        let km =
            Keymap::from_table(&table(&[("keep_quote", &["y"]), ("confirm", &["y"]), ("quit", &["ctrl-c"])])).unwrap();
        let y = [parse_key("y").unwrap()];
        assert_eq!(km.lookup(Context::Reader, &y), Lookup::Action(Action::KeepQuote));
        assert_eq!(km.lookup(Context::Confirm, &y), Lookup::Action(Action::Confirm));
        assert_eq!(km.lookup(Context::Editor, &[parse_key("ctrl-c").unwrap()]), Lookup::None, "typed, not quit");
        let err = Keymap::from_table(&table(&[("confirm", &["y"]), ("quit", &["y"])])).unwrap_err();
        assert!(err.message.contains("(questions)"), "the clash names its context: {}", err.message);
    }

    #[test]
    fn help_is_per_context() {
        let km = Keymap::from_config(&crate::config::parse("", "x").unwrap()).unwrap();
        let export: Vec<_> = km.help_rows(Context::Export).into_iter().map(|(k, _)| k).collect();
        assert_eq!(export, ["ctrl-c", "m", "j", "h", "c"]);
        assert!(km.help_rows(Context::Editor).iter().any(|(k, d)| k == "ctrl-s" && d.contains("save")));
        assert!(!km.help_rows(Context::Quotes).iter().any(|(k, _)| k == "s"), "star is not a panel key");
        let titles: Vec<String> = km.help().into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            titles,
            ["List and reader", "Feeds", "Questions", "Export format", "Note and tags editor", "Search prompt"]
        );
    }
}
