//! The text of an imported pack's four files, made from a [`Document`]: the article as it
//! is, `pack.toml` with its title and author, a glossary of suggested terms marked as drafts,
//! and a quiz of commented-out card stubs, one per paragraph, each tied to its paragraph.

use std::path::Path;

use super::suggest::{self, Suggestion};
use super::{Document, ImportError};
use crate::export::markdown::inline;
use crate::text::anchor::Anchors;
use crate::text::article::{Article, BlockKind};
use crate::text::sentence::sentences;

/// The author written when the document names none: `author` is required, so the pack
/// needs something there until the teacher puts the name in.
pub const UNKNOWN_AUTHOR: &str = "Unknown";

/// The most words a stub's `ref` takes from its paragraph's first sentence (the format
/// advises 4 to 15) when the sentence is longer than [`CUT_OVER`] words; more are taken
/// only when fewer would point at another paragraph.
const REF_WORDS: usize = 15;

/// A first sentence of up to this many words is quoted whole, rather than cut a word or
/// two short of its end.
const CUT_OVER: usize = 20;

/// The text of the four files of a pack, and what went into them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub title: String,
    pub author: Option<String>,
    /// `pack.toml`, `article.md`, `glossary.toml` and `quiz.toml`, in that order.
    pub files: [(&'static str, String); 4],
    /// Body paragraphs in the article, each with a card stub in the quiz.
    pub paragraphs: usize,
    /// Terms suggested in the glossary.
    pub terms: usize,
}

/// Makes the pack's files from `document`, read from `source` (whose name the files
/// mention, and whose stem is the title when the document has none).
pub fn make(document: &Document, source: &Path) -> Result<Made, ImportError> {
    let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let title = document.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| title_from(source));
    let author = document.author.clone().filter(|a| !a.trim().is_empty());
    let mut markdown = document.markdown.clone();
    let parsed = Article::parse(&markdown, author.as_deref().unwrap_or(UNKNOWN_AUTHOR));
    if !parsed.blocks.iter().any(|b| b.kind == BlockKind::Heading(1)) {
        markdown = format!("# {}\n\n{markdown}", inline(&title));
    }
    let article = Article::parse(&markdown, author.as_deref().unwrap_or(UNKNOWN_AUTHOR));
    let paragraphs = article.body().count();
    if paragraphs == 0 {
        return Err(ImportError::Empty(source.to_path_buf()));
    }
    let terms = suggest::terms(&article);
    Ok(Made {
        files: [
            ("pack.toml", pack_toml(&title, author.as_deref(), &name)),
            ("article.md", markdown),
            ("glossary.toml", glossary_toml(&terms)),
            ("quiz.toml", quiz_toml(&article)),
        ],
        title,
        author,
        paragraphs,
        terms: terms.len(),
    })
}

