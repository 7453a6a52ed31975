//! The note editor: several lines of text in a box over the panes, for a note on a
//! passage or a position on a discussion prompt (ratatui-textarea). `Ctrl-s` and `Esc`
//! both keep what it holds: a note is never lost by a key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use jiff::Timestamp;

use super::action::{Action, Writing};
use super::keymap::{self, key_for};
use super::sheet::truncate;
use super::theme::Theme;
use crate::notes::book::{Notebook, Target};
use crate::notes::{Change, Quote};
use crate::pack::Pack;
use crate::text::sanitize::clean;

/// An open editor.
#[derive(Debug, Clone)]
pub struct Editor {
    pub area: TextArea<'static>,
    /// What is being written.
    pub writing: Writing,
    /// What the note is on: the passage's first words, or the prompt.
    pub about: String,
    /// Why the note could not be kept, when it could not.
    pub error: Option<String>,
}

impl Editor {
    /// An editor holding `text`, its cursor at the end.
    pub fn new(writing: Writing, about: String, text: &str) -> Self {
        let text = clean(text);
        let lines = if text.is_empty() { vec![String::new()] } else { text.lines().map(str::to_string).collect() };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self { area, writing, about, error: None }
    }

    /// The text written.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Where the box goes on a screen of `size`.
    pub fn frame(size: Rect) -> Rect {
        let width = size.width.saturating_sub(4).min(72).max(size.width.min(20));
        let height = size.height.saturating_sub(4).min(14).max(size.height.min(6));
        Rect { x: size.x + (size.width - width) / 2, y: size.y + (size.height - height) / 2, width, height }
    }
}

/// The editor's box.
pub struct EditorView<'a> {
    pub editor: &'a Editor,
    pub theme: &'a Theme,
}

impl Widget for EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (editor, theme) = (self.editor, self.theme);
        Clear.render(area, buf);
        let title = match editor.writing {
            Writing::Note(_) => " Note ",
            Writing::Answer(_) => " Your position ",
        };
        let keep = key_for(&keymap::EDITOR, Action::Keep);
        let hint = format!(" {keep} or Esc keeps it ");
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(title, theme.border_focused))
            .title_bottom(Line::styled(hint, theme.hint).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let mut top = inner;
        let about = Paragraph::new(Line::styled(truncate(&editor.about, width), theme.quote));
        about.render(Rect { height: top.height.min(1), ..top }, buf);
        top.y += top.height.min(1);
        top.height = top.height.saturating_sub(1);
        if let Some(error) = &editor.error {
            let rows = top.height.min(2);
            let text = Paragraph::new(Line::styled(format!("⚠ {error}"), theme.wrong)).wrap(Wrap { trim: true });
            text.render(Rect { height: rows, ..top }, buf);
            top.y += rows;
            top.height -= rows;
        }
        let mut text = editor.area.clone();
        text.set_style(theme.text);
        text.set_cursor_line_style(ratatui::style::Style::new());
        text.set_cursor_style(theme.term_cursor.add_modifier(ratatui::style::Modifier::REVERSED));
        (&text).render(top, buf);
    }
}

/// An editor on what `writing` names, holding what is written there now; `None` when it
/// names nothing that exists.
pub fn open(writing: Writing, book: &Notebook, pack: &Pack) -> Option<Editor> {
    let (about, text) = match &writing {
        Writing::Note(Target::Annotation(id)) => {
            let entry = book.get(*id)?;
            (quoted(&entry.annotation.quote.exact), entry.annotation.note.clone())
        }
        Writing::Note(Target::Span(span)) => (quoted(&Quote::of(&pack.article, *span).exact), String::new()),
        Writing::Answer(i) => {
            let prompt = pack.discussion.get(*i)?;
            (clean(&prompt.prompt).replace('\n', " "), book.answer(&prompt.prompt).unwrap_or_default().to_string())
        }
    };
    Some(Editor::new(writing, about, &text))
}

/// Keeps what `editor` holds in `book`; says what happened.
pub fn keep(editor: &Editor, book: &mut Notebook, pack: &Pack, now: Timestamp) -> String {
    let text = editor.text();
    let empty = text.trim().is_empty();
    match &editor.writing {
        Writing::Note(target) => {
            let had = matches!(target, Target::Annotation(id) if book.get(*id).is_some_and(|e| !e.annotation.note.is_empty()));
            book.write_note(&pack.article, *target, &text, now);
            match (empty, had) {
                (true, true) => "note removed".into(),
                (true, false) => "nothing written: no note kept".into(),
                (false, _) => "note kept".into(),
            }
        }
        Writing::Answer(i) => {
            let Some(prompt) = pack.discussion.get(*i) else { return String::new() };
            let had = book.answer(&prompt.prompt).is_some();
            book.write_answer(&prompt.prompt, &text, now);
            match (empty, had) {
                (true, true) => "your position removed".into(),
                (true, false) => "nothing written".into(),
                (false, _) => "your position kept".into(),
            }
        }
    }
}

/// An editor open again on a change that could not be saved, with the reason.
pub fn reopen(change: &Change, error: &str, book: &Notebook, pack: &Pack) -> Option<Editor> {
    let writing = match change {
        Change::Annotation(a) => Writing::Note(Target::Annotation(a.id)),
        Change::Answer(answer) => Writing::Answer(pack.discussion.iter().position(|p| p.prompt == answer.prompt)?),
        _ => return None,
    };
    let mut editor = open(writing, book, pack)?;
    editor.error = Some(format!("not saved: {error}"));
    Some(editor)
}

fn quoted(text: &str) -> String {
    format!("“{}”", clean(text).replace('\n', " "))
}
