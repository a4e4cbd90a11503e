//! A process heap: bump allocation into a young block, spilling into heap fragments when the
//! block is full. Owns allocation and the term builders; collection lives in `gc`.
//!
//! # The safe-point rule
//! Allocation never collects: `alloc` always succeeds (a full block spills into a fragment), so a
//! builtin may allocate freely and every term it holds stays valid. Only the interpreter collects,
//! at safe points where it knows which X registers are live (`Allocate`, calls, returns, receive).
//! Any boxed or list term not reachable from the roots at a safe point is dead after it, and every
//! root may have moved: handlers re-read registers after a safe point.

use crate::term::{
    Header, Term, Words, SUB_EXPORT, SUB_FLATMAP, SUB_FLOAT, SUB_HASHMAP, SUB_HEAP_BIN,
    SUB_NEG_BIG, SUB_POS_BIG, SUB_REF, SUB_REFC_BIN, SUB_TUPLE,
};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;
use std::sync::Arc;

/// Binaries larger than this many bytes live off-heap, reference-counted (as BEAM's
/// `ERL_ONHEAP_BIN_LIMIT`).
pub const HEAP_BIN_LIMIT: usize = 64;

/// Words in a fresh process's young block.
pub const INITIAL_HEAP_WORDS: usize = 128;

/// Words in a heap fragment opened when the young block is full (more if one request needs it).
const FRAGMENT_WORDS: usize = 512;

/// The bytes of an off-heap binary, shared between processes by reference count.
///
/// Either fixed (`bytes` holds the contents, `writable` is `None`; build with
/// [`RefcBinary::new`]) or *writable* (`bytes` is empty and the contents live in `writable`, a
/// buffer with spare capacity; build with [`RefcBinary::writable`]). A writable binary makes
/// `<<Acc/binary, X>>` in a loop amortised O(1) per append, as BEAM's writable binaries do: the
/// newest version (the one whose length equals the committed length) may be extended in place;
/// every term only ever reads its own prefix, which is never written again, so terms stay
/// immutable. Read the contents with [`RefcBinary::prefix`], never through `bytes` directly.
#[derive(Debug)]
pub struct RefcBinary {
    pub bytes: Box<[u8]>,
    /// The growable buffer of a writable binary (see `ops::binary::build`).
    pub writable: Option<WritableBuf>,
}

impl RefcBinary {
    /// A fixed binary holding `bytes`.
    pub fn new(bytes: Box<[u8]>) -> RefcBinary {
        RefcBinary {
            bytes,
            writable: None,
        }
    }

    /// A writable binary holding `bytes`, with room for `capacity` bytes in all (at least
    /// `bytes.len()`).
    pub fn writable(bytes: &[u8], capacity: usize) -> RefcBinary {
        let cap = capacity.max(bytes.len());
        let mut data: Vec<std::cell::UnsafeCell<u8>> = Vec::new();
        crate::limits::reserve_or_exit(&mut data, cap);
        data.extend(
            bytes
                .iter()
                .copied()
                .chain(std::iter::repeat_n(0, cap - bytes.len()))
                .map(std::cell::UnsafeCell::new),
        );
        let data = data.into_boxed_slice();
        RefcBinary {
            bytes: Box::new([]),
            writable: Some(WritableBuf {
                data,
                committed: std::sync::atomic::AtomicUsize::new(bytes.len()),
            }),
        }
    }

    /// The first `len` bytes (fewer if the binary holds fewer).
    pub fn prefix(&self, len: usize) -> &[u8] {
        match &self.writable {
            None => &self.bytes[..len.min(self.bytes.len())],
            Some(w) => w.prefix(len),
        }
    }
}

/// The buffer of a writable binary: `data` is the capacity; bytes `0..committed` are written and
/// never change again; bytes past `committed` are unused until one append reserves them.
#[derive(Debug)]
pub struct WritableBuf {
    data: Box<[std::cell::UnsafeCell<u8>]>,
    committed: std::sync::atomic::AtomicUsize,
}

// SAFETY: the only mutation is in `WritableBuf::try_append`, which first reserves the bytes it
// writes by moving `committed` past them with a compare-and-swap (so one thread at most writes any
// byte, and only once); readers only form slices of bytes below `committed` as it was when the
// term they read from was made, and such bytes are never written again.
unsafe impl Sync for WritableBuf {}

