//! Builtins of hot code loading (OTP 25's `erlang:load_module/2`, `check_process_code/2,3`,
//! `check_old_code/1`, `delete_module/1`, `purge_module/1`, `pre_loaded/0`, and krarup's
//! `krarup_code:load/3`, `code_info/1`, `loaded/0`), and autoloading a module from the code path
//! when a call finds it undefined (erl's interactive mode). A builtin that changed the code table
//! ends the caller's slice at once, so the caller's next call runs on the new snapshot
//! (docs/code-loading.md).

use super::calls::Kind;
use super::process_bifs::Outcome;
use super::system::Peek;
use super::{Interrupt, SliceOutcome, Step, Vm};
use crate::code::hot::{runs_version, LoadFailure};
use crate::code::runtime_bifs::RuntimeBif;
use crate::code::table::{TableError, Target};
use crate::native::Exception;
use crate::term::{Atom, Term};

impl RuntimeBif {
    /// True for the builtins this file implements.
    pub(super) fn is_code_bif(self) -> bool {
        use RuntimeBif as R;
        matches!(
            self,
            R::LoadModule2
                | R::Load3
                | R::CheckProcessCode2
                | R::CheckProcessCode3
                | R::CheckOldCode1
                | R::DeleteModule1
                | R::PurgeModule1
                | R::PreLoaded0
                | R::CodeInfo1
                | R::Loaded0
                | R::Refresh0
                | R::CallOnLoad1
                | R::FinishOnLoad2
        )
    }
}

impl<'a> Vm<'a> {
    /// Runs a code builtin with `x0..x[arity-1]`, leaving the caller as `kind` says.
    pub(crate) fn code_bif(&mut self, rb: RuntimeBif, arity: u8, kind: Kind) -> Step {
        if rb == RuntimeBif::CallOnLoad1 {
            return self.call_on_load(kind);
        }
        let args: Vec<Term> = self.x[..arity as usize].to_vec();
        let (outcome, changed) = self.code_bif_value(rb, &args);
        match outcome {
            Outcome::Value(v) => {
                self.x[0] = v;
                if !changed {
                    return self.after_native(kind);
                }
                // End the slice: the next one takes the new code snapshot, once every
                // scheduler has (the code barrier).
                self.p.code_barrier = Some(self.ctx.sys.code_now().generation());
                if kind == Kind::Body {
                    self.p.live = 1;
                    return Err(Interrupt::Stop(SliceOutcome::Yielded));
                }
                self.budget = 0;
                self.after_native(kind)
            }
            Outcome::Raise(e) => Err(self.runtime_bif_error(rb, arity, e)),
            Outcome::Retry => {
                self.pc = self.fault_pc() as usize;
                self.p.live = arity as usize;
                Err(Interrupt::Stop(SliceOutcome::Yielded))
            }
            Outcome::Die(reason) => Err(Interrupt::Stop(SliceOutcome::Exited {
                reason: super::ExitReason::Signal(reason),
            })),
        }
    }

    /// The builtin's outcome, and whether it changed the code table.
    fn code_bif_value(&mut self, rb: RuntimeBif, a: &[Term]) -> (Outcome, bool) {
        use RuntimeBif as R;
        let badarg = || (Outcome::Raise(Exception::badarg()), false);
        match (rb, a) {
            (R::LoadModule2, &[m, bin]) => self.load_module(m, None, bin),
            (R::Load3, &[m, file, bin]) => match crate::bif::char_list(file) {
                Some(f) => self.load_module(m, Some(&f), bin),
                None => badarg(),
            },
            (R::CheckOldCode1, &[m]) => match m.as_atom() {
                Some(m) => (
                    Outcome::Value(Term::bool(self.ctx.code.old_version(m).is_some())),
                    false,
                ),
                None => badarg(),
            },
            (R::CheckProcessCode2, &[p, m]) => (self.check_process_code(p, m), false),
            (R::CheckProcessCode3, &[p, m, opts]) => {
                if crate::ops::list_to_vec(opts).is_none() {
                    return badarg();
                }
                (self.check_process_code(p, m), false)
            }
            (R::DeleteModule1, &[m]) => {
                let Some(m) = m.as_atom() else {
                    return badarg();
                };
                match self.ctx.sys.delete_code(m) {
                    Ok(()) => (Outcome::Value(Term::bool(true)), true),
                    Err(TableError::Unknown) => {
                        (Outcome::Value(Term::atom(crate::atom::UNDEFINED)), false)
                    }
                    Err(TableError::NotPurged) => {
                        let name = self.ctx.shared.atoms.name(m);
                        self.error_report(&format!("Module {name} must be purged before deleting"));
                        badarg()
                    }
                }
            }
            (R::PurgeModule1, &[m]) => {
                let Some(m) = m.as_atom() else {
                    return badarg();
                };
                match self.ctx.sys.purge_code(m) {
                    Ok(()) => (Outcome::Value(Term::bool(true)), true),
                    Err(_) => badarg(),
                }
            }
            (R::FinishOnLoad2, &[m, ok]) => {
                let Some(m) = m.as_atom() else {
                    return badarg();
                };
                if ok == Term::bool(true) {
                    return (Outcome::Value(self.atom_term("ok")), false);
                }
                let _ = self.ctx.sys.revert_code(m);
                (Outcome::Value(self.atom_term("ok")), true)
            }
            (R::Refresh0, []) => (Outcome::Value(self.atom_term("ok")), true),
            (R::PreLoaded0, []) => {
                let mods: Vec<Term> = self
                    .ctx
                    .code
                    .builtin_modules()
                    .into_iter()
                    .map(Term::atom)
                    .collect();
                (Outcome::Value(self.p.heap.list(&mods)), false)
            }
            (R::CodeInfo1, &[m]) => {
                let Some(m) = m.as_atom() else {
                    return badarg();
                };
                (Outcome::Value(self.code_info(m)), false)
            }
            (R::Loaded0, []) => {
                let code = self.ctx.code;
                let mut entries = Vec::new();
                for (m, v) in code.current_modules() {
                    let file = code.version(v).and_then(|v| v.file.clone());
                    let f = self.file_term(file.as_deref());
                    entries.push(self.p.heap.tuple(&[Term::atom(m), f]));
                }
                for m in code.builtin_modules() {
                    if code.current_version(m).is_none() {
                        let f = self.file_term(None);
                        entries.push(self.p.heap.tuple(&[Term::atom(m), f]));
                    }
                }
                (Outcome::Value(self.p.heap.list(&entries)), false)
            }
            _ => badarg(),
        }
    }

