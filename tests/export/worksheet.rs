//! Placeholder: filled in by the worksheet work.
