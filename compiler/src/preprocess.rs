//! The token-level preprocessor, following OTP's `epp`: `-define`/`-undef`, macro expansion (`?NAME`,
//! `?NAME(Args)`, `??Arg`), predefined macros, conditional compilation (`-ifdef`, `-ifndef`, `-else`,
//! `-endif`, and `-if`/`-elif` on simple constant conditions), and `-include`/`-include_lib` through a
//! caller-supplied resolver (the compiler does no file IO). It does not parse forms; it only needs to
//! know where forms start (after a [`Tok::Dot`]).
//!
//! Spans: tokens produced by a macro expansion all carry the span of the outermost macro call site
//! (`?NAME(...)`). Tokens from an included file carry offsets in that file's range of the module's
//! [`SourceMap`], so errors in an `.hrl` are reported there, at their own line and column.

use crate::ast::Span;
use crate::diagnostics::{Diagnostic, Kind, LineIndex};
use crate::lexer::{lex, Tok, Token};
use crate::sources::SourceMap;
use num_bigint::BigInt;
use std::collections::{HashMap, HashSet};

/// Resolves `-include("path")` (`lib == false`) and `-include_lib("path")` (`lib == true`) to the
/// file's name (as diagnostics print it, e.g. `dir/x.hrl`) and text, or `None` if not found. The
/// caller (the `krarup` binary) does the file IO.
pub type IncludeResolver<'a> = &'a dyn Fn(&str, bool) -> Option<(String, String)>;

/// Macro expansion nesting limit. Cycles (`-define(A, ?B). -define(B, ?A).`) are found before
/// expanding, as epp's `check_uses` does; this bounds only the Rust recursion of a long chain of
/// macros each defined by the next (epp expands any length; 100,000 fits the compiler's stack).
const MAX_DEPTH: usize = 100_000;
/// Most tokens macro expansion may produce for one module (guards against exponential definitions
/// such as `-define(A, {?B, ?B}). -define(B, {?C, ?C}). ...`).
const MAX_EXPANDED_TOKENS: usize = 1_000_000;
/// Include nesting limit.
const MAX_INCLUDE_DEPTH: usize = 20;

/// One macro definition.
#[derive(Debug, Clone)]
struct Macro {
    /// Parameter names; `None` for a macro defined without parentheses.
    params: Option<Vec<String>>,
    /// Replacement tokens.
    body: Vec<Token>,
}

/// State of one open `-if`/`-ifdef`/`-ifndef` section.
#[derive(Debug, Clone)]
struct Cond {
    /// Tokens in the current branch are kept.
    active: bool,
    /// Some branch of this section has already been taken (for `-elif`/`-else`).
    taken: bool,
    /// The enclosing sections are all active.
    parent_active: bool,
    /// Span of the opening directive (for "unterminated '-ifdef'").
    span: Span,
    /// The opening directive: `ifdef`, `ifndef` or `if`.
    kind: &'static str,
}

/// The preprocessor state for one module.
struct Pp<'a> {
    source: &'a str,
    lines: LineIndex<'a>,
    /// The included files read so far.
    sources: SourceMap,
    file_name: &'a str,
    /// Macros by name, each name possibly defined at several arities (`None` = no parentheses).
    macros: HashMap<String, Vec<Macro>>,
    conds: Vec<Cond>,
    module: Option<String>,
    function: Option<(String, usize)>,
    resolver: Option<IncludeResolver<'a>>,
    /// Tokens produced by macro expansion in the current form (see [`MAX_EXPANDED_TOKENS`]).
    expanded: usize,
    /// Macros being expanded, as `(name, arity)`: meeting one again is a circular definition.
    expanding: HashSet<(String, Option<usize>)>,
    /// Definitions from which no cycle is reachable (see `find_cycle`); cleared when a macro is
    /// defined or undefined.
    acyclic: HashSet<(String, Option<usize>)>,
    diags: Vec<Diagnostic>,
    out: Vec<Token>,
}

/// Preprocesses a lexed module. Returns the expanded token stream and any diagnostics (errors for
/// undefined macros, bad directives, unsupported includes, unbalanced conditionals).
pub fn preprocess(
    tokens: Vec<Token>,
    source: &str,
    file_name: &str,
    resolver: Option<IncludeResolver<'_>>,
) -> (Vec<Token>, Vec<Diagnostic>) {
    let (tokens, diags, _) = preprocess_with_sources(tokens, source, file_name, resolver);
    (tokens, diags)
}

/// [`preprocess`], also returning the included files (whose ranges the spans of their tokens use).
pub fn preprocess_with_sources(
    tokens: Vec<Token>,
    source: &str,
    file_name: &str,
    resolver: Option<IncludeResolver<'_>>,
) -> (Vec<Token>, Vec<Diagnostic>, SourceMap) {
    let end = u32::try_from(source.len()).unwrap_or(u32::MAX);
    let mut pp = Pp {
        source,
        lines: LineIndex::new(source),
        sources: SourceMap::new(end),
        file_name,
        macros: HashMap::new(),
        conds: Vec::new(),
        module: None,
        function: None,
        resolver,
        expanded: 0,
        expanding: HashSet::new(),
        acyclic: HashSet::new(),
        diags: Vec::new(),
        out: Vec::new(),
    };
    pp.run(tokens, false, 0);
    // epp reports an unterminated conditional at the end of the file.
    for c in std::mem::take(&mut pp.conds) {
        pp.diags.push(Diagnostic::new(
            Kind::UnterminatedConditional {
                kind: c.kind,
                opened: c.span,
            },
            Span::new(end, end),
        ));
    }
    (pp.out, pp.diags, pp.sources)
}

