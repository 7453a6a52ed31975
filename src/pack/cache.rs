//! Packs that passed their check, remembered. A pack that loads without an error is kept,
//! checked, in `<data dir>/cache/`, one file for each place packs are read from, with a hash
//! (xxh3) of the pack's id, its four files (as the load that checked them read them) and
//! this lectern's version; opening the same pack again maps that file instead of parsing the
//! Markdown and the TOML, checking every field and finding every ref. A changed
//! byte in any file, another version of lectern, or an entry that cannot be read means a
//! full load as before, so errors are always reported. Warnings are not kept: nothing that
//! opens a pack shows them (`lectern check` never reads the cache).
//!
//! The cache is kept apart from the database: it holds nothing of the reader's and can be
//! deleted at any time.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use twox_hash::XxHash3_128;

use super::entry;
use super::model::Pack;
use super::opening::{Entry, Opening, index_of};
use super::source::{FILES, Origin};
use super::stamps::Stamps;
use super::tasks::{Helper, Pending};
use super::{Loaded, load, load_with};
use crate::text::found::Found;

/// The cache's folder in the data directory.
pub const DIR: &str = "cache";

/// Entries kept: the ones used last.
const KEEP: usize = 16;

/// Opens the pack at `origin` through the cache in `data_dir` (none: no cache): from its
/// entry when it has one for these files, else loaded, checked and, when it has no error,
/// kept for next time. `Err` holds a load with errors, to report. Nothing about the cache
/// is ever an error: one that cannot be read or written is passed over.
pub fn open(origin: Origin<'_>, data_dir: Option<&Path>) -> Result<Opening, Box<Loaded>> {
    if let Some(opening) = recall_opening(&origin, data_dir) {
        return Ok(opening);
    }
    // Stamped before the files are read: a file written after that has stamps other than
    // these, so the entry is never taken on their word for it.
    let stamps = data_dir.and_then(|_| Stamps::of(&origin));
    // The term index is started as soon as the glossary is read, while the rest loads.
    let mut index = None;
    let loaded = load_with(origin, |terms| index = Some(index_of(terms)));
    if !loaded.is_ok() {
        return Err(Box::new(loaded));
    }
    let Some((index, for_entry)) = index else { return Ok(Opening::new(loaded.pack)) };
    // The key is the hash of the bytes that were checked, as load read them.
    if let Some(dir) = data_dir.map(|d| d.join(DIR))
        && let Some(hashes) = loaded.hashes
    {
        let entry = Entry { path: entry_path(&dir, &origin), key: key_of(&origin.id(), &hashes), stamps };
        // The terms are found in the whole article once, for the entry, so that no later
        // open needs the term index; this one is shown with it meanwhile.
        return Ok(Opening::keeping(loaded.pack, index, Some((for_entry, entry))));
    }
    Ok(Opening::keeping(loaded.pack, index, None))
}

/// The pack at `origin`, from the cache when it has it, else loaded, but never writing the
/// cache: for the library and exports, which read many packs or read only.
pub fn load_read_only(origin: Origin<'_>, data_dir: Option<&Path>) -> Loaded {
    match recall(&origin, data_dir) {
        Some((pack, _)) => Loaded { pack, diagnostics: Vec::new(), hashes: None },
        None => load(origin),
    }
}

fn recall_opening(origin: &Origin<'_>, data_dir: Option<&Path>) -> Option<Opening> {
    let (pack, found, pending, path) = recall_with(origin, data_dir, true)?;
    Some(Opening::from_entry(pack, found, pending, path))
}

/// The pack at `origin` as the cache in `data_dir` has it, checked, if it does, and the terms
/// found in its article. The entry serves only when the hash it was made for is that of the
/// pack's files now: when their [`Stamps`] show they are the ones hashed, that is known
/// without reading them; else they are hashed on another thread while the entry is decoded.
pub fn recall(origin: &Origin<'_>, data_dir: Option<&Path>) -> Option<(Pack, Found)> {
    let (pack, found, pending, _) = recall_with(origin, data_dir, false)?;
    let pack = match pending {
        Some(pending) => pending.complete(pack)?,
        None => pack,
    };
    Some((pack, found))
}

