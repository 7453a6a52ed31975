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
//! space (the *core*); white space the exact text began or ended with is taken back on when
//! the text around the match agrees. [`Quote::place`] tries, in order:
//!
//! 1. **Exact, near the hint**: every occurrence of the core in the hinted block and
//!    [`NEAR`] blocks either side. Each is scored by how many chars of its context agree
//!    with the quote's: the longest common tail of the prefix and the text before, plus the
//!    longest common head of the suffix and the text after. The best (most agreement, then
//!    nearest the hint) is taken at once if it is *firm*: its whole context agrees, or at
//!    least [`FIRM`] chars of it do.
//! 2. **Exact, anywhere**: otherwise the whole article is searched, the same way. This is
//!    linear and cheap: only blocks holding the core's longest run of plain chars (no space
//!    or quote, so it appears verbatim in any folded match) are folded and searched. The
//!    best occurrence of both passes wins, by the same order.
//!
//!    An exact occurrence is accepted only with enough *evidence*: its core length plus the
//!    chars of context that agree must reach [`EVIDENCE`] chars (or all the quote has, if it
//!    has less). A long sentence is its own evidence; a single word needs its context, so a
//!    highlighted "the" whose paragraph was rewritten is not moved to some other "the".
//! 3. **Fuzzy, near the hint only**: Sellers' approximate string matching (edit distance
//!    with a free start and end in the text) finds the places in the neighbourhood whose
//!    text is within `(1 - THRESHOLD) × core length` edits of the core. For the best few
//!    distinct places, the match (widened to whole words at an end where the quote began
//!    or ended on a word boundary) and the same widened to whole sentences
//!    ([`crate::text::sentence`]) are scored with [`strsim::normalized_levenshtein`]
//!    against the core, and the better kept (the sentences on a tie). Places are
//!    ranked by that similarity plus a quarter of the fraction of context that agrees, then
//!    by nearness to the hint; the best is accepted if its similarity is at least
//!    [`THRESHOLD`] and it has the evidence above. The fuzzy matcher never runs far from the
//!    hint: a passage that is gone costs one linear exact search and one small fuzzy one.
//!
//! A quote whose exact text is empty or only white space has nothing to find: `None`.
//!
//! ## The threshold
//!
//! [`THRESHOLD`] is 0.75, normalized Levenshtein similarity of the folded texts. A typical
//! highlighted sentence (60–200 chars) keeps well above it when a word or two is changed or
//! its punctuation is (one changed word in a 60-char sentence is about 0.9), while the best
//! stretch of *unrelated* prose in a neighbourhood scores about 0.4–0.6 against a sentence
//! (measured over the bundled article's sentences against neighbourhoods of the generated
//! 5 MB pack that hold no copy of them: the highest was under 0.65), so a passage that was
//! removed or rewritten is not placed. Short quotes are guarded by the evidence rule rather
//! than by a higher threshold.

use std::ops::Range;

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
/// Chars of agreeing context that make an exact match near the hint firm enough to stop.
pub const FIRM: usize = 16;
/// The most cells the fuzzy matcher may fill (needle chars × text chars) for one quote.
const FUZZY_CELLS: usize = 8_000_000;
/// The most distinct places the fuzzy matcher scores.
const FUZZY_PLACES: usize = 4;

impl Quote {
    /// The quote of `span` in `article`. Offsets are clamped to the blocks' lengths and
    /// moved back to char boundaries ([`Position::AFTER`] is the end of its block); a span
    /// given backwards is taken forwards.
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

/// Folds a char the way [`crate::text::anchor`] does: curly quotes to straight ones.
fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        c => c,
    }
}

/// Calls `each(original offset, folded char)` for every char folding keeps: a run of
/// white space is one space.
fn fold_each(s: &str, mut each: impl FnMut(usize, char)) {
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                each(i, ' ');
            }
            in_space = true;
        } else {
            in_space = false;
            each(i, fold_char(c));
        }
    }
}

/// `s` folded.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, |_, c| out.push(c));
    out
}

