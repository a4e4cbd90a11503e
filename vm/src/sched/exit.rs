//! The end of a process: its exit reason (OTP's rules: `error:R` exits with `{R, Stack}`,
//! `throw:V` with `{{nocatch, V}, Stack}`, `exit:R` with `R`), the crash report for errors and
//! throws (`=ERROR REPORT====`, on stderr), and the signals a dead process sends: an exit signal to
//! every link, a `'DOWN'` message to every monitor, and the answers to requests that arrive after
//! its death.

use super::{MainOutcome, System};
use crate::atom;
use crate::interp::ExitReason;
use crate::native::Class;
use crate::process::Process;
use crate::signal::{make_ref, ExitKind, Message, Pcb, Signal, State};
use crate::term::Term;
use crossbeam_deque::Worker;
use std::io::Write;
use std::sync::Arc;

/// `{'DOWN', Ref, process, Who, Reason}` on a fragment of its own; `None` when the copy of
/// `reason` cannot be allocated (the watcher, whose message it is, then exits with
/// `system_limit`, as for any message that cannot be copied for its receiver).
pub fn down_message(reference: u64, who: Term, reason: Term) -> Option<Message> {
    let mut m = Message::try_copy_of(reason)?;
    let h = m
        .frag
        .get_or_insert_with(|| Box::new(crate::heap::Heap::with_capacity(16)));
    let r = make_ref(h, reference);
    let who = crate::copy::copy_term(h, who);
    m.term = h.tuple(&[
        Term::atom(atom::DOWN),
        r,
        Term::atom(atom::PROCESS),
        who,
        m.term,
    ]);
    Some(m)
}

/// The exit signal a receiver gets when what was meant for it cannot be copied for it.
fn out_of_memory_exit(from: u64) -> Signal {
    Signal::Exit {
        from,
        reason: Message::immediate(Term::atom(atom::SYSTEM_LIMIT)),
        kind: ExitKind::Fatal,
    }
}

