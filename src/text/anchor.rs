//! Finds a short quote (a question's `ref`) in the article. Quotes match after folding
//! runs of whitespace to one space and curly quotes to straight ones.

use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::AhoCorasick;
use memchr::memmem;

use super::article::Article;

/// Where a quote was found: a block and a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub block: usize,
    pub range: Range<usize>,
}

/// Text folded for matching, with the original byte offset of every folded byte.
struct Folded {
    text: String,
    origin: Vec<usize>,
}

fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        c => c,
    }
}

fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut origin = Vec::with_capacity(s.len() + 1);
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                text.push(' ');
                origin.push(i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let f = fold_char(c);
        for _ in 0..f.len_utf8() {
            origin.push(i);
        }
        text.push(f);
    }
    origin.push(s.len());
    Folded { text, origin }
}

/// Folds a quote the way the article is folded, trimming its ends.
pub fn fold_quote(quote: &str) -> String {
    fold(quote.trim()).text
}

/// The article folded once, to find many quotes in it.
pub struct Anchors<'a> {
    article: &'a Article,
    folded: Vec<Folded>,
}

impl<'a> Anchors<'a> {
    /// Folds every block of `article`.
    pub fn new(article: &'a Article) -> Self {
        Self { article, folded: article.blocks.iter().map(|b| fold(&b.text)).collect() }
    }

    /// The first place `quote` occurs, within one block.
    pub fn find(&self, quote: &str) -> Option<Anchor> {
        let needle = fold_quote(quote);
        if needle.is_empty() {
            return None;
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        self.folded.iter().enumerate().find_map(|(block, f)| {
            let at = finder.find(f.text.as_bytes())?;
            Some(self.anchor(block, f, at, at + needle.len()))
        })
    }

    /// The first place each quote occurs, finding them all in one pass over the article.
    pub fn find_all(&self, quotes: &[&str]) -> Vec<Option<Anchor>> {
        let needles: Vec<String> = quotes.iter().map(|q| fold_quote(q)).collect();
        let mut found: Vec<Option<Anchor>> = vec![None; quotes.len()];
        let searchable: Vec<usize> = (0..needles.len()).filter(|&i| !needles[i].is_empty()).collect();
        let Ok(automaton) = AhoCorasick::new(searchable.iter().map(|&i| &needles[i])) else {
            return quotes.iter().map(|q| self.find(q)).collect();
        };
        let mut left = searchable.len();
        for (block, f) in self.folded.iter().enumerate() {
            if left == 0 {
                break;
            }
            for m in automaton.find_overlapping_iter(f.text.as_str()) {
                let i = searchable[m.pattern().as_usize()];
                if found[i].is_none() {
                    found[i] = Some(self.anchor(block, f, m.start(), m.end()));
                    left -= 1;
                }
            }
        }
        found
    }

    /// The anchor for folded bytes `start..end` of `block`, in the original text.
    fn anchor(&self, block: usize, f: &Folded, start: usize, end: usize) -> Anchor {
        let first = f.origin[start];
        let last_start = f.origin[end - 1];
        let last_len = self.article.blocks[block].text[last_start..].chars().next().map_or(0, char::len_utf8);
        Anchor { block, range: first..last_start + last_len }
    }

    /// The body block sharing the most words with `quote`, for "did you mean ¶ N".
    pub fn closest(&self, quote: &str) -> Option<usize> {
        let words = word_set(&fold_quote(quote));
        if words.is_empty() {
            return None;
        }
        self.article
            .body()
            .map(|i| (i, word_set(&self.folded[i].text).intersection(&words).count()))
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
