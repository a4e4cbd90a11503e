//! The option-taking forms of process builtins, as OTP 25 documents them: `erlang:send/3`,
//! `'!'/2`, `send_nosuspend/2,3` (a local send never suspends: always `true`),
//! `send_after/4` and `start_timer/4` (`{abs, Bool}`), `cancel_timer/2` (`{async, Bool}`,
//! `{info, Bool}`), `read_timer/2` (`{async, Bool}`), `garbage_collect/2` (`{type, major |
//! minor}`, `{async, RequestId}`), `spawn_opt/2,4` and `module_loaded/1`. Bad options are
//! `badarg`.

use super::process_bifs::{Outcome, Tie};
use crate::process_flags::{Flags, MaxHeap, Priority};

/// What `spawn_opt`'s options ask for.
pub(super) struct SpawnOpts {
    pub tie: Tie,
    pub flags: Flags,
    /// The options of `{monitor, Opts}` (`[]` if none).
    pub monitor_opts: Term,
}
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
            (R::SpawnOpt2, &[f, opts]) => self.spawn_opt(None, f, opts),
            (R::SpawnOpt4, &[m, f, args, opts]) => self.spawn_opt(Some((m, args)), f, opts),
            (R::SpawnOpt3, &[node, f, opts]) if self.is_local_node(node) => {
                self.spawn_opt(None, f, opts)
            }
            (R::SpawnOpt5, &[node, m, f, args, opts]) if self.is_local_node(node) => {
                self.spawn_opt(Some((m, args)), f, opts)
            }
            (R::SpawnOpt3 | R::SpawnOpt5, _) => Outcome::Raise(Exception::badarg()),
            (R::ModuleLoaded1, &[m]) => match m.as_atom() {
                Some(m) => Outcome::Value(Term::bool(self.ctx.code.is_loaded(m))),
                None => Outcome::Raise(Exception::badarg()),
            },
            _ => Outcome::Raise(Exception::badarg()),
        }
    }

    /// `spawn_opt` of a fun (`mfa` `None`) or of `M:F(Args)` (`Some((M, Args))`, `f` = `F`).
    fn spawn_opt(&mut self, mfa: Option<(Term, Term)>, f: Term, opts: Term) -> Outcome {
        let Some(o) = self.spawn_options(opts) else {
            return Outcome::Raise(Exception::badarg());
        };
        let Some((alias, tag)) = self.monitor_options(o.monitor_opts) else {
            return Outcome::Raise(Exception::badarg());
        };
        let spawned = match mfa {
            None => self.spawn_fun_with(f, o.tie, o.flags),
            Some((m, args)) => self.spawn_mfa_with(m, f, args, o.tie, o.flags),
        };
        match spawned {
            Ok(v) => {
                if let Some([_, r]) = v.as_tuple_n() {
                    self.attach_monitor_options(r, alias, tag);
                }
                Outcome::Value(v)
            }
            Err(e) => Outcome::Raise(e),
        }
    }

    /// `node()` of this (not distributed) system, `nonode@nohost`.
    fn is_local_node(&self, node: Term) -> bool {
        node == self.atom("nonode@nohost")
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

    /// The options of `spawn_opt`: `link`, `monitor` and `{monitor, MonitorOpts}` (the
    /// options of `monitor/3`) tie the child; `{priority, Level}`, `{max_heap_size, Size}`,
    /// `{min_heap_size, N}`, `{min_bin_vheap_size, N}`, `{fullsweep_after, N}` and
    /// `{message_queue_data, M}` set its flags (`process_flag/2`'s rules). `None` for a bad
    /// option.
    pub(super) fn spawn_options(&self, opts: Term) -> Option<SpawnOpts> {
        let mut o = SpawnOpts {
            tie: Tie {
                link: false,
                monitor: false,
            },
            flags: Flags::default(),
            monitor_opts: Term::NIL,
        };
        let name = |t: Term| t.as_atom().map(|a| self.ctx.shared.atoms.name(a));
        let mut max_heap = None;
        for opt in crate::ops::list_to_vec(opts)? {
            if let Some(n) = name(opt) {
                match &*n {
                    "link" => o.tie.link = true,
                    "monitor" => o.tie.monitor = true,
                    _ => return None,
                }
                continue;
            }
            let [k, v] = opt.as_tuple_n()?;
            if &*name(k)? == "monitor" {
                crate::ops::list_length(v)?;
                o.tie.monitor = true;
                o.monitor_opts = v;
                continue;
            }
            if &*name(k)? == "max_heap_size" {
                max_heap = Some(v);
                continue;
            }
            if !self.set_flag(&mut o.flags, &name(k)?, v) {
                return None;
            }
        }
        if let Some(v) = max_heap {
            o.flags.max_heap = self.max_heap_value(v, o.flags.min_heap_size)?;
        }
        Some(o)
    }

    /// Sets tuning flag `flag` (not `max_heap_size`) to `v`; false if `v` is not allowed.
    fn set_flag(&self, flags: &mut Flags, flag: &str, v: Term) -> bool {
        let name = v.as_atom().map(|a| self.ctx.shared.atoms.name(a));
        let count = v.as_small().filter(|&n| n >= 0).map(|n| n as usize);
        match flag {
            "priority" => match name.as_deref().and_then(Priority::from_name) {
                Some(p) => flags.priority = p,
                None => return false,
            },
            "message_queue_data" => match name.as_deref() {
                Some("off_heap") => flags.off_heap_queue = true,
                Some("on_heap") => flags.off_heap_queue = false,
                _ => return false,
            },
            "min_heap_size" | "min_bin_vheap_size" | "fullsweep_after" => {
                let Some(n) = count else { return false };
                match flag {
                    // BEAM never goes below its smallest heap.
                    "min_heap_size" => flags.min_heap_size = n.max(233),
                    "min_bin_vheap_size" => flags.min_bin_vheap_size = n.max(46422),
                    _ => flags.fullsweep_after = n,
                }
            }
            _ => return false,
        }
        true
    }

    /// A `max_heap_size` value: a word count, or a map with `size` (required) and optionally
    /// `kill` and `error_logger` (booleans; other keys are ignored, as BEAM does). A size other
    /// than 0 below `min_heap` is refused, as BEAM does.
    fn max_heap_value(&self, v: Term, min_heap: usize) -> Option<MaxHeap> {
        let atom = |n: &str| Term::atom(self.ctx.shared.atoms.intern(n));
        let mut max = MaxHeap::default();
        let size = if v.is_map() {
            let flag = |key: &str| match crate::ops::map::get(v, atom(key)) {
                None => Some(true),
                Some(b) if b == Term::bool(true) => Some(true),
                Some(b) if b == Term::bool(false) => Some(false),
                Some(_) => None,
            };
            max.kill = flag("kill")?;
            max.error_logger = flag("error_logger")?;
            crate::ops::map::get(v, atom("size"))?
        } else {
            v
        };
        let n = size.as_small().filter(|&n| n >= 0)? as usize;
        if n != 0 && n < min_heap {
            return None;
        }
        max.size = n;
        Some(max)
    }

    /// `process_flag/2` for the tuning flags: the previous value, `None` if `flag` is not one
    /// of them, `badarg` for a bad value.
    pub(super) fn tuning_flag(&mut self, flag: &str, v: Term) -> Option<Result<Term, Exception>> {
        let old = self.p.flags;
        let mut flags = old;
        let ok = match flag {
            "max_heap_size" => match self.max_heap_value(v, old.min_heap_size) {
                Some(m) => {
                    flags.max_heap = m;
                    true
                }
                None => false,
            },
            "priority" | "message_queue_data" | "min_heap_size" | "min_bin_vheap_size"
            | "fullsweep_after" => self.set_flag(&mut flags, flag, v),
            _ => return None,
        };
        if !ok {
            return Some(Err(Exception::badarg()));
        }
        self.p.flags = flags;
        if flags.priority != old.priority {
            self.ctx.sys.set_priority(flags.priority);
        }
        Some(Ok(self.flag_value(&old, flag)))
    }

    /// The value of tuning flag `flag` in `flags`, as `process_flag/2` and `process_info/2`
    /// show it.
    pub(super) fn flag_value(&mut self, flags: &Flags, flag: &str) -> Term {
        match flag {
            "priority" => self.atom(flags.priority.name()),
            "message_queue_data" => self.atom(if flags.off_heap_queue {
                "off_heap"
            } else {
                "on_heap"
            }),
            "min_heap_size" => Term::small(flags.min_heap_size as i64),
            "min_bin_vheap_size" => Term::small(flags.min_bin_vheap_size as i64),
            "fullsweep_after" => Term::small(flags.fullsweep_after as i64),
            _ => {
                let m = flags.max_heap;
                let pairs = [
                    (self.atom("error_logger"), Term::bool(m.error_logger)),
                    (self.atom("kill"), Term::bool(m.kill)),
                    (self.atom("size"), Term::small(m.size as i64)),
                ];
                crate::ops::map::from_pairs(&mut self.p.heap, &pairs, &self.ctx.shared.atoms)
            }
        }
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
