//! Builtins about processes, which need the process system: spawning, links, exit signals,
//! monitors, names, timers, `erlang:send/2` and the `process_flag/2` the interpreter honours.
//! Introspection (`process_info`, `memory`, `statistics`, `garbage_collect`) is in
//! `process_info`. Behaviour follows the `erlang` module reference of OTP 25.

use super::calls::Kind;
use super::system::Peek;
use super::{ExitReason, Interrupt, SliceOutcome, Step, Vm};
use crate::atom;
use crate::code::runtime_bifs::RuntimeBif;
use crate::code::table::Target;
use crate::native::Exception;
use crate::process::{MonitorOut, Process};
use crate::signal::{make_ref, ref_id, ExitKind, Message, Signal, TimerEvent};
use crate::term::{Term, SUB_EXPORT, SUB_FUN};
use std::time::{Duration, Instant};

/// What a spawn also sets up between parent and child.
#[derive(Copy, Clone, PartialEq, Eq)]
pub(super) struct Tie {
    pub link: bool,
    pub monitor: bool,
}

impl Tie {
    const NONE: Tie = Tie {
        link: false,
        monitor: false,
    };
    const LINK: Tie = Tie {
        link: true,
        monitor: false,
    };
    const MONITOR: Tie = Tie {
        link: false,
        monitor: true,
    };
}

/// A builtin's result that may instead ask to be run again later (`Retry`) or end the caller.
pub(crate) enum Outcome {
    Value(Term),
    Raise(Exception),
    /// Run the call again in a later slice (a signal this process sent is still in flight).
    Retry,
    /// The caller ends now with this reason (an exit signal it sent itself).
    Die(Term),
}

impl From<Result<Term, Exception>> for Outcome {
    fn from(r: Result<Term, Exception>) -> Self {
        match r {
            Ok(t) => Outcome::Value(t),
            Err(e) => Outcome::Raise(e),
        }
    }
}

impl<'a> Vm<'a> {
    /// Runs a process builtin with `x0..x[arity-1]`, leaving the caller as `kind` says.
    pub(crate) fn process_bif(&mut self, rb: RuntimeBif, arity: u8, kind: Kind) -> Step {
        let args: Vec<Term> = self.x[..arity as usize].to_vec();
        match self.process_bif_value(rb, &args) {
            Outcome::Value(v) => {
                self.x[0] = v;
                self.after_native(kind)
            }
            Outcome::Raise(e) => Err(self.runtime_bif_error(rb, arity, e)),
            Outcome::Retry => {
                self.pc = self.fault_pc() as usize;
                self.p.live = arity as usize;
                Err(Interrupt::Stop(SliceOutcome::Yielded))
            }
            Outcome::Die(reason) => Err(Interrupt::Stop(SliceOutcome::Exited {
                reason: ExitReason::Signal(reason),
            })),
        }
    }

