//! The interpreter: runs one process for a bounded number of reductions and says why it stopped.
//! Owns the dispatch loop and operand access; the handlers live in sibling files by topic
//! (`calls`, `data`, `tests`, `maps_bins`, `exceptions`, `receive`, `runtime_bifs`).
//!
//! Erlang calls and returns never recurse on the Rust stack: a call saves the continuation in the
//! `cp` register (and `Allocate` moves it into a frame on the process's own growable stack), so
//! deep body recursion only grows `Process::stack`. See docs/interpreter.md.
//!
//! # Safe points
//! `Allocate`, every call and every return may collect the heap (`Vm::gc`; the list is
//! `Instruction::may_gc` in `krarup_bytecode::describe`); afterwards every boxed term read before
//! is stale, so handlers read their operands after the safe point, never before it. `LoopRec`,
//! `Wait` and `WaitTimeout` do not collect.

mod aliases;
mod calls;
mod code_bifs;
mod data;
mod dispatch;
mod exceptions;
mod hibernate;
mod maps_bins;
mod process_bifs;
mod process_info;
mod process_opts;
mod receive;
pub mod runtime_bifs;
pub mod system;
mod tests;

use crate::code::packed::{self, Op, Opnd};
use crate::code::table::CodeTable;
use crate::code::LoadedModule;
use crate::native::{Exception, Shared};
use crate::process::{CaughtException, Process, Status, X_REGS};
use crate::term::Term;
use krarup_bytecode::opcode::{Dst, Instruction, Label, Src};

/// What a slice ended with.
#[derive(Debug)]
pub enum SliceOutcome {
    /// The reduction budget ran out; the process can continue.
    Yielded,
    /// In `receive` with no matching message; `timeout_ms` is the time left on its `after`
    /// timer (`None`: wait for a message for ever).
    Waiting { timeout_ms: Option<u64> },
    /// The process ended.
    Exited { reason: ExitReason },
    /// `erlang:halt/0,1` was called with this status.
    Halted(i32),
}

/// Why a process ended.
#[derive(Debug)]
pub enum ExitReason {
    /// Its first function returned (with this value).
    Normal(Term),
    /// An exception nobody caught (terms on the process heap, valid until it is dropped).
    Exception(CaughtException),
    /// The interpreter found an impossible state (a VM bug or code the verifier let through).
    Internal(String),
    /// An exit signal ended it with this reason (a term on its heap).
    Signal(Term),
}

/// What the interpreter needs from the runtime during a slice.
#[derive(Copy, Clone)]
pub struct Ctx<'a> {
    pub shared: &'a Shared,
    pub code: &'a CodeTable,
    /// The process system (table, names, timers), as the running process sees it.
    pub sys: &'a dyn system::ProcessSystem,
}

/// Why a handler stopped the instruction loop.
pub(crate) enum Interrupt {
    Raise(Exception),
    Stop(SliceOutcome),
}

/// A handler's result: `Ok` continues with the instruction at `Vm::pc`.
pub(crate) type Step = Result<(), Interrupt>;

impl From<Exception> for Interrupt {
    fn from(e: Exception) -> Self {
        Interrupt::Raise(e)
    }
}

/// The interpreter state of one slice: the process plus cached views of its current code.
pub(crate) struct Vm<'a> {
    pub p: &'a mut Process,
    /// The scheduler's X registers, holding the process's while it runs.
    pub x: &'a mut XRegs,
    pub ctx: Ctx<'a>,
    /// The current module version and its code.
    pub m: &'a LoadedModule,
    pub code: &'a [Instruction],
    /// The packed form of `code` and its constant table.
    pub ops: &'a [Op],
    pub consts: &'a [Term],
    pub version: u32,
    /// Index of the next instruction to run.
    pub pc: usize,
    /// Reductions left in this slice.
    pub budget: isize,
    /// The stack entry of the builtin (or undefined function) whose exception is being raised;
    /// it goes on top of the stack trace.
    pub pending_entry: Option<crate::stacktrace::NativeEntry>,
}

