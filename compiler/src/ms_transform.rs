//! `ets:fun2ms/1` at compile time: in a module with `-compile({parse_transform, ms_transform})`
//! (what `-include_lib("stdlib/include/ms_transform.hrl")` says), every call
//! `ets:fun2ms(fun(Pattern) when Guards -> Body end)` with a literal fun is replaced by the match
//! specification OTP 25's `ms_transform` would produce: head variables become `'$1'`, `'$2'`, ...
//! in order of appearance, `_` becomes `'_'`, a variable bound to the whole object
//! (`fun({K, _} = Obj)`) becomes `'$_'`, guard alternatives (`;`) become separate clauses,
//! operators and guard BIF calls become `{Op, Args...}`, tuples `{{...}}`, `object()` `'$_'`,
//! and variables from the enclosing function `{const, Var}`. A fun it cannot translate is left
//! as it is (the call then returns `{error, transform_not_applied}` at run time).

use crate::ast::{CallTarget, Clause, Expr, Module, Span, UnOp};
use std::collections::HashMap;

/// Applies the transform to `m` if it asks for it.
pub fn apply(m: &mut Module) {
    if !m
        .attributes
        .iter()
        .any(|a| a.name == "compile" && asks_for_transform(a.value.as_ref()))
    {
        return;
    }
    for f in &mut m.functions {
        for c in &mut f.clauses {
            if !clause_has_call(c) {
                continue;
            }
            walk_clause(c);
        }
    }
}

/// Whether a `-compile(...)` value holds `{parse_transform, ms_transform}`.
fn asks_for_transform(v: Option<&Expr>) -> bool {
    let Some(v) = v else { return false };
    let mut found = false;
    v.walk(&mut |e| {
        if let Expr::Tuple(items, _) = e {
            if let [Expr::Atom(a, _), Expr::Atom(b, _)] = items.as_slice() {
                found |= a == "parse_transform" && b == "ms_transform";
            }
        }
    });
    found
}

fn is_fun2ms(e: &Expr) -> bool {
    matches!(e, Expr::Call { target: CallTarget::Remote(m, f), args, .. }
        if matches!(&**m, Expr::Atom(a, _) if a == "ets")
            && matches!(&**f, Expr::Atom(a, _) if a == "fun2ms")
            && args.len() == 1
            && matches!(args[0], Expr::Fun(..)))
}

fn clause_has_call(c: &Clause) -> bool {
    let mut found = false;
    for e in c
        .patterns
        .iter()
        .chain(c.guards.iter().flatten())
        .chain(&c.body)
    {
        e.walk(&mut |x| found |= is_fun2ms(x));
    }
    found
}

fn walk_clause(c: &mut Clause) {
    for e in c.body.iter_mut() {
        walk(e);
    }
}

/// Replaces the translatable `ets:fun2ms` calls in `e` (recursing only where one is).
fn walk(e: &mut Expr) {
    // Long lists: follow the spine in a loop.
    let mut cur = e;
    loop {
        let mut found = false;
        cur.walk(&mut |x| found |= is_fun2ms(x));
        if !found {
            return;
        }
        if is_fun2ms(cur) {
            if let Some(ms) = translate_call(cur) {
                *cur = ms;
            }
            return;
        }
        match cur {
            Expr::Cons(h, t, _) => {
                walk(h);
                cur = t;
            }
            other => {
                children_mut(other);
                return;
            }
        }
    }
}

