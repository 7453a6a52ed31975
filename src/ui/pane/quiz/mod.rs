//! The quiz pane: browsing the questions, or a sitting in progress with the answer being
//! built, the verdict after it, and the summary at the end; its keys (`update`) and its
//! drawing (`view`).

pub mod update;
pub mod view;

use std::collections::BTreeSet;

use crate::pack::Pack;
use crate::pack::model::{ClozePart, Kind};
use crate::study::deck::Item;
use crate::study::grade::{Response, SelfGrade, Verdict};
use crate::study::session::{SavedSitting, Sitting, Summary};
use crate::ui::field::{Edit, Field};
use crate::ui::keymap::{self, Table};
use crate::ui::sheet::Scroll;

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
    Text(Field),
    /// One field per gap, and the gap being typed.
    Cloze {
        gaps: Vec<Field>,
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
            Kind::Text { .. } => Answer::Text(Field::default()),
            Kind::Cloze { parts } => {
                let gaps = parts.iter().filter(|p| matches!(p, ClozePart::Gap(_))).count();
                Answer::Cloze { gaps: vec![Field::default(); gaps], current: 0 }
            }
            Kind::Order { .. } => Answer::Order { order: sitting.shown.order.clone(), cursor: 0 },
            Kind::Card { .. } => Answer::Card { revealed: false },
        }
    }

    /// True while the answer takes typed text.
    pub fn typing(&self) -> bool {
        matches!(self, Answer::Text(_) | Answer::Cloze { .. })
    }

    /// The field being typed into, if any.
    pub fn field_mut(&mut self) -> Option<&mut Field> {
        match self {
            Answer::Text(field) => Some(field),
            Answer::Cloze { gaps, current } => gaps.get_mut(*current),
            _ => None,
        }
    }

    /// Applies an editing step to the field being typed.
    pub fn edit(&mut self, edit: Edit) {
        if let Some(field) = self.field_mut() {
            field.apply(edit);
        }
    }

    /// The option under the cursor, for choices, several choices and order items.
    pub fn cursor(&self) -> Option<usize> {
        match self {
            Answer::Choice { cursor } | Answer::Multi { cursor, .. } | Answer::Order { cursor, .. } => Some(*cursor),
            _ => None,
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
            Answer::Text(field) if !field.text().trim().is_empty() => Some(Response::Text(field.text().to_string())),
            Answer::Cloze { gaps, .. } => Some(Response::Cloze(gaps.iter().map(|g| g.text().to_string()).collect())),
            Answer::Order { order, .. } => Some(Response::Order(order.clone())),
            _ => None,
        }
    }

    /// The keys this answer takes.
    pub fn table(&self) -> &'static Table {
        match self {
            Answer::Choice { .. } => &keymap::CHOICE,
            Answer::Multi { .. } => &keymap::MULTI,
            Answer::TrueFalse => &keymap::TRUE_FALSE,
            Answer::Text(_) | Answer::Cloze { .. } => &keymap::FIELD,
            Answer::Order { .. } => &keymap::ORDER,
            Answer::Card { revealed: false } => &keymap::CARD,
            Answer::Card { revealed: true } => &keymap::GRADE,
        }
    }
}

/// Where the pane is.
#[derive(Debug)]
pub enum Stage {
    /// Browsing the questions; Enter shows a question's passage.
    Browse,
    /// Choosing what a quiz covers.
    Scope,
    /// Asking: the answer being built.
    Asking(Answer),
    /// Answered: the verdict and what was given, until the student moves on.
    Answered { verdict: Verdict, response: Response },
    /// The sitting is over: its summary, with the missed items selectable.
    Done { summary: Summary, selected: usize },
}

/// What the app asks before it goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// End the sitting under way and show its summary?
    End,
    /// Drop the sitting left unfinished and start one of this mode?
    Replace(crate::study::deck::Mode),
}

impl Ask {
    /// The question, without its keys.
    pub fn question(self) -> &'static str {
        match self {
            Ask::End => "End this sitting?",
            Ask::Replace(_) => "Drop the sitting left unfinished and start anew?",
        }
    }
}

