//! Where a byte offset comes from: the module's own source or one of its included files. Token
//! spans are plain `u32` offsets; the module's source takes `0..len`, and each included file gets
//! its own range above that (`base..base + len`), so a span names its file without a file id.
//! The compiler keeps line numbers of code in an included file at its `-include` line (krarup's
//! line table has no file column); diagnostics are moved into the included file by
//! [`SourceMap::localize`].

use crate::ast::Span;
use crate::diagnostics::Diagnostic;
use std::sync::Arc;

/// An included file (`.hrl`): its name as the diagnostics print it, and its text.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as written in `-include`, relative to the including file's directory when the
    /// file was found there (as epp names it).
    pub name: String,
    /// The file's text.
    pub text: String,
    /// Where the file's offsets start.
    base: u32,
    /// The `-include` attribute that brought it in (an offset of the including file).
    site: Span,
}

/// The included files of one module, in the order they were read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceMap {
    /// Length of the module's own source.
    main_len: u32,
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    /// A map for a module whose source is `main_len` bytes long.
    pub fn new(main_len: u32) -> SourceMap {
        SourceMap {
            main_len,
            files: Vec::new(),
        }
    }

    /// Adds an included file read for the attribute at `site`; returns the offset its spans start
    /// at, or `None` if the offsets would pass 4 GiB.
    pub fn add(&mut self, name: &str, text: String, site: Span) -> Option<u32> {
        let end = self
            .files
            .last()
            .map_or(self.main_len, |f| f.base + f.text.len() as u32);
        // One byte of gap, so the end of one file is not the start of the next.
        let base = end.checked_add(1)?;
        base.checked_add(u32::try_from(text.len()).ok()?)?;
        self.files.push(Arc::new(SourceFile {
            name: name.to_string(),
            text,
            base,
            site,
        }));
        Some(base)
    }

    /// The included file holding `offset`, or `None` for the module's own source.
    pub fn file_at(&self, offset: u32) -> Option<&Arc<SourceFile>> {
        if offset <= self.main_len {
            return None;
        }
        let i = self.files.partition_point(|f| f.base <= offset);
        self.files.get(i.checked_sub(1)?)
    }

    /// `offset` as an offset of the module's own source: offsets in included files map to the
    /// `-include` attribute that (perhaps through other includes) brought them in.
    pub fn in_main(&self, mut offset: u32) -> u32 {
        while let Some(f) = self.file_at(offset) {
            offset = f.site.start;
        }
        offset
    }

    /// The text and the offset within it of `offset` (the module's `source` for its own range).
    pub fn text_at<'a>(&'a self, source: &'a str, offset: u32) -> (&'a str, u32) {
        match self.file_at(offset) {
            Some(f) => (&f.text, offset - f.base),
            None => (source, offset),
        }
    }

    /// Moves a diagnostic whose span lies in an included file into that file's coordinates (its
    /// `file` set, every span rebased). A secondary span of the kind in another file than the
    /// diagnostic's is set to `u32::MAX`, which renderers leave out.
    pub fn localize(&self, d: &mut Diagnostic) {
        let own = self.file_at(d.span.start).cloned();
        let rebase = |s: &mut Span| match (self.file_at(s.start), &own) {
            (Some(g), Some(f)) if Arc::ptr_eq(f, g) => {
                s.start -= f.base;
                s.end = s.end.saturating_sub(f.base).max(s.start);
            }
            (None, None) => {}
            _ => *s = Span::new(u32::MAX, u32::MAX),
        };
        for s in d.kind.spans_mut() {
            rebase(s);
        }
        if own.is_some() {
            rebase(&mut d.span);
            d.file = own.clone();
        }
    }
}
