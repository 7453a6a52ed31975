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
        let span = self.span.as_ref()?;
        Some(line_col(&self.file.text, span.start))
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
        let title = level.primary_title(mask(&self.message));
        let text = &self.file.text;
        let shown;
        let mut group: Group<'_> = match &self.span {
            Some(span) if !text.is_empty() => {
                // Only the lines the span is on are shown, so only they are masked and
                // handed on: a file with many problems is not read again whole for each.
                let span = clamp_span(text, span.clone());
                let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let to = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
                let line = self.file.line_of(from);
                shown = mask(&text[from..to]);
                let mut annotation = AnnotationKind::Primary.span(span.start - from..span.end - from);
                if let Some(label) = &self.label {
                    annotation = annotation.label(mask(label));
                }
                let snippet = Snippet::source(shown.as_ref()).line_start(line).path(path.as_ref());
                title.element(snippet.annotation(annotation))
            }
            _ => title.element(Origin::path(path.as_ref())),
        };
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(mask(hint)));
        }
        renderer.render(&[group])
    }
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

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // A byte-order mark is invisible in editors, so it takes no column.
    let column = before[line_start..].trim_start_matches('\u{feff}').chars().count() + 1;
    (line, column)
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
