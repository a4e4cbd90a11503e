//! Code generation, part 3: a clean-up pass over one function's finished instructions, before
//! its frame is compacted. It owns copy propagation and dead-move removal; it does not choose
//! registers (`regalloc.rs`) or lay out code (`codegen.rs`, `codegen_match.rs`).
//!
//! The generator keeps every variable in its own register (a Y slot when the function has a
//! frame), so a value that is only passed on to a call is first stored and then loaded again:
//!
//! ```text
//! Move x1 -> y0; Move x3 -> y2; Move y2 -> x0; Move y0 -> x1; Call 2
//! ```
//!
//! This pass makes two rewrites, repeated until nothing changes:
//! 1. **Copy propagation** (forward, within straight-line code): after `Move S -> D`, a read of
//!    `D` reads `S` instead while neither has been written since. The state is dropped at every
//!    label, call, frame change and any instruction with effects on registers beyond its
//!    operands, so the register read is always one the verifier knows to hold a value (the same
//!    rule as BEAM's `beam_validator`: only `x0` survives a call, `Allocate` keeps
//!    `x0..x[live-1]`). A move whose source already holds the destination's value goes away.
//! 2. **Dead moves** (backward liveness over the function's control flow): a `Move` whose
//!    destination is not read on any path before being overwritten is removed. Implicit reads
//!    count: a call reads its argument registers, `Allocate{live}` reads `x0..x[live-1]`,
//!    `Return` reads `x0`, raising `function_clause` reads the arguments.
//!
//! The example above becomes `Move x3 -> x0; Call 2` (as `erlc` would emit it).
//!
//! In functions with `try`/`catch` no Y store is removed: a handler reads the Y slots written
//! anywhere in the protected region, which plain control-flow liveness does not see (X registers
//! are unaffected: a handler starts with none). Instructions this pass does not model (the
//! exception markers, message receipt, `Send`) are treated as reading every register and as
//! clearing the copy state; a function with any of them keeps its `Allocate` where it is.

use crate::codegen::ModGen;
use krarup_bytecode::describe::{Kind, RegMut};
use krarup_bytecode::opcode::{Dst, Instruction, Src};
use krarup_bytecode::MAX_X_REGS;
use std::collections::HashMap;

/// X registers are numbered below this (the verifier's limit).
const X_COUNT: usize = MAX_X_REGS;

/// Largest liveness table (in 64-bit words) the pass builds; bigger functions are left alone.
const MAX_TABLE_WORDS: usize = 1 << 22;

/// A register: X registers `0..X_COUNT`, Y slot `n` as `X_COUNT + n`.
type Reg = usize;

fn src_reg(s: &Src) -> Option<Reg> {
    match s {
        Src::X(x) => Some(x.0 as usize),
        Src::Y(y) => Some(X_COUNT + y.0 as usize),
        _ => None,
    }
}

fn dst_reg(d: &Dst) -> Reg {
    match d {
        Dst::X(x) => x.0 as usize,
        Dst::Y(y) => X_COUNT + y.0 as usize,
    }
}

fn reg_src(r: Reg) -> Src {
    use krarup_bytecode::opcode::{XReg, YReg};
    if r < X_COUNT {
        Src::X(XReg(r as u16))
    } else {
        Src::Y(YReg((r - X_COUNT) as u16))
    }
}

/// How an instruction touches registers beyond its explicit operands, from the instruction's
/// own description (`Instruction::kind` and `x_effect`).
enum Effect {
    /// Only its operands: reads its sources, writes its destinations.
    Plain,
    /// A body call reading `x0..x[n-1]`: afterwards only `x0` holds a value.
    Call(usize),
    /// A tail call reading `x0..x[n-1]`; control leaves the function.
    TailCall(usize),
    /// `Return`: reads `x0`.
    Return,
    /// `Allocate{live}`: reads `x0..x[live-1]`, opens a fresh frame.
    Allocate(usize),
    /// `Deallocate`: the frame's Y slots are gone.
    Deallocate,
    /// Exception markers and message instructions, which this pass does not model: assumed to
    /// read every register and to change registers unseen.
    Opaque,
}

fn effect(ins: &Instruction) -> Effect {
    let reads = ins.x_effect().reads;
    match ins.kind() {
        Kind::Plain => Effect::Plain,
        Kind::Call => Effect::Call(reads),
        Kind::TailCall => Effect::TailCall(reads),
        Kind::Return => Effect::Return,
        Kind::Allocate => Effect::Allocate(reads),
        Kind::Deallocate => Effect::Deallocate,
        Kind::CatchMarker | Kind::Message => Effect::Opaque,
    }
}

