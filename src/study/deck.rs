//! The deck: which questions and glossary terms are cards, the keys their progress is saved
//! under, where in the article each is met, and which of them a session asks, in what order.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;

use super::schedule::{Card, Outcome, Rating};
use super::session::SittingOptions;
use crate::pack::Pack;

/// What a card asks: a quiz question, or a glossary term (front: the term; back: its definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// An index into the pack's questions.
    Question(usize),
    /// An index into the pack's terms.
    Term(usize),
}

/// The key progress is saved under: the question's id, or "term:" and the term.
///
/// # Panics
/// If the item's index is not in the pack.
pub fn key(pack: &Pack, item: Item) -> String {
    match item {
        Item::Question(i) => pack.questions[i].id.clone(),
        Item::Term(i) => format!("{TERM}{}", pack.terms[i].term),
    }
}

/// What a glossary term's card key starts with, before the term.
const TERM: &str = "term:";

/// True when `item` is graded by the student (a card question, or a glossary term).
pub fn is_card(pack: &Pack, item: Item) -> bool {
    match item {
        Item::Term(_) => true,
        Item::Question(q) => matches!(pack.questions[q].kind, crate::pack::model::Kind::Card { .. }),
    }
}

/// Every item of the pack that is studied: each question, then each term unless the pack
/// sets `glossary_cards = false`; drafts are left out.
pub fn items(pack: &Pack) -> Vec<Item> {
    studied(pack).collect()
}

/// The items of [`items`], one at a time.
fn studied(pack: &Pack) -> impl Iterator<Item = Item> + '_ {
    let terms = if pack.glossary_cards { pack.terms.len() } else { 0 };
    questions(pack).chain((0..terms).filter(|&t| !pack.terms[t].draft).map(Item::Term))
}

/// The questions that are asked: every one but the drafts.
fn questions(pack: &Pack) -> impl Iterator<Item = Item> + '_ {
    (0..pack.questions.len()).filter(|&q| !pack.questions[q].draft).map(Item::Question)
}

/// Each item with its card, if it has one, in pack order.
fn with_cards<'a>(pack: &'a Pack, cards: &'a BTreeMap<String, Card>) -> impl Iterator<Item = (Item, Option<&'a Card>)> {
    // A term's key is written into one buffer rather than made anew for each of a book's
    // thousands of items; with no cards yet, nothing is looked up.
    let mut term = String::new();
    let mut card = move |item| match item {
        _ if cards.is_empty() => None,
        Item::Question(q) => cards.get(pack.questions[q].id.as_str()),
        Item::Term(t) => {
            term.clear();
            term.push_str(TERM);
            term.push_str(&pack.terms[t].term);
            cards.get(term.as_str())
        }
    };
    studied(pack).map(move |item| (item, card(item)))
}

/// Which questions a session asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every question.
    Quiz,
    /// Due cards, then new ones.
    Review,
    /// What was last answered wrong.
    Missed,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 3] = [Mode::Quiz, Mode::Review, Mode::Missed];

    /// The name written in the progress file, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Quiz => "quiz",
            Mode::Review => "review",
            Mode::Missed => "missed",
        }
    }

    /// The mode a progress file names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// The figures for the quiz pane's header, as `due 7 · new 12 · seen 30 · known 21 of 64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Reviewed items due today or earlier.
    pub due: usize,
    /// Never-reviewed items, capped by what is left of today's new limit.
    pub new: usize,
    /// Items asked at least once: they have a schedule.
    pub seen: usize,
    /// Items in review: asked at least once and last answered right (see [`is_known`]).
    pub known: usize,
    /// Every item.
    pub total: usize,
}

/// True when a card is in review rather than being learned: it has a schedule and its last
/// answer was right (a Good or Easy grade of a card). An almost-right answer or a Hard grade
/// is still being learned, and a wrong one is relearned, so neither counts.
pub fn is_known(card: &Card) -> bool {
    !card.is_new() && card.last == Some(Outcome::Right)
}

/// The counts for the pack's items; cards whose key names no item are ignored.
pub fn counts(pack: &Pack, cards: &BTreeMap<String, Card>, today: Date, daily_new: usize) -> Counts {
    let mut counts = Counts::default();
    let (mut unseen, mut started) = (0, 0);
    for (_, card) in with_cards(pack, cards) {
        counts.total += 1;
        match card {
            Some(card) if !card.is_new() => {
                counts.seen += 1;
                counts.known += usize::from(is_known(card));
                counts.due += usize::from(card.is_due(today));
            }
            _ => unseen += 1,
        }
        started += usize::from(started_on(card, today));
    }
    counts.new = unseen.min(new_left(started, daily_new));
    counts
}

