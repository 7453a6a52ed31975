//! The handout.

use super::{Options, Record};
use crate::pack::Pack;

/// The handout's Markdown.
pub fn handout(_pack: &Pack, _record: &Record, _options: &Options) -> String {
    String::new()
}
