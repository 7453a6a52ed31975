//! Reads `glossary.toml`: `[[term]]` entries, checked for duplicates and broken see-also links.

use rustc_hash::FxHashMap;

use super::fields::{Need, PIECE, Reader, Table, Text, did_you_mean, read_tables};
use super::model::Term;
use crate::text::terms::{MAX_NAMES, NAME_LIMIT};

/// How many `see_also` links that name no term get a "did you mean": each suggestion
/// compares the link with every name.
const SUGGESTIONS: usize = 50;

const NAME_HINT: &str =
    "a term or alias is a word or a short name as the article writes it; the explanation goes in `definition`";

const FIELDS: [&str; 5] = ["term", "aliases", "definition", "see_also", "draft"];

/// Reads every term of `reader`'s file, reporting duplicate names (case-insensitive) and
/// `see_also` entries that name no term; no terms when the file has syntax errors.
pub fn read(reader: &mut Reader<'_>) -> Vec<Term> {
    read_in(reader, PIECE)
}

/// [`read`], parsing a long file in pieces of about `piece` bytes.
fn read_in(reader: &mut Reader<'_>, piece: usize) -> Vec<Term> {
    match read_tables(reader, "glossary.toml", "term", "term", piece, Entries::entry) {
        Some(entries) => entries.finish(reader),
        None => Vec::new(),
    }
}

/// The terms read so far, and what is checked once all are in.
#[derive(Default)]
struct Entries {
    terms: Vec<Term>,
    /// Every name (term or alias), lower-cased, with where it was first given.
    names: FxHashMap<String, usize>,
    links: Vec<Text>,
    /// How many names (terms and aliases) there are.
    count: usize,
}

