//! Where the pack opened last lives, kept beside the database as well as in it: `lectern`
//! with no pack named starts loading that pack while the database opens, rather than after.
//! Only a hint: the database, once open, says which pack was opened last, and a hint that
//! disagrees (another lectern opened a pack meanwhile, an older one did not write it) only
//! costs the load of the other pack.

use std::fs;
use std::path::Path;

/// The hint's file in the data directory.
const FILE: &str = "last-read";

/// The longest place kept: a longer one is not noted.
const LIMIT: usize = 4096;

/// Notes `place` (an [`Identity`](super::Identity)'s) as the pack opened last, beside the
/// database at `db`. Written whole or not at all; one that cannot be written is left out.
pub(super) fn note(db: &Path, place: &str) {
    let Some(dir) = db.parent() else { return };
    if place.len() > LIMIT || place.contains('\n') || hint(dir).as_deref() == Some(place) {
        return;
    }
    let _ = super::write_whole(&dir.join(FILE), place.as_bytes());
}

/// The place noted in `data_dir` as the pack opened last, if any.
pub fn hint(data_dir: &Path) -> Option<String> {
    let text = fs::read_to_string(data_dir.join(FILE)).ok()?;
    (!text.is_empty() && text.len() <= LIMIT && !text.contains('\n')).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_noted_is_the_hint_given() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lectern.db");
        assert_eq!(hint(dir.path()), None);
        note(&db, "/home/a/packs/one");
        assert_eq!(hint(dir.path()).as_deref(), Some("/home/a/packs/one"));
        note(&db, "bundled:deepseek-ai-arms-race");
        assert_eq!(hint(dir.path()).as_deref(), Some("bundled:deepseek-ai-arms-race"));
        // What cannot be a place is neither noted nor taken.
        note(&db, "two\nlines");
        assert_eq!(hint(dir.path()).as_deref(), Some("bundled:deepseek-ai-arms-race"));
        fs::write(dir.path().join(FILE), "a\nb").unwrap();
        assert_eq!(hint(dir.path()), None);
        fs::write(dir.path().join(FILE), "").unwrap();
        assert_eq!(hint(dir.path()), None);
    }
}