    fn process_bif_value(&mut self, rb: RuntimeBif, a: &[Term]) -> Outcome {
        use RuntimeBif as R;
        match (rb, a) {
            (R::Spawn1, &[f]) => self.spawn_fun(f, Tie::NONE).into(),
            (R::SpawnLink1, &[f]) => self.spawn_fun(f, Tie::LINK).into(),
            (R::SpawnMonitor1, &[f]) => self.spawn_fun(f, Tie::MONITOR).into(),
            (R::Spawn3, &[m, f, args]) => self.spawn_mfa(m, f, args, Tie::NONE).into(),
            (R::SpawnLink3, &[m, f, args]) => self.spawn_mfa(m, f, args, Tie::LINK).into(),
            (R::SpawnMonitor3, &[m, f, args]) => self.spawn_mfa(m, f, args, Tie::MONITOR).into(),
            (R::Send2, &[to, msg]) => match self.deliver(to, msg) {
                Ok(()) => Outcome::Value(msg),
                Err(_) => Outcome::Raise(Exception::badarg()),
            },
            (R::Link1, &[p]) => self.link(p),
            (R::Unlink1, &[p]) => self.unlink(p).into(),
            (R::Exit2, &[p, reason]) => self.exit2(p, reason),
            (R::ProcessFlag2, &[flag, value]) => self.process_flag(flag, value).into(),
            (R::Monitor2, &[kind, target]) => self.monitor(kind, target).into(),
            (R::Monitor3, &[kind, target, opts]) => self.monitor3(kind, target, opts),
            (R::Alias0, []) => self.alias(Term::NIL).into(),
            (R::Alias1, &[opts]) => self.alias(opts).into(),
            (R::Unalias1, &[r]) => self.unalias(r).into(),
            (R::GroupLeader0, []) => Outcome::Value(Term::pid(self.p.group_leader)),
            (R::GroupLeader2, &[leader, p]) => self.set_group_leader(leader, p).into(),
            (R::Demonitor1 | R::Demonitor2, _) => {
                // A 'DOWN' that has arrived counts as delivered: take in waiting signals first.
                if let Some(die) = self.take_in_signals() {
                    return die;
                }
                let opts = a.get(1).copied().unwrap_or(Term::NIL);
                self.demonitor(a[0], opts).into()
            }
            (R::Register2, &[name, p]) => self.register(name, p).into(),
            (R::Unregister1, &[name]) => {
                let Some(n) = name.as_atom() else {
                    return Outcome::Raise(Exception::badarg());
                };
                match self.ctx.sys.unregister(n) {
                    Some(_) => Outcome::Value(Term::bool(true)),
                    None => Outcome::Raise(Exception::badarg()),
                }
            }
            (R::Whereis1, &[name]) => match name.as_atom() {
                Some(n) => Outcome::Value(
                    self.ctx
                        .sys
                        .whereis(n)
                        .map_or(Term::atom(atom::UNDEFINED), Term::pid),
                ),
                None => Outcome::Raise(Exception::badarg()),
            },
            (R::Registered0, []) => {
                let names: Vec<Term> = self
                    .ctx
                    .sys
                    .registered()
                    .into_iter()
                    .map(Term::atom)
                    .collect();
                Outcome::Value(self.p.heap.list(&names))
            }
            (R::IsProcessAlive1, &[p]) => self.is_process_alive(p),
            (R::Processes0, []) => {
                let mut pids = self.ctx.sys.pids();
                pids.sort_unstable();
                let terms: Vec<Term> = pids.into_iter().map(Term::pid).collect();
                Outcome::Value(self.p.heap.list(&terms))
            }
            (R::SendAfter3, &[t, to, msg]) => self.send_after(t, to, msg, false, false).into(),
            (R::StartTimer3, &[t, to, msg]) => self.send_after(t, to, msg, true, false).into(),
            (R::CancelTimer1, &[r]) => self.read_timer(r, true).into(),
            (R::ReadTimer1, &[r]) => self.read_timer(r, false).into(),
            _ => self.info_bif_value(rb, a),
        }
    }

    /// Handles the signals waiting in the inbox; `Some(Die)` if one ends the process.
    pub(crate) fn take_in_signals(&mut self) -> Option<Outcome> {
        match self.fetch_signals() {
            Ok(()) => None,
            Err(Interrupt::Stop(SliceOutcome::Exited {
                reason: ExitReason::Signal(r),
            })) => Some(Outcome::Die(r)),
            Err(_) => None,
        }
    }

    // ---- spawn ----

    /// Where a fun of arity 0 starts: module version, entry, and its free variables.
    fn fun_start(&self, fun: Term) -> Option<(u32, u32, Vec<Term>)> {
        let payload = fun.payload()?;
        match fun.boxed_subtag()? {
            SUB_FUN => {
                let index = payload.get(1)?.as_small()?;
                let unique = payload.get(2)?.as_small()? as u64;
                let code = self.ctx.code;
                let version = code.version_by_unique(unique)?;
                let lambda = *code.module(version)?.module.lambdas.get(index as usize)?;
                (lambda.arity == 0).then(|| (version, lambda.entry.0, payload.rest(3).to_vec()))
            }
            SUB_EXPORT => {
                let (m, f, a) = (
                    payload.first()?.as_atom()?,
                    payload.get(1)?.as_atom()?,
                    payload.get(2)?.as_small()?,
                );
                if a != 0 {
                    return None;
                }
                Some(self.mfa_start(m, f, Term::NIL))
            }
            _ => None,
        }
    }

    /// Where `apply(M, F, Args)` starts: the function's entry if it is Erlang code, else the
    /// `krarup_spawn:apply/3` trampoline (which raises `undef` or calls the builtin in the child,
    /// as BEAM's spawn does).
    fn mfa_start(
        &self,
        m: crate::term::Atom,
        f: crate::term::Atom,
        args: Term,
    ) -> (u32, u32, Vec<Term>) {
        let argv = crate::ops::list_to_vec(args).unwrap_or_default();
        if let Ok(arity) = u8::try_from(argv.len()) {
            if let Target::Code { version, pc } = self.ctx.code.resolve(m, f, arity) {
                return (version, pc, argv);
            }
        }
        let spawn_mod = self.ctx.shared.atoms.intern("krarup_spawn");
        let apply = self.ctx.shared.atoms.intern("apply");
        match self.ctx.code.resolve(spawn_mod, apply, 3) {
            Target::Code { version, pc } => (version, pc, vec![Term::atom(m), Term::atom(f), args]),
            _ => (0, 0, Vec::new()),
        }
    }

