//! Highlights, notes and answers made in the app are in the database at once: after `q`,
//! after SIGTERM, after SIGKILL, and with a second lectern open on the same pack.

use std::time::Duration;

use expectrl::process::unix::WaitStatus;

use super::tui::*;

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

impl Dirs {
    /// The notes the database holds for the pack: each annotation's kind and note.
    fn saved_notes(&self) -> Vec<(Option<&'static str>, String)> {
        self.saved().notes.annotations.iter().map(|a| (a.kind.map(|k| k.name()), a.note.clone())).collect()
    }

    /// The positions written on discussion prompts.
    fn saved_answers(&self) -> Vec<String> {
        self.saved().notes.answers.into_iter().map(|a| a.text).collect()
    }
}

#[test]
fn a_note_kept_in_the_app_is_in_the_database_after_q_sigterm_and_sigkill() {
    let dirs = Dirs::new();

    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send("}})a");
    tui.wait_for_text("keeps it");
    tui.send("kept before q");
    tui.send(CTRL_S);
    tui.wait_for_text("note kept");
    tui.send("q");
    tui.wait_exit();
    assert_eq!(dirs.saved_notes(), [(None, "kept before q".to_string())]);

    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send("))h1");
    tui.wait_for_text("highlighted as important");
    tui.settle();
    tui.kill("-TERM");
    assert!(matches!(tui.wait_exit(), WaitStatus::Exited(..)));
    tui.assert_restored();
    assert!(dirs.saved_notes().contains(&(Some("important"), String::new())), "{:?}", dirs.saved_notes());

    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send(")))a");
    tui.wait_for_text("keeps it");
    tui.send("kept before a kill");
    tui.send(CTRL_S);
    tui.wait_for_text("note kept");
    std::thread::sleep(Duration::from_secs(1));
    tui.kill("-KILL");
    tui.wait_exit();
    assert_eq!(dirs.saved_notes().len(), 3, "{:?}", dirs.saved_notes());
    assert!(dirs.saved_notes().contains(&(None, "kept before a kill".to_string())));

    // Opened again, all three are in the notes pane and marked in the margin.
    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send("5");
    tui.wait_for_text("▶ 5 Notes");
    tui.settle();
    let side = side_text(tui.screen());
    let rows = ["! ¶", "✎ ¶"].iter().map(|m| side.matches(m).count()).sum::<usize>();
    assert_eq!(rows, 3, "three rows in the list: {side}");
    let article = article_text(tui.screen());
    assert!(article.contains('!') && article.contains('✎'), "{article}");
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn two_apps_on_one_pack_both_keep_what_they_wrote() {
    let dirs = Dirs::new();
    let mut one = Tui::start(&dirs);
    let mut two = Tui::start(&dirs);
    one.wait_first_screen();
    two.wait_first_screen();
    one.send(")a");
    two.send("}}})a");
    one.wait_for_text("keeps it");
    two.wait_for_text("keeps it");
    one.send("from the first");
    two.send("from the second");
    one.send(CTRL_S);
    two.send(CTRL_S);
    one.wait_for_text("note kept");
    two.wait_for_text("note kept");
    // Each writes a position on a prompt too.
    one.send("4a");
    one.wait_for_text("Your position");
    one.send("first position");
    one.send(ESC);
    one.wait_for_text("your position kept");
    two.send("4ja");
    two.wait_for_text("Your position");
    two.send("second position");
    two.send(ESC);
    two.wait_for_text("your position kept");
    one.send("q");
    one.wait_exit();
    two.send("q");
    two.wait_exit();
    let mut notes: Vec<String> = dirs.saved_notes().into_iter().map(|(_, n)| n).collect();
    notes.sort();
    assert_eq!(notes, ["from the first", "from the second"]);
    let mut answers = dirs.saved_answers();
    answers.sort();
    assert_eq!(answers, ["first position", "second position"]);
}

#[test]
fn a_note_that_cannot_be_saved_stays_open_in_its_editor_with_the_reason() {
    let dirs = Dirs::new();
    std::fs::create_dir(dirs.database()).unwrap();
    let mut tui = Tui::start(&dirs);
    tui.wait_for_text(TITLE);
    tui.send(")a");
    tui.wait_for_text("keeps it");
    tui.send("precious");
    tui.send(CTRL_S);
    tui.wait_for_text("not saved");
    tui.settle();
    let screen = tui.screen().contents();
    assert!(screen.contains("precious"), "the note is still in its editor: {screen}");
    tui.send(ESC);
    tui.settle();
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 1)), "{status:?}");
}

#[test]
fn a_note_being_written_is_kept_when_the_terminal_goes_away() {
    let dirs = Dirs::new();
    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.send(")a");
    tui.wait_for_text("keeps it");
    tui.send("half a thought");
    tui.wait_for_text("half a thought");
    tui.settle();
    tui.kill("-HUP");
    tui.wait_exit();
    assert_eq!(dirs.saved_notes(), [(None, "half a thought".to_string())]);
}

