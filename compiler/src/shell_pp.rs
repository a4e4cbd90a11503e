//! Printing shell input back as OTP's `erl_pp` prints expressions, for the shell's `h()`
//! (`1: X = 1 + 2`): spaces after commas and around binary operators, parentheses only where
//! precedence needs them, atoms quoted when they must be. Each expression is printed on one line
//! (erl_pp breaks long `case`/`fun` bodies over several lines; spec.md notes it).

use crate::ast::{BinOp, BinSpecifier, CallTarget, Clause, Expr, MapAssocKind, Qualifier, UnOp};
use crate::lexer::{quote_atom, write_string};

/// The expressions of `exprs` as `erl_pp:exprs/1` prints them, joined by `", "`.
pub fn exprs(exprs: &[Expr]) -> String {
    exprs.iter().map(|e| expr(e, 0)).collect::<Vec<_>>().join(", ")
}

/// One expression as `erl_pp:expr/1` prints it.
pub fn expr_text(e: &Expr) -> String {
    expr(e, 0)
}

/// A record definition as the shell's `rl/0` prints it: `-record(name,{a = 1, b}).`
pub fn record_text(def: &crate::ast::RecordDef) -> String {
    let fields: Vec<String> = def
        .fields
        .iter()
        .map(|f| match &f.default {
            Some(d) => format!("{} = {}", quote_atom(&f.name), expr(d, 0)),
            None => quote_atom(&f.name),
        })
        .collect();
    format!("-record({},{{{}}}).", quote_atom(&def.name), fields.join(", "))
}

/// Precedence and the precedences the left and right operands need (erl_parse's table).
fn binop_prec(op: BinOp) -> (u32, u32, u32) {
    match op {
        BinOp::Send => (100, 150, 100),
        BinOp::OrElse => (160, 170, 160),
        BinOp::AndAlso => (200, 300, 200),
        BinOp::Eq
        | BinOp::Ne
        | BinOp::Le
        | BinOp::Lt
        | BinOp::Ge
        | BinOp::Gt
        | BinOp::ExactEq
        | BinOp::ExactNe => (300, 400, 400),
        BinOp::Append | BinOp::Subtract => (400, 500, 400),
        BinOp::Add
        | BinOp::Sub
        | BinOp::Bor
        | BinOp::Bxor
        | BinOp::Bsl
        | BinOp::Bsr
        | BinOp::Or
        | BinOp::Xor => (500, 500, 600),
        BinOp::Mul
        | BinOp::FDiv
        | BinOp::Div
        | BinOp::Rem
        | BinOp::Band
        | BinOp::And => (600, 600, 700),
    }
}

fn paren(text: String, prec: u32, need: u32) -> String {
    if prec < need {
        format!("({text})")
    } else {
        text
    }
}

fn list_of(es: &[Expr]) -> String {
    es.iter().map(|e| expr(e, 0)).collect::<Vec<_>>().join(", ")
}

