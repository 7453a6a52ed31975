//! `lectern check` end to end: each test writes a small pack into a temporary folder, breaks one
//! file, runs the binary and checks the diagnostic: its message, the exact `file:line:column`
//! it points at, and the exit code.
//!
//! Line and column numbers are counted by hand from the fixture text written in each test
//! (columns in characters, 1-based, as rustc prints them). Every run gets a fresh, empty data
//! directory, home and working directory, so nothing outside the temporary folders is read.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

// ── The base pack ───────────────────────────────────────────────────────────────────────────

const PACK: &str = r#"title = "A tiny pack"
author = "Ann Author"
summary = "A pack for the tests."
"#;

/// Three body paragraphs (¶ 1 to ¶ 3); the heading is not one.
const ARTICLE: &str = "# A tiny article

The first paragraph is about apples and pears.

The second paragraph talks about rivers and mountains.

The third paragraph mentions a large language model, or LLM.
";

const GLOSSARY: &str = r#"[[term]]
term = "LLM"
aliases = ["large language model"]
definition = "A model trained on a lot of text."

[[term]]
term = "River"
definition = "Water that flows to the sea."
see_also = ["LLM"]
"#;

const QUIZ: &str = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"
ref = "about apples and pears"
"#;

/// A pack folder named `tiny-pack` inside a temporary directory, deleted on drop.
struct TestPack {
    _root: TempDir,
    dir: PathBuf,
}

/// Writes the base pack, with `overrides` (file name, full text) replacing some of its files.
fn pack(overrides: &[(&str, &str)]) -> TestPack {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("tiny-pack");
    fs::create_dir(&dir).expect("pack dir");
    let pack = TestPack { _root: root, dir };
    for (name, text) in [("pack.toml", PACK), ("article.md", ARTICLE), ("glossary.toml", GLOSSARY), ("quiz.toml", QUIZ)]
    {
        pack.write(name, text.as_bytes());
    }
    for (name, text) in overrides {
        pack.write(name, text.as_bytes());
    }
    pack
}

impl TestPack {
    fn write(&self, name: &str, bytes: &[u8]) {
        fs::write(self.dir.join(name), bytes).expect("write pack file");
    }

    fn remove(&self, name: &str) {
        fs::remove_file(self.dir.join(name)).expect("remove pack file");
    }

    /// The path of one file as lectern prints it: the folder as given, then the name.
    fn file(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }

    /// `DIR/name:line:col`, as printed after `-->`.
    fn at(&self, name: &str, line: usize, col: usize) -> String {
        format!("{}:{line}:{col}", self.file(name))
    }

    /// `lectern check DIR`.
    fn check(&self) -> (i32, String, String) {
        check(&[self.dir.to_str().expect("utf-8 temp path")])
    }
}

// ── Running lectern ─────────────────────────────────────────────────────────────────────────