    pub(super) fn spawn_fun(&mut self, fun: Term, tie: Tie) -> Result<Term, Exception> {
        let (version, pc, args) = self.fun_start(fun).ok_or_else(Exception::badarg)?;
        self.spawn_at(version, pc, &args, tie, None)
    }

    /// Counts the process about to be spawned, or `system_limit` at the process limit (`erl
    /// +P`), after the error report OTP's logger prints then ("Too many processes").
    fn reserve_process(&mut self) -> Result<(), Exception> {
        let shared = self.ctx.shared;
        if shared.processes.reserve() {
            return Ok(());
        }
        if shared.logging_errors() {
            let report = format!(
                "=ERROR REPORT==== {} ===\nToo many processes\n\n",
                crate::report::timestamp()
            );
            if let Ok(mut err) = shared.stderr.lock() {
                let _ = std::io::Write::write_all(&mut *err, report.as_bytes());
                let _ = std::io::Write::flush(&mut *err);
            }
        }
        Err(Exception::system_limit())
    }

    pub(super) fn spawn_mfa(
        &mut self,
        m: Term,
        f: Term,
        args: Term,
        tie: Tie,
    ) -> Result<Term, Exception> {
        let (Some(m), Some(f)) = (m.as_atom(), f.as_atom()) else {
            return Err(Exception::badarg());
        };
        if crate::ops::list_length(args).is_none() {
            return Err(Exception::badarg());
        }
        let arity = crate::ops::list_length(args).unwrap_or(0) as u32;
        let (version, pc, argv) = self.mfa_start(m, f, args);
        self.spawn_at(version, pc, &argv, tie, Some((m, f, arity)))
    }

    /// Creates the child, ties it to the caller, and makes it runnable. Returns the pid, or
    /// `{Pid, Ref}` for a monitor; `system_limit` at the process limit. `initial` is the
    /// `{M, F, Arity}` of `spawn(M, F, Args)` (`process_info(P, initial_call)`).
    fn spawn_at(
        &mut self,
        version: u32,
        pc: u32,
        args: &[Term],
        tie: Tie,
        initial: Option<(crate::term::Atom, crate::term::Atom, u32)>,
    ) -> Result<Term, Exception> {
        let sys = self.ctx.sys;
        self.reserve_process()?;
        let pid = sys.new_pid();
        // Counted before it exists: if this allocation fails, the caller exits and one slot
        // stays taken until the program ends.
        let mut child = Process::spawned(pid, version, pc, args);
        child.initial_call = initial;
        child.group_leader = self.p.group_leader;
        let me = self.p.pid;
        let mut result = Term::pid(pid);
        if tie.link {
            child.links.push(me);
            self.p.links.push(pid);
        }
        if tie.monitor {
            let reference = self.ctx.shared.next_unique();
            child.watchers.push((reference, me));
            self.p.monitors.push(MonitorOut {
                reference,
                target: pid,
                name: None,
            });
            let r = make_ref(&mut self.p.heap, reference);
            result = self.p.heap.tuple(&[result, r]);
        }
        sys.spawn(child);
        Ok(result)
    }

    // ---- links and exit signals ----

    fn link(&mut self, p: Term) -> Outcome {
        let Some(pid) = p.as_pid() else {
            return Outcome::Raise(Exception::badarg());
        };
        let me = self.p.pid;
        if pid == me || self.p.links.contains(&pid) {
            return Outcome::Value(Term::bool(true));
        }
        let alive = self.ctx.sys.exists(pid);
        if !alive {
            if !self.p.trap_exit {
                return Outcome::Raise(Exception::error(Term::atom(atom::NOPROC)));
            }
            let msg = self
                .p
                .heap
                .tuple(&[Term::atom(atom::EXIT_TAG), p, Term::atom(atom::NOPROC)]);
            self.p.mailbox.push(msg);
            return Outcome::Value(Term::bool(true));
        }
        self.p.links.push(pid);
        self.ctx.sys.post(me, pid, Signal::Link { from: me });
        Outcome::Value(Term::bool(true))
    }

