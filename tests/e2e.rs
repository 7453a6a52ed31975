//! The app end to end, in a real pseudo-terminal: the binary is started as a user would start
//! it, keys are typed at it as bytes, and what it prints is fed to a terminal emulator (`vt100`)
//! whose screen the tests read. This checks what the replay tests cannot: raw mode and the
//! alternate screen, the key parser, signals, and the position saved on disk between runs.
//!
//! Every wait is a wait for something on the screen (or for the process to end), bounded by
//! [`TIMEOUT`]; when it runs out the test fails and prints the screen as it was.

#![cfg(unix)]

use std::io::{ErrorKind, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use tempfile::TempDir;

/// The pseudo-terminal's size: 100 columns is the "medium" layout, the article beside one
/// tabbed side pane.
const COLS: u16 = 100;
const ROWS: u16 = 30;
/// The article pane's width at [`COLS`]: the side pane takes two fifths (src/ui/panes.rs).
const ARTICLE_COLS: u16 = COLS - COLS * 2 / 5;
/// The status bar is the second-to-last row.
const STATUS_ROW: usize = ROWS as usize - 2;

/// How long any one wait may take: generous, for a slow and busy CI machine.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How often a wait looks at the output again.
const POLL: Duration = Duration::from_millis(20);
/// No output for this long means the app has finished drawing.
const QUIET: Duration = Duration::from_millis(300);

const PACK_ID: &str = "deepseek-ai-arms-race";
const TITLE: &str = "DeepSeek and the AI";

const PAGE_DOWN: &str = "\x1b[6~";
const ENTER: &str = "\r";
const ENTER_ALTERNATE: &[u8] = b"\x1b[?1049h";
const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";

/// Empty data, config and working directories, kept for the whole test so that a second run
/// finds what the first saved.
struct Dirs {
    data: TempDir,
    config: TempDir,
    cwd: TempDir,
}

impl Dirs {
    fn new() -> Self {
        Self { data: TempDir::new().unwrap(), config: TempDir::new().unwrap(), cwd: TempDir::new().unwrap() }
    }

    /// The database.
    fn database(&self) -> PathBuf {
        self.data.path().join(lectern::store::FILE)
    }

    /// The reading position the database holds for the pack.
    fn saved_reading(&self) -> Option<lectern::store::Reading> {
        let (db, _) = lectern::store::Db::open(self.data.path(), jiff::Timestamp::now()).expect("open the database");
        db.load(PACK_ID).expect("read the database").reading
    }
}

/// The status bar read: `¶ paragraph/total  percent%` (or `¶ first–last/total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Status {
    paragraph: u32,
    total: u32,
    percent: u32,
}

/// Reads the right end of the status bar; `None` unless all of it is there (a half-drawn
/// row, or the search input shown in its place).
fn parse_status(row: &str) -> Option<Status> {
    let rest = row.split_once("¶ ")?.1;
    let (paragraphs, rest) = rest.split_once('/')?;
    // "¶ 2–3/15" when two paragraphs share the screen: the first is where the reader is.
    let paragraph = paragraphs.split('–').next()?;
    let (total, rest) = rest.split_once(' ')?;
    let percent = rest.trim_start().split_once('%')?.0;
    Some(Status { paragraph: paragraph.parse().ok()?, total: total.parse().ok()?, percent: percent.parse().ok()? })
}

/// Reads "match i/total" in the status bar.
fn parse_match(row: &str) -> Option<(u32, u32)> {
    let rest = row.split_once("match ")?.1;
    let (i, rest) = rest.split_once('/')?;
    let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((i.parse().ok()?, total.parse().ok()?))
}

/// The rows of the screen between two columns, joined by newlines.
fn columns(screen: &vt100::Screen, start: u16, width: u16) -> String {
    screen.rows(start, width).collect::<Vec<_>>().join("\n")
}

fn article_text(screen: &vt100::Screen) -> String {
    columns(screen, 0, ARTICLE_COLS)
}

fn side_text(screen: &vt100::Screen) -> String {
    columns(screen, ARTICLE_COLS, COLS - ARTICLE_COLS)
}

fn status_row(screen: &vt100::Screen) -> String {
    screen.rows(0, COLS).nth(STATUS_ROW).unwrap_or_default()
}

/// The glossary term selected in the side pane's list (the row marked `▸`).
fn selected_term(screen: &vt100::Screen) -> Option<String> {
    let side = side_text(screen);
    let line = side.lines().find(|l| l.contains('▸'))?;
    let name = line.split_once('▸')?.1.trim().trim_end_matches('│').trim();
    Some(name.to_string())
}

/// One run of the app in a pseudo-terminal, and everything it has printed so far.
struct Tui {
    session: OsSession,
    parser: vt100::Parser,
    /// Every byte the app printed, escape sequences and all.
    raw: Vec<u8>,
    /// The pseudo-terminal has closed: the app is gone.
    closed: bool,
    exit: Option<WaitStatus>,
}

