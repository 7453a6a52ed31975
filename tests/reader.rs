//! The reader's behaviour, driven through the real keymap, update and draw.

use lectern::pack::source::{BUNDLED, Origin};
use lectern::pack::{Pack, load};
use lectern::text::layout::Position;
use lectern::ui::action::Action;
use lectern::ui::app::{App, Options, Pane};
use lectern::ui::keys::parse;
use lectern::ui::pane::overlay::Kind;
use lectern::ui::replay::{run, screen_text};
use lectern::ui::theme::Theme;

fn pack() -> Pack {
    load(Origin::Bundled(&BUNDLED[0])).pack
}

fn options() -> Options {
    Options { theme: Theme::mono(), reading_width: 76, ..Options::default() }
}

/// Runs `keys` on a fresh app of the given size; returns the app and the screen's text.
fn after(size: (u16, u16), keys: &str) -> (App, String) {
    let steps = parse(keys).expect("valid keys");
    let (app, buffer) = run(pack(), options(), size, &steps, None).expect("replay runs");
    (app, screen_text(&buffer))
}

fn status(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 2]
}

#[test]
fn lines_pages_and_ends() {
    let (app, _) = after((100, 30), "jjj");
    let (app2, _) = after((100, 30), "jjjjk");
    assert_eq!(app.reader.top, app2.reader.top, "j and k are inverse");
    let (paged, screen) = after((100, 30), "<Space>");
    assert!(paged.reader.top.block > 1, "a page moves past the first paragraph");
    assert!(status(&screen).contains("¶ 3"), "{}", status(&screen));
    let (back, _) = after((100, 30), "<Space>b");
    assert_eq!(back.reader.top, Position::default());
    let (half, _) = after((100, 30), "<C-d>");
    let (full, _) = after((100, 30), "<PageDown>");
    assert!(Position::default() < half.reader.top && half.reader.top < full.reader.top);
    let (end, screen) = after((100, 30), "G");
    assert!(end.reader.at_end());
    assert!(status(&screen).contains("15/15  100%"), "{}", status(&screen));
    assert!(screen.contains("Mark Best"), "the byline is on the last screen");
    let (top, _) = after((100, 30), "Gg");
    assert_eq!(top.reader.top, Position::default());
    let (home, _) = after((100, 30), "<End><Home>");
    assert_eq!(home.reader.top, Position::default());
}

#[test]
fn paragraphs_and_headings() {
    let (app, _) = after((100, 30), "}}");
    assert_eq!(app.reader.top, Position { block: 2, offset: 0 });
    let (app, _) = after((100, 30), "}}}{");
    assert_eq!(app.reader.top, Position { block: 2, offset: 0 });
    let (app, screen) = after((100, 30), "]");
    assert_eq!(app.reader.top, Position::default(), "the only heading is the title");
    assert!(status(&screen).contains("no heading below"), "{}", status(&screen));
    let (app, _) = after((100, 30), "}}}[");
    assert_eq!(app.reader.top, Position::default());
}

#[test]
fn search_as_you_type_with_wrap_and_escape() {
    let (app, screen) = after((100, 30), "/nvidia");
    let search = app.reader.search.as_ref().expect("a search is open");
    assert!(search.editing);
    assert_eq!(search.hits.len(), 1, "smart case: lower case matches Nvidia");
    assert!(status(&screen).contains("/nvidia"), "the query is shown as it is typed");
    // A capital makes the search case-sensitive.
    let (app, _) = after((100, 30), "/NVIDIA");
    assert!(app.reader.search.as_ref().unwrap().hits.is_empty());

    let (app, screen) = after((100, 30), "/DeepSeek<Enter>");
    let search = app.reader.search.as_ref().unwrap();
    let total = search.hits.len();
    assert!(total > 5, "DeepSeek appears {total} times");
    assert!(!search.editing, "Enter keeps the search");
    assert_eq!(search.current, Some(0));
    assert!(!status(&screen).contains("/DeepSeek"));
    // n goes forward and wraps from the last match to the first.
    let forward = format!("/DeepSeek<Enter>{}", "n".repeat(total));
    let (app, screen) = after((100, 30), &forward);
    assert_eq!(app.reader.search.as_ref().unwrap().current, Some(0));
    assert!(status(&screen).contains(&format!("match 1/{total}")), "{}", status(&screen));
    let (app, screen) = after((100, 30), "/DeepSeek<Enter>N");
    assert_eq!(app.reader.search.as_ref().unwrap().current, Some(total - 1), "N wraps back to the last");
    assert!(status(&screen).contains(&format!("match {total}/{total}")));

    // Esc while typing clears the query and returns to where the reader was; a second closes it.
    let (start, _) = after((100, 30), "jjjjj");
    let (app, _) = after((100, 30), "jjjjj/Mark Best<Esc>");
    assert_eq!(app.reader.top, start.reader.top);
    assert!(app.reader.search.as_ref().is_some_and(|s| s.query.is_empty() && s.editing));
    let (app, _) = after((100, 30), "jjjjj/Mark Best<Esc><Esc>");
    assert_eq!(app.reader.top, start.reader.top);
    assert!(app.reader.search.is_none());
    // Esc after Enter keeps the place and clears the highlights.
    let (kept, _) = after((100, 30), "/Mark Best<Enter>");
    let (app, _) = after((100, 30), "/Mark Best<Enter><Esc>");
    assert_eq!(app.reader.top, kept.reader.top);
    assert!(app.reader.search.is_none());
}

