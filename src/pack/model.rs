//! The study pack as the app uses it: metadata, the article, the glossary, the quiz and
//! the discussion prompts. Built by the loader from a pack folder; knows nothing of the UI.

use crate::text::anchor::Anchor;
use crate::text::article::Article;

/// A loaded study pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The folder name: stable, used to key saved progress.
    pub id: String,
    pub title: String,
    pub author: String,
    pub summary: String,
    pub tags: Vec<String>,
    /// Whether glossary terms also become review cards.
    pub glossary_cards: bool,
    pub article: Article,
    pub terms: Vec<Term>,
    pub questions: Vec<Question>,
    pub discussion: Vec<Prompt>,
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: String,
    /// Other entries, each named by its term or an alias.
    pub see_also: Vec<String>,
}

/// A quote from the article and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub quote: String,
    /// `None` only in a pack that failed its check.
    pub anchor: Option<Anchor>,
}

/// A quiz question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Stable and unique in the pack: progress is keyed by it.
    pub id: String,
    pub prompt: String,
    pub explain: Option<String>,
    pub reference: Option<Reference>,
    pub kind: Kind,
}

/// A question's kind and the fields that kind needs.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClozePart {
    Text(String),
    Gap(Vec<String>),
}

/// Why a cloze text could not be read; the offset is a byte index into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClozeError {
    NoGap,
    Unclosed(usize),
    EmptyGap(usize),
}

/// Splits a cloze text into words and gaps: `{{answer}}` or `{{answer|alternative}}`.
pub fn parse_cloze(text: &str) -> Result<Vec<ClozePart>, ClozeError> {
    let mut parts = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            parts.push(ClozePart::Text(rest[..open].to_string()));
        }
        let inner_start = open + 2;
        let Some(close) = rest[inner_start..].find("}}") else {
            return Err(ClozeError::Unclosed(offset + open));
        };
        let answers: Vec<String> = rest[inner_start..inner_start + close]
            .split('|')
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        if answers.is_empty() {
            return Err(ClozeError::EmptyGap(offset + open));
        }
        parts.push(ClozePart::Gap(answers));
        let consumed = inner_start + close + 2;
        offset += consumed;
        rest = &rest[consumed..];
    }
    if !rest.is_empty() {
        parts.push(ClozePart::Text(rest.to_string()));
    }
    if parts.iter().any(|p| matches!(p, ClozePart::Gap(_))) { Ok(parts) } else { Err(ClozeError::NoGap) }
}

/// A discussion prompt for a class, optionally tied to a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}
