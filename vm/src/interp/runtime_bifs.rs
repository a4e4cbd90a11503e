//! Builtins that need the runtime rather than just a heap: `erlang:apply/2,3` (they call),
//! `erlang:halt/0,1` (they stop the runtime), `erlang:get_module_info/1,2` and
//! `erlang:function_exported/3`, `erlang:fun_info/2` and `erlang:is_function/2` (they read the
//! code table), `erlang:raise/3` (it raises with a given stack trace). Every other builtin is a
//! `NativeFn` in `bif/`.

use super::calls::Kind;
use super::exceptions::class_of;
use super::{Interrupt, SliceOutcome, Step, Vm};
use crate::atom;
use crate::code::runtime_bifs::RuntimeBif;
use crate::native::Exception;
use crate::process::X_REGS;
use crate::term::{Atom, Term};

impl RuntimeBif {
    fn name(self) -> &'static str {
        match self {
            RuntimeBif::Apply2 | RuntimeBif::Apply3 => "apply",
            RuntimeBif::Halt0 | RuntimeBif::Halt1 | RuntimeBif::Halt2 => "halt",
            RuntimeBif::GetModuleInfo1 | RuntimeBif::GetModuleInfo2 => "get_module_info",
            RuntimeBif::FunctionExported3 => "function_exported",
            RuntimeBif::Raise3 => "raise",
            RuntimeBif::FunInfo2 => "fun_info",
            RuntimeBif::IsFunction2 => "is_function",
            RuntimeBif::Spawn1 => "spawn",
            RuntimeBif::Spawn3 => "spawn",
            RuntimeBif::SpawnLink1 => "spawn_link",
            RuntimeBif::SpawnLink3 => "spawn_link",
            RuntimeBif::SpawnMonitor1 => "spawn_monitor",
            RuntimeBif::SpawnMonitor3 => "spawn_monitor",
            RuntimeBif::Send2 | RuntimeBif::Send3 => "send",
            RuntimeBif::Bang2 => "!",
            RuntimeBif::SendNosuspend2 | RuntimeBif::SendNosuspend3 => "send_nosuspend",
            RuntimeBif::SendAfter4 => "send_after",
            RuntimeBif::StartTimer4 => "start_timer",
            RuntimeBif::CancelTimer2 => "cancel_timer",
            RuntimeBif::ReadTimer2 => "read_timer",
            RuntimeBif::GarbageCollect2 => "garbage_collect",
            RuntimeBif::ModuleLoaded1 => "module_loaded",
            RuntimeBif::SpawnOpt2
            | RuntimeBif::SpawnOpt3
            | RuntimeBif::SpawnOpt4
            | RuntimeBif::SpawnOpt5 => "spawn_opt",
            RuntimeBif::Link1 => "link",
            RuntimeBif::Unlink1 => "unlink",
            RuntimeBif::Exit2 => "exit",
            RuntimeBif::ProcessFlag2 => "process_flag",
            RuntimeBif::Monitor2 => "monitor",
            RuntimeBif::Demonitor1 => "demonitor",
            RuntimeBif::Demonitor2 => "demonitor",
            RuntimeBif::Register2 => "register",
            RuntimeBif::Unregister1 => "unregister",
            RuntimeBif::Whereis1 => "whereis",
            RuntimeBif::Registered0 => "registered",
            RuntimeBif::IsProcessAlive1 => "is_process_alive",
            RuntimeBif::Processes0 => "processes",
            RuntimeBif::SendAfter3 => "send_after",
            RuntimeBif::StartTimer3 => "start_timer",
            RuntimeBif::CancelTimer1 => "cancel_timer",
            RuntimeBif::ReadTimer1 => "read_timer",
            RuntimeBif::ProcessInfo1 | RuntimeBif::ProcessInfo2 => "process_info",
            RuntimeBif::Memory0 => "memory",
            RuntimeBif::Memory1 => "memory",
            RuntimeBif::Statistics1 => "statistics",
            RuntimeBif::GarbageCollect0 => "garbage_collect",
            RuntimeBif::GarbageCollect1 => "garbage_collect",
            RuntimeBif::Yield0 => "yield",
            RuntimeBif::Alias0 | RuntimeBif::Alias1 => "alias",
            RuntimeBif::Unalias1 => "unalias",
            RuntimeBif::Monitor3 => "monitor",
            RuntimeBif::GroupLeader0 | RuntimeBif::GroupLeader2 => "group_leader",
            RuntimeBif::Hibernate3 => "hibernate",
            RuntimeBif::LoadModule2 | RuntimeBif::Load3 => "load_module",
            RuntimeBif::CheckProcessCode2 | RuntimeBif::CheckProcessCode3 => "check_process_code",
            RuntimeBif::CheckOldCode1 => "check_old_code",
            RuntimeBif::DeleteModule1 => "delete_module",
            RuntimeBif::PurgeModule1 => "purge_module",
            RuntimeBif::PreLoaded0 => "pre_loaded",
            RuntimeBif::CodeInfo1 => "code_info",
            RuntimeBif::Loaded0 => "loaded",
            RuntimeBif::Refresh0 => "refresh",
            RuntimeBif::CallOnLoad1 => "call_on_load",
            RuntimeBif::FinishOnLoad2 => "finish_on_load",
        }
    }

    /// True for the builtins `process_bifs` and `process_info` implement.
    fn is_process_bif(self) -> bool {
        !matches!(
            self,
            RuntimeBif::Apply2
                | RuntimeBif::Apply3
                | RuntimeBif::Halt0
                | RuntimeBif::Halt1
                | RuntimeBif::Halt2
                | RuntimeBif::GetModuleInfo1
                | RuntimeBif::GetModuleInfo2
                | RuntimeBif::FunctionExported3
                | RuntimeBif::Raise3
                | RuntimeBif::FunInfo2
                | RuntimeBif::IsFunction2
                | RuntimeBif::Hibernate3
        )
    }
}

