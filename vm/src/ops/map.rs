//! Erlang maps. Owns the map representations and their operations; not the map syntax (the
//! interpreter) nor argument checking of `maps:*` builtins (`bif::maps`).
//!
//! # Representation
//! A map of up to `FLATMAP_MAX` keys is a `SUB_FLATMAP` object `[keys tuple, values...]` whose
//! keys ascend in the exact key order (`compare::compare_exact`), as OTP's flatmaps. Lookups scan
//! the keys (at most 32 exact comparisons); updates that keep the key set share the keys tuple.
//! Larger maps are hash tries (`hamt`), see that module for their layout; they list their pairs
//! in OTP's order (`otp_order`).

use super::compare::{compare_exact, exact_eq};
use crate::atom::{self, AtomTable};
use crate::heap::Heap;
use crate::native::Exception;
use crate::term::{Term, Words, SUB_FLATMAP, SUB_HASHMAP};
use krarup_bytecode::opcode::MapPut;
use std::cmp::Ordering;

/// Most keys a flat map holds; a larger map is a hash trie.
pub const FLATMAP_MAX: usize = 32;

/// The empty map `#{}`.
pub fn new_map(heap: &mut Heap) -> Term {
    let keys = heap.tuple(&[]);
    alloc_flatmap(heap, keys, &[])
}

fn alloc_flatmap(heap: &mut Heap, keys: Term, values: &[Term]) -> Term {
    heap.flatmap(keys, values)
}

/// `(keys, values)` of a flat map.
fn flat_parts(map: Term) -> Option<(Words, Words)> {
    if map.boxed_subtag()? != SUB_FLATMAP {
        return None;
    }
    let (keys, values) = map.payload()?.split_first()?;
    Some((keys.as_tuple()?, values))
}

fn is_hashmap(map: Term) -> bool {
    map.boxed_subtag() == Some(SUB_HASHMAP)
}

/// The value under `key` (exact key match: `1` and `1.0` are different keys), or `None` if
/// absent or `map` is not a map.
pub fn get(map: Term, key: Term) -> Option<Term> {
    if let Some((keys, values)) = flat_parts(map) {
        return keys
            .iter()
            .position(|k| exact_eq(k, key))
            .and_then(|i| values.get(i));
    }
    if is_hashmap(map) {
        return super::hamt::get(map, key);
    }
    None
}

/// Number of keys (0 if `map` is not a map).
pub fn size(map: Term) -> usize {
    if let Some((keys, _)) = flat_parts(map) {
        return keys.len();
    }
    if is_hashmap(map) {
        return super::hamt::size(map);
    }
    0
}

/// The `(key, value)` pairs in `maps:to_list` order: ascending key order for flat maps; OTP's
/// order for large maps (see `otp_order`; atom keys excepted).
pub fn to_pairs(map: Term) -> Vec<(Term, Term)> {
    if let Some((keys, values)) = flat_parts(map) {
        return keys.iter().zip(values.iter()).collect();
    }
    if is_hashmap(map) {
        let mut out = Vec::with_capacity(super::hamt::size(map));
        super::hamt::for_each(map, &mut |k, v| out.push((k, v)));
        super::otp_order::sort_pairs(&mut out);
        out.reverse();
        return out;
    }
    Vec::new()
}

/// The pairs in no particular order (cheapest: no sorting), for order-independent uses such
/// as equality, hashing and merging.
pub fn raw_pairs(map: Term) -> Vec<(Term, Term)> {
    if is_hashmap(map) {
        let mut out = Vec::with_capacity(super::hamt::size(map));
        super::hamt::for_each(map, &mut |k, v| out.push((k, v)));
        return out;
    }
    to_pairs(map)
}

/// The pairs in an order that depends only on the set of keys (flat maps: key order; tries:
/// trie order), so two maps with exactly equal keys list them alike and can be compared pair by
/// pair without looking keys up. `None` for a trie with a hash-collision list, whose order
/// depends on insertion.
pub fn canonical_pairs(map: Term) -> Option<Vec<(Term, Term)>> {
    if is_hashmap(map) && super::hamt::has_collisions(map) {
        return None;
    }
    Some(raw_pairs(map))
}

/// The pairs in the order OTP's `maps:iterator/1` + `maps:next/1` visit them (and so the order
/// `~p` prints them): key order for flat maps, the reverse of `to_pairs` for large maps.
pub fn iter_pairs(map: Term) -> Vec<(Term, Term)> {
    let mut pairs = to_pairs(map);
    if is_hashmap(map) {
        pairs.reverse();
    }
    pairs
}

/// The pairs in ascending key order (term order with integers before floats), for any size.
pub fn sorted_pairs(map: Term, atoms: &AtomTable) -> Vec<(Term, Term)> {
    let mut pairs = to_pairs(map);
    if is_hashmap(map) {
        pairs.sort_by(|a, b| compare_exact(a.0, b.0, atoms));
    }
    pairs
}