    fn unlink(&mut self, p: Term) -> Result<Term, Exception> {
        let pid = p.as_pid().ok_or_else(Exception::badarg)?;
        let me = self.p.pid;
        if let Some(i) = self.p.links.iter().position(|&l| l == pid) {
            self.p.links.swap_remove(i);
            self.ctx.sys.post(me, pid, Signal::Unlink { from: me });
        }
        Ok(Term::bool(true))
    }

    /// `exit(Pid, Reason)`. To itself, the signal takes effect before the call returns.
    fn exit2(&mut self, p: Term, reason: Term) -> Outcome {
        let Some(pid) = p.as_pid() else {
            return Outcome::Raise(Exception::badarg());
        };
        let me = self.p.pid;
        if pid != me {
            let reason = Message::copy_of(reason);
            self.ctx.sys.post(
                me,
                pid,
                Signal::Exit {
                    from: me,
                    reason,
                    kind: ExitKind::Exit2,
                },
            );
            return Outcome::Value(Term::bool(true));
        }
        if reason == Term::atom(atom::KILL) {
            return Outcome::Die(Term::atom(atom::KILLED));
        }
        if self.p.trap_exit {
            let msg = self.p.heap.tuple(&[Term::atom(atom::EXIT_TAG), p, reason]);
            self.p.mailbox.push(msg);
            return Outcome::Value(Term::bool(true));
        }
        Outcome::Die(reason)
    }

    fn process_flag(&mut self, flag: Term, value: Term) -> Result<Term, Exception> {
        let name = flag
            .as_atom()
            .map(|a| self.ctx.shared.atoms.name(a).to_string());
        match name.as_deref() {
            Some("trap_exit") => {
                let on = match value.as_atom() {
                    Some(atom::TRUE) => true,
                    Some(atom::FALSE) => false,
                    _ => return Err(Exception::badarg()),
                };
                let old = std::mem::replace(&mut self.p.trap_exit, on);
                Ok(Term::bool(old))
            }
            Some("priority") if value.is_atom() => {
                Ok(Term::atom(self.ctx.shared.atoms.intern("normal")))
            }
            _ => Err(Exception::badarg()),
        }
    }

    // ---- monitors ----

    pub(super) fn monitor(&mut self, kind: Term, target: Term) -> Result<Term, Exception> {
        if kind != Term::atom(atom::PROCESS) {
            return Err(Exception::badarg());
        }
        let node = Term::atom(self.ctx.shared.atoms.intern("nonode@nohost"));
        let (pid, name) = if let Some(pid) = target.as_pid() {
            (Some(pid), None)
        } else if let Some(n) = target.as_atom() {
            (self.ctx.sys.whereis(n), Some(n))
        } else {
            match target.as_tuple_n() {
                Some([n, nd]) if n.is_atom() && nd == node => {
                    let n = n.as_atom().unwrap_or(atom::UNDEFINED);
                    (self.ctx.sys.whereis(n), Some(n))
                }
                _ => return Err(Exception::badarg()),
            }
        };
        let reference = self.ctx.shared.next_unique();
        let r = make_ref(&mut self.p.heap, reference);
        let me = self.p.pid;
        let Some(pid) = pid else {
            // An unregistered name: 'DOWN' at once, as from a dead process.
            let who = self
                .p
                .heap
                .tuple(&[Term::atom(name.unwrap_or(atom::UNDEFINED)), node]);
            let msg = self.p.heap.tuple(&[
                Term::atom(atom::DOWN),
                r,
                Term::atom(atom::PROCESS),
                who,
                Term::atom(atom::NOPROC),
            ]);
            self.p.mailbox.push(msg);
            return Ok(r);
        };
        self.p.monitors.push(MonitorOut {
            reference,
            target: pid,
            name,
        });
        self.ctx.sys.post(
            me,
            pid,
            Signal::Monitor {
                from: me,
                reference,
            },
        );
        Ok(r)
    }

    fn demonitor(&mut self, r: Term, opts: Term) -> Result<Term, Exception> {
        let reference = ref_id(r).ok_or_else(Exception::badarg)?;
        let opts = crate::ops::list_to_vec(opts).ok_or_else(Exception::badarg)?;
        let (mut flush, mut info) = (false, false);
        for o in opts {
            match o
                .as_atom()
                .map(|a| self.ctx.shared.atoms.name(a).to_string())
                .as_deref()
            {
                Some("flush") => flush = true,
                Some("info") => info = true,
                _ => return Err(Exception::badarg()),
            }
        }
        let active = match self
            .p
            .monitors
            .iter()
            .position(|m| m.reference == reference)
        {
            Some(i) => {
                let m = self.p.monitors.swap_remove(i);
                self.ctx
                    .sys
                    .post(self.p.pid, m.target, Signal::Demonitor { reference });
                true
            }
            None => false,
        };
        self.monitor_gone(reference);
        if flush {
            let is_down_for = |t: Term| match t.as_tuple() {
                Some(w) if w.len() >= 2 => {
                    w.at(0) == Term::atom(atom::DOWN) && ref_id(w.at(1)) == Some(reference)
                }
                _ => false,
            };
            let mb = &mut self.p.mailbox;
            let before = mb.messages.len();
            mb.messages.retain(|&m| !is_down_for(m));
            if mb.messages.len() != before {
                mb.save = 0;
            }
        }
        Ok(Term::bool(!info || active))
    }

