//! The user's settings: `config.toml` in lectern's config directory, read before the
//! terminal is taken over, with every problem reported at file:line:column like a pack's.
//!
//! ```toml
//! theme = "dark"        # a built-in name, a theme in <config dir>/themes/, or a path
//! reading_width = 76    # widest the article's text is set, in columns (20–400)
//! daily_new = 20        # new cards a day, for review (0 or more)
//! marks = "first"       # glossary terms marked in the article: "first" in each paragraph, "all", "none"
//! ```
//!
//! `M` in the app changes `marks`, and the app writes the new value back into this file.

use std::ffi::OsString;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeValue;

use crate::pack::diagnostic::{Diagnostic, Severity, SourceFile, decode};
use crate::pack::fields::{Need, Reader, Table};

/// The environment variable that overrides the config directory.
pub const DIR_ENV: &str = "LECTERN_CONFIG_DIR";
/// The config file's name inside the config directory.
pub const FILE: &str = "config.toml";

const FIELDS: [&str; 4] = ["theme", "reading_width", "daily_new", "marks"];

/// Which glossary terms are marked in the article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Marks {
    /// The first place of each term in each paragraph.
    #[default]
    First,
    /// Every place.
    All,
    /// None.
    None,
}

impl Marks {
    /// The next setting, as `M` cycles them.
    pub fn next(self) -> Self {
        match self {
            Marks::First => Marks::All,
            Marks::All => Marks::None,
            Marks::None => Marks::First,
        }
    }

    /// The name the config file uses.
    pub fn name(self) -> &'static str {
        match self {
            Marks::First => "first",
            Marks::All => "all",
            Marks::None => "none",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [Marks::First, Marks::All, Marks::None].into_iter().find(|m| m.name() == name)
    }
}

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: String,
    pub reading_width: u16,
    pub daily_new: u32,
    pub marks: Marks,
}

impl Default for Config {
    fn default() -> Self {
        Self { theme: "dark".to_string(), reading_width: 76, daily_new: 20, marks: Marks::First }
    }
}

/// Writes `marks = "…"` into `config.toml` in `dir` (default: [`dir()`]), keeping every other
/// line as it is; the file is replaced whole, atomically.
pub fn save_marks(dir: Option<&Path>, marks: Marks) -> std::io::Result<()> {
    let Some(dir) = dir.map(Path::to_path_buf).or_else(self::dir) else {
        return Err(std::io::Error::other("there is no config directory"));
    };
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(error),
    };
    std::fs::create_dir_all(&dir)?;
    let mut file = tempfile::NamedTempFile::new_in(&dir)?;
    std::io::Write::write_all(&mut file, with_marks(&text, marks).as_bytes())?;
    file.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// `text` with its top-level `marks` line set to `marks` (added before the first table
/// when there is none).
fn with_marks(text: &str, marks: Marks) -> String {
    let line = format!("marks = \"{}\"", marks.name());
    let mut out = Vec::new();
    let mut done = false;
    let mut in_table = false;
    for l in text.lines() {
        let trimmed = l.trim_start();
        if trimmed.starts_with('[') && !done {
            out.push(line.clone());
            done = true;
        }
        in_table |= trimmed.starts_with('[');
        let is_marks = trimmed.strip_prefix("marks").is_some_and(|rest| rest.trim_start().starts_with('='));
        if !in_table && is_marks {
            if !done {
                out.push(line.clone());
                done = true;
            }
            continue;
        }
        out.push(l.to_string());
    }
    if !done {
        out.push(line);
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    joined
}

/// lectern's config directory: `LECTERN_CONFIG_DIR` when set, else `$XDG_CONFIG_HOME/lectern`.
pub fn dir() -> Option<PathBuf> {
    dir_from(std::env::var_os(DIR_ENV))
}

fn dir_from(env: Option<OsString>) -> Option<PathBuf> {
    match env {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            use etcetera::BaseStrategy;
            etcetera::choose_base_strategy().ok().map(|s| s.config_dir().join("lectern"))
        }
    }
}

/// Reads `config.toml` from `dir` (default: [`dir()`]). A missing file gives the defaults;
/// any error fails the whole file, with every problem found. Warnings alone are dropped.
pub fn load(dir: Option<&Path>) -> Result<Config, Vec<Diagnostic>> {
    let Some(dir) = dir.map(Path::to_path_buf).or_else(self::dir) else { return Ok(Config::default()) };
    let file = match read_source(&dir.join(FILE)) {
        Ok(file) => file,
        Err(ReadError::Missing) => return Ok(Config::default()),
        Err(ReadError::Problem(diagnostic)) => return Err(vec![*diagnostic]),
    };
    parse_config(&file)
}

