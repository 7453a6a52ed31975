//! Loads a pack folder: reads its four files, checks every rule of the format, finds every
//! `ref` in the article, and reports all the problems together.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::diagnostic::{Diagnostic, Severity, SourceFile, decode};
use super::fields::{Reader, Text};
use super::model::{Pack, Prompt, Question, Reference, Term};
use super::source::{FILES, Origin, Refused, size_limit};
use super::{glossary, meta, quiz};
use crate::text::anchor::{Anchor, Anchors, Quotes};
use crate::text::article::Article;
use crate::text::sanitize;

/// How many refs not found in the article get a hint naming the closest paragraph.
const CLOSEST_HINTS: usize = 50;

/// A pack as loaded, with every problem found on the way.
pub struct Loaded {
    pub pack: Pack,
    pub diagnostics: Vec<Diagnostic>,
    /// A hash (xxh3) of each file's bytes as they were read, in the order of [`FILES`], when
    /// all four were: what the cache keys the pack by, taken from the very bytes checked.
    pub hashes: Option<[u128; 4]>,
}

impl Loaded {
    /// True when nothing worse than a warning was found.
    pub fn is_ok(&self) -> bool {
        self.diagnostics.iter().all(|d| d.severity == Severity::Warning)
    }
}

/// Figures for the `ok` line of `lectern check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub terms: usize,
    pub questions: usize,
    pub kinds: usize,
    pub prompts: usize,
    /// Body paragraphs that at least one question's `ref` points into.
    pub quizzed: usize,
    pub paragraphs: usize,
}

/// The index that finds every name and alias of `terms` in a text.
pub fn term_index(terms: &[Term]) -> crate::text::terms::TermIndex {
    crate::text::terms::TermIndex::new(terms.iter().map(Term::names))
}

impl Pack {
    /// The index that finds every name and alias of the glossary in a text.
    pub fn term_index(&self) -> crate::text::terms::TermIndex {
        term_index(&self.terms)
    }

    /// Counts what the pack holds, for authors.
    pub fn stats(&self) -> Stats {
        let kinds: BTreeSet<&str> = self.questions.iter().map(|q| q.kind.name()).collect();
        let quizzed: BTreeSet<usize> = self
            .questions
            .iter()
            // A draft is never asked: it covers nothing yet.
            .filter(|q| !q.draft)
            .filter_map(|q| q.reference.as_ref()?.anchor.as_ref())
            .filter(|a| self.article.blocks[a.block].is_body())
            .map(|a| a.block)
            .collect();
        Stats {
            terms: self.terms.len(),
            questions: self.questions.len(),
            kinds: kinds.len(),
            prompts: self.discussion.len(),
            quizzed: quizzed.len(),
            paragraphs: self.article.body().count(),
        }
    }
}

/// Reads one file as UTF-8, reporting a missing file or invalid bytes; with the hash of
/// its bytes.
fn read_file(
    origin: &Origin<'_>,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Arc<SourceFile>>, Option<u128>) {
    let path = origin.display_path(name);
    let bytes = match origin.read(name) {
        Ok(bytes) => bytes,
        Err(error) => {
            let file = Arc::new(SourceFile::new(path, String::new()));
            let (message, hint) = match Refused::of(&error) {
                Some(refused) => (format!("`{name}` is not read: {refused}"), refused_hint(refused, name)),
                None if error.kind() == std::io::ErrorKind::NotFound => (
                    format!("missing file `{name}`"),
                    "a pack folder holds pack.toml, article.md, glossary.toml and quiz.toml; docs/pack-format.md describes each".to_string(),
                ),
                None => (
                    format!("cannot read `{name}`: {error}"),
                    "a pack folder holds pack.toml, article.md, glossary.toml and quiz.toml; docs/pack-format.md describes each".to_string(),
                ),
            };
            diagnostics.push(Diagnostic::error(&file, None, message).hint(hint));
            return (None, None);
        }
    };
    let hash = twox_hash::XxHash3_128::oneshot(&bytes);
    match decode(path, bytes, name) {
        Ok(file) => (Some(file), Some(hash)),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            (None, None)
        }
    }
}

/// What to do about a file that was refused.
fn refused_hint(refused: &Refused, name: &str) -> String {
    match refused {
        Refused::NotAFile | Refused::Outside => format!(
            "`{name}` must be an ordinary file in the pack folder (a link may point only to a file inside it); replace it with a copy of the text"
        ),
        Refused::TooLarge { .. } => {
            format!(
                "a pack's `{name}` is at most {} MB; shorten it or split the text into several packs",
                size_limit(name) / (1024 * 1024)
            )
        }
    }
}