impl Tui {
    fn start(dirs: &Dirs) -> Self {
        // The pseudo-terminal starts at 80x24, and the spawn sets 80x24 again from this side
        // once the child runs, so a size set in the child can be undone. Instead the size is set
        // here after the spawn, and the child, a shell, waits to see it before it becomes the
        // app (exec: same process, same pid). So the app never starts at the wrong size.
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("until [ \"$(stty size)\" = '{ROWS} {COLS}' ]; do sleep 0.01; done; exec \"$0\""))
            .arg(env!("CARGO_BIN_EXE_lectern"))
            .current_dir(dirs.cwd.path())
            .env("TERM", "xterm-256color")
            .env("LECTERN_DATA_DIR", dirs.data.path())
            .env("LECTERN_CONFIG_DIR", dirs.config.path())
            .env_remove("NO_COLOR")
            .env_remove("COLORTERM");
        let mut session = OsSession::spawn(command).expect("spawn lectern in a pseudo-terminal");
        session.get_process_mut().set_window_size(COLS, ROWS).expect("set the pseudo-terminal's size");
        Self {
            session,
            parser: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
            raw: Vec::new(),
            closed: false,
            exit: None,
        }
    }

    fn pid(&self) -> String {
        self.session.get_process().pid().to_string()
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Reads whatever output is waiting, without blocking. Returns whether anything came.
    fn pump(&mut self) -> bool {
        let mut got = false;
        let mut buf = [0; 8192];
        while !self.closed {
            match self.session.try_read(&mut buf) {
                Ok(0) => self.closed = true,
                Ok(n) => {
                    got = true;
                    self.raw.extend_from_slice(&buf[..n]);
                    self.parser.process(&buf[..n]);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // Linux reports a pseudo-terminal whose other end is closed with EIO.
                Err(e) if e.raw_os_error() == Some(5) => self.closed = true,
                Err(e) => panic!("reading the pseudo-terminal: {e}"),
            }
        }
        got
    }

    /// Types `keys` (bytes as a terminal sends them).
    fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).expect("write to the pseudo-terminal");
        self.session.flush().expect("flush the pseudo-terminal");
    }

    fn fail(&self, message: &str) -> ! {
        panic!(
            "{message}\nprocess: {}\n── screen ──\n{}\n────────────",
            match &self.exit {
                Some(status) => format!("{status:?}"),
                None if self.closed => "closed the terminal".into(),
                None => "running".into(),
            },
            self.screen().contents()
        );
    }

    /// Waits until `check` finds what it looks for on the screen, and returns it.
    fn wait_until<T>(&mut self, what: &str, mut check: impl FnMut(&vt100::Screen) -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(found) = check(self.screen()) {
                return found;
            }
            if self.closed {
                self.fail(&format!("the app ended while waiting for {what}"));
            }
            if start.elapsed() > TIMEOUT {
                self.fail(&format!("waited {TIMEOUT:?} for {what}"));
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} on the screen"), |s| s.contents().contains(text).then_some(()));
    }

    /// Waits for a complete status bar that `accept` takes.
    fn wait_for_status(&mut self, what: &str, accept: impl Fn(Status) -> bool) -> Status {
        self.wait_until(what, |s| parse_status(&status_row(s)).filter(|st| accept(*st)))
    }

    /// Waits until the app has printed nothing for [`QUIET`]: the last frame is complete.
    fn settle(&mut self) {
        let start = Instant::now();
        let mut last = Instant::now();
        while last.elapsed() < QUIET {
            if self.pump() {
                last = Instant::now();
            }
            if start.elapsed() > TIMEOUT {
                self.fail("the app kept printing");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the process to end, reads the last of its output, and returns how it ended.
    fn wait_exit(&mut self) -> WaitStatus {
        let start = Instant::now();
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(status) => {
                    self.exit = Some(status);
                    self.pump();
                    return status;
                }
                Err(e) => self.fail(&format!("waiting for the app: {e}")),
            }
            if start.elapsed() > TIMEOUT {
                self.fail(&format!("the app was still running after {TIMEOUT:?}"));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Checks that the app gave the terminal back: it left the alternate screen after it last
    /// entered it, and turned off the mouse and showed the cursor again.
    fn assert_restored(&self) {
        let entered = find_last(&self.raw, ENTER_ALTERNATE)
            .unwrap_or_else(|| self.fail("the app never entered the alternate screen"));
        if find_last(&self.raw[entered..], LEAVE_ALTERNATE).is_none() {
            self.fail("the app did not leave the alternate screen after it last entered it");
        }
        let screen = self.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture left on");
        if screen.hide_cursor() {
            let tail = &self.raw[self.raw.len().saturating_sub(160)..];
            panic!(
                "the cursor was left hidden: no \\e[?25h after the last \\e[?25l; the output ended with {:?}",
                String::from_utf8_lossy(tail)
            );
        }
    }

    /// Waits for the first screen of a run: the article's title and a complete status bar.
    fn wait_first_screen(&mut self) -> Status {
        self.wait_for_text(TITLE);
        self.wait_for_status("the status bar", |_| true)
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a size is never 0")
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

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
fn sigterm_restores_the_terminal_and_saves_the_place() {
    let dirs = Dirs::new();
    let mut tui = Tui::start(&dirs);
    let first = tui.wait_first_screen();

    // The first key also saves (nothing was saved yet); the later pages are saved only by
    // the exit, so resuming after them shows the SIGTERM save worked.
    let mut status = first;
    for _ in 0..3 {
        tui.send(PAGE_DOWN);
        status = tui.wait_for_status("the status bar to move on a page", |s| s != status);
    }
    assert!(status.paragraph > first.paragraph, "{first:?} then {status:?}");
    tui.settle();
    let before = parse_status(&status_row(tui.screen())).unwrap_or_else(|| tui.fail("no status bar"));

    let killed = Command::new("kill").args(["-TERM", &tui.pid()]).status().expect("run kill");
    assert!(killed.success(), "kill -TERM failed");
    let status = tui.wait_exit();
    // Ended by its own exit, not by the signal's default action (which restores nothing).
    assert!(matches!(status, WaitStatus::Exited(..)), "the app ended with {status:?}");
    tui.assert_restored();
    assert!(dirs.saved_reading().is_some(), "no reading position in {}", dirs.database().display());
    drop(tui);

    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.wait_for_status(&format!("the status bar to show {before:?} again"), |s| s == before);
    tui.send("q");
    tui.wait_exit();
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
