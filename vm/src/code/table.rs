//! The code table: every loaded module version, which version of each module is current or old,
//! the export table (`{M, F, A}` to code, builtin or runtime builtin), and each version's import
//! links. Owns linking; does not own loading a `Module` (see `code`) or running code.
//!
//! Versions are never freed: a frame or fun of old code refers to its version by index, so an
//! index stays valid for the runtime's life (BEAM would purge; we never do in this design).
//! Loading a module relinks every version's imports, so a remote call always reaches the current
//! code without a hash lookup at call time.

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

/// One loaded version of a module.
pub struct Version {
    pub loaded: Arc<LoadedModule>,
    /// `imports[i]` is where import `i` currently leads.
    pub imports: Vec<Target>,
    /// The code in the form the dispatch loop runs.
    pub packed: super::packed::Packed,
}

/// All code of a runtime.
#[derive(Default)]
pub struct CodeTable {
    versions: Vec<Version>,
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
    /// old code) and relinks every version's imports. Returns the new version index.
    pub fn install(&mut self, loaded: LoadedModule) -> u32 {
        let version = self.versions.len() as u32;
        let name = loaded.name;
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
        self.versions.push(Version {
            loaded: Arc::new(loaded),
            imports: Vec::new(),
            packed,
        });
        self.relink();
        version
    }

    fn relink(&mut self) {
        for i in 0..self.versions.len() {
            let links: Vec<Target> = self.versions[i]
                .loaded
                .imports
                .iter()
                .map(|imp| self.resolve(imp.module, imp.function, imp.arity))
                .collect();
            self.versions[i].imports = links;
        }
    }

    /// Version `index` (its code, packed form and import links), if it exists.
    pub fn version(&self, index: u32) -> Option<&Version> {
        self.versions.get(index as usize)
    }

    /// How many versions have been loaded (versions are never freed).
    pub fn version_count(&self) -> usize {
        self.versions.len()
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
        self.versions.get(version as usize).map(|v| &*v.loaded)
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

    /// Whether `module` has a current version or is a module of builtins
    /// (`erlang:module_loaded/1`).
    pub fn is_loaded(&self, module: Atom) -> bool {
        self.current_version(module).is_some() || self.natives.keys().any(|k| k.0 == module)
    }

    /// A builtin by key, for tests and the runtime.
    pub fn native(&self, m: Atom, f: Atom, a: u8) -> Option<NativeFn> {
        match self.natives.get(&(m, f, a)) {
            Some(Target::Native(nf)) => Some(*nf),
            _ => None,
        }
    }
}
