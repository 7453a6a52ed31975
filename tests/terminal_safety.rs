//! Nothing that reaches the terminal carries an escape sequence, a control character or a
//! direction control from a pack, a file name or an argument: errors (clap's included),
//! diagnostics, `check`, `list`, `export`, `quiz --plain` and the app's screen.

// The shared naughty pack; this file needs only its builder, not the whole corpus.
#[allow(dead_code)]
#[path = "support/naughty.rs"]
mod naughty;

use std::path::Path;

use assert_cmd::Command;

/// `lectern ARGS` in `cwd`: exit code, standard output and standard error, as bytes.
fn lectern(cwd: &Path, args: &[&str], stdin: &str) -> (i32, Vec<u8>, Vec<u8>) {
    let out = Command::cargo_bin("lectern")
        .unwrap()
        .args(args)
        .current_dir(cwd)
        .env("LECTERN_DATA_DIR", cwd.join("data"))
        .env("LECTERN_CONFIG_DIR", cwd.join("config"))
        .env_remove("NO_COLOR")
        .write_stdin(stdin)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

/// The first byte or character of `out` that a terminal would act on: ESC, BEL, a C1
/// control, another C0 but newline and tab, or a direction control.
fn acted_on(out: &[u8]) -> Option<char> {
    String::from_utf8_lossy(out)
        .chars()
        .find(|&c| (c.is_control() && c != '\n' && c != '\t') || lectern::text::sanitize::is_bidi_control(c))
}

#[test]
fn a_file_name_or_an_argument_made_of_escapes_is_shown_masked() {
    let dir = tempfile::tempdir().unwrap();
    let name = "notes\u{1b}]52;c;UFdORUQ=\u{7}\u{1b}]2;PWNED\u{7}\u{9b}1m\u{202e}";
    std::fs::write(dir.path().join(name), "").unwrap();
    let (code, out, err) = lectern(dir.path(), &["check", name], "");
    assert_ne!(code, 0);
    assert_eq!(acted_on(&out), None);
    assert_eq!(acted_on(&err), None, "{}", String::from_utf8_lossy(&err));
    assert!(String::from_utf8_lossy(&err).contains("notes?]52;c;UFdORUQ="), "shown, not acted on");
    // A mistake clap reports quotes the argument: masked too.
    for args in [&["export", "--format", name][..], &["--theme", name][..], &["export", "--width", name][..]] {
        let (code, out, err) = lectern(dir.path(), args, "");
        assert_ne!(code, 0, "{args:?}");
        assert_eq!(acted_on(&out), None, "{args:?}");
        assert_eq!(acted_on(&err), None, "{args:?}: {}", String::from_utf8_lossy(&err));
    }
}

#[test]
fn direction_controls_in_a_pack_reach_no_output() {
    let dir = tempfile::tempdir().unwrap();
    // In ./texts, so that `list` finds it too.
    let pack = dir.path().join("texts/bidi");
    std::fs::create_dir_all(&pack).unwrap();
    let files = naughty::pack_files("\u{202e}plain \u{2066}words\u{2069}");
    for (name, bytes) in lectern::pack::source::FILES.iter().zip(&files) {
        std::fs::write(pack.join(name), bytes.as_ref().unwrap()).unwrap();
    }
    let path = pack.to_str().unwrap();
    for (args, stdin) in [
        (vec!["check", path], ""),
        (vec!["list"], ""),
        (vec!["export", path], ""),
        (vec!["export", path, "--format", "handout"], ""),
        (vec!["quiz", "--plain", "--in-order", path], "1\n1\ntrue\nx\nx\n1 2\n1\n"),
        (vec!["replay", "--size", "120x30", "--keys", "2jj3s1", path], ""),
    ] {
        let (_, out, err) = lectern(dir.path(), &args, stdin);
        assert_eq!(acted_on(&out), None, "{args:?} wrote one to standard output");
        assert_eq!(acted_on(&err), None, "{args:?} wrote one to standard error");
        assert!(String::from_utf8_lossy(&out).contains("plain words") || args[0] == "check", "{args:?}");
    }
}

#[test]
fn an_error_names_its_path_and_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    // The data directory is a file: nothing can be saved there.
    let data = dir.path().join("data");
    std::fs::write(&data, "").unwrap();
    let (code, _, err) = lectern(dir.path(), &["quiz", "--plain"], "");
    let err = String::from_utf8_lossy(&err);
    assert_ne!(code, 0);
    assert_eq!(err.matches(data.to_str().unwrap()).count(), 1, "{err}");
    assert_eq!(err.matches("(os error").count(), 1, "{err}");
}
