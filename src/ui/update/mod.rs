//! Applies an action to the state: the only place the state changes.

mod quiz;

pub use quiz::start as start_sitting;

use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Pane};
use super::glossary::Link;
use super::panes::{self, Arrangement};
use super::reader::SearchState;
use crate::text::anchor::Anchor;
use crate::text::article::BlockKind;
use crate::text::layout::Position;

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    app.message = None;
    match action {
        Action::Quit => app.quit = true,
        Action::Resize(width, height) => app.screen = Rect::new(0, 0, width, height),
        Action::Help => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        Action::Scroll(n) if app.help => app.help_scroll = (i64::from(app.help_scroll) + n as i64).clamp(0, 60) as u16,
        Action::Page(n) if app.help => {
            app.help_scroll = (i64::from(app.help_scroll) + 10 * n as i64).clamp(0, 60) as u16
        }
        Action::Zoom => app.zoom = !app.zoom,
        Action::FocusNext => focus(app, step_pane(app.focus, 1)),
        Action::FocusPrev => focus(app, step_pane(app.focus, -1)),
        Action::Focus(pane) => focus(app, pane),
        Action::Click(x, y) => click(app, x, y),
        Action::Wheel(x, y, n) => {
            let pane = app.divide().pane_at(x, y).unwrap_or(app.focus);
            if pane == Pane::Article {
                app.reader.scroll(&app.pack.article, n);
            } else {
                in_pane(app, pane, Action::Scroll(n.signum()));
            }
        }
        other if app.popup.is_some() && matches!(other, Action::Back | Action::Activate) => app.popup = None,
        other => in_pane(app, app.focus, other),
    }
    relayout(app);
}

fn step_pane(pane: Pane, n: isize) -> Pane {
    let i = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0) as isize;
    Pane::ALL[(i + n).rem_euclid(Pane::ALL.len() as isize) as usize]
}

pub(super) fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    app.popup = None;
    if pane != Pane::Article {
        app.side = pane;
    }
}

fn click(app: &mut App, x: u16, y: u16) {
    let screen = app.divide();
    if let Some(tabs) = screen.tabs.iter().find(|t| t.area.contains((x, y).into())) {
        // Tabs are laid out evenly by draw; find which third, quarter or half was hit.
        let width = tabs.area.width.max(1) as usize;
        let i = (usize::from(x - tabs.area.x) * tabs.panes.len() / width).min(tabs.panes.len() - 1);
        focus(app, tabs.panes[i]);
        return;
    }
    if let Some(pane) = screen.pane_at(x, y) {
        focus(app, pane);
        if pane == Pane::Quiz
            && let Some(area) = screen.area(Pane::Quiz)
        {
            // The quiz pane's body starts under its header line.
            let body = panes::content(area);
            if y > body.y && body.contains((x, y).into()) {
                quiz::click(app, usize::from(body.width), usize::from(y - body.y - 1), usize::from(x - body.x));
            }
        }
    }
    // A click on a glossary term in the article shows its entry.
    if let Some(term) = app.text_area().and_then(|area| app.reader.term_at(&app.pack.article, area, x, y)) {
        show_term(app, term);
    }
}

/// An action for one pane.
fn in_pane(app: &mut App, pane: Pane, action: Action) {
    match pane {
        Pane::Article => article(app, action),
        Pane::Glossary => glossary(app, action),
        Pane::Quiz => quiz::update(app, action),
        Pane::Discussion => discussion(app, action),
    }
}

fn article(app: &mut App, action: Action) {
    let article = &app.pack.article;
    let reader = &mut app.reader;
    match action {
        Action::Scroll(n) => reader.scroll(article, n),
        Action::Page(n) => {
            let page = reader.height.saturating_sub(1).max(1) as isize;
            reader.scroll(article, n * page);
        }
        Action::HalfPage(n) => reader.scroll(article, n * (reader.height / 2).max(1) as isize),
        Action::Top => reader.top = Position::default(),
        Action::Bottom => {
            let last = reader.layout.last_top(article, reader.height);
            reader.top = reader.layout.position_of(article, last);
        }
        Action::Paragraph(n) if !reader.jump_block(article, n > 0, |b| article.blocks[b].kind != BlockKind::Rule) => {
            app.message = Some(if n > 0 { "last paragraph" } else { "first paragraph" }.into());
        }
        Action::Heading(n)
            if !reader.jump_block(article, n > 0, |b| matches!(article.blocks[b].kind, BlockKind::Heading(_))) =>
        {
            app.message = Some(if n > 0 { "no heading below" } else { "no heading above" }.into());
        }
        Action::TermCursor(n) if !reader.move_term_cursor(n) => {
            app.message = Some("no glossary term on screen".into());
        }
        Action::Activate => match reader.search.as_mut() {
            Some(search) if search.editing => search.editing = false,
            _ => {
                if let Some(term) = reader.cursor_term() {
                    show_term(app, term);
                }
            }
        },
        Action::Back => match reader.search.take() {
            Some(search) if search.editing => reader.top = search.origin,
            Some(_) => {}
            None => {
                reader.term_cursor = None;
                reader.highlight = None;
            }
        },
        Action::StartInput => {
            reader.search = Some(SearchState {
                query: String::new(),
                hits: Vec::new(),
                current: None,
                origin: reader.top,
                editing: true,
            });
        }
        Action::Input(c) => {
            if let Some(search) = reader.search.as_mut() {
                search.query.push(c);
                reader.run_search(article);
            }
        }
        Action::InputBackspace => {
            if let Some(search) = reader.search.as_mut() {
                search.query.pop();
                reader.run_search(article);
            }
        }
        Action::Next(n) => {
            app.message =
                Some(reader.next_match(article, n > 0).unwrap_or_else(|| "no search: press / to search".into()));
        }
        _ => {}
    }
}

