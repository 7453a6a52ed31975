//! Scheduling reviews with FSRS: each card's memory state, when it is next due, and the log
//! of its reviews. Dates are local calendar days. The time comes from a [`Clock`] handed in by
//! the command line, which can pretend to start at another time (`LECTERN_NOW`).

use std::time::Instant;

use fsrs::{FSRS, ItemState, MemoryState, NextStates};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

/// The share of reviews FSRS aims to have recalled when a card comes due.
pub const RETENTION: f32 = 0.9;

/// The longest interval given, in days (a hundred years, as Anki caps it).
pub const MAX_INTERVAL: u32 = 36_500;

/// The four grades FSRS knows, worst first (so `min` caps a rating).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    /// Every rating, worst first.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The name written in the progress file.
    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// The rating a progress file names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// How the last answer went (for the Missed mode and the quiz list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Right,
    Almost,
    Wrong,
}

impl Outcome {
    /// Every outcome, best first.
    pub const ALL: [Outcome; 3] = [Outcome::Right, Outcome::Almost, Outcome::Wrong];

    /// The rating an answer earns: wrong is Again, almost is Hard, right is Good.
    pub fn rating(self) -> Rating {
        match self {
            Outcome::Right => Rating::Good,
            Outcome::Almost => Rating::Hard,
            Outcome::Wrong => Rating::Again,
        }
    }

    /// The outcome a rating stands for when no answer was graded (self-graded cards).
    pub fn of(rating: Rating) -> Self {
        match rating {
            Rating::Again => Outcome::Wrong,
            Rating::Hard => Outcome::Almost,
            Rating::Good | Rating::Easy => Outcome::Right,
        }
    }

    /// The name written in the progress file.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Right => "right",
            Outcome::Almost => "almost",
            Outcome::Wrong => "wrong",
        }
    }

    /// The outcome a progress file names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.name() == name)
    }
}

/// A card's memory state after at least one review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    pub stability: f32,
    pub difficulty: f32,
    pub due: Date,
    pub last_review: Date,
    pub reps: u32,
    pub lapses: u32,
}

/// One review in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    pub date: Date,
    pub rating: Rating,
    /// Days from the review until the card was due.
    pub interval: u32,
}

/// Everything saved for one card.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Card {
    /// `None` until the first review.
    pub memory: Option<Memory>,
    /// Every review, oldest first.
    pub log: Vec<Review>,
    pub last: Option<Outcome>,
    /// What was given as the last answer, as the quiz shows it ("you chose …"); `None` for
    /// a self-graded card and for an answer left empty.
    pub given: Option<String>,
}

impl Card {
    /// True when the card has never been reviewed.
    pub fn is_new(&self) -> bool {
        self.memory.is_none()
    }

    /// True when the card has been reviewed and is due on or before `today`.
    pub fn is_due(&self, today: Date) -> bool {
        self.memory.is_some_and(|m| m.due <= today)
    }

    /// The day of the first review in the log.
    pub fn first_review(&self) -> Option<Date> {
        self.log.first().map(|r| r.date)
    }
}

/// FSRS with the default parameters, aiming at [`RETENTION`].
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    retention: f32,
}

impl Default for Scheduler {
    fn default() -> Self {
        Self::new()
    }
}

impl Scheduler {
    /// The default FSRS parameters (the ones Anki ships) and a retention of 0.9.
    pub fn new() -> Self {
        Self { fsrs: FSRS::default(), retention: RETENTION }
    }

