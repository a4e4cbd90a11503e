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

use crate::heap::{block, Heap, RefcBinary, INITIAL_HEAP_WORDS};
use crate::term::{
    Header, Term, SUB_EXPORT, SUB_FLATMAP, SUB_FUN, SUB_HASHMAP, SUB_MATCH_CTX, SUB_REFC_BIN,
    SUB_SUB_BIN, SUB_TUPLE, TAG_BOXED, TAG_HEADER, TAG_LIST,
};
use std::ops::Range;
use std::sync::Arc;

/// What debug builds write over a dead from-space: a header word of an unused subtag.
const POISON: Term = Header::new(31, 0x00de_adbe).as_term();

/// The roots of a collection. The collector calls `f` once per root slot and may rewrite it.
pub trait RootSet {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term));

    /// How many root slots `for_each_root` visits; the collector sizes the young block with it.
    /// The default counts by visiting; a root set that knows its length should say it directly.
    fn root_count(&mut self) -> usize {
        let mut n = 0;
        self.for_each_root(&mut |_| n += 1);
        n
    }
}

/// A slice of terms as a root set (tests, and callers with their roots in one place).
impl RootSet for [Term] {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term)) {
        self.iter_mut().for_each(f);
    }

    fn root_count(&mut self) -> usize {
        self.len()
    }
}

impl RootSet for Vec<Term> {
    fn for_each_root(&mut self, f: &mut dyn FnMut(&mut Term)) {
        self.iter_mut().for_each(f);
    }