/// A scheduler's X registers `x0..x1023`.
pub type XRegs = [Term; X_REGS];

/// A fresh set of X registers for a scheduler thread.
pub fn new_xregs() -> Box<XRegs> {
    Box::new([Term::NIL; X_REGS])
}

/// Why a process that needs code `version` ends when the table has no such version. A purged
/// version (an index handed out before) means a purge raced the process into that code (a fun
/// call between `check_process_code` and the purge, which BEAM parks): it ends as the purge would
/// have ended it, with reason `killed`. Any other index is a VM bug.
pub(crate) fn missing_version(code: &CodeTable, shared: &Shared, version: u32) -> ExitReason {
    if (version as usize) < code.version_count() {
        ExitReason::Signal(Term::atom(shared.atoms.intern("killed")))
    } else {
        ExitReason::Internal(format!("no code version {version}"))
    }
}

/// Runs `process` for at most `budget` reductions, using `x` as its X registers: the process's
/// saved registers are loaded into `x` first, and if the slice ends with the process still alive
/// its live registers are saved back (`Process::saved_x`).
pub fn run_slice(
    ctx: Ctx<'_>,
    process: &mut Process,
    x: &mut XRegs,
    budget: usize,
) -> SliceOutcome {
    let n = process.saved_x.len().min(X_REGS);
    x[..n].copy_from_slice(&process.saved_x[..n]);
    process.saved_x.clear();
    let Some(v) = ctx.code.version(process.version) else {
        return SliceOutcome::Exited {
            reason: missing_version(ctx.code, ctx.shared, process.version),
        };
    };
    let m: &LoadedModule = &v.loaded;
    let mut vm = Vm {
        ctx,
        m,
        code: &m.module.code,
        ops: &v.packed.ops,
        consts: &v.packed.consts,
        version: process.version,
        pc: process.pc as usize,
        budget: budget.min(isize::MAX as usize) as isize,
        pending_entry: None,
        p: process,
        x,
    };
    vm.p.status = Status::Runnable;
    let outcome = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| vm.run())) {
        Ok(outcome) => outcome,
        // An allocation failed on this process's behalf: it exits, the VM goes on.
        Err(payload) if payload.is::<crate::limits::OutOfMemory>() => {
            let here = crate::stacktrace::Position {
                version: vm.version,
                pc: vm.fault_pc(),
            };
            let atoms = &vm.ctx.shared.atoms;
            let e = crate::limits::out_of_memory_exit(vm.p, vm.ctx.code, atoms, here);
            SliceOutcome::Exited {
                reason: ExitReason::Exception(e),
            }
        }
        Err(payload) => std::panic::resume_unwind(payload),
    };
    vm.p.version = vm.version;
    vm.p.pc = vm.pc as u32;
    let used = (budget as isize - vm.budget).max(0) as u64;
    vm.p.reductions += used;
    vm.ctx.sys.add_reductions(used);
    let outcome = over_heap_limit(vm.ctx.shared, vm.p, outcome);
    if matches!(outcome, SliceOutcome::Yielded) {
        let live = vm.p.live.min(X_REGS);
        vm.p.saved_x.extend_from_slice(&vm.x[..live]);
    }
    vm.p.status = match outcome {
        SliceOutcome::Yielded => Status::Runnable,
        SliceOutcome::Waiting { .. } => Status::Waiting,
        _ => Status::Exited,
    };
    outcome
}

