//! Where each pane goes for a terminal size: a pure function shared by update (to know
//! each pane's width and height) and draw.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// The panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Article,
    Glossary,
    Quiz,
    Discussion,
    /// The reader's highlights and notes.
    Notes,
}

impl Pane {
    /// Every pane, in the order Tab visits them.
    pub const ALL: [Pane; 5] = [Pane::Article, Pane::Glossary, Pane::Quiz, Pane::Discussion, Pane::Notes];

    /// The pane's name as shown in tabs and titles.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Article => "Article",
            Pane::Glossary => "Glossary",
            Pane::Quiz => "Quiz",
            Pane::Discussion => "Discussion",
            Pane::Notes => "Notes",
        }
    }

    /// The pane's number, which its key and its title show.
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }
}

/// The fewest rows a side pane may have in the three-pane arrangement; with fewer, the
/// side panes share one tabbed pane.
pub const MIN_SIDE_ROWS: u16 = 14;

/// Below this the app shows only a notice.
pub const MIN_SIZE: (u16, u16) = (20, 6);

/// How the screen is divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// 120 columns or more: article | glossary over quiz and discussion.
    Wide,
    /// 80 to 119 columns: article | one side pane with tabs.
    Medium,
    /// Narrower or shorter: one pane at a time with tabs.
    Single,
}

/// A row of tabs: where it is, the panes it names, and the one shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tabs {
    pub area: Rect,
    pub panes: Vec<Pane>,
    pub active: Pane,
}

impl Tabs {
    /// Each tab and the cells it is drawn in: the row shared evenly.
    pub fn cells(&self) -> Vec<(Pane, Rect)> {
        let n = self.panes.len().max(1) as u16;
        let width = self.area.width / n;
        self.panes
            .iter()
            .enumerate()
            .map(|(i, pane)| {
                let x = self.area.x + width * i as u16;
                let w = if i as u16 + 1 == n { self.area.right() - x } else { width };
                (*pane, Rect { x, width: w, ..self.area })
            })
            .collect()
    }

    /// The tab drawn at a screen cell, if any.
    pub fn tab_at(&self, x: u16, y: u16) -> Option<Pane> {
        self.cells().into_iter().find(|(_, r)| r.contains((x, y).into())).map(|(p, _)| p)
    }
}

/// The screen divided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// Each visible pane and its area, border included.
    pub panes: Vec<(Pane, Rect)>,
    pub tabs: Vec<Tabs>,
    pub status: Rect,
    pub keys: Rect,
    pub arrangement: Arrangement,
    /// The terminal is below [`MIN_SIZE`]: only a notice is shown.
    pub too_small: bool,
}

impl Screen {
    /// The area of `pane`, if it is visible.
    pub fn area(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }

    /// The pane at a screen cell.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        self.panes.iter().find(|(_, r)| r.contains((x, y).into())).map(|(p, _)| *p)
    }
}

/// The arrangement for a terminal size. Three panes only when the lower side pane
/// (the body's lower half, less its row of tabs) keeps [`MIN_SIDE_ROWS`].
pub fn arrangement(size: Rect) -> Arrangement {
    let body = size.height.saturating_sub(2);
    if size.width < 80 || size.height < 20 {
        Arrangement::Single
    } else if size.width < 120 || body - body / 2 < MIN_SIDE_ROWS + 1 {
        Arrangement::Medium
    } else {
        Arrangement::Wide
    }
}

