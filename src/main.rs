use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use tidings::commands::{self, BookmarkRequest, ListRequest, STORE_FILE};
use tidings::core::{inspect, sanitize};
use tidings::tui::worker::Sources;
use tidings::{config, logging, tui};

/// A terminal news reader: the article, not the page.
#[derive(Parser, Debug)]
#[command(name = "tidings", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders of articles (.txt, .md, .html, .htm). With none, opens the demo.
    paths: Vec<PathBuf>,
    /// Config file to use instead of the one in the user's config directory.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Where Tidings keeps its store and log [default: $TIDINGS_DATA_DIR, else the platform's data directory].
    #[arg(long, value_name = "DIR", global = true)]
    data_dir: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the article body of FILE, one paragraph per line, without the page furniture.
    Clean {
        file: PathBuf,
        /// Also print what was removed, each line marked with the reason.
        #[arg(long)]
        show_removed: bool,
    },
    /// Print what Tidings understood about FILE: metadata, blocks, entities, quotations.
    Inspect {
        file: PathBuf,
        /// As compact JSON (offsets in Unicode code points into the file's text).
        #[arg(long)]
        json: bool,
    },
    /// List, add, remove, export and import bookmarks.
    Bookmarks {
        #[command(subcommand)]
        command: BookmarkCommand,
    },
    /// Add files and folders to the library without opening the reader (a second import
    /// of a folder reads only what changed).
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the articles in the library, newest first.
    List {
        /// Files and folders to import first and list alone (the whole library when none).
        paths: Vec<PathBuf>,
        /// Only the articles matching this search (words, "a phrase", prefix*, unread,
        /// starred, bookmarked, source:, feed:, tag:, entity:, since:, until:, -negation).
        #[arg(long, short)]
        query: Option<String>,
        /// all, unread, starred, bookmarked or hidden.
        #[arg(long, default_value = "all")]
        view: String,
        /// The same as `--view unread`.
        #[arg(long, conflicts_with = "view")]
        unread: bool,
        /// Only the articles of this feed (its URL or number).
        #[arg(long)]
        feed: Option<String>,
        /// As JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Search the library: the articles whose title or cleaned text match QUERY (see
    /// `list --query`), newest first.
    Search {
        query: String,
        /// Files and folders to import first and search alone.
        paths: Vec<PathBuf>,
        /// As JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print the stories: articles that report the same event, grouped (the library, or
    /// files and folders imported first).
    Stories {
        paths: Vec<PathBuf>,
        /// As JSON: a list of stories, each with its articles' paths and titles.
        #[arg(long)]
        json: bool,
    },
    /// The library's store: counts and size, or compact it.
    Library {
        #[command(subcommand)]
        command: LibraryCommand,
    },
    /// Subscribe to feeds (RSS, Atom, JSON Feed), list and remove them.
    Feed {
        #[command(subcommand)]
        command: FeedCommand,
    },
    /// Fetch every feed (or one) and store what is new; exits non-zero only when every
    /// feed failed.
    Refresh {
        /// Only this feed (its URL or number).
        #[arg(long)]
        feed: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum FeedCommand {
    /// Subscribe to the feed at URL (http, https, file://, or a path) and fetch it.
    Add {
        url: String,
        /// A tag for grouping (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Fetch the full article from each new entry's link (for feeds that carry
        /// only teasers); also turns it on for a feed already subscribed.
        #[arg(long)]
        full_text: bool,
    },
    /// The subscriptions, with article and unread counts and the last refresh.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe (by URL or number); starred and bookmarked articles stay.
    Remove { feed: String },
    /// Subscribe to every feed in an OPML file (folders become tags).
    Import { file: PathBuf },
    /// Write the subscriptions as OPML 2.0 (tags become folders).
    Export {
        /// Write to FILE instead of printing.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum LibraryCommand {
    /// Counts, the store's path and its size on disk.
    Stats,
    /// Rewrite the store compactly.
    Vacuum,
}

#[derive(Subcommand, Debug)]
enum BookmarkCommand {
    /// List bookmarks, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Bookmark the article in PATH.
    Add {
        path: PathBuf,
        #[arg(long, default_value = "")]
        note: String,
        /// A tag (repeat for more).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Remove bookmark ID (see `list`).
    Remove { id: i64 },
    /// Write all bookmarks as markdown, json, html (browser bookmarks) or csv.
    Export {
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// Output file; standard output when left out.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Restore bookmarks from a JSON export (every field is kept).
    Import { file: PathBuf },
}

impl From<BookmarkCommand> for BookmarkRequest {
    fn from(c: BookmarkCommand) -> Self {
        match c {
            BookmarkCommand::List { json } => BookmarkRequest::List { json },
            BookmarkCommand::Add { path, note, tags } => BookmarkRequest::Add { path, note, tags },
            BookmarkCommand::Remove { id } => BookmarkRequest::Remove { id },
            BookmarkCommand::Export { format, output } => BookmarkRequest::Export { format, output },
            BookmarkCommand::Import { file } => BookmarkRequest::Import { file },
        }
    }
}

/// On a terminal, a progress line on standard error that rewrites itself every `every`
/// steps ("2000 of 10000 files looked at"); elsewhere nothing, so scripts read only the
/// summary.
fn progress_line(what: &'static str, every: usize) -> impl FnMut(usize, usize) {
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    move |done, total| {
        if tty && (done % every == 0 || done == total) {
            eprint!("\r{done} of {total} {what}");
            if done == total {
                eprintln!();
            }
        }
    }
}

/// Threads for indexing from the command line: one per core.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Prints the result of a subcommand, or its error, and gives the exit code.
fn report(result: anyhow::Result<String>) -> ExitCode {
    match result {
        Ok(text) => {
            // A reader that stops early (`| head`) is not an error worth a panic.
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), sanitize::text(&text).as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tidings: {}", sanitize::text(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tidings: {e}");
            return ExitCode::from(2);
        }
    };
    // Read here rather than by clap, whose usage lines would show the option as given.
    let explicit_dir =
        cli.data_dir.or_else(|| std::env::var_os("TIDINGS_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from));
    let data_dir = logging::data_dir(explicit_dir.as_deref());
    let rules = &config.rules;
    match cli.command {
        Some(Command::Clean { file, show_removed }) => {
            return report(commands::load_article(&file, rules, false).map(|a| {
                if show_removed {
                    a.annotated_text()
                } else {
                    a.clean_text()
                }
            }));
        }
        Some(Command::Inspect { file, json }) => {
            return report(commands::load_article(&file, rules, true).map(|a| {
                let value = inspect::to_json(&a);
                let text = if json { value.to_string() } else { format!("{value:#}") };
                sanitize::json(text) + "\n"
            }));
        }
        Some(command) => {
            let Some(dir) = data_dir else {
                eprintln!("tidings: no data directory; set --data-dir or TIDINGS_DATA_DIR");
                return ExitCode::from(2);
            };
            let db = dir.join(STORE_FILE);
            return report(match command {
                Command::Bookmarks { command } => commands::bookmarks(command.into(), &db, rules),
                Command::Import { paths } => {
                    commands::import(&paths, config.library.gone, &db, progress_line("files looked at", 500))
                }
                Command::List { paths, query, view, unread, feed, json } => {
                    let view = if unread { "unread" } else { &view };
                    let request =
                        ListRequest { view, feed: feed.as_deref(), paths: &paths, query: query.as_deref(), json };
                    commands::list(&request, rules, &db, threads())
                }
                Command::Search { query, paths, json } => {
                    let request = ListRequest { view: "all", feed: None, paths: &paths, query: Some(&query), json };
                    commands::list(&request, rules, &db, threads())
                }
                Command::Stories { paths, json } => commands::stories(&paths, json, rules, &db, threads()),
                Command::Library { command: LibraryCommand::Stats } => commands::library_stats(&db),
                Command::Library { command: LibraryCommand::Vacuum } => commands::library_vacuum(&db),
                Command::Feed { command: FeedCommand::Add { url, tags, full_text } } => {
                    commands::feed_add(&url, &tags, full_text, &config.feeds, &db)
                }
                Command::Feed { command: FeedCommand::List { json } } => commands::feed_list(json, &db),
                Command::Feed { command: FeedCommand::Remove { feed } } => commands::feed_remove(&feed, &db),
                Command::Feed { command: FeedCommand::Import { file } } => commands::feed_import(&file, &db),
                Command::Feed { command: FeedCommand::Export { output } } => {
                    commands::feed_export(output.as_deref(), &db)
                }
                Command::Refresh { feed } => {
                    commands::refresh(feed.as_deref(), &config.feeds, &db, progress_line("feeds refreshed", 1))
                }
                // Matched first, above: they need no store.
                Command::Clean { .. } | Command::Inspect { .. } => unreachable!(),
            });
        }
        None => {}
    }
    // Key bindings and colours are the terminal UI's: checked only when it is about to start.
    if let Err(e) = tui::check(&config) {
        eprintln!("tidings: {e}");
        return ExitCode::from(2);
    }
    let (_log, problems) = match data_dir.as_deref().map(logging::init) {
        Some(Ok(guard)) => (Some(guard), Vec::new()),
        Some(Err(why)) => (None, vec![why]),
        None => (None, Vec::new()),
    };
    tracing::info!("starting with {} path(s)", cli.paths.len());
    let sources = if cli.paths.is_empty() { Sources::Demo } else { Sources::Paths(cli.paths) };
    let db = data_dir.as_ref().map(|d| d.join(STORE_FILE));
    match tui::run(&config, sources, db.as_deref(), problems) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("tidings: {}", sanitize::text(&format!("{e:#}")));
            if let (Some(dir), Some(_)) = (data_dir, _log) {
                eprintln!("(log: {})", logging::log_path(&dir).display());
            }
            ExitCode::FAILURE
        }
    }
}
