//! `quiz.toml` made of the fuzzer's bytes beside a small pack's other files: loading and
//! checking it must never panic, hang or run out of memory.
#![no_main]

mod small_pack;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| small_pack::load_with(3, data));
