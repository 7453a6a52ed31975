//! The worksheet: its golden files, its Markdown and its page read back by parsers, each
//! kind of question set as on paper, an answer key that agrees with what the students were
//! shown, the seed, and the options that choose questions.

use lectern::pack::model::{ClozePart, Kind, Question, Reference};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Selector};

use super::*;

/// `lectern export --format worksheet` with `extra`.
fn worksheet(state: &State, extra: &[&str]) -> String {
    let mut args = vec!["--format", "worksheet"];
    args.extend(extra);
    state.export(&args)
}

/// A part of the worksheet under a `##` heading, as a reader gets it: the plain text of
/// each item of its ordered list (hard breaks as new lines, paragraphs apart by a blank
/// line), and its other text.
#[derive(Debug, Default)]
struct Section {
    title: String,
    items: Vec<String>,
    text: String,
}

/// The worksheet's `##` sections in order.
fn sections(md: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let (mut heading, mut depth, mut item) = (None::<String>, 0, String::new());
    for event in Parser::new(md) {
        let text = match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => {
                heading = Some(String::new());
                continue;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                sections.push(Section { title: heading.take().unwrap(), ..Section::default() });
                continue;
            }
            Event::Start(Tag::List(_)) => {
                depth += 1;
                continue;
            }
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                continue;
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                sections.last_mut().unwrap().items.push(std::mem::take(&mut item).trim_end().to_string());
                continue;
            }
            Event::Text(t) => t.to_string(),
            Event::HardBreak | Event::SoftBreak => "\n".to_string(),
            Event::End(TagEnd::Paragraph) => "\n\n".to_string(),
            _ => continue,
        };
        match (&mut heading, sections.last_mut()) {
            (Some(heading), _) => heading.push_str(&text),
            (None, Some(section)) if depth > 0 => {
                item.push_str(&text);
                section.text.push_str(&text);
            }
            (None, Some(section)) => section.text.push_str(&text),
            (None, None) => {}
        }
    }
    sections
}

/// The section titled `title`.
fn section<'a>(sections: &'a [Section], title: &str) -> &'a Section {
    sections.iter().find(|s| s.title == title).unwrap_or_else(|| panic!("no section {title}: {sections:?}"))
}

/// The ¶ of a passage, as the article numbers its paragraphs.
fn paragraph(pack: &Pack, reference: Option<&Reference>) -> Option<usize> {
    pack.article.paragraph_number(reference?.anchor.as_ref()?.block)
}

/// The questions a worksheet with these options should ask, in order.
fn expected<'a>(pack: &'a Pack, only: &[&str], paragraphs: Option<(usize, usize)>) -> Vec<&'a Question> {
    pack.questions
        .iter()
        .filter(|q| only.is_empty() || only.contains(&q.kind.name()))
        .filter(|q| {
            paragraphs.is_none_or(|(first, last)| {
                paragraph(pack, q.reference.as_ref()).is_some_and(|p| (first..=last).contains(&p))
            })
        })
        .collect()
}

/// Whether the item `item` asks `question`: it begins with its prompt.
fn asks(item: &str, question: &Question) -> bool {
    item.starts_with(&format!("{} (", question.prompt.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// The item's paragraphs after the prompt.
fn answer_space(item: &str) -> Vec<&str> {
    item.split("\n\n").skip(1).collect()
}

/// The lines of the item's room to answer (its second paragraph).
fn space_lines(item: &str) -> Vec<&str> {
    answer_space(item).first().map(|p| p.lines().collect()).unwrap_or_default()
}

/// A choice line `☐ b. text` as its letter and text.
fn choice_line(line: &str) -> (&str, &str) {
    let rest = line.strip_prefix("☐ ").unwrap_or_else(|| panic!("not a choice: {line:?}"));
    rest.split_once(". ").unwrap()
}

/// An order line `___ text` as its text.
fn order_line(line: &str) -> &str {
    line.strip_prefix("___ ").unwrap_or_else(|| panic!("not an order item: {line:?}"))
}

fn underscores(line: &str) -> bool {
    line.len() >= 20 && line.chars().all(|c| c == '_')
}

#[test]
fn the_worksheet_against_its_golden_files() {
    let state = empty();
    golden("worksheet.md", &same_twice(&state, &["--format", "worksheet"]));
    golden("worksheet.html", &same_twice(&state, &["--format", "worksheet", "--html"]));
    golden("worksheet-student.md", &same_twice(&state, &["--format", "worksheet", "--no-key", "--seed", "7"]));
    golden(
        "worksheet-choice-cloze-3-7.md",
        &same_twice(&state, &["--format", "worksheet", "--only", "choice,cloze", "--paragraphs", "3-7"]),
    );
}

#[test]
fn the_markdown_has_one_page_break_right_before_the_key_and_no_raw_html() {
    let pack = bundled();
    let md = worksheet(&empty(), &[]);
    let events: Vec<Event> = Parser::new(&md).collect();
    let rules: Vec<usize> = (0..events.len()).filter(|&i| events[i] == Event::Rule).collect();
    assert_eq!(rules.len(), 1, "one page break");
    assert!(matches!(events[rules[0] + 1], Event::Start(Tag::Heading { level: HeadingLevel::H2, .. })));
    assert_eq!(events[rules[0] + 2], Event::Text("Answer key".into()));
    assert!(!events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))), "no raw HTML");

    let sections = sections(&md);
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Questions", "Discussion", "Answer key"]);
    assert_eq!(section(&sections, "Questions").items.len(), pack.questions.len());
    assert_eq!(section(&sections, "Discussion").items.len(), pack.discussion.len());
    assert_eq!(section(&sections, "Answer key").items.len(), pack.questions.len());
    // Every word of a section is in its list: no question's answer space fell out of its item.
    for s in &sections {
        assert_eq!(s.text.trim_end(), s.items.join("\n\n"), "text outside the list of {}", s.title);
    }
    assert!(md.starts_with(&format!("# {}\n\nWorksheet · {}\n\nName: \\_", pack.title, pack.author)), "{md}");
}

