//! The layout of a cache entry. The article's text comes first, as it is, so that the entry,
//! mapped from its file, holds the string its blocks share without it being copied; then the
//! terms found (read in place too), the stamps of the files hashed, the rest of the pack but
//! its questions, the article's table of blocks and the questions (apart, in chunks of
//! [`CHUNK`], each its length and its questions as `src/pack/asked.rs` keeps them, so that a
//! book's questions can be decoded on two threads at once); then a trailer saying how long
//! each part is, the content hash the entry was made for, a checksum of everything before it
//! (so that an entry cut short or damaged on disk is never read as a pack; taken a piece at a
//! time, so that the pieces of a book's entry can be summed on two threads at once), and the
//! format's name.
//!
//! ```text
//! text | found | stamps | pack | table | questions | 6 lengths (u64) | key (u128) | checksum (u64) | MAGIC
//! ```

use std::hash::Hasher;
use std::ops::Range;

use twox_hash::XxHash3_64;

use super::model::Pack;
use crate::text::found::Found;

/// The format's name and number, at the end of every entry. A new number when the layout or
/// the model's shape changes; the lectern version, in the content hash and in the mark the
/// stamps are kept under, covers the rest.
pub const MAGIC: &[u8; 8] = b"lectern\x0b";

/// How many parts an entry has.
const PARTS: usize = 6;

/// Bytes after the parts: their lengths, the key, the checksum and the magic.
const TRAILER: usize = PARTS * 8 + 16 + 8 + MAGIC.len();

/// How many bytes of an entry each piece of its checksum covers.
const SUMMED_PIECE: usize = 512 * 1024;

/// The pieces the first `summed` bytes of an entry are summed in.
pub(super) fn pieces(summed: usize) -> Vec<Range<usize>> {
    (0..summed.div_ceil(SUMMED_PIECE)).map(|i| i * SUMMED_PIECE..((i + 1) * SUMMED_PIECE).min(summed)).collect()
}

/// The checksum of bytes whose [`pieces`] hash (xxh3) to `sums`, in order: the hash of those
/// hashes.
pub(super) fn checksum(sums: impl IntoIterator<Item = u64>) -> u64 {
    let mut hasher = XxHash3_64::new();
    for sum in sums {
        hasher.write(&sum.to_le_bytes());
    }
    hasher.finish()
}

/// The checksum of `bytes`, as [`checksum`] takes it.
fn checksum_of(bytes: &[u8]) -> u64 {
    checksum(pieces(bytes.len()).into_iter().map(|piece| XxHash3_64::oneshot(&bytes[piece])))
}

/// Makes the checksum of a whole entry `bytes` again over what it holds now: for tests that
/// damage an entry as only a fault in lectern could, its bytes as lectern wrote them.
#[cfg(test)]
pub(super) fn sum_again(bytes: &mut [u8]) {
    let summed = bytes.len() - 16;
    let sum = checksum_of(&bytes[..summed]);
    bytes[summed..summed + 8].copy_from_slice(&sum.to_le_bytes());
}

/// Questions in a chunk, decoded as one task.
pub(super) const CHUNK: usize = 256;

/// Where each part of an entry is, and the hash it was made for, as its trailer says: not yet
/// checked against the checksum, which [`decode`](super::tasks::decode) does.
#[derive(Clone)]
pub struct Parts {
    pub key: u128,
    /// The checksum, of the bytes before `summed`.
    pub(super) sum: u64,
    pub(super) summed: usize,
    pub(super) text: Range<usize>,
    pub(super) found: Range<usize>,
    pub stamps: Range<usize>,
    pub(super) pack: Range<usize>,
    pub(super) table: Range<usize>,
    pub(super) questions: Range<usize>,
}

/// The parts of `bytes`, when its trailer is whole: the format's name at the end, and parts
/// that add up to the entry. Whether the bytes are as they were written is for [`decode`]
/// to find; until then what a part holds only decides how much work to do (whether the
/// stamps vouch for a pack's files), never what is read.
pub fn parts(bytes: &[u8]) -> Option<Parts> {
    let body = bytes.len().checked_sub(TRAILER)?;
    let (rest, magic) = bytes.split_last_chunk::<8>()?;
    let (rest, sum) = rest.split_last_chunk::<8>()?;
    if magic != MAGIC {
        return None;
    }
    let (sum, summed) = (u64::from_le_bytes(*sum), rest.len());
    let (rest, key) = rest.split_last_chunk::<16>()?;
    let (_, lengths) = rest.split_last_chunk::<{ PARTS * 8 }>()?;
    let mut at = 0usize;
    let mut next = |i: usize| -> Option<Range<usize>> {
        let length = u64::from_le_bytes(lengths[i * 8..i * 8 + 8].try_into().ok()?);
        let end = at.checked_add(usize::try_from(length).ok()?).filter(|&end| end <= body)?;
        let range = at..end;
        at = end;
        Some(range)
    };
    let (text, found, stamps, pack, table, questions) = (next(0)?, next(1)?, next(2)?, next(3)?, next(4)?, next(5)?);
    let key = u128::from_le_bytes(*key);
    (at == body).then_some(Parts { key, sum, summed, text, found, stamps, pack, table, questions })
}

