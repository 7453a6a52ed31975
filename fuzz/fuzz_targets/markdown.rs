//! Any text as an article: parsed into blocks without a panic, and no control character left.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let article = lectern::text::article::Article::parse(text, "An Author");
    for block in &article.blocks {
        assert!(lectern::text::sanitize::first_control(&block.text).is_none());
    }
});
