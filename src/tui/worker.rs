//! Loading runs on a worker thread so no keypress waits on disk or parsing; documents
//! reach the UI one by one over the channel and the list fills in as they arrive.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
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

/// One thing to load.
enum Job {
    Demo(&'static str, &'static str),
    File(PathBuf),
}

impl Job {
    fn run(&self, rules: &Rules) -> Msg {
        match self {
            Job::Demo(name, text) => {
                let origin = format!("demo/{name}");
                guarded(&origin, rules, || ingest::load_bytes(&origin, text.as_bytes()))
            }
            Job::File(path) => guarded(&path.display().to_string(), rules, || ingest::load_file(path)),
        }
    }
}

/// Loads everything on background threads, one per core (at most four), and sends each
/// article as it is ready, then `LoadDone`.
pub fn spawn_loader(sources: Sources, rules: Rules, tx: Sender<Msg>) {
    let spawned = thread::Builder::new().name("loader".into()).spawn(move || {
        let jobs: Vec<Job> = match sources {
            Sources::Demo => demo::FILES.iter().map(|(n, t)| Job::Demo(n, t)).collect(),
            Sources::Paths(paths) => {
                let (files, errors) = ingest::discover(&paths);
                for e in errors {
                    if tx.send(Msg::LoadFailed(e.to_string())).is_err() {
                        return;
                    }
                }
                files.into_iter().map(Job::File).collect()
            }
        };
        let next = AtomicUsize::new(0);
        let workers = thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        thread::scope(|scope| {
            for _ in 0..workers {
                let (tx, next, jobs, rules) = (tx.clone(), &next, &jobs, &rules);
                scope.spawn(move || {
                    while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if tx.send(job.run(rules)).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        let _ = tx.send(Msg::LoadDone);
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