    /// Records a review on `today`: the new memory state from FSRS, with the days since the
    /// last review elapsed (0 for a new card, and 0 if the clock went back); due after the
    /// interval rounded to whole days, at least 1 and at most [`MAX_INTERVAL`]; one more rep,
    /// and one more lapse on Again after the first review. `last` becomes `outcome`, or the
    /// outcome the rating stands for when there is none. The review is appended to the log.
    pub fn review(&self, card: &mut Card, rating: Rating, outcome: Option<Outcome>, today: Date) {
        let before = card.memory;
        let previous = before.map(|m| MemoryState { stability: m.stability, difficulty: m.difficulty });
        let elapsed = before.map_or(0, |m| days_from(m.last_review, today));
        // FSRS refuses only a state it cannot compute with (not finite); such a card starts afresh.
        let Some(states) = self.states(previous, elapsed).or_else(|| self.states(None, 0)) else {
            return;
        };
        let state = pick(states, rating);
        let interval = whole_days(state.interval);
        card.memory = Some(Memory {
            stability: state.memory.stability,
            difficulty: state.memory.difficulty,
            due: today.saturating_add(Span::new().days(interval)),
            last_review: today,
            reps: before.map_or(0, |m| m.reps).saturating_add(1),
            lapses: before.map_or(0, |m| m.lapses) + u32::from(before.is_some() && rating == Rating::Again),
        });
        card.log.push(Review { date: today, rating, interval });
        card.last = Some(outcome.unwrap_or(Outcome::of(rating)));
    }

    fn states(&self, previous: Option<MemoryState>, elapsed: u32) -> Option<NextStates> {
        self.fsrs.next_states(previous, self.retention, elapsed).ok()
    }
}

fn pick(states: NextStates, rating: Rating) -> ItemState {
    match rating {
        Rating::Again => states.again,
        Rating::Hard => states.hard,
        Rating::Good => states.good,
        Rating::Easy => states.easy,
    }
}

/// Whole days from `from` to `to`, 0 if `to` is earlier.
fn days_from(from: Date, to: Date) -> u32 {
    u32::try_from((to - from).get_days()).unwrap_or(0)
}

/// An FSRS interval as whole days: rounded, at least 1, at most [`MAX_INTERVAL`].
fn whole_days(interval: f32) -> u32 {
    if interval.is_nan() {
        return 1;
    }
    // `as` saturates, so an infinite interval becomes the maximum.
    (interval.round() as u32).clamp(1, MAX_INTERVAL)
}

/// A fixed "now" from `LECTERN_NOW`: an instant, or a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    /// An RFC 3339 timestamp such as `2026-12-01T09:00:00Z`.
    At(Timestamp),
    /// A plain date such as `2026-12-01`.
    On(Date),
}

impl Now {
    /// The calendar date in `tz`.
    pub fn date(self, tz: &TimeZone) -> Date {
        match self {
            Now::At(instant) => instant.to_zoned_datetime(tz.clone()).date(),
            Now::On(date) => date,
        }
    }

    /// The instant, a plain date being the start of that day in `tz`.
    pub fn timestamp(self, tz: &TimeZone) -> Timestamp {
        match self {
            Now::At(instant) => instant,
            Now::On(date) => date.to_zoned_datetime(tz.clone()).map_or(Timestamp::MIN, |z| z.timestamp()),
        }
    }
}

/// Reads a `LECTERN_NOW` value: an RFC 3339 timestamp or a plain `YYYY-MM-DD` date
/// (surrounding spaces ignored). Anything else is `None`.
pub fn parse_now(text: &str) -> Option<Now> {
    let text = text.trim();
    if let Ok(instant) = text.parse::<Timestamp>() {
        return Some(Now::At(instant));
    }
    // jiff reads a date out of a longer date and time too; only the bare date is meant here.
    let date = text.parse::<Date>().ok()?;
    (date.to_string() == text).then_some(Now::On(date))
}

/// The system's time zone, kept for the process. With `TZ` unset, `/etc/localtime` is read as
/// it is, named by the zone its link points at: asking jiff for the system's zone first lists
/// the whole zone database on disk, which takes longer than drawing the first screen.
pub fn local_zone() -> TimeZone {
    static ZONE: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| localtime().unwrap_or_else(TimeZone::system)).clone()
}

