//! Grading answers: choices, typed text, cloze gaps, orderings and self-graded cards.
//!
//! Typed answers (the `text` kind and each cloze gap) are compared after [`normalize`], with these rules:
//!
//! - Case, accents, punctuation and extra spaces never matter. Apostrophes, single quotes and full stops
//!   between letters join the letters around them (`China’s` = `Chinas`, `W.E.F.` = `WEF`); any other
//!   punctuation separates words (`state-capitalism` = `state capitalism`).
//! - Currency symbols are optional: `600 billion` matches `$600 billion` either way round. Two answers that
//!   both name a currency must name the same ones (`£600` does not match `$600`).
//! - `%`, `percent` and `per cent` are the same word, but it is not optional: `17` does not match `17%`.
//! - A comma between digits followed by exactly three digits is a thousands separator: `70,000` = `70000`.
//!   Any other point or comma between digits is a decimal separator and must match.
//! - Numbers are never forgiven: if the numbers in the typed answer differ from an accepted answer's, it is
//!   Wrong against that answer however close the spelling (`2030` is not `2003`, `17` is not `1.7`).
//! - Small typos are Almost. Each word of an accepted answer allows `max(1, letters / 6)` edits
//!   (Damerau-Levenshtein: insert, delete, substitute or swap two neighbours), or none when it has fewer
//!   than five letters: a slip in a short word often makes another word (`dent` and `dept` are not `debt`),
//!   and `CCP` never matches `CPP`. When both answers have the same number of words, each
//!   typed word must be within the allowance of the accepted word in its place; otherwise the whole strings
//!   are compared against the sum of the allowances.
//! - The best verdict over all accepted answers wins. Among several Almost matches the closest one is shown
//!   to the student; a tie goes to the earlier answer (the pack's `answer` comes before its `accept` list).

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::pack::model::{ClozePart, Kind};

/// How an answer was judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Right,
    /// Nearly right: `expected` is the accepted answer as written in the pack, to show the spelling.
    Almost {
        expected: String,
    },
    Wrong,
}

/// What the student gave, per kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// An index into the question's `choices` as written in the pack (not shuffled).
    Choice(usize),
    /// Indexes into `choices`, in any order; duplicates are ignored.
    Multi(Vec<usize>),
    TrueFalse(bool),
    Text(String),
    /// One typed answer per gap, in order.
    Cloze(Vec<String>),
    /// The pack's item indexes in the order the student put them.
    Order(Vec<usize>),
    Card(SelfGrade),
}

/// A student's own grade of a card: Again, Hard, Good, Easy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfGrade {
    Again,
    Hard,
    Good,
    Easy,
}

/// Grades a response to a question of `kind`. A response of the wrong shape for the kind is Wrong.
pub fn grade(kind: &Kind, response: &Response) -> Verdict {
    match (kind, response) {
        (Kind::Choice { answer, .. }, Response::Choice(given)) => right_if(given == answer),
        (Kind::Multi { answers, .. }, Response::Multi(given)) => {
            right_if(answers.iter().collect::<BTreeSet<_>>() == given.iter().collect::<BTreeSet<_>>())
        }
        (Kind::TrueFalse { answer }, Response::TrueFalse(given)) => right_if(given == answer),
        (Kind::Text { answer, accept }, Response::Text(typed)) => {
            let accepted: Vec<&str> = std::iter::once(answer).chain(accept).map(String::as_str).collect();
            grade_text(&accepted, typed)
        }
        (Kind::Cloze { parts }, Response::Cloze(typed)) => grade_cloze(parts, typed),
        (Kind::Order { items }, Response::Order(given)) => {
            right_if(given.len() == items.len() && given.iter().enumerate().all(|(place, &item)| place == item))
        }
        (Kind::Card { back }, Response::Card(self_grade)) => match self_grade {
            SelfGrade::Again => Verdict::Wrong,
            SelfGrade::Hard => Verdict::Almost { expected: back.clone() },
            SelfGrade::Good | SelfGrade::Easy => Verdict::Right,
        },
        _ => Verdict::Wrong,
    }
}

