//! Draws the state. Pure: reads the state, writes the frame, changes nothing.

mod article;
mod quiz;
mod side;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Pane};
use super::keymap::HELP;
use super::panes::{Screen, Tabs};
use super::theme::Theme;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let size = frame.area();
    let screen = app.divide();
    if screen.too_small {
        let notice = Paragraph::new("terminal too small").alignment(Alignment::Center).wrap(Wrap { trim: true });
        frame.render_widget(notice, size);
        return;
    }
    for tabs in &screen.tabs {
        draw_tabs(app, tabs, frame);
    }
    for (pane, area) in &screen.panes {
        let block = pane_block(app, *pane);
        let inner = super::panes::content(*area);
        frame.render_widget(block, *area);
        match pane {
            Pane::Article => article::draw(app, *area, frame),
            Pane::Glossary => side::glossary(app, inner, frame),
            Pane::Quiz => quiz::draw(app, inner, frame),
            Pane::Discussion => side::discussion(app, inner, frame),
        }
    }
    status(app, &screen, frame);
    frame.render_widget(Paragraph::new(Line::from(key_hints(app))), screen.keys);
    if let Some(term) = app.popup {
        side::term_popup(app, term, size, frame);
    }
    if app.help {
        help(app, size, frame);
    }
}

/// A pane's border: the focused one stands out in colour and in its title's marker.
fn pane_block(app: &App, pane: Pane) -> Block<'static> {
    let focused = app.focus == pane;
    let theme = &app.theme;
    let border = if focused { theme.border_focused } else { theme.border };
    let number = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0) + 1;
    let title = match pane {
        Pane::Article => format!(" {number} {} ", app.pack.title),
        other => format!(" {number} {} ", other.title()),
    };
    let title = if focused { format!("▶{title}") } else { title };
    let block = Block::new().borders(Borders::ALL).border_style(border).title(Span::styled(title, border));
    if focused { block.border_type(ratatui::widgets::BorderType::Thick) } else { block }
}

fn draw_tabs(app: &App, tabs: &Tabs, frame: &mut Frame<'_>) {
    let theme = &app.theme;
    let width = usize::from(tabs.area.width) / tabs.panes.len().max(1);
    let spans: Vec<Span<'_>> = tabs
        .panes
        .iter()
        .map(|pane| {
            // The shown tab is marked, not only coloured.
            let active = *pane == tabs.active;
            let label = if active { format!("• {}", pane.title()) } else { pane.title().to_string() };
            let label = truncate(&format!("{label:^width$}"), width);
            if active { Span::styled(label, theme.selection) } else { Span::styled(label, theme.dim) }
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs.area);
}

/// The status bar: title, then a message, then paragraph and % read.
fn status(app: &App, screen: &Screen, frame: &mut Frame<'_>) {
    let reader = &app.reader;
    let at_end = reader.at_end();
    let (paragraph, total) = reader.paragraph();
    let percent = if at_end { 100 } else { (reader.fraction(reader.top) * 100.0).round() as u32 };
    let right = match &reader.search {
        Some(search) if search.editing => {
            let found = match (search.query.is_empty(), search.hits.len()) {
                (true, _) => String::new(),
                (false, 0) => "  no match".to_string(),
                (false, 1) => "  1 match".to_string(),
                (false, n) => format!("  {n} matches"),
            };
            format!("/{}▏{found} ", search.query)
        }
        _ => format!("¶ {paragraph}/{total}  {percent:>3}% "),
    };
    let width = usize::from(screen.status.width);
    let right_width = crate::text::wrap::width(&right);
    // A long message is cut before the place indicator is.
    let middle = truncate(app.message.as_deref().unwrap_or_default(), width.saturating_sub(right_width + 3));
    let left = format!(" {}", app.pack.title);
    let left_room = width.saturating_sub(right_width + crate::text::wrap::width(&middle) + 3);
    let left = truncate(&left, left_room);
    let used = crate::text::wrap::width(&left) + crate::text::wrap::width(&middle) + right_width;
    let gap = width.saturating_sub(used);
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap.min(2))),
        Span::styled(middle, app.theme.strong),
        Span::raw(" ".repeat(gap.saturating_sub(2))),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.status), screen.status);
}

/// Cuts `s` to at most `width` columns, with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if crate::text::wrap::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let w = crate::text::wrap::width(g);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The few keys that matter in the focused pane.
fn key_hints(app: &App) -> Vec<Span<'static>> {
    let answered = matches!(app.quiz.stage, crate::ui::quiz::Stage::Answered(_));
    let keys: &[(&str, &str)] = if app.help {
        &[("j/k", "scroll"), ("?/Esc", "close help")]
    } else if app.typing() && app.focus == Pane::Quiz {
        &[("Enter", "answer"), ("Tab", "next gap"), ("←/→", "move"), ("Ctrl-w", "delete word"), ("Esc", "end quiz")]
    } else if app.typing() {
        &[("Enter", "keep"), ("Esc", "cancel"), ("Backspace", "delete")]
    } else {
        match app.focus {
            Pane::Article => &[
                ("j/k", "scroll"),
                ("Space", "page"),
                ("/", "search"),
                ("t", "terms"),
                ("Tab", "panes"),
                ("?", "help"),
                ("q", "quit"),
            ],
            Pane::Glossary => &[
                ("j/k", "select"),
                ("/", "filter"),
                ("Enter", "find in text"),
                ("n/N", "next/prev"),
                ("h/l", "links"),
                ("?", "help"),
            ],
            Pane::Quiz if answered => {
                &[("Enter", "next question"), ("o", "passage"), ("Esc", "end quiz"), ("?", "help")]
            }
            Pane::Quiz if app.quiz.asking() => &[
                ("1-9 t f Space", "answer"),
                ("Enter", "submit"),
                ("o", "passage"),
                ("Esc", "end quiz"),
                ("?", "help"),
            ],
            Pane::Quiz => &[
                ("s", "quiz"),
                ("r", "review"),
                ("m", "missed"),
                ("Enter", "passage"),
                ("Tab", "panes"),
                ("?", "help"),
            ],
            Pane::Discussion => {
                &[("j/k", "select"), ("Enter", "show passage"), ("Tab", "panes"), ("?", "help"), ("q", "quit")]
            }
        }
    };
    let mut spans = Vec::new();
    for (key, what) in keys {
        spans.push(Span::styled(format!(" {key} "), app.theme.strong));
        spans.push(Span::styled(format!("{what} "), app.theme.hint));
    }
    spans
}

/// The help overlay: every key, grouped by pane.
fn help(app: &App, size: Rect, frame: &mut Frame<'_>) {
    let theme: &Theme = &app.theme;
    let mut lines = Vec::new();
    for (group, keys) in HELP {
        lines.push(Line::styled(*group, theme.heading));
        for (key, what) in *keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<20}"), theme.strong),
                Span::styled(*what, theme.text),
            ]));
        }
        lines.push(Line::default());
    }
    let lines: Vec<Line<'_>> = lines.into_iter().skip(usize::from(app.help_scroll)).collect();
    let height = (lines.len() as u16 + 2).min(size.height);
    let width = 100.min(size.width);
    let area = Rect { x: size.x + (size.width - width) / 2, y: size.y + (size.height - height) / 2, width, height };
    frame.render_widget(Clear, area);
    let block =
        Block::new().borders(Borders::ALL).border_style(theme.border_focused).title(" Keys (? or Esc to close) ");
    frame.render_widget(Paragraph::new(lines).block(block).style(Style::new()), area);
}
