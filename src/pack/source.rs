//! Where packs come from: compiled into the binary, `./texts/`, or the user's data directory.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::text::sanitize::{clean, mask};

/// The files every pack folder holds.
pub const FILES: [&str; 4] = ["pack.toml", "article.md", "glossary.toml", "quiz.toml"];

/// The largest `article.md` read, in bytes: several long books.
pub const ARTICLE_LIMIT: u64 = 64 * 1024 * 1024;

/// The largest TOML file of a pack read, in bytes.
pub const TOML_LIMIT: u64 = 16 * 1024 * 1024;

/// The most bytes read of the pack file `name`.
pub fn size_limit(name: &str) -> u64 {
    if name == "article.md" { ARTICLE_LIMIT } else { TOML_LIMIT }
}

/// Why a file in a pack folder is not read. Packs come from strangers: only regular files
/// inside the folder, of a bounded size, are read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// A FIFO, device, socket or folder: reading it could block or never end.
    #[error("it is not a regular file")]
    NotAFile,
    /// A symbolic link to something outside the pack folder.
    #[error("it is a link to a file outside the pack folder")]
    Outside,
    /// Larger than [`size_limit`].
    #[error("it is larger than {} MB", limit / (1024 * 1024))]
    TooLarge { limit: u64 },
}

impl From<Refused> for io::Error {
    fn from(refused: Refused) -> Self {
        io::Error::other(refused)
    }
}

impl Refused {
    /// The reason a read failed, when it was refused rather than failing.
    pub fn of(error: &io::Error) -> Option<&Refused> {
        error.get_ref()?.downcast_ref()
    }
}

/// Reads `dir/name` if it is a regular file inside `dir` no larger than its limit.
fn read_in(dir: &Path, name: &str) -> io::Result<Vec<u8>> {
    let path = dir.join(name);
    let kind = std::fs::symlink_metadata(&path)?.file_type();
    // A link may point to another file of the pack, never out of it. The resolved path is
    // the one opened, so the checked target is the target read.
    let path = if kind.is_symlink() {
        let target = path.canonicalize()?;
        if !target.starts_with(dir.canonicalize()?) {
            return Err(Refused::Outside.into());
        }
        target
    } else {
        path
    };
    let file = open_file(&path)?;
    // The type and size are those of the open file, not of a path that may have changed.
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(Refused::NotAFile.into());
    }
    let limit = size_limit(name);
    if metadata.len() > limit {
        return Err(Refused::TooLarge { limit }.into());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // A file that grows while it is read is still cut at the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge { limit }.into());
    }
    Ok(bytes)
}

/// Opens a file for reading without waiting: opening a FIFO blocks until someone writes to
/// it unless non-blocking, and a link put in place after the check is not followed.
#[cfg(unix)]
fn open_file(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW).open(path);
    match file {
        // O_NOFOLLOW fails with ELOOP on a link.
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => Err(Refused::NotAFile.into()),
        other => other,
    }
}

#[cfg(not(unix))]
fn open_file(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// A pack compiled into the binary.
pub struct Bundled {
    pub id: &'static str,
    files: [&'static str; 4],
}

macro_rules! bundled {
    ($id:literal) => {
        Bundled {
            id: $id,
            files: [
                include_str!(concat!("../../texts/", $id, "/pack.toml")),
                include_str!(concat!("../../texts/", $id, "/article.md")),
                include_str!(concat!("../../texts/", $id, "/glossary.toml")),
                include_str!(concat!("../../texts/", $id, "/quiz.toml")),
            ],
        }
    };
}

/// The packs that ship inside the binary; the first is opened when no pack is named.
pub static BUNDLED: &[Bundled] = &[bundled!("deepseek-ai-arms-race"), bundled!("writing-a-study-pack")];

/// Where one pack's files are read from.
#[derive(Clone, Copy)]
pub enum Origin<'a> {
    Bundled(&'static Bundled),
    Folder(&'a Path),
    /// Files held in memory, in the order of [`FILES`] (`None`: the file is missing).
    Memory {
        id: &'a str,
        files: &'a [Option<Vec<u8>>; 4],
    },
}

/// A pack found somewhere: its id and where its files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub id: String,
    pub place: Place,
}

/// Where a found pack lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Bundled(usize),
    Folder(PathBuf),
}

impl Found {
    /// Whether `other` is this pack under another place: the same id and exactly the same
    /// files.
    pub fn is_copy(&self, other: &Found) -> bool {
        self.id == other.id && FILES.iter().all(|f| self.origin().read(f).ok() == other.origin().read(f).ok())
    }

    /// The origin to read the pack's files from.
    pub fn origin(&self) -> Origin<'_> {
        match &self.place {
            Place::Bundled(i) => Origin::Bundled(&BUNDLED[*i]),
            Place::Folder(path) => Origin::Folder(path),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Bundled(_) => f.write_str("(bundled)"),
            Place::Folder(path) => f.write_str(&mask(&path.display().to_string())),
        }
    }
}

