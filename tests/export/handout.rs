//! The handout: against its golden files, read by a CommonMark parser, and with what the
//! reader did in it.

use super::*;

#[test]
fn the_handout_against_its_golden_files() {
    let state = state();
    golden("handout.md", &same_twice(&state, &["--format", "handout"]));
    golden("handout-all-terms.html", &same_twice(&state, &["--format", "handout", "--html", "--all-terms"]));
}

/// The headings of a Markdown document, as `(level, text)`.
fn headings(markdown: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level as usize, String::new())),
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn highlights_go_by_paragraph_in_text_order_and_the_lost_one_last() {
    let handout = state().export(&["--format", "handout"]);
    let pack = bundled();
    let places: Vec<String> = headings(&handout).into_iter().filter(|(level, _)| *level == 3).map(|(_, t)| t).collect();
    let places: Vec<&str> = places.iter().map(String::as_str).take_while(|t| !t.starts_with("The questions")).collect();
    // Each highlighted passage's paragraph, worked out from the article itself.
    let paragraph = |exact: &str| {
        let quote = passage(&pack, exact);
        format!("¶ {}", pack.article.paragraph_number(quote.block).unwrap())
    };
    let mut expected = vec![
        paragraph("released the weights of the model open source"),
        paragraph("undermined the idea that US-based firms have an unreachable lead"),
        paragraph("anarchic production"),
        paragraph("has been dismissed as a gimmick"),
    ];
    expected.dedup();
    expected.push("Not found in this version of the article".into());
    assert_eq!(places, expected);
    // Two highlights in one paragraph are under one heading, each with its kind and note.
    assert!(handout.contains("**Important:** The article's first claim"));
    assert!(handout.contains("**Evidence:** A share price is one day's evidence; \\*look\\* at the weeks after."));
    assert!(handout.contains("**Disagree**\n"), "a highlight with no note shows its kind alone");
    assert!(handout.contains("**Note:** Open weights"), "a note with no highlight");
    // A note of two paragraphs keeps its line break and its paragraphs.
    assert!(
        handout
            .contains("**Question:** Dismissed by whom?\\\nThe article does not say.\n\nAsk in class: who would know?")
    );
}

#[test]
fn every_prompt_has_its_position_or_room_for_one() {
    let handout = state().export(&["--format", "handout"]);
    let pack = bundled();
    let discussion = &handout[handout.find("## Discussion").unwrap()..handout.find("## Terms I looked up").unwrap()];
    for (i, prompt) in pack.discussion.iter().enumerate() {
        let start = discussion.find(&format!("\n{}. ", i + 1)).unwrap_or_else(|| panic!("prompt {} is missing", i + 1));
        let item = &discussion[start..];
        let first_words: String = prompt.prompt.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        assert!(item[..200.min(item.len())].contains(&first_words), "prompt {} is not its own", i + 1);
        // The item runs to the next prompt's number.
        let end = item.find(&format!("\n{}. ", i + 2)).unwrap_or(item.len());
        let item = &item[..end];
        match i {
            0 => {
                assert!(item.contains("**My position:** One day's fall proves little.\\\n   I would want test results"))
            }
            2 => assert!(item.contains("**My position:** An interpretation: the evidence is \\*not\\* given.")),
            _ => assert!(item.contains("**My position:**\\\n"), "prompt {} has room to write", i + 1),
        }
        let ruled = item.lines().filter(|l| l.trim_start().starts_with("\\_")).count();
        match i {
            0 | 2 => assert_eq!(ruled, 0, "prompt {} was answered: no lines to write on", i + 1),
            _ => assert_eq!(ruled, 3, "prompt {}: three lines to write on", i + 1),
        }
    }
}

#[test]
fn the_terms_looked_up_in_order_or_every_term() {
    let state = state();
    let pack = bundled();
    let handout = state.export(&["--format", "handout"]);
    let terms = &handout[handout.find("## Terms I looked up").unwrap()..handout.find("## Quiz results").unwrap()];
    let listed: Vec<&str> =
        terms.lines().filter_map(|l| l.strip_prefix("- **")).map(|l| &l[..l.find("**").unwrap()]).collect();
    // Looked up 1, 0, 3 and 1 again: each once, in the order first looked up.
    assert_eq!(listed, [&pack.terms[1].term, &pack.terms[0].term, &pack.terms[3].term]);
    let all = state.export(&["--format", "handout", "--all-terms"]);
    let glossary = &all[all.find("## Glossary").unwrap()..all.find("## Quiz results").unwrap()];
    assert_eq!(glossary.lines().filter(|l| l.starts_with("- **")).count(), pack.terms.len());
}

