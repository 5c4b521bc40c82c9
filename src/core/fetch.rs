//! Fetching feeds and article pages: over HTTP(S) with ureq (rustls, gzip, proxies from
//! the environment), or a feed from a local file given as a path or a `file://` address.
//! Every fetch is bounded in time and size, tried again after failures that may pass,
//! and a feed's sends the validators of the last one, so an unchanged feed costs a 304
//! and no parsing.
use std::io::Read;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    /// Where the address moved for good (permanent redirects only), to fetch from now on.
    pub moved_to: Option<String>,
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
    /// Further tries after a transient failure (timeout, refused, 429, 5xx).
    pub retries: u32,
    /// The wait before the first retry, doubled for each one after; a server's
    /// Retry-After replaces it.
    pub backoff: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(60),
            max_bytes: MAX_FEED_BYTES as u64,
            retries: 2,
            backoff: Duration::from_secs(1),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("{url}: HTTP {code}{hint}")]
    Status { url: String, code: u16, hint: &'static str, retry_after: Option<Duration> },
    #[error("{url}: {why}")]
    Failed { url: String, why: String, transient: bool },
}

impl FetchError {
    /// Whether the address is gone for good (410): worth offering to unsubscribe.
    pub fn is_gone(&self) -> bool {
        matches!(self, FetchError::Status { code: 410, .. })
    }

    /// Whether trying again later may work, and how long the server asked to wait.
    fn transient(&self) -> Option<Option<Duration>> {
        match self {
            FetchError::Status { code: 429 | 500 | 502 | 503 | 504, retry_after, .. } => Some(*retry_after),
            FetchError::Failed { transient: true, .. } => Some(None),
            _ => None,
        }
    }
}

const USER_AGENT: &str = concat!("Tidings/", env!("CARGO_PKG_VERSION"), " (terminal news reader)");
/// Redirects followed at most; more is a loop or a misconfigured server.
const MAX_REDIRECTS: u32 = 5;
/// A server asking to wait longer than this is not waited for: the refresh goes on
/// and the next one tries again.
const LONGEST_WAIT: Duration = Duration::from_secs(30);
const FEED_TYPES: &str = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
/// Largest article page read for its full text; news pages are well under 5 MB.
const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;
const PAGE_TYPES: &str = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

/// One HTTP agent (its connections are reused, and it is shared by the threads of a
/// refresh) with the limits every fetch keeps.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
}

