//! Compiling what is typed at the shell's prompt (`krarup shell`): splitting input into forms at
//! their terminating dots, and turning one form (expressions `E1, ..., En.`) into a small module
//! whose `eval/1` takes the shell's bound values and returns the value of `En` and the values of
//! the variables the form binds. Local calls become calls to the shell (`shell:local_func/2`), as
//! erl's shell routes them to its own commands, `user_default` and `shell_default`.

use crate::ast::{self, CallTarget, Expr, Span};
use crate::diagnostics::{self, Diagnostic, Kind};
use crate::lexer::{lex, Tok};
use krarup_bytecode::module::Module;

/// The function of a shell module the shell calls: `eval(Values) -> {Value, NewValues}`, with
/// `Values` the bound variables' values in [`FormInput::bound`]'s order and `NewValues` those of
/// [`CompiledForm::bound_out`].
pub const EVAL: &str = "eval";

/// The module and function every local call of shell input goes to, with the name and the list
/// of arguments (`shell:local_func(f, ['X'])` for `f(X)`).
pub const LOCAL_MODULE: &str = "shell";
/// See [`LOCAL_MODULE`].
pub const LOCAL_FUNCTION: &str = "local_func";

/// The name the form's value is bound to inside `eval/1` (not a variable a user can write).
const RESULT_VAR: &str = "$shell_result";

/// Splits `text` into forms, each ending just after its terminating dot (a `.` followed by
/// whitespace, `%` or the end, outside strings, quoted atoms, `$c` and comments). Text after the
/// last terminating dot that holds any token is returned as the second element (an incomplete
/// form); whitespace and comments alone give `None`.
pub fn split_forms(text: &str) -> (Vec<String>, Option<String>) {
    let (tokens, _) = lex(text);
    let mut forms = Vec::new();
    let mut start = 0usize;
    let mut pending = false;
    for t in &tokens {
        if t.tok == Tok::Dot {
            let end = t.span.end as usize;
            forms.push(text[start..end].to_string());
            start = end;
            pending = false;
        } else {
            pending = true;
        }
    }
    let rest = &text[start..];
    // An unterminated string or quoted atom is not a token yet but is an incomplete form.
    let incomplete = pending || !rest.trim().is_empty() && has_unfinished_text(rest);
    (forms, incomplete.then(|| rest.to_string()))
}

/// Whether `rest` (text after the last dot) opens a string, quoted atom or `$` that lexing could
/// not finish, i.e. holds more than whitespace and comments.
fn has_unfinished_text(rest: &str) -> bool {
    let (tokens, errors) = lex(rest);
    !tokens.is_empty() || !errors.is_empty()
}

/// Whether `text` holds at least one terminating dot: the input can be run (erl reads on until
/// it does).
pub fn has_terminating_dot(text: &str) -> bool {
    lex(text).0.iter().any(|t| t.tok == Tok::Dot)
}

/// A form's expressions as `h()` shows them (OTP's `erl_pp:exprs/1`, each on one line; see
/// `shell_pp`); `None` if the text does not parse.
pub fn pp_form(text: &str) -> Option<String> {
    let source = format!("-module(m).\nf() ->\n{text}");
    let (m, diags) = crate::parser::parse_module_unchecked(&source, "shell", None);
    if diags.iter().any(|d| d.is_error()) {
        return None;
    }
    let f = m.functions.iter().find(|f| f.name == "f")?;
    Some(crate::shell_pp::exprs(&f.clauses.first()?.body))
}

/// A record definition the shell keeps (`rd/2`, `rr/1,2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordText {
    /// The record's name.
    pub name: String,
    /// Its field names in order.
    pub fields: Vec<String>,
    /// The definition as `rl/0` prints it and as it is compiled into later forms:
    /// `-record(name,{a = 1, b}).`
    pub text: String,
}

/// The record definitions of a module's source text (`rr/1` of a file), in source order. Text
/// that does not parse gives those definitions that do.
pub fn record_definitions(source: &str) -> Vec<RecordText> {
    let (m, _) = crate::parser::parse_module_unchecked(source, "shell", None);
    m.records
        .iter()
        .map(|r| RecordText {
            name: r.name.clone(),
            fields: r.fields.iter().map(|f| f.name.clone()).collect(),
            text: crate::shell_pp::record_text(r),
        })
        .collect()
}

