//! The notes pane: every highlight and note in text order, with its quote; the selected
//! one in full below the list. Its state, keys and drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::article::Reader;
use super::article::view::{kind_mark, kind_style};
use crate::notes::book::{Entry, Notebook, Target};
use crate::text::sanitize::clean;
use crate::ui::action::{Action, Effect, Writing};
use crate::ui::field::Field;
use crate::ui::keymap::{self, key_for};
use crate::ui::layout::cut;
use crate::ui::listing::{ListRows, first_row, rule, split};
use crate::ui::sheet::{Scroll, Sheet, truncate};
use crate::ui::theme::Theme;
use crate::ui::typing::{Typed, type_into};

/// The notes pane's state.
#[derive(Debug, Clone, Default)]
pub struct NotesView {
    /// The selected row of the list as shown (after the filter).
    pub selected: usize,
    /// How far the selected note is scrolled.
    pub detail: Scroll,
    pub filter: Field,
    /// The filter is being typed.
    pub filtering: bool,
}

impl NotesView {
    /// The entries shown, as indices into the notebook's entries: those whose passage or
    /// note holds the filter's words (any case).
    pub fn shown(&self, book: &Notebook) -> Vec<usize> {
        let words: Vec<String> = self.filter.text().split_whitespace().map(str::to_lowercase).collect();
        book.entries()
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let a = &e.annotation;
                let hay = format!("{} {}", a.quote.exact, a.note).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected entry.
    pub fn current<'a>(&self, book: &'a Notebook) -> Option<&'a Entry> {
        self.shown(book).get(self.selected).and_then(|&i| book.entries().get(i))
    }

    /// Applies `action`; anything for the rest of the app goes in `out`.
    pub fn update(&mut self, book: &mut Notebook, action: Action, out: &mut Vec<Effect>) {
        if self.filtering {
            match type_into(&mut self.filter, action) {
                Typed::Changed => self.select(0),
                Typed::Done => self.filtering = false,
                Typed::Closed => {
                    self.filtering = false;
                    self.select(0);
                }
                Typed::Moved => {}
                Typed::Other => self.keys(book, action, out),
            }
            return;
        }
        self.keys(book, action, out);
    }

    fn select(&mut self, to: usize) {
        if to != self.selected {
            self.selected = to;
            self.detail.home();
        }
    }

    fn keys(&mut self, book: &mut Notebook, action: Action, out: &mut Vec<Effect>) {
        let last = self.shown(book).len().saturating_sub(1);
        let current = self.current(book).map(|e| (e.annotation.id, e.span));
        match action {
            Action::Scroll(n) => self.select(self.selected.saturating_add_signed(n).min(last)),
            Action::Top => self.select(0),
            Action::Bottom => self.select(last),
            Action::Page(n) => self.detail.page(n),
            Action::HalfPage(n) => self.detail.by(n * (self.detail.height / 2).max(1) as isize),
            Action::StartInput => {
                self.filtering = true;
                self.filter.clear();
                self.select(0);
            }
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.select(0);
            }
            Action::Activate => match current {
                Some((_, Some(span))) => out.push(Effect::ShowSpan(span)),
                Some((_, None)) => out.push(Effect::Message("its passage is not found in this version".into())),
                None => {}
            },
            Action::Annotate => {
                if let Some((id, _)) = current {
                    out.push(Effect::Write(Writing::Note(Target::Annotation(id))));
                }
            }
            Action::Delete => {
                if let Some((id, _)) = current
                    && book.remove(id)
                {
                    let undo = key_for(&keymap::NOTES, Action::Undo);
                    out.push(Effect::Message(format!("deleted · {undo} undoes")));
                }
            }
            _ => {}
        }
    }

    /// Where each part goes inside the pane: the filter's row (no height when there is no
    /// filter), the list, the rule under it, and the selected note.
    pub fn areas(&self, book: &Notebook, area: Rect) -> [Rect; 4] {
        let [list, rule, detail] = split(area, self.shown(book).len() + 1);
        let filter = u16::from(self.filtering || !self.filter.is_empty()).min(list.height);
        let [filter, list] = cut(list, Direction::Vertical, [Some(filter), None]);
        [filter, list, rule, detail]
    }

    /// The selected note in full, set at `width`.
    pub fn detail(&self, book: &Notebook, reader: &Reader, theme: &Theme, width: usize) -> Sheet<()> {
        let mut sheet = Sheet::new(width);
        let Some(entry) = self.current(book) else { return sheet };
        let a = &entry.annotation;
        let kind = a.kind.map_or("note".to_string(), |k| format!("{} {}", kind_mark(Some(k)), k.name()));
        match entry.span {
            Some(span) => sheet.text(&format!("¶ {} · {kind}", paragraph(reader, span)), theme.dim),
            None => sheet.text(&format!("{kind} · not found in this version of the article"), theme.wrong),
        }
        sheet.blank();
        sheet.text(&format!("“{}”", clean(&a.quote.exact)), theme.quote);
        sheet.blank();
        if a.note.is_empty() {
            let edit = key_for(&keymap::NOTES, Action::Annotate);
            sheet.text(&format!("no note: {edit} writes one"), theme.dim);
        } else {
            for line in clean(&a.note).lines() {
                if line.trim().is_empty() { sheet.blank() } else { sheet.text(line, theme.text) }
            }
        }
        sheet
    }
}

