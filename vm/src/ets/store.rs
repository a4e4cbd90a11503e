//! The object stores behind ETS tables: `HashStore` for `set`, `bag` and `duplicate_bag` (keys
//! equal by `=:=`, iterated in the order of their hash) and `OrderedStore` for `ordered_set`
//! (keys equal by `==`, iterated in Erlang term order). Both hold `StoredTerm` objects outside
//! every process heap; neither locks (the table's `RwLock` does).

use crate::atom::AtomTable;
use crate::copy::StoredTerm;
use crate::ops::compare::{compare, exact_eq};
use crate::term::Term;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;

/// The key of an object (a tuple with at least `keypos` elements, checked on insert).
#[inline]
pub fn key_of(obj: Term, keypos: usize) -> Term {
    obj.as_tuple()
        .and_then(|t| t.get(keypos - 1))
        .unwrap_or(Term::NIL)
}

/// splitmix64's finaliser.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A hash of `k` consistent with `=:=`: exactly equal terms hash alike whatever their
/// representation (heap, refc or sub-binary; `0.0` and `-0.0`). Atoms hash by their index, so no
/// name is read. Walks the term with an explicit stack.
pub fn key_hash(k: Term, _atoms: &AtomTable) -> u64 {
    if k.is_immediate() {
        return mix(k.raw());
    }
    let mut h: u64 = 0x5851_f42d_4c95_7f2d;
    // The common compound key, a tuple of immediates, needs no stack (same result as below).
    if let Some(e) = k.as_tuple() {
        if e.iter().all(|x| x.is_immediate()) {
            h = mix(h ^ 0x44 ^ ((e.len() as u64) << 8));
            for x in e.iter() {
                h = mix(h ^ x.raw());
            }
            return h;
        }
    }
    let mut stack = vec![k];
    while let Some(t) = stack.pop() {
        if t.is_immediate() {
            h = mix(h ^ t.raw());
            continue;
        }
        if let Some((head, tail)) = t.as_cons() {
            h = mix(h ^ 0x11);
            stack.push(tail);
            stack.push(head);
            continue;
        }
        if let Some(f) = t.as_float() {
            let f = if f == 0.0 { 0.0 } else { f };
            h = mix(h ^ f.to_bits() ^ 0x22);
            continue;
        }
        if t.is_bitstring() {
            if let Some((bytes, bits)) = crate::ops::binary::bytes(t) {
                h = mix(h ^ bits as u64 ^ 0x33);
                for c in bytes.chunks(8) {
                    let mut w = [0u8; 8];
                    w[..c.len()].copy_from_slice(c);
                    h = mix(h ^ u64::from_le_bytes(w));
                }
            }
            continue;
        }
        if let Some(e) = t.as_tuple() {
            h = mix(h ^ 0x44 ^ ((e.len() as u64) << 8));
            stack.extend(e.iter().rev());
            continue;
        }
        if t.is_map() {
            // Equal maps may be laid out differently; their size is a consistent (weak) hash.
            h = mix(h ^ 0x55 ^ ((crate::ops::map::size(t) as u64) << 8));
            continue;
        }
        if t.is_bignum() || t.is_reference() {
            if let (Some(hd), Some(p)) = (t.header(), t.payload()) {
                h = mix(h ^ hd.as_term().raw());
                for w in p.iter() {
                    h = mix(h ^ w.raw());
                }
            }
            continue;
        }
        // Funs: by kind only (equal funs share it).
        if let Some(hd) = t.header() {
            h = mix(h ^ hd.subtag() ^ 0x66);
        }
    }
    h
}

/// `a =:= b`, with a fast path for the common compound key (a tuple of immediates) that
/// `ops::compare` would walk with a work stack.
#[inline]
pub fn key_eq(a: Term, b: Term) -> bool {
    if a == b {
        return true;
    }
    if let (Some(x), Some(y)) = (a.as_tuple(), b.as_tuple()) {
        if x.len() != y.len() {
            return false;
        }
        if x.iter()
            .zip(y.iter())
            .all(|(p, q)| p.is_immediate() && q.is_immediate())
        {
            return x.iter().zip(y.iter()).all(|(p, q)| p == q);
        }
    }
    exact_eq(a, b)
}

/// A hasher for keys that are already `key_hash`es: passes the `u64` through.
#[derive(Default, Clone, Copy)]
pub struct PassHasher(u64);

impl std::hash::Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// `HashMap` hashing for `key_hash` keys.
pub type PassBuild = std::hash::BuildHasherDefault<PassHasher>;

/// The objects of one key (exactly one in a `set`).
pub type Slot = Vec<StoredTerm>;

/// One key's objects, with the key kept inline (an immediate, or a pointer into `objs[0]`,
/// whose words never move) so that a lookup compares without following the object.
struct Entry {
    key: Term,
    objs: Slot,
}