impl WritableBuf {
    /// Bytes written so far (the length of the newest version).
    pub fn committed(&self) -> usize {
        self.committed.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Total room in bytes.
    pub fn capacity(&self) -> usize {
        self.data.len()
    }

    /// The first `len` bytes (at most the committed ones).
    pub fn prefix(&self, len: usize) -> &[u8] {
        let n = len.min(self.committed());
        // SAFETY: bytes `0..n` are below `committed` and never written again (see the `Sync`
        // impl); `UnsafeCell<u8>` has the layout of `u8`.
        unsafe { std::slice::from_raw_parts(std::cell::UnsafeCell::raw_get(self.data.as_ptr()), n) }
    }

    /// Writes `extra` at byte `at` in place if `at` is the committed length (the caller holds the
    /// newest version) and there is room; `false` (nothing written) otherwise.
    pub fn try_append(&self, at: usize, extra: &[u8]) -> bool {
        use std::sync::atomic::Ordering;
        let end = match at.checked_add(extra.len()) {
            Some(end) if end <= self.data.len() => end,
            _ => return false,
        };
        if self
            .committed
            .compare_exchange(at, end, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return false;
        }
        // SAFETY: the successful swap reserved bytes `at..end` for this call alone, they are in
        // bounds (checked above), and no term can read them before the caller makes its new term.
        unsafe {
            let dst = std::cell::UnsafeCell::raw_get(self.data.as_ptr().add(at));
            std::ptr::copy_nonoverlapping(extra.as_ptr(), dst, extra.len());
        }
        true
    }
}

/// One process's heap.
#[derive(Debug)]
pub struct Heap {
    /// The young block; words `0..top` are in use.
    pub(crate) young: Box<[Term]>,
    pub(crate) top: usize,
    /// Fragments opened since the last collection, each `(block, used words)`: overflow from the
    /// young block, and message fragments taken in by `absorb`.
    pub(crate) fragments: Vec<(Box<[Term]>, usize)>,
    /// A collection is due at the next safe point: the young block overflowed into a fragment,
    /// or absorbed messages outgrew it, since the last collection (one flag, so the check at
    /// every call and return is one load).
    pub(crate) overflowed: bool,
    /// Words of message fragments absorbed since the last collection.
    pub(crate) msg_words: usize,
    /// Words used and reserved in `fragments` (kept as counters: a process that receives many
    /// messages between collections holds many fragments).
    pub(crate) frag_used: usize,
    pub(crate) frag_cap: usize,
    /// The overflow fragment being filled, as an index into `fragments` (absorbed messages are
    /// pushed after it, so it is not always the last one).
    pub(crate) open_frag: Option<usize>,
    /// One strong count per refc-binary object on this heap (`Arc::into_raw` pointers).
    pub(crate) off_heap: Vec<*const RefcBinary>,
    /// The old generation (see `gc`): objects that survived two collections; words `0..old_top`
    /// are in use. Old objects never point at young ones (terms are immutable).
    pub(crate) old: Box<[Term]>,
    pub(crate) old_top: usize,
    /// Young words `0..high_water` survived one collection; the next minor collection promotes
    /// them to the old generation.
    pub(crate) high_water: usize,
    /// One strong count per refc-binary object in the old generation.
    pub(crate) old_off_heap: Vec<*const RefcBinary>,
}

// SAFETY: a heap and everything it points to (its blocks and its strong counts on refc binaries)
// is owned by one process, which one scheduler thread runs at a time.
unsafe impl Send for Heap {}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

/// A heap block of `n` words, zero-filled by the allocator. Fresh pages from the OS are zero
/// already, so free space that is never reached costs neither a fill nor a page fault (filling a
/// large to-space with `[]` at every collection was a third of map_ops' time, mostly the kernel
/// zeroing pages). A zero word is not a valid term: the heap hands words out only to be written.
///
/// Made on a process's behalf: if the allocator refuses, the process exits with `system_limit`
/// (`limits::out_of_memory`) instead of the VM aborting.
pub fn block(n: usize) -> Box<[Term]> {
    match try_block(n) {
        Some(b) => b,
        None => crate::limits::out_of_memory(n.saturating_mul(std::mem::size_of::<Term>())),
    }
}

/// As [`block`], but `None` when the allocator refuses `n` words (or the size overflows).
pub fn try_block(n: usize) -> Option<Box<[Term]>> {
    if n == 0 {
        return Some(Box::default());
    }
    let layout = std::alloc::Layout::array::<Term>(n).ok()?;
    // SAFETY: the layout has a non-zero size (`n > 0`, `Term` is one word).
    let p = unsafe { std::alloc::alloc_zeroed(layout) } as *mut Term;
    if p.is_null() {
        return None;
    }
    // SAFETY: `p` is a fresh allocation with the layout of `[Term; n]` from the global allocator,
    // as `Box<[Term]>` expects; its words are zero, which the heap never reads before writing.
    Some(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(p, n)) })
}

