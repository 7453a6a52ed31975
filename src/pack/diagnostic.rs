//! Problems found in a pack, reported in the style of rustc: severity, message,
//! `--> file:line:column`, the source line with a caret, and a hint.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::text::sanitize::mask;

/// One file of a pack as read, kept so diagnostics can quote it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path shown to the user.
    pub path: String,
    /// The file's text (empty when it could not be read).
    pub text: String,
    /// Where each line starts, made the first time a line is asked for.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self { path: path.into(), text: text.into(), line_starts: OnceLock::new() }
    }

    /// The 1-based line that byte `offset` is on. The table of line starts is made once, so
    /// a file with many problems is not counted through again for each.
    pub fn line_of(&self, offset: usize) -> usize {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1))
                .collect()
        });
        starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and character column of byte `offset` (kept inside the text, on a
    /// character boundary).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = &self.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        // A byte-order mark is invisible in editors, so it takes no column.
        let column = text[line_start..offset].trim_start_matches('\u{feff}').chars().count() + 1;
        (self.line_of(offset), column)
    }
}

/// How serious a problem is: errors fail `lectern check`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub file: Arc<SourceFile>,
    /// Byte range in the file; `None` when the problem is the file as a whole.
    pub span: Option<Range<usize>>,
    /// A short label under the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span` of `file`.
    pub fn error(file: &Arc<SourceFile>, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            file: Arc::clone(file),
            span,
            label: None,
            hint: None,
        }
    }

    /// A warning at `span` of `file`.
    pub fn warning(file: &Arc<SourceFile>, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(file, span, message) }
    }

    /// Adds a hint: what the author should do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a label under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        Some(self.file.line_col(self.span.as_ref()?.start))
    }

    /// The diagnostic as text, with colour when `styled`.
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // Everything shown may quote the pack, so nothing reaches the terminal unmasked.
        let path = mask(&self.file.path);
        let title = level.clone().primary_title(mask(&self.message));
        let text = &self.file.text;
        let shown;
        let mut moved = None;
        let mut group: Group<'_> = match &self.span {
            Some(span) if !text.is_empty() => {
                // Only the lines the span is on are shown, so only they are masked and
                // handed on: a file with many problems is not read again whole for each.
                // A long line is cut to a window around the span, and the position is then
                // given outright, since the renderer could only count it within the window.
                let mut span = clamp_span(text, span.clone());
                let (line, column) = self.file.line_col(span.start);
                let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let mut to = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
                if to - from > LONG_LINE && text[from..to].contains('\n') {
                    // A span over several lines that would make a long quote points at
                    // where it starts.
                    to = text[from..].find('\n').map_or(text.len(), |i| from + i);
                    span = clamp_span(text, span.start..to);
                }
                let window = Window::around(text, from..to, span.clone());
                shown = window.text(text);
                let mut annotation = AnnotationKind::Primary.span(window.offset(span.start)..window.offset(span.end));
                if let Some(label) = &self.label {
                    annotation = annotation.label(mask(label));
                }
                if !window.is_whole(from..to) {
                    // The renderer counts the column within the window; the true one is
                    // put in its place in the `-->` line.
                    let counted = shown[..window.offset(span.start)].chars().count() + 1;
                    moved = Some((format!("{path}:{line}:{counted}"), format!("{path}:{line}:{column}")));
                }
                let snippet = Snippet::source(shown.as_str()).line_start(line).path(path.as_ref());
                title.element(snippet.annotation(annotation))
            }
            _ => title.element(Origin::path(path.as_ref())),
        };
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(mask(hint)));
        }
        let rendered = renderer.render(&[group]);
        match moved {
            Some((counted, column)) => {
                let title = renderer.render(&[Group::with_title(level.primary_title(mask(&self.message)))]);
                put_column(rendered, title.trim_end(), &counted, &column)
            }
            None => rendered,
        }
    }
}