fn parse_config(file: &Arc<SourceFile>) -> Result<Config, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut config = Config::default();
    let mut reader = Reader::new(file, &mut diagnostics);
    if let Some(root) = reader.parse_with(&file.text, SYNTAX_HINT) {
        let table = Table { table: root.get_ref(), span: root.span(), what: "config.toml" };
        reader.unknown_fields(&table, &FIELDS, &|_| None);
        if let Some(theme) = reader.string(&table, "theme", Need::Optional) {
            config.theme = theme.value;
        }
        let width = integer(&mut reader, &table, "reading_width", 20..=400, "reading_width = 76");
        if let Some(width) = width.and_then(|w| u16::try_from(w).ok()) {
            config.reading_width = width;
        }
        let daily = integer(&mut reader, &table, "daily_new", 0..=i64::from(u32::MAX), "daily_new = 20");
        if let Some(daily) = daily.and_then(|d| u32::try_from(d).ok()) {
            config.daily_new = daily;
        }
        if let Some(marks) = reader.string(&table, "marks", Need::Optional) {
            match Marks::from_name(&marks.value) {
                Some(m) => config.marks = m,
                None => reader.error(
                    marks.span.clone(),
                    format!("`marks` should be \"first\", \"all\" or \"none\", found \"{}\"", marks.value),
                    "write it as marks = \"first\"".to_string(),
                ),
            }
        }
    }
    finish(config, diagnostics)
}

/// `Ok(value)` when no error was found, else every diagnostic in file order.
/// Reads `text` as `config.toml` (for fuzzing: the app reads the file).
pub(crate) fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    parse_config(&Arc::new(SourceFile::new("config.toml", text)))
}

pub(crate) fn finish<T>(value: T, mut diagnostics: Vec<Diagnostic>) -> Result<T, Vec<Diagnostic>> {
    if diagnostics.iter().all(|d| d.severity == Severity::Warning) {
        return Ok(value);
    }
    // Tables keep their keys sorted, so problems are found in key order; show them in file order.
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    Err(diagnostics)
}

/// What a syntax error in a settings file suggests.
pub(crate) const SYNTAX_HINT: &str = "check the quotes, brackets and `=` on this line";

/// Why a settings file could not be read.
pub(crate) enum ReadError {
    /// There is no such file.
    Missing,
    /// It exists but cannot be read, or is not UTF-8.
    Problem(Box<Diagnostic>),
}

/// Reads a settings file as UTF-8, keeping its text for diagnostics.
pub(crate) fn read_source(path: &Path) -> Result<Arc<SourceFile>, ReadError> {
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(ReadError::Missing),
        Err(error) => {
            let file = Arc::new(SourceFile::new(shown, String::new()));
            let diagnostic = Diagnostic::error(&file, None, format!("cannot read the file: {error}"))
                .hint("check that it is a readable file");
            return Err(ReadError::Problem(Box::new(diagnostic)));
        }
    };
    let name = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    decode(shown, bytes, &name).map_err(|diagnostic| ReadError::Problem(Box::new(diagnostic)))
}

/// The value of a TOML integer, `None` when it does not fit an `i64`.
pub(crate) fn integer_value(value: &DeValue<'_>) -> Option<Option<i64>> {
    let integer = value.as_integer()?;
    Some(i64::from_str_radix(integer.as_str(), integer.radix()).ok())
}

