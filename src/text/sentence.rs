//! A block's sentences, by the Unicode sentence boundaries of UAX #29 (unicode-segmentation),
//! each trimmed of the white space around it. The rules know nothing of abbreviations, so
//! "Mr. Smith" is two sentences; that is accepted. Offsets are byte offsets into the block's
//! text, as in [`Position`](super::layout::Position).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text`, in order: byte ranges trimmed of surrounding white space, none
/// of them empty. Consecutive ranges never overlap.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    text.split_sentence_bound_indices()
        .filter_map(|(at, sentence)| {
            let start = at + (sentence.len() - sentence.trim_start().len());
            let end = at + sentence.trim_end().len();
            (start < end).then_some(start..end)
        })
        .collect()
}

/// The index in `sentences` (as [`sentences`] gives them) of the sentence at byte `offset`:
/// the one covering it; in the white space between two, the one before; before the first,
/// the first. [`Position::AFTER`](super::layout::Position::AFTER) gives the last. `None`
/// only when there are no sentences.
pub fn index_at(sentences: &[Range<usize>], offset: usize) -> Option<usize> {
    if sentences.is_empty() {
        return None;
    }
    Some(sentences.partition_point(|s| s.start <= offset).saturating_sub(1))
}

/// The index of the sentence of `text` at byte `offset` (see [`index_at`]).
pub fn sentence_at(text: &str, offset: usize) -> Option<usize> {
    index_at(&sentences(text), offset)
}

/// The byte range of the sentence of `text` at byte `offset` (see [`index_at`]).
pub fn sentence_range(text: &str, offset: usize) -> Option<Range<usize>> {
    let all = sentences(text);
    index_at(&all, offset).map(|i| all[i].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn splits_and_trims() {
        let text = "  It rained. Did it?  Yes!\tThen “it stopped.” Done";
        let all = sentences(text);
        assert_eq!(texts(text, &all), ["It rained.", "Did it?", "Yes!", "Then “it stopped.”", "Done"]);
    }

    #[test]
    fn abbreviations_split_and_blank_text_has_none() {
        assert_eq!(texts("Mr. Smith came.", &sentences("Mr. Smith came.")), ["Mr.", "Smith came."]);
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\t ").is_empty());
        assert_eq!(sentence_at("   ", 1), None);
    }

    #[test]
    fn hard_breaks_and_chinese_end_sentences() {
        let text = "A line\nanother line";
        assert_eq!(texts(text, &sentences(text)), ["A line", "another line"]);
        let text = "深度求索公司发布了新的模型。许多人认为这很重要！好";
        assert_eq!(texts(text, &sentences(text)), ["深度求索公司发布了新的模型。", "许多人认为这很重要！", "好"]);
    }

    #[test]
    fn the_sentence_at_an_offset() {
        let text = "One two.   Three four. Five.";
        //          0       8  11         22 23
        assert_eq!(sentence_at(text, 0), Some(0));
        assert_eq!(sentence_at(text, 7), Some(0));
        assert_eq!(sentence_at(text, 9), Some(0), "the space after a sentence is the sentence's");
        assert_eq!(sentence_at(text, 11), Some(1));
        assert_eq!(sentence_at(text, 23), Some(2));
        assert_eq!(sentence_at(text, text.len()), Some(2));
        assert_eq!(sentence_at(text, usize::MAX), Some(2));
        assert_eq!(sentence_at("  Lead.", 0), Some(0), "before the first");
        assert_eq!(sentence_range(text, 15), Some(11..22));
        assert_eq!(&text[sentence_range(text, 15).unwrap()], "Three four.");
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_ordered_trimmed_and_cover_the_text(text in "([A-Za-z]{1,5}|[ \n]|[.!?]|é|。){0,40}") {
            let all = sentences(&text);
            for pair in all.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start);
            }
            for r in &all {
                let s = &text[r.clone()];
                proptest::prop_assert!(!s.is_empty() && s.trim() == s);
            }
            // Everything outside the sentences is white space.
            let mut at = 0;
            for r in &all {
                proptest::prop_assert!(text[at..r.start].trim().is_empty());
                at = r.end;
            }
            proptest::prop_assert!(text[at..].trim().is_empty());
            // Every offset inside a sentence finds that sentence.
            for (i, r) in all.iter().enumerate() {
                proptest::prop_assert_eq!(index_at(&all, r.start), Some(i));
                proptest::prop_assert_eq!(index_at(&all, r.end - 1), Some(i));
            }
        }
    }
}
