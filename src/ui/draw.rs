//! Draws the state. Pure: reads the state, writes the frame, changes nothing. Each pane's
//! inside is its own widget; this puts them in their borders, with the tabs, the status
//! bar, the key bar and any box over them.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Pane};
use super::editor::{Editor, EditorView};
use super::keymap;
use super::layout::{self, Screen, Tabs};
use super::pane::article::view::ArticleView;
use super::pane::discussion::DiscussionPane;
use super::pane::glossary::view::GlossaryPane;
use super::pane::notes::NotesPane;
use super::pane::overlay;
use super::pane::quiz::Stage;
use super::pane::quiz::view::{self as quiz_view, BrowsePane};
use super::sheet::{Scroll, truncate};
use crate::text::wrap::width as text_width;

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
        frame.render_widget(pane_block(app, *pane), *area);
        let inner = layout::content(*area);
        match pane {
            Pane::Article => {
                let text = layout::text_column(*area, app.reading_width, gutter(app));
                let view =
                    ArticleView { reader: &app.reader, article: &app.pack.article, theme: &app.theme, book: &app.book };
                frame.render_widget(view, text);
            }
            Pane::Glossary => {
                frame.render_widget(GlossaryPane { view: &app.glossary, pack: &app.pack, theme: &app.theme }, inner);
            }
            Pane::Quiz => match quiz_view::sheet(&app.quiz, &app.quiz_context(), inner.width.into()) {
                Some(sheet) => frame.render_widget(sheet.view(app.quiz.scroll.offset), inner),
                None => frame.render_widget(BrowsePane { quiz: &app.quiz, cx: app.quiz_context() }, inner),
            },
            Pane::Discussion => {
                let view =
                    DiscussionPane { state: &app.discussion, pack: &app.pack, theme: &app.theme, book: &app.book };
                frame.render_widget(view, inner);
            }
            Pane::Notes => {
                let view = NotesPane { state: &app.notes, book: &app.book, reader: &app.reader, theme: &app.theme };
                frame.render_widget(view, inner);
            }
        }
    }
    status(app, &screen, frame);
    frame.render_widget(Paragraph::new(Line::from(key_bar(app, usize::from(screen.keys.width)))), screen.keys);
    if let Some(open) = app.overlay {
        let width = overlay::text_width(open.kind, size);
        let sheet = overlay::sheet(
            open.kind,
            &app.pack,
            &app.glossary,
            &app.theme,
            app.pane_keys(),
            width.into(),
            app.notice.as_deref(),
        );
        let area = overlay::area(open.kind, size, sheet.len());
        frame.render_widget(Clear, area);
        let mut block = Block::new()
            .borders(Borders::ALL)
            .border_style(app.theme.border_focused)
            .title(Span::styled(open.title(), app.theme.border_focused));
        if let Some(more) = open.scroll.more() {
            block = block.title_bottom(Line::styled(more, app.theme.strong).right_aligned());
        }
        frame.render_widget(block, area);
        frame.render_widget(sheet.view(open.scroll.offset), overlay::inner(area));
    }
    if let Some(view) = &app.library {
        let close = keymap::key_for(&keymap::LIBRARY, super::action::Action::Library);
        let area = super::pane::library::area(size);
        frame.render_widget(super::pane::library::LibraryBox { view, theme: &app.theme, close: &close }, area);
    }
    if let Some(editor) = &app.editor {
        frame.render_widget(EditorView { editor, theme: &app.theme }, Editor::frame(size));
    }
}

fn gutter(app: &App) -> u16 {
    if app.reader.numbers { super::pane::article::view::GUTTER } else { 0 }
}

/// The scroll of what a pane shows below its list or header, for the `↓ more` mark.
fn pane_scroll(app: &App, pane: Pane) -> Option<Scroll> {
    match pane {
        Pane::Article => None,
        Pane::Glossary => Some(app.glossary.entry),
        Pane::Discussion => Some(app.discussion.detail),
        Pane::Notes => Some(app.notes.detail),
        Pane::Quiz if matches!(app.quiz.stage, Stage::Browse) => None,
        Pane::Quiz => Some(app.quiz.scroll),
    }
}

/// A pane's border: the focused one stands out in colour, in its title's marker and in
/// its line; `↓ more` on its lower edge when its content goes on below.
fn pane_block(app: &App, pane: Pane) -> Block<'static> {
    let focused = app.focus == pane;
    let theme = &app.theme;
    let border = if focused { theme.border_focused } else { theme.border };
    let title = match pane {
        Pane::Article => format!(" {} {} ", pane.number(), crate::text::sanitize::one_line(&app.pack.title)),
        other => format!(" {} {} ", other.number(), other.title()),
    };
    let title = if focused { format!("▶{title}") } else { title };
    let mut block = Block::new().borders(Borders::ALL).border_style(border).title(Span::styled(title, border));
    if let Some(more) = pane_scroll(app, pane).and_then(|s| s.more()) {
        block = block.title_bottom(Line::styled(more, theme.strong).right_aligned());
    }
    if focused { block.border_type(BorderType::Thick) } else { block }
}