#[test]
fn quiz_results_name_the_last_sitting_and_the_questions_missed_most() {
    let handout = state().export(&["--format", "handout"]);
    let pack = bundled();
    let results = &handout[handout.find("## Quiz results").unwrap()..];
    assert!(results.contains("Last sitting (review, 22 November 2026): 3 of 4 right (75%).\nSittings finished: 2."));
    let missed = &results[results.find("### The questions I miss most").unwrap()..];
    // The first question was missed twice, the second once: in that order, with their passages.
    let first = missed.find(&pack.questions[0].prompt[..30]).unwrap();
    let second = missed.find(&pack.questions[1].prompt[..30]).unwrap();
    assert!(first < second);
    assert!(missed[first..second].contains("Missed 2 times."));
    assert!(missed[second..].contains("Missed once."));
    let quote = &pack.questions[0].reference.as_ref().unwrap().quote;
    assert!(missed[first..second].contains(&format!("“{quote}”")), "the passage it tests");
    // The third question was right: it is not listed.
    assert!(!missed.contains(&pack.questions[2].prompt[..30]));
}

#[test]
fn a_reader_with_nothing_done_gets_a_handout_to_fill_in() {
    let handout = empty().export(&["--format", "handout"]);
    assert!(handout.contains("No highlights or notes yet."));
    assert!(handout.contains("No glossary entries looked up yet."));
    assert!(handout.contains("No sitting finished yet."));
    assert!(!handout.contains("### The questions I miss most"));
    assert_eq!(handout.matches("**My position:**\\\n").count(), bundled().discussion.len());
}

#[test]
fn the_printable_page_holds_the_same_handout() {
    let state = state();
    let page = state.export(&["--format", "handout", "--html"]);
    let document = scraper::Html::parse_document(&page);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let title: String = document.select(&select("title")).next().unwrap().text().collect();
    assert_eq!(title, bundled().title);
    let h1: String = document.select(&select("article > h1")).next().unwrap().text().collect();
    assert_eq!(h1, bundled().title);
    let h2: Vec<String> = document.select(&select("h2")).map(|h| h.text().collect()).collect();
    assert_eq!(h2, ["Highlights and notes", "Discussion", "Terms I looked up", "Quiz results"]);
    let markdown = state.export(&["--format", "handout"]);
    let quotes = pulldown_cmark::Parser::new(&markdown)
        .filter(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::BlockQuote(_))))
        .count();
    // Six passages highlighted or noted, and two questions missed with theirs.
    assert_eq!(quotes, 8);
    assert_eq!(document.select(&select("blockquote")).count(), quotes);
    assert_eq!(document.select(&select("script")).count(), 0);
}

#[test]
fn a_sitting_is_dated_in_the_readers_time_zone_and_scored_as_the_results_score_it() {
    use lectern::export::{Format, Options, Record};
    use lectern::store::Finished;
    use lectern::study::deck::Mode;
    let pack = bundled();
    let handout = |zone: jiff::tz::TimeZone| {
        let mut record = Record::empty(today(), zone);
        let late = at("2026-11-22T23:30:00Z");
        record.finished.push(Finished {
            mode: Mode::Quiz,
            started: late,
            finished: late,
            asked: 3,
            right: 1,
            almost: 1,
        });
        let mut out = Vec::new();
        lectern::export::write(&pack, &record, Format::Handout, &Options::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert!(handout(jiff::tz::TimeZone::UTC).contains("Last sitting (quiz, 22 November 2026): 2 of 3 right (67%)."));
    let tokyo = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    assert!(handout(tokyo).contains("Last sitting (quiz, 23 November 2026): 2 of 3 right (67%)."));
}

#[test]
fn a_passage_over_two_paragraphs_is_under_the_first_and_says_how_far_it_runs() {
    use lectern::export::{Format, Options, Record};
    use lectern::notes::{Annotation, Kind, Span};
    use lectern::text::layout::Position;
    let pack = bundled();
    let body: Vec<usize> = pack.article.body().collect();
    let (fifth, sixth) = (body[4], body[5]);
    let span = |from: (usize, usize), to: (usize, usize)| Span {
        start: Position { block: from.0, offset: from.1 },
        end: Position { block: to.0, offset: to.1 },
    };
    let time = at("2026-11-20T09:00:00Z");
    let note = |id, span| Annotation {
        id,
        quote: lectern::notes::Quote::of(&pack.article, span),
        kind: Some(Kind::Important),
        note: format!("note {id}"),
        created: time,
        updated: time,
    };
    let mut record = Record::empty(today(), jiff::tz::TimeZone::UTC);
    // From the start of ¶ 5 into ¶ 6, then a few words later in ¶ 5.
    record.notes.annotations = vec![note(1, span((fifth, 0), (sixth, 10))), note(2, span((fifth, 20), (fifth, 40)))];
    let mut out = Vec::new();
    lectern::export::write(&pack, &record, Format::Handout, &Options::default(), &mut out).unwrap();
    let handout = String::from_utf8(out).unwrap();
    let places: Vec<String> = headings(&handout).into_iter().filter(|(l, _)| *l == 3).map(|(_, t)| t).collect();
    assert_eq!(places, ["¶ 5"], "both under the paragraph they start in");
    assert!(handout.contains("” *(¶ 5–6)*\n"), "the first says how far it runs:\n{handout}");
    assert_eq!(handout.matches("*(¶ 5–6)*").count(), 1);
}