impl<'a> Vm<'a> {
    /// Whether `opts` is a proper list of `{flush, true | false}` (`halt/2`).
    fn halt_options_ok(&self, opts: Term) -> bool {
        let flush = Term::atom(self.ctx.shared.atoms.intern("flush"));
        crate::ops::list_to_vec(opts).is_some_and(|v| {
            v.iter().all(|o| {
                matches!(o.as_tuple_n(), Some([k, b]) if k == flush && (b == Term::bool(true) || b == Term::bool(false)))
            })
        })
    }

    /// Calls a runtime builtin with `x0..x[arity-1]`, leaving the caller as `kind` says.
    pub(crate) fn runtime_bif(&mut self, rb: RuntimeBif, arity: u8, kind: Kind) -> Step {
        match rb {
            RuntimeBif::Apply2 => {
                let (fun, args) = (self.x[0], self.x[1]);
                let n = self.spread_args(args, 1)?;
                self.call_fun_value(fun, n, kind)
            }
            RuntimeBif::Apply3 => {
                let (m, f, args) = (self.x[0], self.x[1], self.x[2]);
                let n = self.spread_args(args, 2)?;
                self.apply_mfa(m, f, n, kind)
            }
            RuntimeBif::Hibernate3 => self.hibernate(),
            rb if rb.is_code_bif() => self.code_bif(rb, arity, kind),
            rb if rb.is_process_bif() => self.process_bif(rb, arity, kind),
            RuntimeBif::Halt0 => Err(Interrupt::Stop(SliceOutcome::Halted(0))),
            RuntimeBif::Halt1 | RuntimeBif::Halt2 => {
                let status = self.x[0];
                // halt/2's only option is `{flush, boolean()}` (output is always flushed).
                if rb == RuntimeBif::Halt2 && !self.halt_options_ok(self.x[1]) {
                    return Err(self.runtime_bif_error(rb, arity, Exception::badarg()));
                }
                match status.as_small() {
                    Some(n) if n >= 0 => {
                        Err(Interrupt::Stop(SliceOutcome::Halted(n.min(255) as i32)))
                    }
                    _ if status.is_list()
                        || status == Term::atom(self.ctx.shared.atoms.intern("abort")) =>
                    {
                        Err(Interrupt::Stop(SliceOutcome::Halted(1)))
                    }
                    _ => Err(self.runtime_bif_error(rb, arity, Exception::badarg())),
                }
            }
            _ => {
                let args: Vec<Term> = self.x[..arity as usize].to_vec();
                match self.runtime_bif_value(rb, &args) {
                    Ok(v) => {
                        self.x[0] = v;
                        self.after_native(kind)
                    }
                    Err(e) => Err(self.runtime_bif_error(rb, arity, e)),
                }
            }
        }
    }

