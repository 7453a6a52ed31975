//! Reads `pack.toml`: title, author, summary, version, tags and discussion prompts.

use super::fields::{Need, REF_HINT, Reader, Table, Text, read_root};
use crate::text::anchor::QUOTE_LIMIT;

/// `pack.toml` as read, with the positions of the discussion refs.
#[derive(Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub summary: String,
    pub version: String,
    pub tags: Vec<String>,
    pub glossary_cards: bool,
    /// Each prompt with its `ref`, still to be found in the article.
    pub discussion: Vec<(String, Option<Text>)>,
    /// The `ref` of each rejected prompt, still checked.
    pub rejected: Vec<Text>,
}

const FIELDS: [&str; 7] = ["title", "author", "summary", "version", "tags", "glossary_cards", "discussion"];
const PROMPT_FIELDS: [&str; 2] = ["prompt", "ref"];

/// Reads `pack.toml`; the defaults when it has syntax errors (which are reported).
pub fn read(reader: &mut Reader<'_>) -> Meta {
    read_root(reader, "pack.toml", read_table).unwrap_or_default()
}

/// Reads the root table of `pack.toml`.
fn read_table(reader: &mut Reader<'_>, table: &Table<'_, '_>) -> Meta {
    reader.unknown_fields(table, &FIELDS, &|_| None);
    let text =
        |reader: &mut Reader<'_>, key, need| reader.string(table, key, need).map(|t| t.value).unwrap_or_default();
    let mut meta = Meta {
        title: text(reader, "title", Need::Required),
        author: text(reader, "author", Need::Required),
        summary: text(reader, "summary", Need::Optional),
        version: text(reader, "version", Need::Optional),
        tags: reader
            .strings(table, "tags", Need::Optional)
            .map(|(t, _)| t.into_iter().map(|t| t.value).collect())
            .unwrap_or_default(),
        glossary_cards: reader.boolean(table, "glossary_cards", Need::Optional).is_none_or(|b| *b.get_ref()),
        discussion: Vec::new(),
        rejected: Vec::new(),
    };
    for prompt in reader.tables(table, "discussion", "discussion prompt") {
        reader.unknown_fields(&prompt, &PROMPT_FIELDS, &|_| None);
        let text = reader.string(&prompt, "prompt", Need::Required);
        let reference = reader.string(&prompt, "ref", Need::Optional);
        let reference = reader.at_most(reference, "ref", QUOTE_LIMIT, REF_HINT);
        match text {
            Some(text) => meta.discussion.push((text.value, reference)),
            None => meta.rejected.extend(reference),
        }
    }
    meta
}
