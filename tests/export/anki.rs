//! The Anki format: its golden file, read back column by column as Anki reads it (the
//! headers at the top, then one note a row with the columns the headers declare), its
//! cloze notes checked against the pack, and a pack of awkward strings coming out as rows
//! that still parse.

use std::collections::{BTreeMap, BTreeSet};

use lectern::pack::model::Kind as QuestionKind;
use lectern::study::answer::right_answer;
use lectern::text::sanitize::printable;

use super::*;

/// An Anki file read back: its headers by name, the labels of its columns and its rows.
struct Anki {
    headers: BTreeMap<String, String>,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Anki {
    /// Reads `file` as Anki does: `#key:value` lines at the top, then rows of tab-separated
    /// columns. Fails when a row does not have the column count the headers declare.
    fn parse(file: &str) -> Self {
        assert!(file.ends_with('\n'), "the last row ends with a newline");
        let mut lines = file.lines().peekable();
        let mut headers = BTreeMap::new();
        while let Some(line) = lines.next_if(|l| l.starts_with('#')) {
            let (key, value) =
                line[1..].split_once(':').unwrap_or_else(|| panic!("a header without a colon: {line:?}"));
            assert!(headers.insert(key.to_string(), value.to_string()).is_none(), "{key} twice");
        }
        let columns: Vec<String> = headers["columns"].split('\t').map(str::to_string).collect();
        let mut rows = Vec::new();
        for line in lines {
            assert!(!line.starts_with('#'), "Anki skips a row that starts with #: {line:?}");
            let row: Vec<String> = line.split('\t').map(str::to_string).collect();
            assert_eq!(row.len(), columns.len(), "a row of {} columns: {line:?}", row.len());
            rows.push(row);
        }
        Self { headers, columns, rows }
    }

    /// The 1-based column the header `name column` names.
    fn column(&self, name: &str) -> usize {
        let n: usize = self.headers[&format!("{name} column")].parse().unwrap();
        assert!((1..=self.columns.len()).contains(&n), "{name} column {n}");
        n
    }

    /// The rows' values in the column the header `name column` names.
    fn values(&self, name: &str) -> Vec<&str> {
        let n = self.column(name);
        self.rows.iter().map(|r| r[n - 1].as_str()).collect()
    }

    /// The two note fields of each row: the columns no header claims.
    fn fields(&self) -> Vec<[&str; 2]> {
        let claimed: BTreeSet<usize> = ["guid", "notetype", "deck", "tags"].map(|c| self.column(c)).into();
        let free: Vec<usize> = (1..=self.columns.len()).filter(|c| !claimed.contains(c)).collect();
        assert_eq!(free.len(), 2, "Basic and Cloze notes have two fields each");
        self.rows.iter().map(|r| [r[free[0] - 1].as_str(), r[free[1] - 1].as_str()]).collect()
    }
}

/// The text HTML `field` shows, line breaks as newlines; fails on any markup but `<br>`.
fn shown(field: &str) -> String {
    assert!(!field.replace("<br>", "").contains(['<', '>', '"']), "raw markup in {field:?}");
    let mut out = field.replace("<br>", "\n");
    for (entity, c) in
        [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#123;", "{"), ("&#125;", "}"), ("&#58;", ":")]
    {
        out = out.replace(entity, c);
    }
    out.replace("&amp;", "&")
}

/// A Cloze note's Text with each `{{cN::answer}}` replaced by its answer, and the answers;
/// fails unless the gaps are numbered from 1 and nothing else looks like cloze markup.
fn unclozed(text: &str) -> (String, Vec<String>) {
    let gap = regex::Regex::new(r"\{\{c(\d+)::(.*?)\}\}").unwrap();
    let mut answers = Vec::new();
    for (i, found) in gap.captures_iter(text).enumerate() {
        assert_eq!(found[1].parse::<usize>().unwrap(), i + 1, "{text}");
        assert!(!found[2].contains("::") && !found[2].contains('{'), "an answer that Anki would misread: {text}");
        answers.push(shown(&found[2]));
    }
    let plain = gap.replace_all(text, "$2");
    assert!(!plain.contains("{{") && !plain.contains("}}") && !plain.contains('{'), "stray markup: {text}");
    (shown(&plain), answers)
}

/// The fields of the rows of `notetype`, in order.
fn fields_of<'a>(anki: &'a Anki, notetype: &str) -> Vec<[&'a str; 2]> {
    anki.fields().into_iter().zip(anki.values("notetype")).filter(|(_, t)| *t == notetype).map(|(f, _)| f).collect()
}

/// Checks what holds for every Anki file: its headers, its rows' shape, unique GUIDs,
/// known notetypes, a deck and tags that Anki reads as one deck and whole tags, nothing
/// unprintable, and each cloze note's text and answers the same as its question's.
fn check(pack: &Pack, file: &str) -> Anki {
    assert!(
        !file.chars().any(|c| (c.is_control() && c != '\t' && c != '\n') || printable(&c.to_string()).is_empty()),
        "a control character in the file"
    );
    let anki = Anki::parse(file);
    assert_eq!(anki.headers["separator"], "tab");
    assert_eq!(anki.headers["html"], "true");
    assert_eq!(anki.columns.len(), 6);
    let guids = anki.values("guid");
    assert_eq!(guids.iter().collect::<BTreeSet<_>>().len(), guids.len(), "GUIDs are unique");
    assert!(guids.iter().all(|g| !g.is_empty() && !g.contains([' ', '"', '#'])), "{guids:?}");
    assert!(anki.values("notetype").iter().all(|t| ["Basic", "Cloze"].contains(t)));
    let decks: BTreeSet<&str> = anki.values("deck").into_iter().collect();
    assert!(decks.len() <= 1, "one deck: {decks:?}");
    for deck in decks {
        let title = deck.strip_prefix("lectern::").unwrap_or_else(|| panic!("{deck}"));
        assert!(!title.contains("::") && !title.is_empty() && title.trim() == title, "{deck:?}");
    }
    for tags in anki.values("tags") {
        let tags: Vec<&str> = tags.split(' ').collect();
        assert!(tags.iter().all(|t| !t.is_empty() && !t.contains('"')), "{tags:?}");
        assert_eq!(tags.len(), pack.tags.len() + 1, "the pack's tags and the kind's: {tags:?}");
        assert!(tags.last().unwrap().starts_with("lectern::"));
    }
    // The notes: Basic for terms, card and text questions; Cloze for cloze questions; in pack order.
    let clozes: Vec<usize> =
        (0..pack.questions.len()).filter(|&q| matches!(pack.questions[q].kind, QuestionKind::Cloze { .. })).collect();
    let basics = pack
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Card { .. } | QuestionKind::Text { .. }))
        .count()
        + if pack.glossary_cards { pack.terms.len() } else { 0 };
    assert_eq!(fields_of(&anki, "Basic").len(), basics);
    let cloze_rows = fields_of(&anki, "Cloze");
    assert_eq!(cloze_rows.len(), clozes.len());
    for (&q, [text, extra]) in clozes.iter().zip(&cloze_rows) {
        let question = &pack.questions[q];
        let (plain, answers) = unclozed(text);
        let (prompt, body) = plain.split_once("\n\n").unwrap_or_else(|| panic!("the prompt, then the text: {plain:?}"));
        assert_eq!(prompt, printable(&question.prompt).trim(), "{}", question.id);
        assert_eq!(body, printable(&right_answer(pack, Item::Question(q))), "{}", question.id);
        let QuestionKind::Cloze { parts } = &question.kind else { unreachable!() };
        let firsts: Vec<String> = parts
            .iter()
            .filter_map(|p| match p {
                lectern::pack::model::ClozePart::Gap(a) => Some(printable(&a[0]).into_owned()),
                lectern::pack::model::ClozePart::Text(_) => None,
            })
            .collect();
        assert_eq!(answers, firsts, "{}", question.id);
        let explain = question.explain.as_deref().map(|e| printable(e).trim().to_string()).unwrap_or_default();
        assert!(!extra.contains(['{', '}']), "no cloze markup in the extra: {extra}");
        assert_eq!(shown(extra), explain.lines().map(str::trim).collect::<Vec<_>>().join("\n"), "{}", question.id);
    }
    anki
}

