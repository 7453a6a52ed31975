//! A chunk of questions as a cache entry keeps it: their strings apart, one after another in
//! one run of text that is checked as UTF-8 in one call, and before it what is left of each
//! question (its kind, its answers, its anchor), with only the count of each list of strings,
//! and then every string's length. A book's 2,000 questions hold some 12,000 strings; checked
//! one by one, as a serializer reads them, they took a quarter of the time the questions took
//! to decode.
//!
//! ```text
//! shapes' length (u64) | shapes (postcard) | lengths (postcard) | text
//! ```
//!
//! A question's strings come in this order: its id, its prompt, its explanation, its
//! reference's quote, then its kind's (the choices, a text answer and its alternatives, each
//! cloze part's words or gap answers, the items to order, a card's back).

use serde::{Deserialize, Serialize};

use super::model::{ClozePart, Kind, Question, Reference};
use crate::text::anchor::Anchor;

/// A question without its strings.
#[derive(Serialize, Deserialize)]
struct Shape {
    explain: bool,
    /// `Some` when the question has a reference: its anchor, if it has one.
    reference: Option<Option<Anchor>>,
    kind: KindShape,
    draft: bool,
}

/// A kind without its strings: how many each list holds.
#[derive(Serialize, Deserialize)]
enum KindShape {
    Choice {
        choices: usize,
        answer: usize,
        shuffle: bool,
    },
    Multi {
        choices: usize,
        answers: Vec<usize>,
        shuffle: bool,
    },
    TrueFalse {
        answer: bool,
    },
    Text {
        accept: usize,
    },
    /// Each part: `None` for words, `Some(n)` for a gap of `n` answers.
    Cloze {
        parts: Vec<Option<usize>>,
    },
    Order {
        items: usize,
    },
    Card,
}

/// The bytes of `questions`; `None` when a part of them cannot be serialized.
pub fn encode(questions: &[Question]) -> Option<Vec<u8>> {
    let mut text = String::new();
    let mut lengths: Vec<u32> = Vec::new();
    let mut put = |s: &str| -> Option<()> {
        lengths.push(u32::try_from(s.len()).ok()?);
        text.push_str(s);
        Some(())
    };
    let mut shapes = Vec::with_capacity(questions.len());
    for question in questions {
        shapes.push(shape(question, &mut put)?);
    }
    let mut bytes = postcard::to_stdvec(&shapes).ok()?;
    let shaped = bytes.len() as u64;
    bytes.extend_from_slice(&postcard::to_stdvec(&lengths).ok()?);
    let mut chunk = shaped.to_le_bytes().to_vec();
    chunk.append(&mut bytes);
    chunk.extend_from_slice(text.as_bytes());
    Some(chunk)
}

/// The questions in `bytes`; `None` when they cannot be read: the parts do not add up, the
/// text is not UTF-8, or a length cuts it inside a character or runs past its end.
pub fn decode(bytes: &[u8]) -> Option<Vec<Question>> {
    let (shaped, rest) = bytes.split_first_chunk::<8>()?;
    let (shapes, rest) = rest.split_at_checked(usize::try_from(u64::from_le_bytes(*shaped)).ok()?)?;
    let shapes: Vec<Shape> = postcard::from_bytes(shapes).ok()?;
    let (lengths, text): (Vec<u32>, _) = postcard::take_from_bytes(rest).ok()?;
    let text = simdutf8::basic::from_utf8(text).ok()?;
    let (mut lengths, mut at) = (lengths.into_iter(), 0usize);
    let mut take = || -> Option<String> {
        let end = at.checked_add(usize::try_from(lengths.next()?).ok()?)?;
        let string = text.get(at..end)?.to_string();
        at = end;
        Some(string)
    };
    let mut questions = Vec::with_capacity(shapes.len());
    for shape in shapes {
        questions.push(question(shape, &mut take)?);
    }
    (at == text.len() && lengths.next().is_none()).then_some(questions)
}

/// `question`'s shape, its strings given to `put` in order.
fn shape(question: &Question, put: &mut impl FnMut(&str) -> Option<()>) -> Option<Shape> {
    put(&question.id)?;
    put(&question.prompt)?;
    if let Some(explain) = &question.explain {
        put(explain)?;
    }
    if let Some(reference) = &question.reference {
        put(&reference.quote)?;
    }
    let mut all = |strings: &[String]| strings.iter().try_for_each(|s| put(s)).map(|()| strings.len());
    let kind = match &question.kind {
        Kind::Choice { choices, answer, shuffle } => {
            KindShape::Choice { choices: all(choices)?, answer: *answer, shuffle: *shuffle }
        }
        Kind::Multi { choices, answers, shuffle } => {
            KindShape::Multi { choices: all(choices)?, answers: answers.clone(), shuffle: *shuffle }
        }
        Kind::TrueFalse { answer } => KindShape::TrueFalse { answer: *answer },
        Kind::Text { answer, accept } => {
            all(std::slice::from_ref(answer))?;
            KindShape::Text { accept: all(accept)? }
        }
        Kind::Cloze { parts } => KindShape::Cloze {
            parts: parts
                .iter()
                .map(|part| match part {
                    ClozePart::Text(words) => all(std::slice::from_ref(words)).map(|_| None),
                    ClozePart::Gap(answers) => all(answers).map(Some),
                })
                .collect::<Option<_>>()?,
        },
        Kind::Order { items } => KindShape::Order { items: all(items)? },
        Kind::Card { back } => {
            all(std::slice::from_ref(back))?;
            KindShape::Card
        }
    };
    Some(Shape {
        explain: question.explain.is_some(),
        reference: question.reference.as_ref().map(|r| r.anchor.clone()),
        kind,
        draft: question.draft,
    })
}

