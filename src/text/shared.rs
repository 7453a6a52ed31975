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

    /// Bytes `text` of `map`, found UTF-8 in `parts`; `None` unless the parts, in any order,
    /// fit end to end from the text's start to its end.
    pub fn checked(map: Arc<memmap2::Mmap>, text: Range<usize>, mut parts: Vec<Checked>) -> Option<Self> {
        parts.sort_by_key(|part| (part.range.start, part.range.end));
        let end = parts.iter().try_fold(text.start, |at, part| {
            (Arc::ptr_eq(&part.map, &map) && part.range.start == at).then_some(part.range.end)
        })?;
        (end == text.end && map.get(text.clone()).is_some()).then(|| Whole(Arc::new(Backing::Mapped { map, text })))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        match &*self.0 {
            Backing::Owned(text) => text,
            // SAFETY: the bytes were checked as UTF-8 when mapped (every `Mapped` is made by
            // `Whole::checked`, from parts of this map that `Utf8Check::finish` found UTF-8
            // and that cover them all), and do not change: the map is read-only, and lectern
            // never writes a cache entry in place (a new entry is renamed over the old one,
            // which leaves this mapping on the old file). Another program writing into the
            // file in place would break this, as it would any mapping (see
            // `memmap2::Mmap::map`).
            Backing::Mapped { map, text } => unsafe { std::str::from_utf8_unchecked(&map[text.clone()]) },
        }
    }
}

/// A part of a mapped text that [`Utf8Check::finish`] found UTF-8: the parts of a text, every
/// one checked, make a [`Whole`] ([`Whole::checked`]).
pub struct Checked {
    /// The map checked, held so that a part is never taken for another map's.
    map: Arc<memmap2::Mmap>,
    range: Range<usize>,
}

/// Part of a map's text being checked as UTF-8 a piece at a time, as it is read for
/// something else (a cache entry's checksum): so that a book's text is read from memory once,
/// each piece checked while it is still in the processor's cache, and the parts of one text
/// checked on two threads at once. A part runs from where a character starts at or before its
/// first byte to where one starts at or before its end, so that parts cut at the same places
/// fit end to end and no character is cut in two; parts that are all UTF-8 make a text that
/// is. The places where characters must start (the blocks' starts) are checked in the same
/// pass.
pub struct Utf8Check<'a> {
    map: Arc<memmap2::Mmap>,
    text: Range<usize>,
    /// Where the part begins, and where the next piece starts.
    from: usize,
    at: usize,
    /// Where the part ends.
    to: usize,
    /// Places in the text where a character must start, in order; those before `next`
    /// were checked.
    starts: &'a [usize],
    next: usize,
    ok: bool,
}

impl<'a> Utf8Check<'a> {
    /// Starts checking the part of bytes `text` of `map` that runs from `part.start` to
    /// `part.end` (places in the map, each moved back to where a character starts), and that
    /// a character starts at each of `starts` (places in the text, in order) that falls in
    /// it; `None` when the text is not all in the map or the part not all in the text.
    pub fn new(map: &Arc<memmap2::Mmap>, text: Range<usize>, part: Range<usize>, starts: &'a [usize]) -> Option<Self> {
        let bytes = map.get(..text.end).filter(|_| text.start <= text.end)?;
        if part.start < text.start || part.end > text.end || part.start > part.end {
            return None;
        }
        let ok = starts.last().is_none_or(|&last| last <= text.len());
        let (from, to) = (cut(bytes, text.start, part.start), cut(bytes, text.start, part.end));
        let next = starts.partition_point(|&start| text.start + start < from);
        Some(Self { map: Arc::clone(map), text, from, at: from, to, starts, next, ok })
    }

    /// The map up to the text's end.
    fn bytes(&self) -> &[u8] {
        &self.map[..self.text.end]
    }

    /// Checks the part's bytes before `end` (a place in the map), but for a character that
    /// may go on past it.
    pub fn up_to(&mut self, end: usize) {
        let end = cut(self.bytes(), self.at, end.min(self.to));
        if !self.ok || end <= self.at {
            return;
        }
        self.ok = simdutf8::basic::from_utf8(&self.bytes()[self.at..end]).is_ok();
        while let Some(&start) = self.starts.get(self.next)
            && self.text.start + start < end
        {
            // In order: each place after the one before (those of a part before its first
            // byte are found by a search that needs them in order).
            let after = self.next.checked_sub(1).is_none_or(|before| self.starts[before] <= start);
            self.ok &= after && !is_continuation(self.bytes()[self.text.start + start]);
            self.next += 1;
        }
        self.at = end;
    }

    /// The part, once every byte of it was checked and found UTF-8, and a character found to
    /// start at each of the places given in it.
    pub fn finish(mut self) -> Option<Checked> {
        self.up_to(self.to);
        self.ok.then_some(Checked { map: self.map, range: self.from..self.to })
    }
}

