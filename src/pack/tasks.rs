//! Decoding a cache entry on two threads. The work is cut into tasks that this thread and a
//! helper take in turn: the entry's checksum, a piece at a time (each piece's pages mapped in
//! one call, and its part of the article's text checked as UTF-8, with the check that each
//! block begins on a character, in the same pass, so that a book's text is read from memory
//! once), the rest of the pack (after the first piece), the article's blocks (once the text
//! is checked), then the questions a chunk at a time, each appended to one list as soon as it
//! and those before it are in. However late the helper starts, the two share what is left.
//!
//! [`decode`] returns as soon as the checksum is found right and the rest of the pack is read,
//! so that errors are known before anything else is done; the article's blocks and the
//! questions keep coming ([`Pending`]) while the app takes the terminal, and are taken only
//! when they are needed.

use std::hash::Hasher;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};

use super::entry::Parts;
use super::model::{Pack, Question};
use crate::text::article::Article;
use crate::text::found::Found;
use crate::text::shared::{Checked, Utf8Check, Whole};

/// How big an entry is before it is decoded on two threads: a thread takes longer to start
/// than a small pack takes to decode.
const ON_A_THREAD: usize = 512 * 1024;

/// How many bytes are summed and checked at a time: few enough to be still in the processor's
/// cache when the UTF-8 check reads them after the checksum.
const STEP: usize = 64 * 1024;

/// The pack (but its article's blocks and its questions), the terms found in its article, and
/// the rest coming, from a whole entry mapped from its file as `map`, its `parts` found; the
/// article's text stays where it is, in the map. `None` when the checksum is not the entry's
/// (then whatever was decoded is dropped unread), the text is not UTF-8, or a part cannot be
/// read.
pub fn decode(map: memmap2::Mmap, parts: &Parts, helper: Option<Helper>) -> Option<(Pack, Found, Pending)> {
    let map = Arc::new(map);
    let tasks = Arc::new(Tasks::new(Arc::clone(&map), parts.clone())?);
    if let Some(helper) = helper {
        let _ = helper.jobs.send(Arc::clone(&tasks));
    }
    // From here on the pending parts, when dropped, tell the helper to stop.
    let pending = Pending { tasks };
    let tasks = &pending.tasks;
    let ready = |results: &Results| results.text.is_some() && results.rest.is_some();
    while !ready(&tasks.results()) && tasks.run_next() {}
    let (text, rest) = {
        let mut results = tasks.wait_while(tasks.results(), |results| !ready(results));
        (results.text.as_ref().is_some_and(Option::is_some), results.rest.take())
    };
    let pack = rest.flatten().filter(|_| text)?;
    let found = Found::from_map(&map, parts.found.clone(), pack.terms.len())?;
    // The terms found were found in as many blocks as the article has.
    (found.blocks() == tasks.lengths.len()).then_some((pack, found, pending))
}

/// A pack's article and questions, still being decoded from its cache entry.
pub struct Pending {
    tasks: Arc<Tasks>,
}

impl Pending {
    /// The article, once its blocks are made (by this thread, if the helper has not begun
    /// them); `None` when they cannot be, which only a fault in lectern could cause: the
    /// checksum vouched for the bytes.
    pub fn article(&self) -> Option<Article> {
        loop {
            if let Some(article) = self.tasks.results().article.take() {
                return article;
            }
            if !self.tasks.run_next() {
                let mut results = self.tasks.wait_while(self.tasks.results(), |results| results.article.is_none());
                return results.article.take().flatten();
            }
        }
    }

    /// The questions, once every chunk is decoded: this thread takes those not yet taken and
    /// waits for those the helper has (never for the helper itself, which may not even have
    /// started); a task that panics is left failed, so none is waited for in vain. `None` when
    /// one cannot be decoded (as for [`Pending::article`]).
    pub fn questions(self) -> Option<Vec<Question>> {
        loop {
            self.tasks.work();
            self.tasks.gather();
            let mut results = self
                .tasks
                .wait_while(self.tasks.results(), |results| results.joined.is_none() && !results.can_gather());
            if let Some(joined) = results.joined.take() {
                return joined;
            }
        }
    }

