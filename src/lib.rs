//! lectern: read a text in the terminal beside its glossary and quiz, from TOML study packs.

pub mod catalog;
pub mod cli;
pub mod export;
pub mod import;
pub mod notes;
pub mod pack;
pub mod plain;
#[cfg(feature = "dev")]
pub mod sample;
pub mod store;
pub mod study;
pub mod text;
pub mod ui;