/// Divides `size`. `focus` is the focused pane; `side` the side pane last shown (for the
/// tabbed layouts); `zoom` gives the focused pane the whole screen.
pub fn divide(size: Rect, focus: Pane, side: Pane, zoom: bool) -> Screen {
    let too_small = size.width < MIN_SIZE.0 || size.height < MIN_SIZE.1;
    let bars = size.height.min(2);
    let [body, status, keys] = cut(size, Direction::Vertical, [None, Some(bars.min(1)), Some(bars.saturating_sub(1))]);
    let arrangement = arrangement(size);
    let mut screen = Screen { panes: Vec::new(), tabs: Vec::new(), status, keys, arrangement, too_small };
    if too_small {
        return screen;
    }
    if zoom {
        screen.panes.push((focus, body));
        return screen;
    }
    match arrangement {
        Arrangement::Single => {
            let (tabs, rest) = split_top(body, 1);
            screen.tabs.push(Tabs { area: tabs, panes: Pane::ALL.to_vec(), active: focus });
            screen.panes.push((focus, rest));
        }
        Arrangement::Medium => {
            let (article, side_area) = split_side(body, (body.width * 2 / 5).max(32));
            screen.panes.push((Pane::Article, article));
            let (tabs, rest) = split_top(side_area, 1);
            let panes = vec![Pane::Glossary, Pane::Quiz, Pane::Discussion, Pane::Notes];
            screen.tabs.push(Tabs { area: tabs, panes, active: side });
            screen.panes.push((side, rest));
        }
        Arrangement::Wide => {
            let (article, side_area) = split_side(body, (body.width * 2 / 5).min(72));
            screen.panes.push((Pane::Article, article));
            let (glossary, lower) = split_top(side_area, side_area.height / 2);
            screen.panes.push((Pane::Glossary, glossary));
            let (tabs, rest) = split_top(lower, 1);
            let shown = if matches!(side, Pane::Discussion | Pane::Notes) { side } else { Pane::Quiz };
            let panes = vec![Pane::Quiz, Pane::Discussion, Pane::Notes];
            screen.tabs.push(Tabs { area: tabs, panes, active: shown });
            screen.panes.push((shown, rest));
        }
    }
    screen
}

fn split_top(area: Rect, height: u16) -> (Rect, Rect) {
    let [top, rest] = cut(area, Direction::Vertical, [Some(height.min(area.height)), None]);
    (top, rest)
}

fn split_side(area: Rect, side: u16) -> (Rect, Rect) {
    let [main, side] = cut(area, Direction::Horizontal, [None, Some(side.min(area.width))]);
    (main, side)
}

/// `area` cut across `direction` into parts of the lengths given, the one `None` taking what
/// is left: what ratatui's `Layout` of `Length`s and one `Fill(1)` gives when the lengths fit,
/// worked out without its constraint solver, which cost the book's first frame (before the
/// solver's cache is warm) about 0.3 ms. When they do not fit, `Layout` decides, as before.
pub fn cut<const N: usize>(area: Rect, direction: Direction, parts: [Option<u16>; N]) -> [Rect; N] {
    let extent = match direction {
        Direction::Vertical => area.height,
        Direction::Horizontal => area.width,
    };
    let fixed: u32 = parts.iter().flatten().map(|&l| u32::from(l)).sum();
    let fills = parts.iter().filter(|p| p.is_none()).count();
    if fills != 1 || fixed > u32::from(extent) {
        let constraints = parts.map(|p| p.map_or(Constraint::Fill(1), Constraint::Length));
        return Layout::new(direction, constraints).areas(area);
    }
    let rest = extent - fixed as u16;
    let mut at = 0;
    parts.map(|part| {
        let length = part.unwrap_or(rest);
        let rect = match direction {
            Direction::Vertical => Rect { y: area.y + at, height: length, ..area },
            Direction::Horizontal => Rect { x: area.x + at, width: length, ..area },
        };
        at += length;
        rect
    })
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1).min(area.right()),
        y: area.y.saturating_add(1).min(area.bottom()),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Where a side pane's content goes: inside its border, with a column of room each side
/// when there is room for it.
pub fn content(area: Rect) -> Rect {
    let inner = inner(area);
    if inner.width > 6 { Rect { x: inner.x + 1, width: inner.width - 2, ..inner } } else { inner }
}