/// Splits tokens into forms: each form runs up to and including its [`Tok::Dot`] (or the
/// [`Tok::EndOfFile`] that ends an included file's unfinished last form; the module's last form may
/// lack both if the file ends without `.`).
pub fn split_forms(tokens: Vec<Token>) -> Vec<Vec<Token>> {
    let mut forms = Vec::new();
    let mut cur = Vec::new();
    for t in tokens {
        let is_dot = matches!(t.tok, Tok::Dot | Tok::EndOfFile);
        cur.push(t);
        if is_dot {
            forms.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        forms.push(cur);
    }
    forms
}

/// The name of a directive form `- name ...` if `form` is one of the preprocessor's.
fn directive_name(form: &[Token]) -> Option<&'static str> {
    if form.first()?.tok != Tok::Minus {
        return None;
    }
    match &form.get(1)?.tok {
        Tok::Atom(a) => match a.as_str() {
            "define" => Some("define"),
            "undef" => Some("undef"),
            "ifdef" => Some("ifdef"),
            "ifndef" => Some("ifndef"),
            "else" => Some("else"),
            "endif" => Some("endif"),
            "elif" => Some("elif"),
            "include" => Some("include"),
            "include_lib" => Some("include_lib"),
            _ => None,
        },
        Tok::If => Some("if"),
        _ => None,
    }
}

/// The span covering a whole token slice (or `fallback` if empty).
fn span_of(tokens: &[Token], fallback: Span) -> Span {
    match (tokens.first(), tokens.last()) {
        (Some(a), Some(b)) => a.span.to(b.span),
        _ => fallback,
    }
}

