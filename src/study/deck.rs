//! The deck: which questions and glossary terms are cards, the keys their progress is saved
//! under, and which of them a session asks, in what order.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::schedule::{Card, Outcome, Rating};
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
        Item::Term(i) => format!("term:{}", pack.terms[i].term),
    }
}

/// True when `item` is graded by the student (a card question, or a glossary term).
pub fn is_card(pack: &Pack, item: Item) -> bool {
    match item {
        Item::Term(_) => true,
        Item::Question(q) => matches!(pack.questions[q].kind, crate::pack::model::Kind::Card { .. }),
    }
}

/// Every item of the pack: each question, then each term unless the pack sets
/// `glossary_cards = false`.
pub fn items(pack: &Pack) -> Vec<Item> {
    let terms = if pack.glossary_cards { pack.terms.len() } else { 0 };
    (0..pack.questions.len()).map(Item::Question).chain((0..terms).map(Item::Term)).collect()
}

/// Each item with its card, if it has one, in pack order.
fn with_cards<'a>(pack: &Pack, cards: &'a BTreeMap<String, Card>) -> Vec<(Item, Option<&'a Card>)> {
    items(pack).into_iter().map(|item| (item, cards.get(&key(pack, item)))).collect()
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

/// The figures for `due 7 · new 12 · learned 30/64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Reviewed items due today or earlier.
    pub due: usize,
    /// Never-reviewed items, capped by what is left of today's new limit.
    pub new: usize,
    /// Items reviewed at least once.
    pub learned: usize,
    /// Every item.
    pub total: usize,
}

/// The counts for the pack's items; cards whose key names no item are ignored.
pub fn counts(pack: &Pack, cards: &BTreeMap<String, Card>, today: Date, daily_new: usize) -> Counts {
    let all = with_cards(pack, cards);
    let mut counts = Counts { total: all.len(), ..Counts::default() };
    let mut unseen = 0;
    for (_, card) in &all {
        match card {
            Some(card) if !card.is_new() => {
                counts.learned += 1;
                counts.due += usize::from(card.is_due(today));
            }
            _ => unseen += 1,
        }
    }
    counts.new = unseen.min(new_left(&all, today, daily_new));
    counts
}

/// How many new items may still be started today: the daily limit less the items whose
/// first review (in the log) was today.
fn new_left(all: &[(Item, Option<&Card>)], today: Date, daily_new: usize) -> usize {
    let started = all.iter().filter(|(_, card)| card.is_some_and(|c| c.first_review() == Some(today))).count();
    daily_new.saturating_sub(started)
}

/// The items for a session, in the order to ask them.
///
/// - Quiz: every question (no terms), shuffled with `seed` unless `in_order`.
/// - Review: due items, most overdue first (pack order among equals), then never-reviewed
///   items in pack order up to what is left of today's new limit.
/// - Missed: items whose last outcome is Wrong, shuffled with `seed` unless `in_order`.
///
/// Cards whose key names no item are ignored.
pub fn select(
    pack: &Pack,
    cards: &BTreeMap<String, Card>,
    mode: Mode,
    today: Date,
    daily_new: usize,
    seed: u64,
    in_order: bool,
) -> Vec<Item> {
    let mut chosen: Vec<Item> = match mode {
        Mode::Quiz => (0..pack.questions.len()).map(Item::Question).collect(),
        Mode::Review => {
            let all = with_cards(pack, cards);
            let mut due: Vec<(Date, Item)> = all
                .iter()
                .filter_map(|&(item, card)| card?.memory.filter(|m| m.due <= today).map(|m| (m.due, item)))
                .collect();
            // Stable: equally overdue items stay in pack order.
            due.sort_by_key(|&(date, _)| date);
            let fresh = all.iter().filter(|(_, card)| card.is_none_or(Card::is_new)).map(|&(item, _)| item);
            let fresh: Vec<Item> = fresh.take(new_left(&all, today, daily_new)).collect();
            return due.into_iter().map(|(_, item)| item).chain(fresh).collect();
        }
        Mode::Missed => with_cards(pack, cards)
            .into_iter()
            .filter(|(_, card)| card.is_some_and(|c| c.last == Some(Outcome::Wrong)))
            .map(|(item, _)| item)
            .collect(),
    };
    if !in_order {
        shuffle(&mut chosen, seed);
    }
    chosen
}

