//! Introspection builtins: `process_info/2`, `erlang:memory/0,1`, `erlang:statistics/1`,
//! `garbage_collect/0,1`. Another process's body is read only while no scheduler runs it (the
//! call is retried in a later slice otherwise), so introspection never blocks a scheduler.

use super::process_bifs::Outcome;
use super::system::Peek;
use super::Vm;
use crate::atom;
use crate::code::runtime_bifs::RuntimeBif;
use crate::native::Exception;
use crate::process::Process;
use crate::signal::State;
use crate::stacktrace::{self, Position};
use crate::term::Term;

impl<'a> Vm<'a> {
    pub(crate) fn info_bif_value(&mut self, rb: RuntimeBif, a: &[Term]) -> Outcome {
        use RuntimeBif as R;
        match (rb, a) {
            (R::ProcessInfo2, &[p, item]) => self.process_info(p, item),
            (R::ProcessInfo1, &[p]) => self.process_info_all(p),
            (R::Memory0, []) => Outcome::Value(self.memory_list()),
            (R::Memory1, &[kind]) => self.memory_of(kind).into(),
            (R::Statistics1, &[kind]) => self.statistics(kind).into(),
            (R::GarbageCollect0, []) => {
                self.p.collect_major(&mut self.x[..], 0);
                Outcome::Value(Term::bool(true))
            }
            (R::GarbageCollect1, &[p]) => self.garbage_collect_other(p),
            (R::Yield0, []) => {
                // The slice ends at the next call or return.
                self.budget = self.budget.min(1);
                Outcome::Value(Term::bool(true))
            }
            _ => self.option_bif_value(rb, a),
        }
    }

    fn process_info(&mut self, p: Term, item: Term) -> Outcome {
        let Some(pid) = p.as_pid() else {
            return Outcome::Raise(Exception::badarg());
        };
        let items = match crate::ops::list_to_vec(item) {
            Some(v) if item.is_list() => Some(v),
            _ => None,
        };
        let wanted: Vec<Term> = items.clone().unwrap_or_else(|| vec![item]);
        if wanted.iter().any(|&i| !self.known_info_item(i)) {
            return Outcome::Raise(Exception::badarg());
        }
        let mut values = Vec::with_capacity(wanted.len());
        if pid == self.p.pid {
            if let Some(die) = self.take_in_signals() {
                return die;
            }
            for &i in &wanted {
                let v = self.info_item_self(i, items.is_some());
                values.push(v);
            }
        } else {
            let sys = self.ctx.sys;
            let in_list = items.is_some();
            let peek = sys.inspect(self.p.pid, pid, &mut |other, state, queued| {
                let status = match state {
                    State::Waiting => "waiting",
                    State::Queued => "runnable",
                    _ => "running",
                };
                for &i in &wanted {
                    let v = self.info_item(other, i, in_list, status, queued);
                    values.push(v);
                }
            });
            match peek {
                Peek::Gone => return Outcome::Value(Term::atom(atom::UNDEFINED)),
                Peek::Busy => return Outcome::Retry,
                Peek::Alive => {}
            }
        }
        match items {
            Some(_) => Outcome::Value(self.p.heap.list(&values)),
            None => Outcome::Value(values[0]),
        }
    }

