//! The quiz on paper: numbered questions with room to answer (lettered choices with boxes,
//! ruled lines, numbered gaps, items to number), the discussion prompts, then the answer key
//! after a thematic break, which the printable page turns into a page break.
//!
//! Choices that the pack lets shuffle, and order items always, are shuffled from the seed
//! and the question's id: the same seed gives the same worksheet, and a question is shown
//! the same way whichever other questions are chosen, so a students' copy and a key made
//! with the same seed agree.

use super::Options;
use super::markdown::{blank, inline, lines, strong};
use crate::pack::Pack;
use crate::pack::model::{ClozePart, Kind, Question, Reference};
use crate::study::deck::{self, SplitMix64};

/// Underscores in the line under a typed-answer question.
const SHORT_LINE: usize = 40;
/// Underscores in each line of a longer answer (a card, a discussion prompt).
const LONG_LINE: usize = 60;
/// Underscores in a cloze gap.
const GAP: usize = 14;
/// Lines to write on for a card.
const CARD_LINES: usize = 3;
/// Lines to write on for a discussion prompt.
const DISCUSSION_LINES: usize = 5;
/// Set between the words of a line where HTML would fold a run of spaces into one.
const WIDE_SPACE: &str = "\u{2003}\u{2003}";

/// The worksheet's Markdown.
pub fn worksheet(pack: &Pack, options: &Options) -> String {
    let set = choose(pack, options);
    let mut out = String::new();
    header(pack, &set, &mut out);
    out.push_str("## Questions\n\n");
    if set.is_empty() {
        out.push_str(&nothing_chosen(pack, options));
        out.push_str("\n\n");
    }
    for (i, question) in set.iter().enumerate() {
        list_item(&mut out, i + 1, &ask(question));
    }
    discussion(pack, &mut out);
    if options.key && !set.is_empty() {
        // The page break: the key is printed on a page of its own.
        out.push_str("---\n\n## Answer key\n\n");
        for (i, question) in set.iter().enumerate() {
            list_item(&mut out, i + 1, &answer(question));
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A question as it is set on the worksheet.
struct Set<'a> {
    question: &'a Question,
    /// The ¶ of its passage, when it has a placed one.
    paragraph: Option<usize>,
    /// The order its choices or order items are shown in, as indexes into the pack's list;
    /// empty for other kinds.
    shown: Vec<usize>,
}

/// The questions the options choose, in the pack's order, each with how it is shown.
fn choose<'a>(pack: &'a Pack, options: &Options) -> Vec<Set<'a>> {
    pack.questions
        .iter()
        .filter(|q| !q.draft)
        .filter(|q| options.only.is_empty() || options.only.iter().any(|kind| kind == q.kind.name()))
        .map(|q| Set { question: q, paragraph: paragraph(pack, q.reference.as_ref()), shown: Vec::new() })
        .filter(|set| match options.paragraphs {
            Some((first, last)) => set.paragraph.is_some_and(|p| (first..=last).contains(&p)),
            None => true,
        })
        .map(|set| Set { shown: shown(&set.question.kind, question_seed(options.seed, &set.question.id)), ..set })
        .collect()
}

/// The ¶ number of a reference's passage, when it was found in a paragraph.
fn paragraph(pack: &Pack, reference: Option<&Reference>) -> Option<usize> {
    pack.article.paragraph_number(reference?.anchor.as_ref()?.block)
}

/// The seed of one question's shuffle: the worksheet's seed mixed with a hash of the
/// question's id (FNV-1a), so that it does not depend on which questions come before it.
fn question_seed(seed: u64, id: &str) -> u64 {
    SplitMix64(seed ^ super::anki::fnv1a(&[id.as_bytes()])).next_u64()
}

/// How a question's choices or items are shown: choices shuffled when the pack allows it,
/// order items always shuffled and never already in their right order.
fn shown(kind: &Kind, seed: u64) -> Vec<usize> {
    match kind {
        Kind::Choice { choices, shuffle, .. } | Kind::Multi { choices, shuffle, .. } => {
            let mut order: Vec<usize> = (0..choices.len()).collect();
            if *shuffle {
                deck::shuffle(&mut order, seed);
            }
            order
        }
        Kind::Order { items } => {
            let mut order: Vec<usize> = (0..items.len()).collect();
            deck::shuffle(&mut order, seed);
            if order.iter().copied().eq(0..items.len()) {
                // Right by chance: a rotation keeps it shuffled but not solved.
                order.rotate_left(1);
            }
            order
        }
        _ => Vec::new(),
    }
}