/// Objects by key hash; keys with the same hash share a bucket, in insertion order.
#[derive(Default)]
pub struct HashStore {
    buckets: BTreeMap<u64, Vec<Entry>>,
    objects: usize,
}

impl HashStore {
    fn slot_pos(bucket: &[Entry], key: Term) -> Option<usize> {
        bucket.iter().position(|e| key_eq(e.key, key))
    }

    /// The objects with key `key` (empty if none).
    pub fn get(&self, key: Term, hash: u64, _keypos: usize) -> &[StoredTerm] {
        let Some(bucket) = self.buckets.get(&hash) else {
            return &[];
        };
        match Self::slot_pos(bucket, key) {
            Some(i) => &bucket[i].objs,
            None => &[],
        }
    }

    /// The first object with key `key`, to change in place (`ets:update_counter`).
    pub fn first_mut(&mut self, key: Term, hash: u64) -> Option<&mut StoredTerm> {
        let bucket = self.buckets.get_mut(&hash)?;
        let i = Self::slot_pos(bucket, key)?;
        bucket[i].objs.first_mut()
    }

    /// Changes the slot of `key` (made empty if new) with `change`, which must leave it
    /// non-empty and returns how many objects it added; one search of the map, where
    /// `slot_mut` + `tidy` take two.
    pub fn put_with(
        &mut self,
        key: Term,
        hash: u64,
        keypos: usize,
        change: impl FnOnce(&mut Slot) -> isize,
    ) {
        let bucket = self.buckets.entry(hash).or_default();
        let i = match Self::slot_pos(bucket, key) {
            Some(i) => i,
            None => {
                bucket.push(Entry {
                    key,
                    objs: Vec::new(),
                });
                bucket.len() - 1
            }
        };
        let e = &mut bucket[i];
        let delta = change(&mut e.objs);
        match e.objs.first() {
            // The inline key may have pointed into an object `change` replaced.
            Some(first) => e.key = key_of(first.term(), keypos),
            None => {
                bucket.remove(i);
                if bucket.is_empty() {
                    self.buckets.remove(&hash);
                }
            }
        }
        self.objects = (self.objects as isize + delta).max(0) as usize;
    }

    /// The slot of `key`, made empty if new. The caller fills or changes it and then calls
    /// `tidy`, which drops empty slots and re-points the inline keys.
    pub fn slot_mut(&mut self, key: Term, hash: u64, _keypos: usize) -> &mut Slot {
        let bucket = self.buckets.entry(hash).or_default();
        let i = match Self::slot_pos(bucket, key) {
            Some(i) => i,
            None => {
                bucket.push(Entry {
                    key,
                    objs: Vec::new(),
                });
                bucket.len() - 1
            }
        };
        &mut bucket[i].objs
    }

    /// After a change through `slot_mut`: removes empty slots and buckets for `hash`, re-points
    /// its keys at the objects and counts the change in objects.
    pub fn tidy(&mut self, hash: u64, delta: isize, keypos: usize) {
        self.objects = (self.objects as isize + delta).max(0) as usize;
        if let Some(bucket) = self.buckets.get_mut(&hash) {
            bucket.retain(|e| !e.objs.is_empty());
            for e in bucket.iter_mut() {
                e.key = key_of(e.objs[0].term(), keypos);
            }
            if bucket.is_empty() {
                self.buckets.remove(&hash);
            }
        }
    }

    /// Removes and returns the objects of `key`.
    pub fn remove(&mut self, key: Term, hash: u64, _keypos: usize) -> Slot {
        let Some(bucket) = self.buckets.get_mut(&hash) else {
            return Vec::new();
        };
        let Some(i) = Self::slot_pos(bucket, key) else {
            return Vec::new();
        };
        let e = bucket.remove(i);
        if bucket.is_empty() {
            self.buckets.remove(&hash);
        }
        self.objects -= e.objs.len();
        e.objs
    }

    pub fn len(&self) -> usize {
        self.objects
    }

    pub fn is_empty(&self) -> bool {
        self.objects == 0
    }

    pub fn clear(&mut self) {
        self.buckets.clear();
        self.objects = 0;
    }

    /// Every slot, in iteration order.
    pub fn slots(&self) -> impl DoubleEndedIterator<Item = &Slot> {
        self.buckets
            .values()
            .flat_map(|b| b.iter().map(|e| &e.objs))
    }

