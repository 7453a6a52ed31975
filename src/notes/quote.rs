//! Anchors for what a reader marks, after the W3C Web Annotation model's TextQuoteSelector:
//! the exact text, a little of the text before and after it, and the block it was in as a
//! hint, so a mark finds its place again after the article is edited.
//!
//! # Quoting
//!
//! [`Quote::of`] takes the span's text (blocks joined by `\n`), up to [`CONTEXT`] chars
//! before it as the prefix and up to [`CONTEXT`] after it as the suffix (both may reach into
//! neighbouring blocks, joined by `\n`), and the block the span starts in.
//!
//! # Placing
//!
//! All matching is on *folded* text, as in [`crate::text::anchor`]: runs of white space
//! (block joins included) are one space and curly quotes are straight, so those differences
//! alone never matter. The passage looked for is the folded exact text trimmed of white
//! space (the *core*); white space the exact text began or ended with is taken back on as
//! far as the article has white space there.
//!
//! A place's *context agreement* is the longest common tail of the quote's prefix and the
//! text before the place, plus the longest common head of its suffix and the text after
//! (folded, in chars). A prefix or suffix shorter than [`CONTEXT`] reached the article's
//! start or end; a place whose whole prefix (suffix) agrees and is as close to that edge
//! agrees on the missing chars too. Places are ranked by the share of the prefix that
//! agrees plus the share of the suffix (so one side whole counts the same whatever its
//! length), then by nearness to the hinted block, then by position.
//!
//! A place needs *evidence*: its core length plus its agreeing context chars must reach
//! [`EVIDENCE`] (exact) or [`FUZZY_EVIDENCE`] (fuzzy) chars, or all the quote has if it has
//! less. A sentence is its own evidence; a word needs its context, so a highlighted "the"
//! whose paragraph was rewritten is not moved to some other "the".
//!
//! [`Quote::place`] tries, in order:
//!
//! 1. **Exact, near the hint**: every occurrence of the core in the hinted block, then
//!    also one block either side, then [`NEAR`] blocks either side. After each of the first
//!    two, a place whose whole context agrees ends the search: nothing can rank higher and
//!    what is not yet searched is further away. After the third, the best is taken if it
//!    is *firm*: at least [`FIRM`] chars of its context agree.
//! 2. **Exact, anywhere**: otherwise the whole article, ranked together with the above,
//!    and the best taken if it is firm. This is linear: only blocks holding the core's
//!    longest run of plain chars (no space or quote, so it appears verbatim in any folded
//!    match), with their neighbours holding all the other runs, are folded and searched.
//! 3. **Fuzzy, near the hint only**: Sellers' approximate string matching (edit distance
//!    with a free start and end, with Ukkonen's cut-off) finds the stretches within
//!    `(1 - THRESHOLD) × core length` edits of the core. For the best few that do not
//!    overlap, the stretch (widened to whole words at an end where the quote began or ended
//!    on a word boundary) and the same widened to whole sentences ([`crate::text::sentence`])
//!    are scored with [`strsim::normalized_levenshtein`] against the core and the better is
//!    kept (the sentences on a tie). Places rank by that similarity plus an eighth of the
//!    context shares, then by nearness; the best is accepted if its similarity is at least
//!    [`THRESHOLD`] and it has the evidence. The hinted block and one either side are tried
//!    first, and a place there with one side of its context whole is taken; then [`NEAR`]
//!    blocks either side. The fuzzy matcher never runs further: a passage that is gone
//!    costs one linear exact search and two small fuzzy ones.
//! 4. An exact match that has the evidence but is not firm (a copy of the passage
//!    elsewhere, its context different) and a fuzzy place are ranked together the same
//!    way (an exact match's similarity is 1): a passage reworded where it was, its context
//!    whole, is not lost to an unchanged copy of it in another part of the text.
//!
//! A quote whose exact text is empty or only white space has nothing to find: `None`.
//!
//! ## The threshold
//!
//! [`THRESHOLD`] is 0.75. One changed word in a 60-char sentence leaves about 0.9, a changed
//! punctuation mark more. Against it, the best stretch of *unrelated* text in a
//! neighbourhood (17 blocks of the generated 5 MB pack holding no copy of the probe) scored,
//! for probes of the pack's own sentences and their first words: under 24 chars, up to
//! 0.875; 24 to 40 chars, at most 0.735; 40 to 80, at most 0.66; 80 and more, at most 0.49
//! (over about 3,000 probes). So a reworded sentence is found and a removed or rewritten
//! one is not placed elsewhere; below 40 chars the threshold alone is not enough, and a
//! fuzzy place also needs context that agrees ([`FUZZY_EVIDENCE`]).

