//! Where packs come from: compiled into the binary, `./texts/`, or the user's data directory.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::text::sanitize::{clean, mask};

/// The files every pack folder holds.
pub const FILES: [&str; 4] = ["pack.toml", "article.md", "glossary.toml", "quiz.toml"];

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
            Origin::Folder(dir) => std::fs::read(dir.join(name)),
            Origin::Memory { files, .. } => FILES
                .iter()
                .position(|f| *f == name)
                .and_then(|i| files[i].clone())
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound)),
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
            let copy = kept.iter().any(|k| {
                k.id == found.id && FILES.iter().all(|f| k.origin().read(f).ok() == found.origin().read(f).ok())
            });
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
