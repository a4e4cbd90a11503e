//! The verifier's type pass (part of `verify`): the instructions that trust their operand's type
//! without testing it at run time — `GetList`, `GetHd`, `GetTl` (a cons), `GetTupleElement` (a
//! tuple of more than `index` elements) and `BsSetPosition` (a position from `BsGetPosition`) —
//! are refused unless every path to them proves that type. Follows the type tracking of OTP's
//! `beam_validator` (`get_list` needs a cons, `get_tuple_element` a tuple of known minimum size),
//! reduced to the facts krarup's compiler relies on.
//!
//! Facts come from tests on the fall-through path (`Test` for a non-empty list or a tuple,
//! `TestArity`, `IsTaggedTuple`), from the case labels of `SelectTupleArity`, from construction
//! (`PutList`, `PutTuple`, literals) and from `BsGetPosition`; `Move` copies them. A write drops the
//! destination's fact; a body call keeps only the Y slots' facts; `Allocate` starts a frame with
//! none and keeps the live X registers'; an exception handler, `Wait` and the end of a frame keep
//! nothing they no longer own. Paths that meet keep the facts true on all of them.

use crate::describe::{FrameEffect, Reg, XAfter};
use crate::module::{FunctionInfo, Literal, Module};
use crate::opcode::{Dst, Instruction, Label, Src, TypeTest};
use std::collections::BTreeMap;

/// What is known about a register's value.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Ty {
    /// A cons cell (a non-empty list).
    Cons,
    /// A tuple of at least this many elements.
    Tuple(u32),
    /// A match-context position: a non-negative small integer.
    Pos,
}

/// An X register or a Y slot.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Key {
    X(u16),
    Y(u16),
}

/// The facts at one instruction; a register without an entry may hold anything.
type Facts = BTreeMap<Key, Ty>;

fn key(d: Dst) -> Key {
    match d {
        Dst::X(r) => Key::X(r.0),
        Dst::Y(r) => Key::Y(r.0),
    }
}

fn meet(a: Ty, b: Ty) -> Option<Ty> {
    match (a, b) {
        (Ty::Tuple(m), Ty::Tuple(n)) => Some(Ty::Tuple(m.min(n))),
        _ if a == b => Some(a),
        _ => None,
    }
}

/// Keeps in `old` only the facts `new` agrees with; true if `old` changed.
fn meet_into(old: &mut Facts, new: &Facts) -> bool {
    let before = old.len();
    let mut changed = false;
    old.retain(|k, t| match new.get(k).and_then(|n| meet(*t, *n)) {
        Some(m) => {
            changed |= m != *t;
            *t = m;
            true
        }
        None => false,
    });
    changed || old.len() != before
}

struct Types<'m> {
    m: &'m Module,
}

