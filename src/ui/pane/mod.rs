//! The panes, one module each: its state, what its keys do, and how it is drawn.

pub mod article;
pub mod discussion;
pub mod glossary;
pub mod library;
pub mod notes;
pub mod overlay;
pub mod quiz;
