//! Everything the user can ask for, as data: keys and mouse events map to these; and what
//! a pane asks of the rest of the app after handling one.

use ratatui::crossterm::event::KeyEvent;

use super::field::Edit;
use super::layout::Pane;
use crate::notes::Span;
use crate::notes::book::Target;
use crate::study::deck::Mode;
use crate::text::anchor::Anchor;

/// What the editor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Writing {
    Note(Target),
    /// The reader's position on the discussion prompt with this index.
    Answer(usize),
}

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
    /// Open the prompt that goes to a paragraph by its number.
    GoTo,
    /// Paragraph numbers in the article's margin, on and off.
    Numbers,
    /// Cycle the glossary marks in the article: first in each paragraph, all, none.
    Marks,
    /// Move the term cursor through the terms on screen (negative: back).
    TermCursor(isize),
    /// Move the link cursor of the glossary entry (see-also links and appearances).
    Link(isize),
    /// Back along the see-also links followed in the glossary.
    BackLink,
    /// Enter: open, follow, keep or jump, depending on the pane.
    Activate,
    /// Esc: clear, close or cancel, depending on what is open.
    Back,
    /// Start typing a search (article) or a filter (glossary).
    StartInput,
    /// A character typed into the open field.
    Input(char),
    /// An editing key in the open field.
    Edit(Edit),
    /// Tab between the gaps of a cloze (negative: back).
    NextField(isize),
    /// Next search match, or the followed term's next place (negative: previous).
    Next(isize),
    FocusNext,
    FocusPrev,
    Focus(Pane),
    /// Zoom the focused pane to the full screen and back.
    Zoom,
    /// Show or hide every key.
    Help,
    /// Show or hide what the pack says about its text.
    About,
    /// A digit: pick a choice, grade a card, or choose from a menu.
    Choose(usize),
    /// `t` or `f` for a true-or-false question.
    TrueFalse(bool),
    /// Space: pick or unpick a choice, reveal a card, or go on after an answer.
    Toggle,
    /// Move the selected item of an order question (negative: up).
    MoveItem(isize),
    /// Show the current question's passage and move to the article.
    Passage,
    /// Start a sitting in the quiz pane (a quiz first asks which part of the text).
    Start(Mode),
    /// Go on with the sitting left unfinished.
    Resume,
    /// Answer a yes-or-no question the app asked.
    Confirm(bool),
    /// A click at a screen cell.
    Click(u16, u16),
    /// The mouse wheel at a screen cell (lines, negative: up).
    Wheel(u16, u16, isize),
    /// A drag of the mouse to a screen cell: selects text in the article.
    Drag(u16, u16),
    /// Move the reading cursor by sentences (negative: back); with a selection, extend it.
    Sentence(isize),
    /// Extend the selection by lines (negative: up).
    Extend(isize),
    /// Start a selection at the reading cursor.
    Select,
    /// Highlight the selection or the cursor's sentence (asks the kind).
    Highlight,
    /// Take the highlight under the cursor off.
    Unhighlight,
    /// Write a note on the selection, the sentence or the highlight; or a position on a prompt.
    Annotate,
    /// Delete the selected note or highlight.
    Delete,
    /// Take back the last change to highlights, notes, bookmarks or answers.
    Undo,
    /// Set a bookmark: a letter follows.
    SetMark,
    /// Jump to a bookmark: a letter (or `'`) follows.
    GoMark,
    /// The letter typed after [`Action::SetMark`] or [`Action::GoMark`].
    Letter(char),
    /// Keep what the editor holds and close it.
    Keep,
    /// Ask which export to write.
    ExportMenu,
    /// Open the library of packs, or close it.
    Library,
    /// Write the export with this index in [`crate::ui::export::CHOICES`].
    Export(u8),
    /// A key for the note editor, which takes every key.
    Key(KeyEvent),
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    Quit,
}

/// What a pane asks of the rest of the app after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A line for the status bar.
    Message(String),
    /// Scroll the article to a passage and highlight it, bringing the article to the
    /// front when it is hidden.
    Reveal(Anchor),
    /// Highlight a passage and scroll to it, leaving the focus where it is.
    Highlight(Anchor),
    /// Clear the highlighted passage.
    ClearHighlight,
    /// Move the focus.
    Focus(Pane),
    /// Show a glossary term's entry (in the glossary, or over the article).
    ShowTerm(usize),
    /// The glossary followed a term into the article: `n` and `N` there go to its places.
    Follow(usize),
    /// Forget the term followed: `n` and `N` are the search's again.
    Unfollow,
    /// The cards changed: recount and save them.
    CardsChanged,
    /// Open the editor on a note or on the answer to a prompt.
    Write(Writing),
    /// Put the reading cursor on a passage and show it, in front.
    ShowSpan(Span),
    /// The reader looked up a glossary term on purpose: the handout lists it.
    LookedUp(usize),
}
