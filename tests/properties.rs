//! Properties over arbitrary input: wrapping keeps every grapheme, in order, within the
//! width; every terminal size renders a full screen; random keys never panic the app.

use std::ops::Range;
use std::sync::LazyLock;

use lectern::pack::source::{BUNDLED, Origin};
use lectern::pack::{Pack, load};
use lectern::text::layout::Position;
use lectern::text::wrap::{width, wrap};
use lectern::ui::app::{App, Options};
use lectern::ui::keys::{Step, parse};
use lectern::ui::replay;
use lectern::ui::theme::Theme;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

// ---------------------------------------------------------------------------------------
// Wrapping
// ---------------------------------------------------------------------------------------

/// One piece of text: words of every width, runs of spaces, and newlines.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,8}",
        3 => Just(" ".to_string()),
        1 => Just("   ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("漢字".to_string()),
        1 => Just("漢".to_string()),
        1 => Just("👍🏽".to_string()),
        1 => Just("👨‍👩‍👧".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => Just("cafe\u{301}".to_string()),
        // Long words, wider than most widths: ASCII, CJK, and a mix of every kind.
        1 => "[a-z]{20,60}",
        1 => prop::collection::vec(prop_oneof![Just("漢"), Just("字")], 10..40).prop_map(|v| v.concat()),
        1 => prop::collection::vec(
            prop_oneof![Just("x"), Just("漢"), Just("👍🏽"), Just("👨‍👩‍👧"), Just("e\u{301}")],
            8..30
        )
        .prop_map(|v| v.concat()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..40).prop_map(|v| v.concat())
}

fn is_separator(g: &str) -> bool {
    g == " " || g == "\n"
}

/// The words of `text` as byte ranges: maximal runs of neither space nor newline.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        let sep = b == b' ' || b == b'\n';
        match (sep, start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The hard lines of `text` (split at `\n`) as byte ranges.
fn hard_lines(text: &str) -> Vec<Range<usize>> {
    let mut at = 0;
    text.split('\n')
        .map(|line| {
            let range = at..at + line.len();
            at += line.len() + 1;
            range
        })
        .collect()
}

/// Checks every wrapping property of `wrap(text, max)`.
fn check_wrap(text: &str, max: usize) -> Result<(), TestCaseError> {
    let lines = wrap(text, max);
    prop_assert!(!lines.is_empty(), "at least one line");

    // Ranges: in bounds, on char boundaries, in order, not overlapping, no newline inside.
    for r in &lines {
        prop_assert!(r.start <= r.end && r.end <= text.len(), "range {r:?} out of bounds");
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "range {r:?} splits a char");
        prop_assert!(!text[r.clone()].contains('\n'), "line {r:?} holds a newline");
    }
    for pair in lines.windows(2) {
        prop_assert!(pair[0].end <= pair[1].start, "lines {:?} and {:?} overlap or are out of order", pair[0], pair[1]);
    }

    // Only spaces and newlines are left out, before, between and after the lines.
    let mut at = 0;
    for r in lines.iter().chain(std::iter::once(&(text.len()..text.len()))) {
        let skipped = &text[at..r.start];
        prop_assert!(skipped.bytes().all(|b| b == b' ' || b == b'\n'), "dropped {skipped:?} before {r:?}");
        at = r.end;
    }

    // No grapheme is dropped or reordered.
    let expected: Vec<&str> = text.graphemes(true).filter(|g| !is_separator(g)).collect();
    let got: Vec<&str> =
        lines.iter().flat_map(|r| text[r.clone()].graphemes(true)).filter(|g| !is_separator(g)).collect();
    prop_assert_eq!(got, expected, "graphemes differ");

    // Width: at most `max`, except a line that is a single grapheme wider than `max` (a
    // two-column character at width 1), which cannot be split.
    for r in &lines {
        let line = &text[r.clone()];
        let w = width(line);
        if w > max {
            let graphemes: Vec<&str> = line.graphemes(true).collect();
            prop_assert_eq!(graphemes.len(), 1, "line {:?} is {} wide at width {}", line, w, max);
            prop_assert!(width(graphemes[0]) > max, "grapheme {:?} fits in {}", graphemes[0], max);
        }
    }

    // Break spaces are dropped: no line starts or ends with a space, even where the hard
    // line itself starts or ends with spaces (wrap skips them too).
    for r in &lines {
        let line = &text[r.clone()];
        prop_assert!(!line.starts_with(' ') && !line.ends_with(' '), "line {line:?} has an edge space");
    }

    // Each hard line gets its own lines: one empty line if it is blank (at its start),
    // else only non-empty lines inside it.
    let mut rest = lines.as_slice();
    for hard in hard_lines(text) {
        let n = rest.iter().take_while(|r| r.end <= hard.end && r.start >= hard.start).count();
        let (mine, after) = rest.split_at(n);
        rest = after;
        if text[hard.clone()].bytes().all(|b| b == b' ') {
            prop_assert!(
                mine.len() == 1 && mine[0] == (hard.start..hard.start),
                "blank hard line {hard:?} gave {mine:?}"
            );
        } else {
            prop_assert!(!mine.is_empty(), "hard line {hard:?} has no line");
            prop_assert!(mine.iter().all(|r| !r.is_empty()), "empty line in hard line {hard:?}");
        }
    }
    prop_assert!(rest.is_empty(), "lines outside every hard line: {rest:?}");

    // A word that fits is never split.
    for word in words(text) {
        if width(&text[word.clone()]) <= max {
            prop_assert!(
                lines.iter().any(|r| r.start <= word.start && word.end <= r.end),
                "word {:?} split at width {}",
                &text[word],
                max
            );
        }
    }

    // Lines break only when needed: the next line's start would not fit on the line before.
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if text[a.end..b.start].contains('\n') {
            continue;
        }
        let used = width(&text[a.clone()]);
        let gap = b.start - a.end;
        let next = if gap == 0 {
            // Inside a long word: the next grapheme did not fit.
            text[b.clone()].graphemes(true).next().unwrap_or("")
        } else {
            let end = text[b.start..].find([' ', '\n']).map_or(text.len(), |i| b.start + i);
            &text[b.start..end]
        };
        prop_assert!(
            used + gap + width(next) > max,
            "{:?} would fit after {:?} at width {}",
            next,
            &text[a.clone()],
            max
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn wrap_properties(text in text(), max in 1usize..100) {
        check_wrap(&text, max)?;
    }

    /// Narrow widths, where wide graphemes and long words are split the most.
    #[test]
    fn wrap_properties_narrow(text in text(), max in 1usize..6) {
        check_wrap(&text, max)?;
    }
}

#[test]
fn wrap_edge_cases() {
    let cases: &[(&str, usize)] = &[
        ("", 1),
        (" ", 1),
        ("\n", 1),
        ("  \n  ", 3),
        ("👍🏽", 1),
        ("漢字", 1),
        ("a 漢", 1),
        ("👨‍👩‍👧👨‍👩‍👧 x", 2),
        ("  lead and trail  ", 4),
        ("e\u{301}e\u{301}e\u{301}", 2),
        ("abcdefgh abc", 4),
    ];
    for &(text, max) in cases {
        if let Err(e) = check_wrap(text, max) {
            panic!("{text:?} at {max}: {e}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Rendering at every size, and random keys
// ---------------------------------------------------------------------------------------

static PACK: LazyLock<Pack> = LazyLock::new(|| load(Origin::Bundled(&BUNDLED[0])).pack);

fn options() -> Options {
    Options { theme: Theme::mono(), reading_width: 76, ..Options::default() }
}

fn run(size: (u16, u16), steps: &[Step]) -> (App, Buffer) {
    replay::run(PACK.clone(), options(), size, steps, None).expect("the test backend does not fail")
}

/// The screen is exactly `w`×`h`: `h` lines of text, none wider than `w`.
fn check_screen(buffer: &Buffer, (w, h): (u16, u16)) -> Result<(), TestCaseError> {
    prop_assert_eq!(buffer.area, Rect::new(0, 0, w, h));
    let text = replay::screen_text(buffer);
    let lines: Vec<&str> = text.lines().collect();
    prop_assert_eq!(lines.len(), usize::from(h), "screen at {}x{}:\n{}", w, h, text);
    for line in lines {
        prop_assert!(width(line) <= usize::from(w), "line {line:?} wider than {w}");
    }
    Ok(())
}

/// The reader's top is a place in the article.
fn check_reader(app: &App) -> Result<(), TestCaseError> {
    let blocks = &app.pack.article.blocks;
    let top = app.reader.top;
    prop_assert!(top.block < blocks.len(), "top {top:?} past {} blocks", blocks.len());
    let text = &blocks[top.block].text;
    prop_assert!(
        top.offset == Position::AFTER || (top.offset <= text.len() && text.is_char_boundary(top.offset)),
        "top {top:?} outside its block"
    );
    Ok(())
}

/// Keys that visit every pane, zoom, help, a filter and a term; the screen ends on the
/// zoomed glossary.
const TOUR: &str = "jG<Tab>z?<Esc>2/a<Enter>t<Enter>";
/// Keys that end in the article with a search, its matches and the term cursor on screen.
const READ: &str = "}}]t/the<Enter>nNG{t";

#[test]
fn bundled_pack_loads() {
    assert!(!PACK.article.blocks.is_empty());
}

#[test]
fn every_small_size_renders() {
    for keys in [TOUR, READ] {
        let steps = parse(keys).unwrap();
        for w in 1..=25 {
            for h in 1..=8 {
                let (app, buffer) = run((w, h), &steps);
                if let Err(e) = check_screen(&buffer, (w, h)).and_then(|()| check_reader(&app)) {
                    panic!("{keys} at {w}x{h}: {e}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_size_renders(w in 1u16..=300, h in 1u16..=100, keys in prop::sample::select(&[TOUR, READ][..])) {
        let (app, buffer) = run((w, h), &parse(keys).unwrap());
        check_screen(&buffer, (w, h))?;
        check_reader(&app)?;
    }
}

/// A terminal size: mostly small, where layouts change, sometimes large.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![(1u16..=40, 1u16..=16), (1u16..=300, 1u16..=100)]
}

/// One key in the app's notation.
fn key() -> impl Strategy<Value = String> {
    const NAMED: &[&str] = &[
        "j", "k", "G", "g", "<Space>", "b", "{", "}", "[", "]", "t", "T", "<Enter>", "<Esc>", "/", "n", "N", "<Tab>",
        "<S-Tab>", "1", "2", "3", "4", "z", "?", "h", "l", "<BS>", "<Up>", "<Down>", "<C-d>", "<C-u>",
    ];
    prop_oneof![
        80 => prop::sample::select(NAMED).prop_map(str::to_string),
        // Printable characters, but not `q`: it quits, and the rest of the keys would not run.
        30 => "[a-pr-zA-Z0-9 ]".prop_map(|c| if c == " " { "<Space>".to_string() } else { c }),
        10 => size().prop_map(|(w, h)| format!("<Resize:{w}x{h}>")),
        1 => Just("q".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_keys_never_panic(size in size(), keys in prop::collection::vec(key(), 0..40)) {
        let keys = keys.concat();
        let steps = parse(&keys).unwrap();
        let (app, buffer) = run(size, &steps);
        check_reader(&app)?;
        // Unless `q` stopped the keys early, the screen has the size of the last resize.
        let mut last = size;
        for step in &steps {
            if let Step::Resize(w, h) = step {
                last = (*w, *h);
            }
        }
        if !app.quit {
            check_screen(&buffer, last)?;
        }
    }
}

// ---------------------------------------------------------------------------------------
// The cache
// ---------------------------------------------------------------------------------------

/// Markdown of every kind of block: paragraphs with inline styles, headings, fenced and
/// indented code (with blank lines inside), nested lists, quotes, HTML blocks and rules.
fn rich_markdown() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        6 => "[a-z]{1,8}",
        1 => prop::sample::select(vec!["*soft*", "**bold**", "`code`", "[link](http://x)", "café", "漢字", "it’s", "a\\", "<b>x</b>"])
            .prop_map(str::to_string),
    ];
    let line = prop::collection::vec(word, 1..8).prop_map(|w| w.join(" "));
    let lines = prop::collection::vec(line.clone(), 1..4);
    let block = prop_oneof![
        4 => lines.clone().prop_map(|l| l.join("\n")),
        1 => line.clone().prop_map(|l| format!("## {l}")),
        1 => lines.clone().prop_map(|l| format!("```\n{}\n\n{}\n```", l.join("\n"), l[0])),
        1 => lines.clone().prop_map(|l| format!("    {}", l.join("\n    "))),
        1 => lines.clone().prop_map(|l| l.iter().map(|x| format!("- {x}\n  - {x}")).collect::<Vec<_>>().join("\n")),
        1 => lines.clone().prop_map(|l| l.iter().enumerate().map(|(i, x)| format!("{}. {x}", i + 1)).collect::<Vec<_>>().join("\n\n")),
        1 => lines.clone().prop_map(|l| format!("> {}\n>\n> > {}", l.join("\n> "), l[0])),
        1 => line.prop_map(|l| format!("<div>\n{l}\n\n</div>")),
        1 => Just("---".to_string()),
    ];
    prop::collection::vec(block, 1..14).prop_map(|b| b.join("\n\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn an_article_read_back_from_the_cache_renders_as_the_one_parsed(md in rich_markdown(), steps in 0usize..6) {
        use lectern::pack::cache;
        let files: [Option<Vec<u8>>; 4] = [
            Some(b"title = \"Generated\"\nauthor = \"A. Writer\"\n".to_vec()),
            Some(format!("An opening paragraph.\n\n{md}").into_bytes()),
            Some(b"[[term]]\nterm = \"code\"\ndefinition = \"Text for machines.\"\n[[term]]\nterm = \"link\"\ndefinition = \"A way on.\"\n".to_vec()),
            Some(Vec::new()),
        ];
        let data = tempfile::tempdir().unwrap();
        let origin = || Origin::Memory { id: "generated", files: &files };
        let first = cache::open(origin(), Some(data.path())).ok().expect("the generated pack loads");
        let parsed = lectern::pack::load(origin()).pack;
        lectern::pack::opening::settle();
        let kept = std::fs::read_dir(data.path().join(cache::DIR)).unwrap().count();
        prop_assert_eq!(kept, 1, "kept in the cache");
        prop_assert!(cache::recall(&origin(), Some(data.path())).is_some(), "served from the cache");
        let second = cache::open(origin(), Some(data.path())).ok().unwrap();
        // Read back, the pack is the same, and the glossary terms are marked where the index
        // finds them (the screen text compared below does not show the marks).
        let (back, read_back, problem) = cache::open(origin(), Some(data.path())).ok().unwrap().finish();
        prop_assert_eq!(&back, &parsed, "the same pack");
        prop_assert!(problem.is_none());
        let index = parsed.term_index();
        for (i, block) in parsed.article.blocks.iter().enumerate() {
            prop_assert_eq!(read_back.find(i, &block.text), index.find(&block.text), "block {}", i);
        }
        let keys = parse(&"<PageDown>".repeat(steps)).unwrap();
        let screen = |opening| replay::screen_text(&replay::run(opening, options(), (70, 20), &keys, None).unwrap().1);
        let fresh = screen(lectern::pack::opening::Opening::new(parsed));
        prop_assert_eq!(screen(first), fresh.clone(), "as first opened");
        prop_assert_eq!(screen(second), fresh, "as read back");
    }
}
