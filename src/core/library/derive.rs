//! The findings of an opened article that views over the whole library need (entity
//! names, quotations, how much furniture was hidden), and the stamp that says which
//! filter and annotator made them: a new release or other `[filter]` patterns give
//! another stamp, so findings are made again rather than trusted stale.
use std::hash::{Hash, Hasher};

use crate::core::article::Article;
use crate::core::boilerplate::Rules;
use crate::core::document::{fold_whitespace, Fnv};
use crate::core::store::{Derived, Store, StoreError};

/// What the findings hold and how: raised when that changes within a release, so that
/// libraries find their findings stale and make them again.
const FINDINGS: u32 = 4;

/// The stamp of the filter and annotator of this build with the user's `rules`.
pub fn stamp(rules: &Rules) -> i64 {
    let mut h = Fnv::default();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    FINDINGS.hash(&mut h);
    for pattern in rules.extra_junk.iter().chain(&rules.keep) {
        pattern.as_str().hash(&mut h);
    }
    // SQLite integers are signed: keep the stamp positive and readable.
    (h.finish() >> 1) as i64
}

/// What `article` holds that outlives its opening.
pub fn findings(article: &Article) -> Derived {
    let body = article.clean_text();
    Derived {
        hidden: article.hidden_count(),
        names: article.entity_groups().into_iter().map(|(name, _, _)| name).collect(),
        quotes: article
            .annotations
            .quotes
            .iter()
            .filter(|q| !article.is_hidden_at(q.range.start))
            .map(|q| (fold_whitespace(&article.doc.text[q.range.clone()]), q.speaker.clone()))
            .collect(),
        signature: crate::core::stories::Signature::of(article, &body).to_bytes(),
        body,
    }
}

/// Finds and keeps what the next `limit` articles after row `after` hold that have no
/// findings of `stamp` (their names, quotations and full-text index entry), on `threads`
/// threads, each with its own connection to the store; kept in one transaction. An
/// article that cannot be read is kept as found empty, so it is not tried again and
/// again. Returns the last row walked and how many were, or `None` when none is left.
pub fn derive_batch(
    store: &Store,
    rules: &Rules,
    stamp: i64,
    after: i64,
    limit: usize,
    threads: usize,
) -> Result<Option<(i64, usize)>, StoreError> {
    let rows = store.underived(stamp, after, limit)?;
    let Some(last) = rows.last().map(|r| r.0) else { return Ok(None) };
    let find = |store: Option<&Store>, (_, key, location): &(i64, String, String)| {
        let found =
            super::open::open(location, false, rules, store, &[]).map(|(a, _)| findings(&a)).unwrap_or_default();
        (key.clone(), found)
    };
    if threads <= 1 || rows.len() < 2 {
        let found: Vec<(String, Derived)> = rows.iter().map(|r| find(Some(store), r)).collect();
        store.save_derived_all(stamp, found)?;
    } else {
        // The threads find, this one writes what they found as it comes: the index's
        // writing (a third of the work) overlaps their finding instead of following it.
        let share = rows.len().div_ceil(threads);
        let path = store.path();
        let (tx, found) = std::sync::mpsc::channel::<(String, Derived)>();
        std::thread::scope(|scope| {
            for part in rows.chunks(share) {
                let tx = tx.clone();
                scope.spawn(move || {
                    let own = Store::open(path).ok();
                    for r in part {
                        if tx.send(find(own.as_ref(), r)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(tx);
            store.save_derived_all(stamp, found)
        })?;
    }
    Ok(Some((last, rows.len())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{article, ingest};

    #[test]
    fn findings_name_who_is_mentioned_and_who_said_what() {
        let text = "Harbour talks resume\n\nMaria Lopez met the port authority in Valencia on Monday to talk \
                    about the closed docks and the ships waiting outside the harbour.\n\n\
                    \"We will reopen the docks before the summer season begins,\" Lopez said after the meeting.\n";
        let doc = ingest::load_bytes("talks.txt", text.as_bytes()).unwrap();
        let found = findings(&article::process(doc, &Rules::default()));
        assert!(found.names.iter().any(|n| n == "Maria Lopez"), "{:?}", found.names);
        assert!(found.names.iter().any(|n| n == "Valencia"), "{:?}", found.names);
        assert_eq!(
            found.quotes,
            vec![(
                "\"We will reopen the docks before the summer season begins,\"".to_string(),
                Some("Maria Lopez".to_string())
            )]
        );
    }

    #[test]
    fn other_user_patterns_give_another_stamp() {
        let plain = Rules::default();
        let strict = Rules { extra_junk: Rules::compile(&["^sponsored".into()]).unwrap(), keep: Vec::new() };
        assert_eq!(stamp(&plain), stamp(&Rules::default()));
        assert_ne!(stamp(&plain), stamp(&strict));
        assert!(stamp(&plain) >= 0);
    }
}
