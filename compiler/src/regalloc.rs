//! Register allocation: where each core variable of a function lives. The policy is deliberately
//! simple and obviously correct (see docs/compiler-backend.md):
//! - A function that needs a stack frame (it makes a non-tail call, receives, or uses `try`/`catch`)
//!   keeps every variable `v` in Y slot `v`. Calls clobber X registers; Y slots survive them.
//! - Any other function keeps variable `v` in X register `X_BASE + v`, above every argument register,
//!   so setting up call arguments in `x0..` never overwrites a live variable.
//!
//! X registers below `X_BASE` are scratch: call arguments, return values, guard temporaries.

use crate::core::{Block, CClause, CExpr, CFun, Callee, Fail, GExpr, Operand, Pat, SegSize, VarId};
use krarup_bytecode::opcode::{Dst, Src, XReg, YReg};
use std::collections::HashMap;

/// First X register used for variables in frameless functions.
pub const X_BASE: u32 = 256;
/// Registers must be below this (the verifier's limit).
pub const X_LIMIT: u32 = 1024;

/// Where a function's variables live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// No frame: variables in X registers from [`X_BASE`].
    None,
    /// A frame with this many Y slots: variable `v` in `y[v]`.
    Slots(u16),
}

impl Frame {
    /// Chooses the frame for a function.
    pub fn for_fun(f: &CFun) -> Frame {
        if needs_frame(&f.body, true) || f.num_vars + X_BASE >= X_LIMIT {
            // At least one slot, so `dealloc == 0` always means "no frame".
            Frame::Slots(f.num_vars.clamp(1, u16::MAX as u32) as u16)
        } else {
            Frame::None
        }
    }

    /// The register of variable `v`.
    pub fn loc(self, v: VarId) -> Dst {
        match self {
            Frame::None => Dst::X(XReg((X_BASE + v) as u16)),
            Frame::Slots(_) => Dst::Y(YReg(v as u16)),
        }
    }

    /// The register of variable `v` as a source operand.
    pub fn src(self, v: VarId) -> Src {
        match self.loc(v) {
            Dst::X(x) => Src::X(x),
            Dst::Y(y) => Src::Y(y),
        }
    }

    /// Number of Y slots to deallocate (0 without a frame).
    pub fn slots(self) -> u16 {
        match self {
            Frame::None => 0,
            Frame::Slots(n) => n,
        }
    }
}

/// The statement of `b` that is in tail position when `b` is, if any: the last non-export statement
/// when it defines the returned variable.
pub fn tail_index(b: &Block) -> Option<usize> {
    let i = b.stmts.iter().rposition(|s| !s.export)?;
    match b.ret {
        crate::core::Operand::Var(v) if b.stmts[i].var == v => Some(i),
        _ => None,
    }
}

/// True if the block (in tail position or not) contains something that needs a frame.
pub fn needs_frame(b: &Block, tail: bool) -> bool {
    let t = if tail { tail_index(b) } else { None };
    b.stmts.iter().enumerate().any(|(i, s)| {
        let in_tail = t == Some(i);
        match &s.expr {
            CExpr::Call(..) => !in_tail,
            CExpr::Receive { .. } | CExpr::Try { .. } | CExpr::Catch { .. } => true,
            CExpr::Send(..) => false,
            CExpr::Case { clauses, .. } => clauses.iter().any(|c| needs_frame(&c.body, in_tail)),
            _ => false,
        }
    })
}

/// The variables a pattern binds (`Var` and `Alias` names, at any depth).
pub fn pat_vars(p: &Pat, out: &mut Vec<VarId>) {
    match p {
        Pat::Var(v) => out.push(*v),
        Pat::Alias(v, q) => {
            out.push(*v);
            pat_vars(q, out);
        }
        Pat::Tuple(ps) => ps.iter().for_each(|q| pat_vars(q, out)),
        Pat::Cons(h, t) => {
            pat_vars(h, out);
            pat_vars(t, out);
        }
        Pat::Map(kvs) => kvs.iter().for_each(|(_, q)| pat_vars(q, out)),
        Pat::Bin(segs) => segs.iter().for_each(|s| pat_vars(&s.value, out)),
        Pat::Wild | Pat::Lit(_) => {}
    }
}

