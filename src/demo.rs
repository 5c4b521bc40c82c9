//! The demo articles in `assets/demo/`, compiled in so `tidings` with no path works from
//! any directory. They are original texts written for Tidings, shaped like scraped pages.
pub const FILES: &[(&str, &str)] = &[
];
