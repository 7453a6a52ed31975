//! The handout: what a student brings to the discussion. The pack's title, author and
//! summary; the reader's highlights and notes in text order, grouped by paragraph; every
//! discussion prompt with the position written on it, or room to write one; the glossary
//! entries looked up (or all of them); and how the quiz went, with the questions missed
//! most and the passage each one tests.

use std::fmt::Write;

use super::markdown::{blank, inline, lines, strong};
use super::{Options, Record};
use crate::notes::Annotation;
use crate::notes::book::{Entry, Notebook};
use crate::pack::Pack;
use crate::pack::model::Reference;
use crate::study::answer::right_answer;
use crate::study::deck::{self, Item};
use crate::study::schedule::Rating;
use crate::text::article::BlockKind;

/// How many of the questions missed most the handout lists.
const MISSED_MOST: usize = 5;

/// The handout's Markdown.
pub fn handout(pack: &Pack, record: &Record, options: &Options) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&pack.title));
    if !pack.author.trim().is_empty() {
        let _ = writeln!(out, "By {}\n", inline(&pack.author));
    }
    if !pack.summary.trim().is_empty() {
        let _ = writeln!(out, "*{}*\n", inline(&pack.summary));
    }
    highlights(&mut out, pack, record);
    discussion(&mut out, pack, record);
    glossary(&mut out, pack, record, options.all_terms);
    results(&mut out, pack, record);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The highlights and notes, each paragraph under its `¶` heading; those whose passage is
/// not in this version of the article at the end.
fn highlights(out: &mut String, pack: &Pack, record: &Record) {
    out.push_str("## Highlights and notes\n\n");
    let book = Notebook::new(record.notes.clone(), &pack.article, 0);
    let entries = book.entries();
    if entries.is_empty() {
        out.push_str("No highlights or notes yet.\n\n");
        return;
    }
    // Grouped by the block each passage starts in; one that runs on says how far.
    let mut heading = None;
    for entry in entries {
        let (here, to) = match entry.span {
            Some(span) => (place(pack, span.start.block), reaches(pack, span.start.block, span.end.block)),
            None => ("Not found in this version of the article".to_string(), None),
        };
        if heading.as_ref() != Some(&here) {
            let _ = writeln!(out, "### {here}\n");
            heading = Some(here);
        }
        annotation(out, entry, to);
    }
}

/// Where a passage that starts in block `block` is: `¶ 7`, or for a heading its words.
fn place(pack: &Pack, block: usize) -> String {
    let article = &pack.article;
    if let Some(n) = article.paragraph_number(block) {
        return format!("¶ {n}");
    }
    let Some(block) = article.blocks.get(block) else { return "The article".to_string() };
    match block.kind {
        BlockKind::Heading(_) => Some(inline(&block.text)).filter(|t| !t.is_empty()).unwrap_or("A heading".into()),
        BlockKind::Byline => "The byline".to_string(),
        BlockKind::Code => "A code block".to_string(),
        _ => "The article".to_string(),
    }
}

/// `¶ 7–9` for a passage from block `first` on into a later paragraph `last`.
fn reaches(pack: &Pack, first: usize, last: usize) -> Option<String> {
    let article = &pack.article;
    let end = article.paragraph_number(last)?;
    let start = article.paragraph_number(first).unwrap_or(end);
    (last > first && end > start).then(|| format!("¶ {start}–{end}"))
}

