//! What a process does with the signals in its inbox: messages go to the mailbox; exit signals
//! become `{'EXIT', From, Reason}` messages, are ignored, or end the process (the rules of OTP's
//! "Processes" reference manual, section "Receiving Exit Signals"); link and monitor signals
//! update its bookkeeping. Runs on the scheduler thread that owns the process.

use super::System;
use crate::atom;
use crate::process::{AliasMode, Process};
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
            Signal::AliasMessage { alias, msg } => {
                let Some(&(_, mode)) = p.aliases.iter().find(|a| a.0 == alias) else {
                    // Sent before the alias ended, arrived after: dropped, as in OTP.
                    return Ok(());
                };
                match mode {
                    AliasMode::Reply => self.end_alias(p, alias),
                    AliasMode::ReplyDemonitor => {
                        self.end_alias(p, alias);
                        if let Some(i) = p.monitors.iter().position(|m| m.reference == alias) {
                            let m = p.monitors.swap_remove(i);
                            p.monitor_tags.retain(|t| t.0 != alias);
                            if m.target != 0 {
                                let signal = Signal::Demonitor { reference: alias };
                                self.post(p.pid, m.target, signal, None);
                            }
                        }
                    }
                    AliasMode::Explicit | AliasMode::Demonitor => {}
                }
                let t = msg.into_heap(&mut p.heap);
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
                    self.monitor_ended(p, reference);
                    // `monitor/3`'s `{tag, Tag}` replaces `'DOWN'`.
                    if let Some(i) = p.monitor_tags.iter().position(|t| t.0 == reference) {
                        let (_, tag) = p.monitor_tags.swap_remove(i);
                        let tag = tag.into_heap(&mut p.heap);
                        if let Some([_, r, kind, who, reason]) = t.as_tuple_n() {
                            t = p.heap.tuple(&[tag, r, kind, who, reason]);
                        }
                    }
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
            Signal::GroupLeader { leader, .. } => p.group_leader = leader,
            Signal::Timeout => {}
        }
        Ok(())
    }

    /// Deactivates alias `alias` of `p`.
    pub(crate) fn end_alias(&self, p: &mut Process, alias: u64) {
        p.aliases.retain(|a| a.0 != alias);
        self.set_alias(alias, None);
    }

    /// The monitor `reference` of `p` is gone (demonitored or `'DOWN'`): an alias tied to it
    /// ends too (`{alias, demonitor | reply_demonitor}`).
    pub(crate) fn monitor_ended(&self, p: &mut Process, reference: u64) {
        let tied = p.aliases.iter().any(|&(a, mode)| {
            a == reference && matches!(mode, AliasMode::Demonitor | AliasMode::ReplyDemonitor)
        });
        if tied {
            self.end_alias(p, reference);
        }
    }
}
