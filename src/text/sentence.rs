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
    }

    #[test]
    fn hard_breaks_and_chinese_end_sentences() {
        let text = "A line\nanother line";
        assert_eq!(texts(text, &sentences(text)), ["A line", "another line"]);
        let text = "深度求索公司发布了新的模型。许多人认为这很重要！好";
        assert_eq!(texts(text, &sentences(text)), ["深度求索公司发布了新的模型。", "许多人认为这很重要！", "好"]);
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
        }
    }
}
