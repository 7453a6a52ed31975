//! The results format: its golden file, and the JSON read back and held against what the
//! fixed state wrote (see [`state`]): the last answers, grades and times, the misses, the
//! two sittings and what is due; with no database, nothing answered.

use serde_json::Value;

use lectern::study::answer::right_answer;

use super::*;

fn results(state: &State) -> Value {
    serde_json::from_str(&same_twice(state, &["--format", "results"])).expect("the results are JSON")
}

/// The entry whose key is `key`.
fn entry<'a>(json: &'a Value, key: &str) -> &'a Value {
    json["questions"].as_array().unwrap().iter().find(|q| q["key"] == key).unwrap_or_else(|| panic!("no {key}"))
}

#[test]
fn the_results_format_against_its_golden_file() {
    let file = same_twice(&state(), &["--format", "results"]);
    assert!(file.ends_with("}\n"));
    golden("results.json", &file);
}

#[test]
fn the_results_say_which_pack_and_which_day() {
    let json = results(&state());
    let pack = bundled();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["pack"]["id"], "deepseek-ai-arms-race");
    assert_eq!(json["pack"]["title"], pack.title.as_str());
    assert_eq!(json["pack"]["author"], "Mark Best");
    assert_eq!(json["pack"]["version"], "1");
    assert_eq!(json["date"], "2026-12-02");
    // Every question, then every glossary card, in pack order.
    let keys: Vec<&str> = json["questions"].as_array().unwrap().iter().map(|q| q["key"].as_str().unwrap()).collect();
    let expected: Vec<String> = lectern::study::deck::items(&pack).into_iter().map(|i| key(&pack, i)).collect();
    assert_eq!(keys, expected);
    assert_eq!(keys.len(), pack.questions.len() + pack.terms.len());
}

#[test]
fn each_answered_question_has_its_last_answer_grade_and_time() {
    let json = results(&state());
    let pack = bundled();
    // Missed twice, then right on the third day.
    let first = entry(&json, "who-funds-deepseek");
    assert_eq!(first["kind"], "text");
    assert_eq!(first["prompt"], pack.questions[0].prompt.as_str());
    assert_eq!(first["expected"], "Liang Wenfeng");
    assert_eq!(first["answered"], true);
    assert_eq!(first["last"]["answer"], right_answer(&pack, Item::Question(0)).as_str());
    assert_eq!(first["last"]["grade"], "right");
    assert_eq!(first["last"]["time"], "2026-11-22T09:00:00Z");
    assert_eq!((first["reviews"].as_u64(), first["misses"].as_u64()), (Some(3), Some(2)));
    // Missed once.
    let second = entry(&json, &pack.questions[1].id);
    assert_eq!(second["kind"], "choice");
    assert_eq!(second["last"]["answer"], "not this one");
    assert_eq!(second["last"]["grade"], "wrong");
    assert_eq!(second["last"]["time"], "2026-11-20T09:01:00Z");
    assert_eq!((second["reviews"].as_u64(), second["misses"].as_u64()), (Some(1), Some(1)));
    // Right the first time.
    let third = entry(&json, &pack.questions[2].id);
    assert_eq!(third["last"]["grade"], "right");
    assert_eq!(third["last"]["time"], "2026-11-20T09:02:00Z");
    assert_eq!(third["misses"], 0);
    // A glossary card graded by the student: no answer given.
    let term = entry(&json, &format!("term:{}", pack.terms[0].term));
    assert_eq!(term["kind"], "term");
    assert_eq!(term["prompt"], pack.terms[0].term.as_str());
    assert_eq!(term["expected"], pack.terms[0].definition.as_str());
    assert_eq!(term["last"]["answer"], Value::Null);
    assert_eq!(term["last"]["grade"], "right");
    assert_eq!(term["last"]["time"], "2026-11-20T09:03:00Z");
    // The rest were never answered.
    let all = json["questions"].as_array().unwrap();
    let answered: Vec<&Value> = all.iter().filter(|q| q["answered"] == true).collect();
    assert_eq!(answered.len(), 4);
    for q in all.iter().filter(|q| q["answered"] == false) {
        assert_eq!(
            (&q["last"], &q["due"], &q["due_now"], &q["reviews"]),
            (&Value::Null, &Value::Null, &Value::Bool(false), &Value::from(0))
        );
    }
}

#[test]
fn what_is_due_agrees_with_each_question() {
    let json = results(&state());
    let today = json["date"].as_str().unwrap();
    let all = json["questions"].as_array().unwrap();
    let mut now = 0;
    for q in all.iter().filter(|q| q["answered"] == true) {
        let due = q["due"].as_str().unwrap_or_else(|| panic!("an answered question is due some day: {q}"));
        assert_eq!(due.len(), 10, "a day, as 2026-12-02: {due}");
        assert_eq!(q["due_now"], due <= today, "{q}");
        now += usize::from(due <= today);
    }
    // Answered in November, each with an interval of days: all four are due by December.
    assert_eq!(now, 4, "{json}");
    let counts = &json["due"];
    assert_eq!(counts["now"], now);
    assert_eq!(counts["later"], 4 - now);
    assert_eq!(counts["new"], all.len() - 4);
}

#[test]
fn each_sitting_has_its_score() {
    let json = results(&state());
    let sittings = json["sittings"].as_array().unwrap();
    assert_eq!(sittings.len(), 2);
    let quiz = &sittings[0];
    assert_eq!(quiz["mode"], "quiz");
    assert_eq!(
        (quiz["started"].as_str(), quiz["finished"].as_str()),
        (Some("2026-11-20T09:00:00Z"), Some("2026-11-20T09:20:00Z"))
    );
    let figures = |s: &Value| ["asked", "right", "almost", "wrong", "score", "percent"].map(|f| s[f].as_u64().unwrap());
    assert_eq!(figures(quiz), [12, 7, 2, 3, 9, 75]);
    let review = &sittings[1];
    assert_eq!(review["mode"], "review");
    assert_eq!(review["started"], "2026-11-22T09:00:00Z");
    assert_eq!(figures(review), [4, 3, 0, 1, 3, 75]);
}

#[test]
fn with_nothing_done_nothing_is_answered() {
    let json = results(&empty());
    let all = json["questions"].as_array().unwrap();
    assert!(!all.is_empty());
    for q in all {
        assert_eq!(q["answered"], false, "{q}");
        assert_eq!(q["last"], Value::Null);
        assert_eq!(q["misses"], 0);
    }
    assert_eq!(json["sittings"], Value::Array(vec![]));
    assert_eq!(json["due"], serde_json::json!({ "now": 0, "later": 0, "new": all.len() }));
    assert_eq!(json["date"], "2026-12-02");
}

#[test]
fn a_pack_without_a_version_has_null_and_strings_stay_printable() {
    let state = empty();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
    let to = state.dir.path().join("unversioned");
    std::fs::create_dir_all(&to).unwrap();
    for file in ["article.md", "glossary.toml", "quiz.toml", "pack.toml"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let meta = std::fs::read_to_string(to.join("pack.toml")).unwrap();
    let meta = meta.replacen("version = \"1\"\n", "", 1).replacen(
        "author = \"Mark Best\"",
        r#"author = "Mark\u202e Best""#,
        1,
    );
    std::fs::write(to.join("pack.toml"), meta).unwrap();
    let (code, out, err) = state.lectern(&["export", to.to_str().unwrap(), "--format", "results"]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["pack"]["id"], "unversioned");
    assert_eq!(json["pack"]["version"], Value::Null);
    assert_eq!(json["pack"]["author"], "Mark Best");
}