/// An optional integer field within `range`; `example` is a correct line, for hints.
fn integer(
    reader: &mut Reader<'_>,
    table: &Table<'_, '_>,
    key: &str,
    range: RangeInclusive<i64>,
    example: &str,
) -> Option<i64> {
    let value = table.table.get(key)?;
    let span: Range<usize> = value.span();
    let Some(number) = integer_value(value.get_ref()) else {
        let found = value.get_ref().type_str();
        reader.error(
            span,
            format!("`{key}` should be a whole number, found a {found}"),
            format!("write it as {example}"),
        );
        return None;
    };
    let limits = if *range.end() == i64::from(u32::MAX) {
        format!("{} or more", range.start())
    } else {
        format!("from {} to {}", range.start(), range.end())
    };
    match number {
        Some(n) if range.contains(&n) => Some(n),
        Some(n) => {
            reader.error(span, format!("`{key}` is out of range: {n}"), format!("use a number {limits}, as {example}"));
            None
        }
        None => {
            reader.error(span, format!("`{key}` is out of range"), format!("use a number {limits}, as {example}"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        parse_config(&Arc::new(SourceFile::new("config.toml", text)))
    }

    fn messages(text: &str) -> Vec<String> {
        parse(text).unwrap_err().iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(Some(dir.path())).unwrap(), Config::default());
    }

    #[test]
    fn reads_every_field() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "theme = \"light\"\nreading_width = 90\ndaily_new = 0\n").unwrap();
        let config = load(Some(dir.path())).unwrap();
        assert_eq!(config, Config { theme: "light".into(), reading_width: 90, daily_new: 0, marks: Marks::First });
    }

    #[test]
    fn unset_fields_keep_their_defaults() {
        let config = parse("reading_width = 60\n").unwrap();
        assert_eq!(config, Config { reading_width: 60, ..Config::default() });
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let text = "them = \"dark\"\nreading_width = 10\ndaily_new = \"20\"\n";
        let diagnostics = parse(text).unwrap_err();
        assert_eq!(diagnostics.len(), 3);
        assert_eq!(diagnostics[0].message, "unknown field `them` in config.toml");
        assert!(diagnostics[0].hint.as_deref().unwrap().contains("did you mean `theme`?"));
        assert_eq!(diagnostics[0].line_col(), Some((1, 1)));
        assert_eq!(diagnostics[1].message, "`reading_width` is out of range: 10");
        assert!(diagnostics[1].hint.as_deref().unwrap().contains("from 20 to 400"));
        assert_eq!(diagnostics[1].line_col(), Some((2, 17)));
        assert_eq!(diagnostics[2].message, "`daily_new` should be a whole number, found a string");
        assert_eq!(diagnostics[2].line_col(), Some((3, 13)));
    }

    #[test]
    fn rejects_out_of_range_and_wrong_types() {
        assert_eq!(messages("reading_width = 401"), ["`reading_width` is out of range: 401"]);
        assert_eq!(messages("reading_width = 76.5"), ["`reading_width` should be a whole number, found a float"]);
        assert_eq!(messages("daily_new = -1"), ["`daily_new` is out of range: -1"]);
        assert_eq!(messages("daily_new = 99999999999"), ["`daily_new` is out of range: 99999999999"]);
        assert_eq!(messages("theme = 3"), ["`theme` should be a string, found an integer"]);
        assert_eq!(messages("theme = \"\""), ["`theme` is empty"]);
    }

    #[test]
    fn marks_are_read_checked_and_written_back() {
        assert_eq!(parse("marks = \"all\"").unwrap().marks, Marks::All);
        assert_eq!(messages("marks = \"some\""), ["`marks` should be \"first\", \"all\" or \"none\", found \"some\""]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "# mine\ntheme = \"light\"\nmarks = \"all\"\n").unwrap();
        save_marks(Some(dir.path()), Marks::None).unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert_eq!(text, "# mine\ntheme = \"light\"\nmarks = \"none\"\n");
        let config = load(Some(dir.path())).unwrap();
        assert_eq!((config.theme.as_str(), config.marks), ("light", Marks::None));
        let fresh = tempfile::tempdir().unwrap();
        save_marks(Some(&fresh.path().join("new")), Marks::All).unwrap();
        assert_eq!(load(Some(&fresh.path().join("new"))).unwrap().marks, Marks::All);
        assert_eq!(with_marks("[x]\na = 1\n", Marks::First), "marks = \"first\"\n[x]\na = 1\n");
    }

    #[test]
    fn reports_syntax_errors() {
        let diagnostics = parse("theme = \"dark\nreading_width = 80\n").unwrap_err();
        assert!(diagnostics[0].message.starts_with("TOML syntax"), "{:?}", diagnostics[0].message);
        assert_eq!(diagnostics[0].line_col().map(|(line, _)| line), Some(1));
    }

    #[test]
    fn reports_bytes_that_are_not_utf8() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"theme = \"d\xffrk\"\n").unwrap();
        let diagnostics = load(Some(dir.path())).unwrap_err();
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("not valid UTF-8"));
        assert_eq!(diagnostics[0].line_col(), Some((1, 11)));
    }

    #[test]
    fn the_environment_overrides_the_directory() {
        assert_eq!(dir_from(Some("/tmp/lectern-config".into())), Some(PathBuf::from("/tmp/lectern-config")));
        // An empty value counts as unset.
        assert_ne!(dir_from(Some(OsString::new())), Some(PathBuf::new()));
    }
}