/// Runs lectern in `cwd` with a fresh data directory and home; returns (exit code, stdout, stderr).
fn lectern_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let sandbox = tempfile::tempdir().expect("temp dir");
    let output = assert_cmd::cargo::cargo_bin_cmd!("lectern")
        .args(args)
        .current_dir(cwd)
        .env("LECTERN_DATA_DIR", sandbox.path().join("data"))
        .env("HOME", sandbox.path().join("home"))
        .env("XDG_DATA_HOME", sandbox.path().join("xdg"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run lectern");
    let code = output.status.code().expect("lectern exited by a signal");
    (
        code,
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

/// Runs lectern in a fresh, empty working directory.
fn lectern(args: &[&str]) -> (i32, String, String) {
    let cwd = tempfile::tempdir().expect("temp dir");
    lectern_in(cwd.path(), args)
}

/// `lectern check PATH...`; returns (exit code, stdout, stderr).
fn check(paths: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check"];
    args.extend_from_slice(paths);
    lectern(&args)
}

// ── Reading the diagnostics ─────────────────────────────────────────────────────────────────

/// One rendered diagnostic: `error: message`, ` --> location`, the snippet, `= help: hint`.
#[derive(Debug)]
struct Diag {
    severity: String,
    message: String,
    location: Option<String>,
    help: Option<String>,
}

/// Every diagnostic in stderr; lectern separates them with a blank line.
fn diagnostics(stderr: &str) -> Vec<Diag> {
    stderr
        .split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .map(|block| {
            let mut lines = block.lines();
            let title = lines.next().unwrap_or_default();
            let (severity, message) = title.split_once(": ").unwrap_or((title, ""));
            let location = lines.next().and_then(|l| l.trim_start().strip_prefix("--> ")).map(str::to_string);
            let help = block.lines().find_map(|l| l.split_once("= help: ")).map(|(_, h)| h.to_string());
            Diag { severity: severity.to_string(), message: message.to_string(), location, help }
        })
        .collect()
}

/// The one diagnostic of `severity` with exactly `message`; asserts it points at `location`.
fn expect(stderr: &str, severity: &str, message: &str, location: &str) -> Diag {
    let mut found: Vec<Diag> =
        diagnostics(stderr).into_iter().filter(|d| d.severity == severity && d.message == message).collect();
    assert_eq!(found.len(), 1, "expected one `{severity}: {message}` in stderr:\n{stderr}");
    let diag = found.remove(0);
    assert_eq!(diag.location.as_deref(), Some(location), "wrong place for `{message}`; stderr:\n{stderr}");
    diag
}

/// An error that fails the check: exit code 1, the error at `location`, and a FAIL line.
fn expect_error(run: &(i32, String, String), message: &str, location: &str) -> Diag {
    let (code, stdout, stderr) = run;
    assert_eq!(*code, 1, "exit code; stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.starts_with("FAIL  tiny-pack  "), "stdout:\n{stdout}");
    expect(stderr, "error", message, location)
}

fn expect_help(diag: &Diag, words: &str) {
    let help = diag.help.as_deref().unwrap_or_default();
    assert!(help.contains(words), "help of `{}` should contain {words:?}, is {help:?}", diag.message);
}

// ── A clean pack ────────────────────────────────────────────────────────────────────────────

#[test]
fn base_pack_is_ok() {
    let pack = pack(&[]);
    let (code, stdout, stderr) = pack.check();
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert_eq!(stderr, "");
    assert!(
        stdout.starts_with("ok  tiny-pack  2 terms · 1 question (1 kind) · 0 prompts · 1/3 paragraphs quizzed"),
        "stdout:\n{stdout}"
    );
}

// ── TOML ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn toml_syntax_error() {
    let quiz = r#"[[question]]
id = "fruit"
kind "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let (_, _, stderr) = &run;
    // The `=` is missing: the caret is on the value that came instead.
    let diag = diagnostics(stderr).into_iter().find(|d| d.message.starts_with("TOML syntax:")).expect(stderr);
    assert_eq!(diag.location.as_deref(), Some(pack.at("quiz.toml", 3, 6).as_str()), "stderr:\n{stderr}");
    assert!(diag.message.contains('='), "{diag:?}");
    assert_eq!(run.0, 1);
    assert!(run.1.starts_with("FAIL  tiny-pack  1 error, 0 warnings"), "stdout:\n{}", run.1);
}

// ── Unknown fields ──────────────────────────────────────────────────────────────────────────

#[test]
fn unknown_field_in_question_suggests_the_right_one() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
promt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "unknown field `promt` in question", &pack.at("quiz.toml", 4, 1));
    expect_help(&diag, "did you mean `prompt`?");
    // Without `prompt` the question also lacks a required field; the header is pointed at.
    expect_error(&run, "missing field `prompt` in question", &pack.at("quiz.toml", 1, 1));
}

#[test]
fn unknown_table_in_glossary_suggests_term() {
    let glossary = r#"[[term]]
term = "LLM"
definition = "A model trained on a lot of text."

[[terms]]
term = "River"
definition = "Water that flows to the sea."
"#;
    let pack = pack(&[("glossary.toml", glossary)]);
    let run = pack.check();
    // The caret is on the table's name, after `[[`.
    let diag = expect_error(&run, "unknown field `terms` in glossary.toml", &pack.at("glossary.toml", 5, 3));
    expect_help(&diag, "did you mean `term`?");
}

// ── Missing and mistyped fields ─────────────────────────────────────────────────────────────

#[test]
fn missing_required_fields() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"

[[question]]
id = "rivers"
kind = "truefalse"
answer = true
"#;
    let glossary = r#"[[term]]
term = "LLM"
definition = "A model trained on a lot of text."

[[term]]
term = "River"
"#;
    let pack = pack(&[("quiz.toml", quiz), ("glossary.toml", glossary)]);
    let run = pack.check();
    // "missing field" points at the header of the table that lacks it.
    let diag = expect_error(&run, "missing field `prompt` in question", &pack.at("quiz.toml", 8, 1));
    expect_help(&diag, "add a line `prompt = …`");
    expect_error(&run, "missing field `definition` in term", &pack.at("glossary.toml", 5, 1));
    assert!(run.1.contains("2 errors, 0 warnings"), "stdout:\n{}", run.1);
}

