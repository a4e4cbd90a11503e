//! The atom table: interns atom names to stable indices. Owns the predefined atoms whose indices
//! are fixed constants (so builtins can name `badarg` without a lookup). Atoms are never freed,
//! as in BEAM.

use crate::term::Atom;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

/// Names of the predefined atoms, in index order; `PREDEFINED[i]` has index `i`.
pub const PREDEFINED: &[&str] = &[
    "false",
    "true",
    "ok",
    "error",
    "undefined",
    "nil",
    "badarg",
    "badarith",
    "badmatch",
    "function_clause",
    "case_clause",
    "if_clause",
    "try_clause",
    "undef",
    "badfun",
    "badarity",
    "badkey",
    "badmap",
    "badrecord",
    "system_limit",
    "throw",
    "exit",
    "normal",
    "kill",
    "killed",
    "noproc",
    "EXIT",
    "DOWN",
    "process",
    "infinity",
    "erlang",
    "lists",
    "maps",
    "file",
    "line",
    "error_info",
    "nocatch",
    "module",
    "function",
    "arity",
    "name",
    "env",
    "type",
    "local",
    "external",
    "",
    "timeout_value",
    "bad_generator",
    "bad_filter",
    "module_info",
    "exports",
    "attributes",
    "compile",
    "md5",
    "short",
    "decimals",
    "scientific",
    "compact",
    "latin1",
    "unicode",
    "utf8",
    "nonode@nohost",
    "native",
    "second",
    "millisecond",
    "microsecond",
    "nanosecond",
    "seconds",
    "milli_seconds",
    "micro_seconds",
    "nano_seconds",
    "positive",
    "monotonic",
    "krarup_io",
    "put_chars",
];

pub const FALSE: Atom = Atom(0);
pub const TRUE: Atom = Atom(1);
pub const OK: Atom = Atom(2);
pub const ERROR: Atom = Atom(3);
pub const UNDEFINED: Atom = Atom(4);
pub const NIL_ATOM: Atom = Atom(5);
pub const BADARG: Atom = Atom(6);
pub const BADARITH: Atom = Atom(7);
pub const BADMATCH: Atom = Atom(8);
pub const FUNCTION_CLAUSE: Atom = Atom(9);
pub const CASE_CLAUSE: Atom = Atom(10);
pub const IF_CLAUSE: Atom = Atom(11);
pub const TRY_CLAUSE: Atom = Atom(12);
pub const UNDEF: Atom = Atom(13);
pub const BADFUN: Atom = Atom(14);
pub const BADARITY: Atom = Atom(15);
pub const BADKEY: Atom = Atom(16);
pub const BADMAP: Atom = Atom(17);
pub const BADRECORD: Atom = Atom(18);
pub const SYSTEM_LIMIT: Atom = Atom(19);
pub const THROW: Atom = Atom(20);
pub const EXIT: Atom = Atom(21);
pub const NORMAL: Atom = Atom(22);
pub const KILL: Atom = Atom(23);
pub const KILLED: Atom = Atom(24);
pub const NOPROC: Atom = Atom(25);
pub const EXIT_TAG: Atom = Atom(26);
pub const DOWN: Atom = Atom(27);
pub const PROCESS: Atom = Atom(28);
pub const INFINITY: Atom = Atom(29);
pub const ERLANG: Atom = Atom(30);
pub const LISTS: Atom = Atom(31);
pub const MAPS: Atom = Atom(32);
pub const FILE: Atom = Atom(33);
pub const LINE: Atom = Atom(34);
pub const ERROR_INFO: Atom = Atom(35);
pub const NOCATCH: Atom = Atom(36);
pub const MODULE: Atom = Atom(37);
pub const FUNCTION: Atom = Atom(38);
pub const ARITY: Atom = Atom(39);
pub const NAME: Atom = Atom(40);
pub const ENV: Atom = Atom(41);
pub const TYPE: Atom = Atom(42);
pub const LOCAL: Atom = Atom(43);
pub const EXTERNAL: Atom = Atom(44);
pub const EMPTY: Atom = Atom(45);
pub const TIMEOUT_VALUE: Atom = Atom(46);
pub const BAD_GENERATOR: Atom = Atom(47);
pub const BAD_FILTER: Atom = Atom(48);

