//! One sitting of quiz or review: the items to ask, how each is presented (choices and
//! order items shuffled), the answers given, and the summary at the end. The terminal
//! app and plain mode both drive this; neither knows how grading or scheduling works.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;

use super::answer::right_answer;
use super::deck::{self, Item, Mode, Scope};
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
    /// The student looked at the passage before answering.
    pub looked: bool,
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
    /// Items answered after looking at the passage (rated Hard at most).
    pub looked_up: usize,
}

impl Summary {
    /// The score: answers right, with almost-right ones counted as right.
    pub fn score(&self) -> usize {
        self.right + self.almost
    }
}

/// A sitting in progress.
pub struct Sitting {
    pub mode: Mode,
    pub items: Vec<Item>,
    /// Index of the item being asked; `items.len()` when done.
    pub index: usize,
    pub shown: Shown,
    pub answers: Vec<Answered>,
    /// The part of the article the items were chosen from.
    pub scope: Scope,
    /// Per item: the passage was looked at before answering.
    looked: Vec<bool>,
    started: Timestamp,
    seed: u64,
    today: Date,
    scheduler: Scheduler,
}

impl Sitting {
    /// Chooses the items for `mode` and starts at the first.
    pub fn start(pack: &Pack, cards: &BTreeMap<String, Card>, mode: Mode, options: &SittingOptions) -> Self {
        let items = deck::select(pack, cards, mode, options);
        let mut sitting = Self {
            mode,
            looked: vec![false; items.len()],
            items,
            index: 0,
            shown: Shown::default(),
            answers: Vec::new(),
            scope: options.scope,
            started: options.now,
            seed: options.seed,
            today: options.today,
            scheduler: Scheduler::new(),
        };
        sitting.show(pack, options.in_order);
        sitting
    }

    /// The sitting as the progress file keeps it, to [`Sitting::resume`] later.
    pub fn save(&self, pack: &Pack) -> SavedSitting {
        SavedSitting {
            mode: self.mode,
            items: self.items.iter().map(|&item| deck::key(pack, item)).collect(),
            index: self.index,
            answers: self.answers.iter().map(|a| (deck::key(pack, a.item), outcome(&a.verdict))).collect(),
            shown: self.shown.order.clone(),
            seed: self.seed,
            started: self.started,
            scope: self.scope,
            looked: self.looked.iter().enumerate().filter(|&(_, &looked)| looked).map(|(i, _)| i).collect(),
        }
    }

