//! Runs the app in the terminal: event → action → update → draw. The terminal is always
//! given back: on quit, on error, on panic (ratatui's hook), on every signal that would end
//! the process and can be caught (the position saved first, by a thread of its own; see
//! [`ENDING`]) and across a stop.
//!
//! Stopping is the signal thread's too, for the Ctrl-Z key (which raises SIGTSTP, the
//! terminal in raw mode sending it as a key) and for `kill -TSTP` alike. The thread saves,
//! takes the lock of [`Hold`] (the main loop draws holding it, so no frame is cut in half),
//! gives the terminal back and stops the process with SIGTSTP's own default action. When
//! the process is continued (`fg`, SIGCONT) the thread carries on from there: it takes the
//! terminal back (raw mode, the alternate screen, the mouse) before any key can be read
//! cooked, marks the next frame to be drawn whole, and raises SIGWINCH. The main loop is
//! blocked in `event::read`; crossterm turns SIGWINCH into a resize event, so the loop
//! wakes, and redraws everything at the size the terminal has now, which may have changed
//! while the app was stopped. Nothing is redrawn on a timer.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyModifiers};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGWINCH};
use signal_hook::iterator::Signals;

use super::app::{App, Options};
use super::session::Session;
use super::{config, draw, keymap, update};
use crate::pack::opening::Opening;
use std::path::PathBuf;

use crate::notes::Change;
use crate::pack::source::{Found, Library};
use crate::store::Identity;

/// `dark` or `light`, from the terminal's own background (asked with OSC 11 through
/// terminal-colorsaurus, waiting at most a short while); `dark` when it does not answer.
pub fn background_theme() -> &'static str {
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = Duration::from_millis(300);
    match terminal_colorsaurus::theme_mode(options) {
        Ok(terminal_colorsaurus::ThemeMode::Light) => "light",
        _ => "dark",
    }
}

/// Where the packs of the library are found and progress is kept: for the library (`L`)
/// and for opening another pack in place.
pub struct Shelf {
    pub library: Library,
    pub data: PathBuf,
}

/// How one pack's run ended.
enum Ended {
    /// The user quit, with a problem that lasted, if any.
    Quit(Option<String>),
    /// Another pack was chosen in the library, loaded and its progress opened.
    Open(Box<Opening>, Option<String>, super::config::Marks),
}

/// The frames the app draws into, for the terminal's size: made before the terminal is
/// taken (nothing is written to it), while the progress still opens, since a big screen's
/// two frames are half a megabyte of memory to be handed out.
pub struct Canvas(Term);

impl Canvas {
    pub fn new() -> Result<Canvas> {
        let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
        let terminal = Terminal::new(CrosstermBackend::new(out)).context("the terminal's size cannot be read")?;
        Ok(Canvas(terminal))
    }
}

/// Takes over the terminal (drawing on `canvas`), runs until the user quits, and restores
/// it. The options' clock is read here, once per event, and handed to update with the
/// event. A pack chosen in the library is opened in place, with its own progress. Returns a
/// problem that lasted (progress that could not be saved), for the shell to print.
pub fn run(
    pack: Opening,
    options: Options,
    session: Session,
    message: Option<String>,
    shelf: Shelf,
    canvas: Canvas,
) -> Result<Option<String>> {
    let clock = options.clock.clone();
    let now = || clock.now();
    let session = Arc::new(Mutex::new(session));
    let hold = Arc::new(Mutex::new(Hold::default()));
    watch_signals(Arc::clone(&session), Arc::clone(&hold))?;
    let terminal = {
        let mut hold = lock(&hold);
        hold.taken = true;
        take_over(canvas)
    };
    let mut screen = Screen { terminal, hold: Arc::clone(&hold) };
    save_on_panic(Arc::clone(&session));
    let mut next = (pack, message);
    let mut options = options;
    let result = loop {
        match event_loop(&mut screen, next.0, options.clone(), &session, next.1, &now, &shelf) {
            Ok(Ended::Open(pack, message, marks)) => {
                // A quiz asked for on the command line is for the first pack only; the
                // glossary marks chosen with `M` go on.
                options.start = None;
                options.marks = marks;
                next = (*pack, message);
            }
            Ok(Ended::Quit(warning)) => break Ok(warning),
            Err(error) => break Err(error),
        }
    };
    let saved = lock(&session).save();
    {
        let mut hold = lock(&hold);
        give_back();
        hold.taken = false;
    }
    // Closed once the screen is given back: the close folds the log in and hashes the file.
    lock(&session).close();
    let warning = result?;
    saved?;
    Ok(warning)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether the app has the terminal, shared by the main loop and the signal thread under
/// one lock: the loop draws holding it, the thread gives the terminal back holding it.
#[derive(Default)]
struct Hold {
    /// The app has the terminal: from taking it over until it is given back at the end.
    taken: bool,
    /// Taken back after a stop: the next frame is drawn whole.
    redraw: bool,
}

/// The terminal the main loop draws on, and the hold on it it shares with the signal thread.
struct Screen {
    terminal: Term,
    hold: Arc<Mutex<Hold>>,
}

impl Screen {
    /// Draws the app, all of it after the terminal was taken back from a stop.
    fn draw(&mut self, app: &App) -> Result<()> {
        let mut hold = lock(&self.hold);
        if std::mem::take(&mut hold.redraw) {
            // A blank frame first, so that the next is told from nothing and drawn whole on
            // the screen `take_back` cleared. (`Terminal::clear` would ask the terminal where
            // its cursor is, and end the app if no answer came.)
            self.terminal.draw(|_| {})?;
        }
        self.terminal.draw(|frame| draw::draw(app, frame))?;
        Ok(())
    }
}

/// The signals whose default action ends the process and that can be caught. Each would
/// leave the terminal raw, on the alternate screen with the cursor hidden, and the place
/// unsaved. SIGPIPE among them: the app writes only to its terminal, and one that has gone
/// is the hang-up case. SIGINT and SIGQUIT come only from another process, since the
/// terminal in raw mode sends Ctrl-C and Ctrl-\ as keys.
const ENDING: [std::ffi::c_int; 7] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGUSR1, SIGALRM];

