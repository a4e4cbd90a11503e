//! `maps` natives and the map BIFs of `erlang` (`map_size/1`, `map_get/2`, `is_map_key/2`), and
//! `krarup_maps:iteration_list/1`: the `{K, V}` pairs in OTP's `maps:iterator`/`maps:next`
//! order, which is the order `~p` prints (it differs from `maps:to_list/1` above 32 keys).
//! Errors as OTP: `{badmap, M}` when a map argument is not a map, `{badkey, K}` for a missing
//! key where one is required, `badarg` for a bad list argument.

use super::{error_tuple, list_arg, Reg};
use crate::atom;
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::map;
use crate::term::Term;

pub(super) fn register(r: &mut Reg<'_>) {
    let m = "maps";
    r.add(m, "get", 2, |c, a| get(c, a[0], a[1]));
    r.add("erlang", "map_get", 2, |c, a| get(c, a[0], a[1]));
    r.add(m, "get", 3, |c, a| {
        check_map(c, a[1])?;
        Ok(map::get(a[1], a[0]).unwrap_or(a[2]))
    });
    r.add(m, "find", 2, |c, a| {
        check_map(c, a[1])?;
        match map::get(a[1], a[0]) {
            Some(v) => Ok(c.heap.tuple(&[Term::atom(atom::OK), v])),
            None => Ok(Term::atom(c.shared.atoms.intern("error"))),
        }
    });
    r.add(m, "is_key", 2, |c, a| {
        check_map(c, a[1])?;
        Ok(Term::bool(map::get(a[1], a[0]).is_some()))
    });
    r.add("erlang", "is_map_key", 2, |c, a| {
        check_map(c, a[1])?;
        Ok(Term::bool(map::get(a[1], a[0]).is_some()))
    });
    r.add(m, "put", 3, |c, a| {
        check_map(c, a[2])?;
        Ok(map::put(c.heap, a[2], a[0], a[1], &c.shared.atoms))
    });
    r.add(m, "update", 3, |c, a| {
        check_map(c, a[2])?;
        if map::get(a[2], a[0]).is_none() {
            return Err(error_tuple(c, Term::atom(atom::BADKEY), a[0]));
        }
        Ok(map::put(c.heap, a[2], a[0], a[1], &c.shared.atoms))
    });
    r.add(m, "remove", 2, |c, a| {
        check_map(c, a[1])?;
        Ok(map::remove(c.heap, a[1], a[0], &c.shared.atoms))
    });
    r.add(m, "take", 2, |c, a| {
        check_map(c, a[1])?;
        match map::get(a[1], a[0]) {
            Some(v) => {
                let rest = map::remove(c.heap, a[1], a[0], &c.shared.atoms);
                Ok(c.heap.tuple(&[v, rest]))
            }
            None => Ok(Term::atom(c.shared.atoms.intern("error"))),
        }
    });
    r.add(m, "size", 1, map_size);
    r.add("erlang", "map_size", 1, map_size);
    r.add(m, "new", 0, |c, _| Ok(map::new_map(c.heap)));
    r.add(m, "keys", 1, |c, a| {
        check_map(c, a[0])?;
        let ks: Vec<Term> = map::to_pairs(a[0]).into_iter().map(|p| p.0).collect();
        Ok(c.heap.list(&ks))
    });
    r.add(m, "values", 1, |c, a| {
        check_map(c, a[0])?;
        let vs: Vec<Term> = map::to_pairs(a[0]).into_iter().map(|p| p.1).collect();
        Ok(c.heap.list(&vs))
    });
    r.add(m, "to_list", 1, |c, a| {
        check_map(c, a[0])?;
        let pairs = map::to_pairs(a[0]);
        c.charge(pairs.len() / 16);
        let ts: Vec<Term> = pairs.iter().map(|&(k, v)| c.heap.tuple(&[k, v])).collect();
        Ok(c.heap.list(&ts))
    });
    r.add("krarup_maps", "iteration_list", 1, |c, a| {
        check_map(c, a[0])?;
        let pairs = map::iter_pairs(a[0]);
        c.charge(pairs.len() / 16);
        let ts: Vec<Term> = pairs.iter().map(|&(k, v)| c.heap.tuple(&[k, v])).collect();
        Ok(c.heap.list(&ts))
    });
    r.add(m, "from_list", 1, |c, a| {
        let elems = list_arg(c, a[0])?;
        let mut pairs = Vec::with_capacity(elems.len());
        for e in elems {
            match e.as_tuple_n() {
                Some([k, v]) => pairs.push((k, v)),
                _ => return Err(Exception::badarg()),
            }
        }
        Ok(map::from_pairs(c.heap, &pairs, &c.shared.atoms))
    });
    r.add(m, "merge", 2, |c, a| {
        check_map(c, a[0])?;
        check_map(c, a[1])?;
        let (n1, n2) = (map::size(a[0]), map::size(a[1]));
        c.charge((n1 + n2) / 16);
        if n1 + n2 <= map::FLATMAP_MAX {
            let mut pairs = map::to_pairs(a[0]);
            pairs.extend(map::to_pairs(a[1]));
            return Ok(map::from_pairs(c.heap, &pairs, &c.shared.atoms));
        }
        let mut out = a[0];
        for (k, v) in map::raw_pairs(a[1]) {
            out = map::put(c.heap, out, k, v, &c.shared.atoms);
        }
        Ok(out)
    });
}