    /// Takes up a saved sitting where it was left: at the item being asked, or the one after
    /// it when that was answered. Cards are scheduled on `options.today`; the choices are
    /// shown as they were. `None` when the pack no longer has one of its items (or
    /// `glossary_cards` was turned off), when the save does not hold together, or when
    /// nothing is left to ask.
    pub fn resume(pack: &Pack, saved: &SavedSitting, options: &SittingOptions) -> Option<Sitting> {
        let by_key: HashMap<String, Item> =
            deck::items(pack).into_iter().map(|item| (deck::key(pack, item), item)).collect();
        let items: Vec<Item> = saved.items.iter().map(|key| by_key.get(key).copied()).collect::<Option<_>>()?;
        let mut looked = vec![false; items.len()];
        for &place in &saved.looked {
            *looked.get_mut(place)? = true;
        }
        let answers = saved
            .answers
            .iter()
            .map(|(key, outcome)| {
                let item = *by_key.get(key)?;
                let place = items.iter().position(|&i| i == item)?;
                let verdict = match outcome {
                    Outcome::Right => Verdict::Right,
                    Outcome::Almost => Verdict::Almost { expected: right_answer(pack, item) },
                    Outcome::Wrong => Verdict::Wrong,
                };
                Some(Answered { item, verdict, looked: looked[place] })
            })
            .collect::<Option<Vec<_>>>()?;
        let mut sitting = Sitting {
            mode: saved.mode,
            items,
            index: saved.index,
            shown: Shown::default(),
            answers,
            scope: saved.scope,
            looked,
            started: saved.started,
            seed: saved.seed,
            today: options.today,
            scheduler: Scheduler::new(),
        };
        if sitting.answers.iter().any(|a| Some(a.item) == sitting.current()) {
            sitting.index += 1;
        }
        if sitting.done() {
            return None;
        }
        sitting.show(pack, options.in_order);
        // The order shown before, if it still fits: the student may have begun arranging it.
        let mut order = saved.shown.clone();
        order.sort_unstable();
        if sitting.index == saved.index && order.iter().copied().eq(0..sitting.shown.order.len()) {
            sitting.shown.order = saved.shown.clone();
        }
        Some(sitting)
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

    /// Records that the student looked at the passage before answering the current item.
    /// A look after the answer changes nothing.
    pub fn look(&mut self) {
        let answered = self.answers.last().is_some_and(|a| Some(a.item) == self.current());
        if let Some(looked) = self.looked.get_mut(self.index)
            && !answered
        {
            *looked = true;
        }
    }

    /// True when the student looked at the passage before answering the current item.
    pub fn looked(&self) -> bool {
        self.looked.get(self.index).copied().unwrap_or(false)
    }

    /// Grades `response` to the current item, records it and schedules the card. After a
    /// look at the passage the card is rated Hard at most (a wrong answer is still Again):
    /// an answer read off the page says little of what is remembered. The verdict is the
    /// same either way. Returns the verdict, or `None` when the sitting is over.
    pub fn answer(&mut self, pack: &Pack, cards: &mut BTreeMap<String, Card>, response: &Response) -> Option<Verdict> {
        let item = self.current()?;
        let looked = self.looked();
        let verdict = match item {
            Item::Question(q) => grade::grade(&pack.questions[q].kind, response),
            Item::Term(t) => match response {
                Response::Card(g) => card_verdict(*g, &pack.terms[t].definition),
                _ => Verdict::Wrong,
            },
        };
        let outcome = outcome(&verdict);
        let mut rating = match response {
            Response::Card(g) => self_rating(*g),
            _ => outcome.rating(),
        };
        if looked {
            rating = rating.min(Rating::Hard);
        }
        let card = cards.entry(deck::key(pack, item)).or_default();
        self.scheduler.review(card, rating, Some(outcome), self.today);
        card.given = super::answer::response_text(pack, item, response);
        self.answers.push(Answered { item, verdict: verdict.clone(), looked });
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
            looked_up: self.answers.iter().filter(|a| a.looked).count(),
        }
    }
}

/// A sitting as the progress file keeps it: enough to take it up again where it was left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSitting {
    /// What the sitting asks: every question, what is due, or what was missed.
    pub mode: Mode,
    /// The items to ask, by their card keys ([`deck::key`]), in order.
    pub items: Vec<String>,
    /// The item being asked.
    pub index: usize,
    /// Each answer given so far: the item's key and how it went.
    pub answers: Vec<(String, Outcome)>,
    /// How the current item's choices or order items are shown (see [`Shown`]).
    pub shown: Vec<usize>,
    /// The seed that shuffles how each item is shown.
    pub seed: u64,
    /// When the sitting began; a resumed sitting's time counts from here.
    pub started: Timestamp,
    /// The part of the article the items were chosen from.
    pub scope: Scope,
    /// The places in `items` of the items looked up before they were answered.
    pub looked: Vec<usize>,
}

/// What a sitting needs to know of the world.
#[derive(Debug, Clone)]
pub struct SittingOptions {
    pub today: Date,
    pub now: Timestamp,
    pub daily_new: usize,
    pub seed: u64,
    /// Ask in reading order and show choices in the pack's order, rather than shuffled.
    pub in_order: bool,
    /// The part of the article the sitting covers.
    pub scope: Scope,
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

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::study::schedule::Review;
    use crate::study::testing::{pack, question, term};
    use crate::text::article::Article;

    fn options() -> SittingOptions {
        SittingOptions {
            today: date(2026, 12, 1),
            now: "2026-12-01T09:00:00Z".parse().unwrap(),
            daily_new: 20,
            seed: 1,
            in_order: true,
            scope: Scope::All,
        }
    }

    /// Three text questions answered `q0`, `q1`, `q2`, and a card.
    fn texts() -> Pack {
        let text = |answer: &str| Kind::Text { answer: answer.to_string(), accept: Vec::new() };
        let mut questions: Vec<_> =
            (0..3).map(|i| question(&format!("q{i}"), "?", text(&format!("answer{i}")))).collect();
        questions.push(question("c", "?", Kind::Card { back: "back".into() }));
        pack(Article::default(), questions, vec![term("t")])
    }

    fn typed(s: &str) -> Response {
        Response::Text(s.to_string())
    }