/// One highlight or note: the passage quoted (and how far it runs, when that is past its
/// paragraph), then its kind and the note.
fn annotation(out: &mut String, entry: &Entry, to: Option<String>) {
    let Annotation { quote, kind, note, .. } = &entry.annotation;
    let to = to.map(|to| format!(" *({to})*")).unwrap_or_default();
    let _ = writeln!(out, "> “{}”{to}\n", inline(&quote.exact));
    let label = match kind {
        Some(kind) => capitalized(kind.name()),
        None => "Note".to_string(),
    };
    let note = lines(note, "");
    if note.is_empty() {
        let _ = writeln!(out, "**{label}**\n");
    } else {
        let _ = writeln!(out, "**{label}:** {note}\n");
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Every discussion prompt with the reader's position, or lines to write one on.
fn discussion(out: &mut String, pack: &Pack, record: &Record) {
    if pack.discussion.is_empty() {
        return;
    }
    out.push_str("## Discussion\n\n");
    for (i, prompt) in pack.discussion.iter().enumerate() {
        let marker = format!("{}. ", i + 1);
        let indent = " ".repeat(marker.len());
        let at = paragraph(pack, prompt.reference.as_ref()).map(|n| format!(" *(¶ {n})*")).unwrap_or_default();
        let _ = writeln!(out, "{marker}{}{at}\n", inline(&prompt.prompt));
        let written = record.notes.answers.iter().find(|a| a.prompt == prompt.prompt).map(|a| a.text.as_str());
        match written.map(|text| lines(text, &indent)).filter(|text| !text.is_empty()) {
            Some(text) => {
                let _ = writeln!(out, "{indent}**My position:** {text}\n");
            }
            None => {
                let _ = writeln!(out, "{indent}**My position:**\\");
                let _ = writeln!(out, "{indent}{}\\", blank(64));
                let _ = writeln!(out, "{indent}{}\\", blank(64));
                let _ = writeln!(out, "{indent}{}\n", blank(64));
            }
        }
    }
}

/// The paragraph number of a reference's passage.
fn paragraph(pack: &Pack, reference: Option<&Reference>) -> Option<usize> {
    pack.article.paragraph_number(reference?.anchor.as_ref()?.block)
}

/// The glossary entries looked up, in the order first looked up, or every entry.
fn glossary(out: &mut String, pack: &Pack, record: &Record, all: bool) {
    let terms: Vec<usize> = if all {
        // Every finished entry: a draft's definition is not one yet.
        (0..pack.terms.len()).filter(|&t| !pack.terms[t].draft).collect()
    } else {
        record.lookups.iter().filter_map(|l| pack.terms.iter().position(|t| t.term == l.term)).collect()
    };
    if all {
        out.push_str("## Glossary\n\n");
    } else {
        out.push_str("## Terms I looked up\n\n");
    }
    if terms.is_empty() {
        out.push_str(if all { "The pack has no glossary.\n\n" } else { "No glossary entries looked up yet.\n\n" });
        return;
    }
    for t in terms {
        let term = &pack.terms[t];
        let aliases = if term.aliases.is_empty() {
            String::new()
        } else {
            format!(" ({})", term.aliases.iter().map(|a| inline(a)).collect::<Vec<_>>().join(", "))
        };
        let _ = writeln!(out, "- {}{aliases}: {}", strong(&term.term), inline(&term.definition));
    }
    out.push('\n');
}

/// The last sitting's score and the questions missed most, each with its passage.
fn results(out: &mut String, pack: &Pack, record: &Record) {
    out.push_str("## Quiz results\n\n");
    match record.finished.last() {
        Some(last) => {
            let day = last.finished.to_zoned_datetime(record.zone.clone()).date();
            let score = last.right + last.almost;
            let percent = super::results::percent(score, last.asked).unwrap_or(0);
            let _ = writeln!(
                out,
                "Last sitting ({}, {}): {score} of {} right ({percent}%).",
                last.mode.name(),
                day.strftime("%-d %B %Y"),
                last.asked
            );
            let sittings = record.finished.len();
            if sittings > 1 {
                let _ = writeln!(out, "Sittings finished: {sittings}.");
            }
            out.push('\n');
        }
        None => out.push_str("No sitting finished yet.\n\n"),
    }
    let missed = missed_most(pack, record);
    if missed.is_empty() {
        return;
    }
    out.push_str("### The questions I miss most\n\n");
    for (n, (item, misses)) in missed.into_iter().enumerate() {
        let marker = format!("{}. ", n + 1);
        let indent = " ".repeat(marker.len());
        let (prompt, reference) = match item {
            Item::Question(q) => (pack.questions[q].prompt.clone(), pack.questions[q].reference.as_ref()),
            Item::Term(t) => (format!("What is “{}”?", pack.terms[t].term), None),
        };
        let times = if misses == 1 { "once".to_string() } else { format!("{misses} times") };
        let _ = writeln!(out, "{marker}{}\\", inline(&prompt));
        let _ = writeln!(out, "{indent}Missed {times}. The answer: {}", inline(&right_answer(pack, item)));
        if let Some(reference) = reference {
            let at = paragraph(pack, Some(reference)).map(|n| format!("¶ {n}: ")).unwrap_or_default();
            let _ = writeln!(out, "\n{indent}> {at}“{}”", inline(&reference.quote));
        }
        out.push('\n');
    }
}

/// The items answered wrong most often (at least once), most first, in pack order among
/// equals; at most [`MISSED_MOST`].
fn missed_most(pack: &Pack, record: &Record) -> Vec<(Item, usize)> {
    let mut missed: Vec<(Item, usize)> = deck::items(pack)
        .into_iter()
        .filter_map(|item| {
            let card = record.cards.get(&deck::key(pack, item))?;
            let misses = card.log.iter().filter(|r| r.rating == Rating::Again).count();
            (misses > 0).then_some((item, misses))
        })
        .collect();
    missed.sort_by_key(|&(_, misses)| std::cmp::Reverse(misses));
    missed.truncate(MISSED_MOST);
    missed
}
