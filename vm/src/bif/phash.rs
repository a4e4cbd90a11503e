//! `erlang:phash2/1,2`. A portable hash of a term, stable within and across runs of krarup
//! (atoms hash by name). NOT yet bit-exact with OTP's `make_hash2`.

use crate::term::Term;

/// The 32-bit hash of `t` (callers reduce it to their range).
pub fn phash2(t: Term) -> u32 {
    let h = crate::ops::hamt::hash(t);
    (h ^ (h >> 32)) as u32
}