/// How many new items may still be started today, `started` having been started already.
fn new_left(started: usize, daily_new: usize) -> usize {
    daily_new.saturating_sub(started)
}

/// Whether `card`'s first review (in the log) was on `today`: a new item started that day,
/// which counts against the daily limit.
fn started_on(card: Option<&Card>, today: Date) -> bool {
    card.is_some_and(|c| c.first_review() == Some(today))
}

/// Which part of the article a sitting covers. The number is an article block index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The whole pack, items tied to no place included.
    #[default]
    All,
    /// Items met up to and including this block: the last one read.
    ReadSoFar(usize),
    /// Items met in this block: the paragraph being read.
    Paragraph(usize),
}

impl Scope {
    /// Whether an item met in `block` belongs; an item met nowhere belongs to `All` only.
    pub fn covers(self, block: Option<usize>) -> bool {
        match (self, block) {
            (Scope::All, _) => true,
            (Scope::ReadSoFar(last), Some(block)) => block <= last,
            (Scope::Paragraph(paragraph), Some(block)) => block == paragraph,
            (_, None) => false,
        }
    }
}

/// Where the student meets each item in the article: a question at its passage, a term where
/// it first appears. Terms are looked for only when one is asked about, and then once.
struct Places<'a> {
    pack: &'a Pack,
    terms: OnceCell<Vec<Option<(usize, usize)>>>,
}

impl<'a> Places<'a> {
    fn new(pack: &'a Pack) -> Self {
        Self { pack, terms: OnceCell::new() }
    }

    /// The block where `item` is met and the byte offset in it, if it is met anywhere.
    fn of(&self, item: Item) -> Option<(usize, usize)> {
        match item {
            Item::Question(q) => {
                let anchor = self.pack.questions[q].reference.as_ref()?.anchor.as_ref()?;
                Some((anchor.block, anchor.range.start))
            }
            Item::Term(t) => self.terms.get_or_init(|| first_appearances(self.pack))[t],
        }
    }

    /// The key that sorts items into reading order: by block; in a block, terms (where they
    /// first appear) before questions (in pack order); items met nowhere last, in pack order.
    fn reading_key(&self, item: Item) -> (bool, usize, bool, usize, Item) {
        match (self.of(item), item) {
            (Some((block, at)), Item::Term(_)) => (false, block, false, at, item),
            (Some((block, _)), Item::Question(_)) => (false, block, true, 0, item),
            (None, _) => (true, 0, false, 0, item),
        }
    }
}

/// The block and byte offset where each of the pack's terms (by any of its names) first
/// appears in the article, or `None` where it never does.
pub fn first_appearances(pack: &Pack) -> Vec<Option<(usize, usize)>> {
    let index = pack.term_index();
    let mut first = vec![None; pack.terms.len()];
    let mut left = pack.terms.len();
    for (block, text) in pack.article.blocks.iter().map(|b| &b.text).enumerate() {
        if left == 0 {
            break;
        }
        for mark in index.find(text) {
            if first[mark.term].is_none() {
                first[mark.term] = Some((block, mark.range.start));
                left -= 1;
            }
        }
    }
    first
}

