//! `lectern check --watch DIR`: checked at once, and again after each save of a pack file,
//! including a save that writes a new file and renames it over the old one.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The watcher's standard output, a line at a time.
struct Watching {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["check", "--watch"])
            .arg(dir)
            .env("LECTERN_DATA_DIR", dir.join("data"))
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap_or_default()).is_err() {
                    break;
                }
            }
        });
        Self { child, lines, seen: Vec::new() }
    }

    /// Waits for a line that starts with `start`; fails after 15 s with what was printed.
    fn wait_for(&mut self, start: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.starts_with(start) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line starting {start:?}; printed:\n{}", self.seen.join("\n"));
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_save_is_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mine");
    std::fs::create_dir(&pack).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
    for file in ["article.md", "glossary.toml", "quiz.toml", "pack.toml"] {
        std::fs::copy(from.join(file), pack.join(file)).unwrap();
    }
    let mut watching = Watching::start(&pack);
    watching.wait_for("ok  mine");
    watching.wait_for("watching ");

    // A question with no kind, written in place.
    let quiz = std::fs::read_to_string(pack.join("quiz.toml")).unwrap();
    std::fs::write(pack.join("quiz.toml"), format!("{quiz}\n[[question]]\nid = \"new\"\n")).unwrap();
    assert!(watching.wait_for("── ").ends_with("quiz.toml changed ──"));
    watching.wait_for("FAIL  mine");

    // Mended the way many editors save: a new file renamed over the old one.
    std::fs::write(pack.join(".quiz.toml.swp"), &quiz).unwrap();
    std::fs::rename(pack.join(".quiz.toml.swp"), pack.join("quiz.toml")).unwrap();
    watching.wait_for("── ");
    watching.wait_for("ok  mine");
}

#[test]
fn watch_takes_one_pack_folder() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["check", "--watch"][..], &["check", "--watch", "a", "b"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(args)
            .env("LECTERN_DATA_DIR", dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--watch checks one pack folder"), "{args:?}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["check", "--watch"])
        .arg(dir.path())
        .env("LECTERN_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a pack folder"));
}