/// Builds a map from pairs sorted by key with no duplicate keys.
fn build_sorted(heap: &mut Heap, pairs: &[(Term, Term)]) -> Term {
    if pairs.len() > FLATMAP_MAX {
        return super::hamt::from_unique_pairs(heap, pairs);
    }
    let keys: Vec<Term> = pairs.iter().map(|p| p.0).collect();
    let values: Vec<Term> = pairs.iter().map(|p| p.1).collect();
    let kt = heap.tuple(&keys);
    alloc_flatmap(heap, kt, &values)
}

/// `map#{key => value}`. `map` must be a map (else it is returned unchanged).
pub fn put(heap: &mut Heap, map: Term, key: Term, value: Term, atoms: &AtomTable) -> Term {
    if is_hashmap(map) {
        return super::hamt::put(heap, map, key, value);
    }
    let Some((keys, values)) = flat_parts(map) else {
        return map;
    };
    if let Some(i) = keys.iter().position(|k| exact_eq(k, key)) {
        if values.get(i) == Some(value) {
            return map;
        }
        let mut vs = values.to_vec();
        vs[i] = value;
        // The key set is unchanged: share the keys tuple.
        let kt = map.payload().and_then(|p| p.first()).unwrap_or(Term::NIL);
        return alloc_flatmap(heap, kt, &vs);
    }
    let mut pairs: Vec<(Term, Term)> = keys.iter().zip(values.iter()).collect();
    let at = pairs.partition_point(|p| compare_exact(p.0, key, atoms) == Ordering::Less);
    pairs.insert(at, (key, value));
    build_sorted(heap, &pairs)
}

/// `map#{k1 => v1, ...}` (`MapPut::Assoc`) or `map#{k1 := v1, ...}` (`MapPut::Exact`).
/// Errors: `{badmap, map}` if `map` is not a map; `{badkey, K}` for an exact update of a
/// missing key.
pub fn put_many(
    heap: &mut Heap,
    kind: MapPut,
    map: Term,
    pairs: &[(Term, Term)],
    atoms: &AtomTable,
) -> Result<Term, Exception> {
    if !map.is_map() {
        let r = heap.tuple(&[Term::atom(atom::BADMAP), map]);
        return Err(Exception::error(r));
    }
    if kind == MapPut::Exact {
        for &(k, _) in pairs {
            if get(map, k).is_none() {
                let r = heap.tuple(&[Term::atom(atom::BADKEY), k]);
                return Err(Exception::error(r));
            }
        }
    }
    if is_hashmap(map) {
        let mut m = map;
        for &(k, v) in pairs {
            m = super::hamt::put(heap, m, k, v);
        }
        return Ok(m);
    }
    let mut all = to_pairs(map);
    let mut changed = false;
    for &(k, v) in pairs {
        match all.binary_search_by(|p| compare_exact(p.0, k, atoms)) {
            Ok(i) => {
                if all[i].1 != v {
                    all[i].1 = v;
                    changed = true;
                }
            }
            Err(i) => {
                all.insert(i, (k, v));
                changed = true;
            }
        }
    }
    if !changed {
        return Ok(map);
    }
    Ok(build_sorted(heap, &all))
}

/// A map of `pairs`; for repeated keys the later pair wins (`maps:from_list/1`).
pub fn from_pairs(heap: &mut Heap, pairs: &[(Term, Term)], atoms: &AtomTable) -> Term {
    if pairs.len() > FLATMAP_MAX {
        let mut m = super::hamt::from_unique_pairs(heap, &[]);
        for &(k, v) in pairs {
            m = super::hamt::put(heap, m, k, v);
        }
        if super::hamt::size(m) > FLATMAP_MAX {
            return m;
        }
        return build_sorted(heap, &sorted_pairs(m, atoms));
    }
    let mut v: Vec<(usize, Term, Term)> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.0, p.1))
        .collect();
    // Sort by key, later pairs first among equal keys, then keep the first of each run.
    v.sort_by(|a, b| compare_exact(a.1, b.1, atoms).then(b.0.cmp(&a.0)));
    v.dedup_by(|later, first| exact_eq(later.1, first.1));
    let sorted: Vec<(Term, Term)> = v.into_iter().map(|(_, k, val)| (k, val)).collect();
    build_sorted(heap, &sorted)
}