/// Grades typed text against the accepted answers (the answer first, then alternatives).
pub fn grade_text(accepted: &[&str], typed: &str) -> Verdict {
    if typed.trim().is_empty() {
        return Verdict::Wrong;
    }
    let typed_key = Key::new(typed);
    let mut closest: Option<(usize, &str)> = None;
    for &answer in accepted {
        let key = Key::new(answer);
        let edits = if key.words.is_empty() {
            // An answer of symbols only (`$`, `—`) has nothing to spell: it must match as written.
            bare_match(answer, typed).then_some(0)
        } else if typed_key.words.is_empty() {
            None
        } else {
            edits(&key, &typed_key)
        };
        match edits {
            Some(0) => return Verdict::Right,
            Some(n) if closest.is_none_or(|(best, _)| n < best) => closest = Some((n, answer)),
            _ => {}
        }
    }
    closest.map_or(Verdict::Wrong, |(_, answer)| Verdict::Almost { expected: answer.to_string() })
}

/// Folds text for comparison: lower case, accents removed (NFD, drop combining marks), punctuation removed (but
/// keep the characters of numbers: digits, and a decimal point or comma between digits, `%`, `$`, `£`, `€`),
/// whitespace runs collapsed to one space, trimmed. Curly and straight quotes/apostrophes are punctuation.
///
/// Apostrophes, single quotes and full stops between letters vanish, joining the letters around them
/// (`China’s` = `Chinas`, `U.S.` = `US`); other punctuation becomes a space, so hyphenated and spaced forms of a
/// phrase fold alike.
pub fn normalize(s: &str) -> String {
    let folded: Vec<char> = s.chars().flat_map(char::to_lowercase).nfd().filter(|&c| !is_combining_mark(c)).collect();
    let digit_at = |i: Option<usize>| i.and_then(|i| folded.get(i)).is_some_and(|c| c.is_numeric());
    let letter_at = |i: Option<usize>| i.and_then(|i| folded.get(i)).is_some_and(|c| c.is_alphabetic());
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for (i, &c) in folded.iter().enumerate() {
        let keep = match c {
            '.' | ',' if digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)) => true,
            '.' if letter_at(i.checked_sub(1)) && letter_at(Some(i + 1)) => continue,
            '%' => true,
            c if is_currency(c) => true,
            c if is_apostrophe(c) => continue,
            c => c.is_alphanumeric(),
        };
        if !keep {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

fn right_if(right: bool) -> Verdict {
    if right { Verdict::Right } else { Verdict::Wrong }
}

/// Grades each gap; one Wrong gap, or the wrong number of answers, makes the whole cloze Wrong.
fn grade_cloze(parts: &[ClozePart], typed: &[String]) -> Verdict {
    let gaps = gaps(parts);
    if gaps.len() != typed.len() {
        return Verdict::Wrong;
    }
    let mut almost = false;
    for (accepted, typed) in gaps.iter().zip(typed) {
        match grade_text(accepted, typed) {
            Verdict::Right => {}
            Verdict::Almost { .. } => almost = true,
            Verdict::Wrong => return Verdict::Wrong,
        }
    }
    if almost { Verdict::Almost { expected: filled(parts) } } else { Verdict::Right }
}

/// The accepted answers of each gap of a cloze, in order.
pub fn gaps(parts: &[ClozePart]) -> Vec<Vec<&str>> {
    parts
        .iter()
        .filter_map(|part| match part {
            ClozePart::Gap(answers) => Some(answers.iter().map(String::as_str).collect()),
            ClozePart::Text(_) => None,
        })
        .collect()
}

/// The cloze text with every gap filled by its first answer.
fn filled(parts: &[ClozePart]) -> String {
    parts
        .iter()
        .map(|part| match part {
            ClozePart::Text(text) => text.as_str(),
            ClozePart::Gap(answers) => answers.first().map_or("", String::as_str),
        })
        .collect()
}

/// Marks that vanish without splitting a word: apostrophes and single quotes, straight and curly.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€')
}