/// True if a function may defer its frame to the clause bodies that need one: its body is a single
/// `case` over the arguments in tail position (the function head), so matching and guards run on
/// X registers (variables in `x[X_BASE + v]`) and each clause body that needs a frame allocates
/// its own (BEAM does the same).
pub fn defers_frame(f: &CFun) -> bool {
    f.num_vars + X_BASE < X_LIMIT
        && f.params.len() < 100
        && f.body.stmts.len() == 1
        && tail_index(&f.body) == Some(0)
        && matches!(
            &f.body.stmts[0].expr,
            CExpr::Case {
                fail: Fail::FunctionClause,
                tree: Some(_),
                clauses,
                ..
            } if clauses.iter().all(|c| {
                // Parameters plus staged pattern variables must fit below `X_BASE`.
                let mut vs = Vec::new();
                c.pats.iter().for_each(|p| pat_vars(p, &mut vs));
                f.params.len() + vs.len() < 200
            })
        )
}

/// How many times each variable is read in a function body (patterns, guards, failure values,
/// statements and block results). Used to place single-use call arguments straight into the
/// argument registers.
pub fn use_counts(b: &Block) -> HashMap<VarId, u32> {
    let mut c = HashMap::new();
    count_block(b, &mut c);
    c
}

fn op(o: &Operand, c: &mut HashMap<VarId, u32>) {
    if let Operand::Var(v) = o {
        *c.entry(*v).or_insert(0) += 1;
    }
}

fn count_block(b: &Block, c: &mut HashMap<VarId, u32>) {
    for s in &b.stmts {
        count_expr(&s.expr, c);
    }
    op(&b.ret, c);
}

fn count_pat(p: &Pat, c: &mut HashMap<VarId, u32>) {
    match p {
        Pat::Tuple(ps) => ps.iter().for_each(|p| count_pat(p, c)),
        Pat::Cons(h, t) => {
            count_pat(h, c);
            count_pat(t, c);
        }
        Pat::Map(kvs) => kvs.iter().for_each(|(k, p)| {
            op(k, c);
            count_pat(p, c);
        }),
        Pat::Bin(segs) => segs.iter().for_each(|s| {
            match &s.size {
                SegSize::Op(o) => op(o, c),
                SegSize::Guard(g) => count_g(g, c),
                _ => {}
            }
            count_pat(&s.value, c);
        }),
        Pat::Alias(_, p) => count_pat(p, c),
        Pat::Wild | Pat::Var(_) | Pat::Lit(_) => {}
    }
}

fn count_g(g: &GExpr, c: &mut HashMap<VarId, u32>) {
    match g {
        GExpr::Op(o) => op(o, c),
        GExpr::Tuple(es) | GExpr::Bif(_, es) => es.iter().for_each(|e| count_g(e, c)),
        GExpr::Cons(a, b) | GExpr::Arith(_, a, b) | GExpr::AndAlso(a, b) | GExpr::OrElse(a, b) => {
            count_g(a, c);
            count_g(b, c);
        }
        GExpr::Unary(_, a) | GExpr::IsRecord(a, _, _) => count_g(a, c),
        GExpr::RecordField { src, .. } => count_g(src, c),
        GExpr::Binary(segs) => segs.iter().for_each(|s| {
            count_g(&s.value, c);
            if let SegSize::Guard(n) = &s.size {
                count_g(n, c);
            }
        }),
        GExpr::MapPut(_, m, kvs) => {
            count_g(m, c);
            kvs.iter().for_each(|(k, v)| {
                count_g(k, c);
                count_g(v, c);
            });
        }
    }
}

fn count_clauses(cs: &[CClause], c: &mut HashMap<VarId, u32>) {
    for cl in cs {
        cl.pats.iter().for_each(|p| count_pat(p, c));
        if let Some(g) = &cl.guard {
            g.0.iter().flatten().for_each(|e| count_g(e, c));
        }
        count_block(&cl.body, c);
    }
}

fn count_fail(f: &Fail, c: &mut HashMap<VarId, u32>) {
    match f {
        Fail::CaseClause(o)
        | Fail::Badmatch(o)
        | Fail::TryClause(o)
        | Fail::Badrecord(o)
        | Fail::Error(o) => op(o, c),
        Fail::Reraise(a, b, d) => {
            op(a, c);
            op(b, c);
            op(d, c);
        }
        Fail::IfClause | Fail::FunctionClause => {}
    }
}

