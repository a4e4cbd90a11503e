//! Handlers for tests and branches: `Cmp` (inline fast path for small integers and atoms),
//! type tests, tuple shape tests and the `Select*` jump tables. A failed test jumps to `fail`.

use super::Vm;
use crate::code::packed::Opnd;
use crate::ops::compare;
use crate::term::{Term, SUB_EXPORT, SUB_FUN};
use krarup_bytecode::opcode::{AtomIdx, CmpOp, Label, Src, TypeTest};

impl<'a> Vm<'a> {
    #[inline(always)]
    pub(crate) fn op_cmp(&mut self, fail: Label, op: CmpOp, a: Src, b: Src) {
        let (x, y) = (self.get(a), self.get(b));
        if !self.cmp_terms(op, x, y) {
            self.jump(fail);
        }
    }

    /// `x op y`, inline for two smalls or two immediates.
    #[inline(always)]
    pub(super) fn cmp_terms(&self, op: CmpOp, x: Term, y: Term) -> bool {
        if x.is_small() && y.is_small() {
            let (i, j) = (x.small_value(), y.small_value());
            match op {
                CmpOp::Lt => i < j,
                CmpOp::Ge => i >= j,
                CmpOp::Eq | CmpOp::EqExact => i == j,
                CmpOp::Ne | CmpOp::NeExact => i != j,
            }
        } else if x.is_immediate() && y.is_immediate() && !matches!(op, CmpOp::Lt | CmpOp::Ge) {
            // Two immediates (small integers, atoms, [], pids) are equal exactly when their
            // words are (a float is never immediate, so 1 == 1.0 takes the general path).
            let same = x == y;
            matches!(op, CmpOp::Eq | CmpOp::EqExact) == same
        } else {
            compare::cmp_op(op, x, y, &self.ctx.shared.atoms)
        }
    }

    pub(crate) fn op_test(&mut self, fail: Label, src: Src, ty: TypeTest) {
        if !type_test(ty, self.get(src)) {
            self.jump(fail);
        }
    }

    #[inline(always)]
    pub(crate) fn op_test_arity_packed(&mut self, src: Opnd, arity: u32, fail: u32) {
        let ok = matches!(self.get_op(src).as_tuple(), Some(t) if t.len() == arity as usize);
        if !ok {
            self.pc = fail as usize;
        }
    }

    #[inline(always)]
    pub(crate) fn op_is_tagged_tuple_packed(
        &mut self,
        src: Opnd,
        arity: u32,
        tag: Term,
        fail: u32,
    ) {
        let ok = matches!(self.get_op(src).as_tuple(),
            Some(t) if t.len() == arity as usize && t.first() == Some(tag));
        if !ok {
            self.pc = fail as usize;
        }
    }

    pub(crate) fn op_is_function2(&mut self, fail: Label, src: Src, arity: Src) {
        let (f, a) = (self.get(src), self.get(arity));
        let ok = match (self.fun_arity(f), a.as_small()) {
            (Some(n), Some(want)) => n as i64 == want,
            _ => false,
        };
        if !ok {
            self.jump(fail);
        }
    }

    /// The arity of a fun term, or `None` if `f` is not a fun.
    pub(crate) fn fun_arity(&self, f: Term) -> Option<u8> {
        let payload = f.payload()?;
        match f.boxed_subtag()? {
            SUB_FUN => {
                let unique = payload.get(2)?.as_small()? as u64;
                let index = payload.get(1)?.as_small()? as usize;
                let version = self.ctx.code.version_by_unique(unique)?;
                Some(
                    self.ctx
                        .code
                        .module(version)?
                        .module
                        .lambdas
                        .get(index)?
                        .arity,
                )
            }
            SUB_EXPORT => u8::try_from(payload.get(2)?.as_small()?).ok(),
            _ => None,
        }
    }

    #[inline(always)]
    pub(crate) fn op_test_arity(&mut self, fail: Label, src: Src, arity: u32) {
        let ok = matches!(self.get(src).as_tuple(), Some(t) if t.len() == arity as usize);
        if !ok {
            self.jump(fail);
        }
    }

    #[inline(always)]
    pub(crate) fn op_is_tagged_tuple(&mut self, fail: Label, src: Src, arity: u32, tag: AtomIdx) {
        let want = Term::atom(self.m.atoms[tag.0 as usize]);
        let ok = matches!(self.get(src).as_tuple(), Some(t) if t.len() == arity as usize && t.first() == Some(want));
        if !ok {
            self.jump(fail);
        }
    }

    pub(crate) fn op_select_val(&mut self, src: Src, fail: Label, cases: &[(Src, Label)]) {
        let v = self.get(src);
        let target = if v.is_immediate() {
            cases.iter().find(|(c, _)| self.get(*c) == v)
        } else {
            cases
                .iter()
                .find(|(c, _)| compare::exact_eq(self.get(*c), v))
        };
        self.jump(target.map_or(fail, |c| c.1));
    }

    pub(crate) fn op_select_tuple_arity(&mut self, src: Src, fail: Label, cases: &[(u32, Label)]) {
        let target = match self.get(src).as_tuple() {
            Some(t) => cases
                .iter()
                .find(|c| c.0 as usize == t.len())
                .map_or(fail, |c| c.1),
            None => fail,
        };
        self.jump(target);
    }
}

/// The type test `ty` on `t`.
#[inline(always)]
pub(super) fn type_test(ty: TypeTest, t: Term) -> bool {
    match ty {
        TypeTest::Integer => t.is_integer(),
        TypeTest::Float => t.is_float(),
        TypeTest::Number => t.is_number(),
        TypeTest::Atom => t.is_atom(),
        TypeTest::Boolean => t == Term::bool(true) || t == Term::bool(false),
        TypeTest::Pid => t.is_pid(),
        TypeTest::Reference => t.is_reference(),
        TypeTest::Port => false,
        TypeTest::Nil => t.is_nil(),
        TypeTest::List => t.is_list(),
        TypeTest::NonEmptyList => t.is_cons(),
        TypeTest::Tuple => t.is_tuple(),
        TypeTest::Map => t.is_map(),
        TypeTest::Binary => t.is_bitstring() && bit_size(t) & 7 == 0,
        TypeTest::Bitstring => t.is_bitstring(),
        TypeTest::Function => t.is_fun(),
    }
}

/// The bit size of a bitstring term (heap, refc and sub-binaries keep it in payload word 0).
fn bit_size(t: Term) -> u64 {
    t.payload().and_then(|p| p.first()).map_or(0, |w| w.raw())
}