    pub(crate) fn runtime_bif_error(
        &mut self,
        rb: RuntimeBif,
        arity: u8,
        e: Exception,
    ) -> Interrupt {
        let f = self.ctx.shared.atoms.intern(rb.name());
        self.native_error(e, atom::ERLANG, f, arity as usize)
    }

    /// Moves the elements of the list `args` into `x0..`; `badarg` if it is not a proper list
    /// short enough for the registers. `index` is the argument position (for the error).
    fn spread_args(&mut self, args: Term, _index: usize) -> Result<u8, Interrupt> {
        let Some(v) = crate::ops::list_to_vec(args) else {
            return Err(Exception::badarg().into());
        };
        if v.len() > 255 || v.len() > X_REGS {
            return Err(Exception::system_limit().into());
        }
        self.x[..v.len()].copy_from_slice(&v);
        Ok(v.len() as u8)
    }

    /// The value of a runtime builtin that returns (not apply or halt).
    pub(crate) fn runtime_bif_value(
        &mut self,
        rb: RuntimeBif,
        args: &[Term],
    ) -> Result<Term, Exception> {
        match (rb, args) {
            (RuntimeBif::GetModuleInfo1, &[m]) => {
                let m = m.as_atom().ok_or_else(Exception::badarg)?;
                let mut items = Vec::with_capacity(4);
                for name in ["module", "exports", "attributes", "compile"] {
                    let k = self.ctx.shared.atoms.intern(name);
                    let v = self.module_info(m, k)?;
                    items.push(self.p.heap.tuple(&[Term::atom(k), v]));
                }
                Ok(self.p.heap.list(&items))
            }
            (RuntimeBif::GetModuleInfo2, &[m, k]) => {
                let (Some(m), Some(k)) = (m.as_atom(), k.as_atom()) else {
                    return Err(Exception::badarg());
                };
                self.module_info(m, k)
            }
            (RuntimeBif::FunctionExported3, &[m, f, a]) => {
                let (Some(m), Some(f), Some(a)) = (m.as_atom(), f.as_atom(), a.as_small()) else {
                    return Err(Exception::badarg());
                };
                let Ok(a) = u8::try_from(a) else {
                    return Ok(Term::bool(false));
                };
                let code = self.ctx.code;
                let exported = !matches!(code.resolve(m, f, a), crate::code::table::Target::Undef);
                Ok(Term::bool(exported))
            }
            (RuntimeBif::Raise3, &[class, reason, stack]) => match class_of(class) {
                Some(class) if stack.is_list() => Err(Exception {
                    class,
                    reason,
                    stacktrace: Some(stack),
                    args: None,
                }),
                // OTP: "If Class, Reason, or Stacktrace are invalid, raise/3 returns badarg".
                _ => Ok(Term::atom(atom::BADARG)),
            },
            (RuntimeBif::FunInfo2, &[fun, item]) => self.fun_info(fun, item),
            // OTP's is_function/2: a non-negative integer arity, else badarg (one too large
            // for any fun is simply not its arity).
            (RuntimeBif::IsFunction2, &[fun, arity]) => match arity.as_small() {
                Some(n) if n >= 0 => Ok(Term::bool(
                    self.fun_arity(fun).is_some_and(|a| a as i64 == n),
                )),
                None if arity.boxed_subtag() == Some(crate::term::SUB_POS_BIG) => {
                    Ok(Term::bool(false))
                }
                _ => Err(Exception::badarg()),
            },
            _ => Err(Exception::badarg()),
        }
    }