#[test]
fn term_cursor_opens_the_glossary_entry() {
    let (app, _) = after((100, 30), "t");
    let (block, i) = app.reader.term_cursor.expect("a term is on the first screen");
    let first = app.reader.marks[&block][i].clone();
    let (app2, _) = after((100, 30), "tt");
    let second = app2.reader.term_cursor.unwrap();
    assert_ne!((block, i), second, "t moves on");
    let (app3, _) = after((100, 30), "ttT");
    assert_eq!(app3.reader.term_cursor, Some((block, i)), "T moves back");

    let (app, screen) = after((100, 30), "t<Enter>");
    assert_eq!(app.glossary.term(), Some(first.term));
    let name = &app.pack.terms[first.term].term;
    assert!(screen.contains(name.as_str()), "the glossary pane shows {name}");
    assert_eq!(app.side, Pane::Glossary);
    // In the one-pane layout the entry opens in a popup, and Esc closes it.
    let (app, screen) = after((60, 20), "t<Enter>");
    assert_eq!(app.overlay.map(|o| o.kind), Some(Kind::Term(first.term)));
    assert!(screen.contains("Glossary (Esc closes)"));
    let (app, _) = after((60, 20), "t<Enter><Esc>");
    assert_eq!(app.overlay, None);
}

#[test]
fn glossary_filter_jumps_and_links() {
    let (app, screen) = after((120, 40), "2/nvda");
    assert!(app.glossary.filtering);
    let first = app.glossary.term().expect("a match");
    assert_eq!(app.pack.terms[first].term, "Nvidia", "fuzzy filter");
    assert!(screen.contains("/nvda"));
    // Each name is matched alone, and a term found by an alias says which.
    let (app, screen) = after((120, 40), "2/lrg");
    assert!(!app.glossary.shown.iter().any(|&t| app.pack.terms[t].term == "Working class"), "{screen}");
    let (app, screen) = after((120, 40), "2/llm");
    let first = app.glossary.term().unwrap();
    assert_eq!(app.pack.terms[first].term, "Large Language Model");
    assert!(screen.contains("Large Language Model (LLM)"), "{screen}");
    let (app, _) = after((120, 40), "2/nvda<Esc>");
    assert!(app.glossary.filter.is_empty() && app.glossary.shown.len() == app.pack.terms.len());

    // Enter jumps the article to the term's first place and highlights it; n goes on.
    let (app, screen) = after((120, 40), "2/nvidia<Enter><Enter>");
    let hl = app.reader.highlight.clone().expect("the occurrence is highlighted");
    assert_eq!(&app.pack.article.blocks[hl.block].text[hl.range.clone()], "Nvidia");
    assert!(status(&screen).contains("in the article 1/"), "{}", status(&screen));
    let rows = app.reader.rows();
    assert!(rows.iter().any(|r| r.block == hl.block), "the highlighted passage is on screen");

    // A see-also link is followed with l and Enter.
    let (app, _) = after((120, 40), "2/llm<Enter>");
    let llm = app.glossary.term().unwrap();
    let see_also = app.pack.terms[llm].see_also.clone();
    assert!(!see_also.is_empty());
    let (app, _) = after((120, 40), "2/llm<Enter>l<Enter>");
    let now = &app.pack.terms[app.glossary.term().unwrap()];
    assert!(
        see_also
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&now.term) || now.aliases.iter().any(|a| a.eq_ignore_ascii_case(s)))
    );
}

