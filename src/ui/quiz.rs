//! The quiz pane's state: browsing the questions, or a sitting in progress with the answer
//! being built, the verdict after it, and the summary at the end.

use std::collections::BTreeSet;

use super::lineedit::{Edit, LineEdit};
use crate::pack::Pack;
use crate::pack::model::{ClozePart, Kind};
use crate::study::deck::Item;
use crate::study::grade::{Response, SelfGrade, Verdict};
use crate::study::session::{Sitting, Summary};
use crate::text::wrap::wrap;

/// The answer being built for the current item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A choice: the highlighted line (display position).
    Choice {
        cursor: usize,
    },
    /// Several choices: the highlighted line and the picked display positions.
    Multi {
        cursor: usize,
        picked: BTreeSet<usize>,
    },
    TrueFalse,
    Text(LineEdit),
    /// One input per gap, and the gap being typed.
    Cloze {
        gaps: Vec<LineEdit>,
        current: usize,
    },
    /// The items in the student's order (pack indexes) and the selected position.
    Order {
        order: Vec<usize>,
        cursor: usize,
    },
    /// A card: whether its back is shown.
    Card {
        revealed: bool,
    },
}

impl Answer {
    /// A fresh answer for `item` as the sitting shows it.
    pub fn new(pack: &Pack, item: Item, sitting: &Sitting) -> Self {
        let Item::Question(q) = item else { return Answer::Card { revealed: false } };
        match &pack.questions[q].kind {
            Kind::Choice { .. } => Answer::Choice { cursor: 0 },
            Kind::Multi { .. } => Answer::Multi { cursor: 0, picked: BTreeSet::new() },
            Kind::TrueFalse { .. } => Answer::TrueFalse,
            Kind::Text { .. } => Answer::Text(LineEdit::default()),
            Kind::Cloze { parts } => {
                let gaps = parts.iter().filter(|p| matches!(p, ClozePart::Gap(_))).count();
                Answer::Cloze { gaps: vec![LineEdit::default(); gaps], current: 0 }
            }
            Kind::Order { .. } => Answer::Order { order: sitting.shown.order.clone(), cursor: 0 },
            Kind::Card { .. } => Answer::Card { revealed: false },
        }
    }

    /// True while the answer takes typed text.
    pub fn typing(&self) -> bool {
        matches!(self, Answer::Text(_) | Answer::Cloze { .. })
    }

    /// The line being typed into, if any.
    pub fn line_mut(&mut self) -> Option<&mut LineEdit> {
        match self {
            Answer::Text(line) => Some(line),
            Answer::Cloze { gaps, current } => gaps.get_mut(*current),
            _ => None,
        }
    }

    /// Applies an editing step to the line being typed.
    pub fn edit(&mut self, edit: Edit) {
        if let Some(line) = self.line_mut() {
            line.apply(edit);
        }
    }

    /// The response to grade, when the answer is complete. `order` is the sitting's
    /// display order of choices.
    pub fn response(&self, order: &[usize]) -> Option<Response> {
        match self {
            Answer::Choice { cursor } => order.get(*cursor).map(|&i| Response::Choice(i)),
            Answer::Multi { picked, .. } if !picked.is_empty() => {
                Some(Response::Multi(picked.iter().filter_map(|&p| order.get(p).copied()).collect()))
            }
            Answer::Text(line) if !line.text.trim().is_empty() => Some(Response::Text(line.text.clone())),
            Answer::Cloze { gaps, .. } => Some(Response::Cloze(gaps.iter().map(|g| g.text.clone()).collect())),
            Answer::Order { order, .. } => Some(Response::Order(order.clone())),
            _ => None,
        }
    }
}

/// Where the pane is.
pub enum Stage {
    /// Browsing the questions; Enter shows a question's passage.
    Browse,
    /// Asking: the answer being built.
    Asking(Answer),
    /// Answered: the verdict, until the student moves on.
    Answered(Verdict),
    /// The sitting is over: its summary, with the missed items selectable.
    Done { summary: Summary, selected: usize },
}

/// The quiz pane.
pub struct QuizView {
    /// The question selected while browsing.
    pub selected: usize,
    pub sitting: Option<Sitting>,
    pub stage: Stage,
    /// Whether sittings keep the pack's order (`--in-order`).
    pub in_order: bool,
    /// What the student typed for the last answer, shown beside the verdict.
    pub typed: Option<String>,
}

