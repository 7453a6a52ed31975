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

#[cfg(unix)]
#[test]
fn the_app_with_a_dumb_terminal_or_with_none_of_its_own_says_so_in_one_line() {
    // The harness's terminal, the app's own and with a usual TERM, is taken: what the runs
    // below are refused for is what they change, not the harness.
    let taken = pty::run("xterm-256color", true);
    assert_eq!(taken.code, None, "the app ended at once; stderr:\n{}", taken.stderr);
    let enter_alternate = b"\x1b[?1049h";
    assert!(taken.screen.windows(enter_alternate.len()).any(|w| w == enter_alternate), "the app did not start");

    // TERM=dumb draws no screen; under `setsid` standard input and output are a terminal
    // but the process has no controlling terminal.
    for (term, controlling) in [("dumb", true), ("xterm-256color", false)] {
        let run = pty::run(term, controlling);
        let case = format!("TERM={term}, controlling terminal: {controlling}");
        assert_eq!(run.code, Some(2), "{case}; stderr:\n{}", run.stderr);
        assert_eq!(String::from_utf8_lossy(&run.screen), "", "{case}: nothing is written to the terminal");
        assert_eq!(run.stderr, NEEDS_TERMINAL, "{case}");
    }
}

/// The app with a pseudo-terminal as standard input and output, and standard error apart.
#[cfg(unix)]
mod pty {
    use std::fs::File;
    use std::io::{ErrorKind, Read};
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    /// How one run in a pseudo-terminal went.
    pub struct Run {
        /// The exit code; `None` when the app took the terminal and the test ended it.
        pub code: Option<i32>,
        /// Every byte written to the terminal.
        pub screen: Vec<u8>,
        pub stderr: String,
    }

    /// Runs lectern in a new session with a fresh 80x24 pseudo-terminal as standard input and
    /// output, as its controlling terminal when `controlling` (as a terminal window starts a
    /// program) or with none (as `setsid` does). An app that takes the terminal is killed.
    pub fn run(term: &str, controlling: bool) -> Run {
        let (master, slave) = open();
        let sandbox = tempfile::tempdir().expect("temp dir");
        let mut command = Command::new(env!("CARGO_BIN_EXE_lectern"));
        command
            .current_dir(sandbox.path())
            .env("TERM", term)
            .env("LECTERN_DATA_DIR", sandbox.path().join("data"))
            .env("LECTERN_CONFIG_DIR", sandbox.path().join("config"))
            .env("HOME", sandbox.path().join("home"))
            .env_remove("NO_COLOR")
            .stdin(File::from(slave.try_clone().expect("dup")))
            .stdout(File::from(slave))
            .stderr(Stdio::piped());
        // SAFETY: setsid and ioctl are async-signal-safe, as a child between fork and exec
        // requires.
        unsafe {
            command.pre_exec(move || {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if controlling && libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = command.spawn().expect("run lectern");
        // The parent's copies of the terminal's end go with the command, so that reading
        // ends when the app's do.
        drop(command);
        let mut master = File::from(master);
        let mut screen = Vec::new();
        let start = Instant::now();
        let code = loop {
            let mut buf = [0; 4096];
            match master.read(&mut buf) {
                Ok(n) => screen.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                // Linux says EIO once every other end is closed.
                Err(_) => {}
            }
            let taken = screen.windows(8).any(|w| w == b"\x1b[?1049h");
            if let Some(status) = child.try_wait().expect("wait for lectern") {
                // What was written just before the end.
                while let Ok(n @ 1..) = master.read(&mut buf) {
                    screen.extend_from_slice(&buf[..n]);
                }
                break status.code();
            }
            if taken || start.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("utf-8 stderr");
        Run { code, screen, stderr }
    }

    /// A new pseudo-terminal of 80x24: (master, slave), the master not blocking.
    fn open() -> (OwnedFd, OwnedFd) {
        let (mut master, mut slave) = (-1, -1);
        // SAFETY: openpty writes the two descriptors, which are then owned here alone.
        let (master, slave) = unsafe {
            let opened = libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
            (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
        };
        let size = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: both calls only read and set flags of a descriptor owned here.
        unsafe {
            assert_eq!(libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ as _, &size), 0, "set the size");
            let flags = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(master.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        (master, slave)
    }
}

#[test]
fn a_reading_copy_needs_neither_the_quiz_nor_the_discussion() {
    // A copy of the bundled pack whose quiz is broken and whose discussion prompt quotes
    // words the article does not have: a printed copy has neither, so it is made, while
    // `check` reports both.
    let dir = tempfile::tempdir().expect("temp dir");
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
    for name in ["pack.toml", "article.md", "glossary.toml"] {
        std::fs::copy(bundled.join(name), dir.path().join(name)).expect("copy");
    }
    let meta = std::fs::read_to_string(bundled.join("pack.toml")).expect("read pack.toml");
    let meta =
        format!("{meta}\n[[discussion]]\nprompt = \"Where is this?\"\nref = \"words found nowhere in the text\"\n");
    std::fs::write(dir.path().join("pack.toml"), meta).expect("write pack.toml");
    std::fs::write(dir.path().join("quiz.toml"), "[[question]\n").expect("write quiz.toml");
    let path = dir.path().to_str().expect("utf-8");
    let (code, stdout, stderr) = lectern(&["export", "--format", "text", path]);
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert!(stdout.contains("DeepSeek and the AI") && stdout.contains("Glossary\n"));
    let (code, _, stderr) = lectern(&["check", path]);
    assert_eq!(code, 1, "check fails");
    assert!(stderr.contains("quiz.toml") && stderr.contains("words found nowhere"), "stderr:\n{stderr}");
}
