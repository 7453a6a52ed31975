//! The study-pack generator: a generated pack loads without errors, passes `lectern check`,
//! is the same for the same spec and has the size asked for; and it is built for tests only.

use std::collections::BTreeSet;

use lectern::pack::load::{Loaded, load};
use lectern::pack::source::Origin;
use lectern::sample::{Generated, Spec, generate, write};
use lectern::text::article::BlockKind;
use lectern::text::terms::TermIndex;

fn spec(bytes: usize, seed: u64) -> Spec {
    Spec { bytes, terms: 200, questions: 140, seed }
}

fn load_memory(generated: &Generated) -> Loaded {
    let files = generated.memory();
    load(Origin::Memory { id: "generated", files: &files })
}

#[test]
fn a_generated_pack_loads_without_errors_and_passes_check() {
    let generated = generate(&spec(300_000, 1));
    let loaded = load_memory(&generated);
    let messages: Vec<&str> = loaded.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(loaded.is_ok(), "errors: {messages:?}");
    assert!(loaded.diagnostics.is_empty(), "warnings: {messages:?}");
    let pack = &loaded.pack;
    assert_eq!(pack.title, "Generated book (0.3 MB)");
    assert_eq!(pack.author, "lectern sample");

    // The article: headings, the byline and plain paragraphs, some Chinese and emoji among them.
    let article = &pack.article;
    assert!(
        article
            .blocks
            .iter()
            .all(|b| matches!(b.kind, BlockKind::Heading(_) | BlockKind::Paragraph | BlockKind::Byline))
    );
    assert_eq!(article.blocks.iter().filter(|b| b.kind == BlockKind::Byline).count(), 1);
    let parts = article.blocks.iter().filter(|b| b.kind == BlockKind::Heading(2)).count();
    let body: Vec<usize> = article.body().collect();
    assert!(parts >= body.len() / 50 && parts <= body.len() / 20, "{parts} parts for {} paragraphs", body.len());
    let cjk = body.iter().filter(|&&b| article.blocks[b].text.contains("人工智能")).count();
    let emoji = body.iter().filter(|&&b| article.blocks[b].text.chars().any(|c| c as u32 >= 0x1F300)).count();
    assert!(cjk > 0 && emoji > 0 && cjk + emoji < body.len() / 20, "{cjk} Chinese, {emoji} emoji paragraphs");
    assert!(!article.blocks.iter().any(|b| b.text.contains("Mark Best")), "the bundled byline is left out");

    // Terms: as many as asked, unique ignoring case, each found in the article.
    assert_eq!(pack.terms.len(), 200);
    let names: BTreeSet<String> = pack.terms.iter().map(|t| t.term.to_lowercase()).collect();
    assert_eq!(names.len(), 200);
    // Each on its own: where names overlap, the reader marks only one of them.
    let texts: BTreeSet<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    let seen: Vec<bool> = pack
        .terms
        .iter()
        .map(|t| {
            let index = TermIndex::new([[t.term.as_str()]]);
            texts.iter().any(|text| !index.find(text).is_empty())
        })
        .collect();
    let unseen: Vec<&str> = pack.terms.iter().zip(&seen).filter(|(_, s)| !**s).map(|(t, _)| t.term.as_str()).collect();
    assert!(unseen.is_empty(), "terms not in the article: {unseen:?}");

    // Questions: as many as asked, every kind, unique ids, refs of 5 to 8 words that each land
    // in a different body paragraph, spread from the start of the text to its end.
    assert_eq!(pack.questions.len(), 140);
    let kinds: BTreeSet<&str> = pack.questions.iter().map(|q| q.kind.name()).collect();
    assert_eq!(kinds.len(), 7, "{kinds:?}");
    let ids: BTreeSet<&str> = pack.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), 140);
    let mut blocks = Vec::new();
    for question in &pack.questions {
        let reference = question.reference.as_ref().expect("every question has a ref");
        let words = reference.quote.split(' ').filter(|w| w.chars().any(char::is_alphanumeric)).count();
        assert!((5..=8).contains(&words), "{words} words in {:?}", reference.quote);
        let anchor = reference.anchor.as_ref().expect("every ref is found");
        assert!(article.blocks[anchor.block].is_body(), "{:?} lands outside the body", reference.quote);
        blocks.push(anchor.block);
    }
    assert!(blocks.windows(2).all(|w| w[0] < w[1]), "each ref lands in its own paragraph, in order");
    let stats = pack.stats();
    assert_eq!(stats.quizzed, 140);
    let position = |block: usize| body.iter().position(|&b| b == block).expect("a body block") * 10 / body.len();
    assert_eq!(position(blocks[0]), 0);
    assert_eq!(position(blocks[blocks.len() - 1]), 9);
    assert_eq!(pack.discussion.len(), 2);
    assert!(pack.discussion.iter().all(|p| p.reference.as_ref().is_some_and(|r| r.anchor.is_some())));

    // `lectern check` on the written folder.
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("generated-book");
    write(&generated, &dir).expect("write the pack");
    let output = assert_cmd::cargo::cargo_bin_cmd!("lectern")
        .arg("check")
        .arg(&dir)
        .current_dir(root.path())
        .env("LECTERN_DATA_DIR", root.path().join("data"))
        .env("LECTERN_CONFIG_DIR", root.path().join("config"))
        .env("HOME", root.path().join("home"))
        .env("XDG_DATA_HOME", root.path().join("xdg"))
        .output()
        .expect("run lectern");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(output.status.code(), Some(0), "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stdout.lines().any(|l| l.starts_with("ok  generated-book  200 terms · 140 questions (7 kinds) · 2 prompts")),
        "{stdout}"
    );
}

