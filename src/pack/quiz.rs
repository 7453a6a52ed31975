//! Reads `quiz.toml`: `[[question]]` entries of seven kinds, each with the fields its kind needs.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::diagnostic::Diagnostic;
use super::fields::{Need, PIECE, REF_HINT, Reader, Table, Text, did_you_mean, read_tables};
use super::model::{ClozeError, Kind, parse_cloze};
use crate::text::anchor::QUOTE_LIMIT;

/// A question as read, its `ref` still to be found in the article.
#[derive(Debug, PartialEq)]
pub struct RawQuestion {
    pub id: String,
    pub prompt: String,
    pub explain: Option<String>,
    pub reference: Option<Text>,
    pub kind: Kind,
    pub draft: bool,
}

const COMMON: [&str; 6] = ["id", "kind", "prompt", "explain", "ref", "draft"];

/// The fields each kind adds to the common ones.
fn kind_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "choice" => &["choices", "answer", "shuffle"],
        "multi" => &["choices", "answers", "shuffle"],
        "truefalse" | "card" => &["answer"],
        "text" => &["answer", "accept"],
        "cloze" => &["text"],
        "order" => &["items"],
        _ => &[],
    }
}

/// Reads every question of `reader`'s file, reporting duplicate ids and every field its kind
/// gets wrong; none when the file has syntax errors. Also returns the `ref` of each rejected
/// question, which is still checked.
pub fn read(reader: &mut Reader<'_>) -> (Vec<RawQuestion>, Vec<Text>) {
    read_in(reader, PIECE)
}

/// [`read`], parsing a long file in pieces of about `piece` bytes.
fn read_in(reader: &mut Reader<'_>, piece: usize) -> (Vec<RawQuestion>, Vec<Text>) {
    read_tables(reader, "quiz.toml", "question", "question", piece, Questions::entry)
        .map(|q| (q.questions, q.rejected))
        .unwrap_or_default()
}

/// The questions read so far.
#[derive(Default)]
struct Questions {
    /// Each id, with where it was first given.
    ids: FxHashMap<String, usize>,
    questions: Vec<RawQuestion>,
    rejected: Vec<Text>,
}

impl Questions {
    /// Reads one `[[question]]` table.
    fn entry(&mut self, reader: &mut Reader<'_>, entry: &Table<'_, '_>) {
        let id = reader.string(entry, "id", Need::Required);
        if let Some(id) = id.as_ref().filter(|id| id.value.starts_with("term:")) {
            reader.error(
                id.span.clone(),
                format!("question id `{}` starts with `term:`", id.value),
                "`term:` names the review cards made from glossary terms; choose another id",
            );
        }
        if let Some(id) = &id {
            if let Some(&first) = self.ids.get(&id.value) {
                let line = reader.file.line_of(first);
                reader.error(
                    id.span.clone(),
                    format!("duplicate question id `{}` (first used on line {line})", id.value),
                    "ids are unique in a pack: progress is saved by id; give this question a new one",
                );
            } else {
                self.ids.insert(id.value.clone(), id.span.start);
            }
        }
        let kind = reader.string(entry, "kind", Need::Required);
        let kind_name = kind.as_ref().map(|k| k.value.as_str()).unwrap_or_default();
        let known_kind = Kind::NAMES.contains(&kind_name);
        if let (Some(kind), false) = (&kind, known_kind) {
            let hint = match did_you_mean(&kind.value, &Kind::NAMES) {
                Some(best) => format!("did you mean `{best}`? The kinds are: {}", Kind::NAMES.join(", ")),
                None => format!("the kinds are: {}", Kind::NAMES.join(", ")),
            };
            reader.error(kind.span.clone(), format!("unknown question kind `{}`", kind.value), hint);
        }
        let mut known: Vec<&str> = COMMON.to_vec();
        known.extend(kind_fields(kind_name));
        if known_kind {
            let not_here = |field: &str| {
                let owners: Vec<&str> =
                    Kind::NAMES.iter().copied().filter(|k| kind_fields(k).contains(&field)).collect();
                (!owners.is_empty()).then(|| {
                    format!(
                        "`{field}` belongs to {} questions; a `{kind_name}` question has: {}",
                        owners.join(" and "),
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    )
                })
            };
            reader.unknown_fields(entry, &known, &not_here);
        } else {
            let every: Vec<&str> =
                COMMON.iter().chain(Kind::NAMES.iter().flat_map(|k| kind_fields(k))).copied().collect();
            reader.unknown_fields(entry, &every, &|_| None);
        }
        let prompt = reader.string(entry, "prompt", Need::Required);
        let explain = reader.string(entry, "explain", Need::Optional);
        let reference = reader.string(entry, "ref", Need::Optional);
        let reference = reader.at_most(reference, "ref", QUOTE_LIMIT, REF_HINT);
        let draft = super::fields::draft(reader, entry, "question", id.as_ref().map(|i| i.value.as_str()));
        let parsed = if known_kind { read_kind(reader, entry, kind_name) } else { None };
        match (id, prompt, parsed) {
            (Some(id), Some(prompt), Some(kind)) => self.questions.push(RawQuestion {
                id: id.value,
                prompt: prompt.value,
                explain: explain.map(|e| e.value),
                reference,
                kind,
                draft,
            }),
            _ => self.rejected.extend(reference),
        }
    }
}

