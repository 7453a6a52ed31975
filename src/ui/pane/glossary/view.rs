//! The glossary's drawing: the filter, the terms, and the selected term's entry, which
//! scrolls on its own.

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{GlossaryView, Link};
use crate::pack::Pack;
use crate::ui::action::Action;
use crate::ui::keymap;
use crate::ui::layout::cut;
use crate::ui::listing::{ListRows, first_row, rule, split};
use crate::ui::sheet::Sheet;
use crate::ui::theme::Theme;

/// Where the parts of the glossary go inside its pane.
pub struct Areas {
    pub filter: Option<Rect>,
    pub list: Rect,
    pub rule: Rect,
    pub entry: Rect,
}

/// Divides the glossary's inside.
pub fn areas(view: &GlossaryView, area: Rect) -> Areas {
    let has_filter = view.filtering || !view.filter.is_empty();
    let [filter, rest] = cut(area, Direction::Vertical, [Some(u16::from(has_filter)), None]);
    let [list, rule, entry] = split(rest, view.shown.len());
    Areas { filter: has_filter.then_some(filter), list, rule, entry }
}

/// A term's entry, set at `width`: name, aliases, definition, and (with `links`) its
/// see-also links and where it appears. Each row of links is tagged with the first link on it.
pub fn entry(pack: &Pack, view: &GlossaryView, theme: &Theme, term: usize, width: usize, links: bool) -> Sheet<usize> {
    let t = &pack.terms[term];
    let mut sheet = Sheet::new(width);
    sheet.text(&t.term, theme.heading);
    if t.draft {
        sheet.text("draft: not finished, and not studied", theme.dim);
    }
    if !t.aliases.is_empty() {
        sheet.text(&format!("also: {}", t.aliases.join(", ")), theme.dim);
    }
    sheet.text(&t.definition, theme.text);
    if !links {
        return sheet;
    }
    let chosen = |i: usize| if view.link == Some(i) { theme.selection } else { theme.link };
    let mut see: Vec<(String, ratatui::style::Style)> = vec![("See also: ".into(), theme.dim)];
    let mut appears: Vec<(String, ratatui::style::Style)> = vec![("Appears in ".into(), theme.dim)];
    // A term of a long book may appear in hundreds of paragraphs: a dozen are shown,
    // around the one chosen, so a frame costs the same whatever the book.
    const SHOWN: usize = 12;
    let first_place = view.links.iter().position(|l| matches!(l, Link::Appears(..))).unwrap_or(view.links.len());
    let places = view.links.len() - first_place;
    let chosen_place = view.link.and_then(|i| i.checked_sub(first_place)).unwrap_or(0);
    let from = first_place + chosen_place.saturating_sub(SHOWN / 2).min(places.saturating_sub(SHOWN));
    if from > first_place {
        appears.push(("… ".into(), theme.dim));
    }
    for (i, link) in view.links.iter().enumerate() {
        match link {
            Link::SeeAlso(other) => {
                see.push((format!("[{}]", pack.terms[*other].term), chosen(i)));
                see.push((" ".into(), theme.text));
            }
            Link::Appears(paragraph, _) if (from..from + SHOWN).contains(&i) => {
                appears.push((format!("¶ {paragraph}"), chosen(i)));
                appears.push((" ".into(), theme.text));
            }
            Link::Appears(..) => {}
        }
    }
    if from + SHOWN < view.links.len() || !view.complete {
        let more = if view.complete {
            format!("… {places} places in all")
        } else {
            let key = |a| keymap::key_for(&keymap::GLOSSARY, a);
            format!("… and more ({}, {})", key(Action::Link(1)), key(Action::Next(1)))
        };
        appears.push((more, theme.dim));
    }
    sheet.blank();
    fn pieces(parts: &[(String, ratatui::style::Style)]) -> Vec<(&str, ratatui::style::Style)> {
        parts.iter().map(|(s, st)| (s.as_str(), *st)).collect()
    }
    if see.len() > 1 {
        sheet.spans(&pieces(&see), Some(0));
    }
    if appears.len() > 1 {
        sheet.spans(&pieces(&appears), Some(first_place));
    } else {
        sheet.text("Not found in the article.", theme.dim);
    }
    if !view.history.is_empty() {
        let key = keymap::key_for(&keymap::GLOSSARY, Action::BackLink);
        sheet.text(&format!("{key}: back along the links"), theme.hint);
    }
    sheet
}

/// The glossary pane's inside.
pub struct GlossaryPane<'a> {
    pub view: &'a GlossaryView,
    pub pack: &'a Pack,
    pub theme: &'a Theme,
}

impl Widget for GlossaryPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (view, theme) = (self.view, self.theme);
        let areas = areas(view, area);
        if let Some(filter_area) = areas.filter {
            // The count stays whole; a long filter shows the part around its cursor.
            let count = format!("  {} of {}", view.shown.len(), self.pack.terms.len());
            let room = usize::from(filter_area.width).saturating_sub(crate::text::wrap::width(&count) + 1);
            let typed = if view.filtering {
                view.filter.view(room)
            } else {
                crate::ui::sheet::truncate(view.filter.text(), room)
            };
            let line =
                Line::from(vec![Span::styled(format!("/{typed}"), theme.strong), Span::styled(count, theme.dim)]);
            Paragraph::new(line).render(filter_area, buf);
        }
        if view.shown.is_empty() {
            let text = if self.pack.terms.is_empty() { "This pack has no glossary." } else { "No term matches." };
            let rest = Rect { height: area.bottom() - areas.list.y, ..areas.list };
            Paragraph::new(Line::styled(text, theme.dim)).render(rest, buf);
            return;
        }
        let width = usize::from(areas.list.width).saturating_sub(2);
        // Only the rows on screen are built, however long the glossary.
        let first = first_row(view.selected, areas.list.height);
        let rows = view
            .shown
            .iter()
            .skip(first)
            .take(usize::from(areas.list.height))
            .map(|&i| {
                let name = &self.pack.terms[i].term;
                match view.via.get(&i) {
                    Some(alias) if !view.filter.is_empty() => Line::from(vec![
                        Span::raw(crate::ui::sheet::truncate(name, width)),
                        Span::styled(
                            crate::ui::sheet::truncate(&format!(" ({alias})"), width.saturating_sub(name.len())),
                            theme.dim,
                        ),
                    ]),
                    _ if self.pack.terms[i].draft => Line::from(vec![
                        Span::raw(crate::ui::sheet::truncate(name, width)),
                        Span::styled(
                            crate::ui::sheet::truncate(
                                " (draft)",
                                width.saturating_sub(crate::text::wrap::width(name)),
                            ),
                            theme.dim,
                        ),
                    ]),
                    _ => Line::raw(crate::ui::sheet::truncate(name, width)),
                }
            })
            .collect();
        ListRows { rows, first, selected: view.selected, selection: theme.selection }.render(areas.list, buf);
        rule(areas.rule, theme.border, buf);
        if let Some(term) = view.term() {
            entry(self.pack, view, theme, term, usize::from(areas.entry.width), true)
                .view(view.entry.offset)
                .render(areas.entry, buf);
        }
    }
}
