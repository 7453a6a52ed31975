//! Any text as an old progress file, as the database imports them: read or refused, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| lectern::fuzzing::progress(text));
