//! Logging goes to `<data dir>/tidings.log`, never to the screen (the TUI owns it).
//! `TIDINGS_LOG=debug` raises the level.
use std::path::{Path, PathBuf};

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// The directory for logs and (later) the store: `explicit`, else the platform data dir.
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| directories::ProjectDirs::from("", "", "tidings").map(|d| d.data_local_dir().to_path_buf()))
}

/// Starts file logging; the guard flushes the log when dropped. `None` if the directory
/// cannot be created, in which case Tidings runs without a log.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    std::fs::create_dir_all(dir).ok()?;
    let appender = tracing_appender::rolling::never(dir, "tidings.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("TIDINGS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_env_filter(filter).try_init().ok()?;
    Some(guard)
}

pub fn log_path(dir: &Path) -> PathBuf {
    dir.join("tidings.log")
}
