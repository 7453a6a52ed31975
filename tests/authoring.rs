//! Help for authors: `lectern new` makes a pack that passes `lectern check` as it stands and
//! shows every field of the format, and the bundled guide "Writing a study pack" is a complete
//! pack in its own right.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use lectern::pack::load;
use lectern::pack::model::Kind;
use lectern::pack::source::{BUNDLED, Origin};
use lectern::text::terms::TermIndex;
use tempfile::TempDir;

/// A sandbox: empty data, config and working directories, deleted on drop.
struct Sandbox {
    root: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        fs::create_dir(root.path().join("work")).expect("work dir");
        Sandbox { root }
    }

    fn work(&self) -> PathBuf {
        self.root.path().join("work")
    }

    /// Runs lectern in the working directory; returns (exit code, stdout, stderr).
    fn lectern(&self, args: &[&str]) -> (i32, String, String) {
        let output = Command::cargo_bin("lectern")
            .expect("the lectern binary")
            .args(args)
            .current_dir(self.work())
            .env("LECTERN_DATA_DIR", self.root.path().join("data"))
            .env("LECTERN_CONFIG_DIR", self.root.path().join("config"))
            .env("HOME", self.root.path().join("home"))
            .env("NO_COLOR", "1")
            .output()
            .expect("run lectern");
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf-8 output");
        (output.status.code().expect("an exit code"), text(output.stdout), text(output.stderr))
    }
}

/// The kinds the pack's questions use.
fn kinds(pack: &lectern::pack::Pack) -> BTreeSet<&'static str> {
    pack.questions.iter().map(|q| q.kind.name()).collect()
}

// ── The bundled guide ─────────────────────────────────────────────────────────────────────

const GUIDE: &str = "writing-a-study-pack";

fn guide() -> lectern::pack::Loaded {
    let bundled = BUNDLED.iter().find(|b| b.id == GUIDE).expect("the guide is bundled");
    load(Origin::Bundled(bundled))
}

#[test]
fn the_guide_is_bundled_after_the_first_pack() {
    let ids: Vec<&str> = BUNDLED.iter().map(|b| b.id).collect();
    assert_eq!(ids, ["deepseek-ai-arms-race", GUIDE], "the first bundled pack is what opens with no argument");
}

#[test]
fn the_guide_loads_with_no_diagnostics_at_all() {
    let loaded = guide();
    let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(false)).collect();
    assert!(messages.is_empty(), "{messages:#?}");
    let pack = loaded.pack;
    assert_eq!(pack.title, "Writing a study pack");
    assert!(!pack.summary.is_empty() && !pack.version.is_empty() && !pack.tags.is_empty());
}

#[test]
fn every_paragraph_of_the_guide_has_a_question() {
    let pack = guide().pack;
    let article = &pack.article;
    for question in &pack.questions {
        let anchor = question.reference.as_ref().and_then(|r| r.anchor.as_ref());
        let anchor = anchor.unwrap_or_else(|| panic!("`{}` has no ref found in the article", question.id));
        assert!(article.blocks[anchor.block].is_body(), "`{}` is tied to a heading or a code block", question.id);
        assert!(question.explain.is_some(), "`{}` explains nothing", question.id);
        assert!(!question.draft, "`{}` is a draft", question.id);
    }
    let quizzed: BTreeSet<usize> =
        pack.questions.iter().filter_map(|q| q.reference.as_ref()?.anchor.as_ref()).map(|a| a.block).collect();
    let untested: Vec<usize> =
        article.body().filter(|b| !quizzed.contains(b)).filter_map(|b| article.paragraph_number(b)).collect();
    assert!(untested.is_empty(), "paragraphs with no question: {untested:?}");
    let stats = pack.stats();
    assert_eq!(stats.quizzed, stats.paragraphs);
}

#[test]
fn the_guide_asks_every_kind_of_question() {
    let pack = guide().pack;
    assert_eq!(kinds(&pack), Kind::NAMES.into_iter().collect(), "{:?}", kinds(&pack));
}

#[test]
fn every_term_of_the_guide_is_in_its_article() {
    let pack = guide().pack;
    let index = TermIndex::new(
        pack.terms.iter().map(|t| std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str))),
    );
    let article = &pack.article;
    let found: BTreeSet<usize> =
        article.body().flat_map(|b| index.find(&article.blocks[b].text)).map(|mark| mark.term).collect();
    let missing: Vec<&str> =
        pack.terms.iter().enumerate().filter(|(i, _)| !found.contains(i)).map(|(_, t)| t.term.as_str()).collect();
    assert!(missing.is_empty(), "terms no paragraph uses: {missing:?}");
    assert!(pack.terms.iter().all(|t| !t.draft));
}

