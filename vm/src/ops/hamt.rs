//! Hash-array-mapped tries for maps of more than `map::FLATMAP_MAX` keys (the `map` module
//! decides when to use them). Persistent: every update copies only the path to the changed leaf,
//! so inserting or finding one of a million keys costs O(log32 n).
//!
//! # Layout
//! A node is a `SUB_HASHMAP` object `[raw word, entries...]`. The raw word holds the 32-bit
//! occupancy bitmap in its low half and the number of keys below the node in its high half.
//! Each entry is a leaf, a cons cell `[Key | Value]`, or a child node (a boxed `SUB_HASHMAP`).
//! At depth `d` the slot is bits `5d..5d+5` of the key's 64-bit `hash`; at depth
//! `COLLISION_DEPTH` the hash is used up and the node is a collision list: bitmap 0, leaves only.
//!
//! # Order
//! `for_each` visits keys in trie order: by slot at each level, depth first. That order is a
//! deterministic function of the keys' hashes (not OTP's order, which uses OTP's internal hash).

use super::compare::exact_eq;
use super::{arith::to_bigint, binary};
use crate::heap::Heap;
use crate::term::{Term, Words, SUB_EXPORT, SUB_FUN, SUB_REF};

const BITS: u32 = 5;
const COLLISION_DEPTH: u32 = 13;

