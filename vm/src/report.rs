//! The text of an uncaught-exception report, in the shape the Erlang shell prints
//! (`erl_error:format_exception`):
//!
//! ```text
//! ** exception error: no match of right hand side value 3
//!      in function  foo:main/0 (foo.erl, line 5)
//!      in call from foo:run/1 (foo.erl, line 9)
//! ```
//!
//! Owns the wording of reasons and the layout; term text comes from `display::print_term`.

use crate::atom::{self, AtomTable};
use crate::native::Class;
use crate::term::Term;
use std::fmt::Write;

/// The report for an exception of `class` with `reason` and `stacktrace` (terms still alive).
pub fn format_exception(class: Class, reason: Term, stacktrace: Term, atoms: &AtomTable) -> String {
    let w = |t: Term| term_text(t, atoms);
    let class_name = match class {
        Class::Error => "error",
        Class::Exit => "exit",
        Class::Throw => "throw",
    };
    let mut entries = crate::ops::list_to_vec(stacktrace).unwrap_or_default();
    // The shell leaves its own evaluator's frames out of a report; so do we.
    entries.retain(|e| !crate::stacktrace::is_launcher_entry(*e, atoms));
    let mut out = format!("** exception {class_name}: ");
    if class != Class::Error {
        out.push_str(&w(reason));
    } else {
        match reason.as_atom() {
            Some(atom::FUNCTION_CLAUSE) if !entries.is_empty() => {
                let e = entries.remove(0);
                out.push_str("no function clause matching ");
                out.push_str(&call_text(e, atoms));
            }
            Some(atom::UNDEF) if !entries.is_empty() => {
                let e = entries.remove(0);
                out.push_str("undefined function ");
                out.push_str(&mfa_text(e, atoms, false));
            }
            _ => out.push_str(&explain(reason, atoms)),
        }
    }
    out.push('\n');
    for (i, e) in entries.iter().enumerate() {
        let label = if i == 0 {
            "in function "
        } else {
            "in call from"
        };
        if let Some(op) = operator_entry(*e, atoms) {
            let _ = writeln!(out, "     in operator  {op}");
            continue;
        }
        let _ = writeln!(out, "     {label} {}", frame_text(*e, atoms));
        if let Some(args) = entry_args(*e) {
            let shown: Vec<String> = args.iter().map(|a| w(*a)).collect();
            let _ = writeln!(
                out,
                "        called as {}({})",
                short_name(*e, atoms),
                shown.join(",")
            );
            if i == 0 {
                let mut explained = ets_argument_errors(*e, &args, atoms);
                if explained.is_empty() {
                    explained = erlang_argument_errors(*e, &args, atoms);
                }
                for (n, text) in explained {
                    let _ = writeln!(out, "        *** argument {n}: {text}");
                }
            }
        }
    }
    out
}

/// An exception that ended a process with an internal VM error (not an Erlang exception).
pub fn format_internal(what: &str) -> String {
    format!("** krarup internal error: {what}\n")
}

/// The shell's explanation of an error reason.
fn explain(reason: Term, atoms: &AtomTable) -> String {
    let w = |t: Term| term_text(t, atoms);
    if let Some(a) = reason.as_atom() {
        return match a {
            atom::BADARG => "bad argument".into(),
            atom::BADARITH => "an error occurred when evaluating an arithmetic expression".into(),
            atom::IF_CLAUSE => "no true branch found when evaluating an if expression".into(),
            atom::SYSTEM_LIMIT => "a system limit has been reached".into(),
            atom::TIMEOUT_VALUE => "bad receive timeout value".into(),
            atom::NOPROC => "no such process or port".into(),
            atom::FUNCTION_CLAUSE => "no function clause matching".into(),
            atom::UNDEF => "undefined function".into(),
            _ => w(reason),
        };
    }
    if let Some([tag, v]) = reason.as_tuple_n() {
        match tag.as_atom() {
            Some(atom::BADMATCH) => return format!("no match of right hand side value {}", w(v)),
            Some(atom::CASE_CLAUSE) => return format!("no case clause matching {}", w(v)),
            Some(atom::TRY_CLAUSE) => return format!("no try clause matching {}", w(v)),
            Some(atom::BADFUN) => return format!("bad function {}", w(v)),
            Some(atom::BADMAP) => return format!("bad map: {}", w(v)),
            Some(atom::BADKEY) => return format!("bad key: {}", w(v)),
            Some(atom::BADRECORD) => return format!("bad record {}", w(v)),
            Some(atom::BADARITY) => {
                if let Some([f, args]) = v.as_tuple_n() {
                    let n = crate::ops::list_length(args).unwrap_or(0);
                    let plural = match n {
                        0 => "no arguments".to_string(),
                        1 => "one argument".to_string(),
                        n => format!("{n} arguments"),
                    };
                    return format!("{} called with {plural}", w(f));
                }
            }
            _ => {}
        }
    }
    w(reason)
}

