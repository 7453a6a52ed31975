//! Wrapping by grapheme and display width: lines break at spaces, and a word is split only
//! when it is longer than a whole line. Plain data in, byte ranges out.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of `s` in terminal columns. Plain ASCII, most of any English text, is
/// measured by its length without segmenting it into graphemes.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    // Printable ASCII, accented Latin letters and typographic punctuation (curly quotes,
    // dashes, the ellipsis) are each a grapheme of their own and one column wide; a word of
    // nothing else is measured by counting.
    let mut n = 0;
    for c in s.chars() {
        if !one_column(c) {
            return grapheme_sum(s);
        }
        n += 1;
    }
    n
}

/// Characters that are one column wide and never join the characters beside them into one
/// grapheme (the soft hyphen, U+00AD, is left out: it is a format character).
fn one_column(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{24f}' | '\u{2010}'..='\u{2027}')
}

/// Display width by graphemes alone: the general path, which [`width`] must always agree with.
pub fn grapheme_sum(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    UnicodeWidthStr::width(g)
}

/// Wraps `text` to `max` columns. Returns each line as a byte range of `text`, without
/// the spaces at the break. A `\n` always breaks; an empty text is one empty line.
pub fn wrap(text: &str, max: usize) -> Vec<Range<usize>> {
    wrap_measured(text, max, width)
}

/// As [`wrap`], measuring every word by its graphemes: the general path, kept for tests
/// that the fast path wraps identically.
pub fn wrap_general(text: &str, max: usize) -> Vec<Range<usize>> {
    wrap_measured(text, max, grapheme_sum)
}

fn wrap_measured(text: &str, max: usize, measure: impl Fn(&str) -> usize + Copy) -> Vec<Range<usize>> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut start = 0;
    for hard in text.split('\n') {
        wrap_line(text, start, start + hard.len(), max, measure, &mut lines);
        start += hard.len() + 1;
    }
    lines
}

/// Wraps `text[from..to]`, which holds no newline.
fn wrap_line(
    text: &str,
    from: usize,
    to: usize,
    max: usize,
    measure: impl Fn(&str) -> usize,
    lines: &mut Vec<Range<usize>>,
) {
    let first = lines.len();
    // The line being filled: its range and width.
    let mut line: Option<(Range<usize>, usize)> = None;
    let mut pos = from;
    while pos < to {
        let rest = &text.as_bytes()[pos..to];
        let Some(skip) = rest.iter().position(|&b| b != b' ') else { break };
        let word_start = pos + skip;
        let word_end = text.as_bytes()[word_start..to].iter().position(|&b| b == b' ').map_or(to, |i| word_start + i);
        pos = word_end;
        let word = &text[word_start..word_end];
        let w = measure(word);
        if let Some((range, used)) = &mut line {
            let gap = word_start - range.end;
            if *used + gap + w <= max {
                range.end = word_end;
                *used += gap + w;
                continue;
            }
            lines.push(range.clone());
        }
        if w <= max {
            line = Some((word_start..word_end, w));
        } else {
            line = Some(split_long(text, word_start, word_end, max, lines));
        }
    }
    match line {
        Some((range, _)) => lines.push(range),
        None if lines.len() == first => lines.push(from..from),
        None => {}
    }
}

/// Splits a word longer than a line at grapheme boundaries; pushes every full line and
/// returns the remainder, which later words may join.
fn split_long(
    text: &str,
    start: usize,
    end: usize,
    max: usize,
    lines: &mut Vec<Range<usize>>,
) -> (Range<usize>, usize) {
    let mut line_start = start;
    let mut used = 0;
    for (offset, g) in text[start..end].grapheme_indices(true) {
        let at = start + offset;
        let w = grapheme_width(g);
        if used + w > max && at > line_start {
            lines.push(line_start..at);
            line_start = at;
            used = 0;
        }
        used += w;
    }
    (line_start..end, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, max: usize) -> Vec<&str> {
        wrap(text, max).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("a  b", 4), ["a  b"]);
        assert_eq!(lines("", 5), [""]);
        assert_eq!(lines("one\n\ntwo", 5), ["one", "", "two"]);
    }

    #[test]
    fn splits_only_long_words() {
        assert_eq!(lines("ab abcdefgh c", 4), ["ab", "abcd", "efgh", "c"]);
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_wraps_as_the_general_one(
            text in "([a-zA-Z,.']{1,12}|[ ]{1,3}|\n|漢字|👍🏽|e\u{301}|\u{301}|café|[a-z]{20,40}|[‘’“”–—…Łșÿ\u{a0}\u{ad}]{1,3}){0,60}",
            max in 1usize..90,
        ) {
            proptest::prop_assert_eq!(wrap(&text, max), wrap_general(&text, max));
            for word in text.split([' ', '\n']) {
                proptest::prop_assert_eq!(width(word), grapheme_sum(word));
            }
        }
    }

    #[test]
    fn the_characters_counted_are_one_column_graphemes() {
        for c in ('\0'..='\u{2100}').filter(|&c| one_column(c)) {
            let s = c.to_string();
            assert_eq!(grapheme_sum(&s), 1, "{c:?}");
            // Nothing before or after joins it.
            assert_eq!(format!("a{c}{c}b").graphemes(true).count(), 4, "{c:?}");
        }
    }

    #[test]
    fn counts_display_width() {
        // Each CJK character is two columns wide.
        assert_eq!(lines("漢字漢字 ok", 4), ["漢字", "漢字", "ok"]);
        // A combining mark adds no width.
        assert_eq!(lines("cafe\u{301} au", 7), ["cafe\u{301} au"]);
        assert_eq!(width("👍🏽"), 2);
    }
}
