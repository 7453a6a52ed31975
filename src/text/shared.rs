//! A block's text as the article holds it: a part of one string that all its blocks share.

use std::ops::{Deref, Range};
use std::sync::Arc;

/// A block's text: its own string, or a part of one string that all the blocks of an article
/// read back from the cache share, so that reading a book back is one string rather than one
/// for each of its blocks. Reads as a `&str`.
#[derive(Clone, Default)]
pub struct Text {
    all: Arc<String>,
    range: Range<usize>,
}

impl Text {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.all[self.range.clone()]
    }

    /// Its length in bytes, without slicing the shared string.
    pub fn len(&self) -> usize {
        self.range.len()
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        let range = 0..text.len();
        Self { all: Arc::new(text), range }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::from(text.to_string())
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Text {
    /// The part `range` of `all`, which the caller has checked lies on character boundaries
    /// inside it.
    pub(crate) fn part_of(all: &Arc<String>, range: Range<usize>) -> Self {
        Self { all: Arc::clone(all), range }
    }

    /// True when both are parts of the same string.
    pub fn shares_with(&self, other: &Text) -> bool {
        Arc::ptr_eq(&self.all, &other.all)
    }
}
