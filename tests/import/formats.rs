//! Each format imported against its golden pack, and what the HTML import keeps.

use lectern::pack::load;
use lectern::pack::source::Origin;
use lectern::text::article::{Article, BlockKind};

use crate::{Place, fixture, golden};

#[test]
fn html_page_matches_its_golden_pack_and_passes_check() {
    let place = Place::new();
    let dir = place.import(&fixture("page.html"), "page");
    golden("page", &dir);
    assert!(place.check_passes(&dir) > 0);
}

#[test]
fn markdown_matches_its_golden_pack_and_passes_check() {
    let place = Place::new();
    let dir = place.import(&fixture("article.md"), "markdown");
    golden("markdown", &dir);
    assert!(place.check_passes(&dir) > 0);
}

#[test]
fn plain_text_matches_its_golden_pack_and_passes_check() {
    let place = Place::new();
    let dir = place.import(&fixture("article.txt"), "text");
    golden("text", &dir);
    assert!(place.check_passes(&dir) > 0);
}

#[test]
fn html_drops_the_page_and_keeps_the_article_s_shape() {
    let place = Place::new();
    let dir = place.import(&fixture("page.html"), "page");
    let markdown = std::fs::read_to_string(dir.join("article.md")).unwrap();
    for gone in ["SCRIPT-TEXT", "trackingBeacon", "secret-style-rule", "NAV-TEXT", "HEADER-TEXT", "FOOTER-TEXT"] {
        assert!(!markdown.contains(gone), "{gone} survived:\n{markdown}");
    }
    for gone in ["ASIDE-TEXT", "FORM-TEXT", "https://example.com", "tides.png", "<"] {
        assert!(!markdown.contains(gone), "{gone} survived:\n{markdown}");
    }
    let loaded = load(Origin::Folder(&dir));
    assert!(loaded.is_ok());
    let pack = loaded.pack;
    assert_eq!(pack.title, "Why the Sea Has Tides");
    assert_eq!(pack.author, "Ana Ruiz");
    let article = Article::parse(&markdown, &pack.author);
    let kinds: Vec<&BlockKind> = article.blocks.iter().map(|b| &b.kind).collect();
    assert!(kinds.contains(&&BlockKind::Heading(1)) && kinds.contains(&&BlockKind::Heading(2)), "{kinds:?}");
    assert!(kinds.contains(&&BlockKind::Quote), "{kinds:?}");
    assert!(kinds.contains(&&BlockKind::Byline), "{kinds:?}");
    let items: Vec<&str> =
        article.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Item { .. })).map(|b| b.text.as_str()).collect();
    assert_eq!(
        items,
        [
            "fishers plan their trips around them;",
            "harbours schedule ships by them.",
            "Place | Range (m)",
            "Bay of Fundy | 16",
            "Bristol Channel | 15"
        ]
    );
    // Emphasis and strong survive as such; the link keeps its text.
    let first = article.blocks.iter().find(|b| b.text.starts_with("Twice a day")).unwrap();
    assert_eq!(first.runs.len(), 2, "{first:?}");
    assert!(article.blocks.iter().any(|b| b.text.ends_with("Read more at the bulge page.")));
}

#[test]
fn every_stub_ref_is_found_in_its_own_paragraph_once_uncommented() {
    let place = Place::new();
    for (file, name) in [("page.html", "page"), ("article.md", "markdown"), ("article.txt", "text")] {
        let dir = place.import(&fixture(file), name);
        // The stubs made questions: the pack still loads, and every paragraph is quizzed.
        let quiz = std::fs::read_to_string(dir.join("quiz.toml")).unwrap();
        let questions: String = quiz
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| {
                l.starts_with("[[question]]")
                    || l.split_once(" = ").is_some_and(|(key, _)| key.chars().all(|c| c.is_ascii_lowercase()))
            })
            // Finished, as an author would leave it: a draft covers nothing.
            .filter(|l| !l.starts_with("draft = "))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(dir.join("quiz.toml"), questions).unwrap();
        let loaded = load(Origin::Folder(&dir));
        let errors: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(false)).collect();
        assert!(loaded.is_ok(), "{name}: {errors:#?}");
        let stats = loaded.pack.stats();
        assert_eq!(stats.questions, stats.paragraphs, "{name}");
        assert_eq!(stats.quizzed, stats.paragraphs, "{name}: every paragraph quizzed by its own stub");
    }
}
