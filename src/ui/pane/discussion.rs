//! The discussion pane: the prompts for a class discussion, the selected one in full with
//! the passage it is about; its state, keys and drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::notes::book::Notebook;
use crate::pack::Pack;
use crate::text::sanitize::clean;
use crate::ui::action::{Action, Effect, Writing};
use crate::ui::keymap::{self, key_for};
use crate::ui::listing::{ListRows, first_row, rule, split};
use crate::ui::sheet::{Scroll, Sheet, truncate};
use crate::ui::theme::Theme;

/// The discussion pane's state.
#[derive(Debug, Clone, Default)]
pub struct Discussion {
    pub selected: usize,
    /// How far the selected prompt is scrolled.
    pub detail: Scroll,
}

impl Discussion {
    /// Applies `action`; anything for the rest of the app goes in `out`.
    pub fn update(&mut self, pack: &Pack, action: Action, out: &mut Vec<Effect>) {
        let last = pack.discussion.len().saturating_sub(1);
        let select = |this: &mut Self, to: usize| {
            if to != this.selected {
                this.selected = to;
                this.detail.home();
            }
        };
        match action {
            Action::Scroll(n) => select(self, self.selected.saturating_add_signed(n).min(last)),
            Action::Top => select(self, 0),
            Action::Bottom => select(self, last),
            Action::Page(n) => self.detail.page(n),
            Action::HalfPage(n) => self.detail.by(n * (self.detail.height / 2).max(1) as isize),
            Action::Annotate if !pack.discussion.is_empty() => {
                out.push(Effect::Write(Writing::Answer(self.selected)));
            }
            Action::Activate => {
                match pack.discussion.get(self.selected).and_then(|p| p.reference.as_ref()?.anchor.clone()) {
                    Some(anchor) => out.push(Effect::Reveal(anchor)),
                    None => out.push(Effect::Message("no passage is tied to this prompt".into())),
                }
            }
            _ => {}
        }
    }

    /// Where the list and the prompt go inside the pane: list, rule, prompt.
    pub fn areas(pack: &Pack, area: Rect) -> [Rect; 3] {
        split(area, pack.discussion.len())
    }

    /// The selected prompt in full, set at `width`.
    pub fn detail(&self, pack: &Pack, book: &Notebook, theme: &Theme, width: usize) -> Sheet<()> {
        let mut sheet = Sheet::new(width);
        if let Some(p) = pack.discussion.get(self.selected) {
            sheet.text(&p.prompt, theme.text);
            if let Some(r) = &p.reference {
                sheet.blank();
                let key = key_for(&keymap::DISCUSSION, Action::Activate);
                sheet.text(&format!("“{}” ({key} shows it)", r.quote), theme.quote);
            }
            sheet.blank();
            let write = key_for(&keymap::DISCUSSION, Action::Annotate);
            match book.answer(&p.prompt) {
                Some(answer) => {
                    sheet.text(&format!("Your position ({write} edits it):"), theme.strong);
                    for line in clean(answer).lines() {
                        if line.trim().is_empty() { sheet.blank() } else { sheet.text(line, theme.text) }
                    }
                }
                None => sheet.text(&format!("{write} writes your position on this prompt"), theme.dim),
            }
        }
        sheet
    }
}

/// The discussion pane's inside.
pub struct DiscussionPane<'a> {
    pub state: &'a Discussion,
    pub pack: &'a Pack,
    pub theme: &'a Theme,
    pub book: &'a Notebook,
}

impl Widget for DiscussionPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (prompts, theme) = (&self.pack.discussion, self.theme);
        if prompts.is_empty() {
            Paragraph::new(Line::styled("This pack has no discussion prompts.", theme.dim)).render(area, buf);
            return;
        }
        let [list, rule_area, detail] = Discussion::areas(self.pack, area);
        let width = usize::from(list.width).saturating_sub(8);
        let first = first_row(self.state.selected, list.height);
        let rows = prompts
            .iter()
            .enumerate()
            .skip(first)
            .take(usize::from(list.height))
            .map(|(i, p)| {
                // An answered prompt is marked, not only coloured.
                let answered = self.book.answer(&p.prompt).is_some();
                Line::from(vec![
                    Span::styled(format!("{:>2}. ", i + 1), theme.dim),
                    Span::styled(if answered { "✓ " } else { "  " }, theme.correct),
                    Span::raw(truncate(&p.prompt, width)),
                ])
            })
            .collect();
        ListRows { rows, first, selected: self.state.selected, selection: theme.selection }.render(list, buf);
        rule(rule_area, theme.border, buf);
        self.state
            .detail(self.pack, self.book, theme, usize::from(detail.width))
            .view(self.state.detail.offset)
            .render(detail, buf);
    }
}