/// As [`recall`]; with `restamp`, an entry that served only once the files were hashed is
/// written again with their stamps now, when those can vouch for them (the files were
/// touched without being changed, or read too soon after they were written). The pack comes
/// with its article's blocks and its questions still being decoded (unless the entry was
/// written again), and the entry's path.
fn recall_with(
    origin: &Origin<'_>,
    data_dir: Option<&Path>,
    restamp: bool,
) -> Option<(Pack, Found, Option<Pending>, PathBuf)> {
    let path = entry_path(&data_dir?.join(DIR), origin);
    let now = Stamps::of(origin);
    let file = fs::File::open(&path).ok()?;
    let helper = file.metadata().ok().and_then(|m| Helper::for_entry(m.len()));
    let bytes = map(&file)?;
    let parts = entry::parts(&bytes)?;
    let stored = parts.key;
    let unchanged = now.as_ref().is_some_and(|now| stamps_in(&bytes, &parts).is_some_and(|then| then.vouch_for(now)));
    let decode = || super::tasks::decode(bytes, &parts, helper);
    let (decoded, key) = match origin {
        _ if unchanged => (decode(), None),
        // Files on disk are read and hashed on another thread; those held in memory (the
        // bundled packs) take less time to hash than a thread takes to start.
        Origin::Folder(_) => std::thread::scope(|scope| {
            let hashing = scope.spawn(|| key(origin));
            let decoded = decode();
            (decoded, Some(hashing.join().ok().flatten()))
        }),
        _ => (decode(), Some(key(origin))),
    };
    let (pack, found, pending) = decoded?;
    if let Some(key) = key
        && key != Some(stored)
    {
        return None;
    }
    if restamp && !unchanged && now.as_ref().is_some_and(Stamps::settled) {
        // The entry is written again whole, article and questions and all.
        let mut pack = pending.complete(pack)?;
        let _ = store(&path, stored, now.as_ref(), &mut pack, &found);
        return Some((pack, found, None, path));
    }
    // Used now: kept longest.
    let _ = fs::File::options().append(true).open(&path).and_then(|f| f.set_modified(std::time::SystemTime::now()));
    Some((pack, found, Some(pending), path))
}

/// The entry in `file`, mapped read-only: a book's entry is megabytes, of which an open reads
/// the article's text only as it comes on screen (the checksum and the UTF-8 check pass
/// over it once, at memory speed), so nothing of it is copied. Each piece the checksum is
/// taken in has its pages mapped in one call as it is summed, by whichever thread sums it.
fn map(file: &fs::File) -> Option<memmap2::Mmap> {
    // SAFETY: an entry is never written in place, by this process or another lectern: each
    // is written whole to a temporary file and renamed over the old one, which leaves any
    // mapping of the old one as it was. Only another program writing into the file could
    // change it under the map.
    unsafe { memmap2::Mmap::map(file) }.ok()
}

/// The stamps an entry keeps, when this build took them: stamps vouch for files only to the
/// build that took them, since another may read the same files differently.
fn stamps_in(bytes: &[u8], parts: &entry::Parts) -> Option<Stamps> {
    bytes[parts.stamps.clone()].strip_prefix(&build()).and_then(Stamps::read)
}

