use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use tidings::tui::worker::Sources;
use tidings::core::boilerplate::Rules;
use tidings::core::{article, ingest, inspect};
use tidings::{config, logging, tui};

/// A terminal news reader: the article, not the page.
#[derive(Parser, Debug)]
#[command(name = "tidings", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders of articles (.txt, .md, .html, .htm). With none, opens the demo.
    paths: Vec<PathBuf>,
    /// Config file to use instead of the one in the user's config directory.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Where Tidings keeps its log (and later its store).
    #[arg(long, value_name = "DIR", env = "TIDINGS_DATA_DIR")]
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
        /// As JSON (offsets in Unicode code points into the file's text).
        #[arg(long)]
        json: bool,
    },
}

/// Loads and processes FILE, then prints what `show` makes of it.
fn print_article(file: &Path, rules: &Rules, show: impl Fn(&article::Article) -> String) -> ExitCode {
    match ingest::load_file(file) {
        Ok(doc) => {
            let article = article::process(doc, rules);
            print!("{}", show(&article));
            for w in &article.doc.warnings {
                eprintln!("tidings: {}: {w}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tidings: {e}");
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
    match &cli.command {
        Some(Command::Clean { file, show_removed }) => {
            let show_removed = *show_removed;
            return print_article(file, &config.rules, |a| if show_removed { a.annotated_text() } else { a.clean_text() });
        }
        Some(Command::Inspect { file, json }) => {
            let json = *json;
            return print_article(file, &config.rules, |a| {
                let value = inspect::to_json(a);
                if json { format!("{value}\n") } else { format!("{value:#}\n") }
            });
        }
        None => {}
    }
    let data_dir = logging::data_dir(cli.data_dir.as_deref());
    let _log = data_dir.as_deref().and_then(logging::init);
    tracing::info!("starting with {} path(s)", cli.paths.len());
    let sources = if cli.paths.is_empty() { Sources::Demo } else { Sources::Paths(cli.paths) };
    match tui::run(&config, sources) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("tidings: {e:#}");
            if let Some(dir) = data_dir {
                eprintln!("(log: {})", logging::log_path(&dir).display());
            }
            ExitCode::FAILURE
        }
    }
}
