//! Signals from another process: each one that would end the app gives the terminal back and
//! saves the place first, and SIGTSTP stops it as the Ctrl-Z key does.
//!
//! The app runs here as the leader of a session of its own, with no shell: its process group
//! is orphaned, and the kernel discards a SIGTSTP whose default action would stop it there
//! (so that nothing is stopped that nobody could continue). So the app gives the terminal
//! back and takes it again at once; the stop and `fg` in a shell are what
//! `sigtstp-external.py` in the reliability reviews runs.

use std::time::Instant;

use expectrl::process::unix::WaitStatus;

use crate::tui::*;

const CTRL_Z: &str = "\x1a";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";

/// Moves the reading position on past its first save, sends `signal`, and checks that the app
/// ended by its own exit with 128 and the signal's number, gave the terminal back, and saved
/// the place: the next run opens where this one was.
fn ends_restored_and_saved(signal: &str, number: i32) {
    let dirs = Dirs::new();
    let mut tui = Tui::start(&dirs);
    let first = tui.wait_first_screen();
    // The first key saves (nothing was saved yet); the later pages are saved only by the
    // signal's save, so resuming after them shows it worked.
    let mut status = first;
    for _ in 0..3 {
        tui.send(PAGE_DOWN);
        status = tui.wait_for_status("the status bar to move on a page", |s| s != status);
    }
    assert!(status.paragraph > first.paragraph, "{first:?} then {status:?}");
    tui.settle();
    let before = parse_status(&status_row(tui.screen())).unwrap_or_else(|| tui.fail("no status bar"));

    tui.kill(signal);
    let ended = tui.wait_exit();
    // Not ended by the signal's default action, which restores and saves nothing.
    assert!(matches!(ended, WaitStatus::Exited(_, code) if code == 128 + number), "kill {signal}: {ended:?}");
    tui.assert_restored();
    // The database closed before the exit, as on quitting.
    assert!(!dirs.database_log().exists(), "kill {signal} left {}", dirs.database_log().display());
    assert!(dirs.saved_reading().is_some(), "no reading position in {}", dirs.database().display());
    drop(tui);

    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.wait_for_status(&format!("the place {before:?} kept by the save on {signal}"), |s| s == before);
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn sigterm_restores_the_terminal_and_saves_the_place() {
    ends_restored_and_saved("-TERM", libc::SIGTERM);
}

#[test]
fn sigint_from_another_process_restores_the_terminal_and_saves_the_place() {
    ends_restored_and_saved("-INT", libc::SIGINT);
}

#[test]
fn sigquit_restores_the_terminal_and_saves_the_place() {
    ends_restored_and_saved("-QUIT", libc::SIGQUIT);
}

#[test]
fn sigusr1_restores_the_terminal_and_saves_the_place() {
    ends_restored_and_saved("-USR1", libc::SIGUSR1);
}

#[test]
fn sigalrm_restores_the_terminal_and_saves_the_place() {
    ends_restored_and_saved("-ALRM", libc::SIGALRM);
}

#[test]
fn sigpipe_restores_the_terminal_and_saves_the_place() {
    ends_restored_and_saved("-PIPE", libc::SIGPIPE);
}

// SIGTERM: `sigterm_restores_the_terminal_and_saves_the_place` in main.rs.
#[test]
fn sighup_restores_the_terminal_and_saves_the_place() {
    ends_restored_and_saved("-HUP", libc::SIGHUP);
}

/// Where `needle` is first in what the app printed from byte `from` on, waiting for it.
fn wait_for_bytes(tui: &mut Tui, what: &str, needle: &[u8], from: usize) -> usize {
    let start = Instant::now();
    loop {
        tui.pump();
        if let Some(at) = tui.raw[from..].windows(needle.len()).position(|w| w == needle) {
            return from + at;
        }
        if tui.closed {
            tui.fail(&format!("the app ended while waiting for {what}"));
        }
        if start.elapsed() > TIMEOUT {
            tui.fail(&format!("waited {TIMEOUT:?} for {what}"));
        }
        std::thread::sleep(POLL);
    }
}

/// Starts the app and moves the place on past its first save; returns where it is.
fn start_and_move(dirs: &Dirs) -> (Tui, Status) {
    let mut tui = Tui::start(dirs);
    let mut status = tui.wait_first_screen();
    for _ in 0..3 {
        tui.send(PAGE_DOWN);
        status = tui.wait_for_status("the status bar to move on a page", |s| s != status);
    }
    tui.settle();
    let status = parse_status(&status_row(tui.screen())).unwrap_or_else(|| tui.fail("no status bar"));
    (tui, status)
}

/// After a stop from byte `from` of the output: the app gave the terminal back (left the
/// alternate screen, showed the cursor, turned the mouse off), then, continued, took it
/// again and drew all of it, at the place it was, `before`.
fn given_back_then_taken_again(tui: &mut Tui, from: usize, before: Status, cont: bool) {
    let left = wait_for_bytes(tui, "the alternate screen left", LEAVE_ALTERNATE, from);
    let given_back = &tui.raw[from..left + LEAVE_ALTERNATE.len()];
    for (what, bytes) in [("the cursor shown", SHOW_CURSOR), ("the mouse turned off", MOUSE_OFF)] {
        if !given_back.windows(bytes.len()).any(|w| w == bytes) {
            tui.fail(&format!("{what} before the stop"));
        }
    }
    if cont {
        tui.kill("-CONT");
    }
    wait_for_bytes(tui, "the alternate screen entered again", ENTER_ALTERNATE, left);
    // vt100 clears the alternate screen on entering it, as terminals do: all that shows now
    // was drawn anew, not only what changed.
    tui.wait_for_status(&format!("the status bar drawn again at {before:?}"), |s| s == before);
    tui.settle();
    let article = article_text(tui.screen());
    if article.lines().filter(|l| !l.trim().is_empty()).count() < 10 {
        tui.fail("the article was not drawn again");
    }
    assert!(tui.screen().alternate_screen(), "not on the alternate screen again");
    assert!(tui.screen().hide_cursor(), "the cursor is not hidden again");
    assert_ne!(tui.screen().mouse_protocol_mode(), vt100::MouseProtocolMode::None, "the mouse is not captured again");
}

#[test]
fn sigtstp_from_another_process_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let dirs = Dirs::new();
    let (mut tui, before) = start_and_move(&dirs);
    let from = tui.raw.len();
    tui.kill("-TSTP");
    given_back_then_taken_again(&mut tui, from, before, true);

    // Keys are read as they are typed, in raw mode, with no Enter after them.
    tui.send(PAGE_DOWN);
    tui.wait_for_status("the page key read at once", |s| s.paragraph > before.paragraph);
    tui.send("q");
    let ended = tui.wait_exit();
    assert!(matches!(ended, WaitStatus::Exited(_, 0)), "{ended:?}");
    tui.assert_restored();
}

#[test]
fn ctrl_z_saves_gives_the_terminal_back_and_takes_it_again() {
    let dirs = Dirs::new();
    let (mut tui, before) = start_and_move(&dirs);
    let from = tui.raw.len();
    tui.send(CTRL_Z);
    given_back_then_taken_again(&mut tui, from, before, false);

    // The place was saved before the stop: killed now, with no save of its own, the app
    // opens there next time.
    tui.kill("-KILL");
    tui.wait_exit();
    drop(tui);
    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.wait_for_status(&format!("the place {before:?} kept by the save on Ctrl-Z"), |s| s == before);
    tui.send("q");
    tui.wait_exit();
}
