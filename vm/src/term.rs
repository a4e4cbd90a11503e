//! The term: one tagged 64-bit word. Owns the tag layout and the layout of heap objects; does
//! not own allocation (see `heap`) or any operation on values (see `ops`).
//!
//! # Tags (low 3 bits of the word)
//! | tag     | bits | payload                                   |
//! |---------|------|-------------------------------------------|
//! | HEADER  | 000  | first word of a heap object (never in a register) |
//! | LIST    | 001  | pointer to a cons cell `[head, tail]`      |
//! | BOXED   | 010  | pointer to a heap object (header + payload) |
//! | SMALL   | 011  | signed 61-bit integer in bits 3..64        |
//! | ATOM    | 100  | atom index in bits 3..64                   |
//! | PID     | 101  | local process number in bits 3..64         |
//! | SPECIAL | 110  | `[]` (0), the non-value (1)                |
//! | CATCH   | 111  | catch marker on the stack: handler code index |
//!
//! # Heap objects
//! A header word is `arity << 8 | subtag << 3 | 000`, where `arity` counts the payload words that
//! follow the header. Subtags are the `SUB_*` constants below, each with its payload layout.
//!
//! # Validity
//! A `Term` is a plain `Copy` word. Accessors that follow a pointer trust that it points at live
//! memory: a process heap (valid until that heap's next garbage collection) or a module's literal
//! area (valid while the module is loaded). The VM upholds this by keeping every term it needs
//! across a collection in the GC roots (X registers, stack, process dictionary, mailbox) and
//! re-reading them after any operation that may collect.
//!
//! Safe code cannot make a pointer term: `from_raw`, `boxed_from_ptr` and `cons_from_ptr` are
//! `unsafe fn`s; safe code builds objects with the `Heap` builders. Nor does safe code get a Rust
//! reference into a heap the collector moves: `payload` and `as_tuple` return [`Words`], which
//! copies each word out when read (see `docs/gc.md`, "Where unsafe code lives").

use std::fmt;

/// A tagged Erlang term word. `size_of::<Term>() == 8`.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Term(u64);

pub const TAG_MASK: u64 = 0b111;
pub const TAG_HEADER: u64 = 0b000;
pub const TAG_LIST: u64 = 0b001;
pub const TAG_BOXED: u64 = 0b010;
pub const TAG_SMALL: u64 = 0b011;
pub const TAG_ATOM: u64 = 0b100;
pub const TAG_PID: u64 = 0b101;
pub const TAG_SPECIAL: u64 = 0b110;
pub const TAG_CATCH: u64 = 0b111;

/// Tuple: payload is the elements.
pub const SUB_TUPLE: u64 = 0;
/// Positive bignum: payload is the magnitude as little-endian `u64` limbs (no leading zero limb).
pub const SUB_POS_BIG: u64 = 1;
/// Negative bignum: as `SUB_POS_BIG`, value is minus the magnitude.
pub const SUB_NEG_BIG: u64 = 2;
/// Float: one payload word, the `f64` bits. Never NaN or infinite.
pub const SUB_FLOAT: u64 = 3;
/// Closure: `[module atom, small lambda index, small module unique, free vars...]`.
pub const SUB_FUN: u64 = 4;
/// External fun `fun M:F/A`: `[module atom, function atom, small arity]`.
pub const SUB_EXPORT: u64 = 5;
/// Flat map: `[keys tuple, values...]`; keys strictly ascending in term order.
pub const SUB_FLATMAP: u64 = 6;
/// Heap binary (at most 64 bytes): `[bit size, bytes packed little-endian into words...]`.
pub const SUB_HEAP_BIN: u64 = 7;
/// Reference-counted off-heap binary: `[bit size, pointer to the off-heap `RefcBinary`]`.
pub const SUB_REFC_BIN: u64 = 8;
/// Sub-binary (a slice of a heap or refc binary): `[bit size, bit offset, original binary term]`.
pub const SUB_SUB_BIN: u64 = 9;
/// Reference: `[id]`.
pub const SUB_REF: u64 = 10;
/// Bit-syntax match context: `[root binary (heap or refc, never a sub-binary), position, end]`,
/// the last two raw absolute bit offsets into the root; the position is mutated (`ops::binary`).
pub const SUB_MATCH_CTX: u64 = 11;
/// Hash-array-mapped-trie map node for large maps (layout owned by `ops::map`).
pub const SUB_HASHMAP: u64 = 12;

/// Smallest and largest integers held inline: the range the bytecode's `Src::Int` operands use.
pub use krarup_bytecode::{SMALL_MAX, SMALL_MIN};