#[test]
fn the_anki_format_against_its_golden_file() {
    let file = same_twice(&state(), &["--format", "anki"]);
    golden("anki.txt", &file);
}

#[test]
fn the_bundled_pack_reads_back_as_anki_notes() {
    let pack = bundled();
    let file = empty().export(&["--format", "anki"]);
    let anki = check(&pack, &file);
    assert_eq!(anki.column("guid"), 1);
    assert_eq!(anki.column("notetype"), 2);
    assert_eq!(anki.column("deck"), 3);
    assert_eq!(anki.column("tags"), 6);
    assert_eq!(anki.values("deck")[0], format!("lectern::{}", pack.title));
    assert!(anki.values("tags")[0].starts_with("ai china united-states "));
    // The first question asks for a typed answer: its back has the answer and what else is accepted.
    let first = &pack.questions[0];
    assert_eq!(first.id, "who-funds-deepseek");
    let [front, back] = anki.fields()[0];
    assert_eq!(shown(front), first.prompt);
    let back = shown(back);
    assert!(back.starts_with("Liang Wenfeng\n\nAlso accepted: Liang; Wenfeng Liang\n\n"), "{back}");
    assert!(back.ends_with(first.explain.as_deref().unwrap()), "{back}");
    // Glossary terms come last: the term in front, its definition and other names behind.
    let term = &pack.terms[0];
    let [front, back] = anki.fields()[anki.rows.len() - pack.terms.len()];
    assert_eq!(shown(front), term.term);
    assert_eq!(shown(back), format!("{}\n\nAlso called: {}", term.definition, term.aliases.join("; ")));
    // Nothing picked or ordered is there.
    for q in &pack.questions {
        if matches!(q.kind, QuestionKind::Choice { .. } | QuestionKind::Order { .. }) {
            assert!(!file.contains(&q.prompt), "{}", q.id);
        }
    }
}

