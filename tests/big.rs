//! A book-length pack: opening it and moving through it lay out only what is on screen.

use lectern::pack::load;
use lectern::pack::source::Origin;
use lectern::sample::{Spec, generate};
use lectern::ui::app::{App, Options};
use lectern::ui::keys::parse;
use lectern::ui::replay::run_app;
use ratatui::layout::Rect;

#[test]
fn a_5_mb_pack_lays_out_only_a_few_screens() {
    let generated = generate(&Spec { bytes: 5_000_000, terms: 2000, questions: 2000, seed: 1 });
    let loaded = load(Origin::Memory { id: "big", files: &generated.memory() });
    assert!(loaded.is_ok(), "the generated pack is clean");
    let blocks = loaded.pack.article.blocks.len();
    assert!(blocks > 10_000, "{blocks} blocks");

    let app = App::new(loaded.pack, Options::default(), Rect::new(0, 0, 120, 40));
    // The first screen, and the last (to know where scrolling stops).
    let opened = app.reader.layout.wrapped;
    assert!(opened <= 40, "opening wrapped {opened} of {blocks} blocks");

    // Keys that move far still lay out only what they show.
    let steps = parse("GgG<PageUp><PageUp>}}]]jjjjkkkk<Resize:100x30>").unwrap();
    let (app, _) = run_app(app, &steps, None).unwrap();
    let after = app.reader.layout.wrapped;
    assert!(after <= 200, "after the keys, {after} of {blocks} blocks were wrapped");
    assert!(app.reader.marks.len() <= 200, "terms are found only on screen");

    // Moving through the glossary finds only the first few places of each term; `n` finds
    // them all, once.
    let (app, _) = run_app(app, &parse("2jjj").unwrap(), None).unwrap();
    let view = &app.glossary;
    let places = view.links.iter().filter(|l| matches!(l, lectern::ui::pane::glossary::Link::Appears(..))).count();
    assert!(places <= 13, "{places} places listed on selecting a term");
    let complete_at_first = view.complete;
    let (app, _) = run_app(app, &parse("n").unwrap(), None).unwrap();
    assert!(app.glossary.complete);
    let all = app.glossary.links.iter().filter(|l| matches!(l, lectern::ui::pane::glossary::Link::Appears(..))).count();
    assert!(all >= places);
    assert_eq!(complete_at_first, all == places, "only a term with more places is listed in part at first");
}