/// A set of registers: X registers in `x`, Y slots in `y`.
#[derive(Clone, PartialEq, Eq)]
struct Set {
    words: Vec<u64>,
}

impl Set {
    fn new(nregs: usize) -> Set {
        Set {
            words: vec![0; nregs.div_ceil(64)],
        }
    }
    fn full(nregs: usize) -> Set {
        Set {
            words: vec![u64::MAX; nregs.div_ceil(64)],
        }
    }
    fn insert(&mut self, r: Reg) {
        if let Some(w) = self.words.get_mut(r / 64) {
            *w |= 1 << (r % 64);
        }
    }
    fn remove(&mut self, r: Reg) {
        if let Some(w) = self.words.get_mut(r / 64) {
            *w &= !(1 << (r % 64));
        }
    }
    fn contains(&self, r: Reg) -> bool {
        self.words
            .get(r / 64)
            .is_some_and(|w| w & (1 << (r % 64)) != 0)
    }
    fn union(&mut self, o: &Set) {
        for (a, b) in self.words.iter_mut().zip(&o.words) {
            *a |= *b;
        }
    }
    /// Removes every X register (all registers below `X_COUNT`).
    fn clear_x(&mut self) {
        for w in self.words.iter_mut().take(X_COUNT / 64) {
            *w = 0;
        }
    }
    /// Removes every Y slot.
    fn clear_y(&mut self) {
        for w in self.words.iter_mut().skip(X_COUNT / 64) {
            *w = 0;
        }
    }
}

