//! Deep copy of a term into another heap (message passing, process spawn, exception values
//! leaving a process) and the size such a copy needs. Owns nothing else; the GC does its own
//! copying (`gc`). Sharing inside the term is not preserved (as in BEAM's `copy_struct`), and
//! everything is copied, literals included, so the copy does not depend on any loaded module.
//! Neither function recurses: both walk the term with an explicit stack.

use crate::gc::term_fields;
use crate::heap::{Heap, RefcBinary};
use crate::term::{Term, Words, SUB_REFC_BIN, TAG_BOXED, TAG_LIST};
use std::sync::Arc;

/// Words `copy_term` allocates for `t` (0 for an immediate).
pub fn size_of_term(t: Term) -> usize {
    if !is_compound(t) {
        return 0;
    }
    let mut words = 0;
    // Only compound fields are pushed, so measuring a flat object allocates nothing.
    let mut stack = Vec::new();
    let mut next = Some(t);
    while let Some(mut t) = next.take().or_else(|| stack.pop()) {
        // Walk list spines in a loop so a long list does not grow the stack.
        while let Some((head, tail)) = t.as_cons() {
            words += 2;
            // Only what has words of its own (a long list of small values needs no stack).
            if !head.is_immediate() {
                stack.push(head);
            }
            t = tail;
        }
        if let Some(h) = t.header() {
            words += 1 + h.arity();
            let payload = t.payload().unwrap_or(Words::EMPTY);
            stack.extend(
                term_fields(h)
                    .filter_map(|i| payload.get(i))
                    .filter(|&f| is_compound(f)),
            );
        }
    }
    words
}

/// A copy of `t` on `to`. Refc binaries are not duplicated: the copy is a new refc-binary object
/// on `to` that takes its own strong count on the same bytes.
pub fn copy_term(to: &mut Heap, t: Term) -> Term {
    let mut result = Term::NIL;
    // Work items: a destination word and the source term to copy into it.
    // Only compound fields are pushed, so a flat object (a tuple of immediates, the usual ETS
    // object or message) is copied without allocating the stack at all.
    let mut stack: Vec<(*mut Term, Term)> = Vec::new();
    let mut next = Some((&mut result as *mut Term, t));
    while let Some((dst, src)) = next.take().or_else(|| stack.pop()) {
        let value = match src.tag() {
            TAG_LIST => {
                let (head, tail) = src.as_cons().unwrap_or((Term::NIL, Term::NIL));
                let p = to.alloc(2);
                // SAFETY: `p` points at two freshly allocated words, written (with the source's
                // head and tail; compound ones are replaced later by the work items) before the
                // term is made; heap allocation never moves
                // existing words, so the destinations on the stack stay valid.
                unsafe {
                    p.write(head);
                    p.add(1).write(tail);
                    // Tail pushed first: the head is done first, and a long list's stack holds
                    // just one pending tail at a time.
                    if is_compound(tail) {
                        stack.push((p.add(1), tail));
                    }
                    if is_compound(head) {
                        stack.push((p, head));
                    }
                    Term::cons_from_ptr(p)
                }
            }
            TAG_BOXED => copy_object(to, src, &mut stack),
            _ => src,
        };
        // SAFETY: `dst` is `result` or a word of an object allocated on `to` by this function.
        unsafe { dst.write(value) };
    }
    result
}

/// Whether `t` points at words that must be copied (a list cell or a boxed object); any other
/// term is copied as it is.
#[inline]
fn is_compound(t: Term) -> bool {
    matches!(t.tag(), TAG_LIST | TAG_BOXED)
}

/// Copies one boxed object; its term fields are pushed as work items.
fn copy_object(to: &mut Heap, src: Term, stack: &mut Vec<(*mut Term, Term)>) -> Term {
    let (Some(h), Some(payload)) = (src.header(), src.payload()) else {
        return src;
    };
    if h.subtag() == SUB_REFC_BIN && payload.len() >= 2 {
        let raw = payload.at(1).raw() as *const RefcBinary;
        // SAFETY: the source object holds a strong count on `raw`, so it is live; we take one
        // more for the new object, which `to` releases when the object dies.
        let bin = unsafe {
            Arc::increment_strong_count(raw);
            Arc::from_raw(raw)
        };
        return to.refc_binary(bin, payload.at(0).raw() as usize);
    }
    let p = to.alloc(1 + payload.len());
    // SAFETY: `p` points at `1 + arity` freshly allocated words, all written (the term fields
    // with the source's, replaced later by the work items) before the term is made.
    unsafe {
        p.write(h.as_term());
        std::ptr::copy_nonoverlapping(payload.as_ptr(), p.add(1), payload.len());
        for i in term_fields(h) {
            let field = payload.at(i);
            if is_compound(field) {
                stack.push((p.add(1 + i), field));
            }
        }
        Term::boxed_from_ptr(p)
    }
}

