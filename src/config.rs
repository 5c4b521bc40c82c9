//! Configuration: `config.example.toml` is compiled in as the defaults, and the user's
//! file is merged over it. Everything is validated before the terminal is touched, and
//! an error names the file, the line and the key.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::{Table, Value};

use crate::core::boilerplate::Rules;
use crate::core::fetch::Limits;
use crate::core::library::refresh::Parallel;
use crate::core::library::Gone;
use crate::core::store::Retention;

pub const DEFAULTS: &str = include_str!("../config.example.toml");

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ReaderConfig {
    pub width: u16,
    pub mouse: bool,
    pub wheel_lines: u16,
    pub confirm_quit: bool,
    /// Reading one version of a story marks the others read.
    pub read_story: bool,
    /// "open", "never" or "<seconds>s"; see `ReaderConfig::mark_read`.
    #[serde(rename = "mark_read")]
    mark_read_spec: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct LibraryConfig {
    pub gone: Gone,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct FeedsConfig {
    connect_timeout: u64,
    timeout: u64,
    retries: u32,
    parallel: usize,
    per_host: usize,
    pub refresh_on_start: bool,
    /// Minutes; 0 for never.
    pub refresh_every: u64,
    pub keep_days: u32,
    pub keep_per_feed: u32,
    pub browser: String,
}

impl FeedsConfig {
    pub fn limits(&self) -> Limits {
        Limits {
            connect: Duration::from_secs(self.connect_timeout),
            total: Duration::from_secs(self.timeout),
            retries: self.retries,
            ..Limits::default()
        }
    }

    pub fn parallel(&self) -> Parallel {
        Parallel { feeds: self.parallel, per_host: self.per_host }
    }

    pub fn retention(&self) -> Retention {
        Retention { days: self.keep_days, per_feed: self.keep_per_feed }
    }
}

/// When an opened article becomes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkRead {
    OnOpen,
    Never,
    After(std::time::Duration),
}

impl ReaderConfig {
    pub fn mark_read(&self) -> MarkRead {
        parse_mark_read(&self.mark_read_spec).unwrap_or(MarkRead::OnOpen)
    }
}

fn parse_mark_read(spec: &str) -> Option<MarkRead> {
    match spec {
        "open" => Some(MarkRead::OnOpen),
        "never" => Some(MarkRead::Never),
        s => s
            .strip_suffix('s')
            .and_then(|n| n.parse::<u64>().ok())
            .map(|n| MarkRead::After(std::time::Duration::from_secs(n))),
    }
}

/// A saved search (`[searches] name = { query = "…", key = "1" }`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SavedSearch {
    pub query: String,
    pub key: String,
}

/// The configuration as plain data. Key bindings and colours stay as the user wrote them
/// (the terminal UI builds its keymap and theme from them, and reports their errors
/// through `Config::invalid`), so commands that use neither never fail on them.
#[derive(Debug, Clone)]
pub struct Config {
    pub reader: ReaderConfig,
    pub library: LibraryConfig,
    pub feeds: FeedsConfig,
    pub rules: Rules,
    /// Action name → key specs ("j", "g g", "ctrl-d"), defaults merged with the user's.
    pub keys: BTreeMap<String, Vec<String>>,
    /// Colour name → colour spec ("yellow", "#ff8800").
    pub colours: BTreeMap<String, String>,
    /// Saved searches by name: a query and the key that runs it.
    pub searches: BTreeMap<String, SavedSearch>,
    /// The user's file and its text, to point errors found later at a line.
    path: String,
    user_text: String,
}

impl Config {
    /// An error about `[section] key`, naming the file and the key's line in it.
    pub fn invalid(&self, section: &str, key: &str, message: &str) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.clone(),
            message: format!("{}: {message}", at(&self.user_text, section, key)),
        }
    }

    /// Whether the user's own file sets `[section] key` (rather than the defaults).
    pub fn user_sets(&self, section: &str, key: &str) -> bool {
        locate(&self.user_text, section, key).is_some()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("config file {path}: {message}")]
    Invalid { path: String, message: String },
}

/// The per-user config file, whether or not it exists.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tidings").map(|d| d.config_dir().join("config.toml"))
}

/// Loads `explicit` (which must exist), else the user's file if there is one, else defaults.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => default_path().filter(|p| p.exists()),
    };
    match path {
        None => parse("", "(built-in defaults)"),
        Some(p) => {
            let shown = p.display().to_string();
            let text =
                std::fs::read_to_string(&p).map_err(|source| ConfigError::Read { path: shown.clone(), source })?;
            parse(&text, &shown)
        }
    }
}