/// A title made from a file's name: `tides_and-moon.txt` gives "Tides and moon".
fn title_from(source: &Path) -> String {
    let stem = source.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let words = stem.replace(['-', '_'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

/// `s` as a TOML string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn pack_toml(title: &str, author: Option<&str>, source: &str) -> String {
    let mut out = format!(
        "# Made by `lectern import` from {source}. Check the title and the author, write a summary,\n\
         # then run `lectern check` on this folder. docs/pack-format.md describes every field.\n\
         title = {}\n",
        quoted(title)
    );
    match author {
        Some(author) => out.push_str(&format!("author = {}\n", quoted(author))),
        None => out.push_str(&format!(
            "# {source} does not say who wrote the article: put the author's name here.\nauthor = {}\n",
            quoted(UNKNOWN_AUTHOR)
        )),
    }
    out.push_str(
        "# summary = \"A few sentences on what the text is and what students can learn from it.\"\n\
         version = \"1\"\n\
         # tags = [\"topic\", \"another topic\"]\n\
         \n\
         # Prompts for a class to discuss, not marked. Remove the `# ` from the lines of one to use it.\n\
         # [[discussion]]\n\
         # prompt = \"Which statements in the article are facts, and which are opinions?\"\n\
         # ref = \"a short quote from the passage the prompt is about\"\n",
    );
    out
}

fn glossary_toml(terms: &[Suggestion]) -> String {
    let mut out = String::from(
        "# Terms suggested by `lectern import`: acronyms, capitalised names and phrases that recur in\n\
         # the article. Each definition is only the sentence the term first appears in. For each entry:\n\
         # delete it if a reader would not need it, or write a definition in plain words, add the other\n\
         # forms the article uses as `aliases` and related entries as `see_also`, then remove\n\
         # `draft = true`. Drafts are left out of study and `lectern check` warns about each one.\n",
    );
    for term in terms {
        out.push_str(&format!("\n[[term]]\nterm = {}\n", quoted(&term.term)));
        if !term.aliases.is_empty() {
            let aliases: Vec<String> = term.aliases.iter().map(|a| quoted(a)).collect();
            out.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
        }
        out.push_str(&format!("definition = {}\ndraft = true\n", quoted(&term.definition)));
    }
    out
}

fn quiz_toml(article: &Article) -> String {
    let refs = refs(article);
    let mut out = format!(
        "# Questions on the article, to write by hand. Below is a stub of a card for each of its\n\
         # {} paragraphs, commented out so that it is not a question yet. To make one a question,\n\
         # remove the `# ` from its lines, write the prompt and the answer, change `kind` if another\n\
         # kind suits better (docs/pack-format.md describes the seven), and remove `draft = true`.\n\
         # Its `ref` ties it to its paragraph: keep it, or shorten it to the words the question is\n\
         # about. Delete the stubs you do not need.\n",
        refs.len()
    );
    let mut ids = std::collections::BTreeSet::new();
    for (n, quote) in refs.iter().enumerate() {
        let base = id_from(quote, n + 1);
        let id = (1..).map(|i| if i == 1 { base.clone() } else { format!("{base}-{i}") }).find(|id| !ids.contains(id));
        let id = id.unwrap_or(base);
        ids.insert(id.clone());
        out.push_str(&format!(
            "\n# ¶ {}\n# [[question]]\n# id = {}\n# kind = \"card\"\n# prompt = \"A question on this paragraph\"\n\
             # answer = \"Its answer\"\n# ref = {}\n# draft = true\n",
            n + 1,
            quoted(&id),
            quoted(quote)
        ));
    }
    out
}

/// A question id from the first words of a quote: `p3` when it has none.
fn id_from(quote: &str, paragraph: usize) -> String {
    let words: Vec<String> = quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    if words.is_empty() { format!("p{paragraph}") } else { words.join("-") }
}

/// For each body paragraph, a quote from its start that the loader finds in it and not
/// earlier: the first sentence (its first [`REF_WORDS`] words if it is long), or as much more of
/// the paragraph as that takes. A paragraph repeating an earlier one word for word gets its
/// first sentence, which points at the earlier one.
fn refs(article: &Article) -> Vec<String> {
    let body: Vec<usize> = article.body().collect();
    let tries: Vec<Vec<String>> = body.iter().map(|&b| candidates(&article.blocks[b].text)).collect();
    let mut chosen: Vec<Option<String>> = vec![None; body.len()];
    let anchors = Anchors::new(article);
    let longest = tries.iter().map(Vec::len).max().unwrap_or(0);
    for level in 0..longest {
        let pending: Vec<usize> = (0..body.len()).filter(|&i| chosen[i].is_none() && level < tries[i].len()).collect();
        if pending.is_empty() {
            break;
        }
        let quotes: Vec<&str> = pending.iter().map(|&i| tries[i][level].as_str()).collect();
        for (&i, found) in pending.iter().zip(anchors.find_all(&quotes)) {
            if found.is_some_and(|a| a.block == body[i]) {
                chosen[i] = Some(tries[i][level].clone());
            }
        }
    }
    chosen.into_iter().zip(tries).map(|(chosen, tries)| chosen.unwrap_or_else(|| tries[0].clone())).collect()
}

/// The quotes to try for a paragraph, shortest first: the first sentence (cut to
/// [`REF_WORDS`] words if it has more than [`CUT_OVER`]), the whole first sentence, the first two, and so on to the whole text.
fn candidates(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A quote longer than a ref may be is never tried: `check` would refuse it.
    let mut push = |s: String| {
        if !s.is_empty() && s.chars().count() <= crate::text::anchor::QUOTE_LIMIT && !out.contains(&s) {
            out.push(s);
        }
    };
    let all = sentences(text);
    if let Some(first) = all.first() {
        let words: Vec<&str> = text[first.clone()].split_whitespace().collect();
        let take = if words.len() > CUT_OVER { REF_WORDS } else { words.len() };
        push(words[..take].join(" "));
    }
    for end in &all {
        let start = all.first().map_or(0, |s| s.start);
        push(one_line(&text[start..end.end]));
    }
    push(one_line(text));
    if out.is_empty() {
        // Words too long for any of these (a long link): the paragraph's start, as long as
        // a ref may be.
        out.push(
            one_line(text).chars().take(crate::text::anchor::QUOTE_LIMIT).collect::<String>().trim_end().to_string(),
        );
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(markdown: &str) -> Made {
        let document = Document { title: Some("T".into()), author: None, markdown: markdown.into() };
        make(&document, Path::new("x/source.md")).unwrap()
    }

    fn file<'a>(made: &'a Made, name: &str) -> &'a str {
        &made.files.iter().find(|(n, _)| *n == name).unwrap().1
    }

    #[test]
    fn a_heading_is_added_when_the_article_has_none() {
        let m = made("Some *text*.\n");
        assert_eq!(file(&m, "article.md"), "# T\n\nSome *text*.\n");
        let m = made("# Own\n\nText.\n");
        assert_eq!(file(&m, "article.md"), "# Own\n\nText.\n");
    }

    #[test]
    fn refs_are_rendered_text_that_lands_in_their_own_paragraph() {
        let article = Article::parse(
            "Tides *rise*. And fall.\n\nTides rise. And fall twice a day.\n\n- Tides rise\n\nTides rise.\n",
            "",
        );
        assert_eq!(
            refs(&article),
            ["Tides rise.", "Tides rise. And fall twice a day.", "Tides rise", "Tides rise."],
            "the last repeats the first word for word: its first sentence, which lands earlier"
        );
    }

    #[test]
    fn a_ref_is_never_longer_than_a_ref_may_be() {
        let long = "x".repeat(400);
        let article = Article::parse(&format!("{long} {long}.\n\nShort one.\n"), "");
        let refs = refs(&article);
        assert_eq!(refs[0].chars().count(), crate::text::anchor::QUOTE_LIMIT);
        assert_eq!(refs[1], "Short one.");
    }

    #[test]
    fn a_long_first_sentence_is_cut() {
        let words: Vec<String> = (1..=30).map(|i| format!("w{i}")).collect();
        let article = Article::parse(&format!("{}. Next.", words.join(" ")), "");
        assert_eq!(refs(&article), [words[..REF_WORDS].join(" ")]);
    }

    #[test]
    fn an_empty_document_is_refused() {
        let document = Document { title: None, author: None, markdown: "# Only a heading\n".into() };
        assert!(matches!(make(&document, Path::new("a.md")), Err(ImportError::Empty(_))));
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(title_from(Path::new("dir/tides_and-moon.txt")), "Tides and moon");
        assert_eq!(title_from(Path::new("")), "Untitled");
    }

    #[test]
    fn quoting_is_toml() {
        for s in ["plain", "with \"quotes\"", "back\\slash", "it’s ‘curly’", "tab\there"] {
            let parsed: toml::Table = toml::from_str(&format!("v = {}", quoted(s))).unwrap();
            assert_eq!(parsed["v"].as_str(), Some(s));
        }
    }
}
