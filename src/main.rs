use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use tidings::tui::worker::Sources;
use tidings::core::boilerplate::Rules;
use tidings::core::{article, ingest};
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
}

fn clean(file: &Path, show_removed: bool, rules: &Rules) -> ExitCode {
    match ingest::load_file(file) {
        Ok(doc) => {
            let article = article::process(doc, rules);
            let text = if show_removed { article.annotated_text() } else { article.clean_text() };
            print!("{text}");
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
    if let Some(Command::Clean { file, show_removed }) = &cli.command {
        return clean(file, *show_removed, &config.rules);
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
