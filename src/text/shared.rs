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
        Utf8Check::new(map, text, Vec::new())?.finish()
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &*self.0 {
            Backing::Owned(text) => text,
            // SAFETY: the bytes were checked as UTF-8 when mapped (every `Mapped` is made by
            // `Utf8Check::finish`, once all of them passed), and do not change: the map is
            // read-only, and lectern never writes a cache entry in place (a new entry is renamed over the old one, which leaves this mapping on
            // the old file). Another program writing into the file in place would break this,
            // as it would any mapping (see `memmap2::Mmap::map`).
            Backing::Mapped { map, text } => unsafe { std::str::from_utf8_unchecked(&map[text.clone()]) },
        }
    }
}

/// Bytes of a map being checked as UTF-8 a piece at a time, as they are read for something
/// else (a cache entry's checksum): so that a book's text is read from memory once, each piece
/// checked while it is still in the processor's cache. Each piece ends before the last
/// character that starts in it, so that no character is cut in two; pieces that are all
/// UTF-8 make a text that is. The places where characters must start (the blocks' starts)
/// are checked in the same pass.
pub struct Utf8Check {
    map: Arc<memmap2::Mmap>,
    text: Range<usize>,
    /// Where the next piece starts.
    at: usize,
    /// Places in the text where a character must start, in order; those before `next`
    /// were checked.
    starts: Vec<usize>,
    next: usize,
    ok: bool,
}

impl Utf8Check {
    /// Starts checking bytes `text` of `map`, and that a character starts at each of `starts`
    /// (places in the text, in order); `None` when the bytes are not all in the map.
    pub fn new(map: Arc<memmap2::Mmap>, text: Range<usize>, starts: Vec<usize>) -> Option<Self> {
        map.get(text.clone())?;
        let ok = starts.is_sorted() && starts.last().is_none_or(|&last| last <= text.len());
        Some(Self { at: text.start, map, text, starts, next: 0, ok })
    }

    /// Checks the text's bytes before `end` (a place in the map), but for a character that
    /// may go on past it.
    pub fn up_to(&mut self, end: usize) {
        let end = end.min(self.text.end);
        if !self.ok || end <= self.at {
            return;
        }
        let bytes = &self.map[..self.text.end];
        // Back to the start of the last character begun before `end`: at most three bytes
        // back; four continuation bytes in a row are not UTF-8, which the next piece finds.
        let mut cut = end;
        while cut > self.at && cut > end.saturating_sub(3) && bytes.get(cut).is_some_and(|&b| is_continuation(b)) {
            cut -= 1;
        }
        self.ok = simdutf8::basic::from_utf8(&bytes[self.at..cut]).is_ok();
        while let Some(&start) = self.starts.get(self.next)
            && self.text.start + start < cut
        {
            self.ok &= !is_continuation(bytes[self.text.start + start]);
            self.next += 1;
        }
        self.at = cut;
    }

    /// The text as a string, once every byte of it was checked and found UTF-8, and a
    /// character found to start at each of the places given.
    pub fn finish(mut self) -> Option<Whole> {
        self.up_to(self.text.end);
        self.ok.then(|| Whole(Arc::new(Backing::Mapped { map: self.map, text: self.text })))
    }
}

/// Whether `byte` goes on a character begun before it (0b10xx_xxxx).
fn is_continuation(byte: u8) -> bool {
    (byte as i8) < -0x40
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
    fn a_text_checked_a_piece_at_a_time_is_refused_only_when_it_is_not_utf8() {
        let text = "head|text é 漢 𝄞 ok|tail";
        let map = Arc::new(mapped(text.as_bytes()));
        let body = 5..text.len() - 5;
        // Every way of cutting the text into pieces, however they fall on its characters.
        for a in body.clone() {
            for b in a..=body.end {
                let mut check = Utf8Check::new(Arc::clone(&map), body.clone(), vec![0, 5, 7, 8]).unwrap();
                check.up_to(a);
                check.up_to(b);
                let whole = check.finish().unwrap_or_else(|| panic!("pieces ending at {a} and {b}"));
                assert_eq!(whole.as_str(), &text[body.clone()]);
            }
        }
        let bad: &[&[u8]] = &[b"ok \xff no", b"ok \xe6\xbc no", b"\x80ok", b"ok\xe6", b"a\x80\x80\x80\x80b"];
        for bytes in bad {
            let map = Arc::new(mapped(bytes));
            for at in 0..=bytes.len() {
                let mut check = Utf8Check::new(Arc::clone(&map), 0..bytes.len(), Vec::new()).unwrap();
                check.up_to(at);
                assert!(check.finish().is_none(), "{bytes:?} cut at {at}");
            }
        }
        assert!(Utf8Check::new(Arc::clone(&map), 0..99, Vec::new()).is_none(), "past the end");
        // Places where a character must start: inside é (at 6 in the text), inside 漢, inside
        // 𝄞, past the end, out of order.
        for starts in [vec![6], vec![0, 5, 9], vec![0, 14], vec![0, 20], vec![5, 0]] {
            for at in body.clone() {
                let mut check = Utf8Check::new(Arc::clone(&map), body.clone(), starts.clone()).unwrap();
                check.up_to(at);
                assert!(check.finish().is_none(), "{starts:?}, a piece ending at {at}");
            }
        }
    }
}
