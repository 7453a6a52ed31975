//! Everything the reader made on one pack, placed in the article as it is now: what the
//! app shows and changes. Every change is recorded twice: as a [`Change`] for the store to
//! write, and as a step [`Notebook::undo`] can take back.

use jiff::Timestamp;

use super::{Annotation, Answer, Bookmark, Change, Ids, Kind, Notes, Quote, Span};
use crate::text::article::Article;
use crate::text::layout::Position;

/// An annotation and where it is now (`None`: not found in this version of the article).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub annotation: Annotation,
    pub span: Option<Span>,
}

/// What a note is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An annotation that exists (a highlight, or a note being edited).
    Annotation(u64),
    /// A passage with nothing on it yet.
    Span(Span),
}

/// A change as it can be taken back: the state before it.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Annotation { id: u64, before: Option<Annotation> },
    Bookmark { letter: char, before: Option<Bookmark> },
    Answer { prompt: String, before: Option<Answer> },
}

/// The reader's highlights, notes, bookmarks and answers on one pack.
#[derive(Debug, Clone)]
pub struct Notebook {
    /// In text order; those not found come last, oldest first.
    entries: Vec<Entry>,
    bookmarks: Vec<Bookmark>,
    answers: Vec<Answer>,
    undo: Vec<Step>,
    changes: Vec<Change>,
    ids: Ids,
}

/// How many changes `u` can take back.
const UNDO_DEPTH: usize = 200;

impl Notebook {
    /// What was saved, placed in `article`; new ids made with `salt` (see [`Ids::salt`]).
    pub fn new(notes: Notes, article: &Article, salt: u64) -> Self {
        let mut book = Self {
            entries: Vec::new(),
            bookmarks: Vec::new(),
            answers: Vec::new(),
            undo: Vec::new(),
            changes: Vec::new(),
            ids: Ids::new(salt),
        };
        book.replace(notes, article);
        book
    }

    /// Puts `notes` (as the store kept them) in place of everything, placed in `article`,
    /// with nothing to undo or write; the ids go on as before.
    pub fn replace(&mut self, notes: Notes, article: &Article) {
        self.entries = notes
            .annotations
            .into_iter()
            .map(|annotation| {
                let span = annotation.quote.place(article);
                Entry { annotation, span }
            })
            .collect();
        self.sort();
        self.bookmarks = Vec::new();
        notes.bookmarks.into_iter().for_each(|b| self.insert_bookmark(b));
        self.answers = notes.answers;
        self.undo.clear();
        self.changes.clear();
    }

    /// Every annotation, in text order, those not found last.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The annotation with `id`.
    pub fn get(&self, id: u64) -> Option<&Entry> {
        self.entries.iter().find(|e| e.annotation.id == id)
    }

    /// The annotations that touch `block`, in text order, with their places.
    pub fn in_block(&self, block: usize) -> impl Iterator<Item = (&Annotation, Span)> {
        // Sorted by start, so the walk stops at the first that starts after `block`; one
        // that starts before may run on over several blocks, so those are all looked at.
        self.entries
            .iter()
            .map_while(move |e| e.span.filter(|s| s.start.block <= block).map(|s| (&e.annotation, s)))
            .filter(move |(_, s)| s.end.block >= block)
    }

    /// The first annotation that overlaps `span` (or holds it, when it is empty).
    pub fn at(&self, span: Span) -> Option<u64> {
        self.entries
            .iter()
            .filter_map(|e| Some((e.annotation.id, e.span?)))
            .find(
                |(_, s)| {
                    if span.start == span.end {
                        s.start <= span.start && span.start < s.end
                    } else {
                        overlaps(*s, span)
                    }
                },
            )
            .map(|(id, _)| id)
    }

    /// Highlights `span` as `kind`; a highlight on exactly that passage changes its kind.
    pub fn highlight(&mut self, article: &Article, span: Span, kind: Kind, now: Timestamp) -> u64 {
        if let Some(entry) = self.entries.iter().find(|e| e.span == Some(span)) {
            let mut annotation = entry.annotation.clone();
            annotation.kind = Some(kind);
            annotation.updated = now;
            let id = annotation.id;
            self.put(annotation, Some(span));
            return id;
        }
        let id = self.ids.make();
        let annotation = Annotation {
            id,
            quote: Quote::of(article, span),
            kind: Some(kind),
            note: String::new(),
            created: now,
            updated: now,
        };
        self.put(annotation, Some(span));
        id
    }

    /// Takes the highlight off annotation `id`; with no note left, it goes. False when it
    /// has no highlight.
    pub fn unhighlight(&mut self, id: u64, now: Timestamp) -> bool {
        let Some(entry) = self.get(id).filter(|e| e.annotation.kind.is_some()) else { return false };
        let (mut annotation, span) = (entry.annotation.clone(), entry.span);
        if annotation.note.trim().is_empty() {
            self.remove(id);
        } else {
            annotation.kind = None;
            annotation.updated = now;
            self.put(annotation, span);
        }
        true
    }

    /// Writes `text` as the note on `target`. An empty note is removed, and an annotation
    /// left with neither highlight nor note goes. Returns the annotation's id, if it stays.
    pub fn write_note(&mut self, article: &Article, target: Target, text: &str, now: Timestamp) -> Option<u64> {
        let text = text.trim_end();
        match target {
            Target::Annotation(id) => {
                let entry = self.get(id)?;
                let (mut annotation, span) = (entry.annotation.clone(), entry.span);
                if annotation.note == text {
                    return Some(id);
                }
                if text.trim().is_empty() && annotation.kind.is_none() {
                    self.remove(id);
                    return None;
                }
                annotation.note = if text.trim().is_empty() { String::new() } else { text.to_string() };
                annotation.updated = now;
                self.put(annotation, span);
                Some(id)
            }
            Target::Span(_) if text.trim().is_empty() => None,
            Target::Span(span) => {
                let id = self.ids.make();
                let quote = Quote::of(article, span);
                let annotation =
                    Annotation { id, quote, kind: None, note: text.to_string(), created: now, updated: now };
                self.put(annotation, Some(span));
                Some(id)
            }
        }
    }