#[test]
fn wrong_types() {
    let quiz = r#"[[question]]
id = "rivers"
kind = "truefalse"
prompt = "The second paragraph talks about rivers."
answer = "true"

[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = "a"
answer = "a"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "`answer` should be true or false, found a string", &pack.at("quiz.toml", 5, 10));
    expect_help(&diag, "answer = true (no quotes)");
    expect_error(&run, "`choices` should be a list of strings, found a string", &pack.at("quiz.toml", 11, 11));
}

// ── Duplicates ──────────────────────────────────────────────────────────────────────────────

#[test]
fn duplicate_question_ids() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"

[[question]]
id = "fruit"
kind = "truefalse"
prompt = "The second paragraph talks about rivers."
answer = true
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    expect_error(&run, "duplicate question id `fruit` (first used on line 2)", &pack.at("quiz.toml", 9, 6));
}

#[test]
fn duplicate_terms_and_aliases_ignore_case() {
    let glossary = r#"[[term]]
term = "LLM"
definition = "A model trained on a lot of text."

[[term]]
term = "Large language model"
aliases = ["llm"]
definition = "The same thing, spelt out."

[[term]]
term = "River"
definition = "Water that flows to the sea."

[[term]]
term = "river"
definition = "Again."
"#;
    let pack = pack(&[("glossary.toml", glossary)]);
    let run = pack.check();
    expect_error(&run, "`llm` is already a term or alias (line 2)", &pack.at("glossary.toml", 7, 12));
    expect_error(&run, "`river` is already a term or alias (line 11)", &pack.at("glossary.toml", 15, 8));
    assert!(run.1.contains("2 errors, 0 warnings"), "stdout:\n{}", run.1);
}

// ── Answers and choices ─────────────────────────────────────────────────────────────────────

#[test]
fn choice_answer_not_among_choices() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "apples and pears"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "answer \"apples and pears\" is not among the choices", &pack.at("quiz.toml", 6, 10));
    expect_help(&diag, "did you mean \"Apples and pears\"?");
}

#[test]
fn multi_answers_empty() {
    let quiz = r#"[[question]]
id = "features"
kind = "multi"
prompt = "Which fruits does the first paragraph name?"
choices = ["Apples", "Pears", "Plums"]
answers = []
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    expect_error(&run, "`answers` is empty", &pack.at("quiz.toml", 6, 11));
}

#[test]
fn multi_answer_not_among_choices() {
    let quiz = r#"[[question]]
id = "features"
kind = "multi"
prompt = "Which fruits does the first paragraph name?"
choices = ["Apples", "Pears", "Plums"]
answers = ["Apples", "Peaches"]
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    // The caret is on the second answer: `answers = ["Apples", ` is 21 characters.
    expect_error(&run, "answer \"Peaches\" is not among the choices", &pack.at("quiz.toml", 6, 22));
}

#[test]
fn cloze_without_gap() {
    let quiz = r#"[[question]]
id = "gap"
kind = "cloze"
prompt = "Fill the gap."
text = "The first paragraph is about apples."
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "cloze `text` has no gap", &pack.at("quiz.toml", 5, 8));
    expect_help(&diag, "double braces");
}

#[test]
fn cloze_gap_inside_a_gap() {
    let quiz = r#"[[question]]
id = "gap"
kind = "cloze"
prompt = "Fill the gaps."
text = "The {{first paragraph is about {{apples}}."
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    // `text = "The {{first paragraph is about ` is 39 characters: the caret is on the second
    // `{{`, and the label names the first, after `text = "The `.
    let diag = expect_error(&run, "a gap in the cloze `text` opens inside another gap", &pack.at("quiz.toml", 5, 40));
    expect_help(&diag, "close the gap before it with `}}`");
    assert!(run.2.contains("inside the gap opened at line 5, column 13"), "stderr:\n{}", run.2);
}