/// Index of an atom in the runtime's atom table.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Atom(pub u32);

impl Term {
    /// The empty list `[]`.
    pub const NIL: Term = Term(TAG_SPECIAL);
    /// The non-value: "no term here" (an empty slot, a missing result). Never seen by Erlang code.
    pub const NONE: Term = Term((1 << 3) | TAG_SPECIAL);

    /// The raw word.
    #[inline(always)]
    pub const fn raw(self) -> u64 {
        self.0
    }
    /// Builds a term from a raw word (the collector, the heap builders and raw payload words).
    ///
    /// # Safety
    /// If `w` has the `LIST` or `BOXED` tag it must point at a live cons cell or heap object
    /// (see the module's Validity section). A word stored as a payload data word (a bit size, a
    /// float's bits, a bignum limb) may be anything, as long as the object's subtag says the
    /// collector does not scan it as a term.
    ///
    /// ```compile_fail,E0133
    /// // Safe code cannot forge a term from a word.
    /// let _ = krarup_vm::term::Term::from_raw(0x1000 | krarup_vm::term::TAG_BOXED);
    /// ```
    #[inline(always)]
    pub const unsafe fn from_raw(w: u64) -> Term {
        Term(w)
    }
    #[inline(always)]
    pub const fn tag(self) -> u64 {
        self.0 & TAG_MASK
    }

    // ---- small integers ----
    /// A small integer; `n` must lie in `SMALL_MIN..=SMALL_MAX` (checked in debug builds).
    #[inline(always)]
    pub const fn small(n: i64) -> Term {
        debug_assert!(n >= SMALL_MIN && n <= SMALL_MAX);
        Term(((n as u64) << 3) | TAG_SMALL)
    }
    /// The small integer holding the low 61 bits of `n` (bits 61..64 are dropped). For words that
    /// must be skipped by the collector but carry an unsigned payload (frame header words).
    #[inline(always)]
    pub const fn small_wrapping(n: i64) -> Term {
        Term(((n as u64) << 3) | TAG_SMALL)
    }
    /// A small integer, or `None` if `n` needs a bignum.
    #[inline(always)]
    pub const fn try_small(n: i64) -> Option<Term> {
        if n >= SMALL_MIN && n <= SMALL_MAX {
            Some(Term::small(n))
        } else {
            None
        }
    }
    #[inline(always)]
    pub const fn is_small(self) -> bool {
        self.tag() == TAG_SMALL
    }
    #[inline(always)]
    pub const fn as_small(self) -> Option<i64> {
        if self.is_small() {
            Some((self.0 as i64) >> 3)
        } else {
            None
        }
    }
    /// The value of a term known to be small.
    #[inline(always)]
    pub const fn small_value(self) -> i64 {
        (self.0 as i64) >> 3
    }

    // ---- atoms ----
    #[inline(always)]
    pub const fn atom(a: Atom) -> Term {
        Term(((a.0 as u64) << 3) | TAG_ATOM)
    }
    #[inline(always)]
    pub const fn is_atom(self) -> bool {
        self.tag() == TAG_ATOM
    }
    #[inline(always)]
    pub const fn as_atom(self) -> Option<Atom> {
        if self.is_atom() {
            Some(Atom((self.0 >> 3) as u32))
        } else {
            None
        }
    }
    /// `true` or `false`.
    #[inline(always)]
    pub const fn bool(b: bool) -> Term {
        if b {
            Term::atom(crate::atom::TRUE)
        } else {
            Term::atom(crate::atom::FALSE)
        }
    }

    // ---- pids ----
    #[inline(always)]
    pub const fn pid(n: u64) -> Term {
        Term((n << 3) | TAG_PID)
    }
    #[inline(always)]
    pub const fn is_pid(self) -> bool {
        self.tag() == TAG_PID
    }
    #[inline(always)]
    pub const fn as_pid(self) -> Option<u64> {
        if self.is_pid() {
            Some(self.0 >> 3)
        } else {
            None
        }
    }

    // ---- catch markers ----
    #[inline(always)]
    pub const fn catch_marker(handler: u32) -> Term {
        Term(((handler as u64) << 3) | TAG_CATCH)
    }
    #[inline(always)]
    pub const fn as_catch(self) -> Option<u32> {
        if self.tag() == TAG_CATCH {
            Some((self.0 >> 3) as u32)
        } else {
            None
        }
    }