    /// `erlang:load_module/2` (`file` `None`) and `krarup_code:load/3`.
    fn load_module(&mut self, m: Term, file: Option<&str>, bin: Term) -> (Outcome, bool) {
        let (Some(m), Some((bytes, bits))) = (m.as_atom(), crate::ops::binary::bytes(bin)) else {
            return (Outcome::Raise(Exception::badarg()), false);
        };
        if bits % 8 != 0 {
            return (Outcome::Raise(Exception::badarg()), false);
        }
        let error = Term::atom(crate::atom::ERROR);
        match self.ctx.sys.load_code(m, file, &bytes) {
            Ok(m) if self.has_on_load(m) => {
                // `code` runs the on_load function in a process of its own (OTP 25);
                // `erlang:load_module/2` leaves that to the code server and reports it.
                if file.is_none() {
                    let _ = self.ctx.sys.revert_code(m);
                    let r = self.atom_term("on_load");
                    return (Outcome::Value(self.p.heap.tuple(&[error, r])), true);
                }
                let tag = self.atom_term("on_load");
                (
                    Outcome::Value(self.p.heap.tuple(&[tag, Term::atom(m)])),
                    true,
                )
            }
            Ok(m) => {
                let tag = self.atom_term("module");
                (
                    Outcome::Value(self.p.heap.tuple(&[tag, Term::atom(m)])),
                    true,
                )
            }
            Err(failure) => {
                if let LoadFailure::Badfile(why) = &failure {
                    let name = self.ctx.shared.atoms.name(m);
                    self.error_report(&format!(
                        "Error loading module {name}:\n  {why}\n\nLoading of {} failed: badfile",
                        file.unwrap_or(&format!("{name}.kbc"))
                    ));
                }
                let r = self.atom_term(failure.reason());
                (Outcome::Value(self.p.heap.tuple(&[error, r])), false)
            }
        }
    }

    /// The `-on_load` function `{F, 0}` of the code just published for `m`, if it has one.
    fn on_load_of(&self, m: Atom) -> Option<(u32, u32, Atom)> {
        let code = self.ctx.sys.code_now();
        let version = code.current_version(m)?;
        let loaded = code.module(version)?;
        let (_, lit) = loaded
            .module
            .attributes
            .iter()
            .find(|(n, _)| n == "on_load")?;
        let krarup_bytecode::module::Literal::Tuple(parts) = lit else {
            return None;
        };
        let [krarup_bytecode::module::Literal::Atom(f), krarup_bytecode::module::Literal::Int(a)] =
            parts.as_slice()
        else {
            return None;
        };
        let f = self.ctx.shared.atoms.lookup(f)?;
        let a = u8::try_from(a).ok()?;
        let info = loaded
            .module
            .functions
            .iter()
            .find(|i| i.arity == a && loaded.atoms.get(i.function.0 as usize) == Some(&f))?;
        (a == 0).then_some((version, info.start + 1, f))
    }

    fn has_on_load(&self, m: Atom) -> bool {
        let code = self.ctx.sys.code_now();
        code.current_version(m)
            .and_then(|v| code.module(v))
            .is_some_and(|l| l.module.attributes.iter().any(|(n, _)| n == "on_load"))
    }

