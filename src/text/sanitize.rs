//! Text from a pack is untrusted: nothing in it may reach the terminal as a control sequence.

use std::borrow::Cow;

/// True for a character that must never be shown raw: C0 and C1 controls and DEL.
/// Newlines and tabs are layout, not control, and are allowed.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}'
}

/// True when `s` may hold a control character: a fast scan of the bytes (C0 but newline,
/// and tab unless `tabs`; DEL; and C1, which UTF-8 writes as 0xC2 0x80..=0x9F).
fn may_have_control(s: &str, tabs: bool) -> bool {
    any_at(s.as_bytes(), |b| suspect(b, tabs), |bytes, i| control_at(bytes, i, tabs))
}

/// True when `found(bytes, i)` for some `i`, asked only where `bytes[i]` is `suspect`.
///
/// Every pack's text passes through here, a book's megabytes several times, so the bytes are
/// looked at a chunk at a time with a test free of branches (which compiles to vector
/// instructions); only a chunk that holds a suspect byte is looked at byte by byte.
fn any_at(bytes: &[u8], suspect: impl Fn(u8) -> bool, found: impl Fn(&[u8], usize) -> bool) -> bool {
    const CHUNK: usize = 64;
    bytes.chunks(CHUNK).enumerate().any(|(n, chunk)| {
        chunk.iter().fold(false, |any, &b| any | suspect(b))
            && (n * CHUNK..n * CHUNK + chunk.len()).any(|i| suspect(bytes[i]) && found(bytes, i))
    })
}

/// True for a byte that may be or begin a control character: every byte [`control_at`] can
/// accept, and some it turns down (0xC2 also begins U+00A0 to U+00BF).
fn suspect(b: u8, tabs: bool) -> bool {
    ((b < 0x20) & (b != b'\n') & (tabs | (b != b'\t'))) | (b == 0x7f) | (b == 0xc2)
}

/// True when the byte at `i` is a control character (or begins one, for C1).
fn control_at(bytes: &[u8], i: usize, tabs: bool) -> bool {
    match bytes[i] {
        b'\t' => tabs,
        b'\n' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        _ => false,
    }
}

/// Byte offset of the first control character or escape sequence in `s`, if any.
/// A carriage return directly before a newline (a Windows line ending) is not reported.
pub fn first_control(s: &str) -> Option<usize> {
    if !may_have_control(s, false) {
        return None;
    }
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
            continue;
        }
        if is_forbidden(c) {
            return Some(i);
        }
    }
    None
}

/// Removes control characters and whole escape sequences (CSI, OSC, DCS and two-byte
/// escapes), turns tabs into spaces, and keeps newlines. Borrows when there is nothing to do.
pub fn clean(s: &str) -> Cow<'_, str> {
    clean_with(s, true)
}

/// As [`clean`], but keeps tabs: for Markdown source, where a tab is indentation.
pub fn clean_source(s: &str) -> Cow<'_, str> {
    clean_with(s, false)
}

fn clean_with(s: &str, tabs: bool) -> Cow<'_, str> {
    if !may_have_control(s, tabs) || !s.chars().any(|c| is_forbidden(c) || (tabs && c == '\t')) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' if tabs => out.push(' '),
            '\t' => out.push('\t'),
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// True for the characters that change the direction of the text around them: the
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the direction
/// marks (U+200E, U+200F, U+061C). In a file or a terminal they can make text read
/// differently from what it holds.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// True when `s` holds a direction control ([`is_bidi_control`]), told from its bytes: only
/// the sequences beginning 0xE2 (U+200E to U+2069) or 0xD8 (U+061C) are read. Curly quotes
/// and dashes also begin with 0xE2, so text with them is common and must not be read
/// character by character.
fn has_bidi_control(s: &str) -> bool {
    // The two lead bytes are found with `memchr`'s vector search: a chunk-at-a-time test,
    // as for control characters, would walk byte by byte through every chunk that holds a
    // curly quote, which in most prose is most of them.
    let bytes = s.as_bytes();
    memchr::memchr2_iter(0xe2, 0xd8, bytes).any(|i| {
        matches!(
            (bytes[i], bytes.get(i + 1), bytes.get(i + 2)),
            (0xe2, Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae))
                | (0xe2, Some(0x81), Some(0xa6..=0xa9))
                | (0xd8, Some(0x9c), _)
        )
    })
}

/// As [`clean`], and without the direction controls ([`is_bidi_control`]): for text that
/// leaves the app in a file another program shows.
pub fn printable(s: &str) -> Cow<'_, str> {
    match clean(s) {
        Cow::Borrowed(s) if !has_bidi_control(s) => Cow::Borrowed(s),
        cleaned => Cow::Owned(cleaned.chars().filter(|&c| !is_bidi_control(c)).collect()),
    }
}

