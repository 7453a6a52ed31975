//! Finds a short quote (a question's `ref`) in the article. Quotes match after folding
//! runs of whitespace to one space and curly quotes to straight ones.

use std::collections::HashSet;
use std::ops::Range;

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
            let start = f.origin[at];
            let last = at + needle.len() - 1;
            let last_start = f.origin[last];
            let last_len = self.article.blocks[block].text[last_start..].chars().next().map_or(0, char::len_utf8);
            Some(Anchor { block, range: start..last_start + last_len })
        })
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
    fn missing_quote_names_closest() {
        let a = article();
        let anchors = Anchors::new(&a);
        assert_eq!(anchors.find("about chips"), None);
        assert_eq!(anchors.closest("second quotes paragraph"), Some(1));
        assert_eq!(anchors.closest("zebra"), None);
    }
}
