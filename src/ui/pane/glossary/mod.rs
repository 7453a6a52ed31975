//! The glossary pane: the terms in alphabetical order, a fuzzy filter, the selected
//! term's entry with its see-also links and the places it appears in the article; its
//! keys (`update`) and its drawing (`view`).

pub mod update;
pub mod view;

use std::cell::OnceCell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::pack::Pack;
use crate::text::search::Hit;
use crate::text::terms::TermIndex;
use crate::ui::field::Field;
use crate::ui::sheet::Scroll;

/// Something the link cursor can choose in a term's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Another term, by index.
    SeeAlso(usize),
    /// A body paragraph number and the first hit of the term in it.
    Appears(usize, Hit),
}

/// The glossary pane.
pub struct GlossaryView {
    /// Term indexes in alphabetical order.
    order: Vec<usize>,
    /// Every name (term and alias), lower-cased, to its term: made the first time a see-also
    /// link is looked up, rather than for every open of a big glossary.
    names: OnceCell<FxHashMap<String, usize>>,
    /// The terms listed now: all of them, or those the filter matches, best first.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub selected: usize,
    pub filter: Field,
    pub filtering: bool,
    /// The alias the filter matched, for terms it found by an alias rather than their name.
    pub via: HashMap<usize, String>,
    /// The selection follows the first term on screen in the article, until a term is chosen.
    pub follow: bool,
    /// Terms left by following see-also links, the last one last.
    pub history: Vec<usize>,
    /// How far the entry is scrolled.
    pub entry: Scroll,
    /// The link cursor moved: the next fit scrolls the entry to it.
    pub reveal_link: bool,
    /// Index into the selected term's links.
    pub link: Option<usize>,
    /// The selected term's links: see-also entries, then the paragraphs it appears in.
    pub links: Vec<Link>,
    /// Every place the selected term appears, in reading order.
    pub hits: Vec<Hit>,
    /// The hit `n`/`N` last went to.
    pub occurrence: Option<usize>,
    /// Whether `links` and `hits` hold every place, or only the first few.
    pub complete: bool,
    /// Whether `links` and `hits` are still to be found for the selected term: a new view
    /// finds them when it is first fitted ([`GlossaryView::settle`]), by when the selection
    /// may have followed the article to another term.
    stale: bool,
}

/// How much of the article, in bytes, is read for a term's places when it is selected.
const SCAN_FIRST: usize = 16 * 1024;

/// How many of a term's paragraphs are found when it is selected: enough to show, so that
/// moving through a long book's glossary never scans the whole book per key.
const PLACES_FIRST: usize = 12;

/// Every name of `pack`'s terms (term and aliases), lower-cased, to the first term that has it.
fn names(pack: &Pack) -> FxHashMap<String, usize> {
    let mut names = FxHashMap::default();
    names.reserve(pack.terms.iter().map(|t| t.names().count()).sum());
    for (i, term) in pack.terms.iter().enumerate() {
        for name in term.names() {
            names.entry(name.to_lowercase()).or_insert(i);
        }
    }
    names
}

impl GlossaryView {
    /// The glossary of `pack`, first term selected; its links and places are found when it is
    /// first fitted ([`GlossaryView::settle`]).
    pub fn new(pack: &Pack) -> Self {
        let order = by_name(pack.terms.iter().map(|t| t.term.as_str()));
        Self {
            shown: order.clone(),
            order,
            names: OnceCell::new(),
            selected: 0,
            filter: Field::default(),
            filtering: false,
            via: HashMap::new(),
            follow: true,
            history: Vec::new(),
            entry: Scroll::default(),
            reveal_link: false,
            link: None,
            links: Vec::new(),
            hits: Vec::new(),
            occurrence: None,
            complete: true,
            stale: true,
        }
    }

    /// Finds the selected term's links and places, if they are still to be found.
    pub fn settle(&mut self, pack: &Pack) {
        if self.stale {
            self.refresh(pack);
        }
    }