/// The column the article's text is set in: at most `reading_width` wide, centred, with
/// a column of room each side when there is space, and `gutter` columns on its left for
/// paragraph numbers when they leave the text 20 columns or more.
pub fn text_column(pane: Rect, reading_width: u16, gutter: u16) -> Rect {
    let inner = inner(pane);
    let room = if inner.width > 4 { inner.width - 2 } else { inner.width };
    let gutter = if room >= gutter + 20 { gutter } else { 0 };
    let width = (room - gutter).min(reading_width.max(1));
    let x = inner.x + (inner.width - width - gutter) / 2 + gutter;
    Rect { x, width, ..inner }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrangement_follows_the_size() {
        let short = divide(Rect::new(0, 0, 200, 30), Pane::Article, Pane::Glossary, false);
        assert_eq!(short.arrangement, Arrangement::Medium, "three panes would leave a side pane too short");
        let wide = divide(Rect::new(0, 0, 200, 50), Pane::Article, Pane::Glossary, false);
        for (pane, area) in &wide.panes {
            assert!(*pane == Pane::Article || area.height >= MIN_SIDE_ROWS, "{pane:?} {area:?}");
        }
        assert_eq!(wide.arrangement, Arrangement::Wide);
        assert_eq!(wide.panes.iter().map(|p| p.0).collect::<Vec<_>>(), [Pane::Article, Pane::Glossary, Pane::Quiz]);
        let medium = divide(Rect::new(0, 0, 100, 30), Pane::Article, Pane::Quiz, false);
        assert_eq!(medium.panes.iter().map(|p| p.0).collect::<Vec<_>>(), [Pane::Article, Pane::Quiz]);
        let single = divide(Rect::new(0, 0, 60, 20), Pane::Glossary, Pane::Glossary, false);
        assert_eq!(single.panes.iter().map(|p| p.0).collect::<Vec<_>>(), [Pane::Glossary]);
        let zoomed = divide(Rect::new(0, 0, 200, 50), Pane::Quiz, Pane::Quiz, true);
        assert_eq!(zoomed.panes, vec![(Pane::Quiz, Rect::new(0, 0, 200, 48))]);
        assert!(divide(Rect::new(0, 0, 19, 30), Pane::Article, Pane::Glossary, false).too_small);
    }

    #[test]
    fn a_click_finds_the_tab_drawn_there() {
        let tabs = Tabs { area: Rect::new(10, 0, 31, 1), panes: Pane::ALL[1..].to_vec(), active: Pane::Quiz };
        let cells = tabs.cells();
        assert_eq!(cells.last().map(|(_, r)| r.right()), Some(41), "the last tab takes the rest");
        for (pane, rect) in cells {
            assert_eq!(tabs.tab_at(rect.x, 0), Some(pane));
            assert_eq!(tabs.tab_at(rect.right() - 1, 0), Some(pane));
        }
        assert_eq!(tabs.tab_at(9, 0), None);
    }

    proptest::proptest! {
        #[test]
        fn a_cut_is_what_the_layout_solver_gives(
            x in 0u16..50, y in 0u16..50, w in 0u16..300, h in 0u16..120,
            lengths in proptest::collection::vec(0u16..90, 0..4), fill in 0usize..4, vertical: bool,
        ) {
            let area = Rect::new(x, y, w, h);
            let direction = if vertical { Direction::Vertical } else { Direction::Horizontal };
            let mut parts: Vec<Option<u16>> = lengths.into_iter().map(Some).collect();
            parts.insert(fill.min(parts.len()), None);
            let solved = Layout::new(direction, parts.iter().map(|p| p.map_or(Constraint::Fill(1), Constraint::Length))).split(area);
            let cut: Vec<Rect> = match parts.len() {
                1 => cut(area, direction, [parts[0]]).to_vec(),
                2 => cut(area, direction, [parts[0], parts[1]]).to_vec(),
                3 => cut(area, direction, [parts[0], parts[1], parts[2]]).to_vec(),
                _ => cut(area, direction, [parts[0], parts[1], parts[2], parts[3]]).to_vec(),
            };
            proptest::prop_assert_eq!(cut, solved.to_vec(), "{:?}", parts);
        }
    }

    #[test]
    fn every_size_divides_inside_the_screen() {
        for w in 0..=130u16 {
            for h in 0..=40u16 {
                let size = Rect::new(0, 0, w, h);
                let screen = divide(size, Pane::Article, Pane::Glossary, false);
                for (_, area) in &screen.panes {
                    assert!(size.contains((area.x, area.y).into()) || area.area() == 0);
                    assert!(area.right() <= w && area.bottom() <= h);
                    let text = text_column(*area, 76, 5);
                    assert!(text.right() <= w && text.bottom() <= h);
                }
            }
        }
    }
}
