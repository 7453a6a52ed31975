#![cfg(unix)]
//! A pack that passed its check is remembered in `<data dir>/cache/`: the next open reads
//! it from there, unless a byte of a file changed, the entry is damaged, or it was made by
//! another format; then the pack is loaded and checked whole, and its errors reported before
//! the terminal would be taken.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Sandbox {
    root: tempfile::TempDir,
}

impl Sandbox {
    /// A copy of the bundled pack in a folder of its own.
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
        fs::create_dir_all(root.path().join("pack")).unwrap();
        for file in ["pack.toml", "article.md", "glossary.toml", "quiz.toml"] {
            fs::copy(from.join(file), root.path().join("pack").join(file)).unwrap();
        }
        // Files written this moment are hashed on every open, and an entry served that way is
        // written again with new stamps once they have settled: left alone 2 s first, they are
        // vouched for by the stamps of the first open, so an entry read is never written again.
        std::thread::sleep(std::time::Duration::from_millis(2100));
        Sandbox { root }
    }

    fn pack(&self) -> PathBuf {
        self.root.path().join("pack")
    }

    fn cache(&self) -> PathBuf {
        self.root.path().join("data").join(lectern::pack::cache::DIR)
    }

    /// The cache's entries.
    fn entries(&self) -> Vec<PathBuf> {
        let Ok(read) = fs::read_dir(self.cache()) else { return Vec::new() };
        let mut entries: Vec<PathBuf> = read.map(|e| e.unwrap().path()).collect();
        entries.sort();
        entries
    }

    /// `lectern replay` on the pack: (exit code, screen, stderr).
    fn replay(&self) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["replay", "--size", "100x30", "--keys", "j j q"])
            .arg(self.pack())
            .env("LECTERN_DATA_DIR", self.root.path().join("data"))
            .env("LECTERN_CONFIG_DIR", self.root.path().join("config"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
    }

    /// Changes the first `from` in `file` to `to`, of the same length.
    fn edit(&self, file: &str, from: &str, to: &str) {
        assert_eq!(from.len(), to.len(), "one byte for one");
        let path = self.pack().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} in {file}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }
}

#[test]
fn a_second_open_reads_the_cache_and_shows_the_same_screen() {
    let sandbox = Sandbox::new();
    let (code, first, err) = sandbox.replay();
    assert_eq!((code, err.as_str()), (0, ""));
    let entries = sandbox.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let inode = |path: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap());
    let made = inode(&entries[0]);
    let (code, second, _) = sandbox.replay();
    assert_eq!(code, 0);
    assert_eq!(second, first);
    // An entry is written by renaming a new file over it: the same file means it was read.
    assert_eq!(inode(&entries[0]), made, "read, not made again");
}

#[test]
fn one_byte_changed_in_any_file_means_a_full_check_with_its_errors() {
    // Each edit breaks the pack by one byte: a field's name, a ref's quote, the article's
    // wording under a ref.
    // The file each error is reported in follows.
    let edits = [
        ("pack.toml", "title =", "titl_ =", "pack.toml"),
        ("glossary.toml", "definition =", "definitioN =", "glossary.toml"),
        ("quiz.toml", "ref = \"Run and", "ref = \"Ran and", "quiz.toml"),
        ("article.md", "Run and primarily", "Ran and primarily", "quiz.toml"),
    ];
    for (file, from, to, reported) in edits {
        let sandbox = Sandbox::new();
        assert_eq!(sandbox.replay().0, 0);
        assert_eq!(sandbox.entries().len(), 1);
        sandbox.edit(file, from, to);
        let (code, screen, err) = sandbox.replay();
        assert_eq!(code, 1, "{file}: {err}");
        assert!(screen.is_empty(), "{file}: nothing drawn");
        assert!(err.contains(&format!("{reported}:")), "{file}: the error names its file: {err}");
        assert_eq!(sandbox.entries().len(), 1, "{file}: a pack with errors is not kept");
        // Put back: the first entry serves again.
        sandbox.edit(file, to, from);
        assert_eq!(sandbox.replay().0, 0);
        assert_eq!(sandbox.entries().len(), 1);
    }
}

#[test]
fn a_damaged_or_foreign_entry_is_passed_over_and_made_again() {
    let sandbox = Sandbox::new();
    let (_, screen, _) = sandbox.replay();
    let entry = sandbox.entries().remove(0);
    let whole = fs::read(&entry).unwrap();
    // The format's name ends the entry.
    let mut other_format = whole.clone();
    let last = other_format.len() - 1;
    other_format[last] ^= 0x01;
    // A byte in the middle changed, the trailer whole: the checksum finds it.
    let mut flipped = whole.clone();
    let middle = whole.len() / 2;
    flipped[middle] ^= 0x01;
    // All but the start zeroed, as a crash before the data reached the disk can leave it.
    let mut zeroed = whole.clone();
    zeroed[48..].fill(0);
    let damaged: [Vec<u8>; 5] = [whole[..whole.len() / 2].to_vec(), Vec::new(), other_format, flipped, zeroed];
    for bytes in damaged {
        fs::write(&entry, &bytes).unwrap();
        let (code, again, err) = sandbox.replay();
        assert_eq!((code, err.as_str()), (0, ""));
        assert_eq!(again, screen);
        // Made again (only the time its stamps were taken differs), and read by the next open.
        let made = fs::read(&entry).unwrap();
        assert_ne!(made, bytes, "not left as it was");
        assert_eq!(made.len(), whole.len(), "made again");
        assert_eq!(made[..100], whole[..100], "the same article first");
        let inode = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&entry).unwrap());
        assert_eq!(sandbox.replay().1, screen);
        assert_eq!(std::os::unix::fs::MetadataExt::ino(&fs::metadata(&entry).unwrap()), inode, "read, not made again");
    }
}