    /// Keeps the objects `keep` says yes to; returns how many were removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&StoredTerm) -> bool, keypos: usize) -> usize {
        let before = self.objects;
        let mut left = 0;
        self.buckets.retain(|_, bucket| {
            for e in bucket.iter_mut() {
                e.objs.retain(&mut keep);
                left += e.objs.len();
            }
            bucket.retain(|e| !e.objs.is_empty());
            for e in bucket.iter_mut() {
                e.key = key_of(e.objs[0].term(), keypos);
            }
            !bucket.is_empty()
        });
        self.objects = left;
        before - left
    }

    /// The first key in iteration order.
    pub fn first(&self, _keypos: usize) -> Option<Term> {
        self.buckets.values().next().map(|b| b[0].key)
    }

    /// The key after `key` in iteration order (`key` need not be present).
    pub fn next(&self, key: Term, hash: u64, _keypos: usize) -> Option<Term> {
        if let Some(bucket) = self.buckets.get(&hash) {
            if let Some(i) = Self::slot_pos(bucket, key) {
                if let Some(e) = bucket.get(i + 1) {
                    return Some(e.key);
                }
            }
        }
        self.buckets
            .range((Bound::Excluded(hash), Bound::Unbounded))
            .next()
            .map(|(_, b)| b[0].key)
    }

    /// The slots from the key after `after` (from the start for `None`), in iteration order.
    pub fn slots_from(
        &self,
        after: Option<(Term, u64)>,
        _keypos: usize,
    ) -> Box<dyn Iterator<Item = &Slot> + '_> {
        match after {
            None => Box::new(self.slots()),
            Some((key, hash)) => {
                let rest_of_bucket = self
                    .buckets
                    .get(&hash)
                    .and_then(|b| Self::slot_pos(b, key).map(|i| &b[i + 1..]))
                    .unwrap_or(&[]);
                Box::new(
                    rest_of_bucket.iter().map(|e| &e.objs).chain(
                        self.buckets
                            .range((Bound::Excluded(hash), Bound::Unbounded))
                            .flat_map(|(_, b)| b.iter().map(|e| &e.objs)),
                    ),
                )
            }
        }
    }
}

/// Most objects in one chunk of an `OrderedStore`.
const CHUNK: usize = 128;

/// One sorted run of an `OrderedStore`: the keys (immediates, or pointers into the objects'
/// own words, which never move) in a contiguous array of their own, so a binary search touches
/// few cache lines, and the objects at the same indices.
#[derive(Default)]
struct Chunk {
    keys: Vec<Term>,
    objs: Vec<StoredTerm>,
}

impl Chunk {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn last_key(&self) -> Term {
        self.keys[self.keys.len() - 1]
    }
}

/// Objects sorted by key in term order (`==`: `1` and `1.0` are one key), kept as a list of
/// sorted chunks of at most `CHUNK` objects (none empty), so an insert moves at most a chunk;
/// `maxes` holds each chunk's last key, so finding the chunk reads one contiguous array.
#[derive(Default)]
pub struct OrderedStore {
    chunks: Vec<Chunk>,
    maxes: Vec<Term>,
    objects: usize,
}

/// Where a key is or would go: chunk and index within it.
#[derive(Copy, Clone, Debug)]
pub struct Pos {
    pub chunk: usize,
    pub index: usize,
}

impl OrderedStore {
    /// `Ok(pos)` of the object with `key`, or `Err(pos)` where it would be inserted.
    pub fn find(&self, key: Term, _keypos: usize, atoms: &AtomTable) -> Result<Pos, Pos> {
        // The first chunk whose last key is >= key.
        let c = self
            .maxes
            .partition_point(|&m| compare(m, key, atoms) == Ordering::Less);
        if c == self.chunks.len() {
            let chunk = c.saturating_sub(1);
            let index = self.chunks.get(chunk).map_or(0, |ch| ch.len());
            return Err(Pos { chunk, index });
        }
        match self.chunks[c]
            .keys
            .binary_search_by(|&k| compare(k, key, atoms))
        {
            Ok(index) => Ok(Pos { chunk: c, index }),
            Err(index) => Err(Pos { chunk: c, index }),
        }
    }