#[test]
fn cloze_gap_not_closed() {
    // The escaped quotes take two characters in the file and one in the text: the caret is
    // still on the `{{` as written, after `text = "The \"first\" paragraph is about `.
    let quiz = r#"[[question]]
id = "gap"
kind = "cloze"
prompt = "Fill the gap."
text = "The \"first\" paragraph is about {{apples."
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "a gap in the cloze `text` is not closed", &pack.at("quiz.toml", 5, 42));
    expect_help(&diag, "close the gap with `}}` after its answer");
}

#[test]
fn cloze_closing_braces_without_a_gap() {
    let quiz = r#"[[question]]
id = "gap"
kind = "cloze"
prompt = "Fill the gap."
text = "The first}} paragraph is about {{apples}}."
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    // The caret is on the stray `}}`, after `text = "The first`.
    let diag = expect_error(&run, "`}}` in the cloze `text` closes no gap", &pack.at("quiz.toml", 5, 18));
    expect_help(&diag, "open the gap with `{{`");
}

#[test]
fn cloze_empty_gap_in_a_multiline_text() {
    let quiz = r#"[[question]]
id = "gap"
kind = "cloze"
prompt = "Fill the gaps."
text = """
The first paragraph is about {{apples}}
and {{ | }}."""
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    // The caret is on the `{{` of the empty gap, on the string's third line, after `and `.
    let diag = expect_error(&run, "a gap in the cloze `text` is empty", &pack.at("quiz.toml", 7, 5));
    expect_help(&diag, "{{answer|alternative}}");
}

#[test]
fn order_with_one_item() {
    let quiz = r#"[[question]]
id = "order"
kind = "order"
prompt = "Put the paragraphs in order."
items = ["Apples"]
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    expect_error(&run, "an `order` question needs at least two items", &pack.at("quiz.toml", 5, 9));
}

// ── References between files ────────────────────────────────────────────────────────────────

#[test]
fn ref_not_in_article_names_the_closest_paragraph() {
    let quiz = r#"[[question]]
id = "rivers"
kind = "truefalse"
prompt = "The second paragraph talks about rivers."
answer = true
ref = "rivers and hills"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "`ref` not found in the article", &pack.at("quiz.toml", 6, 7));
    // ¶ 2 shares "rivers" and "and"; ¶ 1 only "and"; the heading is not a paragraph.
    expect_help(&diag, "the closest paragraph is ¶ 2: “The second paragraph talks about rivers and mountains.”");
}

#[test]
fn see_also_naming_no_term() {
    let glossary = r#"[[term]]
term = "LLM"
aliases = ["large language model"]
definition = "A model trained on a lot of text."

[[term]]
term = "River"
definition = "Water that flows to the sea."
see_also = ["LLM", "Lake"]
"#;
    let pack = pack(&[("glossary.toml", glossary)]);
    let run = pack.check();
    // `see_also = ["LLM", ` is 19 characters.
    expect_error(&run, "`see_also` names no term: `Lake`", &pack.at("glossary.toml", 9, 20));
}

// ── Empty text ──────────────────────────────────────────────────────────────────────────────

#[test]
fn empty_prompt_answer_and_definition() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = ""
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"

[[question]]
id = "who"
kind = "text"
prompt = "What does the third paragraph mention?"
answer = "   "
"#;
    let glossary = r#"[[term]]
term = "LLM"
definition = ""
"#;
    let pack = pack(&[("quiz.toml", quiz), ("glossary.toml", glossary)]);
    let run = pack.check();
    expect_error(&run, "`prompt` is empty", &pack.at("quiz.toml", 4, 10));
    expect_error(&run, "`answer` is empty", &pack.at("quiz.toml", 12, 10));
    expect_error(&run, "`definition` is empty", &pack.at("glossary.toml", 3, 14));
    assert!(run.1.contains("3 errors, 0 warnings"), "stdout:\n{}", run.1);
}

// ── Kinds ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn field_of_another_kind() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"
items = ["Apples", "Pears"]
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "field `items` does not apply here", &pack.at("quiz.toml", 7, 1));
    expect_help(&diag, "`items` belongs to order questions; a `choice` question has:");
}

#[test]
fn unknown_kind_suggests_the_right_one() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "chioce"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let diag = expect_error(&run, "unknown question kind `chioce`", &pack.at("quiz.toml", 3, 8));
    expect_help(&diag, "did you mean `choice`?");
}

