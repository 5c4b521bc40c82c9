//! Stories in the list: the articles the library found to report one event
//! (`core::stories`), shown as one row with "+N sources" until opened with a key.
use std::collections::{HashMap, HashSet};

#[derive(Debug, Default)]
pub struct Stories {
    /// The story each article belongs to (an index into `members`).
    of: HashMap<String, usize>,
    /// Each story's articles, by key.
    members: Vec<Vec<String>>,
    /// Stories shown whole in the list.
    open: HashSet<usize>,
}

impl Stories {
    /// The library's grouping, replacing the last one (stories shown whole stay so where
    /// their first article still leads one).
    pub fn set(&mut self, groups: Vec<Vec<String>>) {
        let was_open: HashSet<String> = self.open.iter().filter_map(|&s| self.members[s].first().cloned()).collect();
        self.of = groups.iter().enumerate().flat_map(|(s, keys)| keys.iter().map(move |k| (k.clone(), s))).collect();
        self.open = groups
            .iter()
            .enumerate()
            .filter(|(_, k)| k.first().is_some_and(|f| was_open.contains(f)))
            .map(|(s, _)| s)
            .collect();
        self.members = groups;
    }

    pub fn any(&self) -> bool {
        !self.members.is_empty()
    }

    /// The articles of the story `key` belongs to (itself included), if it belongs to one.
    pub fn of(&self, key: &str) -> Option<&[String]> {
        self.of.get(key).map(|&s| self.members[s].as_slice())
    }

    /// Whether the story of `key` is shown whole.
    pub fn is_open(&self, key: &str) -> bool {
        self.of.get(key).is_some_and(|s| self.open.contains(s))
    }

    /// Shows the story of `key` whole, or as one row again; false when it is in none.
    pub fn toggle(&mut self, key: &str) -> bool {
        let Some(&s) = self.of.get(key) else { return false };
        if !self.open.remove(&s) {
            self.open.insert(s);
        }
        true
    }

    pub fn show_whole(&mut self, key: &str) {
        if let Some(&s) = self.of.get(key) {
            self.open.insert(s);
        }
    }

    /// The list as shown, as positions in `keys` (the list in order): every article
    /// outside stories; the first of each story, with the others of an open story right
    /// under it in their own order, and none of a folded one's others.
    pub fn arrange(&self, keys: &[&str]) -> Vec<usize> {
        let mut rest: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            if let Some(&s) = self.of.get(*k) {
                rest.entry(s).or_default().push(i);
            }
        }
        let mut out = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            match self.of.get(*k) {
                None => out.push(i),
                Some(s) => {
                    let members = &rest[s];
                    if members[0] == i {
                        if self.open.contains(s) {
                            out.extend(members);
                        } else {
                            out.push(i);
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_story_shows_as_its_first_article_until_opened() {
        let mut s = Stories::default();
        s.set(vec![keys(&["b", "d"])]);
        let list = ["a", "d", "b", "c"];
        assert_eq!(s.arrange(&list), [0, 1, 3], "the first in the list leads");
        assert!(s.toggle("b"));
        assert_eq!(s.arrange(&list), [0, 1, 2, 3]);
        let list = ["d", "a", "c", "b"];
        assert_eq!(s.arrange(&list), [0, 3, 1, 2], "the others right under the first");
        assert!(!s.toggle("a"), "not in a story");
        s.set(vec![keys(&["b", "d", "e"])]);
        assert!(s.is_open("e"), "opened stories stay open when the grouping is made again");
        assert_eq!(s.of("d"), Some(&keys(&["b", "d", "e"])[..]));
    }
}
