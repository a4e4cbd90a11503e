//! Exceptions: the `Try`/`Catch` family of handlers, the raising instructions, and
//! `handle_exception`, which builds the stack trace, unwinds the process stack to the innermost
//! catch marker and jumps to its handler (or ends the process when there is none).
//!
//! Handlers receive the exception as BEAM's do: `x0` is the non-value (so `CatchEnd` can tell an
//! exception from a normal result), `x1` the class, `x2` the reason, `x3` the stack trace.
//! `TryCase` shifts these to `x0..x2`.

use super::{ExitReason, Interrupt, SliceOutcome, Step, Vm};
use crate::atom;
use crate::native::{Class, Exception};
use crate::process::{CaughtException, CodePtr};
use crate::stacktrace;
use crate::term::{Atom, Term, TAG_CATCH};
use krarup_bytecode::opcode::{Label, Src, YReg};

impl<'a> Vm<'a> {
    pub(crate) fn op_try(&mut self, y: YReg, handler: Label) {
        self.p.stack[self.p.ybase + y.0 as usize] = Term::catch_marker(handler.0);
    }

    pub(crate) fn op_try_end(&mut self, y: YReg) {
        self.p.stack[self.p.ybase + y.0 as usize] = Term::NIL;
    }

    pub(crate) fn op_try_case(&mut self, y: YReg) {
        self.op_try_end(y);
        let x = &mut self.x;
        x[0] = x[1];
        x[1] = x[2];
        x[2] = x[3];
    }

    pub(crate) fn op_catch_end(&mut self, y: YReg) {
        self.op_try_end(y);
        if !self.x[0].is_none() {
            return;
        }
        let (class, reason, stack) = (self.x[1], self.x[2], self.x[3]);
        let heap = &mut self.p.heap;
        let exit = Term::atom(atom::EXIT_TAG);
        self.x[0] = match class.as_atom() {
            Some(atom::THROW) => reason,
            Some(atom::ERROR) => {
                let inner = heap.tuple(&[reason, stack]);
                heap.tuple(&[exit, inner])
            }
            _ => heap.tuple(&[exit, reason]),
        };
    }

    pub(crate) fn op_raise(&mut self, class: Src, reason: Src, stack: Src) -> Step {
        let (c, r, s) = (self.get(class), self.get(reason), self.get(stack));
        match class_of(c) {
            Some(class) => Err(Interrupt::Raise(Exception {
                class,
                reason: r,
                stacktrace: Some(s),
                args: None,
            })),
            None => Err(Exception::badarg().into()),
        }
    }

    /// Raises `error:{Tag, Src}` (badmatch, case_clause, try_clause, badrecord).
    pub(crate) fn op_raise_tagged(&mut self, tag: Atom, src: Src) -> Step {
        let v = self.get(src);
        let r = self.p.heap.tuple(&[Term::atom(tag), v]);
        Err(Exception::error(r).into())
    }

    pub(crate) fn op_raise_atom(&mut self, a: Atom) -> Step {
        Err(Exception::error(Term::atom(a)).into())
    }

    pub(crate) fn op_error(&mut self, reason: Src) -> Step {
        Err(Exception::error(self.get(reason)).into())
    }

    /// Delivers an exception raised by the instruction before `pc`: builds its stack trace,
    /// unwinds to the innermost catch marker and continues at its handler. `Err` when nothing
    /// catches it (the process ends).
    pub(crate) fn handle_exception(&mut self, e: Exception) -> Result<(), SliceOutcome> {
        let top = self.pending_entry.take();
        let trace = match e.stacktrace {
            Some(st) => st,
            None => self.build_stacktrace(top, e.args),
        };
        let caught = CaughtException {
            class: e.class,
            reason: e.reason,
            stacktrace: trace,
        };
        let Some(slot) = self.p.stack.iter().rposition(|t| t.tag() == TAG_CATCH) else {
            return Err(SliceOutcome::Exited {
                reason: ExitReason::Exception(caught),
            });
        };
        let handler = self.p.stack[slot].as_catch().unwrap_or(0);
        let Some(frame) = self.p.frames().find(|f| f.base <= slot) else {
            return Err(SliceOutcome::Exited {
                reason: ExitReason::Internal("catch marker outside any frame".into()),
            });
        };
        self.p.unwind_to(frame);
        self.p.cp = CodePtr::INVALID;
        if let Err(Interrupt::Stop(outcome)) = self.enter(frame.version, handler) {
            return Err(outcome);
        }
        let x = &mut self.x;
        x[0] = Term::NONE;
        x[1] = Term::atom(e.class.atom());
        x[2] = e.reason;
        x[3] = trace;
        self.p.last_exception = Some(caught);
        // A `receive` left by the exception must not leave its deadline or its save pointer
        // behind: the next `receive` scans the mailbox from the start.
        self.p.timer = None;
        self.p.mailbox.save = 0;
        Ok(())
    }

    /// The stack trace of an exception raised at `fault_pc`: the faulting function (unless `top`
    /// is a failed tail call, whose caller has left), then `cp` if it is live, then every frame's
    /// return address, at most `stacktrace::MAX_DEPTH` entries.
    fn build_stacktrace(
        &mut self,
        top: Option<stacktrace::NativeEntry>,
        args: Option<Term>,
    ) -> Term {
        let mut positions = Vec::with_capacity(stacktrace::MAX_DEPTH);
        if !top.is_some_and(|t| t.tail_call) {
            positions.push(stacktrace::Position {
                version: self.version,
                pc: self.fault_pc(),
            });
        }
        let p = &*self.p;
        let returns = std::iter::once(p.cp).chain(p.frames().map(|f| f.cp));
        // As BEAM's stack walk, record a return address only when it differs from the previous
        // one, so a failing body recursion shows its function once.
        let mut prev = None;
        for cp in returns.filter(|cp| cp.is_code()) {
            if positions.len() >= stacktrace::MAX_DEPTH {
                break;
            }
            if prev == Some(cp) {
                continue;
            }
            prev = Some(cp);
            // A return address points after the call; the call's own line is the one to report.
            positions.push(stacktrace::Position {
                version: cp.version(),
                pc: cp.pc().saturating_sub(1),
            });
        }
        let code = self.ctx.code;
        let atoms = &self.ctx.shared.atoms;
        let launcher = self.p.launcher_frames;
        stacktrace::build(
            &mut self.p.heap,
            code,
            atoms,
            &positions,
            top,
            args,
            launcher,
        )
    }
}

/// The class named by an atom term.
pub(crate) fn class_of(t: Term) -> Option<Class> {
    match t.as_atom()? {
        atom::ERROR => Some(Class::Error),
        atom::EXIT => Some(Class::Exit),
        atom::THROW => Some(Class::Throw),
        _ => None,
    }
}