impl Pp<'_> {
    /// Records a macro error once: sibling expansions of one broken macro (all at the same call
    /// site) meet the same error.
    fn error(&mut self, d: Diagnostic) {
        if !self.diags.contains(&d) {
            self.diags.push(d);
        }
    }

    fn active(&self) -> bool {
        match self.conds.last() {
            Some(c) => c.active,
            None => true,
        }
    }

    /// Processes a token stream form by form. In an included file (`included`), an unfinished
    /// last form ends at the end of the file, as in epp, instead of running into the next form
    /// of the including file.
    fn run(&mut self, tokens: Vec<Token>, included: bool, include_depth: usize) {
        for form in split_forms(tokens) {
            if let Some(name) = directive_name(&form) {
                self.directive(name, &form, include_depth);
                continue;
            }
            if !self.active() {
                continue;
            }
            // A form nested too deeply is refused before expansion: nested macro calls
            // (`?W(?W(...))`) would otherwise rescan their arguments once per level.
            if let Some(d) = crate::parser::check_nesting(&form) {
                self.diags.push(d);
                continue;
            }
            self.note_form_start(&form);
            self.expanded = 0;
            let errors_before = self.diags.len();
            let mut expanded = self.expand(&form, None, 0);
            // An expansion cut short by an error still ends the form where it ended, so the
            // parser drops this form alone (as epp) instead of joining it to the next one.
            if let Some(dot) = form.last().filter(|t| t.tok == Tok::Dot) {
                if expanded.last().map(|t| &t.tok) != Some(&Tok::Dot) {
                    expanded.push(dot.clone());
                }
            }
            // epp reports the first macro error of a form and drops the form.
            self.diags
                .truncate((errors_before + 1).min(self.diags.len()));
            self.out.extend(expanded);
            match form.last() {
                Some(last) if included && last.tok != Tok::Dot => self.out.push(Token {
                    tok: Tok::EndOfFile,
                    span: last.span,
                }),
                _ => {}
            }
        }
    }

    /// Remembers `-module(Name)` and the current function's name/arity for predefined macros.
    fn note_form_start(&mut self, form: &[Token]) {
        match (
            form.first().map(|t| &t.tok),
            form.get(1).map(|t| &t.tok),
            form.get(2).map(|t| &t.tok),
        ) {
            (Some(Tok::Minus), Some(Tok::Atom(a)), Some(Tok::LParen)) if a == "module" => {
                self.function = None;
                if let Some(Token {
                    tok: Tok::Atom(m), ..
                }) = form.get(3)
                {
                    self.module = Some(m.clone());
                }
            }
            (Some(Tok::Atom(f)), Some(Tok::LParen), _) => {
                let arity = count_args(&form[1..]).map_or(0, |(args, _)| args.len());
                self.function = Some((f.clone(), arity));
            }
            _ => self.function = None,
        }
    }

    fn directive(&mut self, name: &str, form: &[Token], include_depth: usize) {
        let span = span_of(form, Span::default());
        // Arguments between the outer parentheses (`- name ( ... ) .`).
        let inner: Option<&[Token]> = {
            let body = &form[2..];
            let end = body.iter().rposition(|t| t.tok == Tok::RParen);
            // Only the form's `.` may follow the closing parenthesis.
            let tail_ok =
                |e: usize| body[e + 1..].iter().all(|t| t.tok == Tok::Dot) && body.len() <= e + 2;
            match (body.first().map(|t| &t.tok), end) {
                (Some(Tok::LParen), Some(e)) if e > 0 && tail_ok(e) => Some(&body[1..e]),
                _ => None,
            }
        };
        if matches!(name, "else" | "endif") && !form[2..].iter().all(|t| t.tok == Tok::Dot) {
            self.diags.push(Diagnostic::new(
                Kind::BadlyFormedTrailing(name.to_string()),
                span,
            ));
        }
        match name {
            "ifdef" | "ifndef" => {
                let defined = match inner.map(macro_name) {
                    Some(Some(n)) => self.is_defined(&n),
                    _ => {
                        self.diags
                            .push(Diagnostic::new(Kind::BadlyFormed(name.to_string()), span));
                        false
                    }
                };
                let (cond, kind) = if name == "ifdef" {
                    (defined, "ifdef")
                } else {
                    (!defined, "ifndef")
                };
                self.push_cond(cond, span, kind);
            }
            "if" => {
                let cond = match inner {
                    Some(expr) if self.active() => self.eval_condition(expr, span),
                    _ => false,
                };
                self.push_cond(cond, span, "if");
            }
            "elif" => {
                let parent_active = self.conds.last().map(|c| c.parent_active);
                let taken = self.conds.last().map(|c| c.taken);
                match (parent_active, taken) {
                    (Some(pa), Some(taken)) => {
                        let cond =
                            !taken && pa && inner.is_some_and(|e| self.eval_condition(e, span));
                        if let Some(c) = self.conds.last_mut() {
                            c.active = cond && pa;
                            c.taken |= cond;
                        }
                    }
                    _ => self.diags.push(unbalanced("elif", span)),
                }
            }
            "else" => match self.conds.last_mut() {
                Some(c) => {
                    c.active = !c.taken && c.parent_active;
                    c.taken = true;
                }
                None => self.diags.push(unbalanced("else", span)),
            },
            "endif" => {
                let closed = self.conds.pop();
                if closed.is_none() {
                    self.diags.push(unbalanced("endif", span));
                }
            }
            _ if !self.active() => {}
            "define" => self.define(inner, span),
            "undef" => match inner.map(macro_name) {
                Some(Some(n)) => {
                    self.macros.remove(&n);
                    self.acyclic.clear();
                }
                _ => self.diags.push(Diagnostic::new(Kind::BadUndef, span)),
            },
            "include" | "include_lib" => {
                self.include(name == "include_lib", inner, span, include_depth)
            }
            _ => {}
        }
    }

    fn push_cond(&mut self, cond: bool, span: Span, kind: &'static str) {
        let parent_active = self.active();
        self.conds.push(Cond {
            active: cond && parent_active,
            taken: cond,
            parent_active,
            span,
            kind,
        });
    }

    fn define(&mut self, inner: Option<&[Token]>, span: Span) {
        let Some(inner) = inner else {
            self.diags.push(Diagnostic::new(Kind::BadDefine, span));
            return;
        };
        let Some(name) = inner.first().and_then(|t| match &t.tok {
            Tok::Atom(a) | Tok::Var(a) => Some(a.clone()),
            _ => None,
        }) else {
            self.diags.push(Diagnostic::new(Kind::BadMacroName, span));
            return;
        };
        let mut rest = &inner[1..];
        let mut params = None;
        if rest.first().map(|t| &t.tok) == Some(&Tok::LParen) {
            let close = rest.iter().position(|t| t.tok == Tok::RParen);
            let Some(close) = close else {
                self.diags.push(Diagnostic::new(Kind::BadMacroParams, span));
                return;
            };
            let mut names = Vec::new();
            for (i, t) in rest[1..close].iter().enumerate() {
                match (&t.tok, i % 2) {
                    (Tok::Var(v), 0) => names.push(v.clone()),
                    (Tok::Comma, 1) => {}
                    _ => {
                        self.diags
                            .push(Diagnostic::new(Kind::BadMacroParams, t.span));
                        return;
                    }
                }
            }
            params = Some(names);
            rest = &rest[close + 1..];
        }
        let body = match rest.first().map(|t| &t.tok) {
            Some(Tok::Comma) => rest[1..].to_vec(),
            None => Vec::new(),
            Some(_) => {
                self.diags
                    .push(Diagnostic::new(Kind::DefineMissingComma, rest[0].span));
                return;
            }
        };
        let arity = params.as_ref().map(|p| p.len());
        self.acyclic.clear();
        let defs = self.macros.entry(name.clone()).or_default();
        if defs
            .iter()
            .any(|m| m.params.as_ref().map(|p| p.len()) == arity)
        {
            self.diags
                .push(Diagnostic::new(Kind::RedefiningMacro(name.clone()), span));
            defs.retain(|m| m.params.as_ref().map(|p| p.len()) != arity);
        }
        defs.push(Macro { params, body });
    }

    fn include(&mut self, lib: bool, inner: Option<&[Token]>, span: Span, depth: usize) {
        let (path, path_span) = match inner {
            Some(
                [Token {
                    tok: Tok::String(p),
                    span: ps,
                }],
            ) => (p.clone(), *ps),
            _ => {
                self.diags
                    .push(Diagnostic::new(Kind::BadInclude { lib }, span));
                return;
            }
        };
        let found = self.resolver.and_then(|r| r(&path, lib));
        let Some((name, text)) = found else {
            let kind = if self.resolver.is_some() {
                Kind::IncludeNotFound { path, lib }
            } else {
                Kind::IncludeUnsupported { lib, path }
            };
            // At the file name, as epp.
            self.diags.push(Diagnostic::new(kind, path_span));
            return;
        };
        if depth >= MAX_INCLUDE_DEPTH {
            self.diags
                .push(Diagnostic::new(Kind::IncludesTooDeep, span));
            return;
        }
        let (mut tokens, lex_diags) = lex(&text);
        let Some(base) = self.sources.add(&name, text, span) else {
            self.diags.push(Diagnostic::new(Kind::SourceTooLarge, span));
            return;
        };
        let shift = |s: Span| Span::new(s.start + base, s.end + base);
        for t in &mut tokens {
            t.span = shift(t.span);
        }
        for mut d in lex_diags {
            d.span = shift(d.span);
            self.diags.push(d);
        }
        self.run(tokens, true, depth + 1);
    }

    /// Evaluates a `-if`/`-elif` condition after macro expansion: integer/atom literals, comparisons,
    /// `not`, `andalso`/`orelse`, arithmetic `+ - *`, and `defined(NAME)`. Anything else is an error
    /// and counts as false.
    fn eval_condition(&mut self, expr: &[Token], span: Span) -> bool {
        // Replace `defined(NAME)` before expansion so NAME is not expanded.
        let mut pre = Vec::new();
        let mut i = 0;
        while i < expr.len() {
            if let (Tok::Atom(a), Some(Tok::LParen), Some(name), Some(Tok::RParen)) = (
                &expr[i].tok,
                expr.get(i + 1).map(|t| &t.tok),
                expr.get(i + 2)
                    .and_then(|t| macro_name(std::slice::from_ref(t))),
                expr.get(i + 3).map(|t| &t.tok),
            ) {
                if a == "defined" {
                    let v = if self.is_defined(&name) {
                        "true"
                    } else {
                        "false"
                    };
                    pre.push(Token {
                        tok: Tok::Atom(v.into()),
                        span: expr[i].span,
                    });
                    i += 4;
                    continue;
                }
            }
            pre.push(expr[i].clone());
            i += 1;
        }
        let toks = self.expand(&pre, None, 0);
        let mut ev = CondEval {
            toks: &toks,
            pos: 0,
        };
        match ev.expr() {
            Some(CondVal::Atom(a)) if ev.pos == toks.len() && (a == "true" || a == "false") => {
                a == "true"
            }
            _ => {
                self.diags.push(Diagnostic::new(Kind::BadIfCondition, span));
                false
            }
        }
    }

    /// Expands macros in `tokens`. `site` is the outermost call-site span (all produced tokens get it).
    fn expand(&mut self, tokens: &[Token], site: Option<Span>, depth: usize) -> Vec<Token> {
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if t.tok != Tok::Question {
                let mut t = t.clone();
                if let Some(s) = site {
                    t.span = s;
                }
                out.push(t);
                i += 1;
                continue;
            }
            let name = match tokens.get(i + 1).map(|t| &t.tok) {
                Some(Tok::Atom(n)) | Some(Tok::Var(n)) => n.clone(),
                Some(k) if k.is_keyword() => k.punct_text().to_string(),
                _ => {
                    self.diags.push(Diagnostic::new(Kind::BadMacroCall, t.span));
                    i += 1;
                    continue;
                }
            };
            let name_span = tokens[i + 1].span;
            // Arguments, if the next token is `(` and a macro with parameters exists (or none
            // at all, so that the error can name the arity as epp does: `undefined macro 'F/2'`).
            // Predefined macros never take arguments.
            let has_params = match self.macros.get(&name) {
                Some(defs) => defs.iter().any(|m| m.params.is_some()),
                None => !is_predefined(&name),
            };
            let mut args: Option<Vec<Vec<Token>>> = None;
            let mut end = i + 2;
            if has_params && tokens.get(i + 2).map(|t| &t.tok) == Some(&Tok::LParen) {
                match count_args(&tokens[i + 2..]) {
                    Some((a, close)) => {
                        end = i + 2 + close + 1;
                        args = Some(a.into_iter().map(|x| x.to_vec()).collect());
                    }
                    None => {
                        self.diags.push(Diagnostic::new(
                            Kind::UnterminatedMacroArgs(name.clone()),
                            name_span,
                        ));
                        return out;
                    }
                }
            }
            let call_span = site.unwrap_or_else(|| t.span.to(tokens[end - 1].span));
            i = end;
            if let Some(tok) = self.predefined(&name, call_span) {
                out.push(Token {
                    tok,
                    span: call_span,
                });
                continue;
            }
            let arity = args.as_ref().map(|a| a.len());
            let def = self.macros.get(&name).and_then(|defs| {
                defs.iter()
                    .find(|m| m.params.as_ref().map(|p| p.len()) == arity)
                    .or_else(|| {
                        // `?F(X)` where F is defined without parameters: expand F, keep the call.
                        defs.iter().find(|m| m.params.is_none())
                    })
            });
            let Some(def) = def.cloned() else {
                let kind = match self.macros.get(&name) {
                    Some(_) => Kind::MacroArgumentMismatch(name.clone()),
                    None => Kind::UndefinedMacro {
                        name: name.clone(),
                        arity,
                    },
                };
                // Point at the macro name, as epp does.
                let at = if site.is_some() { call_span } else { name_span };
                self.error(Diagnostic::new(kind, at));
                continue;
            };
            let key = (name.clone(), def.params.as_ref().map(|p| p.len()));
            // Like epp's check_uses: a definition that reaches itself through the macros its
            // body uses is circular, whatever else it contains.
            if let Some(cycle) = self.find_cycle(&key) {
                // At the macro name, as epp.
                let at = if site.is_some() { call_span } else { name_span };
                self.error(Diagnostic::new(cycle, at));
                continue;
            }
            if depth >= MAX_DEPTH {
                let kind = Kind::NestedTooDeeply { limit: MAX_DEPTH };
                self.error(Diagnostic::new(kind, call_span));
                return out;
            }
            if self.expanding.contains(&key) {
                let kind = Kind::CircularMacro {
                    name: name.clone(),
                    arity: key.1,
                };
                self.error(Diagnostic::new(kind, call_span));
                return out;
            }
            let (body, rest_args) = match (&def.params, args) {
                (Some(params), Some(args)) => {
                    // Arguments are expanded before substitution (so `?F(?F(1))` is not circular);
                    // `??Arg` still shows the argument as written.
                    let expanded: Vec<Vec<Token>> = args
                        .iter()
                        .map(|a| self.expand(a, Some(call_span), depth + 1))
                        .collect();
                    (substitute(&def.body, params, &args, &expanded), None)
                }
                (None, args) => (def.body.clone(), args),
                (Some(_), None) => (def.body.clone(), None),
            };
            let before = self.expanded;
            self.expanded += body.len();
            if self.expanded > MAX_EXPANDED_TOKENS {
                if before <= MAX_EXPANDED_TOKENS {
                    self.error(Diagnostic::new(
                        Kind::MacroTooLarge {
                            limit: MAX_EXPANDED_TOKENS,
                        },
                        call_span,
                    ));
                }
                return out;
            }
            self.expanding.insert(key.clone());
            let expanded = self.expand(&body, Some(call_span), depth + 1);
            self.expanding.remove(&key);
            out.extend(expanded);
            // A parameterless macro followed by `(`: the parenthesised arguments stay as written.
            if let Some(args) = rest_args {
                let mut call = vec![Token {
                    tok: Tok::LParen,
                    span: call_span,
                }];
                for (k, a) in args.into_iter().enumerate() {
                    if k > 0 {
                        call.push(Token {
                            tok: Tok::Comma,
                            span: call_span,
                        });
                    }
                    call.extend(a);
                }
                call.push(Token {
                    tok: Tok::RParen,
                    span: call_span,
                });
                out.extend(self.expand(&call, Some(call_span), depth + 1));
            }
        }
        out
    }

    /// Resolves a use `?name` / `?name(N args)` to the key of the definition it expands.
    fn resolve(&self, name: &str, arity: Option<usize>) -> Option<(String, Option<usize>)> {
        let defs = self.macros.get(name)?;
        let def = defs
            .iter()
            .find(|m| m.params.as_ref().map(|p| p.len()) == arity)
            .or_else(|| {
                if arity.is_some() {
                    defs.iter().find(|m| m.params.is_none())
                } else {
                    None
                }
            })?;
        Some((name.to_string(), def.params.as_ref().map(|p| p.len())))
    }

    /// The macro uses in a definition's body, as `(name, call arity)`.
    fn uses(&self, key: &(String, Option<usize>)) -> Vec<(String, Option<usize>)> {
        let Some(def) = self.macros.get(&key.0).and_then(|d| {
            d.iter()
                .find(|m| m.params.as_ref().map(|p| p.len()) == key.1)
        }) else {
            return Vec::new();
        };
        let body = &def.body;
        let mut out = Vec::new();
        for (i, t) in body.iter().enumerate() {
            if t.tok != Tok::Question {
                continue;
            }
            let name = match body.get(i + 1).map(|t| &t.tok) {
                Some(Tok::Atom(n)) | Some(Tok::Var(n)) => n.clone(),
                _ => continue,
            };
            // As epp: a use followed by `(` has that many arguments, whether or not the macro
            // takes any.
            let arity = match body.get(i + 2) {
                Some(Token {
                    tok: Tok::LParen, ..
                }) => count_args(&body[i + 2..]).map(|(args, _)| args.len()),
                _ => None,
            };
            out.push((name, arity));
        }
        // epp keeps the uses sorted in Erlang term order (integers before the atom `none`), which
        // decides which use a cycle error names.
        out.sort_by(|a, b| {
            (&a.0, a.1.unwrap_or(usize::MAX)).cmp(&(&b.0, b.1.unwrap_or(usize::MAX)))
        });
        out.dedup();
        out
    }

    /// If a cycle is reachable from the definition `start` through the uses in the bodies, the
    /// error naming the use that closes it (as epp names it: `f/1` or `f`). Depth-first with an
    /// explicit stack, remembering acyclic definitions, so a chain of 10,000 macros costs a
    /// walk of the chain once, not once per expansion step.
    fn find_cycle(&mut self, start: &(String, Option<usize>)) -> Option<Kind> {
        type Key = (String, Option<usize>);
        if self.acyclic.contains(start) {
            return None;
        }
        let mut path: Vec<(Key, Vec<Key>, usize)> = vec![(start.clone(), self.uses(start), 0)];
        let mut on_path: HashSet<Key> = HashSet::from([start.clone()]);
        while let Some(top) = path.last_mut() {
            let step = top.1.get(top.2).cloned();
            top.2 += 1;
            let Some((name, arity)) = step else {
                if let Some((key, _, _)) = path.pop() {
                    on_path.remove(&key);
                    self.acyclic.insert(key);
                }
                continue;
            };
            let Some(target) = self.resolve(&name, arity) else {
                continue;
            };
            if on_path.contains(&target) {
                return Some(Kind::CircularMacro { name, arity });
            }
            if self.acyclic.contains(&target) {
                continue;
            }
            let uses = self.uses(&target);
            on_path.insert(target.clone());
            path.push((target, uses, 0));
        }
        None
    }

    /// True if `-ifdef(name)` / `defined(name)` holds: a user macro, or a predefined one that has a
    /// value here (`MODULE` and `MODULE_STRING` only after `-module`; `FUNCTION_NAME` and
    /// `FUNCTION_ARITY` never count, as in OTP 25's epp), or the machine name `BEAM`.
    fn is_defined(&self, name: &str) -> bool {
        self.macros.contains_key(name)
            || match name {
                "MODULE" | "MODULE_STRING" => self.module.is_some(),
                "FUNCTION_NAME" | "FUNCTION_ARITY" => false,
                _ => is_predefined(name),
            }
    }

    /// The value of a predefined macro, if `name` is one and has a value here (user definitions do
    /// not override these, as in `epp`).
    fn predefined(&self, name: &str, span: Span) -> Option<Tok> {
        Some(match name {
            // Before `-module(...)` these are undefined, as in epp.
            "MODULE" => Tok::Atom(self.module.clone()?),
            "MODULE_STRING" => Tok::String(self.module.clone()?),
            "FILE" => Tok::String(match self.sources.file_at(span.start) {
                Some(f) => f.name.clone(),
                None => self.file_name.to_string(),
            }),
            "LINE" => Tok::Integer(BigInt::from(self.line(span.start))),
            "FUNCTION_NAME" => Tok::Atom(self.function.as_ref()?.0.clone()),
            "FUNCTION_ARITY" => Tok::Integer(BigInt::from(self.function.as_ref()?.1)),
            "MACHINE" => Tok::Atom("BEAM".into()),
            "OTP_RELEASE" => Tok::Integer(BigInt::from(25)),
            // epp defines the machine name itself as `true`.
            "BEAM" => Tok::Atom("true".into()),
            _ => return None,
        })
    }
}

