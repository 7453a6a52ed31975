//! Notes for Anki: a tab-separated file that Anki's File › Import reads with nothing to
//! choose, its settings given in the file headers Anki reads (Anki 2.1.55 and later).
//!
//! Each row is one note: its GUID, its notetype, its deck, two fields and its tags. Glossary
//! terms (when the pack makes them cards), `card` and `text` questions become Basic notes
//! (Front, Back); `cloze` questions become Cloze notes (Text, Back Extra). Questions answered
//! by picking or ordering (`choice`, `multi`, `truefalse`, `order`) are left out: their
//! choices are what they ask, and a note would give the answer away.
//!
//! The GUID is made from the pack id and the card's key alone, so that importing a later
//! export of the same pack, even of a new version, updates the notes made before instead
//! of adding copies (a question whose kind changed from `text` to `cloze` keeps its GUID,
//! and Anki reports it as a conflict rather than change a note's type). The deck,
//! `lectern::` and the pack's title, is made on import when missing. Notetypes are named
//! `Basic` and `Cloze`, the names of Anki's own in an English collection; a collection
//! made in another language names them otherwise, and Anki then imports those rows only
//! once a notetype of that name exists.

use crate::pack::Pack;
use crate::pack::model::{ClozePart, Kind};
use crate::study::deck::{self, Item};
use crate::text::sanitize::{one_line, printable};

/// The headers: a tab between columns, fields in HTML, and which column holds what.
/// Anki reads `#key:value` lines at the top of the file, and ignores those it does not know.
const HEADER: &str = "#separator:tab\n\
    #html:true\n\
    #guid column:1\n\
    #notetype column:2\n\
    #deck column:3\n\
    #tags column:6\n\
    #columns:GUID\tNotetype\tDeck\tFront or Text\tBack or Back Extra\tTags\n\
    #lectern:glossary terms, card and text questions are Basic notes, cloze questions Cloze notes; \
    choice, multi, truefalse and order questions are left out\n";

/// The parent deck of every pack's deck.
const DECK: &str = "lectern";

/// One note, its fields already HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Note {
    guid: String,
    notetype: &'static str,
    fields: [String; 2],
    /// The tag naming where the note came from: `lectern::text`, `lectern::glossary`, …
    tag: String,
}