/// On any of [`ENDING`]: save the place, give the terminal back, and exit with 128 and the
/// signal's number, as a shell reports a process the signal ended. On SIGTSTP: save, give
/// the terminal back, stop, and take it back when continued (see the module's doc). This
/// runs on its own thread because the main one may be blocked reading a terminal that has
/// gone away.
fn watch_signals(session: Arc<Mutex<Session>>, hold: Arc<Mutex<Hold>>) -> Result<()> {
    let mut signals = Signals::new(ENDING.iter().chain(&[SIGTSTP]))?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            {
                let mut session = lock(&session);
                let _ = session.save();
                // Ending: the database closed too, as on quitting (see `Db::close`).
                if signal != SIGTSTP {
                    session.close();
                }
            }
            let mut hold = lock(&hold);
            if signal == SIGTSTP {
                suspend(&mut hold);
                continue;
            }
            if hold.taken {
                give_back();
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Gives the terminal back, stops, and once continued takes the terminal again and wakes
/// the main loop to draw it whole.
fn suspend(hold: &mut Hold) {
    if !hold.taken {
        stop();
        return;
    }
    give_back();
    stop();
    take_back();
    hold.redraw = true;
    let _ = signal_hook::low_level::raise(SIGWINCH);
}

/// Stops the process as SIGTSTP's default action does, and returns once it is continued.
/// The default action is put back for the moment and SIGTSTP raised, rather than SIGSTOP:
/// the kernel discards SIGTSTP in a process group no shell could continue (the app started
/// by a terminal window or a tmux pane of its own), where SIGSTOP would stop it for good.
fn stop() {
    // SAFETY: the action swapped out is signal-hook's, put back exactly as it was; between
    // the two the signal's default action is the kernel's, which runs no code of ours.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        let mut own: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(SIGTSTP, &default, &mut own) == 0 {
            let _ = signal_hook::low_level::raise(SIGTSTP);
            libc::sigaction(SIGTSTP, &own, std::ptr::null_mut());
        }
    }
}

/// On a panic, the place is saved before ratatui's hook restores the terminal and the
/// message is printed. `try_lock`: the panic may have come while the session was locked.
fn save_on_panic(session: Arc<Mutex<Session>>) {
    let restore_and_print = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut session) = session.try_lock() {
            let _ = session.save();
        }
        restore_and_print(info);
    }));
}

/// The terminal as the app draws on it: through a buffer that holds a whole frame, so that
/// each frame reaches the terminal in one write rather than in pieces of the standard
/// output's own 1 KB buffer (a pause between pieces shows a frame half drawn).
type Term = Terminal<CrosstermBackend<std::io::BufWriter<std::io::Stdout>>>;

fn take_over(canvas: Canvas) -> Term {
    // As `ratatui::init`, with the buffer: a panic gives the terminal back before its message.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    let _ = enable_raw_mode();
    let _ = execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture);
    canvas.0
}

