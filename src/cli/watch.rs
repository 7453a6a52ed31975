//! `lectern check --watch DIR`: the pack checked again each time one of its files is saved,
//! for an author with the pack open in an editor beside it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::pack::source::FILES;

/// How long after a change the check waits for the editor to finish saving: an editor
/// often writes a file in several steps (a temporary file, a rename, the metadata).
const SETTLE: Duration = Duration::from_millis(200);

/// Checks the pack folder in `paths` (exactly one), then again after each change to one of
/// its files, until interrupted or the folder goes away.
pub fn run(paths: &[String], check: impl Fn(&[String]) -> Result<ExitCode>) -> Result<ExitCode> {
    let [path] = paths else {
        bail!("--watch checks one pack folder: give its path, as `lectern check --watch texts/mine`")
    };
    let dir = PathBuf::from(path);
    if !dir.join("pack.toml").is_file() {
        bail!("{path}: not a pack folder (a pack folder holds pack.toml, article.md, glossary.toml and quiz.toml)");
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch for changes")?;
    // The folder, not the files: editors that save by writing a new file and renaming it
    // over the old one would take a watched file away.
    watcher.watch(&dir, RecursiveMode::NonRecursive).with_context(|| format!("cannot watch {path}"))?;
    let paths = paths.to_vec();
    let report = |paths: &[String]| match check(paths) {
        Ok(_) => {}
        Err(error) => eprintln!("error: {error:#}"),
    };
    report(&paths);
    println!("watching {path} for changes (Ctrl-C stops)");
    while let Ok(first) = rx.recv() {
        let mut changed: Vec<String> = Vec::new();
        note(first, &mut changed);
        // What else the same save does arrives within a moment.
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            note(more, &mut changed);
        }
        if !dir.is_dir() {
            println!("{path} is gone; stopped watching");
            break;
        }
        if changed.is_empty() {
            continue;
        }
        let now = jiff::Timestamp::now().to_zoned_datetime(crate::study::schedule::local_zone()).strftime("%H:%M:%S");
        println!("\n── {now}: {} changed ──", changed.join(", "));
        report(&paths);
    }
    Ok(ExitCode::SUCCESS)
}

/// Adds to `changed` the pack files an event touched (by name, once each); other files of
/// the folder, and mere reads, are not changes to the pack.
fn note(event: notify::Result<notify::Event>, changed: &mut Vec<String>) {
    let Ok(event) = event else { return };
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in &event.paths {
        if let Some(name) = pack_file(path)
            && !changed.iter().any(|c| c == name)
        {
            changed.push(name.to_string());
        }
    }
}

/// The pack file `path` is, if it is one.
fn pack_file(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    FILES.iter().copied().find(|f| *f == name)
}