#[test]
fn the_students_copy_is_the_keyed_copy_without_its_key() {
    let state = empty();
    let student = worksheet(&state, &["--no-key", "--seed", "7"]);
    assert!(!Parser::new(&student).any(|e| e == Event::Rule), "no page break");
    assert!(!student.contains("Answer key"));
    let keyed = worksheet(&state, &["--seed", "7"]);
    let (questions, _) = keyed.split_once("---\n\n## Answer key").unwrap();
    assert_eq!(student, format!("{}\n", questions.trim_end()), "the same questions, shown the same way");
}

#[test]
fn the_page_keeps_each_question_whole_and_the_key_on_a_page_of_its_own() {
    let pack = bundled();
    let page = Html::parse_document(&worksheet(&empty(), &["--html"]));
    let select = |s: &str| Selector::parse(s).unwrap();
    assert_eq!(page.select(&select("script")).count(), 0);
    let children = |e: ElementRef<'_>, name: &str| {
        e.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == name).count()
    };
    let lists: Vec<ElementRef> = page.select(&select("article > ol")).collect();
    assert_eq!(lists.len(), 3, "questions, discussion, key");
    assert_eq!(children(lists[0], "li"), pack.questions.len());
    assert_eq!(children(lists[2], "li"), pack.questions.len());

    // The parts of the page in order: only a list under each heading.
    let article = page.select(&select("article")).next().unwrap();
    let parts: Vec<String> = article
        .children()
        .filter_map(ElementRef::wrap)
        .map(|e| match e.value().name() {
            "h2" => format!("h2 {}", e.text().collect::<String>()),
            name => name.to_string(),
        })
        .skip_while(|part| part != "h2 Questions")
        .collect();
    assert_eq!(parts, ["h2 Questions", "ol", "h2 Discussion", "ol", "hr", "h2 Answer key", "ol"]);
    // Each question is one item: the last one holds its own answer space.
    let last = lists[0].children().filter_map(ElementRef::wrap).last().unwrap().text().collect::<String>();
    assert!(last.contains(&pack.questions.last().unwrap().prompt));
    assert!(last.contains("___"), "{last}");
}