/// Takes the terminal again after a stop, as [`take_over`] did, for the terminal ratatui
/// already has; the alternate screen cleared, whatever used it meanwhile.
fn take_back() {
    let _ = enable_raw_mode();
    let _ = execute!(std::io::stdout(), EnterAlternateScreen, Clear(ClearType::All), EnableMouseCapture);
}

fn give_back() {
    // The cursor is shown here too: on a signal the process exits without dropping the
    // terminal, which is what would otherwise show it.
    let _ = execute!(std::io::stdout(), DisableMouseCapture, Show);
    ratatui::restore();
}

/// Writes each change the app made to highlights, notes, bookmarks and answers, each at
/// once, in order. One that cannot be written is kept, with those after it, to be tried
/// again after the next event; a note opens again in its editor with the reason, once.
fn keep_changes(app: &mut App, session: &mut Session, now: jiff::Timestamp, reported: &mut Option<Change>) {
    let mut changes = app.book.take_changes().into_iter();
    while let Some(change) = changes.next() {
        if let Err(error) = session.write(&change, now) {
            let why = error.to_string();
            if app.editor.is_none() && !app.quit && reported.as_ref() != Some(&change) {
                app.editor = super::editor::reopen(&change, &why, &app.book, &app.pack);
            }
            *reported = Some(change.clone());
            let mut left = vec![change];
            left.extend(changes);
            app.book.retry(left);
            return;
        }
    }
}

/// Writes the export chosen in the box `E` opens into the folder the app was started in,
/// never over a file; says where it went, or why it could not be written.
fn export(app: &App, session: &mut Session, choice: u8) -> String {
    let Some(choice) = super::export::CHOICES.get(usize::from(choice)).copied() else { return String::new() };
    let record = if choice.format.uses_record() {
        match session.record(app, app.today) {
            Ok(record) => record,
            Err(error) => return format!("could not read your progress to export it: {error}"),
        }
    } else {
        crate::export::Record::empty(app.today, crate::study::schedule::local_zone())
    };
    let dir = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    let name = choice.file_name(&app.pack.id);
    match crate::export::write_new(&dir, &name, &app.pack, &record, choice.format, &choice.options()) {
        Ok(path) => format!("wrote {}", crate::text::sanitize::printable(&path.display().to_string())),
        Err(error) => error.to_string(),
    }
}

/// What the note editor holds, as the changes keeping it would make now.
fn drafts(app: &App, now: jiff::Timestamp) -> Vec<Change> {
    let Some(open) = &app.editor else { return Vec::new() };
    let mut book = app.book.clone();
    book.take_changes();
    super::editor::keep(open, &mut book, &app.pack, now);
    book.take_changes()
}

/// The notes and positions that could not be saved, to print when the app ends.
fn unsaved_writing(app: &App) -> Option<String> {
    let texts: Vec<&str> = app
        .book
        .pending()
        .iter()
        .filter_map(|change| match change {
            Change::Annotation(a) if !a.note.is_empty() => Some(a.note.as_str()),
            Change::Answer(a) if !a.text.is_empty() => Some(a.text.as_str()),
            _ => None,
        })
        .collect();
    (!texts.is_empty()).then(|| format!("what you wrote that could not be saved:\n\n{}", texts.join("\n\n")))
}

fn is_suspend(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL))
}

