//! Text handling, free of any UI: the article model, sanitising, anchors and wrapping.

pub mod anchor;
pub mod article;
pub mod found;
pub mod layout;
pub mod sanitize;
pub mod search;
pub mod sentence;
pub mod shared;
pub mod terms;
pub mod wrap;