fn mix(h: u64, x: u64) -> u64 {
    // A multiply-xorshift step (splitmix64 finaliser on the combined word).
    let mut z = h ^ x.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(h << 6);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const SEED: u64 = 0x5851_f42d_4c95_7f2d;

/// Work items of `hash`: a term to mix into the top accumulator, or a step of a map's pairs.
enum Task {
    Term(Term),
    /// Starts a sub-hash (a key's or a value's) from `SEED`.
    Begin,
    /// Adds mix(key hash, value hash) to the map's running sum.
    Pair,
    /// Mixes the finished sum of a map with `n` pairs into the enclosing hash.
    MapEnd(u64),
}

/// A 64-bit hash consistent with `=:=` (equal terms hash equal). Atoms hash by index, which is
/// stable within one runtime.
pub fn hash(t: Term) -> u64 {
    if t.is_small() || t.is_atom() || t.is_pid() || t.is_nil() {
        return mix(SEED, t.raw());
    }
    // Iterative: a map's pairs are hashed as sub-hashes (each from `SEED`) on `hs`, so maps
    // nested in keys or values do not recurse on the Rust stack.
    let mut hs: Vec<u64> = vec![SEED];
    let mut stack = vec![Task::Term(t)];
    while let Some(task) = stack.pop() {
        let t = match task {
            Task::Term(t) => t,
            Task::Begin => {
                hs.push(SEED);
                continue;
            }
            Task::Pair => {
                let (hv, hk) = (hs.pop().unwrap_or(0), hs.pop().unwrap_or(0));
                if let Some(acc) = hs.last_mut() {
                    *acc = acc.wrapping_add(mix(hk, hv));
                }
                continue;
            }
            Task::MapEnd(n) => {
                let acc = hs.pop().unwrap_or(0);
                if let Some(h) = hs.last_mut() {
                    *h = mix(mix(*h, 11 | n << 8), acc);
                }
                continue;
            }
        };
        let Some(h) = hs.last_mut() else { break };
        if t.is_small() || t.is_atom() || t.is_pid() || t.is_nil() {
            *h = mix(*h, t.raw());
            continue;
        }
        if let Some((hd, tl)) = t.as_cons() {
            *h = mix(*h, 8);
            stack.push(Task::Term(tl));
            stack.push(Task::Term(hd));
            continue;
        }
        if let Some(es) = t.as_tuple() {
            *h = mix(*h, 9 | (es.len() as u64) << 8);
            stack.extend(es.iter().rev().map(Task::Term));
            continue;
        }
        if let Some(f) = t.as_float() {
            let f = if f == 0.0 { 0.0 } else { f };
            *h = mix(*h, mix(3, f.to_bits()));
            continue;
        }
        if t.is_bignum() {
            let (sign, digits) = to_bigint(t).unwrap_or_default().to_u64_digits();
            *h = mix(*h, 4 + sign as u64);
            for d in digits {
                *h = mix(*h, d);
            }
            continue;
        }
        if t.is_bitstring() {
            if let Some((bytes, bits)) = binary::bytes(t) {
                *h = mix(*h, 10 | (bits as u64) << 8);
                for c in bytes.chunks(8) {
                    let mut w = [0u8; 8];
                    w[..c.len()].copy_from_slice(c);
                    *h = mix(*h, u64::from_le_bytes(w));
                }
            }
            continue;
        }
        if t.is_map() {
            // Order-independent: flat maps and tries with the same pairs hash alike. The sum of
            // mix(hash(k), hash(v)) over the pairs builds on `hs` (popped by `MapEnd`).
            let pairs = super::map::raw_pairs(t);
            stack.push(Task::MapEnd(pairs.len() as u64));
            for (k, v) in pairs {
                stack.extend([
                    Task::Pair,
                    Task::Term(v),
                    Task::Begin,
                    Task::Term(k),
                    Task::Begin,
                ]);
            }
            hs.push(0);
            continue;
        }
        match t.boxed_subtag() {
            Some(SUB_REF) => {
                let id = t.payload().and_then(|p| p.first()).map_or(0, |w| w.raw());
                *h = mix(*h, mix(6, id))
            }
            Some(SUB_FUN) | Some(SUB_EXPORT) => {
                let p = t.payload().unwrap_or(Words::EMPTY);
                *h = mix(*h, 12);
                for (i, w) in p.iter().enumerate() {
                    if i < 3 {
                        *h = mix(*h, w.raw());
                    } else {
                        stack.push(Task::Term(w));
                    }
                }
            }
            _ => *h = mix(*h, t.raw()),
        }
    }
    hs.first().copied().unwrap_or(SEED)
}

fn node_parts(node: Term) -> (u32, usize, Words) {
    match node.payload().and_then(Words::split_first) {
        Some((word, entries)) => (word.raw() as u32, (word.raw() >> 32) as usize, entries),
        None => (0, 0, Words::EMPTY),
    }
}

fn alloc_node(heap: &mut Heap, bitmap: u32, size: usize, entries: &[Term]) -> Term {
    heap.hashmap_node(bitmap, size, entries)
}

fn slot(h: u64, depth: u32) -> u32 {
    ((h >> (depth * BITS)) & 31) as u32
}

/// Number of keys in a trie.
pub fn size(node: Term) -> usize {
    node_parts(node).1
}

/// Looks `key` up (exact match).
pub fn get(node: Term, key: Term) -> Option<Term> {
    let h = hash(key);
    let mut node = node;
    let mut depth = 0;
    loop {
        let (bitmap, _, entries) = node_parts(node);
        if depth >= COLLISION_DEPTH {
            return entries.iter().find_map(|e| match e.as_cons() {
                Some((k, v)) if exact_eq(k, key) => Some(v),
                _ => None,
            });
        }
        let bit = 1u32 << slot(h, depth);
        if bitmap & bit == 0 {
            return None;
        }
        let e = entries.get((bitmap & (bit - 1)).count_ones() as usize)?;
        match e.as_cons() {
            Some((k, v)) => return if exact_eq(k, key) { Some(v) } else { None },
            None => {
                node = e;
                depth += 1;
            }
        }
    }
}

/// A new trie holding `pairs` (keys distinct).
pub fn from_unique_pairs(heap: &mut Heap, pairs: &[(Term, Term)]) -> Term {
    let mut m = alloc_node(heap, 0, 0, &[]);
    for &(k, v) in pairs {
        m = put(heap, m, k, v);
    }
    m
}

/// The trie with `key => value` added or replaced.
pub fn put(heap: &mut Heap, node: Term, key: Term, value: Term) -> Term {
    let h = hash(key);
    put_at(heap, node, key, value, h, 0).0
}

/// Returns the new node and whether a key was added.
fn put_at(heap: &mut Heap, node: Term, key: Term, value: Term, h: u64, depth: u32) -> (Term, bool) {
    let (bitmap, size, entries) = node_parts(node);
    if depth >= COLLISION_DEPTH {
        let mut es = entries.to_vec();
        for e in es.iter_mut() {
            if let Some((k, v)) = e.as_cons() {
                if exact_eq(k, key) {
                    if v == value {
                        return (node, false);
                    }
                    *e = heap.cons(key, value);
                    return (alloc_node(heap, 0, size, &es), false);
                }
            }
        }
        es.push(heap.cons(key, value));
        return (alloc_node(heap, 0, size + 1, &es), true);
    }
    let bit = 1u32 << slot(h, depth);
    let idx = (bitmap & (bit - 1)).count_ones() as usize;
    if bitmap & bit == 0 {
        let leaf = heap.cons(key, value);
        let n = heap.hashmap_node_edit(bitmap | bit, size + 1, entries, idx, leaf, true);
        return (n, true);
    }
    let e = entries.at(idx);
    let (new_entry, added) = match e.as_cons() {
        Some((k, v)) if exact_eq(k, key) => {
            if v == value {
                return (node, false);
            }
            (heap.cons(key, value), false)
        }
        Some((k, v)) => {
            // Split: push the old leaf and the new key one level down.
            let child = alloc_node(heap, 0, 0, &[]);
            let (child, _) = put_at(heap, child, k, v, hash(k), depth + 1);
            let (child, _) = put_at(heap, child, key, value, h, depth + 1);
            (child, true)
        }
        None => {
            let (child, added) = put_at(heap, e, key, value, h, depth + 1);
            if child == e {
                return (node, false);
            }
            (child, added)
        }
    };
    let n = heap.hashmap_node_edit(
        bitmap,
        size + added as usize,
        entries,
        idx,
        new_entry,
        false,
    );
    (n, added)
}

/// The trie without `key` (the same term if absent).
pub fn remove(heap: &mut Heap, node: Term, key: Term) -> Term {
    let h = hash(key);
    remove_at(heap, node, key, h, 0).unwrap_or(node)
}

/// `None` if the key is absent; else the new node.
fn remove_at(heap: &mut Heap, node: Term, key: Term, h: u64, depth: u32) -> Option<Term> {
    let (bitmap, size, entries) = node_parts(node);
    if depth >= COLLISION_DEPTH {
        let i = entries
            .iter()
            .position(|e| matches!(e.as_cons(), Some((k, _)) if exact_eq(k, key)))?;
        let mut es = entries.to_vec();
        es.remove(i);
        return Some(alloc_node(heap, 0, size - 1, &es));
    }
    let bit = 1u32 << slot(h, depth);
    if bitmap & bit == 0 {
        return None;
    }
    let idx = (bitmap & (bit - 1)).count_ones() as usize;
    let e = entries.at(idx);
    let mut es = entries.to_vec();
    let mut bm = bitmap;
    match e.as_cons() {
        Some((k, _)) if exact_eq(k, key) => {
            es.remove(idx);
            bm &= !bit;
        }
        Some(_) => return None,
        None => {
            let child = remove_at(heap, e, key, h, depth + 1)?;
            let (_, csize, centries) = node_parts(child);
            if csize == 0 {
                es.remove(idx);
                bm &= !bit;
            } else if csize == 1 && centries.len() == 1 && centries.at(0).is_cons() {
                es[idx] = centries.at(0);
            } else {
                es[idx] = child;
            }
        }
    }
    Some(alloc_node(heap, bm, size - 1, &es))
}

/// Whether the trie holds a collision list (keys with equal 64-bit hashes), whose order depends
/// on insertion; without one, `for_each`'s order depends only on the set of keys. Recursion
/// depth is at most `COLLISION_DEPTH`.
pub fn has_collisions(node: Term) -> bool {
    fn walk(node: Term, depth: u32) -> bool {
        if depth >= COLLISION_DEPTH {
            return true;
        }
        node_parts(node)
            .2
            .iter()
            .any(|e| e.as_cons().is_none() && walk(e, depth + 1))
    }
    walk(node, 0)
}

/// Calls `f(key, value)` for every pair, in trie order. Recursion depth is at most
/// `COLLISION_DEPTH`.
pub fn for_each(node: Term, f: &mut dyn FnMut(Term, Term)) {
    let (_, _, entries) = node_parts(node);
    for e in entries {
        match e.as_cons() {
            Some((k, v)) => f(k, v),
            None => for_each(e, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Maps nested in keys and values hash without recursing (a test thread's stack is small).
    #[test]
    fn deeply_nested_maps_hash() {
        let atoms = crate::atom::AtomTable::new();
        let mut h = Heap::new();
        let mut k = Term::small(0);
        let mut v = Term::small(0);
        for _ in 0..300_000 {
            k = crate::ops::map::from_pairs(&mut h, &[(k, Term::small(1))], &atoms);
            v = crate::ops::map::from_pairs(&mut h, &[(Term::small(1), v)], &atoms);
        }
        assert_ne!(hash(k), hash(v));
        let pairs: Vec<(Term, Term)> = (0..40).map(|i| (Term::small(i), Term::small(i))).collect();
        let mut m = from_unique_pairs(&mut h, &pairs);
        m = put(&mut h, m, k, v);
        assert_eq!(get(m, k), Some(v));
    }

    #[test]
    fn million_keys() {
        let mut h = Heap::new();
        let mut m = from_unique_pairs(&mut h, &[]);
        let n = 1_000_000;
        for i in 0..n {
            m = put(&mut h, m, Term::small(i), Term::small(i + 1));
            if i % 100_000 == 0 {
                // Keep the test's memory bounded: rebuild into a fresh heap occasionally is
                // not possible without GC, so just check as we go.
                assert_eq!(size(m), i as usize + 1);
            }
        }
        assert_eq!(size(m), n as usize);
        for i in (0..n).step_by(997) {
            assert_eq!(get(m, Term::small(i)), Some(Term::small(i + 1)));
        }
        let mut count = 0;
        for_each(m, &mut |_, _| count += 1);
        assert_eq!(count, n as usize);
    }

    #[test]
    fn collisions_and_equal_floats() {
        let mut h = Heap::new();
        let z = h.float(0.0);
        let nz = h.float(-0.0);
        assert_eq!(hash(z), hash(nz));
        let t1 = h.tuple(&[Term::small(1), Term::NIL]);
        let t2 = h.tuple(&[Term::small(1), Term::NIL]);
        assert_eq!(hash(t1), hash(t2));
        // Force the collision path by inserting at the deepest level directly.
        let node = alloc_node(&mut h, 0, 0, &[]);
        let (node, _) = put_at(
            &mut h,
            node,
            Term::small(1),
            Term::small(10),
            0,
            COLLISION_DEPTH,
        );
        let (node, _) = put_at(
            &mut h,
            node,
            Term::small(2),
            Term::small(20),
            0,
            COLLISION_DEPTH,
        );
        assert_eq!(size(node), 2);
        let node = remove_at(&mut h, node, Term::small(1), 0, COLLISION_DEPTH).unwrap();
        assert_eq!(size(node), 1);
    }
}
