//! Runs the app in the terminal: event → action → update → draw, and the terminal is
//! always given back, on quit, on error and on panic.

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use super::app::App;
use super::theme::Theme;
use super::{draw, keymap, update};
use crate::pack::Pack;

/// Takes over the terminal, runs until the user quits, and restores it.
pub fn run(pack: Pack) -> Result<()> {
    let theme = Theme::from_env();
    // ratatui::init installs a panic hook that restores the terminal before the message.
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, pack, theme);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, pack: Pack, theme: Theme) -> Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(pack, theme, Rect::new(0, 0, size.width, size.height));
    while !app.quit {
        terminal.draw(|frame| draw::draw(&app, frame))?;
        // Block until something happens: no redraw on a timer.
        let event = event::read()?;
        if let Some(action) = keymap::action_for(&event) {
            update::update(&mut app, action);
        }
    }
    Ok(())
}
