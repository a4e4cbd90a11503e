//! The option-taking forms of process builtins, as OTP 25 documents them: `erlang:send/3`,
//! `'!'/2`, `send_nosuspend/2,3` (a local send never suspends: always `true`),
//! `send_after/4` and `start_timer/4` (`{abs, Bool}`), `cancel_timer/2` (`{async, Bool}`,
//! `{info, Bool}`), `read_timer/2` (`{async, Bool}`), `garbage_collect/2` (`{type, major |
//! minor}`, `{async, RequestId}`), `spawn_opt/2,4` and `module_loaded/1`. Bad options are
//! `badarg`.

use super::process_bifs::{Outcome, Tie};
use super::{Interrupt, Vm};
use crate::code::runtime_bifs::RuntimeBif;
use crate::native::Exception;
use crate::term::Term;

impl<'a> Vm<'a> {
    pub(crate) fn option_bif_value(&mut self, rb: RuntimeBif, a: &[Term]) -> Outcome {
        use RuntimeBif as R;
        match (rb, a) {
            (R::Send3, &[to, msg, opts]) => {
                if !self.atom_options(opts, &["nosuspend", "noconnect"]) {
                    return Outcome::Raise(Exception::badarg());
                }
                self.send_value(to, msg, self.atom("ok"))
            }
            (R::Bang2, &[to, msg]) => self.send_value(to, msg, msg),
            (R::SendNosuspend2, &[to, msg]) => self.send_value(to, msg, Term::bool(true)),
            (R::SendNosuspend3, &[to, msg, opts]) => {
                if !self.atom_options(opts, &["noconnect"]) {
                    return Outcome::Raise(Exception::badarg());
                }
                self.send_value(to, msg, Term::bool(true))
            }
            (R::SendAfter4 | R::StartTimer4, &[t, to, msg, opts]) => {
                let Some(o) = self.bool_options(opts, &["abs"]) else {
                    return Outcome::Raise(Exception::badarg());
                };
                let abs = o[0].unwrap_or(false);
                self.send_after(t, to, msg, rb == R::StartTimer4, abs)
                    .into()
            }
            (R::CancelTimer2 | R::ReadTimer2, &[r, opts]) => {
                let cancel = rb == R::CancelTimer2;
                let names: &[&str] = if cancel {
                    &["async", "info"]
                } else {
                    &["async"]
                };
                let Some(o) = self.bool_options(opts, names) else {
                    return Outcome::Raise(Exception::badarg());
                };
                let (asynchronous, info) = (o[0].unwrap_or(false), o.get(1).copied().flatten());
                let result = match self.read_timer(r, cancel) {
                    Ok(v) => v,
                    Err(e) => return Outcome::Raise(e),
                };
                let ok = self.atom("ok");
                if !asynchronous {
                    return Outcome::Value(if info == Some(false) { ok } else { result });
                }
                if info != Some(false) {
                    let tag = self.atom(if cancel { "cancel_timer" } else { "read_timer" });
                    let reply = self.p.heap.tuple(&[tag, r, result]);
                    if let Err(o) = self.send_to_self(reply) {
                        return o;
                    }
                }
                Outcome::Value(ok)
            }
            (R::GarbageCollect2, &[p, opts]) => self.garbage_collect_opts(p, opts),
            (R::SpawnOpt2, &[f, opts]) => match self.spawn_options(opts) {
                Some(tie) => self.spawn_fun(f, tie).into(),
                None => Outcome::Raise(Exception::badarg()),
            },
            (R::SpawnOpt4, &[m, f, args, opts]) => match self.spawn_options(opts) {
                Some(tie) => self.spawn_mfa(m, f, args, tie).into(),
                None => Outcome::Raise(Exception::badarg()),
            },
            (R::ModuleLoaded1, &[m]) => match m.as_atom() {
                Some(m) => Outcome::Value(Term::bool(self.ctx.code.is_loaded(m))),
                None => Outcome::Raise(Exception::badarg()),
            },
            _ => Outcome::Raise(Exception::badarg()),
        }
    }

    fn atom(&self, name: &str) -> Term {
        Term::atom(self.ctx.shared.atoms.intern(name))
    }

    /// Sends `msg` to `to` as `erlang:send/2` does, answering `value`.
    fn send_value(&mut self, to: Term, msg: Term, value: Term) -> Outcome {
        match self.deliver(to, msg) {
            Ok(()) => Outcome::Value(value),
            Err(_) => Outcome::Raise(Exception::badarg()),
        }
    }

