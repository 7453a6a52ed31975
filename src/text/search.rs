//! Searching the article for what the reader types: literal text with smart case, where a
//! space matches any run of whitespace and a straight quote matches its curly forms.
//! Plain data in, byte ranges out.

use std::ops::Range;

use regex::Regex;

use super::article::Article;

/// A search hit: a block and a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub block: usize,
    pub range: Range<usize>,
}

/// Smart case: case-sensitive only when the query has an uppercase letter.
#[derive(Debug, Clone)]
pub struct Search {
    regex: Regex,
    case_sensitive: bool,
}

/// Every single quote or apostrophe, as anchors fold them, so any one finds the others.
const SINGLE_QUOTES: &str = "['‘’‚‛′]";
/// Every double quote.
const DOUBLE_QUOTES: &str = "[\"“”„‟″]";

impl Search {
    /// Compiles `query`; `None` when it is empty (or, in theory, too long to compile).
    pub fn new(query: &str) -> Option<Self> {
        if query.is_empty() {
            return None;
        }
        let case_sensitive = query.chars().any(char::is_uppercase);
        let mut pattern = String::with_capacity(query.len() * 2 + 4);
        if !case_sensitive {
            // Unicode-aware, so "état" also finds "ÉTAT".
            pattern.push_str("(?i)");
        }
        let mut chars = query.chars().peekable();
        let mut buf = [0; 4];
        while let Some(c) = chars.next() {
            match c {
                c if c.is_whitespace() => {
                    while chars.next_if(|c| c.is_whitespace()).is_some() {}
                    // The article keeps hard breaks and the author's double spaces.
                    pattern.push_str(r"\s+");
                }
                '\'' | '‘' | '’' | '‚' | '‛' | '′' => pattern.push_str(SINGLE_QUOTES),
                '"' | '“' | '”' | '„' | '‟' | '″' => pattern.push_str(DOUBLE_QUOTES),
                c => pattern.push_str(&regex::escape(c.encode_utf8(&mut buf))),
            }
        }
        Regex::new(&pattern).ok().map(|regex| Self { regex, case_sensitive })
    }

    /// True when the query has an uppercase letter, so case must match.
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// Hits in one block's text, in order.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        self.regex.find_iter(text).map(|m| m.range()).collect()
    }

    /// Every hit in the article's blocks, in reading order.
    pub fn find_all(&self, article: &Article) -> Vec<Hit> {
        article
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(block, b)| self.regex.find_iter(&b.text).map(move |m| Hit { block, range: m.range() }))
            .collect()
    }
}

/// Index of the first hit at or after (block, offset), wrapping to the first hit.
///
/// `hits` must be in reading order, as [`Search::find_all`] returns them.
pub fn next_hit(hits: &[Hit], block: usize, offset: usize) -> Option<usize> {
    if hits.is_empty() {
        return None;
    }
    let i = hits.partition_point(|h| (h.block, h.range.start) < (block, offset));
    Some(if i == hits.len() { 0 } else { i })
}

