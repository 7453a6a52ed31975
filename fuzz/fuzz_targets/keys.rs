//! Any text as key notation (`lectern replay --keys`): parsed or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = lectern::ui::keys::parse(text);
});