/// The title, the author, a line for the student's name and the date, and what ¶ means.
fn header(pack: &Pack, set: &[Set<'_>], out: &mut String) {
    let title = if pack.title.trim().is_empty() { "Worksheet".to_string() } else { inline(&pack.title) };
    out.push_str(&format!("# {title}\n\n"));
    match inline(&pack.author) {
        author if author.is_empty() => out.push_str("Worksheet\n\n"),
        author => out.push_str(&format!("Worksheet · {author}\n\n")),
    }
    out.push_str(&format!("Name: {}{WIDE_SPACE}Date: {}\n\n", blank(30), blank(14)));
    let placed = set.iter().any(|s| s.paragraph.is_some())
        || pack.discussion.iter().any(|p| paragraph(pack, p.reference.as_ref()).is_some());
    if placed {
        out.push_str("¶ 4 means the fourth paragraph of the article.\n\n");
    }
}

/// The paragraph said instead of the questions when the options leave none.
fn nothing_chosen(pack: &Pack, options: &Options) -> String {
    let mut filters = Vec::new();
    if !options.only.is_empty() {
        filters.push(format!("--only {}", options.only.join(",")));
    }
    match options.paragraphs {
        Some((first, last)) if first == last => filters.push(format!("--paragraphs {first}")),
        Some((first, last)) => filters.push(format!("--paragraphs {first}-{last}")),
        None => {}
    }
    if filters.is_empty() || pack.questions.is_empty() {
        "This pack has no quiz questions.".to_string()
    } else {
        inline(&format!("No question matches {}.", filters.join(" and ")))
    }
}

/// The blocks of a question's item: its prompt with a note of how to answer, and the room
/// to answer in.
fn ask(set: &Set<'_>) -> Vec<String> {
    let q = set.question;
    let how = match &q.kind {
        Kind::Choice { .. } | Kind::TrueFalse { .. } => "tick one".to_string(),
        Kind::Multi { .. } => "tick all that apply".to_string(),
        Kind::Text { .. } => "write the answer".to_string(),
        Kind::Cloze { .. } => "fill each gap".to_string(),
        Kind::Order { items } => format!("number them 1 to {}", items.len()),
        Kind::Card { .. } => "answer in a sentence or two".to_string(),
    };
    let note = match set.paragraph {
        Some(p) => format!("*({how} · ¶ {p})*"),
        None => format!("*({how})*"),
    };
    let space = match &q.kind {
        Kind::Choice { choices, .. } | Kind::Multi { choices, .. } => set
            .shown
            .iter()
            .enumerate()
            .map(|(place, &i)| format!("☐ {}. {}", letter(place), inline(&choices[i])))
            .collect::<Vec<_>>()
            .join("\\\n"),
        Kind::TrueFalse { .. } => format!("☐ True{WIDE_SPACE}☐ False"),
        Kind::Text { .. } => blank(SHORT_LINE),
        Kind::Cloze { parts } => cloze(parts),
        Kind::Order { items } => {
            set.shown.iter().map(|&i| format!("{} {}", blank(3), inline(&items[i]))).collect::<Vec<_>>().join("\\\n")
        }
        Kind::Card { .. } => ruled(CARD_LINES),
    };
    vec![format!("{} {note}", inline(&q.prompt)), space]
}

/// The cloze text with each gap a numbered blank: `(1) ____`.
fn cloze(parts: &[ClozePart]) -> String {
    let mut out = String::new();
    let mut gap = 0;
    for part in parts {
        match part {
            ClozePart::Text(text) => {
                // `inline` trims; the spaces at either end part the words from the gaps.
                let words = inline(text);
                if text.starts_with(char::is_whitespace) && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&words);
                if text.ends_with(char::is_whitespace) && !words.is_empty() {
                    out.push(' ');
                }
            }
            ClozePart::Gap(_) => {
                gap += 1;
                out.push_str(&format!("({gap}) {}", blank(GAP)));
            }
        }
    }
    out
}

/// `n` lines to write on, one under another.
fn ruled(n: usize) -> String {
    vec![blank(LONG_LINE); n].join("\\\n")
}

