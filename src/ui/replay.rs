//! A headless driver: the real keymap, update and draw on an in-memory terminal, for
//! tests, benchmarks and screenshots.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use super::app::{App, Options};
use super::keymap;
use super::keys::{self, Step};
use super::{draw, update};
use crate::pack::opening::Opening;

/// Runs `steps` on a `width`×`height` screen and returns the app and the final screen.
/// With `timings`, writes one JSON line per step: `{"key":"G","us":412}`, the microseconds
/// spent in update and draw.
pub fn run(
    pack: impl Into<Opening>,
    options: Options,
    (width, height): (u16, u16),
    steps: &[Step],
    mut timings: Option<&mut dyn Write>,
) -> Result<(App, Buffer)> {
    let start = options.start;
    // As the app does: the questions taken once the article is laid out.
    let (pack, terms, coming) = pack.into().finish_later();
    let mut app = App::opening(pack, terms, coming, options, Rect::new(0, 0, width, height), |_| Default::default());
    if let Some(mode) = start {
        let now = app.now;
        update::open_sitting(&mut app, mode, now);
    }
    run_app(app, steps, timings.take())
}

/// Runs `steps` on an app already made (its screen size is the terminal's).
pub fn run_app(mut app: App, steps: &[Step], mut timings: Option<&mut dyn Write>) -> Result<(App, Buffer)> {
    let mut terminal = Terminal::new(TestBackend::new(app.screen.width, app.screen.height))?;
    terminal.draw(|frame| draw::draw(&app, frame))?;
    // Opened as the app opens: a pack's cache entry is written once the first frame is drawn.
    crate::pack::opening::first_frame_shown();
    for step in steps {
        if app.quit {
            break;
        }
        let event = match step {
            Step::Key(key) => Event::Key(*key),
            Step::Resize(w, h) => {
                terminal.backend_mut().resize(*w, *h);
                Event::Resize(*w, *h)
            }
        };
        let start = Instant::now();
        if let Some(action) = keymap::action_for(&event, app.keys()) {
            // Replays are repeatable: the clock stands still at the app's start.
            let now = app.now;
            update::update(&mut app, action, now);
        }
        // A replay's library is the bundled packs, with no progress; it opens none of them.
        if std::mem::take(&mut app.library_wanted) {
            let found = crate::pack::source::Library::bundled();
            let rows =
                crate::catalog::rows(found, None, &crate::pack::load, app.today, app.daily_new).unwrap_or_default();
            app.library =
                Some(super::pane::library::LibraryView::new(rows, app.today, &|row| row.found.id == app.pack.id));
        }
        if let Some(found) = app.open.take() {
            app.say(format!("a replay opens no other pack ({} chosen)", found.id));
        }
        // A replay saves nothing (the terms looked up are left in the app) and writes no files.
        if app.export.take().is_some() {
            app.say("a replay writes no files; `lectern export` writes the same".into());
        }
        terminal.draw(|frame| draw::draw(&app, frame))?;
        let us = start.elapsed().as_micros();
        if let Some(out) = timings.as_deref_mut() {
            let key = keys::name(step).replace('\\', "\\\\").replace('"', "\\\"");
            writeln!(out, "{{\"key\":\"{key}\",\"us\":{us}}}")?;
        }
    }
    let buffer = terminal.backend().buffer().clone();
    Ok((app, buffer))
}

/// The screen as plain text: one line per row, trailing spaces trimmed.
pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            // A wide character's second cell holds nothing of its own.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = crate::text::wrap::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
