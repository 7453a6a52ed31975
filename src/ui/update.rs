//! Applies an action to the state. The only place the state changes.

use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, areas};
use crate::text::layout::Position;

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    let height = usize::from(areas(app.screen).text.height).max(1);
    match action {
        Action::Scroll(n) => scroll(app, n),
        Action::Page(n) => scroll(app, n * (height.saturating_sub(1).max(1) as isize)),
        Action::HalfPage(n) => scroll(app, n * ((height / 2).max(1) as isize)),
        Action::Top => app.reader.top = Position::default(),
        Action::Bottom => {
            let reader = &mut app.reader;
            let last = reader.layout.last_top(&app.pack.article, height);
            reader.top = reader.layout.position_of(&app.pack.article, last);
        }
        Action::Resize(width, height) => app.screen = Rect::new(0, 0, width, height),
        Action::Quit => app.quit = true,
    }
    relayout(app);
}

fn scroll(app: &mut App, n: isize) {
    let article = &app.pack.article;
    let layout = &mut app.reader.layout;
    let row = layout.row_of(article, app.reader.top);
    let row = layout.step(article, row, n);
    app.reader.top = layout.position_of(article, row);
}

/// Fits the layout to the screen: sets the text width, keeps the top inside the article,
/// and lays out the rows about to be drawn (drawing itself never lays out).
pub fn relayout(app: &mut App) {
    let text = areas(app.screen).text;
    let height = usize::from(text.height).max(1);
    let article = &app.pack.article;
    if article.blocks.is_empty() {
        return;
    }
    let layout = &mut app.reader.layout;
    layout.set_width(usize::from(text.width).max(1));
    let last = layout.last_top(article, height);
    app.reader.last_top = last;
    let top = layout.row_of(article, app.reader.top);
    if top > last {
        app.reader.top = layout.position_of(article, last);
    }
    let top = layout.row_of(article, app.reader.top);
    layout.window(article, top, height);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{load, source::BUNDLED, source::Origin};
    use crate::ui::theme::Theme;

    fn app(width: u16, height: u16) -> App {
        let loaded = load(Origin::Bundled(&BUNDLED[0]));
        App::new(loaded.pack, Theme::mono(), Rect::new(0, 0, width, height))
    }

    #[test]
    fn scrolls_and_stops_at_the_ends() {
        let mut app = app(80, 24);
        update(&mut app, Action::Scroll(-5));
        assert_eq!(app.reader.top, Position::default());
        update(&mut app, Action::Scroll(1));
        update(&mut app, Action::Scroll(1));
        assert_eq!(app.top_row().block, 1, "the title and its blank row are passed one line at a time");
        update(&mut app, Action::Scroll(-1));
        assert_eq!(app.top_row(), crate::text::layout::Row { block: 0, line: 1 });
        update(&mut app, Action::Bottom);
        let bottom = app.reader.top;
        update(&mut app, Action::Page(1));
        assert_eq!(app.reader.top, bottom, "nothing scrolls past the end");
        update(&mut app, Action::Top);
        assert_eq!(app.reader.top, Position::default());
    }

    #[test]
    fn resize_keeps_the_same_sentence() {
        let mut app = app(100, 30);
        update(&mut app, Action::Scroll(20));
        let before = app.reader.top;
        update(&mut app, Action::Resize(60, 30));
        assert_eq!(app.reader.top, before);
        let row = app.top_row();
        let lines = app.reader.layout.cached(row.block).unwrap();
        assert!(lines[row.line].contains(&before.offset) || lines[row.line].start == before.offset);
    }

    #[test]
    fn a_key_lays_out_only_the_screen() {
        let mut app = app(80, 24);
        let first = app.reader.layout.wrapped;
        assert!(first < app.pack.article.blocks.len(), "opening wrapped {first} blocks");
        update(&mut app, Action::Scroll(1));
        assert!(app.reader.layout.wrapped <= first + 1);
    }
}