/// The blocks of a question's item in the key: the right answer, then the ¶ of its passage
/// and the explanation.
fn answer(set: &Set<'_>) -> Vec<String> {
    let q = set.question;
    let right = match &q.kind {
        Kind::Choice { choices, answer, .. } => lettered(set, choices, &[*answer]),
        Kind::Multi { choices, answers, .. } => lettered(set, choices, answers),
        Kind::TrueFalse { answer } => if *answer { "**True**" } else { "**False**" }.to_string(),
        Kind::Text { answer, accept } => format!("{}{}", strong(answer), also(accept)),
        Kind::Cloze { parts } => parts
            .iter()
            .filter_map(|p| match p {
                ClozePart::Gap(answers) => Some(answers),
                ClozePart::Text(_) => None,
            })
            .enumerate()
            .map(|(i, answers)| format!("({}) {}{}", i + 1, strong(&answers[0]), also(&answers[1..])))
            .collect::<Vec<_>>()
            .join("\\\n"),
        Kind::Order { items } => {
            let boxes: Vec<String> = set.shown.iter().map(|i| (i + 1).to_string()).collect();
            let mut lines = vec![format!("**{}** in the boxes from the top, for the order:", boxes.join(", "))];
            lines.extend(items.iter().enumerate().map(|(i, item)| format!("({}) {}", i + 1, inline(item))));
            lines.join("\\\n")
        }
        Kind::Card { back } => lines(back, ""),
    };
    let mut blocks = vec![right];
    let explain = q.explain.as_deref().map(|e| lines(e, "")).unwrap_or_default();
    match (set.paragraph, explain.is_empty()) {
        (Some(p), false) => blocks.push(format!("*(¶ {p})* {explain}")),
        (Some(p), true) => blocks.push(format!("*(¶ {p})*")),
        (None, false) => blocks.push(explain),
        (None, true) => {}
    }
    blocks
}

/// The right choices by the letters they are shown with, each with its text, one a line.
fn lettered(set: &Set<'_>, choices: &[String], right: &[usize]) -> String {
    let mut lines: Vec<(usize, String)> = right
        .iter()
        .filter_map(|&i| {
            let place = set.shown.iter().position(|&s| s == i)?;
            Some((place, format!("**{}.** {}", letter(place), inline(&choices[i]))))
        })
        .collect();
    lines.sort();
    lines.into_iter().map(|(_, line)| line).collect::<Vec<_>>().join("\\\n")
}

/// The other accepted answers, as ` (also: x; y)`, or nothing.
fn also(accept: &[String]) -> String {
    if accept.is_empty() {
        return String::new();
    }
    let accept: Vec<String> = accept.iter().map(|a| inline(a)).collect();
    format!(" (also: {})", accept.join("; "))
}