/// An answer as compared: its words, with currency symbols set aside and every way of writing
/// per cent turned into a `%` word.
struct Key {
    words: Vec<String>,
    currency: BTreeSet<char>,
}

impl Key {
    fn new(s: &str) -> Key {
        let normal = normalize(s);
        let mut words = Vec::new();
        let mut currency = BTreeSet::new();
        let mut raw = normal.split(' ').peekable();
        while let Some(word) = raw.next() {
            if word == "percent" || (word == "per" && raw.next_if_eq(&"cent").is_some()) {
                words.push("%".to_string());
                continue;
            }
            let chars: Vec<char> = word.chars().collect();
            let mut current = String::new();
            for (i, &c) in chars.iter().enumerate() {
                if c == '%' || is_currency(c) {
                    if !current.is_empty() {
                        words.push(std::mem::take(&mut current));
                    }
                    if c == '%' {
                        words.push("%".to_string());
                    } else {
                        currency.insert(c);
                    }
                } else if !(c == ',' && is_thousands(&chars, i)) {
                    current.push(c);
                }
            }
            if !current.is_empty() {
                words.push(current);
            }
        }
        Key { words, currency }
    }

    /// The numbers in the answer, each with its decimal separators.
    fn numbers(&self) -> Vec<&str> {
        self.words
            .iter()
            .flat_map(|word| word.split(|c: char| !(c.is_numeric() || c == '.' || c == ',')))
            .filter(|number| !number.is_empty())
            .collect()
    }
}

/// Whether the comma at `i` (already known to follow a digit) groups thousands: exactly three digits follow.
fn is_thousands(chars: &[char], i: usize) -> bool {
    let digit = |j: usize| chars.get(j).is_some_and(|c| c.is_numeric());
    (i + 1..i + 4).all(digit) && !digit(i + 4)
}

/// The edits that turn `typed` into `accepted` if they are few enough to forgive: `Some(0)` is a match.
fn edits(accepted: &Key, typed: &Key) -> Option<usize> {
    if !accepted.currency.is_empty() && !typed.currency.is_empty() && accepted.currency != typed.currency {
        return None;
    }
    if accepted.words == typed.words {
        return Some(0);
    }
    if accepted.numbers() != typed.numbers() {
        return None;
    }
    if accepted.words.len() == typed.words.len() {
        accepted.words.iter().zip(&typed.words).try_fold(0, |total, (a, t)| Some(total + within(a, t, allowance(a))?))
    } else {
        let allowed = accepted.words.iter().map(|word| allowance(word)).sum();
        within(&accepted.words.join(" "), &typed.words.join(" "), allowed)
    }
}

/// The edit distance between `a` and `b` if it is at most `allowed`.
fn within(a: &str, b: &str, allowed: usize) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    // The distance is at least the difference in length; checking it first keeps a long paste cheap.
    if a.chars().count().abs_diff(b.chars().count()) > allowed {
        return None;
    }
    let distance = strsim::damerau_levenshtein(a, b);
    (distance <= allowed).then_some(distance)
}

/// Edits forgiven in a word of the accepted answer: none under five letters, then one per six letters.
fn allowance(word: &str) -> usize {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 5 { 0 } else { (letters / 6).max(1) }
}