/// Reads one TOML file of the pack with `read`, its problems going to `diagnostics`; the
/// default when the file is missing.
fn read_toml<T: Default>(
    file: &Option<Arc<SourceFile>>,
    diagnostics: &mut Vec<Diagnostic>,
    read: impl FnOnce(&mut Reader<'_>) -> T,
) -> T {
    file.as_ref().map_or_else(T::default, |file| read(&mut Reader::new(file, diagnostics)))
}

/// Loads and checks the pack at `origin`.
pub fn load(origin: Origin<'_>) -> Loaded {
    load_parts(origin, true, |_| {})
}

/// As [`load`], handing the glossary's terms to `glossary_read` as soon as they are read,
/// on the thread that read them, while the rest of the pack is still being loaded.
pub fn load_with(origin: Origin<'_>, glossary_read: impl FnOnce(&[Term]) + Send) -> Loaded {
    load_parts(origin, true, glossary_read)
}

/// Loads what reading needs, the article and the glossary, and leaves the quiz unread and
/// the discussion prompts out: for a printed copy, where neither plays a part (so no ref is
/// looked for in the article). `glossary_read` is given the terms as [`load_with`]'s is.
pub fn load_for_reading(origin: Origin<'_>, glossary_read: impl FnOnce(&[Term]) + Send) -> Loaded {
    load_parts(origin, false, glossary_read)
}

/// Every quote a pack's refs make, in one order: refs of entries rejected for other reasons
/// (the quiz's, then the prompts'), the questions' and the prompts'.
fn quotes<'a>(rejected_refs: &'a [Text], meta: &'a meta::Meta, questions: &'a [quiz::RawQuestion]) -> Vec<&'a str> {
    rejected_refs
        .iter()
        .chain(&meta.rejected)
        .chain(questions.iter().filter_map(|q| q.reference.as_ref()))
        .chain(meta.discussion.iter().filter_map(|(_, r)| r.as_ref()))
        .map(|t| t.value.as_str())
        .collect()
}

