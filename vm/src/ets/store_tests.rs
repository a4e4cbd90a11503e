//! Unit tests of the ETS stores against simple models: random inserts, removals and walks.

use super::*;
use crate::heap::Heap;

fn obj(heap: &mut Heap, key: Term, v: i64) -> StoredTerm {
    let t = heap.tuple(&[key, Term::small(v)]);
    StoredTerm::new(t)
}

/// A deterministic pseudo-random sequence.
fn lcg(s: &mut u64) -> u64 {
    *s = s
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *s >> 33
}

#[test]
fn ordered_store_matches_a_sorted_model() {
    let atoms = AtomTable::new();
    let mut heap = Heap::new();
    let mut store = OrderedStore::default();
    let mut model: std::collections::BTreeMap<i64, i64> = Default::default();
    let mut seed = 7;
    for i in 0..20_000 {
        let k = (lcg(&mut seed) % 3_000) as i64;
        if lcg(&mut seed).is_multiple_of(3) {
            let removed = store.remove(Term::small(k), 1, &atoms).is_some();
            assert_eq!(removed, model.remove(&k).is_some());
        } else {
            let o = obj(&mut heap, Term::small(k), i);
            store.put(o, 1, &atoms);
            model.insert(k, i);
        }
    }
    assert_eq!(store.len(), model.len());
    let keys: Vec<i64> = store
        .iter()
        .map(|o| key_of(o.term(), 1).as_small().unwrap())
        .collect();
    let want: Vec<i64> = model.keys().copied().collect();
    assert_eq!(keys, want);
    // next/prev from present and absent keys.
    for probe in [-1i64, 0, 1, 1500, 2999, 3000] {
        let next = store
            .next(Term::small(probe), 1, &atoms)
            .map(|t| t.as_small().unwrap());
        assert_eq!(next, model.range(probe + 1..).next().map(|(k, _)| *k));
        let prev = store
            .prev(Term::small(probe), 1, &atoms)
            .map(|t| t.as_small().unwrap());
        assert_eq!(prev, model.range(..probe).next_back().map(|(k, _)| *k));
    }
    // Walks from a key go on after it, both ways.
    let after: Vec<i64> = store
        .iter_from(Some(Term::small(1500)), 1, &atoms)
        .map(|o| key_of(o.term(), 1).as_small().unwrap())
        .collect();
    assert_eq!(
        after,
        model.range(1501..).map(|(k, _)| *k).collect::<Vec<_>>()
    );
    let before: Vec<i64> = store
        .iter_rev_from(Some(Term::small(1500)), 1, &atoms)
        .map(|o| key_of(o.term(), 1).as_small().unwrap())
        .collect();
    assert_eq!(
        before,
        model
            .range(..1500)
            .rev()
            .map(|(k, _)| *k)
            .collect::<Vec<_>>()
    );
    // retain keeps the chunk index consistent.
    store.retain(|o| key_of(o.term(), 1).as_small().unwrap() % 2 == 0, 1);
    model.retain(|k, _| k % 2 == 0);
    assert_eq!(
        store.first(1).map(|t| t.as_small().unwrap()),
        model.keys().next().copied()
    );
    assert_eq!(
        store.last(1).map(|t| t.as_small().unwrap()),
        model.keys().last().copied()
    );
    assert!(store.get(Term::small(3), 1, &atoms).is_none());
}

#[test]
fn ordered_store_keys_compare_with_double_equals() {
    let atoms = AtomTable::new();
    let mut heap = Heap::new();
    let mut store = OrderedStore::default();
    store.put(obj(&mut heap, Term::small(1), 1), 1, &atoms);
    let one_float = heap.float(1.0);
    let replaced = store.put(obj(&mut heap, one_float, 2), 1, &atoms);
    assert!(replaced.is_some());
    assert_eq!(store.len(), 1);
}

#[test]
fn hash_store_walk_visits_every_key_once() {
    let atoms = AtomTable::new();
    let mut heap = Heap::new();
    let mut store = HashStore::default();
    let mut keys = Vec::new();
    for i in 0..5_000i64 {
        let k = heap.tuple(&[Term::small(i % 70), Term::small(i)]);
        let o = StoredTerm::new(heap.tuple(&[k, Term::small(i)]));
        let h = key_hash(k, &atoms);
        store.slot_mut(k, h, 1).push(o);
        store.tidy(h, 1, 1);
        keys.push(k);
    }
    assert_eq!(store.len(), 5_000);
    let mut seen = 0;
    let mut k = store.first(1);
    while let Some(key) = k {
        seen += 1;
        assert_eq!(store.get(key, key_hash(key, &atoms), 1).len(), 1);
        k = store.next(key, key_hash(key, &atoms), 1);
    }
    assert_eq!(seen, 5_000);
    for k in &keys[..2_500] {
        assert_eq!(store.remove(*k, key_hash(*k, &atoms), 1).len(), 1);
    }
    assert_eq!(store.len(), 2_500);
    assert_eq!(store.slots().count(), 2_500);
}

#[test]
fn key_hash_follows_exact_equality() {
    let atoms = AtomTable::new();
    let mut heap = Heap::new();
    let big = heap.binary(&[7u8; 100]);
    let small_copy = heap.binary(&[7u8; 100]);
    assert_eq!(key_hash(big, &atoms), key_hash(small_copy, &atoms));
    let z = heap.float(0.0);
    let nz = heap.float(-0.0);
    assert_eq!(key_hash(z, &atoms), key_hash(nz, &atoms));
    let a = heap.tuple(&[Term::small(1), z]);
    let b = heap.tuple(&[Term::small(1), nz]);
    assert_eq!(key_hash(a, &atoms), key_hash(b, &atoms));
    assert_ne!(
        key_hash(Term::small(1), &atoms),
        key_hash(heap.float(1.0), &atoms)
    );
}
