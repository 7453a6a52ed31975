//! The library: its rows against a database with several packs (how far each is read, what
//! is due, notes, when it was opened, the one opened last first, a pack with errors listed
//! with its first error), its box at two sizes, and what its keys do.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::date;
use lectern::catalog::{self, Row};
use lectern::notes::{Annotation, Change, Quote};
use lectern::pack::source::{Found, Library, Place};
use lectern::store::{Db, Reading};
use lectern::study::schedule::{Card, Memory, Outcome};
use lectern::ui::action::Action;
use lectern::ui::pane::library::{Asked, LibraryBox, LibraryView};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn at(time: &str) -> Timestamp {
    time.parse().unwrap()
}

/// A copy of the bundled pack in `dir/NAME` with another title, or a broken quiz.
fn copy(dir: &Path, name: &str, title: &str, broken: bool) -> Found {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
    let to = dir.join(name);
    std::fs::create_dir_all(&to).unwrap();
    for file in ["article.md", "glossary.toml", "quiz.toml", "pack.toml"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let pack = std::fs::read_to_string(to.join("pack.toml")).unwrap();
    std::fs::write(to.join("pack.toml"), pack.replacen("DeepSeek and the AI ‘arms race’", title, 1)).unwrap();
    if broken {
        std::fs::write(to.join("quiz.toml"), "[[question]]\nid = \"x\"\nkind = \"essay\"\nprompt = \"?\"\n").unwrap();
    }
    Found { id: name.to_string(), place: Place::Folder(to) }
}

/// Four packs: the bundled one, its position at ¶ 8 and read to ¶ 12, with two notes and a
/// card due, opened today;
/// `tides`, opened yesterday; `moons`, never opened; `broken`, with an error.
fn library() -> (tempfile::TempDir, Vec<Found>, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bundled = Library::bundled().remove(0);
    let found = vec![
        copy(dir.path(), "moons", "Moons of Jupiter", false),
        copy(dir.path(), "tides", "Tides and the Moon", false),
        bundled.clone(),
        copy(dir.path(), "broken", "A broken pack", true),
    ];
    let data = dir.path().join("data");
    let (mut db, _) = Db::open(&data, at("2026-11-30T12:00:00Z")).unwrap();
    let pack = lectern::pack::load(bundled.origin()).pack;
    let eighth = pack.article.body().nth(7).unwrap();
    db.opened(&bundled.id, at("2026-12-02T12:00:00Z")).unwrap();
    db.save_reading(&bundled.id, Reading { block: eighth, offset: 0 }, at("2026-12-02T12:00:00Z")).unwrap();
    let twelfth = pack.article.body().nth(11).unwrap();
    db.save_furthest(&bundled.id, twelfth, at("2026-12-02T12:00:00Z")).unwrap();
    for id in [1, 2] {
        let quote = Quote { exact: "DeepSeek".into(), prefix: String::new(), suffix: String::new(), block: 2 };
        let time = at("2026-12-02T12:00:00Z");
        let note = Annotation { id, quote, kind: None, note: "n".into(), created: time, updated: time };
        db.write(&bundled.id, &Change::Annotation(note), time).unwrap();
    }
    let memory = Memory {
        stability: 1.0,
        difficulty: 5.0,
        due: date(2026, 12, 1),
        last_review: date(2026, 11, 30),
        reps: 1,
        lapses: 0,
    };
    let card = Card { memory: Some(memory), log: Vec::new(), last: Some(Outcome::Right), given: None };
    db.save_card(&bundled.id, &pack.questions[0].id, &card, &[], at("2026-11-30T12:00:00Z")).unwrap();
    db.opened("tides", at("2026-12-01T12:00:00Z")).unwrap();
    (dir, found, data)
}

fn rows() -> (tempfile::TempDir, Vec<Row>) {
    let (dir, found, data) = library();
    let db = Db::open_read_only(&data).unwrap().unwrap();
    let rows = catalog::rows(found, Some(&db), &lectern::pack::load, date(2026, 12, 2), 20).unwrap();
    (dir, rows)
}

#[test]
fn each_pack_has_its_own_progress_and_the_one_opened_last_comes_first() {
    let (_dir, rows) = rows();
    let ids: Vec<&str> = rows.iter().map(|r| r.found.id.as_str()).collect();
    // Opened today, yesterday, then never (in the order found).
    assert_eq!(ids, ["deepseek-ai-arms-race", "tides", "moons", "broken"]);
    let bundled = &rows[0];
    let paragraphs = lectern::pack::load(bundled.found.origin()).pack.article.body().count();
    assert_eq!(bundled.read, 12 * 100 / paragraphs, "read to the furthest paragraph, not the position");
    assert_eq!((bundled.due, bundled.notes), (1, 2));
    assert_eq!(bundled.opened, Some(at("2026-12-02T12:00:00Z")));
    assert_eq!((rows[1].read, rows[1].due, rows[1].notes), (0, 0, 0));
    assert_eq!(rows[1].title, "Tides and the Moon");
    // New cards: today's limit, whatever the pack has.
    assert_eq!(rows[1].new, 20);
    assert_eq!(rows[2].opened, None);
    assert!(rows.iter().take(3).all(Row::can_open));
    let error = rows[3].error.as_deref().expect("the broken pack's first error");
    assert!(error.contains("essay"), "{error}");
    assert!(!rows[3].can_open());
}

#[test]
fn the_pack_to_open_with_no_name_is_the_one_opened_last() {
    let (_dir, found, data) = library();
    let db = Db::open_read_only(&data).unwrap().unwrap();
    assert_eq!(catalog::last_opened(&found, &db).unwrap().map(|f| f.id), Some("deepseek-ai-arms-race".into()));
    let (mut db, _) = Db::open(&data, at("2026-12-03T08:00:00Z")).unwrap();
    db.opened("moons", at("2026-12-03T08:00:00Z")).unwrap();
    assert_eq!(catalog::last_opened(&found, &db).unwrap().map(|f| f.id), Some("moons".into()));
    // A pack opened once but no longer found is not chosen: without moons, tides.
    let without: Vec<Found> =
        found.iter().filter(|f| f.id != "moons" && f.id != "deepseek-ai-arms-race").cloned().collect();
    assert_eq!(catalog::last_opened(&without, &db).unwrap().map(|f| f.id), Some("tides".into()));
    assert_eq!(catalog::last_opened(&found[2..3], &db).unwrap().map(|f| f.id), Some("deepseek-ai-arms-race".into()));
}

fn screen(view: &LibraryView, size: (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let theme = lectern::ui::theme::Theme::mono();
    terminal
        .draw(|frame| {
            let area = lectern::ui::pane::library::area(frame.area());
            frame.render_widget(LibraryBox { view, theme: &theme, close: "Esc" }, area);
        })
        .unwrap();
    lectern::ui::replay::screen_text(terminal.backend().buffer())
}

#[test]
fn the_library_at_80x24() {
    let (_dir, rows) = rows();
    let view = LibraryView::new(rows, date(2026, 12, 2), &|row| row.found.id == "tides");
    insta::assert_snapshot!(screen(&view, (80, 24)));
}

#[test]
fn the_library_at_200x50() {
    let (_dir, rows) = rows();
    let mut view = LibraryView::new(rows, date(2026, 12, 2), &|row| row.found.id == "tides");
    view.update(Action::Bottom);
    insta::assert_snapshot!(screen(&view, (200, 50)));
}

#[test]
fn keys_choose_filter_and_open() {
    let (_dir, rows) = rows();
    let mut view = LibraryView::new(rows, date(2026, 12, 2), &|row| row.found.id == "tides");
    // Enter on the bundled pack opens it; on the one open now it only closes the box.
    assert!(matches!(view.update(Action::Activate), Asked::Open(f) if f.id == "deepseek-ai-arms-race"));
    view.update(Action::Scroll(1));
    assert_eq!(view.update(Action::Activate), Asked::Close);
    // A pack with errors is not opened: the app says why and how to see them.
    view.update(Action::Bottom);
    match view.update(Action::Activate) {
        Asked::Say(text) => {
            assert!(text.contains("broken has errors") && text.contains("lectern check broken"), "{text}")
        }
        other => panic!("{other:?}"),
    }
    // `/` filters, fuzzily, on title, author or id; Esc clears the filter, then closes.
    view.update(Action::StartInput);
    for c in "jupitr".chars() {
        view.update(Action::Input(c));
    }
    view.update(Action::Activate);
    assert!(!view.filtering);
    assert_eq!(view.row().map(|r| r.found.id.as_str()), Some("moons"));
    assert_eq!(view.shown.len(), 1);
    assert_eq!(view.update(Action::Back), Asked::Nothing);
    assert_eq!(view.shown.len(), 4);
    assert_eq!(view.update(Action::Back), Asked::Close);
}

/// Runs lectern with `args` and `input` on standard input, with its data in `data`;
/// returns standard output, having checked it succeeded.
fn lectern(data: &Path, args: &[&str], input: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .env("LECTERN_DATA_DIR", data)
        .env("LECTERN_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "lectern {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The question ids answered in the pack at `dir`, as its results export says.
fn answered(data: &Path, dir: &Path) -> Vec<String> {
    let json = lectern(data, &["export", dir.to_str().unwrap(), "--format", "results"], "");
    let results: serde_json::Value = serde_json::from_str(&json).unwrap();
    let questions = results["questions"].as_array().unwrap();
    questions.iter().filter(|q| q["answered"] == true).map(|q| q["key"].as_str().unwrap().to_string()).collect()
}

#[test]
fn two_packs_with_one_folder_name_keep_their_progress_apart_and_a_moved_one_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Place::Folder(a) = copy(&dir.path().join("a"), "chapter-1", "Chapter 1", false).place else { panic!() };
    let Place::Folder(b) = copy(&dir.path().join("b"), "chapter-1", "Chapter one", false).place else { panic!() };
    // B is another teacher's pack: the same question ids, as happens when both start from
    // one pack, but progress of its own.
    let (a, b) = (a.to_str().unwrap().to_string(), b.to_str().unwrap().to_string());
    lectern(&data, &["quiz", "--plain", "--in-order", &a], "Liang Wenfeng\n1\n\n3\n1 2\nt\n");
    let in_a = answered(&data, Path::new(&a));
    assert_eq!(in_a.len(), 5, "{in_a:?}");
    lectern(&data, &["quiz", "--plain", "--in-order", &b], "Liang Wenfeng\n");
    let in_b = answered(&data, Path::new(&b));
    assert_eq!(in_b, in_a[..1], "B has its one answer, none of A's");
    assert_eq!(answered(&data, Path::new(&a)), in_a, "answering in B took nothing from A");
    // A moved: its progress goes with it; B keeps its own.
    let moved = dir.path().join("moved");
    std::fs::rename(dir.path().join("a"), &moved).unwrap();
    let moved = moved.join("chapter-1");
    lectern(&data, &["quiz", "--plain", "--in-order", moved.to_str().unwrap()], "");
    assert_eq!(answered(&data, &moved), in_a);
    assert_eq!(answered(&data, Path::new(&b)), in_b);
}

#[test]
fn of_two_packs_with_one_id_the_open_one_is_told_by_where_it_lives() {
    let dir = tempfile::tempdir().unwrap();
    let a = copy(&dir.path().join("a"), "chapter-1", "Chapter 1", false);
    let b = copy(&dir.path().join("b"), "chapter-1", "Chapter one", false);
    let rows = catalog::rows(vec![a.clone(), b.clone()], None, &lectern::pack::load, date(2026, 12, 2), 20).unwrap();
    let open = lectern::store::Identity::of(&a, "").place;
    let is_open = |row: &Row| lectern::store::Identity::of(&row.found, "").place == open;
    let mut view = LibraryView::new(rows, date(2026, 12, 2), &is_open);
    assert_eq!(view.row().unwrap().found, a, "never opened: listed in the order found");
    // Enter on the open one closes the box; on the other, of the same id, opens it.
    assert_eq!(view.update(Action::Activate), Asked::Close);
    view.update(Action::Scroll(1));
    assert_eq!(view.update(Action::Activate), Asked::Open(b));
}
