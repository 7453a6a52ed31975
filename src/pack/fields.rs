//! Reads TOML tables field by field, keeping every value's position, so that one pass
//! reports every problem of a file rather than stopping at the first.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, SourceFile};
use crate::text::sanitize;

/// A string read from a pack: cleaned of control characters, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Range<usize>,
}

/// Whether a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

/// One table of a file (the root, a `[[term]]`, a `[[question]]`).
pub struct Table<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub span: Range<usize>,
    /// What the table is, for messages: "question", "term", "pack".
    pub what: &'static str,
}

/// Collects diagnostics for one file while its fields are read.
pub struct Reader<'d> {
    pub file: Arc<SourceFile>,
    pub diagnostics: &'d mut Vec<Diagnostic>,
    /// Where in the file the text being read starts: a piece's spans are its own, and the
    /// reader puts every span it hands on or reports in the file's terms.
    offset: usize,
}

impl<'d> Reader<'d> {
    /// Starts reading `file`; problems go to `diagnostics`.
    pub fn new(file: &Arc<SourceFile>, diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Self { file: Arc::clone(file), diagnostics, offset: 0 }
    }

    /// A span of the text being read, in the file.
    fn at(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    /// Parses a pack file, reporting every syntax error; `None` when there were any.
    pub fn parse<'i>(&mut self, text: &'i str) -> Option<Spanned<DeTable<'i>>> {
        self.parse_with(text, "check the quotes, brackets and `=` on this line; docs/pack-format.md shows every field")
    }

    /// Parses a TOML file, reporting every syntax error with `hint`; `None` when there
    /// were any.
    pub fn parse_with<'i>(&mut self, text: &'i str, hint: &str) -> Option<Spanned<DeTable<'i>>> {
        let (root, errors) = DeTable::parse_recoverable(text);
        let ok = errors.is_empty();
        for error in errors {
            let message = error.message().trim().to_string();
            self.diagnostics
                .push(Diagnostic::error(&self.file, error.span(), format!("TOML syntax: {message}")).hint(hint));
        }
        // A file with syntax errors is not read further: the recovered table would only
        // produce follow-on errors about fields the author did write.
        ok.then_some(root)
    }

    /// Reports an error at `span`.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(&self.file, Some(span), message).hint(hint));
    }

    /// Reports a warning at `span`.
    pub fn warning(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(&self.file, Some(span), message).hint(hint));
    }

    /// Reports every key of `table` that is not in `known`, with a suggestion.
    /// `elsewhere` lists keys that exist in the format but do not apply here, with why.
    pub fn unknown_fields(
        &mut self,
        table: &Table<'_, '_>,
        known: &[&str],
        elsewhere: &dyn Fn(&str) -> Option<String>,
    ) {
        for (key, _) in table.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            if let Some(why) = elsewhere(name) {
                self.error(self.at(key.span()), format!("field `{name}` does not apply here"), why);
                continue;
            }
            let hint = match did_you_mean(name, known) {
                Some(best) => format!("did you mean `{best}`? A {} has: {}", table.what, list(known)),
                None => format!("a {} has: {}", table.what, list(known)),
            };
            self.error(self.at(key.span()), format!("unknown field `{name}` in {}", table.what), hint);
        }
    }

    fn get<'t, 'i>(&mut self, table: &'t Table<'_, 'i>, key: &str, need: Need) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = table.table.get(key);
        if value.is_none() && need == Need::Required {
            let span = first_line(&self.file.text, table.span.clone());
            self.error(
                span,
                format!("missing field `{key}` in {}", table.what),
                format!("add a line `{key} = …` to this {}", table.what),
            );
        }
        value
    }

    fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str, example: &str) {
        self.error(
            self.at(value.span()),
            format!("`{key}` should be {expected}, found {}", article(value.get_ref().type_str())),
            format!("write it as {example}"),
        );
    }

    /// A string field: cleaned, non-empty.
    pub fn string(&mut self, table: &Table<'_, '_>, key: &str, need: Need) -> Option<Text> {
        let value = self.get(table, key, need)?;
        let Some(s) = value.get_ref().as_str() else {
            self.wrong_type(key, value, "a string", &format!("{key} = \"…\""));
            return None;
        };
        self.text(key, s, self.at(value.span()))
    }

    /// Checks one string value: warns about control characters, rejects empty text.
    fn text(&mut self, key: &str, raw: &str, span: Range<usize>) -> Option<Text> {
        if sanitize::first_control(raw).is_some() {
            self.warning(
                span.clone(),
                format!("control character or escape sequence in `{key}`"),
                "it is removed when the pack is loaded; delete it from the file",
            );
        }
        let value = sanitize::clean(raw).trim().to_string();
        // Text of nothing but direction controls is empty too: nothing of it can be shown.
        if sanitize::printable(&value).trim().is_empty() {
            self.error(
                span,
                format!("`{key}` is empty"),
                format!("write the {key}, or remove the line if it is optional"),
            );
            return None;
        }
        Some(Text { value, span })
    }

    /// Rejects `text` when it is longer than `limit` characters, reporting its length and
    /// `hint`: a value meant to be short is kept short, so that nothing built from it (the
    /// automata that find refs and terms) grows with a value made long on purpose.
    pub fn at_most(&mut self, text: Option<Text>, key: &str, limit: usize, hint: &str) -> Option<Text> {
        let text = text?;
        let length = text.value.chars().count();
        if length <= limit {
            return Some(text);
        }
        // The caret goes at the start: the whole value may be one very long line.
        let start = text.span.start;
        let first = self.file.text.get(start..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
        self.error(start..start + first, format!("`{key}` is {length} characters long; the most is {limit}"), hint);
        None
    }

    /// A list of strings; returns the items and the list's span.
    pub fn strings(&mut self, table: &Table<'_, '_>, key: &str, need: Need) -> Option<(Vec<Text>, Range<usize>)> {
        let value = self.get(table, key, need)?;
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(key, value, "a list of strings", &format!("{key} = [\"…\", \"…\"]"));
            return None;
        };
        let mut items = Vec::with_capacity(array.len());
        for item in array.iter() {
            match item.get_ref().as_str() {
                Some(s) => items.extend(self.text(key, s, self.at(item.span()))),
                None => self.wrong_type(key, item, "a list of strings", &format!("{key} = [\"…\", \"…\"]")),
            }
        }
        Some((items, self.at(value.span())))
    }

    /// A boolean field.
    pub fn boolean(&mut self, table: &Table<'_, '_>, key: &str, need: Need) -> Option<Spanned<bool>> {
        let value = self.get(table, key, need)?;
        match value.get_ref().as_bool() {
            Some(b) => Some(Spanned::new(self.at(value.span()), b)),
            None => {
                self.wrong_type(key, value, "true or false", &format!("{key} = true (no quotes)"));
                None
            }
        }
    }

    /// An array of tables (`[[term]]`), each to be read by the caller.
    pub fn tables<'t, 'i>(&mut self, table: &'t Table<'_, 'i>, key: &str, what: &'static str) -> Vec<Table<'t, 'i>> {
        let Some(value) = table.table.get(key) else { return Vec::new() };
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(
                key,
                value,
                &format!("a list of [[{key}]] tables"),
                &format!("[[{key}]] on a line of its own"),
            );
            return Vec::new();
        };
        let mut tables = Vec::with_capacity(array.len());
        for item in array.iter() {
            match item.get_ref().as_table() {
                Some(t) => tables.push(Table { table: t, span: self.at(item.span()), what }),
                None => self.wrong_type(key, item, "a table", &format!("[[{key}]] on a line of its own")),
            }
        }
        tables
    }
}

