//! The side panes: the glossary, the quiz and the discussion prompts, and the term popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::truncate;
use crate::ui::app::App;
use crate::ui::glossary::Link;

/// A list over a detail view: the list takes about a third of the height, no more than it
/// needs, so the entry below has room.
fn split(area: Rect, items: usize) -> (Rect, Rect, Rect) {
    let wanted = u16::try_from(items).unwrap_or(u16::MAX);
    let list = if area.height < 8 { area.height } else { (area.height / 3).max(3).min(wanted.max(1)) };
    let list_area = Rect { height: list, ..area };
    let rule = Rect { y: area.y + list, height: u16::from(area.height > list), ..area };
    let detail = Rect { y: rule.bottom(), height: area.height.saturating_sub(list + rule.height), ..area };
    (list_area, rule, detail)
}

/// The first row of a list scrolled so that `selected` shows in `height` rows.
fn first_row(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height).max(1) - 1)
}

/// Draws the visible `items` (the first is row `first` of the list) with `selected`
/// highlighted.
fn list<'a>(app: &App, items: Vec<Line<'a>>, first: usize, selected: usize, area: Rect, frame: &mut Frame<'_>) {
    let lines: Vec<Line<'a>> = items
        .into_iter()
        .enumerate()
        .map(|(i, line)| (first + i, line))
        .map(|(i, line)| {
            if i == selected {
                let mut spans = vec![Span::styled("▸ ", app.theme.selection)];
                spans.extend(line.spans.into_iter().map(|s| s.patch_style(app.theme.selection)));
                Line::from(spans)
            } else {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(line.spans);
                Line::from(spans)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn rule(app: &App, area: Rect, frame: &mut Frame<'_>) {
    frame.render_widget(Paragraph::new(Line::styled("─".repeat(usize::from(area.width)), app.theme.border)), area);
}

/// The glossary: the filter, the terms, and the selected term's entry.
pub fn glossary(app: &App, area: Rect, frame: &mut Frame<'_>) {
    let view = &app.glossary;
    let theme = &app.theme;
    let mut area = area;
    if view.filtering || !view.filter.is_empty() {
        let cursor = if view.filtering { "▏" } else { "" };
        let line = Line::from(vec![
            Span::styled(format!("/{}{cursor}", view.filter), theme.strong),
            Span::styled(format!("  {} of {}", view.shown.len(), app.pack.terms.len()), theme.dim),
        ]);
        frame.render_widget(Paragraph::new(line), Rect { height: 1.min(area.height), ..area });
        area = Rect { y: area.y + 1.min(area.height), height: area.height.saturating_sub(1), ..area };
    }
    if view.shown.is_empty() {
        let text = if app.pack.terms.is_empty() { "This pack has no glossary." } else { "No term matches." };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), area);
        return;
    }
    let (list_area, rule_area, detail) = split(area, view.shown.len());
    let width = usize::from(list_area.width).saturating_sub(2);
    // Only the rows on screen are built, however long the glossary.
    let first = first_row(view.selected, list_area.height);
    let items = view
        .shown
        .iter()
        .skip(first)
        .take(usize::from(list_area.height))
        .map(|&i| Line::raw(truncate(&app.pack.terms[i].term, width)))
        .collect();
    list(app, items, first, view.selected, list_area, frame);
    rule(app, rule_area, frame);
    if let Some(term) = view.term() {
        frame.render_widget(Paragraph::new(entry(app, term, true)).wrap(Wrap { trim: false }), detail);
    }
}

/// A term's entry: name, aliases, definition, see-also links and where it appears.
fn entry(app: &App, term: usize, with_links: bool) -> Vec<Line<'_>> {
    let theme = &app.theme;
    let t = &app.pack.terms[term];
    let mut lines = vec![Line::styled(t.term.as_str(), theme.heading)];
    if !t.aliases.is_empty() {
        lines.push(Line::styled(format!("also: {}", t.aliases.join(", ")), theme.dim));
    }
    lines.push(Line::raw(t.definition.as_str()));
    if !with_links {
        return lines;
    }
    let view = &app.glossary;
    let chosen = |i: usize| if view.link == Some(i) { theme.selection } else { theme.link };
    let mut see = vec![Span::styled("See also: ", theme.dim)];
    let mut appears = vec![Span::styled("Appears in ", theme.dim)];
    // A term of a long book may appear in hundreds of paragraphs: a dozen are shown,
    // around the one chosen, so a frame costs the same whatever the book.
    const SHOWN: usize = 12;
    let first_place = view.links.iter().position(|l| matches!(l, Link::Appears(..))).unwrap_or(view.links.len());
    let places = view.links.len() - first_place;
    let chosen_place = view.link.and_then(|i| i.checked_sub(first_place)).unwrap_or(0);
    let from = first_place + chosen_place.saturating_sub(SHOWN / 2).min(places.saturating_sub(SHOWN));
    if from > first_place {
        appears.push(Span::styled("… ", theme.dim));
    }
    for (i, link) in view.links.iter().enumerate() {
        match link {
            Link::SeeAlso(other) => {
                see.push(Span::styled(format!("[{}]", app.pack.terms[*other].term), chosen(i)));
                see.push(Span::raw(" "));
            }
            Link::Appears(paragraph, _) if (from..from + SHOWN).contains(&i) => {
                appears.push(Span::styled(format!("¶ {paragraph}"), chosen(i)));
                appears.push(Span::raw(" "));
            }
            Link::Appears(..) => {}
        }
    }
    if from + SHOWN < view.links.len() || !view.complete {
        let more =
            if view.complete { format!("… {places} places in all") } else { "… and more (l, n)".to_string() };
        appears.push(Span::styled(more, theme.dim));
    }
    lines.push(Line::default());
    if see.len() > 1 {
        lines.push(Line::from(see));
    }
    if appears.len() > 1 {
        lines.push(Line::from(appears));
    } else {
        lines.push(Line::styled("Not found in the article.", theme.dim));
    }
    lines
}