    /// `process_info/1`: OTP's default items that krarup keeps, in OTP's order
    /// (`registered_name` only when registered); see spec.md for the ones it lacks.
    fn process_info_all(&mut self, p: Term) -> Outcome {
        const ITEMS: [&str; 10] = [
            "registered_name",
            "status",
            "message_queue_len",
            "links",
            "dictionary",
            "trap_exit",
            "total_heap_size",
            "heap_size",
            "stack_size",
            "reductions",
        ];
        let atoms: Vec<Term> = ITEMS
            .iter()
            .map(|n| Term::atom(self.ctx.shared.atoms.intern(n)))
            .collect();
        let list = self.p.heap.list(&atoms);
        match self.process_info(p, list) {
            Outcome::Value(v) if v.is_list() => {
                let unregistered = |t: &Term| matches!(t.as_tuple_n(), Some([k, v]) if k == atoms[0] && v.is_nil());
                let kept: Vec<Term> = crate::ops::list_to_vec(v)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|t| !unregistered(t))
                    .collect();
                Outcome::Value(self.p.heap.list(&kept))
            }
            other => other,
        }
    }

    fn known_info_item(&self, i: Term) -> bool {
        i.as_atom().is_some_and(|a| {
            matches!(
                &*self.ctx.shared.atoms.name(a),
                "message_queue_len"
                    | "messages"
                    | "links"
                    | "monitors"
                    | "monitored_by"
                    | "status"
                    | "heap_size"
                    | "total_heap_size"
                    | "stack_size"
                    | "memory"
                    | "reductions"
                    | "registered_name"
                    | "trap_exit"
                    | "dictionary"
                    | "current_function"
                    | "current_stacktrace"
                    | "initial_call"
                    | "group_leader"
                    | "priority"
                    | "max_heap_size"
                    | "message_queue_data"
                    | "min_heap_size"
                    | "min_bin_vheap_size"
                    | "fullsweep_after"
            )
        })
    }

    fn info_item_self(&mut self, item: Term, in_list: bool) -> Term {
        // Signals that arrived count as queued messages, as BEAM's own view after a fetch.
        let queued = self.ctx.sys.arrived_messages();
        let p: &Process = self.p;
        let here = Position {
            version: self.version,
            pc: self.fault_pc(),
        };
        let snapshot = InfoSnapshot::of(p, queued, here);
        self.build_item(snapshot, item, in_list, "running", None)
    }

    fn info_item(
        &mut self,
        other: &Process,
        item: Term,
        in_list: bool,
        status: &str,
        queued: usize,
    ) -> Term {
        let here = Position {
            version: other.version,
            pc: other.pc,
        };
        let snapshot = InfoSnapshot::of(other, queued, here);
        self.build_item(snapshot, item, in_list, status, Some(other))
    }

    /// `{Item, Value}` for one item. `other` is the process whose terms (messages, dictionary)
    /// are copied; `None` means the caller itself.
    fn build_item(
        &mut self,
        s: InfoSnapshot,
        item: Term,
        in_list: bool,
        status: &str,
        other: Option<&Process>,
    ) -> Term {
        let atoms = &self.ctx.shared.atoms;
        let name = atoms
            .name(item.as_atom().unwrap_or(atom::UNDEFINED))
            .to_string();
        let heap = &mut self.p.heap;
        let value = match name.as_str() {
            "message_queue_len" => Term::small(s.queue_len as i64),
            "links" => {
                let pids: Vec<Term> = s.links.iter().map(|&l| Term::pid(l)).collect();
                heap.list(&pids)
            }
            "monitors" => {
                let node = Term::atom(atoms.intern("nonode@nohost"));
                let ms: Vec<Term> = s
                    .monitors
                    .iter()
                    .map(|&(target, name)| {
                        let who = match name {
                            Some(n) => heap.tuple(&[Term::atom(n), node]),
                            None => Term::pid(target),
                        };
                        heap.tuple(&[Term::atom(atom::PROCESS), who])
                    })
                    .collect();
                heap.list(&ms)
            }
            "monitored_by" => {
                let pids: Vec<Term> = s.watchers.iter().map(|&w| Term::pid(w)).collect();
                heap.list(&pids)
            }
            "status" => Term::atom(atoms.intern(status)),
            "heap_size" => Term::small(s.heap_words as i64),
            "total_heap_size" => Term::small(s.total_heap_words as i64),
            "stack_size" => Term::small(s.stack_words as i64),
            "memory" => Term::small(s.memory as i64),
            "reductions" => Term::small(s.reductions as i64),
            "trap_exit" => Term::bool(s.trap_exit),
            "group_leader" => Term::pid(s.group_leader),
            "priority" | "max_heap_size" | "message_queue_data" | "min_heap_size"
            | "min_bin_vheap_size" | "fullsweep_after" => {
                let v = self.flag_value(&s.flags, &name);
                return self.p.heap.tuple(&[item, v]);
            }
            "initial_call" => {
                let (m, f, a) = s
                    .initial_call
                    .unwrap_or((atom::ERLANG, atoms.intern("apply"), 2));
                heap.tuple(&[Term::atom(m), Term::atom(f), Term::small(a as i64)])
            }
            "current_function" if s.hibernating => {
                let mfa = super::hibernate::hibernate_mfa(atoms);
                heap.tuple(&mfa)
            }
            "current_function" => {
                let code = self.ctx.code;
                let here = s.positions.first().copied();
                let found = here.and_then(|pos| stacktrace::function_of(code, pos));
                let spawn_mod = atoms.intern("krarup_spawn");
                let (m, f, a) = match found {
                    // Not yet started: BEAM shows the function it is to call.
                    Some((m, _, _)) if m == spawn_mod => {
                        s.initial_call
                            .unwrap_or((atom::ERLANG, atoms.intern("apply"), 2))
                    }
                    Some(mfa) => mfa,
                    None => (atom::UNDEFINED, atom::UNDEFINED, 0),
                };
                if m == atom::UNDEFINED {
                    Term::atom(atom::UNDEFINED)
                } else {
                    heap.tuple(&[Term::atom(m), Term::atom(f), Term::small(a as i64)])
                }
            }
            "current_stacktrace" => stacktrace::build(
                heap,
                self.ctx.code,
                atoms,
                &s.positions,
                None,
                None,
                s.launcher,
            ),
            "registered_name" => {
                match self.ctx.sys.registered_name(s.pid) {
                    Some(n) => Term::atom(n),
                    None if in_list => Term::NIL,
                    // Alone, an unregistered process's item is `[]`, not a tuple.
                    None => return Term::NIL,
                }
            }
            "messages" => {
                let msgs: Vec<Term> = match other {
                    Some(o) => o
                        .mailbox
                        .messages
                        .iter()
                        .map(|&m| crate::copy::copy_term(heap, m))
                        .collect(),
                    None => self.p.mailbox.messages.iter().copied().collect(),
                };
                self.p.heap.list(&msgs)
            }
            "dictionary" => {
                let pairs: Vec<(Term, Term)> = match other {
                    Some(o) => o.dict.clone(),
                    None => self.p.dict.clone(),
                };
                let heap = &mut self.p.heap;
                let items: Vec<Term> = pairs
                    .into_iter()
                    .map(|(k, v)| {
                        let (k, v) = if other.is_some() {
                            (
                                crate::copy::copy_term(heap, k),
                                crate::copy::copy_term(heap, v),
                            )
                        } else {
                            (k, v)
                        };
                        heap.tuple(&[k, v])
                    })
                    .collect();
                heap.list(&items)
            }
            _ => Term::atom(atom::UNDEFINED),
        };
        self.p.heap.tuple(&[item, value])
    }

    fn memory_list(&mut self) -> Term {
        let kinds = [
            "total",
            "processes",
            "processes_used",
            "system",
            "atom",
            "atom_used",
            "binary",
            "code",
            "ets",
        ];
        let mut items = Vec::new();
        for k in kinds {
            let a = Term::atom(self.ctx.shared.atoms.intern(k));
            let v = self.memory_value(k).unwrap_or(0);
            let n = self.p.heap.int(v as i64);
            items.push(self.p.heap.tuple(&[a, n]));
        }
        self.p.heap.list(&items)
    }

    fn memory_of(&mut self, kind: Term) -> Result<Term, Exception> {
        if kind.is_list() {
            // OTP walks the list in Erlang: an improper tail fails its helper's clauses.
            let kinds = crate::ops::list_to_vec(kind)
                .ok_or_else(|| Exception::error(Term::atom(crate::atom::FUNCTION_CLAUSE)))?;
            // One level only: as in OTP, an element that is not a kind (a nested list too) is badarg.
            let mut items = Vec::with_capacity(kinds.len());
            for k in kinds {
                let v = self.memory_of_atom(k)?;
                items.push(self.p.heap.tuple(&[k, v]));
            }
            return Ok(self.p.heap.list(&items));
        }
        self.memory_of_atom(kind)
    }

    /// `erlang:memory/1` of one kind atom; `badarg` for anything else.
    fn memory_of_atom(&mut self, kind: Term) -> Result<Term, Exception> {
        let name = kind
            .as_atom()
            .map(|a| self.ctx.shared.atoms.name(a).to_string())
            .ok_or_else(Exception::badarg)?;
        let v = self.memory_value(&name).ok_or_else(Exception::badarg)?;
        Ok(self.p.heap.int(v as i64))
    }

    /// Bytes for one `erlang:memory/1` kind. Processes are counted from what each reported at the
    /// end of its last slice (the caller: now).
    fn memory_value(&self, kind: &str) -> Option<usize> {
        let procs = || {
            let mine = self.p.memory_bytes();
            self.ctx.sys.process_memory(self.p.pid) + mine
        };
        let code = || self.ctx.code.live_versions() * 64 * 1024;
        Some(match kind {
            "total" => procs() + code() + 1024 * 1024,
            "processes" | "processes_used" => procs(),
            "system" => code() + 1024 * 1024,
            "atom" | "atom_used" => self.ctx.shared.atoms.len() * 32,
            "binary" | "ets" => 0,
            "code" => code(),
            _ => return None,
        })
    }

    fn statistics(&mut self, kind: Term) -> Result<Term, Exception> {
        let name = kind
            .as_atom()
            .map(|a| self.ctx.shared.atoms.name(a).to_string())
            .ok_or_else(Exception::badarg)?;
        let sys = self.ctx.sys;
        let (total, since) = match name.as_str() {
            "runtime" => sys.stat_delta(0, self.ctx.shared.cpu_time_ms()),
            "wall_clock" => sys.stat_delta(1, self.ctx.shared.start.elapsed().as_millis() as u64),
            "reductions" => {
                let total = sys.total_reductions()
                    + self.p.reductions
                    + (4000 - self.budget.clamp(0, 4000)) as u64;
                sys.stat_delta(2, total)
            }
            "run_queue" => return Ok(Term::small(0)),
            "total_active_tasks" | "total_run_queue_lengths" => return Ok(Term::small(0)),
            _ => return Err(Exception::badarg()),
        };
        let (a, b) = (self.p.heap.int(total as i64), self.p.heap.int(since as i64));
        Ok(self.p.heap.tuple(&[a, b]))
    }

    pub(super) fn garbage_collect_other(&mut self, p: Term) -> Outcome {
        let Some(pid) = p.as_pid() else {
            return Outcome::Raise(Exception::badarg());
        };
        if pid == self.p.pid {
            self.p.collect_major(&mut self.x[..], 0);
            return Outcome::Value(Term::bool(true));
        }
        let found = self
            .ctx
            .sys
            .with_process(pid, &mut |other| other.collect_major_saved());
        Outcome::Value(Term::bool(found))
    }
}

