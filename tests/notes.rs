//! Highlights, notes, bookmarks and discussion answers in the app: the reading cursor and
//! the selection, each kind of highlight and its margin mark, the note editor, the notes
//! pane, undo, and the changes handed to the store.

use lectern::notes::{Change, Kind, Notes};
use lectern::pack::source::{BUNDLED, Origin};
use lectern::pack::{Pack, load};
use lectern::text::sentence::sentences;
use lectern::ui::app::{App, Options, Pane};
use lectern::ui::keys::parse;
use lectern::ui::replay::{run_app, screen_text};
use lectern::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn pack() -> Pack {
    load(Origin::Bundled(&BUNDLED[0])).pack
}

fn app_in(theme: Theme, size: (u16, u16)) -> App {
    let options = Options { theme, reading_width: 76, in_order: true, ..Options::default() };
    App::new(pack(), options, Rect::new(0, 0, size.0, size.1))
}

fn app() -> App {
    app_in(Theme::mono(), (100, 30))
}

fn keys(app: App, keys: &str) -> (App, Buffer) {
    run_app(app, &parse(keys).unwrap(), None).unwrap()
}

/// The text of a span of the article.
fn text_of(app: &App, span: lectern::notes::Span) -> String {
    let blocks = &app.pack.article.blocks;
    (span.start.block..=span.end.block)
        .map(|b| {
            let text = &blocks[b].text;
            let start = if b == span.start.block { span.start.offset } else { 0 };
            let end = if b == span.end.block { span.end.offset } else { text.len() };
            text[start..end].to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first sentence that starts at or after the top of the screen.
fn first_sentence(app: &App) -> String {
    let top = app.reader.top;
    let blocks = &app.pack.article.blocks;
    (top.block..blocks.len())
        .find_map(|b| {
            let from = if b == top.block { top.offset } else { 0 };
            sentences(&blocks[b].text).into_iter().find(|r| r.start >= from).map(|r| blocks[b].text[r].to_string())
        })
        .unwrap()
}

#[test]
fn the_reading_cursor_starts_on_the_first_sentence_on_screen_and_moves_by_sentence() {
    let (app, _) = keys(app(), "}}");
    let first = first_sentence(&app);
    let (app, _) = keys(app, ")");
    let cursor = app.reader.cursor.expect("the cursor is shown");
    assert_eq!(text_of(&app, cursor), first);
    let (app, _) = keys(app, ")");
    let second = app.reader.cursor.unwrap();
    assert!(second.start > cursor.start);
    assert_ne!(text_of(&app, second), first);
    let (app, _) = keys(app, "(");
    assert_eq!(app.reader.cursor, Some(cursor), "( comes back");
    let (app, _) = keys(app, "<Esc>");
    assert_eq!(app.reader.cursor, None, "Esc hides the cursor");
}

#[test]
fn h_highlights_the_sentence_as_the_kind_chosen_and_x_and_u_take_it_off_and_back() {
    let (mut app, _) = keys(app(), "}})h2");
    let cursor = app.reader.cursor.unwrap();
    let entries = app.book.entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].annotation.kind, Some(Kind::Question));
    assert_eq!(entries[0].span, Some(cursor));
    assert_eq!(entries[0].annotation.quote.exact, text_of(&app, cursor));
    let changes = app.book.take_changes();
    assert!(matches!(&changes[..], [Change::Annotation(a)] if a.kind == Some(Kind::Question)), "{changes:?}");

    let (mut app, _) = keys(app, "h4");
    assert_eq!(app.book.entries().len(), 1, "the same passage changes kind");
    assert_eq!(app.book.entries()[0].annotation.kind, Some(Kind::Evidence));
    app.book.take_changes();

    let (mut app, _) = keys(app, "x");
    assert!(app.book.entries().is_empty(), "x takes the highlight off");
    let id = match &app.book.take_changes()[..] {
        [Change::RemoveAnnotation(id)] => *id,
        other => panic!("{other:?}"),
    };
    let (mut app, _) = keys(app, "u");
    assert_eq!(app.book.entries().len(), 1, "u brings it back");
    assert_eq!(app.book.entries()[0].annotation.id, id);
    assert_eq!(app.book.entries()[0].annotation.kind, Some(Kind::Evidence));
    assert!(matches!(&app.book.take_changes()[..], [Change::Annotation(a)] if a.id == id));
}

#[test]
fn a_selection_grows_by_sentences_and_lines_and_esc_cancels_it() {
    let (app, _) = keys(app(), "}})v))");
    let selected = app.reader.selection().expect("a selection");
    let text = text_of(&app, selected);
    assert!(sentences(&text).len() >= 3, "three sentences or more: {text:?}");
    let (app, _) = keys(app, "h1");
    assert_eq!(app.book.entries()[0].span, Some(selected));
    assert_eq!(app.reader.selection(), None, "highlighting ends the selection");

    let (app, _) = keys(app, "v");
    let before = app.reader.selection().unwrap();
    let (app, _) = keys(app, "jj");
    let after = app.reader.selection().unwrap();
    assert_eq!(after.start, before.start);
    assert!(after.end > before.end, "j extends it by lines");
    let (app, _) = keys(app, "<Esc>");
    assert_eq!(app.reader.selection(), None);
    assert!(app.reader.cursor.is_some(), "Esc cancels the selection first, not the cursor");
}

#[test]
fn a_note_is_written_in_the_editor_and_kept_by_ctrl_s_or_esc() {
    let (app, _) = keys(app(), "}})a");
    assert!(app.editor.is_some(), "a opens the editor");
    let (mut app, screen) = keys(app, "Why<Enter>now?<C-s>");
    assert!(app.editor.is_none());
    let entry = &app.book.entries()[0];
    assert_eq!(entry.annotation.note, "Why\nnow?");
    assert_eq!(entry.annotation.kind, None, "a note needs no highlight");
    assert!(screen_text(&screen).contains("note kept"));
    app.book.take_changes();

    // On a highlight, `a` edits the note of that highlight; Esc keeps it too.
    let (app, _) = keys(app, ")h1a");
    let (app, _) = keys(app, "mine<Esc>");
    let highlighted: Vec<_> = app.book.entries().iter().filter(|e| e.annotation.kind.is_some()).collect();
    assert_eq!(highlighted.len(), 1);
    assert_eq!(highlighted[0].annotation.note, "mine");
}

#[test]
fn emptying_a_note_removes_it_and_quitting_keeps_an_open_note() {
    let (app, _) = keys(app(), "}})ahello<C-s>");
    assert_eq!(app.book.entries().len(), 1);
    // Back on the same sentence, the editor holds the note; emptied and kept, it goes.
    let (app, _) = keys(app, "a");
    assert_eq!(app.editor.as_ref().unwrap().text(), "hello");
    let (app, _) = keys(app, "<BS><BS><BS><BS><BS><C-s>");
    assert!(app.book.entries().is_empty(), "an emptied note is removed");

    let (app, _) = keys(app, "aunsaved thought<C-c>");
    assert!(app.quit);
    assert_eq!(app.book.entries()[0].annotation.note, "unsaved thought", "Ctrl-c keeps the note, then quits");
}

#[test]
fn the_notes_pane_lists_in_text_order_goes_there_edits_deletes_and_filters() {
    let (app, _) = keys(app(), "}}}})h1gg}})h3");
    let (app, buffer) = keys(app, "5");
    assert_eq!(app.focus, Pane::Notes);
    let entries = app.book.entries();
    assert_eq!(entries.len(), 2);
    assert!(entries[0].span.unwrap().start < entries[1].span.unwrap().start, "text order");
    let screen = screen_text(&buffer);
    assert!(screen.contains("! ¶") && screen.contains("≠ ¶"), "each with its kind's mark: {screen}");

    // Enter goes to the passage, the cursor on it.
    let first = entries[0].span.unwrap();
    let (app, _) = keys(app, "G1gg5g<Enter>");
    assert_eq!(app.reader.cursor, Some(first));
    assert!(app.reader.rows().iter().any(|r| r.block == first.start.block), "shown");

    // e edits the selected note.
    let (app, _) = keys(app, "5ebecause<C-s>");
    assert_eq!(app.book.entries()[0].annotation.note, "because");

    // d deletes, u undoes.
    let (app, _) = keys(app, "jd");
    assert_eq!(app.book.entries().len(), 1);
    let (app, _) = keys(app, "u");
    assert_eq!(app.book.entries().len(), 2);

    // / filters on the passage and the note.
    let (app, buffer) = keys(app, "/because<Enter>");
    assert_eq!(app.notes.shown(&app.book).len(), 1);
    assert!(screen_text(&buffer).contains("1 of 2"));
    let (app, _) = keys(app, "<Esc>");
    assert_eq!(app.notes.shown(&app.book).len(), 2);
}

#[test]
fn a_position_on_a_discussion_prompt_is_written_marked_and_shown() {
    let (app, _) = keys(app(), "4ja");
    assert!(app.editor.is_some());
    let (mut app, buffer) = keys(app, "They are not comparable.<Esc>");
    let prompt = app.pack.discussion[1].prompt.clone();
    assert_eq!(app.book.answer(&prompt), Some("They are not comparable."));
    let screen = screen_text(&buffer);
    assert!(screen.contains("✓"), "answered prompts are marked: {screen}");
    let detail = app.discussion.detail(&app.pack, &app.book, &app.theme, 40).plain().join("\n");
    assert!(detail.contains("They are not comparable."), "the answer shows under the prompt: {detail}");
    assert!(matches!(&app.book.take_changes()[..], [Change::Answer(a)] if a.prompt == prompt));
    let (app, _) = keys(app, "u");
    assert_eq!(app.book.answer(&prompt), None, "u takes it back");
}

#[test]
fn bookmarks_are_set_with_m_and_jumped_to_with_quote_and_back_with_two_quotes() {
    let (app, _) = keys(app(), "}}}}}ma");
    let marked = app.reader.top;
    let (app, _) = keys(app, "G");
    let end = app.reader.top;
    assert_ne!(end, marked);
    let (app, _) = keys(app, "'a");
    assert_eq!(app.reader.top, marked, "'a jumps to the bookmark");
    let (app, _) = keys(app, "''");
    assert_eq!(app.reader.top, end, "'' goes back to where the jump began");
    let (app, buffer) = keys(app, "'z");
    assert!(screen_text(&buffer).contains("no bookmark z"));
    assert_eq!(app.reader.top, end);
}

#[test]
fn margin_marks_tell_each_kind_without_colour() {
    let (app, buffer) = keys(app_in(Theme::mono(), (100, 30)), "}})h1)h2)h3)h4)ano<C-s>");
    // The margin column, just left of the text, row by row.
    let area = app.text_area().unwrap();
    let marks: String = (area.y..area.bottom()).map(|y| buffer[(area.x - 1, y)].symbol().to_string()).collect();
    let order = marks.chars().filter(|c| *c != ' ').fold(String::new(), |mut seen, c| {
        if !seen.ends_with(c) {
            seen.push(c);
        }
        seen
    });
    assert_eq!(order, "!?≠§✎", "each kind's mark, in the order made: {marks:?}");
}

/// The article's rows with a margin mark, each as its mark and the styles of its text.
fn marked_rows(app: &App, buffer: &Buffer) -> String {
    let area = app.text_area().unwrap();
    let mut out = String::new();
    for y in area.y..area.bottom() {
        let mark = &buffer[(area.x - 1, y)];
        if mark.symbol() == " " {
            continue;
        }
        let mut row = format!("{} |", mark.symbol());
        let mut last = None;
        for x in area.x..area.right() {
            let cell = &buffer[(x, y)];
            let style = (cell.bg, cell.modifier);
            if last != Some(style) {
                row.push_str(&format!("[{:?} {:?}]", cell.bg, cell.modifier));
                last = Some(style);
            }
            row.push_str(cell.symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn margin_marks_in_dark_and_mono() {
    for (name, theme) in [("dark", Theme::dark()), ("mono", Theme::mono())] {
        let (app, buffer) = keys(app_in(theme, (100, 30)), "}})h1)h2)h3)h4)ano<C-s><Esc>");
        insta::assert_snapshot!(format!("margin_marks_{name}"), marked_rows(&app, &buffer));
    }
}

#[test]
fn notes_come_back_placed_from_what_the_store_kept() {
    let (mut app, _) = keys(app(), "}})h1)amine<C-s>");
    let kept = Notes {
        annotations: app.book.entries().iter().map(|e| e.annotation.clone()).collect(),
        bookmarks: app.book.bookmarks().to_vec(),
        answers: app.book.answers().to_vec(),
    };
    let spans: Vec<_> = app.book.entries().iter().map(|e| e.span).collect();
    app.book.take_changes();
    let mut fresh = lectern::ui::app::App::new(
        pack(),
        Options { theme: Theme::mono(), ..Options::default() },
        Rect::new(0, 0, 100, 30),
    );
    fresh.set_notes(kept);
    assert_eq!(fresh.book.entries().iter().map(|e| e.span).collect::<Vec<_>>(), spans);
}

#[test]
fn a_mouse_drag_selects_the_text_between_press_and_release() {
    let mut app = app();
    let area = app.text_area().unwrap();
    let now = app.now;
    let row = area.y + 2;
    lectern::ui::update::update(&mut app, lectern::ui::action::Action::Click(area.x, row), now);
    lectern::ui::update::update(&mut app, lectern::ui::action::Action::Drag(area.x + 9, row + 1), now);
    let selected = app.reader.selection().expect("a drag selects");
    let text = text_of(&app, selected);
    let first_row = app.reader.rows()[2];
    let line = app.reader.layout.cached(first_row.block).unwrap()[first_row.line].clone();
    assert_eq!(selected.start, lectern::text::layout::Position { block: first_row.block, offset: line.start });
    assert!(text.chars().count() > 10, "more than one row: {text:?}");
    let (app, _) = keys(app, "h3");
    assert_eq!(app.book.entries()[0].span, Some(selected));
    assert_eq!(app.book.entries()[0].annotation.kind, Some(Kind::Disagree));
}

#[test]
fn a_note_whose_passage_is_gone_is_listed_as_not_found_never_dropped() {
    let (app, _) = keys(app(), "}})amine<C-s>");
    let mut kept: Vec<_> = app.book.entries().iter().map(|e| e.annotation.clone()).collect();
    kept[0].quote.exact = "A sentence this article never held, about something else entirely.".into();
    kept[0].quote.prefix = "nowhere ".into();
    kept[0].quote.suffix = " at all".into();
    let mut fresh = app_in(Theme::mono(), (100, 30));
    fresh.set_notes(Notes { annotations: kept, ..Notes::default() });
    assert_eq!(fresh.book.entries().len(), 1);
    assert_eq!(fresh.book.entries()[0].span, None);
    let (_, buffer) = keys(fresh, "5");
    let screen = screen_text(&buffer);
    assert!(screen.contains("not found in this version"), "{screen}");
    assert!(screen.contains("mine"), "the note is still shown: {screen}");
}

#[test]
fn a_highlight_over_several_blocks_is_drawn_in_each_after_a_later_one() {
    let (app, _) = keys(app_in(Theme::mono(), (100, 50)), ")vjjjjjjjjjjjjjjjjjjjjh1((((h2");
    let long = app.book.entries().iter().find(|e| e.annotation.kind == Some(Kind::Important)).unwrap();
    let span = long.span.unwrap();
    assert!(span.end.block > span.start.block + 1, "{span:?}");
    for block in span.start.block..=span.end.block {
        assert!(
            app.book.in_block(block).any(|(a, _)| a.id == long.annotation.id),
            "block {block} of {span:?} lost its highlight"
        );
    }
}

#[test]
fn a_bookmark_set_on_the_blank_row_after_a_block_comes_back_to_the_next_block() {
    let (app, _) = keys(app(), "jjjjjjjjj");
    let top = app.reader.top;
    assert_eq!(top.offset, lectern::text::layout::Position::AFTER, "the top row is a blank one");
    let (app, _) = keys(app, "magg'a");
    let next = lectern::text::layout::Position { block: top.block + 1, offset: 0 };
    assert_eq!(app.reader.top, next, "back at the start of the block after the blank row");
}