use std::ops::Range;

use crate::text::anchor::fold_each;
use crate::text::article::Article;
use crate::text::layout::Position;
use crate::text::sentence;

/// A stretch of the article: from `start` up to `end` (exclusive), possibly across blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The first position in the stretch.
    pub start: Position,
    /// The position just after the stretch.
    pub end: Position,
}

/// A passage of the article as quoted text (blocks joined by `\n`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quote {
    /// The passage's text.
    pub exact: String,
    /// Up to [`CONTEXT`] chars before the passage.
    pub prefix: String,
    /// Up to [`CONTEXT`] chars after the passage.
    pub suffix: String,
    /// The block the passage started in when it was quoted.
    pub block: usize,
}

/// Chars of context kept before and after a quoted passage.
pub const CONTEXT: usize = 32;
/// Blocks either side of the hinted block searched first, and by the fuzzy matcher.
pub const NEAR: usize = 8;
/// The normalized Levenshtein similarity a reworded passage needs to be placed.
pub const THRESHOLD: f64 = 0.75;
/// Chars of matched text and agreeing context a place needs (see the module doc).
pub const EVIDENCE: usize = 24;
/// Chars of reworded text and agreeing context a fuzzy place needs (see the module doc).
pub const FUZZY_EVIDENCE: usize = 40;
/// Chars of agreeing context that make an exact match firm: taken without looking further.
pub const FIRM: usize = 16;
/// The most cells the fuzzy matcher may fill (needle chars × text chars) for one quote.
const FUZZY_CELLS: usize = 8_000_000;
/// The most distinct places the fuzzy matcher scores.
const FUZZY_PLACES: usize = 4;

impl Quote {
    /// The quote of `span` in `article`. Offsets are clamped to the blocks' lengths and
    /// moved back to char boundaries ([`Position::AFTER`] is the end of its block), a block
    /// past the last is the end of the last, and a span given backwards is taken forwards.
    pub fn of(article: &Article, span: Span) -> Quote {
        if article.blocks.is_empty() {
            return Quote { exact: String::new(), prefix: String::new(), suffix: String::new(), block: 0 };
        }
        let (mut start, mut end) = (clamp(article, span.start), clamp(article, span.end));
        if end < start {
            std::mem::swap(&mut start, &mut end);
        }
        Quote {
            exact: between(article, start, end),
            prefix: before(article, start, CONTEXT),
            suffix: after(article, end, CONTEXT),
            block: start.block,
        }
    }

    /// Where the passage is in `article` now, if it can be found (see the module doc).
    pub fn place(&self, article: &Article) -> Option<Span> {
        Placer::new(self, article)?.place()
    }
}

/// `pos` made a real place in `article` (which has blocks).
fn clamp(article: &Article, pos: Position) -> Position {
    let last = article.blocks.len() - 1;
    if pos.block > last {
        return Position { block: last, offset: article.blocks[last].text.len() };
    }
    let text = &article.blocks[pos.block].text;
    let mut offset = pos.offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    Position { block: pos.block, offset }
}

/// The text from `start` to `end` (clamped, in order), blocks joined by `\n`.
fn between(article: &Article, start: Position, end: Position) -> String {
    let blocks = &article.blocks;
    if start.block == end.block {
        return blocks[start.block].text[start.offset..end.offset].to_string();
    }
    let mut out = blocks[start.block].text[start.offset..].to_string();
    for block in &blocks[start.block + 1..end.block] {
        out.push('\n');
        out.push_str(&block.text);
    }
    out.push('\n');
    out.push_str(&blocks[end.block].text[..end.offset]);
    out
}

