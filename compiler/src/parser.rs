//! The parser driver: splits the preprocessed token stream into forms (each ending with `.`), parses
//! each form with the lalrpop grammar (`grammar.lalrpop`), turns syntax errors into diagnostics with
//! hints, and assembles the [`Module`]. Recovery is per form: a syntax error loses only its own form,
//! so every broken form in a file is reported. It owns the grammar's helper functions too; module-level
//! semantic checks live in `crate::checks`.
//!
//! Naming contract: `parse_*` consume tokens and return AST or diagnostics; `make_*` and the other
//! small functions are constructors called from grammar actions.

use crate::ast::*;
use crate::diagnostics::{line_col, Diagnostic, HeadMismatch, Kind, SyntaxHint};
use crate::lexer::{lex_module, Tok, Token};
use crate::preprocess::{opens_fun_block, preprocess_with_sources, split_forms, IncludeResolver};
use crate::sources::SourceMap;
use lalrpop_util::ParseError;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused, missing_docs)]
    grammar
);

/// One parsed form, before assembly into a [`Module`].
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// A function definition: its `;`-separated clauses, each with its own head name.
    Function(Vec<FnClause>),
    /// `-name(Arg, ...).`
    Attribute {
        /// Attribute name.
        name: String,
        /// The parenthesised arguments.
        args: Vec<Expr>,
        /// Span of the whole attribute.
        span: Span,
    },
}

/// A function clause together with the name written in its head.
#[derive(Debug, Clone, PartialEq)]
pub struct FnClause {
    /// The name in the clause head.
    pub name: String,
    /// Span of the name.
    pub name_span: Span,
    /// The clause.
    pub clause: Clause,
}

/// A fun clause, with the name for named funs (`fun Name(...) -> ... end`).
#[derive(Debug, Clone, PartialEq)]
pub struct FunClause {
    /// The variable name and its span for named-fun clauses.
    pub name: Option<(String, Span)>,
    /// The clause.
    pub clause: Clause,
}

/// An error raised by a grammar action (e.g. an unknown binary type specifier).
#[derive(Debug, Clone, PartialEq)]
pub struct UserError {
    /// What is wrong.
    pub kind: Kind,
    /// Where.
    pub span: Span,
}

type ActionResult<T> = Result<T, ParseError<usize, Tok, UserError>>;

fn user_error<T>(kind: Kind, l: usize, r: usize) -> ActionResult<T> {
    Err(ParseError::User {
        error: UserError {
            kind,
            span: sp(l, r),
        },
    })
}

/// A span from lalrpop locations (byte offsets).
pub fn sp(l: usize, r: usize) -> Span {
    Span::new(l as u32, r.max(l) as u32)
}

/// `_` is the anonymous variable; anything else a named variable.
pub fn var_or_anon(v: String, span: Span) -> Expr {
    if v == "_" {
        Expr::AnonymousVar(span)
    } else {
        Expr::Var(v, span)
    }
}

/// Joins adjacent string literals (`"ab" "cd"` is `"abcd"`).
pub fn concat_strings(parts: Vec<String>) -> String {
    parts.concat()
}

/// Builds `[A, B | Tail]` as nested [`Expr::Cons`] ending in `tail` (or `[]`). Each cell's span runs
/// from its element to the end of the whole list.
pub fn cons_list(items: Vec<Expr>, tail: Option<Expr>, span: Span) -> Expr {
    let mut acc = tail.unwrap_or(Expr::Nil(Span::new(span.end.saturating_sub(1), span.end)));
    for item in items.into_iter().rev() {
        let s = Span::new(item.span().start, span.end);
        acc = Expr::Cons(Box::new(item), Box::new(acc), s);
    }
    acc
}

/// Builds a call: `f(...)` with an atom is [`CallTarget::Local`], `M:F(...)` is remote, anything else
/// calls a fun value.
pub fn make_call(module: Option<Expr>, f: Expr, args: Vec<Expr>, span: Span) -> Expr {
    let target = match (module, f) {
        (Some(m), f) => CallTarget::Remote(Box::new(m), Box::new(f)),
        (None, Expr::Atom(name, s)) => CallTarget::Local(name, s),
        (None, f) => CallTarget::Expr(Box::new(f)),
    };
    Expr::Call { target, args, span }
}

