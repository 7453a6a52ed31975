//! Every naughty string, in every field of a pack and of the reader's notes, comes out of
//! every format inert: no control character, no escape sequence, no direction change; in
//! Markdown no markup it did not ask for (the same headings, lists and quotes as a pack of
//! plain words, and never HTML, a link or an image); in HTML nothing that runs or fetches;
//! in JSON a document that parses; in the Anki file rows that keep their columns.

use std::collections::BTreeMap;

use lectern::export::{self, Format, Options, Record};
use lectern::notes::{Annotation, Answer, Kind as Highlight, Notes, Quote, Span};
use lectern::pack::source::Origin;
use lectern::store::{Finished, Lookup};
use lectern::study::deck::{Mode, items, key};
use lectern::study::schedule::{Card, Outcome, Rating, Scheduler};
use lectern::text::layout::Position;
use lectern::text::sanitize::is_bidi_control;
use pulldown_cmark::{Event, Parser, Tag};

#[path = "../support/naughty.rs"]
mod naughty;

use super::{at, today};

/// The reader's record on `pack` with `s` in every field a reader writes: notes, the
/// passages they are on (one placed, one not), a position, each card's last answer and a
/// term looked up.
fn record(pack: &lectern::pack::Pack, s: &str) -> Record {
    let time = at("2026-11-20T09:00:00Z");
    let quote = |exact: &str, block| Quote { exact: exact.into(), prefix: s.into(), suffix: s.into(), block };
    let placed = pack.article.blocks.iter().position(|b| !b.text.trim().is_empty()).unwrap_or(0);
    let end = pack.article.blocks.get(placed).map_or(0, |b| b.text.len());
    let span = Span { start: Position { block: placed, offset: 0 }, end: Position { block: placed, offset: end } };
    let passage = Quote::of(&pack.article, span);
    let annotation = |id, quote, kind, note: String| Annotation { id, quote, kind, note, created: time, updated: time };
    let notes = Notes {
        annotations: vec![
            annotation(1, passage.clone(), Some(Highlight::Question), s.to_string()),
            annotation(2, passage, None, format!("{s}\n\n{s}\n{s}")),
            annotation(3, quote("a passage this article never had", 0), Some(Highlight::Disagree), s.to_string()),
        ],
        bookmarks: Vec::new(),
        answers: pack
            .discussion
            .iter()
            .map(|p| Answer { prompt: p.prompt.clone(), text: s.to_string(), updated: time })
            .collect(),
    };
    let scheduler = Scheduler::new();
    let mut cards = BTreeMap::new();
    let mut answered = BTreeMap::new();
    for item in items(pack) {
        let mut card = Card::default();
        scheduler.review(&mut card, Rating::Again, Some(Outcome::Wrong), today());
        card.given = Some(s.to_string());
        cards.insert(key(pack, item), card);
        answered.insert(key(pack, item), time);
    }
    let lookups = pack
        .terms
        .iter()
        .map(|t| t.term.clone())
        .chain([format!("{s} (no longer in the glossary)")])
        .map(|term| Lookup { term, first: time, count: 1 })
        .collect();
    let finished = vec![Finished { mode: Mode::Quiz, started: time, finished: time, asked: 7, right: 3, almost: 1 }];
    Record { notes, cards, answered, finished, lookups, today: today(), zone: jiff::tz::TimeZone::UTC }
}

/// Every format and form, as `(name, format, options)`.
fn forms() -> Vec<(&'static str, Format, Options)> {
    let with = |f: fn(&mut Options)| {
        let mut options = Options { all_terms: true, ..Options::default() };
        f(&mut options);
        options
    };
    vec![
        ("text", Format::Text, with(|_| {})),
        ("text without numbers", Format::Text, with(|o| o.numbers = false)),
        ("handout", Format::Handout, with(|_| {})),
        ("handout html", Format::Handout, with(|o| o.html = true)),
        ("handout of looked-up terms", Format::Handout, with(|o| o.all_terms = false)),
        ("worksheet", Format::Worksheet, with(|_| {})),
        ("worksheet html", Format::Worksheet, with(|o| o.html = true)),
        ("anki", Format::Anki, with(|_| {})),
        ("results", Format::Results, with(|_| {})),
    ]
}

fn export(pack: &lectern::pack::Pack, record: &Record, format: Format, options: &Options) -> String {
    let mut out = Vec::new();
    export::write(pack, record, format, options, &mut out).unwrap();
    String::from_utf8(out).expect("an export is UTF-8")
}

