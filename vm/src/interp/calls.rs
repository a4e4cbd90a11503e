//! Handlers for frames, calls and returns: `Allocate`, `Deallocate`, `Return`, local, remote,
//! fun and apply calls, and direct builtin calls (`Bif`). Every call and return charges one
//! reduction and is a GC safe point; none recurses on the Rust stack.

use super::{ExitReason, Interrupt, SliceOutcome, Step, Vm};
use crate::atom;
use crate::code::table::Target;
use crate::native::{Exception, NativeCtx, NativeFn, PendingTrap, Trap};
use crate::process::{CodePtr, X_REGS};
use crate::stacktrace::NativeEntry;
use crate::term::{Atom, Term, Words, SUB_EXPORT, SUB_FUN};
use krarup_bytecode::opcode::{Dst, ImportIdx, Label, Src};

/// How a call leaves the caller.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A body call: `cp :=` the next instruction.
    Body,
    /// A tail call after deallocating a frame of this many slots.
    Last(u16),
    /// A tail call with no frame to drop.
    Only,
}

impl Kind {
    /// The kind of a `CallFunLast`/`ApplyLast`: there a count of 0 means "no frame open"
    /// (unlike `CallLast`, where it closes a frame of 0 slots).
    pub fn fun_last(dealloc: u16) -> Kind {
        if dealloc == 0 {
            Kind::Only
        } else {
            Kind::Last(dealloc)
        }
    }
}

impl<'a> Vm<'a> {
    // ---- frames ----

    pub(crate) fn op_func_info(&mut self, arity: u8) -> Step {
        // A fun's code takes its free variables after the caller's arguments; OTP reports only
        // the caller's arguments.
        let entry = self.pc as u32;
        let shown = self
            .ctx
            .code
            .module(self.version)
            .and_then(|m| m.module.lambdas.iter().find(|l| l.entry.0 == entry))
            .map_or(arity, |l| l.arity);
        let args = self.args_list(shown as usize);
        let mut e = Exception::error(Term::atom(atom::FUNCTION_CLAUSE));
        e.args = Some(args);
        Err(e.into())
    }

    pub(crate) fn op_allocate(&mut self, slots: u16, live: u16) {
        self.gc(live as usize);
        self.p.push_frame(slots as usize, self.version);
    }

    pub(crate) fn op_deallocate(&mut self, _slots: u16) {
        self.p.pop_frame();
    }

    pub(crate) fn op_return(&mut self) -> Step {
        self.gc(1);
        let cp = self.p.cp;
        if !cp.is_code() {
            if cp == CodePtr::EXIT {
                return Err(Interrupt::Stop(SliceOutcome::Exited {
                    reason: ExitReason::Normal(self.x[0]),
                }));
            }
            return Err(self.internal("return with no continuation".into()));
        }
        self.p.cp = CodePtr::INVALID;
        self.enter(cp.version(), cp.pc())?;
        self.charge(1)
    }

    // ---- local calls ----

    #[inline(always)]
    pub(crate) fn op_call(&mut self, arity: u8, target: Label) -> Step {
        self.p.cp = CodePtr::new(self.version, self.pc as u32);
        self.gc(arity as usize);
        self.jump(target);
        self.charge(arity as usize)
    }

    #[inline(always)]
    pub(crate) fn op_call_last(&mut self, arity: u8, target: Label, dealloc: u16) -> Step {
        self.op_deallocate(dealloc);
        self.gc(arity as usize);
        self.jump(target);
        self.charge(arity as usize)
    }

    #[inline(always)]
    pub(crate) fn op_call_only(&mut self, arity: u8, target: Label) -> Step {
        self.gc(arity as usize);
        self.jump(target);
        self.charge(arity as usize)
    }

    // ---- remote calls ----

    pub(crate) fn op_call_ext(&mut self, arity: u8, import: ImportIdx, kind: Kind) -> Step {
        let target = self.import_target(import)?;
        let (m, f) = self.import_name(import);
        self.invoke(target, m, f, arity, kind)
    }

    /// Where import `i` of the current version leads.
    fn import_target(&self, i: ImportIdx) -> Result<Target, Interrupt> {
        match self.ctx.code.version(self.version) {
            Some(v) => v
                .imports
                .get(i.0 as usize)
                .copied()
                .ok_or_else(|| self.internal(format!("import {} out of range", i.0))),
            None => Err(self.internal("current version missing".into())),
        }
    }

    fn import_name(&self, i: ImportIdx) -> (Atom, Atom) {
        match self.m.imports.get(i.0 as usize) {
            Some(imp) => (imp.module, imp.function),
            None => (atom::UNDEFINED, atom::UNDEFINED),
        }
    }