/// A process whose heap passed its `max_heap_size` during the slice: BEAM's report (unless its
/// `error_logger` is false), and with `kill` the process ends with reason `killed`, which no
/// `trap_exit` stops.
fn over_heap_limit(shared: &Shared, p: &mut Process, outcome: SliceOutcome) -> SliceOutcome {
    if !std::mem::take(&mut p.heap_limit_hit) || matches!(outcome, SliceOutcome::Exited { .. }) {
        return outcome;
    }
    let max = p.flags.max_heap;
    if max.error_logger && shared.logging_errors() {
        let body = crate::process_flags::max_heap_report(max, &p.heap_figures());
        let report = format!(
            "=ERROR REPORT==== {} ===\n{body}\n",
            crate::report::timestamp()
        );
        if let Ok(mut err) = shared.stderr.lock() {
            let _ = std::io::Write::write_all(&mut *err, report.as_bytes());
            let _ = std::io::Write::flush(&mut *err);
        }
    }
    if max.kill {
        SliceOutcome::Exited {
            reason: ExitReason::Signal(Term::atom(crate::atom::KILLED)),
        }
    } else {
        outcome
    }
}

impl<'a> Vm<'a> {
    fn run(&mut self) -> SliceOutcome {
        if self.p.hibernating.is_some() {
            if let Err(interrupt) = self.wake_or_sleep() {
                match interrupt {
                    Interrupt::Stop(outcome) => return outcome,
                    Interrupt::Raise(e) => {
                        if let Err(outcome) = self.handle_exception(e) {
                            return outcome;
                        }
                    }
                }
            }
        }
        if let Some(pending) = self.p.trap.take() {
            if let Err(interrupt) = self.resume_trap(pending) {
                match interrupt {
                    Interrupt::Stop(outcome) => return outcome,
                    Interrupt::Raise(e) => {
                        if let Err(outcome) = self.handle_exception(e) {
                            return outcome;
                        }
                    }
                }
            }
        }
        loop {
            let Err(interrupt) = self.dispatch_until_interrupt() else {
                continue;
            };
            match interrupt {
                Interrupt::Stop(outcome) => return outcome,
                Interrupt::Raise(e) => {
                    if let Err(outcome) = self.handle_exception(e) {
                        return outcome;
                    }
                }
            }
        }
    }