impl Entries {
    /// Reads one `[[term]]` table.
    fn entry(&mut self, reader: &mut Reader<'_>, entry: &Table<'_, '_>) {
        reader.unknown_fields(entry, &FIELDS, &|_| None);
        let term = reader.string(entry, "term", Need::Required);
        let term = reader.at_most(term, "term", NAME_LIMIT, NAME_HINT);
        let aliases: Vec<_> = reader
            .strings(entry, "aliases", Need::Optional)
            .map(|(a, _)| a)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|alias| reader.at_most(Some(alias), "aliases", NAME_LIMIT, NAME_HINT))
            .collect();
        let definition = reader.string(entry, "definition", Need::Required);
        let see_also = reader.strings(entry, "see_also", Need::Optional).map(|(s, _)| s).unwrap_or_default();
        let draft = super::fields::draft(reader, entry, "term", term.as_ref().map(|t| t.value.as_str()));
        let before = self.count;
        self.count += usize::from(term.is_some()) + aliases.len();
        // Said once, at the entry that goes past the limit.
        if before <= MAX_NAMES && self.count > MAX_NAMES {
            let span = super::fields::first_line(&reader.file.text, entry.span.clone());
            reader.error(
                span,
                format!("the glossary has more than {MAX_NAMES} terms and aliases; this entry is past the limit"),
                format!("keep the terms a reader may not know, at most {MAX_NAMES} terms and aliases in all, or split the text into several packs"),
            );
        }
        for name in term.iter().chain(&aliases) {
            let key = name.value.to_lowercase();
            if let Some(&first) = self.names.get(&key) {
                let line = reader.file.line_of(first);
                reader.error(
                    name.span.clone(),
                    format!("`{}` is already a term or alias (line {line})", name.value),
                    "each term and alias may appear once in the glossary (case does not matter); merge the entries or remove one",
                );
            } else {
                self.names.insert(key, name.span.start);
            }
        }
        let (Some(term), Some(definition)) = (term, definition) else { return };
        self.links.extend(see_also.iter().cloned());
        self.terms.push(Term {
            term: term.value,
            aliases: aliases.into_iter().map(|a| a.value).collect(),
            definition: definition.value,
            see_also: see_also.into_iter().map(|s| s.value).collect(),
            draft,
        });
    }

    /// Checks every `see_also` link against the names, and hands on the terms.
    fn finish(self, reader: &mut Reader<'_>) -> Vec<Term> {
        let Self { terms, names, links, .. } = self;
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
                None => "`see_also` names another entry by its term or an alias; add that term or remove the link"
                    .to_string(),
            };
            reader.error(link.span, format!("`see_also` names no term: `{}`", link.value), hint);
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::pack::diagnostic::{Diagnostic, SourceFile};
    use crate::pack::fields;

    /// The terms and every diagnostic (rendered, with its line and column) of `text` read
    /// in pieces of about `piece` bytes.
    fn read_text(text: &str, piece: usize) -> (Vec<Term>, Vec<String>) {
        let file = Arc::new(SourceFile::new("glossary.toml", text));
        let mut found: Vec<Diagnostic> = Vec::new();
        let terms = read_in(&mut Reader::new(&file, &mut found), piece);
        (terms, found.iter().map(|d| d.render(false)).collect())
    }

    fn glossary(entries: usize) -> String {
        let mut text = String::from("# A glossary long enough to be read in pieces.\n\n");
        for n in 0..entries {
            text += &format!("[[term]]\nterm = \"term {n}\"\ndefinition = \"What term {n} means.\"\n");
            match n % 7 {
                1 => text += &format!("aliases = [\n  \"alias {n}\",\n  \"other {n}\",\n]\n"),
                2 => text += &format!("see_also = [\"term {}\"]\n", n + 1),
                _ => {}
            }
            text += "\n";
        }
        text
    }

    #[test]
    fn read_in_pieces_as_read_whole() {
        let whole = |text: &str| read_text(text, usize::MAX);
        let clean = glossary(60);
        assert!(fields::pieces(&clean, "[[term]]", 200).is_some_and(|p| p.len() > 10));
        let (terms, found) = whole(&clean);
        assert_eq!(terms.len(), 60);
        assert!(found.is_empty(), "{found:?}");
        for piece in [1, 200, 1000] {
            assert_eq!(read_text(&clean, piece), (terms.clone(), found.clone()), "pieces of {piece}");
        }
        // Problems late in the file, and one that spans pieces (a name given twice, far
        // apart), are reported at the same places, in the same order.
        let broken = clean
            .replace("term = \"term 50\"", "term = \"Term 3\"")
            .replace("definition = \"What term 40 means.\"", "definition = \"\"\ncolour = \"red\"")
            .replace("see_also = [\"term 45\"]", "see_also = [\"term 4S\"]")
            .replace("term = \"term 55\"", "term = 55");
        let (terms, found) = whole(&broken);
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found.iter().any(|d| d.contains("`Term 3` is already a term or alias (line")));
        for piece in [1, 200, 1000] {
            assert_eq!(read_text(&broken, piece), (terms.clone(), found.clone()), "pieces of {piece}");
        }
        // A syntax error in a late piece is reported as it is when the file is read whole, and
        // nothing read from the pieces before it is kept.
        let syntax = broken.replace("term = \"term 57\"", "term = \"term 57");
        let (terms, found) = whole(&syntax);
        assert!(terms.is_empty() && found.iter().all(|d| d.contains("TOML syntax")), "{found:#?}");
        assert_eq!(read_text(&syntax, 200), (terms, found));
    }

    /// Headers, and the lines a table may hold, each key's choices (several lines, some of
    /// them), well formed or not: among them the ones that keep a file whole
    /// ([`fields::pieces`]), after the choices that do not.
    const HEADERS: [&str; 5] = ["[[term]]", "  [[term]]", "[[term]]", "[[term.more]]", "[other]"];
    const KEYS: [&[&str]; 8] = [
        &["term = \"AI\"", "term = \"ai\"", "term = \"DeepSeek\"", "term = 5"],
        &["definition = \"A model.\"", "definition = \"\"", "definition = \"\"\"\n[[term]]\n\"\"\""],
        &["aliases = [\n  \"LLM\",\n]", "aliases = [\"LLM\"] # [[term]]", "aliases = [\n  [\"nested\"],\n]"],
        &["see_also = [\"AI\", \"nothing\"]"],
        &["draft = true", "draft = \"yes\""],
        &["colour = \"red\"", "more.key = 1"],
        &["# [[term]]"],
        &[""],
    ];

    proptest::proptest! {
        #[test]
        fn any_glossary_reads_in_pieces_as_whole(
            tables in proptest::collection::vec((0..HEADERS.len(), proptest::collection::vec(0..4usize, KEYS.len())), 0..40),
            piece in 1usize..400,
            crlf: bool,
            only_terms: bool,
        ) {
            let mut text = String::new();
            for (header, choices) in &tables {
                // Half the files hold only what can be cut between.
                text += HEADERS[if only_terms { header % 3 } else { *header }];
                text += "\n";
                for (key, &choice) in KEYS.iter().zip(choices) {
                    // Some keys left out, and only the first choices of the others where
                    // only what can be cut between is wanted.
                    let choices = if only_terms { key.len().min(2) } else { key.len() };
                    if choice < choices {
                        text += key[choice];
                        text += "\n";
                    }
                }
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            proptest::prop_assert_eq!(read_text(&text, piece), read_text(&text, usize::MAX));
        }
    }
}