    fn root_count(&mut self) -> usize {
        self.len()
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
/// least `need` free words (or into the old generation), fragments are gone, and refc binaries no
/// surviving object refers to are released.
///
/// Generational, as BEAM: a *minor* collection copies the young data that is new since the last
/// collection into a new young block and *promotes* the data that already survived one
/// collection (below the high-water mark) into the old generation, which it does not otherwise
/// look at. When the old generation has no room for a promotion, a *major* collection copies
/// everything, old generation included, into a new young block and frees the old generation.
///
/// Sizing: the young block after a collection holds the surviving young data plus free room of at
/// least the heap's total live data (at least `need`), growing while the process keeps
/// collecting (see `young_target`), so a growing heap collects a logarithmic number of times and
/// an allocation-heavy one few times; see docs/gc.md.
pub fn collect(heap: &mut Heap, need: usize, roots: &mut dyn RootSet) {
    let promote = heap.high_water;
    if promote > heap.old.len() - heap.old_top {
        if heap.old_top > 0 {
            major(heap, need, roots);
            return;
        }
        heap.old = block(promote.saturating_mul(3).max(INITIAL_HEAP_WORDS));
    }
    minor(heap, need, roots);
}

/// A major collection (BEAM's full sweep, `erlang:garbage_collect/0`): both generations are
/// copied into one young block, the old generation is freed, and so is every dead object in it.
pub fn collect_major(heap: &mut Heap, need: usize, roots: &mut dyn RootSet) {
    major(heap, need, roots);
}

/// Growth of the free room from one collection to the next while a process keeps collecting
/// (about the golden ratio, as BEAM's Fibonacci heap sizes): `room * GROWTH_NUM / GROWTH_DEN`.
const GROWTH_NUM: usize = 13;
const GROWTH_DEN: usize = 8;

/// The room grows only if the live data is at least 1/`SURVIVAL_FOR_GROWTH` of the previous
/// room.
const SURVIVAL_FOR_GROWTH: usize = 16;

/// The free room is at most this many times the larger of the live data, the old generation and
/// the root count (so memory stays proportional to what the process keeps)...
const ROOM_PER_LIVE: usize = 2;

/// ...or this many words (128 KiB), whichever is larger, so a process that allocates a lot but
/// keeps little still gets a block big enough to make each collection's fixed cost negligible.
const ROOM_FLOOR: usize = 16 * 1024;

/// The young block size after a collection that kept `live` young words.
///
/// The free room is at least the larger of the young data, the old generation and the root count
/// (so the work of a collection, which scans every root, is paid for by at least as many allocated
/// words; a deep stack or a large old generation means fewer, not more, collections), and at least
/// `need`. A process that keeps collecting gets more: the room grows from the block's previous
/// free room (`prev_room`) by about 1.6 per collection, up to `ROOM_PER_LIVE` times that lower
/// bound or `ROOM_FLOOR`, whichever is larger. Because the cap follows the live data, a block
/// that turns out to be mostly garbage shrinks back at the next collection.
/// Under `gc-stress` every safe point collects anyway, so the block stays small.
fn young_target(live: usize, old: usize, roots: usize, need: usize, prev_room: usize) -> usize {
    let room = if cfg!(feature = "gc-stress") {
        live
    } else {
        let base = live.max(old).max(roots);
        let cap = base.saturating_mul(ROOM_PER_LIVE).max(ROOM_FLOOR);
        // Only a process that keeps a fair share of what it allocates grows its room; one that
        // keeps little (a process handling messages, say) stays small however often it
        // collects, so many small processes stay small.
        let grown = if live.saturating_mul(SURVIVAL_FOR_GROWTH) >= prev_room {
            prev_room.saturating_mul(GROWTH_NUM) / GROWTH_DEN
        } else {
            prev_room
        };
        grown.min(cap).max(base)
    };
    live.saturating_add(room)
        .saturating_add(need)
        .max(INITIAL_HEAP_WORDS)
}

/// The free room the young block was given at the previous collection (or its whole size before
/// the first one): what the process allocated since.
fn prev_room(heap: &Heap) -> usize {
    heap.young.len().saturating_sub(heap.high_water)
}

fn count_roots(roots: &mut dyn RootSet) -> usize {
    if cfg!(feature = "gc-stress") {
        return 0; // not used for sizing under gc-stress
    }
    roots.root_count()
}

/// Collects the young generation, promoting the words below the high-water mark.
fn minor(heap: &mut Heap, need: usize, roots: &mut dyn RootSet) {
    let nroots = count_roots(roots);
    let used = heap.used_words();
    let promote = heap.high_water;
    // Large enough for the target whatever survives (live <= used, old grows by <= promote).
    let prev = prev_room(heap);
    let first = young_target(used, heap.old_top + promote, nroots, need, prev);
    let live = copy_pass(heap, first, roots, promote, false);
    let target = young_target(live, heap.old_top, nroots, need, prev);
    if first > target.saturating_mul(2) {
        copy_pass(heap, target, roots, 0, false);
    }
    heap.high_water = heap.top;
}

/// Collects both generations into one young block and frees the old generation.
fn major(heap: &mut Heap, need: usize, roots: &mut dyn RootSet) {
    let nroots = count_roots(roots);
    let used = heap.used_words() + heap.old_top;
    let prev = prev_room(heap);
    let first = young_target(used, 0, nroots, need, prev);
    let live = copy_pass(heap, first, roots, 0, true);
    let target = young_target(live, 0, nroots, need, prev);
    if first > target.saturating_mul(2) {
        copy_pass(heap, target, roots, 0, false);
    }
    heap.high_water = heap.top;
}

/// One Cheney pass into a new young block of `to_words` words (at least the words that could
/// survive). Young words below `promote` go to the old generation instead (which has room for
/// them: `collect` checked). With `full`, the old generation is part of the from-space and is
/// emptied. Returns the words in the new young block.
fn copy_pass(
    heap: &mut Heap,
    to_words: usize,
    roots: &mut dyn RootSet,
    promote: usize,
    full: bool,
) -> usize {
    let mut from_words = heap.used_words();
    if full {
        from_words += heap.old_top;
    }
    let young_start = heap.young.as_ptr() as usize;
    let mut c = Collector {
        from: from_space(heap, full),
        promote: young_start..young_start + promote * std::mem::size_of::<Term>(),
        to: block(to_words.max(from_words)),
        top: 0,
        old: if full {
            Box::default()
        } else {
            std::mem::take(&mut heap.old)
        },
        old_top: if full { 0 } else { heap.old_top },
        off_heap: Vec::new(),
        promoted_off_heap: Vec::new(),
    };
    // Promoted objects are scanned from where the old generation's free space began.
    let mut old_scan = c.old_top;
    roots.for_each_root(&mut |t| *t = c.evacuate(*t));
    let mut scan = 0;
    loop {
        if scan < c.top {
            scan = c.scan_object(true, scan);
        } else if old_scan < c.old_top {
            old_scan = c.scan_object(false, old_scan);
        } else {
            break;
        }
    }
    let mut before = std::mem::take(&mut heap.off_heap);
    if full {
        before.append(&mut heap.old_off_heap);
    }
    let mut kept = c.off_heap.clone();
    kept.extend_from_slice(&c.promoted_off_heap);
    release_dead_binaries(before, &kept);
    if cfg!(debug_assertions) {
        // Poison the from-space so that a pointer the collector missed reads garbage in tests
        // instead of stale but plausible data.
        heap.young[..].fill(POISON);
        heap.fragments.iter_mut().for_each(|(b, _)| b.fill(POISON));
        if full {
            heap.old[..].fill(POISON);
        }
    }
    heap.young = c.to;
    heap.top = c.top;
    heap.fragments.clear();
    heap.open_frag = None;
    heap.overflowed = false;
    heap.msg_words = 0;
    heap.frag_used = 0;
    heap.frag_cap = 0;
    heap.off_heap = c.off_heap;
    heap.old = c.old;
    heap.old_top = c.old_top;
    heap.old_off_heap.append(&mut c.promoted_off_heap);
    heap.top
}

/// Byte ranges of the from-space blocks (young, fragments, and with `full` the old generation),
/// sorted by start address.
fn from_space(heap: &Heap, full: bool) -> Vec<Range<usize>> {
    let range = |b: &[Term]| {
        let start = b.as_ptr() as usize;
        start..start + std::mem::size_of_val(b)
    };
    let mut v: Vec<Range<usize>> = std::iter::once(range(&heap.young))
        .chain(heap.fragments.iter().map(|(b, _)| range(b)))
        .chain(full.then(|| range(&heap.old)))
        .filter(|r| !r.is_empty())
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
    /// Byte range of the young words to promote into `old`.
    promote: Range<usize>,
    to: Box<[Term]>,
    top: usize,
    old: Box<[Term]>,
    old_top: usize,
    /// One entry per refc-binary object copied into the to-space.
    off_heap: Vec<*const RefcBinary>,
    /// One entry per refc-binary object promoted into the old generation.
    promoted_off_heap: Vec<*const RefcBinary>,
}

impl Collector {
    #[inline]
    fn in_from(&self, p: *const Term) -> bool {
        let a = p as usize;
        if self.from.len() <= 4 {
            return self.from.iter().any(|r| r.start <= a && a < r.end);
        }
        let i = self.from.partition_point(|r| r.start <= a);
        i > 0 && self.from[i - 1].contains(&a)
    }

    /// Reserves `words` in the destination of the object at `p` (old generation if `p` is in the
    /// promotion range, else the to-space) and returns that slice.
    fn reserve(&mut self, p: *const Term, words: usize) -> (&mut [Term], bool) {
        if self.promote.contains(&(p as usize)) {
            let at = self.old_top;
            self.old_top += words;
            (&mut self.old[at..at + words], true)
        } else {
            let at = self.top;
            self.top += words;
            (&mut self.to[at..at + words], false)
        }
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
                    let tail = *p.add(1);
                    let (dst, _) = self.reserve(p, 2);
                    dst[0] = head;
                    dst[1] = tail;
                    let new = Term::cons_from_ptr(dst.as_ptr());
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
                    let src = std::slice::from_raw_parts(p as *const Term, words);
                    let (dst, promoted) = self.reserve(p, words);
                    dst.copy_from_slice(src);
                    let new = Term::boxed_from_ptr(dst.as_ptr());
                    if h.subtag() == SUB_REFC_BIN && words >= 3 {
                        let bin = src[2].raw() as *const RefcBinary;
                        if promoted {
                            self.promoted_off_heap.push(bin);
                        } else {
                            self.off_heap.push(bin);
                        }
                    }
                    p.write(new);
                    new
                }
            }
            _ => t,
        }
    }

    /// Evacuates the term fields of the object at `at` in the to-space (`young`) or the old
    /// generation; returns the index after the object.
    fn scan_object(&mut self, young: bool, at: usize) -> usize {
        let first = if young { self.to[at] } else { self.old[at] };
        let (fields, next) = if first.tag() == TAG_HEADER {
            let h = Header(first.raw());
            let f = term_fields(h);
            (at + 1 + f.start..at + 1 + f.end, at + 1 + h.arity())
        } else {
            (at..at + 2, at + 2)
        };
        for i in fields {
            let t = if young { self.to[i] } else { self.old[i] };
            let new = self.evacuate(t);
            if young {
                self.to[i] = new;
            } else {
                self.old[i] = new;
            }
        }
        next
    }
}

#[cfg(test)]
#[path = "gc_tests.rs"]
pub(crate) mod tests;