/// Compares answers with no words: by their folded symbols, or as written when nothing survives folding.
fn bare_match(answer: &str, typed: &str) -> bool {
    let folded = normalize(answer);
    if folded.is_empty() { answer.trim() == typed.trim() } else { folded == normalize(typed) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(answer: &str, accept: &[&str]) -> Kind {
        Kind::Text { answer: answer.to_string(), accept: accept.iter().map(|a| a.to_string()).collect() }
    }

    fn typed(kind: &Kind, s: &str) -> Verdict {
        grade(kind, &Response::Text(s.to_string()))
    }

    fn almost(expected: &str) -> Verdict {
        Verdict::Almost { expected: expected.to_string() }
    }

    fn cloze(source: &str) -> Kind {
        Kind::Cloze { parts: crate::pack::model::parse_cloze(source).unwrap() }
    }

    fn typed_gaps(answers: &[&str]) -> Response {
        Response::Cloze(answers.iter().map(|a| a.to_string()).collect())
    }

    #[test]
    fn normalize_folds_case_accents_punctuation_and_spaces() {
        assert_eq!(normalize("  Liang   WÊNFENG!  "), "liang wenfeng");
        assert_eq!(normalize("Crème brûlée, s’il vous plaît."), "creme brulee sil vous plait");
        assert_eq!(normalize("China’s ‘raft’ of \"measures\""), "chinas raft of measures");
        assert_eq!(normalize("don't"), "dont");
        assert_eq!(normalize("The U.S. and the W.E.F."), "the us and the wef");
        assert_eq!(normalize("end.Start"), "endstart");
        assert_eq!(normalize("r1.2"), "r1.2");
        assert_eq!(normalize("a.1"), "a 1");
        assert_eq!(normalize("state-capitalism"), "state capitalism");
        assert_eq!(normalize("vehicle–road/cloud"), "vehicle road cloud");
        assert_eq!(normalize("\tline\none\r\n"), "line one");
        assert_eq!(normalize("İstanbul"), "istanbul");
    }

    #[test]
    fn normalize_keeps_the_characters_of_numbers() {
        assert_eq!(normalize("$600 billion."), "$600 billion");
        assert_eq!(normalize("1.7, then 17%"), "1.7 then 17%");
        assert_eq!(normalize("£1,000.50 or €3"), "£1,000.50 or €3");
        assert_eq!(normalize("a fall of 17%."), "a fall of 17%");
        // A point or comma not between digits is punctuation.
        assert_eq!(normalize("in 2017. Then, 2030"), "in 2017 then 2030");
        assert_eq!(normalize(".5 and 5."), "5 and 5");
        assert_eq!(normalize("1..2"), "1 2");
    }

    #[test]
    fn normalize_of_nothing() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("   "), "");
        assert_eq!(normalize("?!—…"), "");
    }

    #[test]
    fn choice() {
        let kind = Kind::Choice { choices: vec!["a".into(), "b".into(), "c".into()], answer: 1, shuffle: true };
        assert_eq!(grade(&kind, &Response::Choice(1)), Verdict::Right);
        assert_eq!(grade(&kind, &Response::Choice(0)), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Choice(7)), Verdict::Wrong);
    }

    #[test]
    fn multi_ignores_order_and_duplicates() {
        let kind = Kind::Multi {
            choices: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            answers: vec![0, 2],
            shuffle: false,
        };
        assert_eq!(grade(&kind, &Response::Multi(vec![0, 2])), Verdict::Right);
        assert_eq!(grade(&kind, &Response::Multi(vec![2, 0])), Verdict::Right);
        assert_eq!(grade(&kind, &Response::Multi(vec![2, 0, 2, 0])), Verdict::Right);
        assert_eq!(grade(&kind, &Response::Multi(vec![0])), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Multi(vec![0, 1, 2])), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Multi(vec![])), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Multi(vec![0, 2, 9])), Verdict::Wrong);
    }

    #[test]
    fn true_false() {
        let kind = Kind::TrueFalse { answer: false };
        assert_eq!(grade(&kind, &Response::TrueFalse(false)), Verdict::Right);
        assert_eq!(grade(&kind, &Response::TrueFalse(true)), Verdict::Wrong);
    }

    #[test]
    fn order_must_be_exact() {
        let kind = Kind::Order { items: vec!["first".into(), "second".into(), "third".into()] };
        assert_eq!(grade(&kind, &Response::Order(vec![0, 1, 2])), Verdict::Right);
        assert_eq!(grade(&kind, &Response::Order(vec![0, 2, 1])), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Order(vec![2, 1, 0])), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Order(vec![0, 1])), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Order(vec![0, 1, 2, 3])), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Order(vec![0, 1, 1])), Verdict::Wrong);
    }

    #[test]
    fn card_self_grades() {
        let kind = Kind::Card { back: "The back.".into() };
        assert_eq!(grade(&kind, &Response::Card(SelfGrade::Again)), Verdict::Wrong);
        assert_eq!(grade(&kind, &Response::Card(SelfGrade::Hard)), almost("The back."));
        assert_eq!(grade(&kind, &Response::Card(SelfGrade::Good)), Verdict::Right);
        assert_eq!(grade(&kind, &Response::Card(SelfGrade::Easy)), Verdict::Right);
    }

    #[test]
    fn wrong_shape_is_wrong() {
        let choice = Kind::Choice { choices: vec!["a".into(), "b".into()], answer: 0, shuffle: false };
        let truth = Kind::TrueFalse { answer: true };
        let name = text("Liang Wenfeng", &[]);
        let card = Kind::Card { back: "b".into() };
        let order = Kind::Order { items: vec!["a".into()] };
        let multi = Kind::Multi { choices: vec!["a".into()], answers: vec![0], shuffle: false };
        assert_eq!(grade(&choice, &Response::Multi(vec![0])), Verdict::Wrong);
        assert_eq!(grade(&choice, &Response::Order(vec![0])), Verdict::Wrong);
        assert_eq!(grade(&truth, &Response::Choice(0)), Verdict::Wrong);
        assert_eq!(grade(&name, &Response::Cloze(vec!["Liang Wenfeng".into()])), Verdict::Wrong);
        assert_eq!(grade(&card, &Response::Text("b".into())), Verdict::Wrong);
        assert_eq!(grade(&order, &Response::Choice(0)), Verdict::Wrong);
        assert_eq!(grade(&multi, &Response::Choice(0)), Verdict::Wrong);
        assert_eq!(grade(&cloze("In {{2017}}."), &Response::Text("2017".into())), Verdict::Wrong);
    }

    #[test]
    fn text_ignores_case_accents_punctuation_and_spaces() {
        let kind = text("Liang Wenfeng", &["Wenfeng", "Liang", "Wenfeng Liang"]);
        for right in
            ["Liang Wenfeng", "liang wenfeng", "LIANG WENFENG", "liang wênfeng", "Liáng Wénféng", "  Liang   Wenfeng. "]
        {
            assert_eq!(typed(&kind, right), Verdict::Right, "{right}");
        }
        assert_eq!(typed(&kind, "Liang, Wenfeng!"), Verdict::Right);
        assert_eq!(typed(&kind, "“Liang Wenfeng”"), Verdict::Right);
        assert_eq!(typed(&kind, "Xi Jinping"), Verdict::Wrong);
    }

    #[test]
    fn text_accepts_alternatives() {
        let kind = text("Liang Wenfeng", &["Wenfeng", "Liang", "Wenfeng Liang"]);
        assert_eq!(typed(&kind, "wenfeng"), Verdict::Right);
        assert_eq!(typed(&kind, "Liang"), Verdict::Right);
        assert_eq!(typed(&kind, "Wenfeng Liang"), Verdict::Right);
        let kind = text("World Economic Forum", &["WEF", "the WEF", "the World Economic Forum"]);
        assert_eq!(typed(&kind, "wef"), Verdict::Right);
        assert_eq!(typed(&kind, "The W.E.F."), Verdict::Right);
        assert_eq!(typed(&kind, "the world economic forum"), Verdict::Right);
    }

    #[test]
    fn apostrophes_join_and_hyphens_separate() {
        assert_eq!(grade_text(&["China's"], "China’s"), Verdict::Right);
        assert_eq!(grade_text(&["China's"], "Chinas"), Verdict::Right);
        assert_eq!(grade_text(&["state capitalism"], "state-capitalism"), Verdict::Right);
        assert_eq!(grade_text(&["vehicle-road-cloud"], "vehicle road cloud"), Verdict::Right);
    }

    #[test]
    fn small_typos_are_almost() {
        let kind = text("Liang Wenfeng", &["Wenfeng", "Liang", "Wenfeng Liang"]);
        assert_eq!(typed(&kind, "Lian Wenfeng"), almost("Liang Wenfeng"));
        assert_eq!(typed(&kind, "Liang Wnefeng"), almost("Liang Wenfeng"));
        assert_eq!(typed(&kind, "Wenfeng Lang"), almost("Wenfeng Liang"));
        let kind = text("stockpiled", &["stockpiling", "stockpile", "stockpiled chips"]);
        assert_eq!(typed(&kind, "stockpilled"), almost("stockpiled"));
        assert_eq!(typed(&kind, "stokpiled"), almost("stockpiled"));
        assert_eq!(typed(&kind, "stock piled"), almost("stockpiled"));
        assert_eq!(typed(&kind, "stockpiled chip"), almost("stockpiled chips"));
        assert_eq!(typed(&kind, "stockpiling chip"), Verdict::Wrong);
        assert_eq!(typed(&kind, "stuckpilled"), Verdict::Wrong);
    }

    #[test]
    fn almost_names_the_answer_as_written() {
        assert_eq!(grade_text(&["Xi Jinping", "President Xi"], "xi jinpin"), almost("Xi Jinping"));
        assert_eq!(grade_text(&["Liang Wenfeng"], "lian wênfeng"), almost("Liang Wenfeng"));
    }

    #[test]
    fn the_closest_almost_wins_and_right_beats_almost() {
        assert_eq!(grade_text(&["protectionism", "protectionist"], "protectionst"), almost("protectionist"));
        assert_eq!(grade_text(&["protectionist", "protectionism"], "protectionisn"), almost("protectionist"));
        assert_eq!(grade_text(&["stockpile", "stockpiled"], "stockpiled"), Verdict::Right);
        assert_eq!(grade_text(&["stockpiles", "stockpile"], "stockpil"), almost("stockpile"));
    }

    #[test]
    fn allowance_grows_with_length() {
        assert_eq!(allowance("ccp"), 0);
        assert_eq!(allowance("xi"), 0);
        assert_eq!(allowance("debt"), 0);
        assert_eq!(allowance("chips"), 1);
        assert_eq!(allowance("Douyin"), 1);
        assert_eq!(allowance("protectionist"), 2);
        assert_eq!(allowance("600bn"), 0);
        assert_eq!(grade_text(&["protectionist"], "protectonst"), almost("protectionist"));
        assert_eq!(grade_text(&["protectionist"], "prtectonst"), Verdict::Wrong);
        assert_eq!(grade_text(&["protectionism"], "protectionsim"), almost("protectionism"));
        assert_eq!(grade_text(&["Douyin"], "Doyin"), almost("Douyin"));
        assert_eq!(grade_text(&["chips"], "chip"), almost("chips"));
    }

    #[test]
    fn short_words_are_never_forgiven() {
        assert_eq!(grade_text(&["CCP"], "CPP"), Verdict::Wrong);
        assert_eq!(grade_text(&["CCP"], "CC"), Verdict::Wrong);
        assert_eq!(grade_text(&["Xi"], "Xu"), Verdict::Wrong);
        assert_eq!(grade_text(&["the CCP leader"], "the CPP leader"), Verdict::Wrong);
        assert_eq!(grade_text(&["the CCP leader"], "the CCP leadr"), almost("the CCP leader"));
        assert_eq!(grade_text(&["5G"], "5H"), Verdict::Wrong);
        // A slip in a four-letter word often makes another word.
        for typed in ["dent", "dept", "dbet", "deb"] {
            assert_eq!(grade_text(&["debt"], typed), Verdict::Wrong, "{typed}");
        }
        assert_eq!(grade_text(&["the debt crisis"], "the dept crisis"), Verdict::Wrong);
        assert_eq!(grade_text(&["the debt crisis"], "the debt crisys"), almost("the debt crisis"));
    }

    #[test]
    fn digits_are_never_forgiven() {
        assert_eq!(grade_text(&["$600 billion"], "$60 billion"), Verdict::Wrong);
        assert_eq!(grade_text(&["$600 billion"], "$6000 billion"), Verdict::Wrong);
        assert_eq!(grade_text(&["2030"], "2003"), Verdict::Wrong);
        assert_eq!(grade_text(&["2030"], "2030s"), Verdict::Wrong);
        assert_eq!(grade_text(&["1.7"], "17"), Verdict::Wrong);
        assert_eq!(grade_text(&["17"], "1.7"), Verdict::Wrong);
        assert_eq!(grade_text(&["1.5"], "1,5"), Verdict::Wrong);
        assert_eq!(grade_text(&["January 2025"], "Janury 2024"), Verdict::Wrong);
        assert_eq!(grade_text(&["January 2025"], "Janury 2025"), almost("January 2025"));
        assert_eq!(grade_text(&["in 2017 and 2030"], "in 2030 and 2017"), Verdict::Wrong);
        assert_eq!(grade_text(&["the r1 model"], "the r2 model"), Verdict::Wrong);
        assert_eq!(grade_text(&["the r1 model"], "the r1 modle"), almost("the r1 model"));
    }

    #[test]
    fn currency_symbols_are_optional() {
        assert_eq!(grade_text(&["$600 billion"], "600 billion"), Verdict::Right);
        assert_eq!(grade_text(&["600 billion"], "$600 billion"), Verdict::Right);
        assert_eq!(grade_text(&["$600 billion"], "600 bilion"), almost("$600 billion"));
        assert_eq!(grade_text(&["£600"], "$600"), Verdict::Wrong);
        assert_eq!(grade_text(&["€50"], "50€"), Verdict::Right);
    }

    #[test]
    fn per_cent_is_a_percent_sign() {
        assert_eq!(grade_text(&["17%"], "17 per cent"), Verdict::Right);
        assert_eq!(grade_text(&["17%"], "17 percent"), Verdict::Right);
        assert_eq!(grade_text(&["17 per cent"], "17%"), Verdict::Right);
        assert_eq!(grade_text(&["17 percent"], "17 %"), Verdict::Right);
        assert_eq!(grade_text(&["a fall of 17%"], "a fall of 17 Per Cent."), Verdict::Right);
        assert_eq!(grade_text(&["17%"], "17"), Verdict::Wrong);
        assert_eq!(grade_text(&["17%"], "71%"), Verdict::Wrong);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(grade_text(&["70,000"], "70000"), Verdict::Right);
        assert_eq!(grade_text(&["70000"], "70,000"), Verdict::Right);
        assert_eq!(grade_text(&["1,000,000 people"], "1000000 people"), Verdict::Right);
        assert_eq!(grade_text(&["1,000.5"], "1000.5"), Verdict::Right);
        assert_eq!(grade_text(&["70,000"], "7000"), Verdict::Wrong);
    }

    #[test]
    fn empty_input_is_wrong() {
        let kind = text("Douyin", &["Douyin app"]);
        assert_eq!(typed(&kind, ""), Verdict::Wrong);
        assert_eq!(typed(&kind, "   \t\n"), Verdict::Wrong);
        assert_eq!(typed(&kind, "?!"), Verdict::Wrong);
        assert_eq!(grade_text(&[], "Douyin"), Verdict::Wrong);
        assert_eq!(grade(&cloze("In {{2017}}."), &typed_gaps(&[""])), Verdict::Wrong);
    }

    #[test]
    fn answers_of_symbols_only() {
        assert_eq!(grade_text(&["—"], "—"), Verdict::Right);
        assert_eq!(grade_text(&["—"], "-"), Verdict::Wrong);
        assert_eq!(grade_text(&["$"], " $ "), Verdict::Right);
        assert_eq!(grade_text(&["$"], "£"), Verdict::Wrong);
    }

    #[test]
    fn cloze_all_right() {
        let kind = cloze(
            "They hoped to use their previously {{dominant|leading}} position to {{entrench|lock in}} an advantage.",
        );
        assert_eq!(grade(&kind, &typed_gaps(&["dominant", "entrench"])), Verdict::Right);
        assert_eq!(grade(&kind, &typed_gaps(&["Leading", "lock-in"])), Verdict::Right);
    }

    #[test]
    fn cloze_almost_shows_the_whole_text() {
        let kind = cloze("Nvidia lost {{$600 billion|600bn}} in a day – a fall of {{17%|17 per cent}}.");
        assert_eq!(
            grade(&kind, &typed_gaps(&["600 bilion", "17 percent"])),
            almost("Nvidia lost $600 billion in a day – a fall of 17%.")
        );
        let kind = cloze("{{dominant}} and {{entrench}}");
        assert_eq!(grade(&kind, &typed_gaps(&["dominnat", "entrenh"])), almost("dominant and entrench"));
    }

    #[test]
    fn cloze_wrong() {
        let kind = cloze("In {{2017}} the CCP enacted a plan to lead in AI by {{2030}}.");
        assert_eq!(grade(&kind, &typed_gaps(&["2017", "2030"])), Verdict::Right);
        assert_eq!(grade(&kind, &typed_gaps(&["2017", "2003"])), Verdict::Wrong);
        assert_eq!(grade(&kind, &typed_gaps(&["2030", "2017"])), Verdict::Wrong);
        let kind = cloze("{{dominant}} and {{entrench}}");
        assert_eq!(grade(&kind, &typed_gaps(&["dominnat", "secure"])), Verdict::Wrong);
    }

    #[test]
    fn cloze_wrong_count() {
        let kind = cloze("In {{2017}} the CCP enacted a plan to lead in AI by {{2030}}.");
        assert_eq!(grade(&kind, &typed_gaps(&["2017"])), Verdict::Wrong);
        assert_eq!(grade(&kind, &typed_gaps(&["2017", "2030", "2030"])), Verdict::Wrong);
        assert_eq!(grade(&kind, &typed_gaps(&[])), Verdict::Wrong);
    }

    #[test]
    fn long_pastes_are_cheap_and_wrong() {
        let paste = "stockpiled ".repeat(20_000);
        assert_eq!(grade_text(&["stockpiled"], &paste), Verdict::Wrong);
    }

    #[test]
    fn bundled_pack_answers_grade_right() {
        use crate::pack::source::{BUNDLED, Origin};
        let loaded = crate::pack::load(Origin::Bundled(&BUNDLED[0]));
        let (mut texts, mut clozes) = (0, 0);
        for question in &loaded.pack.questions {
            match &question.kind {
                Kind::Text { answer, accept } => {
                    texts += 1;
                    for given in std::iter::once(answer).chain(accept) {
                        let verdict = grade(&question.kind, &Response::Text(given.clone()));
                        assert_eq!(verdict, Verdict::Right, "{}: {given}", question.id);
                        assert_eq!(grade_text(&[given], given), Verdict::Right, "{}: {given}", question.id);
                    }
                }
                Kind::Cloze { parts } => {
                    clozes += 1;
                    let firsts: Vec<String> = gaps(parts).iter().map(|answers| answers[0].to_string()).collect();
                    assert_eq!(grade(&question.kind, &Response::Cloze(firsts)), Verdict::Right, "{}", question.id);
                    for accepted in gaps(parts) {
                        for given in &accepted {
                            assert_eq!(grade_text(&accepted, given), Verdict::Right, "{}: {given}", question.id);
                        }
                    }
                }
                _ => {}
            }
        }
        assert!(texts > 0 && clozes > 0, "the bundled pack has text and cloze questions");
    }

    /// Text mixing ordinary characters with the ones the folding treats specially.
    fn tricky() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '1', '7', '0', '.', ',', '%', '$', '£', '€', '\'', '’', '-', ' ', '\t', 'a', 'E', 'é', 'İ', 'ß', 'Σ',
            '\u{301}', '\u{345}', '½', '٣', 'Ⅻ',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), special], 0..24).prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn an_answer_matches_itself(before in tricky(), middle in "[\\p{L}\\p{N}]", after in any::<String>()) {
            let x = format!("{before}{middle}{after}");
            prop_assert_eq!(grade_text(&[&x], &x), Verdict::Right);
        }

        #[test]
        fn normalize_is_idempotent(x in prop_oneof![tricky(), any::<String>()]) {
            let once = normalize(&x);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert_eq!(once.trim(), once.as_str());
            prop_assert!(!once.contains("  "));
        }
    }
}
