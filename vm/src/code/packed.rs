//! The packed instruction form the dispatch loop runs: a small `Copy` enum for the hot
//! instructions (moves, calls, returns, frames, arithmetic, comparisons, list and tuple access),
//! with operands pre-resolved (atoms, integers and literals become entries of a per-version
//! constant table) and `Slow` for everything else, which runs the readable instruction at the
//! same index. Built once per module version when it is installed (`code_table`).
//!
//! The commonest shapes get variants of their own, with the operand kinds and the operator fixed
//! in the opcode (as BEAM's loader specialises `move`, `is_lt` or `gc_bif` by operand type), so
//! the hot path decodes nothing: moves by source and destination kind, `+`/`-` of a small
//! constant, comparisons against a small integer or an immediate, `Deallocate` + `Return`. A
//! specialised variant that meets anything outside its fast path runs the readable instruction
//! (the original, unspecialised one) instead, so it never needs its own slow path. Instruction
//! indices do not change, so labels and return addresses stay valid.

use crate::code::LoadedModule;
use crate::process::CodePtr;
use crate::term::Term;
use krarup_bytecode::opcode::{ArithOp, CmpOp, Dst, Instruction, Src, TypeTest};
use std::collections::HashMap;

/// A source operand in one word: kind in the top two bits (X, Y, constant), index below.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct Opnd(u32);

const KIND_SHIFT: u32 = 30;
const INDEX_MASK: u32 = (1 << KIND_SHIFT) - 1;
/// `Opnd` kind: X register.
pub const OPND_X: u32 = 0;
/// `Opnd` kind: Y slot.
pub const OPND_Y: u32 = 1;
/// `Opnd` kind: entry of the constant table.
pub const OPND_CONST: u32 = 2;

impl Opnd {
    #[inline(always)]
    pub fn kind(self) -> u32 {
        self.0 >> KIND_SHIFT
    }
    #[inline(always)]
    pub fn index(self) -> usize {
        (self.0 & INDEX_MASK) as usize
    }
}

/// "No fail label" in a packed instruction.
pub const NO_FAIL: u32 = u32::MAX;

/// A packed instruction (see the readable `Instruction` of the same name for the meaning).
#[derive(Copy, Clone, Debug)]
pub enum Op {
    /// Run the readable instruction at this index.
    Slow,
    MoveXX(u16, u16),
    MoveXY(u16, u16),
    MoveYX(u16, u16),
    MoveYY(u16, u16),
    MoveCX(Term, u16),
    MoveCY(Term, u16),
    Init(Dst),
    Allocate {
        slots: u16,
        live: u16,
    },
    Deallocate {
        slots: u16,
    },
    Return,
    /// `Deallocate` followed by `Return` (the next instruction).
    DeallocateReturn,
    /// A local call; `ret` is the return address (the next instruction of this version).
    Call {
        arity: u8,
        target: u32,
        ret: CodePtr,
    },
    CallLast {
        arity: u8,
        target: u32,
        dealloc: u16,
    },
    CallOnly {
        arity: u8,
        target: u32,
    },
    Jump(u32),
    /// `a + imm` (also `a - c` as `imm = -c`) with `a` and the result small integers.
    AddSmall {
        a: Opnd,
        imm: i64,
        dst: Dst,
    },
    /// `a + b` with both small integers and a small result.
    Add {
        a: Opnd,
        b: Opnd,
        dst: Dst,
    },
    Arith {
        op: ArithOp,
        a: Opnd,
        b: Opnd,
        dst: Dst,
        fail: u32,
    },
    /// `a < imm` for a small integer `a` (jump to `fail` when false).
    LtSmall {
        a: Opnd,
        imm: i64,
        fail: u32,
    },
    /// `a >= imm` for a small integer `a`.
    GeSmall {
        a: Opnd,
        imm: i64,
        fail: u32,
    },
    /// `a =:= c` for an immediate `c` (equal exactly when the words are).
    EqImm {
        a: Opnd,
        c: Term,
        fail: u32,
    },
    /// `a =/= c` for an immediate `c`.
    NeImm {
        a: Opnd,
        c: Term,
        fail: u32,
    },
    Cmp {
        op: CmpOp,
        a: Opnd,
        b: Opnd,
        fail: u32,
    },
    IsNonEmptyList {
        src: Opnd,
        fail: u32,
    },
    /// `IsNonEmptyList` of an X register.
    IsNonEmptyListX {
        src: u16,
        fail: u32,
    },
    Test {
        ty: TypeTest,
        src: Opnd,
        fail: u32,
    },
    GetList {
        src: Opnd,
        head: Dst,
        tail: Dst,
    },
    /// `GetList` of an X register.
    GetListX {
        src: u16,
        head: Dst,
        tail: Dst,
    },
    PutList {
        head: Opnd,
        tail: Opnd,
        dst: Dst,
    },
    GetTupleElement {
        src: Opnd,
        index: u32,
        dst: Dst,
    },
    TestArity {
        src: Opnd,
        arity: u32,
        fail: u32,
    },
    IsTaggedTuple {
        src: Opnd,
        arity: u32,
        tag: Term,
        fail: u32,
    },
    LoopRec {
        fail: u32,
        dst: Dst,
    },
    LoopRecEnd(u32),
}