/// The question of `shape`, its strings taken in order from `take`.
fn question(shape: Shape, take: &mut impl FnMut() -> Option<String>) -> Option<Question> {
    let id = take()?;
    let prompt = take()?;
    let explain = if shape.explain { Some(take()?) } else { None };
    let reference = match shape.reference {
        Some(anchor) => Some(Reference { quote: take()?, anchor }),
        None => None,
    };
    let mut all = |count: usize| (0..count).map(|_| take()).collect::<Option<Vec<String>>>();
    let kind = match shape.kind {
        KindShape::Choice { choices, answer, shuffle } => Kind::Choice { choices: all(choices)?, answer, shuffle },
        KindShape::Multi { choices, answers, shuffle } => Kind::Multi { choices: all(choices)?, answers, shuffle },
        KindShape::TrueFalse { answer } => Kind::TrueFalse { answer },
        KindShape::Text { accept } => Kind::Text { answer: all(1)?.pop()?, accept: all(accept)? },
        KindShape::Cloze { parts } => Kind::Cloze {
            parts: parts
                .into_iter()
                .map(|part| match part {
                    None => all(1).and_then(|mut words| words.pop()).map(ClozePart::Text),
                    Some(count) => all(count).map(ClozePart::Gap),
                })
                .collect::<Option<_>>()?,
        },
        KindShape::Order { items } => Kind::Order { items: all(items)? },
        KindShape::Card => Kind::Card { back: all(1)?.pop()? },
    };
    Some(Question { id, prompt, explain, reference, kind, draft: shape.draft })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::load;
    use crate::pack::source::{BUNDLED, Origin};

    /// Questions of every kind, with and without explanations and references, strings of
    /// one to four bytes a character, empty ones, and a draft.
    fn every_kind() -> Vec<Question> {
        let s = |text: &str| text.to_string();
        let anchor = Some(Anchor { block: 3, range: 2..9 });
        let question = |id: &str, kind| Question {
            id: s(id),
            prompt: s("Which — “this” or 漢?"),
            explain: None,
            reference: None,
            kind,
            draft: false,
        };
        let choices = vec![s("é"), s(""), s("𝄞 notes")];
        vec![
            Question {
                explain: Some(s("Because.")),
                reference: Some(Reference { quote: s("a quote"), anchor: anchor.clone() }),
                ..question("c", Kind::Choice { choices: choices.clone(), answer: 2, shuffle: true })
            },
            Question {
                reference: Some(Reference { quote: s("unplaced"), anchor: None }),
                draft: true,
                ..question("m", Kind::Multi { choices, answers: vec![0, 2], shuffle: false })
            },
            question("tf", Kind::TrueFalse { answer: true }),
            question("t", Kind::Text { answer: s("answer"), accept: vec![s("a"), s("ans")] }),
            question("t0", Kind::Text { answer: s(""), accept: vec![] }),
            question(
                "cl",
                Kind::Cloze {
                    parts: vec![
                        ClozePart::Text(s("The ")),
                        ClozePart::Gap(vec![s("cat"), s("chat")]),
                        ClozePart::Gap(vec![]),
                        ClozePart::Text(s(" sat.")),
                    ],
                },
            ),
            question("o", Kind::Order { items: vec![s("one"), s("two"), s("three")] }),
            question("k", Kind::Card { back: s("the back") }),
        ]
    }

    #[test]
    fn questions_come_back_as_they_went_in() {
        let questions = every_kind();
        assert_eq!(decode(&encode(&questions).unwrap()).unwrap(), questions);
        assert_eq!(decode(&encode(&[]).unwrap()).unwrap(), vec![]);
        let bundled = load(Origin::Bundled(&BUNDLED[0])).pack.questions;
        assert_eq!(decode(&encode(&bundled).unwrap()).unwrap(), bundled);
    }

    #[test]
    fn a_chunk_cut_short_or_changed_is_not_read() {
        let bytes = encode(&every_kind()).unwrap();
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_none(), "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(b'x');
        assert!(decode(&longer).is_none(), "text left over");
        // The lengths follow the shapes: their count, then one byte each (every string here is
        // shorter than 128 bytes). The first question's: its id, prompt, explanation, quote,
        // then its choices "é", "" and "𝄞 notes".
        let shaped = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
        let length = |i: usize| 8 + shaped + 1 + i;
        assert_eq!((bytes[length(4)], bytes[length(5)]), (2, 0), "the lengths of \"é\" and \"\"");
        // The id's length one longer or one shorter: the lengths no longer add up to the text.
        for change in [1u8, 255] {
            let mut moved = bytes.clone();
            moved[length(0)] = moved[length(0)].wrapping_add(change);
            assert!(decode(&moved).is_none(), "a length changed by {change}");
        }
        // "é" cut after its first byte, the byte given to "" after it: the lengths add up,
        // but a string would end inside a character.
        let mut inside = bytes.clone();
        (inside[length(4)], inside[length(5)]) = (1, 1);
        assert!(decode(&inside).is_none(), "a string ending inside a character");
        let mut not_utf8 = bytes.clone();
        *not_utf8.last_mut().unwrap() = 0xff;
        assert!(decode(&not_utf8).is_none(), "text that is not UTF-8");
    }
}
