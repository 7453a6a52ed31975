//! Whole screens at fixed sizes (insta snapshots), and theme roles on the right cells.

use lectern::pack::load;
use lectern::pack::source::{BUNDLED, Origin};
use lectern::study::schedule::Clock;
use lectern::ui::app::{App, Options, Pane};
use lectern::ui::keys::parse;
use lectern::ui::replay::{run, screen_text};
use lectern::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

fn screen(size: (u16, u16), keys: &str, theme: Theme) -> (App, Buffer) {
    let pack = load(Origin::Bundled(&BUNDLED[0])).pack;
    let steps = parse(keys).unwrap();
    // The quiz pane's chart of the last 30 days is dated, so the screens are drawn on one day.
    let clock = Clock::frozen("2026-12-02T12:00:00Z".parse().unwrap());
    run(pack, Options { theme, reading_width: 76, clock, ..Options::default() }, size, &steps, None).unwrap()
}

fn text(size: (u16, u16), keys: &str) -> String {
    screen_text(&screen(size, keys, Theme::mono()).1)
}

#[test]
fn main_screen_80x24() {
    insta::assert_snapshot!(text((80, 24), ""));
}

#[test]
fn main_screen_120x40() {
    insta::assert_snapshot!(text((120, 40), "jj"));
}

#[test]
fn main_screen_200x50() {
    insta::assert_snapshot!(text((200, 50), ""));
}

#[test]
fn one_pane_60x20_glossary() {
    insta::assert_snapshot!(text((60, 20), "2jj"));
}

/// The whole screen at each size with a long explanation in view: the first question of
/// the quiz in the pack's order, answered wrong.
#[test]
fn a_long_explanation_at_every_size() {
    for (w, h) in [(40, 15), (60, 20), (80, 24), (120, 30), (200, 50)] {
        let pack = load(Origin::Bundled(&BUNDLED[0])).pack;
        let options = Options {
            theme: Theme::mono(),
            reading_width: 76,
            in_order: true,
            start: Some(lectern::study::deck::Mode::Quiz),
            ..Options::default()
        };
        let steps = parse("nobody<Enter>").unwrap();
        let (app, buffer) = run(pack, options, (w, h), &steps, None).unwrap();
        assert_eq!(app.focus, Pane::Quiz);
        insta::assert_snapshot!(format!("explanation_{w}x{h}"), screen_text(&buffer));
    }
}

#[test]
fn too_small() {
    insta::assert_snapshot!(text((19, 5), ""));
}

#[test]
fn export_box_80x24() {
    insta::assert_snapshot!(text((80, 24), "E"));
}

#[test]
fn every_export_can_be_reached_on_a_small_screen() {
    // The box scrolls: its last choice is reachable at 40x15.
    let screen = text((40, 15), &"j".repeat(40));
    assert!(!screen.contains("results"));
    let screen = text((40, 15), &format!("E{}", "j".repeat(40)));
    assert!(screen.contains("deepseek-ai-arms-race-resul"), "{screen}");
    assert!(screen.contains("close without writing"), "{screen}");
}

#[test]
fn help_overlay() {
    insta::assert_snapshot!(text((100, 40), "?"));
}

/// The styles of the cells of every place in the article's text where `word` is spelled.
fn styles_of(app: &App, buffer: &Buffer, word: &str) -> Vec<Style> {
    let area = app.text_area().unwrap();
    let mut out = Vec::new();
    for y in area.y..area.bottom() {
        let row: String = (area.x..area.right()).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        for (at, _) in row.match_indices(word) {
            let start = area.x + row[..at].chars().count() as u16;
            out.extend((start..start + word.chars().count() as u16).map(|x| buffer[(x, y)].style()));
        }
    }
    out
}

#[test]
fn roles_land_on_their_cells() {
    let theme = Theme::dark();
    // "Large Language Model" is a glossary term on the first screen.
    let (app, buffer) = screen((120, 40), "", theme.clone());
    let term = styles_of(&app, &buffer, "Large Language Model");
    assert!(!term.is_empty());
    assert!(term.iter().all(|s| s.add_modifier.contains(theme.term.add_modifier) && s.fg == theme.term.fg));

    // A search match, and the current match.
    let (app, buffer) = screen((120, 40), "/billion<Enter>", theme.clone());
    let current = styles_of(&app, &buffer, "billion");
    assert!(!current.is_empty());
    let has = |s: &Style, role: Style| s.fg == role.fg && s.add_modifier.contains(role.add_modifier);
    assert!(current.iter().all(|s| has(s, theme.current_match)));
    let (app, buffer) = screen((120, 40), "/chips", theme.clone());
    let hits = styles_of(&app, &buffer, "chips");
    assert!(hits.len() >= 10, "at least two matches on screen");
    assert!(hits[..5].iter().all(|s| has(s, theme.current_match)), "the first is the current match");
    assert!(hits[5..].iter().all(|s| has(s, theme.matched)), "the others are matches");

    // The focused pane's border.
    let (app, buffer) = screen((120, 40), "2", theme.clone());
    let area = app.divide().area(Pane::Glossary).unwrap();
    assert_eq!(buffer[(area.x, area.y + 1)].style().fg, theme.border_focused.fg);
    let article = app.divide().area(Pane::Article).unwrap();
    assert_eq!(buffer[(article.x, article.y + 1)].style().fg, theme.border.fg);
}