/// `M:F/A (File, line N)` for a stack entry (`M:F/N` when the entry holds arguments).
fn mfa_text(e: Term, atoms: &AtomTable, with_loc: bool) -> String {
    let Some([m, f, a, loc]) = e.as_tuple_n() else {
        return term_text(e, atoms);
    };
    let arity = match a.as_small() {
        Some(n) => n as usize,
        None => crate::ops::list_length(a).unwrap_or(0),
    };
    let mut s = format!("{}:{}/{}", term_text(m, atoms), term_text(f, atoms), arity);
    if with_loc {
        s.push_str(&location_text(loc, atoms));
    }
    s
}

/// `M:F(Arg1,Arg2) (File, line N)` for an entry with an argument list.
fn call_text(e: Term, atoms: &AtomTable) -> String {
    let Some([m, f, a, loc]) = e.as_tuple_n() else {
        return term_text(e, atoms);
    };
    let args: Vec<String> = crate::ops::list_to_vec(a)
        .unwrap_or_default()
        .into_iter()
        .map(|t| term_text(t, atoms))
        .collect();
    format!(
        "{}:{}({}){}",
        term_text(m, atoms),
        term_text(f, atoms),
        args.join(","),
        location_text(loc, atoms)
    )
}

/// ` (File, line N)` from a location list, or `""`.
fn location_text(loc: Term, atoms: &AtomTable) -> String {
    let mut file = None;
    let mut line = None;
    for item in crate::ops::list_to_vec(loc).unwrap_or_default() {
        if let Some([k, v]) = item.as_tuple_n() {
            match k.as_atom() {
                Some(atom::FILE) => {
                    file = Some(string_text(v).unwrap_or_else(|| term_text(v, atoms)))
                }
                Some(atom::LINE) => line = v.as_small(),
                _ => {}
            }
        }
    }
    match (file, line) {
        (Some(f), Some(l)) => format!(" ({f}, line {l})"),
        (Some(f), None) => format!(" ({f})"),
        _ => String::new(),
    }
}

/// For an `ets` builtin's entry whose error info names `erl_stdlib_errors`: what OTP says about
/// each argument (`ets::errors`).
fn ets_argument_errors(e: Term, args: &[Term], atoms: &AtomTable) -> Vec<(usize, String)> {
    let Some([m, f, _, loc]) = e.as_tuple_n() else {
        return Vec::new();
    };
    let (Some(m), Some(f)) = (m.as_atom(), f.as_atom()) else {
        return Vec::new();
    };
    if &*atoms.name(m) != "ets" {
        return Vec::new();
    }
    let info = crate::ops::list_to_vec(loc)
        .unwrap_or_default()
        .into_iter()
        .find_map(|item| match item.as_tuple_n() {
            Some([k, v]) if k == Term::atom(atom::ERROR_INFO) => Some(v),
            _ => None,
        });
    let Some(info) = info.filter(|i| i.is_map()) else {
        return Vec::new();
    };
    let cause = crate::ops::map::get(info, Term::atom(atoms.intern("cause")))
        .and_then(|c| c.as_atom())
        .map(|c| atoms.name(c));
    crate::ets::errors::argument_errors(&atoms.name(f), args, cause.as_deref(), atoms)
}

/// The arguments of a stack entry that carries them (a builtin's entry).
fn entry_args(e: Term) -> Option<Vec<Term>> {
    let [_, _, a, _] = e.as_tuple_n()?;
    if a.is_small() {
        return None;
    }
    crate::ops::list_to_vec(a)
}

/// `F` for `erlang` builtins (as the shell writes them), `M:F` otherwise.
fn short_name(e: Term, atoms: &AtomTable) -> String {
    match e.as_tuple_n() {
        Some([m, f, _, _]) if m == Term::atom(atom::ERLANG) && auto_imported(e, atoms) => {
            term_text(f, atoms)
        }
        Some([m, f, _, _]) => format!("{}:{}", term_text(m, atoms), term_text(f, atoms)),
        _ => String::new(),
    }
}