/// `e` printed where an operand of precedence at least `need` is expected.
fn expr(e: &Expr, need: u32) -> String {
    match e {
        Expr::Integer(i, _) => i.to_string(),
        Expr::Float(f, _) => float_text(*f),
        Expr::Atom(a, _) => quote_atom(a),
        Expr::String(s, _) => write_string(s, '"'),
        Expr::Var(v, _) => v.clone(),
        Expr::AnonymousVar(_) => "_".into(),
        Expr::Tuple(es, _) => format!("{{{}}}", list_of(es)),
        Expr::Nil(_) => "[]".into(),
        Expr::Cons(..) => {
            let mut items = Vec::new();
            let mut cur = e;
            let tail = loop {
                match cur {
                    Expr::Cons(h, t, _) => {
                        items.push(expr(h, 0));
                        cur = t;
                    }
                    Expr::Nil(_) => break None,
                    other => break Some(expr(other, 0)),
                }
            };
            match tail {
                None => format!("[{}]", items.join(", ")),
                Some(t) => format!("[{} | {t}]", items.join(", ")),
            }
        }
        Expr::Map(assocs, _) => format!("#{{{}}}", assocs_text(assocs)),
        Expr::MapUpdate(m, assocs, _) => format!("{}#{{{}}}", expr(m, 800), assocs_text(assocs)),
        Expr::Record { name, fields, .. } => {
            format!("#{}{{{}}}", quote_atom(name), fields_text(fields))
        }
        Expr::RecordField {
            expr: r,
            name,
            field,
            ..
        } => format!("{}#{}.{}", expr(r, 800), quote_atom(name), quote_atom(field)),
        Expr::RecordUpdate {
            expr: r,
            name,
            fields,
            ..
        } => format!(
            "{}#{}{{{}}}",
            expr(r, 800),
            quote_atom(name),
            fields_text(fields)
        ),
        Expr::RecordIndex { name, field, .. } => {
            format!("#{}.{}", quote_atom(name), quote_atom(field))
        }
        Expr::Binary(segs, _) => {
            let segs: Vec<String> = segs
                .iter()
                .map(|s| {
                    let mut out = expr(&s.value, 900);
                    if let Some(size) = &s.size {
                        out.push(':');
                        out.push_str(&expr(size, 900));
                    }
                    if !s.specifiers.is_empty() {
                        let specs: Vec<String> = s.specifiers.iter().map(specifier).collect();
                        out.push('/');
                        out.push_str(&specs.join("-"));
                    }
                    out
                })
                .collect();
            format!("<<{}>>", segs.join(", "))
        }
        Expr::BinaryOp(op, l, r, _) => {
            let (p, lp, rp) = binop_prec(*op);
            paren(
                format!("{} {} {}", expr(l, lp), op.as_str(), expr(r, rp)),
                p,
                need,
            )
        }
        Expr::UnaryOp(op, x, _) => {
            let text = match op {
                UnOp::Plus => format!("+{}", expr(x, 700)),
                UnOp::Neg => format!("-{}", expr(x, 700)),
                UnOp::Bnot => format!("bnot {}", expr(x, 700)),
                UnOp::Not => format!("not {}", expr(x, 700)),
            };
            paren(text, 700, need)
        }
        Expr::Match(l, r, _) => paren(format!("{} = {}", expr(l, 150), expr(r, 100)), 100, need),
        Expr::Call { target, args, .. } => {
            let f = match target {
                CallTarget::Local(n, _) => quote_atom(n),
                CallTarget::Remote(m, f) => format!("{}:{}", expr(m, 900), expr(f, 900)),
                CallTarget::Expr(x) => expr(x, 900),
            };
            format!("{f}({})", list_of(args))
        }
        Expr::Case(x, cs, _) => format!("case {} of {} end", expr(x, 0), clauses(cs, None)),
        Expr::If(cs, _) => format!("if {} end", clauses(cs, None)),
        Expr::Receive { clauses: cs, after, .. } => {
            let mut out = "receive".to_string();
            if !cs.is_empty() {
                out.push(' ');
                out.push_str(&clauses(cs, None));
            }
            if let Some((t, body)) = after {
                out.push_str(&format!(" after {} -> {}", expr(t, 0), exprs(body)));
            }
            out.push_str(" end");
            out
        }
        Expr::Try {
            body,
            of_clauses,
            catch_clauses,
            after,
            ..
        } => {
            let mut out = format!("try {}", exprs(body));
            if !of_clauses.is_empty() {
                out.push_str(&format!(" of {}", clauses(of_clauses, None)));
            }
            if !catch_clauses.is_empty() {
                let cs: Vec<String> = catch_clauses
                    .iter()
                    .map(|c| {
                        let mut head = String::new();
                        if let Some(class) = &c.class {
                            head.push_str(&expr(class, 0));
                            head.push(':');
                        }
                        head.push_str(&expr(&c.reason, 0));
                        if let Some(st) = &c.stacktrace {
                            head.push(':');
                            head.push_str(st);
                        }
                        format!("{head}{} -> {}", guards(&c.guards), exprs(&c.body))
                    })
                    .collect();
                out.push_str(&format!(" catch {}", cs.join("; ")));
            }
            if !after.is_empty() {
                out.push_str(&format!(" after {}", exprs(after)));
            }
            out.push_str(" end");
            out
        }
        Expr::Catch(x, _) => paren(format!("catch {}", expr(x, 0)), 70, need),
        Expr::Block(es, _) => format!("begin {} end", exprs(es)),
        Expr::Fun(cs, _) => format!("fun{} end", clauses(cs, Some(""))),
        Expr::NamedFun { name, clauses: cs, .. } => {
            format!("fun {} end", clauses(cs, Some(name)))
        }
        Expr::FunRef { name, arity, .. } => format!("fun {}/{arity}", quote_atom(name)),
        Expr::RemoteFunRef {
            module,
            function,
            arity,
            ..
        } => format!(
            "fun {}:{}/{}",
            expr(module, 900),
            expr(function, 900),
            expr(arity, 900)
        ),
        Expr::ListComprehension(x, qs, _) => format!("[{} || {}]", expr(x, 0), quals(qs)),
        Expr::BinaryComprehension(x, qs, _) => {
            let inner = match &**x {
                Expr::Binary(..) => expr(x, 0),
                other => format!("<<{}>>", expr(other, 0)),
            };
            format!("<< {inner} || {} >>", quals(qs))
        }
        Expr::MapComprehension(k, v, qs, _) => {
            format!("#{{{} => {} || {}}}", expr(k, 0), expr(v, 0), quals(qs))
        }
    }
}