impl Origin<'_> {
    /// Reads one of the pack's files.
    pub fn read(&self, name: &str) -> io::Result<Vec<u8>> {
        match self {
            Origin::Bundled(b) => FILES
                .iter()
                .position(|f| *f == name)
                .map(|i| b.files[i].as_bytes().to_vec())
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound)),
            Origin::Folder(dir) => read_in(dir, name),
            Origin::Memory { files, .. } => {
                let bytes = FILES
                    .iter()
                    .position(|f| *f == name)
                    .and_then(|i| files[i].clone())
                    .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
                let limit = size_limit(name);
                if bytes.len() as u64 > limit {
                    return Err(Refused::TooLarge { limit }.into());
                }
                Ok(bytes)
            }
        }
    }

    /// The path shown in messages for one of the pack's files.
    pub fn display_path(&self, name: &str) -> String {
        match self {
            Origin::Bundled(b) => format!("texts/{}/{name} (bundled)", b.id),
            Origin::Folder(dir) => dir.join(name).display().to_string(),
            Origin::Memory { id, .. } => format!("{id}/{name}"),
        }
    }

    /// The pack id: the folder's name.
    pub fn id(&self) -> String {
        match self {
            Origin::Bundled(b) => b.id.to_string(),
            Origin::Folder(dir) => dir
                .canonicalize()
                .unwrap_or_else(|_| dir.to_path_buf())
                .file_name()
                .map_or_else(|| "pack".to_string(), |n| clean(&n.to_string_lossy()).into_owned()),
            Origin::Memory { id, .. } => id.to_string(),
        }
    }
}

/// The places searched for packs, in order of precedence.
#[derive(Debug, Clone)]
pub struct Library {
    /// `./texts/` of the working directory.
    pub local: PathBuf,
    /// `<data dir>/texts/`.
    pub user: Option<PathBuf>,
}

impl Library {
    /// The packs compiled into the binary.
    pub fn bundled() -> Vec<Found> {
        BUNDLED.iter().enumerate().map(|(i, b)| Found { id: b.id.to_string(), place: Place::Bundled(i) }).collect()
    }

    /// Every pack found: bundled first, then `./texts/`, then the data directory, each
    /// folder in name order. A folder counts as a pack when it holds `pack.toml`.
    pub fn all(&self) -> Vec<Found> {
        let mut found = Library::bundled();
        for dir in std::iter::once(&self.local).chain(self.user.as_ref()) {
            found.extend(
                folders(dir)
                    .into_iter()
                    .map(|path| Found { id: Origin::Folder(&path).id(), place: Place::Folder(path) }),
            );
        }
        found
    }

    /// Every pack found, less copies: a folder that holds exactly the files of a pack
    /// already listed under the same id (the bundled pack's own `texts/` folder) is left out.
    pub fn distinct(&self) -> Vec<Found> {
        let mut kept: Vec<Found> = Vec::new();
        for found in self.all() {
            let copy = kept.iter().any(|k| k.is_copy(&found));
            if !copy {
                kept.push(found);
            }
        }
        kept
    }

    /// Resolves what the user typed: a pack folder, or an id looked up in order.
    pub fn resolve(&self, name: &str) -> Option<Found> {
        let path = Path::new(name);
        if path.join("pack.toml").is_file() || (path.is_dir() && name.contains(std::path::MAIN_SEPARATOR)) {
            return Some(Found { id: Origin::Folder(path).id(), place: Place::Folder(path.to_path_buf()) });
        }
        self.all().into_iter().find(|f| f.id == name)
    }
}

/// Pack folders directly inside `dir`, sorted by name.
fn folders(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("pack.toml").is_file()).collect();
    paths.sort();
    paths
}
