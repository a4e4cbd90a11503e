//! Handlers for messages: `Send` and the `receive` loop (`LoopRec`, `LoopRecEnd`,
//! `RemoveMessage`, `Wait`, `WaitTimeout`, `Timeout`) over the process's mailbox and its save
//! pointer. Waiting ends the slice with `SliceOutcome::Waiting`; the runtime resumes the
//! process at the loop head when a message arrives or the timer fires.

use super::{Interrupt, SliceOutcome, Step, Vm};
use crate::atom;
use crate::native::Exception;
use crate::term::Term;
use krarup_bytecode::opcode::{Dst, Label, Src};
use std::time::{Duration, Instant};

impl<'a> Vm<'a> {
    /// `x0 ! x1`; the message stays in `x0`.
    pub(crate) fn op_send(&mut self) -> Step {
        let (to, msg) = (self.x[0], self.x[1]);
        self.deliver(to, msg)?;
        self.x[0] = msg;
        // A reduction, but not a yield point: X registers other than x0 may be live here.
        self.budget -= 1;
        Ok(())
    }

    /// Delivers `msg` to `to`: a pid, a process alias, a registered name, or `{Name, Node}`
    /// (`erlang:send/2`).
    /// A message to oneself is already on the right heap and goes straight to the mailbox; others
    /// are copied. Sending to a dead pid, or to `{Name, node()}` with no such name, does nothing;
    /// an unregistered bare name is `badarg`.
    pub(crate) fn deliver(&mut self, to: Term, msg: Term) -> Result<(), Interrupt> {
        let pid = if let Some(pid) = to.as_pid() {
            pid
        } else if let Some(alias) = crate::signal::ref_id(to) {
            // A process alias: delivered only while it is active (`aliases.rs`).
            self.send_to_alias(alias, msg);
            return Ok(());
        } else if let Some(name) = to.as_atom() {
            self.ctx.sys.whereis(name).ok_or_else(Exception::badarg)?
        } else {
            match to.as_tuple_n() {
                Some([name, node]) if name.is_atom() && node.is_atom() => {
                    let local_node =
                        node == Term::atom(self.ctx.shared.atoms.intern("nonode@nohost"));
                    match name.as_atom().and_then(|n| self.ctx.sys.whereis(n)) {
                        Some(pid) if local_node => pid,
                        _ => return Ok(()),
                    }
                }
                _ => return Err(Exception::badarg().into()),
            }
        };
        if pid == self.p.pid {
            self.p.mailbox.push(msg);
        } else {
            self.ctx.sys.send_message(self.p.pid, pid, msg);
        }
        Ok(())
    }

    /// Reads the message at the save pointer. At the end of the mailbox, first takes in the
    /// signals that arrived since the slice began (messages join the mailbox; an exit signal may
    /// end the process here).
    pub(crate) fn op_loop_rec(&mut self, fail: Label, dst: Dst) -> Step {
        if self.p.mailbox.current().is_none() {
            self.fetch_signals()?;
        }
        match self.p.mailbox.current() {
            Some(m) => self.put(dst, m),
            None => self.jump(fail),
        }
        Ok(())
    }

    /// Handles the signals waiting in the process's inbox.
    pub(crate) fn fetch_signals(&mut self) -> Step {
        self.ctx.sys.take_in_signals(self.p).map_err(|reason| {
            Interrupt::Stop(SliceOutcome::Exited {
                reason: super::ExitReason::Signal(reason),
            })
        })
    }

    pub(crate) fn op_loop_rec_end(&mut self, target: Label) {
        self.p.mailbox.save += 1;
        self.jump(target);
    }

    pub(crate) fn op_remove_message(&mut self) {
        self.p.mailbox.remove_current();
        self.p.timer = None;
    }

    pub(crate) fn op_wait(&mut self, target: Label) -> Step {
        self.jump(target);
        Err(Interrupt::Stop(SliceOutcome::Waiting { timeout_ms: None }))
    }

    pub(crate) fn op_wait_timeout(&mut self, target: Label, timeout: Src) -> Step {
        let t = self.get(timeout);
        let ms: u64 = if t == Term::atom(atom::INFINITY) {
            return self.op_wait(target);
        } else if let Some(n) = t.as_small().filter(|n| (0..=0xFFFF_FFFF).contains(n)) {
            // BEAM's limit: a timeout is a 32-bit count of milliseconds.
            n as u64
        } else {
            return Err(Exception::error(Term::atom(atom::TIMEOUT_VALUE)).into());
        };
        let now = Instant::now();
        let deadline = match self.p.timer {
            Some(d) => d,
            None if ms == 0 => return Ok(()),
            None => {
                let d = now
                    .checked_add(Duration::from_millis(ms))
                    .unwrap_or(now + Duration::from_secs(1 << 32));
                self.p.timer = Some(d);
                d
            }
        };
        if now >= deadline {
            // Timed out: fall through to the `Timeout` instruction.
            self.p.timer = None;
            return Ok(());
        }
        self.jump(target);
        let left = deadline.duration_since(now);
        let left_ms = left.as_nanos().div_ceil(1_000_000).min(u64::MAX as u128) as u64;
        Err(Interrupt::Stop(SliceOutcome::Waiting {
            timeout_ms: Some(left_ms),
        }))
    }

    pub(crate) fn op_timeout(&mut self) {
        self.p.mailbox.save = 0;
        self.p.timer = None;
    }
}
