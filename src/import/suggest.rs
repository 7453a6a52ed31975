//! Terms an imported article may want in its glossary, found in its body paragraphs:
//! acronyms (`LLM`, with `LLMs` as an alias), capitalised phrases (`Liang Wenfeng`, `Bank
//! of England`), capitalised words that are names (`DeepSeek`, or a word always written
//! with a capital), and phrases of two to four words that recur (`arms race`). Each comes
//! with the sentence it first appears in, as a draft definition. English stop words keep
//! phrases such as "in the" out; the result is the same for the same article.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::text::article::Article;
use crate::text::sentence::sentences;

/// The most terms suggested.
pub const MAX_TERMS: usize = 30;

/// A suggested glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The term as the article writes it.
    pub term: String,
    /// Other forms of it found in the article (an acronym's plural, a name's last word).
    pub aliases: Vec<String>,
    /// The sentence it first appears in, on one line.
    pub definition: String,
}

/// Up to [`MAX_TERMS`] terms for the glossary of `article`, the most telling first chosen,
/// then listed in the order they first appear. No two share a name or alias, ignoring case.
pub fn terms(article: &Article) -> Vec<Suggestion> {
    let runs = runs(article);
    let mut found = Candidates::default();
    let lowercase: BTreeSet<String> = runs
        .iter()
        .flatten()
        .filter(|w| w.text.chars().next().is_some_and(char::is_lowercase))
        .map(|w| w.text.to_lowercase())
        .collect();
    for run in &runs {
        acronyms(run, &mut found);
        capitalised(run, &lowercase, &mut found);
        phrases(run, &mut found);
    }
    let words: Vec<&Word<'_>> = runs.iter().flatten().collect();
    spelt_out(&words, &mut found);
    found.finish(article, &lowercase)
}

/// A word of a sentence, without the punctuation around it.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    /// True for the first word of its sentence, which is capitalised whatever it is.
    initial: bool,
    /// Where it is: its block, and its sentence's byte range in the block's text.
    block: usize,
    sentence: Range<usize>,
    /// Its place among all the words, for ordering by first appearance.
    order: usize,
    /// True for a word in brackets of its own: `(LLM)`.
    bracketed: bool,
}