/// How long a piece of a long file of tables is, at least: parsing one piece at a time, its
/// tokens and events take tens of kilobytes, used again by the next piece, where a whole
/// glossary of 5,000 terms took six megabytes of fresh memory (a page fault for every 4 KB).
pub const PIECE: usize = 8 * 1024;

/// Reads `reader`'s file of `[[key]]` tables (`what` names one), the file being `file`:
/// reports any other key of the root, and gives `entry` each table in order, with `state`;
/// `None` when the file has syntax errors (each reported).
///
/// A file longer than `piece` bytes ([`PIECE`]) that is only `[[key]]` tables is parsed in
/// pieces of about that size, each starting at a `[[key]]` line: the same tables in the same
/// order as the whole file's, with spans in the file. Where any piece has a syntax error,
/// what was read is set aside and the file is parsed whole, so that the errors are reported
/// as they always are.
pub fn read_tables<S: Default>(
    reader: &mut Reader<'_>,
    file: &'static str,
    key: &str,
    what: &'static str,
    piece: usize,
    mut entry: impl FnMut(&mut S, &mut Reader<'_>, &Table<'_, '_>),
) -> Option<S> {
    let mut read = |state: &mut S, reader: &mut Reader<'_>, root: &Table<'_, '_>| {
        reader.unknown_fields(root, &[key], &|_| None);
        for table in reader.tables(root, key, what) {
            entry(state, reader, &table);
        }
    };
    let source = Arc::clone(&reader.file);
    let text = source.text.as_str();
    if let Some(pieces) = pieces(text, &format!("[[{key}]]"), piece) {
        let (mut state, found) = (S::default(), reader.diagnostics.len());
        let parsed = pieces.into_iter().all(|piece| {
            let (root, errors) = DeTable::parse_recoverable(&text[piece.clone()]);
            reader.offset = piece.start;
            let table = Table { table: root.get_ref(), span: reader.at(root.span()), what: file };
            errors.is_empty() && {
                read(&mut state, reader, &table);
                true
            }
        });
        reader.offset = 0;
        if parsed {
            return Some(state);
        }
        reader.diagnostics.truncate(found);
    }
    read_root(reader, file, |reader, root| {
        let mut state = S::default();
        read(&mut state, reader, root);
        state
    })
}

