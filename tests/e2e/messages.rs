//! A message the status bar would cut, such as where a damaged database was moved, is said
//! whole in a box that Esc closes.

use super::tui::*;

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
