//! The command line: open a pack, check packs, list packs, export.

mod export;
mod import;
mod list;
mod new;
mod watch;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::pack::Pack;
use crate::pack::cache;
use crate::pack::diagnostic::{Diagnostic, Severity, count};
use crate::pack::opening::Opening;
use crate::pack::source::{Found, Library, Origin};
use crate::pack::{Loaded, load};
use crate::store::{Db, DbOpening, Finished, Identity, Written, last_read};
use crate::study::deck::Mode;
use crate::study::schedule::{Card, Clock};
use crate::study::session::{Sitting, SittingOptions};
use crate::text::found::Marker;
use crate::ui::app::Options;
use crate::ui::config;
use crate::ui::session::Session;
use crate::ui::theme::{ThemeError, no_color_env, resolve, user_theme_dir};
use std::collections::BTreeMap;

/// The environment variables lectern reads, for `lectern --help`.
const ENVIRONMENT: &str = "\
Environment:
  NO_COLOR            set and not empty: plain monochrome, whatever the theme
  LECTERN_DATA_DIR    where your own packs and progress live, as --data-dir
  LECTERN_CONFIG_DIR  where config.toml and themes/ live (default: the XDG config directory)
  LECTERN_NOW         pretend it is another time, for testing schedules:
                      2026-12-01T09:00:00Z, or a day such as 2026-12-01";

/// Read and study a text in the terminal, beside its glossary and quiz.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, about, after_help = ENVIRONMENT)]
pub struct Cli {
    /// A pack folder or a pack id (default: the bundled article).
    pub pack: Option<String>,

