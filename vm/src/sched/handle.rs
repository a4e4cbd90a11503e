//! What a process does with the signals in its inbox: messages go to the mailbox; exit signals
//! become `{'EXIT', From, Reason}` messages, are ignored, or end the process (the rules of OTP's
//! "Processes" reference manual, section "Receiving Exit Signals"); link and monitor signals
//! update its bookkeeping. Runs on the scheduler thread that owns the process.

use super::System;
use crate::atom;
use crate::process::Process;
use crate::signal::{ExitKind, Signal};
use crate::term::Term;

/// The process must end with this reason (a term on its heap).
pub struct Die(pub Term);

impl System {
    /// Handles `signals` in order. Stops at the first one that ends the process; the signals
    /// after it go back to the front of the inbox, where the exit answers them as a dead
    /// process does (a link or monitor request that arrives with the fatal signal still gets its
    /// `noproc`-style answer).
    /// `signals` is emptied and kept as the process's spare buffer.
    pub(crate) fn handle_signals(
        &self,
        p: &mut Process,
        mut signals: Vec<Signal>,
    ) -> Result<(), Die> {
        let mut rest = signals.drain(..);
        while let Some(signal) = rest.next() {
            if let Err(die) = self.handle_signal(p, signal) {
                let rest: Vec<Signal> = rest.collect();
                if !rest.is_empty() {
                    if let Some(pcb) = self.lookup(p.pid) {
                        let mut inbox = pcb.lock_inbox();
                        let newer = std::mem::replace(&mut inbox.signals, rest);
                        inbox.signals.extend(newer);
                    }
                }
                return Err(die);
            }
        }
        drop(rest);
        p.signal_buf = signals;
        Ok(())
    }

    fn handle_signal(&self, p: &mut Process, signal: Signal) -> Result<(), Die> {
        match signal {
            Signal::Message(m) => {
                let t = m.into_heap(&mut p.heap);
                p.mailbox.push(t);
            }
            Signal::Exit { from, reason, kind } => {
                if kind == ExitKind::Link {
                    let Some(i) = p.links.iter().position(|&l| l == from) else {
                        return Ok(());
                    };
                    p.links.swap_remove(i);
                }
                let reason = reason.into_heap(&mut p.heap);
                if kind == ExitKind::Fatal {
                    return Err(Die(reason));
                }
                let kill = reason == Term::atom(atom::KILL);
                if kind == ExitKind::Exit2 && kill {
                    return Err(Die(Term::atom(atom::KILLED)));
                }
                if p.trap_exit {
                    let msg = p
                        .heap
                        .tuple(&[Term::atom(atom::EXIT_TAG), Term::pid(from), reason]);
                    p.mailbox.push(msg);
                } else if reason == Term::atom(atom::NORMAL) {
                    // `exit(self(), normal)` ends a process that does not trap exits.
                    if kind == ExitKind::Exit2 && from == p.pid {
                        return Err(Die(reason));
                    }
                } else {
                    return Err(Die(reason));
                }
            }
            Signal::Link { from } => {
                if !p.links.contains(&from) {
                    p.links.push(from);
                }
            }
            Signal::Unlink { from } => p.links.retain(|&l| l != from),
            Signal::Monitor { from, reference } => p.watchers.push((reference, from)),
            Signal::Demonitor { reference } => p.watchers.retain(|&(r, _)| r != reference),
            Signal::Down { reference, msg } => {
                // A monitor removed by `demonitor` delivers nothing, even if its 'DOWN' was
                // already on the way.
                if let Some(i) = p.monitors.iter().position(|m| m.reference == reference) {
                    let m = p.monitors.swap_remove(i);
                    let mut t = msg.into_heap(&mut p.heap);
                    // A monitor by name reports the "who" as `{Name, Node}`.
                    if let (Some(name), Some([tag, r, kind, _, reason])) = (m.name, t.as_tuple_n())
                    {
                        let node = Term::atom(self.shared.atoms.intern("nonode@nohost"));
                        let who = p.heap.tuple(&[Term::atom(name), node]);
                        t = p.heap.tuple(&[tag, r, kind, who, reason]);
                    }
                    p.mailbox.push(t);
                }
            }
            Signal::Timeout => {}
        }
        Ok(())
    }
}