/// The items for a session, in the order to ask them, among those in `options.scope` (see
/// [`Scope`]; a question is met at its passage, a term where it first appears).
///
/// - Quiz: every question (no terms), in reading order when `in_order`, else shuffled with `seed`.
/// - Review: due items, most overdue first (pack order among equals), then never-reviewed
///   items in reading order up to what is left of today's new limit: a paragraph's terms come
///   before its questions, so glossary cards arrive as the text brings them in.
/// - Missed: items whose last outcome is Wrong, in reading order when `in_order`, else shuffled.
///
/// Reading order is by the block where an item is met; in a block, terms in order of first
/// appearance, then questions in pack order; items met nowhere come last, in pack order.
/// Cards whose key names no item are ignored.
pub fn select(pack: &Pack, cards: &BTreeMap<String, Card>, mode: Mode, options: &SittingOptions) -> Vec<Item> {
    let places = Places::new(pack);
    let scope = options.scope;
    let in_scope = |item: &Item| scope == Scope::All || scope.covers(places.of(*item).map(|(block, _)| block));
    let mut chosen: Vec<Item> = match mode {
        Mode::Quiz => questions(pack).filter(in_scope).collect(),
        Mode::Review => {
            let all: Vec<_> = with_cards(pack, cards).collect();
            let today = options.today;
            let mut due: Vec<(Date, Item)> = all
                .iter()
                .filter(|(item, _)| in_scope(item))
                .filter_map(|&(item, card)| card?.memory.filter(|m| m.due <= today).map(|m| (m.due, item)))
                .collect();
            // Stable: equally overdue items stay in pack order.
            due.sort_by_key(|&(date, _)| date);
            let mut fresh: Vec<Item> = all
                .iter()
                .filter(|(item, card)| card.is_none_or(Card::is_new) && in_scope(item))
                .map(|&(item, _)| item)
                .collect();
            fresh.sort_by_cached_key(|&item| places.reading_key(item));
            let started = all.iter().filter(|&&(_, card)| started_on(card, today)).count();
            fresh.truncate(new_left(started, options.daily_new));
            return due.into_iter().map(|(_, item)| item).chain(fresh).collect();
        }
        Mode::Missed => with_cards(pack, cards)
            .filter(|(item, card)| card.is_some_and(|c| c.last == Some(Outcome::Wrong)) && in_scope(item))
            .map(|(item, _)| item)
            .collect(),
    };
    if options.in_order {
        chosen.sort_by_cached_key(|&item| places.reading_key(item));
    } else {
        shuffle(&mut chosen, options.seed);
    }
    chosen
}

/// Drops the cards whose key names no question or term of the pack, as when a question was
/// removed. Cards of glossary terms are kept while the term exists, even when the pack sets
/// `glossary_cards = false`, so turning that back on finds them again.
pub fn prune(pack: &Pack, cards: &mut BTreeMap<String, Card>) {
    if cards.is_empty() {
        return;
    }
    // The names borrowed, not each key made: a book has thousands of questions and terms.
    let questions: HashSet<&str> = pack.questions.iter().map(|q| q.id.as_str()).collect();
    let terms: HashSet<&str> = pack.terms.iter().map(|t| t.term.as_str()).collect();
    cards.retain(|key, _| {
        questions.contains(key.as_str()) || key.strip_prefix(TERM).is_some_and(|term| terms.contains(term))
    });
}

/// Reviews per day over the last `days` days ending `today` (oldest first), and retention:
/// the share of those reviews that were not Again (`None` if there were none).
pub fn history(cards: &BTreeMap<String, Card>, today: Date, days: usize) -> (Vec<u64>, Option<f64>) {
    let mut per_day = vec![0u64; days];
    let (mut reviews, mut recalled) = (0u64, 0u64);
    for review in cards.values().flat_map(|card| &card.log) {
        // Reviews dated after today (the clock went back) are outside the window.
        let Ok(ago) = usize::try_from((today - review.date).get_days()) else { continue };
        if ago >= days {
            continue;
        }
        per_day[days - 1 - ago] += 1;
        reviews += 1;
        recalled += u64::from(review.rating != Rating::Again);
    }
    let retention = (reviews > 0).then(|| recalled as f64 / reviews as f64);
    (per_day, retention)
}