    /// Calls `target` (named `m:f`) with `x0..x[arity-1]`, leaving the caller as `kind` says.
    pub(crate) fn invoke(
        &mut self,
        target: Target,
        m: Atom,
        f: Atom,
        arity: u8,
        kind: Kind,
    ) -> Step {
        match target {
            Target::Code { version, pc } => {
                self.leave(kind);
                self.gc(arity as usize);
                self.enter(version, pc)?;
                self.charge(arity as usize)
            }
            Target::Native(nf) => match self.call_native(nf, m, f, arity as usize)? {
                Ok(r) => {
                    self.x[0] = r;
                    self.after_native(kind)
                }
                Err(trap) => {
                    self.leave(kind);
                    self.park_trap(trap, m, f, arity as usize)
                }
            },
            Target::Runtime(rb) => self.runtime_bif(rb, arity, kind),
            Target::Undef => {
                if let Some(t) = self.autoload(m, f, arity) {
                    let apply = self.ctx.shared.atoms.intern("apply_loaded");
                    return self.invoke(t, m, apply, 3, kind);
                }
                // A tail call has left its caller before BEAM finds the function missing.
                let tail = !matches!(kind, Kind::Body);
                if tail {
                    self.leave(kind);
                }
                Err(self.undef(m, f, arity as usize, tail))
            }
        }
    }

    /// The caller's side of a call: save the continuation or drop the frame.
    #[inline(always)]
    fn leave(&mut self, kind: Kind) {
        match kind {
            Kind::Body => self.p.cp = CodePtr::new(self.version, self.pc as u32),
            Kind::Last(n) => self.op_deallocate(n),
            Kind::Only => {}
        }
    }

    /// After a builtin returned in `x0`: continue (body call) or return to `cp` (tail call).
    pub(crate) fn after_native(&mut self, kind: Kind) -> Step {
        match kind {
            Kind::Body => Ok(()),
            Kind::Last(n) => {
                self.op_deallocate(n);
                self.op_return()
            }
            Kind::Only => self.op_return(),
        }
    }

    /// Runs a builtin on `x0..x[arity-1]`, charging its extra reductions, and the continuations
    /// it traps to while the slice has reductions left. `Ok(Err(trap))`: the slice ran out with
    /// the work unfinished. On error the exception gets the builtin's own stack entry
    /// `{M, F, Args}` as OTP reports BIF errors (except for the raising builtins `error`, `exit`,
    /// `throw`).
    pub(crate) fn call_native(
        &mut self,
        nf: NativeFn,
        m: Atom,
        f: Atom,
        arity: usize,
    ) -> Result<Result<Term, Trap>, Interrupt> {
        self.ctx.sys.wake_for_queued();
        let p = &mut *self.p;
        let mut ctx = NativeCtx::new(&mut p.heap, &mut p.dict, self.ctx.shared, Term::pid(p.pid));
        let mut r = nf(&mut ctx, &self.x[..arity]);
        self.budget -= ctx.extra_reductions.min(isize::MAX as usize) as isize;
        while r.is_ok() {
            let Some(trap) = ctx.trap.take() else { break };
            if self.budget <= 0 {
                return Ok(Err(trap));
            }
            ctx.extra_reductions = 0;
            ctx.resume = Some(trap.state);
            r = (trap.next)(&mut ctx, &trap.args);
            self.budget -= ctx.extra_reductions.min(isize::MAX as usize) as isize;
        }
        let cause = ctx.error_cause;
        match r {
            Ok(t) => Ok(Ok(t)),
            Err(e) => {
                let i = self.native_error(e, m, f, arity);
                if let Some(entry) = self.pending_entry.as_mut() {
                    entry.cause = cause;
                }
                Err(i)
            }
        }
    }

    /// Ends the slice with `trap` pending in the process; the caller has already left as its
    /// call kind says, so the result will be returned to `cp` (`resume_trap`). The original
    /// arguments `x0..x[arity-1]` are kept as a list after the trap's own arguments.
    fn park_trap(&mut self, trap: Trap, m: Atom, f: Atom, arity: usize) -> Step {
        let original = self.args_list(arity);
        let nargs = trap.args.len();
        if nargs + 1 > X_REGS {
            return Err(self.internal("a trap with too many arguments".into()));
        }
        self.x[..nargs].copy_from_slice(&trap.args);
        self.x[nargs] = original;
        self.p.trap = Some(PendingTrap {
            next: trap.next,
            state: trap.state,
            nargs,
            module: m,
            function: f,
        });
        self.p.live = nargs + 1;
        Err(Interrupt::Stop(SliceOutcome::Yielded))
    }