    /// The whole pack: `pack` (as [`decode`] gave it) with its article and questions.
    pub fn complete(self, mut pack: Pack) -> Option<Pack> {
        pack.article = self.article()?;
        pack.questions = self.questions()?;
        Some(pack)
    }
}

impl Drop for Pending {
    /// Parts no one waits for (an entry found stale or damaged) are not decoded further.
    fn drop(&mut self) {
        self.tasks.stop.store(true, Ordering::Relaxed);
    }
}

/// The [helper](crate::helper) thread's part in an entry's [`decode`], asked for before the
/// entry is mapped, so that the thread is awake by the time there is work for it; it comes
/// once the helper's earlier jobs are done (the database's opening), and ends at once if this
/// is dropped unused. Nothing ever waits for the helper itself, only for the tasks it has
/// begun.
pub struct Helper {
    jobs: mpsc::Sender<Arc<Tasks>>,
}

impl Helper {
    /// A helper for an entry of `size` bytes, when it is big enough ([`ON_A_THREAD`]).
    pub fn for_entry(size: u64) -> Option<Helper> {
        if size < ON_A_THREAD as u64 {
            return None;
        }
        let (jobs, taken) = mpsc::channel::<Arc<Tasks>>();
        crate::helper::run(move || {
            if let Ok(tasks) = taken.recv() {
                tasks.work();
            }
        })?;
        Some(Helper { jobs })
    }
}

/// The tasks of decoding one entry, and what each left: `None` until it is done, then what it
/// decoded, if it could.
pub struct Tasks {
    map: Arc<memmap2::Mmap>,
    parts: Parts,
    /// The article's blocks' lengths, read from the table before anything is decoded, and
    /// where each starts in the text.
    lengths: Vec<usize>,
    starts: Vec<usize>,
    /// The pieces the entry is summed in.
    pieces: Vec<std::ops::Range<usize>>,
    /// The question chunks' places in the map.
    chunks: Vec<std::ops::Range<usize>>,
    next: AtomicUsize,
    /// Whether a thread has begun the article's blocks, which wait for the text's check.
    blocks: AtomicBool,
    stop: AtomicBool,
    results: Mutex<Results>,
    /// Told each time a task is done.
    done: Condvar,
}

/// A task of [`Tasks`].
#[derive(Clone, Copy)]
enum Task {
    /// A piece of the entry summed, and the text in it checked.
    Piece(usize),
    Rest,
    Blocks,
    Chunk(usize),
}

/// A task under way: dropped while its thread unwinds, it leaves the task failed.
struct Failed<'a> {
    tasks: &'a Tasks,
    task: Task,
}

impl Drop for Failed<'_> {
    fn drop(&mut self) {
        let mut results = self.tasks.results();
        match self.task {
            Task::Piece(i) => self.tasks.leave_piece(&mut results, i, None),
            Task::Rest => results.rest = Some(None),
            Task::Blocks => results.article = Some(None),
            Task::Chunk(i) => results.questions[i] = Some(None),
        }
        drop(results);
        self.tasks.done.notify_all();
    }
}

/// Chunks being appended to the questions: dropped while the thread unwinds, it leaves the
/// questions failed.
struct Gathering<'a>(&'a Tasks);

impl Drop for Gathering<'_> {
    fn drop(&mut self) {
        let mut results = self.0.results();
        results.joining = false;
        results.joined = Some(None);
        drop(results);
        self.0.done.notify_all();
    }
}

/// A piece of an entry summed: its hash, and its part of the text, if it has one, checked.
type Summed = (u64, Option<Checked>);

