//! The harness: the app in a pseudo-terminal, typed at, its screen read through vt100.

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
pub const COLS: u16 = 100;
pub const ROWS: u16 = 30;
/// The article pane's width at [`COLS`]: the side pane takes two fifths (src/ui/panes.rs).
pub const ARTICLE_COLS: u16 = COLS - COLS * 2 / 5;
/// The status bar is the second-to-last row.
pub const STATUS_ROW: usize = ROWS as usize - 2;

/// How long any one wait may take: generous, for a slow and busy CI machine.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How often a wait looks at the output again.
pub const POLL: Duration = Duration::from_millis(20);
/// No output for this long means the app has finished drawing.
pub const QUIET: Duration = Duration::from_millis(300);

pub const PACK_ID: &str = "deepseek-ai-arms-race";
pub const TITLE: &str = "DeepSeek and the AI";

pub const PAGE_DOWN: &str = "\x1b[6~";
pub const ENTER: &str = "\r";
pub const ENTER_ALTERNATE: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";

/// Empty data, config and working directories, kept for the whole test so that a second run
/// finds what the first saved.
pub struct Dirs {
    pub data: TempDir,
    pub config: TempDir,
    pub cwd: TempDir,
}

impl Dirs {
    pub fn new() -> Self {
        Self { data: TempDir::new().unwrap(), config: TempDir::new().unwrap(), cwd: TempDir::new().unwrap() }
    }

    /// The database.
    pub fn database(&self) -> PathBuf {
        self.data.path().join(lectern::store::FILE)
    }

    /// The database's write-ahead log, there only while a connection is open (or was left
    /// open by a process that ended without closing it).
    pub fn database_log(&self) -> PathBuf {
        self.data.path().join(format!("{}-wal", lectern::store::FILE))
    }

    /// What the database holds for the pack.
    pub fn saved(&self) -> lectern::store::Saved {
        let (db, _) = lectern::store::Db::open(self.data.path(), jiff::Timestamp::now()).expect("open the database");
        db.load(PACK_ID).expect("read the database")
    }

    /// The reading position the database holds for the pack.
    pub fn saved_reading(&self) -> Option<lectern::store::Reading> {
        self.saved().reading
    }
}

/// The status bar read: `¶ paragraph/total  percent%` (or `¶ first–last/total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub paragraph: u32,
    pub total: u32,
    pub percent: u32,
}

/// Reads the right end of the status bar; `None` unless all of it is there (a half-drawn
/// row, or the search input shown in its place).
pub fn parse_status(row: &str) -> Option<Status> {
    let rest = row.split_once("¶ ")?.1;
    let (paragraphs, rest) = rest.split_once('/')?;
    // "¶ 2–3/15" when two paragraphs share the screen: the first is where the reader is.
    let paragraph = paragraphs.split('–').next()?;
    let (total, rest) = rest.split_once(' ')?;
    let percent = rest.trim_start().split_once('%')?.0;
    Some(Status { paragraph: paragraph.parse().ok()?, total: total.parse().ok()?, percent: percent.parse().ok()? })
}

/// Reads "match i/total" in the status bar.
pub fn parse_match(row: &str) -> Option<(u32, u32)> {
    let rest = row.split_once("match ")?.1;
    let (i, rest) = rest.split_once('/')?;
    let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((i.parse().ok()?, total.parse().ok()?))
}

/// The rows of the screen between two columns, joined by newlines.
pub fn columns(screen: &vt100::Screen, start: u16, width: u16) -> String {
    screen.rows(start, width).collect::<Vec<_>>().join("\n")
}

pub fn article_text(screen: &vt100::Screen) -> String {
    columns(screen, 0, ARTICLE_COLS)
}

pub fn side_text(screen: &vt100::Screen) -> String {
    columns(screen, ARTICLE_COLS, COLS - ARTICLE_COLS)
}

pub fn status_row(screen: &vt100::Screen) -> String {
    screen.rows(0, COLS).nth(STATUS_ROW).unwrap_or_default()
}

/// The glossary term selected in the side pane's list (the row marked `▸`).
pub fn selected_term(screen: &vt100::Screen) -> Option<String> {
    let side = side_text(screen);
    let line = side.lines().find(|l| l.contains('▸'))?;
    let name = line.split_once('▸')?.1.trim().trim_end_matches('│').trim();
    Some(name.to_string())
}

/// One run of the app in a pseudo-terminal, and everything it has printed so far.
pub struct Tui {
    pub session: OsSession,
    pub parser: vt100::Parser,
    /// Every byte the app printed, escape sequences and all.
    pub raw: Vec<u8>,
    /// The pseudo-terminal has closed: the app is gone.
    pub closed: bool,
    pub exit: Option<WaitStatus>,
}

impl Tui {
    pub fn start(dirs: &Dirs) -> Self {
        Self::start_with(dirs, &[])
    }

    /// As [`Tui::start`], with `args` on the command line.
    pub fn start_with(dirs: &Dirs, args: &[&str]) -> Self {
        // The pseudo-terminal starts at 80x24, and the spawn sets 80x24 again from this side
        // once the child runs, so a size set in the child can be undone. Instead the size is set
        // here after the spawn, and the child, a shell, waits to see it before it becomes the
        // app (exec: same process, same pid). So the app never starts at the wrong size.
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("until [ \"$(stty size)\" = '{ROWS} {COLS}' ]; do sleep 0.01; done; exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_lectern"))
            .args(args)
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

    pub fn pid(&self) -> String {
        self.session.get_process().pid().to_string()
    }

    /// Sends the app `signal` (`-TERM`, `-KILL`, …) from another process, as `kill` does.
    pub fn kill(&self, signal: &str) {
        let killed = Command::new("kill").args([signal, &self.pid()]).status().expect("run kill");
        assert!(killed.success(), "kill {signal} failed");
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Reads whatever output is waiting, without blocking. Returns whether anything came.
    pub fn pump(&mut self) -> bool {
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
    pub fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).expect("write to the pseudo-terminal");
        self.session.flush().expect("flush the pseudo-terminal");
    }

    pub fn fail(&self, message: &str) -> ! {
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
    pub fn wait_until<T>(&mut self, what: &str, mut check: impl FnMut(&vt100::Screen) -> Option<T>) -> T {
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

    pub fn wait_for_text(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} on the screen"), |s| s.contents().contains(text).then_some(()));
    }

    /// Waits for a complete status bar that `accept` takes.
    pub fn wait_for_status(&mut self, what: &str, accept: impl Fn(Status) -> bool) -> Status {
        self.wait_until(what, |s| parse_status(&status_row(s)).filter(|st| accept(*st)))
    }

    /// Waits until the app has printed nothing for [`QUIET`]: the last frame is complete.
    pub fn settle(&mut self) {
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
    pub fn wait_exit(&mut self) -> WaitStatus {
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
    pub fn assert_restored(&self) {
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
    pub fn wait_first_screen(&mut self) -> Status {
        self.wait_for_text(TITLE);
        self.wait_for_status("the status bar", |_| true)
    }
}

pub fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a size is never 0")
}

pub fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