/// The quiz pane.
pub struct QuizView {
    /// The question selected while browsing.
    pub selected: usize,
    pub sitting: Option<Sitting>,
    pub stage: Stage,
    /// Whether sittings keep the pack's order (`--in-order`).
    pub in_order: bool,
    /// How far the question, the verdict or the summary is scrolled.
    pub scroll: Scroll,
    /// A yes-or-no question asked before a sitting is ended or dropped.
    pub confirm: Option<Ask>,
    /// A sitting left unfinished, to go on with.
    pub saved: Option<SavedSitting>,
    /// The cursor moved: the next fit scrolls the question to it.
    pub reveal_cursor: bool,
}

impl QuizView {
    /// A pane browsing the questions.
    pub fn new(in_order: bool) -> Self {
        Self {
            selected: 0,
            sitting: None,
            stage: Stage::Browse,
            in_order,
            scroll: Scroll::default(),
            confirm: None,
            saved: None,
            reveal_cursor: false,
        }
    }

    /// True while an answer takes typed text.
    pub fn typing(&self) -> bool {
        self.confirm.is_none() && matches!(&self.stage, Stage::Asking(answer) if answer.typing())
    }

    /// True while a question is on screen.
    pub fn asking(&self) -> bool {
        matches!(self.stage, Stage::Asking(_) | Stage::Answered { .. })
    }

    /// The keys the pane takes now, and whether the other panes' keys come after them.
    pub fn keys(&self) -> keymap::Keys {
        if self.confirm.is_some() {
            return keymap::Keys::only(&keymap::CONFIRM);
        }
        match &self.stage {
            Stage::Browse => keymap::Keys::pane(&keymap::QUIZ),
            Stage::Scope if self.saved.is_some() => keymap::Keys::panes(&keymap::RESUME, &keymap::SCOPE),
            Stage::Scope => keymap::Keys::pane(&keymap::SCOPE),
            Stage::Asking(answer) if answer.typing() => keymap::Keys::field(),
            Stage::Asking(answer) => keymap::Keys::pane(answer.table()),
            Stage::Answered { .. } => keymap::Keys::pane(&keymap::ANSWERED),
            Stage::Done { .. } => keymap::Keys::pane(&keymap::SUMMARY),
        }
    }

    /// The sitting, while something is left in it to answer (its last item answered, it is
    /// over but for its summary).
    fn under_way(&self) -> Option<&Sitting> {
        let sitting = self.sitting.as_ref()?;
        let last_answered = sitting.index + 1 >= sitting.items.len() && matches!(self.stage, Stage::Answered { .. });
        (!sitting.done() && !last_answered).then_some(sitting)
    }

    /// The sitting under way with something left to answer, as the progress file keeps it:
    /// an order question keeps the student's arrangement so far.
    pub fn keep(&self, pack: &Pack) -> Option<SavedSitting> {
        let sitting = self.under_way()?;
        let mut saved = sitting.save(pack);
        if let Stage::Asking(Answer::Order { order, .. }) = &self.stage {
            saved.shown = order.clone();
        }
        Some(saved)
    }

    /// What changes when the sitting to keep does: its item, its answers, a look-up and an
    /// order being arranged. Cheap, so it can be asked after every key.
    pub fn keep_mark(&self) -> Option<(usize, usize, bool, Vec<usize>)> {
        let sitting = self.under_way()?;
        let order = match &self.stage {
            Stage::Asking(Answer::Order { order, .. }) => order.clone(),
            _ => Vec::new(),
        };
        Some((sitting.index, sitting.answers.len(), sitting.looked(), order))
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

/// The marker before option `n` (from 0) of `count`: its number, and whether it is under
/// the cursor or picked. Every marker of a question has the same width (numbers are padded
/// to the widest).
pub fn marker(answer: &Answer, n: usize, count: usize) -> String {
    let digits = count.max(1).to_string().len();
    let number = format!("{:>digits$}", n + 1);
    match answer {
        Answer::Choice { cursor } => format!("{} {number}) ", if n == *cursor { "▸" } else { " " }),
        Answer::Multi { cursor, picked } => {
            let tick = if picked.contains(&n) { "[x]" } else { "[ ]" };
            format!("{}{tick} {number}) ", if n == *cursor { "▸" } else { " " })
        }
        Answer::Order { cursor, .. } => format!("{} {number}. ", if n == *cursor { "▸" } else { " " }),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_one_question_have_one_width() {
        let answer = Answer::Choice { cursor: 0 };
        let widths: Vec<usize> = (0..12).map(|n| crate::text::wrap::width(&marker(&answer, n, 12))).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
        assert_eq!(marker(&answer, 0, 4), "▸ 1) ");
    }
}
