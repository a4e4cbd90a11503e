//! The dispatch loop over the packed code. Owns the hot path: the instruction pointer, the
//! constant table, the X register file and the current frame's Y slots are kept in locals (raw
//! pointers), and the hot instructions (moves, frames, local calls, returns, jumps, small-integer
//! arithmetic and comparisons, list access) run inline. Every other instruction stores its index
//! back into `Vm::pc`, runs its handler, and reloads the locals.
//!
//! The loop keeps few values live (instruction pointer, X, Y, constants, `self`) so that they
//! stay in registers across the handler calls; a jump or return rebuilds the instruction pointer
//! from the running version's code base.
//!
//! # Why the unchecked accesses are sound
//! Code is verified before it is packed (`verify::verify`): every label, return address and
//! exception handler is an instruction index of the same version; no instruction falls through
//! past the end of its function; X register numbers are below `X_REGS`; a Y operand is below the
//! size of the frame open at that point (and `Allocate` sizes `Process::stack` accordingly);
//! constant operands index the packed constant table built with the code. The locals are
//! reloaded after anything that can change the version (`ip`, `consts`) or the frame (`y`).

use super::tests::type_test;
use super::{Interrupt, SliceOutcome, Step, Vm};
use crate::code::packed::{Op, Opnd, OPND_X, OPND_Y};
use crate::heap::Heap;
use crate::process::CodePtr;
use crate::term::Term;
use krarup_bytecode::opcode::{ArithOp, CmpOp, Dst};

/// Reads packed operand `o`.
///
/// # Safety
/// `x` points at the X register file, `y` at the running frame's `y0` and `consts` at the
/// running version's constant table, and `o` is an operand of a verified instruction of that
/// version executed in that frame (see the module doc).
#[inline(always)]
unsafe fn rd(x: *const Term, y: *const Term, consts: *const Term, o: Opnd) -> Term {
    let i = o.index();
    // SAFETY: in range by the caller's contract.
    unsafe {
        match o.kind() {
            OPND_X => *x.add(i),
            OPND_Y => *y.add(i),
            _ => *consts.add(i),
        }
    }
}

/// Writes destination `d`.
///
/// # Safety
/// As for `rd`.
#[inline(always)]
unsafe fn wr(x: *mut Term, y: *mut Term, d: Dst, t: Term) {
    // SAFETY: in range by the caller's contract.
    unsafe {
        match d {
            Dst::X(r) => *x.add(r.0 as usize) = t,
            Dst::Y(r) => *y.add(r.0 as usize) = t,
        }
    }
}

/// `a op b` for `+ - * /` when `a` and `b` are floats or small integers, at least one of them a
/// float for `+ - *` (as `ops::arith` computes it, without its general dispatch on number kinds).
/// `None` for anything else, including a non-finite result, which the slow path turns into
/// `badarith`.
#[inline(never)]
fn float_arith(heap: &mut Heap, op: ArithOp, a: Term, b: Term) -> Option<Term> {
    let num = |t: Term| match t.is_small() {
        true => Some(t.small_value() as f64),
        false => t.as_float(),
    };
    let (x, y) = (num(a)?, num(b)?);
    let any_float = !a.is_small() || !b.is_small();
    let r = match op {
        ArithOp::Add if any_float => x + y,
        ArithOp::Sub if any_float => x - y,
        ArithOp::Mul if any_float => x * y,
        ArithOp::Div if y != 0.0 => x / y,
        _ => return None,
    };
    r.is_finite().then(|| heap.float(r))
}

impl<'a> Vm<'a> {
    /// The current frame's `y0` (dangling but never read when no frame is open).
    #[inline(always)]
    fn y_ptr(&mut self) -> *mut Term {
        self.p.stack.as_mut_ptr().wrapping_add(self.p.ybase)
    }

    /// Charges one reduction for a call or return whose target is already in `ip`.
    #[inline(always)]
    fn charge_at(&mut self, ip: *const Op, live: usize) -> Step {
        self.budget -= 1;
        if self.budget <= 0 {
            self.pc = self.index_of(ip);
            self.p.live = live;
            return Err(Interrupt::Stop(SliceOutcome::Yielded));
        }
        Ok(())
    }