#[test]
fn every_question_is_set_as_its_kind_asks() {
    let pack = bundled();
    let md = worksheet(&empty(), &[]);
    let sections = sections(&md);
    let items = &section(&sections, "Questions").items;
    let mut kinds = std::collections::BTreeSet::new();
    for (question, item) in pack.questions.iter().zip(items) {
        kinds.insert(question.kind.name());
        assert!(asks(item, question), "{item:?} does not ask {}", question.id);
        let first = item.lines().next().unwrap();
        if let Some(p) = paragraph(&pack, question.reference.as_ref()) {
            assert!(first.ends_with(&format!(" · ¶ {p})")), "{first:?}");
        }
        let lines = space_lines(item);
        match &question.kind {
            Kind::Choice { choices, .. } | Kind::Multi { choices, .. } => {
                let how =
                    if matches!(question.kind, Kind::Choice { .. }) { "(tick one" } else { "(tick all that apply" };
                assert!(first.contains(how), "{first:?}");
                let shown: Vec<(&str, &str)> = lines.iter().map(|l| choice_line(l)).collect();
                let letters: Vec<&str> = shown.iter().map(|(l, _)| *l).collect();
                assert_eq!(letters, ["a", "b", "c", "d", "e", "f"][..choices.len()], "{}", question.id);
                let mut texts: Vec<&str> = shown.iter().map(|(_, t)| *t).collect();
                let mut all: Vec<&str> = choices.iter().map(String::as_str).collect();
                texts.sort();
                all.sort();
                assert_eq!(texts, all, "{}", question.id);
            }
            Kind::TrueFalse { .. } => {
                assert_eq!(lines.len(), 1);
                assert!(lines[0].starts_with("☐ True") && lines[0].ends_with("☐ False"), "{lines:?}");
            }
            Kind::Text { .. } => assert!(lines.len() == 1 && underscores(lines[0]), "{lines:?}"),
            Kind::Card { .. } => assert!(lines.len() == 3 && lines.iter().all(|l| underscores(l)), "{lines:?}"),
            Kind::Cloze { parts } => {
                let mut gap = 0;
                let text: String = parts
                    .iter()
                    .map(|p| match p {
                        ClozePart::Text(t) => t.clone(),
                        ClozePart::Gap(_) => {
                            gap += 1;
                            format!("({gap}) {}", "_".repeat(14))
                        }
                    })
                    .collect();
                assert_eq!(lines, [text.as_str()], "{}", question.id);
            }
            Kind::Order { items: right } => {
                let shown: Vec<&str> = lines.iter().map(|l| order_line(l)).collect();
                assert_ne!(shown, right.iter().map(String::as_str).collect::<Vec<_>>(), "{} is solved", question.id);
                let (mut shown, mut right) = (shown, right.iter().map(String::as_str).collect::<Vec<_>>());
                shown.sort();
                right.sort();
                assert_eq!(shown, right);
                assert!(first.contains(&format!("(number them 1 to {}", right.len())), "{first:?}");
            }
        }
    }
    assert_eq!(kinds.len(), Kind::NAMES.len(), "the bundled pack has every kind: {kinds:?}");
}

#[test]
fn the_key_answers_each_question_as_it_was_shown() {
    let pack = bundled();
    let mut shuffled = 0;
    for seed in ["1", "7"] {
        let md = worksheet(&empty(), &["--seed", seed]);
        let sections = sections(&md);
        let questions = &section(&sections, "Questions").items;
        let key = &section(&sections, "Answer key").items;
        for ((question, item), answer) in pack.questions.iter().zip(questions).zip(key) {
            let right = answer.split("\n\n").next().unwrap();
            match &question.kind {
                Kind::Choice { choices, shuffle, .. } | Kind::Multi { choices, shuffle, .. } => {
                    let answers = match &question.kind {
                        Kind::Choice { answer, .. } => vec![*answer],
                        Kind::Multi { answers, .. } => answers.clone(),
                        _ => unreachable!(),
                    };
                    let shown: Vec<(&str, &str)> = space_lines(item).iter().map(|l| choice_line(l)).collect();
                    let texts: Vec<&str> = shown.iter().map(|(_, t)| *t).collect();
                    if texts != choices.iter().map(String::as_str).collect::<Vec<_>>() {
                        assert!(shuffle, "{} is shuffled", question.id);
                        shuffled += 1;
                    }
                    // Each line of the key is a letter shown and the choice shown with it.
                    let mut given = Vec::new();
                    for line in right.lines() {
                        let (letter, text) = line.split_once(". ").unwrap();
                        assert!(shown.contains(&(letter, text)), "{}: key {line:?}, shown {shown:?}", question.id);
                        given.push(text);
                    }
                    given.sort();
                    let mut expected: Vec<&str> = answers.iter().map(|&i| choices[i].as_str()).collect();
                    expected.sort();
                    assert_eq!(given, expected, "{}", question.id);
                }
                Kind::TrueFalse { answer } => assert_eq!(right, if *answer { "True" } else { "False" }),
                Kind::Text { answer, accept } => {
                    assert!(right.starts_with(answer.as_str()), "{right:?}");
                    assert!(accept.iter().all(|a| right.contains(a.as_str())), "{right:?}");
                }
                Kind::Cloze { parts } => {
                    let gaps: Vec<&Vec<String>> =
                        parts.iter().filter_map(|p| if let ClozePart::Gap(a) = p { Some(a) } else { None }).collect();
                    let lines: Vec<&str> = right.lines().collect();
                    assert_eq!(lines.len(), gaps.len());
                    for (n, (line, answers)) in lines.iter().zip(gaps).enumerate() {
                        assert!(line.starts_with(&format!("({}) {}", n + 1, answers[0])), "{line:?}");
                        assert!(answers.iter().all(|a| line.contains(a.as_str())), "{line:?}");
                    }
                }
                Kind::Order { items } => {
                    // The numbers for the boxes put the items shown in their right order.
                    let shown: Vec<&str> = space_lines(item).iter().map(|l| order_line(l)).collect();
                    let boxes = right.lines().next().unwrap().split_once(" in the boxes").unwrap().0;
                    let mut placed: Vec<(usize, &str)> =
                        boxes.split(", ").map(|n| n.parse::<usize>().unwrap()).zip(shown).collect();
                    placed.sort();
                    let placed: Vec<&str> = placed.into_iter().map(|(_, item)| item).collect();
                    assert_eq!(placed, items.iter().map(String::as_str).collect::<Vec<_>>(), "{}", question.id);
                }
                Kind::Card { back } => assert_eq!(right, back.as_str()),
            }
            if let Some(explain) = &question.explain {
                assert!(answer.contains(explain.as_str()), "{}: no explanation in {answer:?}", question.id);
            }
            if let Some(p) = paragraph(&pack, question.reference.as_ref()) {
                assert!(answer.contains(&format!("(¶ {p})")), "{}: no ¶ in {answer:?}", question.id);
            }
        }
    }
    assert!(shuffled > 0, "some choices are shown in another order than the pack's");
}