/// One form to compile.
#[derive(Debug, Clone)]
pub struct FormInput<'a> {
    /// The form's text, ending with its terminating dot; line 1 column 1 is its first character.
    pub text: &'a str,
    /// The names of the variables bound in the shell, in the order `eval/1` receives them.
    pub bound: &'a [String],
    /// The module's name (unique per form, chosen by the shell).
    pub module: &'a str,
    /// Record definitions the form may use, as `-record(...).` forms, one per line.
    pub records: &'a str,
}

/// A compiled form.
#[derive(Debug)]
pub struct CompiledForm {
    /// The module exporting `eval/1`.
    pub module: Module,
    /// The variables the form binds that were not bound before, in the order of the list
    /// `eval/1` returns.
    pub bound_out: Vec<String>,
}

/// Why a form cannot run: each line as erl's shell prints it, `* L:C: message`, positions
/// relative to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The form does not parse (erl's prompt counter does not move).
    Syntax(Vec<String>),
    /// It parses but does not compile (unbound variable, unknown record, ...; erl's counter
    /// moves).
    Invalid(Vec<String>),
}

/// Compiles `input` into a module exporting `eval/1` (see [`EVAL`]). Never panics on any text.
pub fn compile_form(input: &FormInput<'_>) -> Result<CompiledForm, FormError> {
    let params = input.bound.join(",");
    let header = format!(
        "-module('{}').\n-export([{EVAL}/1]).\n{}{EVAL}([{params}]) ->\n",
        input.module.replace('\\', "\\\\").replace('\'', "\\'"),
        input.records
    );
    let header_lines = header.matches('\n').count();
    let source = format!("{header}{}", input.text);
    let (parsed, diags) = crate::parser::parse_module_unchecked(&source, "shell", None);
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        return Err(FormError::Syntax(render(&errors, &source, header_lines)));
    }
    let mut candidates = new_variables(input.text, input.bound);
    for _ in 0..candidates.len() + 2 {
        let mut m = parsed.clone();
        let Some(f) = m.functions.iter_mut().find(|f| f.name == EVAL) else {
            return Err(FormError::Syntax(vec![
                "* 1:1: syntax error before: ".to_string()
            ]));
        };
        let Some(clause) = f.clauses.first_mut() else {
            return Err(FormError::Syntax(Vec::new()));
        };
        for e in clause.body.iter_mut() {
            route_local_calls(e);
        }
        finish_body(&mut clause.body, &candidates);
        match compile_module(&m, &source) {
            Ok(module) => {
                return Ok(CompiledForm {
                    module,
                    bound_out: candidates,
                })
            }
            Err(diags) => {
                let header_end = header.len() as u32;
                let (ours, theirs): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diags
                    .iter()
                    .filter(|d| d.is_error())
                    .partition(|d| d.span.start < header_end);
                if !theirs.is_empty() {
                    return Err(FormError::Invalid(render(&theirs, &source, header_lines)));
                }
                // A variable bound only on some paths (or not at all) is not passed out.
                let dropped: Vec<String> = ours
                    .iter()
                    .filter_map(|d| match &d.kind {
                        Kind::UnboundVariable { name, .. } | Kind::UnsafeVariable { name, .. } => {
                            Some(name.clone())
                        }
                        _ => None,
                    })
                    .collect();
                if dropped.is_empty() {
                    let msgs = ours.iter().map(|d| format!("* {}", d.message())).collect();
                    return Err(FormError::Invalid(msgs));
                }
                candidates.retain(|v| !dropped.contains(v));
            }
        }
    }
    Err(FormError::Invalid(vec![
        "* the shell could not compile this form".to_string()
    ]))
}

/// The back end of `compile_with` on an already parsed module.
fn compile_module(m: &ast::Module, source: &str) -> Result<Module, Vec<Diagnostic>> {
    let mut diags = crate::checks::check_module(m);
    if diags.iter().any(|d| d.is_error()) {
        return Err(diags);
    }
    let core = crate::to_core(m, source, &mut diags)?;
    if diags.iter().any(|d| d.is_error()) {
        return Err(diags);
    }
    crate::codegen::generate(&core)
}

