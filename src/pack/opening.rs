//! A pack being opened: its glossary's term index built on a thread of its own, and, the
//! first time, its cache entry written on another once the first frame is on screen.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::model::{Pack, Term};
use super::stamps::Stamps;
use super::tasks::Pending;
use crate::text::found::{Found, Marker};
use crate::text::terms::TermIndex;

/// A pack being opened, with the terms found in its article when the cache had them, else
/// its glossary's term index being built on a thread of its own meanwhile: for a big
/// glossary that is the longest part of opening, and it needs nothing the rest of the pack,
/// the database or the terminal give.
pub struct Opening {
    /// Its article's blocks and its questions may still be coming.
    pack: Pack,
    terms: Terms,
    coming: Coming,
}

enum Terms {
    /// The index comes down the channel once built.
    Building(Receiver<TermIndex>),
    Found(Found),
}

/// What of a pack is still being decoded from its cache entry (the path of the entry beside
/// it): its article's blocks and its questions, each put into the pack once it is needed.
#[derive(Default)]
pub struct Coming(Option<(Pending, PathBuf)>);

impl Coming {
    /// Puts the article into `pack` once its blocks are made. Should they not be (only a
    /// fault in lectern could cause that: the entry's checksum vouched for its bytes), the
    /// pack is left without them and its questions, the entry is removed, so that the next
    /// open reads and checks the pack's files again, and what to tell the reader is returned.
    pub fn article(&mut self, pack: &mut Pack) -> Option<String> {
        let article = self.0.as_ref()?.0.article();
        match article {
            Some(article) => {
                pack.article = article;
                None
            }
            None => self.0.take().map(|(_, entry)| unreadable(&entry)),
        }
    }

    /// Puts the questions into `pack` once they are decoded; as [`Coming::article`] should
    /// they not be.
    pub fn questions(self, pack: &mut Pack) -> Option<String> {
        let (pending, entry) = self.0?;
        match pending.questions() {
            Some(questions) => {
                pack.questions = questions;
                None
            }
            None => Some(unreadable(&entry)),
        }
    }

    /// Puts both into `pack`.
    pub fn fill(mut self, pack: &mut Pack) -> Option<String> {
        let problem = self.article(pack);
        self.questions(pack).or(problem)
    }
}

/// Removes the cache entry at `entry`, part of which could not be read, and says so.
fn unreadable(entry: &std::path::Path) -> String {
    let _ = std::fs::remove_file(entry);
    "part of the pack could not be read from the cache; it will be whole when the pack is opened again".to_string()
}

impl Opening {
    /// Starts building `pack`'s term index.
    pub fn new(pack: Pack) -> Self {
        let (index, _) = index_of(&pack.terms);
        Self { pack, terms: Terms::Building(index), coming: Coming::default() }
    }

    /// `pack`, its term index coming down `index`; with `entry`, kept in the cache entry it
    /// names once the first frame no longer waits for it: a thread of its own takes the
    /// index from the channel given with it, finds the terms in the whole article and
    /// writes the entry. [`settle`] waits for that before the program ends.
    pub(super) fn keeping(pack: Pack, index: Receiver<TermIndex>, entry: Option<(Receiver<TermIndex>, Entry)>) -> Self {
        if let Some((for_entry, entry)) = entry {
            let mut copy = pack.clone();
            let writing = std::thread::spawn(move || {
                let Ok(index) = for_entry.recv() else { return };
                // Both cores go to the first frame first.
                wait_for_first_frame();
                let found = Found::new(&index, &copy.article);
                let _ = super::cache::store(&entry.path, entry.key, entry.stamps.as_ref(), &mut copy, &found);
            });
            let mut all = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            // Those done are let go: a long session may open many packs.
            all.retain(|thread| !thread.is_finished());
            all.push(writing);
        }
        Self { pack, terms: Terms::Building(index), coming: Coming::default() }
    }

    /// `pack` from the cache entry at `entry`, its article's blocks and its questions coming
    /// (`pending`, unless they are in already), with the terms `found` in its article.
    pub(super) fn from_entry(pack: Pack, found: Found, pending: Option<Pending>, entry: PathBuf) -> Self {
        Self { pack, terms: Terms::Found(found), coming: Coming(pending.map(|pending| (pending, entry))) }
    }

    /// The pack's title, known before its article and questions are in.
    pub fn title(&self) -> &str {
        &self.pack.title
    }

    /// The pack, whole, and how its article's terms are found, once that is ready; and what
    /// to tell the reader when part of it could not be read.
    pub fn finish(self) -> (Pack, Marker, Option<String>) {
        let (mut pack, marker, coming) = self.finish_later();
        let problem = coming.fill(&mut pack);
        (pack, marker, problem)
    }

    /// As [`Opening::finish`], what is still coming of the pack to be put in when it is
    /// needed ([`Coming`]): the app takes the terminal meanwhile.
    pub fn finish_later(self) -> (Pack, Marker, Coming) {
        let marker = match self.terms {
            Terms::Building(building) => Marker::Index(building.recv().unwrap_or_else(|_| self.pack.term_index())),
            Terms::Found(found) => Marker::Found(Arc::new(found)),
        };
        (self.pack, marker, self.coming)
    }
}

impl From<Pack> for Opening {
    fn from(pack: Pack) -> Self {
        Opening::new(pack)
    }
}

/// Cache entries being written after a first open.
static WRITING: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());

/// Whether the first frame is on screen, or the program is ending: until then an entry's
/// writing waits, rather than take a core from the first frame; but no longer than
/// [`FIRST_FRAME_WAIT`], for what opens a pack and draws no frame (the plain quiz).
static SHOWN: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

/// The longest an entry's writing waits for the first frame.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(250);

/// Says the first frame is on screen: entries put off until then are written now.
pub fn first_frame_shown() {
    let (shown, changed) = &SHOWN;
    *shown.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = true;
    changed.notify_all();
}

fn wait_for_first_frame() {
    let (shown, changed) = &SHOWN;
    let shown = shown.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let _ = changed.wait_timeout_while(shown, FIRST_FRAME_WAIT, |shown| !*shown);
}

/// Waits until every cache entry being written is written: before the program ends, so
/// that a pack opened once is kept even when the reader quits at once. (A signal that ends
/// the program ends the writing too; the next open then writes the entry.) The list is held
/// while the writers are waited for, so that a second caller returns only once they are
/// done too.
pub fn settle() {
    first_frame_shown();
    let mut writing = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for thread in writing.drain(..) {
        let _ = thread.join();
    }
}

/// Where and under which key a pack is to be kept, and the stamps of its files.
pub(super) struct Entry {
    pub path: PathBuf,
    pub key: u128,
    pub stamps: Option<Stamps>,
}

/// Builds the term index of `terms` on a thread of its own, which hands it down two
/// channels (the index shares its automaton). Should no thread start, both channels are
/// closed, and the index is built where it is wanted.
pub(super) fn index_of(terms: &[Term]) -> (Receiver<TermIndex>, Receiver<TermIndex>) {
    let names: Vec<Vec<String>> = terms.iter().map(|t| t.names().map(str::to_string).collect()).collect();
    let (first, one) = mpsc::sync_channel(1);
    let (second, other) = mpsc::sync_channel(1);
    let _ = crate::threads::spawn(move || {
        let index = TermIndex::new(names.iter().map(|n| n.iter().map(String::as_str)));
        let _ = second.send(index.clone());
        let _ = first.send(index);
    });
    (one, other)
}
