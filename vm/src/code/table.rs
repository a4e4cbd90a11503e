//! The code table: every loaded module version, which version of each module is current or old,
//! the export table (`{M, F, A}` to code, builtin or runtime builtin), and each version's import
//! links. Owns linking; does not own loading a `Module` (see `code`) or running code.
//!
//! A table is an immutable snapshot once published (`sched::System::code`): loading, purging and
//! deleting make a changed copy (versions are shared `Arc`s, so a copy is a few maps) that the
//! system swaps in (docs/code-loading.md). A purged version's slot becomes `None`; indices are
//! never reused, so a stale index finds nothing rather than other code. Loading a module relinks
//! every version's imports, so a remote call always reaches the current code without a hash
//! lookup at call time.

use super::runtime_bifs::RuntimeBif;
use super::LoadedModule;
use crate::native::{NativeFn, NativeRegistry};
use crate::term::Atom;
use std::collections::HashMap;
use std::sync::Arc;

/// What an `{M, F, A}` resolves to.
#[derive(Copy, Clone)]
pub enum Target {
    /// Erlang code: module version index and entry instruction.
    Code { version: u32, pc: u32 },
    /// A builtin implemented in Rust.
    Native(NativeFn),
    /// A builtin the interpreter implements (it needs the runtime: apply, halt, ...).
    Runtime(RuntimeBif),
    /// Nothing: calling it raises `undef`.
    Undef,
}

/// One loaded version of a module (cheap to clone: every part is shared).
#[derive(Clone)]
pub struct Version {
    pub loaded: Arc<LoadedModule>,
    /// `imports[i]` is where import `i` currently leads.
    pub imports: Arc<[Target]>,
    /// The code in the form the dispatch loop runs.
    pub packed: Arc<super::packed::Packed>,
    /// Where the object code came from (`code:which/1`), or `None` for a module loaded from
    /// memory by the embedder (reported as `preloaded`, as OTP reports its preloaded modules).
    pub file: Option<Arc<str>>,
    /// The object code (`.kbc` image) when it was loaded from bytes (`code:get_object_code/1`).
    pub bytes: Option<Arc<[u8]>>,
}

/// Why the table refused to change.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum TableError {
    /// The module has old code, which must be purged first (OTP's `not_purged`).
    NotPurged,
    /// The module has no such code (no current version to delete, no old one to purge).
    Unknown,
}

/// All code of a runtime.
#[derive(Default, Clone)]
pub struct CodeTable {
    versions: Vec<Option<Version>>,
    /// Current version of each module.
    current: HashMap<Atom, u32>,
    /// The previous version of each module that has been reloaded.
    old: HashMap<Atom, u32>,
    /// Version index by `LoadedModule::unique` (funs name their version this way).
    by_unique: HashMap<u64, u32>,
    /// Exported Erlang functions of current versions.
    exports: HashMap<(Atom, Atom, u8), (u32, u32)>,
    /// Builtins, which take precedence over Erlang code of the same name.
    natives: HashMap<(Atom, Atom, u8), Target>,
    /// How many changes were published before this snapshot (`sched::System::update_code`).
    generation: u64,
}

impl CodeTable {
    /// A table knowing the given builtins and runtime builtins.
    pub fn new(natives: &NativeRegistry, runtime: &[((Atom, Atom, u8), RuntimeBif)]) -> CodeTable {
        let mut t = CodeTable::default();
        for &(m, f, a) in natives.keys() {
            if let Some(nf) = natives.get(m, f, a) {
                t.natives.insert((m, f, a), Target::Native(nf));
            }
        }
        for &(key, rb) in runtime {
            t.natives.insert(key, Target::Runtime(rb));
        }
        t
    }

    /// Where `M:F/A` leads now.
    pub fn resolve(&self, m: Atom, f: Atom, a: u8) -> Target {
        if let Some(&t) = self.natives.get(&(m, f, a)) {
            return t;
        }
        match self.exports.get(&(m, f, a)) {
            Some(&(version, pc)) => Target::Code { version, pc },
            None => Target::Undef,
        }
    }

    /// True if `M:F/A` is a builtin (as `erlang:function_exported/3` counts them).
    pub fn is_builtin(&self, m: Atom, f: Atom, a: u8) -> bool {
        self.natives.contains_key(&(m, f, a))
    }

