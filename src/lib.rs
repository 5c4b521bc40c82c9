//! Tidings: a terminal news reader. The pure core (`core`) knows nothing of the terminal;
//! the shell (`tui`) holds state, maps keys to actions and draws.
pub mod commands;
pub mod config;
pub mod core;
pub mod demo;
pub mod logging;
pub mod tui;
