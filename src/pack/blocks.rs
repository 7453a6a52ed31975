//! The article's table of blocks as a cache entry keeps it: in columns of fixed width, so that
//! a book's ten thousand blocks are read back in one tight pass, and their lengths can be
//! read before anything else is decoded (the check of the text finds each block's start on a
//! character as it goes).
//!
//! ```text
//! count (u64) | lengths (u64 each) | kinds (u8 each) | levels (u8 each) | runs per block (u32 each)
//!             | markers of the list items (postcard) | every run, in order (postcard)
//! ```

use crate::text::article::{Article, Block, BlockKind, Run, Table};
use crate::text::shared::{Text, Whole};

/// A block's kind, as its column keeps it; a heading's level and a list item's depth are in
/// the next column, a list item's marker among the markers.
const PARAGRAPH: u8 = 0;
const QUOTE: u8 = 1;
const CODE: u8 = 2;
const BYLINE: u8 = 3;
const RULE: u8 = 4;
const HEADING: u8 = 5;
const ITEM: u8 = 6;

/// The table part of an entry for the blocks of `table`; `None` when a block has more runs
/// than a column holds.
pub fn encode(table: &Table) -> Option<Vec<u8>> {
    let count = table.len();
    let mut bytes = Vec::with_capacity(8 + count * 14);
    bytes.extend_from_slice(&(count as u64).to_le_bytes());
    for (_, length, _) in table {
        bytes.extend_from_slice(&(*length as u64).to_le_bytes());
    }
    let mut markers = Vec::new();
    let mut levels = Vec::with_capacity(count);
    for (kind, _, _) in table {
        let (tag, level) = match kind {
            BlockKind::Paragraph => (PARAGRAPH, 0),
            BlockKind::Quote => (QUOTE, 0),
            BlockKind::Code => (CODE, 0),
            BlockKind::Byline => (BYLINE, 0),
            BlockKind::Rule => (RULE, 0),
            BlockKind::Heading(level) => (HEADING, *level),
            BlockKind::Item { marker, depth } => {
                markers.push(marker.as_str());
                (ITEM, *depth)
            }
        };
        bytes.push(tag);
        levels.push(level);
    }
    bytes.extend_from_slice(&levels);
    for (_, _, runs) in table {
        bytes.extend_from_slice(&u32::try_from(runs.len()).ok()?.to_le_bytes());
    }
    bytes.extend_from_slice(&postcard::to_stdvec(&markers).ok()?);
    let runs: Vec<&Run> = table.iter().flat_map(|(_, _, runs)| runs).collect();
    bytes.extend_from_slice(&postcard::to_stdvec(&runs).ok()?);
    Some(bytes)
}

/// The blocks' lengths in a table part, read without decoding the rest.
pub fn lengths(part: &[u8]) -> Option<Vec<usize>> {
    let (count, rest) = part.split_first_chunk::<8>()?;
    let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
    let column = rest.get(..count.checked_mul(8)?)?;
    column.chunks_exact(8).map(|length| usize::try_from(u64::from_le_bytes(length.try_into().ok()?)).ok()).collect()
}