/// Shows a term's entry: selected in the glossary pane, or in a popup when the glossary
/// is not on screen.
fn show_term(app: &mut App, term: usize) {
    app.glossary.select(&app.pack, term);
    let visible = app.divide().area(Pane::Glossary).is_some()
        || panes::arrangement(app.screen) == Arrangement::Medium && !app.zoom;
    if visible {
        app.side = Pane::Glossary;
    } else {
        app.popup = Some(term);
    }
}

fn glossary(app: &mut App, action: Action) {
    let pack = &app.pack;
    let view = &mut app.glossary;
    match action {
        Action::Scroll(n) => view.step(pack, n),
        Action::Page(n) | Action::HalfPage(n) => view.step(pack, n * 10),
        Action::Top => view.step(pack, -(view.shown.len() as isize)),
        Action::Bottom => view.step(pack, view.shown.len() as isize),
        Action::StartInput => {
            // A new `/` starts a new filter.
            view.filtering = true;
            if !view.filter.is_empty() {
                view.filter.clear();
                view.apply_filter(pack);
            }
        }
        Action::Input(c) => {
            view.filter.push(c);
            view.apply_filter(pack);
        }
        Action::InputBackspace => {
            view.filter.pop();
            view.apply_filter(pack);
        }
        Action::Back if view.filtering || !view.filter.is_empty() => {
            view.filtering = false;
            view.filter.clear();
            view.apply_filter(pack);
        }
        Action::Activate if view.filtering => view.filtering = false,
        Action::Link(n) => {
            view.find_all(pack);
            view.step_link(n);
        }
        Action::Activate => match view.link.and_then(|i| view.links.get(i)).cloned() {
            Some(Link::SeeAlso(other)) => view.select(pack, other),
            Some(Link::Appears(_, hit)) => reveal(app, Anchor { block: hit.block, range: hit.range }),
            None => occurrence(app, 0),
        },
        Action::Next(n) => occurrence(app, n),
        _ => {}
    }
}

/// Goes to the selected term's next place in the article (`n` = 0: the first).
fn occurrence(app: &mut App, n: isize) {
    let view = &mut app.glossary;
    view.find_all(&app.pack);
    if n == 0 {
        view.occurrence = None;
    }
    let total = view.hits.len();
    match view.step_occurrence(if n == 0 { 1 } else { n }).cloned() {
        Some(hit) => {
            let i = view.occurrence.unwrap_or(0);
            reveal(app, Anchor { block: hit.block, range: hit.range });
            app.message = Some(format!("in the article {}/{total}", i + 1));
        }
        None => app.message = Some("this term does not appear in the article".into()),
    }
}

/// Scrolls the article to a passage and highlights it; when the article is not on screen
/// (one pane at a time, or another pane zoomed), it is brought to the front.
pub(super) fn reveal(app: &mut App, anchor: Anchor) {
    if app.divide().area(Pane::Article).is_none() {
        focus(app, Pane::Article);
    }
    show_passage(app, anchor);
}

/// Scrolls the article to a passage and highlights it, leaving the focus where it is.
pub(super) fn show_passage(app: &mut App, anchor: Anchor) {
    let pos = Position { block: anchor.block, offset: anchor.range.start };
    app.reader.highlight = Some(anchor);
    fit(app);
    app.reader.show(&app.pack.article, pos);
}

/// Where a list's selection goes for a movement key; `None` for any other action.
pub(super) fn list_move(action: Action, selected: usize, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1) as isize;
    let to = |n: isize| Some((selected as isize + n).clamp(0, last) as usize);
    match action {
        Action::Scroll(n) => to(n),
        Action::Page(n) | Action::HalfPage(n) => to(n * 5),
        Action::Top => Some(0),
        Action::Bottom => Some(last as usize),
        _ => None,
    }
}

fn discussion(app: &mut App, action: Action) {
    let view = &mut app.discussion;
    if let Some(to) = list_move(action, view.selected, app.pack.discussion.len()) {
        view.selected = to;
        return;
    }
    if action == Action::Activate {
        match app.pack.discussion.get(view.selected).and_then(|p| p.reference.as_ref()?.anchor.clone()) {
            Some(anchor) => reveal(app, anchor),
            None => app.message = Some("no passage is tied to this prompt".into()),
        }
    }
}

/// Fits the reader to the article's text area (or its last size when the article is hidden).
fn fit(app: &mut App) {
    let area = app.text_area().or_else(|| {
        let full = Rect { height: app.screen.height.saturating_sub(2), ..app.screen };
        Some(panes::text_column(full, app.reading_width))
    });
    if let Some(area) = area {
        app.reader.fit(&app.pack.article, &app.terms, usize::from(area.width), usize::from(area.height));
    }
}

/// Keeps the layout in step with the screen; every update ends here, so drawing finds
/// what it shows already laid out.
pub fn relayout(app: &mut App) {
    fit(app);
}
