//! Decoding a cache entry on two threads. The work is cut into tasks that this thread and a
//! helper take in turn, the longest first: the article (the entry's checksum, taken in the
//! same pass over the text as its check as UTF-8 and the check that each block begins on a
//! character, so that a book's text is read from memory once; then its blocks), the rest of
//! the pack, then the questions a chunk at a time. However late the helper starts, the two
//! share what is left.
//!
//! [`decode`] returns once the article and the rest are read and the checksum found right:
//! the questions may still be coming ([`Pending`]), so that the app can take the terminal and
//! lay out the article meanwhile, and take them only when it needs them.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::thread::JoinHandle;

use super::entry::Parts;
use super::model::{Pack, Question};
use crate::text::article::Article;
use crate::text::found::Found;
use crate::text::shared::Utf8Check;

/// How big an entry is before it is decoded on two threads: a thread takes longer to start
/// than a small pack takes to decode.
const ON_A_THREAD: usize = 512 * 1024;

/// How many bytes are summed and checked at a time: few enough to be still in the processor's
/// cache when the UTF-8 check reads them after the checksum.
const PIECE: usize = 64 * 1024;

/// The pack (but its questions), the terms found in its article, and its questions coming,
/// from a whole entry mapped from its file as `map`, its `parts` found; the article's text
/// stays where it is, in the map. `None` when the checksum is not the entry's (then whatever
/// was decoded is dropped unread), the text is not UTF-8, or a part cannot be read.
pub fn decode(map: memmap2::Mmap, parts: &Parts, helper: Option<Helper>) -> Option<(Pack, Found, Pending)> {
    let map = Arc::new(map);
    let tasks = Arc::new(Tasks::new(Arc::clone(&map), parts.clone())?);
    let helper = helper.and_then(|helper| helper.jobs.send(Arc::clone(&tasks)).is_ok().then_some(helper.thread));
    // From here on the pending questions, when dropped, tell the helper to stop.
    let pending = Pending { tasks, helper };
    let tasks = &pending.tasks;
    while !tasks.ready(&tasks.results()) && tasks.run_next() {}
    let (article, rest) = {
        let mut results = tasks
            .done
            .wait_while(tasks.results(), |results| !tasks.ready(results))
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (results.article.take().flatten(), results.rest.take().flatten())
    };
    let mut pack = rest?;
    pack.article = article?;
    let found = Found::from_map(&map, parts.found.clone(), pack.terms.len())?;
    Some((pack, found, pending))
}

/// A pack's questions, still being decoded from its cache entry.
pub struct Pending {
    tasks: Arc<Tasks>,
    helper: Option<JoinHandle<()>>,
}

impl Pending {
    /// The questions, once every chunk is decoded (this thread takes those not yet taken);
    /// `None` when one cannot be, which only a fault in lectern could cause: the checksum
    /// vouched for the bytes.
    pub fn wait(mut self) -> Option<Vec<Question>> {
        self.tasks.work();
        if let Some(thread) = self.helper.take() {
            // A panic there is one here, as it would have been on one thread.
            thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        let chunks: Vec<Vec<Question>> =
            self.tasks.results().questions.iter_mut().map(|chunk| chunk.take().flatten()).collect::<Option<_>>()?;
        let mut questions = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
        for mut chunk in chunks {
            questions.append(&mut chunk);
        }
        Some(questions)
    }
}

impl Drop for Pending {
    /// Questions no one waits for (an entry found stale or damaged) are not decoded further.
    fn drop(&mut self) {
        self.tasks.stop.store(true, Ordering::Relaxed);
    }
}

/// A thread started before an entry is mapped, so that it is awake by the time there is work
/// for it (on a machine whose idle cores sleep, a new thread can take a millisecond to run):
/// it takes part in the entry's [`decode`], or ends if it is dropped unused.
pub struct Helper {
    jobs: mpsc::Sender<Arc<Tasks>>,
    thread: JoinHandle<()>,
}

impl Helper {
    /// A helper for an entry of `size` bytes, when it is big enough ([`ON_A_THREAD`]).
    pub fn for_entry(size: u64) -> Option<Helper> {
        if size < ON_A_THREAD as u64 {
            return None;
        }
        let (jobs, taken) = mpsc::channel::<Arc<Tasks>>();
        let thread = std::thread::Builder::new()
            .spawn(move || {
                if let Ok(tasks) = taken.recv() {
                    tasks.work();
                }
            })
            .ok()?;
        Some(Helper { jobs, thread })
    }
}

/// The tasks of decoding one entry, and what each left: `None` until it is done, then what it
/// decoded, if it could.
pub struct Tasks {
    map: Arc<memmap2::Mmap>,
    parts: Parts,
    /// The question chunks' places in the map.
    chunks: Vec<std::ops::Range<usize>>,
    next: AtomicUsize,
    stop: AtomicBool,
    results: Mutex<Results>,
    /// Told each time a task is done.
    done: Condvar,
}

/// A task under way: dropped while its thread unwinds, it leaves the task failed.
struct Failed<'a> {
    tasks: &'a Tasks,
    task: usize,
}

