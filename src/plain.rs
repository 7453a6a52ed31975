//! Plain mode: the quiz over standard input and output, with no escape codes and no
//! terminal control, for screen readers, scripts and a projector in class.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use anyhow::Result;

use crate::pack::Pack;
use crate::pack::model::{ClozePart, Kind};
use crate::study::answer::{cloze_blanks, duration, headline};
use crate::study::deck::Item;
use crate::study::grade::{Response, SelfGrade, Verdict};
use crate::study::schedule::{Card, Clock};
use crate::study::session::{Sitting, SittingOptions, Summary};
use crate::text::sanitize::clean;

/// Where answers come from and where the quiz is written.
pub struct Io<'a> {
    pub input: &'a mut dyn BufRead,
    pub output: &'a mut dyn Write,
}

/// A writer that lets nothing from a pack reach the terminal as a control character or a
/// direction control, whatever writes through it: every question, choice and explanation of
/// a plain sitting goes through one.
pub struct Printable<W: Write>(pub W);

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Formatted text arrives in whole characters; anything else is written as the
        // replacement character, never raw.
        let text = String::from_utf8_lossy(buf);
        let kept: String = text
            .chars()
            .filter(|&c| !crate::text::sanitize::is_bidi_control(c))
            .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || c == '\u{7f}'))
            .collect();
        self.0.write_all(kept.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl Io<'_> {
    /// Reads one line; `None` at the end of input.
    fn line(&mut self, prompt: &str) -> Result<Option<String>> {
        write!(self.output, "{prompt}")?;
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.output)?;
            return Ok(None);
        }
        // What the student types is echoed nowhere, but it is cleaned all the same.
        Ok(Some(clean(line.trim_end_matches(['\n', '\r'])).into_owned()))
    }
}

/// Runs a sitting, timed by `clock`. `save` is called with the cards after every answer.
/// Returns the summary.
pub fn run(
    pack: &Pack,
    cards: &mut BTreeMap<String, Card>,
    sitting: &mut Sitting,
    options: &SittingOptions,
    clock: &Clock,
    io: &mut Io<'_>,
    save: &mut dyn FnMut(&BTreeMap<String, Card>) -> Result<()>,
) -> Result<Summary> {
    let total = sitting.items.len();
    if total == 0 {
        // A summary of nothing (no time, a score of 0/0) says nothing more.
        writeln!(io.output, "Nothing to ask in this mode today.")?;
        return Ok(sitting.summary(pack, cards, clock.now()));
    }
    while let Some(item) = sitting.current() {
        let response = loop {
            writeln!(io.output, "Question {} of {total} ({})", sitting.index + 1, kind_name(pack, item))?;
            match ask(pack, item, sitting, io)? {
                Asked::Answer(response) => break Some(response),
                // One line on what can be read, then the same question again.
                Asked::Unreadable(why) => writeln!(io.output, "{why}\n")?,
                Asked::End => break None,
            }
        };
        let Some(response) = response else { break };
        let verdict = sitting.answer(pack, cards, &response).unwrap_or(Verdict::Wrong);
        save(cards)?;
        feedback(pack, item, &response, &verdict, io)?;
        sitting.next(pack, options.in_order);
        writeln!(io.output)?;
    }
    let summary = sitting.summary(pack, cards, clock.now());
    print_summary(pack, &summary, io)?;
    Ok(summary)
}

fn kind_name(pack: &Pack, item: Item) -> &'static str {
    match item {
        Item::Question(q) => pack.questions[q].kind.name(),
        Item::Term(_) => "term",
    }
}

/// What reading an answer gave.
enum Asked {
    Answer(Response),
    /// The answer could not be read: why, in one line.
    Unreadable(String),
    /// The input ended.
    End,
}