    /// The selected term's index.
    pub fn term(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    /// Selects term `index`, clearing a filter that hides it.
    pub fn select(&mut self, pack: &Pack, index: usize) {
        if !self.shown.contains(&index) {
            self.filter.clear();
            self.shown = self.order.clone();
        }
        self.selected = self.shown.iter().position(|&t| t == index).unwrap_or(0);
        self.refresh(pack);
    }

    /// Moves the selection by `n`, stopping at the ends.
    pub fn step(&mut self, pack: &Pack, n: isize) {
        if self.shown.is_empty() {
            return;
        }
        let last = self.shown.len() as isize - 1;
        self.selected = (self.selected as isize + n).clamp(0, last) as usize;
        self.refresh(pack);
    }

    /// Narrows the list to the terms the filter matches (fuzzy, on term and aliases).
    pub fn apply_filter(&mut self, pack: &Pack) {
        if self.filter.is_empty() {
            self.shown = self.order.clone();
        } else {
            let pattern = Pattern::parse(self.filter.text(), CaseMatching::Smart, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            // Each name is matched on its own, so letters are never picked from two names at
            // once; a term found by an alias says which.
            let mut scored: Vec<(usize, u32)> = Vec::new();
            self.via.clear();
            let mut buf = Vec::new();
            for &i in &self.order {
                let t = &pack.terms[i];
                let best = t
                    .names()
                    .enumerate()
                    .filter_map(|(n, name)| {
                        pattern.score(nucleo_matcher::Utf32Str::new(name, &mut buf), &mut matcher).map(|s| (s, n))
                    })
                    .max_by_key(|&(score, n)| (score, std::cmp::Reverse(n)));
                if let Some((score, n)) = best {
                    scored.push((i, score));
                    if n > 0 {
                        self.via.insert(i, t.aliases[n - 1].clone());
                    }
                }
            }
            // Best first; ties keep alphabetical order (the sort is stable).
            scored.sort_by_key(|s| std::cmp::Reverse(s.1));
            self.shown = scored.into_iter().map(|(i, _)| i).collect();
        }
        self.selected = 0;
        self.refresh(pack);
    }

    /// Recomputes the selected term's links and appearances.
    fn refresh(&mut self, pack: &Pack) {
        self.stale = false;
        self.entry.home();
        self.link = None;
        self.occurrence = None;
        self.scan(pack, Some(PLACES_FIRST));
    }

    /// Finds every place of the selected term, once, when a key needs them all.
    pub fn find_all(&mut self, pack: &Pack) {
        if !self.complete {
            self.scan(pack, None);
        }
    }

    /// Lists the selected term's links and places: the first `limit` paragraphs it appears
    /// in, or all of them.
    fn scan(&mut self, pack: &Pack, limit: Option<usize>) {
        self.links.clear();
        self.hits.clear();
        self.complete = true;
        let Some(index) = self.term() else { return };
        let term = &pack.terms[index];
        for name in &term.see_also {
            if let Some(&other) = self.names.get_or_init(|| names(pack)).get(&name.to_lowercase()) {
                self.links.push(Link::SeeAlso(other));
            }
        }
        let names = TermIndex::new([term.names()]);
        let mut paragraph = 0;
        let mut last_listed = None;
        let mut listed = 0;
        let mut scanned = 0;
        for (block, b) in pack.article.blocks.iter().enumerate() {
            if b.is_body() {
                paragraph += 1;
            }
            if limit.is_some_and(|limit| listed >= limit || scanned > SCAN_FIRST) {
                // Enough to show, or enough read for one key (a rare term of a long book
                // would otherwise be looked for through the whole book each time it is
                // selected): the rest is found when a key asks for it.
                self.complete = false;
                break;
            }
            scanned += b.text.len();
            for mark in names.find(&b.text) {
                let hit = Hit { block, range: mark.range };
                if b.is_body() && last_listed != Some(paragraph) {
                    self.links.push(Link::Appears(paragraph, hit.clone()));
                    last_listed = Some(paragraph);
                    listed += 1;
                }
                self.hits.push(hit);
            }
        }
    }

    /// Moves the link cursor, wrapping round.
    pub fn step_link(&mut self, n: isize) {
        if self.links.is_empty() {
            return;
        }
        let len = self.links.len() as isize;
        self.link = Some(match self.link {
            Some(i) => (i as isize + n).rem_euclid(len) as usize,
            None if n >= 0 => 0,
            None => self.links.len() - 1,
        });
    }

    /// The next (or previous) place the term appears, wrapping round.
    pub fn step_occurrence(&mut self, n: isize) -> Option<&Hit> {
        if self.hits.is_empty() {
            return None;
        }
        let len = self.hits.len() as isize;
        let next = match self.occurrence {
            Some(i) => (i as isize + n).rem_euclid(len) as usize,
            None if n >= 0 => 0,
            None => self.hits.len() - 1,
        };
        self.occurrence = Some(next);
        self.hits.get(next)
    }
}

/// The order of `names` (their indices) by name, case aside: as sorting by `str::to_lowercase`
/// orders them, ties kept in their order, but lowercasing only the names that are not ASCII.
/// An ASCII name is compared a byte at a time, folded as it is read: a book's glossary of
/// 2,000 terms was sorted in 0.2 ms, two thirds of it making a lowercase copy of each name.
fn by_name<'a>(names: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let names: Vec<(&str, Option<String>)> =
        names.map(|name| (name, (!name.is_ascii()).then(|| name.to_lowercase()))).collect();
    fn folded(name: &str) -> impl Iterator<Item = u8> + '_ {
        name.bytes().map(|b| b.to_ascii_lowercase())
    }
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| match (&names[a], &names[b]) {
        ((a, None), (b, None)) => folded(a).cmp(folded(b)),
        ((_, Some(a)), (_, Some(b))) => a.cmp(b),
        ((a, None), (_, Some(b))) => folded(a).cmp(b.bytes()),
        ((_, Some(a)), (b, None)) => a.bytes().cmp(folded(b)),
    });
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::by_name;

    /// The order that sorting by a lowercase copy of each name gives.
    fn lowercased(names: &[&str]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by_cached_key(|&i| names[i].to_lowercase());
        order
    }

    #[test]
    fn names_are_ordered_as_their_lowercase_copies_would_be() {
        let names = [
            "Zebra",
            "apple",
            "Éclair",
            "eclair",
            "ÉCLAIR",
            "straße",
            "STRASSE",
            "ΟΔΟΣ",
            "οδος",
            "İstanbul",
            "istanbul",
            "Apple",
            "apple",
            "",
            "a b",
            "a-b",
            "A",
            "a",
            "Zürich",
            "zurich",
        ];
        assert_eq!(by_name(names.iter().copied()), lowercased(&names));
    }

    proptest! {
        #[test]
        fn any_names_are_ordered_as_their_lowercase_copies_would_be(
            names in proptest::collection::vec("[a-zA-Z éÉßΣσςİ_-]{0,6}", 0..40)
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            prop_assert_eq!(by_name(names.iter().copied()), lowercased(&names));
        }
    }
}