/// Drops the cards whose key names no question or term of the pack, as when a question was
/// removed. Cards of glossary terms are kept while the term exists, even when the pack sets
/// `glossary_cards = false`, so turning that back on finds them again.
pub fn prune(pack: &Pack, cards: &mut BTreeMap<String, Card>) {
    let questions = (0..pack.questions.len()).map(Item::Question);
    let terms = (0..pack.terms.len()).map(Item::Term);
    let keep: BTreeSet<String> = questions.chain(terms).map(|item| key(pack, item)).collect();
    cards.retain(|key, _| keep.contains(key));
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
    use jiff::Span;
    use jiff::civil::date;
    use proptest::prelude::*;

    use super::*;
    use crate::pack::model::{Kind, Question, Term};
    use crate::study::schedule::{Memory, Review, Scheduler};
    use crate::text::article::Article;

    fn question(id: &str, prompt: &str) -> Question {
        Question {
            id: id.to_string(),
            prompt: prompt.to_string(),
            explain: None,
            reference: None,
            kind: Kind::TrueFalse { answer: true },
        }
    }

    fn term(name: &str) -> Term {
        Term { term: name.to_string(), aliases: Vec::new(), definition: format!("{name} means"), see_also: Vec::new() }
    }

    /// A pack with questions q0.. and terms t0..
    fn pack(questions: usize, terms: usize) -> Pack {
        Pack {
            id: "p".to_string(),
            title: "P".to_string(),
            author: String::new(),
            summary: String::new(),
            tags: Vec::new(),
            glossary_cards: true,
            article: Article::default(),
            terms: (0..terms).map(|i| term(&format!("t{i}"))).collect(),
            questions: (0..questions).map(|i| question(&format!("q{i}"), &format!("Question {i}?"))).collect(),
            discussion: Vec::new(),
        }
    }

    const TODAY: Date = date(2026, 12, 10);

    fn days(n: i64) -> Date {
        TODAY.checked_add(Span::new().days(n)).unwrap()
    }

    /// A card reviewed first on `first`, last on `first`, due on `due`.
    fn card(first: Date, due: Date) -> Card {
        let memory = Memory { stability: 3.0, difficulty: 5.0, due, last_review: first, reps: 1, lapses: 0 };
        let log = vec![Review { date: first, rating: Rating::Good, interval: 1 }];
        Card { memory: Some(memory), log, last: Some(Outcome::Right) }
    }

    fn cards(entries: &[(&str, Card)]) -> BTreeMap<String, Card> {
        entries.iter().map(|(k, c)| (k.to_string(), c.clone())).collect()
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
    fn counts_due_new_and_learned() {
        let p = pack(4, 2);
        let saved = cards(&[
            ("q0", card(days(-5), days(-1))),
            ("q1", card(days(-3), TODAY)),
            ("q2", card(days(-3), days(1))),
            // A removed question's card counts for nothing.
            ("gone", card(days(-3), days(-2))),
        ]);
        assert_eq!(counts(&p, &saved, TODAY, 20), Counts { due: 2, new: 3, learned: 3, total: 6 });
        // The new count is capped by the daily limit.
        assert_eq!(counts(&p, &saved, TODAY, 2).new, 2);
        assert_eq!(counts(&p, &saved, TODAY, 0).new, 0);
        // Tomorrow q2 is due too.
        assert_eq!(counts(&p, &saved, days(1), 20).due, 3);
        assert_eq!(counts(&p, &BTreeMap::new(), TODAY, 20), Counts { due: 0, new: 6, learned: 0, total: 6 });
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
        assert_eq!((c.new, c.learned), (3, 3));
        let review = select(&p, &saved, Mode::Review, TODAY, 5, 1, false);
        assert_eq!(review, [Item::Question(3), Item::Question(4), Item::Question(5)]);
        assert_eq!(select(&p, &saved, Mode::Review, TODAY, 3, 1, false), [Item::Question(3)]);
        assert!(select(&p, &saved, Mode::Review, TODAY, 2, 1, false).is_empty());
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
        assert_eq!(select(&p, &saved, Mode::Review, TODAY, 10, 1, false), all);
        assert_eq!(select(&p, &saved, Mode::Review, TODAY, 10, 2, true), all);
        assert_eq!(select(&p, &saved, Mode::Review, TODAY, 2, 1, false), all[..6]);
        assert_eq!(select(&p, &saved, Mode::Review, TODAY, 0, 1, false), due);
    }

    #[test]
    fn glossary_cards_false_leaves_terms_out() {
        let mut p = pack(2, 3);
        p.glossary_cards = false;
        let mut saved = cards(&[("term:t0", card(days(-3), days(-1))), ("q0", card(days(-3), days(-1)))]);
        saved.get_mut("term:t0").unwrap().last = Some(Outcome::Wrong);
        saved.get_mut("q0").unwrap().last = Some(Outcome::Wrong);
        assert_eq!(counts(&p, &saved, TODAY, 20), Counts { due: 1, new: 1, learned: 1, total: 2 });
        assert_eq!(select(&p, &saved, Mode::Review, TODAY, 20, 0, true), [Item::Question(0), Item::Question(1)]);
        assert_eq!(select(&p, &saved, Mode::Missed, TODAY, 20, 0, true), [Item::Question(0)]);
        // The term's card is kept for when glossary cards are turned back on.
        prune(&p, &mut saved);
        assert!(saved.contains_key("term:t0"));
    }

    #[test]
    fn quiz_asks_every_question_and_no_terms() {
        let p = pack(30, 5);
        let in_order = select(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 7, true);
        assert_eq!(in_order, (0..30).map(Item::Question).collect::<Vec<_>>());
        let shuffled = select(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 7, false);
        assert_ne!(shuffled, in_order);
        assert_eq!(shuffled, select(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 7, false));
        assert_ne!(shuffled, select(&p, &BTreeMap::new(), Mode::Quiz, TODAY, 0, 8, false));
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
        assert_eq!(select(&p, &saved, Mode::Missed, TODAY, 0, 3, true), wrong);
        let shuffled = select(&p, &saved, Mode::Missed, TODAY, 0, 3, false);
        assert_ne!(shuffled, wrong);
        let mut sorted = shuffled.clone();
        sorted.sort();
        assert_eq!(sorted, wrong);
        assert!(select(&p, &BTreeMap::new(), Mode::Missed, TODAY, 0, 3, false).is_empty());
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
        let reviewed = select(&new, &saved, Mode::Review, TODAY, 20, 0, true);
        assert_eq!(reviewed, [Item::Question(0), Item::Question(1), Item::Term(0), Item::Question(2)]);
        assert_eq!(counts(&new, &saved, days(-2), 20), Counts { due: 0, new: 1, learned: 3, total: 4 });
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
