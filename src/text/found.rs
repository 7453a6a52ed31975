//! The glossary terms found in each block of an article, kept so that an article opened again
//! is marked without building the term index: for a big glossary, building its automaton and
//! searching a long article with it are the largest parts of opening and of a printed copy.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::article::Article;
use super::shared::Bytes;
use super::terms::{Mark, TermIndex};

/// Every term found in every block, as [`TermIndex::find`] finds them, packed small: a
/// long article holds hundreds of thousands of them, and only a screenful is read at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The number of terms a mark may name: marks of others are left out, so that an entry
    /// made by hand cannot name a term the glossary does not have.
    terms: usize,
    /// Where each block's marks start in `marks`, and one more for the end.
    starts: Vec<u32>,
    /// Each block's marks in order, each as three LEB128 numbers: its distance from the end
    /// of the mark before (or the block's start), its length, and its term. Read back from a
    /// cache entry, they stay in the entry's map.
    marks: Bytes,
}

impl Found {
    /// Finds the terms of `index` in every block of `article`, the blocks shared among the cores.
    pub fn new(index: &TermIndex, article: &Article) -> Self {
        let packed: Vec<Vec<u8>> = article
            .blocks
            .par_iter()
            .map(|b| {
                let mut packed = Packed::default();
                index.find_each(&b.text, |mark| packed.push(&mark));
                packed.bytes
            })
            .collect();
        let mut starts = Vec::with_capacity(packed.len() + 1);
        let mut marks = Vec::with_capacity(packed.iter().map(Vec::len).sum());
        starts.push(0);
        for block in &packed {
            marks.extend_from_slice(block);
            starts.push(marks.len() as u32);
        }
        Self { terms: usize::MAX, starts, marks: Bytes::Owned(marks) }
    }

    /// The number of blocks it was made for.
    pub fn blocks(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// True when it was made for as many blocks as `article` has: it may mark that article.
    pub fn fits(&self, article: &Article) -> bool {
        self.blocks() == article.blocks.len()
    }

    /// The marks of block `index`, in order; those that do not fit `text` (the block's text) are
    /// left out, so that no mark can point outside it.
    pub fn block(&self, index: usize, text: &str) -> Vec<Mark> {
        let mut marks = Vec::new();
        self.block_each(index, text, |mark| marks.push(mark));
        marks
    }

    /// Gives `each` the marks of block `index` in order, as [`Found::block`] has them.
    pub fn block_each(&self, index: usize, text: &str, mut each: impl FnMut(Mark)) {
        let (Some(&from), Some(&to)) = (self.starts.get(index), self.starts.get(index + 1)) else { return };
        let mut bytes = self.marks.get(from as usize..to as usize).unwrap_or_default();
        let mut end = 0usize;
        while !bytes.is_empty() {
            let (Some(gap), Some(length), Some(term)) = (leb(&mut bytes), leb(&mut bytes), leb(&mut bytes)) else {
                break;
            };
            let Some(start) = end.checked_add(gap) else { break };
            let Some(stop) = start.checked_add(length) else { break };
            end = stop;
            let fits = length > 0 && stop <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(stop);
            if fits && term < self.terms {
                each(Mark { range: start..stop, term });
            }
        }
    }

    /// As bytes, for the cache: the count of starts, the starts (each a little-endian `u32`),
    /// then the marks.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(4 * (1 + self.starts.len()) + self.marks.len());
        bytes.extend_from_slice(&(self.starts.len() as u32).to_le_bytes());
        for n in &self.starts {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
        bytes.extend_from_slice(&self.marks);
        bytes
    }

    /// Read back from [`Found::to_bytes`], for a glossary of `terms` terms; `None` when the
    /// bytes are not such a list.
    pub fn from_bytes(bytes: &[u8], terms: usize) -> Option<Self> {
        let (starts, marks) = read(bytes)?;
        Some(Self { terms, starts, marks: Bytes::Owned(bytes[marks].to_vec()) })
    }

    /// As [`Found::from_bytes`], from bytes `range` of a mapped cache entry, its marks left
    /// where they are.
    pub fn from_map(map: &Arc<memmap2::Mmap>, range: Range<usize>, terms: usize) -> Option<Self> {
        let (starts, marks) = read(map.get(range.clone())?)?;
        let marks = range.start + marks.start..range.start + marks.end;
        Some(Self { terms, starts, marks: Bytes::Mapped(Arc::clone(map), marks) })
    }
}

/// The starts read from bytes made by [`Found::to_bytes`], and where in them the marks are;
/// `None` when the bytes are not such a list.
fn read(bytes: &[u8]) -> Option<(Vec<u32>, Range<usize>)> {
    let (count, rest) = bytes.split_first_chunk::<4>()?;
    let count = u32::from_le_bytes(*count) as usize;
    let (starts, marks) = rest.split_at_checked(count.checked_mul(4)?)?;
    let starts: Vec<u32> = starts.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let whole = starts.first() == Some(&0)
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last().is_some_and(|&last| last as usize == marks.len());
    whole.then(|| (starts, bytes.len() - marks.len()..bytes.len()))
}

/// A block's marks packed as [`Found`] keeps them, one at a time.
#[derive(Default)]
struct Packed {
    bytes: Vec<u8>,
    /// The end of the last mark.
    end: usize,
}

impl Packed {
    fn push(&mut self, mark: &Mark) {
        for n in [mark.range.start - self.end, mark.range.len(), mark.term] {
            put_leb(&mut self.bytes, n);
        }
        self.end = mark.range.end;
    }
}

/// Appends `n` as LEB128: seven bits to a byte, the high bit set on all but the last.
fn put_leb(bytes: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

/// Takes one LEB128 number from the front of `bytes`; `None` when it is cut short or too big.
fn leb(bytes: &mut &[u8]) -> Option<usize> {
    let mut n = 0u128;
    for shift in (0..70).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u128::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return usize::try_from(n).ok();
        }
    }
    None
}