/// `maps:remove(key, map)`: `map` without `key` (unchanged if absent or not a map).
pub fn remove(heap: &mut Heap, map: Term, key: Term, atoms: &AtomTable) -> Term {
    if is_hashmap(map) {
        let m = super::hamt::remove(heap, map, key);
        if super::hamt::size(m) <= FLATMAP_MAX {
            // Back to a flat map (keys sorted), so small maps always print in key order.
            let pairs = sorted_pairs(m, atoms);
            return build_sorted(heap, &pairs);
        }
        return m;
    }
    let Some((keys, values)) = flat_parts(map) else {
        return map;
    };
    let Some(i) = keys.iter().position(|k| exact_eq(k, key)) else {
        return map;
    };
    let mut ks = keys.to_vec();
    let mut vs = values.to_vec();
    ks.remove(i);
    vs.remove(i);
    let kt = heap.tuple(&ks);
    alloc_flatmap(heap, kt, &vs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_put_get_remove() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let b = Term::atom(atoms.intern("b"));
        let a = Term::atom(atoms.intern("a"));
        let m0 = new_map(&mut h);
        let m1 = put(&mut h, m0, b, Term::small(1), &atoms);
        let m2 = put(&mut h, m1, a, Term::small(2), &atoms);
        assert_eq!(to_pairs(m2), vec![(a, Term::small(2)), (b, Term::small(1))]);
        assert_eq!(get(m2, a), Some(Term::small(2)));
        assert_eq!(get(m0, a), None);
        let f = h.float(1.0);
        let m3 = put(&mut h, m2, Term::small(1), Term::small(3), &atoms);
        assert_eq!(get(m3, f), None);
        let m4 = remove(&mut h, m3, a, &atoms);
        assert_eq!(size(m4), 2);
        assert_eq!(get(m4, a), None);
    }

    #[test]
    fn put_many_errors_and_order() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let m0 = new_map(&mut h);
        let e = put_many(
            &mut h,
            MapPut::Exact,
            m0,
            &[(Term::small(1), Term::NIL)],
            &atoms,
        );
        let r = e.unwrap_err().reason.as_tuple().unwrap().to_vec();
        assert_eq!(r, [Term::atom(atom::BADKEY), Term::small(1)]);
        let f = h.float(1.0);
        let m = put_many(
            &mut h,
            MapPut::Assoc,
            m0,
            &[(f, Term::small(1)), (Term::small(2), Term::small(2))],
            &atoms,
        )
        .unwrap();
        assert_eq!(to_pairs(m)[0].0, Term::small(2));
        assert!(put_many(&mut h, MapPut::Assoc, Term::NIL, &[], &atoms).is_err());
    }

    #[test]
    fn from_pairs_later_wins() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let k = Term::small(1);
        let m = from_pairs(&mut h, &[(k, Term::small(1)), (k, Term::small(2))], &atoms);
        assert_eq!(to_pairs(m), vec![(k, Term::small(2))]);
    }

    #[test]
    fn large_maps() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let mut m = new_map(&mut h);
        for i in 0..100_000 {
            m = put(&mut h, m, Term::small(i), Term::small(i * 2), &atoms);
        }
        assert_eq!(size(m), 100_000);
        for i in (0..100_000).step_by(7) {
            assert_eq!(get(m, Term::small(i)), Some(Term::small(i * 2)));
        }
        assert_eq!(get(m, Term::small(-1)), None);
        for i in 0..99_990 {
            m = remove(&mut h, m, Term::small(i), &atoms);
        }
        assert_eq!(size(m), 10);
        assert_eq!(m.boxed_subtag(), Some(SUB_FLATMAP));
        assert_eq!(to_pairs(m)[0], (Term::small(99_990), Term::small(199_980)));
        let pairs: Vec<(Term, Term)> = (0..50).map(|i| (Term::small(i), Term::NIL)).collect();
        let big = from_pairs(&mut h, &pairs, &atoms);
        assert_eq!(size(big), 50);
        assert_eq!(sorted_pairs(big, &atoms)[49].0, Term::small(49));
    }
}

#[cfg(test)]
mod model_tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Random puts, removes and lookups agree with a `BTreeMap` model, across the flat/trie
    /// boundary in both directions, and listings stay sorted by key for flat maps.
    #[test]
    fn random_ops_match_model() {
        let atoms = AtomTable::new();
        let mut h = Heap::new();
        let mut m = new_map(&mut h);
        let mut model: BTreeMap<i64, i64> = BTreeMap::new();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for step in 0..60_000 {
            let r = next();
            // Key ranges grow and shrink so the map crosses 32 keys many times.
            let range = if (step / 5000) % 2 == 0 { 40 } else { 3000 };
            let k = (r % range) as i64;
            let key = if k % 3 == 0 {
                h.tuple(&[Term::small(k)])
            } else {
                Term::small(k)
            };
            match (r >> 32) % 3 {
                0 => {
                    m = put(&mut h, m, key, Term::small(step), &atoms);
                    model.insert(k, step);
                }
                1 => {
                    m = remove(&mut h, m, key, &atoms);
                    model.remove(&k);
                }
                _ => {
                    let got = get(m, key).map(|v| v.small_value());
                    assert_eq!(got, model.get(&k).copied(), "step {step}");
                }
            }
            assert_eq!(size(m), model.len(), "step {step}");
            assert_eq!(
                m.boxed_subtag() == Some(SUB_FLATMAP),
                model.len() <= FLATMAP_MAX
            );
        }
        let listed: Vec<i64> = sorted_pairs(m, &atoms)
            .iter()
            .map(|(k, _)| {
                k.as_small()
                    .unwrap_or_else(|| k.as_tuple().unwrap().at(0).small_value())
            })
            .collect();
        let mut want: Vec<i64> = model.keys().copied().collect();
        want.sort_by_key(|k| (k % 3 == 0, *k));
        assert_eq!(listed, want);
    }
}
