//! A message the status bar would cut, such as where a damaged database was moved, is said
//! whole in a box that Esc closes.

use expectrl::process::unix::WaitStatus;

use super::tui::*;

#[test]
fn a_damaged_database_is_said_even_when_the_pack_stops_the_app() {
    // The database is opened while the pack loads; a pack with problems ends the app before
    // the terminal is taken, and where the damaged database went is still said.
    let dirs = Dirs::new();
    std::fs::write(dirs.database(), b"not a database. ".repeat(256)).unwrap();
    let pack = dirs.cwd.path().join("broken");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(pack.join("pack.toml"), "title = \"unclosed\n").unwrap();
    let mut tui = Tui::start_with(&dirs, &[pack.to_str().unwrap()]);
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 1)), "the app ended with {status:?}");
    let said = String::from_utf8_lossy(&tui.raw).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("pack.toml"), "the pack's problem is not said:\n{said}");
    assert!(said.contains("could not be read") && said.contains("corrupt-"), "the database is not said:\n{said}");
    assert!(!tui.raw.windows(ENTER_ALTERNATE.len()).any(|w| w == ENTER_ALTERNATE), "the terminal was taken");
    let aside = std::fs::read_dir(dirs.data.path()).unwrap().filter_map(Result::ok);
    assert!(aside.into_iter().any(|e| e.file_name().to_string_lossy().contains("corrupt-")), "nothing was set aside");
}

#[test]
fn a_damaged_database_is_said_whole_with_where_it_went() {
    let dirs = Dirs::new();
    std::fs::write(dirs.database(), b"not a database. ".repeat(256)).unwrap();
    let mut tui = Tui::start(&dirs);
    tui.wait_for_text("Message");
    tui.wait_until("the whole message, with the path", |s| {
        let text: String = s.contents().split_whitespace().collect::<Vec<_>>().join(" ");
        (text.contains("could not be read") && text.contains("corrupt-")).then_some(())
    });
    tui.send("\x1b");
    tui.wait_until("the box closed", |s| (!s.contents().contains("Message (")).then_some(()));
    tui.send("q");
    tui.wait_exit();
}
