//! The garbage collector: a copying (Cheney) collector over one process heap. Owns evacuation,
//! forwarding, heap sizing and the release of dead refc binaries; does not own allocation
//! (`heap`) or finding the roots (the interpreter passes a `RootSet`). Design notes: docs/gc.md.
//!
//! # How it works
//! The from-space is the heap's young block plus its fragments. Every root pointing into it is
//! *evacuated*: its object is copied to the end of a fresh to-space block and the old copy is
//! overwritten with a forwarding pointer. Then a scan pointer walks the to-space from the start,
//! evacuating every term field of each copied object, until it catches up with the allocation
//! pointer. No step recurses: a list of a million cells is copied cell by cell by the scan loop.
//!
//! Forwarding: a boxed object's header is replaced by a `BOXED` term pointing at the new copy (a
//! header word never has the `BOXED` tag, so this is unambiguous); a cons cell's head is
//! replaced by `Term::NONE` (never a list element) and its tail by the new cons term.
//!
//! Pointers outside the from-space (module literal areas) are left as they are.
//!
//! In the to-space, object starts are told apart by their first word: a header (tag `000`)
//! starts a boxed object of `1 + arity` words, anything else starts a two-word cons cell.

use crate::heap::{Heap, RefcBinary, INITIAL_HEAP_WORDS};
use crate::term::{
    Header, Term, SUB_EXPORT, SUB_FLATMAP, SUB_FUN, SUB_HASHMAP, SUB_MATCH_CTX, SUB_REFC_BIN,
    SUB_SUB_BIN, SUB_TUPLE, TAG_BOXED, TAG_HEADER, TAG_LIST,
};
use std::ops::Range;
use std::sync::Arc;

/// The roots of a collection. The collector calls `f` once per root slot and may rewrite it.
pub trait RootSet {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term));
}

/// A slice of terms as a root set (tests, and callers with their roots in one place).
impl RootSet for [Term] {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term)) {
        self.iter_mut().for_each(f);
    }
}

impl RootSet for Vec<Term> {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term)) {
        self.iter_mut().for_each(f);
    }
}

/// The payload words of a heap object (indices into its payload) that hold terms; the other
/// payload words are raw data the collector copies without looking at.
pub fn term_fields(header: Header) -> Range<usize> {
    let arity = header.arity();
    match header.subtag() {
        SUB_TUPLE | SUB_FUN | SUB_EXPORT | SUB_FLATMAP => 0..arity,
        SUB_SUB_BIN => 2.min(arity)..3.min(arity),
        SUB_MATCH_CTX => 0..1.min(arity),
        SUB_HASHMAP => 1.min(arity)..arity,
        _ => 0..0,
    }
}

/// Copying collection of `heap`: afterwards every root points into a fresh young block with at
/// least `need` free words, fragments are gone, and refc binaries no surviving object refers to
/// are released.
///
/// Sizing: the to-space starts at `2 * used + need` words so that a heap whose data is all live
/// still ends with room to grow (this keeps repeated collections of a growing heap linear);
/// if far fewer words survive, a second, cheap pass moves them into a block of
/// `max(2 * live + need, INITIAL_HEAP_WORDS)` words so that a heap full of garbage shrinks.
pub fn collect(heap: &mut Heap, need: usize, roots: &mut dyn RootSet) {
    let used = heap.used_words();
    let first = used
        .saturating_mul(2)
        .saturating_add(need)
        .max(INITIAL_HEAP_WORDS);
    let live = copy_pass(heap, first, roots);
    let target = live
        .saturating_mul(2)
        .saturating_add(need)
        .max(INITIAL_HEAP_WORDS);
    if first > target.saturating_mul(4) {
        copy_pass(heap, target, roots);
    }
}