/// Sets the largest file the app may write (`RLIMIT_FSIZE`), as `prlimit` does.
#[cfg(target_os = "linux")]
fn limit_file_size(tui: &Tui, bytes: libc::rlim_t) {
    let pid: libc::pid_t = tui.pid().parse().unwrap();
    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: libc::RLIM_INFINITY };
    // SAFETY: prlimit reads `limit` and writes nothing back (the old limit is not asked for).
    let set = unsafe { libc::prlimit(pid, libc::RLIMIT_FSIZE, &limit, std::ptr::null_mut()) };
    assert_eq!(set, 0, "prlimit: {}", std::io::Error::last_os_error());
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_keeps_the_note_in_its_editor_and_it_is_saved_once_there_is_room() {
    let dirs = Dirs::new();
    // With SIGXFSZ ignored (and so ignored in the app, which inherits it), a write past the
    // limit fails with EFBIG, as one on a full disk fails with ENOSPC.
    // SAFETY: setting a signal to be ignored touches no memory.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let mut tui = Tui::start(&dirs);
    tui.wait_first_screen();
    tui.settle();
    limit_file_size(&tui, 0);
    // The next save fails, and says so whole, once.
    tui.send("j");
    tui.wait_for_text("Message (Esc closes)");
    assert!(tui.screen().contents().contains("disk I/O error"), "{}", tui.screen().contents());
    tui.send(ESC);
    tui.settle();
    tui.send(")a");
    tui.wait_for_text("keeps it");
    tui.send("kept through a full disk");
    tui.send(CTRL_S);
    tui.wait_for_text("not saved");
    tui.settle();
    let screen = tui.screen().contents();
    assert!(screen.contains("kept through a full disk"), "the note is still in its editor: {screen}");
    // The app goes on: the reader moves, and says nothing is being saved.
    tui.send(ESC);
    tui.settle();
    tui.send("j");
    std::thread::sleep(lectern::ui::session::SAVE_EVERY);
    tui.send("j");
    tui.settle();
    let screen = tui.screen().contents();
    assert!(!screen.contains("Message (Esc closes)"), "a box at every try: {screen}");
    assert!(status_row(tui.screen()).contains("nothing you do now is being saved"), "{screen}");
    assert!(dirs.saved_notes().is_empty());
    // Room again: the note, kept waiting, is written.
    limit_file_size(&tui, libc::RLIM_INFINITY);
    tui.send("j");
    tui.wait_until("the note saved", |_| (!dirs.saved_notes().is_empty()).then_some(()));
    tui.send("q");
    let status = tui.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert_eq!(dirs.saved_notes(), [(None, "kept through a full disk".to_string())]);
}

/// Pumps the app's output until `check` holds or the app is gone; false when it is gone.
fn until_or_gone(tui: &mut Tui, check: impl Fn(&vt100::Screen) -> bool) -> bool {
    let start = std::time::Instant::now();
    loop {
        tui.pump();
        if check(tui.screen()) {
            return true;
        }
        if tui.closed {
            return false;
        }
        assert!(start.elapsed() < TIMEOUT, "the app neither answered nor ended");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// SIGKILL at a random moment while notes are written, `LECTERN_KILLS` times (3 unless set;
/// `scripts/kill-loop.sh notes` runs 200), each in a data directory of its own. A note's
/// editor closes only after the note is in the database (the loop writes, then draws), so
/// every note whose editor was seen to close must be there after the kill, and the
/// database must open with nothing set aside. `LECTERN_KILL_SEED` repeats a run.
#[test]
fn sigkill_at_random_moments_while_notes_are_written_loses_no_note_seen_kept() {
    let kills: usize = std::env::var("LECTERN_KILLS").ok().and_then(|n| n.parse().ok()).unwrap_or(3);
    let mut seed: u64 = std::env::var("LECTERN_KILL_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("LECTERN_KILL_SEED={seed}");
    let mut random = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let (mut reported, mut saved) = (0, 0);
    for round in 0..kills {
        let dirs = Dirs::new();
        let mut tui = Tui::start(&dirs);
        tui.wait_first_screen();
        let delay = Duration::from_millis(random(1000));
        let pid = tui.pid();
        let killer = std::thread::spawn(move || {
            std::thread::sleep(delay);
            std::process::Command::new("kill").args(["-KILL", &pid]).status().expect("run kill")
        });
        let mut kept = Vec::new();
        // Each note on the next sentence, while there are sentences enough to be new ones.
        for n in 0..30 {
            let text = format!("note {round}.{n}");
            tui.send(")a");
            if !until_or_gone(&mut tui, |s| s.contents().contains("keeps it")) {
                break;
            }
            tui.send(&text);
            tui.send(CTRL_S);
            if !until_or_gone(&mut tui, |s| !s.contents().contains("keeps it")) {
                break;
            }
            kept.push(text);
        }
        assert!(killer.join().unwrap().success() || tui.closed);
        let status = tui.wait_exit();
        assert!(matches!(status, WaitStatus::Signaled(..)), "round {round}: {status:?}");
        let (db, warning) = lectern::store::Db::open(dirs.data.path(), jiff::Timestamp::now())
            .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e}"));
        assert_eq!(warning, None, "round {round}: the database was set aside");
        let notes: Vec<String> = db.load(PACK_ID).unwrap().notes.annotations.into_iter().map(|a| a.note).collect();
        for text in &kept {
            assert!(notes.contains(text), "round {round}: {text:?} was seen kept but is not saved: {notes:?}");
        }
        reported += kept.len();
        saved += notes.len();
    }
    eprintln!("{kills} kills: {reported} notes seen kept, {saved} saved");
}