/// Interned atom names. Shared by every scheduler thread; reads take a read lock.
#[derive(Debug)]
pub struct AtomTable {
    inner: RwLock<Inner>,
    /// Most atoms `try_intern` lets the table hold (`erl +t`, `system_info(atom_limit)`).
    limit: AtomicUsize,
}

/// BEAM's default atom limit (`system_info(atom_limit)` without `+t`).
pub const DEFAULT_ATOM_LIMIT: usize = 1_048_576;

/// The range `erl +t N` accepts (OTP 25 refuses other values with "bad atom table size").
pub const ATOM_LIMIT_RANGE: std::ops::RangeInclusive<usize> = 8192..=2_147_483_647;

#[derive(Debug, Default)]
struct Inner {
    names: Vec<Arc<str>>,
    index: HashMap<Arc<str>, Atom>,
}

/// BEAM's limit on atom length, in characters (shared with the verifier).
pub use krarup_bytecode::MAX_ATOM_CHARS;

impl AtomTable {
    /// A table holding exactly the predefined atoms.
    pub fn new() -> AtomTable {
        let table = AtomTable {
            inner: RwLock::new(Inner::default()),
            limit: AtomicUsize::new(DEFAULT_ATOM_LIMIT),
        };
        for name in PREDEFINED {
            table.intern(name);
        }
        table
    }

    /// The atom named `name`, adding it if new, whatever the limit: for the VM's own names (a
    /// bounded set). Atoms named by program data go through `try_intern`.
    pub fn intern(&self, name: &str) -> Atom {
        self.intern_within(name, usize::MAX)
            .expect("no limit to exceed")
    }

    /// The atom named `name`, adding it if new; `None` if it is new and the table already holds
    /// `limit()` atoms (the caller raises `system_limit`, where BEAM aborts the node with "no more
    /// index entries in atom_tab").
    pub fn try_intern(&self, name: &str) -> Option<Atom> {
        self.intern_within(name, self.limit())
    }

    /// The most atoms `try_intern` lets the table hold.
    pub fn limit(&self) -> usize {
        self.limit.load(Ordering::Relaxed)
    }

    /// Sets the atom limit (`erl +t N`; the caller checks `ATOM_LIMIT_RANGE`). Atoms already in
    /// the table stay.
    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit, Ordering::Relaxed);
    }

    fn intern_within(&self, name: &str, limit: usize) -> Option<Atom> {
        if let Some(a) = self.lookup(name) {
            return Some(a);
        }
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        if let Some(&a) = inner.index.get(name) {
            return Some(a);
        }
        if inner.names.len() >= limit {
            return None;
        }
        let a = Atom(inner.names.len() as u32);
        let s: Arc<str> = Arc::from(name);
        inner.names.push(s.clone());
        inner.index.insert(s, a);
        Some(a)
    }

    /// The atom named `name` if it exists (`list_to_existing_atom`).
    pub fn lookup(&self, name: &str) -> Option<Atom> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner.index.get(name).copied()
    }

    /// The name of an atom. Unknown indices give `""` (they cannot arise from valid terms).
    pub fn name(&self, a: Atom) -> Arc<str> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner
            .names
            .get(a.0 as usize)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    /// Number of atoms.
    pub fn len(&self) -> usize {
        self.inner
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .names
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for AtomTable {
    fn default() -> Self {
        AtomTable::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_indices_match_constants() {
        let t = AtomTable::new();
        assert_eq!(&*t.name(TRUE), "true");
        assert_eq!(&*t.name(BAD_FILTER), "bad_filter");
        assert_eq!(&*t.name(EMPTY), "");
        assert_eq!(t.intern("badarg"), BADARG);
    }

    #[test]
    fn intern_is_stable() {
        let t = AtomTable::new();
        let a = t.intern("hello");
        assert_eq!(t.intern("hello"), a);
        assert_eq!(&*t.name(a), "hello");
        assert_eq!(t.lookup("nope"), None);
    }

    #[test]
    fn try_intern_stops_at_the_limit() {
        let t = AtomTable::new();
        t.set_limit(t.len() + 1);
        let a = t.try_intern("first_new").expect("room for one");
        assert_eq!(t.try_intern("second_new"), None);
        assert_eq!(t.try_intern("first_new"), Some(a));
        assert_eq!(t.try_intern("badarg"), Some(BADARG));
        assert_eq!(t.lookup("second_new"), None);
        // The VM's own names are not refused.
        assert_ne!(t.intern("vm_internal"), a);
    }
}