    // ---- lists ----
    #[inline(always)]
    pub const fn is_nil(self) -> bool {
        self.0 == TAG_SPECIAL
    }
    #[inline(always)]
    pub const fn is_none(self) -> bool {
        self.0 == Term::NONE.0
    }
    #[inline(always)]
    pub const fn is_cons(self) -> bool {
        self.tag() == TAG_LIST
    }
    /// A cons term pointing at two words `[head, tail]`.
    ///
    /// # Safety
    /// `p` must be 8-byte aligned and point at two initialised words of a heap (or literal area)
    /// that stays live while the term is used: the usual case is words just allocated on a
    /// `Heap` and written, with no safe point in between.
    ///
    /// ```compile_fail,E0133
    /// // Safe code builds cons cells with `Heap::cons`.
    /// let _ = krarup_vm::term::Term::cons_from_ptr(std::ptr::null());
    /// ```
    #[inline(always)]
    pub unsafe fn cons_from_ptr(p: *const Term) -> Term {
        Term(p as u64 | TAG_LIST)
    }
    /// Pointer to the `[head, tail]` cell of a cons term.
    #[inline(always)]
    pub fn cons_ptr(self) -> *const Term {
        (self.0 & !TAG_MASK) as *const Term
    }
    /// `(head, tail)` of a cons cell, or `None` if not a cons.
    #[inline(always)]
    pub fn as_cons(self) -> Option<(Term, Term)> {
        if self.is_cons() {
            let p = self.cons_ptr();
            // SAFETY: a cons term points at a live two-word cell (module invariant above).
            unsafe { Some((*p, *p.add(1))) }
        } else {
            None
        }
    }

    /// True for a term held entirely in its word (no list cell or heap object behind it).
    #[inline(always)]
    pub const fn is_immediate(self) -> bool {
        !matches!(self.tag(), TAG_LIST | TAG_BOXED | TAG_HEADER)
    }

    // ---- boxed ----
    #[inline(always)]
    pub const fn is_boxed(self) -> bool {
        self.tag() == TAG_BOXED
    }
    /// A boxed term pointing at the header word of a heap object.
    ///
    /// # Safety
    /// `p` must be 8-byte aligned and point at a header word followed by `arity` initialised
    /// payload words laid out as its subtag says (term words where the collector scans terms),
    /// in a heap or literal area that stays live while the term is used.
    ///
    /// ```compile_fail,E0133
    /// // Safe code builds objects with the `Heap` builders.
    /// let _ = krarup_vm::term::Term::boxed_from_ptr(std::ptr::null());
    /// ```
    #[inline(always)]
    pub unsafe fn boxed_from_ptr(p: *const Term) -> Term {
        Term(p as u64 | TAG_BOXED)
    }
    /// Pointer to the header word of a boxed term.
    #[inline(always)]
    pub fn boxed_ptr(self) -> *const Term {
        (self.0 & !TAG_MASK) as *const Term
    }
    /// The header word of a boxed term, or `None` if not boxed.
    #[inline(always)]
    pub fn header(self) -> Option<Header> {
        if self.is_boxed() {
            // SAFETY: a boxed term points at a live object whose first word is its header.
            Some(Header(unsafe { (*self.boxed_ptr()).0 }))
        } else {
            None
        }
    }
    /// The subtag of a boxed term.
    #[inline(always)]
    pub fn boxed_subtag(self) -> Option<u64> {
        self.header().map(|h| h.subtag())
    }
    /// The payload words of a boxed term (everything after the header).
    #[inline(always)]
    pub fn payload(self) -> Option<Words> {
        let h = self.header()?;
        Some(Words {
            // The payload follows the header; no read here.
            ptr: self.boxed_ptr().wrapping_add(1),
            len: h.arity(),
        })
    }
    /// Elements of a tuple, or `None` if not a tuple.
    #[inline(always)]
    pub fn as_tuple(self) -> Option<Words> {
        match self.header() {
            Some(h) if h.subtag() == SUB_TUPLE => self.payload(),
            _ => None,
        }
    }
    /// The elements of a tuple of exactly `N` elements (copied), or `None`.
    #[inline]
    pub fn as_tuple_n<const N: usize>(self) -> Option<[Term; N]> {
        self.as_tuple()?.array()
    }
    #[inline(always)]
    pub fn is_tuple(self) -> bool {
        matches!(self.header(), Some(h) if h.subtag() == SUB_TUPLE)
    }
    /// The value of a float term.
    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        match self.header() {
            Some(h) if h.subtag() == SUB_FLOAT => Some(f64::from_bits(self.payload()?.get(0)?.0)),
            _ => None,
        }
    }
    #[inline(always)]
    pub fn is_float(self) -> bool {
        matches!(self.header(), Some(h) if h.subtag() == SUB_FLOAT)
    }
    #[inline(always)]
    pub fn is_bignum(self) -> bool {
        matches!(self.header(), Some(h) if h.subtag() == SUB_POS_BIG || h.subtag() == SUB_NEG_BIG)
    }
    #[inline(always)]
    pub fn is_integer(self) -> bool {
        self.is_small() || self.is_bignum()
    }
    #[inline(always)]
    pub fn is_number(self) -> bool {
        self.is_integer() || self.is_float()
    }
    /// `[]` or a cons cell.
    #[inline(always)]
    pub fn is_list(self) -> bool {
        self.is_nil() || self.is_cons()
    }
    #[inline(always)]
    pub fn is_map(self) -> bool {
        matches!(self.header(), Some(h) if h.subtag() == SUB_FLATMAP || h.subtag() == SUB_HASHMAP)
    }
    #[inline(always)]
    pub fn is_fun(self) -> bool {
        matches!(self.header(), Some(h) if h.subtag() == SUB_FUN || h.subtag() == SUB_EXPORT)
    }
    /// Any bitstring: heap, refc or sub-binary (not a match context).
    #[inline(always)]
    pub fn is_bitstring(self) -> bool {
        matches!(self.header(), Some(h) if matches!(h.subtag(), SUB_HEAP_BIN | SUB_REFC_BIN | SUB_SUB_BIN))
    }
    #[inline(always)]
    pub fn is_reference(self) -> bool {
        matches!(self.header(), Some(h) if h.subtag() == SUB_REF)
    }
}