/// Up to `n` chars just before `pos` (a real place), blocks joined by `\n`.
fn before(article: &Article, pos: Position, n: usize) -> String {
    let blocks = &article.blocks;
    let mut parts = Vec::new();
    let (mut block, mut end, mut left) = (pos.block, pos.offset, n);
    loop {
        let text = &blocks[block].text[..end];
        let (at, taken) = text.char_indices().rev().take(left).fold((end, 0), |(_, k), (i, _)| (i, k + 1));
        parts.push(&text[at..]);
        left -= taken;
        if left == 0 || block == 0 {
            break;
        }
        parts.push("\n");
        left -= 1;
        block -= 1;
        end = blocks[block].text.len();
    }
    parts.reverse();
    parts.concat()
}

/// Up to `n` chars just after `pos` (a real place), blocks joined by `\n`.
fn after(article: &Article, pos: Position, n: usize) -> String {
    let blocks = &article.blocks;
    let mut out = String::new();
    let (mut block, mut start, mut left) = (pos.block, pos.offset, n);
    loop {
        let text = &blocks[block].text[start..];
        let (at, taken) = text.char_indices().take(left).fold((0, 0), |(_, k), (i, c)| (i + c.len_utf8(), k + 1));
        out.push_str(&text[..at]);
        left -= taken;
        if left == 0 || block + 1 == blocks.len() {
            break;
        }
        out.push('\n');
        left -= 1;
        block += 1;
        start = 0;
    }
    out
}

/// `s` folded, as [`crate::text::anchor`] folds refs.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, |_, c| {
        out.push(c);
        true
    });
    out
}

/// Bytes of `s` folded, counted no further than `enough`.
fn folded_len(s: &str, enough: usize) -> usize {
    let mut n = 0;
    fold_each(s, |_, c| {
        n += c.len_utf8();
        n < enough
    });
    n
}

/// A run of consecutive blocks, joined by `\n`, and the same folded.
struct Region {
    /// The first block.
    first: usize,
    /// The blocks' texts joined by `\n`.
    text: String,
    /// Where each block starts in `text`.
    starts: Vec<usize>,
    /// `text` folded.
    folded: String,
    /// For each byte of `folded`, where the char it belongs to came from in `text`.
    from: Vec<usize>,
}

impl Region {
    fn new(article: &Article, blocks: Range<usize>) -> Region {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(blocks.len());
        for (i, block) in article.blocks[blocks.clone()].iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(&block.text);
        }
        let mut folded = String::with_capacity(text.len());
        let mut from = Vec::with_capacity(text.len());
        fold_each(&text, |i, c| {
            folded.push(c);
            from.extend(std::iter::repeat_n(i, c.len_utf8()));
            true
        });
        Region { first: blocks.start, text, starts, folded, from }
    }

    /// The article position of byte `at` of `text`.
    fn position(&self, at: usize) -> Position {
        let k = self.starts.partition_point(|&s| s <= at) - 1;
        Position { block: self.first + k, offset: at - self.starts[k] }
    }

    /// The byte range of `text` that folded bytes `range` came from (ending at the end of
    /// the char the last folded byte came from).
    fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.from[range.start];
        let last = self.from[range.end - 1];
        let end = last + self.text[last..].chars().next().map_or(0, char::len_utf8);
        start..end
    }

    /// `range` of `text` widened to whole words at the ends asked for, where it cuts
    /// through one.
    fn words(&self, range: Range<usize>, (start_word, end_word): (bool, bool)) -> Range<usize> {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let (mut start, mut end) = (range.start, range.end);
        while start_word && word(self.text[..start].chars().next_back()) && word(self.text[start..].chars().next()) {
            start -= self.text[..start].chars().next_back().map_or(1, char::len_utf8);
        }
        while end_word && word(self.text[..end].chars().next_back()) && word(self.text[end..].chars().next()) {
            end += self.text[end..].chars().next().map_or(1, char::len_utf8);
        }
        start..end
    }

    /// `range` of `text` widened to the sentences it touches, if it lies in one block.
    fn sentences(&self, range: Range<usize>) -> Option<Range<usize>> {
        let (a, b) = (self.position(range.start), self.position(range.end));
        if a.block != b.block {
            return None;
        }
        let base = self.starts[a.block - self.first];
        let end = self.starts.get(a.block - self.first + 1).map_or(self.text.len(), |s| s - 1);
        let all = sentence::sentences(&self.text[base..end]);
        let first = all.iter().find(|s| s.end > a.offset)?;
        let last = all.iter().rev().find(|s| s.start < b.offset)?;
        (first.start <= last.end).then(|| base + first.start..base + last.end)
    }
}

