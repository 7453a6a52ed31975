//! `lectern export` itself: its help, its options' errors, writing to a file, and the text
//! format.

use super::*;

#[test]
fn help_lists_every_format() {
    let (code, out, _) = empty().lectern(&["export", "--help"]);
    assert_eq!(code, 0);
    let help = String::from_utf8(out).unwrap();
    for format in lectern::export::Format::ALL {
        assert!(help.contains(format.name()), "{} is not in the help:\n{help}", format.name());
    }
    for option in ["--html", "--all-terms", "--seed", "--no-key", "--only", "--paragraphs", "--no-numbers", "--width"] {
        assert!(help.contains(option), "{option} is not in the help");
    }
}

#[test]
fn options_that_do_not_fit_are_refused_before_anything_is_written() {
    let state = empty();
    for (args, says) in [
        (&["export", "--format", "text", "--html"][..], "--html is for the handout and the worksheet"),
        (&["export", "--format", "anki", "--html"][..], "--html is for the handout and the worksheet"),
        (&["export", "--width", "19"][..], "19 columns is too narrow to read; give 20 or more"),
        (&["export", "--format", "worksheet", "--only", "choice,essay"][..], "`essay` is not a question kind"),
        (&["export", "--format", "worksheet", "--paragraphs", "7-3"][..], "runs backwards"),
        (&["export", "--format", "worksheet", "--paragraphs", "0-3"][..], "`0` is not a paragraph number"),
        (&["export", "--format", "anki", "--seed", "3"][..], "--seed is for the worksheet format, not `anki`"),
        (&["export", "--format", "handout", "--no-key"][..], "--no-key is for the worksheet format"),
        (&["export", "--format", "results", "--only", "choice"][..], "--only is for the worksheet format"),
        (&["export", "--format", "text", "--paragraphs", "2"][..], "--paragraphs is for the worksheet format"),
        (&["export", "--format", "worksheet", "--width", "60"][..], "--width is for the text format"),
        (&["export", "--format", "handout", "--no-numbers"][..], "--no-numbers is for the text format"),
        (&["export", "--format", "worksheet", "--all-terms"][..], "--all-terms is for the handout format"),
    ] {
        let (code, out, err) = state.lectern(args);
        assert_ne!(code, 0, "{args:?}");
        assert!(out.is_empty(), "{args:?} wrote {}", String::from_utf8_lossy(&out));
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn the_text_format_against_its_golden_file() {
    let state = state();
    golden("text-60.txt", &same_twice(&state, &["--format", "text", "--width", "60"]));
    golden("text-60-no-numbers.txt", &same_twice(&state, &["--width", "60", "--no-numbers"]));
}

#[test]
fn an_export_to_a_file_replaces_it_whole() {
    let state = state();
    let path = state.dir.path().join("handout.md");
    std::fs::write(&path, "an older handout").unwrap();
    let (code, out, err) = state.lectern(&["export", "--format", "text", "-o", "handout.md"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.is_empty(), "nothing on standard output with -o");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), state.export(&["--format", "text"]));
    // No temporary file is left beside it.
    let names: Vec<String> =
        std::fs::read_dir(state.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert!(names.iter().all(|n| !n.starts_with(".lectern-export")), "{names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "others can read an export, as any file made: {mode:o}");
    }
}

#[test]
fn a_file_that_cannot_be_written_is_an_error_and_leaves_nothing() {
    let state = empty();
    let (code, out, err) = state.lectern(&["export", "-o", "no/such/folder/out.txt"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("cannot write no/such/folder/out.txt"), "{err}");
}

#[test]
fn an_export_makes_no_database() {
    let state = empty();
    state.export(&["--format", "handout"]);
    assert!(!state.data().exists(), "an export only reads");
}

#[test]
fn a_failed_write_names_the_file_once_and_leaves_no_temporary_file() {
    let state = empty();
    let (code, _, err) = state.lectern(&["export", "-o", "no/such/folder/out.txt"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "error: cannot write no/such/folder/out.txt: No such file or directory (os error 2)");
    // A folder where the file should be: the temporary file was made beside it, and removed.
    std::fs::create_dir(state.dir.path().join("taken")).unwrap();
    let (code, _, err) = state.lectern(&["export", "-o", "taken"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot write taken"), "{err}");
    let names: Vec<String> =
        std::fs::read_dir(state.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert_eq!(names, ["taken"]);
}

#[cfg(unix)]
#[test]
fn a_file_written_over_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let state = empty();
    let path = state.dir.path().join("private.md");
    std::fs::write(&path, "mine").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, err) = state.lectern(&["export", "--format", "handout", "-o", "private.md"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("# DeepSeek"));
}

#[test]
fn an_export_only_reads_the_database() {
    // A damaged database is reported and left exactly as it was.
    let state = empty();
    std::fs::create_dir_all(state.data()).unwrap();
    let db = state.data().join(lectern::store::FILE);
    std::fs::write(&db, b"not a database. ".repeat(512)).unwrap();
    let (code, out, err) = state.lectern(&["export", "--format", "handout"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("cannot read your progress to export it"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), b"not a database. ".repeat(512));
    assert_eq!(std::fs::read_dir(state.data()).unwrap().count(), 1, "nothing set aside or made");

    // A database of the first schema is read as it is, and not brought up to date.
    let state = empty();
    std::fs::create_dir_all(state.data()).unwrap();
    let conn = rusqlite::Connection::open(state.data().join(lectern::store::FILE)).unwrap();
    let v1 = include_str!("../fixtures/schema-v1.sql");
    conn.execute_batch(v1).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 1;
         INSERT INTO packs VALUES ('deepseek-ai-arms-race', '2026-12-01T09:00:00Z');
         INSERT INTO answers VALUES ('deepseek-ai-arms-race', 'not a prompt of the pack', 'kept', '2026-12-01T09:00:00Z');
         INSERT INTO finished (pack, mode, started, finished, asked, right, almost)
             VALUES ('deepseek-ai-arms-race', 'quiz', '2026-12-01T09:00:00Z', '2026-12-01T09:10:00Z', 4, 2, 1);",
    )
    .unwrap();
    drop(conn);
    let handout = state.export(&["--format", "handout"]);
    assert!(handout.contains("Last sitting (quiz, 1 December 2026): 3 of 4 right (75%)."), "{handout}");
    let conn = rusqlite::Connection::open(state.data().join(lectern::store::FILE)).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).unwrap();
    assert_eq!(version, 1);
}
