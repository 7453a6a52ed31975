//! Packs built in code for the study module's tests.

use crate::pack::Pack;
use crate::pack::model::{Kind, Question, Term};
use crate::text::article::Article;

/// A pack of `questions` and `terms` over `article`, with glossary cards.
pub fn pack(article: Article, questions: Vec<Question>, terms: Vec<Term>) -> Pack {
    Pack {
        id: "p".to_string(),
        title: "P".to_string(),
        author: String::new(),
        summary: String::new(),
        version: String::new(),
        tags: Vec::new(),
        glossary_cards: true,
        article,
        terms,
        questions,
        discussion: Vec::new(),
    }
}

/// A question with no explanation and no passage.
pub fn question(id: &str, prompt: &str, kind: Kind) -> Question {
    Question { id: id.to_string(), prompt: prompt.to_string(), explain: None, reference: None, kind, draft: false }
}

/// A glossary term with no aliases, defined as "`name` means".
pub fn term(name: &str) -> Term {
    Term {
        term: name.to_string(),
        aliases: Vec::new(),
        definition: format!("{name} means"),
        see_also: Vec::new(),
        draft: false,
    }
}