/// A place found for the quote.
#[derive(Debug, Clone, Copy)]
struct Found {
    span: Span,
    /// Chars of context that agree.
    agree: usize,
    /// The share of the prefix that agrees plus that of the suffix, 0 to 2.
    fit: f64,
    /// Blocks from the hint.
    distance: usize,
    /// Similarity of the text to the core (1 for an exact match).
    similarity: f64,
}

/// How a place ranks: its similarity (1 for an exact match) plus an eighth of its context
/// shares. Among exact matches, only the context counts.
fn rank(found: &Found) -> f64 {
    found.similarity + found.fit / 8.0
}

/// One quote being placed in one article.
struct Placer<'a> {
    article: &'a Article,
    /// The exact text folded and trimmed.
    core: String,
    /// `core` as chars.
    needle: Vec<char>,
    /// Chars of white space the exact text begins and ends with.
    lead: usize,
    trail: usize,
    /// The prefix and the exact text's leading white space, folded, as chars.
    prefix: Vec<char>,
    /// The exact text's trailing white space and the suffix, folded, as chars.
    suffix: Vec<char>,
    /// Chars the prefix and suffix fall short of [`CONTEXT`] by: they reached the
    /// article's start or end (see [`Placer::agreement`]).
    edges: (usize, usize),
    /// Whether the exact text starts and ends at word boundaries: a reworded place is then
    /// widened to whole words at that end.
    words: (bool, bool),
    /// Chars to read around a place to compare its context.
    reach_before: usize,
    reach_after: usize,
    /// The hinted block, within the article.
    hint: usize,
}