/// The cards due on or before `day`: pass tomorrow for "due tomorrow: 5".
pub fn due_on(cards: &BTreeMap<String, Card>, day: Date) -> usize {
    cards.values().filter(|card| card.is_due(day)).count()
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// 2014): a counter stepped by the golden ratio and passed through a mixing function. Tiny,
/// fast, and every seed (0 too) gives a good stream, which is all a shuffle needs.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next number of the stream.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0), by multiplying and keeping the high word (Lemire); the bias
    /// is at most n / 2^64, nothing for a deck.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Shuffles `items` in place with Fisher–Yates driven by SplitMix64 from `seed`: the same
/// seed always gives the same order, on every platform and version.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    SplitMix64(seed).shuffle(items);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use jiff::Span;
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;
    use crate::pack::model::{Kind, Question};
    use crate::study::schedule::{Memory, Review, Scheduler};
    use crate::study::testing;
    use crate::text::article::Article;

    fn question(id: &str, prompt: &str) -> Question {
        testing::question(id, prompt, Kind::TrueFalse { answer: true })
    }

    /// A pack with questions q0.. and terms t0..
    fn pack(questions: usize, terms: usize) -> Pack {
        testing::pack(
            Article::default(),
            (0..questions).map(|i| question(&format!("q{i}"), &format!("Question {i}?"))).collect(),
            (0..terms).map(|i| testing::term(&format!("t{i}"))).collect(),
        )
    }

    /// The items `select` gives over the whole pack.
    fn pick(
        p: &Pack,
        cards: &BTreeMap<String, Card>,
        mode: Mode,
        today: Date,
        daily_new: usize,
        seed: u64,
        in_order: bool,
    ) -> Vec<Item> {
        let now = jiff::Timestamp::UNIX_EPOCH;
        select(p, cards, mode, &SittingOptions { today, now, daily_new, seed, in_order, scope: Scope::All })
    }

    const TODAY: Date = date(2026, 12, 10);

    fn days(n: i64) -> Date {
        TODAY.checked_add(Span::new().days(n)).unwrap()
    }

    /// A card reviewed first on `first`, last on `first`, due on `due`.
    fn card(first: Date, due: Date) -> Card {
        let memory = Memory { stability: 3.0, difficulty: 5.0, due, last_review: first, reps: 1, lapses: 0 };
        let log = vec![Review { date: first, rating: Rating::Good, interval: 1 }];
        Card { memory: Some(memory), log, last: Some(Outcome::Right), given: None }
    }

    fn cards(entries: &[(&str, Card)]) -> BTreeMap<String, Card> {
        entries.iter().map(|(k, c)| (k.to_string(), c.clone())).collect()
    }

    #[test]
    fn mode_names_round_trip() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
        assert_eq!(Mode::ALL.map(Mode::name), ["quiz", "review", "missed"]);
        assert_eq!(Mode::from_name("Quiz"), None);
    }

    #[test]
    fn keys_and_items() {
        let mut p = pack(2, 2);
        assert_eq!(items(&p), [Item::Question(0), Item::Question(1), Item::Term(0), Item::Term(1)]);
        assert_eq!(key(&p, Item::Question(1)), "q1");
        assert_eq!(key(&p, Item::Term(0)), "term:t0");
        p.glossary_cards = false;
        assert_eq!(items(&p), [Item::Question(0), Item::Question(1)]);
    }

    #[test]
    fn counts_due_new_seen_and_known() {
        let p = pack(4, 2);
        let saved = cards(&[
            ("q0", card(days(-5), days(-1))),
            ("q1", card(days(-3), TODAY)),
            ("q2", Card { last: Some(Outcome::Almost), ..card(days(-3), days(1)) }),
            // A removed question's card counts for nothing.
            ("gone", card(days(-3), days(-2))),
        ]);
        assert_eq!(counts(&p, &saved, TODAY, 20), Counts { due: 2, new: 3, seen: 3, known: 2, total: 6 });
        // The new count is capped by the daily limit.
        assert_eq!(counts(&p, &saved, TODAY, 2).new, 2);
        assert_eq!(counts(&p, &saved, TODAY, 0).new, 0);
        // Tomorrow q2 is due too.
        assert_eq!(counts(&p, &saved, days(1), 20).due, 3);
        assert_eq!(counts(&p, &BTreeMap::new(), TODAY, 20), Counts { due: 0, new: 6, seen: 0, known: 0, total: 6 });
    }

    #[test]
    fn only_a_right_answer_makes_a_card_known() {
        let p = pack(1, 0);
        let scheduler = Scheduler::new();
        let mut saved = BTreeMap::new();
        // A fresh card answered wrong has been seen, and is not known.
        scheduler.review(saved.entry("q0".to_string()).or_default(), Rating::Again, Some(Outcome::Wrong), TODAY);
        let c = counts(&p, &saved, TODAY, 20);
        assert_eq!((c.seen, c.known), (1, 0));
        // Almost right is still being learned.
        scheduler.review(saved.get_mut("q0").unwrap(), Rating::Hard, Some(Outcome::Almost), days(1));
        assert_eq!(counts(&p, &saved, days(1), 20).known, 0);
        scheduler.review(saved.get_mut("q0").unwrap(), Rating::Good, Some(Outcome::Right), days(2));
        assert_eq!(counts(&p, &saved, days(2), 20).known, 1);
        // A lapse takes it out of review again.
        scheduler.review(saved.get_mut("q0").unwrap(), Rating::Again, Some(Outcome::Wrong), days(9));
        let c = counts(&p, &saved, days(9), 20);
        assert_eq!((c.seen, c.known), (1, 0));
        // An outcome with no schedule is not known either.
        assert!(!is_known(&Card { last: Some(Outcome::Right), ..Card::default() }));
    }

    #[test]
    fn new_items_started_today_use_up_the_daily_limit() {
        let p = pack(6, 0);
        let saved = cards(&[
            // First reviewed today: counts against today's limit.
            ("q0", card(TODAY, days(1))),
            ("q1", card(TODAY, days(2))),
            // First reviewed earlier, reviewed again today: does not.
            ("q2", {
                let mut c = card(days(-4), days(3));
                c.log.push(Review { date: TODAY, rating: Rating::Good, interval: 3 });
                c
            }),
            // A removed question first reviewed today does not either.
            ("gone", card(TODAY, days(1))),
        ]);
        let c = counts(&p, &saved, TODAY, 5);
        assert_eq!((c.new, c.seen), (3, 3));
        let review = pick(&p, &saved, Mode::Review, TODAY, 5, 1, false);
        assert_eq!(review, [Item::Question(3), Item::Question(4), Item::Question(5)]);
        assert_eq!(pick(&p, &saved, Mode::Review, TODAY, 3, 1, false), [Item::Question(3)]);
        assert!(pick(&p, &saved, Mode::Review, TODAY, 2, 1, false).is_empty());
        assert_eq!(counts(&p, &saved, TODAY, 2).new, 0);
        // The next day the limit is fresh.
        assert_eq!(counts(&p, &saved, days(1), 2).new, 2);
    }

    #[test]
    fn review_asks_the_most_overdue_first_then_new_in_pack_order() {
        let p = pack(5, 3);
        let mut saved = cards(&[
            ("q1", card(days(-9), days(-1))),
            ("q3", card(days(-9), days(-6))),
            ("term:t1", card(days(-9), days(-6))),
            ("q4", card(days(-9), days(-3))),
            ("q0", card(days(-9), days(2))),
            ("gone", card(days(-9), days(-8))),
        ]);
        // A card with only an outcome (never scheduled) is still new.
        saved.insert("q2".to_string(), Card { last: Some(Outcome::Wrong), ..Card::default() });
        let due = [Item::Question(3), Item::Term(1), Item::Question(4), Item::Question(1)];
        let new = [Item::Question(2), Item::Term(0), Item::Term(2)];
        let all: Vec<Item> = due.iter().chain(&new).copied().collect();
        // Neither the seed nor in_order changes a review's order.
        assert_eq!(pick(&p, &saved, Mode::Review, TODAY, 10, 1, false), all);
        assert_eq!(pick(&p, &saved, Mode::Review, TODAY, 10, 2, true), all);
        assert_eq!(pick(&p, &saved, Mode::Review, TODAY, 2, 1, false), all[..6]);
        assert_eq!(pick(&p, &saved, Mode::Review, TODAY, 0, 1, false), due);
    }

    #[test]
    fn glossary_cards_false_leaves_terms_out() {
        let mut p = pack(2, 3);
        p.glossary_cards = false;
        let mut saved = cards(&[("term:t0", card(days(-3), days(-1))), ("q0", card(days(-3), days(-1)))]);
        saved.get_mut("term:t0").unwrap().last = Some(Outcome::Wrong);
        saved.get_mut("q0").unwrap().last = Some(Outcome::Wrong);
        assert_eq!(counts(&p, &saved, TODAY, 20), Counts { due: 1, new: 1, seen: 1, known: 0, total: 2 });
        assert_eq!(pick(&p, &saved, Mode::Review, TODAY, 20, 0, true), [Item::Question(0), Item::Question(1)]);
        assert_eq!(pick(&p, &saved, Mode::Missed, TODAY, 20, 0, true), [Item::Question(0)]);
        // The term's card is kept for when glossary cards are turned back on.
        prune(&p, &mut saved);
        assert!(saved.contains_key("term:t0"));
    }

    #[test]
    fn quiz_asks_every_question_and_no_terms() {
        let p = pack(30, 5);
        let in_order = pick(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 7, true);
        assert_eq!(in_order, (0..30).map(Item::Question).collect::<Vec<_>>());
        let shuffled = pick(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 7, false);
        assert_ne!(shuffled, in_order);
        assert_eq!(shuffled, pick(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 7, false));
        assert_ne!(shuffled, pick(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 8, false));
        let mut sorted = shuffled.clone();
        sorted.sort();
        assert_eq!(sorted, in_order);
    }

    #[test]
    fn missed_asks_what_was_last_wrong() {
        let p = pack(30, 10);
        let mut saved = BTreeMap::new();
        let mut wrong = Vec::new();
        for (n, item) in items(&p).into_iter().enumerate() {
            let last = match n % 3 {
                0 => Some(Outcome::Wrong),
                1 => Some(Outcome::Almost),
                _ => Some(Outcome::Right),
            };
            if n % 3 == 0 {
                wrong.push(item);
            }
            saved.insert(key(&p, item), Card { last, ..card(days(-2), days(5)) });
        }
        saved.insert("gone".to_string(), Card { last: Some(Outcome::Wrong), ..Card::default() });
        assert!(wrong.contains(&Item::Term(3)));
        assert_eq!(pick(&p, &saved, Mode::Missed, TODAY, 0, 3, true), wrong);
        let shuffled = pick(&p, &saved, Mode::Missed, TODAY, 0, 3, false);
        assert_ne!(shuffled, wrong);
        let mut sorted = shuffled.clone();
        sorted.sort();
        assert_eq!(sorted, wrong);
        assert!(pick(&p, &BTreeMap::new(), Mode::Missed, TODAY, 0, 3, false).is_empty());
    }

    #[test]
    fn prune_keeps_the_cards_of_questions_and_terms_that_are_there_and_no_other() {
        let mut p = pack(1, 2);
        // A question whose id looks like a term's key is still a question.
        p.questions.push(question("term:gone", "Named like a term?"));
        let keys = ["q0", "q1", "term:t0", "term:t1", "term:t2", "term:gone", "term:", "t0", ""];
        let mut saved = cards(&keys.map(|k| (k, card(days(-3), days(-1)))));
        prune(&p, &mut saved);
        assert_eq!(saved.keys().collect::<Vec<_>>(), ["q0", "term:gone", "term:t0", "term:t1"]);
        // Counted as the pack's own: the question so named, and each term by its card.
        assert_eq!(counts(&p, &saved, TODAY, 20).seen, 4);
    }

    #[test]
    fn reworded_removed_and_added_questions() {
        let scheduler = Scheduler::new();
        let old = pack(3, 1);
        let mut saved = BTreeMap::new();
        for item in items(&old) {
            scheduler.review(saved.entry(key(&old, item)).or_default(), Rating::Good, None, days(-2));
        }
        // q1 reworded, q2 removed, q9 added.
        let mut new = pack(0, 1);
        new.questions =
            vec![question("q0", "Question 0?"), question("q1", "Asked another way?"), question("q9", "New?")];
        let before = saved["q1"].clone();
        prune(&new, &mut saved);
        assert_eq!(saved.keys().collect::<Vec<_>>(), ["q0", "q1", "term:t0"]);
        assert_eq!(saved["q1"], before);
        let reviewed = pick(&new, &saved, Mode::Review, TODAY, 20, 0, true);
        assert_eq!(reviewed, [Item::Question(0), Item::Question(1), Item::Term(0), Item::Question(2)]);
        assert_eq!(counts(&new, &saved, days(-2), 20), Counts { due: 0, new: 1, seen: 3, known: 3, total: 4 });
    }

    /// A heading and three paragraphs; terms t0 "Export controls" (alias "export ban"),
    /// t1 "Weights", t2 "Nowhere" (never in the text), t3 "chips"; questions q0 at block 2,
    /// q1 and q4 at block 1, q2 at no passage, q3 at block 3.
    fn placed() -> Pack {
        use crate::pack::model::Reference;
        use crate::text::anchor::Anchor;
        let article = Article::parse(
            "# Heading\n\nFirst mentions weights and an export ban.\n\n\
             Then Export controls and Weights.\n\nLast about chips.\n",
            "",
        );
        let mut p = pack(5, 0);
        for (q, block) in [(0, Some(2)), (1, Some(1)), (2, None), (3, Some(3)), (4, Some(1))] {
            p.questions[q].reference =
                block.map(|block| Reference { quote: "x".into(), anchor: Some(Anchor { block, range: 0..1 }) });
        }
        p.article = article;
        p.terms = ["Export controls", "Weights", "Nowhere", "chips"].map(testing::term).to_vec();
        p.terms[0].aliases = vec!["export ban".into()];
        p
    }

    fn with_scope(p: &Pack, cards: &BTreeMap<String, Card>, mode: Mode, in_order: bool, scope: Scope) -> Vec<Item> {
        let now = jiff::Timestamp::UNIX_EPOCH;
        select(p, cards, mode, &SittingOptions { today: TODAY, now, daily_new: 20, seed: 5, in_order, scope })
    }

    #[test]
    fn terms_are_met_where_they_first_appear_by_any_name() {
        let p = placed();
        let text = |block: usize, name: &str| p.article.blocks[block].text.find(name).unwrap();
        assert_eq!(
            first_appearances(&p),
            [Some((1, text(1, "export ban"))), Some((1, text(1, "weights"))), None, Some((3, text(3, "chips")))]
        );
    }

    #[test]
    fn new_cards_come_in_reading_order_terms_first() {
        use Item::{Question as Q, Term as T};
        let p = placed();
        let none = BTreeMap::new();
        let reading = [T(1), T(0), Q(1), Q(4), Q(0), T(3), Q(3), Q(2), T(2)];
        assert_eq!(pick(&p, &none, Mode::Review, TODAY, 20, 1, false), reading);
        assert_eq!(pick(&p, &none, Mode::Review, TODAY, 3, 1, false), reading[..3]);
        // A quiz in order follows the text too; without, it is shuffled.
        let quiz = [Q(1), Q(4), Q(0), Q(3), Q(2)];
        assert_eq!(pick(&p, &none, Mode::Quiz, TODAY, 0, 1, true), quiz);
        let shuffled = pick(&p, &none, Mode::Quiz, TODAY, 0, 1, false);
        assert_ne!(shuffled, quiz);
        assert_eq!(shuffled.iter().collect::<BTreeSet<_>>(), quiz.iter().collect());
    }

    #[test]
    fn a_scope_keeps_what_is_met_in_its_blocks() {
        use Item::{Question as Q, Term as T};
        let p = placed();
        let none = BTreeMap::new();
        let quiz = |scope| with_scope(&p, &none, Mode::Quiz, true, scope);
        assert_eq!(quiz(Scope::All), [Q(1), Q(4), Q(0), Q(3), Q(2)]);
        assert_eq!(quiz(Scope::ReadSoFar(2)), [Q(1), Q(4), Q(0)]);
        assert_eq!(quiz(Scope::ReadSoFar(0)), []);
        assert_eq!(quiz(Scope::Paragraph(2)), [Q(0)]);
        assert_eq!(quiz(Scope::Paragraph(9)), []);
        let mut shuffled = with_scope(&p, &none, Mode::Quiz, false, Scope::ReadSoFar(1));
        shuffled.sort();
        assert_eq!(shuffled, [Q(1), Q(4)]);
        let review = |cards: &BTreeMap<String, Card>, scope| with_scope(&p, cards, Mode::Review, false, scope);
        assert_eq!(review(&none, Scope::ReadSoFar(1)), [T(1), T(0), Q(1), Q(4)]);
        assert_eq!(review(&none, Scope::Paragraph(3)), [T(3), Q(3)]);
        // Due cards are kept to the scope as well.
        let due = cards(&[("q3", card(days(-9), days(-1))), ("q1", card(days(-9), days(-2)))]);
        assert_eq!(review(&due, Scope::ReadSoFar(2)), [Q(1), T(1), T(0), Q(4), Q(0)]);
        assert_eq!(review(&due, Scope::Paragraph(3)), [Q(3), T(3)]);
        // Missed, with items met nowhere only in the whole pack.
        let mut wrong = BTreeMap::new();
        for key in ["q0", "q2", "term:Export controls", "term:Nowhere"] {
            wrong.insert(key.to_string(), Card { last: Some(Outcome::Wrong), ..card(days(-3), days(5)) });
        }
        let missed = |scope| with_scope(&p, &wrong, Mode::Missed, true, scope);
        assert_eq!(missed(Scope::All), [T(0), Q(0), Q(2), T(2)]);
        assert_eq!(missed(Scope::ReadSoFar(2)), [T(0), Q(0)]);
        assert_eq!(missed(Scope::Paragraph(1)), [T(0)]);
        assert!(Scope::All.covers(None) && !Scope::ReadSoFar(5).covers(None) && !Scope::Paragraph(0).covers(None));
    }

    #[test]
    fn the_first_review_of_the_bundled_pack_brings_in_the_first_paragraphs_terms() {
        use crate::pack::source::{BUNDLED, Origin};
        let p = crate::pack::load(Origin::Bundled(&BUNDLED[0])).pack;
        let first = p.article.body().next().unwrap();
        let places = first_appearances(&p);
        let in_first: Vec<Item> =
            (0..p.terms.len()).filter(|&t| places[t].is_some_and(|(b, _)| b == first)).map(Item::Term).collect();
        assert!(in_first.len() >= 3, "{in_first:?}");
        let review = pick(&p, &BTreeMap::new(), Mode::Review, TODAY, 20, 0, false);
        assert_eq!(review.len(), 20);
        for term in &in_first {
            assert!(
                review.contains(term),
                "{} is met in ¶ 1",
                p.terms[match term {
                    Item::Term(t) => *t,
                    _ => 0,
                }]
                .term
            );
        }
        // They come before the paragraph's questions, and the first question is ¶ 1's first.
        let first_question = review.iter().position(|i| matches!(i, Item::Question(_))).unwrap();
        assert!(in_first.iter().all(|t| review.iter().position(|i| i == t).unwrap() < first_question));
        assert_eq!(key(&p, review[first_question]), "who-funds-deepseek");
    }

    #[test]
    fn history_counts_reviews_per_day_and_retention() {
        let review = |ago: i64, rating| Review { date: days(-ago), rating, interval: 1 };
        let mut a = card(days(-1), days(3));
        a.log = vec![review(10, Rating::Good), review(2, Rating::Again), review(1, Rating::Good)];
        let mut b = card(days(0), days(3));
        b.log = vec![review(2, Rating::Hard), review(0, Rating::Easy), review(-1, Rating::Again)];
        let saved = cards(&[("a", a), ("b", b)]);
        let (per_day, retention) = history(&saved, TODAY, 4);
        assert_eq!(per_day, [0, 2, 1, 1]);
        assert_eq!(retention, Some(0.75));
        let (per_day, retention) = history(&saved, TODAY, 11);
        assert_eq!(per_day.len(), 11);
        assert_eq!((per_day[0], per_day.iter().sum::<u64>()), (1, 5));
        assert_eq!(retention, Some(0.8));
        assert_eq!(history(&saved, days(-20), 7), (vec![0; 7], None));
        assert_eq!(history(&saved, TODAY, 0), (vec![], None));
    }

    #[test]
    fn due_on_counts_reviewed_cards_due_by_then() {
        let saved = cards(&[
            ("a", card(days(-3), days(-1))),
            ("b", card(days(-3), days(1))),
            ("c", card(days(-3), days(2))),
            ("new", Card::default()),
        ]);
        assert_eq!(due_on(&saved, TODAY), 1);
        assert_eq!(due_on(&saved, days(1)), 2);
        assert_eq!(due_on(&saved, days(9)), 3);
    }

    #[test]
    fn shuffle_is_pinned() {
        // The reference SplitMix64 stream for seed 0.
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        let mut v: Vec<u32> = (0..10).collect();
        shuffle(&mut v, 42);
        let pinned = v.clone();
        let mut again: Vec<u32> = (0..10).collect();
        shuffle(&mut again, 42);
        assert_eq!(again, pinned);
        let mut long: Vec<u32> = (0..100).collect();
        let mut other = long.clone();
        shuffle(&mut long, 1);
        shuffle(&mut other, 2);
        assert_ne!(long, other);
        let mut empty: [u8; 0] = [];
        shuffle(&mut empty, 3);
        let mut one = [7];
        shuffle(&mut one, 3);
        assert_eq!(one, [7]);
    }

    #[test]
    fn every_position_is_reachable() {
        // Over many seeds, each element lands in each place of a short list.
        let mut seen = [[false; 5]; 5];
        for seed in 0..500 {
            let mut v = [0, 1, 2, 3, 4];
            shuffle(&mut v, seed);
            for (place, &x) in v.iter().enumerate() {
                seen[x][place] = true;
            }
        }
        assert!(seen.iter().flatten().all(|&s| s));
    }

    proptest! {
        #[test]
        fn shuffle_permutes(len in 0usize..200, seed: u64) {
            let mut v: Vec<usize> = (0..len).collect();
            shuffle(&mut v, seed);
            let mut again: Vec<usize> = (0..len).collect();
            shuffle(&mut again, seed);
            prop_assert_eq!(&v, &again);
            v.sort_unstable();
            prop_assert_eq!(v, (0..len).collect::<Vec<_>>());
        }
    }
}