/// Walks the direct children of a node that is not a list cell.
fn children_mut(e: &mut Expr) {
    let clauses = |cs: &mut Vec<Clause>| {
        for c in cs {
            c.guards.iter_mut().flatten().for_each(walk);
            c.body.iter_mut().for_each(walk);
        }
    };
    match e {
        Expr::Tuple(items, _) | Expr::Block(items, _) => items.iter_mut().for_each(walk),
        Expr::Map(assocs, _) => assocs.iter_mut().for_each(|a| {
            walk(&mut a.key);
            walk(&mut a.value);
        }),
        Expr::MapUpdate(m, assocs, _) => {
            walk(m);
            assocs.iter_mut().for_each(|a| {
                walk(&mut a.key);
                walk(&mut a.value);
            });
        }
        Expr::Record { fields, .. } => fields.iter_mut().for_each(|f| walk(&mut f.value)),
        Expr::RecordUpdate { expr, fields, .. } => {
            walk(expr);
            fields.iter_mut().for_each(|f| walk(&mut f.value));
        }
        Expr::RecordField { expr, .. } => walk(expr),
        Expr::BinaryOp(_, a, b, _) | Expr::Match(a, b, _) => {
            walk(a);
            walk(b);
        }
        Expr::UnaryOp(_, x, _) | Expr::Catch(x, _) => walk(x),
        Expr::Call { target, args, .. } => {
            if let CallTarget::Expr(f) = target {
                walk(f);
            }
            args.iter_mut().for_each(walk);
        }
        Expr::Case(x, cs, _) => {
            walk(x);
            clauses(cs);
        }
        Expr::If(cs, _) | Expr::Fun(cs, _) | Expr::NamedFun { clauses: cs, .. } => clauses(cs),
        Expr::Receive {
            clauses: cs, after, ..
        } => {
            clauses(cs);
            if let Some((t, body)) = after {
                walk(t);
                body.iter_mut().for_each(walk);
            }
        }
        Expr::Try {
            body,
            of_clauses,
            catch_clauses,
            after,
            ..
        } => {
            body.iter_mut().for_each(walk);
            clauses(of_clauses);
            for c in catch_clauses {
                c.body.iter_mut().for_each(walk);
            }
            after.iter_mut().for_each(walk);
        }
        Expr::ListComprehension(x, _, _) | Expr::BinaryComprehension(x, _, _) => walk(x),
        _ => {}
    }
}

fn atom(s: &str, span: Span) -> Expr {
    Expr::Atom(s.to_string(), span)
}

fn list(items: Vec<Expr>, span: Span) -> Expr {
    items.into_iter().rev().fold(Expr::Nil(span), |tail, h| {
        Expr::Cons(Box::new(h), Box::new(tail), span)
    })
}

/// The match specification for `ets:fun2ms(Fun)`, or `None` if the fun has a form OTP's
/// transform refuses or this one does not handle.
fn translate_call(call: &Expr) -> Option<Expr> {
    let Expr::Call { args, span, .. } = call else {
        return None;
    };
    let Expr::Fun(clauses, _) = &args[0] else {
        return None;
    };
    let mut out = Vec::new();
    for c in clauses {
        out.extend(translate_clause(c, *span)?);
    }
    Some(list(out, *span))
}

/// What the head's variables stand for.
struct Names {
    vars: HashMap<String, String>,
    whole: Option<String>,
    next: usize,
}

fn translate_clause(c: &Clause, span: Span) -> Option<Vec<Expr>> {
    let [pattern] = c.patterns.as_slice() else {
        return None;
    };
    let mut names = Names {
        vars: HashMap::new(),
        whole: None,
        next: 1,
    };
    let head_pat = match pattern {
        Expr::Match(a, b, _) => match (&**a, &**b) {
            (Expr::Var(v, _), p @ Expr::Tuple(..)) | (p @ Expr::Tuple(..), Expr::Var(v, _)) => {
                names.whole = Some(v.clone());
                p
            }
            _ => return None,
        },
        p @ (Expr::Tuple(..) | Expr::Var(..)) => p,
        _ => return None,
    };
    let head = head(head_pat, &mut names)?;
    let body = c
        .body
        .iter()
        .map(|e| expr(e, &names))
        .collect::<Option<Vec<_>>>()?;
    let alternatives: Vec<Vec<Expr>> = if c.guards.is_empty() {
        vec![Vec::new()]
    } else {
        c.guards
            .iter()
            .map(|g| {
                g.iter()
                    .map(|e| expr(e, &names))
                    .collect::<Option<Vec<_>>>()
            })
            .collect::<Option<Vec<_>>>()?
    };
    Some(
        alternatives
            .into_iter()
            .map(|g| {
                Expr::Tuple(
                    vec![head.clone(), list(g, span), list(body.clone(), span)],
                    span,
                )
            })
            .collect(),
    )
}