impl Drop for Failed<'_> {
    fn drop(&mut self) {
        let mut results = self.tasks.results();
        match self.task {
            0 => results.article = Some(None),
            1 => results.rest = Some(None),
            n => results.questions[n - 2] = Some(None),
        }
        drop(results);
        self.tasks.done.notify_all();
    }
}

#[derive(Default)]
struct Results {
    article: Option<Option<Article>>,
    rest: Option<Option<Pack>>,
    questions: Vec<Option<Option<Vec<Question>>>>,
}

impl Tasks {
    fn new(map: Arc<memmap2::Mmap>, parts: Parts) -> Option<Tasks> {
        let chunks = super::entry::chunks(map.get(parts.questions.clone())?, parts.questions.start)?;
        let results = Mutex::new(Results { questions: chunks.iter().map(|_| None).collect(), ..Results::default() });
        let (next, stop, done) = (AtomicUsize::new(0), AtomicBool::new(false), Condvar::new());
        Some(Tasks { map, parts, chunks, next, stop, results, done })
    }

    fn results(&self) -> MutexGuard<'_, Results> {
        self.results.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether the article and the rest of the pack are done.
    fn ready(&self, results: &Results) -> bool {
        results.article.is_some() && results.rest.is_some()
    }

    /// Takes tasks until none is left.
    fn work(&self) {
        while self.run_next() {}
    }

    /// Takes the next task and does it; `false` when none is left (or the work was stopped).
    fn run_next(&self) -> bool {
        if self.stop.load(Ordering::Relaxed) {
            return false;
        }
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        if n >= 2 + self.chunks.len() {
            return false;
        }
        // Should the task panic, it is counted as failed, so that no thread waits for it.
        let failed = Failed { tasks: self, task: n };
        match n {
            0 => {
                let article = self.article();
                self.results().article = Some(article);
            }
            1 => {
                let rest = postcard::from_bytes(&self.map[self.parts.pack.clone()]).ok();
                self.results().rest = Some(rest);
            }
            n => {
                let questions = postcard::from_bytes(&self.map[self.chunks[n - 2].clone()]).ok();
                self.results().questions[n - 2] = Some(questions);
            }
        }
        std::mem::forget(failed);
        self.done.notify_all();
        true
    }

    /// The article, when the entry's checksum is its own, its text UTF-8 and its blocks'
    /// lengths fall on characters.
    fn article(&self) -> Option<Article> {
        let table = &self.map[self.parts.table.clone()];
        let lengths = super::blocks::lengths(table)?;
        let mut starts = Vec::with_capacity(lengths.len());
        let mut at = 0usize;
        for &length in &lengths {
            starts.push(at);
            at = at.checked_add(length)?;
        }
        let mut text = Utf8Check::new(Arc::clone(&self.map), self.parts.text.clone(), starts)?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut end = 0;
        for piece in self.map.get(..self.parts.summed)?.chunks(PIECE) {
            hasher.update(piece);
            end += piece.len();
            text.up_to(end);
        }
        if hasher.digest() != self.parts.sum {
            return None;
        }
        super::blocks::decode(table, &text.finish()?, &lengths)
    }
}