/// What a Markdown document is built of: how many headings (by level), lists, items,
/// block quotes, code blocks, rules, and bold and italic runs (but a passage's `(¶ n)`). Panics on what an export must never hold.
fn structure(markdown: &str, what: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    let mut events = Parser::new(markdown).peekable();
    while let Some(event) = events.next() {
        let name = match event {
            Event::Start(Tag::Heading { level, .. }) => format!("h{}", level as usize),
            Event::Start(Tag::List(first)) => format!("list {}", first.is_some()),
            Event::Start(Tag::Item) => "item".into(),
            Event::Start(Tag::BlockQuote(_)) => "quote".into(),
            Event::Start(Tag::CodeBlock(_)) => "code block".into(),
            Event::Rule => "rule".into(),
            Event::Start(Tag::Strong) => "strong".into(),
            // A passage's ¶ is given where the pack's quote was found, which depends on the
            // words: only the other italic runs must be the plain pack's.
            Event::Start(Tag::Emphasis) => match events.peek() {
                Some(Event::Text(text)) if text.starts_with("(¶ ") => continue,
                _ => "emphasis".into(),
            },
            Event::Html(_) | Event::InlineHtml(_) => panic!("{what}: raw HTML in\n{markdown}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => panic!("{what}: a link or image in\n{markdown}"),
            Event::Code(_) => panic!("{what}: inline code in\n{markdown}"),
            _ => continue,
        };
        *counts.entry(name).or_insert(0) += 1;
    }
    counts
}

/// Checks the HTML page: one stylesheet, and nothing that runs, fetches or links.
fn check_page(page: &str, what: &str) -> BTreeMap<String, usize> {
    let document = scraper::Html::parse_document(page);
    for tag in ["script", "iframe", "img", "object", "embed", "link", "a", "svg", "form", "base", "meta[http-equiv]"] {
        let selector = scraper::Selector::parse(tag).unwrap();
        assert_eq!(document.select(&selector).count(), 0, "{what}: <{tag}> in the page");
    }
    let style = scraper::Selector::parse("style").unwrap();
    assert_eq!(document.select(&style).count(), 1, "{what}: one stylesheet");
    let mut counts = BTreeMap::new();
    for tag in ["h1", "h2", "h3", "ol", "ul", "li", "blockquote", "hr"] {
        let selector = scraper::Selector::parse(tag).unwrap();
        counts.insert(tag.to_string(), document.select(&selector).count());
    }
    // Every element carries no attribute but those the renderer writes (`start` on a list
    // that does not begin at 1) and the page's own.
    for element in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        for (name, _) in element.value().attrs() {
            assert!(
                ["start", "lang", "charset", "name", "content"].contains(&name),
                "{what}: attribute {name} on <{}>",
                element.value().name()
            );
        }
    }
    counts
}

/// How many cloze gaps the pack's questions have: a string with `{{` and `}}` in it makes
/// more, and a pack of another shape.
fn gaps(pack: &lectern::pack::Pack) -> usize {
    pack.questions
        .iter()
        .map(|q| match &q.kind {
            lectern::pack::model::Kind::Cloze { parts } => {
                parts.iter().filter(|p| matches!(p, lectern::pack::model::ClozePart::Gap(_))).count()
            }
            _ => 0,
        })
        .sum()
}

/// The number of tab-separated columns of each data row of an Anki file.
fn anki_columns(file: &str) -> Vec<usize> {
    file.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').count()).collect()
}

#[test]
fn naughty_strings_come_out_inert_in_every_format() {
    let plain_files = naughty::pack_files("plain words");
    let plain_pack = lectern::pack::load(Origin::Memory { id: "plain", files: &plain_files }).pack;
    let plain_record = record(&plain_pack, "plain words");
    let forms = forms();
    let plain: Vec<String> = forms.iter().map(|(_, f, o)| export(&plain_pack, &plain_record, *f, o)).collect();

    let strings = naughty::naughty_strings();
    let mut compared = 0;
    for s in &strings {
        let files = naughty::pack_files(s);
        let loaded = lectern::pack::load(Origin::Memory { id: "naughty", files: &files });
        let pack = &loaded.pack;
        let record = record(pack, s);
        // A pack that loads clean has the plain pack's shape, so its exports have the same
        // structure; one with errors (an empty title, a ref not found) is only checked inert.
        let same_shape = loaded.is_ok() && !s.trim().is_empty() && gaps(pack) == gaps(&plain_pack);
        compared += usize::from(same_shape);
        for ((name, format, options), plain) in forms.iter().zip(&plain) {
            let what = format!("{name} of {s:?}");
            let out = export(pack, &record, *format, options);
            let tabs = *format == Format::Anki;
            let bad =
                out.chars().find(|&c| (c.is_control() && c != '\n' && !(tabs && c == '\t')) || is_bidi_control(c));
            assert_eq!(bad, None, "{what}: a control character");
            match (format, options.html) {
                (Format::Handout | Format::Worksheet, false) => {
                    let shape = structure(&out, &what);
                    if same_shape {
                        assert_eq!(shape, structure(plain, name), "{what}: the structure changed:\n{out}");
                    }
                }
                (Format::Handout | Format::Worksheet, true) => {
                    let shape = check_page(&out, &what);
                    if same_shape {
                        assert_eq!(shape, check_page(plain, name), "{what}: the page's structure changed");
                    }
                }
                (Format::Results, _) => {
                    let json: serde_json::Value =
                        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{what}: not JSON ({e}):\n{out}"));
                    let title = lectern::text::sanitize::printable(&pack.title);
                    assert_eq!(json["pack"]["title"].as_str(), Some(title.as_ref()), "{what}");
                }
                (Format::Anki, _) => {
                    if same_shape {
                        assert_eq!(anki_columns(&out), anki_columns(plain), "{what}: rows lost their columns:\n{out}");
                    }
                }
                (Format::Text, _) => {}
            }
        }
        // The reader's words are there, whatever they hold: in the handout, the note on the
        // passage that was found (its first words, printable).
        if same_shape {
            let handout = export(pack, &record, Format::Handout, &Options::default());
            let words: String = lectern::text::sanitize::printable(s).split_whitespace().take(1).collect();
            if !words.is_empty() {
                let read: String = Parser::new(&handout)
                    .filter_map(|e| if let Event::Text(t) = e { Some(t.into_string()) } else { None })
                    .collect();
                assert!(read.contains(&words), "{s:?}: the note's words are not in the handout");
            }
        }
    }
    assert!(compared > 300, "only {compared} strings made a pack of the plain one's shape");
}
