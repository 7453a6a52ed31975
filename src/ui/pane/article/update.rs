//! What the article's keys do.

use super::{Reader, SearchState};
use crate::text::article::{Article, BlockKind};
use crate::text::layout::Position;
use crate::ui::action::{Action, Effect};
use crate::ui::field::Field;
use crate::ui::keymap;
use crate::ui::typing::{Typed, type_into};

/// Applies `action` to the article; anything for the rest of the app goes in `out`.
pub fn update(reader: &mut Reader, article: &Article, action: Action, out: &mut Vec<Effect>) {
    let say = |out: &mut Vec<Effect>, text: &str| out.push(Effect::Message(text.to_string()));
    // The go-to prompt takes what is typed; the pane still scrolls under it.
    if reader.goto.is_some() && !matches!(action, Action::Scroll(_) | Action::Page(_) | Action::HalfPage(_)) {
        goto(reader, action, out);
        return;
    }
    if reader.search.as_ref().is_some_and(|s| s.editing) && search_field(reader, article, action) {
        return;
    }
    match action {
        Action::Scroll(n) => reader.scroll(article, n),
        Action::Page(n) => {
            let page = reader.height.saturating_sub(1).max(1) as isize;
            reader.scroll(article, n * page);
        }
        Action::HalfPage(n) => reader.scroll(article, n * (reader.height / 2).max(1) as isize),
        Action::Top => reader.jump(Position::default()),
        Action::Bottom => {
            let last = reader.layout.last_top(article, reader.height);
            let to = reader.layout.position_of(article, last);
            reader.jump(to);
        }
        // On the last screen the top cannot move on: say so, as `{` does on the first.
        Action::Paragraph(n) if n > 0 && reader.at_end() => say(out, "last paragraph"),
        Action::Paragraph(n) if !reader.jump_block(article, n > 0, |b| article.blocks[b].kind != BlockKind::Rule) => {
            say(out, if n > 0 { "last paragraph" } else { "first paragraph" });
        }
        Action::Heading(n)
            if !reader.jump_block(article, n > 0, |b| matches!(article.blocks[b].kind, BlockKind::Heading(_))) =>
        {
            say(out, if n > 0 { "no heading below" } else { "no heading above" });
        }
        Action::TermCursor(n) if !reader.move_term_cursor(n) => {
            say(out, "no glossary term on screen");
        }
        Action::Numbers => reader.numbers = !reader.numbers,
        Action::GoTo => reader.goto = Some(Field::default()),
        Action::Activate => {
            if let Some(term) = reader.cursor_term() {
                out.push(Effect::ShowTerm(term));
            }
        }
        // Esc undoes one thing at a time: the selection, then the search, then the rest.
        Action::Back if reader.anchor.take().is_some() => {}
        Action::Back => match reader.search.take() {
            Some(_) => {}
            None => {
                reader.term_cursor = None;
                reader.highlight = None;
                reader.cursor = None;
                out.push(Effect::Unfollow);
            }
        },
        Action::StartInput => {
            reader.search = Some(SearchState {
                query: Field::default(),
                hits: Vec::new(),
                current: None,
                origin: reader.top,
                editing: true,
            });
        }
        Action::Next(n) => {
            let found = reader.next_match(article, n > 0).unwrap_or_else(|| {
                format!("no search: {} searches", keymap::key_for(&keymap::ARTICLE, Action::StartInput))
            });
            out.push(Effect::Message(found));
        }
        _ => {}
    }
}

/// A key while the search is typed; false when it is not the field's.
fn search_field(reader: &mut Reader, article: &Article, action: Action) -> bool {
    let Some(search) = reader.search.as_mut() else { return false };
    match type_into(&mut search.query, action) {
        Typed::Changed => reader.run_search(article),
        Typed::Moved => {}
        Typed::Done => search.editing = false,
        // Closed, the search leaves the reader where it began.
        Typed::Closed => {
            reader.top = search.origin;
            reader.search = None;
        }
        Typed::Other => return false,
    }
    true
}

/// A key while the go-to prompt is open.
fn goto(reader: &mut Reader, action: Action, out: &mut Vec<Effect>) {
    let Some(field) = reader.goto.as_mut() else { return };
    if let Action::Input(c) = action
        && !c.is_ascii_digit()
    {
        let enter = keymap::key_for(&keymap::FIELD, Action::Activate);
        out.push(Effect::Message(format!("type the paragraph's number, then {enter}")));
        return;
    }
    match type_into(field, action) {
        Typed::Closed => reader.goto = None,
        Typed::Done => {
            let typed = field.text().to_string();
            reader.goto = None;
            let total = reader.paragraphs_shown().2;
            match typed.parse::<usize>().ok().and_then(|n| reader.paragraph_block(n)) {
                Some(block) => reader.jump(Position { block, offset: 0 }),
                None if typed.is_empty() => {}
                None => out.push(Effect::Message(format!("no ¶ {typed}: the article has {total}"))),
            }
        }
        Typed::Changed | Typed::Moved | Typed::Other => {}
    }
}