/// The article whose blocks a table `part` describes, their texts consecutive parts of
/// `whole`, `lengths` bytes long (as [`lengths`] read them) and already found to begin on
/// characters; `None` when the part cannot be read, the blocks do not cover `whole` exactly
/// or a run goes past its block.
pub fn decode(part: &[u8], whole: &Whole, lengths: &[usize]) -> Option<Article> {
    let count = lengths.len();
    let total = lengths.iter().try_fold(0usize, |sum, &length| sum.checked_add(length))?;
    if total != whole.as_str().len() {
        return None;
    }
    let columns = part.get(count.checked_mul(8)?.checked_add(8)?..)?;
    let (kinds, columns) = columns.split_at_checked(count)?;
    let (levels, columns) = columns.split_at_checked(count)?;
    let (counts, columns) = columns.split_at_checked(count.checked_mul(4)?)?;
    let (markers, columns): (Vec<String>, _) = postcard::take_from_bytes(columns).ok()?;
    let runs: Vec<Run> = postcard::from_bytes(columns).ok()?;
    let (mut markers, mut runs) = (markers.into_iter(), runs.into_iter());
    let mut blocks = Vec::with_capacity(count);
    let mut at = 0;
    for (i, &length) in lengths.iter().enumerate() {
        let kind = match (kinds[i], levels[i]) {
            (PARAGRAPH, _) => BlockKind::Paragraph,
            (QUOTE, _) => BlockKind::Quote,
            (CODE, _) => BlockKind::Code,
            (BYLINE, _) => BlockKind::Byline,
            (RULE, _) => BlockKind::Rule,
            (HEADING, level) => BlockKind::Heading(level),
            (ITEM, depth) => BlockKind::Item { marker: markers.next()?, depth },
            _ => return None,
        };
        let taken = u32::from_le_bytes(counts[i * 4..i * 4 + 4].try_into().ok()?) as usize;
        let block_runs: Vec<Run> = if taken == 0 { Vec::new() } else { runs.by_ref().take(taken).collect() };
        if block_runs.len() != taken
            || !block_runs.iter().all(|r| r.range.start <= r.range.end && r.range.end <= length)
        {
            return None;
        }
        blocks.push(Block { kind, text: Text::part_of(whole, at..at + length), runs: block_runs });
        at += length;
    }
    (markers.next().is_none() && runs.next().is_none()).then_some(Article { blocks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::article::Inline;

    fn table() -> (String, Table) {
        let run = |range: std::ops::Range<usize>, style| Run { range, style };
        let table = vec![
            (BlockKind::Heading(2), 5, vec![]),
            (BlockKind::Paragraph, 11, vec![run(0..4, Inline::EMPHASIS), run(6..11, Inline::LINK)]),
            (BlockKind::Item { marker: "•".into(), depth: 1 }, 3, vec![run(1..2, Inline::CODE)]),
            (BlockKind::Quote, 0, vec![]),
            (BlockKind::Item { marker: "12.".into(), depth: 0 }, 4, vec![]),
            (BlockKind::Code, 2, vec![]),
            (BlockKind::Byline, 1, vec![]),
            (BlockKind::Rule, 0, vec![]),
        ];
        ("Title".to_string() + "Some words." + "é!" + "" + "list" + "{}" + "B", table)
    }

    #[test]
    fn a_table_comes_back_as_the_article_it_was_made_from() {
        let (text, table) = table();
        let whole = Whole::owned(text.clone());
        let expected = Article::from_parts(whole.clone(), table.clone()).unwrap();
        let bytes = encode(&table).unwrap();
        let lengths = lengths(&bytes).unwrap();
        assert_eq!(lengths, table.iter().map(|(_, length, _)| *length).collect::<Vec<_>>());
        assert_eq!(decode(&bytes, &whole, &lengths), Some(expected));
    }

    #[test]
    fn a_table_that_does_not_fit_its_text_or_is_cut_short_is_not_read() {
        let (text, table) = table();
        let bytes = encode(&table).unwrap();
        let lengths = lengths(&bytes).unwrap();
        let longer = Whole::owned(text.clone() + "x");
        assert!(decode(&bytes, &longer, &lengths).is_none(), "the blocks stop short of the text");
        let whole = Whole::owned(text);
        for end in 0..bytes.len() {
            let read = super::lengths(&bytes[..end]).and_then(|lengths| decode(&bytes[..end], &whole, &lengths));
            assert!(read.is_none(), "cut at {end}");
        }
        let mut past = table.clone();
        past[0].2.push(Run { range: 0..6, style: Inline::STRONG });
        let bytes = encode(&past).unwrap();
        assert!(decode(&bytes, &whole, &lengths).is_none(), "a run past its block");
    }
}
