//! A printable reading copy: the article laid out by the reader's own code (the same
//! wrapping and widths) as plain text, with glossary terms numbered at their first
//! appearance and defined in footnotes at the end, and each paragraph's number (the `¶`
//! the app, the handout and the worksheet cite) in the margin.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::pack::Pack;
use rayon::prelude::*;

use crate::text::article::{Block, BlockKind};
use crate::text::found::Marker;
use crate::text::layout::{layout_text, prefix};
use crate::text::sanitize::printable;
use crate::text::wrap::wrap;

/// Writes `pack`'s article as plain text set `width` columns wide, with the paragraph
/// numbers in a margin on the left when `numbers` is set.
/// `terms` finds the terms in each block (from a list made earlier for this article, or an
/// index of this pack's glossary); without it an index is made.
pub fn text(pack: &Pack, terms: Option<&Marker>, width: usize, numbers: bool, out: &mut dyn Write) -> io::Result<()> {
    text_in_runs(pack, terms, width, numbers, RUN, out)
}

/// [`text`], with the blocks set `run` at a time into one string.
fn text_in_runs(
    pack: &Pack,
    terms: Option<&Marker>,
    width: usize,
    numbers: bool,
    run: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = width.max(8);
    // The margin holds the widest number and two spaces, and the text the rest.
    let margin = if numbers { pack.article.body().count().to_string().len() + 2 } else { 0 };
    let blank = " ".repeat(margin);
    let width = width.saturating_sub(margin).max(8);
    let blocks = &pack.article.blocks;
    let terms = match terms {
        Some(Marker::Found(found)) if !found.fits(&pack.article) => Marker::Index(pack.term_index()),
        Some(terms) => terms.clone(),
        None => Marker::Index(pack.term_index()),
    };
    // Finding the terms and laying out the lines are the costly parts, and each block's are
    // its own: they are shared among the cores, a run of blocks at a time. Only numbering
    // the terms (in reading order) goes block by block. A term's footnote is given where it
    // first appears, which is where it first appears in the first run that has it: each run
    // gives only its own first mark of each term.
    let firsts_by_run: Vec<Vec<(usize, usize, usize)>> = blocks
        .par_chunks(run)
        .enumerate()
        .map(|(n, chunk)| {
            let mut seen = vec![false; pack.terms.len()];
            let mut firsts = Vec::new();
            for (i, block) in (n * run..).zip(chunk) {
                if matches!(block.kind, BlockKind::Code | BlockKind::Heading(_) | BlockKind::Rule) {
                    continue;
                }
                terms.find_each(i, &block.text, |mark| {
                    if let Some(seen) = seen.get_mut(mark.term)
                        && !*seen
                    {
                        *seen = true;
                        firsts.push((i, mark.range.end, mark.term));
                    }
                });
            }
            firsts
        })
        .collect();
    // The footnote number of each term, given at its first appearance; and where in each
    // block a number is given.
    let mut noted = vec![false; pack.terms.len()];
    let mut notes: Vec<usize> = Vec::new();
    let mut firsts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); blocks.len()];
    for (block, end, term) in firsts_by_run.into_iter().flatten() {
        if !noted[term] {
            noted[term] = true;
            notes.push(term);
            firsts[block].push((end, notes.len()));
        }
    }
    let mut paragraph = 0;
    let numbered: Vec<Option<usize>> = blocks
        .iter()
        .map(|b| {
            (numbers && b.is_body()).then(|| {
                paragraph += 1;
                paragraph
            })
        })
        .collect();
    // Blocks are set a run at a time into one string each, sized for them at the start:
    // a string per block, grown line by line, had spent more time in the allocator (and
    // faulting in its fresh pages) than in wrapping. The strings are written a window of
    // runs at a time, so that the next window's strings reuse the memory of the last.
    for (w, window) in blocks.chunks(run * WINDOW).enumerate() {
        let first = w * run * WINDOW;
        let pieces: Vec<String> = window
            .par_chunks(run)
            .enumerate()
            .map(|(n, chunk)| {
                let bytes: usize = chunk.iter().map(|b| b.text.len()).sum();
                let mut piece = String::with_capacity(bytes + bytes / 4 + chunk.len() * (margin + 8));
                for (i, block) in (first + n * run..).zip(chunk) {
                    if i > 0 {
                        piece.push('\n');
                    }
                    lines(&mut piece, block, &firsts[i], numbered[i], &blank, margin, width);
                }
                piece
            })
            .collect();
        for piece in &pieces {
            out.write_all(piece.as_bytes())?;
        }
    }
    if !notes.is_empty() {
        writeln!(out, "\n\n{blank}Glossary\n{blank}--------")?;
        for (n, &term) in notes.iter().enumerate() {
            let t = &pack.terms[term];
            let entry = format!("{}: {}", t.term, t.definition);
            let lead = format!("[{}] ", n + 1);
            let indent = " ".repeat(lead.len());
            out.write_all(b"\n")?;
            for (i, line) in wrap(&entry, width.saturating_sub(lead.len()).max(1)).into_iter().enumerate() {
                writeln!(out, "{blank}{}{}", if i == 0 { &lead } else { &indent }, printable(&entry[line]))?;
            }
        }
    }
    Ok(())
}

/// How many blocks [`text`] sets into one string.
const RUN: usize = 64;

/// How many runs [`text`] sets before writing them.
const WINDOW: usize = 16;