    /// Removes annotation `id`, its highlight and its note.
    pub fn remove(&mut self, id: u64) -> bool {
        let Some(i) = self.entries.iter().position(|e| e.annotation.id == id) else { return false };
        let before = self.entries.remove(i).annotation;
        self.record(Step::Annotation { id, before: Some(before) });
        self.changes.push(Change::RemoveAnnotation(id));
        true
    }

    /// Adds or replaces an annotation, recording the change.
    fn put(&mut self, annotation: Annotation, span: Option<Span>) {
        let id = annotation.id;
        let before = match self.entries.iter().position(|e| e.annotation.id == id) {
            Some(i) => Some(self.entries.remove(i).annotation),
            None => None,
        };
        self.record(Step::Annotation { id, before });
        self.changes.push(Change::Annotation(annotation.clone()));
        self.entries.push(Entry { annotation, span });
        self.sort();
    }

    fn record(&mut self, step: Step) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(step);
    }

    fn sort(&mut self) {
        self.entries.sort_by_key(|e| match e.span {
            Some(span) => (0, span.start, span.end, e.annotation.created),
            None => (1, Position::default(), Position::default(), e.annotation.created),
        });
    }

    /// The bookmarks, by letter.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    /// Sets bookmark `letter` on the passage `quote`.
    pub fn bookmark(&mut self, letter: char, quote: Quote, now: Timestamp) {
        let before = self.take_bookmark(letter);
        self.record(Step::Bookmark { letter, before });
        let bookmark = Bookmark { letter, quote, updated: now };
        self.changes.push(Change::Bookmark(bookmark.clone()));
        self.insert_bookmark(bookmark);
    }

    /// Adds a bookmark in its letter's place.
    fn insert_bookmark(&mut self, bookmark: Bookmark) {
        let at = self.bookmarks.partition_point(|b| b.letter < bookmark.letter);
        self.bookmarks.insert(at, bookmark);
    }

    fn take_bookmark(&mut self, letter: char) -> Option<Bookmark> {
        let i = self.bookmarks.iter().position(|b| b.letter == letter)?;
        Some(self.bookmarks.remove(i))
    }

    /// Where bookmark `letter` is now: `None` when there is no such bookmark, `Some(None)`
    /// when its passage is not found in this version.
    pub fn find_bookmark(&self, letter: char, article: &Article) -> Option<Option<Span>> {
        self.bookmarks.iter().find(|b| b.letter == letter).map(|b| b.quote.place(article))
    }

    /// The written answers, one per prompt.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// The answer written on `prompt`, if any.
    pub fn answer(&self, prompt: &str) -> Option<&str> {
        self.answers.iter().find(|a| a.prompt == prompt).map(|a| a.text.as_str())
    }

    /// Writes the answer on `prompt`; an empty one removes it.
    pub fn write_answer(&mut self, prompt: &str, text: &str, now: Timestamp) {
        let text = text.trim_end();
        let unchanged = match self.answer(prompt) {
            Some(old) => old == text,
            None => text.trim().is_empty(),
        };
        if unchanged {
            return;
        }
        let before = self.answers.iter().position(|a| a.prompt == prompt).map(|i| self.answers.remove(i));
        self.record(Step::Answer { prompt: prompt.to_string(), before });
        let answer = Answer { prompt: prompt.to_string(), text: text.to_string(), updated: now };
        self.changes.push(Change::Answer(answer.clone()));
        if !text.trim().is_empty() {
            self.answers.push(answer);
        }
    }

    /// Takes back the last change; says what it took back, or that there was nothing.
    pub fn undo(&mut self, article: &Article, now: Timestamp) -> String {
        let Some(step) = self.undo.pop() else { return "nothing to undo".to_string() };
        let said = match step {
            Step::Annotation { id, before } => {
                self.entries.retain(|e| e.annotation.id != id);
                match before {
                    Some(annotation) => {
                        let span = annotation.quote.place(article);
                        self.changes.push(Change::Annotation(annotation.clone()));
                        self.entries.push(Entry { annotation, span });
                        self.sort();
                    }
                    None => self.changes.push(Change::RemoveAnnotation(id)),
                }
                "highlight or note"
            }
            Step::Bookmark { letter, before } => {
                self.take_bookmark(letter);
                match before {
                    Some(bookmark) => {
                        self.changes.push(Change::Bookmark(bookmark.clone()));
                        self.insert_bookmark(bookmark);
                    }
                    None => self.changes.push(Change::RemoveBookmark(letter)),
                }
                "bookmark"
            }
            Step::Answer { prompt, before } => {
                self.answers.retain(|a| a.prompt != prompt);
                let text = before.as_ref().map_or(String::new(), |a| a.text.clone());
                self.changes.push(Change::Answer(Answer { prompt: prompt.clone(), text, updated: now }));
                self.answers.extend(before);
                "discussion answer"
            }
        };
        format!("undone: {said}")
    }

    /// The changes made since the last call, oldest first, for the store to write.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    /// Puts changes that could not be written back at the front, to be tried again.
    pub fn retry(&mut self, mut changes: Vec<Change>) {
        changes.append(&mut self.changes);
        self.changes = changes;
    }

    /// The changes waiting to be written, oldest first.
    pub fn pending(&self) -> &[Change] {
        &self.changes
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}
