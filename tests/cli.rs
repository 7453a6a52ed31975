//! The command line beyond `lectern check`: the app refuses to start without a terminal while
//! the commands made for pipes run, `--theme` is taken only where something is drawn, `--help`
//! names the environment, and `export --width` has a floor.
//!
//! Every run has standard input closed and standard output piped, as in a script, and fresh
//! data, config and working directories.

use std::process::{Command, Stdio};

use lectern::text::wrap::width;

const NEEDS_TERMINAL: &str =
    "lectern: the app needs a terminal; for a pipe or a script use `lectern quiz --plain` or `lectern export`\n";

/// Runs lectern with no terminal at all; returns (exit code, stdout, stderr).
fn lectern(args: &[&str]) -> (i32, String, String) {
    let sandbox = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .current_dir(sandbox.path())
        .env("LECTERN_DATA_DIR", sandbox.path().join("data"))
        .env("LECTERN_CONFIG_DIR", sandbox.path().join("config"))
        .env("HOME", sandbox.path().join("home"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .output()
        .expect("run lectern");
    let code = output.status.code().expect("lectern exited by a signal");
    (code, String::from_utf8(output.stdout).expect("utf-8 stdout"), String::from_utf8(output.stderr).expect("utf-8"))
}

#[test]
fn the_app_without_a_terminal_says_so_in_one_line() {
    for args in [&[][..], &["quiz"], &["quiz", "--mode", "review"], &["--theme", "light"], &["deepseek-ai-arms-race"]] {
        let (code, stdout, stderr) = lectern(args);
        assert_eq!(code, 2, "lectern {args:?}; stderr:\n{stderr}");
        assert_eq!(stdout, "", "lectern {args:?} writes nothing to standard output");
        assert_eq!(stderr, NEEDS_TERMINAL, "lectern {args:?}");
    }
}

#[test]
fn the_commands_for_pipes_need_no_terminal() {
    let runs: [(&[&str], &str); 5] = [
        (&["replay", "--size", "80x24"], "DeepSeek and the AI"),
        (&["check", "deepseek-ai-arms-race"], "ok  deepseek-ai-arms-race"),
        (&["list"], "deepseek-ai-arms-race"),
        (&["export"], "DeepSeek and the AI"),
        (&["quiz", "--plain"], "Score: 0/0"),
    ];
    for (args, shown) in runs {
        let (code, stdout, stderr) = lectern(args);
        assert_eq!(code, 0, "lectern {args:?}; stderr:\n{stderr}");
        assert!(stdout.contains(shown), "lectern {args:?} prints {shown:?}:\n{stdout}");
        assert!(!stderr.contains("needs a terminal"), "lectern {args:?}: {stderr}");
    }
}

#[test]
fn theme_is_an_option_only_where_something_is_drawn() {
    for command in [&["--help"][..], &["quiz", "--help"], &["replay", "--help"]] {
        let (code, stdout, _) = lectern(command);
        assert_eq!(code, 0);
        assert!(stdout.contains("--theme"), "lectern {command:?}:\n{stdout}");
    }
    for command in ["check", "list", "export"] {
        let (code, stdout, _) = lectern(&[command, "--help"]);
        assert_eq!(code, 0);
        assert!(!stdout.contains("--theme"), "lectern {command} --help:\n{stdout}");
        let (code, _, stderr) = lectern(&[command, "--theme", "dark"]);
        assert_eq!(code, 2, "lectern {command} --theme is a usage error: {stderr}");
        assert!(stderr.contains("unexpected argument '--theme'"), "{stderr}");
    }
}

#[test]
fn theme_is_read_after_its_command_or_before_it() {
    for args in
        [&["replay", "--theme", "drak"][..], &["--theme", "drak", "replay"], &["quiz", "--theme", "drak", "--plain"]]
    {
        let (code, stdout, stderr) = lectern(args);
        assert_eq!(code, 1, "lectern {args:?}; stdout:\n{stdout}");
        assert!(stderr.contains("no theme named `drak`"), "lectern {args:?}: {stderr}");
    }
    let (code, stdout, stderr) = lectern(&["replay", "--theme", "mono", "--size", "80x24"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("DeepSeek and the AI"), "{stdout}");
}

#[test]
fn help_names_the_environment_variables() {
    let (code, stdout, _) = lectern(&["--help"]);
    assert_eq!(code, 0);
    let environment = stdout.split_once("\nEnvironment:\n").map(|(_, e)| e).expect(&stdout);
    for (name, says) in
        [("NO_COLOR", "plain monochrome"), ("LECTERN_DATA_DIR", "progress"), ("LECTERN_NOW", "another time")]
    {
        let line = environment.lines().find(|l| l.trim_start().starts_with(name)).expect(environment);
        assert!(line.contains(says), "{name}: {line}");
    }
}

#[test]
fn export_width_is_at_least_twenty_columns() {
    for narrow in ["0", "5", "19"] {
        let (code, stdout, stderr) = lectern(&["export", "--width", narrow]);
        assert_eq!(code, 2, "--width {narrow}: {stderr}");
        assert_eq!(stdout, "");
        assert!(stderr.contains("give 20 or more"), "the minimum is stated: {stderr}");
    }
    let (code, stdout, stderr) = lectern(&["export", "--width", "20"]);
    assert_eq!(code, 0, "{stderr}");
    let widest = stdout.lines().map(width).max().unwrap_or(0);
    assert!((15..=20).contains(&widest), "lines are set at most 20 wide, the widest is {widest}");
}
