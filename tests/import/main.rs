//! `lectern import`: a fixture of each format (a saved web page, Markdown, plain text, and an
//! EPUB built here) imported and compared file by file with its golden pack in
//! `tests/golden/import/`; every pack made passes `lectern check` with a warning for each
//! draft; what the HTML import keeps and drops; the errors it gives.
//!
//! A golden pack that should change is rewritten by running the tests with
//! `LECTERN_BLESS=1`; the diff then shows what changed.

mod epub;
mod errors;
mod formats;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The four files of a pack, in the order they are compared.
pub const FILES: [&str; 4] = ["pack.toml", "article.md", "glossary.toml", "quiz.toml"];

/// A place for one test's packs and data; removed when dropped.
pub struct Place {
    pub dir: tempfile::TempDir,
}

impl Default for Place {
    fn default() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }
}

impl Place {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `lectern ARGS` run in this place, with its own data and config folders: the exit
    /// code, standard output and standard error.
    pub fn lectern(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("lectern")
            .unwrap()
            .args(args)
            .current_dir(self.dir.path())
            .env("LECTERN_DATA_DIR", self.path("data"))
            .env("LECTERN_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// Imports `file` into the folder `name` of this place, which must succeed; the folder.
    pub fn import(&self, file: &Path, name: &str) -> PathBuf {
        let dir = self.path(name);
        let (code, out, err) = self.lectern(&["import", file.to_str().unwrap(), "-o", dir.to_str().unwrap()]);
        assert_eq!(code, 0, "import of {} failed:\n{out}\n{err}", file.display());
        dir
    }

    /// `lectern check DIR`, which must pass with one warning for each draft and no other;
    /// the number of warnings.
    pub fn check_passes(&self, dir: &Path) -> usize {
        let (code, out, err) = self.lectern(&["check", dir.to_str().unwrap()]);
        assert_eq!(code, 0, "check of {} failed:\n{out}\n{err}", dir.display());
        assert!(out.starts_with("ok  "), "{out}");
        let warnings = err.matches("warning: ").count();
        let drafts = err.matches("is a draft").count();
        assert_eq!(warnings, drafts, "a warning that is not a draft's:\n{err}");
        let terms = std::fs::read_to_string(dir.join("glossary.toml"))
            .unwrap()
            .lines()
            .filter(|l| *l == "draft = true")
            .count();
        assert_eq!(drafts, terms, "one warning per draft term:\n{err}");
        warnings
    }
}

/// A fixture of `tests/fixtures/import/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// Compares the pack in `dir` with the golden pack `tests/golden/import/NAME/`, file by
/// file; with `LECTERN_BLESS=1` writes it instead.
pub fn golden(name: &str, dir: &Path) {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/import").join(name);
    let bless = std::env::var_os("LECTERN_BLESS").is_some();
    for file in FILES {
        let actual = std::fs::read_to_string(dir.join(file)).unwrap();
        let path = golden.join(file);
        if bless {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no golden file {}: run with LECTERN_BLESS=1 to write it", path.display()));
        if expected != actual {
            let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{name}/{file} differs from its golden file at line {}:\n  golden: {:?}\n  now:    {:?}\n(LECTERN_BLESS=1 rewrites it)",
                line + 1,
                expected.lines().nth(line),
                actual.lines().nth(line)
            );
        }
    }
}
