//! The object stores behind ETS tables: `HashStore` for `set`, `bag` and `duplicate_bag` (keys
//! equal by `=:=`, iterated in the order of their hash) and `OrderedStore` for `ordered_set`
//! (keys equal by `==`, iterated in Erlang term order). Both hold `StoredTerm` objects outside
//! every process heap; neither locks (the table's `RwLock` does).

use crate::atom::AtomTable;
use crate::bif::phash::phash2;
use crate::copy::StoredTerm;
use crate::ops::compare::{compare, exact_eq};
use crate::term::Term;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;

/// The key of an object (a tuple with at least `keypos` elements, checked on insert).
#[inline]
pub fn key_of(obj: Term, keypos: usize) -> Term {
    obj.as_tuple().and_then(|t| t.get(keypos - 1)).unwrap_or(Term::NIL)
}

/// A hash of `k` consistent with `=:=` (splitmix64's finaliser over the word of an immediate or
/// over `erlang:phash2/1` of anything else, which is content-based for every representation).
pub fn key_hash(k: Term, atoms: &AtomTable) -> u64 {
    let mut z = if k.is_immediate() {
        k.raw()
    } else {
        (phash2(k, atoms) as u64) ^ 0x5851_f42d_4c95_7f2d
    };
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The objects of one key (exactly one in a `set`).
pub type Slot = Vec<StoredTerm>;

/// Objects by key hash; keys with the same hash share a bucket, in insertion order.
#[derive(Default)]
pub struct HashStore {
    buckets: BTreeMap<u64, Vec<Slot>>,
    objects: usize,
}

impl HashStore {
    fn slot_pos(bucket: &[Slot], key: Term, keypos: usize) -> Option<usize> {
        bucket
            .iter()
            .position(|s| exact_eq(key_of(s[0].term(), keypos), key))
    }

    /// The objects with key `key` (empty if none).
    pub fn get(&self, key: Term, hash: u64, keypos: usize) -> &[StoredTerm] {
        let Some(bucket) = self.buckets.get(&hash) else {
            return &[];
        };
        match Self::slot_pos(bucket, key, keypos) {
            Some(i) => &bucket[i],
            None => &[],
        }
    }

    /// The slot of `key`, made empty if new (the caller fills it; an empty slot must not be
    /// left behind: see `tidy`).
    pub fn slot_mut(&mut self, key: Term, hash: u64, keypos: usize) -> &mut Slot {
        let bucket = self.buckets.entry(hash).or_default();
        let i = match Self::slot_pos(bucket, key, keypos) {
            Some(i) => i,
            None => {
                bucket.push(Vec::new());
                bucket.len() - 1
            }
        };
        &mut bucket[i]
    }

    /// Removes empty slots and buckets left for `hash` and recounts its objects' change.
    pub fn tidy(&mut self, hash: u64, delta: isize) {
        self.objects = (self.objects as isize + delta).max(0) as usize;
        if let Some(bucket) = self.buckets.get_mut(&hash) {
            bucket.retain(|s| !s.is_empty());
            if bucket.is_empty() {
                self.buckets.remove(&hash);
            }
        }
    }

    /// Removes and returns the objects of `key`.
    pub fn remove(&mut self, key: Term, hash: u64, keypos: usize) -> Slot {
        let Some(bucket) = self.buckets.get_mut(&hash) else {
            return Vec::new();
        };
        let Some(i) = Self::slot_pos(bucket, key, keypos) else {
            return Vec::new();
        };
        let slot = bucket.remove(i);
        if bucket.is_empty() {
            self.buckets.remove(&hash);
        }
        self.objects -= slot.len();
        slot
    }

    pub fn len(&self) -> usize {
        self.objects
    }

    pub fn clear(&mut self) {
        self.buckets.clear();
        self.objects = 0;
    }

    /// Every slot, in iteration order.
    pub fn slots(&self) -> impl DoubleEndedIterator<Item = &Slot> {
        self.buckets.values().flat_map(|b| b.iter())
    }

    /// Keeps the objects `keep` says yes to; returns how many were removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&StoredTerm) -> bool) -> usize {
        let before = self.objects;
        let mut left = 0;
        self.buckets.retain(|_, bucket| {
            for slot in bucket.iter_mut() {
                slot.retain(&mut keep);
                left += slot.len();
            }
            bucket.retain(|s| !s.is_empty());
            !bucket.is_empty()
        });
        self.objects = left;
        before - left
    }

    /// The first key in iteration order.
    pub fn first(&self, keypos: usize) -> Option<Term> {
        self.slots().next().map(|s| key_of(s[0].term(), keypos))
    }

    /// The key after `key` in iteration order (`key` need not be present).
    pub fn next(&self, key: Term, hash: u64, keypos: usize) -> Option<Term> {
        if let Some(bucket) = self.buckets.get(&hash) {
            if let Some(i) = Self::slot_pos(bucket, key, keypos) {
                if let Some(s) = bucket.get(i + 1) {
                    return Some(key_of(s[0].term(), keypos));
                }
            }
        }
        self.buckets
            .range((Bound::Excluded(hash), Bound::Unbounded))
            .next()
            .map(|(_, b)| key_of(b[0][0].term(), keypos))
    }

    /// The slots from the key after `after` (from the start for `None`), in iteration order.
    pub fn slots_from(
        &self,
        after: Option<(Term, u64)>,
        keypos: usize,
    ) -> Box<dyn Iterator<Item = &Slot> + '_> {
        match after {
            None => Box::new(self.slots()),
            Some((key, hash)) => {
                let rest_of_bucket = self
                    .buckets
                    .get(&hash)
                    .and_then(|b| Self::slot_pos(b, key, keypos).map(|i| &b[i + 1..]))
                    .unwrap_or(&[]);
                Box::new(
                    rest_of_bucket.iter().chain(
                        self.buckets
                            .range((Bound::Excluded(hash), Bound::Unbounded))
                            .flat_map(|(_, b)| b.iter()),
                    ),
                )
            }
        }
    }
}

