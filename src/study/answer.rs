//! Answers in words: the right answer of an item, what the student gave, which options they
//! got right or missed, how much of a partly right answer was right, and what an almost-right
//! answer got wrong. Plain mode and the app both say these, so they say the same.

use super::deck::{self, Item};
use super::grade::{self, Response, Verdict};
use crate::pack::Pack;
use crate::pack::model::{ClozePart, Kind};

/// The right answer of an item, as text.
pub fn right_answer(pack: &Pack, item: Item) -> String {
    let q = match item {
        Item::Question(q) => q,
        Item::Term(t) => return pack.terms[t].definition.clone(),
    };
    match &pack.questions[q].kind {
        Kind::Choice { choices, answer, .. } => choices[*answer].clone(),
        Kind::Multi { choices, answers, .. } => {
            answers.iter().map(|&i| choices[i].as_str()).collect::<Vec<_>>().join("; ")
        }
        Kind::TrueFalse { answer } => true_false(*answer).to_string(),
        Kind::Text { answer, .. } => answer.clone(),
        Kind::Cloze { parts } => parts
            .iter()
            .map(|p| match p {
                ClozePart::Text(t) => t.as_str(),
                ClozePart::Gap(a) => a[0].as_str(),
            })
            .collect(),
        Kind::Order { items } => items.join(" → "),
        Kind::Card { back } => back.clone(),
    }
}

/// Minutes and seconds, as "3m 12s".
pub fn duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds < 60 { format!("{seconds}s") } else { format!("{}m {:02}s", seconds / 60, seconds % 60) }
}

/// The cloze text with each gap shown as a numbered blank.
pub fn cloze_blanks(parts: &[ClozePart]) -> String {
    let mut gap = 0;
    parts
        .iter()
        .map(|p| match p {
            ClozePart::Text(t) => t.clone(),
            ClozePart::Gap(_) => {
                gap += 1;
                format!("[{gap} ____]")
            }
        })
        .collect()
}

/// How one option of an answered question went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionMark {
    /// Chosen and right; for an order, in its right place.
    Right,
    /// Chosen and wrong; for an order, out of place.
    Wrong,
    /// Right but not chosen.
    Missed,
    /// Neither chosen nor right.
    Blank,
}

/// How each option went. For a choice or several choices, one mark per choice in the pack's
/// order (the index is the pack's choice index); for an order, one mark per position in the
/// student's order. Empty for other kinds, and for a response of another kind's shape.
pub fn option_marks(kind: &Kind, response: &Response) -> Vec<OptionMark> {
    let each_choice = |choices: &[String], chosen: &dyn Fn(usize) -> bool, right: &dyn Fn(usize) -> bool| {
        (0..choices.len())
            .map(|i| match (chosen(i), right(i)) {
                (true, true) => OptionMark::Right,
                (true, false) => OptionMark::Wrong,
                (false, true) => OptionMark::Missed,
                (false, false) => OptionMark::Blank,
            })
            .collect()
    };
    match (kind, response) {
        (Kind::Choice { choices, answer, .. }, Response::Choice(given)) => {
            each_choice(choices, &|i| i == *given, &|i| i == *answer)
        }
        (Kind::Multi { choices, answers, .. }, Response::Multi(given)) => {
            each_choice(choices, &|i| given.contains(&i), &|i| answers.contains(&i))
        }
        (Kind::Order { items }, Response::Order(given)) => given
            .iter()
            .enumerate()
            .map(|(place, &i)| if in_place(items, place, i) { OptionMark::Right } else { OptionMark::Wrong })
            .collect(),
        _ => Vec::new(),
    }
}

/// How much of an answer was right, out of how much: for several choices, the right choices
/// picked out of the right choices; for an order, the items in their right place out of the
/// items. `None` for other kinds. Grading does not use it: only a wholly right answer is right.
pub fn partial(kind: &Kind, response: &Response) -> Option<(usize, usize)> {
    match (kind, response) {
        (Kind::Multi { answers, .. }, Response::Multi(given)) => {
            Some((answers.iter().filter(|a| given.contains(a)).count(), answers.len()))
        }
        (Kind::Order { items }, Response::Order(given)) => {
            let placed = given.iter().enumerate().filter(|&(place, &i)| in_place(items, place, i)).count();
            Some((placed, items.len()))
        }
        _ => None,
    }
}

/// Whether pack item `item` stands at `place`, where it belongs.
fn in_place(items: &[String], place: usize, item: usize) -> bool {
    place == item && item < items.len()
}