/// `rendered` with `counted` replaced by `column` in its `-->` line, the first line after the
/// title (`title`, rendered alone, which may quote anything) that holds `-->`, where `counted`
/// ends it (perhaps before a style's escape sequence).
fn put_column(rendered: String, title: &str, counted: &str, column: &str) -> String {
    let Some(after_title) = rendered.starts_with(title).then_some(title.len()) else { return rendered };
    let mut at = after_title;
    for line in rendered[after_title..].split_inclusive('\n') {
        if line.contains("-->") {
            if let Some(i) = line.rfind(counted) {
                let rest = line[i + counted.len()..].trim_end_matches('\n');
                if rest.is_empty() || rest.starts_with('\u{1b}') {
                    let from = at + i;
                    return format!("{}{column}{}", &rendered[..from], &rendered[from + counted.len()..]);
                }
            }
            break;
        }
        at += line.len();
    }
    rendered
}

/// The part of a long line a diagnostic quotes: some context either side of the span, the
/// span itself cut if it is long, and `…` where anything was left out.
struct Window {
    /// Byte ranges of the line that are shown, in order (two when the span is cut).
    parts: Vec<Range<usize>>,
    /// Whether the line goes on before the first part and after the last.
    cut_before: bool,
    cut_after: bool,
}

/// Characters of context shown either side of a span on a long line.
const CONTEXT: usize = 40;
/// Characters of a long span shown at each end.
const SPAN_ENDS: usize = 40;
/// Lines up to this many bytes are shown whole.
const LONG_LINE: usize = 240;

impl Window {
    fn around(text: &str, line: Range<usize>, span: Range<usize>) -> Self {
        if line.len() <= LONG_LINE {
            return Self { parts: vec![line], cut_before: false, cut_after: false };
        }
        let start = back_chars(text, span.start, CONTEXT).max(line.start);
        let end = forward_chars(text, span.end, CONTEXT).min(line.end);
        let head_end = forward_chars(text, span.start, SPAN_ENDS);
        let tail_start = back_chars(text, span.end, SPAN_ENDS);
        let parts = if head_end < tail_start {
            vec![start..head_end, tail_start..end]
        } else {
            std::iter::once(start..end).collect()
        };
        Self { parts, cut_before: start > line.start, cut_after: end < line.end }
    }

    fn is_whole(&self, line: Range<usize>) -> bool {
        self.parts == [line]
    }

    /// The shown text, masked, with `…` at each cut.
    fn text(&self, text: &str) -> String {
        let mut shown = String::new();
        if self.cut_before {
            shown.push('…');
        }
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                shown.push('…');
            }
            shown.push_str(&mask(&text[part.clone()]));
        }
        if self.cut_after {
            shown.push('…');
        }
        shown
    }

    /// Where byte `at` of the file lands in the shown text (an offset left out between two
    /// parts lands just after the `…` standing for it).
    fn offset(&self, at: usize) -> usize {
        let ellipsis = '…'.len_utf8();
        let mut shown = if self.cut_before { ellipsis } else { 0 };
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                shown += ellipsis;
            }
            if at <= part.end {
                return shown + at.saturating_sub(part.start);
            }
            shown += part.len();
        }
        shown
    }
}

/// The byte offset `count` characters before `at`.
fn back_chars(text: &str, at: usize, count: usize) -> usize {
    text[..at].char_indices().rev().take(count).last().map_or(at, |(i, _)| i)
}

/// The byte offset `count` characters after `at`.
fn forward_chars(text: &str, at: usize, count: usize) -> usize {
    text[at..].char_indices().nth(count).map_or(text.len(), |(i, _)| at + i)
}

/// A file's bytes as UTF-8 text, kept for diagnostics; or a diagnostic at its first
/// invalid byte, `name` being what the message calls the file.
pub fn decode(path: String, bytes: Vec<u8>, name: &str) -> Result<Arc<SourceFile>, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Arc::new(SourceFile::new(path, text))),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let byte = error.as_bytes()[at];
            // Offsets in the lossy copy match the original up to the first bad byte.
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let file = Arc::new(SourceFile::new(path, text));
            Err(Diagnostic::error(&file, Some(at..at + 1), format!("`{name}` is not valid UTF-8 (byte 0x{byte:02x})"))
                .hint("save the file as UTF-8 in your editor"))
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Keeps a span inside the text, on character boundaries, and at least one character wide
/// so the caret has something to point at.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    if end == start {
        end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
    }
    start..end
}