#[cfg(test)]
#[path = "copy_tests.rs"]
mod tests;

/// A term copied outside every process heap (an ETS object, a persistent term): its words in one
/// block of their own, which never moves, and one strong count on each refc binary it holds.
/// Immutable once made; readers copy it into their own heap with `copy_term`, so a process's
/// collection never touches it.
pub struct StoredTerm {
    term: Term,
    /// The block the copy lives in (empty for an immediate); pointers in `term` point into it.
    words: Box<[Term]>,
    /// One strong count per refc-binary object in `words` (`Arc::into_raw` pointers).
    bins: Box<[*const RefcBinary]>,
}

// SAFETY: a stored term is never written after `new`; its words are plain data and its strong
// counts are on `Arc<RefcBinary>`s, whose bytes are immutable and shared between threads anyway.
unsafe impl Send for StoredTerm {}
// SAFETY: as above: every access after `new` is a read.
unsafe impl Sync for StoredTerm {}

impl StoredTerm {
    /// A copy of `t` (from any heap) in a block of its own; large binaries are shared by count.
    pub fn new(t: Term) -> StoredTerm {
        let n = size_of_term(t);
        if n == 0 {
            return StoredTerm {
                term: t,
                words: Box::default(),
                bins: Box::default(),
            };
        }
        let mut heap = Heap::with_capacity(n);
        let term = copy_term(&mut heap, t);
        if !heap.fragments.is_empty() {
            // `size_of_term` is exact, so this does not happen; copy into a larger block if it
            // ever does rather than lose the overflow.
            return StoredTerm::bigger(t, n);
        }
        let words = std::mem::take(&mut heap.young);
        let bins = std::mem::take(&mut heap.off_heap).into_boxed_slice();
        StoredTerm { term, words, bins }
    }

    fn bigger(t: Term, n: usize) -> StoredTerm {
        let mut heap = Heap::with_capacity(n.saturating_mul(2).max(16));
        let term = copy_term(&mut heap, t);
        let words = std::mem::take(&mut heap.young);
        let bins = std::mem::take(&mut heap.off_heap).into_boxed_slice();
        StoredTerm { term, words, bins }
    }

    /// The stored term; valid while `self` lives (it is never collected or moved).
    #[inline]
    pub fn term(&self) -> Term {
        self.term
    }

    /// Replaces field `index` (0-based) of the stored tuple with the immediate `value` in place,
    /// as BEAM's `ets:update_counter` and `update_element` do. `false`, and nothing changed, when
    /// the term is not a tuple with that field or `value` is not an immediate. Needs `&mut self`:
    /// a table changes its objects only under its write lock, and readers copy under the read
    /// lock, so nobody sees the word change.
    pub fn set_immediate_field(&mut self, index: usize, value: Term) -> bool {
        if is_compound(value) {
            return false;
        }
        let Some(fields) = self.term.as_tuple() else {
            return false;
        };
        // The top-level tuple is the first object `copy_term` allocated: its header is word 0
        // of the block and its fields follow.
        if index >= fields.len()
            || !std::ptr::eq(self.words.as_ptr().wrapping_add(1), fields.as_ptr())
        {
            return false;
        }
        self.words[1 + index] = value;
        true
    }

    /// Words the copy occupies (for `ets:info(T, memory)`).
    pub fn words(&self) -> usize {
        self.words.len()
    }
}

impl Drop for StoredTerm {
    fn drop(&mut self) {
        for &raw in self.bins.iter() {
            // SAFETY: each entry is one strong count taken by `copy_term` and not yet released.
            unsafe { drop(Arc::from_raw(raw)) };
        }
    }
}