    pub fn get(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<&StoredTerm> {
        self.find(key, keypos, atoms)
            .ok()
            .map(|p| &self.chunks[p.chunk].objs[p.index])
    }

    /// The object with `key`, to change in place (`ets:update_counter`).
    pub fn get_mut(
        &mut self,
        key: Term,
        keypos: usize,
        atoms: &AtomTable,
    ) -> Option<&mut StoredTerm> {
        let p = self.find(key, keypos, atoms).ok()?;
        Some(&mut self.chunks[p.chunk].objs[p.index])
    }

    /// Puts `obj` in: replaces the object with its key, or inserts it. Returns the replaced one.
    pub fn put(&mut self, obj: StoredTerm, keypos: usize, atoms: &AtomTable) -> Option<StoredTerm> {
        let key = key_of(obj.term(), keypos);
        match self.find(key, keypos, atoms) {
            Ok(p) => {
                let ch = &mut self.chunks[p.chunk];
                let old = std::mem::replace(&mut ch.objs[p.index], obj);
                ch.keys[p.index] = key;
                if p.index + 1 == ch.len() {
                    self.maxes[p.chunk] = key;
                }
                Some(old)
            }
            Err(p) => {
                self.insert_at(p, key, obj);
                None
            }
        }
    }

    fn insert_at(&mut self, p: Pos, key: Term, obj: StoredTerm) {
        self.objects += 1;
        if self.chunks.is_empty() {
            self.maxes.push(key);
            self.chunks.push(Chunk {
                keys: vec![key],
                objs: vec![obj],
            });
            return;
        }
        let ch = &mut self.chunks[p.chunk];
        ch.keys.insert(p.index, key);
        ch.objs.insert(p.index, obj);
        if ch.len() > CHUNK {
            let tail = Chunk {
                keys: ch.keys.split_off(CHUNK / 2),
                objs: ch.objs.split_off(CHUNK / 2),
            };
            let tail_max = tail.last_key();
            self.maxes[p.chunk] = ch.last_key();
            self.chunks.insert(p.chunk + 1, tail);
            self.maxes.insert(p.chunk + 1, tail_max);
        } else {
            self.maxes[p.chunk] = ch.last_key();
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
        ch.keys.remove(p.index);
        let o = ch.objs.remove(p.index);
        if ch.keys.is_empty() {
            self.chunks.remove(p.chunk);
            self.maxes.remove(p.chunk);
        } else {
            self.maxes[p.chunk] = ch.last_key();
        }
        o
    }

    pub fn len(&self) -> usize {
        self.objects
    }

    pub fn is_empty(&self) -> bool {
        self.objects == 0
    }

    pub fn clear(&mut self) {
        self.chunks.clear();
        self.maxes.clear();
        self.objects = 0;
    }

    /// Every object in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &StoredTerm> {
        self.chunks.iter().flat_map(|c| c.objs.iter())
    }

    /// Keeps the objects `keep` says yes to; returns how many were removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&StoredTerm) -> bool, keypos: usize) -> usize {
        let before = self.objects;
        for ch in self.chunks.iter_mut() {
            ch.objs.retain(&mut keep);
            ch.keys = ch.objs.iter().map(|o| key_of(o.term(), keypos)).collect();
        }
        self.chunks.retain(|c| !c.keys.is_empty());
        self.maxes = self.chunks.iter().map(|c| c.last_key()).collect();
        self.objects = self.chunks.iter().map(|c| c.len()).sum();
        before - self.objects
    }

    pub fn first(&self, _keypos: usize) -> Option<Term> {
        self.chunks.first().map(|c| c.keys[0])
    }

    pub fn last(&self, _keypos: usize) -> Option<Term> {
        self.maxes.last().copied()
    }

    /// The position of the first object whose key is after `key` (`key` need not be present).
    fn after(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Pos {
        let p = match self.find(key, keypos, atoms) {
            Ok(p) => Pos {
                chunk: p.chunk,
                index: p.index + 1,
            },
            Err(p) => p,
        };
        // An index past a chunk's end is the next chunk's start.
        if self
            .chunks
            .get(p.chunk)
            .is_some_and(|ch| p.index >= ch.len())
        {
            Pos {
                chunk: p.chunk + 1,
                index: 0,
            }
        } else {
            p
        }
    }

    /// The key after `key` in term order.
    pub fn next(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<Term> {
        let p = self.after(key, keypos, atoms);
        self.chunks
            .get(p.chunk)
            .and_then(|c| c.keys.get(p.index))
            .copied()
    }

    /// The key before `key` in term order.
    pub fn prev(&self, key: Term, keypos: usize, atoms: &AtomTable) -> Option<Term> {
        let p = match self.find(key, keypos, atoms) {
            Ok(p) | Err(p) => p,
        };
        if p.index > 0 {
            self.chunks
                .get(p.chunk)
                .and_then(|c| c.keys.get(p.index - 1))
                .copied()
        } else if p.chunk > 0 {
            self.maxes.get(p.chunk - 1).copied()
        } else {
            None
        }
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
                let first = self
                    .chunks
                    .get(p.chunk)
                    .map_or(&[][..], |ch| &ch.objs[p.index..]);
                Box::new(
                    first.iter().chain(
                        self.chunks
                            .iter()
                            .skip(p.chunk + 1)
                            .flat_map(|c| c.objs.iter()),
                    ),
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
                    .map_or(&[][..], |ch| &ch.objs[..p.index.min(ch.len())]);
                Box::new(
                    first.iter().rev().chain(
                        self.chunks[..p.chunk.min(self.chunks.len())]
                            .iter()
                            .rev()
                            .flat_map(|ch| ch.objs.iter().rev()),
                    ),
                )
            }
        }
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