/// Shows the item and reads an answer.
fn ask(pack: &Pack, item: Item, sitting: &Sitting, io: &mut Io<'_>) -> Result<Asked> {
    let kind = match item {
        Item::Term(t) => return ask_card(&pack.terms[t].term, &pack.terms[t].definition, io),
        Item::Question(q) => {
            writeln!(io.output, "{}", pack.questions[q].prompt)?;
            &pack.questions[q].kind
        }
    };
    let order = &sitting.shown.order;
    match kind {
        Kind::Choice { choices, .. } | Kind::Multi { choices, .. } => {
            for (n, &i) in order.iter().enumerate() {
                writeln!(io.output, "  {}) {}", n + 1, choices[i])?;
            }
            let multi = matches!(kind, Kind::Multi { .. });
            if multi {
                let example = if order.len() >= 3 { "1 3" } else { "1 2" };
                writeln!(io.output, "Type the numbers of every right choice, separated by spaces, e.g. {example}.")?;
            } else {
                writeln!(io.output, "Type the number of one choice.")?;
            }
            let Some(line) = io.line("> ")? else { return Ok(Asked::End) };
            Ok(match numbers(&line, order.len()) {
                Some(picked) if multi && !picked.is_empty() => {
                    Asked::Answer(Response::Multi(picked.iter().map(|n| order[n - 1]).collect()))
                }
                Some(picked) if picked.len() == 1 && !multi => Asked::Answer(Response::Choice(order[picked[0] - 1])),
                _ if multi => Asked::Unreadable(format!(
                    "Give the numbers of every right choice, from 1 to {}, separated by spaces or commas.",
                    order.len()
                )),
                _ => Asked::Unreadable(format!("Give one number, from 1 to {}.", order.len())),
            })
        }
        Kind::TrueFalse { .. } => {
            writeln!(io.output, "Type true or false (or t, f).")?;
            let Some(line) = io.line("> ")? else { return Ok(Asked::End) };
            Ok(match line.trim().to_lowercase().as_str() {
                "true" | "t" | "yes" | "y" => Asked::Answer(Response::TrueFalse(true)),
                "false" | "f" | "no" | "n" => Asked::Answer(Response::TrueFalse(false)),
                _ => Asked::Unreadable("Answer true or false (t, f, yes or no also work).".into()),
            })
        }
        Kind::Text { .. } => {
            let Some(line) = io.line("> ")? else { return Ok(Asked::End) };
            if line.trim().is_empty() {
                return Ok(Asked::Unreadable("Type your answer, then press Enter.".into()));
            }
            Ok(Asked::Answer(Response::Text(line)))
        }
        Kind::Cloze { parts } => {
            writeln!(io.output, "{}", cloze_blanks(parts))?;
            writeln!(io.output, "Type one line per gap, in order.")?;
            let gaps = parts.iter().filter(|p| matches!(p, ClozePart::Gap(_))).count();
            let mut answers = Vec::with_capacity(gaps);
            for gap in 1..=gaps {
                let Some(line) = io.line(&format!("Gap {gap}: "))? else { return Ok(Asked::End) };
                answers.push(line);
            }
            Ok(Asked::Answer(Response::Cloze(answers)))
        }
        Kind::Order { items } => {
            for (n, &i) in order.iter().enumerate() {
                writeln!(io.output, "  {}) {}", n + 1, items[i])?;
            }
            // An example of the form only: the numbers backwards.
            let example = (1..=order.len()).rev().map(|n| n.to_string()).collect::<Vec<_>>().join(" ");
            writeln!(io.output, "Type the numbers in the right order, separated by spaces, e.g. {example}.")?;
            let Some(line) = io.line("> ")? else { return Ok(Asked::End) };
            Ok(match numbers(&line, order.len()) {
                Some(picked) if picked.len() == order.len() => {
                    Asked::Answer(Response::Order(picked.iter().map(|n| order[n - 1]).collect()))
                }
                _ => Asked::Unreadable(format!(
                    "Give all {} numbers once each, in the right order, such as {example}.",
                    order.len()
                )),
            })
        }
        Kind::Card { back } => ask_card("", back, io),
    }
}

/// A card: Enter reveals the back, then the student grades themself 1 to 4 (asked again,
/// without hiding the back, until the grade can be read).
fn ask_card(front: &str, back: &str, io: &mut Io<'_>) -> Result<Asked> {
    if !front.is_empty() {
        writeln!(io.output, "{front}")?;
    }
    if io.line("Press Enter to see the answer. ")?.is_none() {
        return Ok(Asked::End);
    }
    writeln!(io.output, "{back}")?;
    loop {
        let Some(line) = io.line("How well did you know it? 1 Again, 2 Hard, 3 Good, 4 Easy: ")? else {
            return Ok(Asked::End);
        };
        let grade = match line.trim() {
            "1" => SelfGrade::Again,
            "2" => SelfGrade::Hard,
            "3" => SelfGrade::Good,
            "4" => SelfGrade::Easy,
            _ => {
                writeln!(io.output, "Give a number from 1 to 4.")?;
                continue;
            }
        };
        return Ok(Asked::Answer(Response::Card(grade)));
    }
}

/// Distinct numbers from 1 to `max`, separated by spaces or commas; `None` if any is not.
fn numbers(line: &str, max: usize) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for word in line.split([' ', ',']).filter(|w| !w.is_empty()) {
        let n: usize = word.parse().ok()?;
        if n == 0 || n > max || out.contains(&n) {
            return None;
        }
        out.push(n);
    }
    Some(out)
}