/// The Anki file of `pack`: the headers, then a row for each note in pack order.
pub fn anki(pack: &Pack) -> String {
    let deck = deck_name(pack);
    let tags: Vec<String> = pack.tags.iter().map(|t| tag(t)).filter(|t| !t.is_empty()).collect();
    let mut out = String::from(HEADER);
    for note in deck::items(pack).into_iter().filter_map(|item| note(pack, item)) {
        let mut row_tags = tags.clone();
        row_tags.push(note.tag);
        let row = [note.guid.as_str(), note.notetype, &deck, &note.fields[0], &note.fields[1], &row_tags.join(" ")];
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

/// The note `item` makes, if it makes one.
fn note(pack: &Pack, item: Item) -> Option<Note> {
    let guid = guid(&pack.id, &deck::key(pack, item));
    let basic = |front: String, back: String, tag: &str| Note {
        guid: guid.clone(),
        notetype: "Basic",
        fields: [front, back],
        tag: format!("{DECK}::{tag}"),
    };
    let q = match item {
        Item::Term(t) => {
            let term = &pack.terms[t];
            let mut back = html(&term.definition);
            paragraph(&mut back, "Also called: ", &term.aliases);
            return Some(basic(html(&term.term), back, "glossary"));
        }
        Item::Question(q) => &pack.questions[q],
    };
    let with_explanation = |mut back: String| {
        if let Some(explain) = q.explain.as_deref().map(html).filter(|e| !e.is_empty()) {
            back.push_str("<br><br>");
            back.push_str(&explain);
        }
        back
    };
    match &q.kind {
        Kind::Card { back } => Some(basic(html(&q.prompt), with_explanation(html(back)), "card")),
        Kind::Text { answer, accept } => {
            let mut back = html(answer);
            paragraph(&mut back, "Also accepted: ", accept);
            Some(basic(html(&q.prompt), with_explanation(back), "text"))
        }
        Kind::Cloze { parts } => Some(Note {
            guid,
            notetype: "Cloze",
            fields: [
                cloze(&q.prompt, parts),
                q.explain.as_deref().map(|e| cloze_safe(&html(e), false)).unwrap_or_default(),
            ],
            tag: format!("{DECK}::cloze"),
        }),
        Kind::Choice { .. } | Kind::Multi { .. } | Kind::TrueFalse { .. } | Kind::Order { .. } => None,
    }
}

/// Adds a paragraph `label` and the `items`, joined by `; `, to `field`, when there are any.
fn paragraph(field: &mut String, label: &str, items: &[String]) {
    let items: Vec<String> = items.iter().map(|i| html(i)).filter(|i| !i.is_empty()).collect();
    if !items.is_empty() {
        field.push_str("<br><br>");
        field.push_str(label);
        field.push_str(&items.join("; "));
    }
}

/// A Cloze note's Text: the question's prompt, then its text with the `n`th gap written
/// `{{cn::first answer}}`, every gap its own card.
fn cloze(prompt: &str, parts: &[ClozePart]) -> String {
    let mut text = cloze_safe(&html(prompt), false);
    if !text.is_empty() {
        text.push_str("<br><br>");
    }
    let mut gap = 0;
    for part in parts {
        match part {
            ClozePart::Text(words) => text.push_str(&cloze_safe(&escape(words), false)),
            ClozePart::Gap(answers) => {
                gap += 1;
                let answer = answers.first().map(|a| cloze_safe(&escape(a), true)).unwrap_or_default();
                text.push_str(&format!("{{{{c{gap}::{answer}}}}}"));
            }
        }
    }
    text
}

/// `s` (HTML already) with the characters of Anki's cloze markup written as character
/// references, so that only the gaps made here are read as gaps: braces everywhere in a
/// Cloze note, and in an answer colons too (`::` starts a hint there).
fn cloze_safe(s: &str, answer: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            ':' if answer => out.push_str("&#58;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a field of HTML: printable, its lines trimmed, `& < > "` escaped and each line
/// break a `<br>`, so that a field never holds a tab or a newline that would end it.
fn html(s: &str) -> String {
    let text = printable(s);
    escape(&text.trim().lines().map(str::trim).collect::<Vec<_>>().join("\n"))
}

/// `s` printable and escaped as in [`html`], its white space kept as it is but for line
/// breaks: for a piece of a field.
fn escape(s: &str) -> String {
    let text = printable(s);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in line.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                // `printable` made tabs spaces and dropped carriage returns already; a
                // stray one would still end the field or the row.
                '\t' | '\r' => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out
}

/// The deck of the pack's notes: `lectern::` and the pack's title (its id when the title is
/// empty), on one line, with no `::` inside the title (that would make a deck below it).
fn deck_name(pack: &Pack) -> String {
    let title = one_line(&pack.title);
    let title = if title.is_empty() { one_line(&pack.id) } else { title };
    let mut name = format!("{DECK}::");
    // The title starts after `::`: a colon at its start would make a third.
    let mut last = ':';
    for c in title.chars() {
        if !(c == ':' && last == ':') {
            name.push(c);
        }
        last = c;
    }
    name
}

/// A pack tag as an Anki tag: Anki separates tags by spaces and refuses `"` in them, so
/// white space becomes `_` and quotes are dropped.
fn tag(s: &str) -> String {
    one_line(s).chars().filter(|&c| c != '"').map(|c| if c == ' ' { '_' } else { c }).collect()
}

/// The note's GUID: 16 hex digits of the FNV-1a hash of the pack id and the card's key.
/// The same on every machine and in every export, different for every note of a pack.
fn guid(pack_id: &str, key: &str) -> String {
    format!("{:016x}", fnv1a(&[pack_id.as_bytes(), &[0x1f], key.as_bytes()]))
}

/// The 64-bit FNV-1a hash of the bytes of `parts`, one after the other: the same on every
/// machine and in every version, for what an export names by a hash (the worksheet's
/// shuffles too).
pub(super) fn fnv1a(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    parts.iter().flat_map(|p| p.iter()).fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_reference_hash() {
        // The published test vectors of FNV-1a 64.
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&[b"foobar"]), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a(&[b"foo", b"bar"]), fnv1a(&[b"foobar"]));
    }

    #[test]
    fn guids_are_hex_and_differ_by_pack_and_key() {
        let a = guid("pack", "q1");
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(a, guid("pack", "q1"));
        assert_ne!(a, guid("pack", "q2"));
        assert_ne!(a, guid("other", "q1"));
        // The separator keeps the id and the key apart.
        assert_ne!(guid("ab", "c"), guid("a", "bc"));
    }

    #[test]
    fn fields_are_one_line_of_escaped_html() {
        assert_eq!(
            html("  <b>Tom & \"Jerry\"</b>\n\tsecond line \n"),
            "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;<br>second line"
        );
        assert_eq!(html("red\u{1b}[31m text\u{202e}\r\n"), "red text");
        assert_eq!(html("a\tb"), "a b");
        assert_eq!(html(""), "");
    }

    #[test]
    fn cloze_gaps_are_numbered_and_their_answers_cannot_break_out() {
        let parts = vec![
            ClozePart::Text("In ".into()),
            ClozePart::Gap(vec!["2017".into(), "twenty-seventeen".into()]),
            ClozePart::Text(" the {plan} ".into()),
            ClozePart::Gap(vec!["a::b}}c".into()]),
        ];
        assert_eq!(
            cloze("Fill the gaps.", &parts),
            "Fill the gaps.<br><br>In {{c1::2017}} the &#123;plan&#125; {{c2::a&#58;&#58;b&#125;&#125;c}}"
        );
    }

    #[test]
    fn tags_and_decks_are_single_words_and_names() {
        assert_eq!(tag("media literacy"), "media_literacy");
        assert_eq!(tag(" \"quoted\"\ttag "), "quoted_tag");
        assert_eq!(one_line("a\n  b\u{1b}[1m c"), "a b c");
    }
}
