//! Study packs: the format, where packs are found, loading, and checking.

mod asked;
mod blocks;
pub mod cache;
pub mod diagnostic;
mod entry;
pub(crate) mod fields;
mod glossary;
pub mod load;
mod meta;
pub mod model;
pub mod opening;
mod quiz;
pub mod skeleton;
pub mod source;
mod stamps;
mod tasks;

pub use load::{Loaded, Stats, load, load_for_reading, load_with, term_index};
pub use model::Pack;