    /// Makes `loaded` the current version of its module (the previous current version becomes
    /// old code, replacing any old code there was: the embedder's startup load) and relinks every
    /// version's imports. Returns the new version index.
    pub fn install(&mut self, loaded: LoadedModule) -> u32 {
        if self.old.contains_key(&loaded.name) {
            let _ = self.purge(loaded.name);
        }
        self.install_from(loaded, None, None)
            .expect("old code was purged above")
    }

    /// `install` as `erlang:load_module/2` does it: refused with `NotPurged` while the module
    /// has old code. `file` and `bytes` are kept for `code:which/1` and `get_object_code/1`.
    pub fn install_from(
        &mut self,
        loaded: LoadedModule,
        file: Option<Arc<str>>,
        bytes: Option<Arc<[u8]>>,
    ) -> Result<u32, TableError> {
        let version = self.versions.len() as u32;
        let name = loaded.name;
        if self.old.contains_key(&name) {
            return Err(TableError::NotPurged);
        }
        if let Some(prev) = self.current.insert(name, version) {
            self.old.insert(name, prev);
            self.exports.retain(|&(m, _, _), _| m != name);
        }
        for e in &loaded.module.exports {
            let f = loaded.atoms.get(e.function.0 as usize).copied();
            if let Some(f) = f {
                self.exports
                    .insert((name, f, e.arity), (version, e.entry.0));
            }
        }
        self.by_unique.insert(loaded.unique, version);
        let packed = super::packed::pack(&loaded, version);
        self.versions.push(Some(Version {
            loaded: Arc::new(loaded),
            imports: Arc::from(Vec::new()),
            packed: Arc::new(packed),
            file,
            bytes,
        }));
        self.relink(None);
        Ok(version)
    }

    /// Makes the current code of `module` old (`erlang:delete_module/1`): its exports go, so
    /// remote calls find it undefined. `NotPurged` if old code exists, `Unknown` if it has no
    /// current code.
    pub fn delete(&mut self, module: Atom) -> Result<(), TableError> {
        if self.old.contains_key(&module) {
            return Err(TableError::NotPurged);
        }
        let Some(cur) = self.current.remove(&module) else {
            return Err(TableError::Unknown);
        };
        self.old.insert(module, cur);
        self.exports.retain(|&(m, _, _), _| m != module);
        self.relink(Some(module));
        Ok(())
    }

    /// Undoes the last install of `module` (its `-on_load` failed): the current version is
    /// dropped and the old one, if any, is current again. Returns the dropped version.
    pub fn revert(&mut self, module: Atom) -> Result<Version, TableError> {
        let cur = self.current.remove(&module).ok_or(TableError::Unknown)?;
        self.exports.retain(|&(m, _, _), _| m != module);
        let v = self
            .versions
            .get_mut(cur as usize)
            .and_then(Option::take)
            .ok_or(TableError::Unknown)?;
        self.by_unique.remove(&v.loaded.unique);
        if let Some(old) = self.old.remove(&module) {
            self.current.insert(module, old);
            if let Some(prev) = self.version(old).map(|p| p.loaded.clone()) {
                for e in &prev.module.exports {
                    if let Some(&f) = prev.atoms.get(e.function.0 as usize) {
                        self.exports.insert((module, f, e.arity), (old, e.entry.0));
                    }
                }
            }
        }
        self.relink(None);
        Ok(v)
    }

    /// Drops the old code of `module` (`erlang:purge_module/1`): its slot empties and funs made
    /// by it no longer find it (`{badfun, F}`). The caller has killed the processes running it.
    /// Returns the dropped version, whose memory goes when the last snapshot holding it does.
    pub fn purge(&mut self, module: Atom) -> Result<Version, TableError> {
        let old = self.old.remove(&module).ok_or(TableError::Unknown)?;
        let v = self
            .versions
            .get_mut(old as usize)
            .and_then(Option::take)
            .ok_or(TableError::Unknown)?;
        self.by_unique.remove(&v.loaded.unique);
        Ok(v)
    }