/// `fun name/Arity`.
pub fn local_fun_ref(name: String, arity: BigInt, l: usize, r: usize) -> ActionResult<Expr> {
    // Any arity parses (erl_lint then reports `fun f/300` as an undefined function).
    match arity.to_u32() {
        Some(arity) => Ok(Expr::FunRef {
            name,
            arity,
            span: sp(l, r),
        }),
        None => user_error(Kind::BadFunArity(arity.to_string()), l, r),
    }
}

/// Builds an anonymous or named fun from its clauses; all clauses of a named fun must use the same
/// name and all clauses the same arity.
pub fn make_fun(clauses: Vec<FunClause>, l: usize, r: usize) -> ActionResult<Expr> {
    let first_name = clauses.first().and_then(|c| c.name.clone());
    let arity = clauses.first().map_or(0, |c| c.clause.patterns.len());
    let mut out = Vec::with_capacity(clauses.len());
    for c in clauses {
        if c.name.as_ref().map(|n| &n.0) != first_name.as_ref().map(|n| &n.0) {
            let s = c.clause.span;
            return user_error(Kind::FunClauseNames, s.start as usize, s.end as usize);
        }
        if c.clause.patterns.len() != arity {
            let s = c.clause.span;
            // erl_parse's wording ("head mismatch"); the whole form is dropped, as there.
            return user_error(
                Kind::HeadMismatch(HeadMismatch::Fun),
                s.start as usize,
                s.end as usize,
            );
        }
        out.push(c.clause);
    }
    Ok(match first_name {
        Some((name, _)) => Expr::NamedFun {
            name,
            clauses: out,
            span: sp(l, r),
        },
        None => Expr::Fun(out, sp(l, r)),
    })
}

/// `_ = Default` in a record expression: any variable other than `_` is an error.
pub fn record_field_name(v: String, l: usize, r: usize) -> ActionResult<()> {
    if v == "_" {
        Ok(())
    } else {
        user_error(Kind::BadRecordFieldName(v), l, r)
    }
}

/// A binary type specifier (`integer`, `little`, `unit:8`, ...).
pub fn bin_specifier(
    name: String,
    arg: Option<BigInt>,
    l: usize,
    r: usize,
) -> ActionResult<BinSpecifier> {
    use BinSpecifier as B;
    let spec = match (name.as_str(), arg) {
        ("integer", None) => B::Integer,
        ("float", None) => B::Float,
        ("binary" | "bytes", None) => B::Binary,
        ("bitstring" | "bits", None) => B::Bitstring,
        ("utf8", None) => B::Utf8,
        ("utf16", None) => B::Utf16,
        ("utf32", None) => B::Utf32,
        ("signed", None) => B::Signed,
        ("unsigned", None) => B::Unsigned,
        ("big", None) => B::Big,
        ("little", None) => B::Little,
        ("native", None) => B::Native,
        ("unit", Some(n)) => match n.to_u32().filter(|n| (1..=256).contains(n)) {
            Some(n) => B::Unit(n),
            None => return user_error(Kind::BadUnit(n.to_string()), l, r),
        },
        (other, _) => return user_error(Kind::BadTypeSpecifier(other.to_string()), l, r),
    };
    Ok(spec)
}

/// Attributes whose content is a type language, not expressions; kept as name-only attributes.
const TYPE_ATTRIBUTES: &[&str] = &[
    "spec",
    "type",
    "opaque",
    "callback",
    "export_type",
    "nominal",
    "optional_callbacks",
];

/// Parses a whole module: lex, preprocess, parse forms, assemble, run module checks. `Ok` carries
/// warnings; `Err` carries every diagnostic (at least one error). Never panics.
pub fn parse_module(
    source: &str,
    file_name: &str,
) -> Result<(Module, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_module_with(source, file_name, None)
}

/// Like [`parse_module`], with a resolver for `-include`/`-include_lib`.
pub fn parse_module_with(
    source: &str,
    file_name: &str,
    resolver: Option<IncludeResolver<'_>>,
) -> Result<(Module, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (module, mut diags) = parse_module_unchecked(source, file_name, resolver);
    if !diags.iter().any(Diagnostic::is_error) {
        diags.extend(crate::checks::check_module(&module));
    }
    finish_diagnostics(&mut diags, &module, source);
    if diags.iter().any(Diagnostic::is_error) {
        Err(diags)
    } else {
        Ok((module, diags))
    }
}