/// One Cheney pass into a new block of `to_words` words (at least the words in use). Returns the
/// words that survived.
fn copy_pass(heap: &mut Heap, to_words: usize, roots: &mut dyn RootSet) -> usize {
    let to_words = to_words.max(heap.used_words());
    let mut c = Collector {
        from: from_space(heap),
        to: vec![Term::NIL; to_words].into_boxed_slice(),
        top: 0,
        off_heap: Vec::new(),
    };
    roots.for_each_root(&mut |t| *t = c.evacuate(*t));
    let mut scan = 0;
    while scan < c.top {
        let first = c.to[scan];
        if first.tag() == TAG_HEADER {
            let h = Header(first.raw());
            let fields = term_fields(h);
            for i in scan + 1 + fields.start..scan + 1 + fields.end {
                c.to[i] = c.evacuate(c.to[i]);
            }
            scan += 1 + h.arity();
        } else {
            c.to[scan] = c.evacuate(c.to[scan]);
            c.to[scan + 1] = c.evacuate(c.to[scan + 1]);
            scan += 2;
        }
    }
    release_dead_binaries(std::mem::take(&mut heap.off_heap), &c.off_heap);
    heap.young = c.to;
    heap.top = c.top;
    heap.fragments.clear();
    heap.off_heap = c.off_heap;
    heap.top
}

/// Byte ranges of the from-space blocks, sorted by start address.
fn from_space(heap: &Heap) -> Vec<Range<usize>> {
    let range = |b: &[Term]| {
        let start = b.as_ptr() as usize;
        start..start + std::mem::size_of_val(b)
    };
    let mut v: Vec<Range<usize>> = std::iter::once(range(&heap.young))
        .chain(heap.fragments.iter().map(|(b, _)| range(b)))
        .collect();
    v.sort_by_key(|r| r.start);
    v
}

/// Gives back the strong counts of refc-binary objects that did not survive: `old` holds one
/// count per object before the collection, `survivors` one per copied object (a sub-multiset of
/// `old`); the difference is released.
fn release_dead_binaries(mut old: Vec<*const RefcBinary>, survivors: &[*const RefcBinary]) {
    let mut kept: Vec<*const RefcBinary> = survivors.to_vec();
    old.sort_unstable();
    kept.sort_unstable();
    let mut k = kept.iter().peekable();
    for p in old {
        if k.peek() == Some(&&p) {
            k.next();
        } else {
            // SAFETY: `p` is one strong count this heap took (`Heap::refc_binary` or a copy) and
            // no surviving object accounts for it, so nothing will use it through this heap.
            unsafe { drop(Arc::from_raw(p)) };
        }
    }
}

struct Collector {
    from: Vec<Range<usize>>,
    to: Box<[Term]>,
    top: usize,
    /// One entry per refc-binary object copied into the to-space.
    off_heap: Vec<*const RefcBinary>,
}

impl Collector {
    fn in_from(&self, p: *const Term) -> bool {
        let a = p as usize;
        let i = self.from.partition_point(|r| r.start <= a);
        i > 0 && self.from[i - 1].contains(&a)
    }

    /// The new location of `t` (copying its object on first sight); non-pointers and pointers
    /// outside the from-space are returned unchanged.
    fn evacuate(&mut self, t: Term) -> Term {
        match t.tag() {
            TAG_LIST => {
                let p = t.cons_ptr() as *mut Term;
                if !self.in_from(p) {
                    return t;
                }
                // SAFETY: `p` points at a live two-word cons cell in the from-space, which the
                // collector owns exclusively (it holds `&mut Heap`).
                unsafe {
                    let head = *p;
                    if head.is_none() {
                        return *p.add(1);
                    }
                    let at = self.top;
                    self.to[at] = head;
                    self.to[at + 1] = *p.add(1);
                    self.top += 2;
                    let new = Term::cons_from_ptr(self.to.as_ptr().add(at));
                    p.write(Term::NONE);
                    p.add(1).write(new);
                    new
                }
            }
            TAG_BOXED => {
                let p = t.boxed_ptr() as *mut Term;
                if !self.in_from(p) {
                    return t;
                }
                // SAFETY: `p` points at a live heap object in the from-space whose header counts
                // its payload words; the collector owns the from-space exclusively.
                unsafe {
                    let first = *p;
                    if first.tag() == TAG_BOXED {
                        return first;
                    }
                    let h = Header(first.raw());
                    let words = 1 + h.arity();
                    let at = self.top;
                    let src = std::slice::from_raw_parts(p as *const Term, words);
                    self.to[at..at + words].copy_from_slice(src);
                    self.top += words;
                    if h.subtag() == SUB_REFC_BIN && words >= 3 {
                        self.off_heap.push(src[2].raw() as *const RefcBinary);
                    }
                    let new = Term::boxed_from_ptr(self.to.as_ptr().add(at));
                    p.write(new);
                    new
                }
            }
            _ => t,
        }
    }
}

#[cfg(test)]
#[path = "gc_tests.rs"]
pub(crate) mod tests;
