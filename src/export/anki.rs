//! Notes for Anki.

use crate::pack::Pack;

/// The Anki file.
pub fn anki(_pack: &Pack) -> String {
    String::new()
}