/// `s` for one line of output: [`printable`], each run of white space (line breaks too) one
/// space, none at either end.
pub fn one_line(s: &str) -> String {
    printable(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces each control character and direction control with a visible stand-in of the
/// same UTF-8 length, so that byte offsets into the text stay valid: `?` for C0 and DEL,
/// `¿` for C1 (and U+061C), `�` for the other direction controls. For quoting untrusted
/// text in messages: source lines, paths, arguments.
pub fn mask(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_forbidden(c) || c == '\r' || is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\r' => ' ',
                c if is_forbidden(c) && c.len_utf8() == 1 => '?',
                c if is_forbidden(c) => '¿',
                c if is_bidi_control(c) && c.len_utf8() == 2 => '¿',
                c if is_bidi_control(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: skips the rest of the sequence it starts.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Intermediate bytes, then one final byte (e.g. `ESC ( B`, `ESC c`).
        Some(_) => {
            while chars.next_if(|c| ('\u{20}'..='\u{2f}').contains(c)).is_some() {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
        None => {}
    }
}

/// Skips CSI parameters and intermediates and the final byte.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars.next_if(|c| ('\u{20}'..='\u{3f}').contains(c)).is_some() {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// Skips an OSC/DCS-style string up to its terminator (BEL, ST or ESC \).
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_text_has_no_controls_and_no_direction_changes() {
        assert_eq!(printable("plain"), Cow::Borrowed("plain"));
        assert_eq!(printable("a\u{202e}b\u{2066}c\u{2069}\u{1b}[31md\u{200f}e\u{61c}"), "abcde");
        assert_eq!(printable("hebrew \u{5e9}\u{5dc}\u{5d5}\u{5dd} stays"), "hebrew \u{5e9}\u{5dc}\u{5d5}\u{5dd} stays");
    }

    #[test]
    fn strips_whole_sequences() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("t\u{1b}]0;title\u{7}x"), "tx");
        assert_eq!(clean("t\u{1b}]8;;http://x\u{1b}\\link"), "tlink");
        assert_eq!(clean("a\u{9b}2Jb"), "ab");
        assert_eq!(clean("bell\u{7}\u{0}\u{7f}"), "bell");
        assert_eq!(clean("tab\there"), "tab here");
    }

    #[test]
    fn mask_keeps_offsets() {
        let raw = "a\u{1b}[1m\u{9b}b";
        let masked = mask(raw);
        assert_eq!(masked, "a?[1m¿b");
        assert_eq!(masked.len(), raw.len());
    }

    proptest::proptest! {
        /// The chunked scan says what a plain byte-by-byte one says, wherever in a chunk
        /// (and across chunk edges) the control falls.
        #[test]
        fn the_fast_scan_agrees_with_a_plain_one(
            text in "([a-z ]{0,70}|\n|\t|\r|\u{1b}|\u{7f}|\u{85}|\u{9b}|\u{a0}|\u{bf}|é|漢){0,12}",
            tabs: bool,
        ) {
            let bytes = text.as_bytes();
            let plain = (0..bytes.len()).any(|i| control_at(bytes, i, tabs));
            proptest::prop_assert_eq!(may_have_control(&text, tabs), plain);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_direction_control_scan_agrees_with_the_characters(
            text in "([a-z ]{0,70}|\u{200e}|\u{200f}|\u{202a}|\u{202e}|\u{2066}|\u{2069}|\u{61c}|\u{2019}|\u{2014}|\u{2065}|\u{206a}|\u{202f}|\u{61b}|é){0,10}",
        ) {
            proptest::prop_assert_eq!(has_bidi_control(&text), text.chars().any(is_bidi_control));
        }
    }

    #[test]
    fn every_direction_control_is_caught_by_the_fast_scan() {
        let controls = ('\0'..=char::MAX).filter(|&c| is_bidi_control(c));
        for c in controls {
            assert!(has_bidi_control(&format!("a{c}b")), "{c:?}");
            // At the end of a 64-byte chunk, and across it.
            for at in 60..66 {
                assert!(has_bidi_control(&format!("{}{c}", "a".repeat(at))), "{c:?} at {at}");
            }
        }
        assert!(!has_bidi_control("plain é 漢 text, ‘curly’ “quotes” – — … ‐ ․ \u{2028} \u{2060} \u{206a} ؛ \u{600}"));
    }

    #[test]
    fn keeps_clean_text_borrowed() {
        assert!(matches!(clean("plain ‘quoted’ text\n"), Cow::Borrowed(_)));
        assert_eq!(first_control("line\r\nnext"), None);
        assert_eq!(first_control("ab\u{1b}[m"), Some(2));
    }
}
