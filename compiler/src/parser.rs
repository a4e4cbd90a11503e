//! The parser driver: splits the preprocessed token stream into forms (each ending with `.`), parses
//! each form with the lalrpop grammar (`grammar.lalrpop`), turns syntax errors into diagnostics with
//! hints, and assembles the [`Module`]. Recovery is per form: a syntax error loses only its own form,
//! so every broken form in a file is reported. It owns the grammar's helper functions too; module-level
//! semantic checks live in `crate::checks`.
//!
//! Naming contract: `parse_*` consume tokens and return AST or diagnostics; `make_*` and the other
//! small functions are constructors called from grammar actions.

use crate::ast::*;
use crate::diagnostics::{line_col, Diagnostic};
use crate::lexer::{lex, Tok, Token};
use crate::preprocess::{opens_fun_block, preprocess, split_forms, IncludeResolver};
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
    pub message: String,
    /// Where.
    pub span: Span,
}

type ActionResult<T> = Result<T, ParseError<usize, Tok, UserError>>;

fn user_error<T>(message: impl Into<String>, l: usize, r: usize) -> ActionResult<T> {
    Err(ParseError::User {
        error: UserError {
            message: message.into(),
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
        None => user_error(format!("bad arity {arity} in fun reference"), l, r),
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
            return user_error(
                "fun clauses use different names",
                s.start as usize,
                s.end as usize,
            );
        }
        if c.clause.patterns.len() != arity {
            let s = c.clause.span;
            // erl_parse's wording ("head mismatch"); the whole form is dropped, as there.
            return user_error("head mismatch", s.start as usize, s.end as usize);
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
        user_error(
            format!(
                "bad record field name {v} (field names are atoms; only `_` may be a variable)"
            ),
            l,
            r,
        )
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
            None => return user_error(format!("bad unit:{n} (must be 1..256)"), l, r),
        },
        (other, _) => return user_error(format!("bad binary type specifier {other}"), l, r),
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
    diags.sort_by_key(|d| d.span.start);
    if diags.iter().any(Diagnostic::is_error) {
        Err(diags)
    } else {
        Ok((module, diags))
    }
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
            vec![Diagnostic::error(
                "source file too large (over 4 GiB)",
                Span::default(),
            )],
        );
    }
    let (tokens, mut diags) = lex(source);
    let lex_errors: Vec<Span> = diags.iter().map(|d| d.span).collect();
    // After a bad number erl_scan resumes right after the bad token, so the rest of the form up to
    // its `.` is parsed as a form of its own (and usually gives a syntax error, as in erlc).
    let number_errors: Vec<Span> = diags
        .iter()
        .filter(|d| {
            d.message.starts_with("illegal base")
                || d.message.starts_with("illegal integer")
                || d.message.starts_with("illegal float")
        })
        .map(|d| d.span)
        .collect();
    let (tokens, pp_diags) = preprocess(tokens, source, file_name, resolver);
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
        let parsed = parse_form(form, source, &mut form_diags);
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
                    diags.push(
                        Diagnostic::error(
                            format!("attribute {name} after function definitions"),
                            attribute_name_span(span),
                        )
                        .with_hint("move it above the first function"),
                    );
                }
                add_attribute(&mut module, &mut module_seen, name, args, span, &mut diags);
            }
            None => {}
        }
    }
    (module, diags)
}

/// Parses one form's tokens (ending with `Dot`, unless the file ended early). Errors go to `diags`.
fn parse_form(mut form: Vec<Token>, source: &str, diags: &mut Vec<Diagnostic>) -> Option<Form> {
    let last = form.last()?.clone();
    if let Some(d) = check_nesting(&form) {
        diags.push(d);
        return None;
    }
    if last.tok != Tok::Dot {
        diags.push(
            Diagnostic::error(
                "form is not terminated by `.`",
                Span::new(last.span.end, last.span.end),
            )
            .with_hint("end every function and attribute with `.` followed by a newline"),
        );
        form.push(Token {
            tok: Tok::Dot,
            span: Span::new(last.span.end, last.span.end),
        });
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
        Ok(f) => Some(f),
        Err(e) => {
            diags.push(syntax_error(e, &form, source));
            None
        }
    }
}

