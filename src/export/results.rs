//! Results for a teacher: JSON of which pack was studied, each question's last answer and
//! grade, each finished sitting's score and what is due. The schema is described, field by
//! field, in `docs/results.md`; a change to it that a script would notice raises [`SCHEMA`].
//!
//! The same pack and record give the same bytes: the items come in pack order, the
//! sittings oldest first, and the only date is the record's day, not the time of the export.

use jiff::Timestamp;
use serde::Serialize;

use super::Record;
use crate::pack::Pack;
use crate::study::answer::right_answer;
use crate::study::deck::{self, Item};
use crate::study::schedule::{Card, Rating};
use crate::text::sanitize::printable;

/// The version of the schema in `docs/results.md`.
pub const SCHEMA: u32 = 1;

/// The whole file.
#[derive(Debug, Serialize)]
struct Results {
    schema: u32,
    pack: PackInfo,
    /// The day of the export, as `2026-12-02`.
    date: String,
    questions: Vec<Question>,
    sittings: Vec<Sitting>,
    due: Due,
}

/// Which pack, and which edition of it.
#[derive(Debug, Serialize)]
struct PackInfo {
    id: String,
    title: String,
    author: String,
    /// `None` when the pack names no version.
    version: Option<String>,
}

/// One question or glossary card and what the student did with it.
#[derive(Debug, Serialize)]
struct Question {
    /// The key progress is saved under: the question's id, or `term:` and the term.
    key: String,
    /// The question's kind as in `quiz.toml`, or `term` for a glossary card.
    kind: &'static str,
    /// The question, or the term.
    prompt: String,
    /// The right answer as the quiz shows it.
    expected: String,
    /// Whether it has been answered at least once.
    answered: bool,
    last: Option<Last>,
    /// Answers given, over all sittings.
    reviews: usize,
    /// Answers that were wrong (graded Again).
    misses: usize,
    /// The day it is next due, as `2026-12-02`; `None` until answered.
    due: Option<String>,
    /// Whether it is due on or before the day of the export.
    due_now: bool,
}

/// The last answer to a question.
#[derive(Debug, Serialize)]
struct Last {
    /// What was given; `None` for a self-graded card or an answer left empty.
    answer: Option<String>,
    /// `right`, `almost` or `wrong`.
    grade: &'static str,
    /// When, in RFC 3339; `None` when not known.
    time: Option<String>,
}

/// A sitting that reached its summary.
#[derive(Debug, Serialize)]
struct Sitting {
    mode: &'static str,
    started: String,
    finished: String,
    asked: usize,
    right: usize,
    almost: usize,
    wrong: usize,
    /// Right and almost right answers.
    score: usize,
    /// The score as a share of the answers, rounded; `None` when none were given.
    percent: Option<usize>,
}

/// How many of the pack's items are due now, later, or have never been answered.
#[derive(Debug, Serialize, Default)]
struct Due {
    now: usize,
    later: usize,
    new: usize,
}

/// The results as JSON, pretty-printed, with a newline at the end.
pub fn results(pack: &Pack, record: &Record) -> String {
    let questions: Vec<Question> = deck::items(pack).into_iter().map(|item| question(pack, record, item)).collect();
    let mut due = Due::default();
    for q in &questions {
        match (q.answered, q.due_now) {
            (false, _) => due.new += 1,
            (true, true) => due.now += 1,
            (true, false) => due.later += 1,
        }
    }
    let results = Results {
        schema: SCHEMA,
        pack: PackInfo {
            id: text(&pack.id),
            title: text(&pack.title),
            author: text(&pack.author),
            version: Some(text(&pack.version)).filter(|v| !v.is_empty()),
        },
        date: record.today.to_string(),
        questions,
        sittings: record.finished.iter().map(sitting).collect(),
        due,
    };
    let mut json = serde_json::to_string_pretty(&results).expect("the results are plain data");
    json.push('\n');
    json
}

/// The entry of `item`.
fn question(pack: &Pack, record: &Record, item: Item) -> Question {
    let key = deck::key(pack, item);
    let (kind, prompt) = match item {
        Item::Question(q) => (pack.questions[q].kind.name(), &pack.questions[q].prompt),
        Item::Term(t) => ("term", &pack.terms[t].term),
    };
    let card = record.cards.get(&key).cloned().unwrap_or_default();
    let memory = card.memory;
    Question {
        kind,
        prompt: text(prompt),
        expected: text(&right_answer(pack, item)),
        answered: !card.is_new(),
        last: last(&card, record.answered.get(&key)),
        reviews: card.log.len(),
        misses: card.log.iter().filter(|r| r.rating == Rating::Again).count(),
        due: memory.map(|m| m.due.to_string()),
        due_now: card.is_due(record.today),
        key: text(&key),
    }
}

/// The last answer of `card`, answered at `time`.
fn last(card: &Card, time: Option<&Timestamp>) -> Option<Last> {
    card.last.map(|outcome| Last {
        answer: card.given.as_deref().map(text),
        grade: outcome.name(),
        time: time.map(Timestamp::to_string),
    })
}

/// The entry of a finished sitting.
fn sitting(f: &crate::store::Finished) -> Sitting {
    let score = f.right + f.almost;
    Sitting {
        mode: f.mode.name(),
        started: f.started.to_string(),
        finished: f.finished.to_string(),
        asked: f.asked,
        right: f.right,
        almost: f.almost,
        wrong: f.asked.saturating_sub(score),
        score,
        percent: percent(score, f.asked),
    }
}

/// `part` of `whole` in hundredths, rounded half up; `None` of nothing.
pub(super) fn percent(part: usize, whole: usize) -> Option<usize> {
    (whole > 0).then(|| (part * 200 + whole) / (whole * 2))
}

/// A string from a pack or the store as it may leave the app: printable.
fn text(s: &str) -> String {
    printable(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_round_half_up() {
        assert_eq!(percent(9, 12), Some(75));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 5), Some(0));
        assert_eq!(percent(5, 5), Some(100));
        assert_eq!(percent(0, 0), None);
    }
}
