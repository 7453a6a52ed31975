//! Signals from another process: each one that would end the app gives the terminal back and
//! saves the place first, and SIGTSTP stops it as the Ctrl-Z key does.

use expectrl::process::unix::WaitStatus;

use crate::tui::*;

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
    tui.settle();
    let before = parse_status(&status_row(tui.screen())).unwrap_or_else(|| tui.fail("no status bar"));

    tui.kill(signal);
    let ended = tui.wait_exit();
    // Not ended by the signal's default action, which restores and saves nothing.
    assert!(matches!(ended, WaitStatus::Exited(_, code) if code == 128 + number), "kill {signal}: {ended:?}");
    tui.assert_restored();
    drop(tui);

    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.wait_for_status(&format!("the place {before:?} kept by the save on {signal}"), |s| s == before);
    tui.send("q");
    tui.wait_exit();
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