impl Heap {
    pub fn new() -> Heap {
        Heap::with_capacity(INITIAL_HEAP_WORDS)
    }

    /// A heap whose young block holds `words` words.
    pub fn with_capacity(words: usize) -> Heap {
        Heap::with_block(block(words))
    }

    /// As `with_capacity`, but `None` when the block cannot be allocated (a message copied for
    /// another process: its failure is the receiver's, see `signal::Message::try_copy_of`).
    pub fn try_with_capacity(words: usize) -> Option<Heap> {
        try_block(words).map(Heap::with_block)
    }

    fn with_block(young: Box<[Term]>) -> Heap {
        Heap {
            young,
            top: 0,
            fragments: Vec::new(),
            overflowed: false,
            msg_words: 0,
            frag_used: 0,
            frag_cap: 0,
            open_frag: None,
            off_heap: Vec::new(),
            old: Box::default(),
            old_top: 0,
            high_water: 0,
            old_off_heap: Vec::new(),
        }
    }

    /// Allocates `n` words and returns a pointer to the first. Never collects; the words are not
    /// valid terms until the caller writes them (see `block`).
    #[inline]
    pub fn alloc(&mut self, n: usize) -> *mut Term {
        if self.top + n <= self.young.len() {
            let p = self.young[self.top..].as_mut_ptr();
            self.top += n;
            return p;
        }
        self.alloc_fragment(n)
    }

    #[cold]
    fn alloc_fragment(&mut self, n: usize) -> *mut Term {
        self.overflowed = true;
        if let Some((block, used)) = self.open_frag.and_then(|i| self.fragments.get_mut(i)) {
            if *used + n <= block.len() {
                let p = block[*used..].as_mut_ptr();
                *used += n;
                self.frag_used += n;
                return p;
            }
        }
        // Overflow fragments grow with the overflow so far (half as much again; absorbed messages
        // do not count), so a builtin that builds a huge term between safe points opens few
        // fragments, and when memory runs out it is a large request that fails, leaving room for
        // the small ones others make. The overflow is the words used, not reserved (sizing by
        // capacity grew fragments geometrically when messages came in between them: terabytes
        // after ~60 'EXIT' tuples taken in between messages).
        let overflow = self.frag_used.saturating_sub(self.msg_words);
        let mut frag = block(n.max(FRAGMENT_WORDS).max(overflow / 2));
        let p = frag.as_mut_ptr();
        self.frag_used += n;
        self.frag_cap += frag.len();
        self.open_frag = Some(self.fragments.len());
        self.fragments.push((frag, n));
        p
    }

    /// Words in use, young block and fragments together (the old generation: `old_words`).
    pub fn used_words(&self) -> usize {
        self.top + self.frag_used
    }

    /// Words reserved, young block and fragments together.
    pub fn capacity_words(&self) -> usize {
        self.young.len() + self.frag_cap
    }

    /// Whether the next safe point should collect.
    #[inline]
    pub fn wants_gc(&self) -> bool {
        cfg!(feature = "gc-stress") || self.overflowed
    }

    /// Takes `other` (a message fragment built by a sender) into this heap: its blocks become
    /// fragments here and its refc-binary counts move over, so every term on `other` stays valid
    /// at the same address. Messages do not force a collection until their words outgrow the
    /// young block (as BEAM counts message buffers towards the next GC).
    pub fn absorb(&mut self, mut other: Heap) {
        let young = std::mem::take(&mut other.young);
        if other.top > 0 {
            self.msg_words += other.top;
            self.frag_used += other.top;
            self.frag_cap += young.len();
            self.fragments.push((young, other.top));
        }
        for (block, used) in other.fragments.drain(..) {
            self.msg_words += used;
            self.frag_used += used;
            self.frag_cap += block.len();
            self.fragments.push((block, used));
        }
        self.off_heap.append(&mut other.off_heap);
        if self.msg_words > self.young.len() {
            self.overflowed = true;
        }
        debug_assert!(other.old_top == 0 && other.old_off_heap.is_empty());
        self.old_off_heap.append(&mut other.old_off_heap);
    }

