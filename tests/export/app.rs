//! The app's side of exporting: the box `E` opens asks for one of the exports, and the
//! terms the reader looks up on purpose are noted for the handout (the loop records them).

use lectern::pack::source::{BUNDLED, Origin};
use lectern::ui::app::{App, Options};
use lectern::ui::keys::parse;
use lectern::ui::replay::run;

fn replay(keys: &str) -> App {
    let pack = lectern::pack::load(Origin::Bundled(&BUNDLED[0])).pack;
    run(pack, Options::default(), (100, 30), &parse(keys).unwrap(), None).unwrap().0
}

#[test]
fn the_export_box_asks_and_a_replay_writes_nothing() {
    let app = replay("Eh");
    assert_eq!(app.overlay, None, "the box closes once a choice is made");
    assert_eq!(app.message.as_deref(), Some("a replay writes no files; `lectern export` writes the same"));
    let app = replay("E<Esc>");
    assert_eq!((app.overlay, app.export), (None, None));
    // While the box is open, its letters choose exports rather than act on the article.
    let app = replay("Et");
    assert_eq!(app.reader.term_cursor, None, "`t` chose the text export, not the next term");
}

#[test]
fn terms_looked_up_on_purpose_are_noted_and_browsing_is_not() {
    let pack = lectern::pack::load(Origin::Bundled(&BUNDLED[0])).pack;
    let term = |name: &str| pack.terms.iter().position(|t| t.term == name).unwrap();
    // Browsing the glossary list is not looking up.
    assert_eq!(replay("2jjj").looked_up, Vec::<usize>::new());
    // Filtered and chosen with Enter.
    assert_eq!(replay("2/open source<Enter>").looked_up, [term("Open source")]);
    // Shown from the article: the term cursor and Enter.
    let app = replay("t<Enter>");
    assert_eq!(app.looked_up.len(), 1);
    assert_eq!(Some(app.looked_up[0]), app.glossary.term());
}

#[test]
fn an_empty_filter_closed_with_enter_looks_nothing_up() {
    assert_eq!(replay("2/<Enter>").looked_up, Vec::<usize>::new());
    assert_eq!(replay("2jjj/<Enter>").looked_up, Vec::<usize>::new());
    assert_eq!(replay("2/zzzqqq<Enter>").looked_up, Vec::<usize>::new(), "a filter that finds nothing");
}

#[test]
fn a_message_too_long_for_the_status_bar_is_said_whole_in_a_box() {
    use lectern::ui::pane::overlay::Kind;
    let said = "a replay writes no files; `lectern export` writes the same";
    // 40 columns cut it: a box says it whole, and Esc closes it.
    let app = replay_at((40, 15), "Eh");
    assert_eq!(app.overlay.map(|o| o.kind), Some(Kind::Notice));
    assert_eq!(app.notice.as_deref(), Some(said));
    assert_eq!(replay_at((40, 15), "Eh<Esc>").overlay, None);
    // 100 columns hold it: the status bar is enough.
    let app = replay_at((100, 30), "Eh");
    assert_eq!((app.overlay, app.message.as_deref()), (None, Some(said)));
}

fn replay_at(size: (u16, u16), keys: &str) -> App {
    let pack = lectern::pack::load(Origin::Bundled(&BUNDLED[0])).pack;
    run(pack, Options::default(), size, &parse(keys).unwrap(), None).unwrap().0
}
