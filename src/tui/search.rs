//! The search prompt's state: what is typed, the query it parses to, the articles the
//! library found for it, and the queries typed before (up and down go through them).
//! The library answers in the background; until it has, the list keeps the last answer,
//! so typing never empties the screen.
use std::collections::HashSet;

use super::action::Context;
use super::keymap::{parse_key, Key, Keymap, Lookup};
use super::prompt::Prompt;
use crate::config::{Config, ConfigError};
use crate::core::search::Query;

/// Queries remembered for up and down in the prompt.
const HISTORY: usize = 100;

/// A saved search (`[searches]`): the key that runs it, its name and its query.
#[derive(Debug, Clone)]
pub struct Saved {
    pub key: Key,
    pub name: String,
    pub query: String,
}

/// The saved searches of `config`, each key checked: one key, bound to nothing in the
/// list or the reader (it would never be read), used by one search only.
pub fn saved(config: &Config, keymap: &Keymap) -> Result<Vec<Saved>, ConfigError> {
    let mut out: Vec<Saved> = Vec::new();
    for (name, s) in &config.searches {
        let bad = |why: String| config.invalid("searches", name, &why);
        let key = parse_key(&s.key).map_err(&bad)?;
        for context in [Context::List, Context::Reader] {
            if keymap.lookup(context, &[key]) != Lookup::None {
                return Err(bad(format!("key `{}` is already bound in the {}", s.key, context.title().to_lowercase())));
            }
        }
        if let Some(other) = out.iter().find(|o| o.key == key) {
            return Err(bad(format!("key `{}` also runs the saved search `{}`", s.key, other.name)));
        }
        out.push(Saved { key, name: name.clone(), query: s.query.clone() });
    }
    Ok(out)
}

#[derive(Debug, Default)]
pub struct Search {
    /// The prompt, while it is open.
    pub prompt: Option<Prompt>,
    /// The query the list is narrowed by, as typed (empty: none).
    pub text: String,
    pub query: Query,
    /// What is wrong with what is typed, when it does not parse.
    pub error: Option<String>,
    /// The articles the library found for `answered` (the last query answered).
    keys: HashSet<String>,
    answered: Option<Query>,
    /// Whether the library was still indexing when it answered.
    pub indexing: bool,
    /// Earlier queries, oldest first, and the one shown while going through them.
    history: Vec<String>,
    browsing: Option<usize>,
}

impl Search {
    /// Whether a query narrows the list.
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Whether the library's answer for the current text is still on its way.
    pub fn pending(&self) -> bool {
        self.active() && self.answered.as_ref() != Some(&self.query)
    }

    /// Whether the library found the article with `key` for the last query it answered
    /// (all are in, with no query).
    pub fn admits(&self, key: &str) -> bool {
        !self.active() || self.keys.contains(key)
    }

    /// Opens the prompt on the current query.
    pub fn open(&mut self) {
        self.prompt = Some(Prompt::new(&self.text));
        self.browsing = None;
    }

    /// Takes the prompt's text as the query. Returns the text to ask the library about
    /// when it parses to a new non-empty query.
    pub fn edited(&mut self) -> Option<String> {
        let text = self.prompt.as_ref()?.text().replace('\n', " ");
        self.set(text)
    }