    /// `krarup_code:call_on_load(M)`: calls `M`'s on_load function (a body or tail call as
    /// `kind` says), in the code this slice runs on; `badarg` if it has none.
    fn call_on_load(&mut self, kind: Kind) -> Step {
        let Some(m) = self.x[0].as_atom() else {
            return Err(self.runtime_bif_error(RuntimeBif::CallOnLoad1, 1, Exception::badarg()));
        };
        match self.on_load_of(m) {
            Some((version, pc, f)) if self.ctx.code.version(version).is_some() => {
                self.invoke(Target::Code { version, pc }, m, f, 0, kind)
            }
            _ => Err(self.runtime_bif_error(RuntimeBif::CallOnLoad1, 1, Exception::badarg())),
        }
    }

    /// `check_process_code(P, M)`: whether `P` runs `M`'s old code (its current instruction, a
    /// return address or an open frame); asks again later while another scheduler runs `P`.
    fn check_process_code(&mut self, p: Term, m: Term) -> Outcome {
        let (Some(pid), Some(m)) = (p.as_pid(), m.as_atom()) else {
            return Outcome::Raise(Exception::badarg());
        };
        let Some(old) = self.ctx.code.old_version(m) else {
            return Outcome::Value(Term::bool(false));
        };
        if pid == self.p.pid {
            let me = self.version == old || runs_version(self.p, old);
            return Outcome::Value(Term::bool(me));
        }
        let mut found = false;
        match self.ctx.sys.inspect(self.p.pid, pid, &mut |other, _, _| {
            found = runs_version(other, old)
        }) {
            Peek::Busy => Outcome::Retry,
            Peek::Gone => Outcome::Value(Term::bool(false)),
            Peek::Alive => Outcome::Value(Term::bool(found)),
        }
    }

    /// `{File | preloaded, Bin | none}` for a loaded module, else `false`.
    fn code_info(&mut self, m: Atom) -> Term {
        let code = self.ctx.code;
        match code.current_version(m).and_then(|v| code.version(v)) {
            Some(v) => {
                let f = self.file_term(v.file.as_deref());
                let b = match &v.bytes {
                    Some(b) => self.p.heap.binary(b),
                    None => self.atom_term("none"),
                };
                self.p.heap.tuple(&[f, b])
            }
            None if code.is_loaded(m) => {
                let f = self.file_term(None);
                let none = self.atom_term("none");
                self.p.heap.tuple(&[f, none])
            }
            None => Term::bool(false),
        }
    }

    fn file_term(&mut self, file: Option<&str>) -> Term {
        match file {
            Some(f) => self.p.heap.string(f),
            None => self.atom_term("preloaded"),
        }
    }

    fn atom_term(&self, name: &str) -> Term {
        Term::atom(self.ctx.shared.atoms.intern(name))
    }

    /// Writes an `=ERROR REPORT====` to stderr (as the code server logs, if logging is on).
    fn error_report(&self, text: &str) {
        let shared = self.ctx.shared;
        if !shared.logging_errors() {
            return;
        }
        let report = format!(
            "=ERROR REPORT==== {} ===\n{text}\n\n",
            crate::report::timestamp()
        );
        if let Ok(mut err) = shared.stderr.lock() {
            let _ = std::io::Write::write_all(&mut *err, report.as_bytes());
            let _ = std::io::Write::flush(&mut *err);
        }
    }

    /// A call found `m:f/arity` undefined: if `m` is not loaded and a `m.kbc` on the code path
    /// loads, the call goes on through `krarup_code:apply_loaded/3` (which yields first, so the
    /// call reaches the new code) and this returns its target; `None` to raise `undef`.
    pub(crate) fn autoload(&mut self, m: Atom, f: Atom, arity: u8) -> Option<Target> {
        let code = self.ctx.code;
        if code.is_loaded(m) || code.old_version(m).is_some() {
            return None;
        }
        let kc = self.ctx.shared.atoms.lookup("krarup_code")?;
        let apply = self.ctx.shared.atoms.lookup("apply_loaded")?;
        let target = code.resolve(kc, apply, 3);
        if !matches!(target, Target::Code { .. }) {
            return None;
        }
        // Another process (or this one, in an earlier slice) may have loaded it since this
        // slice's snapshot was taken.
        if !self.ctx.sys.code_now().is_loaded(m) {
            let host = self.ctx.shared.host.get()?;
            let name = self.ctx.shared.atoms.name(m);
            let loaded = crate::bif::code_path_dirs(self.ctx.shared)
                .into_iter()
                .find_map(|dir| {
                    let file = format!("{}/{name}.kbc", dir.trim_end_matches('/'));
                    let bytes = host.read_file(&file).ok()?;
                    Some(self.ctx.sys.load_code(m, Some(&file), &bytes).is_ok())
                });
            if loaded != Some(true) {
                return None;
            }
        }
        let args = self.args_list(arity as usize);
        self.x[0] = Term::atom(m);
        self.x[1] = Term::atom(f);
        self.x[2] = args;
        Some(target)
    }
}