/// The notes pane's inside.
pub struct NotesPane<'a> {
    pub state: &'a NotesView,
    pub book: &'a Notebook,
    pub reader: &'a Reader,
    pub theme: &'a Theme,
}

impl Widget for NotesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, book, theme) = (self.state, self.book, self.theme);
        if book.entries().is_empty() {
            let key = |action| key_for(&keymap::ARTICLE, action);
            let text = format!(
                "No highlights or notes yet. In the article, {} and {} move the reading cursor, {} highlights its sentence, {} selects more, and {} writes a note.",
                key(Action::Sentence(-1)),
                key(Action::Sentence(1)),
                key(Action::Highlight),
                key(Action::Select),
                key(Action::Annotate),
            );
            let mut sheet: Sheet<()> = Sheet::new(area.width.into());
            sheet.text(&text, theme.dim);
            sheet.view(0).render(area, buf);
            return;
        }
        let shown = state.shown(book);
        let [filter_row, list, rule_area, detail] = state.areas(book, area);
        if filter_row.height > 0 {
            let row = filter_row;
            let text = format!(
                "/{}  {} of {}",
                state.filter.view(usize::from(row.width).saturating_sub(12)),
                shown.len(),
                book.entries().len()
            );
            Paragraph::new(Line::styled(text, theme.hint)).render(row, buf);
        }
        let width = usize::from(list.width).saturating_sub(10);
        let first = first_row(state.selected, list.height);
        let rows = shown
            .iter()
            .skip(first)
            .take(usize::from(list.height))
            .filter_map(|&i| book.entries().get(i))
            .map(|e| {
                let a = &e.annotation;
                let mark = kind_mark(a.kind);
                let place = match e.span {
                    Some(span) => format!("¶{:<3}", paragraph(self.reader, span)),
                    None => "  ✗ ".to_string(),
                };
                let style = kind_style(theme, a.kind);
                Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::styled(format!("{place} "), theme.dim),
                    Span::raw(truncate(&clean(&a.quote.exact).replace('\n', " "), width)),
                ])
            })
            .collect();
        if shown.is_empty() {
            Paragraph::new(Line::styled("nothing matches the filter", theme.dim)).render(list, buf);
        } else {
            ListRows { rows, first, selected: state.selected, selection: theme.selection }.render(list, buf);
        }
        rule(rule_area, theme.border, buf);
        state.detail(book, self.reader, theme, usize::from(detail.width)).view(state.detail.offset).render(detail, buf);
    }
}

/// The number of the body paragraph a passage starts in; `–` for a heading or the like.
fn paragraph(reader: &Reader, span: crate::notes::Span) -> String {
    let n = reader.paragraph_of(span.start.block);
    let body = reader.paragraph_block(n) == Some(span.start.block);
    if body { n.to_string() } else { "–".to_string() }
}