#[test]
fn quiz_and_discussion_show_their_passage() {
    let (app, _) = after((120, 40), "3jjjj<Enter>");
    let q = &app.pack.questions[4];
    let anchor = q.reference.as_ref().unwrap().anchor.clone().unwrap();
    assert_eq!(app.reader.highlight, Some(anchor.clone()));
    assert!(app.reader.rows().iter().any(|r| r.block == anchor.block));
    let (app, _) = after((120, 40), "4G<Enter>");
    let p = app.pack.discussion.last().unwrap();
    assert_eq!(app.reader.highlight, p.reference.as_ref().unwrap().anchor);
}

#[test]
fn focus_zoom_and_help() {
    let (app, _) = after((120, 40), "<Tab>");
    assert_eq!(app.focus, Pane::Glossary);
    let (app, _) = after((120, 40), "<Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(app.focus, Pane::Article, "Tab cycles round");
    let (app, _) = after((120, 40), "<S-Tab>");
    assert_eq!(app.focus, Pane::Notes);
    let (app, screen) = after((120, 40), "4");
    assert_eq!(app.focus, Pane::Discussion);
    assert!(screen.contains("▶ 4 Discussion"), "the focused pane is marked, not only coloured");
    let (app, screen) = after((120, 40), "3z");
    assert!(app.zoom);
    assert!(!screen.contains("Glossary"), "zoomed, only the quiz shows");
    let (app, _) = after((120, 40), "3zz");
    assert!(!app.zoom);
    let (app, screen) = after((100, 30), "?");
    assert!(app.overlay.is_some_and(|o| o.kind == Kind::Help) && screen.contains("Keys (Esc closes)"));
    let (app, _) = after((100, 30), "?j<Esc>");
    assert!(app.overlay.is_none());
    assert_eq!(app.reader.top, Position::default(), "keys under the help do nothing");
}

#[test]
fn a_click_focuses_and_the_wheel_scrolls() {
    let mut app = after((120, 40), "").0;
    let glossary = app.divide().area(Pane::Glossary).unwrap();
    act(&mut app, Action::Click(glossary.x + 2, glossary.y + 2));
    assert_eq!(app.focus, Pane::Glossary);
    // A click on a glossary term in the article shows its entry.
    let area = app.text_area().unwrap();
    let (block, i) = after((120, 40), "t").0.reader.term_cursor.unwrap();
    let mark = app.reader.marks[&block][i].clone();
    let rows = app.reader.rows();
    let line_of = |r: &lectern::text::layout::Row| app.reader.layout.cached(r.block).unwrap().get(r.line).cloned();
    let row = rows.iter().position(|r| r.block == block && line_of(r).is_some_and(|l| l.contains(&mark.range.start)));
    let row = row.expect("the term is on screen");
    let line = line_of(&rows[row]).unwrap();
    let column = lectern::text::wrap::width(&app.pack.article.blocks[block].text[line.start..mark.range.start]) as u16;
    let row = row as u16;
    act(&mut app, Action::Click(area.x + column, area.y + row));
    assert_eq!(app.glossary.term(), Some(mark.term), "clicking a term selects it in the glossary");
    act(&mut app, Action::Click(glossary.x + 2, glossary.y + 2));
    act(&mut app, Action::Wheel(2, 5, 3));
    assert_eq!(app.focus, Pane::Glossary, "the wheel does not move focus");
    assert!(app.reader.top != Position::default(), "the wheel scrolls the pane under it");
}

#[test]
fn a_resize_keeps_the_reader_on_the_same_sentence() {
    let (before, _) = after((120, 40), "jjjjjjjjjjjj");
    let (after_resize, screen) = after((120, 40), "jjjjjjjjjjjj<Resize:70x25><Resize:200x50>");
    assert_eq!(before.reader.top, after_resize.reader.top);
    let pos = before.reader.top;
    let words: String = before.pack.article.blocks[pos.block].text[pos.offset..].chars().take(20).collect();
    let first_words = words.split(' ').take(2).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&first_words), "`{first_words}` is still on screen");
}

#[test]
fn opening_lays_out_only_the_screen() {
    let (app, _) = after((100, 30), "jjj");
    let blocks = app.pack.article.blocks.len();
    assert!(app.reader.layout.wrapped < blocks, "{} of {blocks} blocks were wrapped", app.reader.layout.wrapped);
}

/// Applies `action` at the app's own time, as a replay does.
fn act(app: &mut App, action: lectern::ui::action::Action) {
    let now = app.now;
    lectern::ui::update::update(app, action, now);
}