/// Index of the last hit before (block, offset), wrapping to the last hit.
///
/// `hits` must be in reading order, as [`Search::find_all`] returns them.
pub fn prev_hit(hits: &[Hit], block: usize, offset: usize) -> Option<usize> {
    if hits.is_empty() {
        return None;
    }
    let i = hits.partition_point(|h| (h.block, h.range.start) < (block, offset));
    Some(if i == 0 { hits.len() - 1 } else { i - 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::article::{Block, BlockKind};

    fn article(texts: &[&str]) -> Article {
        Article {
            blocks: texts
                .iter()
                .map(|t| Block { kind: BlockKind::Paragraph, text: (*t).into(), runs: Vec::new() })
                .collect(),
        }
    }

    fn texts<'t>(search: &Search, text: &'t str) -> Vec<&'t str> {
        search.find_in(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn smart_case() {
        let lower = Search::new("deep").unwrap();
        assert!(!lower.case_sensitive());
        assert_eq!(texts(&lower, "Deep deep DEEP"), ["Deep", "deep", "DEEP"]);
        let upper = Search::new("Deep").unwrap();
        assert!(upper.case_sensitive());
        assert_eq!(texts(&upper, "Deep deep DEEP"), ["Deep"]);
        // Case folding is Unicode-aware.
        assert_eq!(texts(&Search::new("état").unwrap(), "État ÉTAT"), ["État", "ÉTAT"]);
        assert!(Search::new("Émile").unwrap().case_sensitive());
    }

    #[test]
    fn quotes_match_curly_forms() {
        let s = Search::new("arms race'").unwrap();
        assert_eq!(texts(&s, "the ‘arms race’ and arms race'"), ["arms race’", "arms race'"]);
        let s = Search::new("\"open\"").unwrap();
        assert_eq!(texts(&s, "“open” and \"open\""), ["“open”", "\"open\""]);
        // A curly quote in the query finds a straight one too.
        assert_eq!(texts(&Search::new("don’t").unwrap(), "don't"), ["don't"]);
    }

    #[test]
    fn whitespace_matches_any_run() {
        let s = Search::new("arms  race").unwrap();
        assert_eq!(
            texts(&s, "arms race, arms\nrace, arms \t race, armsrace"),
            ["arms race", "arms\nrace", "arms \t race"]
        );
    }

    #[test]
    fn empty_query() {
        assert!(Search::new("").is_none());
    }

    #[test]
    fn metacharacters_are_literal() {
        let s = Search::new("$600 (billion)").unwrap();
        assert_eq!(texts(&s, "about $600 (billion) or $600 billion"), ["$600 (billion)"]);
        assert_eq!(texts(&Search::new(".*").unwrap(), "abc .* d"), [".*"]);
        assert_eq!(texts(&Search::new("a\\b[c]").unwrap(), "a\\b[c] abc"), ["a\\b[c]"]);
    }

    #[test]
    fn find_all_in_reading_order() {
        let a = article(&["one chip", "no", "chip, chip"]);
        let hits = Search::new("chip").unwrap().find_all(&a);
        assert_eq!(
            hits,
            [Hit { block: 0, range: 4..8 }, Hit { block: 2, range: 0..4 }, Hit { block: 2, range: 6..10 }]
        );
    }

    #[test]
    fn next_and_prev_wrap_around() {
        let hits = [Hit { block: 0, range: 4..8 }, Hit { block: 2, range: 0..4 }, Hit { block: 2, range: 6..10 }];
        assert_eq!(next_hit(&hits, 0, 0), Some(0));
        assert_eq!(next_hit(&hits, 0, 4), Some(0));
        assert_eq!(next_hit(&hits, 0, 5), Some(1));
        assert_eq!(next_hit(&hits, 1, 99), Some(1));
        assert_eq!(next_hit(&hits, 2, 1), Some(2));
        assert_eq!(next_hit(&hits, 2, 7), Some(0));
        assert_eq!(next_hit(&hits, 9, 0), Some(0));
        assert_eq!(prev_hit(&hits, 0, 4), Some(2));
        assert_eq!(prev_hit(&hits, 0, 5), Some(0));
        assert_eq!(prev_hit(&hits, 2, 0), Some(0));
        assert_eq!(prev_hit(&hits, 2, 6), Some(1));
        assert_eq!(prev_hit(&hits, 9, 0), Some(2));
        assert_eq!(next_hit(&[], 0, 0), None);
        assert_eq!(prev_hit(&[], 0, 0), None);
    }

    #[test]
    fn large_article() {
        const WORDS: [&str; 8] = ["the", "deep", "learning", "chip", "deeply", "race", "model", "compute"];
        let mut seed: u64 = 7;
        let mut blocks = Vec::new();
        let mut total = 0;
        while total < 5_000_000 {
            let mut text = String::new();
            for _ in 0..120 {
                // A small linear congruential generator: reproducible without a crate.
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(WORDS[(seed >> 33) as usize % WORDS.len()]);
                text.push(' ');
            }
            total += text.len();
            blocks.push(text);
        }
        let a = article(&blocks.iter().map(String::as_str).collect::<Vec<_>>());
        let hits = Search::new("deep").unwrap().find_all(&a);
        let expected: usize = blocks.iter().map(|b| b.matches("deep").count()).sum();
        assert!(expected > 100_000);
        assert_eq!(hits.len(), expected);
        assert!(hits.iter().all(|h| &a.blocks[h.block].text[h.range.clone()] == "deep"));
        assert!(hits.windows(2).all(|w| (w[0].block, w[0].range.start) < (w[1].block, w[1].range.start)));
    }
}
