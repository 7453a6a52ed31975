//! One sitting of quiz or review: the items to ask, how each is presented (choices and
//! order items shuffled), the answers given, and the summary at the end. The terminal
//! app and plain mode both drive this; neither knows how grading or scheduling works.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::deck::{self, Item, Mode};
use super::grade::{self, Response, SelfGrade, Verdict};
use super::schedule::{Card, Outcome, Rating, Scheduler};
use crate::pack::Pack;
use crate::pack::model::Kind;

/// How the current item is shown: display order of choices or order items, as indexes
/// into the pack's lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub order: Vec<usize>,
}

/// One answer given in the sitting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub item: Item,
    pub verdict: Verdict,
}

/// Figures for the end of a sitting.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub right: usize,
    pub almost: usize,
    pub asked: usize,
    pub seconds: i64,
    /// Per kind name ("choice", "card", "term"): right (almost counts as right) and asked.
    pub by_kind: BTreeMap<&'static str, (usize, usize)>,
    /// Items answered wrong, in the order asked.
    pub missed: Vec<Item>,
    pub due_tomorrow: usize,
}

/// A sitting in progress.
pub struct Sitting {
    pub mode: Mode,
    pub items: Vec<Item>,
    /// Index of the item being asked; `items.len()` when done.
    pub index: usize,
    pub shown: Shown,
    pub answers: Vec<Answered>,
    started: Timestamp,
    seed: u64,
    today: Date,
    scheduler: Scheduler,
}

impl Sitting {
    /// Chooses the items for `mode` and starts at the first.
    pub fn start(pack: &Pack, cards: &BTreeMap<String, Card>, mode: Mode, options: &SittingOptions) -> Self {
        let items = deck::select(pack, cards, mode, options.today, options.daily_new, options.seed, options.in_order);
        let mut sitting = Self {
            mode,
            items,
            index: 0,
            shown: Shown::default(),
            answers: Vec::new(),
            started: options.now,
            seed: options.seed,
            today: options.today,
            scheduler: Scheduler::new(),
        };
        sitting.show(pack, options.in_order);
        sitting
    }

    /// The item being asked, if any are left.
    pub fn current(&self) -> Option<Item> {
        self.items.get(self.index).copied()
    }

    /// True when every item has been asked.
    pub fn done(&self) -> bool {
        self.index >= self.items.len()
    }

    /// Decides how the current item is shown: choices shuffled unless the question says
    /// not to, order items always shuffled (and never already in order).
    fn show(&mut self, pack: &Pack, in_order: bool) {
        let seed = self.seed ^ (self.index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.shown = Shown::default();
        let Some(Item::Question(q)) = self.current() else { return };
        match &pack.questions[q].kind {
            Kind::Choice { choices, shuffle, .. } | Kind::Multi { choices, shuffle, .. } => {
                self.shown.order = (0..choices.len()).collect();
                if *shuffle && !in_order {
                    deck::shuffle(&mut self.shown.order, seed);
                }
            }
            Kind::Order { items } => {
                let n = items.len();
                self.shown.order = (0..n).collect();
                deck::shuffle(&mut self.shown.order, seed);
                if self.shown.order.iter().copied().eq(0..n) {
                    // Already right by chance: a rotation keeps it shuffled but not solved.
                    self.shown.order.rotate_left(1);
                }
            }
            _ => {}
        }
    }

    /// Grades `response` to the current item, records it and schedules the card.
    /// Returns the verdict, or `None` when the sitting is over.
    pub fn answer(&mut self, pack: &Pack, cards: &mut BTreeMap<String, Card>, response: &Response) -> Option<Verdict> {
        let item = self.current()?;
        let verdict = match item {
            Item::Question(q) => grade::grade(&pack.questions[q].kind, response),
            Item::Term(t) => match response {
                Response::Card(g) => card_verdict(*g, &pack.terms[t].definition),
                _ => Verdict::Wrong,
            },
        };
        let outcome = outcome(&verdict);
        let rating = match response {
            Response::Card(g) => self_rating(*g),
            _ => outcome.rating(),
        };
        let card = cards.entry(deck::key(pack, item)).or_default();
        self.scheduler.review(card, rating, Some(outcome), self.today);
        self.answers.push(Answered { item, verdict: verdict.clone() });
        Some(verdict)
    }

    /// Moves on to the next item.
    pub fn next(&mut self, pack: &Pack, in_order: bool) {
        if !self.done() {
            self.index += 1;
            self.show(pack, in_order);
        }
    }

    /// The figures so far.
    pub fn summary(&self, pack: &Pack, cards: &BTreeMap<String, Card>, now: Timestamp) -> Summary {
        let mut by_kind: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
        let (mut right, mut almost) = (0, 0);
        let mut missed = Vec::new();
        for a in &self.answers {
            let kind = match a.item {
                Item::Question(q) => pack.questions[q].kind.name(),
                Item::Term(_) => "term",
            };
            let entry = by_kind.entry(kind).or_default();
            entry.1 += 1;
            match a.verdict {
                Verdict::Right => {
                    right += 1;
                    entry.0 += 1;
                }
                Verdict::Almost { .. } => {
                    almost += 1;
                    entry.0 += 1;
                }
                Verdict::Wrong => missed.push(a.item),
            }
        }
        let tomorrow = self.today.tomorrow().unwrap_or(self.today);
        Summary {
            right,
            almost,
            asked: self.answers.len(),
            seconds: now.duration_since(self.started).as_secs(),
            by_kind,
            missed,
            due_tomorrow: deck::due_on(cards, tomorrow),
        }
    }
}

/// What a sitting needs to know of the world.
#[derive(Debug, Clone)]
pub struct SittingOptions {
    pub today: Date,
    pub now: Timestamp,
    pub daily_new: usize,
    pub seed: u64,
    pub in_order: bool,
}

fn outcome(verdict: &Verdict) -> Outcome {
    match verdict {
        Verdict::Right => Outcome::Right,
        Verdict::Almost { .. } => Outcome::Almost,
        Verdict::Wrong => Outcome::Wrong,
    }
}

fn self_rating(grade: SelfGrade) -> Rating {
    match grade {
        SelfGrade::Again => Rating::Again,
        SelfGrade::Hard => Rating::Hard,
        SelfGrade::Good => Rating::Good,
        SelfGrade::Easy => Rating::Easy,
    }
}

fn card_verdict(grade: SelfGrade, back: &str) -> Verdict {
    match grade {
        SelfGrade::Again => Verdict::Wrong,
        SelfGrade::Hard => Verdict::Almost { expected: back.to_string() },
        SelfGrade::Good | SelfGrade::Easy => Verdict::Right,
    }
}