fn count_expr(e: &CExpr, c: &mut HashMap<VarId, u32>) {
    match e {
        CExpr::Value(o) | CExpr::Unary(_, o) | CExpr::Error(o) => op(o, c),
        CExpr::Tuple(os) | CExpr::Bif(_, os) => os.iter().for_each(|o| op(o, c)),
        CExpr::Cons(a, b) | CExpr::Arith(_, a, b) | CExpr::Send(a, b) => {
            op(a, c);
            op(b, c);
        }
        CExpr::Call(callee, args) => {
            match callee {
                Callee::Fun(f) => op(f, c),
                Callee::Apply(m, f) => {
                    op(m, c);
                    op(f, c);
                }
                _ => {}
            }
            args.iter().for_each(|o| op(o, c));
        }
        CExpr::MakeFun { free, .. } => free.iter().for_each(|o| op(o, c)),
        CExpr::SelfFun => {}
        CExpr::Binary(segs) => segs.iter().for_each(|s| {
            op(&s.value, c);
            if let SegSize::Op(o) = &s.size {
                op(o, c);
            }
        }),
        CExpr::MapPut { map, pairs, .. } => {
            op(map, c);
            pairs.iter().for_each(|(k, v)| {
                op(k, c);
                op(v, c);
            });
        }
        CExpr::Case {
            args,
            clauses,
            fail,
            ..
        } => {
            for a in args {
                *c.entry(*a).or_insert(0) += 1;
            }
            count_clauses(clauses, c);
            count_fail(fail, c);
        }
        CExpr::Receive { clauses, after, .. } => {
            count_clauses(clauses, c);
            if let Some((t, b)) = after {
                op(t, c);
                count_block(b, c);
            }
        }
        CExpr::Try {
            body, of, handler, ..
        } => {
            count_block(body, c);
            count_block(of, c);
            count_block(handler, c);
        }
        CExpr::Catch { body, .. } => count_block(body, c),
        CExpr::Raise(a, b, d) => {
            op(a, c);
            op(b, c);
            op(d, c);
        }
    }
}

/// True for computations that write only their destination register (no call, no clobbered X
/// registers), so a value computed into an argument register before them survives.
pub fn writes_only_dst(e: &CExpr) -> bool {
    matches!(
        e,
        CExpr::Value(_)
            | CExpr::Tuple(_)
            | CExpr::Cons(..)
            | CExpr::Bif(..)
            | CExpr::Arith(..)
            | CExpr::Unary(..)
            | CExpr::MakeFun { .. }
            | CExpr::SelfFun
            | CExpr::Binary(_)
            | CExpr::MapPut { .. }
    )
}

/// For each statement `i` of `b`, the index of the first statement after it that is not a
/// [`writes_only_dst`] one (or is exported); `b.stmts.len()` if none. Computed once per block, so
/// [`arg_register`] does not rescan a long run of arithmetic for every statement.
pub fn next_barriers(b: &Block) -> Vec<usize> {
    let n = b.stmts.len();
    let mut next = vec![n; n];
    for i in (0..n.saturating_sub(1)).rev() {
        let s = &b.stmts[i + 1];
        next[i] = if !s.export && writes_only_dst(&s.expr) {
            next[i + 1]
        } else {
            i + 1
        };
    }
    next
}