    /// Runs the readable instruction before `pc`: one arm per instruction, each a call to a
    /// named handler.
    #[rustfmt::skip]
    #[inline(never)] // keeps the packed dispatch loop small (its locals stay in registers)
    fn step_readable(&mut self) -> Step {
        use Instruction as I;
        {
            let code: &'a [Instruction] = self.code;
            let Some(ins) = code.get(self.pc - 1) else {
                return Err(self.internal(format!("pc {} past the end of the code", self.pc)));
            };
            match ins {
                I::FuncInfo { arity, .. } => self.op_func_info(*arity)?,
                I::Allocate { slots, live } => self.op_allocate(*slots, *live),
                I::Deallocate { slots } => self.op_deallocate(*slots),
                I::Return => self.op_return()?,
                I::Call { arity, target } => self.op_call(*arity, *target)?,
                I::CallLast { arity, target, dealloc } => self.op_call_last(*arity, *target, *dealloc)?,
                I::CallOnly { arity, target } => self.op_call_only(*arity, *target)?,
                I::CallExt { arity, import } => self.op_call_ext(*arity, *import, calls::Kind::Body)?,
                I::CallExtLast { arity, import, dealloc } => self.op_call_ext(*arity, *import, calls::Kind::Last(*dealloc))?,
                I::CallExtOnly { arity, import } => self.op_call_ext(*arity, *import, calls::Kind::Only)?,
                I::CallFun { arity } => self.op_call_fun(*arity, calls::Kind::Body)?,
                I::CallFunLast { arity, dealloc } => self.op_call_fun(*arity, calls::Kind::fun_last(*dealloc))?,
                I::Apply { arity } => self.op_apply(*arity, calls::Kind::Body)?,
                I::ApplyLast { arity, dealloc } => self.op_apply(*arity, calls::Kind::fun_last(*dealloc))?,
                I::Bif { import, args, dst, fail } => self.op_bif(*import, args, *dst, *fail)?,
                I::Move { src, dst } => self.op_move(*src, *dst),
                I::Init { dst } => self.put(*dst, Term::NIL),
                I::GetList { src, head, tail } => self.op_get_list(*src, *head, *tail)?,
                I::GetHd { src, dst } => self.op_get_hd(*src, *dst)?,
                I::GetTl { src, dst } => self.op_get_tl(*src, *dst)?,
                I::GetTupleElement { src, index, dst } => self.op_get_tuple_element(*src, *index, *dst)?,
                I::PutList { head, tail, dst } => self.op_put_list(*head, *tail, *dst),
                I::PutTuple { elements, dst } => self.op_put_tuple(elements, *dst),
                I::MakeFun { lambda, free, dst } => self.op_make_fun(*lambda, free, *dst)?,
                I::Arith { op, a, b, dst, fail } => self.op_arith(*op, *a, *b, *dst, *fail)?,
                I::Unary { op, a, dst, fail } => self.op_unary(*op, *a, *dst, *fail)?,
                I::Cmp { fail, op, a, b } => self.op_cmp(*fail, *op, *a, *b),
                I::Test { fail, src, ty } => self.op_test(*fail, *src, *ty),
                I::IsFunction2 { fail, src, arity } => self.op_is_function2(*fail, *src, *arity),
                I::TestArity { fail, src, arity } => self.op_test_arity(*fail, *src, *arity),
                I::IsTaggedTuple { fail, src, arity, tag } => self.op_is_tagged_tuple(*fail, *src, *arity, *tag),
                I::SelectVal { src, fail, cases } => self.op_select_val(*src, *fail, cases),
                I::SelectTupleArity { src, fail, cases } => self.op_select_tuple_arity(*src, *fail, cases),
                I::Jump { target } => self.jump(*target),
                I::PutMap { kind, src, dst, pairs, fail } => self.op_put_map(*kind, *src, *dst, pairs, *fail)?,
                I::HasMapFields { fail, src, keys } => self.op_has_map_fields(*fail, *src, keys),
                I::GetMapElements { fail, src, pairs } => self.op_get_map_elements(*fail, *src, pairs),
                I::BsCreate { segments, dst, fail } => self.op_bs_create(segments, *dst, *fail)?,
                I::BsStartMatch { fail, src, dst } => self.op_bs_start_match(*fail, *src, *dst),
                I::BsGet { fail, ctx, ty, size, unit, flags, dst } => self.op_bs_get(*fail, *ctx, *ty, *size, *unit, *flags, *dst)?,
                I::BsSkip { fail, ctx, size, unit } => self.op_bs_skip(*fail, *ctx, *size, *unit)?,
                I::BsTestTail { fail, ctx, bits } => self.op_bs_test_tail(*fail, *ctx, *bits),
                I::BsTestUnit { fail, ctx, unit } => self.op_bs_test_unit(*fail, *ctx, *unit),
                I::BsGetPosition { ctx, dst } => self.op_bs_get_position(*ctx, *dst),
                I::BsSetPosition { ctx, pos } => self.op_bs_set_position(*ctx, *pos)?,
                I::BsGetTail { ctx, dst } => self.op_bs_get_tail(*ctx, *dst),
                I::Try { y, handler } | I::Catch { y, handler } => self.op_try(*y, *handler),
                I::TryEnd { y } => self.op_try_end(*y),
                I::TryCase { y } => self.op_try_case(*y),
                I::TryCaseEnd { src } => self.op_raise_tagged(crate::atom::TRY_CLAUSE, *src)?,
                I::CatchEnd { y } => self.op_catch_end(*y),
                I::Raise { class, reason, stack } => self.op_raise(*class, *reason, *stack)?,
                I::Badmatch { src } => self.op_raise_tagged(crate::atom::BADMATCH, *src)?,
                I::CaseEnd { src } => self.op_raise_tagged(crate::atom::CASE_CLAUSE, *src)?,
                I::IfEnd => self.op_raise_atom(crate::atom::IF_CLAUSE)?,
                I::Badrecord { src } => self.op_raise_tagged(crate::atom::BADRECORD, *src)?,
                I::Error { reason } => self.op_error(*reason)?,
                I::Send => self.op_send()?,
                I::LoopRec { fail, dst } => self.op_loop_rec(*fail, *dst)?,
                I::LoopRecEnd { target } => self.op_loop_rec_end(*target),
                I::RemoveMessage => self.op_remove_message(),
                I::Wait { target } => self.op_wait(*target)?,
                I::WaitTimeout { target, timeout } => self.op_wait_timeout(*target, *timeout)?,
                I::Timeout => self.op_timeout(),
            }
        }
        Ok(())
    }