    /// `group_leader/2`: `badarg` unless both are pids and `p` is alive. Another process
    /// takes the change as a signal, as in OTP.
    fn set_group_leader(&mut self, leader: Term, p: Term) -> Result<Term, Exception> {
        let (Some(leader), Some(pid)) = (leader.as_pid(), p.as_pid()) else {
            return Err(Exception::badarg());
        };
        let me = self.p.pid;
        if pid == me {
            self.p.group_leader = leader;
        } else if self.ctx.sys.exists(pid) {
            self.ctx
                .sys
                .post(me, pid, Signal::GroupLeader { from: me, leader });
        } else {
            return Err(Exception::badarg());
        }
        Ok(Term::bool(true))
    }

    // ---- names ----

    fn register(&mut self, name: Term, p: Term) -> Result<Term, Exception> {
        let (Some(n), Some(pid)) = (name.as_atom(), p.as_pid()) else {
            return Err(Exception::badarg());
        };
        if n == atom::UNDEFINED {
            return Err(Exception::badarg());
        }
        let alive = pid == self.p.pid || self.ctx.sys.exists(pid);
        if !alive || !self.ctx.sys.register(n, pid) {
            return Err(Exception::badarg());
        }
        Ok(Term::bool(true))
    }

    /// `is_process_alive/1`. Waits until an exit signal this process sent to `p` has been handled,
    /// as BEAM orders the answer after the caller's earlier signals.
    fn is_process_alive(&mut self, p: Term) -> Outcome {
        let Some(pid) = p.as_pid() else {
            return Outcome::Raise(Exception::badarg());
        };
        if pid == self.p.pid {
            return Outcome::Value(Term::bool(true));
        }
        match self.ctx.sys.observe(self.p.pid, pid) {
            Peek::Gone => Outcome::Value(Term::bool(false)),
            Peek::Busy => Outcome::Retry,
            Peek::Alive => Outcome::Value(Term::bool(true)),
        }
    }

    // ---- timers ----

    /// `send_after`/`start_timer` (`wrap`): after `t` milliseconds, or at monotonic time `t`
    /// milliseconds with `abs` (`{abs, true}` of the /4 forms; a time past fires at once).
    pub(super) fn send_after(
        &mut self,
        t: Term,
        to: Term,
        msg: Term,
        wrap: bool,
        abs: bool,
    ) -> Result<Term, Exception> {
        let n = t.as_small().ok_or_else(Exception::badarg)?;
        if n < 0 && !abs {
            return Err(Exception::badarg());
        }
        if to.as_pid().is_none() && to.as_atom().is_none() {
            return Err(Exception::badarg());
        }
        let reference = self.ctx.shared.next_unique();
        let r = make_ref(&mut self.p.heap, reference);
        let payload = if wrap {
            let timeout = Term::atom(self.ctx.shared.atoms.intern("timeout"));
            self.p.heap.tuple(&[timeout, r, msg])
        } else {
            msg
        };
        let deadline = if abs {
            (self.ctx.shared.start + Duration::from_millis(n.max(0) as u64)).max(Instant::now())
        } else {
            Instant::now() + Duration::from_millis(n as u64)
        };
        self.ctx.sys.arm_timer(
            deadline,
            TimerEvent::Send {
                to,
                msg: Message::copy_of(payload),
                reference,
            },
        );
        Ok(r)
    }

    pub(super) fn read_timer(&mut self, r: Term, cancel: bool) -> Result<Term, Exception> {
        let reference = ref_id(r).ok_or_else(Exception::badarg)?;
        Ok(match self.ctx.sys.timer_by_ref(reference, cancel) {
            // Whole milliseconds left, rounded up as BEAM reports them.
            Some(left) => Term::small(
                left.as_nanos()
                    .div_ceil(1_000_000)
                    .min(i64::MAX as u128 / 2) as i64,
            ),
            None => Term::bool(false),
        })
    }
}