/// Bytes of `s` folded.
fn folded_len(s: &str) -> usize {
    let mut n = 0;
    fold_each(s, |_, c| n += c.len_utf8());
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
        let blocks = self.article.blocks.len();
        let near = Region::new(self.article, self.hint.saturating_sub(NEAR)..(self.hint + NEAR + 1).min(blocks));
        let mut best = None;
        self.exact_in(&near, &mut best);
        if !best.is_some_and(|f| self.firm(&f) && self.evident(&f)) {
            self.exact_everywhere(&mut best);
        }
        if let Some(found) = best.filter(|f| self.evident(f)) {
            return Some(found.span);
        }
        self.fuzzy(&near).map(|f| f.span)
    }

    /// Chars of context the quote has.
    fn context(&self) -> usize {
        self.prefix.len() + self.edges.0 + self.suffix.len() + self.edges.1
    }

    /// True when `found` needs no search beyond the neighbourhood.
    fn firm(&self, found: &Found) -> bool {
        found.agree >= FIRM.min(self.context())
    }

    /// True when `found` has enough matched text and agreeing context to be believed.
    fn evident(&self, found: &Found) -> bool {
        self.needle.len() + found.agree >= EVIDENCE.min(self.needle.len() + self.context())
    }

    /// How the context around `range` of the region's text agrees: chars, and shares of
    /// the two sides added up (see [`Found`]).
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

    /// Keeps `found` in `best` if it ranks higher, or as high and nearer the hint, or as
    /// near and earlier.
    fn keep(best: &mut Option<Found>, found: Found, rank: impl Fn(&Found) -> f64) {
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
            let range = self.widen(region, core);
            let (span, distance) = self.span(region, range);
            Self::keep(best, Found { span, agree, fit, distance, similarity: 1.0 }, |f| f.fit);
            from = at + region.folded[at..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// `core` (a range of the region's text) with the white space the exact text began and
    /// ended with, as far as the text has it.
    fn widen(&self, region: &Region, core: Range<usize>) -> Range<usize> {
        let (mut start, mut end) = (core.start, core.end);
        for _ in 0..self.lead {
            match region.text[..start].chars().next_back() {
                Some(c) if c.is_whitespace() => start -= c.len_utf8(),
                _ => break,
            }
        }
        for _ in 0..self.trail {
            match region.text[end..].chars().next() {
                Some(c) if c.is_whitespace() => end += c.len_utf8(),
                _ => break,
            }
        }
        start..end
    }

    /// Exact occurrences anywhere in the article, into `best`: only blocks holding the
    /// core's longest plain run are searched, with enough blocks around them for a match
    /// that crosses blocks.
    fn exact_everywhere(&self, best: &mut Option<Found>) {
        let Some(piece) = self.core.split([' ', '\'', '"']).max_by_key(|p| p.len()).filter(|p| !p.is_empty()) else {
            return;
        };
        let blocks = &self.article.blocks;
        let reach = self.core.len();
        for (b, block) in blocks.iter().enumerate() {
            if !block.text.contains(piece) {
                continue;
            }
            let (mut first, mut got) = (b, 0);
            while got < reach && first > 0 {
                first -= 1;
                got += folded_len(&blocks[first].text) + 1;
            }
            let (mut last, mut got) = (b, 0);
            while got < reach && last + 1 < blocks.len() {
                last += 1;
                got += folded_len(&blocks[last].text) + 1;
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
            let rank = |f: &Found| f.similarity + 0.125 * f.fit;
            Self::keep(&mut best, Found { span, agree, fit, distance, similarity }, rank);
        }
        best.filter(|f| f.similarity >= THRESHOLD && self.evident(f))
    }
}

/// Sellers' approximate matching: for every end in `text` (a char index, exclusive) where
/// some stretch of `text` is within `edits` edits of `needle`, the fewest edits and where
/// that stretch starts.
fn approximate(needle: &[char], text: &[char], edits: usize) -> Vec<(usize, usize, usize)> {
    let m = needle.len();
    // Column j holds, for each prefix of the needle, the fewest edits to match it to a
    // stretch of text ending at j, and where that stretch starts.
    let mut dist: Vec<usize> = (0..=m).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut found = Vec::new();
    for (j, &t) in text.iter().enumerate() {
        let (mut diag, mut diag_from) = (dist[0], from[0]);
        dist[0] = 0;
        from[0] = j + 1;
        for i in 1..=m {
            let (left, left_from) = (dist[i], from[i]);
            let mut d = diag + usize::from(needle[i - 1] != t);
            let mut f = diag_from;
            if dist[i - 1] + 1 < d {
                d = dist[i - 1] + 1;
                f = from[i - 1];
            }
            if left + 1 < d {
                d = left + 1;
                f = left_from;
            }
            dist[i] = d;
            from[i] = f;
            diag = left;
            diag_from = left_from;
        }
        if dist[m] <= edits {
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

    /// The fewest edits between `needle` and any stretch of `text`, the slow way.
    fn brute(needle: &[char], text: &[char]) -> usize {
        let needle: String = needle.iter().collect();
        (0..=text.len())
            .flat_map(|s| (s..=text.len()).map(move |e| (s, e)))
            .map(|(s, e)| strsim::levenshtein(&needle, &text[s..e].iter().collect::<String>()))
            .min()
            .unwrap_or(needle.len())
    }

    proptest::proptest! {
        #[test]
        fn approximate_matches_agree_with_brute_force(needle in "[abc]{1,6}", text in "[abcd]{0,12}") {
            let (needle, text): (Vec<char>, Vec<char>) = (needle.chars().collect(), text.chars().collect());
            let least = brute(&needle, &text);
            let found = approximate(&needle, &text, needle.len());
            let best = found.iter().map(|f| f.0).min().unwrap_or(needle.len());
            proptest::prop_assert_eq!(best, least);
            for (d, start, end) in found {
                let (n, t): (String, String) = (needle.iter().collect(), text[start..end].iter().collect());
                proptest::prop_assert_eq!(strsim::levenshtein(&n, &t), d, "the start reported gives the edits");
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