    /// Words free in the young block.
    pub fn young_free(&self) -> usize {
        self.young.len() - self.top
    }

    /// Words reserved for the old generation.
    pub fn old_capacity_words(&self) -> usize {
        self.old.len()
    }

    /// Words in use in the old generation.
    pub fn old_words(&self) -> usize {
        self.old_top
    }

    /// True if `p` points into this heap's young block, fragments or old generation.
    pub fn contains(&self, p: *const Term) -> bool {
        let inside = |b: &[Term]| {
            let start = b.as_ptr() as usize;
            let end = start + std::mem::size_of_val(b);
            (start..end).contains(&(p as usize))
        };
        inside(&self.young) || inside(&self.old) || self.fragments.iter().any(|(b, _)| inside(b))
    }

    // ---- builders ----
    // Safe code makes heap objects only through these (see `docs/gc.md`): each writes a whole,
    // well-formed object before returning its term.

    /// An object with `header`, then `first` (if any), then `len` words copied from `src`.
    ///
    /// # Safety
    /// `src` must be valid for `len` reads (a slice, or `Words` before the next safe point);
    /// `header.arity()` must be `first.is_some() as usize + len`; the words must be laid out as
    /// the header's subtag says.
    #[inline(always)]
    unsafe fn object(
        &mut self,
        header: Header,
        first: Option<Term>,
        src: *const Term,
        len: usize,
    ) -> Term {
        debug_assert_eq!(header.arity(), first.is_some() as usize + len);
        let p = self.alloc(1 + header.arity());
        // SAFETY: `p` points at `1 + arity` freshly allocated words, all written (header, the
        // optional first word, `len` copied words) before the term is made; `src` is readable
        // for `len` words (caller) and does not overlap fresh words.
        unsafe {
            p.write(header.as_term());
            let mut q = p.add(1);
            if let Some(t) = first {
                q.write(t);
                q = q.add(1);
            }
            std::ptr::copy_nonoverlapping(src, q, len);
            Term::boxed_from_ptr(p)
        }
    }

    /// The export fun `fun M:F/Arity` (`module` and `function` are atom terms): a boxed object of
    /// four words, as `erlang:make_fun/3` builds it.
    pub fn export_fun(&mut self, module: Term, function: Term, arity: u8) -> Term {
        let words = [module, function, Term::small(arity as i64)];
        // SAFETY: three term words from an array, as an export fun holds.
        unsafe { self.object(Header::new(SUB_EXPORT, 3), None, words.as_ptr(), 3) }
    }

    /// A reference with the unique id `id` (as `erlang:make_ref/0` makes it).
    pub fn reference(&mut self, id: u64) -> Term {
        // SAFETY: a reference's one payload word is data, never scanned as a term
        // (`gc::term_fields`).
        unsafe {
            let word = Term::from_raw(id);
            self.object(Header::new(SUB_REF, 1), Some(word), std::ptr::null(), 0)
        }
    }

    /// A flat map `[keys, values...]` (layout in `ops::map`): `keys` is a tuple of the keys in
    /// ascending exact order, one per value.
    pub fn flatmap(&mut self, keys: Term, values: &[Term]) -> Term {
        let h = Header::new(SUB_FLATMAP, values.len() + 1);
        // SAFETY: the keys term and the value terms from a slice; all are terms, as a flat map
        // holds.
        unsafe { self.object(h, Some(keys), values.as_ptr(), values.len()) }
    }

    /// The bitmap-and-size word that starts a hash-trie node.
    fn hashmap_word(bitmap: u32, size: usize) -> Term {
        // SAFETY: a node's first payload word is data, never scanned as a term.
        unsafe { Term::from_raw(bitmap as u64 | (size as u64) << 32) }
    }

    /// A hash-trie map node `[bitmap | size << 32, entries...]` (layout in `ops::hamt`).
    pub fn hashmap_node(&mut self, bitmap: u32, size: usize, entries: &[Term]) -> Term {
        let h = Header::new(SUB_HASHMAP, entries.len() + 1);
        let word = Heap::hashmap_word(bitmap, size);
        // SAFETY: the data word, then the entry terms from a slice, as a node holds.
        unsafe { self.object(h, Some(word), entries.as_ptr(), entries.len()) }
    }

