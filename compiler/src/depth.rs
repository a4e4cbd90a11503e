//! The nesting bound on a parsed form, and dropping a refused form without recursion. The
//! compiler's passes recurse over the syntax tree, so a form nested deeper than [`MAX_DEPTH`]
//! (`- - - 1`, `not not ...`, `catch catch ...`, `A = B = ...`, `X ! Y ! ...`, `andalso` chains,
//! long list patterns) is refused with a diagnostic before any pass sees it.

use crate::ast::{BinOp, CallTarget, Clause, Expr, Qualifier, Span};
use crate::diagnostics::{Diagnostic, Kind};

/// Deepest nesting of syntax-tree nodes allowed in one form. Brackets are bounded earlier (500,
/// `parser::check_nesting`); this bounds the operator, `catch`, match and pattern chains that
/// need no brackets. Edges that every pass walks iteratively are free: the tail of a list in an
/// expression (`[1, 2, ...]` of any length), the left operand of a left-associative operator
/// (`1 + 1 + ...`) and the right operand of `++`/`--`.
pub const MAX_DEPTH: usize = 50_000;

/// The first node of `roots` (expressions, each flagged whether it is a pattern) nested deeper
/// than [`MAX_DEPTH`], as a diagnostic at that node.
pub fn check<'a>(roots: Vec<(&'a Expr, bool)>) -> Option<Diagnostic> {
    let mut stack: Vec<(&'a Expr, usize, bool)> =
        roots.into_iter().map(|(e, p)| (e, 1, p)).collect();
    while let Some((e, d, pat)) = stack.pop() {
        if d > MAX_DEPTH {
            return Some(Diagnostic::new(
                Kind::NestedTooDeeply { limit: MAX_DEPTH },
                e.span(),
            ));
        }
        let mut push = |c: &'a Expr, cost: usize, p: bool| stack.push((c, d + cost, p));
        children(e, pat, &mut push);
    }
    None
}

/// Every expression of a clause: patterns (flagged), guards and body.
pub fn clause_roots<'a>(c: &'a Clause, out: &mut Vec<(&'a Expr, bool)>) {
    out.extend(c.patterns.iter().map(|p| (p, true)));
    out.extend(c.guards.iter().flatten().map(|g| (g, false)));
    out.extend(c.body.iter().map(|b| (b, false)));
}

/// Calls `f(child, cost, is_pattern)` for each child of `e` (`pat`: whether `e` is in a pattern).
fn children<'a>(e: &'a Expr, pat: bool, f: &mut impl FnMut(&'a Expr, usize, bool)) {
    let clause = |c: &'a Clause, f: &mut dyn FnMut(&'a Expr, usize, bool)| {
        let mut roots = Vec::new();
        clause_roots(c, &mut roots);
        roots.into_iter().for_each(|(x, p)| f(x, 1, p));
    };
    match e {
        Expr::Cons(h, t, _) => {
            f(h, 1, pat);
            f(t, usize::from(pat), pat);
        }
        Expr::BinaryOp(op, a, b, _) => {
            let right_chain = matches!(op, BinOp::Append | BinOp::Subtract);
            let short = matches!(op, BinOp::AndAlso | BinOp::OrElse | BinOp::Send);
            f(a, usize::from(right_chain || short), pat);
            f(b, usize::from(!right_chain), pat);
        }
        Expr::Match(a, b, _) => {
            f(a, 1, true);
            f(b, 1, pat);
        }
        Expr::Case(scrutinee, clauses, _) => {
            f(scrutinee, 1, false);
            clauses.iter().for_each(|c| clause(c, f));
        }
        Expr::If(clauses, _) | Expr::Fun(clauses, _) | Expr::NamedFun { clauses, .. } => {
            clauses.iter().for_each(|c| clause(c, f))
        }
        Expr::Receive { clauses, after, .. } => {
            clauses.iter().for_each(|c| clause(c, f));
            if let Some((t, body)) = after {
                f(t, 1, false);
                body.iter().for_each(|b| f(b, 1, false));
            }
        }
        Expr::Try {
            body,
            of_clauses,
            catch_clauses,
            after,
            ..
        } => {
            body.iter().for_each(|b| f(b, 1, false));
            of_clauses.iter().for_each(|c| clause(c, f));
            for c in catch_clauses {
                if let Some(class) = &c.class {
                    f(class, 1, true);
                }
                f(&c.reason, 1, true);
                c.guards.iter().flatten().for_each(|g| f(g, 1, false));
                c.body.iter().for_each(|b| f(b, 1, false));
            }
            after.iter().for_each(|b| f(b, 1, false));
        }
        Expr::ListComprehension(t, qs, _) | Expr::BinaryComprehension(t, qs, _) => {
            f(t, 1, false);
            quals(qs, f);
        }
        Expr::MapComprehension(k, v, qs, _) => {
            f(k, 1, false);
            f(v, 1, false);
            quals(qs, f);
        }
        // The rest hold expressions only in the same context as themselves.
        _ => e.for_each_child(&mut |c| f(c, 1, pat)),
    }
}

