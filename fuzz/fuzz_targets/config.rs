//! Any text as `config.toml`: read or refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| lectern::fuzzing::config(text));