    /// A hash-trie node with `bitmap` and `size` whose entries are those of `entries` with
    /// `entry` inserted before index `idx` (`insert`) or replacing entry `idx` (otherwise);
    /// `idx` past the end appends. Copies the old entries in two blocks, written straight into
    /// the heap (the map update path).
    pub fn hashmap_node_edit(
        &mut self,
        bitmap: u32,
        size: usize,
        entries: Words,
        idx: usize,
        entry: Term,
        insert: bool,
    ) -> Term {
        let len = entries.len();
        let idx = idx.min(len);
        let after = if insert { idx } else { (idx + 1).min(len) };
        let n = idx + 1 + (len - after);
        let p = self.alloc(n + 2);
        // SAFETY: `p` points at `n + 2` freshly allocated words, all written before the term is
        // made: header, data word, entries `0..idx`, `entry`, and the `len - after` entries
        // from `after` on (`idx + 1 + len - after == n`). `entries` is readable for `len` words
        // (a `Words` used before the next safe point; allocation moves nothing).
        unsafe {
            p.write(Header::new(SUB_HASHMAP, n + 1).as_term());
            p.add(1).write(Heap::hashmap_word(bitmap, size));
            let src = entries.as_ptr();
            std::ptr::copy_nonoverlapping(src, p.add(2), idx);
            p.add(2 + idx).write(entry);
            std::ptr::copy_nonoverlapping(src.add(after), p.add(3 + idx), len - after);
            Term::boxed_from_ptr(p)
        }
    }

    /// A tuple of `elems`.
    pub fn tuple(&mut self, elems: &[Term]) -> Term {
        let h = Header::new(SUB_TUPLE, elems.len());
        // SAFETY: the element terms from a slice.
        unsafe { self.object(h, None, elems.as_ptr(), elems.len()) }
    }

    /// A tuple of the words `elems` (copied, e.g. another tuple's elements).
    pub fn tuple_from(&mut self, elems: Words) -> Term {
        let h = Header::new(SUB_TUPLE, elems.len());
        // SAFETY: `elems` is readable for its length (a `Words` used before the next safe
        // point; allocation moves nothing); a caller passes term words.
        unsafe { self.object(h, None, elems.as_ptr(), elems.len()) }
    }

    /// A cons cell `[head | tail]`.
    #[inline]
    pub fn cons(&mut self, head: Term, tail: Term) -> Term {
        let p = self.alloc(2);
        // SAFETY: `p` points at two freshly allocated words, both written before the term is
        // made.
        unsafe {
            p.write(head);
            p.add(1).write(tail);
            Term::cons_from_ptr(p)
        }
    }

    /// A proper list of `elems` ending in `tail`.
    pub fn list_with_tail(&mut self, elems: &[Term], tail: Term) -> Term {
        elems.iter().rev().fold(tail, |acc, &e| self.cons(e, acc))
    }

    /// A proper list of `elems`.
    pub fn list(&mut self, elems: &[Term]) -> Term {
        self.list_with_tail(elems, Term::NIL)
    }

    /// A string as a list of code points.
    pub fn string(&mut self, s: &str) -> Term {
        s.chars()
            .rev()
            .fold(Term::NIL, |acc, c| self.cons(Term::small(c as i64), acc))
    }

    /// A float. The caller ensures `f` is finite (Erlang has no NaN or infinity).
    pub fn float(&mut self, f: f64) -> Term {
        let p = self.alloc(2);
        // SAFETY: `p` points at two freshly allocated words, both written before the term is
        // made; a float's payload word is data, never scanned as a term.
        unsafe {
            p.write(Header::new(SUB_FLOAT, 1).as_term());
            p.add(1).write(Term::from_raw(f.to_bits()));
            Term::boxed_from_ptr(p)
        }
    }

    /// An integer: small if it fits, else a bignum.
    pub fn int(&mut self, n: i64) -> Term {
        match Term::try_small(n) {
            Some(t) => t,
            None => self.bigint(&BigInt::from(n)),
        }
    }

    /// An integer from a `BigInt`: small if it fits, else a bignum object.
    pub fn bigint(&mut self, n: &BigInt) -> Term {
        if let Some(t) = n.to_i64().and_then(Term::try_small) {
            return t;
        }
        let (sign, limbs) = n.to_u64_digits();
        let subtag = if sign == Sign::Minus {
            SUB_NEG_BIG
        } else {
            SUB_POS_BIG
        };
        let p = self.alloc(limbs.len() + 1);
        // SAFETY: `p` points at `limbs.len() + 1` freshly allocated words, all written before the
        // term is made; limbs are data, never scanned as terms.
        unsafe {
            p.write(Header::new(subtag, limbs.len()).as_term());
            for (i, l) in limbs.iter().enumerate() {
                p.add(1 + i).write(Term::from_raw(*l));
            }
            Term::boxed_from_ptr(p)
        }
    }

