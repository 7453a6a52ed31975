//! `lectern export`: a pack and what the reader made of it, written in one of the formats
//! of [`crate::export`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::export::{self, Format, Options, Record};
use crate::pack::Pack;
use crate::store::{Db, Identity};
use crate::study::schedule::Clock;
use crate::text::found::Marker;

/// The narrowest `export --width`: narrower, a line holds a word or two.
pub const MIN_WIDTH: u16 = 20;

/// The formats, as written on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// Your highlights and notes by paragraph, your positions on the discussion prompts, the
    /// terms you looked up and your quiz results (Markdown, or a page with --html)
    Handout,
    /// The quiz on paper: questions, discussion prompts, then the answer key on a page of
    /// its own (Markdown, or a page with --html)
    Worksheet,
    /// A plain-text reading copy, with ¶ numbers and the glossary as footnotes
    Text,
    /// Glossary terms and questions as notes Anki imports as they are (tab-separated)
    Anki,
    /// Your answers, grades and sittings as JSON, for a teacher (see docs/results.md)
    Results,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Handout => Format::Handout,
            FormatArg::Worksheet => Format::Worksheet,
            FormatArg::Text => Format::Text,
            FormatArg::Anki => Format::Anki,
            FormatArg::Results => Format::Results,
        }
    }
}

/// `lectern export`'s arguments.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A pack folder or a pack id (default: the bundled article).
    pub pack: Option<String>,
    /// What to write.
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Write to FILE (atomically: it is replaced whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// handout, worksheet: a self-contained page to print from a browser, not Markdown.
    #[arg(long)]
    pub html: bool,
    /// text: columns per line, at least 20 [default: 76].
    #[arg(long, value_parser = width)]
    pub width: Option<u16>,
    /// text: leave out the ¶ numbers in the margin.
    #[arg(long)]
    pub no_numbers: bool,
    /// handout: every glossary term, not only those you looked up.
    #[arg(long)]
    pub all_terms: bool,
    /// worksheet: the seed of the shuffles; the same seed, the same worksheet [default: 1].
    #[arg(long)]
    pub seed: Option<u64>,
    /// worksheet: leave out the answer key (the students' copy).
    #[arg(long)]
    pub no_key: bool,
    /// worksheet: only questions of these kinds, as choice,multi,truefalse,text,cloze,order,card.
    #[arg(long, value_name = "KIND,...", value_delimiter = ',', value_parser = kind)]
    pub only: Vec<String>,
    /// worksheet: only questions on these paragraphs, as 3-7 (or 5 for one).
    #[arg(long, value_name = "FIRST-LAST", value_parser = paragraphs)]
    pub paragraphs: Option<(usize, usize)>,
}

fn width(s: &str) -> Result<u16, String> {
    let width: u16 = s.trim().parse().map_err(|_| format!("`{s}` is not a number of columns"))?;
    if width < MIN_WIDTH {
        return Err(format!("{width} columns is too narrow to read; give {MIN_WIDTH} or more"));
    }
    Ok(width)
}

fn kind(s: &str) -> Result<String, String> {
    let names = crate::pack::model::Kind::NAMES;
    let s = s.trim();
    if names.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a question kind; the kinds are {}", names.join(", ")))
    }
}

fn paragraphs(s: &str) -> Result<(usize, usize), String> {
    let number = |n: &str| -> Result<usize, String> {
        n.trim().parse::<usize>().ok().filter(|&n| n > 0).ok_or_else(|| format!("`{n}` is not a paragraph number"))
    };
    let (first, last) = match s.split_once('-') {
        Some((first, last)) => (number(first)?, number(last)?),
        None => (number(s)?, number(s)?),
    };
    if first > last {
        return Err(format!("{first}-{last} runs backwards; write the first paragraph first"));
    }
    Ok((first, last))
}

impl ExportArgs {
    /// The options of [`crate::export`] these arguments give.
    pub fn options(&self) -> Options {
        let defaults = Options::default();
        Options {
            html: self.html,
            width: self.width.map_or(defaults.width, usize::from),
            numbers: !self.no_numbers,
            all_terms: self.all_terms,
            seed: self.seed.unwrap_or(defaults.seed),
            key: !self.no_key,
            only: self.only.clone(),
            paragraphs: self.paragraphs,
            terms: None,
        }
    }
}

/// Refuses an option given with a format it does not apply to, before any work is done:
/// it would do nothing, and the reader would think it had.
pub fn refuse_mismatch(args: &ExportArgs) -> Result<()> {
    let format = Format::from(args.format);
    if args.html && !format.has_html() {
        bail!("--html is for the handout and the worksheet; `{}` has one form", format.name());
    }
    let given = [
        ("--width", args.width.is_some(), Format::Text),
        ("--no-numbers", args.no_numbers, Format::Text),
        ("--all-terms", args.all_terms, Format::Handout),
        ("--seed", args.seed.is_some(), Format::Worksheet),
        ("--no-key", args.no_key, Format::Worksheet),
        ("--only", !args.only.is_empty(), Format::Worksheet),
        ("--paragraphs", args.paragraphs.is_some(), Format::Worksheet),
    ];
    for (option, set, owner) in given {
        if set && format != owner {
            bail!("{option} is for the {} format, not `{}`", owner.name(), format.name());
        }
    }
    Ok(())
}

/// What the reader has done with the pack `who`, from the database in `data`, when `format` includes
/// it; nothing when there is no database yet (none is made for an export).
pub fn record(who: &Identity, format: FormatArg, data: Option<&Path>, clock: &Clock) -> Result<Record> {
    let today = clock.today();
    let zone = crate::study::schedule::local_zone();
    let db = match data.filter(|_| Format::from(format).uses_record()) {
        Some(data) => Db::open_read_only(data).context("cannot read your progress to export it")?,
        None => None,
    };
    match db {
        Some(db) => Ok(Record::read(&db, &db.key_of(who)?, today, zone)?),
        None => Ok(Record::empty(today, zone)),
    }
}

/// Writes the export `args` ask for of `pack` to `args.output`, or to standard output, finding
/// the terms in its article with `terms` when the cache had them or the load made an index.
pub fn run(pack: &Pack, terms: Option<Marker>, record: &Record, args: &ExportArgs) -> Result<ExitCode> {
    let format = Format::from(args.format);
    let options = Options { terms, ..args.options() };
    if let Some(path) = &args.output {
        export::write_file(path, pack, record, format, &options)?;
        return Ok(ExitCode::SUCCESS);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match export::write(pack, record, format, &options, &mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A reader that stops early (`| head`) is not an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error.into()),
    }
}
