//! A sitting left unfinished as TOML: the `[sitting]` table of the old progress files, and
//! the text the database keeps for a pack's sitting. Its fields, in the order written:
//!
//! ```toml
//! mode = "review"
//! items = ["nvidia-one-day-loss", "term:Export controls"]
//! index = 1
//! answers = [{ key = "nvidia-one-day-loss", outcome = "right" }]
//! shown = []
//! seed = 7
//! started = 2026-12-01T09:00:00Z
//! scope = "read-so-far"
//! scope_block = 12
//! looked = [0]
//! ```
//!
//! `scope` is `all`, `read-so-far` or `paragraph`, the last two with the block in
//! `scope_block`; `seed` is the 64-bit seed as a signed TOML integer (the same bits).

use std::fmt::Write as _;

use jiff::Timestamp;

use super::progress::timestamp;
use crate::study::deck::{Mode, Scope};
use crate::study::schedule::Outcome;
use crate::study::session::SavedSitting;

/// Reads the text [`to_toml`] writes; the error says what is wrong with it.
pub(crate) fn from_toml(text: &str) -> Result<SavedSitting, String> {
    let table: toml::Table =
        text.parse().map_err(|e: toml::de::Error| format!("it is not valid TOML: {}", e.message().trim()))?;
    read(&table)
}

/// Reads the fields of a `[sitting]` table; the error says what is wrong with them.
pub(super) fn read(table: &toml::Table) -> Result<SavedSitting, String> {
    let get = |field: &str| table.get(field).ok_or_else(|| format!("it has no `sitting.{field}`"));
    let place = |value: &toml::Value, name: &str| {
        value.as_integer().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| format!("its `{name}` is not a count"))
    };
    let list = |field: &str| match get(field)? {
        toml::Value::Array(values) => Ok(values),
        _ => Err(format!("its `sitting.{field}` is not a list")),
    };
    let places = |field: &str| -> Result<Vec<usize>, String> {
        list(field)?.iter().enumerate().map(|(i, v)| place(v, &format!("sitting.{field}[{i}]"))).collect()
    };
    let mode = get("mode")?
        .as_str()
        .and_then(Mode::from_name)
        .ok_or("its `sitting.mode` is not \"quiz\", \"review\" or \"missed\"")?;
    let items = list("items")?
        .iter()
        .enumerate()
        .map(|(i, v)| v.as_str().map(str::to_string).ok_or_else(|| format!("its `sitting.items[{i}]` is not a string")))
        .collect::<Result<_, _>>()?;
    let mut answers = Vec::new();
    for (i, entry) in list("answers")?.iter().enumerate() {
        let key = entry.get("key").and_then(toml::Value::as_str);
        let outcome = entry.get("outcome").and_then(toml::Value::as_str).and_then(Outcome::from_name);
        match (key, outcome) {
            (Some(key), Some(outcome)) => answers.push((key.to_string(), outcome)),
            _ => return Err(format!("its `sitting.answers[{i}]` is not a key and a right, almost or wrong outcome")),
        }
    }
    let seed = get("seed")?.as_integer().ok_or("its `sitting.seed` is not a whole number")?;
    let started = match get("started")? {
        toml::Value::Datetime(d) => timestamp(&d.to_string(), "sitting.started")?,
        toml::Value::String(s) => timestamp(s, "sitting.started")?,
        _ => return Err("its `sitting.started` is not a date and time".to_string()),
    };
    let block = || place(get("scope_block")?, "sitting.scope_block");
    let scope = match get("scope")?.as_str() {
        Some("all") => Scope::All,
        Some("read-so-far") => Scope::ReadSoFar(block()?),
        Some("paragraph") => Scope::Paragraph(block()?),
        _ => return Err("its `sitting.scope` is not \"all\", \"read-so-far\" or \"paragraph\"".to_string()),
    };
    Ok(SavedSitting {
        mode,
        items,
        index: place(get("index")?, "sitting.index")?,
        answers,
        shown: places("shown")?,
        // Stored as the signed integer with the same bits: TOML has no unsigned 64-bit numbers.
        seed: seed as u64,
        started,
        scope,
        looked: places("looked")?,
    })
}

/// The sitting's fields as TOML, one a line in a fixed order, without the table's header.
pub(crate) fn to_toml(sitting: &SavedSitting) -> String {
    let mut text = String::new();
    let string = |s: &str| toml::Value::String(s.to_string()).to_string();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX).to_string();
    let list = |values: Vec<String>| format!("[{}]", values.join(", "));
    let (scope, block) = match sitting.scope {
        Scope::All => ("all", None),
        Scope::ReadSoFar(block) => ("read-so-far", Some(block)),
        Scope::Paragraph(block) => ("paragraph", Some(block)),
    };
    let answers = sitting
        .answers
        .iter()
        .map(|(key, outcome)| format!("{{ key = {}, outcome = \"{}\" }}", string(key), outcome.name()))
        .collect();
    let mut field = |name: &str, value: String| {
        let _ = writeln!(&mut text, "{name} = {value}");
    };
    field("mode", string(sitting.mode.name()));
    field("items", list(sitting.items.iter().map(|key| string(key)).collect()));
    field("index", count(sitting.index));
    field("answers", list(answers));
    field("shown", list(sitting.shown.iter().map(|&n| count(n)).collect()));
    field("seed", (sitting.seed as i64).to_string());
    field("started", exact_datetime(sitting.started));
    field("scope", string(scope));
    if let Some(block) = block {
        field("scope_block", count(block));
    }
    field("looked", list(sitting.looked.iter().map(|&n| count(n)).collect()));
    text
}