#[cfg(unix)]
fn localtime() -> Option<TimeZone> {
    const PATH: &str = "/etc/localtime";
    if std::env::var_os("TZ").is_some() {
        return None;
    }
    let data = std::fs::read(PATH).ok()?;
    let target = std::fs::read_link(PATH).ok();
    let name = target.as_ref().and_then(|t| t.to_str()?.split_once("zoneinfo/").map(|(_, name)| name));
    TimeZone::tzif(name.unwrap_or("Local"), &data).ok()
}

#[cfg(not(unix))]
fn localtime() -> Option<TimeZone> {
    None
}

/// Where the time comes from. Made once, by the command line, and handed to whatever needs
/// the time, so that nothing else reads the system clock or `LECTERN_NOW`.
#[derive(Debug, Clone)]
pub struct Clock {
    source: Source,
}

#[derive(Debug, Clone)]
enum Source {
    System,
    /// `at` when `since` was measured; runs on from there with real time.
    From {
        at: Timestamp,
        since: Instant,
    },
    Frozen(Timestamp),
}

impl Clock {
    /// The system's clock.
    pub fn system() -> Self {
        Self { source: Source::System }
    }

    /// Starts at `now` (a plain date is its first instant in the system time zone) and runs on
    /// with real time, so that a sitting under `LECTERN_NOW` still takes as long as it takes.
    pub fn fixed(now: Now) -> Self {
        let at = now.timestamp(&local_zone());
        Self { source: Source::From { at, since: Instant::now() } }
    }

    /// Always `at`: for tests and replays that must give the same result every time.
    pub fn frozen(at: Timestamp) -> Self {
        Self { source: Source::Frozen(at) }
    }

    /// [`Clock::fixed`] at `LECTERN_NOW` when it is set and readable, else the system clock.
    /// Only the command line calls this.
    pub fn from_env() -> Self {
        match std::env::var("LECTERN_NOW").ok().as_deref().and_then(parse_now) {
            Some(now) => Self::fixed(now),
            None => Self::system(),
        }
    }

    /// The instant now.
    pub fn now(&self) -> Timestamp {
        match &self.source {
            Source::System => Timestamp::now(),
            Source::From { at, since } => at.saturating_add(since.elapsed()).unwrap_or(Timestamp::MAX),
            Source::Frozen(at) => *at,
        }
    }