impl QuizView {
    /// A pane browsing the questions.
    pub fn new(in_order: bool) -> Self {
        Self { selected: 0, sitting: None, stage: Stage::Browse, in_order, typed: None }
    }

    /// True while an answer takes typed text.
    pub fn typing(&self) -> bool {
        matches!(&self.stage, Stage::Asking(answer) if answer.typing())
    }

    /// True while a question is on screen waiting for its answer.
    pub fn asking(&self) -> bool {
        matches!(self.stage, Stage::Asking(_) | Stage::Answered(_))
    }

    /// A card's self-grade from a digit, when the current answer is a revealed card.
    pub fn self_grade(digit: usize) -> Option<SelfGrade> {
        match digit {
            1 => Some(SelfGrade::Again),
            2 => Some(SelfGrade::Hard),
            3 => Some(SelfGrade::Good),
            4 => Some(SelfGrade::Easy),
            _ => None,
        }
    }
}

/// The texts of the current question's options in display order: choices as shown, or
/// order items in the student's order. Empty for other kinds.
pub fn options<'a>(pack: &'a Pack, sitting: &Sitting, answer: &Answer) -> Vec<&'a str> {
    let Some(Item::Question(q)) = sitting.current() else { return Vec::new() };
    match (&pack.questions[q].kind, answer) {
        (Kind::Choice { choices, .. } | Kind::Multi { choices, .. }, _) => {
            sitting.shown.order.iter().map(|&i| choices[i].as_str()).collect()
        }
        (Kind::Order { items }, Answer::Order { order, .. }) => order.iter().map(|&i| items[i].as_str()).collect(),
        _ => Vec::new(),
    }
}

/// The marker before option `n` (from 0): its number, and whether it is under the cursor
/// or picked. Every marker of a question has the same width.
pub fn marker(answer: &Answer, n: usize) -> String {
    match answer {
        Answer::Choice { cursor } => format!("{} {}) ", if n == *cursor { "▸" } else { " " }, n + 1),
        Answer::Multi { cursor, picked } => {
            let tick = if picked.contains(&n) { "[x]" } else { "[ ]" };
            format!("{}{tick} {}) ", if n == *cursor { "▸" } else { " " }, n + 1)
        }
        Answer::Order { cursor, .. } => format!("{} {}. ", if n == *cursor { "▸" } else { " " }, n + 1),
        _ => String::new(),
    }
}

/// The question as the pane sets it at `width`: the prompt's lines, then each option's
/// lines (marker included). Drawing and mouse clicks both use this, so a click lands on
/// the option drawn there.
pub fn sheet(pack: &Pack, sitting: &Sitting, answer: &Answer, width: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let prompt = match sitting.current() {
        Some(Item::Question(q)) => pack.questions[q].prompt.as_str(),
        Some(Item::Term(t)) => pack.terms[t].term.as_str(),
        None => "",
    };
    let prompt_lines = wrap(prompt, width).into_iter().map(|r| prompt[r].to_string()).collect();
    let options = options(pack, sitting, answer)
        .into_iter()
        .enumerate()
        .map(|(n, text)| {
            let lead = marker(answer, n);
            let indent = " ".repeat(crate::text::wrap::width(&lead));
            wrap(text, width.saturating_sub(indent.len()).max(1))
                .into_iter()
                .enumerate()
                .map(|(i, r)| format!("{}{}", if i == 0 { &lead } else { &indent }, &text[r]))
                .collect()
        })
        .collect();
    (prompt_lines, options)
}

/// The option at `row` of the pane's body (0 is the line under the header), if any.
pub fn option_at(pack: &Pack, sitting: &Sitting, answer: &Answer, width: usize, row: usize) -> Option<usize> {
    let (prompt, options) = sheet(pack, sitting, answer, width);
    // The title, the prompt, and a blank line come first.
    let mut at = 1 + prompt.len() + 1;
    for (n, lines) in options.iter().enumerate() {
        if (at..at + lines.len()).contains(&row) {
            return Some(n);
        }
        at += lines.len();
    }
    None
}