/// Reads the fields of one kind and checks they agree with each other.
fn read_kind(reader: &mut Reader<'_>, entry: &Table<'_, '_>, kind: &str) -> Option<Kind> {
    match kind {
        "choice" => {
            // Every field is read before any is judged, so each problem is reported at once.
            let choices = choices(reader, entry);
            let answer = reader.string(entry, "answer", Need::Required);
            let shuffle = shuffle(reader, entry);
            let (choices, answer) = (choices?, answer?);
            let index = position(reader, &choices, &answer)?;
            Some(Kind::Choice { choices: values(choices), answer: index, shuffle })
        }
        "multi" => {
            let choices = choices(reader, entry);
            let answers = reader.strings(entry, "answers", Need::Required);
            let shuffle = shuffle(reader, entry);
            let (answers, span) = answers?;
            if answers.is_empty() {
                reader.error(
                    span,
                    "`answers` is empty",
                    "list every right choice, for example answers = [\"…\", \"…\"]",
                );
                return None;
            }
            duplicates(reader, &answers, "answers");
            let choices = choices?;
            let indexes: Vec<Option<usize>> = answers.iter().map(|a| position(reader, &choices, a)).collect();
            let indexes: Option<Vec<usize>> = indexes.into_iter().collect();
            Some(Kind::Multi { choices: values(choices), answers: indexes?, shuffle })
        }
        "truefalse" => {
            let answer = reader.boolean(entry, "answer", Need::Required)?;
            Some(Kind::TrueFalse { answer: *answer.get_ref() })
        }
        "text" => {
            let answer = reader.string(entry, "answer", Need::Required);
            let accept = reader.strings(entry, "accept", Need::Optional).map(|(a, _)| values(a)).unwrap_or_default();
            Some(Kind::Text { answer: answer?.value, accept })
        }
        "cloze" => cloze(reader, entry),
        "order" => {
            let (items, span) = reader.strings(entry, "items", Need::Required)?;
            if items.len() < 2 {
                reader.error(
                    span,
                    "an `order` question needs at least two items",
                    "list the items in their right order: items = [\"first\", \"second\", …]",
                );
                return None;
            }
            duplicates(reader, &items, "items");
            Some(Kind::Order { items: values(items) })
        }
        "card" => {
            let back = reader.string(entry, "answer", Need::Required)?;
            Some(Kind::Card { back: back.value })
        }
        _ => None,
    }
}