/// `{badmap, M}` unless `m` is a map.
fn check_map(c: &mut NativeCtx<'_>, m: Term) -> Result<(), Exception> {
    if m.is_map() {
        Ok(())
    } else {
        Err(error_tuple(c, Term::atom(atom::BADMAP), m))
    }
}

fn get(c: &mut NativeCtx<'_>, key: Term, m: Term) -> NativeResult {
    check_map(c, m)?;
    match map::get(m, key) {
        Some(v) => Ok(v),
        None => Err(error_tuple(c, Term::atom(atom::BADKEY), key)),
    }
}

fn map_size(c: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    check_map(c, a[0])?;
    Ok(Term::small(map::size(a[0]) as i64))
}

#[cfg(test)]
mod tests {
    use crate::bif::test_support::Env;
    use crate::term::Term;

    #[test]
    fn maps_natives() {
        let mut env = Env::new();
        let k = env.atom("k");
        let m0 = env.call("maps", "new", &[]).unwrap();
        let e = env.call("maps", "get", &[k, m0]).unwrap_err();
        assert_eq!(env.show(e), "{badkey,k}");
        let nm = env.atom("notamap");
        let e = env.call("maps", "get", &[k, nm]).unwrap_err();
        assert_eq!(env.show(e), "{badmap,notamap}");
        let m1 = env.call("maps", "put", &[k, Term::small(1), m0]).unwrap();
        let b = env.atom("b");
        let m2 = env.call("maps", "put", &[b, Term::small(2), m1]).unwrap();
        assert_eq!(env.show(m2), "#{b => 2,k => 1}");
        let r = env.call("maps", "find", &[b, m2]).unwrap();
        assert_eq!(env.show(r), "{ok,2}");
        let r = env.call("maps", "take", &[b, m2]).unwrap();
        assert_eq!(env.show(r), "{2,#{k => 1}}");
        let l = env.call("maps", "to_list", &[m2]).unwrap();
        assert_eq!(env.show(l), "[{b,2},{k,1}]");
        let back = env.call("maps", "from_list", &[l]).unwrap();
        assert_eq!(env.show(back), "#{b => 2,k => 1}");
        let m3 = env.call("maps", "put", &[b, Term::small(9), m0]).unwrap();
        let merged = env.call("maps", "merge", &[m2, m3]).unwrap();
        assert_eq!(env.show(merged), "#{b => 9,k => 1}");
        let e = env
            .call("maps", "update", &[nm, Term::small(1), m2])
            .unwrap_err();
        assert_eq!(env.show(e), "{badkey,notamap}");
        let r = env.call("erlang", "map_size", &[m2]).unwrap();
        assert_eq!(r, Term::small(2));
    }
}