#[test]
fn every_discussion_prompt_of_the_guide_points_into_the_article() {
    let pack = guide().pack;
    assert!(pack.discussion.len() >= 3, "prompts for teachers");
    for prompt in &pack.discussion {
        let anchor = prompt.reference.as_ref().and_then(|r| r.anchor.as_ref());
        let anchor = anchor.unwrap_or_else(|| panic!("no ref found for {:?}", prompt.prompt));
        assert!(pack.article.blocks[anchor.block].is_body(), "{:?}", prompt.prompt);
    }
}

#[test]
fn check_passes_the_guide_cleanly() {
    let sandbox = Sandbox::new();
    let (code, stdout, stderr) = sandbox.lectern(&["check", GUIDE]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let line = stdout.trim_end();
    assert!(line.starts_with("ok  writing-a-study-pack  ") && !line.contains("warning"), "{line}");
    let stats = guide().pack.stats();
    assert!(line.ends_with(&format!("{0}/{0} paragraphs quizzed", stats.paragraphs)), "{line}");
}

// ── lectern new ─────────────────────────────────────────────────────────────────────────────

#[test]
fn new_makes_a_pack_that_passes_check_with_every_kind() {
    let sandbox = Sandbox::new();
    let (code, stdout, stderr) = sandbox.lectern(&["new", "my-pack"]);
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert!(stdout.contains("my-pack"), "the message names the folder:\n{stdout}");
    assert!(stdout.contains("lectern check my-pack"), "and says what to run next:\n{stdout}");
    assert!(stdout.contains("lectern my-pack "), "{stdout}");

    let dir = sandbox.work().join("my-pack");
    let mut names: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["article.md", "glossary.toml", "pack.toml", "quiz.toml"]);

    let (code, stdout, stderr) = sandbox.lectern(&["check", "my-pack"]);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stderr, "", "no warnings either");
    assert!(stdout.starts_with("ok  my-pack  "), "the id is the folder's name:\n{stdout}");
    assert!(stdout.contains("(7 kinds)"), "{stdout}");

    let loaded = load(Origin::Folder(&dir));
    assert!(loaded.diagnostics.is_empty());
    let pack = loaded.pack;
    assert_eq!(kinds(&pack).len(), Kind::NAMES.len(), "{:?}", kinds(&pack));
    assert!(!pack.terms.is_empty() && !pack.discussion.is_empty());
    let stats = pack.stats();
    assert_eq!(stats.quizzed, stats.paragraphs, "every paragraph of the placeholder article has a question");
    assert!(pack.questions.iter().all(|q| q.reference.as_ref().is_some_and(|r| r.anchor.is_some())));
    assert!(pack.discussion.iter().all(|p| p.reference.as_ref().is_some_and(|r| r.anchor.is_some())));
}

