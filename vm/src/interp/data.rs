//! Handlers that move and build data: `Move`, list and tuple access and construction,
//! `MakeFun`, and arithmetic (`Arith` with an inline small-integer fast path, `Unary`).

use super::{Interrupt, Step, Vm};
use crate::code::packed::{Opnd, NO_FAIL};
use crate::native::Exception;
use crate::ops::arith;
use crate::stacktrace::NativeEntry;
use crate::term::{Header, Term, SUB_FUN};
use krarup_bytecode::opcode::{ArithOp, Dst, Label, LambdaIdx, Src, UnaryOp};

impl<'a> Vm<'a> {
    #[inline(always)]
    pub(crate) fn op_move(&mut self, src: Src, dst: Dst) {
        let t = self.get(src);
        self.put(dst, t);
    }

    #[inline(always)]
    pub(crate) fn op_get_list(&mut self, src: Src, head: Dst, tail: Dst) -> Step {
        let v = self.get(src);
        self.get_list_term(v, head, tail)
    }

    #[inline(always)]
    fn get_list_term(&mut self, v: Term, head: Dst, tail: Dst) -> Step {
        let Some((h, t)) = v.as_cons() else {
            return Err(self.internal("GetList on a non-list".into()));
        };
        self.put(head, h);
        self.put(tail, t);
        Ok(())
    }

    pub(crate) fn op_get_hd(&mut self, src: Src, dst: Dst) -> Step {
        let Some((h, _)) = self.get(src).as_cons() else {
            return Err(self.internal("GetHd on a non-list".into()));
        };
        self.put(dst, h);
        Ok(())
    }

    pub(crate) fn op_get_tl(&mut self, src: Src, dst: Dst) -> Step {
        let Some((_, t)) = self.get(src).as_cons() else {
            return Err(self.internal("GetTl on a non-list".into()));
        };
        self.put(dst, t);
        Ok(())
    }

    #[inline(always)]
    pub(crate) fn op_get_tuple_element(&mut self, src: Src, index: u32, dst: Dst) -> Step {
        let v = self.get(src);
        self.get_tuple_element_term(v, index, dst)
    }

    #[inline(always)]
    pub(crate) fn op_get_tuple_element_packed(&mut self, src: Opnd, index: u32, dst: Dst) -> Step {
        let v = self.get_op(src);
        self.get_tuple_element_term(v, index, dst)
    }

    #[inline(always)]
    fn get_tuple_element_term(&mut self, v: Term, index: u32, dst: Dst) -> Step {
        let Some(e) = v.as_tuple().and_then(|t| t.get(index as usize)) else {
            return Err(self.internal("GetTupleElement out of range or on a non-tuple".into()));
        };
        self.put(dst, e);
        Ok(())
    }

    #[inline(always)]
    pub(crate) fn op_put_list(&mut self, head: Src, tail: Src, dst: Dst) {
        let (h, t) = (self.get(head), self.get(tail));
        let c = self.p.heap.cons(h, t);
        self.put(dst, c);
    }

    pub(crate) fn op_put_tuple(&mut self, elements: &[Src], dst: Dst) {
        let n = elements.len();
        let ptr = self.p.heap.alloc(n + 1);
        // SAFETY: `ptr` points at `n + 1` freshly allocated words of this process's heap; every
        // word is written before the tuple's term is made (no safe point in between).
        let t = unsafe {
            ptr.write(Header::new(crate::term::SUB_TUPLE, n).as_term());
            for (i, s) in elements.iter().enumerate() {
                ptr.add(1 + i).write(self.get(*s));
            }
            Term::boxed_from_ptr(ptr)
        };
        self.put(dst, t);
    }

