//! The command line: open a pack, check packs, list packs.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::pack::diagnostic::{Severity, count};
use crate::pack::source::{Found, Library};
use crate::pack::{Loaded, load};

/// Read and study a text in the terminal, beside its glossary and quiz.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, about)]
pub struct Cli {
    /// A pack folder or a pack id (default: the bundled article).
    pub pack: Option<String>,

    /// Where your own packs and progress live (default: the XDG data directory).
    #[arg(long, global = true, env = "LECTERN_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check packs and report every problem (default: every pack found).
    Check {
        /// Pack folders, files in a pack folder, or pack ids.
        paths: Vec<String>,
    },
    /// List the packs found, in the order they are searched.
    List,
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let library = library(cli.data_dir.as_deref());
    match cli.command {
        Some(Command::Check { paths }) => check(&library, &paths),
        Some(Command::List) => {
            list(&library);
            Ok(ExitCode::SUCCESS)
        }
        None => open(&library, cli.pack.as_deref()),
    }
}

fn library(data_dir: Option<&Path>) -> Library {
    let data = data_dir.map(Path::to_path_buf).or_else(|| {
        use etcetera::BaseStrategy;
        etcetera::choose_base_strategy().ok().map(|s| s.data_dir().join("lectern"))
    });
    Library { local: PathBuf::from("texts"), user: data.map(|d| d.join("texts")) }
}

fn find(library: &Library, name: &str) -> Result<Found> {
    let path = Path::new(name);
    // A file inside a pack folder stands for its folder.
    if path.is_file()
        && let Some(parent) = path.parent().filter(|p| p.join("pack.toml").is_file())
    {
        let dir = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        return library.resolve(&dir.display().to_string()).context("no pack there");
    }
    match library.resolve(name) {
        Some(found) => Ok(found),
        None if path.exists() => {
            bail!("{name}: not a pack folder (a pack folder holds pack.toml, article.md, glossary.toml and quiz.toml)")
        }
        None if name.contains(['/', '\\']) || name.starts_with('.') => bail!("{name}: no such folder"),
        None => bail!("no pack named `{name}`; `lectern list` shows the packs found"),
    }
}

fn open(library: &Library, name: Option<&str>) -> Result<ExitCode> {
    let found = match name {
        Some(name) => find(library, name)?,
        None => library.all().into_iter().next().context("no pack is bundled")?,
    };
    let loaded = load(found.origin());
    if !loaded.is_ok() {
        report(&loaded);
        eprintln!("error: `{}` has problems; fix them and try again (`lectern check` lists them)", found.id);
        return Ok(ExitCode::FAILURE);
    }
    crate::ui::terminal::run(loaded.pack)?;
    Ok(ExitCode::SUCCESS)
}

fn styled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn report(loaded: &Loaded) {
    let styled = styled();
    for diagnostic in &loaded.diagnostics {
        eprintln!("{}\n", diagnostic.render(styled));
    }
}

fn check(library: &Library, names: &[String]) -> Result<ExitCode> {
    let found = if names.is_empty() {
        library.distinct()
    } else {
        names.iter().map(|n| find(library, n)).collect::<Result<Vec<_>>>()?
    };
    let mut failed = 0;
    for pack in &found {
        let loaded = load(pack.origin());
        report(&loaded);
        let errors = count(&loaded.diagnostics, Severity::Error);
        let warnings = count(&loaded.diagnostics, Severity::Warning);
        let id = &pack.id;
        if errors > 0 {
            failed += 1;
            println!("FAIL  {id}  {}, {}", plural(errors, "error"), plural(warnings, "warning"));
            continue;
        }
        let s = loaded.pack.stats();
        let warned = if warnings > 0 { format!("  ({})", plural(warnings, "warning")) } else { String::new() };
        println!(
            "ok  {id}  {} · {} ({}) · {} · {}/{} paragraphs quizzed{warned}",
            plural(s.terms, "term"),
            plural(s.questions, "question"),
            plural(s.kinds, "kind"),
            plural(s.prompts, "prompt"),
            s.quizzed,
            s.paragraphs,
        );
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn list(library: &Library) {
    let packs = library.distinct();
    for (i, pack) in packs.iter().enumerate() {
        let loaded = load(pack.origin());
        let title = if loaded.pack.title.is_empty() { "(untitled)" } else { loaded.pack.title.as_str() };
        let mut flags = String::new();
        if !loaded.is_ok() {
            flags.push_str("  (has errors: see lectern check)");
        }
        if packs[..i].iter().any(|p| p.id == pack.id) {
            flags.push_str("  (same id as one above: open it by its path)");
        }
        println!("{:<28} {}  {}{flags}", pack.id, title, pack.place);
    }
}