impl System {
    /// Ends process `pcb` (whose body the caller has taken out) with `why`.
    pub(crate) fn exit_process(
        &self,
        pcb: &Arc<Pcb>,
        mut p: Box<Process>,
        why: ExitReason,
        local: Option<&Worker<Arc<Pcb>>>,
    ) {
        let reason = self.exit_reason(&mut p, &why);
        if self.is_main(p.pid) {
            self.finish(self.main_outcome(&why, reason));
        } else if let ExitReason::Exception(e) = &why {
            if e.class != Class::Exit {
                self.crash_report(p.pid, reason);
            }
        } else if let ExitReason::Internal(what) = &why {
            self.crash_report_text(p.pid, what);
        }
        // From here on, signals to this process bounce.
        let late = {
            let mut inbox = pcb.lock_inbox();
            inbox.state = State::Exited;
            std::mem::take(&mut inbox.signals)
        };
        if self.procs.remove(&p.pid).is_some() {
            self.shared.processes.remove();
        }
        self.names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, pid| *pid != p.pid);
        for (alias, _) in std::mem::take(&mut p.aliases) {
            self.set_alias(alias, None);
        }
        if let Some((_, id)) = p.timer_armed.take() {
            self.cancel_timer(super::timer::TimerId(id));
        }
        self.transfer_tables(p.pid, local);
        let (links, watchers) = (
            std::mem::take(&mut p.links),
            std::mem::take(&mut p.watchers),
        );
        let me = p.pid;
        // A link or monitor request the process had not handled when it ended is answered as by
        // a process that no longer exists: an exit signal or a 'DOWN' with reason `noproc` (BEAM
        // handles the rest of an exiting process's signal queue so).
        for s in late {
            match s {
                Signal::Link { from } | Signal::Monitor { from, .. } => {
                    self.bounce(from, me, s, local)
                }
                _ => {}
            }
        }
        // Each link and monitor gets its own copy of the reason, made on its behalf: one that
        // cannot be allocated ends that receiver with `system_limit` instead of the VM.
        for l in links {
            let exit = match Message::try_copy_of(reason) {
                Some(reason) => Signal::Exit {
                    from: me,
                    reason,
                    kind: ExitKind::Link,
                },
                None => out_of_memory_exit(me),
            };
            self.post(me, l, exit, local);
        }
        let who = Term::pid(me);
        for (reference, watcher) in watchers {
            let signal = match down_message(reference, who, reason) {
                Some(msg) => Signal::Down { reference, msg },
                None => out_of_memory_exit(me),
            };
            self.post(me, watcher, signal, local);
        }
        for m in &p.monitors {
            if m.target != 0 {
                let reference = m.reference;
                self.post(me, m.target, Signal::Demonitor { reference }, local);
            }
        }
    }

    /// The ETS tables of `pid`, which ended: each goes to its heir, which gets
    /// `{'ETS-TRANSFER', Tab, FromPid, HeirData}`, or is deleted (`ets::Registry::owner_exited`).
    fn transfer_tables(&self, pid: u64, local: Option<&Worker<Arc<Pcb>>>) {
        let alive = |p: u64| self.procs.contains_key(&p);
        for t in self.shared.ets.owner_exited(pid, &alive) {
            let msg = Message::build(|h| {
                let tab = if t.table.named {
                    Term::atom(t.table.name())
                } else {
                    h.reference(t.table.id)
                };
                let data = crate::copy::copy_term(h, t.data.term());
                let tag = Term::atom(self.shared.atoms.intern("ETS-TRANSFER"));
                h.tuple(&[tag, tab, Term::pid(t.from), data])
            });
            self.post(pid, t.heir, Signal::Message(msg), local);
        }
    }

    /// The exit reason term (on `p`'s heap) for `why`.
    fn exit_reason(&self, p: &mut Process, why: &ExitReason) -> Term {
        match why {
            ExitReason::Normal(_) => Term::atom(atom::NORMAL),
            ExitReason::Signal(r) => *r,
            ExitReason::Exception(e) => match e.class {
                Class::Exit => e.reason,
                Class::Error => p.heap.tuple(&[e.reason, e.stacktrace]),
                Class::Throw => {
                    let nocatch = p.heap.tuple(&[Term::atom(atom::NOCATCH), e.reason]);
                    p.heap.tuple(&[nocatch, e.stacktrace])
                }
            },
            ExitReason::Internal(_) => Term::atom(self.shared.atoms.intern("internal_error")),
        }
    }

    fn main_outcome(&self, why: &ExitReason, reason: Term) -> MainOutcome {
        let atoms = &self.shared.atoms;
        match why {
            ExitReason::Normal(v) => {
                let mut text = String::new();
                crate::display::write_term(&mut text, *v, atoms);
                MainOutcome::Returned(text)
            }
            ExitReason::Exception(e)
                if e.class == Class::Exit && e.reason == Term::atom(atom::NORMAL) =>
            {
                MainOutcome::Returned("normal".into())
            }
            ExitReason::Exception(e) => MainOutcome::Uncaught(crate::report::format_exception(
                e.class,
                e.reason,
                e.stacktrace,
                atoms,
            )),
            ExitReason::Signal(r) if *r == Term::atom(atom::NORMAL) => {
                MainOutcome::Returned("normal".into())
            }
            ExitReason::Signal(_) => {
                let mut text = String::new();
                crate::display::write_term(&mut text, reason, atoms);
                MainOutcome::Uncaught(format!(
                    "** the main process was ended by an exit signal: {text}\n"
                ))
            }
            ExitReason::Internal(what) => {
                MainOutcome::Uncaught(crate::report::format_internal(what))
            }
        }
    }

    /// Logs an uncaught error or throw in process `pid` as OTP's logger does (`=ERROR REPORT====`
    /// with the exit value), to stderr; `logger:set_primary_config(level, none)` silences it.
    fn crash_report(&self, pid: u64, reason: Term) {
        let mut text = String::new();
        // Strings as strings (file names in the stack), as the `~p` of OTP's report shows them.
        crate::display::display_term(&mut text, reason, &self.shared.atoms);
        self.crash_report_text(pid, &text);
    }

    fn crash_report_text(&self, pid: u64, value: &str) {
        if !self.shared.logging_errors() {
            return;
        }
        let report = format!(
            "=ERROR REPORT==== {} ===\nError in process <0.{pid}.0> with exit value:\n{value}\n\n",
            crate::report::timestamp()
        );
        if let Ok(mut err) = self.shared.stderr.lock() {
            let _ = err.write_all(report.as_bytes());
            let _ = err.flush();
        }
    }
}