/// This build's mark: a hash of the entry format and this lectern's version, kept before the
/// stamps in an entry and hashed into every content key.
fn build() -> [u8; 16] {
    let mut hasher = XxHash3_128::new();
    hasher.write(entry::MAGIC);
    hasher.write(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.finish_128().to_le_bytes()
}

/// The hash of a pack's content: [`key_of`] its files as they are now. `None` when a file
/// cannot be read (the full load says why).
fn key(origin: &Origin<'_>) -> Option<u128> {
    let mut hashes = [0; FILES.len()];
    for (hash, name) in hashes.iter_mut().zip(FILES) {
        *hash = XxHash3_128::oneshot(&origin.read(name).ok()?);
    }
    Some(key_of(&origin.id(), &hashes))
}

/// The content key of pack `id` whose files' bytes have the hashes `hashes` (xxh3, in the
/// order of [`FILES`]): a hash of this build's mark, the id and those hashes.
fn key_of(id: &str, hashes: &[u128; FILES.len()]) -> u128 {
    let mut hasher = XxHash3_128::new();
    hasher.write(&build());
    hasher.write(&(id.len() as u64).to_le_bytes());
    hasher.write(id.as_bytes());
    for hash in hashes {
        hasher.write(&hash.to_le_bytes());
    }
    hasher.finish_128()
}

/// The entry of the pack at `origin`: one for each place packs are read from, named by a
/// hash of that place, so that a pack edited again and again has one entry, replaced.
fn entry_path(dir: &Path, origin: &Origin<'_>) -> PathBuf {
    let place = match origin {
        Origin::Bundled(bundled) => format!("bundled:{}", bundled.id),
        Origin::Folder(path) => {
            let full = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            format!("folder:{}", full.to_string_lossy())
        }
        Origin::Memory { id, .. } => format!("memory:{id}"),
    };
    dir.join(format!("{:032x}.pack", XxHash3_128::oneshot(place.as_bytes())))
}

/// Writes the entry at `path` whole or not at all (a temporary file renamed into place),
/// then removes the entries used longest ago beyond [`KEEP`].
pub(super) fn store(
    path: &Path,
    key: u128,
    stamps: Option<&Stamps>,
    pack: &mut Pack,
    found: &Found,
) -> std::io::Result<()> {
    let stamps = stamps.map(|s| [build().as_slice(), &s.to_bytes()].concat()).unwrap_or_default();
    let bytes = entry::encode(pack, key, &stamps, found)
        .ok_or_else(|| std::io::Error::other("the pack could not be encoded"))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut file = tempfile::Builder::new().prefix(".entry-").tempfile_in(dir)?;
    file.write_all(&bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    prune(dir);
    Ok(())
}

/// Keeps the [`KEEP`] entries used last, and removes temporary files a kill left behind.
fn prune(dir: &Path) {
    let Ok(read) = fs::read_dir(dir) else { return };
    let mut entries = Vec::new();
    for item in read.filter_map(Result::ok) {
        let name = item.file_name();
        let name = name.to_string_lossy();
        let modified = item.metadata().and_then(|m| m.modified()).ok();
        if name.starts_with(".entry-") {
            // Another process may be writing it: only one an hour old is left over.
            if modified.and_then(|m| m.elapsed().ok()).is_some_and(|age| age.as_secs() > 3600) {
                let _ = fs::remove_file(item.path());
            }
        } else if name.ends_with(".pack") {
            entries.push((modified, item.path()));
        }
    }
    if entries.len() > KEEP {
        entries.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
        for (_, path) in entries.drain(KEEP..) {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::opening::settle;
    use crate::pack::source::BUNDLED;
    use crate::text::found::Marker;

    #[test]
    fn an_open_from_the_cache_finds_the_terms_the_index_finds() {
        let dir = tempfile::tempdir().unwrap();
        let origin = || Origin::Bundled(&BUNDLED[0]);
        let (pack, first, _) = open(origin(), Some(dir.path())).ok().unwrap().finish();
        assert!(matches!(first, Marker::Index(_)), "the first open marks with the index");
        settle();
        assert!(recall(&origin(), Some(dir.path())).is_some(), "kept, and served from the entry");
        let (again, second, _) = open(origin(), Some(dir.path())).ok().unwrap().finish();
        assert!(matches!(second, Marker::Found(_)), "read from the entry");
        assert_eq!(again, pack);
        let index = pack.term_index();
        for (i, block) in pack.article.blocks.iter().enumerate() {
            let expected = index.find(&block.text);
            assert_eq!(first.find(i, &block.text), expected, "block {i}");
            assert_eq!(second.find(i, &block.text), expected, "block {i}");
        }
        let (_, none, _) = open(origin(), None).ok().unwrap().finish();
        assert!(matches!(none, Marker::Index(_)), "no cache: the index");
    }

    /// A copy of a bundled pack in a folder of its own, written just now, and a data
    /// directory beside it: (the temporary directory, the pack's folder, the data directory).
    fn folder_pack() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("pack");
        fs::create_dir(&folder).unwrap();
        for name in FILES {
            fs::write(folder.join(name), Origin::Bundled(&BUNDLED[1]).read(name).unwrap()).unwrap();
        }
        let data = dir.path().join("data");
        (dir, folder, data)
    }

    #[cfg(unix)]
    #[test]
    fn files_their_stamps_vouch_for_are_not_read_again() {
        let (_dir, folder, data) = folder_pack();
        let origin = Origin::Folder(&folder);
        let (mut pack, _, _) = open(Origin::Folder(&folder), Some(&data)).ok().unwrap().finish();
        settle();
        // The entry made again with a key no file has: it serves only while the files are
        // taken on their stamps' word rather than hashed.
        let path = entry_path(&data.join(DIR), &origin);
        let found = Found::new(&pack.term_index(), &pack.article);
        let stamps = Stamps::of(&origin).unwrap();
        store(&path, 0, Some(&stamps), &mut pack, &found).unwrap();
        assert!(recall(&origin, Some(&data)).is_none(), "just written: hashed");
        store(&path, 0, Some(&stamps.as_if_settled()), &mut pack, &found).unwrap();
        let (back, back_found) = recall(&origin, Some(&data)).expect("settled: not read");
        assert_eq!((back, back_found.to_bytes()), (pack.clone(), found.to_bytes()));
        // Stamps another build took vouch for nothing: it may read the same files otherwise.
        let other = [[0u8; 16].as_slice(), &stamps.as_if_settled().to_bytes()].concat();
        // Renamed into place, as every entry is: entries are never written in place.
        let written = path.with_extension("other");
        fs::write(&written, entry::encode(&mut pack, 0, &other, &found).unwrap()).unwrap();
        fs::rename(&written, &path).unwrap();
        assert!(recall(&origin, Some(&data)).is_none(), "another build's stamps: hashed");
        store(&path, 0, Some(&stamps.as_if_settled()), &mut pack, &found).unwrap();
        let text = fs::read_to_string(folder.join("quiz.toml")).unwrap();
        fs::write(folder.join("quiz.toml"), text.replacen("id", "iD", 1)).unwrap();
        assert!(recall(&origin, Some(&data)).is_none(), "written since: hashed");
    }

    #[cfg(unix)]
    #[test]
    fn an_entry_served_after_hashing_is_stamped_again_once_the_files_have_settled() {
        let (_dir, folder, data) = folder_pack();
        let origin = Origin::Folder(&folder);
        let path = entry_path(&data.join(DIR), &origin);
        let vouched = || {
            let bytes = fs::read(&path).unwrap();
            let stamps = stamps_in(&bytes, &entry::parts(&bytes).unwrap()).unwrap();
            stamps.vouch_for(&Stamps::of(&origin).unwrap())
        };
        assert!(open(Origin::Folder(&folder), Some(&data)).is_ok());
        settle();
        assert!(!vouched(), "stamped as the files were written");
        assert!(open(Origin::Folder(&folder), Some(&data)).is_ok());
        assert!(!vouched(), "still too soon to stamp again");
        std::thread::sleep(std::time::Duration::from_millis(2100));
        assert!(recall(&origin, Some(&data)).is_some());
        assert!(!vouched(), "a read-only recall writes nothing");
        assert!(open(Origin::Folder(&folder), Some(&data)).is_ok());
        assert!(vouched(), "served after hashing, and stamped again");
    }

    /// The bundled pack's entry with `damage` done to its bytes (given where the parts are)
    /// and its checksum made again, as only a fault in lectern could leave it: the entry's
    /// bytes are as it wrote them. Opened, then opened again: (the pack as first read, the
    /// second open, its problem, whether the entry was still there after it).
    fn opened_with(damage: impl Fn(&mut [u8], &entry::Parts)) -> (Pack, Pack, Option<String>, bool) {
        let dir = tempfile::tempdir().unwrap();
        let origin = || Origin::Bundled(&BUNDLED[0]);
        let (pack, _, _) = open(origin(), Some(dir.path())).ok().unwrap().finish();
        settle();
        let path = entry_path(&dir.path().join(DIR), &origin());
        let mut bytes = fs::read(&path).unwrap();
        let parts = entry::parts(&bytes).unwrap();
        damage(&mut bytes, &parts);
        entry::sum_again(&mut bytes);
        fs::write(&path, &bytes).unwrap();
        let (back, _, problem) = open(origin(), Some(dir.path())).ok().unwrap().finish();
        let kept = path.exists();
        let (again, _, again_problem) = open(origin(), Some(dir.path())).ok().unwrap().finish();
        assert_eq!((again, again_problem), (pack.clone(), None), "the next open reads the files");
        (pack, back, problem, kept)
    }

    #[test]
    fn questions_that_do_not_decode_leave_the_pack_without_them_and_the_entry_removed() {
        let (pack, back, problem, kept) = opened_with(|bytes, parts| {
            let chunk = entry::chunks(&bytes[parts.questions.clone()], parts.questions.start).unwrap()[0].clone();
            bytes[chunk.start..chunk.start + 10].fill(0xff);
        });
        assert!(back.questions.is_empty(), "the questions are not made up");
        assert_eq!(back.article, pack.article, "the rest read as it was");
        assert!(problem.is_some_and(|p| p.contains("opened again")));
        assert!(!kept, "the entry is removed");
    }

    #[test]
    fn blocks_that_do_not_decode_leave_the_pack_without_an_article_and_the_entry_removed() {
        let (pack, back, problem, kept) = opened_with(|bytes, parts| {
            // The first block's kind, in the column after the count and the lengths.
            let count = u64::from_le_bytes(bytes[parts.table.start..parts.table.start + 8].try_into().unwrap());
            bytes[parts.table.start + 8 + 8 * count as usize] = 0xee;
        });
        assert!(back.article.blocks.is_empty() && back.questions.is_empty());
        assert_eq!((&back.title, &back.terms), (&pack.title, &pack.terms), "the rest read as it was");
        assert!(problem.is_some_and(|p| p.contains("opened again")));
        assert!(!kept, "the entry is removed");
    }

    #[test]
    fn only_the_entries_used_last_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut pack = load(Origin::Bundled(&BUNDLED[1])).pack;
        for key in 0..KEEP as u128 + 3 {
            store(&dir.path().join(format!("{key}.pack")), key, None, &mut pack, &Found::default()).unwrap();
        }
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, KEEP);
    }
}