/// The head pattern with variables numbered.
fn head(p: &Expr, names: &mut Names) -> Option<Expr> {
    Some(match p {
        Expr::Var(v, s) => {
            if names.whole.as_deref() == Some(v.as_str()) {
                return None;
            }
            let n = match names.vars.get(v) {
                Some(n) => n.clone(),
                None => {
                    let n = format!("${}", names.next);
                    names.next += 1;
                    names.vars.insert(v.clone(), n.clone());
                    n
                }
            };
            atom(&n, *s)
        }
        Expr::AnonymousVar(s) => atom("_", *s),
        Expr::Integer(..) | Expr::Float(..) | Expr::Atom(..) | Expr::String(..) | Expr::Nil(_) => {
            p.clone()
        }
        Expr::UnaryOp(UnOp::Neg | UnOp::Plus, x, _)
            if matches!(**x, Expr::Integer(..) | Expr::Float(..)) =>
        {
            p.clone()
        }
        Expr::Tuple(items, s) => Expr::Tuple(
            items
                .iter()
                .map(|x| head(x, names))
                .collect::<Option<Vec<_>>>()?,
            *s,
        ),
        Expr::Cons(h, t, s) => Expr::Cons(Box::new(head(h, names)?), Box::new(head(t, names)?), *s),
        _ => return None,
    })
}

/// A guard or body expression in match-specification form.
fn expr(e: &Expr, names: &Names) -> Option<Expr> {
    Some(match e {
        Expr::Var(v, s) => {
            if names.whole.as_deref() == Some(v.as_str()) {
                atom("$_", *s)
            } else if let Some(n) = names.vars.get(v) {
                atom(n, *s)
            } else {
                // A variable of the enclosing function: its value, as a constant.
                Expr::Tuple(vec![atom("const", *s), e.clone()], *s)
            }
        }
        Expr::Integer(..) | Expr::Float(..) | Expr::Atom(..) | Expr::String(..) | Expr::Nil(_) => {
            e.clone()
        }
        Expr::UnaryOp(UnOp::Neg | UnOp::Plus, x, _)
            if matches!(**x, Expr::Integer(..) | Expr::Float(..)) =>
        {
            e.clone()
        }
        Expr::UnaryOp(op, x, s) => Expr::Tuple(vec![atom(op.as_str(), *s), expr(x, names)?], *s),
        Expr::Tuple(items, s) => {
            let inner = items
                .iter()
                .map(|x| expr(x, names))
                .collect::<Option<Vec<_>>>()?;
            Expr::Tuple(vec![Expr::Tuple(inner, *s)], *s)
        }
        Expr::Cons(h, t, s) => Expr::Cons(Box::new(expr(h, names)?), Box::new(expr(t, names)?), *s),
        Expr::BinaryOp(op, a, b, s) => {
            let name = op.as_str();
            if matches!(name, "!" | "++" | "--") {
                return None;
            }
            Expr::Tuple(vec![atom(name, *s), expr(a, names)?, expr(b, names)?], *s)
        }
        Expr::Call { target, args, span } => {
            let name = match target {
                CallTarget::Local(n, _) => n.clone(),
                CallTarget::Remote(m, f) => match (&**m, &**f) {
                    (Expr::Atom(m, _), Expr::Atom(f, _)) if m == "erlang" => f.clone(),
                    _ => return None,
                },
                CallTarget::Expr(_) => return None,
            };
            match (name.as_str(), args.len()) {
                ("object", 0) => atom("$_", *span),
                ("bindings", 0) => atom("$*", *span),
                _ => {
                    let mut items = vec![atom(&name, *span)];
                    for a in args {
                        items.push(expr(a, names)?);
                    }
                    Expr::Tuple(items, *span)
                }
            }
        }
        _ => return None,
    })
}
