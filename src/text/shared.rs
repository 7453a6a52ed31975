//! A block's text as the article holds it: a part of one string that all its blocks share.

use std::ops::{Deref, Range};
use std::sync::Arc;

/// The string all the blocks of an article share: held in memory, or the text of a cache
/// entry mapped read-only from its file (`src/pack/entry.rs`), so that opening a book from
/// the cache copies none of it.
#[derive(Clone)]
pub struct Whole(Arc<Backing>);

enum Backing {
    Owned(String),
    /// Bytes `text` of `map`, checked as UTF-8 when mapped.
    Mapped {
        map: Arc<memmap2::Mmap>,
        text: Range<usize>,
    },
}

impl Whole {
    /// A string held in memory.
    pub fn owned(text: String) -> Self {
        Self(Arc::new(Backing::Owned(text)))
    }

    /// Bytes `text` of `map`, when they are UTF-8; `None` when they are not, or are not all
    /// in it.
    pub fn mapped(map: Arc<memmap2::Mmap>, text: Range<usize>) -> Option<Self> {
        simdutf8::basic::from_utf8(map.get(text.clone())?).ok()?;
        Some(Self(Arc::new(Backing::Mapped { map, text })))
    }

    /// As [`Whole::mapped`], the bytes cut into consecutive parts of `lengths` that cover
    /// them exactly, each checked as UTF-8 on its own. That checks the whole, and in the same
    /// pass that every part begins and ends on a character, so that a book's ten thousand
    /// block ends need not be looked up one by one afterwards (each a read far from the last).
    /// `None` when a part is not UTF-8, or the parts do not cover the bytes.
    pub fn mapped_in_parts(
        map: Arc<memmap2::Mmap>,
        text: Range<usize>,
        lengths: impl IntoIterator<Item = usize>,
    ) -> Option<Self> {
        let bytes = map.get(text.clone())?;
        let mut at = 0usize;
        for length in lengths {
            let end = at.checked_add(length).filter(|&end| end <= bytes.len())?;
            simdutf8::basic::from_utf8(&bytes[at..end]).ok()?;
            at = end;
        }
        (at == bytes.len()).then(|| Self(Arc::new(Backing::Mapped { map, text })))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &*self.0 {
            Backing::Owned(text) => text,
            // SAFETY: the bytes were checked as UTF-8 when mapped (`Whole::mapped`, or part by
            // part, the parts covering them, in `Whole::mapped_in_parts`), and do
            // not change: the map is read-only, and lectern never writes a cache entry in
            // place (a new entry is renamed over the old one, which leaves this mapping on
            // the old file). Another program writing into the file in place would break this,
            // as it would any mapping (see `memmap2::Mmap::map`).
            Backing::Mapped { map, text } => unsafe { std::str::from_utf8_unchecked(&map[text.clone()]) },
        }
    }
}

/// Bytes held in memory, or a part of a cache entry mapped from its file: what the terms found
/// in an article are kept in (`src/text/found.rs`).
#[derive(Clone)]
pub enum Bytes {
    Owned(Vec<u8>),
    Mapped(Arc<memmap2::Mmap>, Range<usize>),
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(map, range) => &map[range.clone()],
        }
    }
}

impl Default for Bytes {
    fn default() -> Self {
        Bytes::Owned(Vec::new())
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Bytes {}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes", self.len())
    }
}

/// A block's text: its own string, or a part of one string that all the blocks of an article
/// read back from the cache share, so that reading a book back is one string rather than one
/// for each of its blocks. Reads as a `&str`.
#[derive(Clone)]
pub struct Text {
    all: Whole,
    range: Range<usize>,
}

impl Default for Text {
    fn default() -> Self {
        Self::from(String::new())
    }
}

impl Text {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.all.as_str()[self.range.clone()]
    }

    /// Its length in bytes, without slicing the shared string.
    pub fn len(&self) -> usize {
        self.range.len()
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The part `range` of `all`, which the caller has checked lies on character boundaries
    /// inside it.
    pub(crate) fn part_of(all: &Whole, range: Range<usize>) -> Self {
        Self { all: all.clone(), range }
    }

    /// True when both are parts of the same string.
    pub fn shares_with(&self, other: &Text) -> bool {
        Arc::ptr_eq(&self.all.0, &other.all.0)
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        let range = 0..text.len();
        Self { all: Whole::owned(text), range }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::from(text.to_string())
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// `bytes` written to a file of their own and mapped, for tests.
#[cfg(test)]
pub(crate) fn mapped(bytes: &[u8]) -> memmap2::Mmap {
    use std::io::Write;
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(bytes).unwrap();
    // SAFETY: the file is the test's own, and nothing writes it again.
    unsafe { memmap2::Mmap::map(&file) }.unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapped_string_is_its_bytes_when_they_are_utf8() {
        let bytes = "head|text é 漢|tail".as_bytes();
        let whole = Whole::mapped(Arc::new(mapped(bytes)), 5..16).expect("UTF-8");
        assert_eq!(whole.as_str(), "text é 漢");
        let text = Text::part_of(&whole, 5..7);
        assert_eq!(text, "é");
        assert!(text.shares_with(&Text::part_of(&whole, 0..4)));
        assert!(Whole::mapped(Arc::new(mapped(bytes)), 5..11).is_none(), "cut inside a character");
        assert!(Whole::mapped(Arc::new(mapped(b"ok \xff no")), 0..8).is_none(), "not UTF-8");
        assert!(Whole::mapped(Arc::new(mapped(bytes)), 5..99).is_none(), "past the end");
    }

    #[test]
    fn a_mapped_string_checked_in_parts_is_refused_for_a_part_cut_inside_a_character() {
        let bytes = "head|text é 漢|tail".as_bytes();
        let map = Arc::new(mapped(bytes));
        let whole = Whole::mapped_in_parts(Arc::clone(&map), 5..16, [5, 0, 3, 3]).expect("parts on characters");
        assert_eq!(whole.as_str(), "text é 漢");
        let parts = |lengths: &[usize]| Whole::mapped_in_parts(Arc::clone(&map), 5..16, lengths.to_vec()).is_some();
        assert!(!parts(&[6, 2, 3]), "a part ends inside é");
        assert!(!parts(&[5, 4, 2]), "a part ends inside 漢");
        assert!(!parts(&[5, 3]), "the parts stop short of the end");
        assert!(!parts(&[5, 3, 3, 1]), "the parts run past the end");
        assert!(Whole::mapped_in_parts(Arc::new(mapped(b"ok \xff no")), 0..8, [3, 5]).is_none(), "not UTF-8");
    }
}
