//! What the file system says of a pack's files (device, inode, size, times of modification and
//! of change), taken when the files are hashed for the cache, so that a later open can tell
//! they have not been written since without reading them again: for a book, reading and
//! hashing its files is a large part of opening it from the cache.
//!
//! A file's change time cannot be set by hand (unlike its modification time), and moves
//! with every write, rename or link. But it moves in ticks of the file system's clock: a file
//! written again within the tick it was stamped in would keep its times. So stamps only vouch
//! for files that had been left alone for [`SETTLED`] when they were taken; a file written
//! just before is hashed on every open until it is stamped again.
//!
//! A limit: on a network file system a client may show a file's old attributes for a while
//! after another machine wrote it (NFS keeps them up to a minute); until they catch up, an
//! entry made before the change would serve.

use std::time::{Duration, SystemTime};

use super::source::{FILES, Origin};

/// How long a file must have been left alone for its stamp to vouch for it.
const SETTLED: Duration = Duration::from_secs(2);

/// The stamps of a pack's four files, and when they were taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamps {
    /// When the stamps were taken, in nanoseconds since the epoch.
    taken: i128,
    /// For each file: device, inode, size, modified and changed (nanoseconds since the epoch).
    files: [[i128; 5]; 4],
}

impl Stamps {
    /// The stamps of the files of the pack at `origin` now; `None` for a pack that is not in
    /// a folder, a file that is missing or not a regular file, and where the system keeps no
    /// such fields.
    pub fn of(origin: &Origin<'_>) -> Option<Self> {
        let Origin::Folder(dir) = origin else { return None };
        let taken = nanos(SystemTime::now())?;
        let mut files = [[0; 5]; 4];
        for (stamp, name) in files.iter_mut().zip(FILES) {
            *stamp = stamp_of(&dir.join(name))?;
        }
        Some(Self { taken, files })
    }

    /// True when `now` are stamps of the same files as these, and these vouch for them: every
    /// field is the same, and every file had been left alone for [`SETTLED`] when these were
    /// taken.
    pub fn vouch_for(&self, now: &Stamps) -> bool {
        self.files == now.files && self.settled()
    }

    /// True when every file had been left alone for [`SETTLED`] when these were taken.
    pub fn settled(&self) -> bool {
        let settled = self.taken.saturating_sub(SETTLED.as_nanos() as i128);
        self.files.iter().all(|[.., modified, changed]| *modified < settled && *changed < settled)
    }

    /// As bytes, for the cache: each number as 16 little-endian bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        std::iter::once(&self.taken).chain(self.files.iter().flatten()).flat_map(|n| n.to_le_bytes()).collect()
    }

    /// Read back from [`Stamps::to_bytes`]; `None` when the bytes are not stamps (an entry
    /// made without them has none).
    pub fn read(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != 16 * 21 {
            return None;
        }
        let mut numbers = bytes.chunks_exact(16).map(|c| i128::from_le_bytes(c.try_into().unwrap_or_default()));
        let taken = numbers.next()?;
        let mut files = [[0; 5]; 4];
        for n in files.iter_mut().flatten() {
            *n = numbers.next()?;
        }
        Some(Self { taken, files })
    }
}

#[cfg(test)]
impl Stamps {
    /// These stamps as if taken once the files had settled.
    pub(super) fn as_if_settled(&self) -> Self {
        Self { taken: self.taken + 2 * SETTLED.as_nanos() as i128, ..self.clone() }
    }
}

fn nanos(time: SystemTime) -> Option<i128> {
    Some(time.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_nanos() as i128)
}

/// The stamp of the regular file at `path`, its links followed.
#[cfg(unix)]
fn stamp_of(path: &std::path::Path) -> Option<[i128; 5]> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let time = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    Some([
        i128::from(meta.dev()),
        i128::from(meta.ino()),
        i128::from(meta.size()),
        time(meta.mtime(), meta.mtime_nsec()),
        time(meta.ctime(), meta.ctime_nsec()),
    ])
}

/// Elsewhere there is no change time to trust: the files are always hashed.
#[cfg(not(unix))]
fn stamp_of(_: &std::path::Path) -> Option<[i128; 5]> {
    None
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in FILES {
            fs::write(dir.path().join(name), name).unwrap();
        }
        dir
    }

    #[cfg(unix)]
    #[test]
    fn settled_files_are_vouched_for_until_one_is_written() {
        let dir = folder();
        let origin = Origin::Folder(dir.path());
        let then = Stamps::of(&origin).unwrap();
        assert_eq!(Stamps::read(&then.to_bytes()), Some(then.clone()));
        assert!(!then.vouch_for(&Stamps::of(&origin).unwrap()), "files written just now are not vouched for");
        assert!(!then.settled() && then.as_if_settled().settled());
        let settled = then.as_if_settled();
        assert!(settled.vouch_for(&Stamps::of(&origin).unwrap()), "left alone, the same files");
        // The same size, and the modification time put back: the change time still moves.
        let path = dir.path().join("quiz.toml");
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        fs::write(&path, "quiz.tomL").unwrap();
        fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
        assert!(!settled.vouch_for(&Stamps::of(&origin).unwrap()), "a file written since");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_replaced_by_another_is_not_vouched_for() {
        let dir = folder();
        let origin = Origin::Folder(dir.path());
        let settled = Stamps::of(&origin).unwrap().as_if_settled();
        let path = dir.path().join("article.md");
        fs::write(dir.path().join("other"), "article.md").unwrap();
        fs::rename(dir.path().join("other"), &path).unwrap();
        assert!(!settled.vouch_for(&Stamps::of(&origin).unwrap()));
    }

    #[test]
    fn only_folders_of_regular_files_have_stamps() {
        let bundled = &super::super::source::BUNDLED[0];
        assert_eq!(Stamps::of(&Origin::Bundled(bundled)), None);
        let dir = folder();
        fs::remove_file(dir.path().join("glossary.toml")).unwrap();
        assert_eq!(Stamps::of(&Origin::Folder(dir.path())), None, "a file missing");
        assert_eq!(Stamps::read(&[0; 16]), None);
    }
}