/// The packed code of one module version.
pub struct Packed {
    pub ops: Vec<Op>,
    /// Constant operands (atoms, integers, `[]`, literals of the module's literal area).
    pub consts: Vec<Term>,
}

/// Packs `m`'s code, to be installed as module version `version`. Operands were checked by the
/// verifier; anything out of range packs as `Slow`, whose handler reports it.
pub fn pack(m: &LoadedModule, version: u32) -> Packed {
    let mut consts = Consts::default();
    let mut ops = Vec::with_capacity(m.module.code.len());
    let code = &m.module.code;
    for (i, ins) in code.iter().enumerate() {
        let ret = CodePtr::new(version, i as u32 + 1);
        let op =
            pack_one(m, ins, ret, &mut consts).map_or(Op::Slow, |op| specialise(op, &consts.terms));
        let op = match (op, code.get(i + 1)) {
            (Op::Deallocate { .. }, Some(Instruction::Return)) => Op::DeallocateReturn,
            (op, _) => op,
        };
        ops.push(op);
    }
    Packed {
        ops,
        consts: consts.terms,
    }
}

/// The constant table being built, deduplicated by word.
#[derive(Default)]
struct Consts {
    terms: Vec<Term>,
    index: HashMap<u64, u32>,
}

/// Packs one instruction; `ret` is the address after it (a `Call`'s return address).
fn pack_one(m: &LoadedModule, ins: &Instruction, ret: CodePtr, consts: &mut Consts) -> Option<Op> {
    use Instruction as I;
    let mut o = |s: &Src| opnd(m, *s, consts);
    let fail = |l: &Option<krarup_bytecode::opcode::Label>| l.map_or(NO_FAIL, |l| l.0);
    Some(match ins {
        I::Move { src, dst } => match (o(src)?, *dst) {
            (s, Dst::X(d)) if s.kind() == OPND_X => Op::MoveXX(s.index() as u16, d.0),
            (s, Dst::Y(d)) if s.kind() == OPND_X => Op::MoveXY(s.index() as u16, d.0),
            (s, Dst::X(d)) if s.kind() == OPND_Y => Op::MoveYX(s.index() as u16, d.0),
            (s, Dst::Y(d)) if s.kind() == OPND_Y => Op::MoveYY(s.index() as u16, d.0),
            (s, Dst::X(d)) => Op::MoveCX(*consts.terms.get(s.index())?, d.0),
            (s, Dst::Y(d)) => Op::MoveCY(*consts.terms.get(s.index())?, d.0),
        },
        I::Init { dst } => Op::Init(*dst),
        I::Allocate { slots, live } => Op::Allocate {
            slots: *slots,
            live: *live,
        },
        I::Deallocate { slots } => Op::Deallocate { slots: *slots },
        I::Return => Op::Return,
        I::Call { arity, target } => Op::Call {
            arity: *arity,
            target: target.0,
            ret,
        },
        I::CallLast {
            arity,
            target,
            dealloc,
        } => Op::CallLast {
            arity: *arity,
            target: target.0,
            dealloc: *dealloc,
        },
        I::CallOnly { arity, target } => Op::CallOnly {
            arity: *arity,
            target: target.0,
        },
        I::Jump { target } => Op::Jump(target.0),
        I::LoopRec { fail, dst } => Op::LoopRec {
            fail: fail.0,
            dst: *dst,
        },
        I::LoopRecEnd { target } => Op::LoopRecEnd(target.0),
        I::Arith {
            op,
            a,
            b,
            dst,
            fail: f,
        } => Op::Arith {
            op: *op,
            a: o(a)?,
            b: o(b)?,
            dst: *dst,
            fail: fail(f),
        },
        I::Cmp { fail: f, op, a, b } => Op::Cmp {
            op: *op,
            a: o(a)?,
            b: o(b)?,
            fail: f.0,
        },
        I::Test { fail: f, src, ty } => Op::Test {
            ty: *ty,
            src: o(src)?,
            fail: f.0,
        },
        I::GetList { src, head, tail } => Op::GetList {
            src: o(src)?,
            head: *head,
            tail: *tail,
        },
        I::PutList { head, tail, dst } => Op::PutList {
            head: o(head)?,
            tail: o(tail)?,
            dst: *dst,
        },
        I::GetTupleElement { src, index, dst } => Op::GetTupleElement {
            src: o(src)?,
            index: *index,
            dst: *dst,
        },
        I::TestArity {
            fail: f,
            src,
            arity,
        } => Op::TestArity {
            src: o(src)?,
            arity: *arity,
            fail: f.0,
        },
        I::IsTaggedTuple {
            fail: f,
            src,
            arity,
            tag,
        } => Op::IsTaggedTuple {
            src: o(src)?,
            arity: *arity,
            tag: Term::atom(*m.atoms.get(tag.0 as usize)?),
            fail: f.0,
        },
        _ => return None,
    })
}