fn draw_tabs(app: &App, tabs: &Tabs, frame: &mut Frame<'_>) {
    let theme = &app.theme;
    for (pane, cell) in tabs.cells() {
        // The shown tab is marked, not only coloured.
        let active = pane == tabs.active;
        let label = if active { format!("• {}", pane.title()) } else { pane.title().to_string() };
        let width = usize::from(cell.width);
        let label = truncate(&format!("{label:^width$}"), width);
        let style = if active { theme.selection } else { theme.dim };
        frame.render_widget(Paragraph::new(Line::styled(label, style)), cell);
    }
}

/// What the right of the status bar shows in `width` columns: the field being typed (its
/// end, when it is long), or the place.
fn place(app: &App, width: usize) -> String {
    let reader = &app.reader;
    if let Some(goto) = &reader.goto {
        return format!("go to ¶ {} ", goto.view(width.saturating_sub(9)));
    }
    match &reader.search {
        Some(search) if search.editing => {
            let found = match (search.query.is_empty(), search.hits.len()) {
                (true, _) => String::new(),
                (false, 0) => "  no match".to_string(),
                (false, 1) => "  1 match".to_string(),
                (false, n) => format!("  {n} matches"),
            };
            let room = width.saturating_sub(text_width(&found) + 2);
            format!("/{}{found} ", search.query.view(room))
        }
        _ => {
            let (first, last, total) = reader.paragraphs_shown();
            let percent = (reader.read() * 100.0).floor() as u32;
            let paragraphs = if first == last { format!("{first}") } else { format!("{first}–{last}") };
            format!("¶ {paragraphs}/{total}  {percent:>3}% ")
        }
    }
}

/// The status bar: the title (or a lasting warning), then a message, then the place. The
/// title gives way first, then the message.
fn status(app: &App, screen: &Screen, frame: &mut Frame<'_>) {
    let width = usize::from(screen.status.width);
    let right = place(app, width);
    let right_width = text_width(&right);
    let confirm = app.quiz.confirm.map(|ask| {
        let key = |yes| keymap::key_for(&keymap::CONFIRM, crate::ui::action::Action::Confirm(yes));
        format!("{} {} / {}", ask.question(), key(true), key(false))
    });
    let message = confirm.as_deref().or(app.message.as_deref()).unwrap_or_default();
    let middle = truncate(message, width.saturating_sub(right_width + 2));
    let (left, left_style) = match &app.warning {
        Some(warning) => (format!(" ⚠ {warning}"), app.theme.wrong),
        None => (format!(" {}", crate::text::sanitize::one_line(&app.pack.title)), Style::new()),
    };
    let left_room = width.saturating_sub(right_width + text_width(&middle) + 3);
    let left = if left_room < 8 && app.warning.is_none() { String::new() } else { truncate(&left, left_room) };
    let used = text_width(&left) + text_width(&middle) + right_width;
    let gap = width.saturating_sub(used);
    let line = Line::from(vec![
        Span::styled(left, left_style),
        Span::raw(" ".repeat(gap.min(2))),
        Span::styled(middle, app.theme.strong),
        Span::raw(" ".repeat(gap.saturating_sub(2))),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.status), screen.status);
}

/// The key bar: the labels of the keys in use, as many whole ones as fit in `width`,
/// always keeping room for the help's key at the end.
fn key_bar(app: &App, width: usize) -> Vec<Span<'static>> {
    let entries = keymap::bar(app.keys());
    let help_key = keymap::key_for(&keymap::GLOBAL, crate::ui::action::Action::Help);
    let is_help = |(keys, _): &(String, &str)| *keys == help_key;
    let cell = |(keys, label): &(String, &str)| (format!(" {keys} "), format!("{label} "));
    let help: Option<(String, String)> = entries.iter().find(|e| is_help(e)).map(cell);
    let reserved = help.as_ref().map_or(0, |(k, w)| text_width(k) + text_width(w));
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in entries.iter().filter(|e| !is_help(e)).map(cell) {
        let w = text_width(&key) + text_width(&what);
        if used + w + reserved > width {
            break;
        }
        used += w;
        spans.push(Span::styled(key, app.theme.strong));
        spans.push(Span::styled(what, app.theme.hint));
    }
    if let Some((key, what)) = help.filter(|_| used + reserved <= width) {
        spans.push(Span::styled(key, app.theme.strong));
        spans.push(Span::styled(what, app.theme.hint));
    }
    spans
}
