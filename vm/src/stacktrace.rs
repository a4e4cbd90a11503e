//! Stack traces as OTP shows them: a list of `{Module, Function, Arity | Args, Location}` with
//! `Location = [{file, "x.erl"}, {line, N}]` (or `[]` when unknown). Owns turning code positions
//! into that term; the interpreter decides which positions (see `interp::exceptions`).

use crate::atom::{self, AtomTable};
use crate::code::table::CodeTable;
use crate::heap::Heap;
use crate::term::{Atom, Term};

/// Entries kept in a stack trace (OTP's default `backtrace_depth`).
pub const MAX_DEPTH: usize = 8;

/// A code position: module version and instruction index (for a return address, the call).
#[derive(Copy, Clone, Debug)]
pub struct Position {
    pub version: u32,
    pub pc: u32,
}

/// The entry of a builtin (or undefined function) that raised: `{M, F, Args, Location}`.
#[derive(Copy, Clone, Debug)]
pub struct NativeEntry {
    pub module: Atom,
    pub function: Atom,
    /// The argument list.
    pub args: Term,
    /// Whether the location carries `{error_info, #{module => erl_erts_errors}}` as OTP's BIF
    /// errors do (`undef` entries have `[]`).
    pub error_info: bool,
    /// The failed call was a tail call, so the caller's frame was already gone: its position is
    /// not an entry (BEAM's `undef` from `call_ext_only`/`call_ext_last` shows the callee's
    /// `{M, F, Args}` and then the caller's caller).
    pub tail_call: bool,
    /// The `cause` of an `ets` builtin's error (`NativeCtx::error_cause`).
    pub cause: Option<Atom>,
}

/// `(module, function, arity, Some((file, line)))` of one launcher frame.
type LauncherFrame = (&'static str, &'static str, i64, Option<(&'static str, i64)>);

/// The frames below `main/0` in the process that `erl -noshell -eval 'm:main()'` runs (OTP 25's
/// `erl_eval` and `init`), as `(module, function, arity, file and line)`.
const LAUNCHER_FRAMES: [LauncherFrame; 5] = [
    ("erl_eval", "do_apply", 7, Some(("erl_eval.erl", 744))),
    ("erl_eval", "exprs", 6, Some(("erl_eval.erl", 136))),
    ("init", "start_it", 1, None),
    ("init", "start_em", 1, None),
    ("init", "do_boot", 3, None),
];

/// Builds the stack-trace term. `top` (a builtin's own entry) comes first; `args`, for
/// `function_clause` and `error/2`, replaces the arity of the first code entry, as OTP does.
/// With `launcher`, the launcher's frames (`LAUNCHER_FRAMES`) follow the process's own, within
/// the same depth limit.
pub fn build(
    heap: &mut Heap,
    code: &CodeTable,
    atoms: &AtomTable,
    positions: &[Position],
    top: Option<NativeEntry>,
    args: Option<Term>,
    launcher: bool,
) -> Term {
    let mut entries: Vec<Term> = Vec::with_capacity(MAX_DEPTH);
    if let Some(n) = top {
        let loc = if n.error_info {
            // OTP's ets is a stdlib module: its errors are explained by erl_stdlib_errors.
            let module = if &*atoms.name(n.module) == "ets" {
                "erl_stdlib_errors"
            } else {
                "erl_erts_errors"
            };
            let m = Term::atom(atoms.intern(module));
            let mut pairs = vec![(Term::atom(atom::MODULE), m)];
            if let Some(c) = n.cause {
                pairs.push((Term::atom(atoms.intern("cause")), Term::atom(c)));
            }
            let info = crate::ops::map::from_pairs(heap, &pairs, atoms);
            let pair = heap.tuple(&[Term::atom(atom::ERROR_INFO), info]);
            heap.list(&[pair])
        } else {
            Term::NIL
        };
        entries.push(heap.tuple(&[Term::atom(n.module), Term::atom(n.function), n.args, loc]));
    }
    let mut args = args;
    for pos in positions {
        if entries.len() >= MAX_DEPTH {
            break;
        }
        let Some(m) = code.module(pos.version) else {
            continue;
        };
        // The start of a process spawned with `spawn(M, F, A)` is BEAM's own, not a frame.
        if m.module.name == "krarup_spawn" {
            continue;
        }
        let Some(f) = m.module.function_at(pos.pc) else {
            continue;
        };
        let name = m
            .atoms
            .get(f.function.0 as usize)
            .copied()
            .unwrap_or(atom::UNDEFINED);
        let arity = args.take().unwrap_or(Term::small(f.arity as i64));
        let loc = location(heap, &m.module.file, m.module.line_at(pos.pc));
        entries.push(heap.tuple(&[Term::atom(m.name), Term::atom(name), arity, loc]));
    }
    if launcher && positions.len() < MAX_DEPTH {
        for (module, function, arity, place) in LAUNCHER_FRAMES {
            if entries.len() >= MAX_DEPTH {
                break;
            }
            let loc = match place {
                Some((file, line)) => location(heap, file, line as u32),
                None => Term::NIL,
            };
            let m = Term::atom(atoms.intern(module));
            let f = Term::atom(atoms.intern(function));
            entries.push(heap.tuple(&[m, f, Term::small(arity), loc]));
        }
    }
    heap.list(&entries)
}

/// The positions of a stack walk of `p` from `here` (where it is now): `here`, then its `cp` if
/// live, then every frame's return address (the call before it), each recorded only when it
/// differs from the previous one, at most `MAX_DEPTH` (`process_info(P, current_stacktrace)`).
pub fn walk(p: &crate::process::Process, here: Position) -> Vec<Position> {
    let mut positions = vec![here];
    let mut prev = None;
    let returns = std::iter::once(p.cp).chain(p.frames().map(|f| f.cp));
    for cp in returns.filter(|cp| cp.is_code()) {
        if positions.len() >= MAX_DEPTH {
            break;
        }
        if prev != Some(cp) {
            prev = Some(cp);
            positions.push(Position {
                version: cp.version(),
                pc: cp.pc().saturating_sub(1),
            });
        }
    }
    positions
}

/// `{Module, Function, Arity}` of the function holding `pos`, if it is known code.
pub fn function_of(code: &CodeTable, pos: Position) -> Option<(Atom, Atom, u32)> {
    let m = code.module(pos.version)?;
    let f = m.module.function_at(pos.pc)?;
    let name = m.atoms.get(f.function.0 as usize).copied()?;
    Some((m.name, name, f.arity as u32))
}

/// Whether a stack-trace entry is one of the launcher's frames (see `LAUNCHER_FRAMES`).
pub fn is_launcher_entry(entry: Term, atoms: &AtomTable) -> bool {
    let Some([m, f, arity, _]) = entry.as_tuple_n() else {
        return false;
    };
    let name = |t: Term| t.as_atom().map(|a| atoms.name(a));
    LAUNCHER_FRAMES.iter().any(|(lm, lf, la, _)| {
        name(m).as_deref() == Some(*lm)
            && name(f).as_deref() == Some(*lf)
            && arity.as_small() == Some(*la)
    })
}

/// `[{file, File}, {line, Line}]`, or `[]` when the line is unknown.
fn location(heap: &mut Heap, file: &str, line: u32) -> Term {
    if line == 0 {
        return Term::NIL;
    }
    let line = heap.tuple(&[Term::atom(atom::LINE), Term::small(line as i64)]);
    if file.is_empty() {
        return heap.list(&[line]);
    }
    let name = heap.string(file);
    let file = heap.tuple(&[Term::atom(atom::FILE), name]);
    heap.list(&[file, line])
}
