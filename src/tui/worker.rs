//! Loading runs on a worker thread so no keypress waits on disk or parsing; documents
//! reach the UI one by one over the channel and the list fills in as they arrive.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use super::event::Msg;
use crate::core::article;
use crate::core::boilerplate::Rules;
use crate::core::document::Document;
use crate::core::ingest::{self, IngestError};
use crate::demo;

/// What to open: files and folders from the command line, or the bundled demo.
#[derive(Debug, Clone)]
pub enum Sources {
    Paths(Vec<PathBuf>),
    Demo,
}

/// Loads and filters one article; a panic inside a parser becomes an error for that item alone.
fn guarded(name: &str, rules: &Rules, load: impl FnOnce() -> Result<Document, IngestError>) -> Msg {
    match catch_unwind(AssertUnwindSafe(|| load().map(|doc| article::process(doc, rules)))) {
        Ok(Ok(article)) => Msg::Loaded(Box::new(article)),
        Ok(Err(e)) => {
            tracing::warn!("{e}");
            Msg::LoadFailed(e.to_string())
        }
        Err(_) => Msg::LoadFailed(format!("{name}: could not be read (internal error; details in the log)")),
    }
}

pub fn spawn_loader(sources: Sources, rules: Rules, tx: Sender<Msg>) {
    let spawned = thread::Builder::new().name("loader".into()).spawn(move || {
        let send = |msg| tx.send(msg).is_ok();
        match sources {
            Sources::Demo => {
                for (name, text) in demo::FILES {
                    let origin = format!("demo/{name}");
                    if !send(guarded(&origin, &rules, || ingest::load_bytes(&origin, text.as_bytes()))) {
                        return;
                    }
                }
            }
            Sources::Paths(paths) => {
                let (files, errors) = ingest::discover(&paths);
                for e in errors {
                    if !send(Msg::LoadFailed(e.to_string())) {
                        return;
                    }
                }
                for f in files {
                    if !send(guarded(&f.display().to_string(), &rules, || ingest::load_file(&f))) {
                        return;
                    }
                }
            }
        }
        send(Msg::LoadDone);
    });
    if let Err(e) = spawned {
        tracing::error!("cannot start the loader thread: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_parser_becomes_an_error_for_that_item() {
        let msg = guarded("bad.html", &Rules::default(), || panic!("parser bug"));
        match msg {
            Msg::LoadFailed(why) => assert!(why.starts_with("bad.html: could not be read"), "{why}"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn the_demo_loads_completely() {
        let (tx, rx) = std::sync::mpsc::channel();
        spawn_loader(Sources::Demo, Rules::default(), tx);
        let msgs: Vec<Msg> = rx.iter().collect();
        let loaded = msgs.iter().filter(|m| matches!(m, Msg::Loaded(_))).count();
        assert_eq!(loaded, demo::FILES.len());
        assert!(matches!(msgs.last(), Some(Msg::LoadDone)));
    }
}