// ── Files ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn missing_file() {
    let pack = pack(&[]);
    pack.remove("quiz.toml");
    let run = pack.check();
    // A file as a whole has no line or column.
    let diag = expect_error(&run, "missing file `quiz.toml`", &pack.file("quiz.toml"));
    expect_help(&diag, "pack.toml, article.md, glossary.toml and quiz.toml");
}

#[test]
fn non_utf8_file() {
    let pack = pack(&[]);
    let mut article = Vec::new();
    article.extend_from_slice("# A tiny article\n\nThe first paragraph is about apples and pears.\n\n".as_bytes());
    // Two curly quotes (three bytes each) come before the bad byte: the column counts characters.
    article.extend_from_slice("The second paragraph talks about ‘rivers’ and mount".as_bytes());
    article.push(0xff);
    article.extend_from_slice(b"ains.\n");
    pack.write("article.md", &article);
    let run = pack.check();
    let diag = expect_error(&run, "`article.md` is not valid UTF-8 (byte 0xff)", &pack.at("article.md", 5, 52));
    expect_help(&diag, "UTF-8");
}

// ── Warnings ────────────────────────────────────────────────────────────────────────────────

#[test]
fn escape_sequence_in_prompt_is_a_warning() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is \u001b[31mthe first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Apples and pears"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let (code, stdout, stderr) = pack.check();
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert!(stderr.contains("warning:"), "stderr:\n{stderr}");
    assert!(!stderr.contains("error:"), "stderr:\n{stderr}");
    expect(&stderr, "warning", "control character or escape sequence in `prompt`", &pack.at("quiz.toml", 4, 10));
    assert!(stdout.starts_with("ok  tiny-pack  "), "stdout:\n{stdout}");
    assert!(stdout.contains("(1 warning)"), "stdout:\n{stdout}");
}

// ── Every problem at once ───────────────────────────────────────────────────────────────────

#[test]
fn every_error_in_a_file_is_reported() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears", "Rivers and mountains"]
answer = "Plums"

[[question]]
id = "fruit"
kind = "truefalse"
prompt = ""
answer = "yes"

[[question]]
id = "order"
kind = "order"
prompt = "Put them in order."
items = ["Apples"]

[[question]]
id = "rivers"
kind = "card"
prompt = "What does the second paragraph talk about?"
answer = "Rivers and mountains."
ref = "rivers and hills"
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    let (_, stdout, stderr) = &run;
    expect_error(&run, "answer \"Plums\" is not among the choices", &pack.at("quiz.toml", 6, 10));
    expect_error(&run, "duplicate question id `fruit` (first used on line 2)", &pack.at("quiz.toml", 9, 6));
    expect_error(&run, "`prompt` is empty", &pack.at("quiz.toml", 11, 10));
    expect_error(&run, "`answer` should be true or false, found a string", &pack.at("quiz.toml", 12, 10));
    expect_error(&run, "an `order` question needs at least two items", &pack.at("quiz.toml", 18, 9));
    expect_error(&run, "`ref` not found in the article", &pack.at("quiz.toml", 25, 7));
    let errors = diagnostics(stderr).iter().filter(|d| d.severity == "error").count();
    assert_eq!(errors, 6, "stderr:\n{stderr}");
    assert!(stdout.starts_with("FAIL  tiny-pack  6 errors, 0 warnings"), "stdout:\n{stdout}");
}

/// Every field of one question is checked, even after one of them is wrong.
#[test]
fn every_bad_field_of_one_question_is_reported() {
    let quiz = r#"[[question]]
id = "fruit"
kind = "choice"
prompt = "What is the first paragraph about?"
choices = ["Apples and pears"]
answer = 5
shuffle = "no"

[[question]]
id = "who"
kind = "text"
prompt = "What does the third paragraph mention?"
answer = ""
accept = [1]
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    expect_error(&run, "a question needs at least two choices", &pack.at("quiz.toml", 5, 11));
    expect_error(&run, "`answer` should be a string, found an integer", &pack.at("quiz.toml", 6, 10));
    expect_error(&run, "`shuffle` should be true or false, found a string", &pack.at("quiz.toml", 7, 11));
    expect_error(&run, "`answer` is empty", &pack.at("quiz.toml", 13, 10));
    expect_error(&run, "`accept` should be a list of strings, found an integer", &pack.at("quiz.toml", 14, 11));
    assert!(run.1.starts_with("FAIL  tiny-pack  5 errors, 0 warnings"), "stdout:\n{}", run.1);
}

