//! Everything the user can ask for, as data: keys and mouse events map to these.

use super::app::Pane;
use super::lineedit::Edit;
use crate::study::deck::Mode;

/// One step the app can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move by lines in the focused pane (negative: up).
    Scroll(isize),
    /// Move by pages (negative: up).
    Page(isize),
    /// Move by half pages (negative: up).
    HalfPage(isize),
    /// Go to the start.
    Top,
    /// Go to the end.
    Bottom,
    /// The article by paragraph (negative: back).
    Paragraph(isize),
    /// The article by heading (negative: back).
    Heading(isize),
    /// Move the term cursor through the terms on screen (negative: back).
    TermCursor(isize),
    /// Move the link cursor of the glossary entry (see-also links and appearances).
    Link(isize),
    /// Enter: open, follow or jump, depending on the pane.
    Activate,
    /// Esc: close, cancel or clear, depending on what is open.
    Back,
    /// Start typing a search (article) or a filter (glossary).
    StartInput,
    /// A character typed into the open input.
    Input(char),
    /// Backspace in the open input.
    InputBackspace,
    /// Next search match, or the glossary term's next occurrence (negative: previous).
    Next(isize),
    FocusNext,
    FocusPrev,
    Focus(Pane),
    /// Zoom the focused pane to the full screen and back.
    Zoom,
    /// Show or hide every key.
    Help,
    /// A digit: pick a choice, or grade a card.
    Choose(usize),
    /// `t` or `f` for a true-or-false question.
    TrueFalse(bool),
    /// Space: pick or unpick a choice, reveal a card, or go on after an answer.
    Toggle,
    /// Move the selected item of an order question (negative: up).
    MoveItem(isize),
    /// Edit the line being typed (cursor keys, Ctrl-w, Ctrl-u).
    Edit(Edit),
    /// Tab between the gaps of a cloze (negative: back).
    NextField(isize),
    /// Show the current question's passage and move to the article.
    Passage,
    /// Start a sitting in the quiz pane.
    Start(Mode),
    /// A click at a screen cell.
    Click(u16, u16),
    /// The mouse wheel at a screen cell (lines, negative: up).
    Wheel(u16, u16, isize),
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    Quit,
}