/// The payload words of one heap object, as `Term::payload` and `Term::as_tuple` return them.
///
/// A view without a lifetime, like a `Term` itself: every read copies a word out at that moment,
/// so it obeys the same rule as the term it came from (valid until the next safe point; re-read
/// after one). It never hands out a Rust reference into the heap; `as_slice` does, and is
/// `unsafe` for that reason.
#[derive(Copy, Clone)]
pub struct Words {
    ptr: *const Term,
    len: usize,
}

impl Words {
    /// The empty view.
    pub const EMPTY: Words = Words {
        ptr: std::ptr::NonNull::dangling().as_ptr(),
        len: 0,
    };

    /// Number of words.
    #[inline(always)]
    pub fn len(self) -> usize {
        self.len
    }
    #[inline(always)]
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
    /// Word `i`, or `None` past the end.
    #[inline(always)]
    pub fn get(self, i: usize) -> Option<Term> {
        if i < self.len {
            // SAFETY: `i` is in bounds of a live object's payload (module invariant).
            Some(unsafe { *self.ptr.add(i) })
        } else {
            None
        }
    }
    /// Word `i`; panics past the end (as slice indexing does).
    #[inline(always)]
    pub fn at(self, i: usize) -> Term {
        match self.get(i) {
            Some(t) => t,
            None => panic!("payload word {i} of {}", self.len),
        }
    }
    /// The first word, if any.
    #[inline(always)]
    pub fn first(self) -> Option<Term> {
        self.get(0)
    }
    /// The first word and the rest, or `None` if empty.
    #[inline(always)]
    pub fn split_first(self) -> Option<(Term, Words)> {
        let first = self.get(0)?;
        let rest = Words {
            ptr: self.ptr.wrapping_add(1),
            len: self.len - 1,
        };
        Some((first, rest))
    }
    /// The words from index `from` on (empty if `from` is past the end).
    #[inline(always)]
    pub fn rest(self, from: usize) -> Words {
        let from = from.min(self.len);
        Words {
            ptr: self.ptr.wrapping_add(from),
            len: self.len - from,
        }
    }
    /// The words, copied out one at a time.
    #[inline(always)]
    pub fn iter(self) -> WordsIter {
        WordsIter {
            words: self,
            front: 0,
            back: self.len,
        }
    }
    /// All words, copied.
    pub fn to_vec(self) -> Vec<Term> {
        self.iter().collect()
    }
    /// All words as an array of exactly `N`, or `None` if there are not exactly `N`.
    #[inline]
    pub fn array<const N: usize>(self) -> Option<[Term; N]> {
        if self.len != N {
            return None;
        }
        let mut out = [Term::NIL; N];
        for (i, o) in out.iter_mut().enumerate() {
            *o = self.at(i);
        }
        Some(out)
    }
    /// Address of the first word (for code that reads raw payload bytes under its own `unsafe`).
    #[inline(always)]
    pub fn as_ptr(self) -> *const Term {
        self.ptr
    }
    /// The words as a slice.
    ///
    /// # Safety
    /// The slice borrows the heap the object lives on: the caller must drop it before that heap
    /// next collects (the next safe point) or is dropped.
    #[inline(always)]
    pub unsafe fn as_slice<'a>(self) -> &'a [Term] {
        // SAFETY: the words are initialised and live (module invariant); the caller bounds the
        // slice's use to before the next collection.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl IntoIterator for Words {
    type Item = Term;
    type IntoIter = WordsIter;
    #[inline(always)]
    fn into_iter(self) -> WordsIter {
        self.iter()
    }
}

/// Iterator over [`Words`], copying each word out.
#[derive(Clone)]
pub struct WordsIter {
    words: Words,
    front: usize,
    back: usize,
}

impl Iterator for WordsIter {
    type Item = Term;
    #[inline(always)]
    fn next(&mut self) -> Option<Term> {
        if self.front < self.back {
            // SAFETY: `front < back <= len`, in bounds of a live payload (module invariant).
            let t = unsafe { *self.words.ptr.add(self.front) };
            self.front += 1;
            Some(t)
        } else {
            None
        }
    }
    #[inline(always)]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for WordsIter {
    #[inline(always)]
    fn next_back(&mut self) -> Option<Term> {
        if self.front < self.back {
            self.back -= 1;
            // SAFETY: `front <= back < len`, in bounds of a live payload (module invariant).
            Some(unsafe { *self.words.ptr.add(self.back) })
        } else {
            None
        }
    }
}

impl ExactSizeIterator for WordsIter {}

/// A heap object header word: `arity << 8 | subtag << 3 | TAG_HEADER`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct Header(pub u64);

impl Header {
    #[inline(always)]
    pub const fn new(subtag: u64, arity: usize) -> Header {
        Header(((arity as u64) << 8) | (subtag << 3) | TAG_HEADER)
    }
    #[inline(always)]
    pub const fn subtag(self) -> u64 {
        (self.0 >> 3) & 0x1f
    }
    /// Number of payload words after the header.
    #[inline(always)]
    pub const fn arity(self) -> usize {
        (self.0 >> 8) as usize
    }
    /// The header as a word to write at the start of an object. The tag bits are forced to
    /// `HEADER`, so no `Header` value can pass for a pointer term.
    #[inline(always)]
    pub const fn as_term(self) -> Term {
        Term((self.0 & !TAG_MASK) | TAG_HEADER)
    }
}

impl fmt::Debug for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.tag() {
            TAG_SMALL => write!(f, "{}", self.small_value()),
            TAG_ATOM => write!(f, "atom#{}", self.0 >> 3),
            TAG_PID => write!(f, "<0.{}.0>", self.0 >> 3),
            TAG_SPECIAL if self.is_nil() => write!(f, "[]"),
            TAG_SPECIAL => write!(f, "NONE"),
            TAG_CATCH => write!(f, "catch@{}", self.0 >> 3),
            TAG_LIST => write!(f, "cons@{:#x}", self.0 & !TAG_MASK),
            TAG_BOXED => write!(f, "boxed@{:#x}", self.0 & !TAG_MASK),
            _ => write!(f, "header({:#x})", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_is_one_word() {
        assert_eq!(std::mem::size_of::<Term>(), 8);
        assert_eq!(std::mem::size_of::<Option<Term>>(), 16);
    }

    #[test]
    fn small_round_trip() {
        for n in [0, 1, -1, SMALL_MIN, SMALL_MAX, 123_456_789] {
            assert_eq!(Term::small(n).as_small(), Some(n));
        }
        assert!(Term::try_small(SMALL_MAX + 1).is_none());
        assert!(Term::try_small(SMALL_MIN - 1).is_none());
    }

    #[test]
    fn immediates_are_distinct() {
        let a = Term::atom(Atom(7));
        assert_eq!(a.as_atom(), Some(Atom(7)));
        assert!(a.as_small().is_none());
        assert!(Term::NIL.is_nil() && Term::NIL.is_list() && !Term::NIL.is_cons());
        assert_eq!(Term::pid(42).as_pid(), Some(42));
        assert_eq!(Term::catch_marker(9).as_catch(), Some(9));
    }

    #[test]
    fn header_fields() {
        let h = Header::new(SUB_FLATMAP, 33);
        assert_eq!(h.subtag(), SUB_FLATMAP);
        assert_eq!(h.arity(), 33);
        // A forged header word cannot become a pointer term.
        let forged = Header(0x1000 | TAG_BOXED).as_term();
        assert_eq!(forged.tag(), TAG_HEADER);
        assert!(!forged.is_boxed() && forged.header().is_none());
    }
}