    /// A binary holding `bytes` (on-heap up to `HEAP_BIN_LIMIT` bytes, else reference-counted).
    pub fn binary(&mut self, bytes: &[u8]) -> Term {
        self.bitstring(bytes, bytes.len() * 8)
    }

    /// A binary of `bytes`, handed over without a copy when it goes off-heap.
    pub fn binary_from_vec(&mut self, bytes: Vec<u8>) -> Term {
        if bytes.len() > HEAP_BIN_LIMIT {
            let bits = bytes.len() * 8;
            let rc = Arc::new(RefcBinary::new(bytes.into_boxed_slice()));
            return self.refc_binary(rc, bits);
        }
        self.binary(&bytes)
    }

    /// A bitstring of `bit_size` bits taken from the front of `bytes` (whose unused low bits of
    /// the last byte are ignored). `bytes.len()` must be `bit_size.div_ceil(8)`.
    pub fn bitstring(&mut self, bytes: &[u8], bit_size: usize) -> Term {
        debug_assert_eq!(bytes.len(), bit_size.div_ceil(8));
        if bytes.len() > HEAP_BIN_LIMIT {
            let mut copy = Vec::new();
            crate::limits::reserve_or_exit(&mut copy, bytes.len());
            copy.extend_from_slice(bytes);
            let rc = Arc::new(RefcBinary::new(copy.into_boxed_slice()));
            return self.refc_binary(rc, bit_size);
        }
        let words = bytes.len().div_ceil(8);
        let p = self.alloc(2 + words);
        // SAFETY: `p` points at `2 + words` freshly allocated words, all written before the term
        // is made; the byte copy stays within the `words * 8` bytes after the size word; a heap
        // binary's payload is data, never scanned as terms.
        unsafe {
            p.write(Header::new(SUB_HEAP_BIN, 1 + words).as_term());
            p.add(1).write(Term::from_raw(bit_size as u64));
            let data = p.add(2) as *mut u8;
            std::ptr::write_bytes(data, 0, words * 8);
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
            Term::boxed_from_ptr(p)
        }
    }