/// If statement `i` of `b` computes a value read once, as an argument of a call that follows it
/// with only [`writes_only_dst`] statements in between, the argument register to compute it in.
/// `next` is [`next_barriers`] of `b`.
pub fn arg_register(
    b: &Block,
    i: usize,
    next: &[usize],
    counts: &HashMap<VarId, u32>,
) -> Option<u16> {
    let s = &b.stmts[i];
    if s.export || counts.get(&s.var) != Some(&1) {
        return None;
    }
    if !writes_only_dst(&s.expr) && !matches!(s.expr, CExpr::Call(..)) {
        return None;
    }
    let j = *next.get(i)?;
    let CExpr::Call(callee, args) = &b.stmts.get(j)?.expr else {
        return None;
    };
    let me = Operand::Var(s.var);
    if let Some(k) = args.iter().position(|a| *a == me) {
        return Some(k as u16);
    }
    let n = args.len() as u16;
    match callee {
        Callee::Fun(f) if *f == me => Some(n),
        Callee::Apply(m, _) if *m == me => Some(n),
        Callee::Apply(_, f) if *f == me => Some(n + 1),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Frame compaction
// ---------------------------------------------------------------------------------------------

use krarup_bytecode::describe::RegMut;
use krarup_bytecode::opcode::{Instruction, Label};

/// Calls `f` on every Y register an instruction names (through the instruction's own operand
/// description), catch-marker slots included.
pub fn for_each_y(ins: &mut Instruction, f: &mut dyn FnMut(&mut YReg)) {
    ins.for_each_reg_mut(|r| match r {
        RegMut::Read(Src::Y(y)) | RegMut::Write(Dst::Y(y)) | RegMut::Slot(y) => f(y),
        _ => {}
    });
}

/// Shrinks a function's frame: Y slots whose live ranges (first to last mention in code order,
/// stretched over the backward jumps of `receive` loops) do not overlap share a slot. Catch
/// markers keep their relative order above every other slot, because the VM takes the highest
/// marker as the innermost. `target` resolves a label to an instruction index; `base` is the
/// index of `code[0]`.
pub fn compact_frame(code: &mut [Instruction], base: u32, target: &dyn Fn(Label) -> u32) {
    let mut first: HashMap<u16, usize> = HashMap::new();
    let mut last: HashMap<u16, usize> = HashMap::new();
    let mut tags: Vec<u16> = Vec::new();
    for (i, ins) in code.iter_mut().enumerate() {
        if let Instruction::Try { y, .. } | Instruction::Catch { y, .. } = ins {
            if !tags.contains(&y.0) {
                tags.push(y.0);
            }
        }
        for_each_y(ins, &mut |y| {
            first.entry(y.0).or_insert(i);
            last.insert(y.0, i);
        });
    }
    // Backward jumps: a slot live into a loop head stays live to the jump.
    let back: Vec<(usize, usize)> = code
        .iter()
        .enumerate()
        .flat_map(|(i, ins)| {
            ins.branch_targets()
                .into_iter()
                .map(move |l| (i, l))
                .collect::<Vec<_>>()
        })
        .filter_map(|(i, l)| {
            let t = target(l).checked_sub(base)? as usize;
            (t <= i).then_some((t, i))
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for &(t, i) in &back {
            for (y, f) in first.iter() {
                let l = last.get_mut(y).expect("every first has a last");
                if *f < t && *l >= t && *l < i {
                    *l = i;
                    changed = true;
                }
            }
        }
    }
    // Linear scan over the non-marker slots.
    let mut order: Vec<u16> = first
        .keys()
        .copied()
        .filter(|y| !tags.contains(y))
        .collect();
    order.sort_by_key(|y| (first[y], *y));
    let mut assign: HashMap<u16, u16> = HashMap::new();
    let mut slot_free_after: Vec<usize> = Vec::new();
    for y in order {
        let start = first[&y];
        let slot = match slot_free_after.iter().position(|&end| end < start) {
            Some(s) => s,
            None => {
                slot_free_after.push(0);
                slot_free_after.len() - 1
            }
        };
        slot_free_after[slot] = last[&y];
        assign.insert(y, slot as u16);
    }
    tags.sort_unstable();
    let mut n = slot_free_after.len() as u16;
    for t in tags {
        assign.insert(t, n);
        n += 1;
    }
    let slots = n.max(1);
    for ins in code.iter_mut() {
        for_each_y(ins, &mut |y| {
            if let Some(s) = assign.get(&y.0) {
                y.0 = *s;
            }
        });
        match ins {
            Instruction::Allocate { slots: s, .. } | Instruction::Deallocate { slots: s } => {
                *s = slots
            }
            Instruction::CallLast { dealloc, .. }
            | Instruction::CallExtLast { dealloc, .. }
            | Instruction::CallFunLast { dealloc, .. }
            | Instruction::ApplyLast { dealloc, .. }
                if *dealloc != 0 =>
            {
                *dealloc = slots;
            }
            _ => {}
        }
    }
}
