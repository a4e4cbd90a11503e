//! Compiler diagnostics as plain data, and the one place that renders them (with ariadne). Every phase
//! (lexer, preprocessor, parser, module checks, lowering) produces [`Diagnostic`] values; nothing else
//! in the crate imports ariadne.

use crate::ast::Span;
use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Compilation fails.
    Error,
    /// Compilation succeeds; the message is reported.
    Warning,
}

/// One error or warning with a primary span, optional extra labelled spans, and an optional hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One-line message, e.g. "function foo/2 undefined".
    pub message: String,
    /// The primary location (byte offsets into the original source).
    pub span: Span,
    /// Secondary locations with their own short messages, e.g. "first defined here".
    pub labels: Vec<(Span, String)>,
    /// A suggestion shown after the excerpt, e.g. "did you mean foo/1?".
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span` with no labels or hint.
    pub fn error(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            labels: Vec::new(),
            hint: None,
        }
    }

    /// A warning at `span` with no labels or hint.
    pub fn warning(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
            labels: Vec::new(),
            hint: None,
        }
    }

    /// Adds a secondary labelled span.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push((span, message.into()));
        self
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The 1-based `(line, column)` of byte offset `offset` in `source`; columns count characters.
/// Offsets past the end map to the end of the text. O(n); use [`LineIndex`] for many lookups.
pub fn line_col(source: &str, offset: u32) -> (usize, usize) {
    LineIndex::new(source).line_col(offset)
}

/// Line starts of a source text, for fast offset to `(line, column)` lookups.
pub struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    /// Indexes `source` (one pass).
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { source, starts }
    }

    /// The 1-based `(line, column)` of a byte offset, as [`line_col`].
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let mut offset = (offset as usize).min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
    }
}

/// One line per diagnostic, `file:line:col: error: message` (plus ` (hint: ...)`), as compilers like
/// `erlc` print them. Useful for tests and terse output.
pub fn render_short(diags: &[Diagnostic], source: &str, file_name: &str) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diags {
        let (line, col) = index.line_col(d.span.start);
        let kind = if d.is_error() { "error" } else { "warning" };
        out.push_str(&format!("{file_name}:{line}:{col}: {kind}: {}", d.message));
        if let Some(h) = &d.hint {
            out.push_str(&format!(" (hint: {h})"));
        }
        out.push('\n');
    }
    out
}

/// Renders diagnostics with source excerpts. Each report starts with a `file:line:col: error: message`
/// line, then ariadne's labelled excerpt (which names `file:line:col` again) and the hint.
/// `color` turns on ANSI colours. Spans outside `source` are clamped, never a panic.
pub fn render(diags: &[Diagnostic], source: &str, file_name: &str, color: bool) -> String {
    let index = LineIndex::new(source);
    let cache_source = Source::from(source);
    let mut out = String::new();
    for d in diags {
        let (line, col) = index.line_col(d.span.start);
        let kind_word = if d.is_error() { "error" } else { "warning" };
        out.push_str(&format!(
            "{file_name}:{line}:{col}: {kind_word}: {}\n",
            d.message
        ));
        let kind = if d.is_error() {
            ReportKind::Error
        } else {
            ReportKind::Warning
        };
        let file = file_name.to_string();
        let primary = clamp(d.span, source);
        let mut builder = Report::build(kind, (file.clone(), primary.clone()))
            .with_config(
                Config::default()
                    .with_color(color)
                    .with_index_type(IndexType::Byte),
            )
            .with_message(&d.message)
            .with_label(Label::new((file.clone(), primary)).with_message(&d.message));
        for (span, msg) in &d.labels {
            builder = builder
                .with_label(Label::new((file.clone(), clamp(*span, source))).with_message(msg));
        }
        if let Some(h) = &d.hint {
            builder = builder.with_help(h);
        }
        let mut buf = Vec::new();
        if builder
            .finish()
            .write((file, &cache_source), &mut buf)
            .is_ok()
        {
            out.push_str(&String::from_utf8_lossy(&buf));
        } else if let Some(h) = &d.hint {
            out.push_str(&format!("  hint: {h}\n"));
        }
    }
    out
}

/// Clamps a span to the source and to character boundaries, as a byte range.
fn clamp(span: Span, source: &str) -> std::ops::Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(source.len());
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start as usize);
    let end = fix(span.end as usize).max(start);
    start..end
}