fn event_loop(
    screen: &mut Screen,
    pack: Opening,
    options: Options,
    session: &Mutex<Session>,
    message: Option<String>,
    now: &dyn Fn() -> jiff::Timestamp,
    shelf: &Shelf,
) -> Result<Ended> {
    let size = screen.terminal.size()?;
    let start = options.start;
    let (pack, terms, coming) = pack.finish_later();
    let area = Rect::new(0, 0, size.width, size.height);
    let mut app = App::opening(pack, terms, coming, options, area, |pack| lock(session).cards(pack));
    {
        let mut session = lock(session);
        session.restore(&mut app);
        app.set_notes(session.take_notes());
    }
    if let Some(mode) = start {
        update::open_sitting(&mut app, mode, now());
    }
    // What opening found (a database set aside, with where it went) is said whole.
    if app.message.is_none()
        && let Some(message) = message
    {
        app.say(message);
    }
    let mut marks = app.reader.marks_shown;
    // The last change that could not be written, so its editor opens again only once.
    let mut reported: Option<Change> = None;
    while !app.quit {
        screen.draw(&app)?;
        crate::pack::opening::first_frame_shown();
        // Block until something happens: nothing is redrawn on a timer.
        let event = event::read()?;
        if is_suspend(&event) {
            // Stopped by the signal thread, as `kill -TSTP` is.
            signal_hook::low_level::raise(SIGTSTP)?;
            continue;
        }
        if let Some(action) = keymap::action_for(&event, app.keys()) {
            update::update(&mut app, action, now());
        }
        if app.reader.marks_shown != marks {
            marks = app.reader.marks_shown;
            if let Err(error) = config::save_marks(None, marks) {
                app.message = Some(format!("could not keep the setting in config.toml: {error}"));
            }
        }
        let mut session = lock(session);
        let at = now();
        keep_changes(&mut app, &mut session, at, &mut reported);
        for term in std::mem::take(&mut app.looked_up) {
            // A look-up that cannot be recorded costs only a line of the handout; a
            // database that fails says so through the session's warning.
            let _ = session.looked_up(&app.pack.terms[term].term, at);
        }
        if let Some(choice) = app.export.take() {
            let said = export(&app, &mut session, choice);
            app.say(said);
        }
        session.set_drafts(drafts(&app, at), at);
        session.note(&app);
        let before = app.warning.is_some();
        // A failed save is the session's problem until a write succeeds: the warning says
        // it, in the same words whichever write failed last.
        app.warning = match session.save_if_due() {
            Ok(()) => session.unsaved(),
            Err(error) => session.unsaved().or_else(|| Some(format!("could not save your progress: {error}"))),
        };
        // A lasting problem is said whole when it starts; the status bar keeps it after,
        // so a disk that stays full does not open a box at every try.
        if !before && let Some(warning) = app.warning.clone() {
            app.say(warning);
        }
        if std::mem::take(&mut app.library_wanted) {
            // Saved first, so the library shows this pack as it is now.
            session.note(&app);
            let _ = session.save();
            open_library(&mut app, shelf, session.place());
        }
        if let Some(found) = app.open.take() {
            match switch(&app, &mut session, &found, shelf, at) {
                Ok((pack, message)) => return Ok(Ended::Open(pack, message, app.reader.marks_shown)),
                Err(why) => app.say(why),
            }
        }
    }
    let lost = unsaved_writing(&app);
    let warning = app.warning.take();
    // Everything is saved and the process is about to end: freeing a book block by block
    // would only keep the reader waiting for the shell.
    std::mem::forget(app);
    Ok(Ended::Quit(match (warning, lost) {
        (Some(warning), Some(lost)) => Some(format!("{warning}\n{lost}")),
        (warning, lost) => warning.or(lost),
    }))
}

/// Opens the library's box: every pack found, with the progress the database holds.
fn open_library(app: &mut App, shelf: &Shelf, place: &str) {
    let rows = crate::store::Db::open_read_only(&shelf.data).and_then(|db| {
        // Read through the cache but never written to it: a library of many packs would
        // push out the entries of the packs actually read.
        let load =
            |origin: crate::pack::source::Origin<'_>| crate::pack::cache::load_read_only(origin, Some(&shelf.data));
        crate::catalog::rows(shelf.library.distinct(), db.as_ref(), &load, app.today, app.daily_new)
    });
    match rows {
        Ok(rows) => {
            let is_open = |row: &crate::catalog::Row| Identity::of(&row.found, "").place == place;
            app.library = Some(super::pane::library::LibraryView::new(rows, app.today, &is_open));
        }
        Err(error) => app.say(format!("could not read the library: {error}")),
    }
}

/// Saves everything of the pack open now and opens `found` with its own progress in the
/// session's place; the pack and the session's message. A pack that does not load clean
/// is not opened: the reason is returned to show.
fn switch(
    app: &App,
    session: &mut Session,
    found: &Found,
    shelf: &Shelf,
    now: jiff::Timestamp,
) -> std::result::Result<(Box<Opening>, Option<String>), String> {
    let opening = match crate::pack::cache::open(found.origin(), Some(&shelf.data)) {
        Ok(opening) => opening,
        Err(loaded) => {
            let error = loaded.diagnostics.iter().find(|d| d.severity == crate::pack::diagnostic::Severity::Error);
            let why = error
                .map_or_else(|| "it could not be read".to_string(), |e| crate::text::sanitize::one_line(&e.message));
            return Err(format!(
                "{} has problems ({why}); `lectern check` lists them",
                crate::text::sanitize::one_line(&found.id)
            ));
        }
    };
    if !app.book.pending().is_empty() {
        return Err("some notes are not saved yet; try again in a moment".into());
    }
    session.note(app);
    if let Err(error) = session.save() {
        return Err(format!("could not save your progress, so this pack stays open: {error}"));
    }
    let (next, message) = Session::open(&shelf.data, &Identity::of(found, opening.title()), now);
    *session = next;
    Ok((Box::new(opening), message))
}