/// Whether a stack entry is a call of an auto-imported `erlang` BIF (written without `erlang:`).
fn auto_imported(e: Term, atoms: &AtomTable) -> bool {
    let Some([m, f, a, _]) = e.as_tuple_n() else {
        return false;
    };
    let arity = match a.as_small() {
        Some(n) => n as usize,
        None => crate::ops::list_length(a).unwrap_or(usize::MAX),
    };
    m == Term::atom(atom::ERLANG)
        && f.as_atom().is_some_and(|f| {
            crate::report_args::is_auto_imported(&atoms.name(f), arity)
        })
}

/// The `in function` text of a stack entry: `M:F/A (File, line N)`, or `F/A` for an
/// auto-imported BIF, as `erl_error` writes them.
fn frame_text(e: Term, atoms: &AtomTable) -> String {
    if auto_imported(e, atoms) {
        if let Some([_, f, a, _]) = e.as_tuple_n() {
            let arity = a
                .as_small()
                .map_or_else(|| crate::ops::list_length(a).unwrap_or(0), |n| n as usize);
            return format!("{}/{arity}", term_text(f, atoms));
        }
    }
    mfa_text(e, atoms, true)
}

/// The `*** argument N:` lines for an `erlang` BIF's `badarg` (`erl_erts_errors`) or a `maps`
/// builtin's error (`erl_stdlib_errors`).
fn erlang_argument_errors(e: Term, args: &[Term], atoms: &AtomTable) -> Vec<(usize, String)> {
    match e.as_tuple_n() {
        Some([m, f, _, _]) if m == Term::atom(atom::ERLANG) => match f.as_atom() {
            Some(f) => crate::report_args::argument_errors(&atoms.name(f), args, atoms),
            None => Vec::new(),
        },
        Some([m, f, _, _]) if m == Term::atom(atoms.intern("maps")) => match f.as_atom() {
            Some(f) => crate::report_args::maps_argument_errors(&atoms.name(f), args),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// For an `erlang` operator entry: `+/2\n        called as 1 + a`.
fn operator_entry(e: Term, atoms: &AtomTable) -> Option<String> {
    let [m, f, a, _] = e.as_tuple_n()?;
    if m != Term::atom(atom::ERLANG) {
        return None;
    }
    let name = atoms.name(f.as_atom()?);
    let is_op = matches!(
        &*name,
        "+" | "-" | "*" | "/" | "div" | "rem" | "band" | "bor" | "bxor" | "bsl" | "bsr" | "bnot"
    );
    if !is_op {
        return None;
    }
    let args = crate::ops::list_to_vec(a)?;
    let shown = match args.as_slice() {
        [x, y] => format!("{} {name} {}", term_text(*x, atoms), term_text(*y, atoms)),
        [x] => format!("{name} {}", term_text(*x, atoms)),
        _ => return None,
    };
    // erl_error writes `'/'/2` (the one operator `~w` must quote before `/Arity`), `+/2`, ...
    let shown_name = if &*name == "/" { "'/'" } else { &name };
    Some(format!(
        "{shown_name}/{}\n        called as {shown}",
        args.len()
    ))
}

/// A printable string's characters, if `t` is a list of them.
fn string_text(t: Term) -> Option<String> {
    let items = crate::ops::list_to_vec(t)?;
    items
        .into_iter()
        .map(|c| {
            c.as_small()
                .and_then(|n| u32::try_from(n).ok())
                .and_then(char::from_u32)
        })
        .collect()
}

/// A term as text for the report: `~tp` on one line, as `erl_error:format_exception` prints it
/// (strings and binaries as text).
fn term_text(t: Term, atoms: &AtomTable) -> String {
    let mut s = String::new();
    crate::display::print_term(&mut s, t, atoms);
    s
}

/// The time stamp of an `=ERROR REPORT====` header: `21-Nov-2026::19:26:27.426276` (UTC; OTP
/// prints local time, which is UTC on our machines).
pub fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let (year, month, day, h, m, s) = crate::bif::erlang_misc::civil(now.as_nanos() as i128);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[(month.clamp(1, 12) - 1) as usize];
    format!(
        "{day}-{month}-{year}::{h:02}:{m:02}:{s:02}.{:06}",
        now.subsec_micros()
    )
}