/// The letter of the choice shown at `place`: a to z, then aa, ab and on.
fn letter(place: usize) -> String {
    let mut n = place + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

/// The discussion prompts, each with its ¶ and lines to write on.
fn discussion(pack: &Pack, out: &mut String) {
    if pack.discussion.is_empty() {
        return;
    }
    out.push_str("## Discussion\n\n");
    for (i, prompt) in pack.discussion.iter().enumerate() {
        let text = match paragraph(pack, prompt.reference.as_ref()) {
            Some(p) => format!("{} *(¶ {p})*", inline(&prompt.prompt)),
            None => inline(&prompt.prompt),
        };
        list_item(out, i + 1, &[text, ruled(DISCUSSION_LINES)]);
    }
}

/// Writes item `number` of an ordered list: its blocks apart by blank lines, every line
/// after the marker indented by the marker's width, as CommonMark needs to keep it in the
/// item (three spaces after `9.`, four after `10.`).
fn list_item(out: &mut String, number: usize, blocks: &[String]) {
    let marker = format!("{number}. ");
    let indent = " ".repeat(marker.len());
    out.push_str(&marker);
    let mut first = true;
    for block in blocks.iter().filter(|b| !b.is_empty()) {
        if !first {
            out.push('\n');
        }
        for line in block.lines() {
            if !first && !line.is_empty() {
                out.push_str(&indent);
            }
            first = false;
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::source::Origin;
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

    /// A pack of two paragraphs with a hostile title and author, and `quiz` and the
    /// discussion prompts `discussion` as written.
    fn pack(quiz: &str, discussion: &str) -> Pack {
        let meta = format!("title = \"<b>Title</b> & *more*\"\nauthor = \"# Author\"\n{discussion}");
        let article = "# Heading\n\nFirst paragraph, about chips.\n\nSecond paragraph, about data.\n";
        let files = [Some(meta.into_bytes()), Some(article.into()), None, Some(quiz.as_bytes().to_vec())];
        crate::pack::load(Origin::Memory { id: "test", files: &files }).pack
    }

    #[test]
    fn letters_run_on_past_z() {
        assert_eq!(letter(0), "a");
        assert_eq!(letter(25), "z");
        assert_eq!(letter(26), "aa");
        assert_eq!(letter(27), "ab");
    }

    #[test]
    fn order_items_are_never_shown_in_order() {
        let kind = Kind::Order { items: vec!["a".into(), "b".into()] };
        for seed in 0..64 {
            assert_eq!(shown(&kind, seed), vec![1, 0], "seed {seed}");
        }
        let kind = Kind::Order { items: (0..5).map(|i| i.to_string()).collect() };
        for seed in 0..64 {
            let order = shown(&kind, seed);
            assert_ne!(order, vec![0, 1, 2, 3, 4], "seed {seed}");
            let mut sorted = order.clone();
            sorted.sort();
            assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
        }
    }

    #[test]
    fn choices_stay_in_the_packs_order_unless_they_may_shuffle() {
        let choices: Vec<String> = (0..6).map(|i| i.to_string()).collect();
        let fixed = Kind::Choice { choices: choices.clone(), answer: 0, shuffle: false };
        let free = Kind::Multi { choices, answers: vec![0], shuffle: true };
        assert!((0..16).all(|seed| shown(&fixed, seed) == vec![0, 1, 2, 3, 4, 5]));
        assert!((0..16).any(|seed| shown(&free, seed) != vec![0, 1, 2, 3, 4, 5]));
    }

    #[test]
    fn a_question_is_shuffled_by_its_id_not_its_place() {
        assert_eq!(question_seed(1, "a"), question_seed(1, "a"));
        assert_ne!(question_seed(1, "a"), question_seed(1, "b"));
        assert_ne!(question_seed(1, "a"), question_seed(2, "a"));
    }

    #[test]
    fn cloze_gaps_are_numbered_blanks_between_the_words() {
        let parts = crate::pack::model::parse_cloze("{{In}} the *year* {{2017}}, {{x}}").unwrap();
        assert_eq!(cloze(&parts), format!("(1) {b} the \\*year\\* (2) {b}, (3) {b}", b = blank(GAP)));
    }

    #[test]
    fn item_lines_stay_inside_two_digit_items() {
        let mut out = String::new();
        list_item(&mut out, 10, &["prompt".into(), "line\\\nline".into(), String::new(), "last\n\nmore".into()]);
        assert_eq!(out, "10. prompt\n\n    line\\\n    line\n\n    last\n\n    more\n\n");
    }

    #[test]
    fn nothing_from_a_pack_reads_as_markup() {
        let hostile = "<script>alert(1)</script> [link](javascript:x) `code` # \u{1b}[31m *em* 1. \\";
        let h = toml::Value::String(hostile.into()).to_string();
        let card = toml::Value::String(format!("{hostile}\n\n- {hostile}")).to_string();
        let quiz = format!(
            "[[question]]\nid = \"a\"\nkind = \"choice\"\nprompt = {h}\nchoices = [{h}, \"- two\"]\nanswer = {h}\n\
             explain = {h}\nref = \"about chips\"\n\n\
             [[question]]\nid = \"b\"\nkind = \"cloze\"\nprompt = {h}\ntext = \"<i>{{{{1. x|<b>}}}}</i> `y`\"\n\n\
             [[question]]\nid = \"c\"\nkind = \"order\"\nprompt = {h}\nitems = [{h}, \"> quote\"]\n\n\
             [[question]]\nid = \"d\"\nkind = \"text\"\nprompt = {h}\nanswer = {h}\naccept = [\"- {{x}}\"]\n\n\
             [[question]]\nid = \"e\"\nkind = \"card\"\nprompt = {h}\nanswer = {card}\n"
        );
        let pack = pack(&quiz, &format!("[[discussion]]\nprompt = {h}\nref = \"about data\"\n"));
        assert_eq!(pack.questions.len(), 5, "{:?}", pack.questions);
        let md = worksheet(&pack, &Options::default());
        assert!(!md.contains('\u{1b}'), "{md}");
        let (mut headings, mut lists) = (0, 0);
        for event in Parser::new(&md) {
            match event {
                Event::Html(_) | Event::InlineHtml(_) | Event::Code(_) => panic!("{event:?} in\n{md}"),
                Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_)) => {
                    panic!("{event:?} in\n{md}")
                }
                Event::Start(Tag::List(start)) => {
                    assert_eq!(start, Some(1), "{md}");
                    lists += 1;
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    headings += 1;
                    assert!(matches!(level, HeadingLevel::H1 | HeadingLevel::H2), "{md}");
                }
                _ => {}
            }
        }
        // The title, the questions, the discussion and the key; a list for each of the last three.
        assert_eq!((headings, lists), (4, 3), "{md}");
        assert!(md.starts_with("# \\<b\\>Title\\</b\\> \\& \\*more\\*\n"), "{md}");
        assert!(md.contains("Worksheet · \\# Author\n"), "{md}");
    }
}