/// Applies the module's warning options (`nowarn_*`, `warnings_as_errors`), moves diagnostics in
/// included files into those files and sorts them as erlc prints them.
pub(crate) fn finish_diagnostics(diags: &mut Vec<Diagnostic>, m: &Module, source: &str) {
    crate::warn_options::WarningOptions::from_module(m).apply(diags);
    for d in diags.iter_mut() {
        m.sources.localize(d);
    }
    crate::diagnostics::erlc_order(diags, source, &m.file);
}

/// Lexes, preprocesses and parses without the module-level checks; returns whatever module could be
/// assembled and all diagnostics so far.
pub fn parse_module_unchecked(
    source: &str,
    file_name: &str,
    resolver: Option<IncludeResolver<'_>>,
) -> (Module, Vec<Diagnostic>) {
    let mut module = Module {
        file: file_name.to_string(),
        ..Module::default()
    };
    if source.len() > u32::MAX as usize {
        return (
            module,
            vec![Diagnostic::new(Kind::SourceTooLarge, Span::default())],
        );
    }
    let (tokens, mut diags) = lex_module(source);
    let lex_errors: Vec<Span> = diags.iter().map(|d| d.span).collect();
    // After a bad number erl_scan resumes right after the bad token, so the rest of the form up to
    // its `.` is parsed as a form of its own (and usually gives a syntax error, as in erlc).
    let number_errors: Vec<Span> = diags
        .iter()
        .filter(|d| matches!(d.kind, Kind::BadNumber(_)))
        .map(|d| d.span)
        .collect();
    let (tokens, pp_diags, sources) = preprocess_with_sources(tokens, source, file_name, resolver);
    module.sources = sources;
    let pp_errors: Vec<Span> = pp_diags.iter().map(|d| d.span).collect();
    diags.extend(pp_diags);
    let mut module_seen = false;
    let mut functions_seen = false;
    let forms = split_forms(tokens);
    let starts: Vec<u32> = forms
        .iter()
        .map(|f| f.first().map_or(0, |t| t.span.start))
        .collect();
    for (i, form) in forms.into_iter().enumerate() {
        // A form with a lex or preprocessor error reports only that error and is dropped (as epp).
        // A lex error belongs to the form whose text it is in, up to the next form's first token
        // (an unterminated string swallows the rest); a macro error lies among the form's tokens.
        let first = starts[i];
        let next = starts.get(i + 1).copied().unwrap_or(u32::MAX);
        let last = form.last().map_or(first, |t| t.span.end);
        let quiet = lex_errors
            .iter()
            .any(|s| s.start >= first && s.start < next)
            || pp_errors
                .iter()
                .any(|s| s.start >= first && s.start <= last);
        let mut form_diags = Vec::new();
        let form = if quiet {
            // Dropped, as epp drops it: what is left after a bad macro or token is not the
            // programmer's form (`?UNDEFINED(1)` would leave `(1)`). Only the tokens after the
            // last bad number of the form are parsed on (erl_scan's resumption), when no other
            // error lies in the form.
            let in_form = |s: &&Span| s.start >= first && s.start < next;
            let others = lex_errors.iter().filter(in_form).count()
                + pp_errors
                    .iter()
                    .filter(|s| s.start >= first && s.start <= last)
                    .count();
            let resume = number_errors.iter().filter(in_form).map(|s| s.end).max();
            match resume {
                Some(end) if others == number_errors.iter().filter(in_form).count() => {
                    let rest: Vec<Token> =
                        form.into_iter().filter(|t| t.span.start >= end).collect();
                    if rest.is_empty() {
                        continue;
                    }
                    rest
                }
                _ => continue,
            }
        } else {
            form
        };
        let parsed = parse_form(form, source, &module.sources, &mut form_diags);
        diags.extend(form_diags);
        match parsed {
            Some(Form::Function(clauses)) => {
                functions_seen = true;
                if let Some(f) = assemble_function(clauses, &mut diags) {
                    module.functions.push(f);
                }
            }
            Some(Form::Attribute { name, args, span }) => {
                // erl_lint: only these attributes may follow a function definition.
                const LATE_OK: &[&str] = &[
                    "record", "type", "opaque", "spec", "dialyzer", "file", "compile",
                ];
                if functions_seen && !LATE_OK.contains(&name.as_str()) {
                    diags.push(Diagnostic::new(
                        Kind::AttributeAfterFunctions(name.clone()),
                        attribute_name_span(span),
                    ));
                }
                add_attribute(&mut module, &mut module_seen, name, args, span, &mut diags);
            }
            None => {}
        }
    }
    // `ets:fun2ms/1` calls become match specifications before any check sees them.
    crate::ms_transform::apply(&mut module);
    (module, diags)
}