fn quals<'a>(qs: &'a [Qualifier], f: &mut impl FnMut(&'a Expr, usize, bool)) {
    for q in qs {
        match q {
            Qualifier::Generator(p, e, _) | Qualifier::BinaryGenerator(p, e, _) => {
                f(p, 1, true);
                f(e, 1, false);
            }
            Qualifier::Filter(e) => f(e, 1, false),
        }
    }
}

/// Drops an expression of any depth without recursion: children are moved out onto a stack
/// before each node is dropped (a refused form can be a million levels deep).
pub fn drop_deep(e: Expr) {
    let mut stack = vec![e];
    while let Some(mut e) = stack.pop() {
        take_children(&mut e, &mut stack);
    }
}

fn take_children(e: &mut Expr, out: &mut Vec<Expr>) {
    let blank = Expr::Nil(Span::default());
    let mut take = |b: &mut Expr| out.push(std::mem::replace(b, blank.clone()));
    let clauses = |cs: &mut Vec<Clause>, take: &mut dyn FnMut(&mut Expr)| {
        for c in cs {
            c.patterns.iter_mut().for_each(&mut *take);
            c.guards.iter_mut().flatten().for_each(&mut *take);
            c.body.iter_mut().for_each(&mut *take);
        }
    };
    match e {
        Expr::Tuple(items, _) | Expr::Block(items, _) => items.iter_mut().for_each(&mut take),
        Expr::Cons(a, b, _) | Expr::BinaryOp(_, a, b, _) | Expr::Match(a, b, _) => {
            take(a);
            take(b);
        }
        Expr::Map(assocs, _) => assocs.iter_mut().for_each(|a| {
            take(&mut a.key);
            take(&mut a.value);
        }),
        Expr::MapUpdate(m, assocs, _) => {
            take(m);
            assocs.iter_mut().for_each(|a| {
                take(&mut a.key);
                take(&mut a.value);
            });
        }
        Expr::Record { fields, .. } => fields.iter_mut().for_each(|r| take(&mut r.value)),
        Expr::RecordField { expr, .. } => take(expr),
        Expr::RecordUpdate { expr, fields, .. } => {
            take(expr);
            fields.iter_mut().for_each(|r| take(&mut r.value));
        }
        Expr::Binary(segs, _) => segs.iter_mut().for_each(|s| {
            take(&mut s.value);
            if let Some(size) = &mut s.size {
                take(size);
            }
        }),
        Expr::UnaryOp(_, x, _) | Expr::Catch(x, _) => take(x),
        Expr::Call { target, args, .. } => {
            match target {
                CallTarget::Local(..) => {}
                CallTarget::Remote(m, fun) => {
                    take(m);
                    take(fun);
                }
                CallTarget::Expr(x) => take(x),
            }
            args.iter_mut().for_each(&mut take);
        }
        Expr::Case(x, cs, _) => {
            take(x);
            clauses(cs, &mut take);
        }
        Expr::If(cs, _) | Expr::Fun(cs, _) | Expr::NamedFun { clauses: cs, .. } => {
            clauses(cs, &mut take)
        }
        Expr::Receive {
            clauses: cs, after, ..
        } => {
            clauses(cs, &mut take);
            if let Some((t, body)) = after {
                take(t);
                body.iter_mut().for_each(&mut take);
            }
        }
        Expr::Try {
            body,
            of_clauses,
            catch_clauses,
            after,
            ..
        } => {
            body.iter_mut().for_each(&mut take);
            clauses(of_clauses, &mut take);
            for c in catch_clauses {
                if let Some(class) = &mut c.class {
                    take(class);
                }
                take(&mut c.reason);
                c.guards.iter_mut().flatten().for_each(&mut take);
                c.body.iter_mut().for_each(&mut take);
            }
            after.iter_mut().for_each(&mut take);
        }
        Expr::RemoteFunRef {
            module,
            function,
            arity,
            ..
        } => {
            take(module);
            take(function);
            take(arity);
        }
        Expr::ListComprehension(x, qs, _) | Expr::BinaryComprehension(x, qs, _) => {
            take(x);
            take_quals(qs, &mut take);
        }
        Expr::MapComprehension(k, v, qs, _) => {
            take(k);
            take(v);
            take_quals(qs, &mut take);
        }
        Expr::Integer(..)
        | Expr::Float(..)
        | Expr::Atom(..)
        | Expr::String(..)
        | Expr::Var(..)
        | Expr::AnonymousVar(_)
        | Expr::Nil(_)
        | Expr::RecordIndex { .. }
        | Expr::FunRef { .. } => {}
    }
}

fn take_quals(qs: &mut [Qualifier], take: &mut impl FnMut(&mut Expr)) {
    for q in qs {
        match q {
            Qualifier::Generator(p, e, _) | Qualifier::BinaryGenerator(p, e, _) => {
                take(p);
                take(e);
            }
            Qualifier::Filter(e) => take(e),
        }
    }
}