#[derive(Default)]
struct Results {
    /// Each piece summed, once it is: `None` when its part of the text is not UTF-8.
    pieces: Vec<Option<Option<Summed>>>,
    /// The article's text, once every piece is summed: `None` unless the checksum is the
    /// entry's and the text is UTF-8.
    text: Option<Option<Whole>>,
    rest: Option<Option<Pack>>,
    article: Option<Option<Article>>,
    /// Each chunk's questions, once decoded, until they are appended to `list`.
    questions: Vec<Option<Option<Vec<Question>>>>,
    /// How many chunks, from the first, are in `list`.
    gathered: usize,
    /// The questions of the chunks gathered, in order; taken out while a thread appends to
    /// it (`joining`).
    list: Option<Vec<Question>>,
    joining: bool,
    /// The questions of every chunk, in one list, once all are gathered: `None` when a chunk
    /// could not be decoded.
    joined: Option<Option<Vec<Question>>>,
}

impl Results {
    /// Whether the next chunk to gather is in and no thread is appending.
    fn can_gather(&self) -> bool {
        !self.joining && self.joined.is_none() && self.questions.get(self.gathered).is_some_and(Option::is_some)
    }
}

impl Tasks {
    fn new(map: Arc<memmap2::Mmap>, parts: Parts) -> Option<Tasks> {
        let lengths = super::blocks::lengths(map.get(parts.table.clone())?)?;
        let chunks = super::entry::chunks(map.get(parts.questions.clone())?, parts.questions.start)?;
        let mut starts = Vec::with_capacity(lengths.len());
        let mut at = 0usize;
        for &length in &lengths {
            starts.push(at);
            at = at.checked_add(length)?;
        }
        let pieces = super::entry::pieces(parts.summed);
        let results = Mutex::new(Results {
            pieces: pieces.iter().map(|_| None).collect(),
            questions: chunks.iter().map(|_| None).collect(),
            // No chunks: no questions, gathered already.
            joined: chunks.is_empty().then(|| Some(Vec::new())),
            ..Results::default()
        });
        let (next, done) = (AtomicUsize::new(0), Condvar::new());
        let (blocks, stop) = (AtomicBool::new(false), AtomicBool::new(false));
        Some(Tasks { map, parts, lengths, starts, pieces, chunks, next, blocks, stop, results, done })
    }