impl Pp<'_> {
    /// The line of an offset in its own file (the module's source or an included file).
    fn line(&self, offset: u32) -> usize {
        match self.sources.file_at(offset) {
            Some(_) => {
                let (text, local) = self.sources.text_at(self.source, offset);
                LineIndex::new(text).line_col(local).0
            }
            None => self.lines.line_col(offset).0,
        }
    }
}

/// True for the macros epp predefines (they take no arguments).
fn is_predefined(name: &str) -> bool {
    matches!(
        name,
        "MODULE"
            | "MODULE_STRING"
            | "FILE"
            | "LINE"
            | "FUNCTION_NAME"
            | "FUNCTION_ARITY"
            | "MACHINE"
            | "BEAM"
            | "OTP_RELEASE"
    )
}

/// The macro name in a one-token slice (`NAME` or `name`).
fn macro_name(tokens: &[Token]) -> Option<String> {
    match tokens {
        [Token {
            tok: Tok::Atom(n), ..
        }]
        | [Token {
            tok: Tok::Var(n), ..
        }] => Some(n.clone()),
        _ => None,
    }
}

/// Given tokens starting at `(`, returns the top-level comma-separated arguments up to the matching
/// `)` and the index of that `)`, or `None` if unbalanced. `()` gives zero arguments. Nesting counts `( [ { <<` and the keywords
/// that end with `end`, as `epp` does.
fn count_args(tokens: &[Token]) -> Option<(Vec<&[Token]>, usize)> {
    if tokens.first()?.tok != Tok::LParen {
        return None;
    }
    let mut depth = 0usize;
    let mut args = Vec::new();
    let mut start = 1;
    for (i, t) in tokens.iter().enumerate().skip(1) {
        match t.tok {
            Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::DoubleLt => depth += 1,
            Tok::Begin | Tok::If | Tok::Case | Tok::Receive | Tok::Try => depth += 1,
            Tok::Fun if opens_fun_block(tokens, i) => depth += 1,
            Tok::RBracket | Tok::RBrace | Tok::DoubleGt | Tok::End => {
                depth = depth.saturating_sub(1)
            }
            Tok::RParen if depth == 0 => {
                if i > start || !args.is_empty() {
                    args.push(&tokens[start..i]);
                }
                return Some((args, i));
            }
            Tok::RParen => depth -= 1,
            Tok::Comma if depth == 0 => {
                args.push(&tokens[start..i]);
                start = i + 1;
            }
            Tok::Dot => return None,
            _ => {}
        }
    }
    None
}

