//! ETS tables, persistent terms, atomics and counters: data shared between processes that lives
//! outside every process heap. A `Runtime` owns one `Registry` (in `native::Shared`, like the
//! atom table); objects are `copy::StoredTerm`s copied in on insert and out on lookup, so no
//! process's collection ever touches a table and readers on several schedulers proceed in
//! parallel under each table's `RwLock`. Design notes: docs/ets.md.
//!
//! - `store`: the set/bag hash store and the ordered_set store.
//! - `bifs`, `bifs_iter`: the `ets` builtins; `ms`: match specifications.
//! - `pterm`: `persistent_term`, `atomics`, `counters`.

pub mod bifs;
pub mod bifs_iter;
pub mod errors;
pub mod ms;
pub mod pterm;
pub mod store;

use crate::copy::StoredTerm;
use crate::term::{Atom, Term};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use store::{HashStore, OrderedStore};

/// The table type (`ets:new/2`'s `set | ordered_set | bag | duplicate_bag`).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

/// Who may read and write (`public | protected | private`).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Access {
    Public,
    Protected,
    Private,
}

/// A table's objects.
pub enum Data {
    Hash(HashStore),
    Ordered(OrderedStore),
}

impl Data {
    pub fn len(&self) -> usize {
        match self {
            Data::Hash(h) => h.len(),
            Data::Ordered(o) => o.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn clear(&mut self) {
        match self {
            Data::Hash(h) => h.clear(),
            Data::Ordered(o) => o.clear(),
        }
    }
    /// Words the objects occupy.
    pub fn words(&self) -> usize {
        match self {
            Data::Hash(h) => h.slots().flatten().map(|o| o.words() + 2).sum(),
            Data::Ordered(o) => o.iter().map(|o| o.words() + 1).sum(),
        }
    }
}

/// One table. Its options are fixed at creation except the name, owner and heir.
pub struct Table {
    /// The id of the table's reference (`#Ref<...>` identifier).
    pub id: u64,
    pub name: Mutex<Atom>,
    pub named: bool,
    pub kind: Kind,
    pub access: Access,
    /// 1-based key position in the objects.
    pub keypos: usize,
    pub owner: AtomicU64,
    /// `{heir, Pid, Data}`: the pid and the data, or `None` for `{heir, none}`.
    pub heir: Mutex<Option<(u64, Arc<StoredTerm>)>>,
    pub read_concurrency: bool,
    pub write_concurrency: bool,
    pub decentralized_counters: bool,
    /// `safe_fixtable/2` counts per process (iteration here never needs it; kept for `info`).
    pub fixed: Mutex<Vec<(u64, usize)>>,
    data: RwLock<Data>,
}

impl Table {
    pub fn read(&self) -> RwLockReadGuard<'_, Data> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }
    pub fn write(&self) -> RwLockWriteGuard<'_, Data> {
        self.data.write().unwrap_or_else(|e| e.into_inner())
    }
    pub fn owner(&self) -> u64 {
        self.owner.load(Ordering::Acquire)
    }
    pub fn name(&self) -> Atom {
        *self.name.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Whether process `pid` may read it.
    pub fn may_read(&self, pid: u64) -> bool {
        self.access != Access::Private || self.owner() == pid
    }
    /// Whether process `pid` may write it.
    pub fn may_write(&self, pid: u64) -> bool {
        self.access == Access::Public || self.owner() == pid
    }
}

/// What `ets:new/2` was asked for.
pub struct NewTable {
    pub name: Atom,
    pub named: bool,
    pub kind: Kind,
    pub access: Access,
    pub keypos: usize,
    pub heir: Option<(u64, StoredTerm)>,
    pub read_concurrency: bool,
    pub write_concurrency: bool,
    pub decentralized_counters: bool,
}

/// A table whose owner ended and which goes to its heir: the heir gets
/// `{'ETS-TRANSFER', Tab, FromPid, HeirData}`.
pub struct Transfer {
    pub heir: u64,
    pub table: Arc<Table>,
    pub from: u64,
    pub data: Arc<StoredTerm>,
}

/// Hashing for table ids and name atoms (small integers handed out by the VM, never chosen by a
/// user): one multiply, so finding a table on every `ets` call costs far less than SipHash.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // The high bits pick hashbrown's control byte: fold them from the whole product.
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 ^= n as u64;
    }
    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

type IdBuild = std::hash::BuildHasherDefault<IdHasher>;

/// Every table of one runtime, by id and by name, and the persistent terms.
#[derive(Default)]
pub struct Registry {
    tables: RwLock<HashMap<u64, Arc<Table>, IdBuild>>,
    names: RwLock<HashMap<Atom, Arc<Table>, IdBuild>>,
    /// Tables by owner, so a process's end finds its tables without a scan.
    owned: Mutex<HashMap<u64, Vec<u64>>>,
    pub pterms: pterm::PersistentTerms,
}

impl Registry {
    /// Creates a table owned by `owner` with reference id `id`; `None` if it is named and the
    /// name is taken.
    pub fn create(&self, id: u64, owner: u64, spec: NewTable) -> Option<Arc<Table>> {
        let data = match spec.kind {
            Kind::OrderedSet => Data::Ordered(OrderedStore::default()),
            _ => Data::Hash(HashStore::default()),
        };
        let table = Arc::new(Table {
            id,
            name: Mutex::new(spec.name),
            named: spec.named,
            kind: spec.kind,
            access: spec.access,
            keypos: spec.keypos,
            owner: AtomicU64::new(owner),
            heir: Mutex::new(spec.heir.map(|(p, d)| (p, Arc::new(d)))),
            read_concurrency: spec.read_concurrency,
            write_concurrency: spec.write_concurrency,
            decentralized_counters: spec.decentralized_counters,
            fixed: Mutex::new(Vec::new()),
            data: RwLock::new(data),
        });
        if spec.named {
            let mut names = self.names.write().unwrap_or_else(|e| e.into_inner());
            if names.contains_key(&spec.name) {
                return None;
            }
            names.insert(spec.name, table.clone());
        }
        self.tables
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, table.clone());
        self.lock_owned().entry(owner).or_default().push(id);
        Some(table)
    }