/// `at` (a place in `bytes`, not before `floor`) moved back to where the character it falls
/// in starts: at most three bytes back, since four continuation bytes in a row are not UTF-8,
/// which the check of the part before finds. The end of `bytes` stays where it is.
fn cut(bytes: &[u8], floor: usize, at: usize) -> usize {
    let mut cut = at;
    while cut > floor && cut > at.saturating_sub(3) && bytes.get(cut).is_some_and(|&b| is_continuation(b)) {
        cut -= 1;
    }
    cut
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

    /// Bytes `text` of `map` checked in one part.
    fn in_one_part(map: memmap2::Mmap, text: Range<usize>) -> Option<Whole> {
        let map = Arc::new(map);
        let checked = Utf8Check::new(&map, text.clone(), text.clone(), &[])?.finish()?;
        Whole::checked(map, text, vec![checked])
    }

    #[test]
    fn a_mapped_string_is_its_bytes_when_they_are_utf8() {
        let bytes = "head|text é 漢|tail".as_bytes();
        let whole = in_one_part(mapped(bytes), 5..16).expect("UTF-8");
        assert_eq!(whole.as_str(), "text é 漢");
        let text = Text::part_of(&whole, 5..7);
        assert_eq!(text, "é");
        assert!(text.shares_with(&Text::part_of(&whole, 0..4)));
        assert!(in_one_part(mapped(bytes), 5..11).is_none(), "cut inside a character");
        assert!(in_one_part(mapped(b"ok \xff no"), 0..8).is_none(), "not UTF-8");
        assert!(in_one_part(mapped(bytes), 5..99).is_none(), "past the end");
    }

    #[test]
    fn a_text_checked_a_piece_at_a_time_is_refused_only_when_it_is_not_utf8() {
        let text = "head|text é 漢 𝄞 ok|tail";
        let map = Arc::new(mapped(text.as_bytes()));
        let body = 5..text.len() - 5;
        let starts = [0, 5, 7, 8];
        // Every way of cutting the text into two parts, and each part into pieces, however
        // they fall on its characters.
        for middle in body.clone() {
            for a in body.clone() {
                let mut parts = Vec::new();
                for part in [body.start..middle, middle..body.end] {
                    let mut check = Utf8Check::new(&map, body.clone(), part, &starts).unwrap();
                    check.up_to(a);
                    check.up_to(a + 2);
                    parts.push(check.finish().unwrap_or_else(|| panic!("cut at {middle}, pieces ending at {a}")));
                }
                parts.reverse();
                let whole = Whole::checked(Arc::clone(&map), body.clone(), parts).unwrap();
                assert_eq!(whole.as_str(), &text[body.clone()]);
            }
        }
        let bad: &[&[u8]] = &[b"ok \xff no", b"ok \xe6\xbc no", b"\x80ok", b"ok\xe6", b"a\x80\x80\x80\x80b"];
        for bytes in bad {
            let map = Arc::new(mapped(bytes));
            for middle in 0..=bytes.len() {
                let parts: Option<Vec<Checked>> = [0..middle, middle..bytes.len()]
                    .into_iter()
                    .map(|part| Utf8Check::new(&map, 0..bytes.len(), part, &[]).unwrap().finish())
                    .collect();
                let whole = parts.and_then(|parts| Whole::checked(Arc::clone(&map), 0..bytes.len(), parts));
                assert!(whole.is_none(), "{bytes:?} cut at {middle}");
            }
        }
        assert!(Utf8Check::new(&map, 0..99, 0..5, &[]).is_none(), "past the end");
        assert!(Utf8Check::new(&map, body.clone(), 0..5, &[]).is_none(), "a part outside the text");
        // Parts that leave a gap, or cover the text of another map.
        let part =
            |map: &Arc<memmap2::Mmap>, range| Utf8Check::new(map, body.clone(), range, &[]).unwrap().finish().unwrap();
        let gap = vec![part(&map, body.start..9), part(&map, 10..body.end)];
        assert!(Whole::checked(Arc::clone(&map), body.clone(), gap).is_none(), "a gap");
        let other = Arc::new(mapped(text.as_bytes()));
        let theirs = vec![part(&other, body.clone())];
        assert!(Whole::checked(Arc::clone(&map), body.clone(), theirs).is_none(), "another map's");
        // Places where a character must start: inside é (at 6 in the text), inside 漢, inside
        // 𝄞, past the end, out of order.
        for starts in [vec![6], vec![0, 5, 9], vec![0, 14], vec![0, 20], vec![5, 0]] {
            for at in body.clone() {
                let mut check = Utf8Check::new(&map, body.clone(), body.clone(), &starts).unwrap();
                check.up_to(at);
                assert!(check.finish().is_none(), "{starts:?}, a piece ending at {at}");
            }
        }
    }
}