#[test]
fn another_seed_shuffles_the_order_items_again() {
    let pack = bundled();
    let orders = |seed: &str| -> Vec<Vec<String>> {
        let md = worksheet(&empty(), &["--only", "order", "--seed", seed]);
        section(&sections(&md), "Questions")
            .items
            .iter()
            .map(|item| space_lines(item).iter().map(|l| order_line(l).to_string()).collect())
            .collect()
    };
    let (one, seven) = (orders("1"), orders("7"));
    assert_eq!(one.len(), expected(&pack, &["order"], None).len());
    assert!(one.len() >= 2);
    assert_ne!(one, seven, "another seed, another order");
    for (a, b) in one.iter().zip(&seven) {
        let (mut a, mut b) = (a.clone(), b.clone());
        a.sort();
        b.sort();
        assert_eq!(a, b, "the same items");
    }
    assert_eq!(one, orders("1"), "the same seed, the same order");
}

#[test]
fn only_and_paragraphs_choose_the_questions() {
    let pack = bundled();
    let state = empty();
    for (only, paragraphs) in [
        (&["choice", "cloze"][..], Some((3, 7))),
        (&["truefalse"][..], None),
        (&["order", "card", "multi"][..], None),
        (&[][..], Some((5, 5))),
        (&[][..], Some((3, 7))),
        (&["text"][..], Some((10, 15))),
    ] {
        let mut args = Vec::new();
        let only_arg = only.join(",");
        if !only.is_empty() {
            args.extend(["--only", only_arg.as_str()]);
        }
        let range = paragraphs.map(|(a, b)| format!("{a}-{b}")).unwrap_or_default();
        if paragraphs.is_some() {
            args.extend(["--paragraphs", range.as_str()]);
        }
        let expected = expected(&pack, only, paragraphs);
        assert!(!expected.is_empty() && expected.len() < pack.questions.len(), "{args:?} chooses some");
        let md = worksheet(&state, &args);
        let sections = sections(&md);
        let items = &section(&sections, "Questions").items;
        assert_eq!(items.len(), expected.len(), "{args:?}");
        for (item, question) in items.iter().zip(&expected) {
            assert!(asks(item, question), "{args:?}: {item:?} is not {}", question.id);
        }
        // The key is numbered as the questions kept.
        assert_eq!(section(&sections, "Answer key").items.len(), expected.len());
    }
}

#[test]
fn a_worksheet_with_no_question_left_says_so() {
    let pack = bundled();
    assert!(expected(&pack, &["cloze"], Some((1, 1))).is_empty());
    let md = worksheet(&empty(), &["--only", "cloze", "--paragraphs", "1"]);
    let sections = sections(&md);
    let questions = section(&sections, "Questions");
    assert!(questions.items.is_empty());
    assert_eq!(questions.text.trim(), "No question matches --only cloze and --paragraphs 1.");
    assert_eq!(section(&sections, "Discussion").items.len(), pack.discussion.len());
    assert!(!md.contains("Answer key") && !Parser::new(&md).any(|e| e == Event::Rule), "no key to nothing");
}
