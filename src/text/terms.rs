//! Glossary terms found in a text: every name and alias of every term, in one pass, whole
//! words only, longest first. Plain data in, byte ranges out.
//!
//! Case is ignored fully for ASCII letters. For other letters only the common forms are
//! found: each name as written, in lower case, in upper case and capitalised ("Ökonomie"
//! finds "ökonomie" and "ÖKONOMIE" but not "öKONOMIE"). Straight and curly apostrophes and
//! quotes match each other. Whitespace inside a name must be a single space in the text,
//! as the article's soft breaks are.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

/// The longest term or alias found in a text, in characters; a longer one is refused when
/// the glossary is read and never indexed.
pub const NAME_LIMIT: usize = 100;

/// The most terms and aliases a glossary may have in all: a larger glossary is refused when
/// it is read, and only this many names are indexed.
pub const MAX_NAMES: usize = 20_000;

/// Where a term occurs: a byte range of the text and the term's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub term: usize,
}

/// Every name and alias of every term, in one trie whose steps are words rather than bytes,
/// so that any number of terms costs one pass over the text: the trie is walked from each
/// place a word can start, and only as far as some name goes on.
#[derive(Debug, Clone, Default)]
pub struct TermIndex {
    /// `None` when there is nothing to find. Shared: an index is cloned into the threads
    /// that use it.
    trie: Option<Arc<Trie>>,
}

/// A name cut into tokens: each run of ASCII letters and digits is one token (compared
/// without regard to ASCII case), with the single space before it if there is one, and
/// every other byte is a token of its own ("AI arms race" is `AI`, ` arms`, ` race`). A
/// name that matches a text where a word can start and ends where a word does is cut into
/// the same tokens as the text it matches, since a run can end inside the name only where
/// the text has the same byte that is no letter or digit.
#[derive(Debug)]
struct Trie {
    /// The child of each node by token, keyed by [`Trie::key`], and the term whose name ends at
    /// the child, or [`NO_TERM`]: one look-up a step.
    edges: FxHashMap<u128, Edge>,
    /// Runs longer than [`SHORT`] bytes, in lower case, by number: the few long words.
    long_words: FxHashMap<Box<[u8]>, u32>,
    /// The longest run in any name, in bytes: a longer one in the text is in no name.
    longest_word: usize,
    /// How many nodes there are; node 0 is the root.
    nodes: u32,
    /// Whether some name starts with each byte (either case of an ASCII letter): most
    /// places a word could start, such as every space, are passed over with no look-up.
    starts: [bool; 256],
}

#[derive(Debug, Clone, Copy)]
struct Edge {
    child: u32,
    term: u32,
}

const NO_TERM: u32 = u32::MAX;

/// The longest token held in a key itself.
const SHORT: usize = 12;

/// The key of a node's child by a token of at most [`SHORT`] bytes: the token's bytes (a
/// run's in lower case), then the node. A single byte that is no letter or digit is never
/// the lower case of one, and no ASCII byte is 0xFF, which the key of a long word's number
/// ([`long_key`]) puts in its last token byte.
#[inline(always)]
fn short_key(node: u32, bytes: &[u8], at: usize, end: usize) -> u128 {
    let len = end - at;
    let mask = MASKS[len];
    // One load where 16 bytes are left, else byte by byte.
    let mut packed = match bytes.get(at..at + 16) {
        Some(chunk) => u128::from_le_bytes(chunk.try_into().unwrap_or([0; 16])) & mask,
        None => packed_near_end(&bytes[at..end]),
    };
    if len > 1 || bytes[at].is_ascii_alphanumeric() {
        // Setting 0x20 puts an ASCII letter in lower case and leaves a digit (or the space
        // before a run) as it is.
        packed |= LOWER & mask;
    }
    packed | u128::from(node) << (8 * SHORT)
}

/// A token's bytes packed as [`short_key`] packs them, where fewer than 16 bytes are left.
#[cold]
#[inline(never)]
fn packed_near_end(token: &[u8]) -> u128 {
    token.iter().enumerate().fold(0, |packed, (i, &b)| packed | u128::from(b) << (8 * i))
}

const LOWER: u128 = u128::from_le_bytes([0x20; 16]);

