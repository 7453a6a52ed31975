//! Drafts: a term or question marked `draft = true` loads with a warning, is shown marked
//! as a draft, and is never studied, exported to Anki or set on a worksheet.

use lectern::export::{Format, Options, Record};
use lectern::pack::load;
use lectern::pack::source::Origin;
use lectern::study::deck::{Item, items};

const PACK: &str = "title = \"Tides\"\nauthor = \"A. Writer\"\n";
const ARTICLE: &str = "# Tides\n\nThe Moon pulls the sea, and the sea rises twice a day.\n";
const GLOSSARY: &str = "[[term]]\nterm = \"Moon\"\ndefinition = \"Earth's satellite.\"\n\n\
    [[term]]\nterm = \"Sea\"\ndefinition = \"The sea.\"\ndraft = true\n";
const QUIZ: &str = "[[question]]\nid = \"pull\"\nkind = \"card\"\nprompt = \"What pulls the sea?\"\nanswer = \"The Moon\"\n\n\
    [[question]]\nid = \"draft-one\"\nkind = \"card\"\nprompt = \"How often does the sea rise?\"\nanswer = \"Twice a day\"\nref = \"twice a day\"\ndraft = true\n";

fn files() -> [Option<Vec<u8>>; 4] {
    [PACK, ARTICLE, GLOSSARY, QUIZ].map(|f| Some(f.as_bytes().to_vec()))
}

#[test]
fn a_draft_loads_with_a_warning_and_is_never_studied() {
    let files = files();
    let loaded = load(Origin::Memory { id: "tides", files: &files });
    assert!(loaded.is_ok(), "a draft is a warning, not an error");
    let warnings: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(false)).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].contains("term `Sea` is a draft") || warnings[1].contains("term `Sea` is a draft"));
    assert!(warnings.iter().any(|w| w.contains("question `draft-one` is a draft")));
    let pack = loaded.pack;
    assert!(pack.terms[1].draft && pack.questions[1].draft);
    assert!(!pack.terms[0].draft && !pack.questions[0].draft);
    assert_eq!(items(&pack), [Item::Question(0), Item::Term(0)]);
    // The draft question's passage is not counted as quizzed: nothing asks about it yet.
    assert_eq!(pack.stats().quizzed, 0);

    // Nor exported for study: Anki has the finished two, the worksheet the finished question.
    let record = Record::empty(jiff::civil::date(2026, 12, 2), jiff::tz::TimeZone::UTC);
    let export = |format| {
        let mut out = Vec::new();
        lectern::export::write(&pack, &record, format, &Options::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let anki = export(Format::Anki);
    assert_eq!(anki.lines().filter(|l| !l.starts_with('#')).count(), 2);
    assert!(!anki.contains("Twice a day") && !anki.contains("The sea."));
    let worksheet = export(Format::Worksheet);
    assert!(worksheet.contains("What pulls the sea?") && !worksheet.contains("How often"));
}

#[test]
fn a_draft_is_shown_marked_as_one() {
    let files = files();
    let pack = load(Origin::Memory { id: "tides", files: &files }).pack;
    let keys = lectern::ui::keys::parse("2j").unwrap();
    let (_, buffer) = lectern::ui::replay::run(pack.clone(), Default::default(), (100, 30), &keys, None).unwrap();
    let screen = lectern::ui::replay::screen_text(&buffer);
    assert!(screen.contains("Sea (draft)"), "{screen}");
    assert!(screen.contains("draft: not finished, and not studied"), "{screen}");
    // A quiz of every question asks the finished one only.
    let keys = lectern::ui::keys::parse("3s1").unwrap();
    let (app, _) = lectern::ui::replay::run(pack, Default::default(), (100, 30), &keys, None).unwrap();
    let asked: Vec<Item> = app.quiz.sitting.as_ref().map(|s| s.items.clone()).unwrap_or_default();
    assert_eq!(asked, [Item::Question(0)]);
}