/// Counts of what a check found.
pub fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics.iter().filter(|d| d.severity == severity).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::new("quiz.toml", text))
    }

    /// The column the caret stands at in a rendered diagnostic (1-based, in characters of the
    /// quoted line).
    fn caret_column(rendered: &str) -> (usize, &str) {
        let lines: Vec<&str> = rendered.lines().collect();
        let at = lines.iter().position(|line| line.contains('^')).expect("a caret line");
        let quoted = lines[at - 1];
        let caret = lines[at].chars().position(|c| c == '^').expect("a caret");
        let start = quoted.find("| ").expect("a gutter") + 2;
        (caret + 1 - quoted[..start].chars().count(), &quoted[start..])
    }

    #[test]
    fn a_short_line_is_quoted_whole() {
        let file = file("id = \"q\"\nkind = \"nope\"\n");
        let rendered = Diagnostic::error(&file, Some(16..22), "unknown kind").render(false);
        assert!(rendered.contains("--> quiz.toml:2:8\n"), "{rendered}");
        assert!(rendered.contains("2 | kind = \"nope\"\n"), "{rendered}");
        assert!(!rendered.contains('…'), "{rendered}");
    }

    #[test]
    fn a_long_line_is_quoted_around_the_problem_with_its_true_column() {
        let mut text = "ä".repeat(3000);
        text.replace_range(2000..2002, "X");
        let at = text.find('X').unwrap();
        let rendered = Diagnostic::error(&file(&text), Some(at..at + 1), "here").render(false);
        assert!(rendered.contains("--> quiz.toml:1:1001\n"), "the column counts the whole line: {rendered}");
        let (column, quoted) = caret_column(&rendered);
        assert_eq!(quoted.chars().nth(column - 1), Some('X'), "the caret is under the problem: {rendered}");
        assert!(quoted.starts_with('…') && quoted.ends_with('…'), "the cuts are shown: {quoted}");
        assert!(quoted.chars().count() < 100, "{quoted}");
        assert_eq!(Diagnostic::error(&file(&text), Some(at..at + 1), "here").line_col(), Some((1, 1001)));
    }

    #[test]
    fn a_long_span_on_a_long_line_is_shown_by_its_ends() {
        let text = format!("{}[{}]{}", "a".repeat(500), "b".repeat(1000), "c".repeat(500));
        let rendered = Diagnostic::error(&file(&text), Some(500..1502), "long").render(false);
        assert!(rendered.contains("--> quiz.toml:1:501\n"), "{rendered}");
        let (column, quoted) = caret_column(&rendered);
        assert_eq!(quoted.chars().nth(column - 1), Some('['), "{rendered}");
        assert!(quoted.contains("bbb…bbb"), "the middle of the span is left out: {quoted}");
        assert!(quoted.contains("b]c"), "its end is shown: {quoted}");
        assert!(quoted.chars().count() < 200, "{quoted}");
    }

    #[test]
    fn a_long_span_over_several_lines_points_at_its_start() {
        let text = format!("key = \"\"\"\n{}\n\"\"\"\nnext = 1\n", "word ".repeat(100));
        let end = text.find("next").unwrap();
        let rendered = Diagnostic::error(&file(&text), Some(6..end), "bad string").render(false);
        assert!(rendered.contains("--> quiz.toml:1:7\n"), "{rendered}");
        assert!(rendered.contains("1 | key = \"\"\"\n"), "{rendered}");
        assert!(!rendered.contains("word word"), "the long lines after are not quoted: {rendered}");
    }

    #[test]
    fn a_title_that_quotes_the_position_is_left_alone() {
        let text = format!("{}X", "a".repeat(1000));
        for message in ["see quiz.toml:1:42 and more", "see\n --> quiz.toml:1:42\nand more", "at quiz.toml:1:4"] {
            let rendered = Diagnostic::error(&file(&text), Some(1000..1001), message).render(false);
            assert!(rendered.starts_with("error: see") || rendered.starts_with("error: at"), "{rendered}");
            assert_eq!(
                rendered.matches("quiz.toml:1:4").count(),
                message.matches("quiz.toml:1:4").count(),
                "{rendered}"
            );
            assert!(rendered.contains(" --> quiz.toml:1:1001\n"), "{rendered}");
        }
        let styled = Diagnostic::error(&file(&text), Some(1000..1001), "here").render(true);
        assert!(styled.contains("quiz.toml:1:1001") && !styled.contains("quiz.toml:1:42"), "{styled:?}");
    }
}
