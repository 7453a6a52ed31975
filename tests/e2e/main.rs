//! The app end to end, in a real pseudo-terminal: the binary is started as a user would start
//! it, keys are typed at it as bytes, and what it prints is fed to a terminal emulator (`vt100`)
//! whose screen the tests read. This checks what the replay tests cannot: raw mode and the
//! alternate screen, the key parser, signals, and the position saved on disk between runs.
//!
//! Every wait is a wait for something on the screen (or for the process to end), bounded by
//! [`TIMEOUT`]; when it runs out the test fails and prints the screen as it was.

#![cfg(unix)]

mod export;
mod library;
mod messages;
mod notes;
mod signals;
mod tui;

use expectrl::process::unix::WaitStatus;

use tui::*;

#[test]
fn read_search_look_up_quit_and_resume() {
    let dirs = Dirs::new();
    let mut tui = Tui::start(&dirs);

    // 1. The bundled article opens at its first paragraph.
    tui.wait_for_text(TITLE);
    let first = tui.wait_for_status("¶ 1/15 in the status bar", |s| s.paragraph == 1);
    assert_eq!(first.total, 15, "{first:?}");
    assert!(tui.screen().alternate_screen(), "the app is not on the alternate screen");
    let first_term = selected_term(tui.screen()).unwrap_or_else(|| tui.fail("no glossary term is selected"));

    // 2. Two pages down moves on through the paragraphs.
    tui.send(PAGE_DOWN);
    tui.send(PAGE_DOWN);
    let paged = tui.wait_for_status("the paragraph number to grow", |s| s.paragraph > first.paragraph);
    assert_eq!(paged.total, 15);

    // 3. Search. While typing, the query takes the status bar's place.
    tui.send("/Nvidia");
    tui.wait_until("the query in the status bar", |s| status_row(s).contains("/Nvidia").then_some(()));
    tui.send(ENTER);
    tui.wait_for_status("the status bar back after Enter", |_| true);
    if !article_text(tui.screen()).contains("Nvidia") {
        tui.fail("the search for Nvidia did not bring it into the article pane");
    }
    // "Nvidia" occurs once in the article: `n` wraps round to the same match.
    tui.send("n");
    tui.wait_for_text("match 1/1");

    // A word with several matches: `n` goes on to the next one.
    tui.send("/chips");
    tui.wait_until("the query in the status bar", |s| status_row(s).contains("/chips").then_some(()));
    tui.send(ENTER);
    tui.wait_for_status("the status bar back after Enter", |_| true);
    tui.send("n");
    let (i, total) = tui.wait_until("“match i/total” for chips", |s| parse_match(&status_row(s)));
    assert!(total > 1 && (1..=total).contains(&i), "match {i}/{total}");
    tui.send("n");
    let next = i % total + 1;
    tui.wait_for_text(&format!("match {next}/{total}"));

    // 4. The term cursor and Enter show the term's entry in the glossary pane beside the article.
    tui.send("t");
    tui.send(ENTER);
    let term =
        tui.wait_until("another glossary term to be selected", |s| selected_term(s).filter(|t| *t != first_term));
    let side = side_text(tui.screen());
    assert!(side.contains("Glossary"), "the side pane is not the glossary:\n{side}");
    // The name in the list and again over its entry.
    assert!(side.matches(term.as_str()).count() >= 2, "no entry for {term:?}:\n{side}");
    assert!(side.contains("See also") || side.contains("Appears in"), "no entry for {term:?}:\n{side}");

    // 5. Quit: the terminal is given back and the app exits with success.
    tui.settle();
    let before = parse_status(&status_row(tui.screen())).unwrap_or_else(|| tui.fail("no status bar"));
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "the app ended with {status:?}");
    tui.assert_restored();
    // The database was closed: its write-ahead log folded in and removed, not left for the
    // next open to read through.
    assert!(!dirs.database_log().exists(), "{} was left behind", dirs.database_log().display());
    // And recorded as closed whole, so that the next open need not check it again.
    let record = dirs.data.path().join(format!("{}-checked", lectern::store::FILE));
    assert!(record.exists(), "no {}", record.display());
    assert!(dirs.saved_reading().is_some(), "no reading position in {}", dirs.database().display());
    drop(tui);

    // 6. The next run resumes where the last one quit.
    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.wait_for_status(&format!("the status bar to show {before:?} again"), |s| s == before);
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "the app ended with {status:?}");
}

#[test]
fn progress_that_cannot_be_saved_is_said_until_the_end_and_on_quitting() {
    let dirs = Dirs::new();
    // A folder where the database should be: nothing can be read or saved.
    std::fs::create_dir(dirs.database()).unwrap();
    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.wait_for_text("is being saved");
    tui.send("jjj");
    tui.settle();
    if !status_row(tui.screen()).contains("is being saved") {
        tui.fail("the warning went away after a key");
    }
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 1)), "quitting unsaved ends with status 1, not {status:?}");
    tui.assert_restored();
    let printed = String::from_utf8_lossy(&tui.raw);
    let after = &printed[printed.rfind("\u{1b}[?1049l").unwrap_or(0)..];
    assert!(
        after.contains("nothing you do now is being saved"),
        "the warning is printed after the terminal is given back: {after:?}"
    );
}