    // ---- operands ----

    /// Reads a source operand.
    #[inline(always)]
    pub fn get(&self, s: Src) -> Term {
        match s {
            Src::X(r) => self.x[r.0 as usize],
            Src::Y(r) => self.p.stack[self.p.ybase + r.0 as usize],
            Src::Atom(a) => Term::atom(self.m.atoms[a.0 as usize]),
            Src::Int(n) => Term::small(n),
            Src::Nil => Term::NIL,
            Src::Lit(i) => self.m.literals[i.0 as usize],
        }
    }

    /// Reads a packed source operand.
    #[inline(always)]
    pub fn get_op(&self, o: Opnd) -> Term {
        let i = o.index();
        match o.kind() {
            packed::OPND_X => self.x[i],
            packed::OPND_Y => self.p.stack[self.p.ybase + i],
            _ => self.consts[i],
        }
    }

    /// Writes a destination operand.
    #[inline(always)]
    pub fn put(&mut self, d: Dst, t: Term) {
        match d {
            Dst::X(r) => self.x[r.0 as usize] = t,
            Dst::Y(r) => self.p.stack[self.p.ybase + r.0 as usize] = t,
        }
    }

    #[inline(always)]
    pub fn jump(&mut self, l: Label) {
        self.pc = l.0 as usize;
    }

    /// Switches to another module version at `pc`.
    #[inline]
    pub fn enter(&mut self, version: u32, pc: u32) -> Step {
        if version != self.version {
            let code = self.ctx.code;
            let Some(v) = code.version(version) else {
                let reason = missing_version(self.ctx.code, self.ctx.shared, version);
                return Err(Interrupt::Stop(SliceOutcome::Exited { reason }));
            };
            self.m = &v.loaded;
            self.code = &v.loaded.module.code;
            self.ops = &v.packed.ops;
            self.consts = &v.packed.consts;
            self.version = version;
        }
        self.pc = pc as usize;
        Ok(())
    }

    /// Charges one reduction at a call or return, where `x[..live]` are the live X registers;
    /// yields when the budget is used up (the process resumes at `pc`).
    #[inline(always)]
    pub fn charge(&mut self, live: usize) -> Step {
        self.budget -= 1;
        if self.budget <= 0 {
            self.p.live = live;
            return Err(Interrupt::Stop(SliceOutcome::Yielded));
        }
        Ok(())
    }

    /// A safe point with `live` X registers: collects if the heap asks for it.
    #[inline(always)]
    pub fn gc(&mut self, live: usize) {
        if self.p.heap.wants_gc() {
            self.p.collect(&mut self.x[..], live, 0);
            if self.p.heap_limit_hit {
                // Past `max_heap_size`: end the slice soon (see `over_heap_limit`).
                self.budget = self.budget.min(1);
            }
        }
    }

    /// An interrupt that kills the process with an internal error.
    #[cold]
    pub fn internal(&self, what: String) -> Interrupt {
        Interrupt::Stop(SliceOutcome::Exited {
            reason: ExitReason::Internal(format!(
                "{what} (in {} at instruction {})",
                self.m.module.name,
                self.pc.saturating_sub(1)
            )),
        })
    }

    /// The instruction index of the instruction being executed.
    #[inline]
    pub fn fault_pc(&self) -> u32 {
        self.pc.saturating_sub(1) as u32
    }
}