fn choices(reader: &mut Reader<'_>, entry: &Table<'_, '_>) -> Option<Vec<Text>> {
    let (choices, span) = reader.strings(entry, "choices", Need::Required)?;
    if choices.len() < 2 {
        reader.error(
            span,
            "a question needs at least two choices",
            "add the wrong answers too: choices = [\"right\", \"wrong\", …]",
        );
        return None;
    }
    duplicates(reader, &choices, "choices");
    Some(choices)
}

/// Reads a cloze `text`, pointing at the brace that is wrong when its gaps do not pair up.
fn cloze(reader: &mut Reader<'_>, entry: &Table<'_, '_>) -> Option<Kind> {
    const FORM: &str = "{{answer}} or {{answer|alternative}}";
    let text = reader.string(entry, "text", Need::Required)?;
    let error = match parse_cloze(&text.value) {
        Ok(parts) => return Some(Kind::Cloze { parts }),
        Err(error) => error,
    };
    let at = |offset| brace_span(&reader.file.text, &text, offset);
    let (span, message, hint, label) = match error {
        ClozeError::NoGap => (
            text.span.clone(),
            "cloze `text` has no gap".to_string(),
            "mark each gap with double braces: \"In {{2017}} the plan…\"".to_string(),
            None,
        ),
        ClozeError::Unclosed(offset) => (
            at(offset),
            "a gap in the cloze `text` is not closed".to_string(),
            format!("close the gap with `}}}}` after its answer: {FORM}"),
            None,
        ),
        ClozeError::EmptyGap(offset) => (
            at(offset),
            "a gap in the cloze `text` is empty".to_string(),
            format!("write the answer inside the braces: {FORM}"),
            None,
        ),
        ClozeError::Nested { open, inner } => {
            let (line, column) = reader.file.line_col(at(open).start);
            (
                at(inner),
                "a gap in the cloze `text` opens inside another gap".to_string(),
                format!("close the gap before it with `}}}}`, or delete one `{{{{`; a gap is written {FORM}"),
                Some(format!("inside the gap opened at line {line}, column {column}")),
            )
        }
        ClozeError::Stray(offset) => (
            at(offset),
            "`}}` in the cloze `text` closes no gap".to_string(),
            format!("open the gap with `{{{{` before its answer, or delete the `}}}}`: {FORM}"),
            None,
        ),
    };
    let mut diagnostic = Diagnostic::error(&reader.file, Some(span), message).hint(hint);
    if let Some(label) = label {
        diagnostic = diagnostic.label(label);
    }
    reader.diagnostics.push(diagnostic);
    None
}

/// The place in the file of the `{{` or `}}` at byte `offset` of a cloze text's value. TOML
/// has no escape for a brace that anyone writes, so the n-th brace of the value is the n-th
/// brace of its source; the whole string when that does not hold (a `\u007B`).
fn brace_span(source: &str, text: &Text, offset: usize) -> Range<usize> {
    let token = &text.value[offset..offset + 2];
    let brace = token.as_bytes()[0];
    let nth = text.value.as_bytes()[..offset].iter().filter(|&&b| b == brace).count();
    let raw = &source[text.span.clone()];
    raw.bytes()
        .enumerate()
        .filter(|&(_, b)| b == brace)
        .nth(nth)
        .map(|(i, _)| text.span.start + i)
        .filter(|&start| source[start..].starts_with(token))
        .map_or(text.span.clone(), |start| start..start + 2)
}

fn shuffle(reader: &mut Reader<'_>, entry: &Table<'_, '_>) -> bool {
    reader.boolean(entry, "shuffle", Need::Optional).is_none_or(|b| *b.get_ref())
}

/// Reports items given twice (the student could not tell them apart).
fn duplicates(reader: &mut Reader<'_>, items: &[Text], field: &str) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].iter().any(|earlier| earlier.value == item.value) {
            reader.error(
                item.span.clone(),
                format!("`{}` is listed twice in `{field}`", item.value),
                "each entry must be different",
            );
        }
    }
}

