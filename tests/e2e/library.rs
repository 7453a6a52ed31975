//! The library in the app: `L` opens another pack in place, each pack keeps its own place,
//! and `lectern` with no argument opens the pack read last.

use std::path::Path;

use super::tui::*;

/// A copy of the bundled pack in the app's `./texts/tides`, titled "Tides and the Moon".
fn second_pack(cwd: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
    let to = cwd.join("texts/tides");
    std::fs::create_dir_all(&to).unwrap();
    for file in ["article.md", "glossary.toml", "quiz.toml", "pack.toml"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let pack = std::fs::read_to_string(to.join("pack.toml")).unwrap();
    std::fs::write(to.join("pack.toml"), pack.replacen("DeepSeek and the AI ‘arms race’", "Tides and the Moon", 1))
        .unwrap();
}

#[test]
fn l_opens_another_pack_in_place_each_keeps_its_place_and_the_last_read_opens_next() {
    let dirs = Dirs::new();
    second_pack(dirs.cwd.path());
    let mut tui = Tui::start(&dirs);
    let first = tui.wait_first_screen();
    tui.send(PAGE_DOWN);
    tui.send(PAGE_DOWN);
    let read = tui.wait_for_status("the article to move on", |s| s.paragraph > first.paragraph);
    // The glossary marks, changed here, stay as chosen in the next pack.
    tui.send("M");
    tui.wait_for_text("marks: all");

    // The library lists both; a filter and Enter open the other in place.
    tui.send("L");
    tui.wait_for_text("Library: ");
    tui.wait_for_text("Tides and the Moon");
    tui.send("/tides");
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_until("the other pack in the article pane", |s| {
        (article_text(s).contains("Tides and the Moon") && !s.contents().contains("Library: ")).then_some(())
    });
    tui.wait_for_status("the other pack's status, at its start", |s| s.paragraph == 1);
    tui.send("M");
    tui.wait_for_text("marks: none");
    tui.send("q");
    tui.wait_exit();
    tui.assert_restored();

    // No argument: the pack read last, Tides. Back to DeepSeek from the library: its place kept.
    let mut tui = Tui::start(&dirs);
    tui.wait_until("the pack read last", |s| article_text(s).contains("Tides and the Moon").then_some(()));
    tui.send("L");
    tui.wait_for_text("Library: ");
    tui.send("/deeps");
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_until("DeepSeek again", |s| article_text(s).contains(TITLE).then_some(()));
    tui.wait_for_status("DeepSeek's own place", |s| s.paragraph == read.paragraph);
    // Back to Tides, which then gets broken: the next start opens the bundled pack and says why.
    tui.send("L");
    tui.wait_for_text("Library: ");
    tui.send("/tides");
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_until("Tides again", |s| article_text(s).contains("Tides and the Moon").then_some(()));
    tui.send("q");
    tui.wait_exit();
    std::fs::write(dirs.cwd.path().join("texts/tides/quiz.toml"), "[[question]]\nid = \"x\"\n").unwrap();
    let mut tui = Tui::start(&dirs);
    tui.wait_for_text("tides, read last, has problems");
    tui.wait_until("the bundled pack", |s| article_text(s).contains(TITLE).then_some(()));
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn the_pack_read_last_is_the_one_the_database_names_whatever_the_note_beside_it_says() {
    let dirs = Dirs::new();
    second_pack(dirs.cwd.path());
    let tides = dirs.cwd.path().join("texts/tides");
    let mut tui = Tui::start_with(&dirs, &[tides.to_str().unwrap()]);
    tui.wait_until("Tides", |s| article_text(s).contains("Tides and the Moon").then_some(()));
    tui.send("q");
    tui.wait_exit();
    // The app notes the pack it opened beside the database, for the next start to load early.
    let note = dirs.data.path().join("last-read");
    let noted = std::fs::read_to_string(&note).unwrap();
    assert_eq!(Path::new(&noted), tides.canonicalize().unwrap());

    // A note that names another pack (another lectern wrote it, or it is stale): the
    // database's word stands, and Tides opens.
    std::fs::write(&note, "bundled:deepseek-ai-arms-race").unwrap();
    let mut tui = Tui::start(&dirs);
    tui.wait_until("the pack the database names", |s| article_text(s).contains("Tides and the Moon").then_some(()));
    tui.send("q");
    tui.wait_exit();
    assert_eq!(std::fs::read_to_string(&note).unwrap(), noted, "noted again as it opened");

    // A note naming no pack at all is passed over.
    std::fs::write(&note, "/nowhere/at/all").unwrap();
    let mut tui = Tui::start(&dirs);
    tui.wait_until("Tides again", |s| article_text(s).contains("Tides and the Moon").then_some(()));
    tui.send("q");
    tui.wait_exit();
}