#[test]
fn new_takes_title_and_author_as_written() {
    let sandbox = Sandbox::new();
    let (title, author) = (r#"A "quoted" \ title"#, r"Ann O\'Neil");
    let (code, _, stderr) = sandbox.lectern(&["new", "texts/quoted", "--title", title, "--author", author]);
    assert_eq!(code, 0, "stderr:\n{stderr}");
    let dir = sandbox.work().join("texts/quoted");
    let loaded = load(Origin::Folder(&dir));
    let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(false)).collect();
    assert!(messages.is_empty(), "{messages:#?}");
    assert_eq!(loaded.pack.title, title);
    assert_eq!(loaded.pack.author, author);
    let stats = loaded.pack.stats();
    assert_eq!(stats.quizzed, stats.paragraphs, "the byline still names the author, so it is not a paragraph");

    // In ./texts/ the pack is found by its id.
    let (code, stdout, stderr) = sandbox.lectern(&["check", "quoted"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let (code, stdout, _) = sandbox.lectern(&["list"]);
    assert_eq!(code, 0);
    assert!(stdout.lines().any(|l| l.starts_with("quoted ") && l.contains(title)), "{stdout}");
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let sandbox = Sandbox::new();
    let dir = sandbox.work().join("notes");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("todo.txt"), "mine").unwrap();
    let (code, stdout, stderr) = sandbox.lectern(&["new", "notes"]);
    assert_ne!(code, 0);
    assert_eq!(stdout, "");
    assert!(stderr.contains("notes") && stderr.contains("not empty"), "the message names the folder:\n{stderr}");
    let names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["todo.txt"], "nothing is written");
    assert_eq!(fs::read_to_string(dir.join("todo.txt")).unwrap(), "mine");

    // An empty folder is used, and a file is refused.
    fs::create_dir(sandbox.work().join("empty")).unwrap();
    let (code, _, stderr) = sandbox.lectern(&["new", "empty"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(sandbox.work().join("empty/quiz.toml").is_file());
    let (code, _, stderr) = sandbox.lectern(&["new", "notes/todo.txt"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("notes/todo.txt"), "{stderr}");
}

#[test]
fn new_refuses_an_empty_title() {
    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.lectern(&["new", "blank", "--title", "  "]);
    assert_ne!(code, 0);
    assert!(stderr.contains("--title"), "{stderr}");
    assert!(!sandbox.work().join("blank").exists());
    // A control or direction character would go into the pack's files as it is.
    for title in ["Tides\u{1}x", "Tides \u{202e}x"] {
        let (code, _, stderr) = sandbox.lectern(&["new", "odd", "--title", title]);
        assert_ne!(code, 0);
        assert!(stderr.contains("--title holds a control character"), "{stderr}");
        assert!(!sandbox.work().join("odd").exists());
    }
}

/// The field names each file may hold, read from the tables of `docs/pack-format.md`: every
/// row of a table headed `| Field |`, under the section of its file.
fn documented_fields() -> Vec<(&'static str, BTreeSet<String>)> {
    let docs = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/pack-format.md")).unwrap();
    let mut files: Vec<(&'static str, BTreeSet<String>)> =
        ["pack.toml", "glossary.toml", "quiz.toml"].into_iter().map(|f| (f, BTreeSet::new())).collect();
    let mut section: Option<usize> = None;
    let mut in_fields = false;
    for line in docs.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = files.iter().position(|(f, _)| *f == heading.trim());
        }
        if line.starts_with("| Field |") {
            in_fields = true;
            continue;
        }
        if !line.starts_with('|') {
            in_fields = false;
            continue;
        }
        let (true, Some(i)) = (in_fields, section) else { continue };
        let cell = line.split('|').nth(1).unwrap_or_default().trim();
        if let Some(name) = cell.strip_prefix('`').and_then(|c| c.strip_suffix('`')) {
            files[i].1.insert(name.trim_start_matches("[[").trim_end_matches("]]").to_string());
        }
    }
    files
}

#[test]
fn every_documented_field_is_in_the_new_pack() {
    let fields = documented_fields();
    // The reading of the docs finds the fields the loader knows today.
    let known: [(&str, &[&str]); 3] = [
        (
            "pack.toml",
            &["title", "author", "summary", "version", "tags", "glossary_cards", "discussion", "prompt", "ref"],
        ),
        ("glossary.toml", &["term", "aliases", "definition", "see_also", "draft"]),
        (
            "quiz.toml",
            &[
                "id", "kind", "prompt", "explain", "ref", "draft", "choices", "answer", "shuffle", "answers", "accept",
                "text", "items",
            ],
        ),
    ];
    for ((file, found), (same, expected)) in fields.iter().zip(known) {
        assert_eq!(*file, same);
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        assert!(found.is_superset(&expected), "{file}: the docs' tables give {found:?}");
    }

    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.lectern(&["new", "fields"]);
    assert_eq!(code, 0, "{stderr}");
    for (file, names) in fields {
        let text = fs::read_to_string(sandbox.work().join("fields").join(file)).unwrap();
        // A field is there live (`name = …`, `[[name]]`) or commented out (`# name = …`).
        let lines: Vec<&str> = text.lines().map(|l| l.trim_start_matches('#').trim()).collect();
        for name in names {
            let shown = lines.iter().any(|l| {
                l.strip_prefix(name.as_str()).is_some_and(|rest| rest.trim_start().starts_with('='))
                    || *l == format!("[[{name}]]")
            });
            assert!(shown, "{file} of a new pack shows no `{name}`, live or commented:\n{text}");
        }
    }
}