/// Where `answer` is among `choices`, or an error pointing at the answer.
fn position(reader: &mut Reader<'_>, choices: &[Text], answer: &Text) -> Option<usize> {
    let found = choices.iter().position(|c| c.value == answer.value);
    if found.is_none() {
        let names: Vec<&str> = choices.iter().map(|c| c.value.as_str()).collect();
        let close = names
            .iter()
            .find(|c| c.to_lowercase() == answer.value.to_lowercase())
            .copied()
            .or_else(|| nearest(&answer.value, &names));
        let hint = match close {
            Some(c) => format!("an answer must be one of the choices, written exactly the same; did you mean \"{c}\"?"),
            None => "an answer must be one of the choices, written exactly the same".to_string(),
        };
        reader.error(answer.span.clone(), format!("answer \"{}\" is not among the choices", answer.value), hint);
    }
    found
}

fn nearest<'a>(value: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|n| (strsim::normalized_levenshtein(value, n), *n))
        .filter(|(score, _)| *score > 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

fn values(texts: Vec<Text>) -> Vec<String> {
    texts.into_iter().map(|t| t.value).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::pack::diagnostic::SourceFile;

    /// The questions, rejected refs and every diagnostic (rendered, with its line and column)
    /// of `text` read in pieces of about `piece` bytes.
    fn read_text(text: &str, piece: usize) -> (Vec<RawQuestion>, Vec<Text>, Vec<String>) {
        let file = Arc::new(SourceFile::new("quiz.toml", text));
        let mut found: Vec<Diagnostic> = Vec::new();
        let (questions, rejected) = read_in(&mut Reader::new(&file, &mut found), piece);
        (questions, rejected, found.iter().map(|d| d.render(false)).collect())
    }

    #[test]
    fn read_in_pieces_as_read_whole() {
        let spec = crate::sample::Spec { bytes: 20_000, terms: 10, questions: 70, seed: 5 };
        let [.., quiz] = crate::sample::generate(&spec).files;
        assert!(super::super::fields::pieces(&quiz, "[[question]]", 1000).is_some_and(|p| p.len() > 10));
        let whole = |text: &str| read_text(text, usize::MAX);
        let (questions, rejected, found) = whole(&quiz);
        assert_eq!((questions.len(), rejected.len(), found.len()), (70, 0, 0), "{found:#?}");
        for piece in [1, 1000, 5000] {
            assert_eq!(read_text(&quiz, piece), whole(&quiz), "pieces of {piece}");
        }
        // Problems late in the file, and an id given twice far apart, are reported at the
        // same places, in the same order; a rejected question's ref is still handed on.
        let id = |n: usize| quiz.split("id = \"").nth(n).and_then(|rest| rest.split('"').next()).unwrap().to_string();
        let broken = quiz
            .replace(&format!("id = \"{}\"", id(60)), &format!("id = \"{}\"", id(2)))
            .replacen("kind = \"choice\"", "kind = \"choise\"", 9)
            .replacen("answer = false", "answer = false\nchoices = [\"a\"]", 7);
        let (questions, rejected, found) = whole(&broken);
        assert!(questions.len() < 70 && !rejected.is_empty(), "{} questions", questions.len());
        assert!(found.iter().any(|d| d.contains("duplicate question id")), "{found:#?}");
        assert!(found.iter().any(|d| d.contains("unknown question kind")), "{found:#?}");
        assert!(found.iter().any(|d| d.contains("`choices` belongs to")), "{found:#?}");
        for piece in [1, 1000, 5000] {
            assert_eq!(read_text(&broken, piece), whole(&broken), "pieces of {piece}");
        }
        // A syntax error in a late piece: reported as when read whole, nothing else kept.
        let at = broken.rfind("prompt = \"").unwrap() + "prompt = ".len();
        let syntax = format!("{}{}", &broken[..at], &broken[at + 1..]);
        let (questions, _, found) = whole(&syntax);
        assert!(questions.is_empty() && found.iter().all(|d| d.contains("TOML syntax")), "{found:#?}");
        assert_eq!(read_text(&syntax, 1000), whole(&syntax));
    }
}