/// Each `multi` answer that is not a choice is reported, not only the first.
#[test]
fn every_wrong_multi_answer_is_reported() {
    let quiz = r#"[[question]]
id = "features"
kind = "multi"
prompt = "Which fruits does the first paragraph name?"
choices = ["Apples", "Pears", "Plums"]
answers = ["Peaches", "Apples", "Grapes"]
"#;
    let pack = pack(&[("quiz.toml", quiz)]);
    let run = pack.check();
    expect_error(&run, "answer \"Peaches\" is not among the choices", &pack.at("quiz.toml", 6, 12));
    // `answers = ["Peaches", "Apples", ` is 32 characters.
    expect_error(&run, "answer \"Grapes\" is not among the choices", &pack.at("quiz.toml", 6, 33));
    assert!(run.1.starts_with("FAIL  tiny-pack  2 errors, 0 warnings"), "stdout:\n{}", run.1);
}

/// A `ref` is checked against the article even when its question or prompt has another error.
#[test]
fn ref_is_checked_when_its_entry_has_other_errors() {
    let quiz = r#"[[question]]
id = "order"
kind = "order"
prompt = "Put them in order."
items = ["Apples"]
ref = "rivers and hills"
"#;
    let pack_toml = r#"title = "A tiny pack"
author = "Ann Author"

[[discussion]]
prompt = ""
ref = "apples and plums"
"#;
    let pack = pack(&[("quiz.toml", quiz), ("pack.toml", pack_toml)]);
    let run = pack.check();
    expect_error(&run, "an `order` question needs at least two items", &pack.at("quiz.toml", 5, 9));
    expect_error(&run, "`prompt` is empty", &pack.at("pack.toml", 5, 10));
    let (_, _, stderr) = &run;
    let refs: Vec<Diag> =
        diagnostics(stderr).into_iter().filter(|d| d.message == "`ref` not found in the article").collect();
    let places: Vec<&str> = refs.iter().filter_map(|d| d.location.as_deref()).collect();
    assert_eq!(places, [pack.at("quiz.toml", 6, 7), pack.at("pack.toml", 6, 7)], "stderr:\n{stderr}");
}

#[test]
fn escape_sequence_in_article_is_a_warning() {
    // The BEL comes after two curly quotes: `The ‘first’ ` is 12 characters.
    let article = "# A tiny article\n\nThe ‘first’ \u{7}paragraph is about apples and pears.\n";
    let pack = pack(&[("article.md", article)]);
    let (code, stdout, stderr) = pack.check();
    assert_eq!(code, 0, "stderr:\n{stderr}");
    expect(&stderr, "warning", "control character or escape sequence in the article", &pack.at("article.md", 3, 13));
    assert!(stdout.starts_with("ok  tiny-pack  "), "stdout:\n{stdout}");
}

// ── Finding packs ───────────────────────────────────────────────────────────────────────────

#[test]
fn bundled_pack_is_ok() {
    let (code, stdout, stderr) = check(&[]);
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert!(stdout.contains("ok  deepseek-ai-arms-race"), "stdout:\n{stdout}");
    assert!(stdout.contains("15/15 paragraphs quizzed"), "stdout:\n{stdout}");
    assert!(stdout.contains("ok  writing-a-study-pack"), "stdout:\n{stdout}");
    assert_eq!(stdout.lines().count(), 2, "only the bundled packs in an empty cwd:\n{stdout}");
}

#[test]
fn bundled_pack_by_id() {
    let (code, stdout, stderr) = check(&["deepseek-ai-arms-race"]);
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert!(stdout.starts_with("ok  deepseek-ai-arms-race  "), "stdout:\n{stdout}");
    assert!(stdout.contains("15/15 paragraphs quizzed"), "stdout:\n{stdout}");
}

#[test]
fn check_without_args_includes_local_texts() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let dir = cwd.path().join("texts").join("broken");
    fs::create_dir_all(&dir).expect("texts dir");
    for (name, text) in [("pack.toml", PACK), ("article.md", ARTICLE), ("glossary.toml", GLOSSARY)] {
        fs::write(dir.join(name), text).expect("write");
    }
    let (code, stdout, stderr) = lectern_in(cwd.path(), &["check"]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("ok  deepseek-ai-arms-race"), "stdout:\n{stdout}");
    assert!(stdout.contains("FAIL  broken  1 error, 0 warnings"), "stdout:\n{stdout}");
    // The path is printed as found: relative to the working directory.
    expect(&stderr, "error", "missing file `quiz.toml`", "texts/broken/quiz.toml");
}

