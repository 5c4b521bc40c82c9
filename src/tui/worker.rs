//! Loading runs on a worker thread so no keypress waits on disk or parsing; documents
//! reach the UI one by one over the channel and the list fills in as they arrive.
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use super::event::Msg;
use crate::core::ingest;
use crate::demo;

/// What to open: files and folders from the command line, or the bundled demo.
#[derive(Debug, Clone)]
pub enum Sources {
    Paths(Vec<PathBuf>),
    Demo,
}

pub fn spawn_loader(sources: Sources, tx: Sender<Msg>) {
    thread::spawn(move || {
        let results: Box<dyn Iterator<Item = Result<_, _>>> = match sources {
            Sources::Demo => Box::new(demo::FILES.iter().map(|(name, text)| ingest::load_bytes(&format!("demo/{name}"), text.as_bytes()))),
            Sources::Paths(paths) => {
                let (files, errors) = ingest::discover(&paths);
                for e in errors {
                    if tx.send(Msg::LoadFailed(e.to_string())).is_err() {
                        return;
                    }
                }
                Box::new(files.into_iter().map(|f| ingest::load_file(&f)))
            }
        };
        for result in results {
            let msg = match result {
                Ok(doc) => Msg::Loaded(Box::new(doc)),
                Err(e) => {
                    tracing::warn!("{e}");
                    Msg::LoadFailed(e.to_string())
                }
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
        let _ = tx.send(Msg::LoadDone);
    });
}
