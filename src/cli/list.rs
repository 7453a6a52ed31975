//! `lectern list`: the library, one pack a line (or JSON for scripts).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::catalog::{self, Row};
use crate::pack::source::{Library, Origin};
use crate::store::Db;
use crate::study::schedule::Clock;
use crate::text::sanitize::{one_line, printable};
use crate::text::wrap::width;

/// Lists the packs of `library` with what the database in `data` holds for each.
pub fn run(library: &Library, data: Option<&Path>, json: bool) -> Result<ExitCode> {
    let clock = Clock::from_env();
    let db = match data {
        Some(data) => Db::open_read_only(data).context("cannot read your progress")?,
        None => None,
    };
    // The config's daily limit of new cards, as the app counts them; its own problems are
    // the app's to report.
    let daily_new = crate::ui::config::load(None).map_or(20, |c| c.daily_new as usize);
    // Read through the cache, which a listing never writes.
    let load = |origin: Origin<'_>| crate::pack::cache::load_read_only(origin, data);
    let rows = catalog::rows(library.distinct(), db.as_ref(), &load, clock.today(), daily_new)?;
    let text = if json { to_json(&rows)? } else { table(&rows, clock.today()) };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// The rows as a table: a header, then one pack a line, columns aligned.
fn table(rows: &[Row], today: jiff::civil::Date) -> String {
    let zone = crate::study::schedule::local_zone();
    let mut lines: Vec<[String; 9]> =
        vec![["PACK", "TITLE", "AUTHOR", "READ", "DUE", "NEW", "NOTES", "OPENED", "WHERE"].map(str::to_string)];
    for (i, row) in rows.iter().enumerate() {
        let title = one_line(&row.title);
        let mut place = catalog::place(&row.found);
        if let Some(error) = &row.error {
            place.push_str(&format!("  (has errors: {}; see lectern check)", one_line(error)));
        }
        if rows[..i].iter().any(|r| r.found.id == row.found.id) {
            place.push_str("  (same id as one above: open it by its path)");
        }
        lines.push([
            one_line(&row.found.id),
            crate::ui::sheet::truncate(if title.is_empty() { "(untitled)" } else { &title }, 40),
            crate::ui::sheet::truncate(&one_line(&row.author), 24),
            format!("{}%", row.read),
            row.due.to_string(),
            row.new.to_string(),
            row.notes.to_string(),
            catalog::when(row.opened, today, &zone),
            place,
        ]);
    }
    let widths: Vec<usize> = (0..9).map(|c| lines.iter().map(|l| width(&l[c])).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for line in &lines {
        let mut cells = Vec::new();
        for (c, cell) in line.iter().enumerate() {
            let pad = widths[c] - width(cell);
            // Numbers right-aligned, text left; the last column is not padded.
            cells.push(match c {
                3..=6 => format!("{}{cell}", " ".repeat(pad)),
                8 => cell.clone(),
                _ => format!("{cell}{}", " ".repeat(pad)),
            });
        }
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// A pack as `lectern list --json` gives it.
#[derive(Serialize)]
struct Entry {
    id: String,
    title: String,
    author: String,
    summary: String,
    tags: Vec<String>,
    /// `bundled`, or the pack's folder.
    place: String,
    /// Percent of the article read, to the reading position.
    read: usize,
    due: usize,
    new: usize,
    notes: usize,
    /// RFC 3339, or null for a pack never opened.
    opened: Option<String>,
    /// The first error `lectern check` reports, or null.
    error: Option<String>,
}

fn to_json(rows: &[Row]) -> Result<String> {
    let entries: Vec<Entry> = rows
        .iter()
        .map(|row| Entry {
            id: printable(&row.found.id).into_owned(),
            title: printable(&row.title).into_owned(),
            author: printable(&row.author).into_owned(),
            summary: printable(&row.summary).into_owned(),
            tags: row.tags.iter().map(|t| printable(t).into_owned()).collect(),
            place: catalog::place(&row.found),
            read: row.read,
            due: row.due,
            new: row.new,
            notes: row.notes,
            opened: row.opened.map(|t| t.to_string()),
            error: row.error.as_deref().map(|e| printable(e).into_owned()),
        })
        .collect();
    Ok(serde_json::to_string_pretty(&entries)? + "\n")
}