/// The body text as runs of words with nothing but spaces between them: punctuation (a
/// comma, a bracket, a quote) and the end of a sentence part runs, so no phrase crosses one.
fn runs(article: &Article) -> Vec<Vec<Word<'_>>> {
    let mut runs = Vec::new();
    let mut order = 0;
    for block in article.body() {
        let text = &article.blocks[block].text;
        for sentence in sentences(text) {
            let mut run: Vec<Word<'_>> = Vec::new();
            let mut first = true;
            for chunk in text[sentence.clone()].split_whitespace() {
                let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
                let lead = !chunk.starts_with(core);
                let (core, possessive) = match core.strip_suffix("’s").or_else(|| core.strip_suffix("'s")) {
                    Some(stem) if !stem.is_empty() => (stem, true),
                    _ => (core, false),
                };
                let trail = possessive || !chunk.ends_with(core);
                if lead || core.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
                if core.is_empty() {
                    continue;
                }
                let bracketed = chunk.starts_with('(') && chunk.trim_end_matches([',', '.', ';', ':']).ends_with(')');
                run.push(Word { text: core, initial: first, block, sentence: sentence.clone(), order, bracketed });
                order += 1;
                first = false;
                if trail {
                    runs.push(std::mem::take(&mut run));
                }
            }
            runs.push(run);
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// What kind of term a candidate is, which decides how it is ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Phrase,
    Word,
    Acronym,
    Name,
}

/// A term found, before ranking.
#[derive(Debug, Clone)]
struct Candidate {
    kind: Kind,
    term: String,
    words: usize,
    aliases: BTreeSet<String>,
    count: usize,
    /// The first place it appears: (order, block, sentence).
    first: (usize, usize, Range<usize>),
    /// True when the written form taken is not at the start of a sentence.
    settled: bool,
    /// For a single capitalised word: whether it is written with a capital inside it.
    camel: bool,
}

/// Candidates by their name in lower case.
#[derive(Default)]
struct Candidates(BTreeMap<String, Candidate>);

impl Candidates {
    /// Counts one occurrence of `words` as a term of `kind`; a name found as a stronger
    /// kind keeps that kind.
    fn add(&mut self, kind: Kind, words: &[Word<'_>], alias: Option<&str>) {
        let term = words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
        let settled = !words[0].initial;
        let first = (words[0].order, words[0].block, words[0].sentence.clone());
        let entry = self.0.entry(term.to_lowercase()).or_insert_with(|| Candidate {
            kind,
            term: term.clone(),
            words: words.len(),
            aliases: BTreeSet::new(),
            count: 0,
            first,
            settled,
            camel: is_camel(words[0].text),
        });
        entry.count += 1;
        entry.kind = entry.kind.max(kind);
        if settled && !entry.settled {
            entry.term = term;
            entry.settled = true;
        }
        if let Some(alias) = alias {
            entry.aliases.insert(alias.to_string());
        }
    }

    /// Ranks the candidates, keeps the best, and gives each its definition.
    fn finish(mut self, article: &Article, lowercase: &BTreeSet<String>) -> Vec<Suggestion> {
        self.fold_surnames();
        // Every shorter phrase inside a phrase that recurs, with the most that phrase recurs:
        // found by lookup, so ranking is linear in the candidates.
        let mut within: BTreeMap<String, usize> = BTreeMap::new();
        for c in self.0.values().filter(|c| c.kind == Kind::Phrase && c.count >= 2) {
            let lower = c.term.to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            for len in 1..words.len() {
                for start in 0..=words.len() - len {
                    let most = within.entry(words[start..start + len].join(" ")).or_insert(0);
                    *most = (*most).max(c.count);
                }
            }
        }
        let mut ranked: Vec<(usize, &Candidate)> =
            self.0.values().filter_map(|c| c.score(lowercase, &within).map(|score| (score, c))).collect();
        ranked.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.first.0.cmp(&y.first.0)));
        let mut chosen: Vec<&Candidate> = ranked.into_iter().take(MAX_TERMS).map(|(_, c)| c).collect();
        chosen.sort_by_key(|c| c.first.0);
        let mut taken = BTreeSet::new();
        let mut out = Vec::new();
        for candidate in chosen {
            if !taken.insert(candidate.term.to_lowercase()) {
                continue;
            }
            let aliases: Vec<String> =
                candidate.aliases.iter().filter(|a| taken.insert(a.to_lowercase())).cloned().collect();
            let (_, block, sentence) = &candidate.first;
            let definition = one_line(&article.blocks[*block].text[sentence.clone()]);
            out.push(Suggestion { term: candidate.term.clone(), aliases, definition });
        }
        out
    }

    /// A capitalised word that is the last word of exactly one name ("Trump" after
    /// "Donald Trump") becomes an alias of that name.
    fn fold_surnames(&mut self) {
        let words: Vec<String> =
            self.0.iter().filter(|(_, c)| c.kind == Kind::Word && !c.camel).map(|(k, _)| k.clone()).collect();
        for word in words {
            let names: Vec<String> = self
                .0
                .iter()
                .filter(|(k, c)| c.kind == Kind::Name && k.rsplit(' ').next() == Some(word.as_str()))
                .map(|(k, _)| k.clone())
                .collect();
            if let [name] = names.as_slice()
                && let Some(surname) = self.0.remove(&word)
                && let Some(entry) = self.0.get_mut(name)
            {
                entry.aliases.insert(surname.term);
            }
        }
    }
}

impl Candidate {
    /// How telling the candidate is, or `None` when it is not worth suggesting.
    /// `within` holds the shorter phrases inside each phrase that recurs, with how often
    /// it does.
    fn score(&self, lowercase: &BTreeSet<String>, within: &BTreeMap<String, usize>) -> Option<usize> {
        match self.kind {
            Kind::Acronym => Some(2 + self.count),
            Kind::Name => Some(2 + 2 * self.count),
            Kind::Word if self.camel => Some(1 + self.count),
            Kind::Word => (self.count >= 2 && !lowercase.contains(&self.term.to_lowercase())).then_some(self.count),
            Kind::Phrase if self.count < 2 => None,
            Kind::Phrase => {
                // A phrase always found inside a longer one that recurs as often is left to it.
                let lower = self.term.to_lowercase();
                let key = lower.split_whitespace().collect::<Vec<_>>().join(" ");
                let inside = within.get(&key).is_some_and(|&most| most >= self.count);
                (!inside).then_some(self.count * self.words)
            }
        }
    }
}

/// An acronym: two to eight capitals or digits, starting with a capital, with two capitals
/// at least and not a Roman numeral; an `s` after it makes a plural.
fn acronym(word: &str) -> Option<(&str, bool)> {
    let (stem, plural) = match word.strip_suffix('s') {
        Some(stem) => (stem, true),
        None => (word, false),
    };
    let capitals = stem.chars().filter(char::is_ascii_uppercase).count();
    let ok = (2..=8).contains(&stem.len())
        && stem.starts_with(|c: char| c.is_ascii_uppercase())
        && stem.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && capitals >= 2
        && !stem.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    ok.then_some((stem, plural))
}

