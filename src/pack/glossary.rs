//! Reads `glossary.toml`: `[[term]]` entries, checked for duplicates and broken see-also links.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::DeTable;

use super::fields::{Need, Reader, Table, did_you_mean};
use super::model::Term;
use crate::text::terms::{MAX_NAMES, NAME_LIMIT};

/// How many `see_also` links that name no term get a "did you mean": each suggestion
/// compares the link with every name.
const SUGGESTIONS: usize = 50;

const NAME_HINT: &str =
    "a term or alias is a word or a short name as the article writes it; the explanation goes in `definition`";

const FIELDS: [&str; 5] = ["term", "aliases", "definition", "see_also", "draft"];

/// Reads every term, reporting duplicate names (case-insensitive) and `see_also` entries
/// that name no term.
pub fn read(reader: &mut Reader<'_>, root: &Spanned<DeTable<'_>>) -> Vec<Term> {
    let table = Table { table: root.get_ref(), span: root.span(), what: "glossary.toml" };
    reader.unknown_fields(&table, &["term"], &|_| None);
    let mut terms = Vec::new();
    // Every name (term or alias), lower-cased, with where it was first given.
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut links = Vec::new();
    let mut count = 0;
    for entry in reader.tables(&table, "term", "term") {
        reader.unknown_fields(&entry, &FIELDS, &|_| None);
        let term = reader.string(&entry, "term", Need::Required);
        let term = reader.at_most(term, "term", NAME_LIMIT, NAME_HINT);
        let aliases: Vec<_> = reader
            .strings(&entry, "aliases", Need::Optional)
            .map(|(a, _)| a)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|alias| reader.at_most(Some(alias), "aliases", NAME_LIMIT, NAME_HINT))
            .collect();
        let definition = reader.string(&entry, "definition", Need::Required);
        let see_also = reader.strings(&entry, "see_also", Need::Optional).map(|(s, _)| s).unwrap_or_default();
        let draft = super::fields::draft(reader, &entry, "term", term.as_ref().map(|t| t.value.as_str()));
        let before = count;
        count += usize::from(term.is_some()) + aliases.len();
        // Said once, at the entry that goes past the limit.
        if before <= MAX_NAMES && count > MAX_NAMES {
            let span = super::fields::first_line(&reader.file.text, entry.span.clone());
            reader.error(
                span,
                format!("the glossary has more than {MAX_NAMES} terms and aliases; this entry is past the limit"),
                format!("keep the terms a reader may not know, at most {MAX_NAMES} terms and aliases in all, or split the text into several packs"),
            );
        }
        for name in term.iter().chain(&aliases) {
            let key = name.value.to_lowercase();
            if let Some(&first) = names.get(&key) {
                let line = reader.file.line_of(first);
                reader.error(
                    name.span.clone(),
                    format!("`{}` is already a term or alias (line {line})", name.value),
                    "each term and alias may appear once in the glossary (case does not matter); merge the entries or remove one",
                );
            } else {
                names.insert(key, name.span.start);
            }
        }
        let (Some(term), Some(definition)) = (term, definition) else { continue };
        links.extend(see_also.iter().cloned());
        terms.push(Term {
            term: term.value,
            aliases: aliases.into_iter().map(|a| a.value).collect(),
            definition: definition.value,
            see_also: see_also.into_iter().map(|s| s.value).collect(),
            draft,
        });
    }
    let known: Vec<String> = names.keys().cloned().collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut suggested = 0;
    for link in links {
        if names.contains_key(&link.value.to_lowercase()) {
            continue;
        }
        suggested += 1;
        let suggestion = if suggested <= SUGGESTIONS { did_you_mean(&link.value, &known) } else { None };
        let hint = match suggestion {
            Some(best) => format!("did you mean `{best}`? `see_also` names another entry by its term or an alias"),
            None => {
                "`see_also` names another entry by its term or an alias; add that term or remove the link".to_string()
            }
        };
        reader.error(link.span, format!("`see_also` names no term: `{}`", link.value), hint);
    }
    terms
}
