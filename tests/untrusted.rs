//! Text from a pack is untrusted: every naughty string, in every text field, loads without
//! panic and comes out with no control characters; arbitrary bytes never panic the loader.

use lectern::pack::source::Origin;
use lectern::pack::{Pack, load, model::ClozePart, model::Kind};
use lectern::text::sanitize::first_control;
use proptest::prelude::*;

#[path = "support/naughty.rs"]
mod naughty;
use naughty::{naughty_strings, pack_files};

/// Every string the app could show from a pack.
fn all_text(pack: &Pack) -> Vec<&str> {
    let mut out: Vec<&str> = vec![&pack.title, &pack.author, &pack.summary];
    out.extend(pack.tags.iter().map(String::as_str));
    out.extend(pack.article.blocks.iter().map(|b| b.text.as_str()));
    for term in &pack.terms {
        out.extend([term.term.as_str(), term.definition.as_str()]);
        out.extend(term.aliases.iter().chain(&term.see_also).map(String::as_str));
    }
    for prompt in &pack.discussion {
        out.push(&prompt.prompt);
        out.extend(prompt.reference.as_ref().map(|r| r.quote.as_str()));
    }
    for q in &pack.questions {
        out.extend([q.id.as_str(), q.prompt.as_str()]);
        out.extend(q.explain.as_deref());
        out.extend(q.reference.as_ref().map(|r| r.quote.as_str()));
        match &q.kind {
            Kind::Choice { choices, .. } | Kind::Multi { choices, .. } => {
                out.extend(choices.iter().map(String::as_str))
            }
            Kind::Text { answer, accept } => {
                out.push(answer);
                out.extend(accept.iter().map(String::as_str));
            }
            Kind::Cloze { parts } => {
                for part in parts {
                    match part {
                        ClozePart::Text(t) => out.push(t),
                        ClozePart::Gap(answers) => out.extend(answers.iter().map(String::as_str)),
                    }
                }
            }
            Kind::Order { items } => out.extend(items.iter().map(String::as_str)),
            Kind::Card { back } => out.push(back),
            Kind::TrueFalse { .. } => {}
        }
    }
    out
}

/// No control character other than a newline in rendered output.
fn assert_terminal_safe(what: &str, text: &str) {
    let bad = text.chars().find(|c| c.is_control() && *c != '\n');
    assert!(bad.is_none(), "{what} holds control character {bad:?}: {text:?}");
}

#[test]
fn every_naughty_string_in_every_field_loads_clean() {
    let strings = naughty_strings();
    assert!(strings.len() > 500, "the corpus has {} strings", strings.len());
    let mut loaded_ok = 0;
    for s in &strings {
        let files = pack_files(s);
        let loaded = load(Origin::Memory { id: "naughty", files: &files });
        for text in all_text(&loaded.pack) {
            assert_eq!(first_control(text), None, "control character survived from {s:?}: {text:?}");
            assert!(!text.contains('\u{1b}'), "escape survived from {s:?}");
        }
        for diagnostic in &loaded.diagnostics {
            assert_terminal_safe("a diagnostic", &diagnostic.render(false));
        }
        // A string with visible content makes a complete pack: nothing was lost on the way.
        if !s.trim().is_empty() && first_control(s).is_none() && loaded.is_ok() {
            assert_eq!(loaded.pack.questions.len(), 7, "{s:?}");
            assert_eq!(loaded.pack.title, s.trim());
            loaded_ok += 1;
        }
    }
    assert!(loaded_ok > 300, "only {loaded_ok} naughty strings made a clean pack");
}

fn base_files() -> [Option<Vec<u8>>; 4] {
    pack_files("plain words")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(file in 0usize..4, bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut files = base_files();
        files[file] = Some(bytes);
        let loaded = load(Origin::Memory { id: "bytes", files: &files });
        for diagnostic in &loaded.diagnostics {
            assert_terminal_safe("a diagnostic", &diagnostic.render(false));
        }
    }

    #[test]
    fn toml_like_text_never_panics(
        file in 0usize..4,
        text in "([\\[\\]{}=\"'|,.\n #a-z0-9\\\\]|kind|question|term|choices|answer|ref|\u{1b}|é|漢){0,120}",
    ) {
        let mut files = base_files();
        files[file] = Some(text.into_bytes());
        let loaded = load(Origin::Memory { id: "text", files: &files });
        for text in all_text(&loaded.pack) {
            prop_assert_eq!(first_control(text), None);
        }
    }
}

#[test]
fn a_field_of_nothing_but_direction_controls_is_empty() {
    let files = pack_files("\u{202e}\u{2067}");
    let loaded = load(Origin::Memory { id: "bidi", files: &files });
    assert!(!loaded.is_ok());
    let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(false)).collect();
    assert!(messages.iter().any(|m| m.contains("`title` is empty")), "{messages:#?}");
}