/// Bracket nesting deeper than this is rejected, so later recursive passes cannot overflow the stack.
const MAX_NESTING: usize = 500;

/// Reports brackets (and `begin`/`case`/... `end` blocks) nested deeper than [`MAX_NESTING`].
fn check_nesting(form: &[Token]) -> Option<Diagnostic> {
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
                return Some(Diagnostic::error(
                    format!("expression nested too deeply (more than {MAX_NESTING} levels)"),
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
fn describe(tok: &Tok) -> String {
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

fn syntax_error(e: ParseError<usize, Tok, UserError>, form: &[Token], source: &str) -> Diagnostic {
    match e {
        ParseError::User { error } => Diagnostic::error(error.message, error.span),
        ParseError::InvalidToken { location } => {
            Diagnostic::error("invalid token", sp(location, location + 1))
        }
        ParseError::UnrecognizedEof { location, expected } => {
            let d = Diagnostic::error(
                "syntax error: unexpected end of form",
                sp(location, location),
            );
            with_expected_hint(d, &expected)
        }
        ParseError::ExtraToken { token: (l, tok, r) } => {
            Diagnostic::error(format!("syntax error before: {}", describe(&tok)), sp(l, r))
        }
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            let span = sp(l, r);
            let mut d = Diagnostic::error(format!("syntax error before: {}", describe(&tok)), span);
            let prev = form
                .iter()
                .rev()
                .find(|t| (t.span.end as usize) <= l && t.span != span);
            let has = |s: &str| expected.iter().any(|e| e == &format!("\"{s}\""));
            let new_line = prev
                .is_some_and(|p| line_col(source, p.span.end).0 < line_col(source, span.start).0);
            let looks_like_clause_head = matches!(tok, Tok::Atom(_))
                && form
                    .iter()
                    .position(|t| t.span == span)
                    .and_then(|i| form.get(i + 1))
                    .is_some_and(|n| n.tok == Tok::LParen);
            let prev_tok = prev.map(|p| &p.tok);
            let hint = if new_line && looks_like_clause_head && has(";") && has(".") {
                Some("expected `;` (another clause) or `.` (end of the function) after the previous clause".to_string())
            } else if new_line && has(",") {
                Some("missing `,` at the end of the previous line?".to_string())
            } else if new_line && has(".") && expected.len() <= 2 {
                Some("missing `.` at the end of the previous line?".to_string())
            } else if prev_tok == Some(&Tok::Comma)
                && matches!(
                    tok,
                    Tok::End | Tok::Dot | Tok::Semi | Tok::RParen | Tok::RBracket | Tok::RBrace
                )
            {
                Some(format!(
                    "remove the `,` before {}: the last expression has no trailing comma",
                    describe(&tok)
                ))
            } else if prev_tok == Some(&Tok::Semi)
                && matches!(tok, Tok::End | Tok::Dot | Tok::After | Tok::Catch)
            {
                Some(format!(
                    "remove the `;` before {}: the last clause has no trailing semicolon",
                    describe(&tok)
                ))
            } else if tok == Tok::Arrow && (has("=>") || has(":=")) {
                Some("map associations use `=>` (or `:=` to update or match), not `->`".to_string())
            } else if tok == Tok::Dot && has("end") {
                Some("missing `end`? (a `case`, `if`, `receive`, `try`, `fun` or `begin` is not closed)".to_string())
            } else if tok == Tok::Dot && (has(")") || has("]") || has("}") || has(">>")) {
                Some("unbalanced brackets: an opening bracket is not closed".to_string())
            } else if has("->") && expected.len() <= 4 {
                Some("expected `->`".to_string())
            } else {
                None
            };
            if let (Some(p), Some(_), true) = (prev, &hint, new_line) {
                d = d.with_label(Span::new(p.span.end, p.span.end), "after this");
            }
            if tok == Tok::Dot {
                if let Some((open, what)) = unclosed_opener(form, l) {
                    d = d.with_label(open, format!("this `{what}` is not closed"));
                }
            }
            match hint {
                Some(h) => d.with_hint(h),
                None => with_expected_hint(d, &expected),
            }
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

fn with_expected_hint(d: Diagnostic, expected: &[String]) -> Diagnostic {
    if expected.is_empty() {
        return d;
    }
    let names: Vec<String> = expected
        .iter()
        .take(8)
        .map(|e| e.trim_matches('"').replace("field .", "."))
        .collect();
    let more = if expected.len() > 8 { ", ..." } else { "" };
    d.with_hint(format!("expected one of: {}{more}", names.join(" ")))
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
            diags.push(
                Diagnostic::error("head mismatch", c.name_span).with_hint(format!(
                "a clause of {} in the definition of {name}/{arity}: end the previous function \
                 with `.` instead of `;`",
                c.name
            )),
            );
            mismatch = true;
            continue;
        }
        if c.clause.patterns.len() != arity {
            diags.push(
                Diagnostic::error("head mismatch", c.name_span).with_hint(format!(
                    "a clause with {} arguments in {name}/{arity}: a function with another arity \
                 is a different function, end the previous one with `.`",
                    c.clause.patterns.len()
                )),
            );
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
                diags.push(
                    Diagnostic::error("redefining module", attribute_name_span(span))
                        .with_hint(format!("the module is already named '{}'", m.name)),
                );
                return;
            }
            *module_seen = true;
            m.name = n.clone();
            m.span = span;
        }
        ("module", _) => diags.push(
            Diagnostic::error("bad -module attribute", span).with_hint("expected -module(name)."),
        ),
        ("export", [list]) => match fun_arity_list(list) {
            // erl_lint reports an undefined export at the attribute's name (after the `-`).
            Some(items) => {
                let at = Span::new(span.start + 1, span.start + 7);
                m.exports
                    .extend(items.into_iter().map(|(f, a, _)| (f, a, at)));
            }
            None => diags.push(
                Diagnostic::error("bad -export attribute", span)
                    .with_hint("expected -export([name/arity, ...])."),
            ),
        },
        ("import", [Expr::Atom(module, _), list]) => match fun_arity_list(list) {
            Some(items) => m
                .imports
                .extend(items.into_iter().map(|(f, a, s)| (module.clone(), f, a, s))),
            None => diags.push(
                Diagnostic::error("bad -import attribute", span)
                    .with_hint("expected -import(module, [name/arity, ...])."),
            ),
        },
        ("record", [Expr::Atom(rname, _), Expr::Tuple(fields, _)]) => {
            match record_fields(rname, fields, diags) {
                Ok(fields) => {
                    if m.records.iter().any(|r| &r.name == rname) {
                        diags.push(Diagnostic::error(
                            format!("record {rname} already defined"),
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
        ("record", _) => diags.push(
            Diagnostic::error("bad -record attribute", span)
                .with_hint("expected -record(name, {field = Default, ...})."),
        ),
        (_, [_, _, ..]) if name != "file" => {
            diags.push(Diagnostic::error("bad attribute", span).with_hint(format!(
                "-{name}(...) takes one term; only -record, -import and -file take two"
            )))
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
                other => return Err(Diagnostic::error("bad record field", other.span())),
            },
            other => {
                return Err(Diagnostic::error("bad record field", other.span())
                    .with_hint("expected `name` or `name = Default`"))
            }
        };
        if out.iter().any(|o| o.name == name) {
            diags.push(Diagnostic::error(
                format!("field {name} already defined in record {rname}"),
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
