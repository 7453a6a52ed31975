//! What the glossary's keys do.

use super::{GlossaryView, Link};
use crate::pack::Pack;
use crate::text::anchor::Anchor;
use crate::ui::action::{Action, Effect};
use crate::ui::typing::{Typed, type_into};

/// Applies `action` to the glossary; anything for the rest of the app goes in `out`.
pub fn update(view: &mut GlossaryView, pack: &Pack, action: Action, out: &mut Vec<Effect>) {
    if view.filtering && filter_field(view, pack, action, out) {
        return;
    }
    match action {
        Action::Scroll(n) => choose(view, pack, n),
        Action::Top => choose(view, pack, -(view.shown.len() as isize)),
        Action::Bottom => choose(view, pack, view.shown.len() as isize),
        Action::Page(n) => view.entry.page(n),
        Action::HalfPage(n) => view.entry.by(n * (view.entry.height / 2).max(1) as isize),
        Action::StartInput => {
            // A new `/` starts a new filter.
            view.filtering = true;
            view.follow = false;
            if !view.filter.is_empty() {
                view.filter.clear();
                view.apply_filter(pack);
            }
        }
        Action::Back if !view.filter.is_empty() => {
            view.filter.clear();
            view.apply_filter(pack);
            view.follow = true;
        }
        Action::Back => {
            view.follow = true;
            out.push(Effect::Message("the glossary follows the reading again".into()));
        }
        Action::Link(n) => {
            view.find_all(pack);
            view.step_link(n);
            view.reveal_link = true;
        }
        Action::BackLink => match view.history.pop() {
            Some(term) => view.select(pack, term),
            None => out.push(Effect::Message("no see-also link followed".into())),
        },
        Action::Activate => match view.link.and_then(|i| view.links.get(i)).cloned() {
            Some(Link::SeeAlso(other)) => {
                if let Some(here) = view.term() {
                    view.history.push(here);
                }
                view.follow = false;
                view.select(pack, other);
                out.push(Effect::LookedUp(other));
            }
            Some(Link::Appears(_, hit)) => {
                out.push(Effect::Reveal(Anchor { block: hit.block, range: hit.range }));
                if let Some(term) = view.term() {
                    out.push(Effect::Follow(term));
                }
            }
            None => occurrence(view, pack, 0, out),
        },
        Action::Next(n) => occurrence(view, pack, n, out),
        _ => {}
    }
}

/// Moves the selection by `n`: the reader chose a term, so the list stops following.
fn choose(view: &mut GlossaryView, pack: &Pack, n: isize) {
    view.follow = false;
    view.history.clear();
    view.step(pack, n);
}

/// A key while the filter is typed; false when it is not the field's. The term a filter
/// found and Enter chose counts as looked up.
fn filter_field(view: &mut GlossaryView, pack: &Pack, action: Action, out: &mut Vec<Effect>) -> bool {
    match type_into(&mut view.filter, action) {
        Typed::Changed => view.apply_filter(pack),
        Typed::Moved => {}
        Typed::Done => {
            view.filtering = false;
            if !view.filter.is_empty() {
                out.extend(view.term().map(Effect::LookedUp));
            }
        }
        // Closed, the list follows the reading again.
        Typed::Closed => {
            view.filtering = false;
            view.follow = true;
        }
        Typed::Other => return false,
    }
    true
}

/// Goes to the selected term's next place in the article (`n` = 0: the first).
pub fn occurrence(view: &mut GlossaryView, pack: &Pack, n: isize, out: &mut Vec<Effect>) {
    if view.term().is_none() {
        out.push(Effect::Message("no term is selected".into()));
        return;
    }
    view.find_all(pack);
    if n == 0 {
        view.occurrence = None;
    }
    let total = view.hits.len();
    match view.step_occurrence(if n == 0 { 1 } else { n }).cloned() {
        Some(hit) => {
            let i = view.occurrence.unwrap_or(0);
            out.push(Effect::Reveal(Anchor { block: hit.block, range: hit.range }));
            out.push(Effect::Message(format!("in the article {}/{total}", i + 1)));
            if let Some(term) = view.term() {
                out.push(Effect::Follow(term));
            }
        }
        None => out.push(Effect::Message("this term does not appear in the article".into())),
    }
}