/// For each length up to [`SHORT`], the low `len` bytes set.
const MASKS: [u128; SHORT + 1] = {
    let mut masks = [0; SHORT + 1];
    let mut len = 1;
    while len <= SHORT {
        masks[len] = (1u128 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

fn long_key(node: u32, word: u32) -> u128 {
    u128::from(word) | 0xFF << (8 * (SHORT - 1)) | u128::from(node) << (8 * SHORT)
}

/// The end of the token starting at `at`: of its run of ASCII letters and digits (with the
/// one space before it, if it starts there), or the next byte.
fn token_end(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        b if b.is_ascii_alphanumeric() => run_end(bytes, at),
        b' ' if bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric) => run_end(bytes, at + 1),
        _ => at + 1,
    }
}

/// The end of the run of ASCII letters and digits starting at `from`.
fn run_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| from + n)
}

impl Trie {
    fn new() -> Self {
        Self {
            edges: FxHashMap::default(),
            long_words: FxHashMap::default(),
            longest_word: 0,
            nodes: 1,
            starts: [false; 256],
        }
    }

    /// The key of `node`'s child by the token `bytes[at..end]`; `None` for a word longer
    /// than [`SHORT`] that is in no name. `lower` is room for such a word in lower case.
    #[inline(always)]
    fn key(&self, node: u32, bytes: &[u8], at: usize, end: usize, lower: &mut Vec<u8>) -> Option<u128> {
        if end - at <= SHORT {
            return Some(short_key(node, bytes, at, end));
        }
        self.long_word_key(node, bytes, at, end, lower)
    }

    /// [`Trie::key`] for a word longer than [`SHORT`]: rare, so kept out of the loop.
    #[cold]
    #[inline(never)]
    fn long_word_key(&self, node: u32, bytes: &[u8], at: usize, end: usize, lower: &mut Vec<u8>) -> Option<u128> {
        if end - at > self.longest_word {
            return None;
        }
        lower.clear();
        lower.extend(bytes[at..end].iter().map(u8::to_ascii_lowercase));
        Some(long_key(node, *self.long_words.get(lower.as_slice())?))
    }

    /// Adds `name` for `term`, unless an earlier term has it.
    fn insert(&mut self, name: &str, term: usize) {
        let bytes = name.as_bytes();
        if let Some(&first) = bytes.first() {
            self.starts[usize::from(first.to_ascii_lowercase())] = true;
            self.starts[usize::from(first.to_ascii_uppercase())] = true;
        }
        let mut lower = Vec::new();
        let mut node = 0;
        let mut at = 0;
        let mut last = None;
        while at < bytes.len() {
            let end = token_end(bytes, at);
            self.longest_word = self.longest_word.max(end - at);
            if end - at > SHORT {
                let fresh = self.long_words.len() as u32;
                self.long_words.entry(bytes[at..end].to_ascii_lowercase().into_boxed_slice()).or_insert(fresh);
            }
            // Every word of the name is known now, so it has a key.
            let Some(key) = self.key(node, bytes, at, end, &mut lower) else { return };
            let fresh = Edge { child: self.nodes, term: NO_TERM };
            node = self.edges.entry(key).or_insert(fresh).child;
            if node == fresh.child {
                self.nodes += 1;
            }
            last = Some(key);
            at = end;
        }
        if let Some(edge) = last.and_then(|key| self.edges.get_mut(&key))
            && edge.term == NO_TERM
        {
            edge.term = term as u32;
        }
    }

    /// The longest name starting at `from` (where a word can start) that ends a word, as its
    /// end and term: the names are walked down the trie together, token by token, until none
    /// goes on. "AI arms race" beats "AI", but where "AI arms races" goes on, "AI" is the one.
    fn longest_whole(&self, text: &str, from: usize, lower: &mut Vec<u8>) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut node = 0u32;
        let mut at = from;
        let mut longest = None;
        while at < bytes.len() {
            let end = token_end(bytes, at);
            let key = self.key(node, bytes, at, end, lower);
            let Some(&Edge { child, term }) = key.and_then(|key| self.edges.get(&key)) else { break };
            node = child;
            at = end;
            // A name ends on a character (it is UTF-8 and all its bytes matched) and must
            // end a word.
            if term != NO_TERM && text.is_char_boundary(at) && ends_word(text, at) {
                longest = Some((at, term as usize));
            }
        }
        longest
    }
}

