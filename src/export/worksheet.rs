//! The quiz on paper.

use super::Options;
use crate::pack::Pack;

/// The worksheet's Markdown.
pub fn worksheet(_pack: &Pack, _options: &Options) -> String {
    String::new()
}