    fn results(&self) -> MutexGuard<'_, Results> {
        self.results.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits, holding `results`, while `waiting` holds.
    fn wait_while<'a>(
        &self,
        results: MutexGuard<'a, Results>,
        waiting: impl FnMut(&mut Results) -> bool,
    ) -> MutexGuard<'a, Results> {
        self.done.wait_while(results, waiting).unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes tasks until none is left.
    fn work(&self) {
        while self.run_next() {}
    }

    /// Takes the next task and does it; `false` when none is left (or the work was stopped).
    /// The article's blocks are taken first once the text is checked.
    fn run_next(&self) -> bool {
        if self.stop.load(Ordering::Relaxed) {
            return false;
        }
        let checked = self.results().text.is_some();
        let task = if checked && !self.blocks.swap(true, Ordering::Relaxed) {
            Task::Blocks
        } else {
            // The first piece, the rest of the pack (for a helper that comes second), the
            // other pieces, then the questions.
            let pieces = self.pieces.len();
            match self.next.fetch_add(1, Ordering::Relaxed) {
                0 if pieces > 0 => Task::Piece(0),
                n if n == pieces.min(1) => Task::Rest,
                n if n <= pieces => Task::Piece(n - 1),
                n if n - pieces - 1 < self.chunks.len() => Task::Chunk(n - pieces - 1),
                _ => return false,
            }
        };
        // Should the task panic, it is counted as failed, so that no thread waits for it.
        let failed = Failed { tasks: self, task };
        match task {
            Task::Piece(i) => {
                let piece = self.piece(i);
                self.finish(failed, |results| self.leave_piece(results, i, piece));
            }
            Task::Rest => {
                let rest = postcard::from_bytes(&self.map[self.parts.pack.clone()]).ok();
                self.finish(failed, |results| results.rest = Some(rest));
            }
            Task::Blocks => {
                let text = self.results().text.clone().flatten();
                let article = text.and_then(|text| self.blocks(&text));
                self.finish(failed, |results| results.article = Some(article));
            }
            Task::Chunk(i) => {
                let questions = super::asked::decode(&self.map[self.chunks[i].clone()]);
                self.finish(failed, |results| results.questions[i] = Some(questions));
                self.gather();
            }
        }
        true
    }

    /// Appends the chunks that are in to the list of questions, in order and as far as they
    /// go, unless another thread is at it (which then appends these too); once every chunk is
    /// in, the list is the questions. A chunk is appended as soon as it and those before it
    /// are in, by whichever thread decoded it, so that the two threads share the copying
    /// while they decode, and the last chunk leaves little to do: joined at the end, by one
    /// thread while the other waited, a book's questions (a third of a megabyte, 8 chunks)
    /// took 0.25 ms.
    fn gather(&self) {
        let mut results = self.results();
        while results.can_gather() {
            let at = results.gathered;
            let Some(Some(chunk)) = results.questions[at].take() else {
                results.joined = Some(None);
                break;
            };
            let list = results.list.take();
            results.joining = true;
            drop(results);
            // Should appending panic, the questions are counted as failed.
            let failed = Gathering(self);
            let list = match list {
                Some(mut list) => {
                    list.extend(chunk);
                    list
                }
                None => {
                    let mut list = chunk;
                    list.reserve((self.chunks.len() * super::entry::CHUNK).saturating_sub(list.len()));
                    list
                }
            };
            std::mem::forget(failed);
            results = self.results();
            results.joining = false;
            results.gathered = at + 1;
            if results.gathered == results.questions.len() {
                results.joined = Some(Some(list));
                break;
            }
            results.list = Some(list);
        }
        drop(results);
        self.done.notify_all();
    }

    /// Leaves a task's result, and tells the threads waiting.
    fn finish(&self, failed: Failed<'_>, leave: impl FnOnce(&mut Results)) {
        std::mem::forget(failed);
        leave(&mut self.results());
        self.done.notify_all();
    }

    /// Piece `i` of the entry: its hash, and its part of the text (if it has one) found UTF-8,
    /// with a character at each block's start; `None` when that part is not.
    fn piece(&self, i: usize) -> Option<Summed> {
        let piece = self.pieces[i].clone();
        #[cfg(target_os = "linux")]
        // The piece's pages mapped in one call rather than a fault at a time; where the
        // system cannot, they fault in as they are read.
        let _ = self.map.advise_range(memmap2::Advice::PopulateRead, piece.start, piece.len());
        let text = self.parts.text.clone();
        let part = piece.start.clamp(text.start, text.end)..piece.end.clamp(text.start, text.end);
        let mut check = match part.is_empty() {
            true => None,
            false => Some(Utf8Check::new(&self.map, text, part, &self.starts)?),
        };
        let mut hasher = twox_hash::XxHash3_64::new();
        let mut end = piece.start;
        for step in self.map.get(piece)?.chunks(STEP) {
            hasher.write(step);
            end += step.len();
            if let Some(check) = check.as_mut() {
                check.up_to(end);
            }
        }
        let checked = match check {
            Some(check) => Some(check.finish()?),
            None => None,
        };
        Some((hasher.finish(), checked))
    }

    /// Leaves piece `i`'s result; once every piece is in, the text (when the checksum is the
    /// entry's and every part of the text was found UTF-8).
    fn leave_piece(&self, results: &mut Results, i: usize, piece: Option<Summed>) {
        results.pieces[i] = Some(piece);
        if results.text.is_some() || results.pieces.iter().any(Option::is_none) {
            return;
        }
        let pieces: Option<Vec<Summed>> = results.pieces.iter_mut().map(|p| p.take().flatten()).collect();
        let text = pieces.and_then(|pieces| {
            let sum = super::entry::checksum(pieces.iter().map(|(sum, _)| *sum));
            let parts = pieces.into_iter().filter_map(|(_, part)| part).collect();
            (sum == self.parts.sum)
                .then(|| Whole::checked(Arc::clone(&self.map), self.parts.text.clone(), parts))
                .flatten()
        });
        results.text = Some(text);
    }

    /// The article's blocks, cut from its checked `text`.
    fn blocks(&self, text: &Whole) -> Option<Article> {
        super::blocks::decode(&self.map[self.parts.table.clone()], text, &self.lengths)
    }
}