impl<'a> Placer<'a> {
    fn new(quote: &Quote, article: &'a Article) -> Option<Placer<'a>> {
        let trimmed = quote.exact.trim();
        if trimmed.is_empty() || article.blocks.is_empty() {
            return None;
        }
        let core = fold(trimmed);
        let lead_ws = &quote.exact[..quote.exact.len() - quote.exact.trim_start().len()];
        let trail_ws = &quote.exact[quote.exact.trim_end().len()..];
        let prefix: Vec<char> = fold(&format!("{}{lead_ws}", quote.prefix)).chars().collect();
        let suffix: Vec<char> = fold(&format!("{trail_ws}{}", quote.suffix)).chars().collect();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let words = (
            !(word(quote.prefix.chars().next_back()) && word(quote.exact.chars().next())),
            !(word(quote.exact.chars().next_back()) && word(quote.suffix.chars().next())),
        );
        let reach = |s: &str, ws: &str| 2 * (s.chars().count() + ws.chars().count()) + 8;
        Some(Placer {
            article,
            needle: core.chars().collect(),
            core,
            lead: lead_ws.chars().count(),
            trail: trail_ws.chars().count(),
            reach_before: reach(&quote.prefix, lead_ws),
            reach_after: reach(&quote.suffix, trail_ws),
            prefix,
            suffix,
            hint: quote.block.min(article.blocks.len() - 1),
            words,
            edges: (
                CONTEXT.saturating_sub(quote.prefix.chars().count()),
                CONTEXT.saturating_sub(quote.suffix.chars().count()),
            ),
        })
    }

    fn place(&self) -> Option<Span> {
        let mut best = None;
        // The hinted block, then one block either side: a match whose whole context agrees
        // found within a distance is the best there can be, as nothing agrees more and
        // what is not yet searched is further away.
        for radius in [0, 1] {
            self.exact_in(&self.around(radius), &mut best);
            if let Some(found) = best.filter(|f| f.agree == self.context() && self.evident(f)) {
                return Some(found.span);
            }
        }
        let near = self.around(NEAR);
        self.exact_in(&near, &mut best);
        let firm = |f: &Found| self.firm(f) && self.evident(f);
        if let Some(found) = best.filter(firm) {
            return Some(found.span);
        }
        self.exact_everywhere(&mut best);
        let exact = best.filter(|f| self.evident(f));
        if let Some(found) = exact.filter(firm) {
            return Some(found.span);
        }
        // Fuzzy, closest first: a good place next to the hint with one side of its context
        // whole is not second-guessed by the wider search.
        let fuzzy = self.fuzzy(&self.around(1)).filter(|f| f.fit >= 1.0).or_else(|| self.fuzzy(&near));
        // An exact match whose context hardly agrees, against a reworded passage near the
        // hint whose context may: the better ranked.
        let mut best = exact;
        if let Some(found) = fuzzy {
            Self::keep(&mut best, found);
        }
        best.map(|f| f.span)
    }

    /// The hinted block and `radius` blocks either side.
    fn around(&self, radius: usize) -> Region {
        let end = (self.hint + radius + 1).min(self.article.blocks.len());
        Region::new(self.article, self.hint.saturating_sub(radius)..end)
    }

    /// Chars of context the quote has.
    fn context(&self) -> usize {
        self.prefix.len() + self.edges.0 + self.suffix.len() + self.edges.1
    }

    /// True when enough of `found`'s context agrees for it to be taken without looking
    /// further (for an exact match beyond the neighbourhood, or for a reworded one).
    fn firm(&self, found: &Found) -> bool {
        found.agree >= FIRM.min(self.context())
    }

    /// True when `found` has enough matched text and agreeing context to be believed: at
    /// least `needed` chars of them, or all the quote has.
    fn evident_by(&self, found: &Found, needed: usize) -> bool {
        self.needle.len() + found.agree >= needed.min(self.needle.len() + self.context())
    }

    /// [`Placer::evident_by`] for an exact match.
    fn evident(&self, found: &Found) -> bool {
        self.evident_by(found, EVIDENCE)
    }

    /// How the context around `range` of the region's text agrees: chars, and shares of
    /// the two sides added up (see [`Found`]).
    ///
    /// The article's edges count as context: a quote whose prefix (suffix) stops short
    /// started (ended) within [`CONTEXT`] chars of the start (end), and a place whose whole
    /// prefix (suffix) agrees and is just as close to that edge agrees on the rest too.
    fn agreement(&self, region: &Region, range: Range<usize>) -> (usize, f64) {
        let before = before(self.article, region.position(range.start), self.reach_before);
        let after = after(self.article, region.position(range.end), self.reach_after);
        let edge = |raw: &str, reach: usize, folded: usize, agree: usize, quoted: usize, pad: usize| {
            if agree == quoted && agree == folded && raw.chars().count() < reach { agree + pad } else { agree }
        };
        let folded: Vec<char> = fold(&before).chars().collect();
        let tail = self.prefix.iter().rev().zip(folded.iter().rev()).take_while(|(a, b)| a == b).count();
        let tail = edge(&before, self.reach_before, folded.len(), tail, self.prefix.len(), self.edges.0);
        let folded: Vec<char> = fold(&after).chars().collect();
        let head = self.suffix.iter().zip(&folded).take_while(|(a, b)| a == b).count();
        let head = edge(&after, self.reach_after, folded.len(), head, self.suffix.len(), self.edges.1);
        let share = |agree: usize, total: usize| if total == 0 { 1.0 } else { agree as f64 / total as f64 };
        let fit = share(tail, self.prefix.len() + self.edges.0) + share(head, self.suffix.len() + self.edges.1);
        (tail + head, fit)
    }

    /// The span of `range` of the region's text, and how far it is from the hint.
    fn span(&self, region: &Region, range: Range<usize>) -> (Span, usize) {
        let span = Span { start: region.position(range.start), end: region.position(range.end) };
        (span, span.start.block.abs_diff(self.hint))
    }

    /// Keeps `found` in `best` if it ranks higher (see [`rank`]), or as high and nearer the
    /// hint, or as near and earlier.
    fn keep(best: &mut Option<Found>, found: Found) {
        let better = match best {
            None => true,
            Some(b) => {
                let (r, s) = (rank(&found), rank(b));
                r > s || (r == s && (found.distance, found.span) < (b.distance, b.span))
            }
        };
        if better {
            *best = Some(found);
        }
    }

    /// Every exact (folded) occurrence of the core in `region`, into `best`.
    fn exact_in(&self, region: &Region, best: &mut Option<Found>) {
        let mut from = 0;
        while let Some(i) = region.folded[from..].find(&self.core) {
            let at = from + i;
            let core = region.original(at..at + self.core.len());
            let (agree, fit) = self.agreement(region, core.clone());
            let span = self.widen(Span { start: region.position(core.start), end: region.position(core.end) });
            let distance = span.start.block.abs_diff(self.hint);
            Self::keep(best, Found { span, agree, fit, distance, similarity: 1.0 });
            from = at + region.folded[at..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// `core` with the white space the exact text began and ended with, as far as the
    /// article has it there (a block join counts as one `\n`).
    fn widen(&self, core: Span) -> Span {
        let blocks = &self.article.blocks;
        let Span { mut start, mut end } = core;
        for _ in 0..self.lead {
            match blocks[start.block].text[..start.offset].chars().next_back() {
                Some(c) if c.is_whitespace() => start.offset -= c.len_utf8(),
                Some(_) => break,
                None if start.block > 0 => {
                    start = Position { block: start.block - 1, offset: blocks[start.block - 1].text.len() };
                }
                None => break,
            }
        }
        for _ in 0..self.trail {
            match blocks[end.block].text[end.offset..].chars().next() {
                Some(c) if c.is_whitespace() => end.offset += c.len_utf8(),
                Some(_) => break,
                None if end.block + 1 < blocks.len() => end = Position { block: end.block + 1, offset: 0 },
                None => break,
            }
        }
        Span { start, end }
    }

    /// Exact occurrences anywhere in the article, into `best`: only blocks holding the
    /// core's longest plain run are searched, with enough blocks around them for a match
    /// that crosses blocks.
    fn exact_everywhere(&self, best: &mut Option<Found>) {
        let mut pieces: Vec<&str> = self.core.split([' ', '\'', '"']).filter(|p| !p.is_empty()).collect();
        pieces.sort_by_key(|p| std::cmp::Reverse(p.len()));
        pieces.dedup();
        let Some((&longest, others)) = pieces.split_first() else { return };
        let blocks = &self.article.blocks;
        let reach = self.core.len();
        let (mut joined, mut folded) = (String::new(), String::new());
        for (b, block) in blocks.iter().enumerate() {
            if !block.text.contains(longest) {
                continue;
            }
            let (mut first, mut got) = (b, 0);
            while got < reach && first > 0 {
                first -= 1;
                got += folded_len(&blocks[first].text, reach - got) + 1;
            }
            let (mut last, mut got) = (b, 0);
            while got < reach && last + 1 < blocks.len() {
                last += 1;
                got += folded_len(&blocks[last].text, reach - got) + 1;
            }
            // Every plain run of the core is in any match as it is; then the run of blocks
            // folded must hold the core before the match is looked for in earnest.
            let run = &blocks[first..=last];
            if !others.iter().all(|p| run.iter().any(|r| r.text.contains(p))) {
                continue;
            }
            joined.clear();
            for (i, r) in run.iter().enumerate() {
                if i > 0 {
                    joined.push('\n');
                }
                joined.push_str(&r.text);
            }
            folded.clear();
            fold_each(&joined, |_, c| {
                folded.push(c);
                true
            });
            if !folded.contains(&self.core) {
                continue;
            }
            self.exact_in(&Region::new(self.article, first..last + 1), best);
        }
    }

    /// The best fuzzy place in `near`, if it is good enough.
    fn fuzzy(&self, near: &Region) -> Option<Found> {
        let chars: Vec<(usize, char)> = near.folded.char_indices().collect();
        let text: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
        if self.needle.len().saturating_mul(text.len()) > FUZZY_CELLS {
            // A huge neighbourhood (giant blocks): try the hinted block alone.
            let own = Region::new(self.article, self.hint..self.hint + 1);
            return if own.text.len() < near.text.len() { self.fuzzy(&own) } else { None };
        }
        let edits = ((1.0 - THRESHOLD) * self.needle.len() as f64).floor() as usize;
        let byte = |c: usize| chars.get(c).map_or(near.folded.len(), |&(i, _)| i);
        let mut best = None;
        for (start, end) in distinct(approximate(&self.needle, &text, edits), FUZZY_PLACES) {
            let folded = near.folded[byte(start)..byte(end)].trim();
            if folded.is_empty() {
                continue;
            }
            let at = near.folded[byte(start)..].find(folded).map_or(byte(start), |i| i + byte(start));
            let words = near.words(near.original(at..at + folded.len()), self.words);
            let mut choice: Option<(f64, Range<usize>)> = None;
            for range in [near.sentences(words.clone()), Some(words)].into_iter().flatten() {
                let similarity = strsim::normalized_levenshtein(&self.core, &fold(near.text[range.clone()].trim()));
                if choice.as_ref().is_none_or(|(s, _)| similarity > *s) {
                    choice = Some((similarity, range));
                }
            }
            let Some((similarity, range)) = choice else { continue };
            let (agree, fit) = self.agreement(near, range.clone());
            let (span, distance) = self.span(near, range);
            Self::keep(&mut best, Found { span, agree, fit, distance, similarity });
        }
        best.filter(|f| f.similarity >= THRESHOLD && self.evident_by(f, FUZZY_EVIDENCE))
    }
}

/// Sellers' approximate matching: for every end in `text` (a char index, exclusive) where
/// some stretch of `text` is within `edits` edits of `needle`, the fewest edits and where
/// that stretch starts.
///
/// With Ukkonen's cut-off: edits are counted only up to `edits + 1`, and each column is
/// filled only down to one row past the last within `edits`; the rows below hold
/// `edits + 1`. Near text that is nothing like the needle, a column costs about `edits`
/// cells rather than the needle's length.
fn approximate(needle: &[char], text: &[char], edits: usize) -> Vec<(usize, usize, usize)> {
    let m = needle.len();
    let cap = edits + 1;
    // Column j holds, for each prefix of the needle, the fewest edits (at most `cap`) to
    // match it to a stretch of text ending at j, and where that stretch starts.
    let mut dist: Vec<usize> = (0..=m).map(|i| i.min(cap)).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    // The last row within `edits`.
    let mut top = edits.min(m);
    let mut found = Vec::new();
    for (j, &t) in text.iter().enumerate() {
        let (mut diag, mut diag_from) = (dist[0], from[0]);
        let (mut up, mut up_from) = (0, j + 1);
        dist[0] = up;
        from[0] = up_from;
        let rows = (top + 1).min(m);
        let cells = dist[1..=rows].iter_mut().zip(&mut from[1..=rows]).zip(&needle[..rows]);
        for ((dist, from), &n) in cells {
            let (left, left_from) = (*dist, *from);
            let (mut d, mut f) = (diag + usize::from(n != t), diag_from);
            if up + 1 < d {
                (d, f) = (up + 1, up_from);
            }
            if left + 1 < d {
                (d, f) = (left + 1, left_from);
            }
            (up, up_from) = (d.min(cap), f);
            (*dist, *from) = (up, up_from);
            (diag, diag_from) = (left, left_from);
        }
        top = rows;
        while top > 0 && dist[top] > edits {
            top -= 1;
        }
        if top == m {
            found.push((dist[m], from[m], j + 1));
        }
    }
    found
}

/// Up to `limit` of `matches` that do not overlap, fewest edits first.
fn distinct(mut matches: Vec<(usize, usize, usize)>, limit: usize) -> Vec<(usize, usize)> {
    matches.sort_by_key(|&(d, start, end)| (d, end - start, start));
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (_, start, end) in matches {
        if kept.len() == limit {
            break;
        }
        if start < end && kept.iter().all(|&(s, e)| end <= s || e <= start) {
            kept.push((start, end));
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(md: &str) -> Article {
        Article::parse(md, "")
    }

    fn at(block: usize, offset: usize) -> Position {
        Position { block, offset }
    }

    #[test]
    fn quotes_take_context_across_blocks() {
        let a = article("First one.\n\nSecond two.\n\nThird three.");
        let q = Quote::of(&a, Span { start: at(1, 7), end: at(2, 5) });
        assert_eq!(q.exact, "two.\nThird");
        assert_eq!(q.prefix, "First one.\nSecond ");
        assert_eq!(q.suffix, " three.");
        assert_eq!(q.block, 1);
        let q = Quote::of(&a, Span { start: at(0, 0), end: at(0, 5) });
        assert_eq!(q.prefix, "");
        assert_eq!(q.suffix, " one.\nSecond two.\nThird three.", "the rest of the article: under 32 chars");
        let q = Quote::of(&a, Span { start: at(0, 0), end: at(0, 1) });
        assert_eq!(q.suffix, "irst one.\nSecond two.\nThird thre", "32 chars");
        let long = "x".repeat(40);
        let a = article(&format!("{long} é{long}"));
        assert_eq!(Quote::of(&a, Span { start: at(0, 41), end: at(0, 42) }).exact, "", "42 is inside é: moved back");
        let q = Quote::of(&a, Span { start: at(0, 41), end: at(0, 43) });
        assert_eq!(q.exact, "é");
        assert_eq!(q.prefix, format!("{} ", "x".repeat(CONTEXT - 1)));
    }

    #[test]
    fn offsets_are_clamped() {
        let a = article("Ab é.\n\nCd.");
        let q = Quote::of(&a, Span { start: at(0, 4), end: at(0, Position::AFTER) });
        assert_eq!(q.exact, "é.", "offset 4 is inside é: moved back to its start");
        let q = Quote::of(&a, Span { start: at(1, 9), end: at(0, 3) });
        assert_eq!(q.exact, "é.\nCd.", "backwards taken forwards, past the end clamped");
        let q = Quote::of(&a, Span { start: at(7, 0), end: at(9, 0) });
        assert_eq!((q.exact.as_str(), q.block), ("", 1));
        assert_eq!(Quote::of(&Article::default(), Span { start: at(0, 0), end: at(0, 1) }).place(&a), None);
    }

    #[test]
    fn folding_ignores_space_and_curly_quotes() {
        assert_eq!(fold("a  ‘b’\n\t“c”"), "a 'b' \"c\"");
        let region = Region::new(&article("x  ‘yz’ w"), 0..1);
        let at = region.folded.find("'yz'").unwrap();
        assert_eq!(&region.text[region.original(at..at + 4)], "‘yz’");
    }

    /// The fewest edits between `needle` and a stretch of `text` ending at `end`.
    fn brute(needle: &[char], text: &[char], end: usize) -> usize {
        let needle: String = needle.iter().collect();
        (0..=end).map(|s| strsim::levenshtein(&needle, &text[s..end].iter().collect::<String>())).min().unwrap_or(0)
    }

    proptest::proptest! {
        #[test]
        fn approximate_matches_agree_with_brute_force(needle in "[abc]{1,8}", text in "[abcd]{0,16}", edits in 0usize..5) {
            let (needle, text): (Vec<char>, Vec<char>) = (needle.chars().collect(), text.chars().collect());
            let found = approximate(&needle, &text, edits);
            for end in 0..=text.len() {
                // The fewest edits to a stretch ending at `end`, the slow way.
                let least = brute(&needle, &text[..end], end);
                let reported = found.iter().find(|f| f.2 == end);
                if least <= edits && end > 0 {
                    let (d, start, _) = reported.copied().expect("every end within the edits is reported");
                    proptest::prop_assert_eq!(d, least);
                    let (n, t): (String, String) = (needle.iter().collect(), text[start..end].iter().collect());
                    proptest::prop_assert_eq!(strsim::levenshtein(&n, &t), d, "the start reported gives the edits");
                } else {
                    proptest::prop_assert!(reported.is_none());
                }
            }
        }
    }

    #[test]
    fn distinct_places_do_not_overlap() {
        let kept = distinct(vec![(1, 0, 5), (0, 2, 6), (2, 6, 9), (1, 7, 9), (0, 7, 7)], 4);
        assert_eq!(kept, [(2, 6), (7, 9)]);
    }

    #[test]
    fn short_quote_without_its_context_is_not_placed() {
        let a = article("The cat sat on the mat today.");
        let q = Quote::of(&a, Span { start: at(0, 15), end: at(0, 18) });
        assert_eq!(q.exact, "the");
        assert_eq!(q.place(&a), Some(Span { start: at(0, 15), end: at(0, 18) }));
        let b = article("A completely different text where the word turns up.");
        assert_eq!(q.place(&b), None);
    }
}