/// The specialised variant of a packed instruction, if it has one (see the module doc).
fn specialise(op: Op, consts: &[Term]) -> Op {
    let constant = |o: Opnd| {
        (o.kind() == OPND_CONST)
            .then(|| consts.get(o.index()).copied())
            .flatten()
    };
    let small = |o: Opnd| constant(o).filter(|t| t.is_small()).map(Term::small_value);
    let immediate = |o: Opnd| constant(o).filter(|t| t.is_immediate());
    match op {
        Op::Arith {
            op: ArithOp::Add,
            a,
            b,
            dst,
            ..
        } => match (small(a), small(b)) {
            (_, Some(imm)) => Op::AddSmall { a, imm, dst },
            (Some(imm), _) => Op::AddSmall { a: b, imm, dst },
            _ => Op::Add { a, b, dst },
        },
        Op::Arith {
            op: ArithOp::Sub,
            a,
            b,
            dst,
            ..
        } => match small(b) {
            Some(imm) => Op::AddSmall { a, imm: -imm, dst },
            None => op,
        },
        Op::Cmp {
            op: cmp,
            a,
            b,
            fail,
        } => match (cmp, small(b), immediate(b)) {
            (CmpOp::Lt, Some(imm), _) => Op::LtSmall { a, imm, fail },
            (CmpOp::Ge, Some(imm), _) => Op::GeSmall { a, imm, fail },
            (CmpOp::EqExact, _, Some(c)) => Op::EqImm { a, c, fail },
            (CmpOp::NeExact, _, Some(c)) => Op::NeImm { a, c, fail },
            _ => op,
        },
        Op::Test {
            ty: TypeTest::NonEmptyList,
            src,
            fail,
        } if src.kind() == OPND_X => Op::IsNonEmptyListX {
            src: src.index() as u16,
            fail,
        },
        Op::Test {
            ty: TypeTest::NonEmptyList,
            src,
            fail,
        } => Op::IsNonEmptyList { src, fail },
        Op::GetList { src, head, tail } if src.kind() == OPND_X => Op::GetListX {
            src: src.index() as u16,
            head,
            tail,
        },
        op => op,
    }
}

fn opnd(m: &LoadedModule, s: Src, consts: &mut Consts) -> Option<Opnd> {
    let constant = match s {
        Src::X(r) => return Some(Opnd((OPND_X << KIND_SHIFT) | r.0 as u32)),
        Src::Y(r) => return Some(Opnd((OPND_Y << KIND_SHIFT) | r.0 as u32)),
        Src::Atom(a) => Term::atom(*m.atoms.get(a.0 as usize)?),
        Src::Int(n) => Term::try_small(n)?,
        Src::Nil => Term::NIL,
        Src::Lit(i) => *m.literals.get(i.0 as usize)?,
    };
    let next = consts.terms.len() as u32;
    let index = *consts.index.entry(constant.raw()).or_insert(next);
    if index == next {
        consts.terms.push(constant);
    }
    if index > INDEX_MASK {
        return None;
    }
    Some(Opnd((OPND_CONST << KIND_SHIFT) | index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_instruction_is_small() {
        assert!(
            std::mem::size_of::<Op>() <= 24,
            "{}",
            std::mem::size_of::<Op>()
        );
        assert_eq!(std::mem::size_of::<Opnd>(), 4);
    }
}