    /// The `texts` pack, and a sitting of `mode` over it with q0 answered right.
    fn one_answered(mode: Mode) -> (Pack, BTreeMap<String, Card>, Sitting) {
        let p = texts();
        let mut cards = BTreeMap::new();
        let mut sitting = Sitting::start(&p, &cards, mode, &options());
        sitting.answer(&p, &mut cards, &typed("answer0"));
        (p, cards, sitting)
    }

    fn last_rating(cards: &BTreeMap<String, Card>, key: &str) -> Rating {
        cards[key].log.last().unwrap().rating
    }

    #[test]
    fn each_card_keeps_what_was_given_last() {
        let p = texts();
        let mut cards = BTreeMap::new();
        let mut sitting = Sitting::start(&p, &cards, Mode::Quiz, &options());
        sitting.answer(&p, &mut cards, &typed("  first try "));
        assert_eq!(cards["q0"].given.as_deref(), Some("first try"));
        sitting.next(&p, true);
        sitting.answer(&p, &mut cards, &typed(""));
        assert_eq!(cards["q1"].given, None, "an empty answer gives nothing");
        sitting.next(&p, true);
        sitting.next(&p, true);
        // A self-graded card has no answer to keep.
        assert_eq!(sitting.current(), Some(Item::Question(3)));
        sitting.answer(&p, &mut cards, &Response::Card(SelfGrade::Good));
        assert_eq!(cards["c"].given, None);
        // A later answer replaces the one before.
        let mut again = Sitting::start(&p, &cards, Mode::Quiz, &options());
        again.answer(&p, &mut cards, &typed("answer0"));
        assert_eq!(cards["q0"].given.as_deref(), Some("answer0"));
    }

    #[test]
    fn a_look_at_the_passage_rates_hard_at_most() {
        let p = texts();
        let mut cards = BTreeMap::new();
        let mut sitting = Sitting::start(&p, &cards, Mode::Review, &options());
        assert_eq!(sitting.items.len(), 5);
        // Right after a look: the verdict is Right, the rating Hard.
        assert!(!sitting.looked());
        sitting.look();
        assert!(sitting.looked());
        assert_eq!(sitting.answer(&p, &mut cards, &typed("answer0")), Some(Verdict::Right));
        assert_eq!((last_rating(&cards, "q0"), cards["q0"].last), (Rating::Hard, Some(Outcome::Right)));
        sitting.next(&p, true);
        assert!(!sitting.looked(), "a look is for one item");
        // Almost after a look stays Hard; wrong after a look stays Again.
        sitting.look();
        assert!(matches!(sitting.answer(&p, &mut cards, &typed("answr1")), Some(Verdict::Almost { .. })));
        assert_eq!(last_rating(&cards, "q1"), Rating::Hard);
        sitting.next(&p, true);
        sitting.look();
        assert_eq!(sitting.answer(&p, &mut cards, &typed("nothing")), Some(Verdict::Wrong));
        assert_eq!(last_rating(&cards, "q2"), Rating::Again);
        sitting.next(&p, true);
        // A card graded Easy after a look is Hard; a term graded Good without one is Good.
        sitting.look();
        assert_eq!(sitting.answer(&p, &mut cards, &Response::Card(SelfGrade::Easy)), Some(Verdict::Right));
        assert_eq!(last_rating(&cards, "c"), Rating::Hard);
        sitting.next(&p, true);
        assert_eq!(sitting.answer(&p, &mut cards, &Response::Card(SelfGrade::Good)), Some(Verdict::Right));
        assert_eq!(last_rating(&cards, "term:t"), Rating::Good);
        let summary = sitting.summary(&p, &cards, options().now);
        assert_eq!(summary.looked_up, 4);
        assert_eq!((summary.right, summary.almost, summary.asked), (3, 1, 5));
    }

    #[test]
    fn a_look_after_answering_changes_nothing() {
        let (p, cards, mut sitting) = one_answered(Mode::Quiz);
        sitting.look();
        assert!(!sitting.looked());
        assert_eq!(last_rating(&cards, "q0"), Rating::Good);
        assert_eq!(sitting.summary(&p, &cards, options().now).looked_up, 0);
        sitting.next(&p, true);
        sitting.next(&p, true);
        sitting.next(&p, true);
        sitting.next(&p, true);
        assert!(sitting.done());
        sitting.look();
        assert!(!sitting.looked());
    }

