//! The `lists` functions implemented natively (OTP implements these as BIFs too):
//! `keyfind/3`, `keymember/3`, `keysearch/3`, `member/2` (`reverse/1,2` trap: `chunked.rs`).

use super::{badarg, usize_arg, Reg};
use crate::native::NativeCtx;
use crate::ops::compare::{eq, exact_eq};
use crate::term::Term;

pub(super) fn register(r: &mut Reg<'_>) {
    let l = "lists";
    r.add(l, "keyfind", 3, |c, a| {
        Ok(keyfind(c, a)?.unwrap_or(Term::bool(false)))
    });
    r.add(l, "keymember", 3, |c, a| {
        Ok(Term::bool(keyfind(c, a)?.is_some()))
    });
    r.add(l, "keysearch", 3, |c, a| match keyfind(c, a)? {
        Some(t) => {
            let value = c.atom("value");
            Ok(c.heap.tuple(&[value, t]))
        }
        None => Ok(Term::bool(false)),
    });
    r.add(l, "member", 2, |c, a| {
        let mut cur = a[1];
        let mut n = 0;
        while let Some((h, t)) = cur.as_cons() {
            if exact_eq(h, a[0]) {
                c.charge(n / 16);
                return Ok(Term::bool(true));
            }
            cur = t;
            n += 1;
        }
        c.charge(n / 16);
        if cur.is_nil() {
            Ok(Term::bool(false))
        } else {
            badarg()
        }
    });
}

/// The first tuple in `a[2]` whose element `a[1]` equals (`==`) `a[0]`.
fn keyfind(c: &mut NativeCtx<'_>, a: &[Term]) -> Result<Option<Term>, crate::native::Exception> {
    let n = usize_arg(a[1])?;
    if n == 0 {
        return badarg();
    }
    let mut cur = a[2];
    let mut count = 0;
    while let Some((h, t)) = cur.as_cons() {
        if let Some(es) = h.as_tuple() {
            if es.len() >= n && eq(es.at(n - 1), a[0]) {
                c.charge(count / 16);
                return Ok(Some(h));
            }
        }
        cur = t;
        count += 1;
    }
    c.charge(count / 16);
    if cur.is_nil() {
        Ok(None)
    } else {
        badarg()
    }
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn lists_natives() {
        let mut env = Env::new();
        let l = env.heap.list(&[Term::small(1), Term::small(2)]);
        let r = env.call("lists", "reverse", &[l, Term::small(0)]).unwrap();
        assert_eq!(env.show(r), "[2,1|0]");
        let f = env.heap.float(1.0);
        let a = env.atom("a");
        let t = env.heap.tuple(&[f, a]);
        let tl = env.heap.list(&[Term::small(7), t]);
        let r = env
            .call("lists", "keyfind", &[Term::small(1), Term::small(1), tl])
            .unwrap();
        assert_eq!(env.show(r), "{1.0,a}");
        let r = env
            .call("lists", "keysearch", &[Term::small(1), Term::small(1), tl])
            .unwrap();
        assert_eq!(env.show(r), "{value,{1.0,a}}");
        let r = env.call("lists", "member", &[f, l]).unwrap();
        assert_eq!(env.show(r), "false");
        let r = env
            .call("lists", "keyfind", &[Term::small(5), Term::small(1), tl])
            .unwrap();
        assert_eq!(env.show(r), "false");
    }
}