    fn set(&mut self, text: String) -> Option<String> {
        if text == self.text && self.error.is_none() {
            return None;
        }
        match Query::parse(&text) {
            Ok(query) => {
                self.error = None;
                let ask = (!query.is_empty() && query != self.query).then(|| text.clone());
                self.query = query;
                self.text = text;
                ask
            }
            Err(e) => {
                // The list keeps the last query that parsed; the status says what is wrong.
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// Searches for `text` at once, without the prompt (the entity pivot); returns what
    /// to ask the library about, as `edited` does.
    pub fn start(&mut self, text: String) -> Option<String> {
        let ask = self.set(text);
        self.accept();
        ask
    }

    /// Closes the prompt keeping the query, and remembers it.
    pub fn accept(&mut self) {
        self.prompt = None;
        self.error = None;
        let text = self.text.trim().to_string();
        if !text.is_empty() {
            self.history.retain(|h| *h != text);
            self.history.push(text);
            if self.history.len() > HISTORY {
                self.history.remove(0);
            }
        }
    }

    /// Closes the prompt and drops the query.
    pub fn clear(&mut self) {
        *self = Search { history: std::mem::take(&mut self.history), ..Search::default() };
    }

    /// Shows the query before (`older`) or after the one shown from the history in the
    /// prompt; returns what to ask the library about, as `edited` does.
    pub fn browse(&mut self, older: bool) -> Option<String> {
        if self.history.is_empty() {
            return None;
        }
        let last = self.history.len() - 1;
        let at = match (self.browsing, older) {
            (None, true) => last,
            (None, false) => return None,
            (Some(i), true) => i.saturating_sub(1),
            (Some(i), false) if i < last => i + 1,
            (Some(_), false) => {
                self.browsing = None;
                self.prompt = Some(Prompt::new(""));
                return self.set(String::new());
            }
        };
        self.browsing = Some(at);
        let text = self.history[at].clone();
        self.prompt = Some(Prompt::new(&text));
        self.set(text)
    }

    /// The library's answer for `text`; false when it answers a query no longer asked.
    pub fn answered(&mut self, text: &str, keys: HashSet<String>, indexing: bool) -> bool {
        let query = Query::parse(text).ok();
        if query.as_ref() != Some(&self.query) {
            return false;
        }
        self.keys = keys;
        self.indexing = indexing;
        self.answered = query;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(search: &mut Search, text: &str) -> Option<String> {
        search.prompt = Some(Prompt::new(text));
        search.edited()
    }

    #[test]
    fn a_new_query_is_asked_for_once_and_its_answer_narrows() {
        let mut s = Search::default();
        s.open();
        assert_eq!(typed(&mut s, "strike"), Some("strike".into()));
        assert_eq!(typed(&mut s, "strike"), None, "the same text is not asked again");
        assert!(s.pending() && !s.admits("a"), "nothing found yet");
        assert!(!s.answered("stri", HashSet::new(), false), "a stale answer is dropped");
        assert!(s.answered("strike", HashSet::from(["a".to_string()]), false));
        assert!(!s.pending() && s.admits("a") && !s.admits("b"));
        assert_eq!(typed(&mut s, "strike  "), None, "the same query typed with spaces");
        assert!(!s.pending());
    }

    #[test]
    fn a_mistake_keeps_the_last_good_query_and_says_why() {
        let mut s = Search::default();
        typed(&mut s, "strike");
        assert_eq!(typed(&mut s, "strike since:june"), None);
        assert_eq!(s.text, "strike");
        assert!(s.error.as_deref().unwrap().contains("not a date"));
        assert_eq!(typed(&mut s, "strike since:2025-06-01"), Some("strike since:2025-06-01".into()));
        assert!(s.error.is_none());
    }

    #[test]
    fn history_goes_back_and_forth_and_clear_keeps_it() {
        let mut s = Search::default();
        for q in ["strike", "bridge", "strike"] {
            typed(&mut s, q);
            s.accept();
        }
        s.clear();
        assert!(!s.active() && s.prompt.is_none());
        s.open();
        assert_eq!(s.browse(true), Some("strike".into()), "the newest first, remembered once");
        assert_eq!(s.browse(true), Some("bridge".into()));
        assert_eq!(s.browse(true), None, "no older one: it stays");
        assert_eq!(s.text, "bridge");
        assert_eq!(s.browse(false), Some("strike".into()));
        assert_eq!(s.browse(false), None, "past the newest: an empty prompt");
        assert!(!s.active());
        assert_eq!(s.prompt.as_ref().unwrap().text(), "");
    }
}