    /// Recomputes import links: of every version that imports from `changed`, or of all.
    fn relink(&mut self, changed: Option<Atom>) {
        for i in 0..self.versions.len() {
            let Some(v) = &self.versions[i] else { continue };
            if let Some(m) = changed {
                if !v.loaded.imports.iter().any(|imp| imp.module == m) {
                    continue;
                }
            }
            let links: Vec<Target> = v
                .loaded
                .imports
                .iter()
                .map(|imp| self.resolve(imp.module, imp.function, imp.arity))
                .collect();
            if let Some(v) = &mut self.versions[i] {
                v.imports = Arc::from(links);
            }
        }
    }

    /// Version `index` (its code, packed form and import links), if it exists (a purged version
    /// does not).
    pub fn version(&self, index: u32) -> Option<&Version> {
        self.versions.get(index as usize).and_then(Option::as_ref)
    }

    /// How many version indices have been handed out (purged ones included).
    pub fn version_count(&self) -> usize {
        self.versions.len()
    }

    /// How many versions are loaded now (current and old).
    pub fn live_versions(&self) -> usize {
        self.versions.iter().filter(|v| v.is_some()).count()
    }

    /// Every module with current code, with its current version.
    pub fn current_modules(&self) -> Vec<(Atom, u32)> {
        self.current.iter().map(|(&m, &v)| (m, v)).collect()
    }

    /// The version index of the module version stamped `unique` (`LoadedModule::unique`), which
    /// is how funs name the code they were made by.
    pub fn version_by_unique(&self, unique: u64) -> Option<u32> {
        self.by_unique.get(&unique).copied()
    }

    /// The old version of `module` (the current one before its last reload), if any.
    pub fn old_version(&self, module: Atom) -> Option<u32> {
        self.old.get(&module).copied()
    }

    /// The version index of the current code of `module`.
    pub fn current_version(&self, module: Atom) -> Option<u32> {
        self.current.get(&module).copied()
    }

    /// The loaded module of a version index.
    pub fn module(&self, version: u32) -> Option<&LoadedModule> {
        self.version(version).map(|v| &*v.loaded)
    }

    /// Exported Erlang functions of the current version of `module`, in export-table order.
    pub fn exports_of(&self, module: Atom) -> Vec<(Atom, u8)> {
        let Some(m) = self.current_version(module).and_then(|v| self.module(v)) else {
            return Vec::new();
        };
        m.module
            .exports
            .iter()
            .filter_map(|e| Some((*m.atoms.get(e.function.0 as usize)?, e.arity)))
            .collect()
    }

    /// Everything `module` exports (`M:module_info(exports)`): its current version's exported
    /// Erlang functions, in export-table order, then its builtins (`lists:keyfind/3`, every
    /// `erlang` BIF), which OTP lists among a module's exports too, sorted by name and arity.
    pub fn callable_exports(&self, module: Atom) -> Vec<(Atom, u8)> {
        let mut all = self.exports_of(module);
        let mut builtins: Vec<(Atom, u8)> = self
            .natives
            .keys()
            .filter(|k| k.0 == module && !all.contains(&(k.1, k.2)))
            .map(|k| (k.1, k.2))
            .collect();
        builtins.sort_unstable_by_key(|&(f, a)| (f.0, a));
        all.extend(builtins);
        all
    }

    /// Whether `module` has a current version or is a module of builtins
    /// (`erlang:module_loaded/1`).
    pub fn is_loaded(&self, module: Atom) -> bool {
        self.current_version(module).is_some() || self.natives.keys().any(|k| k.0 == module)
    }

    /// The modules that have builtins (`erlang`, `lists`, ...), sorted: krarup's preloaded
    /// modules.
    pub fn builtin_modules(&self) -> Vec<Atom> {
        let mut mods: Vec<Atom> = self.natives.keys().map(|k| k.0).collect();
        mods.sort_unstable_by_key(|a| a.0);
        mods.dedup();
        mods
    }

    /// This snapshot's generation: each published change adds one.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Marks a copy as the next generation (`sched::System::update_code`).
    pub fn next_generation(&mut self) {
        self.generation += 1;
    }

    /// A builtin by key, for tests and the runtime.
    pub fn native(&self, m: Atom, f: Atom, a: u8) -> Option<NativeFn> {
        match self.natives.get(&(m, f, a)) {
            Some(Target::Native(nf)) => Some(*nf),
            _ => None,
        }
    }
}