/// `* L:C: message` lines for `errors`, lines counted from the form's first line.
fn render(errors: &[&Diagnostic], source: &str, header_lines: usize) -> Vec<String> {
    let index = diagnostics::LineIndex::new(source);
    errors
        .iter()
        .map(|d| {
            let (line, col) = index.line_col(d.span.start);
            let line = line.saturating_sub(header_lines).max(1);
            format!("* {line}:{col}: {}", d.message())
        })
        .collect()
}

/// Variables named in `text` that are not in `bound`, first occurrence first (`_` excluded).
fn new_variables(text: &str, bound: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in lex(text).0 {
        if let Tok::Var(v) = t.tok {
            if v != "_" && !bound.contains(&v) && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Turns `E1, ..., En` into `E1, ..., R = En, {R, [V1, ..., Vk]}`. The added nodes carry a span
/// inside the module header, so an error they cause is told apart from the user's.
fn finish_body(body: &mut Vec<Expr>, out: &[String]) {
    let here = Span::new(0, 1);
    let Some(last) = body.pop() else {
        return;
    };
    let var = |n: &str| Expr::Var(n.to_string(), here);
    body.push(Expr::Match(Box::new(var(RESULT_VAR)), Box::new(last), here));
    let values = out
        .iter()
        .rev()
        .fold(Expr::Nil(here), |tail, v| {
            Expr::Cons(Box::new(var(v)), Box::new(tail), here)
        });
    body.push(Expr::Tuple(vec![var(RESULT_VAR), values], here));
}

/// Rewrites every local call that is not an auto-imported BIF into
/// `shell:local_func(Name, [Args])`; `f(X)` passes the variable's name (`'X'`), not its value.
fn route_local_calls(e: &mut Expr) {
    walk(e, &mut |e| {
        let Expr::Call { target, args, span } = e else {
            return;
        };
        let CallTarget::Local(name, name_span) = target else {
            return;
        };
        if crate::checks::is_auto_imported_bif(name, args.len() as u32) {
            return;
        }
        let span = *span;
        let name_span = *name_span;
        let name = std::mem::take(name);
        let mut args = std::mem::take(args);
        if name == "f" && args.len() == 1 {
            if let Expr::Var(v, s) = &args[0] {
                args[0] = Expr::Atom(v.clone(), *s);
            }
        }
        // rd(Name, {a = 1, b}): the fields are a definition, not an expression to evaluate. The
        // shell gets `{Text, [a, b]}`, `Text` being the fields as `rl/0` prints them.
        if name == "rd" && args.len() == 2 {
            if let Expr::Tuple(fields, s) = &args[1] {
                let s = *s;
                let names: Option<Vec<Expr>> = fields
                    .iter()
                    .map(|f| match f {
                        Expr::Atom(n, fs) => Some(Expr::Atom(n.clone(), *fs)),
                        Expr::Match(l, _, _) => match &**l {
                            Expr::Atom(n, fs) => Some(Expr::Atom(n.clone(), *fs)),
                            _ => None,
                        },
                        _ => None,
                    })
                    .collect();
                if let Some(names) = names {
                    let text = crate::shell_pp::expr_text(&args[1]);
                    let list = names.into_iter().rev().fold(Expr::Nil(s), |tail, a| {
                        Expr::Cons(Box::new(a), Box::new(tail), s)
                    });
                    args[1] = Expr::Tuple(vec![Expr::String(text, s), list], s);
                }
            }
        }
        let list = args.into_iter().rev().fold(Expr::Nil(span), |tail, a| {
            Expr::Cons(Box::new(a), Box::new(tail), span)
        });
        *e = Expr::Call {
            target: CallTarget::Remote(
                Box::new(Expr::Atom(LOCAL_MODULE.into(), name_span)),
                Box::new(Expr::Atom(LOCAL_FUNCTION.into(), name_span)),
            ),
            args: vec![Expr::Atom(name, name_span), list],
            span,
        };
    });
}

/// Calls `f` on `e` and then on every expression inside it (patterns and guards included).
fn walk(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    f(e);
    let clauses = |cs: &mut Vec<ast::Clause>, f: &mut dyn FnMut(&mut Expr)| {
        for c in cs {
            for p in &mut c.patterns {
                walk(p, f);
            }
            for g in c.guards.iter_mut().flatten() {
                walk(g, f);
            }
            for b in &mut c.body {
                walk(b, f);
            }
        }
    };
    let quals = |qs: &mut Vec<ast::Qualifier>, f: &mut dyn FnMut(&mut Expr)| {
        for q in qs {
            match q {
                ast::Qualifier::Generator(a, b, _) | ast::Qualifier::BinaryGenerator(a, b, _) => {
                    walk(a, f);
                    walk(b, f);
                }
                ast::Qualifier::Filter(a) => walk(a, f),
            }
        }
    };
    match e {
        Expr::Integer(..)
        | Expr::Float(..)
        | Expr::Atom(..)
        | Expr::String(..)
        | Expr::Var(..)
        | Expr::AnonymousVar(_)
        | Expr::Nil(_)
        | Expr::RecordIndex { .. }
        | Expr::FunRef { .. } => {}
        Expr::Tuple(es, _) | Expr::Block(es, _) => es.iter_mut().for_each(|x| walk(x, f)),
        Expr::Cons(a, b, _) | Expr::BinaryOp(_, a, b, _) | Expr::Match(a, b, _) => {
            walk(a, f);
            walk(b, f);
        }
        Expr::Map(assocs, _) => assocs.iter_mut().for_each(|a| {
            walk(&mut a.key, f);
            walk(&mut a.value, f);
        }),
        Expr::MapUpdate(m, assocs, _) => {
            walk(m, f);
            assocs.iter_mut().for_each(|a| {
                walk(&mut a.key, f);
                walk(&mut a.value, f);
            })
        }
        Expr::Record { fields, .. } => fields.iter_mut().for_each(|x| walk(&mut x.value, f)),
        Expr::RecordField { expr, .. } => walk(expr, f),
        Expr::RecordUpdate { expr, fields, .. } => {
            walk(expr, f);
            fields.iter_mut().for_each(|x| walk(&mut x.value, f));
        }
        Expr::Binary(segs, _) => segs.iter_mut().for_each(|s| {
            walk(&mut s.value, f);
            if let Some(sz) = &mut s.size {
                walk(sz, f);
            }
        }),
        Expr::UnaryOp(_, a, _) | Expr::Catch(a, _) => walk(a, f),
        Expr::Call { target, args, .. } => {
            match target {
                CallTarget::Local(..) => {}
                CallTarget::Remote(m, fun) => {
                    walk(m, f);
                    walk(fun, f);
                }
                CallTarget::Expr(x) => walk(x, f),
            }
            args.iter_mut().for_each(|x| walk(x, f));
        }
        Expr::Case(x, cs, _) => {
            walk(x, f);
            clauses(cs, f);
        }
        Expr::If(cs, _) | Expr::Fun(cs, _) => clauses(cs, f),
        Expr::NamedFun { clauses: cs, .. } => clauses(cs, f),
        Expr::Receive { clauses: cs, after, .. } => {
            clauses(cs, f);
            if let Some((t, body)) = after {
                walk(t, f);
                body.iter_mut().for_each(|x| walk(x, f));
            }
        }
        Expr::Try {
            body,
            of_clauses,
            catch_clauses,
            after,
            ..
        } => {
            body.iter_mut().for_each(|x| walk(x, f));
            clauses(of_clauses, f);
            for c in catch_clauses {
                if let Some(cl) = &mut c.class {
                    walk(cl, f);
                }
                walk(&mut c.reason, f);
                for g in c.guards.iter_mut().flatten() {
                    walk(g, f);
                }
                c.body.iter_mut().for_each(|x| walk(x, f));
            }
            after.iter_mut().for_each(|x| walk(x, f));
        }
        Expr::RemoteFunRef {
            module,
            function,
            arity,
            ..
        } => {
            walk(module, f);
            walk(function, f);
            walk(arity, f);
        }
        Expr::ListComprehension(x, qs, _) | Expr::BinaryComprehension(x, qs, _) => {
            walk(x, f);
            quals(qs, f);
        }
        Expr::MapComprehension(k, v, qs, _) => {
            walk(k, f);
            walk(v, f);
            quals(qs, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(text: &str, bound: &[&str]) -> Result<CompiledForm, FormError> {
        let bound: Vec<String> = bound.iter().map(|s| s.to_string()).collect();
        compile_form(&FormInput {
            text,
            bound: &bound,
            module: "shell_test",
            records: "",
        })
    }

    #[test]
    fn splits_forms_at_terminating_dots_only() {
        let (forms, rest) = split_forms("X = 1. Y = \"a. b\", 'c. d'. $. + 1.\nZ = 3");
        assert_eq!(forms, vec!["X = 1.", " Y = \"a. b\", 'c. d'.", " $. + 1."]);
        assert_eq!(rest.as_deref(), Some("\nZ = 3"));
        assert_eq!(split_forms("A. % done\n").1, None);
        assert_eq!(split_forms("A = \"open. ").1.as_deref(), Some("A = \"open. "));
        assert!(has_terminating_dot("1.\n"));
        assert!(!has_terminating_dot("1.5"));
        assert!(!has_terminating_dot("\"a. b\""));
    }

    #[test]
    fn binds_new_variables_and_takes_bound_ones() {
        let c = compile("Y = X + 1, {Z, _} = {Y, W = 2}.", &["X"]).expect("compiles");
        assert_eq!(c.bound_out, vec!["Y", "Z", "W"]);
        assert_eq!(c.module.name, "shell_test");
    }

    #[test]
    fn variables_bound_inside_funs_are_not_passed_out() {
        let c = compile("F = fun(A) -> B = A, B end, [C || C <- [1]].", &[]).expect("compiles");
        assert_eq!(c.bound_out, vec!["F"]);
    }

    #[test]
    fn unbound_variables_and_syntax_errors_read_as_erl() {
        assert_eq!(
            compile("Z.", &[]).unwrap_err(),
            FormError::Invalid(vec!["* 1:1: variable 'Z' is unbound".into()])
        );
        assert_eq!(
            compile("1 +.", &[]).unwrap_err(),
            FormError::Syntax(vec!["* 1:4: syntax error before: '.'".into()])
        );
        assert_eq!(
            compile("X = 1,\n  Y + X.", &[]).unwrap_err(),
            FormError::Invalid(vec!["* 2:3: variable 'Y' is unbound".into()])
        );
    }

    #[test]
    fn forms_print_back_as_erl_pp_does() {
        let pp = |t: &str| pp_form(t).expect("parses");
        assert_eq!(pp("X=1+2*(3-1)."), "X = 1 + 2 * (3 - 1)");
        assert_eq!(pp("lists:seq(1,100)."), "lists:seq(1, 100)");
        assert_eq!(pp("{a,[1,2|T]}, self()!hello,flush()."), "{a, [1, 2 | T]}, self() ! hello, flush()");
        assert_eq!(pp("F=fun(A)->A end."), "F = fun(A) -> A end");
        assert_eq!(pp("'B c'(1.5, \"s\")."), "'B c'(1.5, \"s\")");
        assert_eq!(pp_form("1 +."), None);
    }

    #[test]
    fn record_definitions_read_as_rl_prints_them() {
        let defs = record_definitions(
            "-module(m).\n-record(point, {x = 0, y = 0}).\n-record(p, {name = \"\" :: string(), age}).\n",
        );
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].text, "-record(point,{x = 0, y = 0}).");
        assert_eq!(defs[1].fields, vec!["name", "age"]);
        assert_eq!(defs[1].text, "-record(p,{name = \"\", age}).");
    }

    #[test]
    fn rd_passes_its_definition_as_text() {
        let c = compile("rd(person, {name = \"\", age}).", &[]).expect("compiles");
        let dump = format!("{:?}", c.module);
        let text: String = "{name = \"\", age}"
            .chars()
            .map(|c| format!("Int({})", c as u32))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(dump.contains(&text), "the fields' text: {dump}");
        assert!(dump.contains("List([Atom(\"name\"), Atom(\"age\")], Nil)"));
    }

    #[test]
    fn local_calls_go_to_the_shell() {
        let c = compile("f(X), length([1]), b().", &["X"]).expect("compiles");
        let atoms = &c.module.atoms;
        assert!(atoms.iter().any(|a| a == LOCAL_MODULE));
        assert!(atoms.iter().any(|a| a == LOCAL_FUNCTION));
        let dump = format!("{:?}", c.module);
        assert!(dump.contains("\"X\""), "f(X) passes the name 'X'");
    }
}
