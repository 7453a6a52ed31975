//! The boxes shown over the panes: every key (`?`), what the pack says of its text (`i`),
//! the exports to choose from (`E`), and a term's entry where the glossary is not on screen. Each is a sheet that scrolls in
//! a box of a fixed size.

use ratatui::layout::Rect;

use super::glossary::GlossaryView;
use crate::pack::Pack;
use crate::ui::keymap::{self, Keys};
use crate::ui::sheet::{Scroll, Sheet};
use crate::ui::theme::Theme;

/// Which box is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Help,
    About,
    /// The exports, each with its key.
    Export,
    /// A message too long for the status bar (the app's `notice`).
    Notice,
    /// A term's entry.
    Term(usize),
}

/// An open box and how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlay {
    pub kind: Kind,
    pub scroll: Scroll,
}

impl Overlay {
    /// A box of `kind`, at its start.
    pub fn new(kind: Kind) -> Self {
        Self { kind, scroll: Scroll::default() }
    }

    /// The box's title, with the key that closes it.
    pub fn title(&self) -> String {
        let what = match self.kind {
            Kind::Help => "Keys",
            Kind::About => "About this text",
            Kind::Export => "Export",
            Kind::Notice => "Message",
            Kind::Term(_) => "Glossary",
        };
        format!(" {what} ({} closes) ", keymap::key_for(&keymap::OVERLAY, crate::ui::action::Action::Back))
    }
}

/// Where a box goes on a screen of `size`, border included: as wide as it reads well and
/// as tall as the screen allows, whatever part of its content is shown.
pub fn area(kind: Kind, size: Rect, len: usize) -> Rect {
    let (most_wide, most_high) = match kind {
        Kind::Help => (100, u16::MAX),
        Kind::About => (76, u16::MAX),
        Kind::Export => (72, u16::MAX),
        Kind::Notice => (64, u16::MAX),
        Kind::Term(_) => (64, 16),
    };
    let width = size.width.saturating_sub(2).clamp(size.width.min(20), most_wide);
    let wanted = u16::try_from(len).unwrap_or(u16::MAX).saturating_add(2);
    let height = wanted.min(most_high).min(size.height.saturating_sub(2).max(size.height.min(3)));
    Rect { x: size.x + (size.width - width) / 2, y: size.y + (size.height - height) / 2, width, height }
}

/// The rows inside a box's border.
pub fn inner(area: Rect) -> Rect {
    crate::ui::layout::content(area)
}

/// The width a box's content is set at on a screen of `size`.
pub fn text_width(kind: Kind, size: Rect) -> u16 {
    inner(area(kind, size, 0)).width
}

/// The content of a box, set at `width`. `keys` are the keys in use, listed first in the help.
pub fn sheet(
    kind: Kind,
    pack: &Pack,
    glossary: &GlossaryView,
    theme: &Theme,
    keys: Keys,
    width: usize,
    notice: Option<&str>,
) -> Sheet<usize> {
    match kind {
        Kind::Notice => {
            let mut sheet = Sheet::new(width);
            sheet.text(&crate::text::sanitize::printable(notice.unwrap_or_default()), theme.text);
            sheet
        }
        Kind::Help => help(theme, keys, width),
        Kind::About => about(pack, theme, width),
        Kind::Export => export(pack, theme, width),
        Kind::Term(term) => super::glossary::view::entry(pack, glossary, theme, term, width, false),
    }
}

/// Every key, the tables in use first, each description wrapped under itself.
fn help(theme: &Theme, keys: Keys, width: usize) -> Sheet<usize> {
    let mut sheet = Sheet::new(width);
    let column = (width / 3).clamp(6, 20);
    for table in keymap::help_tables(keys) {
        sheet.text(table.title, theme.heading);
        for binding in table.bindings {
            let names = keymap::key_names(binding);
            let lead = format!("  {names:<column$} ");
            let indent = if crate::text::wrap::width(&lead) > column + 3 { 4 } else { column + 3 };
            sheet.hanging(&[(&lead, theme.strong), (binding.help, theme.text)], indent, None);
        }
        sheet.blank();
    }
    sheet
}

/// The exports, each with its key and the file it writes.
fn export(pack: &Pack, theme: &Theme, width: usize) -> Sheet<usize> {
    let mut sheet = Sheet::new(width);
    sheet.text("Write a file in the folder lectern was started in (a file already there is kept):", theme.dim);
    sheet.blank();
    // The exports and the key that closes the box; scrolling is as in every box.
    let listed = keymap::EXPORT.bindings.iter().filter(|b| {
        matches!(b.act, keymap::Act::Do(crate::ui::action::Action::Export(_) | crate::ui::action::Action::Back))
    });
    for binding in listed {
        let names = keymap::key_names(binding);
        let lead = format!("  {names:<4} ");
        sheet.hanging(&[(&lead, theme.strong), (binding.help, theme.text)], 7, None);
        if let keymap::Act::Do(crate::ui::action::Action::Export(i)) = binding.act
            && let Some(choice) = crate::ui::export::CHOICES.get(usize::from(i))
        {
            sheet.hanging(&[("       ", theme.dim), (&choice.file_name(&pack.id), theme.dim)], 7, None);
        }
    }
    sheet
}

/// The pack's title, author, summary and tags, and what it holds.
fn about(pack: &Pack, theme: &Theme, width: usize) -> Sheet<usize> {
    let mut sheet = Sheet::new(width);
    sheet.text(&pack.title, theme.heading);
    if !pack.author.is_empty() {
        sheet.text(&format!("by {}", pack.author), theme.emphasis);
    }
    if !pack.summary.is_empty() {
        sheet.blank();
        sheet.text(&pack.summary, theme.text);
    }
    if !pack.tags.is_empty() {
        sheet.blank();
        sheet.text(&format!("Tags: {}", pack.tags.join(", ")), theme.dim);
    }
    sheet.blank();
    let paragraphs = pack.article.body().count();
    sheet.text(
        &format!(
            "{paragraphs} paragraphs · {} glossary terms · {} questions · {} discussion prompts",
            pack.terms.len(),
            pack.questions.len(),
            pack.discussion.len()
        ),
        theme.dim,
    );
    sheet
}