/// Parses one form's tokens (ending with `Dot`, unless the file ended early). Errors go to `diags`.
/// A form cut short by the end of its file is dropped with erl_parse's "syntax error before: " at
/// its last token (or an earlier error, if the parser finds one first).
fn parse_form(
    mut form: Vec<Token>,
    source: &str,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Form> {
    if form.last()?.tok == Tok::EndOfFile {
        form.pop();
    }
    if form.is_empty() {
        return None;
    }
    if let Some(d) = check_nesting(&form) {
        diags.push(d);
        return None;
    }
    if let (Some(Tok::Minus), Some(Tok::Atom(name))) =
        (form.first().map(|t| &t.tok), form.get(1).map(|t| &t.tok))
    {
        if TYPE_ATTRIBUTES.contains(&name.as_str()) {
            let span = form[0].span.to(form[form.len() - 1].span);
            return Some(Form::Attribute {
                name: name.clone(),
                args: Vec::new(),
                span,
            });
        }
        if name == "record" {
            form = strip_record_types(form);
        }
    }
    let parser = grammar::FormParser::new();
    let input = form
        .iter()
        .map(|t| Ok::<_, UserError>((t.span.start as usize, t.tok.clone(), t.span.end as usize)));
    match parser.parse(input) {
        Ok(f) => match form_depth_error(&f) {
            None => Some(f),
            Some(d) => {
                diags.push(d);
                drop_form(f);
                None
            }
        },
        Err(e) => {
            diags.push(syntax_error(e, &form, source, sources));
            None
        }
    }
}

/// The nesting error of a parsed form, if any part is deeper than `depth::MAX_DEPTH`.
fn form_depth_error(f: &Form) -> Option<Diagnostic> {
    let mut roots = Vec::new();
    match f {
        Form::Function(clauses) => {
            for c in clauses {
                crate::depth::clause_roots(&c.clause, &mut roots);
            }
        }
        Form::Attribute { args, .. } => roots.extend(args.iter().map(|a| (a, false))),
    }
    crate::depth::check(roots)
}

/// Drops a refused form without recursing over its (possibly very deep) expressions.
fn drop_form(f: Form) {
    let exprs: Vec<Expr> = match f {
        Form::Function(clauses) => clauses
            .into_iter()
            .flat_map(|c| {
                let c = c.clause;
                c.patterns
                    .into_iter()
                    .chain(c.guards.into_iter().flatten())
                    .chain(c.body)
            })
            .collect(),
        Form::Attribute { args, .. } => args,
    };
    exprs.into_iter().for_each(crate::depth::drop_deep);
}

/// Bracket nesting deeper than this is rejected, so later recursive passes cannot overflow the stack.
const MAX_NESTING: usize = 500;

/// Reports brackets (and `begin`/`case`/... `end` blocks) nested deeper than [`MAX_NESTING`].
pub(crate) fn check_nesting(form: &[Token]) -> Option<Diagnostic> {
    let mut depth = 0usize;
    for (i, t) in form.iter().enumerate() {
        let opens = match t.tok {
            Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::DoubleLt => true,
            Tok::Begin | Tok::Case | Tok::If | Tok::Receive | Tok::Try => true,
            Tok::Fun => opens_fun_block(form, i),
            _ => false,
        };
        if opens {
            depth += 1;
            if depth > MAX_NESTING {
                return Some(Diagnostic::new(
                    Kind::NestedTooDeeply { limit: MAX_NESTING },
                    t.span,
                ));
            }
        } else if matches!(
            t.tok,
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::DoubleGt | Tok::End
        ) {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// Drops record field type annotations (`:: Type`) from a `-record` form's tokens.
fn strip_record_types(form: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(form.len());
    let mut depth = 0i32;
    let mut skip_at: Option<i32> = None;
    for t in form {
        let opens = matches!(
            t.tok,
            Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::DoubleLt
        );
        let closes = matches!(
            t.tok,
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::DoubleGt
        );
        if let Some(d) = skip_at {
            let ends = ((t.tok == Tok::Comma || closes) && depth == d) || t.tok == Tok::Dot;
            if !ends {
                if opens {
                    depth += 1;
                } else if closes {
                    depth -= 1;
                }
                continue;
            }
            skip_at = None;
        }
        if t.tok == Tok::DoubleColon && depth == 2 {
            skip_at = Some(depth);
            continue;
        }
        if opens {
            depth += 1;
        } else if closes {
            depth -= 1;
        }
        out.push(t);
    }
    out
}

/// Renders a token for "syntax error before: X" as erl_parse does (`yecctoken2string`): atoms
/// quoted only when needed, variables and numbers bare, strings in double quotes, punctuation and
/// keywords in single quotes.
pub(crate) fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Atom(a) => crate::lexer::quote_atom(a),
        Tok::Var(v) => v.clone(),
        Tok::Integer(i) => i.to_string(),
        Tok::Float(f) => format!("{f:?}"),
        Tok::Char(_) | Tok::String(_) => tok.to_string(),
        Tok::Other(c) => format!("'{c}'"),
        other => format!("'{}'", other.punct_text()),
    }
}

fn syntax_error(
    e: ParseError<usize, Tok, UserError>,
    form: &[Token],
    source: &str,
    sources: &SourceMap,
) -> Diagnostic {
    let syntax = |token: String, hint, after, unclosed, span| {
        Diagnostic::new(
            Kind::SyntaxError {
                token,
                hint,
                after,
                unclosed,
            },
            span,
        )
    };
    match e {
        ParseError::User { error } => Diagnostic::new(error.kind, error.span),
        ParseError::InvalidToken { location } => {
            Diagnostic::new(Kind::InvalidToken, sp(location, location + 1))
        }
        // The form ends without `.` (at the end of its file): erl_parse reports the end of input
        // at the last token, naming no token.
        ParseError::UnrecognizedEof { location, .. } => {
            let at = form.last().map_or(sp(location, location), |t| t.span);
            syntax(String::new(), None, None, None, at)
        }
        ParseError::ExtraToken { token: (l, tok, r) } => {
            syntax(describe(&tok), None, None, None, sp(l, r))
        }
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            let span = sp(l, r);
            let prev = form
                .iter()
                .rev()
                .find(|t| (t.span.end as usize) <= l && t.span != span);
            let has = |s: &str| expected.iter().any(|e| e == &format!("\"{s}\""));
            let line = |offset: u32| {
                let (text, local) = sources.text_at(source, offset);
                line_col(text, local).0
            };
            let new_line = prev.is_some_and(|p| line(p.span.end) < line(span.start));
            let looks_like_clause_head = matches!(tok, Tok::Atom(_))
                && form
                    .iter()
                    .position(|t| t.span == span)
                    .and_then(|i| form.get(i + 1))
                    .is_some_and(|n| n.tok == Tok::LParen);
            let prev_tok = prev.map(|p| &p.tok);
            let hint = if new_line && looks_like_clause_head && has(";") && has(".") {
                Some(SyntaxHint::ClauseEnd)
            } else if new_line && has(",") {
                Some(SyntaxHint::MissingComma)
            } else if new_line && has(".") && expected.len() <= 2 {
                Some(SyntaxHint::MissingDot)
            } else if prev_tok == Some(&Tok::Comma)
                && matches!(
                    tok,
                    Tok::End | Tok::Dot | Tok::Semi | Tok::RParen | Tok::RBracket | Tok::RBrace
                )
            {
                Some(SyntaxHint::TrailingComma(describe(&tok)))
            } else if prev_tok == Some(&Tok::Semi)
                && matches!(tok, Tok::End | Tok::Dot | Tok::After | Tok::Catch)
            {
                Some(SyntaxHint::TrailingSemicolon(describe(&tok)))
            } else if tok == Tok::Arrow && (has("=>") || has(":=")) {
                Some(SyntaxHint::MapArrow)
            } else if tok == Tok::Dot && has("end") {
                Some(SyntaxHint::MissingEnd)
            } else if tok == Tok::Dot && (has(")") || has("]") || has("}") || has(">>")) {
                Some(SyntaxHint::UnbalancedBrackets)
            } else if has("->") && expected.len() <= 4 {
                Some(SyntaxHint::ExpectedArrow)
            } else {
                None
            };
            let after = match (prev, &hint, new_line) {
                (Some(p), Some(_), true) => Some(Span::new(p.span.end, p.span.end)),
                _ => None,
            };
            let unclosed = if tok == Tok::Dot {
                unclosed_opener(form, l)
            } else {
                None
            };
            let hint = hint.or_else(|| expected_hint(&expected));
            syntax(describe(&tok), hint, after, unclosed, span)
        }
    }
}

/// The innermost bracket or block keyword opened before byte offset `until` and not closed, with its
/// text, e.g. the `case` of a `case` missing its `end`.
fn unclosed_opener(form: &[Token], until: usize) -> Option<(Span, &'static str)> {
    let mut stack: Vec<(Span, &'static str)> = Vec::new();
    for (i, t) in form.iter().enumerate() {
        if t.span.start as usize >= until {
            break;
        }
        match t.tok {
            Tok::LParen
            | Tok::LBracket
            | Tok::LBrace
            | Tok::DoubleLt
            | Tok::Begin
            | Tok::Case
            | Tok::If
            | Tok::Receive
            | Tok::Try => stack.push((t.span, t.tok.punct_text())),
            // `fun (` and `fun Name(` open a block; `fun f/1` and `fun m:f/1` do not.
            Tok::Fun if opens_fun_block(form, i) => stack.push((t.span, "fun")),
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::DoubleGt | Tok::End => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// The tokens the parser expected, for a hint (none when it expected nothing).
fn expected_hint(expected: &[String]) -> Option<SyntaxHint> {
    if expected.is_empty() {
        return None;
    }
    let names: Vec<String> = expected
        .iter()
        .take(8)
        .map(|e| e.trim_matches('"').replace("field .", "."))
        .collect();
    Some(SyntaxHint::ExpectedOneOf {
        names,
        more: expected.len() > 8,
    })
}

/// Groups clauses into a [`Function`], reporting clauses whose name or arity differs from the first.
fn assemble_function(clauses: Vec<FnClause>, diags: &mut Vec<Diagnostic>) -> Option<Function> {
    let first = clauses.first()?;
    let name = first.name.clone();
    let arity = first.clause.patterns.len();
    let mut out = Vec::with_capacity(clauses.len());
    let start = first.clause.span;
    let mut end = start;
    let mut mismatch = false;
    for c in clauses {
        end = c.clause.span;
        if c.name != name {
            // erl_parse's wording; the whole form is dropped, as erl_parse drops it.
            diags.push(Diagnostic::new(
                Kind::HeadMismatch(HeadMismatch::OtherName {
                    clause: c.name.clone(),
                    name: name.clone(),
                    arity,
                }),
                c.name_span,
            ));
            mismatch = true;
            continue;
        }
        if c.clause.patterns.len() != arity {
            diags.push(Diagnostic::new(
                Kind::HeadMismatch(HeadMismatch::OtherArity {
                    clause_arity: c.clause.patterns.len(),
                    name: name.clone(),
                    arity,
                }),
                c.name_span,
            ));
            mismatch = true;
            continue;
        }
        out.push(c.clause);
    }
    if mismatch {
        return None;
    }
    let arity = u32::try_from(arity).unwrap_or(u32::MAX);
    Some(Function {
        name,
        arity,
        clauses: out,
        span: start.to(end),
    })
}

/// The name of an attribute whose span starts at its `-` (where erl_lint reports attribute errors).
fn attribute_name_span(attr: Span) -> Span {
    Span::new(attr.start + 1, attr.end.max(attr.start + 1))
}

/// Files an attribute into the module: `-module`, `-export`, `-import`, `-record` are decoded, the rest
/// kept as [`Attribute`]s.
fn add_attribute(
    m: &mut Module,
    module_seen: &mut bool,
    name: String,
    args: Vec<Expr>,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) {
    match (name.as_str(), args.as_slice()) {
        ("module", [Expr::Atom(n, _)]) => {
            if *module_seen {
                // erl_lint's wording, at the attribute name; the first name stays.
                diags.push(Diagnostic::new(
                    Kind::RedefiningModule(m.name.clone()),
                    attribute_name_span(span),
                ));
                return;
            }
            *module_seen = true;
            m.name = n.clone();
            m.span = span;
        }
        ("module", _) => diags.push(Diagnostic::new(Kind::BadModuleAttribute, span)),
        ("export", [list]) => match fun_arity_list(list) {
            // erl_lint reports an undefined export at the attribute's name (after the `-`).
            Some(items) => {
                let at = Span::new(span.start + 1, span.start + 7);
                m.exports
                    .extend(items.into_iter().map(|(f, a, _)| (f, a, at)));
            }
            None => diags.push(Diagnostic::new(Kind::BadExportAttribute, span)),
        },
        ("import", [Expr::Atom(module, _), list]) => match fun_arity_list(list) {
            Some(items) => m
                .imports
                .extend(items.into_iter().map(|(f, a, s)| (module.clone(), f, a, s))),
            None => diags.push(Diagnostic::new(Kind::BadImportAttribute, span)),
        },
        ("record", [Expr::Atom(rname, _), Expr::Tuple(fields, _)]) => {
            match record_fields(rname, fields, diags) {
                Ok(fields) => {
                    if m.records.iter().any(|r| &r.name == rname) {
                        diags.push(Diagnostic::new(
                            Kind::RecordRedefined(rname.clone()),
                            attribute_name_span(span),
                        ));
                    }
                    m.records.push(RecordDef {
                        name: rname.clone(),
                        fields,
                        span,
                    });
                }
                Err(d) => diags.push(d),
            }
        }
        ("record", _) => diags.push(Diagnostic::new(Kind::BadRecordAttribute, span)),
        (_, [_, _, ..]) if name != "file" => {
            diags.push(Diagnostic::new(Kind::BadAttribute(name.clone()), span))
        }
        _ => {
            let value = match args.len() {
                0 => None,
                1 => args.into_iter().next(),
                _ => Some(Expr::Tuple(args, span)),
            };
            m.attributes.push(Attribute { name, value, span });
        }
    }
}

/// Decodes `[f/1, g/2]` as `(name, arity, span)` triples.
fn fun_arity_list(list: &Expr) -> Option<Vec<(String, u32, Span)>> {
    let mut out = Vec::new();
    let mut cur = list;
    loop {
        match cur {
            Expr::Nil(_) => return Some(out),
            Expr::Cons(head, tail, _) => {
                match head.as_ref() {
                    Expr::BinaryOp(BinOp::FDiv, f, a, s) => match (f.as_ref(), a.as_ref()) {
                        (Expr::Atom(f, _), Expr::Integer(a, _)) => {
                            out.push((f.clone(), a.to_u32()?, *s))
                        }
                        _ => return None,
                    },
                    _ => return None,
                }
                cur = tail;
            }
            _ => return None,
        }
    }
}

/// Decodes record field definitions `{a, b = Default}`. A duplicate field is an error pushed to
/// `diags` and left out, the record still being defined (as erl_lint); a malformed field is `Err`.
fn record_fields(
    rname: &str,
    fields: &[Expr],
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<RecordFieldDef>, Diagnostic> {
    let mut out: Vec<RecordFieldDef> = Vec::new();
    for f in fields {
        let (name, default, span) = match f {
            Expr::Atom(n, s) => (n.clone(), None, *s),
            Expr::Match(lhs, default, _) => match lhs.as_ref() {
                Expr::Atom(n, s) => (n.clone(), Some(default.as_ref().clone()), *s),
                other => return Err(Diagnostic::new(Kind::BadRecordField, other.span())),
            },
            other => return Err(Diagnostic::new(Kind::BadRecordFieldShape, other.span())),
        };
        if out.iter().any(|o| o.name == name) {
            diags.push(Diagnostic::new(
                Kind::FieldRedefined {
                    field: name.clone(),
                    record: rname.to_string(),
                },
                span,
            ));
            continue;
        }
        out.push(RecordFieldDef {
            name,
            default,
            span,
        });
    }
    Ok(out)
}

/// A readable dump of the AST (`--dump=ast`): the compact S-expression form of
/// [`crate::ast::sexp::module`], one clause per line, spans omitted.
pub fn dump_ast(m: &Module) -> String {
    crate::ast::sexp::module(m)
}
