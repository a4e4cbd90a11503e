//! Tests of the copying collector: contents survive, garbage goes, refc binaries are released,
//! literal pointers stay, big lists survive without recursion.

use super::*;
use crate::heap::HEAP_BIN_LIMIT;
use crate::term::{SUB_HEAP_BIN, SUB_MATCH_CTX};
use num_bigint::BigInt;

/// Structural equality of two terms, walked with an explicit stack (refc binaries compare by
/// contents; raw payload words compare exactly).
pub(crate) fn deep_eq(a: Term, b: Term) -> bool {
    let mut stack = vec![(a, b)];
    while let Some((a, b)) = stack.pop() {
        match (a.as_cons(), b.as_cons()) {
            (Some((ha, ta)), Some((hb, tb))) => {
                stack.push((ha, hb));
                stack.push((ta, tb));
                continue;
            }
            (None, None) => {}
            _ => return false,
        }
        match (a.header(), b.header()) {
            (Some(ha), Some(hb)) => {
                if ha != hb {
                    return false;
                }
                let (pa, pb) = (a.payload().unwrap(), b.payload().unwrap());
                let fields = term_fields(ha);
                if ha.subtag() == SUB_REFC_BIN {
                    if pa.at(0) != pb.at(0) || refc_bytes(&a) != refc_bytes(&b) {
                        return false;
                    }
                    continue;
                }
                for i in 0..pa.len() {
                    if fields.contains(&i) {
                        stack.push((pa.at(i), pb.at(i)));
                    } else if pa.at(i) != pb.at(i) {
                        return false;
                    }
                }
            }
            (None, None) => {
                if a != b {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// The bytes of a refc-binary term; they borrow `t`, whose object holds a strong count.
pub(crate) fn refc_bytes(t: &Term) -> &[u8] {
    let raw = t.payload().unwrap().at(1).raw() as *const RefcBinary;
    // SAFETY: the object `t` points at holds a strong count on `raw` while `t` is live.
    unsafe { (*raw).prefix(usize::MAX) }
}

/// A term using every kind of heap object the collector scans.
pub(crate) fn sample(h: &mut Heap) -> Term {
    let big = h.bigint(&(BigInt::from(3u8) << 100usize));
    let neg = h.bigint(&-(BigInt::from(5u8) << 70usize));
    let f = h.float(-2.25);
    let s = h.string("héllo");
    let improper = h.list_with_tail(&[Term::small(1), f], Term::atom(crate::atom::OK));
    let small_bin = h.binary(b"abc");
    let big_bytes: Vec<u8> = (0..200u8).collect();
    let refc = h.binary(&big_bytes);
    let bits = h.bitstring(&[0xff, 0x80], 9);
    let inner = h.tuple(&[s, Term::NIL, Term::pid(7)]);
    let sub = object(h, SUB_SUB_BIN, &[data(16), data(8), refc]);
    let ctx = object(h, SUB_MATCH_CTX, &[small_bin, data(8), data(24)]);
    let keys = h.tuple(&[Term::atom(crate::atom::ERROR), Term::small(1)]);
    let map = object(h, SUB_FLATMAP, &[keys, inner, big]);
    let fun = object(
        h,
        SUB_FUN,
        &[
            Term::atom(crate::atom::OK),
            Term::small(0),
            Term::small(9),
            map,
        ],
    );
    h.tuple(&[
        big,
        neg,
        improper,
        small_bin,
        refc,
        bits,
        inner,
        sub,
        ctx,
        map,
        fun,
        Term::NIL,
    ])
}

/// A payload data word (a bit size or offset) for `object`.
pub(crate) fn data(w: u64) -> Term {
    // SAFETY: the tests pass small sizes and offsets, whose words carry no pointer tag, only as
    // payload words the collector does not scan as terms.
    unsafe { Term::from_raw(w) }
}

/// A heap object with the given subtag and payload (the tests build layouts the `Heap`
/// builders do not, such as sub-binaries and match contexts).
pub(crate) fn object(h: &mut Heap, subtag: u64, payload: &[Term]) -> Term {
    let p = h.alloc(1 + payload.len());
    // SAFETY: `p` points at `1 + len` freshly allocated words, all written before the term is
    // made; callers pass payloads laid out as `subtag` says.
    unsafe {
        p.write(Header::new(subtag, payload.len()).as_term());
        std::ptr::copy_nonoverlapping(payload.as_ptr(), p.add(1), payload.len());
        Term::boxed_from_ptr(p)
    }
}

fn garbage(h: &mut Heap, n: usize) {
    for i in 0..n {
        h.tuple(&[Term::small(i as i64), Term::NIL, Term::NIL]);
    }
}

#[test]
fn contents_survive_collection() {
    let mut reference = Heap::new();
    let expected = sample(&mut reference);
    let mut h = Heap::with_capacity(16);
    garbage(&mut h, 50);
    let t = sample(&mut h);
    garbage(&mut h, 50);
    assert!(!h.fragments.is_empty());
    let mut roots = vec![t, Term::small(3), Term::NONE];
    collect(&mut h, 100, &mut roots);
    assert!(h.fragments.is_empty());
    assert!(h.young.len() - h.top >= 100);
    assert_ne!(roots[0], t, "the root moved");
    assert!(h.contains(roots[0].boxed_ptr()));
    assert_eq!(roots[1], Term::small(3));
    assert_eq!(roots[2], Term::NONE);
    assert!(deep_eq(roots[0], expected));
    // A second collection is as good as the first.
    collect(&mut h, 0, &mut roots);
    assert!(deep_eq(roots[0], expected));
}

#[test]
fn sub_binary_follows_its_binary() {
    let mut h = Heap::new();
    let bin = h.binary(b"0123456789");
    let sub = object(&mut h, SUB_SUB_BIN, &[data(32), data(16), bin]);
    let mut roots = vec![sub];
    collect(&mut h, 0, &mut roots);
    let p = roots[0].payload().unwrap();
    assert_eq!(p.at(0).raw(), 32);
    assert_eq!(p.at(1).raw(), 16);
    let moved = p.at(2);
    assert!(h.contains(moved.boxed_ptr()));
    assert_eq!(moved.boxed_subtag(), Some(SUB_HEAP_BIN));
    let bytes = moved.payload().unwrap().at(1).raw().to_le_bytes();
    assert_eq!(&bytes, b"01234567");
}

#[test]
fn sharing_is_preserved() {
    let mut h = Heap::new();
    let shared = h.tuple(&[Term::small(1)]);
    let pair = h.tuple(&[shared, shared]);
    let mut roots = vec![pair, shared];
    collect(&mut h, 0, &mut roots);
    let elems = roots[0].as_tuple().unwrap();
    assert_eq!(elems.at(0), elems.at(1));
    assert_eq!(elems.at(0), roots[1]);
    assert_eq!(h.used_words(), 2 + 3);
}

#[test]
fn garbage_is_dropped_and_the_heap_shrinks() {
    let mut h = Heap::with_capacity(64);
    garbage(&mut h, 20_000);
    let keep = h.tuple(&[Term::small(42)]);
    garbage(&mut h, 20_000);
    let before = h.capacity_words();
    let mut roots = vec![keep];
    collect(&mut h, 10, &mut roots);
    assert_eq!(h.used_words(), 2);
    assert!(h.capacity_words() < before / 100, "{}", h.capacity_words());
    assert!(h.capacity_words() >= INITIAL_HEAP_WORDS);
    assert_eq!(roots[0].as_tuple().unwrap().to_vec(), [Term::small(42)]);
}

#[test]
fn dead_refc_binaries_are_released() {
    let bytes = vec![7u8; HEAP_BIN_LIMIT + 1];
    let bin = Arc::new(RefcBinary::new(bytes.clone().into()));
    let mut h = Heap::new();
    let a = h.refc_binary(bin.clone(), bytes.len() * 8);
    let b = h.refc_binary(bin.clone(), bytes.len() * 8);
    let other = h.binary(&[1u8; 100]);
    assert_eq!(Arc::strong_count(&bin), 3);
    // Keep `a`; `b` and `other` die.
    let mut roots = vec![a];
    collect(&mut h, 0, &mut roots);
    assert_eq!(Arc::strong_count(&bin), 2);
    assert_eq!(h.off_heap.len(), 1);
    assert_eq!(refc_bytes(&roots[0]), &bytes[..]);
    let _ = (b, other);
    // Nothing survives: the last count of this heap goes.
    collect(&mut h, 0, &mut Vec::new());
    assert_eq!(Arc::strong_count(&bin), 1);
    assert!(h.off_heap.is_empty());
    // Dropping a heap releases what it still holds.
    let mut h2 = Heap::new();
    h2.refc_binary(bin.clone(), 8);
    drop(h2);
    assert_eq!(Arc::strong_count(&bin), 1);
}

#[test]
fn literal_pointers_are_untouched() {
    let mut literals = Heap::new();
    let lit = sample(&mut literals);
    let lit_list = literals.list(&[Term::small(1), Term::small(2)]);
    let mut h = Heap::new();
    let t = h.tuple(&[lit, lit_list]);
    let l = h.cons(lit, Term::NIL);
    let mut roots = vec![t, l, lit];
    collect(&mut h, 0, &mut roots);
    assert_eq!(roots[0].as_tuple().unwrap().to_vec(), [lit, lit_list]);
    assert_eq!(roots[1].as_cons().unwrap().0, lit);
    assert_eq!(roots[2], lit);
    assert_eq!(h.used_words(), 3 + 2);
    let mut reference = Heap::new();
    assert!(deep_eq(lit, sample(&mut reference)));
}

#[test]
fn a_million_element_list_survives() {
    const N: i64 = 1_000_000;
    let mut h = Heap::new();
    let mut list = Term::NIL;
    for i in (0..N).rev() {
        list = h.cons(Term::small(i), list);
        if i % 100_000 == 0 {
            garbage(&mut h, 1000);
        }
    }
    let mut roots = vec![list];
    collect(&mut h, 0, &mut roots);
    assert_eq!(h.used_words(), 2 * N as usize);
    let mut cur = roots[0];
    let mut i = 0;
    while let Some((hd, tl)) = cur.as_cons() {
        assert_eq!(hd, Term::small(i));
        i += 1;
        cur = tl;
    }
    assert_eq!(i, N);
    assert!(cur.is_nil());
}

#[test]
fn a_growing_heap_gets_room() {
    let mut h = Heap::new();
    let mut list = Term::NIL;
    let mut collections = 0;
    for i in 0..100_000 {
        list = h.cons(Term::small(i), list);
        if h.wants_gc() {
            let mut roots = vec![list];
            collect(&mut h, 2, &mut roots);
            list = roots[0];
            collections += 1;
        }
    }
    // The young block doubles with the live data, so collections are logarithmic in size.
    // (Under gc-stress every safe point collects, whatever the size.)
    if !cfg!(feature = "gc-stress") {
        assert!(collections < 30, "{collections} collections");
    }
    assert_eq!(crate::ops::list_length(list), Some(100_000));
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Builds the same random term from `parts` on `h` (deterministic for a given seed), so that a
/// collected heap and a never-collected reference heap can be compared after every collection.
fn random_term(h: &mut Heap, rng: &mut Rng, parts: &[Term], literal: Term) -> Term {
    let pick = |rng: &mut Rng| parts[rng.below(parts.len())];
    match rng.below(9) {
        0 => {
            let n = rng.below(5);
            let elems: Vec<Term> = (0..n).map(|_| pick(rng)).collect();
            h.tuple(&elems)
        }
        1 | 2 => {
            let (a, b) = (pick(rng), pick(rng));
            h.cons(a, b)
        }
        3 => h.float(rng.below(1000) as f64 / 8.0),
        4 => h.bigint(&(BigInt::from(rng.next()) << 70usize)),
        5 => {
            let n = if rng.below(2) == 0 { 10 } else { 100 };
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            h.binary(&bytes)
        }
        6 => {
            let src = pick(rng);
            object(h, SUB_SUB_BIN, &[data(8), data(0), src])
        }
        7 => {
            let (a, b) = (pick(rng), literal);
            h.tuple(&[a, b])
        }
        _ => Term::small(rng.below(100) as i64),
    }
}

#[test]
fn random_structures_survive_repeated_collections() {
    let mut lit_heap = Heap::new();
    let literal = sample(&mut lit_heap);
    let mut reference = Heap::new();
    let mut h = Heap::with_capacity(32);
    const ROOTS: usize = 40;
    let mut ref_roots = vec![Term::NIL; ROOTS];
    let mut roots = vec![Term::NIL; ROOTS];
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let (mut majors, mut promoted) = (0, 0);
    for step in 0..20_000 {
        let seed = rng.next();
        let slot = rng.below(ROOTS);
        if rng.below(10) == 0 {
            ref_roots[slot] = Term::NIL;
            roots[slot] = Term::NIL;
        } else {
            ref_roots[slot] = random_term(&mut reference, &mut Rng(seed | 1), &ref_roots, literal);
            roots[slot] = random_term(&mut h, &mut Rng(seed | 1), &roots, literal);
        }
        if h.wants_gc() || step % 997 == 0 {
            let old_before = h.old_words();
            collect(&mut h, rng.below(64), &mut roots);
            if h.old_words() < old_before {
                majors += 1;
            }
            promoted = promoted.max(h.old_words());
            for (a, b) in roots.iter().zip(&ref_roots) {
                assert!(deep_eq(*a, *b), "step {step}");
            }
        }
    }
    collect(&mut h, 0, &mut roots);
    for (a, b) in roots.iter().zip(&ref_roots) {
        assert!(deep_eq(*a, *b));
    }
    assert!(
        majors > 0 && promoted > 0,
        "{majors} major collections, {promoted} words promoted"
    );
}

#[test]
fn survivors_of_two_collections_are_promoted() {
    let mut reference = Heap::new();
    let expected = sample(&mut reference);
    let mut h = Heap::new();
    let mut roots = vec![sample(&mut h)];
    collect(&mut h, 0, &mut roots);
    assert_eq!(h.old_words(), 0);
    let young_live = h.used_words();
    // The second collection moves everything that survived the first to the old generation.
    collect(&mut h, 0, &mut roots);
    assert_eq!(h.old_words(), young_live);
    assert_eq!(h.used_words(), 0);
    assert!(deep_eq(roots[0], expected));
    // New data pointing at old data stays young one more round; old data does not move.
    let old_root = roots[0];
    let fresh = h.tuple(&[old_root, Term::small(5)]);
    roots.push(fresh);
    collect(&mut h, 0, &mut roots);
    assert_eq!(roots[0], old_root);
    assert_eq!(
        roots[1].as_tuple().unwrap().to_vec(),
        [old_root, Term::small(5)]
    );
    assert_eq!(h.used_words(), 3);
    assert!(deep_eq(roots[0], expected));
}

#[test]
fn a_full_old_generation_triggers_a_major_collection() {
    let bytes = vec![3u8; 200];
    let mut h = Heap::new();
    let mut roots = vec![Term::NIL, Term::NIL];
    let mut majors = 0;
    for round in 0..200 {
        // Slot 0 holds a long-lived list that grows; slot 1 a refc binary replaced every round.
        let l = h.cons(Term::small(round), roots[0]);
        roots[0] = l;
        roots[1] = h.binary(&bytes);
        garbage(&mut h, 50);
        let old_before = h.old_words();
        collect(&mut h, 0, &mut roots);
        if h.old_words() < old_before {
            majors += 1;
        }
        // Exactly one refc binary is alive at a time, wherever it lives.
        assert_eq!(h.off_heap.len() + h.old_off_heap.len(), 1, "round {round}");
        let v = crate::ops::list_to_vec(roots[0]).unwrap();
        assert_eq!(v.len(), round as usize + 1);
        assert!(v
            .iter()
            .rev()
            .enumerate()
            .all(|(i, t)| *t == Term::small(i as i64)));
        assert_eq!(refc_bytes(&roots[1]), &bytes[..]);
    }
    assert!(majors > 0);
    // Old garbage stays until a major collection (as in BEAM), which reclaims it.
    roots[0] = Term::NIL;
    collect(&mut h, 0, &mut roots);
    assert!(h.old_words() > 0);
    collect_major(&mut h, 0, &mut roots);
    assert_eq!((h.old_words(), h.used_words()), (0, 3));
    assert_eq!(h.off_heap.len(), 1);
    assert_eq!(refc_bytes(&roots[1]), &bytes[..]);
}