    /// Where your own packs and progress live (default: the XDG data directory).
    #[arg(long, global = true, env = "LECTERN_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(flatten)]
    pub theme: ThemeArg,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--theme`, taken by the commands that draw the app: the app itself, `quiz` and `replay`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ThemeArg {
    /// A theme: dark, light, high-contrast, mono, auto, or a .toml file (default: the config's).
    #[arg(long, value_name = "NAME|FILE")]
    pub theme: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check packs and report every problem (default: every pack found).
    Check {
        /// Pack folders, files in a pack folder, or pack ids.
        paths: Vec<String>,
        /// Check again each time a file of the pack is saved, until Ctrl-C (one pack folder).
        #[arg(long)]
        watch: bool,
    },
    /// List the packs found: how far each is read, what is due, notes, when last opened.
    ///
    /// One pack a line, the one opened last first; --json gives every field for scripts.
    List {
        /// JSON: an array of packs, with their summaries and tags.
        #[arg(long)]
        json: bool,
    },
    /// Make a new pack folder: every file a commented example of every field, ready to edit.
    New(new::NewArgs),
    /// Turn an article (text, Markdown, HTML or EPUB) into a pack to finish by hand.
    Import(import::ImportArgs),
    /// Quiz yourself: every question, what is due for review, or what you missed.
    ///
    /// Opens the app with the quiz pane, or with --plain runs over standard input and output
    /// with no terminal control at all (for screen readers, scripts and projectors). Progress
    /// and scheduling are saved either way.
    Quiz {
        /// A pack folder or a pack id (default: the bundled article).
        pack: Option<String>,
        /// Plain text over standard input and output.
        #[arg(long)]
        plain: bool,
        /// quiz: every question; review: what is due today and new cards; missed: what you got wrong last time.
        #[arg(long, value_enum, default_value = "quiz")]
        mode: ModeArg,
        /// Ask the questions, and show the choices, in the pack's order.
        #[arg(long)]
        in_order: bool,
        /// Seed for the shuffle, to repeat an order (default: a new one each time).
        #[arg(long)]
        seed: Option<u64>,
        #[command(flatten)]
        theme: ThemeArg,
    },
    /// Write a handout, a worksheet, a reading copy, Anki cards or results.
    ///
    /// The handout and the results include what you did in the app (your notes, positions
    /// and quiz results). The same pack, progress and options always give the same bytes.
    Export(export::ExportArgs),
    /// Run the app on an in-memory screen, type keys at it, and print the final screen.
    ///
    /// Keys in vim notation: characters as themselves, <Enter> <Esc> <Tab> <S-Tab> <Space>
    /// <Up> <Down> <Left> <Right> <PageUp> <PageDown> <Home> <End> <BS>, <C-d> for any Ctrl
    /// key, <lt> for `<`, and <Resize:80x24> to change the screen's size.
    /// Example: lectern replay --size 100x30 --keys 'jj/chips<Enter>n'
    Replay {
        /// The screen's size, as WIDTHxHEIGHT.
        #[arg(long, default_value = "100x30", value_parser = parse_size)]
        size: (u16, u16),
        /// The keys to type.
        #[arg(long, default_value = "")]
        keys: String,
        /// Write one JSON line per key to FILE: {"key":"G","us":412}, the microseconds spent
        /// in update and draw.
        #[arg(long, value_name = "FILE")]
        timings: Option<PathBuf>,
        /// A pack folder or a pack id (default: the bundled article).
        pack: Option<String>,
        #[command(flatten)]
        theme: ThemeArg,
    },
}

/// The quiz modes, as written on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ModeArg {
    Quiz,
    Review,
    Missed,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Self {
        match mode {
            ModeArg::Quiz => Mode::Quiz,
            ModeArg::Review => Mode::Review,
            ModeArg::Missed => Mode::Missed,
        }
    }
}

fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or("write the size as WIDTHxHEIGHT, as 100x30")?;
    let w: u16 = w.trim().parse().map_err(|_| format!("`{w}` is not a width"))?;
    let h: u16 = h.trim().parse().map_err(|_| format!("`{h}` is not a height"))?;
    if w == 0 || h == 0 {
        return Err("the size must be at least 1x1".into());
    }
    Ok((w, h))
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let data = data_dir(cli.data_dir.as_deref());
    let library = Library { local: PathBuf::from("texts"), user: data.as_ref().map(|d| d.join("texts")) };
    // `lectern --theme X quiz` names the theme before the command: it counts there too.
    let theme = |own: ThemeArg| own.theme.or_else(|| cli.theme.theme.clone());
    match cli.command {
        Some(Command::Check { paths, watch: false }) => check(&library, &paths),
        Some(Command::Check { paths, watch: true }) => watch::run(&paths, |paths| check(&library, paths)),
        Some(Command::List { json }) => list::run(&library, data.as_deref(), json),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Replay { size, keys, timings, pack, theme: own }) => {
            let steps = match crate::ui::keys::parse(&keys) {
                Ok(steps) => steps,
                Err(error) => bail!("--keys: {error}"),
            };
            let Some(options) = options(theme(own).as_deref(), false)? else { return Ok(ExitCode::FAILURE) };
            let Some((_, pack)) = load_pack(&library, pack.as_deref(), data.as_deref())? else {
                return Ok(ExitCode::FAILURE);
            };
            let mut file = match &timings {
                Some(path) => {
                    Some(std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?)
                }
                None => None,
            };
            let out = file.as_mut().map(|f| f as &mut dyn std::io::Write);
            let (app, buffer) = crate::ui::replay::run(pack, options, size, &steps, out)?;
            print!("{}", crate::ui::replay::screen_text(&buffer));
            // The process ends here, as the app's does when it quits: freeing a book block
            // by block would only keep the reader waiting.
            std::mem::forget(app);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export(args)) => {
            export::refuse_mismatch(&args)?;
            // An export reads the cache but never writes it, as it never writes the
            // database. A printed copy needs no quiz, so one with problems does not stop it.
            let text = matches!(args.format, export::FormatArg::Text);
            // The terms are found with the cache's list of them, or with an index made on the
            // glossary's thread while the article is parsed.
            let terms = std::cell::RefCell::new(None);
            let loader = |origin: Origin<'_>| match cache::recall(&origin, data.as_deref()) {
                Some((pack, found)) => {
                    *terms.borrow_mut() = Some(Marker::Found(std::sync::Arc::new(found)));
                    Loaded { pack, diagnostics: Vec::new(), hashes: None }
                }
                None if text => {
                    let mut index = None;
                    let loaded =
                        crate::pack::load_for_reading(origin, |read| index = Some(crate::pack::term_index(read)));
                    *terms.borrow_mut() = index.map(Marker::Index);
                    loaded
                }
                None => load(origin),
            };
            let loaded = load_pack_with(&library, args.pack.as_deref(), &loader)?;
            let Some((found, pack)) = loaded else { return Ok(ExitCode::FAILURE) };
            let who = Identity::of(&found, &pack.title);
            let record = export::record(&who, args.format, data.as_deref(), &Clock::from_env())?;
            let written = export::run(&pack, terms.take(), &record, &args);
            // The process ends here: freeing a book block by block would only keep the
            // reader waiting.
            std::mem::forget(pack);
            written
        }
        Some(Command::Quiz { pack, plain, mode, in_order, seed, theme: own }) => {
            let interactive = !plain && has_terminal();
            let db = open_early(data.as_deref(), interactive);
            let Some(mut options) = options(theme(own).as_deref(), interactive)? else { return Ok(ExitCode::FAILURE) };
            let Some((found, pack)) = load_pack(&library, pack.as_deref(), data.as_deref())? else {
                return Ok(ExitCode::FAILURE);
            };
            let who = Identity::of(&found, pack.title());
            let data = data.context("no data directory: set --data-dir or LECTERN_DATA_DIR")?;
            options.in_order = in_order;
            options.seed = seed.unwrap_or_else(fresh_seed);
            options.start = Some(mode.into());
            if plain {
                let (pack, _, problem) = pack.finish();
                if let Some(problem) = problem {
                    eprintln!("warning: {problem}");
                }
                quiz_plain(&pack, &who, &options, &data, mode.into())
            } else {
                open_app(pack, &who, Launch { options, data: &data, library: &library, note: None, db, canvas: None })
            }
        }
        None => {
            let interactive = has_terminal();
            let mut db = open_early(data.as_deref(), interactive);
            let Some(mut options) = options(cli.theme.theme.as_deref(), interactive)? else {
                return Ok(ExitCode::FAILURE);
            };
            // The pack read last, unless it has problems now: then the bundled one, saying so.
            // Which pack that is waits for the database, so the frames are made first.
            let canvas = (interactive && cli.pack.is_none()).then(crate::ui::terminal::Canvas::new);
            let last = if cli.pack.is_none() { open_last(&library, data.as_deref(), db.as_mut()) } else { None };
            let mut note = None;
            let last = last.and_then(|(found, opening)| {
                if let Ok(opening) = opening {
                    return Some((found, opening));
                }
                note = Some(format!(
                    "{}, read last, has problems: `lectern check` lists them",
                    crate::text::sanitize::one_line(&found.id)
                ));
                None
            });
            let (found, pack) = match last {
                Some(last) => last,
                None => match load_pack(&library, cli.pack.as_deref(), data.as_deref())? {
                    Some(loaded) => loaded,
                    None => return Ok(ExitCode::FAILURE),
                },
            };
            let who = Identity::of(&found, pack.title());
            let data = data.context("no data directory: set --data-dir or LECTERN_DATA_DIR")?;
            options.seed = fresh_seed();
            open_app(pack, &who, Launch { options, data: &data, library: &library, note, db, canvas })
        }
    }
}

/// The database opened on the helper thread while the config, the theme and the pack load,
/// for the app only (`interactive`); the plain quiz opens its own once the pack has loaded.
fn open_early(data: Option<&Path>, interactive: bool) -> Option<DbOpening> {
    let data = data.filter(|_| interactive)?;
    // The local time zone, which the first screen's counts need, is read there too.
    let zone = || drop(crate::study::schedule::local_zone());
    Some(DbOpening::start(data.to_path_buf(), Clock::from_env().now(), zone))
}

/// The pack read last, opened (from the cache, or loaded and checked), to open when none is
/// named; `None` (the first bundled pack) the first time, or when the database cannot tell.
/// The pack the last app noted beside the database ([`last_read`]) is opened while the
/// database opens; the database then says whether it was the one, and if not the one it
/// names is opened instead.
fn open_last(
    library: &Library,
    data: Option<&Path>,
    opening: Option<&mut DbOpening>,
) -> Option<(Found, Result<Opening, Box<Loaded>>)> {
    let distinct = library.distinct();
    let noted = data.and_then(last_read::hint);
    let guess = noted.and_then(|place| distinct.iter().find(|f| Identity::of(f, "").place == place)).cloned();
    let early = guess.map(|found| {
        let opened = cache::open(found.origin(), data);
        (found, opened)
    });
    let last = read_last(&distinct, data, opening)?;
    match early {
        Some((guess, opened)) if guess == last => Some((guess, opened)),
        _ => {
            let opened = cache::open(last.origin(), data);
            Some((last, opened))
        }
    }
}

/// Which of `distinct` was read last, as the database says.
fn read_last(distinct: &[Found], data: Option<&Path>, opening: Option<&mut DbOpening>) -> Option<Found> {
    // The database the app is opening answers, when it opens; else one opened to read.
    if let Some(db) = opening.and_then(DbOpening::wait) {
        return crate::catalog::last_opened(distinct, db).ok()?;
    }
    let db = Db::open_read_only(data?).ok()??;
    crate::catalog::last_opened(distinct, &db).ok()?
}

/// A seed that differs from run to run.
fn fresh_seed() -> u64 {
    Clock::system().now().as_nanosecond() as u64
}

/// Whether the app can take the terminal: standard input and output are both one, it is
/// the process's own controlling terminal, and it is not `TERM=dumb`, which draws no
/// screen. Without a controlling terminal (a process started with `setsid`) the terminal
/// cannot be reopened, hung up or given back across Ctrl-Z as the app needs.
fn has_terminal() -> bool {
    let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
    !dumb && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() && controlling_terminal()
}

/// Whether the process has a controlling terminal it can open.
#[cfg(unix)]
fn controlling_terminal() -> bool {
    std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_ok()
}

#[cfg(not(unix))]
fn controlling_terminal() -> bool {
    true
}

/// Said, and nothing else, when the app is opened without a terminal (or with a dumb one).
const NEEDS_TERMINAL: &str =
    "lectern: the app needs a terminal; for a pipe or a script use `lectern quiz --plain` or `lectern export`";

/// The exit code for a use the app cannot serve, as clap's for a wrong argument.
const USAGE: u8 = 2;

/// What the app opens with, besides its pack: its options, the data directory, the library,
/// a note for the status bar, the database opening and the frames, if they were made already.
struct Launch<'a> {
    options: Options,
    data: &'a Path,
    library: &'a Library,
    note: Option<String>,
    db: Option<DbOpening>,
    canvas: Option<Result<crate::ui::terminal::Canvas>>,
}

/// Opens the app, with `note` in the status bar; without a terminal it says so and exits
/// with [`USAGE`], before the terminal would be taken and with nothing written to standard
/// output.
fn open_app(pack: Opening, who: &Identity, launch: Launch<'_>) -> Result<ExitCode> {
    let Launch { options, data, library, note, db, canvas } = launch;
    if !has_terminal() {
        eprintln!("{NEEDS_TERMINAL}");
        return Ok(ExitCode::from(USAGE));
    }
    let canvas = canvas.unwrap_or_else(crate::ui::terminal::Canvas::new)?;
    let now = options.clock.now();
    let opened = match db {
        Some(db) => db.take(),
        None => Db::open(data, now),
    };
    let (session, message) = Session::with(opened, who, now);
    let message = match (message, note) {
        (Some(message), Some(note)) => Some(format!("{message}; {note}")),
        (message, note) => message.or(note),
    };
    let shelf = crate::ui::terminal::Shelf { library: library.clone(), data: data.to_path_buf() };
    match crate::ui::terminal::run(pack, options, session, message, shelf, canvas)? {
        Some(warning) => {
            eprintln!("lectern: {warning}");
            Ok(ExitCode::FAILURE)
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

/// The quiz over standard input and output; each answer saved the moment it is given, and
/// the sitting recorded when it ends with an answer or more.
fn quiz_plain(pack: &Pack, who: &Identity, options: &Options, data: &Path, mode: Mode) -> Result<ExitCode> {
    let unsaved = |error| anyhow::anyhow!("cannot read your progress, so nothing would be saved: {error}");
    let (mut db, warning) = Db::open(data, options.clock.now()).map_err(unsaved)?;
    if let Some(warning) = warning {
        eprintln!("warning: {warning}");
    }
    let key = db.key(who, options.clock.now()).map_err(unsaved)?;
    let saved = db.load(&key).map_err(unsaved)?;
    db.opened_as(&key, who, options.clock.now())?;
    let mut written = Written::new(saved.cards.clone());
    let mut cards = saved.cards;
    crate::study::deck::prune(pack, &mut cards);
    let sitting_options = SittingOptions {
        today: options.clock.today(),
        now: options.clock.now(),
        daily_new: options.daily_new,
        seed: options.seed,
        in_order: options.in_order,
        scope: crate::study::deck::Scope::All,
    };
    let mut sitting = Sitting::start(pack, &cards, mode, &sitting_options);
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut output = crate::plain::Printable(stdout.lock());
    let mut io = crate::plain::Io { input: &mut input, output: &mut output };
    let mut save = |cards: &BTreeMap<String, Card>| -> Result<()> {
        written.write(&mut db, &key, cards, jiff::Timestamp::now())?;
        Ok(())
    };
    let summary =
        crate::plain::run(pack, &mut cards, &mut sitting, &sitting_options, &options.clock, &mut io, &mut save)?;
    if !sitting.answers.is_empty() {
        db.record_finished(&key, &Finished::new(mode, sitting_options.now, &summary))?;
    }
    db.close();
    Ok(ExitCode::SUCCESS)
}

fn data_dir(given: Option<&Path>) -> Option<PathBuf> {
    given.map(Path::to_path_buf).or_else(|| {
        use etcetera::BaseStrategy;
        etcetera::choose_base_strategy().ok().map(|s| s.data_dir().join("lectern"))
    })
}

/// The config file and the theme, read before the terminal is taken over. Problems are
/// printed with their place; `None` means the app must not start. `auto` asks the
/// terminal for its background only when `interactive`.
fn options(theme: Option<&str>, interactive: bool) -> Result<Option<Options>> {
    let config = match config::load(None) {
        Ok(config) => config,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("error: the config file has problems; fix them or move it aside");
            return Ok(None);
        }
    };
    let mut name = theme.unwrap_or(&config.theme);
    if name == "auto" && interactive && !no_color_env() {
        name = crate::ui::terminal::background_theme();
    }
    let colorterm = std::env::var("COLORTERM").ok();
    match resolve(name, user_theme_dir().as_deref(), no_color_env(), colorterm.as_deref()) {
        Ok(theme) => Ok(Some(Options {
            theme,
            reading_width: config.reading_width,
            daily_new: config.daily_new as usize,
            marks: config.marks,
            clock: Clock::from_env(),
            salt: crate::notes::Ids::salt(),
            ..Options::default()
        })),
        Err(ThemeError::Invalid { name, diagnostics }) => {
            print_diagnostics(&diagnostics);
            eprintln!("error: theme `{name}` has problems");
            Ok(None)
        }
        Err(error) => bail!("{error}"),
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let styled = styled();
    for diagnostic in diagnostics {
        eprintln!("{}\n", diagnostic.render(styled));
    }
}

fn find(library: &Library, name: &str) -> Result<Found> {
    let path = Path::new(name);
    // A file inside a pack folder stands for its folder.
    if path.is_file()
        && let Some(parent) = path.parent().filter(|p| p.join("pack.toml").is_file())
    {
        let dir = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        return library.resolve(&dir.display().to_string()).context("no pack there");
    }
    match library.resolve(name) {
        Some(found) => Ok(found),
        None if path.exists() => {
            bail!("{name}: not a pack folder (a pack folder holds pack.toml, article.md, glossary.toml and quiz.toml)")
        }
        None if name.contains(['/', '\\']) || name.starts_with('.') => bail!("{name}: no such folder"),
        None => bail!("no pack named `{name}`; `lectern list` shows the packs found"),
    }
}

/// Finds and opens the named pack (or the first bundled one) through the cache in `data`,
/// its term index started; `None` when it has errors, which are printed.
fn load_pack(library: &Library, name: Option<&str>, data: Option<&Path>) -> Result<Option<(Found, Opening)>> {
    let found = named(library, name)?;
    match cache::open(found.origin(), data) {
        Ok(opening) => Ok(Some((found, opening))),
        Err(loaded) => {
            refuse(&found, &loaded);
            Ok(None)
        }
    }
}

/// As [`load_pack`], with the loader to use, and no term index.
fn load_pack_with(
    library: &Library,
    name: Option<&str>,
    loader: &dyn Fn(Origin<'_>) -> Loaded,
) -> Result<Option<(Found, Pack)>> {
    let found = named(library, name)?;
    let loaded = loader(found.origin());
    if !loaded.is_ok() {
        refuse(&found, &loaded);
        return Ok(None);
    }
    Ok(Some((found, loaded.pack)))
}

/// The pack `name` names, or the first bundled one.
fn named(library: &Library, name: Option<&str>) -> Result<Found> {
    match name {
        Some(name) => find(library, name),
        None => library.all().into_iter().next().context("no pack is bundled"),
    }
}

/// Prints a pack's problems and that it cannot be opened.
fn refuse(found: &Found, loaded: &Loaded) {
    report(loaded);
    eprintln!("error: `{}` has problems; fix them and try again (`lectern check` lists them)", found.id);
}

fn styled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn report(loaded: &Loaded) {
    print_diagnostics(&loaded.diagnostics);
}

fn check(library: &Library, names: &[String]) -> Result<ExitCode> {
    let found = if names.is_empty() {
        library.distinct()
    } else {
        names.iter().map(|n| find(library, n)).collect::<Result<Vec<_>>>()?
    };
    let mut failed = 0;
    for pack in &found {
        let loaded = load(pack.origin());
        report(&loaded);
        let errors = count(&loaded.diagnostics, Severity::Error);
        let warnings = count(&loaded.diagnostics, Severity::Warning);
        let id = &pack.id;
        if errors > 0 {
            failed += 1;
            println!("FAIL  {id}  {}, {}", plural(errors, "error"), plural(warnings, "warning"));
            continue;
        }
        let s = loaded.pack.stats();
        let warned = if warnings > 0 { format!("  ({})", plural(warnings, "warning")) } else { String::new() };
        println!(
            "ok  {id}  {} · {} ({}) · {} · {}/{} paragraphs quizzed{warned}",
            plural(s.terms, "term"),
            plural(s.questions, "question"),
            plural(s.kinds, "kind"),
            plural(s.prompts, "prompt"),
            s.quizzed,
            s.paragraphs,
        );
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `n` and `word`, plural unless there is one.
fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
