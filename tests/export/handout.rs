//! Placeholder: filled in by the handout work.
