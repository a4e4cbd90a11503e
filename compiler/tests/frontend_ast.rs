//! Front-end AST conformance: for each `tests/frontend_ast/*.erl`, every function's tree must equal
//! the one OTP's `epp`/`erl_parse` builds. `frontend_ast/regen.sh` writes the expected `*.sx` files
//! from real `erl` (via `frontend_ast/astsx.erl`); this test prints krarup's AST in the same
//! S-expression format and compares line by line.
// Tests read their fixtures from disk; the crate itself does no file access (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use krarup_compiler::ast::*;
use krarup_compiler::parser::parse_module_unchecked;
use std::path::Path;

fn j(v: Vec<String>) -> String {
    v.join(" ")
}

fn exprs(v: &[Expr]) -> String {
    j(v.iter().map(e).collect())
}

fn guards(g: &[Vec<Expr>]) -> String {
    j(g.iter().map(|alt| format!("[{}]", exprs(alt))).collect())
}

fn clause(c: &Clause) -> String {
    format!(
        "(clause ({}) {} {})",
        exprs(&c.patterns),
        guards(&c.guards),
        exprs(&c.body)
    )
}

fn clauses(cs: &[Clause]) -> String {
    j(cs.iter().map(clause).collect())
}

/// OTP represents a catch clause as `{Class, Reason, Stack}` with `throw` and `_` as defaults.
fn catch_clause(c: &CatchClause) -> String {
    let class = c.class.as_ref().map_or("throw".to_string(), e);
    let stack = c.stacktrace.clone().unwrap_or_else(|| "_".into());
    format!(
        "(clause ({{{class} {} {stack}}}) {} {})",
        e(&c.reason),
        guards(&c.guards),
        exprs(&c.body)
    )
}

fn assoc(a: &MapAssoc) -> String {
    let op = if a.kind == MapAssocKind::Assoc {
        "=>"
    } else {
        ":="
    };
    format!("({op} {} {})", e(&a.key), e(&a.value))
}

fn field(f: &RecordField) -> String {
    format!("({} {})", f.name.as_deref().unwrap_or("_"), e(&f.value))
}

fn specifier(s: &BinSpecifier) -> String {
    match s {
        BinSpecifier::Unit(n) => format!("unit:{n}"),
        other => format!("{other:?}").to_lowercase(),
    }
}

fn segment(s: &BinSegment) -> String {
    let size = s
        .size
        .as_ref()
        .map(|z| format!(":{}", e(z)))
        .unwrap_or_default();
    let specs = if s.specifiers.is_empty() {
        String::new()
    } else {
        format!(
            "/{}",
            s.specifiers
                .iter()
                .map(specifier)
                .collect::<Vec<_>>()
                .join("-")
        )
    };
    format!("{}{size}{specs}", e(&s.value))
}

fn qualifier(q: &Qualifier) -> String {
    match q {
        Qualifier::Generator(p, x, _) => format!("(<- {} {})", e(p), e(x)),
        Qualifier::BinaryGenerator(p, x, _) => format!("(<= {} {})", e(p), e(x)),
        Qualifier::Filter(x) => e(x),
    }
}