    /// A refc-binary object on this heap for shared bytes; this heap takes one strong count.
    pub fn refc_binary(&mut self, bin: Arc<RefcBinary>, bit_size: usize) -> Term {
        let raw = Arc::into_raw(bin);
        self.off_heap.push(raw);
        let p = self.alloc(3);
        // SAFETY: `p` points at three freshly allocated words, all written before the term is
        // made; both payload words are data (the collector reads the pointer as a refc binary).
        unsafe {
            p.write(Header::new(SUB_REFC_BIN, 2).as_term());
            p.add(1).write(Term::from_raw(bit_size as u64));
            p.add(2).write(Term::from_raw(raw as u64));
            Term::boxed_from_ptr(p)
        }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for &raw in self.off_heap.iter().chain(&self.old_off_heap) {
            // SAFETY: each entry is one strong count taken by `refc_binary` and not yet released.
            unsafe { drop(Arc::from_raw(raw)) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Terms built on a full heap between absorbed messages (the 'EXIT' and 'DOWN' tuples a
    /// process takes in between its messages) must not make each new fragment bigger than the
    /// last: that grew them to terabytes and ended the process with `system_limit`.
    #[test]
    fn fragments_between_absorbed_messages_stay_small() {
        let mut h = Heap::with_capacity(4);
        h.tuple(&[Term::small(1), Term::small(2), Term::small(3)]);
        for i in 0..1000 {
            let mut msg = Heap::with_capacity(3);
            msg.tuple(&[Term::small(i), Term::NIL]);
            h.absorb(msg);
            h.tuple(&[Term::small(i), Term::small(i)]);
        }
        // 1,000 messages of 3 words, and 3,000 words of tuples in a few overflow fragments
        // (each at most half again the overflow so far).
        assert!(
            h.capacity_words() < 3000 + 2 * 3000 + FRAGMENT_WORDS + 4,
            "{} words reserved",
            h.capacity_words()
        );
    }

    #[test]
    fn builders_round_trip() {
        let mut h = Heap::new();
        let t = h.tuple(&[Term::small(1), Term::NIL]);
        assert_eq!(t.as_tuple().unwrap().to_vec(), [Term::small(1), Term::NIL]);
        let l = h.list(&[Term::small(1), Term::small(2)]);
        let (a, rest) = l.as_cons().unwrap();
        assert_eq!(a, Term::small(1));
        assert_eq!(rest.as_cons().unwrap().1, Term::NIL);
        assert_eq!(h.float(2.5).as_float(), Some(2.5));
        let big = BigInt::from(1u8) << 100;
        assert!(h.bigint(&big).is_bignum());
        assert_eq!(h.bigint(&BigInt::from(5)), Term::small(5));
    }

    #[test]
    fn words_copy_out_and_stay_in_bounds() {
        let mut h = Heap::new();
        let elems = [Term::small(1), Term::small(2), Term::small(3)];
        let w = h.tuple(&elems).as_tuple().unwrap();
        assert_eq!(
            (w.len(), w.first(), w.get(2), w.get(3)),
            (3, Some(elems[0]), Some(elems[2]), None)
        );
        assert_eq!(
            w.iter().rev().collect::<Vec<_>>(),
            [elems[2], elems[1], elems[0]]
        );
        assert_eq!(w.iter().len(), 3);
        assert_eq!(w.rest(1).to_vec(), elems[1..]);
        assert!(w.rest(9).is_empty());
        let (head, tail) = w.split_first().unwrap();
        assert_eq!((head, tail.to_vec()), (elems[0], elems[1..].to_vec()));
        assert!(w.rest(3).split_first().is_none());
        assert_eq!(w.array::<3>(), Some(elems));
        assert_eq!(w.array::<2>(), None);
        assert_eq!(h.tuple(&elems).as_tuple_n::<3>(), Some(elems));
        let copy = h.tuple_from(w);
        assert_eq!(copy.as_tuple().unwrap().to_vec(), elems);
        assert!(Term::small(1).as_tuple().is_none() && Term::NIL.payload().is_none());
    }

    #[test]
    fn trie_node_edits_insert_replace_and_clamp() {
        let mut h = Heap::new();
        let (a, b, c) = (Term::small(1), Term::small(2), Term::small(3));
        let node = h.hashmap_node(0b11, 2, &[a, b]);
        let entries = |t: Term| t.payload().unwrap().rest(1).to_vec();
        let raw = |t: Term| t.payload().unwrap().at(0).raw();
        assert_eq!(raw(node), 0b11 | 2 << 32);
        let w = node.payload().unwrap().rest(1);
        assert_eq!(entries(h.hashmap_node_edit(7, 3, w, 1, c, true)), [a, c, b]);
        assert_eq!(entries(h.hashmap_node_edit(7, 2, w, 0, c, false)), [c, b]);
        assert_eq!(entries(h.hashmap_node_edit(7, 3, w, 9, c, true)), [a, b, c]);
        assert_eq!(
            entries(h.hashmap_node_edit(7, 3, w, 9, c, false)),
            [a, b, c]
        );
        assert_eq!(raw(h.hashmap_node_edit(7, 3, w, 0, c, true)), 7 | 3 << 32);
    }

    #[test]
    fn reference_flatmap_and_export_builders() {
        let mut h = Heap::new();
        let r = h.reference(u64::MAX);
        assert!(r.is_reference());
        assert_eq!(r.payload().unwrap().at(0).raw(), u64::MAX);
        let keys = h.tuple(&[Term::small(1)]);
        let m = h.flatmap(keys, &[Term::NIL]);
        assert!(m.is_map());
        assert_eq!(m.payload().unwrap().to_vec(), [keys, Term::NIL]);
        let f = h.export_fun(Term::NIL, Term::NIL, 255);
        assert!(f.is_fun());
        assert_eq!(f.payload().unwrap().at(2), Term::small(255));
    }

    #[test]
    fn full_block_spills_into_fragment() {
        let mut h = Heap::with_capacity(4);
        let a = h.cons(Term::small(1), Term::NIL);
        let b = h.tuple(&[Term::small(2); 10]);
        assert!(h.wants_gc());
        assert!(h.contains(a.cons_ptr()) && h.contains(b.boxed_ptr()));
        assert_eq!(b.as_tuple().unwrap().len(), 10);
    }
}