    /// Continues the builtin that trapped at the end of the last slice (`park_trap`): runs its
    /// continuations while the slice lasts, then returns the result to `cp`.
    pub(crate) fn resume_trap(&mut self, pending: PendingTrap) -> Step {
        let PendingTrap {
            next,
            state,
            nargs,
            module,
            function,
        } = pending;
        let args: Vec<Term> = self.x[..nargs].to_vec();
        let original = self.x[nargs];
        let p = &mut *self.p;
        let mut ctx = NativeCtx::new(&mut p.heap, &mut p.dict, self.ctx.shared, Term::pid(p.pid));
        ctx.resume = Some(state);
        let mut r = next(&mut ctx, &args);
        self.budget -= ctx.extra_reductions.min(isize::MAX as usize) as isize;
        while r.is_ok() {
            let Some(trap) = ctx.trap.take() else { break };
            if self.budget <= 0 {
                // Keep the original argument list where `park_trap` would have put it.
                let n = trap.args.len();
                self.x[..n].copy_from_slice(&trap.args);
                self.x[n] = original;
                self.p.trap = Some(PendingTrap {
                    next: trap.next,
                    state: trap.state,
                    nargs: n,
                    module,
                    function,
                });
                self.p.live = n + 1;
                return Err(Interrupt::Stop(SliceOutcome::Yielded));
            }
            ctx.extra_reductions = 0;
            ctx.resume = Some(trap.state);
            r = (trap.next)(&mut ctx, &trap.args);
            self.budget -= ctx.extra_reductions.min(isize::MAX as usize) as isize;
        }
        match r {
            Ok(t) => {
                self.x[0] = t;
                self.op_return()
            }
            Err(e) => {
                if e.stacktrace.is_none() && e.args.is_none() {
                    self.pending_entry = Some(NativeEntry {
                        module,
                        function,
                        args: original,
                        error_info: true,
                        tail_call: false,
                        cause: None,
                    });
                }
                Err(Interrupt::Raise(e))
            }
        }
    }

    /// Decorates a builtin's exception with the builtin's stack entry.
    pub(crate) fn native_error(
        &mut self,
        e: Exception,
        m: Atom,
        f: Atom,
        arity: usize,
    ) -> Interrupt {
        if e.stacktrace.is_none() && e.args.is_none() && !self.is_raising_bif(m, f) {
            let args = self.args_list(arity);
            self.pending_entry = Some(NativeEntry {
                module: m,
                function: f,
                args,
                error_info: true,
                tail_call: false,
                cause: None,
            });
        }
        Interrupt::Raise(e)
    }

    /// `undef` for `m:f/arity` with the arguments in `x0..`, as OTP reports it. `tail`: the call
    /// was a tail call whose caller has already left (its position is then not in the trace).
    pub(crate) fn undef(&mut self, m: Atom, f: Atom, arity: usize, tail: bool) -> Interrupt {
        let args = self.args_list(arity);
        self.pending_entry = Some(NativeEntry {
            module: m,
            function: f,
            args,
            error_info: false,
            tail_call: tail,
            cause: None,
        });
        Interrupt::Raise(Exception::error(Term::atom(atom::UNDEF)))
    }

    /// The list `[x0, ..., x[n-1]]`.
    pub(crate) fn args_list(&mut self, n: usize) -> Term {
        let n = n.min(X_REGS);
        let p = &mut *self.p;
        p.heap.list(&self.x[..n])
    }

    // ---- direct builtin calls ----

    pub(crate) fn op_bif(
        &mut self,
        import: ImportIdx,
        args: &[Src],
        dst: Dst,
        fail: Option<Label>,
    ) -> Step {
        let target = self.import_target(import)?;
        let (m, f) = self.import_name(import);
        // Builtins take their arguments in x registers; a `Bif` names them as operands, so stage
        // them in a buffer first (the builtin sees a slice either way).
        let mut buf = [Term::NIL; 8];
        let staged: Vec<Term>;
        let argv: &[Term] = if args.len() <= buf.len() {
            for (slot, s) in buf.iter_mut().zip(args) {
                *slot = self.get(*s);
            }
            &buf[..args.len()]
        } else {
            staged = args.iter().map(|s| self.get(*s)).collect();
            &staged
        };
        let r = match target {
            Target::Native(nf) => {
                self.ctx.sys.wake_for_queued();
                // The operands stay live in their registers, so a trapping builtin runs to the
                // end here (guard builtins do not trap).
                let p = &mut *self.p;
                let mut ctx =
                    NativeCtx::new(&mut p.heap, &mut p.dict, self.ctx.shared, Term::pid(p.pid));
                let r = ctx.call_to_end(nf, argv);
                self.budget -= ctx.extra_reductions.min(isize::MAX as usize) as isize;
                r
            }
            Target::Runtime(rb) => self.runtime_bif_value(rb, argv),
            Target::Code { .. } | Target::Undef => {
                return Err(
                    self.internal("Bif instruction names a function that is not a builtin".into())
                )
            }
        };
        match r {
            Ok(t) => {
                self.put(dst, t);
                Ok(())
            }
            Err(_) if fail.is_some() => {
                self.jump(fail.unwrap_or(Label(0)));
                Ok(())
            }
            Err(e) => {
                // Report the operands as the builtin's arguments.
                let args_term = self.p.heap.list(argv);
                if e.stacktrace.is_none() && e.args.is_none() && !self.is_raising_bif(m, f) {
                    self.pending_entry = Some(NativeEntry {
                        module: m,
                        function: f,
                        args: args_term,
                        error_info: true,
                        tail_call: false,
                        cause: None,
                    });
                }
                Err(Interrupt::Raise(e))
            }
        }
    }