fn e(x: &Expr) -> String {
    match x {
        Expr::Integer(i, _) => i.to_string(),
        Expr::Float(f, _) => format!("f{}", f.to_bits()),
        Expr::Atom(a, _) => a.clone(),
        Expr::String(s, _) => {
            format!(
                "s({})",
                s.chars()
                    .map(|c| (c as u32).to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        }
        Expr::Var(v, _) => v.clone(),
        Expr::AnonymousVar(_) => "_".into(),
        Expr::Tuple(v, _) => format!("{{{}}}", exprs(v)),
        Expr::Nil(_) => "[]".into(),
        Expr::Cons(h, t, _) => format!("(cons {} {})", e(h), e(t)),
        Expr::Map(a, _) => format!("(map {})", j(a.iter().map(assoc).collect())),
        Expr::MapUpdate(m, a, _) => {
            format!("(map-update {} {})", e(m), j(a.iter().map(assoc).collect()))
        }
        Expr::Record { name, fields, .. } => {
            format!("(record {name} {})", j(fields.iter().map(field).collect()))
        }
        Expr::RecordUpdate {
            expr, name, fields, ..
        } => {
            format!(
                "(record-update {} {name} {})",
                e(expr),
                j(fields.iter().map(field).collect())
            )
        }
        Expr::RecordField {
            expr, name, field, ..
        } => format!("(field {} {name} {field})", e(expr)),
        Expr::RecordIndex { name, field, .. } => format!("(index {name} {field})"),
        Expr::Binary(segs, _) => format!(
            "<<{}>>",
            segs.iter().map(segment).collect::<Vec<_>>().join(", ")
        ),
        Expr::BinaryOp(op, a, b, _) => format!("({} {} {})", op.as_str(), e(a), e(b)),
        Expr::UnaryOp(op, a, _) => format!("({} {})", op.as_str(), e(a)),
        Expr::Match(a, b, _) => format!("(= {} {})", e(a), e(b)),
        Expr::Call { target, args, .. } => match target {
            CallTarget::Local(n, _) => format!("(call {n} {})", exprs(args)),
            CallTarget::Remote(m, f) => format!("(call {}:{} {})", e(m), e(f), exprs(args)),
            CallTarget::Expr(f) => format!("(apply {} {})", e(f), exprs(args)),
        },
        Expr::Case(x, cs, _) => format!("(case {} {})", e(x), clauses(cs)),
        Expr::If(cs, _) => format!("(if {})", clauses(cs)),
        Expr::Receive {
            clauses: cs,
            after: None,
            ..
        } => format!("(receive {})", clauses(cs)),
        Expr::Receive {
            clauses: cs,
            after: Some((t, b)),
            ..
        } => {
            format!("(receive {} (after {} {}))", clauses(cs), e(t), exprs(b))
        }
        Expr::Try {
            body,
            of_clauses,
            catch_clauses,
            after,
            ..
        } => format!(
            "(try ({}) (of {}) (catch {}) (after {}))",
            exprs(body),
            clauses(of_clauses),
            j(catch_clauses.iter().map(catch_clause).collect()),
            exprs(after)
        ),
        Expr::Catch(x, _) => format!("(catch {})", e(x)),
        Expr::Block(b, _) => format!("(begin {})", exprs(b)),
        Expr::Fun(cs, _) => format!("(fun {})", clauses(cs)),
        Expr::NamedFun {
            name, clauses: cs, ..
        } => format!("(named-fun {name} {})", clauses(cs)),
        Expr::FunRef { name, arity, .. } => format!("(fun-ref {name}/{arity})"),
        Expr::RemoteFunRef {
            module,
            function,
            arity,
            ..
        } => {
            format!("(fun-ref {}:{}/{})", e(module), e(function), e(arity))
        }
        Expr::ListComprehension(x, qs, _) => {
            format!("(lc {} {})", e(x), j(qs.iter().map(qualifier).collect()))
        }
        Expr::BinaryComprehension(x, qs, _) => {
            format!("(bc {} {})", e(x), j(qs.iter().map(qualifier).collect()))
        }
        Expr::MapComprehension(..) => "(map-comprehension)".into(),
    }
}

/// Prints a parsed module in the `astsx.erl` format: `name/arity clauses` per function and
/// `record name (field default)...` per record, in source order.
pub fn print_module(m: &Module) -> Vec<String> {
    // Forms in source order: records and functions interleave as in the file.
    let mut forms: Vec<(u32, String)> = m
        .functions
        .iter()
        .map(|f| {
            (
                f.span.start,
                format!("{}/{} {}", f.name, f.arity, clauses(&f.clauses)),
            )
        })
        .collect();
    for r in &m.records {
        let fields: Vec<String> = r
            .fields
            .iter()
            .map(|f| match &f.default {
                Some(d) => format!("({} {})", f.name, e(d)),
                None => format!("({})", f.name),
            })
            .collect();
        forms.push((r.span.start, format!("record {} {}", r.name, j(fields))));
    }
    forms.sort_by_key(|(at, _)| *at);
    forms.into_iter().map(|(_, s)| s).collect()
}

fn check_file(erl: &Path) -> Result<(), String> {
    let src = std::fs::read_to_string(erl).map_err(|e| e.to_string())?;
    let expected = std::fs::read_to_string(erl.with_extension("sx")).map_err(|_| {
        format!(
            "{}: no .sx file; run compiler/tests/frontend_ast/regen.sh",
            erl.display()
        )
    })?;
    let dir = erl.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolver = move |p: &str, _lib: bool| {
        let path = dir.join(p);
        let text = std::fs::read_to_string(&path).ok()?;
        Some((path.display().to_string(), text))
    };
    let name = erl.display().to_string();
    // Module checks are not part of the comparison (the random file calls undefined functions).
    let (m, diags) = parse_module_unchecked(&src, &name, Some(&resolver));
    if diags.iter().any(|d| d.is_error()) {
        return Err(format!("{name}: {diags:?}"));
    }
    let got = print_module(&m);
    let want: Vec<&str> = expected.lines().collect();
    for (i, w) in want.iter().enumerate() {
        let g = got.get(i).map(String::as_str).unwrap_or("<missing>");
        if g != *w {
            let at = g.chars().zip(w.chars()).take_while(|(a, b)| a == b).count();
            let from = at.saturating_sub(60);
            let show = |s: &str| s.chars().skip(from).take(160).collect::<String>();
            return Err(format!(
                "{name}, function {}:\n  erl:    ...{}\n  krarup: ...{}",
                i + 1,
                show(w),
                show(g)
            ));
        }
    }
    if got.len() != want.len() {
        return Err(format!(
            "{name}: {} functions, erl has {}",
            got.len(),
            want.len()
        ));
    }
    Ok(())
}

#[test]
fn ast_matches_erl_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/frontend_ast");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/frontend_ast exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "erl") && !p.ends_with("astsx.erl"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let failures: Vec<String> = files.iter().filter_map(|f| check_file(f).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
