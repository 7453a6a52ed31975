//! Finds a short quote (a question's `ref`) in the article. Quotes match after folding
//! runs of whitespace to one space and curly quotes to straight ones.

use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use super::article::Article;

/// Where a quote was found: a block and a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub block: usize,
    pub range: Range<usize>,
}

/// Text folded for matching, with the original byte offset of every folded byte. Reused
/// from block to block, so the article is never held twice.
#[derive(Default)]
struct Folded {
    text: String,
    origin: Vec<u32>,
}

fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        c => c,
    }
}

impl Folded {
    /// Folds `s` into this buffer.
    fn fold(&mut self, s: &str) {
        self.text.clear();
        self.origin.clear();
        let mut in_space = false;
        for (i, c) in s.char_indices() {
            // Blocks are far smaller than 4 GiB.
            let at = i as u32;
            if c.is_whitespace() {
                if !in_space {
                    self.text.push(' ');
                    self.origin.push(at);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let f = fold_char(c);
            self.origin.extend(std::iter::repeat_n(at, f.len_utf8()));
            self.text.push(f);
        }
        self.origin.push(s.len() as u32);
    }

    /// The original byte range of folded bytes `start..end` of `text`.
    fn original(&self, text: &str, start: usize, end: usize) -> Range<usize> {
        let first = self.origin[start] as usize;
        let last_start = self.origin[end - 1] as usize;
        let last_len = text[last_start..].chars().next().map_or(0, char::len_utf8);
        first..last_start + last_len
    }
}

/// Folds a quote the way the article is folded, trimming its ends.
pub fn fold_quote(quote: &str) -> String {
    let mut folded = Folded::default();
    folded.fold(quote.trim());
    folded.text
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

    /// The first place each quote occurs, finding them all in one pass over the article.
    pub fn find_all(&self, quotes: &[&str]) -> Vec<Option<Anchor>> {
        let needles: Vec<String> = quotes.iter().map(|q| fold_quote(q)).collect();
        let mut found: Vec<Option<Anchor>> = vec![None; quotes.len()];
        let searchable: Vec<usize> = (0..needles.len()).filter(|&i| !needles[i].is_empty()).collect();
        let Ok(automaton) = AhoCorasick::new(searchable.iter().map(|&i| &needles[i])) else { return found };
        let mut left = searchable.len();
        let mut folded = Folded::default();
        for (block, b) in self.article.blocks.iter().enumerate() {
            if left == 0 {
                break;
            }
            folded.fold(&b.text);
            for m in automaton.find_overlapping_iter(folded.text.as_str()) {
                let i = searchable[m.pattern().as_usize()];
                if found[i].is_none() {
                    found[i] = Some(Anchor { block, range: folded.original(&b.text, m.start(), m.end()) });
                    left -= 1;
                }
            }
        }
        found
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

    #[test]
    fn missing_quote_names_closest() {
        let a = article();
        let anchors = Anchors::new(&a);
        assert_eq!(anchors.find("about chips"), None);
        assert_eq!(anchors.closest("second quotes paragraph"), Some(1));
        assert_eq!(anchors.closest("zebra"), None);
    }
}
