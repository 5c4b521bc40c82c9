//! Fetching feeds: over HTTP(S) with ureq (rustls, gzip, proxies from the environment),
//! or from a local file given as a path or a `file://` address. Every fetch is bounded
//! in time and size, and sends the validators of the last one, so an unchanged feed
//! costs a 304 and no parsing.
use std::io::Read;
use std::time::Duration;

use ureq::ResponseExt;

use crate::core::feeds::MAX_FEED_BYTES;

/// What the server answered.
#[derive(Debug)]
pub enum Fetch {
    Body(Fetched),
    /// 304: nothing changed since the validators were given.
    NotModified,
}

#[derive(Debug)]
pub struct Fetched {
    pub body: Vec<u8>,
    /// Where the body came from, after redirects: relative links resolve against it.
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The previous fetch's cache validators.
#[derive(Debug, Default, Clone, Copy)]
pub struct Validators<'a> {
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
}

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub connect: Duration,
    /// For the whole exchange, body included: a server that stalls mid-body is cut off.
    pub total: Duration,
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { connect: Duration::from_secs(10), total: Duration::from_secs(60), max_bytes: MAX_FEED_BYTES as u64 }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("{url}: HTTP {code}{hint}")]
    Status { url: String, code: u16, hint: &'static str },
    #[error("{url}: {why}")]
    Failed { url: String, why: String },
}

impl FetchError {
    /// Whether the address is gone for good (410): worth offering to unsubscribe.
    pub fn is_gone(&self) -> bool {
        matches!(self, FetchError::Status { code: 410, .. })
    }
}

const USER_AGENT: &str = concat!("Tidings/", env!("CARGO_PKG_VERSION"), " (terminal news reader)");
/// Redirects followed at most; more is a loop or a misconfigured server.
const MAX_REDIRECTS: u32 = 5;

/// Fetches `url` (http, https, file, or a local path).
pub fn fetch(url: &str, validators: Validators, limits: &Limits) -> Result<Fetch, FetchError> {
    let failed = |why: String| FetchError::Failed { url: url.to_string(), why };
    if let Some(path) = local_path(url) {
        let file = std::fs::File::open(path).map_err(|e| failed(e.to_string()))?;
        let mut body = Vec::new();
        file.take(limits.max_bytes + 1).read_to_end(&mut body).map_err(|e| failed(e.to_string()))?;
        if body.len() as u64 > limits.max_bytes {
            return Err(failed(format!("over the {} MiB limit", limits.max_bytes >> 20)));
        }
        let url = if url.starts_with("file://") { url.to_string() } else { format!("file://{url}") };
        return Ok(Fetch::Body(Fetched { body, url, etag: None, last_modified: None }));
    }
    let agent = ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .timeout_global(Some(limits.total))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .build()
        .new_agent();
    let mut request = agent.get(url).header("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
    if let Some(etag) = validators.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = validators.last_modified {
        request = request.header("If-Modified-Since", modified);
    }
    let mut response = request.call().map_err(|e| failed(describe(&e)))?;
    let code = response.status().as_u16();
    if code == 304 {
        return Ok(Fetch::NotModified);
    }
    if !(200..300).contains(&code) {
        let hint = match code {
            404 => ": not found",
            410 => ": gone for good (unsubscribe with `tidings feed remove`)",
            429 => ": too many requests; try again later",
            500..=599 => ": the server failed",
            _ => "",
        };
        return Err(FetchError::Status { url: url.to_string(), code, hint });
    }
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let final_url = response.get_uri().to_string();
    let body =
        response.body_mut().with_config().limit(limits.max_bytes).read_to_vec().map_err(|e| failed(describe(&e)))?;
    Ok(Fetch::Body(Fetched { body, url: final_url, etag, last_modified }))
}

/// A local file named by `url`, if it names one rather than a web address.
fn local_path(url: &str) -> Option<&str> {
    if let Some(path) = url.strip_prefix("file://") {
        return Some(path);
    }
    (!url.contains("://")).then_some(url)
}

/// ureq's errors in the words a reader of `tidings feed list` needs.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection refused or failed".into(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
        ureq::Error::Io(e) => e.to_string(),
        ureq::Error::BodyExceedsLimit(n) => format!("the body is over the {} MiB limit", n >> 20),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        other => other.to_string(),
    }
}