impl Client {
    pub fn new(limits: Limits) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(limits.connect))
            .timeout_global(Some(limits.total))
            // Redirects are followed here, one by one, to tell permanent ones apart.
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .build()
            .new_agent();
        Client { agent, limits }
    }

    /// Fetches a feed (http, https, file, or a local path), sending the validators
    /// of the last fetch.
    pub fn feed(&self, url: &str, validators: Validators) -> Result<Fetch, FetchError> {
        if let Some(path) = local_path(url) {
            return self.local(url, path).map(Fetch::Body);
        }
        self.with_retries(|| self.get(url, FEED_TYPES, validators, self.limits.max_bytes))
    }

    /// Fetches an article's page, for its full text.
    pub fn page(&self, url: &str) -> Result<Fetched, FetchError> {
        if !url.starts_with("http://") && !url.starts_with("https://") {
            return Err(FetchError::Failed { url: url.into(), why: "not a web address".into(), transient: false });
        }
        let max_bytes = self.limits.max_bytes.min(MAX_PAGE_BYTES);
        match self.with_retries(|| self.get(url, PAGE_TYPES, Validators::default(), max_bytes))? {
            Fetch::Body(body) => Ok(body),
            Fetch::NotModified => {
                Err(FetchError::Failed { url: url.into(), why: "HTTP 304 unasked".into(), transient: false })
            }
        }
    }

    fn with_retries(&self, attempt: impl Fn() -> Result<Fetch, FetchError>) -> Result<Fetch, FetchError> {
        let mut wait = self.limits.backoff;
        for _ in 0..self.limits.retries {
            match attempt() {
                Err(e) => match e.transient() {
                    Some(asked) if asked.unwrap_or(wait) <= LONGEST_WAIT => {
                        std::thread::sleep(asked.unwrap_or(wait));
                        wait *= 2;
                    }
                    _ => return Err(e),
                },
                done => return done,
            }
        }
        attempt()
    }

    fn local(&self, url: &str, path: &str) -> Result<Fetched, FetchError> {
        let failed = |why: String| FetchError::Failed { url: url.to_string(), why, transient: false };
        let file = std::fs::File::open(path).map_err(|e| failed(e.to_string()))?;
        let mut body = Vec::new();
        file.take(self.limits.max_bytes + 1).read_to_end(&mut body).map_err(|e| failed(e.to_string()))?;
        if body.len() as u64 > self.limits.max_bytes {
            return Err(failed(format!("over the {} MiB limit", self.limits.max_bytes >> 20)));
        }
        let url = if url.starts_with("file://") { url.to_string() } else { format!("file://{url}") };
        Ok(Fetched { body, url, moved_to: None, etag: None, last_modified: None })
    }

    /// One GET, following redirects itself so that an address moved for good (301,
    /// 308, and every hop before it too) can be remembered.
    fn get(&self, url: &str, accept: &str, validators: Validators, max_bytes: u64) -> Result<Fetch, FetchError> {
        let failed = |why: String, transient: bool| FetchError::Failed { url: url.to_string(), why, transient };
        let (mut at, mut moved_to, mut permanent) = (url.to_string(), None, true);
        for _ in 0..=MAX_REDIRECTS {
            let mut request = self.agent.get(&at).header("Accept", accept);
            if let Some(etag) = validators.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(modified) = validators.last_modified {
                request = request.header("If-Modified-Since", modified);
            }
            let mut response = request.call().map_err(|e| failed(describe(&e), is_transient(&e)))?;
            let code = response.status().as_u16();
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            match code {
                304 => return Ok(Fetch::NotModified),
                301 | 302 | 303 | 307 | 308 => {
                    let target = header("location")
                        .and_then(|to| url::Url::parse(&at).ok()?.join(&to).ok())
                        .filter(|to| matches!(to.scheme(), "http" | "https"))
                        .ok_or_else(|| failed(format!("HTTP {code} without a usable Location"), false))?;
                    at = target.to_string();
                    permanent &= matches!(code, 301 | 308);
                    if permanent {
                        moved_to = Some(at.clone());
                    }
                    continue;
                }
                200..=299 => {}
                _ => {
                    let hint = match code {
                        404 => ": not found",
                        410 => ": gone for good (unsubscribe with `tidings feed remove`)",
                        429 => ": too many requests; try again later",
                        500..=599 => ": the server failed",
                        _ => "",
                    };
                    let retry_after = header("retry-after").and_then(|v| retry_after(&v, SystemTime::now()));
                    return Err(FetchError::Status { url: url.to_string(), code, hint, retry_after });
                }
            }
            let (etag, last_modified) = (header("etag"), header("last-modified"));
            let body = response
                .body_mut()
                .with_config()
                .limit(max_bytes)
                .read_to_vec()
                .map_err(|e| failed(describe(&e), is_transient(&e)))?;
            return Ok(Fetch::Body(Fetched { body, url: at, moved_to, etag, last_modified }));
        }
        Err(failed(format!("more than {MAX_REDIRECTS} redirects"), false))
    }
}

/// A Retry-After value: seconds, or an HTTP date (RFC 7231), as a wait from `now`.
fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?.timestamp();
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs() as i64;
    Some(Duration::from_secs(at.saturating_sub(now).max(0) as u64))
}

/// A local file named by `url`, if it names one rather than a web address.
fn local_path(url: &str) -> Option<&str> {
    if let Some(path) = url.strip_prefix("file://") {
        return Some(path);
    }
    (!url.contains("://")).then_some(url)
}

/// Failures that may pass: the network or a busy server, not a wrong address.
fn is_transient(e: &ureq::Error) -> bool {
    matches!(e, ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed | ureq::Error::Io(_))
}

/// ureq's errors in the words a reader of `tidings feed list` needs.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection refused or failed".into(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
        // rustls reports a failed handshake (a plain HTTP server, a broken certificate
        // chain) as invalid data on the connection.
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => format!("TLS failed: {e}"),
        ureq::Error::Rustls(e) => format!("TLS failed: {e}"),
        ureq::Error::Io(e) => e.to_string(),
        ureq::Error::BodyExceedsLimit(n) => format!("the body is over the {} MiB limit", n >> 20),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), Some(Duration::ZERO), "in the past: now");
        assert_eq!(retry_after("soon", now), None);
    }
}
