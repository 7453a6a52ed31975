//! What leaves the terminal: a handout of the reader's notes, a printable worksheet with its
//! key, a reading copy, Anki cards and results for a teacher. Every format gives the same
//! bytes for the same pack, record and options, and nothing from a pack or a note reaches
//! the output as a control character or as markup.

pub mod anki;
pub mod handout;
pub mod html;
pub mod markdown;
mod record;
pub mod results;
pub mod text;
pub mod worksheet;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use record::Record;

use crate::pack::Pack;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The reader's highlights, notes, positions, look-ups and results, for class.
    Handout,
    /// The quiz on paper, with its answer key.
    Worksheet,
    /// The article as a plain-text reading copy.
    Text,
    /// Notes for Anki, tab-separated.
    Anki,
    /// JSON of the reader's answers and sittings, for a teacher.
    Results,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Handout, Format::Worksheet, Format::Text, Format::Anki, Format::Results];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Handout => "handout",
            Format::Worksheet => "worksheet",
            Format::Text => "text",
            Format::Anki => "anki",
            Format::Results => "results",
        }
    }

    /// Whether the format is Markdown that `--html` can turn into a page.
    pub fn has_html(self) -> bool {
        matches!(self, Format::Handout | Format::Worksheet)
    }

    /// Whether the format includes what the reader did (notes, answers, sittings): only
    /// these read the database.
    pub fn uses_record(self) -> bool {
        matches!(self, Format::Handout | Format::Results)
    }

    /// The file name extension of what it writes.
    pub fn extension(self, html: bool) -> &'static str {
        match self {
            Format::Handout | Format::Worksheet if html => "html",
            Format::Handout | Format::Worksheet => "md",
            Format::Text | Format::Anki => "txt",
            Format::Results => "json",
        }
    }

    /// The file an export of `pack_id` is written to when no name is given:
    /// `deepseek-ai-arms-race-handout.md`.
    pub fn file_name(self, pack_id: &str, html: bool) -> String {
        let id: String =
            pack_id.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
        format!("{id}-{}.{}", self.name(), self.extension(html))
    }
}

/// What an export includes and how it is laid out. Options a format does not use are
/// ignored by it.
#[derive(Debug, Clone)]
pub struct Options {
    /// A page of HTML rather than Markdown (handout and worksheet).
    pub html: bool,
    /// Columns per line (text).
    pub width: usize,
    /// `¶` numbers in the margin (text).
    pub numbers: bool,
    /// Every glossary term, not only those looked up (handout).
    pub all_terms: bool,
    /// The seed of the worksheet's shuffles: the same seed, the same worksheet.
    pub seed: u64,
    /// The answer key at the end (worksheet).
    pub key: bool,
    /// Only questions of these kinds (worksheet; `quiz.toml`'s kind names); empty for all.
    pub only: Vec<String>,
    /// Only questions whose passage is in these paragraphs, first and last (worksheet).
    pub paragraphs: Option<(usize, usize)>,
    /// How the terms are found in the article (text): from the cache's list when it had one,
    /// or with a term index made while the pack loaded; `None` makes an index.
    pub terms: Option<crate::text::found::Marker>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            html: false,
            width: 76,
            numbers: true,
            all_terms: false,
            seed: 1,
            key: true,
            only: Vec::new(),
            paragraphs: None,
            terms: None,
        }
    }
}

/// Writes `pack` in `format` to `out`.
pub fn write(pack: &Pack, record: &Record, format: Format, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let markdown = match format {
        Format::Text => return text::text(pack, options.terms.as_ref(), options.width, options.numbers, out),
        Format::Anki => return out.write_all(anki::anki(pack).as_bytes()),
        Format::Results => return out.write_all(results::results(pack, record).as_bytes()),
        Format::Handout => handout::handout(pack, record, options),
        Format::Worksheet => worksheet::worksheet(pack, options),
    };
    if options.html {
        out.write_all(html::page(&pack.title, &markdown).as_bytes())
    } else {
        out.write_all(markdown.as_bytes())
    }
}

/// Writes the export to `path` atomically: into a temporary file beside it, then renamed
/// over it, so that a reader of `path` sees the old file or the new one, never a part.
pub fn write_file(
    path: &Path,
    pack: &Pack,
    record: &Record,
    format: Format,
    options: &Options,
) -> Result<(), WriteError> {
    let fail = |source| WriteError { path: path.to_path_buf(), source };
    let file = render(folder(path), pack, record, format, options).map_err(fail)?;
    // A file already there keeps its permissions.
    if let Ok(existing) = std::fs::metadata(path) {
        file.as_file().set_permissions(existing.permissions()).map_err(fail)?;
    }
    file.persist(path).map_err(|error| fail(error.error))?;
    Ok(())
}

/// Writes the export as a new file in `dir` named `name`, or `name-2` and on when that is
/// taken: a file already there is never replaced. Returns the path written.
pub fn write_new(
    dir: &Path,
    name: &str,
    pack: &Pack,
    record: &Record,
    format: Format,
    options: &Options,
) -> Result<PathBuf, WriteError> {
    let fail = |source| WriteError { path: dir.join(name), source };
    let mut file = render(dir, pack, record, format, options).map_err(fail)?;
    let (stem, extension) = name.rsplit_once('.').map_or((name, String::new()), |(s, e)| (s, format!(".{e}")));
    for n in 1..1000 {
        let path = if n == 1 { dir.join(name) } else { dir.join(format!("{stem}-{n}{extension}")) };
        match file.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => file = error.file,
            Err(error) => return Err(WriteError { path, source: error.error }),
        }
    }
    Err(fail(io::Error::new(io::ErrorKind::AlreadyExists, "999 exports of this name are there already")))
}

/// The folder a file at `path` is in.
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The export, written and flushed to disk in a temporary file in `dir`.
fn render(
    dir: &Path,
    pack: &Pack,
    record: &Record,
    format: Format,
    options: &Options,
) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".lectern-export-");
    // A temporary file is made readable by its owner only; an export is an ordinary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(dir).map_err(without_path)?;
    {
        let mut out = io::BufWriter::with_capacity(1 << 16, file.as_file_mut());
        write(pack, record, format, options, &mut out)?;
        out.flush()?;
    }
    file.as_file().sync_all()?;
    Ok(file)
}

/// The error of making a temporary file, without the name of that file (which was never
/// made): the caller names the export's own path.
fn without_path(error: io::Error) -> io::Error {
    match error.to_string().split_once(" at path ") {
        Some((reason, _)) => io::Error::new(error.kind(), reason.to_string()),
        None => error,
    }
}

/// An export that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}", crate::text::sanitize::printable(&path.display().to_string()))]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}
