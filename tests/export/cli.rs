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