fn load_parts(origin: Origin<'_>, with_quiz: bool, glossary_read: impl FnOnce(&[Term]) + Send) -> Loaded {
    // What reading each file found, by file: reported in the files' order, whatever order
    // they were read in.
    let mut read_found: [Vec<Diagnostic>; 4] = Default::default();
    let mut read = |i: usize| {
        let name = FILES[i];
        if name == "quiz.toml" && !with_quiz { (None, None) } else { read_file(&origin, name, &mut read_found[i]) }
    };
    // The small files are read first: pack.toml, since the article needs its author and the
    // quotes its prompts' refs, and the glossary and the quiz, so that they are parsed on
    // their own threads while the article (the bulk of a book) is read and parsed on this
    // one. The quiz's thread goes on to compile every quote the refs make, so that the
    // article is searched as soon as it is parsed.
    let (pack_file, pack_hash) = read(0);
    let (glossary_file, glossary_hash) = read(2);
    let (quiz_file, quiz_hash) = read(3);
    let mut meta_found = Vec::new();
    let mut meta = read_toml(&pack_file, &mut meta_found, meta::read);
    if !with_quiz {
        meta.discussion.clear();
        meta.rejected.clear();
    }
    let mut article_found = Vec::new();
    let (
        article_file,
        article_hash,
        article,
        (terms, glossary_found),
        (raw_questions, rejected_refs, quiz_found, compiled),
    ) = std::thread::scope(|scope| {
        let glossary = scope.spawn(|| {
            let mut found = Vec::new();
            let terms = read_toml(&glossary_file, &mut found, glossary::read);
            // What the caller does with the terms (the term index) is of no use when
            // the pack will not open.
            if found.iter().all(|d: &Diagnostic| d.severity != Severity::Error) {
                glossary_read(&terms);
            }
            (terms, found)
        });
        let (meta, quiz_file) = (&meta, &quiz_file);
        let quiz = scope.spawn(move || {
            let mut found = Vec::new();
            let (questions, rejected) = read_toml(quiz_file, &mut found, quiz::read);
            let compiled = Quotes::new(&quotes(&rejected, meta, &questions));
            (questions, rejected, found, compiled)
        });
        let (article_file, article_hash) = read(1);
        let article = match &article_file {
            Some(file) => read_article(file, &meta.author, &mut article_found),
            None => Article::default(),
        };
        let glossary = glossary.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let quiz = quiz.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (article_file, article_hash, article, glossary, quiz)
    });
    let hashes = [pack_hash, article_hash, glossary_hash, quiz_hash]
        .into_iter()
        .collect::<Option<Vec<u128>>>()
        .and_then(|h| h.try_into().ok());
    // Diagnostics keep the files' order: each file's reading, then pack.toml, article.md,
    // the glossary and the quiz.
    let mut diagnostics: Vec<Diagnostic> = read_found.into_iter().flatten().collect();
    diagnostics.extend(meta_found);
    diagnostics.extend(article_found);
    diagnostics.extend(glossary_found);
    diagnostics.extend(quiz_found);

    // Refs can only be checked against an article that was read.
    let anchors = article_file.is_some().then(|| Anchors::new(&article));
    // Every quote is found in one pass over the article, whatever their number.
    let quotes = quotes(&rejected_refs, &meta, &raw_questions);
    debug_assert_eq!(quotes.len(), compiled.len(), "the quotes compiled are those searched for");
    let found: HashMap<String, Option<Anchor>> = match &anchors {
        Some(anchors) => quotes.iter().map(|q| q.to_string()).zip(anchors.find_quotes(&compiled)).collect(),
        None => HashMap::new(),
    };
    // Each "closest paragraph" hint reads the whole article: only the first few get one.
    let mut hints_left = CLOSEST_HINTS;
    let mut resolve = |file: &Option<Arc<SourceFile>>, quote: Option<Text>, diagnostics: &mut Vec<Diagnostic>| {
        let quote = quote?;
        let anchor = found.get(&quote.value).cloned().flatten();
        if let (None, Some(anchors), Some(file)) = (&anchor, &anchors, file) {
            let closest = if hints_left > 0 {
                hints_left -= 1;
                Some(anchors)
            } else {
                None
            };
            diagnostics.push(missing_ref(file, &quote, closest, &article));
        }
        Some(Reference { quote: quote.value, anchor })
    };

    // Entries rejected for other reasons still have their refs checked.
    for quote in rejected_refs {
        resolve(&quiz_file, Some(quote), &mut diagnostics);
    }
    for quote in std::mem::take(&mut meta.rejected) {
        resolve(&pack_file, Some(quote), &mut diagnostics);
    }
    let questions = raw_questions
        .into_iter()
        .map(|q| Question {
            reference: resolve(&quiz_file, q.reference, &mut diagnostics),
            id: q.id,
            prompt: q.prompt,
            explain: q.explain,
            kind: q.kind,
            draft: q.draft,
        })
        .collect();
    let discussion = meta
        .discussion
        .into_iter()
        .map(|(prompt, quote)| Prompt { prompt, reference: resolve(&pack_file, quote, &mut diagnostics) })
        .collect();

    let pack = Pack {
        id: origin.id(),
        title: meta.title,
        author: meta.author,
        summary: meta.summary,
        version: meta.version,
        tags: meta.tags,
        glossary_cards: meta.glossary_cards,
        article,
        terms,
        questions,
        discussion,
    };
    Loaded { pack, diagnostics, hashes }
}

fn read_article(file: &Arc<SourceFile>, author: &str, diagnostics: &mut Vec<Diagnostic>) -> Article {
    if let Some(at) = sanitize::first_control(&file.text) {
        diagnostics.push(
            Diagnostic::warning(file, Some(at..at + 1), "control character or escape sequence in the article")
                .hint("it is removed when the pack is loaded; delete it from the file"),
        );
    }
    let article = Article::parse(&file.text, author);
    if article.body().next().is_none() {
        diagnostics.push(
            Diagnostic::error(file, None, "the article has no paragraphs")
                .hint("write the text in article.md as Markdown paragraphs separated by blank lines"),
        );
    }
    article
}

/// A `ref` that is not in the article, naming the paragraph that comes closest when
/// `anchors` are given to find it.
fn missing_ref(file: &Arc<SourceFile>, quote: &Text, anchors: Option<&Anchors<'_>>, article: &Article) -> Diagnostic {
    let hint = match anchors.and_then(|anchors| anchors.closest(&quote.value)) {
        Some(block) => {
            let number = article.paragraph_number(block).unwrap_or(0);
            let text = &article.blocks[block].text;
            let preview: String = text.chars().take(60).collect();
            let more = if text.chars().count() > 60 { "…" } else { "" };
            format!("the closest paragraph is ¶ {number}: “{preview}{more}”; copy the words exactly from there")
        }
        None => "a ref is a short exact quote from article.md; copy the words exactly".to_string(),
    };
    Diagnostic::error(file, Some(quote.span.clone()), "`ref` not found in the article")
        .label("no paragraph contains this quote")
        .hint(hint)
}