impl TermIndex {
    /// Builds the index from each term's names (term first, then aliases).
    ///
    /// A name that is empty after trimming, or longer than [`NAME_LIMIT`], is ignored, and
    /// so is every name after the first [`MAX_NAMES`]. When two terms share a name, the
    /// first term gets it.
    pub fn new<'a>(terms: impl IntoIterator<Item = impl IntoIterator<Item = &'a str>>) -> Self {
        let mut trie = Trie::new();
        let mut seen = FxHashSet::default();
        let mut left = MAX_NAMES;
        'terms: for (term, names) in terms.into_iter().enumerate() {
            for name in names {
                // The loader refuses a larger glossary; this keeps any other caller fast.
                if left == 0 {
                    break 'terms;
                }
                left -= 1;
                let name = name.trim();
                if name.chars().count() > NAME_LIMIT {
                    continue;
                }
                for pattern in variants(name) {
                    // The trie ignores ASCII case, so patterns equal but for it are one.
                    if seen.insert(pattern.to_ascii_lowercase()) {
                        trie.insert(&pattern, term);
                    }
                }
            }
        }
        if trie.nodes == 1 {
            return Self::default();
        }
        Self { trie: Some(Arc::new(trie)) }
    }

    /// Every occurrence in `text`, in order, not overlapping: case-insensitive, whole words, longest first.
    ///
    /// "Large Language Model" beats "Model" and "AI arms race" beats "AI". A whole word has
    /// no letter, digit or combining mark just before or after it; where the longest name
    /// fails that, a shorter one at the same place, or one starting later inside it, can count.
    pub fn find(&self, text: &str) -> Vec<Mark> {
        let mut marks = Vec::new();
        self.find_each(text, |mark| marks.push(mark));
        marks
    }

    /// Gives `each` every occurrence in `text`, in order, as [`TermIndex::find`] finds them.
    pub fn find_each(&self, text: &str, mut each: impl FnMut(Mark)) {
        let Some(trie) = &self.trie else { return };
        let bytes = text.as_bytes();
        let mut lower = Vec::new();
        let mut at = 0;
        // Whether the character before `at` continues a word: a name can start only where
        // it does not.
        let mut in_word = false;
        while at < bytes.len() {
            if !in_word
                && trie.starts[usize::from(bytes[at])]
                && let Some((end, term)) = trie.longest_whole(text, at, &mut lower)
            {
                each(Mark { range: at..end, term });
                in_word = text[..end].chars().next_back().is_some_and(is_word_char);
                at = end;
                continue;
            }
            let byte = bytes[at];
            if byte.is_ascii_alphanumeric() {
                // No name starts inside a run of letters and digits.
                at = run_end(bytes, at);
                in_word = true;
            } else if byte.is_ascii() {
                in_word = false;
                at += 1;
            } else {
                let c = text[at..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                in_word = is_word_char(c);
                at += c.len_utf8();
            }
        }
    }

    /// True when there is no name to find.
    pub fn is_empty(&self) -> bool {
        self.trie.is_none()
    }
}

/// True for characters that continue a word: letters, digits, and combining marks, so that
/// "cafe" is not found in a decomposed "café".
fn is_word_char(c: char) -> bool {
    // Curly quotes and dashes are common next to words, and the general punctuation block
    // they are in has no letters, digits or marks: told apart before the Unicode tables.
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return false;
    }
    c.is_alphanumeric()
        || matches!(
            c,
            '\u{0300}'..='\u{036F}'
                | '\u{1AB0}'..='\u{1AFF}'
                | '\u{1DC0}'..='\u{1DFF}'
                | '\u{20D0}'..='\u{20FF}'
                | '\u{FE20}'..='\u{FE2F}'
        )
}