#[test]
fn the_same_spec_gives_the_same_files() {
    let a = generate(&spec(100_000, 7));
    let b = generate(&spec(100_000, 7));
    assert_eq!(a.files, b.files);
    let c = generate(&spec(100_000, 8));
    for (file, (a, c)) in a.files.iter().zip(&c.files).enumerate() {
        assert_ne!(a, c, "file {file} is the same for another seed");
    }
}

#[test]
fn the_article_has_the_size_asked_for() {
    for bytes in [50_000, 300_000, 1_000_000] {
        let generated = generate(&spec(bytes, 3));
        let size = generated.files[1].len();
        assert!(size.abs_diff(bytes) * 20 <= bytes, "{size} bytes for {bytes} asked");
    }
}

#[test]
fn many_questions_on_a_short_text_still_load() {
    let generated = generate(&Spec { bytes: 5_000, terms: 5_000, questions: 300, seed: 2 });
    let loaded = load_memory(&generated);
    assert!(loaded.is_ok(), "{:?}", loaded.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    assert_eq!(loaded.pack.questions.len(), 300);
    assert!(loaded.pack.terms.len() > 100);
}

/// The generator reaches tests, benches and examples through the `dev` feature, which only
/// the dev-dependency on lectern itself turns on: a default feature would put it in the app.
#[test]
fn the_generator_is_built_for_tests_only() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().expect("Cargo.toml is TOML");
    let features = manifest["features"].as_table().expect("a [features] table");
    assert!(features.contains_key("dev"), "a `dev` feature");
    let default = features.get("default").and_then(|d| d.as_array()).cloned().unwrap_or_default();
    assert!(default.is_empty(), "no feature is on by default: {default:?}");
    let itself = &manifest["dev-dependencies"]["lectern"];
    assert_eq!(itself["path"].as_str(), Some("."));
    assert_eq!(itself["features"].as_array().map(|f| f.iter().filter_map(|v| v.as_str()).collect()), Some(vec!["dev"]));
    assert!(manifest["dependencies"].get("lectern").is_none(), "only the dev-dependency turns it on");
}
