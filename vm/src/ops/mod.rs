//! Operations on values: arithmetic, term order, maps and the bit syntax. Owns the semantics of
//! Erlang's operators on terms; does not own the instruction dispatch (the interpreter) or the
//! builtins' argument checking (`bif`).

pub mod arith;
pub mod binary;
#[cfg(test)]
mod bits_conformance;
pub mod compare;
pub mod hamt;
pub(crate) mod jenkins;
pub mod map;
pub mod otp_order;

use crate::term::Term;

/// The elements of a proper list, or `None` if `t` is not a proper list. Iterative.
pub fn list_to_vec(t: Term) -> Option<Vec<Term>> {
    let mut out = Vec::new();
    let mut cur = t;
    loop {
        if cur.is_nil() {
            return Some(out);
        }
        let (h, tl) = cur.as_cons()?;
        out.push(h);
        cur = tl;
    }
}

/// The length of a proper list, or `None` if `t` is improper.
pub fn list_length(t: Term) -> Option<usize> {
    let mut n = 0;
    let mut cur = t;
    loop {
        if cur.is_nil() {
            return Some(n);
        }
        cur = cur.as_cons()?.1;
        n += 1;
    }
}