    /// Today as a calendar date in the system time zone.
    pub fn today(&self) -> Date {
        Now::At(self.now()).date(&local_zone())
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use jiff::tz;

    use super::*;

    /// What FSRS itself gives for `rating` from `previous` after `elapsed` days.
    fn expected(previous: Option<Memory>, rating: Rating, elapsed: u32) -> ItemState {
        let state = previous.map(|m| MemoryState { stability: m.stability, difficulty: m.difficulty });
        pick(FSRS::default().next_states(state, 0.9, elapsed).unwrap(), rating)
    }

    #[test]
    fn the_local_zone_read_directly_is_the_systems() {
        let system = TimeZone::system();
        let local = local_zone();
        for day in 0..800 {
            let at = Timestamp::from_second(1_700_000_000 + day * 43_201).unwrap();
            assert_eq!(local.to_offset(at), system.to_offset(at), "{at}");
        }
        // Named by the link's target, as jiff names it; a copied file has no name to give.
        if std::fs::read_link("/etc/localtime").is_ok() && std::env::var_os("TZ").is_none() {
            assert_eq!(local.iana_name(), system.iana_name());
        }
    }

    #[test]
    fn a_review_history_follows_fsrs_step_by_step() {
        let scheduler = Scheduler::new();
        let mut card = Card::default();
        assert!(card.is_new());
        let mut day = date(2026, 12, 1);
        // Good when new, Good on the due day, Again on the next due day, then Good.
        let steps = [
            (Rating::Good, Outcome::Right, 0),
            (Rating::Good, Outcome::Right, 0),
            (Rating::Again, Outcome::Wrong, 1),
            (Rating::Good, Outcome::Right, 1),
        ];
        for (n, &(rating, outcome, lapses)) in steps.iter().enumerate() {
            let before = card.memory;
            let elapsed = before.map_or(0, |m| u32::try_from((day - m.last_review).get_days()).unwrap());
            let want = expected(before, rating, elapsed);
            scheduler.review(&mut card, rating, Some(outcome), day);
            let memory = card.memory.unwrap();
            let interval = (want.interval.round() as u32).max(1);
            assert_eq!(memory.stability, want.memory.stability, "step {n}");
            assert_eq!(memory.difficulty, want.memory.difficulty, "step {n}");
            assert_eq!(memory.due, day.checked_add(Span::new().days(interval)).unwrap(), "step {n}");
            assert_eq!(memory.last_review, day);
            assert_eq!(memory.reps, n as u32 + 1);
            assert_eq!(memory.lapses, lapses, "step {n}");
            assert_eq!(card.log.len(), n + 1);
            assert_eq!(card.log[n], Review { date: day, rating, interval });
            assert_eq!(card.last, Some(outcome));
            assert!(!card.is_due(day) && card.is_due(memory.due));
            day = memory.due;
        }
        // The first Good on a new card is FSRS's initial Good stability, 2.3065 days: due in 2.
        assert_eq!(card.log[0].interval, 2);
        assert_eq!(card.log[0].date, date(2026, 12, 1));
        assert_eq!(card.log[1].date, date(2026, 12, 3));
        assert_eq!(card.first_review(), Some(date(2026, 12, 1)));
    }

    #[test]
    fn again_on_a_new_card_is_not_a_lapse() {
        let scheduler = Scheduler::new();
        let mut card = Card::default();
        let day = date(2026, 12, 1);
        scheduler.review(&mut card, Rating::Again, None, day);
        let memory = card.memory.unwrap();
        assert_eq!((memory.reps, memory.lapses), (1, 0));
        // A fraction of a day still waits until tomorrow.
        assert_eq!(memory.due, date(2026, 12, 2));
        assert_eq!(card.last, Some(Outcome::Wrong));
        // Again on the same day: no days elapsed, now a lapse.
        let want = expected(Some(memory), Rating::Again, 0);
        scheduler.review(&mut card, Rating::Again, Some(Outcome::Wrong), day);
        assert_eq!(card.memory.unwrap().stability, want.memory.stability);
        assert_eq!(card.memory.unwrap().lapses, 1);
    }

    #[test]
    fn the_outcome_defaults_to_what_the_rating_stands_for() {
        let scheduler = Scheduler::new();
        for (rating, outcome) in [
            (Rating::Again, Outcome::Wrong),
            (Rating::Hard, Outcome::Almost),
            (Rating::Good, Outcome::Right),
            (Rating::Easy, Outcome::Right),
        ] {
            let mut card = Card { last: Some(Outcome::Wrong), ..Card::default() };
            scheduler.review(&mut card, rating, None, date(2026, 1, 1));
            assert_eq!(card.last, Some(outcome));
        }
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::of(outcome.rating()), outcome);
        }
    }

    #[test]
    fn a_clock_gone_back_counts_no_days() {
        let scheduler = Scheduler::new();
        let mut card = Card::default();
        scheduler.review(&mut card, Rating::Good, None, date(2026, 12, 10));
        let before = card.memory;
        scheduler.review(&mut card, Rating::Good, None, date(2026, 12, 1));
        assert_eq!(card.memory.unwrap().stability, expected(before, Rating::Good, 0).memory.stability);
        assert_eq!(card.memory.unwrap().last_review, date(2026, 12, 1));
    }

    #[test]
    fn an_unusable_state_starts_afresh_and_intervals_are_capped() {
        let scheduler = Scheduler::new();
        let day = date(2026, 12, 1);
        let memory = Memory { stability: f32::NAN, difficulty: 5.0, due: day, last_review: day, reps: 3, lapses: 1 };
        let mut card = Card { memory: Some(memory), ..Card::default() };
        scheduler.review(&mut card, Rating::Good, None, day);
        let after = card.memory.unwrap();
        assert_eq!(after.stability, expected(None, Rating::Good, 0).memory.stability);
        assert_eq!((after.reps, after.lapses), (4, 1));

        assert_eq!(whole_days(0.2), 1);
        assert_eq!(whole_days(2.5), 3);
        assert_eq!(whole_days(f32::NAN), 1);
        assert_eq!(whole_days(f32::INFINITY), MAX_INTERVAL);
        assert_eq!(whole_days(1e9), MAX_INTERVAL);
        let huge = Memory { stability: 1e30, difficulty: 1.0, due: Date::MAX, last_review: day, reps: 1, lapses: 0 };
        let mut card = Card { memory: Some(huge), ..Card::default() };
        scheduler.review(&mut card, Rating::Easy, None, date(9999, 12, 30));
        assert_eq!(card.memory.unwrap().due, Date::MAX);
    }

    #[test]
    fn names_round_trip() {
        for rating in Rating::ALL {
            assert_eq!(Rating::from_name(rating.name()), Some(rating));
        }
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::from_name(outcome.name()), Some(outcome));
        }
        assert_eq!(Rating::from_name("Good"), None);
        assert_eq!(Outcome::from_name(""), None);
    }

    #[test]
    fn lectern_now_is_a_timestamp_or_a_date() {
        let at: Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
        assert_eq!(parse_now("2026-12-01T09:00:00Z"), Some(Now::At(at)));
        assert_eq!(parse_now(" 2026-12-01T11:00:00+02:00\n"), Some(Now::At(at)));
        assert_eq!(parse_now("2026-12-01"), Some(Now::On(date(2026, 12, 1))));
        for bad in ["", "tomorrow", "2026-13-01", "2026-12-01T09:00:00", "2026-12-01 junk", "1764579600"] {
            assert_eq!(parse_now(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_timestamp_is_read_in_the_local_time_zone() {
        let late = parse_now("2026-12-01T23:30:00Z").unwrap();
        assert_eq!(late.date(&TimeZone::UTC), date(2026, 12, 1));
        assert_eq!(late.date(&tz::offset(2).to_time_zone()), date(2026, 12, 2));
        assert_eq!(late.date(&tz::offset(-5).to_time_zone()), date(2026, 12, 1));
        assert_eq!(late.timestamp(&tz::offset(2).to_time_zone()), "2026-12-01T23:30:00Z".parse().unwrap());

        let day = parse_now("2026-12-01").unwrap();
        assert_eq!(day.date(&tz::offset(-10).to_time_zone()), date(2026, 12, 1));
        assert_eq!(day.timestamp(&tz::offset(2).to_time_zone()), "2026-11-30T22:00:00Z".parse().unwrap());
    }

    #[test]
    fn a_frozen_clock_stands_still() {
        let at: Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
        let clock = Clock::frozen(at);
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(clock.now(), at);
        assert_eq!(clock.clone().now(), at);
        assert_eq!(clock.today(), Now::At(at).date(&TimeZone::system()));
    }

    #[test]
    fn a_fixed_clock_starts_where_it_is_told_and_runs_on() {
        let at: Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
        let clock = Clock::fixed(Now::At(at));
        let first = clock.now();
        assert!(first >= at && first.duration_since(at).as_secs() < 60, "{first}");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let later = clock.now();
        assert!(later.duration_since(first).as_millis() >= 20, "{first} then {later}");
        // A plain date starts at midnight where the student is.
        let day = Clock::fixed(Now::On(date(2026, 12, 1)));
        assert_eq!(day.today(), date(2026, 12, 1));
        assert!(day.now() >= Now::On(date(2026, 12, 1)).timestamp(&TimeZone::system()));
    }

    #[test]
    fn the_system_clock_is_now() {
        let before = Timestamp::now();
        let now = Clock::system().now();
        assert!(now >= before && now.duration_since(before).as_secs() < 60);
    }
}