#[test]
fn check_a_file_inside_a_pack_checks_the_pack() {
    let pack = pack(&[("quiz.toml", "[[question]]\nid = \"x\"\n")]);
    let (code, stdout, stderr) = check(&[&pack.file("quiz.toml")]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.starts_with("FAIL  tiny-pack  "), "stdout:\n{stdout}");
    expect(&stderr, "error", "missing field `kind` in question", &pack.at("quiz.toml", 1, 1));
}

#[test]
fn check_nonexistent_path() {
    let (code, stdout, stderr) = check(&["/nonexistent"]);
    assert_ne!(code, 0);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("error: "), "stderr:\n{stderr}");
    assert!(stderr.contains("/nonexistent"), "the message names what was asked for:\n{stderr}");
    assert!(stderr.contains("no such folder"), "a path that does not exist is named as such:\n{stderr}");
    let (code, _, stderr) = check(&["no-such-pack"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("lectern list"), "an unknown id says how to see the packs:\n{stderr}");
}

// ── Other commands ──────────────────────────────────────────────────────────────────────────

#[test]
fn list_shows_the_bundled_pack() {
    let (code, stdout, stderr) = lectern(&["list"]);
    assert_eq!(code, 0, "stderr:\n{stderr}");
    let mut lines = stdout.lines();
    let header = lines.next().expect(&stdout);
    assert!(header.starts_with("PACK ") && header.contains(" TITLE ") && header.ends_with(" WHERE"), "{header}");
    let line = lines.find(|l| l.starts_with("deepseek-ai-arms-race ")).expect(&stdout);
    assert!(line.contains("DeepSeek and the AI ‘arms race’"), "{line}");
    assert!(line.contains("Mark Best"), "{line}");
    // Never opened: nothing read, due or noted.
    assert!(line.contains(" 0%") && line.contains(" never "), "{line}");
    assert!(line.ends_with(" bundled"), "{line}");
    assert!(!line.contains("has errors"), "{line}");
    // With no progress at all, today's new cards are the daily limit's.
    let (_, stdout, _) = lectern(&["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let pack = json.as_array().unwrap().iter().find(|p| p["id"] == "deepseek-ai-arms-race").unwrap();
    assert_eq!((pack["read"].as_u64(), pack["due"].as_u64(), pack["new"].as_u64()), (Some(0), Some(0), Some(20)));
    assert_eq!(pack["opened"], serde_json::Value::Null);
}

#[test]
fn list_shows_pack_text_on_one_line_with_no_escapes() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let dir = cwd.path().join("texts").join("odd-pack");
    fs::create_dir_all(&dir).expect("pack dir");
    let pack_toml = r#"title = "Two\nlines \u001b[2J"
author = "Ann\u202e Author"
summary = """A summary
over two lines\u001b]0;owned\u0007."""
tags = ["red\u001b[31m", "  ", "two words"]
"#;
    for (name, text) in
        [("pack.toml", pack_toml), ("article.md", ARTICLE), ("glossary.toml", GLOSSARY), ("quiz.toml", QUIZ)]
    {
        fs::write(dir.join(name), text).expect("write pack file");
    }
    let (code, stdout, stderr) = lectern_in(cwd.path(), &["list"]);
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert!(!stdout.chars().any(|c| c.is_control() && c != '\n'), "no control character is printed: {stdout:?}");
    assert!(!stdout.contains('\u{202e}'), "no direction control either");
    let line = stdout.lines().find(|l| l.starts_with("odd-pack ")).expect(&stdout);
    assert!(line.contains(" Two lines "), "{line:?}");
    assert!(line.contains(" Ann Author "), "{line:?}");
    let (code, stdout, _) = lectern_in(cwd.path(), &["list", "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let odd = json.as_array().unwrap().iter().find(|p| p["id"] == "odd-pack").expect(&stdout);
    assert_eq!(odd["summary"], "A summary\nover two lines.");
    assert_eq!(odd["tags"], serde_json::json!(["red", "two words"]));
}

#[test]
fn version() {
    let (code, stdout, _) = lectern(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim(), format!("lectern {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_mentions_the_commands() {
    let (code, stdout, _) = lectern(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("check"), "{stdout}");
    assert!(stdout.contains("list"), "{stdout}");
}