    /// Puts `msg` in this process's own mailbox (the replies of the `{async, ...}` forms).
    fn send_to_self(&mut self, msg: Term) -> Result<(), Outcome> {
        let me = Term::pid(self.p.pid);
        match self.deliver(me, msg) {
            Ok(()) => Ok(()),
            Err(Interrupt::Raise(e)) => Err(Outcome::Raise(e)),
            Err(Interrupt::Stop(_)) => Err(Outcome::Raise(Exception::badarg())),
        }
    }

    /// Whether `opts` is a proper list of atoms among `allowed`.
    fn atom_options(&self, opts: Term, allowed: &[&str]) -> bool {
        crate::ops::list_to_vec(opts).is_some_and(|v| {
            v.iter().all(|o| {
                o.as_atom()
                    .is_some_and(|a| allowed.contains(&&*self.ctx.shared.atoms.name(a)))
            })
        })
    }

    /// A proper list of `{Name, Bool}` with names among `names`: the last value given for each
    /// name, in the order of `names`; `None` for anything else.
    fn bool_options(&self, opts: Term, names: &[&str]) -> Option<Vec<Option<bool>>> {
        let mut values = vec![None; names.len()];
        for o in crate::ops::list_to_vec(opts)? {
            let [k, v] = o.as_tuple_n()?;
            let name = self.ctx.shared.atoms.name(k.as_atom()?);
            let i = names.iter().position(|n| **n == *name)?;
            values[i] = Some(if v == Term::bool(true) {
                true
            } else if v == Term::bool(false) {
                false
            } else {
                return None;
            });
        }
        Some(values)
    }

    /// The options of `spawn_opt`: `link`, `monitor` and `{monitor, []}` tie the child; the
    /// tuning options (`{priority, Level}`, `{fullsweep_after, N}`, `{min_heap_size, N}`,
    /// `{min_bin_vheap_size, N}`, `{max_heap_size, Size}`, `{message_queue_data, M}`) are
    /// checked and have no effect in krarup (see spec.md). `None` for a bad option.
    fn spawn_options(&self, opts: Term) -> Option<Tie> {
        let mut tie = Tie {
            link: false,
            monitor: false,
        };
        let name = |t: Term| t.as_atom().map(|a| self.ctx.shared.atoms.name(a));
        for o in crate::ops::list_to_vec(opts)? {
            if let Some(n) = name(o) {
                match &*n {
                    "link" => tie.link = true,
                    "monitor" => tie.monitor = true,
                    _ => return None,
                }
                continue;
            }
            let [k, v] = o.as_tuple_n()?;
            let count = v.as_small().is_some_and(|n| n >= 0);
            let ok = match &*name(k)? {
                "monitor" => v.is_nil(),
                "priority" => {
                    name(v).is_some_and(|l| matches!(&*l, "low" | "normal" | "high" | "max"))
                }
                "fullsweep_after" | "min_heap_size" | "min_bin_vheap_size" => count,
                "max_heap_size" => count || v.is_map(),
                "message_queue_data" => {
                    name(v).is_some_and(|m| matches!(&*m, "off_heap" | "on_heap"))
                }
                _ => false,
            };
            if !ok {
                return None;
            }
            if &*name(k)? == "monitor" {
                tie.monitor = true;
            }
        }
        Some(tie)
    }

    /// `garbage_collect(Pid, Options)`: `{type, major | minor}` (krarup always does a full
    /// collection) and `{async, RequestId}` (answer `async`, then send
    /// `{garbage_collect, RequestId, Result}` to the caller).
    fn garbage_collect_opts(&mut self, p: Term, opts: Term) -> Outcome {
        let Some(list) = crate::ops::list_to_vec(opts) else {
            return Outcome::Raise(Exception::badarg());
        };
        let (type_, async_) = (self.atom("type"), self.atom("async"));
        let (major, minor) = (self.atom("major"), self.atom("minor"));
        let mut request = None;
        for o in list {
            match o.as_tuple_n() {
                Some([k, v]) if k == type_ && (v == major || v == minor) => {}
                Some([k, v]) if k == async_ => request = Some(v),
                _ => return Outcome::Raise(Exception::badarg()),
            }
        }
        let result = match self.garbage_collect_other(p) {
            Outcome::Value(v) => v,
            other => return other,
        };
        let Some(request) = request else {
            return Outcome::Value(result);
        };
        let tag = self.atom("garbage_collect");
        let reply = self.p.heap.tuple(&[tag, request, result]);
        if let Err(o) = self.send_to_self(reply) {
            return o;
        }
        Outcome::Value(self.atom("async"))
    }
}