/// 1-based line of `key` inside `[section]` in `text`, for error messages.
fn locate(text: &str, section: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = name.trim().to_string();
        } else if current == section {
            let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            if k == key && t.contains('=') {
                return Some(i + 1);
            }
        }
    }
    None
}

fn at(text: &str, section: &str, key: &str) -> String {
    match locate(text, section, key) {
        Some(n) => format!("line {n}: `{section}.{key}`"),
        None => format!("`{section}.{key}`"),
    }
}

/// Parses a user config text (empty for none) merged over the defaults.
pub fn parse(user_text: &str, path: &str) -> Result<Config, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid { path: path.to_string(), message };
    let mut merged: Table = toml::from_str(DEFAULTS).expect("built-in config.example.toml parses");
    let user: Table = toml::from_str(user_text).map_err(|e| invalid(e.to_string().trim_end().to_string()))?;
    for (section, value) in user {
        let Some(Value::Table(defaults)) = merged.get_mut(&section) else {
            let line = user_text.lines().position(|l| l.trim().starts_with(&format!("[{section}"))).map(|n| n + 1);
            let at = line.map_or(String::new(), |n| format!("line {n}: "));
            return Err(invalid(format!(
                "{at}unknown section `[{section}]` (known: reader, filter, searches, library, feeds, theme, keys)"
            )));
        };
        let Value::Table(entries) = value else {
            return Err(invalid(format!("`{section}` must be a table like `[{section}]`")));
        };
        for (key, v) in entries {
            let expected = match section.as_str() {
                "keys" => Some(Value::Array(Vec::new())),
                "searches" => Some(Value::Table(Table::new())),
                _ => defaults.get(&key).cloned(),
            };
            let Some(expected) = expected else {
                return Err(invalid(format!("{}: unknown option", at(user_text, &section, &key))));
            };
            let strings_ok = match &v {
                Value::Array(items) => items.iter().all(Value::is_str),
                _ => true,
            };
            if expected.type_str() != v.type_str() || !strings_ok {
                let want =
                    if section == "keys" { "a list of keys like [\"j\", \"down\"]" } else { expected.type_str() };
                return Err(invalid(format!(
                    "{}: expected {want}, found {}",
                    at(user_text, &section, &key),
                    v.type_str()
                )));
            }
            defaults.insert(key, v);
        }
    }
    let table = |name: &str| match merged.get(name) {
        Some(Value::Table(t)) => t.clone(),
        _ => Table::new(),
    };
    let reader: ReaderConfig = Value::Table(table("reader"))
        .try_into()
        .map_err(|e: toml::de::Error| invalid(format!("[reader]: {}", e.message())))?;
    if !(20..=1000).contains(&reader.width) {
        return Err(invalid(format!("{}: must be between 20 and 1000", at(user_text, "reader", "width"))));
    }
    if parse_mark_read(&reader.mark_read_spec).is_none() {
        return Err(invalid(format!(
            "{}: `{}` is not \"open\", \"never\" or a time like \"10s\"",
            at(user_text, "reader", "mark_read"),
            reader.mark_read_spec
        )));
    }
    let library: LibraryConfig = Value::Table(table("library")).try_into().map_err(|e: toml::de::Error| {
        invalid(format!("{}: {} (use \"keep\" or \"drop\")", at(user_text, "library", "gone"), e.message()))
    })?;
    let feeds: FeedsConfig = Value::Table(table("feeds"))
        .try_into()
        .map_err(|e: toml::de::Error| invalid(format!("[feeds]: {}", e.message())))?;
    let bounds: [(&str, u64, u64, u64); 5] = [
        ("connect_timeout", feeds.connect_timeout, 1, 600),
        ("timeout", feeds.timeout, 1, 3600),
        ("retries", feeds.retries.into(), 0, 10),
        ("parallel", feeds.parallel as u64, 1, 64),
        ("per_host", feeds.per_host as u64, 1, 16),
    ];
    if let Some((key, _, low, high)) = bounds.iter().find(|(_, v, low, high)| v < low || v > high) {
        return Err(invalid(format!("{}: must be between {low} and {high}", at(user_text, "feeds", key))));
    }
    let colours = table("theme").into_iter().map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string())).collect();
    let keys: BTreeMap<String, Vec<String>> = table("keys")
        .into_iter()
        .map(|(k, v)| {
            let specs = v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)).collect();
            (k, specs)
        })
        .collect();
    let strings = |key: &str| -> Vec<String> {
        table("filter")
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let patterns = |key: &str| {
        Rules::compile(&strings(key)).map_err(|e| invalid(format!("{}: {e}", at(user_text, "filter", key))))
    };
    let rules = Rules { extra_junk: patterns("extra_junk")?, keep: patterns("keep")? };
    let mut searches = BTreeMap::new();
    for (name, value) in table("searches") {
        let where_ = at(user_text, "searches", &name);
        let saved: SavedSearch = value.try_into().map_err(|e: toml::de::Error| {
            invalid(format!("{where_}: {} (write {{ query = \"…\", key = \"…\" }})", e.message()))
        })?;
        crate::core::search::Query::parse(&saved.query).map_err(|e| invalid(format!("{where_}: {e}")))?;
        searches.insert(name, saved);
    }
    Ok(Config {
        reader,
        library,
        feeds,
        rules,
        keys,
        colours,
        searches,
        path: path.to_string(),
        user_text: user_text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, "my.toml").unwrap_err().to_string()
    }

    #[test]
    fn what_happens_to_deleted_files_is_keep_or_drop() {
        assert_eq!(parse("", "x").unwrap().library.gone, Gone::Keep);
        assert_eq!(parse("[library]\ngone = \"drop\"\n", "x").unwrap().library.gone, Gone::Drop);
        let e = err("[library]\ngone = \"lose\"\n");
        assert!(e.contains("line 2: `library.gone`") && e.contains("\"keep\" or \"drop\""), "{e}");
    }

    #[test]
    fn feed_settings_are_bounded() {
        let c = parse("[feeds]\ntimeout = 5\nper_host = 1\nkeep_days = 30\n", "x").unwrap();
        assert_eq!((c.feeds.limits().total, c.feeds.limits().retries), (Duration::from_secs(5), 2));
        assert_eq!((c.feeds.parallel().feeds, c.feeds.parallel().per_host), (8, 1));
        assert_eq!(c.feeds.retention(), Retention { days: 30, per_feed: 0 });
        let e = err("[feeds]\nparallel = 0\n");
        assert!(e.contains("line 2: `feeds.parallel`: must be between 1 and 64"), "{e}");
    }

    #[test]
    fn user_values_override_defaults() {
        let c =
            parse("[reader]\nwidth = 72\n[keys]\nnext = [\"ctrl-n\"]\n[theme]\naccent = \"#ff8800\"\n", "x").unwrap();
        assert_eq!(c.reader.width, 72);
        assert_eq!(c.keys["next"], vec!["ctrl-n"]);
        assert_eq!(c.keys["prev"], vec!["k", "up"]);
        assert_eq!(c.colours["accent"], "#ff8800");
        assert!(c.user_sets("keys", "next") && !c.user_sets("keys", "prev"));
    }

    #[test]
    fn errors_name_file_line_and_key() {
        assert_eq!(err("[reader]\n\nwidht = 3\n"), "config file my.toml: line 3: `reader.widht`: unknown option");
        assert_eq!(
            err("[reader]\nwidth = \"wide\"\n"),
            "config file my.toml: line 2: `reader.width`: expected integer, found string"
        );
        assert_eq!(
            err("[reader]\nwidth = 5\n"),
            "config file my.toml: line 2: `reader.width`: must be between 20 and 1000"
        );
        assert!(err("[colors]\n").contains("line 1: unknown section `[colors]`"));
        assert!(err("[reader\nwidth=1").contains("line 1"), "{}", err("[reader\nwidth=1"));
    }

    #[test]
    fn mark_read_settings() {
        assert_eq!(parse("", "x").unwrap().reader.mark_read(), MarkRead::OnOpen);
        assert_eq!(parse("[reader]\nmark_read = \"never\"\n", "x").unwrap().reader.mark_read(), MarkRead::Never);
        assert_eq!(
            parse("[reader]\nmark_read = \"10s\"\n", "x").unwrap().reader.mark_read(),
            MarkRead::After(std::time::Duration::from_secs(10))
        );
        assert!(err("[reader]\nmark_read = \"soon\"\n").contains("line 2: `reader.mark_read`"));
    }

    #[test]
    fn filter_patterns_compile_or_name_their_line() {
        let c = parse("[filter]\nextra_junk = [\"^sponsored\"]\nkeep = [\"correction\"]\n", "x").unwrap();
        assert!(c.rules.extra_junk[0].is_match("Sponsored by Acme"));
        assert!(c.rules.keep[0].is_match("CORRECTION: an earlier version"));
        let e = err("[filter]\n\nkeep = [\"(unclosed\"]\n");
        assert!(e.contains("line 3: `filter.keep`: bad pattern `(unclosed`"), "{e}");
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let e = load(Some(Path::new("/nonexistent/tidings.toml"))).unwrap_err();
        assert!(e.to_string().starts_with("cannot read config file /nonexistent/tidings.toml"));
    }
}