/// True if the `fun` at `tokens[i]` starts a `fun (...) -> ... end` or `fun Name(...) -> ... end`
/// block (rather than a reference `fun f/1`, `fun m:f/1`).
pub fn opens_fun_block(tokens: &[Token], i: usize) -> bool {
    let next = tokens.get(i + 1).map(|t| &t.tok);
    let after = tokens.get(i + 2).map(|t| &t.tok);
    matches!(
        (next, after),
        (Some(Tok::LParen), _) | (Some(Tok::Var(_)), Some(Tok::LParen))
    )
}

/// Substitutes arguments for parameters in a macro body: `expanded[k]` (the argument after macro
/// expansion) for each use of parameter `k`, and for `??Param` a string of the argument as written
/// (`raw[k]`), spaced as epp writes it.
fn substitute(
    body: &[Token],
    params: &[String],
    raw: &[Vec<Token>],
    expanded: &[Vec<Token>],
) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let t = &body[i];
        if t.tok == Tok::DoubleQuestion {
            if let Some(Token {
                tok: Tok::Var(v), ..
            }) = body.get(i + 1)
            {
                if let Some(k) = params.iter().position(|p| p == v) {
                    let text = raw[k]
                        .iter()
                        .map(|t| t.tok.to_string())
                        .collect::<Vec<_>>()
                        .join(" ");
                    out.push(Token {
                        tok: Tok::String(text),
                        span: t.span,
                    });
                    i += 2;
                    continue;
                }
            }
        }
        if let Tok::Var(v) = &t.tok {
            if let Some(k) = params.iter().position(|p| p == v) {
                out.extend(expanded[k].iter().cloned());
                i += 1;
                continue;
            }
        }
        out.push(t.clone());
        i += 1;
    }
    out
}

