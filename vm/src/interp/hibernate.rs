//! `erlang:hibernate/3`: the process drops its stack, collects its heap, and waits for a message
//! without taking it; then it calls `M:F(Args)` with an empty stack (so when that returns, the
//! process ends). While it waits, `process_info(P, current_function)` is
//! `{erlang, hibernate, 3}` and its stack trace is `[]`. Behaviour follows the `erlang` module
//! reference of OTP 25 (checked against erl: a message already queued wakes it at once, and an
//! undefined `M:F` raises `undef` with only `{M, F, Args, []}` in the trace).

use super::calls::Kind;
use super::{Interrupt, SliceOutcome, Step, Vm};
use crate::native::Exception;
use crate::process::CodePtr;
use crate::term::Term;

impl<'a> Vm<'a> {
    /// `hibernate(M, F, Args)` with the three in `x0..x2`.
    pub(crate) fn hibernate(&mut self) -> Step {
        let (m, f, args) = (self.x[0], self.x[1], self.x[2]);
        let argv = match crate::ops::list_to_vec(args) {
            Some(v) if m.is_atom() && f.is_atom() && v.len() + 2 <= crate::process::X_REGS => v,
            _ => {
                let rb = crate::code::runtime_bifs::RuntimeBif::Hibernate3;
                return Err(self.runtime_bif_error(rb, 3, Exception::badarg()));
            }
        };
        let n = argv.len();
        // The stack (catches included) is gone: nothing the caller set up survives.
        self.p.stack.clear();
        self.p.ybase = 0;
        self.p.cp = CodePtr::EXIT;
        self.p.timer = None;
        self.x[..n].copy_from_slice(&argv);
        self.x[n] = m;
        self.x[n + 1] = f;
        self.p.hibernating = Some(n as u8);
        self.p.collect_major(&mut self.x[..], n + 2);
        self.wake_or_sleep()
    }

    /// For a hibernating process (arguments in `x0..xN`, then `M`, `F`): calls `M:F` if a
    /// message is queued, else ends the slice waiting again (any other signal, a link say,
    /// does not wake it).
    pub(crate) fn wake_or_sleep(&mut self) -> Step {
        let Some(n) = self.p.hibernating else {
            return Ok(());
        };
        self.fetch_signals()?;
        let n = n as usize;
        if self.p.mailbox.is_empty() {
            self.p.saved_x.clear();
            self.p.saved_x.extend_from_slice(&self.x[..n + 2]);
            return Err(Interrupt::Stop(SliceOutcome::Waiting { timeout_ms: None }));
        }
        self.p.hibernating = None;
        self.p.mailbox.save = 0;
        let (m, f) = (self.x[n], self.x[n + 1]);
        self.apply_mfa(m, f, n as u8, Kind::Only)
    }
}

/// The `{erlang, hibernate, 3}` entry `process_info` shows for a hibernating process.
pub(crate) fn hibernate_mfa(atoms: &crate::atom::AtomTable) -> [Term; 3] {
    [
        Term::atom(crate::atom::ERLANG),
        Term::atom(atoms.intern("hibernate")),
        Term::small(3),
    ]
}