/// Parses `reader`'s file whole and gives `read` its root table (`what` names the file);
/// `None` when the file has syntax errors (each reported).
pub fn read_root<T>(
    reader: &mut Reader<'_>,
    what: &'static str,
    read: impl FnOnce(&mut Reader<'_>, &Table<'_, '_>) -> T,
) -> Option<T> {
    let source = Arc::clone(&reader.file);
    let root = reader.parse(&source.text)?;
    Some(read(reader, &Table { table: root.get_ref(), span: root.span(), what }))
}

/// Where to cut `text` into pieces of at least `size` bytes that parse as it does, each after
/// the first starting at a line `header`; `None` when it is no longer than `size`, or is not
/// only `header` tables. A line that starts a table or an array of tables and is not `header`
/// (any `[` at the start of a line), or a multi-line string (in which a line could read
/// `header`), leaves the text whole: then every line `header` starts a table of the same
/// array, and every other line belongs to the table before it.
pub(crate) fn pieces(text: &str, header: &str, size: usize) -> Option<Vec<Range<usize>>> {
    if text.len() <= size
        || ["\"\"\"", "'''"].iter().any(|quotes| memchr::memmem::find(text.as_bytes(), quotes.as_bytes()).is_some())
    {
        return None;
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            if trimmed != header {
                return None;
            }
            if at - start >= size {
                pieces.push(start..at);
                start = at;
            }
        }
        at += line.len();
    }
    pieces.push(start..text.len());
    Some(pieces)
}

/// What to do about a `ref` over [`QUOTE_LIMIT`](crate::text::anchor::QUOTE_LIMIT).
pub const REF_HINT: &str =
    "a ref is a short exact quote from one paragraph of article.md; keep 4 to 15 distinctive words of it";

/// The closest of `known` to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1) + 1 && *d < k.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn list(known: &[&str]) -> String {
    known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

fn article(type_str: &str) -> String {
    match type_str {
        "integer" | "array" => format!("an {type_str}"),
        other => format!("a {other}"),
    }
}

/// The first line of a span: a table's header, where "missing field" points.
pub fn first_line(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let end = text[start..span.end.min(text.len())].find('\n').map_or(span.end, |i| start + i);
    start..end.max(start)
}

/// Reads `draft` (optional, `false` unless given) and warns about a draft: it is to be
/// finished before the pack is used in class. `what` and `name` say which entry it is.
pub fn draft(reader: &mut Reader<'_>, entry: &Table<'_, '_>, what: &str, name: Option<&str>) -> bool {
    let Some(draft) = reader.boolean(entry, "draft", Need::Optional) else { return false };
    if *draft.get_ref() {
        let name = name.map(|n| format!(" `{n}`")).unwrap_or_default();
        reader.warning(
            draft.span(),
            format!("{what}{name} is a draft"),
            "finish it and remove `draft = true`; until then it is shown marked as a draft and left out of study",
        );
    }
    *draft.get_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let known = ["id", "kind", "prompt", "explain", "ref"];
        assert_eq!(did_you_mean("promt", &known), Some("prompt"));
        assert_eq!(did_you_mean("Explain", &known), Some("explain"));
        assert_eq!(did_you_mean("colour", &known), None);
    }

    #[test]
    fn pieces_start_at_headers() {
        let entry = "[[term]]\nterm = \"a\"\ndefinition = \"b\"\n\n";
        let text = format!("# terms\n{}", entry.repeat(10));
        let cut = pieces(&text, "[[term]]", 3 * entry.len()).unwrap();
        // Three entries a piece (the first with the comment before them), and what is left.
        assert_eq!(cut.len(), 4, "{cut:?}");
        // End to end, every piece but the first starting at a header, none but the last
        // shorter than asked.
        assert_eq!(cut[0].start, 0);
        assert_eq!(cut.last().unwrap().end, text.len());
        for pair in cut.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[pair[1].clone()].starts_with("[[term]]\n"));
            assert!(pair[0].len() >= 3 * entry.len());
        }
        // Indented headers and CRLF line ends are headers too.
        let crlf = entry.replace('\n', "\r\n").repeat(10);
        let crlf = format!("  {}", crlf.replacen("\r\n[[term]]", "\r\n  [[term]]", 3));
        assert_eq!(pieces(&crlf, "[[term]]", 2 * entry.len()).map(|p| p.len()), Some(5));
        // Short, or not only the header's tables: whole.
        assert_eq!(pieces(&text, "[[term]]", text.len()), None);
        for odd in [
            "[[term.more]]\nx = 1\n",
            "[other]\nx = 1\n",
            "[[term]] # a comment\n",
            "aliases = [\n  [\"nested\"],\n]\n",
            "definition = \"\"\"\n[[term]]\n\"\"\"\n",
            "definition = '''\n[[term]]\n'''\n",
        ] {
            let text = format!("{}{odd}{}", entry.repeat(5), entry.repeat(5));
            assert_eq!(pieces(&text, "[[term]]", entry.len()), None, "{odd}");
        }
    }
}
