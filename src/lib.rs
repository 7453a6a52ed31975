//! lectern: read a text in the terminal beside its glossary and quiz, from TOML study packs.

pub mod catalog;
pub mod cli;
pub mod export;
pub mod helper;
pub mod import;
pub mod notes;
pub mod pack;
pub mod plain;
#[cfg(feature = "dev")]
pub mod sample;
pub mod store;
pub mod study;
pub mod text;
pub mod threads;
pub mod ui;

/// Entry points for the fuzz targets in `fuzz/` (not part of the app's interface): the
/// readers a fuzzer cannot reach through a public function.
#[doc(hidden)]
pub mod fuzzing {
    /// Reads `text` as `config.toml`.
    pub fn config(text: &str) {
        let _ = crate::ui::config::parse(text);
    }

    /// Reads `text` as an old progress file.
    pub fn progress(text: &str) {
        let _ = crate::store::parse_progress(text);
    }
}