/// An instant to the nanosecond, as a TOML date and time (a string if TOML cannot hold it).
fn exact_datetime(at: Timestamp) -> String {
    match at.to_string().parse::<toml::value::Datetime>() {
        Ok(datetime) => datetime.to_string(),
        Err(_) => toml::Value::String(at.to_string()).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sitting() -> SavedSitting {
        SavedSitting {
            mode: Mode::Review,
            items: vec!["nvidia-one-day-loss".into(), "term:Export controls".into(), "q3".into()],
            index: 1,
            answers: vec![("nvidia-one-day-loss".into(), Outcome::Right)],
            shown: vec![2, 0, 1],
            seed: 7,
            started: "2026-12-01T09:00:00Z".parse().unwrap(),
            scope: Scope::ReadSoFar(12),
            looked: vec![0, 1],
        }
    }

    #[test]
    fn writes_a_sitting() {
        let text = to_toml(&sitting());
        assert_eq!(
            text,
            "mode = \"review\"\nitems = [\"nvidia-one-day-loss\", \"term:Export controls\", \"q3\"]\n\
             index = 1\nanswers = [{ key = \"nvidia-one-day-loss\", outcome = \"right\" }]\nshown = [2, 0, 1]\n\
             seed = 7\nstarted = 2026-12-01T09:00:00Z\nscope = \"read-so-far\"\nscope_block = 12\nlooked = [0, 1]\n"
        );
        assert_eq!(from_toml(&text).unwrap(), sitting());
    }

    #[test]
    fn any_sitting_round_trips_exactly() {
        let odd = [
            SavedSitting {
                seed: u64::MAX,
                started: "2026-12-01T09:00:00.123456789Z".parse().unwrap(),
                scope: Scope::Paragraph(0),
                ..sitting()
            },
            SavedSitting {
                mode: Mode::Missed,
                items: vec!["quote\"d".into(), "".into(), "新しい\n行".into()],
                answers: Vec::new(),
                shown: Vec::new(),
                looked: Vec::new(),
                scope: Scope::All,
                ..sitting()
            },
            SavedSitting { mode: Mode::Quiz, seed: 1 << 63, ..sitting() },
        ];
        for saved in odd {
            let text = to_toml(&saved);
            assert_eq!(from_toml(&text).unwrap(), saved, "{text}");
        }
    }

    #[test]
    fn says_what_is_wrong_with_a_sitting() {
        let good = "mode = \"quiz\"\nitems = [\"q1\"]\nindex = 0\nanswers = []\nshown = []\nseed = 1\n\
                    started = 2026-12-01T09:00:00Z\nscope = \"all\"\nlooked = []";
        assert!(from_toml(good).is_ok());
        assert!(from_toml("mode = ").unwrap_err().starts_with("it is not valid TOML"));
        for (from, to, why) in [
            ("mode = \"quiz\"", "mode = \"exam\"", "its `sitting.mode` is not \"quiz\", \"review\" or \"missed\""),
            ("index = 0", "index = -1", "its `sitting.index` is not a count"),
            ("index = 0\n", "", "it has no `sitting.index`"),
            ("[\"q1\"]", "[1]", "its `sitting.items[0]` is not a string"),
            ("items = [\"q1\"]", "items = \"q1\"", "its `sitting.items` is not a list"),
            (
                "answers = []",
                "answers = [{ key = \"q1\", outcome = \"meh\" }]",
                "its `sitting.answers[0]` is not a key and a right, almost or wrong outcome",
            ),
            ("shown = []", "shown = [0, -2]", "its `sitting.shown[1]` is not a count"),
            ("seed = 1", "seed = 1.5", "its `sitting.seed` is not a whole number"),
            ("2026-12-01T09:00:00Z", "\"soon\"", "its `sitting.started` (soon) is not an RFC 3339 time"),
            ("2026-12-01T09:00:00Z", "3", "its `sitting.started` is not a date and time"),
            ("\"all\"", "\"some\"", "its `sitting.scope` is not \"all\", \"read-so-far\" or \"paragraph\""),
            ("\"all\"", "\"paragraph\"", "it has no `sitting.scope_block`"),
            ("looked = []", "looked = 0", "its `sitting.looked` is not a list"),
        ] {
            assert_eq!(from_toml(&good.replace(from, to)).unwrap_err(), why, "{to}");
        }
    }
}
