//! Runs the app in the terminal: event → action → update → draw. The terminal is always
//! given back: on quit, on error, on panic (ratatui's hook), on SIGTERM and SIGHUP (the
//! position saved first) and across Ctrl-Z.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyModifiers};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use super::app::{App, Options};
use super::keymap::Context;
use super::session::Session;
use super::{draw, keymap, update};
use crate::pack::Pack;

/// Takes over the terminal, runs until the user quits, and restores it.
pub fn run(pack: Pack, options: Options, mut session: Session, message: Option<String>) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = take_over();
    let result = event_loop(&mut terminal, pack, options, &mut session, message, &stop);
    give_back();
    result
}

fn take_over() -> DefaultTerminal {
    // ratatui::init installs a panic hook that restores the terminal before the message.
    let terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    terminal
}

fn give_back() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

fn is_suspend(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL))
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    pack: Pack,
    options: Options,
    session: &mut Session,
    message: Option<String>,
    stop: &AtomicBool,
) -> Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(pack, options, Rect::new(0, 0, size.width, size.height));
    session.restore(&mut app);
    app.message = message;
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| draw::draw(&app, frame))?;
            dirty = false;
        }
        // Wait for input; wake now and then only to notice a signal. Nothing is redrawn
        // unless something happened.
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        let event = event::read()?;
        if is_suspend(&event) {
            session.save(&app).ok();
            give_back();
            signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
            // Resumed by `fg`: take the terminal again and draw everything anew.
            *terminal = take_over();
            terminal.clear()?;
            dirty = true;
            continue;
        }
        let ctx = Context { typing: app.typing(), help: app.help };
        if let Some(action) = keymap::action_for(&event, ctx) {
            update::update(&mut app, action);
            dirty = true;
        }
        if let Err(error) = session.save_if_due(&app) {
            app.message = Some(format!("could not save your place: {error}"));
        }
    }
    session.save(&app)?;
    Ok(())
}