/// The discussion prompts, and the selected one in full.
pub fn discussion(app: &App, area: Rect, frame: &mut Frame<'_>) {
    let prompts = &app.pack.discussion;
    if prompts.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("This pack has no discussion prompts.", app.theme.dim)), area);
        return;
    }
    let (list_area, rule_area, detail) = split(area, prompts.len());
    let width = usize::from(list_area.width).saturating_sub(6);
    let first = first_row(app.discussion.selected, list_area.height);
    let items = prompts
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(list_area.height))
        .map(|(i, p)| {
            Line::from(vec![
                Span::styled(format!("{:>2}. ", i + 1), app.theme.dim),
                Span::raw(truncate(&p.prompt, width)),
            ])
        })
        .collect();
    list(app, items, first, app.discussion.selected, list_area, frame);
    rule(app, rule_area, frame);
    if let Some(p) = prompts.get(app.discussion.selected) {
        let mut lines = vec![Line::raw(p.prompt.as_str())];
        if let Some(r) = &p.reference {
            lines.push(Line::default());
            lines.push(Line::styled(format!("“{}” (Enter shows it)", r.quote), app.theme.quote));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), detail);
    }
}

/// A term's entry over the article, for layouts where the glossary is not on screen.
pub fn term_popup(app: &App, term: usize, size: Rect, frame: &mut Frame<'_>) {
    let width = size.width.saturating_sub(4).min(60);
    let height = size.height.saturating_sub(4).min(12);
    let area = Rect { x: size.x + (size.width - width) / 2, y: size.y + (size.height - height) / 2, width, height };
    frame.render_widget(Clear, area);
    let block =
        Block::new().borders(Borders::ALL).border_style(app.theme.border_focused).title(" Glossary (Esc closes) ");
    frame.render_widget(Paragraph::new(entry(app, term, false)).wrap(Wrap { trim: false }).block(block), area);
}