    /// The instruction index of `ip`, a pointer into the running version's packed code.
    #[inline(always)]
    fn index_of(&self, ip: *const Op) -> usize {
        (ip as usize - self.ops.as_ptr() as usize) / std::mem::size_of::<Op>()
    }

    /// A pointer to instruction `pc` of the running version (in range for verified targets).
    #[inline(always)]
    fn ip_at(&self, pc: usize) -> *const Op {
        self.ops.as_ptr().wrapping_add(pc)
    }

    /// Runs packed instructions from `Vm::pc` until a handler interrupts (an exception, or the
    /// end of the slice). On return `Vm::pc` is where the process resumes (or the faulting
    /// instruction + 1).
    pub(super) fn dispatch_until_interrupt(&mut self) -> Step {
        let x: *mut Term = self.x.as_mut_ptr();
        if self.pc >= self.ops.len() {
            return Err(self.internal(format!("pc {} past the end of the code", self.pc)));
        }
        // The next instruction. Kept as a pointer rather than an index so that the loop needs
        // no code base in a register; `Vm::pc` is brought up to date before any handler runs.
        let mut ip: *const Op = self.ip_at(self.pc);
        let mut consts: *const Term = self.consts.as_ptr();
        let mut y: *mut Term = self.y_ptr();
        // Runs a handler that may change the version or the frame: stores the instruction index
        // into `Vm::pc` first and reloads the locals after.
        macro_rules! out_of_line {
            ($handler:expr) => {{
                self.pc = self.index_of(ip);
                $handler?;
                ip = self.ip_at(self.pc);
                consts = self.consts.as_ptr();
                y = self.y_ptr();
            }};
        }
        // Runs the readable instruction at `pc - 1` (for `Slow`, and for a specialised
        // instruction outside its fast path).
        macro_rules! readable {
            () => {
                out_of_line!(self.step_readable())
            };
        }
        // Returns to `cp`: inline within the running version when no collection is due
        // (`INVALID` and `EXIT` have no version), through `op_return` otherwise.
        macro_rules! return_to_cp {
            () => {{
                let cp = self.p.cp;
                if cp.version() == self.version && !self.p.heap.wants_gc() {
                    self.p.cp = CodePtr::INVALID;
                    ip = self.ip_at(cp.pc() as usize);
                    self.charge_at(ip, 1)?;
                } else {
                    out_of_line!(self.op_return());
                }
            }};
        }
        loop {
            debug_assert!(self.index_of(ip) < self.ops.len());
            // SAFETY: `ip` points at a verified instruction of the running version (module doc).
            // Matching on the place (not a copy of the whole `Op`) loads only the fields the arm
            // uses.
            let op: &Op = unsafe { &*ip };
            #[cfg(feature = "trace")]
            eprintln!(
                "[{}:{}] {:?}",
                self.version,
                self.index_of(ip),
                self.code.get(self.index_of(ip))
            );
            ip = ip.wrapping_add(1);
            match *op {
                // SAFETY: verified operands of the running version and frame (module doc).
                Op::MoveXX(s, d) => unsafe { *x.add(d as usize) = *x.add(s as usize) },
                // SAFETY: verified operands of the running version and frame (module doc).
                Op::MoveXY(s, d) => unsafe { *y.add(d as usize) = *x.add(s as usize) },
                // SAFETY: verified operands of the running version and frame (module doc).
                Op::MoveYX(s, d) => unsafe { *x.add(d as usize) = *y.add(s as usize) },
                // SAFETY: verified operands of the running version and frame (module doc).
                Op::MoveYY(s, d) => unsafe { *y.add(d as usize) = *y.add(s as usize) },
                // SAFETY: verified operands of the running version and frame (module doc).
                Op::MoveCX(c, d) => unsafe { *x.add(d as usize) = c },
                // SAFETY: verified operands of the running version and frame (module doc).
                Op::MoveCY(c, d) => unsafe { *y.add(d as usize) = c },
                // SAFETY: verified operands of the running version and frame (module doc).
                Op::Init(d) => unsafe { wr(x, y, d, Term::NIL) },
                Op::Allocate { slots, live } => {
                    if self.p.heap.wants_gc() {
                        self.p.collect(&mut self.x[..], live as usize, 0);
                    }
                    self.p.push_frame(slots as usize, self.version);
                    y = self.y_ptr();
                }
                Op::Deallocate { .. } => {
                    self.p.pop_frame();
                    y = self.y_ptr();
                }
                Op::Return => return_to_cp!(),
                Op::DeallocateReturn => {
                    self.p.pop_frame();
                    y = self.y_ptr();
                    ip = ip.wrapping_add(1); // past the `Return`
                    return_to_cp!();
                }
                Op::Call { arity, target, ret } => {
                    self.p.cp = ret;
                    if self.p.heap.wants_gc() {
                        self.p.collect(&mut self.x[..], arity as usize, 0);
                    }
                    ip = self.ip_at(target as usize);
                    self.charge_at(ip, arity as usize)?;
                }
                Op::CallLast { arity, target, .. } => {
                    self.p.pop_frame();
                    y = self.y_ptr();
                    if self.p.heap.wants_gc() {
                        self.p.collect(&mut self.x[..], arity as usize, 0);
                    }
                    ip = self.ip_at(target as usize);
                    self.charge_at(ip, arity as usize)?;
                }
                Op::CallOnly { arity, target } => {
                    if self.p.heap.wants_gc() {
                        self.p.collect(&mut self.x[..], arity as usize, 0);
                    }
                    ip = self.ip_at(target as usize);
                    self.charge_at(ip, arity as usize)?;
                }
                Op::Jump(target) => ip = self.ip_at(target as usize),
                Op::AddSmall { a, imm, dst } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let v = unsafe { rd(x, y, consts, a) };
                    // Smalls have 61 bits and so has `imm`: the sum cannot overflow i64.
                    let sum = match v.is_small() {
                        true => Term::try_small(v.small_value() + imm),
                        false => float_arith(&mut self.p.heap, ArithOp::Add, v, Term::small(imm)),
                    };
                    match sum {
                        // SAFETY: verified operands of the running version and frame.
                        Some(t) => unsafe { wr(x, y, dst, t) },
                        None => readable!(),
                    }
                }
                Op::Add { a, b, dst } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let (l, r) = unsafe { (rd(x, y, consts, a), rd(x, y, consts, b)) };
                    let sum = match l.is_small() && r.is_small() {
                        true => Term::try_small(l.small_value() + r.small_value()),
                        false => float_arith(&mut self.p.heap, ArithOp::Add, l, r),
                    };
                    match sum {
                        // SAFETY: verified operands of the running version and frame.
                        Some(t) => unsafe { wr(x, y, dst, t) },
                        None => readable!(),
                    }
                }
                Op::Arith {
                    op,
                    a,
                    b,
                    dst,
                    fail,
                } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let (l, r) = unsafe { (rd(x, y, consts, a), rd(x, y, consts, b)) };
                    let fast = if l.is_small() && r.is_small() {
                        let (i, j) = (l.small_value(), r.small_value());
                        // Smalls have 61 bits: + and - cannot overflow i64; `try_small`
                        // sends results outside the small range to the slow path (bignums).
                        match op {
                            ArithOp::Add => Term::try_small(i + j),
                            ArithOp::Sub => Term::try_small(i - j),
                            ArithOp::Mul => i.checked_mul(j).and_then(Term::try_small),
                            ArithOp::Band => Some(Term::small(i & j)),
                            ArithOp::Bor => Some(Term::small(i | j)),
                            ArithOp::Bxor => Some(Term::small(i ^ j)),
                            _ => None,
                        }
                    } else {
                        float_arith(&mut self.p.heap, op, l, r)
                    };
                    match fast {
                        // SAFETY: verified operands of the running version and frame (module doc).
                        Some(t) => unsafe { wr(x, y, dst, t) },
                        None => {
                            self.pc = self.index_of(ip);
                            self.op_arith_packed(op, a, b, dst, fail)?;
                            ip = self.ip_at(self.pc);
                        }
                    }
                }
                Op::LtSmall { a, imm, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let v = unsafe { rd(x, y, consts, a) };
                    if !v.is_small() {
                        readable!();
                    } else if v.small_value() >= imm {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::GeSmall { a, imm, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let v = unsafe { rd(x, y, consts, a) };
                    if !v.is_small() {
                        readable!();
                    } else if v.small_value() < imm {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::EqImm { a, c, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    if unsafe { rd(x, y, consts, a) } != c {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::NeImm { a, c, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    if unsafe { rd(x, y, consts, a) } == c {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::IsNonEmptyList { src, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    if !unsafe { rd(x, y, consts, src) }.is_cons() {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::Cmp { op, a, b, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let (l, r) = unsafe { (rd(x, y, consts, a), rd(x, y, consts, b)) };
                    let holds = if l.is_small() && r.is_small() {
                        // Two small integers: equal exactly when their words are, ordered as
                        // their values.
                        match op {
                            CmpOp::Lt => l.small_value() < r.small_value(),
                            CmpOp::Ge => l.small_value() >= r.small_value(),
                            CmpOp::Eq | CmpOp::EqExact => l == r,
                            CmpOp::Ne | CmpOp::NeExact => l != r,
                        }
                    } else {
                        self.cmp_terms(op, l, r)
                    };
                    if !holds {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::Test { ty, src, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    if !type_test(ty, unsafe { rd(x, y, consts, src) }) {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::IsNonEmptyListX { src, fail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    if !unsafe { *x.add(src as usize) }.is_cons() {
                        ip = self.ip_at(fail as usize);
                    }
                }
                Op::GetListX { src, head, tail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let Some((h, t)) = unsafe { *x.add(src as usize) }.as_cons() else {
                        self.pc = self.index_of(ip);
                        return Err(self.internal("GetList on a non-list".into()));
                    };
                    // SAFETY: verified operands of the running version and frame (module doc).
                    unsafe {
                        wr(x, y, head, h);
                        wr(x, y, tail, t);
                    }
                }
                Op::GetList { src, head, tail } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let Some((h, t)) = unsafe { rd(x, y, consts, src) }.as_cons() else {
                        self.pc = self.index_of(ip);
                        return Err(self.internal("GetList on a non-list".into()));
                    };
                    // SAFETY: verified operands of the running version and frame (module doc).
                    unsafe {
                        wr(x, y, head, h);
                        wr(x, y, tail, t);
                    }
                }
                Op::PutList { head, tail, dst } => {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    let (h, t) = unsafe { (rd(x, y, consts, head), rd(x, y, consts, tail)) };
                    let c = self.p.heap.cons(h, t);
                    // SAFETY: verified operands of the running version and frame (module doc).
                    unsafe { wr(x, y, dst, c) };
                }
                Op::GetTupleElement { src, index, dst } => {
                    self.pc = self.index_of(ip);
                    self.op_get_tuple_element_packed(src, index, dst)?;
                }
                Op::TestArity { src, arity, fail } => {
                    self.pc = self.index_of(ip);
                    self.op_test_arity_packed(src, arity, fail);
                    ip = self.ip_at(self.pc);
                }
                Op::IsTaggedTuple {
                    src,
                    arity,
                    tag,
                    fail,
                } => {
                    self.pc = self.index_of(ip);
                    self.op_is_tagged_tuple_packed(src, arity, tag, fail);
                    ip = self.ip_at(self.pc);
                }
                Op::LoopRec { fail, dst } => match self.p.mailbox.current() {
                    // SAFETY: verified operands of the running version and frame (module doc).
                    Some(m) => unsafe { wr(x, y, dst, m) },
                    None => {
                        // The end of the mailbox: take in arrived signals (may end the process).
                        self.fetch_signals()?;
                        match self.p.mailbox.current() {
                            // SAFETY: as above; fetching signals moves no frame.
                            Some(m) => unsafe { wr(x, y, dst, m) },
                            None => ip = self.ip_at(fail as usize),
                        }
                    }
                },
                Op::LoopRecEnd(target) => {
                    self.p.mailbox.save += 1;
                    ip = self.ip_at(target as usize);
                }
                Op::Slow => readable!(),
            }
        }
    }
}