fn ends_word(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// The patterns that find `name`: its case forms (for non-ASCII letters, which the
/// trie compares exactly) and, for names with quotes, straight and curly forms.
fn variants(name: &str) -> Vec<String> {
    if name.is_empty() {
        return Vec::new();
    }
    let mut cased = vec![name.to_string()];
    if !name.is_ascii() {
        let lower = name.to_lowercase();
        cased.push(capitalise(&lower));
        cased.push(name.to_uppercase());
        cased.push(lower);
    }
    let mut out: Vec<String> = Vec::new();
    for form in cased {
        let quoted = if form.contains(QUOTES) { vec![straight(&form), curly(&form), form] } else { vec![form] };
        for v in quoted {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

const QUOTES: [char; 6] = ['\'', '‘', '’', '"', '“', '”'];

fn capitalise(lower: &str) -> String {
    let mut chars = lower.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn straight(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

/// Typographic quotes: opening at the start or after a space or bracket, else closing
/// (which is also the apostrophe).
fn curly(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let opening = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{'));
        out.push(match c {
            '\'' | '‘' | '’' if opening => '‘',
            '\'' | '‘' | '’' => '’',
            '"' | '“' | '”' if opening => '“',
            '"' | '“' | '”' => '”',
            c => c,
        });
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    fn index(terms: &[&[&str]]) -> TermIndex {
        TermIndex::new(terms.iter().map(|names| names.iter().copied()))
    }

    /// Each mark as its text and term.
    fn found<'t>(index: &TermIndex, text: &'t str) -> Vec<(&'t str, usize)> {
        index.find(text).into_iter().map(|m| (&text[m.range], m.term)).collect()
    }

    #[test]
    fn longest_first() {
        let idx = index(&[&["Model"], &["Large Language Model", "LLM"], &["AI"], &["AI arms race"]]);
        assert_eq!(found(&idx, "A Large Language Model is a model."), [("Large Language Model", 1), ("model", 0)]);
        assert_eq!(found(&idx, "the AI arms race, AI"), [("AI arms race", 3), ("AI", 2)]);
        // The longest name ends mid-word, so the shorter one at the same place counts.
        assert_eq!(found(&idx, "AI arms races"), [("AI", 2)]);
    }

    #[test]
    fn a_name_ending_inside_a_longer_one_is_not_taken_for_it() {
        // "AB" is on the way to "ABA", and "B" ends there too, having started later: it is
        // found only where it starts a word.
        let names = index(&[&["B"], &["ABA"]]);
        assert_eq!(found(&names, "AB"), []);
        assert_eq!(found(&names, "AB B ABA"), [("B", 0), ("ABA", 1)]);
    }

    #[test]
    fn whole_words_only() {
        let idx = index(&[&["model"], &["AI"]]);
        assert_eq!(found(&idx, "models"), []);
        assert_eq!(found(&idx, "remodel"), []);
        assert_eq!(found(&idx, "AIs and AI"), [("AI", 1)]);
        assert_eq!(found(&idx, "(model), 'AI'. AI-driven AI2"), [("model", 0), ("AI", 1), ("AI", 1)]);
        assert_eq!(found(&idx, "model"), [("model", 0)]);
        // A combining accent continues the word.
        assert_eq!(found(&idx, "AI\u{301} model"), [("model", 0)]);
    }

    #[test]
    fn later_overlapping_match_survives() {
        let idx = index(&[&["ab"], &["bcd"]]);
        // "ab" starts first but ends mid-word; "bcd" starts inside it, also mid-word.
        assert_eq!(found(&idx, "abcd"), []);
        let idx = index(&[&["x ab"], &["ab cd"]]);
        assert_eq!(found(&idx, "x ab cd"), [("x ab", 0)]);
        assert_eq!(found(&idx, "xx ab cd"), [("ab cd", 1)]);
    }

    #[test]
    fn aliases_and_possessives_as_given() {
        let idx = index(&[&["chip", "chips", "chip's"]]);
        assert_eq!(found(&idx, "chips, a chip's die, chip"), [("chips", 0), ("chip's", 0), ("chip", 0)]);
        // Curly and straight apostrophes match each other.
        assert_eq!(found(&idx, "the chip’s"), [("chip’s", 0)]);
        let idx = index(&[&["chip’s"]]);
        assert_eq!(found(&idx, "the chip's"), [("chip's", 0)]);
        // No stemming: a plural the author did not give is not found.
        let idx = index(&[&["chip"]]);
        assert_eq!(found(&idx, "chips"), []);
    }

    #[test]
    fn case_is_ignored() {
        let idx = index(&[&["Large Language Model"], &["Ökonomie"], &["état"]]);
        assert_eq!(found(&idx, "large LANGUAGE model"), [("large LANGUAGE model", 0)]);
        let text = "ökonomie ÖKONOMIE Ökonomie";
        assert_eq!(found(&idx, text), [("ökonomie", 1), ("ÖKONOMIE", 1), ("Ökonomie", 1)]);
        assert_eq!(found(&idx, "État ÉTAT état"), [("État", 2), ("ÉTAT", 2), ("état", 2)]);
    }

    #[test]
    fn unicode_around_matches() {
        let idx = index(&[&["AI"], &["naïve"]]);
        assert_eq!(found(&idx, "«AI» — “AI”"), [("AI", 0), ("AI", 0)]);
        assert_eq!(found(&idx, "éAI AIé 漢AI"), []);
        assert_eq!(found(&idx, "漢字 AI 漢字 naïve"), [("AI", 0), ("naïve", 1)]);
        let text = "👍🏽AI👍🏽";
        assert_eq!(found(&idx, text), [("AI", 0)]);
    }

    #[test]
    fn long_words_inside_names() {
        // A word of twelve letters or more (with the space before it) is keyed apart.
        let idx =
            index(&[&["the internationalisation of labour"], &["internationalisation"], &["counterrevolutionaries x"]]);
        let text = "The INTERNATIONALISATION of Labour; internationalisation of; counterrevolutionaries  x";
        assert_eq!(
            found(&idx, text),
            [("The INTERNATIONALISATION of Labour", 0), ("internationalisation", 1)],
            "two spaces are not the one space of the name"
        );
        assert_eq!(found(&idx, "counterrevolutionaries x"), [("counterrevolutionaries x", 2)]);
        assert_eq!(found(&idx, "the internationalisations of labour"), []);
    }

    #[test]
    fn general_punctuation_never_continues_a_word() {
        // `is_word_char` answers for this block before asking the Unicode tables.
        let words: Vec<char> = ('\u{2000}'..='\u{206f}').filter(|c| c.is_alphanumeric()).collect();
        assert!(words.is_empty(), "{words:?} are letters or digits");
        assert!(!is_word_char('’') && !is_word_char('—') && is_word_char('é') && is_word_char('\u{301}'));
        let idx = index(&[&["AI"]]);
        assert_eq!(found(&idx, "AI’s “AI”—AI\u{2070}"), [("AI", 0), ("AI", 0)]);
    }

    #[test]
    fn empty_names_are_ignored() {
        assert!(index(&[]).is_empty());
        let idx = index(&[&["", "  "], &["x"]]);
        assert!(!idx.is_empty());
        assert_eq!(found(&idx, "a x b"), [("x", 1)]);
        assert_eq!(found(&index(&[&[""]]), "anything"), []);
    }

    #[test]
    fn many_terms() {
        let names: Vec<String> = (0..5000).map(|i| format!("term{i}")).collect();
        let idx = TermIndex::new(names.iter().map(|n| [n.as_str()]));
        let text = "term7 and TERM4999, not term50000 or xterm3; term123.";
        assert_eq!(found(&idx, text), [("term7", 7), ("TERM4999", 4999), ("term123", 123)]);
    }

    #[test]
    fn shared_name_goes_to_first_term() {
        let idx = index(&[&["GPU"], &["gpu", "graphics card"]]);
        assert_eq!(found(&idx, "a Gpu, a graphics card"), [("Gpu", 0), ("graphics card", 1)]);
    }

    /// Case and quote folding for comparing a mark's text with a name.
    fn starts_word(text: &str, at: usize) -> bool {
        text[..at].chars().next_back().is_none_or(|c| !is_word_char(c))
    }

    fn fold(s: &str) -> String {
        straight(&s.to_lowercase())
    }

    /// Finds names the slow way: at each place a word can start, the longest of the forms
    /// [`variants`] gives each name that is there (ASCII case aside) and ends a word.
    fn naive(names: &[String], text: &str) -> Vec<Range<usize>> {
        let forms: Vec<String> = names.iter().flat_map(|n| variants(n.trim())).collect();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let longest = forms
                .iter()
                .filter(|f| bytes.len() - at >= f.len())
                .filter(|f| bytes[at..at + f.len()].eq_ignore_ascii_case(f.as_bytes()))
                .filter(|f| starts_word(text, at) && ends_word(text, at + f.len()))
                .map(|f| f.len())
                .max();
            match longest {
                Some(len) => {
                    out.push(at..at + len);
                    at += len;
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn marks_are_sound(
            terms in prop::collection::vec(prop::collection::vec("[abAB éÉ'’.-]{0,5}", 1..3), 0..6),
            text in "[abAB éÉ'’.,x漢-]{0,60}",
        ) {
            let idx = TermIndex::new(terms.iter().map(|names| names.iter().map(String::as_str)));
            let marks = idx.find(&text);
            let mut end = 0;
            for mark in &marks {
                prop_assert!(mark.range.start >= end && mark.range.start < mark.range.end);
                prop_assert!(mark.range.end <= text.len());
                prop_assert!(text.is_char_boundary(mark.range.start) && text.is_char_boundary(mark.range.end));
                end = mark.range.end;
                let got = fold(&text[mark.range.clone()]);
                let names = &terms[mark.term];
                prop_assert!(names.iter().any(|n| fold(n.trim()) == got), "{got:?} is no name of {names:?}");
            }
        }

        #[test]
        fn matches_naive_search(
            names in prop::collection::vec("[abAB1' ’é.]{1,4}|ab ab|a{13,14}", 1..5),
            text in "([abAB1' ’é.]|ab|a{13,14}|\u{301}|漢){0,30}",
        ) {
            let idx = TermIndex::new(names.iter().map(|n| [n.as_str()]));
            let ranges: Vec<_> = idx.find(&text).into_iter().map(|m| m.range).collect();
            prop_assert_eq!(ranges, naive(&names, &text));
        }
    }
}
