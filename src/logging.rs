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

/// Starts file logging; the guard flushes the log when dropped. When the log cannot be
/// written (a read-only or missing home), Tidings runs without one and says why: the
/// error is returned for the status bar, never a panic.
pub fn init(dir: &Path) -> Result<WorkerGuard, String> {
    let path = log_path(dir);
    let file = std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::OpenOptions::new().create(true).append(true).open(&path))
        .map_err(|e| format!("no log: cannot write {}: {e}", path.display()))?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    let filter = EnvFilter::try_from_env("TIDINGS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .map_err(|e| format!("no log: {e}"))?;
    Ok(guard)
}

pub fn log_path(dir: &Path) -> PathBuf {
    dir.join("tidings.log")
}
