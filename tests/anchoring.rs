//! Marks find their passage again after the article is edited: quotes are placed exactly,
//! by their context when the text occurs more than once, fuzzily when the passage was
//! reworded a little, and not at all when it is gone.

use lectern::notes::{Quote, Span};
use lectern::sample::{Spec, generate};
use lectern::text::article::Article;
use lectern::text::layout::Position;
use lectern::text::sentence::sentences;
use proptest::prelude::*;

const FIRST: &str = "The company released its model in January.";
const SECOND: &str = "Analysts said the export controls had not stopped Chinese firms from training large models.";
const THIRD: &str = "Investors sold chip stocks the next day.";

fn article(paragraphs: &[&str]) -> Article {
    Article::parse(&paragraphs.join("\n\n"), "")
}

/// The span of the `nth` occurrence of `text` in the article (within one block).
fn find_nth(article: &Article, text: &str, nth: usize) -> Span {
    let (block, offset) = article
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| block.text.match_indices(text).map(move |(i, _)| (b, i)))
        .nth(nth)
        .unwrap_or_else(|| panic!("{text:?} is in the article"));
    Span { start: Position { block, offset }, end: Position { block, offset: offset + text.len() } }
}

fn find(article: &Article, text: &str) -> Span {
    find_nth(article, text, 0)
}

/// The article's text of `span`, blocks joined by `\n`.
fn text_of(article: &Article, span: Span) -> String {
    Quote::of(article, span).exact
}

fn paragraph() -> String {
    format!("{FIRST} {SECOND} {THIRD}")
}

/// The highlighted second sentence of a paragraph between two others.
fn original() -> (Article, Quote) {
    let a = article(&["# Chips", "An opening paragraph.", &paragraph(), "A closing paragraph."]);
    let quote = Quote::of(&a, find(&a, SECOND));
    assert_eq!(quote.exact, SECOND);
    assert_eq!(quote.block, 2);
    (a, quote)
}

#[test]
fn an_unchanged_article_gives_the_same_span() {
    let (a, quote) = original();
    assert_eq!(quote.place(&a), Some(find(&a, SECOND)));
}

#[test]
fn found_after_a_sentence_is_inserted_before_it_in_its_block() {
    let (_, quote) = original();
    let edited = format!("{FIRST} Nobody expected it to be so cheap. {SECOND} {THIRD}");
    let b = article(&["# Chips", "An opening paragraph.", &edited, "A closing paragraph."]);
    let span = find(&b, SECOND);
    assert_eq!(span.start.offset, FIRST.len() + 36, "the sentence moved within its block");
    assert_eq!(quote.place(&b), Some(span));
}