    /// True for the builtins whose whole job is to raise (`error`, `exit`, `throw`, `raise`): OTP
    /// does not list them in the stack trace.
    fn is_raising_bif(&self, m: Atom, f: Atom) -> bool {
        m == atom::ERLANG
            && matches!(
                &*self.ctx.shared.atoms.name(f),
                "error" | "exit" | "throw" | "raise" | "nif_error"
            )
    }

    // ---- funs ----

    pub(crate) fn op_call_fun(&mut self, arity: u8, kind: Kind) -> Step {
        let fun = self.x[arity as usize];
        self.call_fun_value(fun, arity, kind)
    }

    /// Calls the fun `fun` with `x0..x[arity-1]`.
    pub(crate) fn call_fun_value(&mut self, fun: Term, arity: u8, kind: Kind) -> Step {
        match fun.boxed_subtag() {
            Some(SUB_FUN) => {
                let payload = fun.payload().unwrap_or(Words::EMPTY);
                if payload.len() < 3 {
                    return Err(self.internal("malformed fun object".into()));
                }
                let index = payload.at(1).as_small().unwrap_or(-1);
                let unique = payload.at(2).as_small().unwrap_or(-1) as u64;
                let free = payload.rest(3);
                let code = self.ctx.code;
                let Some(version) = code.version_by_unique(unique) else {
                    return Err(self.badfun(fun));
                };
                let lambda = code
                    .module(version)
                    .and_then(|m| m.module.lambdas.get(index as usize).copied());
                let Some(lambda) = lambda else {
                    return Err(self.badfun(fun));
                };
                if lambda.arity != arity {
                    return Err(self.badarity(fun, arity));
                }
                let start = arity as usize;
                if start + free.len() > X_REGS {
                    return Err(Exception::system_limit().into());
                }
                for (x, t) in self.x[start..start + free.len()].iter_mut().zip(free) {
                    *x = t;
                }
                self.leave(kind);
                self.gc(start + free.len());
                self.enter(version, lambda.entry.0)?;
                self.charge(start + free.len())
            }
            Some(SUB_EXPORT) => {
                let payload = fun.payload().unwrap_or(Words::EMPTY);
                let (Some(m), Some(f), Some(a)) = (
                    payload.first().and_then(|t| t.as_atom()),
                    payload.get(1).and_then(|t| t.as_atom()),
                    payload.get(2).and_then(|t| t.as_small()),
                ) else {
                    return Err(self.internal("malformed export fun".into()));
                };
                if a != arity as i64 {
                    return Err(self.badarity(fun, arity));
                }
                let target = self.ctx.code.resolve(m, f, arity);
                self.invoke(target, m, f, arity, kind)
            }
            _ => Err(self.badfun(fun)),
        }
    }

    fn badfun(&mut self, fun: Term) -> Interrupt {
        let r = self.p.heap.tuple(&[Term::atom(atom::BADFUN), fun]);
        Exception::error(r).into()
    }

    fn badarity(&mut self, fun: Term, arity: u8) -> Interrupt {
        let args = self.args_list(arity as usize);
        let inner = self.p.heap.tuple(&[fun, args]);
        let r = self.p.heap.tuple(&[Term::atom(atom::BADARITY), inner]);
        Exception::error(r).into()
    }

    // ---- apply ----

    pub(crate) fn op_apply(&mut self, arity: u8, kind: Kind) -> Step {
        let m = self.x[arity as usize];
        let f = self.x[arity as usize + 1];
        self.apply_mfa(m, f, arity, kind)
    }

    /// Calls `m:f(x0..x[arity-1])` through the export table.
    pub(crate) fn apply_mfa(&mut self, m: Term, f: Term, arity: u8, kind: Kind) -> Step {
        let (Some(ma), Some(fa)) = (m.as_atom(), f.as_atom()) else {
            return Err(Exception::badarg().into());
        };
        let target = self.ctx.code.resolve(ma, fa, arity);
        self.invoke(target, ma, fa, arity, kind)
    }
}