/// What to say after an Almost verdict: for typed text, `it is spelt “…”`; for a cloze, each
/// misspelt gap as `gap 1: dominent → dominant` (joined with `; `), never the whole text; for
/// a self-graded card, `Almost known`. `None` for any other verdict.
pub fn almost_note(pack: &Pack, item: Item, response: &Response, verdict: &Verdict) -> Option<String> {
    let Verdict::Almost { expected } = verdict else { return None };
    if deck::is_card(pack, item) {
        return Some("Almost known".to_string());
    }
    if let (Item::Question(q), Response::Cloze(typed)) = (item, response)
        && let Kind::Cloze { parts } = &pack.questions[q].kind
    {
        let slips: Vec<String> = grade::gaps(parts)
            .iter()
            .zip(typed)
            .enumerate()
            .filter_map(|(n, (accepted, typed))| match grade::grade_text(accepted, typed) {
                Verdict::Almost { expected } => Some(format!("gap {}: {} → {expected}", n + 1, typed.trim())),
                _ => None,
            })
            .collect();
        if !slips.is_empty() {
            return Some(slips.join("; "));
        }
    }
    Some(format!("it is spelt “{expected}”"))
}

/// What the student gave, to show as "you wrote" or "you chose": the typed text, a cloze's
/// gaps joined with ` · ` (an empty gap as `…`), the text of the choices chosen, true or
/// false, or the order as `a → b → c`. `None` for cards, for nothing given, and for a response
/// that does not fit the question.
pub fn response_text(pack: &Pack, item: Item, response: &Response) -> Option<String> {
    let Item::Question(q) = item else { return None };
    let text = match (&pack.questions[q].kind, response) {
        (Kind::Text { .. }, Response::Text(typed)) => typed.trim().to_string(),
        (Kind::Cloze { .. }, Response::Cloze(typed)) => {
            if typed.iter().all(|t| t.trim().is_empty()) {
                return None;
            }
            let shown: Vec<&str> = typed.iter().map(|t| if t.trim().is_empty() { "…" } else { t.trim() }).collect();
            shown.join(" · ")
        }
        (Kind::Choice { choices, .. }, Response::Choice(given)) => choices.get(*given)?.clone(),
        (Kind::Multi { choices, .. }, Response::Multi(given)) => {
            let mut chosen = given.clone();
            chosen.sort_unstable();
            chosen.dedup();
            let texts = chosen.iter().map(|&i| choices.get(i).map(String::as_str)).collect::<Option<Vec<_>>>()?;
            texts.join("; ")
        }
        (Kind::TrueFalse { .. }, Response::TrueFalse(given)) => true_false(*given).to_string(),
        (Kind::Order { items }, Response::Order(given)) => {
            let texts = given.iter().map(|&i| items.get(i).map(String::as_str)).collect::<Option<Vec<_>>>()?;
            texts.join(" → ")
        }
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// The verdict in one line: `✓ Right`, `≈ Almost: ` and the [`almost_note`], or `✗ Not quite.
/// The answer: ` and the right answer; for a self-graded card `✓ Known`, `≈ Almost known` or
/// `✗ Not yet`.
pub fn headline(pack: &Pack, item: Item, response: &Response, verdict: &Verdict) -> String {
    let card = deck::is_card(pack, item);
    match verdict {
        Verdict::Right if card => "✓ Known".to_string(),
        Verdict::Right => "✓ Right".to_string(),
        Verdict::Almost { .. } if card => "≈ Almost known".to_string(),
        Verdict::Almost { .. } => {
            format!("≈ Almost: {}", almost_note(pack, item, response, verdict).unwrap_or_default())
        }
        Verdict::Wrong if card => "✗ Not yet".to_string(),
        Verdict::Wrong => format!("✗ Not quite. The answer: {}", right_answer(pack, item)),
    }
}

fn true_false(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::model::parse_cloze;
    use crate::study::grade::SelfGrade;
    use crate::study::testing::{pack, question, term};
    use crate::text::article::Article;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// A pack with one question of each kind, in the order of `Kind::NAMES`, and one term.
    fn every_kind() -> Pack {
        let kinds = [
            Kind::Choice { choices: strings(&["a", "b", "c"]), answer: 1, shuffle: true },
            Kind::Multi { choices: strings(&["a", "b", "c", "d"]), answers: vec![0, 2], shuffle: true },
            Kind::TrueFalse { answer: false },
            Kind::Text { answer: "Liang Wenfeng".into(), accept: strings(&["Wenfeng"]) },
            Kind::Cloze {
                parts: parse_cloze("Their {{dominant}} place, {{entrenched|locked in}} in {{2017}}.").unwrap(),
            },
            Kind::Order { items: strings(&["first", "second", "third", "fourth"]) },
            Kind::Card { back: "The back.".into() },
        ];
        let questions = kinds.into_iter().enumerate().map(|(i, k)| question(&format!("q{i}"), "?", k)).collect();
        pack(Article::default(), questions, vec![term("Weights")])
    }

    fn kind(pack: &Pack, name: &str) -> (Item, Kind) {
        let q = pack.questions.iter().position(|q| q.kind.name() == name).unwrap();
        (Item::Question(q), pack.questions[q].kind.clone())
    }

    fn cloze(typed: &[&str]) -> Response {
        Response::Cloze(strings(typed))
    }

    #[test]
    fn right_answers_of_every_kind() {
        let p = every_kind();
        let answers: Vec<String> = (0..p.questions.len()).map(|q| right_answer(&p, Item::Question(q))).collect();
        assert_eq!(
            answers,
            [
                "b",
                "a; c",
                "false",
                "Liang Wenfeng",
                "Their dominant place, entrenched in 2017.",
                "first → second → third → fourth",
                "The back."
            ]
        );
        assert_eq!(right_answer(&p, Item::Term(0)), "Weights means");
    }

    #[test]
    fn durations_and_blanks() {
        assert_eq!(duration(-3), "0s");
        assert_eq!(duration(59), "59s");
        assert_eq!(duration(60), "1m 00s");
        assert_eq!(duration(192), "3m 12s");
        let parts = parse_cloze("In {{2017}} by {{2030}}.").unwrap();
        assert_eq!(cloze_blanks(&parts), "In [1 ____] by [2 ____].");
    }

    #[test]
    fn choice_marks_follow_the_packs_order() {
        let p = every_kind();
        let (_, choice) = kind(&p, "choice");
        use OptionMark::*;
        assert_eq!(option_marks(&choice, &Response::Choice(1)), [Blank, Right, Blank]);
        assert_eq!(option_marks(&choice, &Response::Choice(2)), [Blank, Missed, Wrong]);
        let (_, multi) = kind(&p, "multi");
        assert_eq!(option_marks(&multi, &Response::Multi(vec![2, 0])), [Right, Blank, Right, Blank]);
        assert_eq!(option_marks(&multi, &Response::Multi(vec![1, 2])), [Missed, Wrong, Right, Blank]);
        assert_eq!(option_marks(&multi, &Response::Multi(vec![])), [Missed, Blank, Missed, Blank]);
        assert!(option_marks(&multi, &Response::Choice(0)).is_empty());
        let (_, text) = kind(&p, "text");
        assert!(option_marks(&text, &Response::Text("x".into())).is_empty());
    }

    #[test]
    fn order_marks_follow_the_students_order() {
        let p = every_kind();
        let (_, order) = kind(&p, "order");
        use OptionMark::*;
        assert_eq!(option_marks(&order, &Response::Order(vec![0, 1, 2, 3])), [Right; 4]);
        // The student's positions: first and fourth in place, the middle two swapped.
        assert_eq!(option_marks(&order, &Response::Order(vec![0, 2, 1, 3])), [Right, Wrong, Wrong, Right]);
        assert_eq!(option_marks(&order, &Response::Order(vec![3, 2, 1, 0])), [Wrong; 4]);
        assert!(option_marks(&order, &Response::Multi(vec![0])).is_empty());
    }

    #[test]
    fn partial_counts_what_was_right() {
        let p = every_kind();
        let (_, multi) = kind(&p, "multi");
        assert_eq!(partial(&multi, &Response::Multi(vec![0, 2])), Some((2, 2)));
        assert_eq!(partial(&multi, &Response::Multi(vec![0, 1, 3])), Some((1, 2)));
        assert_eq!(partial(&multi, &Response::Multi(vec![1])), Some((0, 2)));
        let (_, order) = kind(&p, "order");
        assert_eq!(partial(&order, &Response::Order(vec![0, 2, 1, 3])), Some((2, 4)));
        assert_eq!(partial(&order, &Response::Order(vec![1, 2, 3, 0])), Some((0, 4)));
        assert_eq!(partial(&order, &Response::Order(vec![0, 1, 2, 3, 4])), Some((4, 4)));
        let (_, choice) = kind(&p, "choice");
        assert_eq!(partial(&choice, &Response::Choice(1)), None);
        assert_eq!(partial(&multi, &Response::Choice(1)), None);
    }

    #[test]
    fn almost_notes_say_only_what_was_misspelt() {
        let p = every_kind();
        let note = |name: &str, response: Response| {
            let (item, kind) = kind(&p, name);
            let verdict = grade::grade(&kind, &response);
            (almost_note(&p, item, &response, &verdict), headline(&p, item, &response, &verdict))
        };
        let (text, line) = note("text", Response::Text("Lian Wenfeng".into()));
        assert_eq!(text.as_deref(), Some("it is spelt “Liang Wenfeng”"));
        assert_eq!(line, "≈ Almost: it is spelt “Liang Wenfeng”");
        // A cloze names the misspelt gaps only, as typed and as spelt.
        let (one, _) = note("cloze", cloze(&["dominent", "entrenched", "2017"]));
        assert_eq!(one.as_deref(), Some("gap 1: dominent → dominant"));
        let (two, line) = note("cloze", cloze(&[" dominent ", "lockd in", "2017"]));
        assert_eq!(two.as_deref(), Some("gap 1: dominent → dominant; gap 2: lockd in → locked in"));
        assert!(!line.contains("Their"), "{line}");
        // A self-graded card has no spelling.
        let (card, line) = note("card", Response::Card(SelfGrade::Hard));
        assert_eq!(card.as_deref(), Some("Almost known"));
        assert_eq!(line, "≈ Almost known");
        let hard = Verdict::Almost { expected: "Weights means".into() };
        let term = Response::Card(SelfGrade::Hard);
        assert_eq!(almost_note(&p, Item::Term(0), &term, &hard).as_deref(), Some("Almost known"));
        // Other verdicts have no note.
        assert_eq!(note("text", Response::Text("Liang Wenfeng".into())).0, None);
        assert_eq!(note("cloze", cloze(&["x", "y", "z"])).0, None);
        assert_eq!(note("card", Response::Card(SelfGrade::Good)).0, None);
    }

    #[test]
    fn headlines_for_each_verdict() {
        let p = every_kind();
        let (choice, _) = kind(&p, "choice");
        let (card, _) = kind(&p, "card");
        let given = Response::Choice(0);
        assert_eq!(headline(&p, choice, &given, &Verdict::Right), "✓ Right");
        assert_eq!(headline(&p, choice, &given, &Verdict::Wrong), "✗ Not quite. The answer: b");
        let graded = Response::Card(SelfGrade::Good);
        assert_eq!(headline(&p, card, &graded, &Verdict::Right), "✓ Known");
        assert_eq!(headline(&p, card, &graded, &Verdict::Wrong), "✗ Not yet");
        assert_eq!(headline(&p, Item::Term(0), &graded, &Verdict::Right), "✓ Known");
    }

    #[test]
    fn what_the_student_gave() {
        let p = every_kind();
        let given = |name: &str, response: Response| response_text(&p, kind(&p, name).0, &response);
        assert_eq!(given("choice", Response::Choice(2)).as_deref(), Some("c"));
        assert_eq!(given("choice", Response::Choice(9)), None);
        assert_eq!(given("multi", Response::Multi(vec![3, 0, 3])).as_deref(), Some("a; d"));
        assert_eq!(given("multi", Response::Multi(vec![])), None);
        assert_eq!(given("truefalse", Response::TrueFalse(true)).as_deref(), Some("true"));
        assert_eq!(given("text", Response::Text("  Donald Trump ".into())).as_deref(), Some("Donald Trump"));
        assert_eq!(given("text", Response::Text(" ".into())), None);
        assert_eq!(given("cloze", cloze(&["dominant", "", "2017"])).as_deref(), Some("dominant · … · 2017"));
        assert_eq!(given("cloze", cloze(&["", " "])), None);
        assert_eq!(
            given("order", Response::Order(vec![2, 0, 1, 3])).as_deref(),
            Some("third → first → second → fourth")
        );
        assert_eq!(given("order", Response::Order(vec![7])), None);
        assert_eq!(given("card", Response::Card(SelfGrade::Easy)), None);
        assert_eq!(given("text", Response::Choice(0)), None);
        assert_eq!(response_text(&p, Item::Term(0), &Response::Card(SelfGrade::Easy)), None);
    }
}