/// A value in a `-if` condition.
#[derive(Debug, Clone, PartialEq)]
enum CondVal {
    Int(BigInt),
    Atom(String),
}

/// A tiny recursive-descent evaluator for `-if` conditions.
struct CondEval<'t> {
    toks: &'t [Token],
    pos: usize,
}

impl CondEval<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn expr(&mut self) -> Option<CondVal> {
        let mut left = self.and()?;
        while matches!(self.peek(), Some(Tok::OrElse) | Some(Tok::Or)) {
            self.pos += 1;
            let right = self.and()?;
            left = CondVal::Atom((truthy(&left)? || truthy(&right)?).to_string());
        }
        Some(left)
    }

    fn and(&mut self) -> Option<CondVal> {
        let mut left = self.cmp()?;
        while matches!(self.peek(), Some(Tok::AndAlso) | Some(Tok::And)) {
            self.pos += 1;
            let right = self.cmp()?;
            left = CondVal::Atom((truthy(&left)? && truthy(&right)?).to_string());
        }
        Some(left)
    }

    fn cmp(&mut self) -> Option<CondVal> {
        let left = self.add()?;
        // A value that ends the condition (`-if(true).`) has no operator after it.
        let Some(op) = self.peek().cloned() else {
            return Some(left);
        };
        let result = match op {
            Tok::EqEq
            | Tok::ExactEq
            | Tok::SlashEq
            | Tok::ExactNe
            | Tok::Lt
            | Tok::Gt
            | Tok::EqLt
            | Tok::GtEq => {
                self.pos += 1;
                let right = self.add()?;
                let ord = match (&left, &right) {
                    (CondVal::Int(a), CondVal::Int(b)) => a.cmp(b),
                    (CondVal::Atom(a), CondVal::Atom(b)) => a.cmp(b),
                    (CondVal::Int(_), CondVal::Atom(_)) => std::cmp::Ordering::Less,
                    (CondVal::Atom(_), CondVal::Int(_)) => std::cmp::Ordering::Greater,
                };
                let b = match op {
                    Tok::EqEq | Tok::ExactEq => ord.is_eq(),
                    Tok::SlashEq | Tok::ExactNe => !ord.is_eq(),
                    Tok::Lt => ord.is_lt(),
                    Tok::Gt => ord.is_gt(),
                    Tok::EqLt => ord.is_le(),
                    _ => ord.is_ge(),
                };
                CondVal::Atom(b.to_string())
            }
            _ => left,
        };
        Some(result)
    }

    fn add(&mut self) -> Option<CondVal> {
        let mut left = self.unary()?;
        while let Some(op @ (Tok::Plus | Tok::Minus | Tok::Star)) = self.peek().cloned() {
            self.pos += 1;
            let right = self.unary()?;
            let (CondVal::Int(a), CondVal::Int(b)) = (&left, &right) else {
                return None;
            };
            left = CondVal::Int(match op {
                Tok::Plus => a + b,
                Tok::Minus => a - b,
                _ => a * b,
            });
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<CondVal> {
        let t = self.peek()?.clone();
        self.pos += 1;
        match t {
            Tok::Integer(i) => Some(CondVal::Int(i)),
            Tok::Atom(a) => Some(CondVal::Atom(a)),
            Tok::Not => Some(CondVal::Atom((!truthy(&self.unary()?)?).to_string())),
            Tok::Minus => match self.unary()? {
                CondVal::Int(i) => Some(CondVal::Int(-i)),
                _ => None,
            },
            Tok::LParen => {
                let v = self.expr()?;
                (self.peek() == Some(&Tok::RParen)).then(|| self.pos += 1)?;
                Some(v)
            }
            _ => None,
        }
    }
}

fn truthy(v: &CondVal) -> Option<bool> {
    match v {
        CondVal::Atom(a) if a == "true" => Some(true),
        CondVal::Atom(a) if a == "false" => Some(false),
        _ => None,
    }
}

/// epp's "unbalanced '-else'" (also `-elif`, `-endif`) for a directive with no open conditional,
/// at the directive's name (after the `-`, where epp puts it).
fn unbalanced(kind: &'static str, directive: Span) -> Diagnostic {
    let at = Span::new(directive.start + 1, directive.end.max(directive.start + 1));
    Diagnostic::new(Kind::Unbalanced(kind), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pp(src: &str) -> (String, usize) {
        let (toks, _) = lex(src);
        let (out, diags) = preprocess(toks, src, "t.erl", None);
        (
            out.iter()
                .map(|t| t.tok.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            diags.len(),
        )
    }

    #[test]
    fn simple_and_parameterised_macros() {
        let (s, n) =
            pp("-module(m).\n-define(A, 1).\n-define(ADD(X, Y), X + Y).\nf() -> ?ADD(?A, 2).\n");
        assert_eq!(n, 0);
        assert_eq!(s, "- module ( m ) . f ( ) -> 1 + 2 .");
    }

    #[test]
    fn predefined_and_stringify() {
        let (s, n) = pp("-module(m).\n-define(S(X), ??X).\nf(A) -> {?MODULE, ?LINE, ?S(A+1), ?FUNCTION_NAME, ?FUNCTION_ARITY}.\n");
        assert_eq!(n, 0);
        assert_eq!(
            s,
            "- module ( m ) . f ( A ) -> { m , 3 , \"A + 1\" , f , 1 } ."
        );
    }

    #[test]
    fn conditionals_nest() {
        let src = "-define(X, 1).\n-ifdef(X).\n-ifndef(X).\na.\n-else.\nb.\n-endif.\n-else.\nc.\n-endif.\n-if(?X > 0).\nd.\n-elif(true).\ne.\n-endif.\n";
        assert_eq!(pp(src), ("b . d .".to_string(), 0));
    }

    #[test]
    fn ifdef_sees_predefined_macros() {
        // As OTP 25's epp: MODULE counts only after -module, FUNCTION_NAME never, BEAM is `true`.
        let src = "-ifdef(MODULE).\na.\n-endif.\n-module(m).\n-ifdef(MODULE).\nb.\n-endif.\n\
                   -ifdef(FUNCTION_NAME).\nc.\n-endif.\n-ifdef(OTP_RELEASE).\nd.\n-endif.\n\
                   -if(defined(LINE) andalso defined(BEAM)).\ne() -> ?BEAM.\n-endif.\n";
        assert_eq!(
            pp(src),
            ("- module ( m ) . b . d . e ( ) -> true .".to_string(), 0)
        );
    }

    #[test]
    fn errors() {
        assert_eq!(pp("f() -> ?NOPE.\n").1, 1);
        assert_eq!(pp("-include(\"x.hrl\").\n").1, 1);
        assert_eq!(pp("-ifdef(X).\n").1, 1);
        assert_eq!(pp("-define(A, ?A).\nf() -> ?A.\n").1, 1);
    }

    #[test]
    fn include_resolver() {
        let src = "-include(\"r.hrl\").\nf() -> ?R.\n";
        let (toks, _) = lex(src);
        let resolver = |p: &str, _lib: bool| {
            (p == "r.hrl").then(|| (p.to_string(), "-define(R, 7).\n".to_string()))
        };
        let (out, diags) = preprocess(toks, src, "t.erl", Some(&resolver));
        assert!(diags.is_empty());
        assert_eq!(out.len(), 6);
        assert_eq!(out[4].tok, Tok::Integer(7.into()));
    }
}
