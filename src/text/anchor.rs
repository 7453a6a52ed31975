//! Finds a short quote (a question's `ref`) in the article. Quotes match after folding
//! runs of whitespace to one space and curly quotes to straight ones.

use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use super::article::Article;

/// The longest quote searched for, in characters. A `ref` is a short quote; the automaton
/// that finds quotes takes time growing faster than the length of each, so a longer one is
/// refused when the pack is read and never searched for.
pub const QUOTE_LIMIT: usize = 300;

/// Where a quote was found: a block and a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    pub block: usize,
    pub range: Range<usize>,
}

/// Text folded for matching. Reused from block to block, so the article is never held
/// twice; where a match lies in the original is worked out only for the matches.
#[derive(Default)]
struct Folded {
    text: String,
}

/// Folds a char for matching: curly quotes to straight ones.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        c => c,
    }
}

/// Calls `each(original offset, folded char)` for every char the folding keeps (a run of
/// white space is one space), until `each` says stop.
pub(crate) fn fold_each(s: &str, mut each: impl FnMut(usize, char) -> bool) {
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if !in_space && !each(i, ' ') {
                return;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if !each(i, fold_char(c)) {
            return;
        }
    }
}

impl Folded {
    /// Folds `s` into this buffer, as [`fold_each`] does, but copying the runs it leaves
    /// alone whole: the article passes through here on every first open, and most of it is
    /// plain ASCII words and single spaces, passed over a chunk at a time.
    fn fold(&mut self, s: &str) {
        self.text.clear();
        let bytes = s.as_bytes();
        // Plain bytes are passed over eight at a time: no byte of them odd (not ASCII, or a
        // control), no two spaces together, nor a space after one just passed.
        const CHUNK: usize = 8;
        let (mut copied, mut at, mut in_space) = (0, 0, false);
        while at < bytes.len() {
            if at + CHUNK < bytes.len() {
                let chunk = &bytes[at..=at + CHUNK];
                let odd = (0..CHUNK).fold(false, |any, i| {
                    let b = chunk[i];
                    any | !(0x20..0x80).contains(&b) | ((b == b' ') & (chunk[i + 1] == b' '))
                });
                if !(odd || (in_space && chunk[0] == b' ')) {
                    in_space = chunk[CHUNK - 1] == b' ';
                    at += CHUNK;
                    continue;
                }
            }
            let b = bytes[at];
            if b == b' ' && !in_space {
                in_space = true;
                at += 1;
                continue;
            }
            if b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b {
                in_space = false;
                at += 1;
                continue;
            }
            let Some(c) = s[at..].chars().next() else { break };
            let len = c.len_utf8();
            let folded = if c.is_whitespace() {
                let first = !in_space;
                in_space = true;
                first.then_some(' ')
            } else {
                in_space = false;
                let f = fold_char(c);
                if f == c {
                    at += len;
                    continue;
                }
                Some(f)
            };
            self.text.push_str(&s[copied..at]);
            self.text.extend(folded);
            at += len;
            copied = at;
        }
        self.text.push_str(&s[copied..]);
    }

    /// The original byte range of folded bytes `start..end` of `text`.
    fn original(text: &str, start: usize, end: usize) -> Range<usize> {
        let (mut folded, mut first, mut last) = (0, None, 0);
        fold_each(text, |i, c| {
            if folded == start {
                first = Some(i);
            }
            if folded < end {
                last = i + text[i..].chars().next().map_or(0, char::len_utf8);
            }
            folded += c.len_utf8();
            folded < end
        });
        first.unwrap_or(0)..last
    }
}

/// Folds a quote the way the article is folded, trimming its ends.
pub fn fold_quote(quote: &str) -> String {
    let mut folded = Folded::default();
    folded.fold(quote.trim());
    folded.text
}

/// Quotes to find, folded and compiled into one automaton: made apart from the article,
/// so that it can be made while the article is still being read.
pub struct Quotes {
    /// How many quotes were given.
    count: usize,
    /// The quotes that can be searched for (not empty, not too long), by pattern id.
    searchable: Vec<usize>,
    /// `None` when there is nothing to search for.
    automaton: Option<AhoCorasick>,
}

impl Quotes {
    /// Folds `quotes` and compiles them.
    pub fn new(quotes: &[&str]) -> Self {
        let needles: Vec<String> = quotes.iter().map(|q| fold_quote(q)).collect();
        let searchable: Vec<usize> = (0..needles.len())
            .filter(|&i| !needles[i].is_empty() && needles[i].chars().count() <= QUOTE_LIMIT)
            .collect();
        // The automaton left as first built: making it contiguous would cost more time
        // than the one pass over the article it is used for saves.
        let automaton = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(searchable.iter().map(|&i| &needles[i]))
            .ok();
        Self { count: quotes.len(), searchable, automaton }
    }

    /// How many quotes were given.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Finds quotes in an article, folding one block at a time.
pub struct Anchors<'a> {
    article: &'a Article,
}

impl<'a> Anchors<'a> {
    /// Prepares to search `article`.
    pub fn new(article: &'a Article) -> Self {
        Self { article }
    }

    /// The first place `quote` occurs, within one block.
    pub fn find(&self, quote: &str) -> Option<Anchor> {
        self.find_all(&[quote]).pop().flatten()
    }