/// How the terms in an article's blocks are found: by the term index, or from a [`Found`]
/// made earlier for the same article and glossary.
#[derive(Debug, Clone)]
pub enum Marker {
    Index(TermIndex),
    Found(Arc<Found>),
}

impl Default for Marker {
    fn default() -> Self {
        Marker::Index(TermIndex::default())
    }
}

impl Marker {
    /// The terms in block `index`, whose text is `text`.
    pub fn find(&self, index: usize, text: &str) -> Vec<Mark> {
        match self {
            Marker::Index(terms) => terms.find(text),
            Marker::Found(found) => found.block(index, text),
        }
    }

    /// Gives `each` the terms in block `index` in order, as [`Marker::find`] has them.
    pub fn find_each(&self, index: usize, text: &str, each: impl FnMut(Mark)) {
        match self {
            Marker::Index(terms) => terms.find_each(text, each),
            Marker::Found(found) => found.block_each(index, text, each),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::load;
    use crate::pack::source::{BUNDLED, Origin};

    #[test]
    fn found_terms_are_the_ones_the_index_finds() {
        for bundled in BUNDLED {
            let pack = load(Origin::Bundled(bundled)).pack;
            let index = pack.term_index();
            let found = Found::new(&index, &pack.article);
            assert_eq!(found.blocks(), pack.article.blocks.len());
            let mut marks = 0;
            for (i, block) in pack.article.blocks.iter().enumerate() {
                assert_eq!(found.block(i, &block.text), index.find(&block.text), "block {i}");
                marks += found.block(i, &block.text).len();
            }
            assert!(marks > 10, "{}: terms are found at all ({marks})", bundled.id);
            assert_eq!(Found::from_bytes(&found.to_bytes(), usize::MAX), Some(found.clone()));
            // Read in place from a mapped entry, after other bytes, the same.
            let entry = [b"before".as_slice(), &found.to_bytes(), b"after"].concat();
            let map = Arc::new(crate::text::shared::mapped(&entry));
            let range = 6..entry.len() - 5;
            let from_map = Found::from_map(&map, range.clone(), usize::MAX).expect("read in place");
            assert_eq!(from_map, found);
            assert!(matches!(from_map.marks, Bytes::Mapped(..)), "left in the map");
            assert_eq!(Found::from_map(&map, range.start..range.end - 1, 9), None, "cut short");
            assert_eq!(Found::from_map(&map, range.start..entry.len() + 1, 9), None, "past the map");
        }
    }

    #[test]
    fn bytes_that_are_not_a_list_are_refused() {
        let pack = load(Origin::Bundled(&BUNDLED[0])).pack;
        let bytes = Found::new(&pack.term_index(), &pack.article).to_bytes();
        assert_eq!(Found::from_bytes(&bytes[..bytes.len() - 1], 9), None, "the marks cut short");
        assert_eq!(Found::from_bytes(&[], 9), None);
        assert_eq!(Found::from_bytes(&[1, 0, 0], 9), None, "the count cut short");
        let mut big = bytes.clone();
        big[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(Found::from_bytes(&big, 9), None, "more starts than bytes");
    }

    fn pack(marks: &[Mark]) -> Vec<u8> {
        let mut packed = Packed::default();
        marks.iter().for_each(|mark| packed.push(mark));
        packed.bytes
    }

    #[test]
    fn marks_are_packed_and_read_back() {
        let marks = [
            Mark { range: 0..2, term: 0 },
            Mark { range: 3..300, term: 70_000 },
            Mark { range: 1_000_000..1_000_001, term: 5 },
        ];
        let packed = pack(&marks);
        assert_eq!(packed.len(), 3 + (1 + 2 + 3) + (3 + 1 + 1));
        let found = Found { terms: usize::MAX, starts: vec![0, packed.len() as u32], marks: Bytes::Owned(packed) };
        let text = "x".repeat(1_000_001);
        assert_eq!(found.block(0, &text), marks);
    }

    #[test]
    fn a_mark_that_does_not_fit_its_block_is_left_out() {
        let marks = [Mark { range: 0..2, term: 0 }, Mark { range: 3..4, term: 1 }, Mark { range: 5..40, term: 1 }];
        let packed = pack(&marks);
        let found = Found { terms: usize::MAX, starts: vec![0, packed.len() as u32], marks: Bytes::Owned(packed) };
        assert_eq!(found.block(0, "ab cd"), marks[..2]);
        assert!(found.block(0, "aéé").is_empty(), "not on a character boundary");
        let one_term = Found { terms: 1, ..found.clone() };
        assert_eq!(one_term.block(0, "ab cd"), marks[..1], "a term the glossary does not have");
        assert_eq!(found.block(1, "ab"), [], "no such block");
        let cut = Found { terms: 9, starts: vec![0, 2], marks: Bytes::Owned(vec![0x80, 0x80]) };
        assert_eq!(cut.block(0, "ab"), [], "a number cut short ends the block");
        let mut big = &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f][..];
        assert_eq!(leb(&mut big), None, "past 64 bits");
        let mut max = &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01][..];
        assert_eq!(leb(&mut max), Some(usize::MAX));
    }
}