fn acronyms(run: &[Word<'_>], found: &mut Candidates) {
    for word in run {
        if let Some((stem, plural)) = acronym(word.text) {
            let base = Word { text: stem, ..word.clone() };
            found.add(Kind::Acronym, std::slice::from_ref(&base), plural.then_some(word.text));
        }
    }
}

/// An acronym in brackets just after the words it stands for, "Large Language Model (LLM)",
/// becomes an alias of those words, with its plural.
fn spelt_out(words: &[&Word<'_>], found: &mut Candidates) {
    for (i, word) in words.iter().enumerate() {
        let Some((stem, _)) = acronym(word.text).filter(|_| word.bracketed) else { continue };
        let letters = stem.chars().filter(char::is_ascii_uppercase).count();
        let Some(start) = i.checked_sub(letters) else { continue };
        let name = &words[start..i];
        let same_sentence = name.iter().all(|w| w.block == word.block && w.sentence == word.sentence);
        let initials: String = name.iter().filter_map(|w| w.text.chars().next()).flat_map(char::to_uppercase).collect();
        if !same_sentence || initials != stem.chars().filter(char::is_ascii_uppercase).collect::<String>() {
            continue;
        }
        let name: Vec<Word<'_>> = name.iter().map(|w| (*w).clone()).collect();
        let key = name.iter().map(|w| w.text).collect::<Vec<_>>().join(" ").to_lowercase();
        if !found.0.contains_key(&key) {
            found.add(Kind::Name, &name, None);
        }
        let Some(short) = found.0.remove(&stem.to_lowercase()) else { continue };
        if let Some(entry) = found.0.get_mut(&key) {
            entry.kind = Kind::Name;
            entry.count += short.count;
            entry.aliases.insert(short.term);
            entry.aliases.extend(short.aliases);
        }
    }
}

/// True for a word with a capital after a small letter inside it: `DeepSeek`, `OpenAI`.
fn is_camel(word: &str) -> bool {
    word.chars().zip(word.chars().skip(1)).any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

/// Names of months and days, capitalised but not terms.
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True for a word written with a capital first.
fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Small words that may join the capitalised words of a name: "Bank of England".
const JOINERS: &[&str] = &["of", "for", "de", "du", "da", "del", "der", "van", "von", "la", "le", "al"];

/// Runs of capitalised words (with [`JOINERS`] between them), less any stop word they start
/// with and a sentence's first word also written in lower case: two words or more are a name; one word, not at the start of a sentence, may be one.
fn capitalised(run: &[Word<'_>], lowercase: &BTreeSet<String>, found: &mut Candidates) {
    let mut i = 0;
    while i < run.len() {
        if !is_capitalised(run[i].text) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        loop {
            if end < run.len() && is_capitalised(run[end].text) {
                end += 1;
            } else if end + 1 < run.len() && JOINERS.contains(&run[end].text) && is_capitalised(run[end + 1].text) {
                end += 2;
            } else {
                break;
            }
        }
        let mut start = i;
        // A sentence's first word is capitalised whatever it is: it is part of a name only
        // if it is never written in lower case and is not a common word.
        while start < end
            && (is_stop(run[start].text) || (run[start].initial && lowercase.contains(&run[start].text.to_lowercase())))
        {
            start += 1;
        }
        let words = &run[start..end];
        match words {
            [] => {}
            [word] if word.initial || acronym(word.text).is_some() => {}
            [word] if CALENDAR.contains(&word.text.to_lowercase().as_str()) => {}
            [_] => found.add(Kind::Word, words, None),
            _ if words.iter().all(|w| acronym(w.text).is_some()) => {}
            _ => found.add(Kind::Name, words, None),
        }
        i = end;
    }
}

/// Every phrase of two to four words that does not start or end with a stop word and has
/// a letter in each word.
fn phrases(run: &[Word<'_>], found: &mut Candidates) {
    for n in 2..=4 {
        for words in run.windows(n) {
            let edges_ok = !is_stop(words[0].text) && !is_stop(words[n - 1].text);
            let lettered = words.iter().all(|w| w.text.chars().any(char::is_alphabetic));
            let all_capitals = words.iter().all(|w| is_capitalised(w.text));
            if edges_ok && lettered && !all_capitals {
                found.add(Kind::Phrase, words, None);
            }
        }
    }
}

/// True for an English word too common to start or end a term.
fn is_stop(word: &str) -> bool {
    let lower = word.to_lowercase().replace('’', "'");
    STOP_WORDS.binary_search(&lower.as_str()).is_ok()
}

/// Common English words, sorted (a test checks).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "finally",
    "first",
    "five",
    "for",
    "four",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "last",
    "later",
    "latest",
    "least",
    "less",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "maybe",
    "me",
    "meanwhile",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "neither",
    "never",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "old",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "quite",
    "rather",
    "really",
    "recently",
    "said",
    "same",
    "say",
    "says",
    "see",
    "seen",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "soon",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thus",
    "to",
    "today",
    "tomorrow",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "used",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
    "yours",
];

/// Text on one line: its runs of white space made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggest(markdown: &str) -> Vec<Suggestion> {
        terms(&Article::parse(markdown, ""))
    }

    fn names(markdown: &str) -> Vec<String> {
        suggest(markdown).into_iter().map(|s| s.term).collect()
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn acronyms_with_their_plurals() {
        let found = suggest("An LLM is big. Two LLMs are bigger. The NHS, the EU and Henry VIII.");
        let llm = found.iter().find(|s| s.term == "LLM").unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(llm.aliases, ["LLMs"]);
        assert_eq!(llm.definition, "An LLM is big.");
        let terms: Vec<&str> = found.iter().map(|s| s.term.as_str()).collect();
        assert!(terms.contains(&"NHS") && terms.contains(&"EU"), "{terms:?}");
        assert!(!terms.contains(&"VIII"), "{terms:?}");
    }

    #[test]
    fn an_acronym_after_its_words_is_their_alias() {
        let found = suggest(
            "It is a ‘Large Language Model’ (LLM), as LLMs go. A large language model (LLM) again. \
             The Chinese Communist Party (CCP) rules. The CCP said so. Big Red Dogs (SOX).",
        );
        let terms: Vec<(&str, Vec<&str>)> =
            found.iter().map(|s| (s.term.as_str(), s.aliases.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            terms,
            [
                ("Large Language Model", vec!["LLM", "LLMs"]),
                ("Chinese Communist Party", vec!["CCP"]),
                ("Big Red Dogs", vec![]),
                ("SOX", vec![])
            ]
        );
    }

    #[test]
    fn capitalised_phrases_not_sentence_starts() {
        let terms = names(
            "Run by Liang Wenfeng, the firm grew. The Bank of England said so. Later the firm \
             worked with Google. Then it met Joe Biden.",
        );
        assert!(terms.contains(&"Liang Wenfeng".to_string()), "{terms:?}");
        assert!(terms.contains(&"Bank of England".to_string()), "{terms:?}");
        assert!(terms.contains(&"Joe Biden".to_string()), "{terms:?}");
        // Sentence-initial single words are not names; a word used once is not a term.
        for word in ["Run", "Later", "Then", "The", "Google"] {
            assert!(!terms.contains(&word.to_string()), "{word} in {terms:?}");
        }
    }

    #[test]
    fn names_written_with_inner_capitals_or_always_capitalised() {
        let terms = names("They chose DeepSeek over others. Many in China agree, and China is big.");
        assert_eq!(terms, ["DeepSeek", "China"]);
        assert!(names("It rose in US-based firms. US-based firms and May and May.").iter().all(|t| t != "US-based"));
        assert!(!names("In spring, March came. Later March went.").contains(&"March".to_string()));
        // A word also written in lower case is an ordinary word.
        assert!(!names("We met Hope there. We met Hope again. There is hope.").contains(&"Hope".to_string()));
    }

    #[test]
    fn recurring_phrases_without_stop_words_at_their_ends() {
        let terms = names(
            "The arms race is on. Nobody wins an arms race. It is in the nature of the thing. \
             In the end it is in the nature of things.",
        );
        assert!(terms.contains(&"arms race".to_string()), "{terms:?}");
        assert!(terms.iter().all(|t| !t.starts_with("in the") && !t.ends_with(" the")), "{terms:?}");
        assert!(!terms.contains(&"race".to_string()));
    }

    #[test]
    fn a_phrase_inside_a_longer_one_as_frequent_is_left_out() {
        let terms = names("The global chip supply grew. The global chip supply fell.");
        assert_eq!(terms, ["global chip supply"]);
    }

    #[test]
    fn a_surname_alone_is_an_alias_of_the_name() {
        let found = suggest("Then Donald Trump spoke. Later Trump left. Again Trump came.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].term, "Donald Trump");
        assert_eq!(found[0].aliases, ["Trump"]);
    }

    #[test]
    fn no_duplicates_ignoring_case_and_at_most_the_cap() {
        let mut text = String::from("The AI boom. Ai is here. Both ai Models and AI models. ");
        for i in 0..40 {
            text.push_str(&format!("We saw Place{i} Town once. "));
        }
        let found = suggest(&text);
        assert!(found.len() <= MAX_TERMS);
        let mut seen = BTreeSet::new();
        for s in &found {
            for name in std::iter::once(&s.term).chain(&s.aliases) {
                assert!(seen.insert(name.to_lowercase()), "{name} twice in {found:?}");
            }
        }
    }

    #[test]
    fn the_same_article_gives_the_same_terms() {
        let text = "Chinese company DeepSeek launched its AI model. The US and the EU watched the AI model.";
        assert_eq!(suggest(text), suggest(text));
    }
}
