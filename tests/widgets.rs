//! Each pane's widget drawn alone into a buffer, as ratatui's own widget tests do.

use lectern::pack::source::{BUNDLED, Origin};
use lectern::pack::{Pack, load};
use lectern::ui::app::{App, Options};
use lectern::ui::pane::article::view::ArticleView;
use lectern::ui::pane::discussion::{Discussion, DiscussionPane};
use lectern::ui::pane::glossary::view::GlossaryPane;
use lectern::ui::pane::quiz::view::BrowsePane;
use lectern::ui::sheet::Sheet;
use lectern::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

fn pack() -> Pack {
    load(Origin::Bundled(&BUNDLED[0])).pack
}

fn rows(buffer: &Buffer) -> Vec<String> {
    lectern::ui::replay::screen_text(buffer).replace('\u{a0}', " ").lines().map(str::to_string).collect()
}

#[test]
fn a_sheet_draws_from_its_offset() {
    let mut sheet: Sheet<()> = Sheet::new(10);
    sheet.text("one two three four five", Style::new());
    assert_eq!(sheet.plain(), ["one two", "three four", "five"]);
    let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 2));
    sheet.view(2).render(buffer.area, &mut buffer);
    assert_eq!(buffer, Buffer::with_lines(["five      ", "          "]));
}

#[test]
fn the_glossary_marks_its_selection_and_shows_the_entry() {
    let pack = pack();
    let theme = Theme::mono();
    let mut view = lectern::ui::pane::glossary::GlossaryView::new(&pack);
    view.step(&pack, 2);
    let mut buffer = Buffer::empty(Rect::new(0, 0, 40, 14));
    GlossaryPane { view: &view, pack: &pack, theme: &theme }.render(buffer.area, &mut buffer);
    let rows = rows(&buffer);
    let selected = &pack.terms[view.term().unwrap()].term;
    assert_eq!(rows[2], format!("▸ {selected}"));
    assert!(
        buffer[(0, 2)].style().add_modifier.contains(ratatui::style::Modifier::REVERSED),
        "the selected row is styled"
    );
    assert!(!buffer[(0, 1)].style().add_modifier.contains(ratatui::style::Modifier::REVERSED));
    assert!(rows[4].starts_with('─'), "a rule under the list: {rows:?}");
    assert_eq!(rows[5], *selected, "the entry starts with its term");
}

#[test]
fn the_discussion_lists_numbered_prompts_over_the_one_chosen() {
    let pack = pack();
    let theme = Theme::mono();
    let state = Discussion { selected: 1, ..Discussion::default() };
    let mut buffer = Buffer::empty(Rect::new(0, 0, 50, 12));
    let book = lectern::notes::book::Notebook::new(Default::default(), &pack.article, 1);
    DiscussionPane { state: &state, pack: &pack, theme: &theme, book: &book }.render(buffer.area, &mut buffer);
    let rows = rows(&buffer);
    assert!(rows[0].starts_with("   1. "), "{rows:?}");
    assert!(rows[1].starts_with("▸  2. "), "{rows:?}");
    let first_words: String = pack.discussion[1].prompt.split(' ').take(3).collect::<Vec<_>>().join(" ");
    assert!(rows[5].starts_with(&first_words), "{rows:?}");
}

#[test]
fn the_article_numbers_its_paragraphs_in_the_margin() {
    let mut app = App::new(pack(), Options { theme: Theme::mono(), ..Options::default() }, Rect::new(0, 0, 100, 30));
    app.reader.numbers = true;
    app.fit();
    let area = app.text_area().unwrap();
    let mut buffer = Buffer::empty(Rect::new(0, 0, 100, 30));
    ArticleView { reader: &app.reader, article: &app.pack.article, theme: &app.theme, book: &app.book }
        .render(area, &mut buffer);
    let rows = rows(&buffer);
    let row =
        app.reader.rows().iter().position(|r| app.pack.article.paragraph_number(r.block) == Some(1) && r.line == 0);
    let row = usize::from(area.y) + row.expect("¶ 1 is on screen");
    let margin: String = rows[row].chars().skip(usize::from(area.x) - 5).take(4).collect();
    assert_eq!(margin, "  1 ", "{rows:?}");
}

#[test]
fn the_quiz_between_sittings_lists_the_questions_under_its_counts() {
    let app = App::new(pack(), Options { theme: Theme::mono(), ..Options::default() }, Rect::new(0, 0, 100, 30));
    let mut buffer = Buffer::empty(Rect::new(0, 0, 60, 20));
    BrowsePane { quiz: &app.quiz, cx: app.quiz_context() }.render(buffer.area, &mut buffer);
    let rows = rows(&buffer);
    assert!(rows[0].starts_with("due 0 · new 20 · seen 0/"), "{rows:?}");
    assert!(rows[1].starts_with("s quiz · r review · m missed"), "{rows:?}");
    assert!(rows[2].starts_with("▸ · "), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("today▲")), "{rows:?}");
}