    fn lock_owned(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Vec<u64>>> {
        self.owned.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The table a `Tab` argument (a name or a table reference) refers to.
    pub fn resolve(&self, tab: Term) -> Option<Arc<Table>> {
        if let Some(a) = tab.as_atom() {
            return self
                .names
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .get(&a)
                .cloned();
        }
        let id = crate::signal::ref_id(tab)?;
        self.tables
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
    }

    /// The table named `name`, if any (`ets:whereis/1`).
    pub fn by_name(&self, name: Atom) -> Option<Arc<Table>> {
        self.names
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&name)
            .cloned()
    }

    /// Every table, in creation order.
    pub fn all(&self) -> Vec<Arc<Table>> {
        let mut v: Vec<Arc<Table>> = self
            .tables
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .cloned()
            .collect();
        v.sort_by_key(|t| t.id);
        v
    }

    /// Deletes `table` (its objects are freed when the last reader lets go).
    pub fn delete(&self, table: &Table) {
        self.tables
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&table.id);
        if table.named {
            let mut names = self.names.write().unwrap_or_else(|e| e.into_inner());
            if names.get(&table.name()).is_some_and(|t| t.id == table.id) {
                names.remove(&table.name());
            }
        }
        let mut owned = self.lock_owned();
        if let Some(v) = owned.get_mut(&table.owner()) {
            v.retain(|&id| id != table.id);
        }
        table.write().clear();
    }

    /// Renames a named table; false if `to` is taken.
    pub fn rename(&self, table: &Arc<Table>, to: Atom) -> bool {
        let mut names = self.names.write().unwrap_or_else(|e| e.into_inner());
        let from = table.name();
        if from == to && table.named {
            return true;
        }
        if table.named && names.contains_key(&to) {
            return false;
        }
        if table.named {
            names.remove(&from);
            names.insert(to, table.clone());
        }
        *table.name.lock().unwrap_or_else(|e| e.into_inner()) = to;
        true
    }

    /// Makes `to` the owner of `table`.
    pub fn set_owner(&self, table: &Table, to: u64) {
        let mut owned = self.lock_owned();
        let from = table.owner();
        if let Some(v) = owned.get_mut(&from) {
            v.retain(|&id| id != table.id);
        }
        owned.entry(to).or_default().push(table.id);
        table.owner.store(to, Ordering::Release);
    }

    /// Process `pid` ended: each of its tables goes to its heir if the heir is alive (per
    /// `alive`) and is not `pid`, otherwise is deleted. Returns the transfers to announce.
    pub fn owner_exited(&self, pid: u64, alive: &dyn Fn(u64) -> bool) -> Vec<Transfer> {
        let ids = self.lock_owned().remove(&pid).unwrap_or_default();
        let mut transfers = Vec::new();
        for id in ids {
            let Some(table) = self
                .tables
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .get(&id)
                .cloned()
            else {
                continue;
            };
            let heir = table.heir.lock().unwrap_or_else(|e| e.into_inner()).clone();
            match heir {
                Some((h, data)) if h != pid && alive(h) => {
                    self.set_owner(&table, h);
                    transfers.push(Transfer {
                        heir: h,
                        table,
                        from: pid,
                        data,
                    });
                }
                _ => self.delete(&table),
            }
        }
        transfers
    }
}
