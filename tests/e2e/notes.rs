//! Highlights, notes and answers made in the app are in the database at once: after `q`,
//! after SIGTERM, after SIGKILL, and with a second lectern open on the same pack.

use std::time::Duration;

use expectrl::process::unix::WaitStatus;

use super::tui::*;

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

impl Dirs {
    /// The notes the database holds for the pack: each annotation's kind and note.
    fn saved_notes(&self) -> Vec<(Option<&'static str>, String)> {
        self.saved().notes.annotations.iter().map(|a| (a.kind.map(|k| k.name()), a.note.clone())).collect()
    }

    /// The positions written on discussion prompts.
    fn saved_answers(&self) -> Vec<String> {
        self.saved().notes.answers.into_iter().map(|a| a.text).collect()
    }
}

#[test]
fn a_note_kept_in_the_app_is_in_the_database_after_q_sigterm_and_sigkill() {
    let dirs = Dirs::new();

    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send("}})a");
    tui.wait_for_text("keeps it");
    tui.send("kept before q");
    tui.send(CTRL_S);
    tui.wait_for_text("note kept");
    tui.send("q");
    tui.wait_exit();
    assert_eq!(dirs.saved_notes(), [(None, "kept before q".to_string())]);

    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send("))h1");
    tui.wait_for_text("highlighted as important");
    tui.settle();
    tui.kill("-TERM");
    assert!(matches!(tui.wait_exit(), WaitStatus::Exited(..)));
    tui.assert_restored();
    assert!(dirs.saved_notes().contains(&(Some("important"), String::new())), "{:?}", dirs.saved_notes());

    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send(")))a");
    tui.wait_for_text("keeps it");
    tui.send("kept before a kill");
    tui.send(CTRL_S);
    tui.wait_for_text("note kept");
    std::thread::sleep(Duration::from_secs(1));
    tui.kill("-KILL");
    tui.wait_exit();
    assert_eq!(dirs.saved_notes().len(), 3, "{:?}", dirs.saved_notes());
    assert!(dirs.saved_notes().contains(&(None, "kept before a kill".to_string())));

    // Opened again, all three are in the notes pane and marked in the margin.
    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send("5");
    tui.wait_for_text("▶ 5 Notes");
    tui.settle();
    let side = side_text(tui.screen());
    let rows = ["! ¶", "✎ ¶"].iter().map(|m| side.matches(m).count()).sum::<usize>();
    assert_eq!(rows, 3, "three rows in the list: {side}");
    let article = article_text(tui.screen());
    assert!(article.contains('!') && article.contains('✎'), "{article}");
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn two_apps_on_one_pack_both_keep_what_they_wrote() {
    let dirs = Dirs::new();
    let mut one = Tui::start(&dirs);
    let mut two = Tui::start(&dirs);
    one.wait_first_screen();
    two.wait_first_screen();
    one.send(")a");
    two.send("}}})a");
    one.wait_for_text("keeps it");
    two.wait_for_text("keeps it");
    one.send("from the first");
    two.send("from the second");
    one.send(CTRL_S);
    two.send(CTRL_S);
    one.wait_for_text("note kept");
    two.wait_for_text("note kept");
    // Each writes a position on a prompt too.
    one.send("4a");
    one.wait_for_text("Your position");
    one.send("first position");
    one.send(ESC);
    one.wait_for_text("your position kept");
    two.send("4ja");
    two.wait_for_text("Your position");
    two.send("second position");
    two.send(ESC);
    two.wait_for_text("your position kept");
    one.send("q");
    one.wait_exit();
    two.send("q");
    two.wait_exit();
    let mut notes: Vec<String> = dirs.saved_notes().into_iter().map(|(_, n)| n).collect();
    notes.sort();
    assert_eq!(notes, ["from the first", "from the second"]);
    let mut answers = dirs.saved_answers();
    answers.sort();
    assert_eq!(answers, ["first position", "second position"]);
}

#[test]
fn a_note_that_cannot_be_saved_stays_open_in_its_editor_with_the_reason() {
    let dirs = Dirs::new();
    std::fs::create_dir(dirs.database()).unwrap();
    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.send(")a");
    tui.wait_for_text("keeps it");
    tui.send("precious");
    tui.send(CTRL_S);
    tui.wait_for_text("not saved");
    tui.settle();
    let screen = tui.screen().contents();
    assert!(screen.contains("precious"), "the note is still in its editor: {screen}");
    tui.send(ESC);
    tui.settle();
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 1)), "{status:?}");
}

#[test]
fn a_note_being_written_is_kept_when_the_terminal_goes_away() {
    let dirs = Dirs::new();
    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send(")a");
    tui.wait_for_text("keeps it");
    tui.send("half a thought");
    tui.wait_for_text("half a thought");
    tui.settle();
    tui.kill("-HUP");
    tui.wait_exit();
    assert_eq!(dirs.saved_notes(), [(None, "half a thought".to_string())]);
}
