//! Any text as a theme file: read or refused with diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(diagnostics) = lectern::ui::theme::parse_theme("fuzz.toml", text, true) {
        for diagnostic in &diagnostics {
            let _ = diagnostic.render(false);
        }
    }
});