/// One block set as lines onto `out`, each ending in a newline: its paragraph number (if
/// any) in the margin, `[n]` after each term that is defined in footnote `n` here.
fn lines(
    out: &mut String,
    block: &Block,
    firsts: &[(usize, usize)],
    number: Option<usize>,
    blank: &str,
    margin: usize,
    width: usize,
) {
    if block.kind == BlockKind::Rule {
        out.push_str(&format!("{blank}{}\n", "-".repeat(width)));
        return;
    }
    let number = number.map(|n| format!("{n:>w$}  ", w = margin - 2)).unwrap_or_default();
    // Marks go in before wrapping, so lines never overflow for them.
    let mut marked = String::new();
    let text = if firsts.is_empty() {
        block.text.as_str()
    } else {
        let mut at = 0;
        for &(end, note) in firsts {
            marked.push_str(&block.text[at..end]);
            marked.push_str(&format!("[{note}]"));
            at = end;
        }
        marked.push_str(&block.text[at..]);
        &marked
    };
    let (first, rest) = prefix(&block.kind);
    // Every line of a block with nothing to take out has nothing to take out: asked once.
    let clean = matches!(printable(text), Cow::Borrowed(_));
    for (n, line) in layout_text(&block.kind, text, width).into_iter().enumerate() {
        out.push_str(if n == 0 && !number.is_empty() { &number } else { blank });
        out.push_str(if n == 0 { &first } else { &rest });
        if clean {
            out.push_str(&text[line]);
        } else {
            out.push_str(&printable(&text[line]));
        }
        out.push('\n');
    }
    if matches!(block.kind, BlockKind::Heading(1)) {
        out.push_str(&format!("{blank}{}\n", "=".repeat(crate::text::wrap::width(text).min(width).max(1))));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::pack::load;
    use crate::pack::source::{BUNDLED, Origin};
    use crate::text::article::Article;
    use crate::text::found::Found;

    #[test]
    fn the_bundled_article_as_text() {
        let pack = load(Origin::Bundled(&BUNDLED[0])).pack;
        let mut out = Vec::new();
        text(&pack, None, 60, false, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("DeepSeek and the AI ‘arms race’\n===="));
        assert!(out.lines().all(|l| crate::text::wrap::width(l) <= 60), "no line is wider than asked");
        assert!(!out.contains('\u{1b}'));
        assert!(out.contains("\nGlossary\n"));
        // Every term that appears is numbered once, and defined in a footnote.
        let first = out.find("[1]").unwrap();
        assert!(out[first + 3..].find("[1] ").is_some(), "footnote 1 is defined at the end");
        assert!(out.trim_end().ends_with(|c: char| !c.is_whitespace()));
        assert!(out.contains("Mark Best"));
        let found = Marker::Found(Arc::new(Found::new(&pack.term_index(), &pack.article)));
        // A list made for another article (here, of one block) is not used.
        let other = Article { blocks: pack.article.blocks[..1].to_vec() };
        let unfit = Marker::Found(Arc::new(Found::new(&pack.term_index(), &other)));
        for (terms, why) in [
            (found, "the terms found before"),
            (Marker::Index(pack.term_index()), "an index made before"),
            (unfit, "a list that does not fit"),
        ] {
            let mut again = Vec::new();
            text(&pack, Some(&terms), 60, false, &mut again).unwrap();
            assert_eq!(String::from_utf8(again).unwrap(), out, "the same from {why}");
        }
    }

    #[test]
    fn paragraph_numbers_in_the_margin() {
        let pack = load(Origin::Bundled(&BUNDLED[0])).pack;
        let mut out = Vec::new();
        text(&pack, None, 40, true, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.lines().all(|l| crate::text::wrap::width(l) <= 40), "the margin counts in the width");
        let body = pack.article.body().count();
        // Every paragraph's number, in order, each starting its paragraph's first line.
        let numbered: Vec<usize> = out
            .lines()
            .take_while(|l| l.trim() != "Glossary")
            .filter_map(|l| l.split_once("  ").and_then(|(n, _)| n.trim().parse().ok()))
            .collect();
        assert_eq!(numbered, (1..=body).collect::<Vec<_>>());
        // Every other line is indented past the margin (or empty).
        let margin = body.to_string().len() + 2;
        assert!(out.lines().filter(|l| !l.is_empty()).all(|l| l.len() > margin));
        assert!(out.starts_with(&format!("{}DeepSeek", " ".repeat(margin))));
    }

    #[test]
    fn a_book_set_in_runs_is_set_as_block_by_block() {
        let generated =
            crate::sample::generate(&crate::sample::Spec { bytes: 100_000, terms: 30, questions: 1, seed: 3 });
        let files = generated.files.map(|f| Some(f.into_bytes()));
        let pack = load(Origin::Memory { id: "book", files: &files }).pack;
        assert!(pack.article.blocks.len() > 3 * RUN, "{} blocks make several runs", pack.article.blocks.len());
        let set = |run: usize| {
            let mut out = Vec::new();
            text_in_runs(&pack, None, 70, true, run, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let alone = set(1);
        assert!(alone.contains("[1]") && alone.contains("\n\n"));
        // Each term found in the body is numbered once, in the order the terms first appear.
        let index = pack.term_index();
        let mut order: Vec<usize> = Vec::new();
        for block in pack.article.blocks.iter().filter(|b| b.is_body()) {
            for mark in index.find(&block.text) {
                if !order.contains(&mark.term) {
                    order.push(mark.term);
                }
            }
        }
        assert!(order.len() > 5, "{} terms appear", order.len());
        let notes = &alone[alone.find("Glossary\n").unwrap()..];
        for (n, &term) in order.iter().enumerate() {
            assert!(notes.contains(&format!("[{}] {}:", n + 1, pack.terms[term].term)), "footnote {}", n + 1);
        }
        assert!(!notes.contains(&format!("[{}] ", order.len() + 1)));
        assert_eq!(set(RUN), alone);
        assert_eq!(set(7), alone);
    }
}
