//! The study pack as the app uses it: metadata, the article, the glossary, the quiz and
//! the discussion prompts. Built by the loader from a pack folder; knows nothing of the UI.

use crate::text::anchor::Anchor;
use crate::text::article::Article;

/// A loaded study pack.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pack {
    /// The folder name: stable, used to key saved progress.
    pub id: String,
    pub title: String,
    pub author: String,
    pub summary: String,
    /// The author's name for this edition of the pack (empty when not given): results
    /// name it, so a teacher knows which questions were answered.
    pub version: String,
    pub tags: Vec<String>,
    /// Whether glossary terms also become review cards.
    pub glossary_cards: bool,
    pub article: Article,
    pub terms: Vec<Term>,
    pub questions: Vec<Question>,
    pub discussion: Vec<Prompt>,
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Term {
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: String,
    /// Other entries, each named by its term or an alias.
    pub see_also: Vec<String>,
    /// Not finished (`draft = true`): shown marked as a draft and left out of study.
    pub draft: bool,
}

impl Term {
    /// Its names: the term, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A quote from the article and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    pub quote: String,
    /// `None` only in a pack that failed its check.
    pub anchor: Option<Anchor>,
}

/// A quiz question.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Question {
    /// Stable and unique in the pack: progress is keyed by it.
    pub id: String,
    pub prompt: String,
    pub explain: Option<String>,
    pub reference: Option<Reference>,
    pub kind: Kind,
    /// Not finished (`draft = true`): listed marked as a draft, never asked.
    pub draft: bool,
}

/// A question's kind and the fields that kind needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// Pick one; `answer` indexes `choices`.
    Choice {
        choices: Vec<String>,
        answer: usize,
        shuffle: bool,
    },
    /// Pick all the right ones; `answers` index `choices`.
    Multi {
        choices: Vec<String>,
        answers: Vec<usize>,
        shuffle: bool,
    },
    TrueFalse {
        answer: bool,
    },
    /// Type the answer; `accept` lists alternatives.
    Text {
        answer: String,
        accept: Vec<String>,
    },
    /// Fill each gap.
    Cloze {
        parts: Vec<ClozePart>,
    },
    /// Put the items in order; `items` is the right order.
    Order {
        items: Vec<String>,
    },
    /// Recall, reveal the back, grade yourself.
    Card {
        back: String,
    },
}

impl Kind {
    /// Every kind's name as written in `quiz.toml`.
    pub const NAMES: [&'static str; 7] = ["choice", "multi", "truefalse", "text", "cloze", "order", "card"];

    /// The kind's name as written in `quiz.toml`.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Choice { .. } => "choice",
            Kind::Multi { .. } => "multi",
            Kind::TrueFalse { .. } => "truefalse",
            Kind::Text { .. } => "text",
            Kind::Cloze { .. } => "cloze",
            Kind::Order { .. } => "order",
            Kind::Card { .. } => "card",
        }
    }
}

/// A piece of a cloze text: words shown as they are, or a gap and its accepted answers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ClozePart {
    Text(String),
    Gap(Vec<String>),
}

/// Why a cloze text could not be read; offsets are byte indexes into the text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ClozeError {
    /// No `{{…}}` at all.
    NoGap,
    /// A `{{` with no `}}` after it.
    Unclosed(usize),
    /// A gap with no answer in it, at its `{{`.
    EmptyGap(usize),
    /// A `{{` (at `inner`) inside the gap opened at `open`, before its `}}`.
    Nested { open: usize, inner: usize },
    /// A `}}` that closes no gap.
    Stray(usize),
}

/// Splits a cloze text into words and gaps: `{{answer}}` or `{{answer|alternative}}`.
/// A gap holds no `{{`, every `{{` has its `}}`, and no `}}` stands outside a gap.
pub fn parse_cloze(text: &str) -> Result<Vec<ClozePart>, ClozeError> {
    let mut parts = Vec::new();
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let open = rest.find("{{");
        if let Some(close) = rest.find("}}")
            && open.is_none_or(|open| close < open)
        {
            return Err(ClozeError::Stray(at + close));
        }
        let Some(open) = open else { break };
        if open > 0 {
            parts.push(ClozePart::Text(rest[..open].to_string()));
        }
        let (open, inner) = (at + open, at + open + 2);
        let Some(close) = text[inner..].find("}}") else {
            return Err(ClozeError::Unclosed(open));
        };
        let gap = &text[inner..inner + close];
        if let Some(nested) = gap.find("{{") {
            return Err(ClozeError::Nested { open, inner: inner + nested });
        }
        let answers: Vec<String> = gap.split('|').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
        if answers.is_empty() {
            return Err(ClozeError::EmptyGap(open));
        }
        parts.push(ClozePart::Gap(answers));
        at = inner + close + 2;
    }
    if at < text.len() {
        parts.push(ClozePart::Text(text[at..].to_string()));
    }
    if parts.iter().any(|p| matches!(p, ClozePart::Gap(_))) { Ok(parts) } else { Err(ClozeError::NoGap) }
}

/// A discussion prompt for a class, optionally tied to a passage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prompt {
    pub prompt: String,
    pub reference: Option<Reference>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloze_gaps() {
        let parts = parse_cloze("In {{2017}} the {{CCP|Chinese Communist Party}} acted.").unwrap();
        assert_eq!(
            parts,
            vec![
                ClozePart::Text("In ".into()),
                ClozePart::Gap(vec!["2017".into()]),
                ClozePart::Text(" the ".into()),
                ClozePart::Gap(vec!["CCP".into(), "Chinese Communist Party".into()]),
                ClozePart::Text(" acted.".into()),
            ]
        );
        assert_eq!(parse_cloze("no gaps here"), Err(ClozeError::NoGap));
        assert_eq!(parse_cloze("a {{open"), Err(ClozeError::Unclosed(2)));
        assert_eq!(parse_cloze("a {{2}} b {{ | }}"), Err(ClozeError::EmptyGap(10)));
    }

    #[test]
    fn cloze_braces_pair_up() {
        // The gap opened at 3 runs on into the next one: nobody could answer it.
        assert_eq!(parse_cloze("In {{2017 the plan, by {{2030}}."), Err(ClozeError::Nested { open: 3, inner: 23 }));
        assert_eq!(parse_cloze("In 2017}} the {{plan}}."), Err(ClozeError::Stray(7)));
        assert_eq!(parse_cloze("In {{2017}} the plan}}."), Err(ClozeError::Stray(20)));
        assert_eq!(parse_cloze("In {{2017}}}} the plan."), Err(ClozeError::Stray(11)));
        assert_eq!(parse_cloze("In {{2017}} the {{plan"), Err(ClozeError::Unclosed(16)));
        // Single braces are text, and a third brace is part of its neighbour.
        assert_eq!(
            parse_cloze("{x} {{{y}}}"),
            Ok(vec![ClozePart::Text("{x} ".into()), ClozePart::Gap(vec!["{y".into()]), ClozePart::Text("}".into())])
        );
    }
}