/// The verdict in the app's words, the explanation, and the passage the question tests.
fn feedback(pack: &Pack, item: Item, response: &Response, verdict: &Verdict, io: &mut Io<'_>) -> Result<()> {
    writeln!(io.output, "{}", headline(pack, item, response, verdict))?;
    if let Item::Question(q) = item {
        let question = &pack.questions[q];
        if let Some(explain) = &question.explain {
            writeln!(io.output, "{explain}")?;
        }
        if let Some(reference) = &question.reference {
            let paragraph = reference.anchor.as_ref().and_then(|a| pack.article.paragraph_number(a.block));
            let quote = excerpt(&reference.quote);
            match paragraph {
                Some(n) => writeln!(io.output, "Source (¶ {n}): “{quote}”")?,
                None => writeln!(io.output, "Source: “{quote}”")?,
            }
        }
    }
    Ok(())
}

/// A quote as an excerpt: "…" before it, and after it unless it ends a sentence (so that
/// `bubble.` does not become `bubble.…`).
fn excerpt(quote: &str) -> String {
    let quote = quote.trim();
    let ends = quote.trim_end_matches(['’', '”', '\'', '"', ')', ']']).ends_with(['.', '!', '?', '…']);
    if ends { format!("…{quote}") } else { format!("…{quote}…") }
}

fn print_summary(pack: &Pack, summary: &Summary, io: &mut Io<'_>) -> Result<()> {
    let out = &mut io.output;
    writeln!(out, "Time: {}", duration(summary.seconds))?;
    if !summary.by_kind.is_empty() {
        let kinds: Vec<String> = summary.by_kind.iter().map(|(k, (r, n))| format!("{k} {r}/{n}")).collect();
        writeln!(out, "By kind: {}", kinds.join(", "))?;
    }
    if summary.almost > 0 {
        writeln!(out, "Almost right, counted in the score: {}", summary.almost)?;
    }
    if summary.looked_up > 0 {
        writeln!(out, "Looked up before answering (counted as Hard at most): {}", summary.looked_up)?;
    }
    for item in &summary.missed {
        let (text, paragraph) = match *item {
            Item::Question(q) => {
                let question = &pack.questions[q];
                let paragraph = question
                    .reference
                    .as_ref()
                    .and_then(|r| r.anchor.as_ref())
                    .and_then(|a| pack.article.paragraph_number(a.block));
                (question.prompt.as_str(), paragraph)
            }
            Item::Term(t) => (pack.terms[t].term.as_str(), None),
        };
        match paragraph {
            Some(n) => writeln!(out, "Missed: {text} (read ¶ {n} again)")?,
            None => writeln!(out, "Missed: {text}")?,
        }
    }
    writeln!(out, "Due tomorrow: {}", summary.due_tomorrow)?;
    writeln!(out, "Score: {}/{}", summary.score(), summary.asked)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::testing::{pack, question, term};
    use crate::text::article::Article;

    fn summary(looked_up: usize) -> Summary {
        Summary {
            right: 1,
            almost: 1,
            asked: 3,
            seconds: 75,
            by_kind: BTreeMap::from([("term", (2, 3))]),
            missed: vec![Item::Term(0)],
            due_tomorrow: 2,
            looked_up,
        }
    }

    fn printed(summary: &Summary) -> String {
        let p = pack(Article::default(), vec![question("q", "?", Kind::TrueFalse { answer: true })], vec![term("t")]);
        let mut output = Vec::new();
        let mut input: &[u8] = b"";
        print_summary(&p, summary, &mut Io { input: &mut input, output: &mut output }).unwrap();
        String::from_utf8(output).unwrap()
    }

    #[test]
    fn a_quote_that_ends_a_sentence_has_no_ellipsis_after_it() {
        assert_eq!(
            excerpt("puncturing somewhat the tech companies bubble."),
            "…puncturing somewhat the tech companies bubble."
        );
        assert_eq!(excerpt("a fall of 17%!"), "…a fall of 17%!");
        assert_eq!(excerpt("the ‘AI arms race’?’"), "…the ‘AI arms race’?’");
        assert_eq!(excerpt(" lost $600 billion in market value "), "…lost $600 billion in market value…");
        assert_eq!(excerpt("the ‘AI arms race’"), "…the ‘AI arms race’…");
    }

    #[test]
    fn the_summary_counts_look_ups_only_when_there_were_some() {
        assert_eq!(
            printed(&summary(2)),
            "Time: 1m 15s\nBy kind: term 2/3\nAlmost right, counted in the score: 1\n\
             Looked up before answering (counted as Hard at most): 2\nMissed: t\nDue tomorrow: 2\nScore: 2/3\n"
        );
        assert!(!printed(&summary(0)).contains("Looked up"));
    }
}