fn assocs_text(assocs: &[crate::ast::MapAssoc]) -> String {
    assocs
        .iter()
        .map(|a| {
            let op = match a.kind {
                MapAssocKind::Assoc => "=>",
                MapAssocKind::Exact => ":=",
            };
            format!("{} {op} {}", expr(&a.key, 0), expr(&a.value, 0))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn fields_text(fields: &[crate::ast::RecordField]) -> String {
    fields
        .iter()
        .map(|f| {
            let name = f.name.as_deref().map_or("_".to_string(), quote_atom);
            format!("{name} = {}", expr(&f.value, 0))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn specifier(s: &BinSpecifier) -> String {
    match s {
        BinSpecifier::Integer => "integer".into(),
        BinSpecifier::Float => "float".into(),
        BinSpecifier::Binary => "binary".into(),
        BinSpecifier::Bitstring => "bitstring".into(),
        BinSpecifier::Utf8 => "utf8".into(),
        BinSpecifier::Utf16 => "utf16".into(),
        BinSpecifier::Utf32 => "utf32".into(),
        BinSpecifier::Signed => "signed".into(),
        BinSpecifier::Unsigned => "unsigned".into(),
        BinSpecifier::Big => "big".into(),
        BinSpecifier::Little => "little".into(),
        BinSpecifier::Native => "native".into(),
        BinSpecifier::Unit(n) => format!("unit:{n}"),
    }
}

fn guards(gs: &[Vec<Expr>]) -> String {
    if gs.is_empty() {
        return String::new();
    }
    let alts: Vec<String> = gs.iter().map(|g| list_of(g)).collect();
    format!(" when {}", alts.join("; "))
}

/// Clauses joined by `"; "`; `fun_name` for fun clauses (`Some("")` for an anonymous fun), whose
/// patterns are printed in parentheses.
fn clauses(cs: &[Clause], fun_name: Option<&str>) -> String {
    let texts: Vec<String> = cs
        .iter()
        .map(|c| {
            let head = match fun_name {
                Some(name) => format!("{name}({})", list_of(&c.patterns)),
                None if c.patterns.is_empty() => String::new(),
                None => list_of(&c.patterns),
            };
            let (head, gs) = match (fun_name, head.is_empty()) {
                // An `if` clause: its guard is the condition.
                (None, true) => (list_of_alts(&c.guards), String::new()),
                _ => (head, guards(&c.guards)),
            };
            format!("{head}{gs} -> {}", exprs(&c.body))
        })
        .collect();
    texts.join("; ")
}

fn list_of_alts(gs: &[Vec<Expr>]) -> String {
    gs.iter().map(|g| list_of(g)).collect::<Vec<_>>().join("; ")
}

fn quals(qs: &[Qualifier]) -> String {
    qs.iter()
        .map(|q| match q {
            Qualifier::Generator(p, l, _) => format!("{} <- {}", expr(p, 0), expr(l, 0)),
            Qualifier::BinaryGenerator(p, b, _) => format!("{} <= {}", expr(p, 0), expr(b, 0)),
            Qualifier::Filter(x) => expr(x, 0),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A float's shortest round-trip digits in Erlang's spelling (`1.0e20`, not Rust's `1e20`).
fn float_text(f: f64) -> String {
    let t = format!("{f:?}");
    match t.split_once('e') {
        Some((m, e)) if !m.contains('.') => format!("{m}.0e{e}"),
        _ => t,
    }
}
