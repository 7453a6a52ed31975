//! `E` in the app: the export box writes the chosen file into the folder the app was
//! started in, the same bytes `lectern export` writes, never over a file already there;
//! and a term looked up in the app is in the handout.

use std::process::Command;

use super::tui::*;

#[test]
fn e_writes_what_lectern_export_writes_and_never_over_a_file() {
    let dirs = Dirs::new();
    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    // A term looked up in the glossary: filtered, and chosen with Enter.
    tui.send("2/open source");
    tui.send(ENTER);
    tui.settle();
    tui.send("E");
    tui.wait_for_text("Write a file in the folder");
    tui.send("h");
    tui.wait_for_text("wrote ");
    let first = dirs.cwd.path().join("deepseek-ai-arms-race-handout.md");
    let handout = std::fs::read_to_string(&first).expect("the handout is in the folder the app started in");
    assert!(handout.contains("## Terms I looked up\n\n- **Open source**"), "{handout}");

    // The command line, on the same database, writes the same bytes.
    let cli = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["export", "--format", "handout"])
        .env("LECTERN_DATA_DIR", dirs.data.path())
        .env("LECTERN_CONFIG_DIR", dirs.config.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(cli.stdout).unwrap(), handout);

    // Again: a second file, and the first one kept as it was.
    std::fs::write(&first, "the reader's own edits").unwrap();
    tui.send("E");
    tui.wait_for_text("Write a file in the folder");
    tui.send("h");
    tui.wait_for_text("handout-2.md");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "the reader's own edits");
    let second = dirs.cwd.path().join("deepseek-ai-arms-race-handout-2.md");
    assert_eq!(std::fs::read_to_string(second).unwrap(), handout);

    // Esc closes the box and writes nothing.
    tui.send("E");
    tui.wait_for_text("Write a file in the folder");
    tui.send("\x1b");
    tui.settle();
    let files = std::fs::read_dir(dirs.cwd.path()).unwrap().count();
    assert_eq!(files, 2, "nothing else was written");
    tui.send("q");
    tui.wait_exit();
}