    pub(crate) fn op_make_fun(&mut self, lambda: LambdaIdx, free: &[Src], dst: Dst) -> Step {
        let m = self.m;
        if m.module.lambdas.get(lambda.0 as usize).is_none() {
            return Err(self.internal(format!("lambda {} out of range", lambda.0)));
        }
        let n = free.len();
        let ptr = self.p.heap.alloc(4 + n);
        // SAFETY: `ptr` points at `4 + n` fresh words, all written before the fun's term is made
        // (no safe point in between).
        let f = unsafe {
            ptr.write(Header::new(SUB_FUN, 3 + n).as_term());
            ptr.add(1).write(Term::atom(m.name));
            ptr.add(2).write(Term::small(lambda.0 as i64));
            ptr.add(3).write(Term::small(m.unique as i64));
            for (i, s) in free.iter().enumerate() {
                ptr.add(4 + i).write(self.get(*s));
            }
            Term::boxed_from_ptr(ptr)
        };
        self.put(dst, f);
        Ok(())
    }

    // ---- arithmetic ----

    #[inline(always)]
    pub(crate) fn op_arith(
        &mut self,
        op: ArithOp,
        a: Src,
        b: Src,
        dst: Dst,
        fail: Option<Label>,
    ) -> Step {
        let (x, y) = (self.get(a), self.get(b));
        self.arith_terms(op, x, y, dst, fail)
    }

    #[inline(always)]
    pub(crate) fn op_arith_packed(
        &mut self,
        op: ArithOp,
        a: Opnd,
        b: Opnd,
        dst: Dst,
        fail: u32,
    ) -> Step {
        let (x, y) = (self.get_op(a), self.get_op(b));
        self.arith_terms(op, x, y, dst, (fail != NO_FAIL).then_some(Label(fail)))
    }

    /// `dst := x op y`: inline for small integers, `ops::arith` otherwise.
    #[inline(always)]
    fn arith_terms(
        &mut self,
        op: ArithOp,
        x: Term,
        y: Term,
        dst: Dst,
        fail: Option<Label>,
    ) -> Step {
        if x.is_small() && y.is_small() {
            let (i, j) = (x.small_value(), y.small_value());
            // Smalls have 61 bits, so + and - cannot overflow i64; the result may leave the small
            // range, which `try_small` catches (then the slow path builds a bignum).
            let fast = match op {
                ArithOp::Add => Term::try_small(i + j),
                ArithOp::Sub => Term::try_small(i - j),
                ArithOp::Mul => i.checked_mul(j).and_then(Term::try_small),
                ArithOp::Band => Some(Term::small(i & j)),
                ArithOp::Bor => Some(Term::small(i | j)),
                ArithOp::Bxor => Some(Term::small(i ^ j)),
                _ => None,
            };
            if let Some(t) = fast {
                self.put(dst, t);
                return Ok(());
            }
        }
        self.arith_slow(op, x, y, dst, fail)
    }

    #[cold]
    fn arith_slow(&mut self, op: ArithOp, x: Term, y: Term, dst: Dst, fail: Option<Label>) -> Step {
        match arith::arith(&mut self.p.heap, op, x, y) {
            Ok(t) => {
                self.put(dst, t);
                Ok(())
            }
            Err(_) if fail.is_some() => {
                self.jump(fail.unwrap_or(Label(0)));
                Ok(())
            }
            Err(e) => Err(self.operator_error(e, op.name(), &[x, y])),
        }
    }

    pub(crate) fn op_unary(&mut self, op: UnaryOp, a: Src, dst: Dst, fail: Option<Label>) -> Step {
        let x = self.get(a);
        match arith::unary(&mut self.p.heap, op, x) {
            Ok(t) => {
                self.put(dst, t);
                Ok(())
            }
            Err(_) if fail.is_some() => {
                self.jump(fail.unwrap_or(Label(0)));
                Ok(())
            }
            Err(e) => Err(self.operator_error(e, op.name(), &[x])),
        }
    }

    /// An operator's error with the `{erlang, Op, Args}` stack entry OTP reports.
    fn operator_error(&mut self, e: Exception, name: &str, args: &[Term]) -> Interrupt {
        let f = self.ctx.shared.atoms.intern(name);
        let args = self.p.heap.list(args);
        self.pending_entry = Some(NativeEntry {
            module: crate::atom::ERLANG,
            function: f,
            args,
            error_info: true,
            tail_call: false,
            cause: None,
        });
        Interrupt::Raise(e)
    }
}
