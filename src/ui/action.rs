//! Everything the user can ask for, as data: keys and mouse events map to these.

/// One step the app can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Scroll by lines (negative: up).
    Scroll(isize),
    /// Scroll by pages (negative: up).
    Page(isize),
    /// Scroll by half pages (negative: up).
    HalfPage(isize),
    /// Go to the start of the article.
    Top,
    /// Go to the end of the article.
    Bottom,
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    Quit,
}