    /// `erlang:fun_info(Fun, Item)`: `{Item, Value}` for arity, module, name, type, env, index,
    /// new_index, uniq, pid (as OTP reports them for local and external funs).
    fn fun_info(&mut self, fun: Term, item: Term) -> Result<Term, Exception> {
        let Some(item_atom) = item.as_atom() else {
            return Err(Exception::badarg());
        };
        let Some(payload) = fun.payload().filter(|_| fun.is_fun()) else {
            return Err(Exception::badarg());
        };
        let atoms = &self.ctx.shared.atoms;
        let name = atoms.name(item_atom);
        let local = fun.boxed_subtag() == Some(crate::term::SUB_FUN);
        let value = if local {
            let index = payload.get(1).and_then(|t| t.as_small()).unwrap_or(0);
            let unique = payload.get(2).and_then(|t| t.as_small()).unwrap_or(0);
            let lambda = self
                .ctx
                .code
                .version_by_unique(unique as u64)
                .and_then(|v| self.ctx.code.module(v))
                .and_then(|m| Some((m, *m.module.lambdas.get(index as usize)?)));
            match &*name {
                "module" => payload.at(0),
                "name" => match lambda {
                    Some((m, l)) => Term::atom(
                        m.atoms
                            .get(l.function.0 as usize)
                            .copied()
                            .unwrap_or(atom::EMPTY),
                    ),
                    None => Term::atom(atom::UNDEFINED),
                },
                "arity" => Term::small(lambda.map_or(0, |(_, l)| l.arity as i64)),
                "type" => Term::atom(atom::LOCAL),
                "env" => self.p.heap.list(&payload.rest(3).to_vec()),
                "index" | "new_index" => Term::small(index),
                "uniq" | "new_uniq" => Term::small(unique),
                "pid" => Term::pid(self.p.pid),
                _ => return Err(Exception::badarg()),
            }
        } else {
            match &*name {
                "module" => payload.at(0),
                "name" => payload.get(1).unwrap_or(Term::NIL),
                "arity" => payload.get(2).unwrap_or(Term::small(0)),
                "type" => Term::atom(atom::EXTERNAL),
                "env" => Term::NIL,
                "pid" | "index" | "new_index" | "uniq" | "new_uniq" => Term::atom(atom::UNDEFINED),
                _ => return Err(Exception::badarg()),
            }
        };
        Ok(self.p.heap.tuple(&[item, value]))
    }

    /// `erlang:get_module_info(M, Key)` for the current version of `m`; a module of builtins
    /// alone (`erlang`) has its builtins as exports and no attributes or functions.
    fn module_info(&mut self, m: Atom, key: Atom) -> Result<Term, Exception> {
        let code = self.ctx.code;
        let loaded = code.current_version(m).and_then(|v| code.module(v));
        if loaded.is_none() && !code.is_loaded(m) {
            return Err(Exception::badarg());
        }
        let heap = &mut self.p.heap;
        let key_name = self.ctx.shared.atoms.name(key);
        let Some(loaded) = loaded else {
            return match &*key_name {
                "module" => Ok(Term::atom(m)),
                "exports" | "functions" => {
                    let pairs: Vec<Term> = code
                        .callable_exports(m)
                        .into_iter()
                        .map(|(f, a)| heap.tuple(&[Term::atom(f), Term::small(a as i64)]))
                        .collect();
                    Ok(heap.list(&pairs))
                }
                "attributes" | "compile" => Ok(Term::NIL),
                _ => Err(Exception::badarg()),
            };
        };
        match &*key_name {
            "module" => Ok(Term::atom(m)),
            "exports" => {
                let pairs: Vec<Term> = code
                    .callable_exports(m)
                    .into_iter()
                    .map(|(f, a)| heap.tuple(&[Term::atom(f), Term::small(a as i64)]))
                    .collect();
                Ok(heap.list(&pairs))
            }
            "attributes" => {
                let mut items = Vec::new();
                for (name, lit) in &loaded.module.attributes {
                    // The loader's `-on_load` is not an attribute BEAM shows.
                    if name == "on_load" {
                        continue;
                    }
                    let v = crate::code::materialize(heap, self.ctx.shared, lit);
                    // OTP keeps list values as they are and wraps any other value in a list.
                    let v = if v.is_list() { v } else { heap.list(&[v]) };
                    let n = Term::atom(self.ctx.shared.atoms.intern(name));
                    items.push(heap.tuple(&[n, v]));
                }
                Ok(heap.list(&items))
            }
            "compile" => Ok(Term::NIL),
            "functions" => {
                let pairs: Vec<Term> = loaded
                    .module
                    .functions
                    .iter()
                    .map(|f| {
                        let name = loaded
                            .atoms
                            .get(f.function.0 as usize)
                            .copied()
                            .unwrap_or(atom::EMPTY);
                        heap.tuple(&[Term::atom(name), Term::small(f.arity as i64)])
                    })
                    .collect();
                Ok(heap.list(&pairs))
            }
            _ => Err(Exception::badarg()),
        }
    }
}