impl Types<'_> {
    /// The type of a source operand under `facts`.
    fn of(&self, facts: &Facts, s: &Src) -> Option<Ty> {
        match s {
            Src::X(r) => facts.get(&Key::X(r.0)).copied(),
            Src::Y(r) => facts.get(&Key::Y(r.0)).copied(),
            Src::Int(n) if *n >= 0 => Some(Ty::Pos),
            Src::Lit(l) => match self.m.literals.get(l.0 as usize)? {
                Literal::List(elems, _) if !elems.is_empty() => Some(Ty::Cons),
                Literal::Tuple(elems) => Some(Ty::Tuple(elems.len() as u32)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Why `ins` may not run under `facts`, if it may not.
    fn check(&self, ins: &Instruction, facts: &Facts) -> Result<(), String> {
        use Instruction::*;
        let need = |s: &Src, ok: fn(Ty) -> bool, what: &str| match self.of(facts, s) {
            Some(t) if ok(t) => Ok(()),
            _ => Err(format!(
                "{s:?} is not known to be {what} on every path (test it first)"
            )),
        };
        match ins {
            GetList { src, .. } | GetHd { src, .. } | GetTl { src, .. } => {
                need(src, |t| t == Ty::Cons, "a non-empty list")
            }
            GetTupleElement { src, index, .. } => match self.of(facts, src) {
                Some(Ty::Tuple(n)) if *index < n => Ok(()),
                _ => Err(format!(
                    "{src:?} is not known to be a tuple of more than {index} elements on every \
                     path (test it first)"
                )),
            },
            BsSetPosition { pos, .. } => need(pos, |t| t == Ty::Pos, "a match position"),
            _ => Ok(()),
        }
    }

    /// The facts after `ins` falls through, given `before` (which `check` accepted).
    fn after(&self, ins: &Instruction, before: &Facts) -> Facts {
        use Instruction::*;
        let mut f = self.clobbered(ins, before);
        match ins {
            Move { src, dst } => {
                if let Some(t) = self.of(before, src) {
                    f.insert(key(*dst), t);
                }
            }
            PutList { dst, .. } => {
                f.insert(key(*dst), Ty::Cons);
            }
            PutTuple { elements, dst } => {
                f.insert(key(*dst), Ty::Tuple(elements.len() as u32));
            }
            BsGetPosition { dst, .. } => {
                f.insert(key(*dst), Ty::Pos);
            }
            Test { src, ty, .. } => match ty {
                TypeTest::NonEmptyList => learn(&mut f, src, Ty::Cons),
                TypeTest::Tuple => learn(&mut f, src, Ty::Tuple(0)),
                _ => {}
            },
            TestArity { src, arity, .. } | IsTaggedTuple { src, arity, .. } => {
                learn(&mut f, src, Ty::Tuple(*arity))
            }
            _ => {}
        }
        f
    }

    /// `before` without the facts `ins` destroys: its destinations and marker slots, the X
    /// registers a call or `Wait` leaves undefined, and the Y slots of a frame it opens or closes.
    fn clobbered(&self, ins: &Instruction, before: &Facts) -> Facts {
        let mut f = before.clone();
        ins.for_each_reg(|r| match r {
            Reg::Write(d) => {
                f.remove(&key(*d));
            }
            Reg::Slot(y) => {
                f.remove(&Key::Y(y.0));
            }
            Reg::Read(_) => {}
        });
        match ins.x_effect().after {
            XAfter::Keep => {}
            XAfter::Only(n) => {
                // `Allocate` keeps the live registers' values; anything else replaces them.
                let keep = match ins {
                    Instruction::Allocate { .. } => n,
                    _ => 0,
                };
                f.retain(|k, _| !matches!(k, Key::X(r) if *r as usize >= keep));
            }
            XAfter::Define(n) => f.retain(|k, _| !matches!(k, Key::X(r) if (*r as usize) < n)),
        }
        if !matches!(
            ins.frame_effect(),
            FrameEffect::Keep | FrameEffect::NeedsFrame | FrameEffect::NeedsNone
        ) {
            f.retain(|k, _| !matches!(k, Key::Y(_)));
        }
        f
    }

    /// The facts at each branch target of `ins` (never its `FuncInfo`, which the caller skips).
    fn targets(&self, ins: &Instruction, before: &Facts, out: &mut Vec<(Label, Facts)>) {
        use Instruction::*;
        out.clear();
        if ins.is_handler_entry() {
            // A handler is entered from anywhere in the protected region, with no X register.
            ins.for_each_target(|t| out.push((t, Facts::new())));
            return;
        }
        let base = match ins {
            Wait { .. } | WaitTimeout { .. } => self.clobbered(ins, before),
            // A failing instruction may have written some of its destinations.
            _ => {
                let mut f = before.clone();
                ins.for_each_reg(|r| {
                    if let Reg::Write(d) = r {
                        f.remove(&key(*d));
                    }
                });
                f
            }
        };
        match ins {
            SelectTupleArity { src, fail, cases } => {
                out.push((*fail, base.clone()));
                for (arity, l) in cases {
                    let mut f = base.clone();
                    learn(&mut f, src, Ty::Tuple(*arity));
                    out.push((*l, f));
                }
            }
            _ => ins.for_each_target(|t| out.push((t, base.clone()))),
        }
    }
}

/// Records that register `src` holds a `t` (a tuple's known size only grows).
fn learn(f: &mut Facts, src: &Src, t: Ty) {
    let k = match src {
        Src::X(r) => Key::X(r.0),
        Src::Y(r) => Key::Y(r.0),
        _ => return,
    };
    let t = match (f.get(&k), t) {
        (Some(Ty::Tuple(m)), Ty::Tuple(n)) => Ty::Tuple((*m).max(n)),
        _ => t,
    };
    f.insert(k, t);
}

/// Checks the operand types over `f`'s code (whose targets and frames the caller already checked).
pub(super) fn check(m: &Module, f: &FunctionInfo) -> Result<(), String> {
    let start = f.start as usize;
    let body = &m.code[start..f.end as usize];
    let types = Types { m };
    let mut state: Vec<Option<Facts>> = vec![None; body.len()];
    state[1] = Some(Facts::new());
    let mut work = vec![1usize];
    let flow = |state: &mut Vec<Option<Facts>>, work: &mut Vec<usize>, at: usize, facts: Facts| {
        match &mut state[at] {
            Some(old) => {
                if meet_into(old, &facts) {
                    work.push(at);
                }
            }
            slot @ None => {
                *slot = Some(facts);
                work.push(at);
            }
        }
    };
    let mut targets = Vec::new();
    while let Some(i) = work.pop() {
        let ins = &body[i];
        let Some(before) = state[i].clone() else {
            continue;
        };
        types
            .check(ins, &before)
            .map_err(|e| format!("instruction {} ({ins:?}): {e}", start + i))?;
        if !ins.is_local_call() {
            types.targets(ins, &before, &mut targets);
            for (t, facts) in targets.drain(..) {
                let at = (t.0 - f.start) as usize;
                if at != 0 {
                    flow(&mut state, &mut work, at, facts);
                }
            }
        }
        if !ins.is_terminator() {
            let after = types.after(ins, &before);
            flow(&mut state, &mut work, i + 1, after);
        }
    }
    Ok(())
}