#[test]
fn found_after_a_paragraph_is_inserted_before_it() {
    let (_, quote) = original();
    let b = article(&["# Chips", "An opening paragraph.", "A new paragraph.", &paragraph(), "A closing paragraph."]);
    assert_eq!(quote.place(&b), Some(find(&b, SECOND)));
    assert_eq!(find(&b, SECOND).start.block, 3);
    // Its own paragraph now, just before the rest of the old one.
    let c = article(&["# Chips", "An opening paragraph.", FIRST, "A new sentence alone.", SECOND, THIRD]);
    assert_eq!(quote.place(&c), Some(find(&c, SECOND)));
    // Many paragraphs before it: the hint is far off, the exact search finds it anyway.
    let mut many: Vec<String> = (0..40).map(|i| format!("Filler paragraph number {i}.")).collect();
    many.push(paragraph());
    let d = article(&many.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(quote.place(&d), Some(find(&d, SECOND)));
}

#[test]
fn white_space_and_curly_quotes_alone_do_not_matter() {
    let a = article(&["Intro.", "He said it’s “cheap”, and  it was. Then he left."]);
    let quote = Quote::of(&a, find(&a, "it’s “cheap”, and  it was."));
    let b = article(&["Intro.", "He said it's \"cheap\",\nand it was. Then he left."]);
    let span = quote.place(&b).expect("found");
    assert_eq!(text_of(&b, span), "it's \"cheap\", and it was.");
    // Back the other way.
    let quote = Quote::of(&b, span);
    assert_eq!(quote.place(&a), Some(find(&a, "it’s “cheap”, and  it was.")));
}

#[test]
fn a_reworded_sentence_is_found_where_it_now_is() {
    let (_, quote) = original();
    for reworded in [
        // A word changed.
        "Analysts said the export controls had not prevented Chinese firms from training large models.",
        // The first word changed.
        "Observers said the export controls had not stopped Chinese firms from training large models.",
        // Punctuation changed.
        "Analysts said, the export controls had not stopped Chinese firms from training large models!",
        // Both, and a word dropped.
        "Analysts said the export controls hadn't stopped Chinese firms training large models.",
    ] {
        let edited = format!("{FIRST} {reworded} {THIRD}");
        let b = article(&["# Chips", "An opening paragraph.", &edited, "A closing paragraph."]);
        assert_eq!(quote.place(&b), Some(find(&b, reworded)), "{reworded}");
        // Also with a sentence inserted before it, so the prefix no longer agrees.
        let edited = format!("{FIRST} Nobody expected it. {reworded} {THIRD}");
        let c = article(&["# Chips", "An opening paragraph.", "New.", &edited, "A closing paragraph."]);
        assert_eq!(quote.place(&c), Some(find(&c, reworded)), "{reworded}, after an insertion");
    }
}

#[test]
fn a_removed_or_rewritten_sentence_is_not_placed() {
    let (_, quote) = original();
    let removed = format!("{FIRST} {THIRD}");
    let b = article(&["# Chips", "An opening paragraph.", &removed, "A closing paragraph."]);
    assert_eq!(quote.place(&b), None);
    let rewritten = format!("{FIRST} Markets were calm until the following week brought news of a ban. {THIRD}");
    let c = article(&["# Chips", "An opening paragraph.", &rewritten, "A closing paragraph."]);
    assert_eq!(quote.place(&c), None);
    // Half of it rewritten is too much.
    let half = format!("{FIRST} Analysts said the export controls were a success for Washington. {THIRD}");
    let d = article(&["# Chips", "An opening paragraph.", &half, "A closing paragraph."]);
    assert_eq!(quote.place(&d), None);
    // The whole paragraph gone.
    let e = article(&["# Chips", "An opening paragraph.", "A closing paragraph."]);
    assert_eq!(quote.place(&e), None);
}

#[test]
fn a_reworded_sentence_far_from_its_hint_is_not_looked_for() {
    // Fuzzy matching is only near the hint: an exact copy far away is found, a reworded
    // one is not.
    let (_, quote) = original();
    let mut far: Vec<String> = (0..40).map(|i| format!("Filler paragraph number {i}.")).collect();
    far.push(format!(
        "{FIRST} Analysts said the export controls had not prevented Chinese firms from training large models. {THIRD}"
    ));
    let b = article(&far.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(quote.place(&b), None);
}

#[test]
fn a_sentence_reworded_where_it_was_is_not_lost_to_a_copy_elsewhere() {
    let (_, quote) = original();
    let reworded = "Analysts said the export controls had not prevented Chinese firms from training large models.";
    let edited = format!("{FIRST} {reworded} {THIRD}");
    let mut blocks = vec!["# Chips".to_string(), "An opening paragraph.".into(), edited, "A closing paragraph.".into()];
    blocks.extend((0..30).map(|i| format!("Filler paragraph number {i}.")));
    blocks.push(format!("As quoted before: {SECOND} That was all."));
    let b = article(&blocks.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(quote.place(&b), Some(find(&b, reworded)), "the copy's context hardly agrees");
    // A copy whose context agrees as well is the same passage, moved: exact wins.
    let moved = format!("{FIRST} {SECOND} {THIRD}");
    *blocks.last_mut().unwrap() = moved;
    let c = article(&blocks.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(quote.place(&c), Some(find_nth(&c, SECOND, 0)));
    assert_eq!(find_nth(&c, SECOND, 0).start.block, 34);
}

#[test]
fn a_quote_that_occurs_twice_is_placed_by_its_context() {
    let a = article(&[
        "First, Alice said the chips were cheap and plentiful.",
        "Then, in reply, Bob said the chips were cheap and plentiful.",
    ]);
    let first = find_nth(&a, "the chips were cheap", 0);
    let second = find_nth(&a, "the chips were cheap", 1);
    assert_eq!(Quote::of(&a, first).place(&a), Some(first));
    assert_eq!(Quote::of(&a, second).place(&a), Some(second));
    // Both in one block, the hint the same: the context still tells them apart.
    let b = article(&["Alice said the chips were cheap. Bob said the chips were cheap too."]);
    for nth in 0..2 {
        let span = find_nth(&b, "the chips were cheap", nth);
        assert_eq!(Quote::of(&b, span).place(&b), Some(span));
    }
    // The hint now points at the other copy: the context wins over the hint.
    let quote = Quote::of(&a, second);
    let c = article(&[
        "Then, in reply, Bob said the chips were cheap and plentiful.",
        "Extra.",
        "Extra.",
        &a.blocks[0].text,
    ]);
    assert_eq!(quote.block, 1);
    assert_eq!(quote.place(&c), Some(find(&c, "the chips were cheap")));
    assert_eq!(find(&c, "the chips were cheap").start.block, 0);
}

#[test]
fn a_quote_across_two_blocks() {
    let a = article(&["Intro.", "The end of one paragraph, here.", "The start of the next one. More text."]);
    let span = Span { start: Position { block: 1, offset: 11 }, end: Position { block: 2, offset: 26 } };
    let quote = Quote::of(&a, span);
    assert_eq!(quote.exact, "one paragraph, here.\nThe start of the next one.");
    assert_eq!(quote.place(&a), Some(span));
    // A paragraph inserted before both.
    let b =
        article(&["Intro.", "Inserted.", "The end of one paragraph, here.", "The start of the next one. More text."]);
    let moved = Span { start: Position { block: 2, offset: 11 }, end: Position { block: 3, offset: 26 } };
    assert_eq!(quote.place(&b), Some(moved));
    // The two paragraphs joined into one: the block join was only white space.
    let c = article(&["Intro.", "The end of one paragraph, here. The start of the next one. More text."]);
    let joined = find(&c, "one paragraph, here. The start of the next one.");
    assert_eq!(quote.place(&c), Some(joined));
    // One word of it changed.
    let d = article(&["Intro.", "The end of one paragraph, there.", "The start of the next one. More text."]);
    assert_eq!(
        quote.place(&d).map(|s| text_of(&d, s)).as_deref(),
        Some("one paragraph, there.\nThe start of the next one.")
    );
}

#[test]
fn quotes_in_a_generated_book_find_their_own_copy() {
    // The generated text repeats the same paragraphs over and over: each quote must find
    // the copy it was taken from (the nearest), also when every block has moved by one.
    let generated = generate(&Spec { bytes: 150_000, terms: 10, questions: 10, seed: 7 });
    let a = Article::parse(&generated.files[1], "lectern sample");
    let mut spans = Vec::new();
    for (b, block) in a.blocks.iter().enumerate().step_by(5) {
        for sentence in sentences(&block.text).into_iter().step_by(2) {
            spans.push(Span {
                start: Position { block: b, offset: sentence.start },
                end: Position { block: b, offset: sentence.end },
            });
        }
    }
    assert!(spans.len() > 100, "{} spans", spans.len());
    let quotes: Vec<Quote> = spans.iter().map(|&s| Quote::of(&a, s)).collect();
    let shifted = Article::parse(&format!("A new first paragraph.\n\n{}", generated.files[1]), "lectern sample");
    for (quote, span) in quotes.iter().zip(&spans) {
        assert_eq!(quote.place(&a), Some(*span));
        let moved = Span {
            start: Position { block: span.start.block + 1, ..span.start },
            end: Position { block: span.end.block + 1, ..span.end },
        };
        assert_eq!(quote.place(&shifted), Some(moved));
    }
}

/// Paragraphs of random words and some awkward ones (curly quotes, accents, Chinese),
/// with the odd heading, rule and double space. Random words keep the text from repeating
/// itself, as prose does not; repeated text is tested above.
fn markdown() -> impl Strategy<Value = String> {
    let awkward = prop::sample::select(vec!["‘cheap’", "“big”", "café", "漢字", "—", "it’s", "the", "a"]);
    let word = prop_oneof![2 => "[a-z]{1,8}", 1 => awkward.prop_map(str::to_string)];
    let sentence = (prop::collection::vec(word, 2..10), prop::sample::select(vec![".", "!", "?", ",", ""])).prop_map(
        |(words, end)| {
            let mut s = words.join(" ");
            s.push_str(end);
            s
        },
    );
    let paragraph = prop::collection::vec(sentence, 1..5).prop_map(|s| s.join(" "));
    let block = prop_oneof![
        6 => paragraph,
        1 => prop::collection::vec("[a-z]{1,6}", 1..4).prop_map(|w| format!("## {}", w.join(" "))),
        1 => Just("---".to_string()),
        1 => prop::collection::vec("[a-z]{1,6}", 3).prop_map(|w| format!("Two  spaces  {}.", w.join("  "))),
    ];
    prop::collection::vec(block, 1..12).prop_map(|b| b.join("\n\n"))
}

proptest! {
    #[test]
    fn placing_a_quote_of_a_span_gives_the_span(md in markdown(), picks in prop::collection::vec(any::<u64>(), 5)) {
        let article = Article::parse(&md, "");
        prop_assume!(!article.blocks.is_empty());
        let blocks = article.blocks.len();
        let boundary = |block: usize, pick: u64| {
            let text = &article.blocks[block].text;
            let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            Position { block, offset: offsets[pick as usize % offsets.len()] }
        };
        let first = picks[0] as usize % blocks;
        let last = (first + picks[1] as usize % 3).min(blocks - 1);
        let (mut start, mut end) = (boundary(first, picks[2]), boundary(last, picks[3]));
        if end < start {
            std::mem::swap(&mut start, &mut end);
        }
        let span = Span { start, end };
        let quote = Quote::of(&article, span);
        if quote.exact.trim().is_empty() {
            // Nothing to find.
            prop_assert_eq!(quote.place(&article), None);
        } else {
            prop_assert_eq!(quote.place(&article), Some(span), "{:?}", quote);
            // A paragraph put in before or after the span moves it or leaves it.
            let at = picks[4] as usize % (blocks + 1);
            if at <= first || at > last {
                let mut edited = article.clone();
                let block = Article::parse("A paragraph put in later.", "").blocks.remove(0);
                edited.blocks.insert(at, block);
                let shift = usize::from(at <= first);
                let moved = Span {
                    start: Position { block: start.block + shift, ..start },
                    end: Position { block: end.block + shift, ..end },
                };
                prop_assert_eq!(quote.place(&edited), Some(moved), "{:?}, put in at {}", quote, at);
            }
        }
    }
}
