//! Tests of deep copy and size_of_term.

use super::*;
use crate::gc::tests::{deep_eq, refc_bytes, sample};
use crate::heap::HEAP_BIN_LIMIT;

#[test]
fn immediates_copy_to_themselves() {
    let mut to = Heap::new();
    for t in [
        Term::small(-4),
        Term::NIL,
        Term::atom(crate::atom::OK),
        Term::pid(3),
    ] {
        assert_eq!(size_of_term(t), 0);
        assert_eq!(copy_term(&mut to, t), t);
    }
    assert_eq!(to.used_words(), 0);
}

#[test]
fn copy_is_equal_and_sized_exactly() {
    let mut from = Heap::new();
    let t = sample(&mut from);
    let mut to = Heap::with_capacity(4);
    let words = size_of_term(t);
    let c = copy_term(&mut to, t);
    assert!(deep_eq(c, t));
    assert_eq!(to.used_words(), words);
    assert!(to.contains(c.boxed_ptr()));
    // Nothing in the copy points back into the source heap.
    drop(from);
    let mut reference = Heap::new();
    assert!(deep_eq(c, sample(&mut reference)));
}

#[test]
fn copies_share_refc_bytes() {
    let mut from = Heap::new();
    let bin = from.binary(&[9u8; HEAP_BIN_LIMIT * 2]);
    let t = from.tuple(&[bin, bin]);
    let mut to = Heap::new();
    let c = copy_term(&mut to, t);
    let elems = c.as_tuple().unwrap();
    assert_eq!(refc_bytes(&elems.at(0)).as_ptr(), refc_bytes(&bin).as_ptr());
    // Sharing is not preserved: two objects, two counts.
    assert_ne!(elems.at(0), elems.at(1));
    assert_eq!(to.off_heap.len(), 2);
    let raw = to.off_heap[0];
    // SAFETY: `raw` is a live count held by `to`.
    let count = || unsafe {
        Arc::increment_strong_count(raw);
        let a = Arc::from_raw(raw);
        Arc::strong_count(&a) - 1
    };
    assert_eq!(count(), 3);
    drop(to);
    assert_eq!(refc_bytes(&bin).len(), HEAP_BIN_LIMIT * 2);
    drop(from);
}

#[test]
fn a_million_element_list_copies() {
    const N: i64 = 1_000_000;
    let mut from = Heap::new();
    let mut list = Term::NIL;
    for i in (0..N).rev() {
        let e = if i % 1000 == 0 {
            from.tuple(&[Term::small(i)])
        } else {
            Term::small(i)
        };
        list = from.cons(e, list);
    }
    assert_eq!(size_of_term(list), 2 * N as usize + 2 * 1000);
    let mut to = Heap::new();
    let c = copy_term(&mut to, list);
    assert!(deep_eq(c, list));
    // A deeply nested tuple chain copies too.
    let mut nested = Term::NIL;
    for _ in 0..200_000 {
        nested = from.tuple(&[nested]);
    }
    assert_eq!(size_of_term(nested), 400_000);
    let c = copy_term(&mut to, nested);
    assert!(deep_eq(c, nested));
}

#[test]
fn stored_tuple_field_changes_in_place_only_for_immediates() {
    let mut h = Heap::new();
    let inner = h.tuple(&[Term::small(1)]);
    let t = h.tuple(&[Term::atom(crate::atom::OK), Term::small(5), inner]);
    let mut s = StoredTerm::new(t);
    assert!(s.set_immediate_field(1, Term::small(6)));
    assert_eq!(s.term().as_tuple().map(|f| f.at(1)), Some(Term::small(6)));
    // A compound value, a field past the end or a non-tuple is refused and changes nothing.
    assert!(!s.set_immediate_field(1, inner));
    assert!(!s.set_immediate_field(3, Term::small(0)));
    assert_eq!(s.term().as_tuple().map(|f| f.at(1)), Some(Term::small(6)));
    assert!(deep_eq(s.term().as_tuple().unwrap().at(2), inner));
    let list = h.list(&[Term::small(1)]);
    assert!(!StoredTerm::new(list).set_immediate_field(0, Term::small(2)));
}
