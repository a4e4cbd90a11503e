//! List BIFs of module `erlang`: `hd/1`, `tl/1`, `length/1`, `'--'/2` (`subtract/2`);
//! `'++'/2` (`append/2`) traps: `chunked.rs`.
//! `badarg` for improper or non-list arguments, as OTP.

use super::{badarg, list_arg, Reg};
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::compare::exact_eq;
use crate::ops::list_length;
use crate::term::Term;

pub(super) fn register(r: &mut Reg<'_>) {
    let e = "erlang";
    r.add(e, "hd", 1, |_, a| {
        a[0].as_cons().map(|c| c.0).ok_or_else(Exception::badarg)
    });
    r.add(e, "tl", 1, |_, a| {
        a[0].as_cons().map(|c| c.1).ok_or_else(Exception::badarg)
    });
    r.add(e, "length", 1, |c, a| match list_length(a[0]) {
        Some(n) => {
            c.charge(n / 16);
            Ok(Term::small(n as i64))
        }
        None => badarg(),
    });
    r.add(e, "--", 2, subtract);
    r.add(e, "subtract", 2, subtract);
}

/// `A -- B`: removes from `A` the first exact occurrence of each element of `B`.
fn subtract(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let mut left: Vec<Option<Term>> = list_arg(c, a[0])?.into_iter().map(Some).collect();
    let right = list_arg(c, a[1])?;
    c.charge(left.len() * right.len() / 64);
    for r in right {
        if let Some(slot) = left.iter_mut().find(|s| s.is_some_and(|l| exact_eq(l, r))) {
            *slot = None;
        }
    }
    let kept: Vec<Term> = left.into_iter().flatten().collect();
    Ok(c.heap.list(&kept))
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn list_bifs() {
        let mut env = Env::new();
        let e = env.call("erlang", "hd", &[Term::NIL]).unwrap_err();
        assert_eq!(env.show(e), "badarg");
        let improper = env.heap.cons(Term::small(1), Term::small(2));
        assert!(env.call("erlang", "length", &[improper]).is_err());
        let l = env.heap.list(&[
            Term::small(1),
            Term::small(2),
            Term::small(1),
            Term::small(3),
        ]);
        assert_eq!(env.call("erlang", "length", &[l]).unwrap(), Term::small(4));
        let one = env.heap.list(&[Term::small(1)]);
        let r = env.call("erlang", "--", &[l, one]).unwrap();
        assert_eq!(env.show(r), "[2,1,3]");
        let r = env.call("erlang", "++", &[one, Term::small(9)]).unwrap();
        assert_eq!(env.show(r), "[1|9]");
        assert!(env.call("erlang", "++", &[improper, Term::NIL]).is_err());
    }
}
