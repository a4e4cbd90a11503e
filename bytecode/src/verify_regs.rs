//! The verifier's X-register pass (part of `verify`): on every path, an instruction reads only X
//! registers that hold a value. This is a memory-safety check, not a style rule: the collector
//! updates only the registers a safe point declares live, so a register read after a call or an
//! `Allocate` that did not keep it may hold a pointer into a freed heap block. Follows the
//! register tracking of OTP's `beam_validator`, simplified.
//!
//! Rules: at a function's entry `x0..x[arity-1]` hold values. A body call (`Call`, `CallExt`,
//! `CallFun`, `Apply`) reads its arguments (and the fun, or module and function) and leaves only
//! `x0`; `Allocate{live}` reads and keeps `x0..x[live-1]`; `Return` reads `x0`; jumping to the
//! function's own `FuncInfo` reads the arguments; an exception handler (`Try`/`Catch` target)
//! starts with no X register, and `TryCase` defines `x0..x2`, `CatchEnd` defines `x0`; `Wait` and
//! `WaitTimeout` leave none (the process may be descheduled there). Paths that
//! meet keep only the registers defined on all of them.

use crate::describe::{Reg, XAfter};
use crate::module::FunctionInfo;
use crate::opcode::{Dst, Instruction, Src};
use crate::MAX_X_REGS;

/// A set of X registers (below `MAX_X_REGS`).
#[derive(Clone, PartialEq, Eq)]
struct Regs([u64; MAX_X_REGS / 64]);

impl Regs {
    fn empty() -> Regs {
        Regs([0; MAX_X_REGS / 64])
    }
    /// `x0..x[n-1]`.
    fn first(n: usize) -> Regs {
        let mut r = Regs::empty();
        for i in 0..n.min(MAX_X_REGS) {
            r.insert(i);
        }
        r
    }
    fn insert(&mut self, i: usize) {
        if i < MAX_X_REGS {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }
    fn contains(&self, i: usize) -> bool {
        i < MAX_X_REGS && self.0[i / 64] & (1 << (i % 64)) != 0
    }
    /// Intersects with `other`; true if `self` changed.
    fn meet(&mut self, other: &Regs) -> bool {
        let mut changed = false;
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            let n = *a & *b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }
}

/// Checks X-register definedness over `f`'s code (whose targets the caller already checked).
pub(super) fn check(code: &[Instruction], f: &FunctionInfo) -> Result<(), String> {
    let start = f.start as usize;
    let body = &code[start..f.end as usize];
    let mut state: Vec<Option<Regs>> = vec![None; body.len()];
    state[1] = Some(Regs::first(f.arity as usize));
    let mut work = vec![1usize];
    let flow = |state: &mut Vec<Option<Regs>>, work: &mut Vec<usize>, at: usize, regs: &Regs| {
        match &mut state[at] {
            Some(old) => {
                if old.meet(regs) {
                    work.push(at);
                }
            }
            slot @ None => {
                *slot = Some(regs.clone());
                work.push(at);
            }
        }
    };
    let (mut targets, mut writes) = (Vec::new(), Vec::new());
    while let Some(i) = work.pop() {
        let ins = &body[i];
        let Some(before) = state[i].clone() else {
            continue;
        };
        let after = step(ins, &before, &mut writes)
            .map_err(|e| format!("instruction {} ({ins:?}): {e}", start + i))?;
        if !ins.is_local_call() {
            let handler = ins.is_handler_entry();
            targets.clear();
            ins.for_each_target(|t| targets.push(t));
            for t in &targets {
                let at = (t.0 - f.start) as usize;
                if at == 0 {
                    // function_clause: the arguments are reported, so they must be defined.
                    need(&before, 0..f.arity as usize).map_err(|e| {
                        format!(
                            "instruction {} ({ins:?}) raising function_clause: {e}",
                            start + i
                        )
                    })?;
                } else if handler {
                    flow(&mut state, &mut work, at, &Regs::empty());
                } else {
                    flow(&mut state, &mut work, at, &before);
                }
            }
        }
        if !ins.is_terminator() {
            flow(&mut state, &mut work, i + 1, &after);
        }
    }
    Ok(())
}

fn need(regs: &Regs, range: std::ops::Range<usize>) -> Result<(), String> {
    for r in range {
        if !regs.contains(r) {
            return Err(format!(
                "x{r} is read but holds no value on some path (only x0 survives a call; \
                 Allocate keeps x0..x[live-1]; a handler starts with none)"
            ));
        }
    }
    Ok(())
}

/// The registers defined after `ins` falls through, or why `ins` reads an undefined register:
/// its explicit operands, then what `Instruction::x_effect` says it reads and leaves. `writes`
/// is scratch space, reused between calls.
fn step(ins: &Instruction, before: &Regs, writes: &mut Vec<usize>) -> Result<Regs, String> {
    writes.clear();
    let mut unread = Ok(());
    ins.for_each_reg(|r| match r {
        Reg::Read(Src::X(r)) if unread.is_ok() => {
            let r = r.0 as usize;
            unread = need(before, r..r + 1);
        }
        Reg::Write(Dst::X(r)) => writes.push(r.0 as usize),
        _ => {}
    });
    unread?;
    let effect = ins.x_effect();
    need(before, 0..effect.reads)?;
    let mut after = match effect.after {
        XAfter::Keep => before.clone(),
        XAfter::Only(n) => Regs::first(n),
        XAfter::Define(n) => {
            let mut a = before.clone();
            (0..n).for_each(|r| a.insert(r));
            a
        }
    };
    for &w in writes.iter() {
        after.insert(w);
    }
    Ok(after)
}