/// The places of the question chunks in a questions part at `start`: each a length (u64)
/// and that many bytes; `None` when they do not fill the part exactly.
pub(super) fn chunks(mut part: &[u8], start: usize) -> Option<Vec<Range<usize>>> {
    let mut at = start;
    let mut chunks = Vec::new();
    while !part.is_empty() {
        let (length, rest) = part.split_first_chunk::<8>()?;
        let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
        let body = rest.get(..length)?;
        chunks.push(at + 8..at + 8 + length);
        at += 8 + length;
        part = &rest[body.len()..];
    }
    Some(chunks)
}

/// The entry of `pack`, made for content hash `key`, with `stamps` (possibly none) and the
/// terms `found`. The article and the questions are taken out of the pack while the rest is
/// encoded.
pub fn encode(pack: &mut Pack, key: u128, stamps: &[u8], found: &Found) -> Option<Vec<u8>> {
    let (text, table) = pack.article.to_parts();
    let article = std::mem::take(&mut pack.article);
    let questions = std::mem::take(&mut pack.questions);
    let rest = postcard::to_stdvec(pack);
    let asked = questions.chunks(CHUNK).try_fold(Vec::new(), |mut asked, chunk| {
        let chunk = super::asked::encode(chunk)?;
        asked.extend_from_slice(&(chunk.len() as u64).to_le_bytes());
        asked.extend_from_slice(&chunk);
        Some(asked)
    });
    pack.article = article;
    pack.questions = questions;
    let (rest, asked) = (rest.ok()?, asked?);
    let table = super::blocks::encode(&table)?;
    let found = found.to_bytes();
    let parts: [&[u8]; PARTS] = [text.as_bytes(), &found, stamps, &rest, &table, &asked];
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + TRAILER);
    for part in parts {
        bytes.extend_from_slice(part);
    }
    for part in parts {
        bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
    }
    bytes.extend_from_slice(&key.to_le_bytes());
    let sum = checksum_of(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    bytes.extend_from_slice(MAGIC);
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::load;
    use crate::pack::model::Question;
    use crate::pack::source::{BUNDLED, Origin};
    use crate::pack::tasks::Helper;

    use crate::text::shared::mapped;

    #[test]
    fn the_checksum_is_xxh3_of_the_pieces_hashes() {
        // XXH3's own test vectors (64 and 128 bits, empty input): entries and keys written
        // by one build are read by the next only while the hash stays the same.
        assert_eq!(XxHash3_64::oneshot(b""), 0x2d06800538d394c2);
        assert_eq!(twox_hash::XxHash3_128::oneshot(b""), 0x99aa06d3014798d86001c324468d497f);
        let bytes: Vec<u8> = (0..SUMMED_PIECE * 2 + 1000).map(|i| (i % 251) as u8).collect();
        let sums = pieces(bytes.len()).into_iter().map(|piece| XxHash3_64::oneshot(&bytes[piece]));
        let of_sums: Vec<u8> = sums.flat_map(u64::to_le_bytes).collect();
        assert_eq!(checksum_of(&bytes), XxHash3_64::oneshot(&of_sums));
    }

    /// The pack decoded from `map`, whole.
    fn decode(map: memmap2::Mmap, parts: &Parts, helper: Option<Helper>) -> Option<(Pack, Found)> {
        let (pack, found, pending) = crate::pack::tasks::decode(map, parts, helper)?;
        Some((pending.complete(pack)?, found))
    }

    fn entry() -> (Pack, Found, Vec<u8>) {
        let mut pack = load(Origin::Bundled(&BUNDLED[0])).pack;
        let found = Found::new(&pack.term_index(), &pack.article);
        let bytes = encode(&mut pack, 7, b"stamps", &found).unwrap();
        (pack, found, bytes)
    }

    #[test]
    fn a_pack_large_enough_to_be_decoded_on_a_thread_comes_back_whole() {
        let mut pack = load(Origin::Bundled(&BUNDLED[0])).pack;
        let questions = pack.questions.clone();
        for round in 1..40 {
            pack.questions.extend(questions.iter().map(|q| Question { id: format!("{}-{round}", q.id), ..q.clone() }));
        }
        let found = Found::new(&pack.term_index(), &pack.article);
        let bytes = encode(&mut pack, 7, b"", &found).unwrap();
        let parts = parts(&bytes).unwrap();
        let helper = || Helper::for_entry(bytes.len() as u64);
        assert!(helper().is_some(), "the entry is {} bytes", bytes.len());
        let chunks = chunks(&bytes[parts.questions.clone()], parts.questions.start).unwrap();
        assert_eq!(chunks.len(), pack.questions.len().div_ceil(CHUNK));
        assert!(chunks.len() > 2, "{} questions", pack.questions.len());
        // The chunks are appended in order whichever thread decodes each, and whenever.
        for _ in 0..20 {
            let (back, back_found) = decode(mapped(&bytes), &parts, helper()).unwrap();
            assert_eq!(back, pack);
            assert_eq!(back_found.to_bytes(), found.to_bytes());
        }
        // A chunk that does not decode (its bytes as lectern could not have written them,
        // the checksum made again over them), first, in the middle or last: no questions.
        for damaged in [0, chunks.len() / 2, chunks.len() - 1] {
            let mut broken = bytes.clone();
            broken[chunks[damaged].start..chunks[damaged].start + 10].fill(0xff);
            sum_again(&mut broken);
            assert!(decode(mapped(&broken), &parts, helper()).is_none(), "chunk {damaged}, with the helper");
            assert!(decode(mapped(&broken), &parts, None).is_none(), "chunk {damaged}, alone");
        }
        // A byte changed, in the text or in any piece the checksum is taken in: the checksum
        // refuses it, whichever thread takes it.
        let pieces = pieces(parts.summed);
        assert!(pieces.len() > 2, "{} pieces", pieces.len());
        for at in [parts.text.start + 1].into_iter().chain(pieces.iter().map(|piece| piece.end - 1)) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 1;
            assert!(decode(mapped(&flipped), &parts, helper()).is_none(), "a byte at {at}");
            assert!(decode(mapped(&flipped), &parts, None).is_none(), "a byte at {at}");
        }
    }

    #[test]
    fn a_pack_without_questions_comes_back_without_them() {
        let mut pack = load(Origin::Bundled(&BUNDLED[0])).pack;
        pack.questions.clear();
        let found = Found::new(&pack.term_index(), &pack.article);
        let bytes = encode(&mut pack, 7, b"", &found).unwrap();
        let parts = parts(&bytes).unwrap();
        assert!(chunks(&bytes[parts.questions.clone()], parts.questions.start).unwrap().is_empty());
        for helper in [None, Helper::for_entry(u64::MAX)] {
            let (back, _) = decode(mapped(&bytes), &parts, helper).unwrap();
            assert_eq!(back, pack);
        }
    }

    #[test]
    fn an_entry_gives_back_the_pack_it_was_made_from() {
        let (pack, found, bytes) = entry();
        let parts = parts(&bytes).unwrap();
        assert_eq!(parts.key, 7);
        assert_eq!(&bytes[parts.stamps.clone()], b"stamps");
        let (back, back_found) = decode(mapped(&bytes), &parts, None).unwrap();
        assert_eq!(back, pack);
        assert_eq!(back_found.to_bytes(), found.to_bytes());
    }

    #[test]
    fn an_entry_damaged_or_of_another_format_is_not_read() {
        let (_, _, bytes) = entry();
        assert!(parts(&bytes[..bytes.len() / 2]).is_none(), "cut short");
        assert!(parts(&bytes[bytes.len() / 2..]).is_none(), "its start lost");
        assert!(parts(&[]).is_none());
        let mut other = bytes.clone();
        let last = other.len() - 1;
        other[last] = b'X';
        assert!(parts(&other).is_none(), "another format");
        let parts_of = parts(&bytes).unwrap();
        let ends =
            [&parts_of.text, &parts_of.found, &parts_of.pack, &parts_of.table, &parts_of.questions].map(|p| p.end - 1);
        for at in [1, bytes.len() / 3, bytes.len() - TRAILER + 3, bytes.len() - 17].into_iter().chain(ends) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 1;
            let read = parts(&flipped).and_then(|parts| decode(mapped(&flipped), &parts, None));
            assert!(read.is_none(), "the checksum finds a changed byte at {at}");
        }
    }

    #[test]
    fn parts_that_do_not_fit_are_not_read() {
        let (_, _, bytes) = entry();
        // The text's length said one longer, the checksum made again: the parts no longer
        // add up to the entry.
        let mut longer = bytes.clone();
        let at = longer.len() - TRAILER;
        let length = u64::from_le_bytes(longer[at..at + 8].try_into().unwrap()) + 1;
        longer[at..at + 8].copy_from_slice(&length.to_le_bytes());
        sum_again(&mut longer);
        assert!(parts(&longer).is_none());
    }
}