    #[test]
    fn a_saved_sitting_resumes_where_it_was_left() {
        let p = texts();
        let mut cards = BTreeMap::new();
        let mut sitting = Sitting::start(&p, &cards, Mode::Review, &options());
        sitting.look();
        sitting.answer(&p, &mut cards, &typed("answr0"));
        sitting.next(&p, true);
        sitting.look();
        let saved = sitting.save(&p);
        assert_eq!(saved.items, ["q0", "q1", "q2", "c", "term:t"]);
        assert_eq!((saved.index, saved.looked.clone()), (1, vec![0, 1]));
        assert_eq!(saved.answers, [("q0".to_string(), Outcome::Almost)]);
        assert_eq!((saved.seed, saved.started, saved.mode), (1, options().now, Mode::Review));

        // The next day: the same place, the look kept, the answer so far counted.
        let next_day = SittingOptions { today: date(2026, 12, 2), ..options() };
        let mut resumed = Sitting::resume(&p, &saved, &next_day).unwrap();
        assert_eq!((resumed.index, resumed.current()), (1, Some(Item::Question(1))));
        assert!(resumed.looked());
        assert_eq!(resumed.answers, sitting.answers);
        assert_eq!(resumed.save(&p), saved);
        resumed.answer(&p, &mut cards, &typed("answer1"));
        assert_eq!(cards["q1"].log[0], Review { date: date(2026, 12, 2), rating: Rating::Hard, interval: 1 });
        let summary = resumed.summary(&p, &cards, options().now);
        assert_eq!((summary.almost, summary.right, summary.looked_up), (1, 1, 2));

        // Saved just after an answer: it goes on with the next item.
        let answered = resumed.save(&p);
        assert_eq!(answered.index, 1);
        let after = Sitting::resume(&p, &answered, &options()).unwrap();
        assert_eq!((after.index, after.looked()), (2, false));
    }

    #[test]
    fn a_sitting_that_no_longer_fits_the_pack_is_not_resumed() {
        let (p, _, sitting) = one_answered(Mode::Review);
        let saved = sitting.save(&p);
        assert!(Sitting::resume(&p, &saved, &options()).is_some());
        // A question removed, glossary cards turned off, a look past the end.
        let mut fewer = texts();
        fewer.questions.remove(2);
        assert!(Sitting::resume(&fewer, &saved, &options()).is_none());
        let mut no_terms = texts();
        no_terms.glossary_cards = false;
        assert!(Sitting::resume(&no_terms, &saved, &options()).is_none());
        let broken = SavedSitting { looked: vec![5], ..saved.clone() };
        assert!(Sitting::resume(&p, &broken, &options()).is_none());
        let stray = SavedSitting { answers: vec![("q9".into(), Outcome::Right)], ..saved.clone() };
        assert!(Sitting::resume(&p, &stray, &options()).is_none());
        // Nothing left to ask.
        let done = SavedSitting { index: 4, answers: vec![("term:t".into(), Outcome::Right)], ..saved.clone() };
        assert!(Sitting::resume(&p, &done, &options()).is_none());
        assert!(Sitting::resume(&p, &SavedSitting { index: 5, ..saved }, &options()).is_none());
    }

    #[test]
    fn a_resumed_sitting_shows_the_choices_as_before() {
        let choices = (0..4).map(|i| format!("choice {i}")).collect();
        let kind = Kind::Choice { choices, answer: 0, shuffle: true };
        let p = pack(Article::default(), vec![question("q", "?", kind)], Vec::new());
        let shuffled = SittingOptions { in_order: false, seed: 9, ..options() };
        let sitting = Sitting::start(&p, &BTreeMap::new(), Mode::Quiz, &shuffled);
        let saved = sitting.save(&p);
        assert_eq!(saved.shown, sitting.shown.order);
        assert_ne!(saved.shown, [3, 1, 0, 2]);
        let mut mine = SavedSitting { shown: vec![3, 1, 0, 2], ..saved.clone() };
        assert_eq!(Sitting::resume(&p, &mine, &shuffled).unwrap().shown.order, [3, 1, 0, 2]);
        // An order that no longer fits the question is shown afresh.
        mine.shown = vec![0, 1, 2];
        assert_eq!(Sitting::resume(&p, &mine, &shuffled).unwrap().shown, sitting.shown);
        mine.shown = vec![0, 0, 1, 2];
        assert_eq!(Sitting::resume(&p, &mine, &shuffled).unwrap().shown, sitting.shown);
    }
}
