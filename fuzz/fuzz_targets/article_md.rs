//! One file of a pack made of the fuzzer's bytes, the others the bundled pack's: loading and
//! checking it must never panic, hang or run out of memory.
#![no_main]

use lectern::pack::source::{BUNDLED, FILES, Origin};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bundled = Origin::Bundled(&BUNDLED[0]);
    let mut files: [Option<Vec<u8>>; 4] = FILES.map(|name| bundled.read(name).ok());
    files[1] = Some(data.to_vec());
    let loaded = lectern::pack::load(Origin::Memory { id: "fuzz", files: &files });
    for diagnostic in &loaded.diagnostics {
        let _ = diagnostic.render(false);
    }
});