    /// The first place each quote occurs, finding them all in one pass over the article
    /// (the two halves of it on two threads).
    pub fn find_all(&self, quotes: &[&str]) -> Vec<Option<Anchor>> {
        self.find_quotes(&Quotes::new(quotes))
    }

    /// The first place each of `quotes` occurs, as [`Anchors::find_all`].
    pub fn find_quotes(&self, quotes: &Quotes) -> Vec<Option<Anchor>> {
        let Some(automaton) = &quotes.automaton else {
            return vec![None; quotes.count];
        };
        let searchable = &quotes.searchable;
        let blocks = &self.article.blocks;
        let half = blocks.len() / 2;
        let search = |range: Range<usize>| -> Vec<Option<Anchor>> {
            let mut found: Vec<Option<Anchor>> = vec![None; quotes.count];
            let mut left = searchable.len();
            let mut folded = Folded::default();
            for block in range {
                if left == 0 {
                    break;
                }
                let text = &blocks[block].text;
                folded.fold(text);
                for m in automaton.find_overlapping_iter(folded.text.as_str()) {
                    let i = searchable[m.pattern().as_usize()];
                    if found[i].is_none() {
                        found[i] = Some(Anchor { block, range: Folded::original(text, m.start(), m.end()) });
                        left -= 1;
                    }
                }
            }
            found
        };
        std::thread::scope(|scope| {
            let second = scope.spawn(|| search(half..blocks.len()));
            let first = search(0..half);
            let second = second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            // The first half's find comes first in the article.
            first.into_iter().zip(second).map(|(a, b)| a.or(b)).collect()
        })
    }

    /// The body block sharing the most words with `quote`, for "did you mean ¶ N".
    pub fn closest(&self, quote: &str) -> Option<usize> {
        let words = word_set(&fold_quote(quote));
        if words.is_empty() {
            return None;
        }
        let mut folded = Folded::default();
        self.article
            .body()
            .map(|i| {
                folded.fold(&self.article.blocks[i].text);
                (i, word_set(&folded.text).intersection(&words).count())
            })
            .filter(|(_, n)| *n > 0)
            .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
    }
}

fn word_set(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article::parse("First para about ‘chips’.\n\nSecond  para\nwith “quotes” and   space.\n", "")
    }

    #[test]
    fn folds_quotes_and_space() {
        let a = article();
        let anchors = Anchors::new(&a);
        let hit = anchors.find("about 'chips'").unwrap();
        assert_eq!(hit.block, 0);
        assert_eq!(&a.blocks[0].text[hit.range], "about ‘chips’");
        let hit = anchors.find("with \"quotes\"  and space").unwrap();
        assert_eq!(hit.block, 1);
        assert_eq!(&a.blocks[1].text[hit.range], "with “quotes” and   space");
    }

    #[test]
    fn finds_many_quotes_at_once_as_one_by_one() {
        let a = article();
        let anchors = Anchors::new(&a);
        let quotes = ["about 'chips'", "para", "with \"quotes\"", "missing", "", "Second  para", "para"];
        let one_by_one: Vec<_> = quotes.iter().map(|q| anchors.find(q)).collect();
        assert_eq!(anchors.find_all(&quotes), one_by_one);
        assert_eq!(one_by_one[1], Some(Anchor { block: 0, range: 6..10 }), "the first place wins");
        assert_eq!(one_by_one[3], None);
    }

    proptest::proptest! {
        #[test]
        fn a_found_quote_maps_back_to_the_same_words(
            text in "([a-z]{1,6}|[ ]{1,3}|[‘’“”'\"]|é|漢){1,40}",
            from in 0usize..200,
            len in 1usize..40,
        ) {
            let article = Article::parse(&text, "");
            let Some(block) = article.blocks.first() else { return Ok(()) };
            let folded = fold_quote(&block.text);
            let chars: Vec<char> = folded.chars().collect();
            let from = from % chars.len().max(1);
            let quote: String = chars[from..(from + len).min(chars.len())].iter().collect();
            if quote.trim().is_empty() || quote != quote.trim() {
                return Ok(());
            }
            let anchors = Anchors::new(&article);
            let hit = anchors.find(&quote).expect("a piece of the text is found in it");
            proptest::prop_assert_eq!(fold_quote(&block.text[hit.range.clone()]), quote);
        }
    }

    proptest::proptest! {
        /// Folding a block whole, runs at a time, gives what folding it a char at a time does.
        #[test]
        fn folding_by_runs_is_folding_by_chars(
            text in "([a-z]{1,6}|[a-z.,]{7,20}|[ ]{1,3}|[\n\t\r\u{b}\u{c}\u{1}\u{1f}\u{7f}]|[‘’‚‛′“”„‟″'\"]|\u{85}|\u{a0}|\u{1680}|[\u{2000}-\u{200a}]|\u{2028}|\u{2029}|\u{202f}|\u{205f}|\u{3000}|é|漢|😀){0,20}",
        ) {
            let mut folded = Folded::default();
            folded.fold(&text);
            let mut by_chars = String::new();
            fold_each(&text, |_, c| {
                by_chars.push(c);
                true
            });
            proptest::prop_assert_eq!(folded.text, by_chars);
        }
    }

    #[test]
    fn missing_quote_names_closest() {
        let a = article();
        let anchors = Anchors::new(&a);
        assert_eq!(anchors.find("about chips"), None);
        assert_eq!(anchors.closest("second quotes paragraph"), Some(1));
        assert_eq!(anchors.closest("zebra"), None);
    }
}
