//! Placeholder: filled in by the anki work.