/// Optimizes the function whose code is `g.code[start..]` (its `FuncInfo` at `start`, arity
/// `arity`), removing instructions and remapping labels and the line table.
pub(crate) fn optimize_function(g: &mut ModGen, start: usize, arity: usize) {
    // A handler reads the Y slots as they were wherever in the protected region the exception
    // happened, which the control-flow edges do not show: with `try`/`catch`, Y stores stay.
    let keep_y = g.code[start..].iter().any(|i| {
        matches!(
            i,
            Instruction::Try { .. }
                | Instruction::TryEnd { .. }
                | Instruction::TryCase { .. }
                | Instruction::Catch { .. }
                | Instruction::CatchEnd { .. }
        )
    });
    let mut max_y = 0;
    for ins in g.code[start..].iter_mut() {
        crate::regalloc::for_each_y(ins, &mut |y| max_y = max_y.max(y.0 as usize + 1));
    }
    let nregs = X_COUNT + max_y;
    if (g.code.len() - start).saturating_mul(nregs.div_ceil(64)) > MAX_TABLE_WORDS {
        return;
    }
    let opaque = g.code[start..]
        .iter()
        .any(|i| matches!(effect(i), Effect::Opaque));
    for _ in 0..4 {
        let pos = label_positions(g, start);
        let mut code = std::mem::take(&mut g.code);
        let body = &mut code[start..];
        let mut keep = propagate_copies(body, &pos);
        let live = liveness(body, &pos, arity, nregs);
        remove_dead_moves(body, &live, &mut keep, keep_y);
        g.code = code;
        let mut changed = !keep.iter().all(|k| *k);
        if changed {
            compact_tail(g, start, &keep);
        }
        if !opaque {
            let pos = label_positions(g, start);
            let mut code = std::mem::take(&mut g.code);
            let body = &mut code[start..];
            let live = liveness(body, &pos, arity, nregs);
            if hoist_allocates(body, &pos, &live) {
                // The hoisted instructions now run inside the frame: merge their results
                // straight into the registers they were moved to.
                changed = true;
                let live = liveness(body, &pos, arity, nregs);
                let mut keep = vec![true; body.len()];
                coalesce(body, &pos, &live, &mut keep);
                g.code = code;
                compact_tail(g, start, &keep);
            } else {
                g.code = code;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Relative position of each label bound inside the function starting at `start`.
fn label_positions(g: &ModGen, start: usize) -> HashMap<u32, usize> {
    let end = g.code.len();
    g.labels
        .iter()
        .enumerate()
        .filter_map(|(l, p)| {
            let p = (*p)? as usize;
            (start..end).contains(&p).then(|| (l as u32, p - start))
        })
        .collect()
}

/// Positions control can reach other than by falling through: the `FuncInfo`, the entry (calls
/// from anywhere), and every label an instruction of the function names. (Labels bound but never
/// named, such as a clause body reached only by falling into it, do not count.)
fn jump_targets(body: &[Instruction], pos: &HashMap<u32, usize>) -> Vec<bool> {
    let mut t = vec![false; body.len() + 1];
    t[0] = true;
    t[1.min(body.len())] = true;
    for ins in body {
        for l in ins.branch_targets() {
            if let Some(p) = pos.get(&l.0) {
                t[*p] = true;
            }
        }
    }
    t
}

/// True for instructions that only move or build data from registers, never raise, and do not
/// touch Y slots: they may run before or after an `Allocate` with the same effect.
fn hoistable(ins: &mut Instruction) -> bool {
    use Instruction::*;
    let mut y = false;
    crate::regalloc::for_each_y(ins, &mut |_| y = true);
    !y && matches!(
        ins,
        Move { .. }
            | GetList { .. }
            | GetHd { .. }
            | GetTl { .. }
            | GetTupleElement { .. }
            | PutList { .. }
            | PutTuple { .. }
    )
}

/// Moves each `Allocate` above the data moves just before it (BEAM allocates before extracting
/// a matched list's head and tail), so that those moves can write Y slots directly. The frame's
/// `live` becomes the X registers live at the new position, which must be `x0..x[m-1]` and no
/// more than before. Returns true if anything moved.
fn hoist_allocates(body: &mut [Instruction], pos: &HashMap<u32, usize>, live: &[Set]) -> bool {
    let labelled = jump_targets(body, pos);
    let mut changed = false;
    for a in 0..body.len() {
        let Instruction::Allocate { slots, live: k } = body[a] else {
            continue;
        };
        let mut j = a;
        while j > 0 && !labelled[j] && hoistable(&mut body[j - 1]) {
            j -= 1;
        }
        let Some((s, m)) = (j..a).find_map(|s| {
            contiguous_x(&live[s])
                .filter(|m| *m <= k as usize)
                .map(|m| (s, m))
        }) else {
            continue;
        };
        body[s..=a].rotate_right(1);
        body[s] = Instruction::Allocate {
            slots,
            live: m as u16,
        };
        changed = true;
    }
    changed
}

/// If the live set holds exactly `x0..x[m-1]` and no Y slot, `m`.
fn contiguous_x(live: &Set) -> Option<usize> {
    let mut m = 0;
    while m < X_COUNT && live.contains(m) {
        m += 1;
    }
    let rest = (m..live.words.len() * 64).any(|r| live.contains(r));
    (!rest).then_some(m)
}

/// Destination coalescing: `I -> a; ...; Move a -> D` where `a` is dead after the move and
/// nothing in between touches `a` or `D` becomes `I -> D` (within straight-line code).
fn coalesce(body: &mut [Instruction], pos: &HashMap<u32, usize>, live: &[Set], keep: &mut [bool]) {
    let labelled = jump_targets(body, pos);
    for m in 0..body.len() {
        if !keep[m] {
            continue;
        }
        let (a, d) = match &body[m] {
            Instruction::Move { src, dst } => match src_reg(src) {
                Some(a) => (a, dst_reg(dst)),
                None => continue,
            },
            _ => continue,
        };
        if live.get(m + 1).is_none_or(|l| l.contains(a)) {
            continue;
        }
        let mut found = None;
        let mut i = m;
        while i > 0 && !labelled[i] {
            i -= 1;
            if !keep[i] {
                continue;
            }
            let ins = &mut body[i];
            if !matches!(effect(ins), Effect::Plain) || !ins.branch_targets().is_empty() {
                break;
            }
            let (mut reads_a, mut writes_a, mut touches_d) = (false, 0, false);
            ins.for_each_reg_mut(|o| match o {
                RegMut::Read(s) => {
                    let r = src_reg(s);
                    reads_a |= r == Some(a);
                    touches_d |= r == Some(d);
                }
                RegMut::Write(w) => {
                    let r = dst_reg(w);
                    writes_a += usize::from(r == a);
                    touches_d |= r == d;
                }
                RegMut::Slot(_) => {}
            });
            if writes_a == 1 {
                // `I` may read `d` (it reads before it writes) but not write it too.
                let writes_d = {
                    let mut w = false;
                    ins.for_each_reg_mut(|o| {
                        if let RegMut::Write(x) = o {
                            w |= dst_reg(x) == d;
                        }
                    });
                    w
                };
                if !writes_d {
                    found = Some(i);
                }
                break;
            }
            if reads_a || writes_a > 0 || touches_d {
                break;
            }
        }
        let Some(i) = found else {
            continue;
        };
        let Instruction::Move { dst: new_dst, .. } = body[m].clone() else {
            continue;
        };
        body[i].for_each_reg_mut(|o| {
            if let RegMut::Write(w) = o {
                if dst_reg(w) == a {
                    *w = new_dst;
                }
            }
        });
        keep[m] = false;
    }
}

/// Forward copy propagation (see the module doc). Returns which instructions to keep (moves made
/// redundant are dropped).
///
/// The copy state flows along forward edges: at an instruction that branches, its state (after
/// its writes, which only removes facts) goes to the target, and where paths meet only the facts
/// true on all of them are kept. A target reached by a backward edge or a call (a loop head, the
/// function entry) starts with no facts.
fn propagate_copies(body: &mut [Instruction], pos: &HashMap<u32, usize>) -> Vec<bool> {
    let n = body.len();
    let mut keep = vec![true; n];
    let mut unknown = vec![false; n + 1];
    unknown[1.min(n)] = true;
    for (i, ins) in body.iter().enumerate() {
        let call = ins.is_local_call();
        for l in ins.branch_targets() {
            if let Some(&t) = pos.get(&l.0) {
                if call || t <= i {
                    unknown[t] = true;
                }
            }
        }
    }
    let mut pending: Vec<Option<Copies>> = vec![None; n + 1];
    // `root[r] = s`: register r holds the value that register s held when it was copied, and s
    // still holds it.
    let mut root: Copies = HashMap::new();
    for i in 0..n {
        let fall = i > 0 && !body[i - 1].is_terminator();
        let mut state = fall.then(|| std::mem::take(&mut root));
        if let Some(p) = pending[i].take() {
            state = Some(match state {
                Some(s) => meet(s, &p),
                None => p,
            });
        }
        root = if unknown[i] {
            HashMap::new()
        } else {
            state.unwrap_or_default()
        };
        keep[i] = copy_step(&mut body[i], &mut root);
        if !body[i].is_local_call() {
            for l in body[i].branch_targets() {
                if let Some(&t) = pos.get(&l.0) {
                    if t > i {
                        pending[t] = Some(match pending[t].take() {
                            Some(p) => meet(p, &root),
                            None => root.clone(),
                        });
                    }
                }
            }
        }
    }
    keep
}

/// Copy facts: register to the register whose value it holds.
type Copies = HashMap<Reg, Reg>;

/// The facts true in both states.
fn meet(mut a: Copies, b: &Copies) -> Copies {
    a.retain(|r, s| b.get(r) == Some(s));
    a
}

/// Rewrites the reads of `ins` through `root` and updates `root` past it; false if `ins` is a
/// move that has become redundant.
fn copy_step(ins: &mut Instruction, root: &mut Copies) -> bool {
    if !matches!(effect(ins), Effect::Plain) {
        // Calls, frame changes and unmodelled instructions: registers change unseen (a call's
        // argument moves are explicit instructions before it).
        root.clear();
        return true;
    }
    ins.for_each_reg_mut(|o| {
        if let RegMut::Read(s) = o {
            if let Some(r) = src_reg(s) {
                if let Some(&o) = root.get(&r) {
                    *s = reg_src(o);
                }
            }
        }
    });
    if let Instruction::Move { src, dst } = ins {
        let d = dst_reg(dst);
        if let Some(s) = src_reg(src) {
            if s == d || root.get(&d) == Some(&s) {
                return false;
            }
        }
    }
    // Writes kill what they overwrite.
    let mut writes = Vec::new();
    ins.for_each_reg_mut(|o| {
        if let RegMut::Write(d) = o {
            writes.push(dst_reg(d));
        }
    });
    for w in &writes {
        root.remove(w);
        root.retain(|_, s| s != w);
    }
    if let Instruction::Move { src, dst } = ins {
        if let Some(s) = src_reg(src) {
            root.insert(dst_reg(dst), s);
        }
    }
    true
}

/// Registers live on entry to each instruction (backward dataflow over the function's control
/// flow, implicit reads included).
fn liveness(
    body: &mut [Instruction],
    pos: &HashMap<u32, usize>,
    arity: usize,
    nregs: usize,
) -> Vec<Set> {
    let n = body.len();
    let mut live_in: Vec<Set> = vec![Set::new(nregs); n];
    let succ: Vec<Vec<Option<usize>>> = body
        .iter()
        .enumerate()
        .map(|(i, ins)| {
            let mut s: Vec<Option<usize>> = Vec::new();
            if !ins.is_local_call() {
                for l in ins.branch_targets() {
                    s.push(pos.get(&l.0).copied());
                }
            }
            if !ins.is_terminator() && i + 1 < n {
                s.push(Some(i + 1));
            }
            s
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for i in (0..n).rev() {
            let mut out = Set::new(nregs);
            for s in &succ[i] {
                match s {
                    // Raising function_clause reports the arguments.
                    Some(0) => (0..arity).for_each(|r| out.insert(r)),
                    Some(j) => out.union(&live_in[*j]),
                    // A label outside the function: assume everything is read.
                    None => out = Set::full(nregs),
                }
            }
            let new = transfer(&mut body[i], out, nregs);
            if new != live_in[i] {
                live_in[i] = new;
                changed = true;
            }
        }
    }
    live_in
}

/// Live registers before `ins` given those live after it.
fn transfer(ins: &mut Instruction, mut live: Set, nregs: usize) -> Set {
    match effect(ins) {
        Effect::Plain => {
            // A write on the fall-through path may not happen on the branch (a failed test
            // writes nothing), so an instruction that can branch kills nothing.
            let kills = ins.branch_targets().is_empty();
            let mut reads = Vec::new();
            ins.for_each_reg_mut(|o| match o {
                RegMut::Write(d) => {
                    if kills {
                        live.remove(dst_reg(d))
                    }
                }
                RegMut::Read(s) => {
                    if let Some(r) = src_reg(s) {
                        reads.push(r);
                    }
                }
                RegMut::Slot(_) => {}
            });
            reads.into_iter().for_each(|r| live.insert(r));
            live
        }
        Effect::Call(k) => {
            live.clear_x();
            (0..k).for_each(|r| live.insert(r));
            live
        }
        Effect::TailCall(k) => {
            let mut s = Set::new(nregs);
            (0..k).for_each(|r| s.insert(r));
            s
        }
        Effect::Return => {
            let mut s = Set::new(nregs);
            s.insert(0);
            s
        }
        Effect::Allocate(k) => {
            let mut s = Set::new(nregs);
            (0..k).for_each(|r| s.insert(r));
            s
        }
        Effect::Deallocate => {
            live.clear_y();
            live
        }
        Effect::Opaque => Set::full(nregs),
    }
}

/// Marks moves whose destination is dead afterwards for removal.
fn remove_dead_moves(body: &[Instruction], live_in: &[Set], keep: &mut [bool], keep_y: bool) {
    for (i, ins) in body.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if let Instruction::Move { dst, .. } = ins {
            if keep_y && matches!(dst, Dst::Y(_)) {
                continue;
            }
            // A move never branches: what is live after it is live into the next instruction.
            let dead = match live_in.get(i + 1) {
                Some(after) => !after.contains(dst_reg(dst)),
                None => false,
            };
            if dead {
                keep[i] = false;
            }
        }
    }
}

/// Drops the instructions of `g.code[start..]` whose `keep` entry is false, remapping the labels
/// and line-table entries that point into that range (a label of a dropped instruction moves to
/// the next kept one).
fn compact_tail(g: &mut ModGen, start: usize, keep: &[bool]) {
    let n = keep.len();
    let mut new_index = Vec::with_capacity(n + 1);
    let mut k = start as u32;
    for &kept in keep {
        new_index.push(k);
        if kept {
            k += 1;
        }
    }
    new_index.push(k);
    let map = |p: u32| -> u32 {
        if (p as usize) < start {
            p
        } else {
            new_index[(p as usize - start).min(n)]
        }
    };
    for l in g.labels.iter_mut().flatten() {
        *l = map(*l);
    }
    let mut lines: Vec<(u32, u32)> = Vec::with_capacity(g.lines.len());
    for &(pc, line) in &g.lines {
        let pc = map(pc);
        match lines.last_mut() {
            Some(last) if last.0 == pc => last.1 = line,
            _ => lines.push((pc, line)),
        }
    }
    g.lines = lines;
    let mut i = 0;
    g.code.retain(|_| {
        let kept = i < start || keep[i - start];
        i += 1;
        kept
    });
}

#[cfg(test)]
mod tests {
    use krarup_bytecode::module::Module;
    use krarup_bytecode::opcode::{Dst, Instruction, Src, XReg};

    fn module(src: &str) -> Module {
        let m = match crate::compile(src, "t.erl") {
            Ok(c) => c.module,
            Err(d) => panic!("compile failed: {d:?}"),
        };
        krarup_bytecode::verify::verify(&m).expect("bytecode verifies");
        m
    }

    fn code_of<'m>(m: &'m Module, name: &str, arity: u8) -> &'m [Instruction] {
        m.function_code(name, arity).expect("function exists")
    }

    #[test]
    fn a_value_only_passed_to_the_call_gets_no_y_slot() {
        let m = module(
            "-module(t).\n-export([app/2]).\napp([], L) -> L;\napp([H | T], L) -> [H | app(T, L)].\n",
        );
        let code = code_of(&m, "app", 2);
        // As erlc: the frame opens before the cell is taken apart, the head goes straight to its
        // Y slot and the tail to x0, and the result is consed from x0.
        let body: Vec<&Instruction> = code
            .iter()
            .skip_while(|i| !matches!(i, Instruction::Allocate { .. }))
            .take(6)
            .collect();
        assert!(
            matches!(
                body[..],
                [
                    Instruction::Allocate { slots: 1, live: 2 },
                    Instruction::GetList {
                        head: Dst::Y(_),
                        tail: Dst::X(XReg(0)),
                        ..
                    },
                    Instruction::Call { arity: 2, .. },
                    Instruction::PutList {
                        tail: Src::X(XReg(0)),
                        ..
                    },
                    Instruction::Deallocate { .. },
                    Instruction::Return,
                ]
            ),
            "{code:#?}"
        );
        assert!(!code.iter().any(|i| matches!(
            i,
            Instruction::Move { dst: Dst::Y(_), .. } | Instruction::Move { src: Src::Y(_), .. }
        )));
    }

    #[test]
    fn arguments_are_read_where_they_arrived() {
        let m = module("-module(t).\n-export([s/2]).\ns({A, B}, C) -> A + B + C;\ns(X, _) -> X.\n");
        let code = code_of(&m, "s", 2);
        // No parameter is copied to a high register: the tree, the body and the fail path read
        // x0 and x1 in place, and the second clause returns x0 as it is.
        assert!(!code.iter().any(|i| matches!(
            i,
            Instruction::Move {
                src: Src::X(XReg(0 | 1)),
                ..
            }
        )));
    }

    #[test]
    fn fib_adds_the_second_result_from_x0() {
        let m = module(
            "-module(t).\n-export([fib/1]).\nfib(N) when N < 2 -> N;\nfib(N) -> fib(N - 1) + fib(N - 2).\n",
        );
        let code = code_of(&m, "fib", 1);
        assert!(code.iter().any(|i| matches!(
            i,
            Instruction::Arith {
                b: Src::X(XReg(0)),
                ..
            }
        )));
        let moves = code
            .iter()
            .filter(|i| matches!(i, Instruction::Move { .. }))
            .count();
        assert_eq!(moves, 2, "{code:#?}");
    }

    #[test]
    fn a_value_read_after_a_branch_still_comes_from_its_slot() {
        // X is needed after the call on both paths of the case: it must stay in a Y slot and be
        // read from there (x registers do not survive calls).
        let m = module(
            "-module(t).\n-export([f/1, g/1]).\nf(X) -> Y = g(X), case Y of a -> {X, Y}; _ -> X end.\ng(V) -> V.\n",
        );
        let code = code_of(&m, "f", 1);
        let call = code
            .iter()
            .position(|i| matches!(i, Instruction::Call { .. }))
            .expect("call");
        assert!(code[call..].iter().all(|i| match i {
            Instruction::PutTuple { elements, .. } => matches!(elements[0], Src::Y(_)),
            _ => true,
        }));
    }

    #[test]
    fn a_slot_read_only_by_a_handler_is_still_written() {
        // Y is read only in the catch clause; the store before the `try` must stay.
        let m = module(
            "-module(t).\n-export([f/1, g/1]).\n\
             f(X) -> Y = X + 1, try g(Y) of V -> V catch _:_ -> {caught, Y} end.\n\
             g(V) -> V.\n",
        );
        let code = code_of(&m, "f", 1);
        let mut written = std::collections::HashSet::new();
        for i in code {
            match i {
                Instruction::Move { dst: Dst::Y(y), .. }
                | Instruction::Arith { dst: Dst::Y(y), .. } => {
                    written.insert(y.0);
                }
                _ => {}
            }
        }
        for i in code {
            if let Instruction::PutTuple { elements, .. } = i {
                for e in elements {
                    if let Src::Y(y) = e {
                        assert!(written.contains(&y.0), "y{} never written: {code:#?}", y.0);
                    }
                }
            }
        }
    }
}