/// Most objects in one chunk of an `OrderedStore`.
const CHUNK: usize = 128;

/// Objects sorted by key in term order (`==`: `1` and `1.0` are one key), kept as a list of
/// sorted chunks of at most `CHUNK` objects (none empty), so an insert moves at most a chunk.
#[derive(Default)]
pub struct OrderedStore {
    chunks: Vec<Vec<StoredTerm>>,
    objects: usize,
}

/// Where a key is or would go: chunk and index within it.
#[derive(Copy, Clone, Debug)]
pub struct Pos {
    pub chunk: usize,
    pub index: usize,
}

impl OrderedStore {
    fn cmp_key(o: &StoredTerm, key: Term, keypos: usize, atoms: &AtomTable) -> Ordering {
        compare(key_of(o.term(), keypos), key, atoms)
    }

    /// `Ok(pos)` of the object with `key`, or `Err(pos)` where it would be inserted.
    pub fn find(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Result<Pos, Pos> {
        // The first chunk whose last key is >= key.
        let c = self.chunks.partition_point(|ch| {
            ch.last()
                .is_some_and(|o| Self::cmp_key(o, key, keypos, atoms) == Ordering::Less)
        });
        if c == self.chunks.len() {
            let chunk = c.saturating_sub(1);
            let index = self.chunks.get(chunk).map_or(0, |ch| ch.len());
            return Err(Pos { chunk, index });
        }
        match self.chunks[c].binary_search_by(|o| Self::cmp_key(o, key, keypos, atoms)) {
            Ok(index) => Ok(Pos { chunk: c, index }),
            Err(index) => Err(Pos { chunk: c, index }),
        }
    }

    pub fn get(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<&StoredTerm> {
        self.find(key, keypos, atoms)
            .ok()
            .map(|p| &self.chunks[p.chunk][p.index])
    }

    /// Puts `obj` in: replaces the object with its key, or inserts it. Returns the replaced one.
    pub fn put(
        &mut self,
        obj: StoredTerm,
        keypos: usize,
        atoms: &AtomTable,
    ) -> Option<StoredTerm> {
        let key = key_of(obj.term(), keypos);
        match self.find(key, keypos, atoms) {
            Ok(p) => Some(std::mem::replace(&mut self.chunks[p.chunk][p.index], obj)),
            Err(p) => {
                self.insert_at(p, obj);
                None
            }
        }
    }

    fn insert_at(&mut self, p: Pos, obj: StoredTerm) {
        self.objects += 1;
        if self.chunks.is_empty() {
            self.chunks.push(vec![obj]);
            return;
        }
        let ch = &mut self.chunks[p.chunk];
        ch.insert(p.index, obj);
        if ch.len() > CHUNK {
            let tail = ch.split_off(CHUNK / 2);
            self.chunks.insert(p.chunk + 1, tail);
        }
    }

    /// Removes the object with `key`.
    pub fn remove(&mut self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<StoredTerm> {
        let p = self.find(key, keypos, atoms).ok()?;
        Some(self.remove_at(p))
    }

    fn remove_at(&mut self, p: Pos) -> StoredTerm {
        self.objects -= 1;
        let ch = &mut self.chunks[p.chunk];
        let o = ch.remove(p.index);
        if ch.is_empty() {
            self.chunks.remove(p.chunk);
        }
        o
    }

    pub fn len(&self) -> usize {
        self.objects
    }

    pub fn clear(&mut self) {
        self.chunks.clear();
        self.objects = 0;
    }

    /// Every object in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &StoredTerm> {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// Keeps the objects `keep` says yes to; returns how many were removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&StoredTerm) -> bool) -> usize {
        let before = self.objects;
        for ch in self.chunks.iter_mut() {
            ch.retain(&mut keep);
        }
        self.chunks.retain(|c| !c.is_empty());
        self.objects = self.chunks.iter().map(|c| c.len()).sum();
        before - self.objects
    }

    pub fn first(&self, keypos: usize) -> Option<Term> {
        self.iter().next().map(|o| key_of(o.term(), keypos))
    }

    pub fn last(&self, keypos: usize) -> Option<Term> {
        self.iter().next_back().map(|o| key_of(o.term(), keypos))
    }

    /// The first object whose key is after `key` (`key` need not be present).
    fn after(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Pos {
        match self.find(key, keypos, atoms) {
            Ok(p) => self.step(p),
            Err(p) => p,
        }
    }

    fn step(&self, p: Pos) -> Pos {
        if p.index + 1 < self.chunks[p.chunk].len() {
            Pos {
                chunk: p.chunk,
                index: p.index + 1,
            }
        } else {
            Pos {
                chunk: p.chunk + 1,
                index: 0,
            }
        }
    }

    fn at(&self, p: Pos) -> Option<&StoredTerm> {
        let ch = self.chunks.get(p.chunk)?;
        match ch.get(p.index) {
            Some(o) => Some(o),
            // An insertion point past a chunk's end is the next chunk's start.
            None => self.chunks.get(p.chunk + 1).and_then(|c| c.first()),
        }
    }

    /// The key after `key` in term order.
    pub fn next(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<Term> {
        self.at(self.after(key, keypos, atoms))
            .map(|o| key_of(o.term(), keypos))
    }

    /// The key before `key` in term order.
    pub fn prev(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<Term> {
        let p = match self.find(key, keypos, atoms) {
            Ok(p) | Err(p) => p,
        };
        let before = if p.index > 0 {
            self.chunks.get(p.chunk).and_then(|c| c.get(p.index - 1))
        } else if p.chunk > 0 {
            self.chunks.get(p.chunk - 1).and_then(|c| c.last())
        } else {
            None
        };
        before.map(|o| key_of(o.term(), keypos))
    }

    /// The objects after `after` (from the start for `None`) in key order.
    pub fn iter_from(
        &self,
        after: Option<Term>,
        keypos: usize,
        atoms: &AtomTable,
    ) -> Box<dyn Iterator<Item = &StoredTerm> + '_> {
        match after {
            None => Box::new(self.iter()),
            Some(key) => {
                let p = self.after(key, keypos, atoms);
                let (c, i) = if self
                    .chunks
                    .get(p.chunk)
                    .is_some_and(|ch| p.index >= ch.len())
                {
                    (p.chunk + 1, 0)
                } else {
                    (p.chunk, p.index)
                };
                let first = self.chunks.get(c).map_or(&[][..], |ch| &ch[i..]);
                Box::new(
                    first
                        .iter()
                        .chain(self.chunks.iter().skip(c + 1).flat_map(|ch| ch.iter())),
                )
            }
        }
    }

    /// The objects before `before` (from the end for `None`), in reverse key order.
    pub fn iter_rev_from(
        &self,
        before: Option<Term>,
        keypos: usize,
        atoms: &AtomTable,
    ) -> Box<dyn Iterator<Item = &StoredTerm> + '_> {
        match before {
            None => Box::new(self.iter().rev()),
            Some(key) => {
                let p = match self.find(key, keypos, atoms) {
                    Ok(p) | Err(p) => p,
                };
                let first = self
                    .chunks
                    .get(p.chunk)
                    .map_or(&[][..], |ch| &ch[..p.index.min(ch.len())]);
                Box::new(first.iter().rev().chain(
                    self.chunks[..p.chunk.min(self.chunks.len())]
                        .iter()
                        .rev()
                        .flat_map(|ch| ch.iter().rev()),
                ))
            }
        }
    }
}
