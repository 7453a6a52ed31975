//! What a reader makes of the text: highlights, notes, bookmarks and positions written on
//! the discussion prompts. Each is anchored to the article by a [`Quote`] so that it finds
//! its place again after the article is edited. Knows nothing of the terminal or of where
//! these are kept: the store writes the [`Change`]s the app makes.

pub mod book;
pub mod quote;

use jiff::Timestamp;

pub use quote::{Quote, Span};

/// What a highlight says about its passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Important,
    Question,
    Disagree,
    Evidence,
}

impl Kind {
    /// Every kind, in the order of the keys `1`–`4` that choose it.
    pub const ALL: [Kind; 4] = [Kind::Important, Kind::Question, Kind::Disagree, Kind::Evidence];

    /// The name kept in the store and shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Important => "important",
            Kind::Question => "question",
            Kind::Disagree => "disagree",
            Kind::Evidence => "evidence",
        }
    }

    /// The kind with this [`Kind::name`].
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A highlight, a note, or both on one passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Unique across processes (see [`Ids`]).
    pub id: u64,
    pub quote: Quote,
    /// `None` for a note without a highlight.
    pub kind: Option<Kind>,
    /// Empty for a highlight without a note.
    pub note: String,
    pub created: Timestamp,
    pub updated: Timestamp,
}

/// A place the reader can jump back to with `'` and its letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub letter: char,
    pub quote: Quote,
    pub updated: Timestamp,
}

/// The reader's position on a discussion prompt, keyed by the prompt's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub prompt: String,
    pub text: String,
    pub updated: Timestamp,
}

/// One change to what the reader made, as the store writes it: each in its own transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Added or edited (matched by id).
    Annotation(Annotation),
    RemoveAnnotation(u64),
    Bookmark(Bookmark),
    RemoveBookmark(char),
    /// An answer with empty text removes the answer.
    Answer(Answer),
}

/// Everything the reader made on one pack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes {
    pub annotations: Vec<Annotation>,
    pub bookmarks: Vec<Bookmark>,
    pub answers: Vec<Answer>,
}

/// Makes annotation ids that two processes will not both make: a random salt per process
/// in the high bits, a counter in the low ones.
#[derive(Debug, Clone)]
pub struct Ids {
    salt: u64,
    next: u64,
}

impl Ids {
    /// Ids from `salt`; give each process its own (see [`Ids::salt`]).
    pub fn new(salt: u64) -> Self {
        Self { salt: salt << 24, next: 0 }
    }

    /// A salt that differs from process to process.
    pub fn salt() -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u32(std::process::id());
        hasher.finish() >> 24
    }

    /// The next id; never 0.
    pub fn make(&mut self) -> u64 {
        self.next += 1;
        (self.salt | (self.next & 0xff_ffff)).max(1)
    }
}