#[test]
fn a_reworded_question_keeps_its_guid_so_anki_updates_the_note() {
    // The same pack (same id: its folder's name) with its first question reworded.
    let state = empty();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
    let to = state.dir.path().join("deepseek-ai-arms-race");
    std::fs::create_dir_all(&to).unwrap();
    for file in ["article.md", "glossary.toml", "quiz.toml", "pack.toml"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let quiz = std::fs::read_to_string(to.join("quiz.toml")).unwrap();
    let old = "Who runs and mainly funds DeepSeek, according to the article?";
    assert!(quiz.contains(old));
    std::fs::write(to.join("quiz.toml"), quiz.replacen(old, "Who runs DeepSeek and pays for it?", 1)).unwrap();

    let before = Anki::parse(&state.export(&["--format", "anki"]));
    let after = Anki::parse(&state.export(&[to.to_str().unwrap(), "--format", "anki"]));
    assert_eq!(before.values("guid"), after.values("guid"));
    assert!(before.values("guid").iter().all(|g| g.len() == 16 && g.chars().all(|c| c.is_ascii_hexdigit())));
    assert_ne!(before.fields()[0], after.fields()[0], "the note itself changed");
    assert_eq!(after.fields()[0][0], "Who runs DeepSeek and pays for it?");
}

/// A copy of the bundled pack in `dir/awkward`, with awkward strings in its title, tags, a
/// glossary term and three questions, and a changed id (its folder name); returns its path.
fn awkward_pack(dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/deepseek-ai-arms-race");
    let to = dir.join("awkward");
    std::fs::create_dir_all(&to).unwrap();
    for file in ["article.md", "glossary.toml", "quiz.toml", "pack.toml"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let edit = |file: &str, change: &dyn Fn(String) -> String| {
        let path = to.join(file);
        std::fs::write(&path, change(std::fs::read_to_string(&path).unwrap())).unwrap();
    };
    edit("pack.toml", &|s| {
        let s = s.replacen(
            "title = \"DeepSeek and the AI ‘arms race’\"",
            r##"title = "\"Deep\"::Seek:::\t<b>arms</b>\nrace \u202eevil""##,
            1,
        );
        s.replacen("tags = [\"ai\", ", r##"tags = ["two words", "\"quoted\"", "tab\there", "a::b", "#hash", "##, 1)
    });
    edit("glossary.toml", &|s| {
        s + r##"
[[term]]
term = "Awkward\tterm \"quoted\" <i>"
aliases = ["al\tias", "<b>bold</b>", "c::d}}"]
definition = "A definition\nover\tlines & <script>alert(1)</script> \u202eturned"
"##
    });
    edit("quiz.toml", &|s| {
        s + r##"
[[question]]
id = "awkward-text"
kind = "text"
prompt = "\"Quoted\"\tand\nbroken <script>alert(1)</script> {{c1::not a gap}} \u202eturned"
answer = "line one\nline two\t<b>bold</b>"
accept = ["a\tb", "c::d}}", "#hash"]
explain = "#not a comment\n\"starts with a quote\"\n\n\nlast"

[[question]]
id = "#awkward card"
kind = "card"
prompt = "\"front\" & back"
answer = "back\n\n\nwith\tlines"

[[question]]
id = "awkward-cloze"
kind = "cloze"
prompt = "\"Fill\"\tin {{c1::no gap}}\n<i>gaps</i>"
text = "{x} {{{y}}} then {{a::b|c}} and {{<b>&amp;</b>}}\nnext line\tend} {{ends in a colon:}}:"
explain = "extra\t<script>x</script>\n{{c9::fake}}"
"##
    });
    to
}

#[test]
fn awkward_strings_still_make_rows_anki_reads() {
    let state = empty();
    let path = awkward_pack(state.dir.path());
    let (code, out, err) = state.lectern(&["export", path.to_str().unwrap(), "--format", "anki"]);
    assert_eq!(code, 0, "{err}");
    let file = String::from_utf8(out).unwrap();
    let pack = lectern::pack::load(lectern::pack::source::Origin::Folder(&path)).pack;
    assert_eq!(pack.questions.len(), bundled().questions.len() + 3, "the awkward questions load");
    let anki = check(&pack, &file);
    assert!(!file.contains("<script") && !file.contains('\u{202e}'), "{file}");
    assert_eq!(anki.values("deck")[0], "lectern::\"Deep\":Seek: <b>arms</b> race evil");
    let tags = anki.values("tags")[0];
    assert!(tags.starts_with("two_words quoted tab_here a::b #hash china "), "{tags}");
    // The three awkward questions are the last before the glossary's notes.
    let fields = anki.fields();
    let awkward = &fields[fields.len() - pack.terms.len() - 3..];
    let [front, back] = awkward[0];
    assert_eq!(shown(front), "\"Quoted\" and\nbroken <script>alert(1)</script> {{c1::not a gap}} turned");
    assert_eq!(
        shown(back),
        "line one\nline two <b>bold</b>\n\nAlso accepted: a b; c::d}}; #hash\n\n#not a comment\n\"starts with a quote\"\n\n\nlast"
    );
    let [front, back] = awkward[1];
    assert_eq!((shown(front).as_str(), shown(back).as_str()), ("\"front\" & back", "back\n\n\nwith lines"));
    let [text, _] = awkward[2];
    assert_eq!(unclozed(text).1, ["{y", "a::b", "<b>&amp;</b>", "ends in a colon:"]);
}
