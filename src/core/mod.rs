//! Parsing and understanding articles. No terminal types live here (`tests/architecture.rs`).
pub mod annotate;
pub mod article;
pub mod boilerplate;
pub mod date;
pub mod document;
pub mod export;
pub mod feeds;
pub mod fetch;
pub mod heading;
pub mod ingest;
pub mod inspect;
pub mod library;
pub mod opml;
pub mod sanitize;
pub mod search;
pub mod store;
pub mod weights;