/// The figures `process_info` reports, read while the process is held.
struct InfoSnapshot {
    pid: u64,
    queue_len: usize,
    links: Vec<u64>,
    monitors: Vec<(u64, Option<crate::term::Atom>)>,
    watchers: Vec<u64>,
    heap_words: usize,
    total_heap_words: usize,
    stack_words: usize,
    memory: usize,
    reductions: u64,
    trap_exit: bool,
    /// The stack walk from where the process is (see `stacktrace::walk`).
    positions: Vec<Position>,
    launcher: bool,
    initial_call: Option<(crate::term::Atom, crate::term::Atom, u32)>,
    group_leader: u64,
    hibernating: bool,
    flags: crate::process_flags::Flags,
}

impl InfoSnapshot {
    fn of(p: &Process, queued: usize, here: Position) -> InfoSnapshot {
        InfoSnapshot {
            pid: p.pid,
            queue_len: p.mailbox.len() + queued,
            links: p.links.clone(),
            monitors: p.monitors.iter().map(|m| (m.target, m.name)).collect(),
            watchers: p.watchers.iter().map(|&(_, w)| w).collect(),
            heap_words: p.heap.capacity_words(),
            total_heap_words: p.heap.capacity_words() + p.heap.old_words(),
            stack_words: p.stack.len(),
            memory: p.memory_bytes(),
            reductions: p.reductions,
            trap_exit: p.trap_exit,
            // A hibernating process has no stack: its trace is `[]`.
            positions: match p.hibernating {
                Some(_) => Vec::new(),
                None => stacktrace::walk(p, here),
            },
            hibernating: p.hibernating.is_some(),
            flags: p.flags,
            launcher: p.launcher_frames,
            initial_call: p.initial_call,
            group_leader: p.group_leader,
        }
    }
}
