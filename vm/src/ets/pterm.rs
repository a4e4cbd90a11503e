//! `persistent_term`, `atomics` and `counters` (OTP 25's modules of the same names).
//!
//! A persistent term is stored once outside every heap (`StoredTerm`) and `get/1` returns it
//! without copying: the collector follows only pointers into the heap it collects, so a process
//! may point at a stored term as it points at a module's literals. A value that is replaced or
//! erased may still be referenced by a process, so it is retired (kept until the runtime ends)
//! rather than freed — where OTP instead copies it into every process that uses it during a
//! global collection. Atomics and counters arrays are shared `AtomicU64` arrays, reached through
//! the id of the reference `new/2` returns; like the stored terms they live until the runtime
//! ends (OTP frees them when the last reference is collected).

use super::store::{key_eq, key_hash, PassBuild};
use crate::atom;
use crate::bif::{badarg, Reg};
use crate::copy::StoredTerm;
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::compare::exact_eq;
use crate::term::Term;
use num_bigint::BigInt;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// A persistent term's key and value.
type Pair = (Arc<StoredTerm>, Arc<StoredTerm>);

/// The persistent terms of one runtime and the atomics/counters arrays.
#[derive(Default)]
pub struct PersistentTerms {
    /// By key hash: `(key, value)` pairs.
    map: RwLock<HashMap<u64, Vec<Pair>, PassBuild>>,
    /// Values replaced or erased, kept while a process may still point at them.
    retired: Mutex<Vec<Arc<StoredTerm>>>,
    arrays: RwLock<HashMap<u64, Arc<Array>>>,
}

/// An `atomics` or `counters` array.
pub struct Array {
    cells: Box<[AtomicU64]>,
    signed: bool,
}

pub(crate) fn register(r: &mut Reg<'_>) {
    let p = "persistent_term";
    r.add(p, "put", 2, put);
    r.add(p, "get", 1, |c, a| get(c, a[0], None));
    r.add(p, "get", 2, |c, a| get(c, a[0], Some(a[1])));
    r.add(p, "get", 0, get_all);
    r.add(p, "erase", 1, erase);
    r.add(p, "info", 0, info);
    let a = "atomics";
    r.add(a, "new", 2, |c, a| new_array(c, a, true));
    r.add(a, "put", 3, |c, a| update(c, a, Op::Put, false));
    r.add(a, "get", 2, get_cell);
    r.add(a, "add", 3, |c, a| update(c, a, Op::Add, false));
    r.add(a, "add_get", 3, |c, a| update(c, a, Op::Add, true));
    r.add(a, "sub", 3, |c, a| update(c, a, Op::Sub, false));
    r.add(a, "sub_get", 3, |c, a| update(c, a, Op::Sub, true));
    r.add(a, "exchange", 3, |c, a| update(c, a, Op::Exchange, true));
    r.add(a, "compare_exchange", 4, compare_exchange);
    r.add(a, "info", 1, array_info);
    let k = "counters";
    r.add(k, "new", 2, |c, a| new_array(c, a, false));
    r.add(k, "add", 3, |c, a| update(c, a, Op::Add, false));
    r.add(k, "sub", 3, |c, a| update(c, a, Op::Sub, false));
    r.add(k, "put", 3, |c, a| update(c, a, Op::Put, false));
    r.add(k, "get", 2, get_cell);
    r.add(k, "info", 1, array_info);
}

fn terms<'a>(ctx: &NativeCtx<'a>) -> &'a PersistentTerms {
    &ctx.shared.ets.pterms
}

/// `persistent_term:put(Key, Value)`.
fn put(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let pt = terms(ctx);
    let hash = key_hash(a[0], &ctx.shared.atoms);
    let value = Arc::new(StoredTerm::new(a[1]));
    let mut map = pt.map.write().unwrap_or_else(|e| e.into_inner());
    let bucket = map.entry(hash).or_default();
    match bucket.iter_mut().find(|(k, _)| exact_eq(k.term(), a[0])) {
        Some((_, v)) => {
            // Storing an equal value changes nothing (as in OTP, which then skips the global GC).
            if !exact_eq(v.term(), a[1]) {
                let old = std::mem::replace(v, value);
                pt.retired
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(old);
            }
        }
        None => bucket.push((Arc::new(StoredTerm::new(a[0])), value)),
    }
    Ok(Term::atom(atom::OK))
}

/// `persistent_term:get/1,2`: the stored term itself, not a copy.
fn get(ctx: &mut NativeCtx<'_>, key: Term, default: Option<Term>) -> NativeResult {
    let pt = terms(ctx);
    let hash = key_hash(key, &ctx.shared.atoms);
    let map = pt.map.read().unwrap_or_else(|e| e.into_inner());
    let found = map
        .get(&hash)
        .and_then(|b| b.iter().find(|(k, _)| key_eq(k.term(), key)))
        .map(|(_, v)| v.term());
    match (found, default) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => badarg(),
    }
}

/// `persistent_term:get/0`: every `{Key, Value}`.
fn get_all(ctx: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    let pairs: Vec<(Term, Term)> = {
        let map = terms(ctx).map.read().unwrap_or_else(|e| e.into_inner());
        map.values()
            .flatten()
            .map(|(k, v)| (k.term(), v.term()))
            .collect()
    };
    let items: Vec<Term> = pairs
        .into_iter()
        .map(|(k, v)| ctx.heap.tuple(&[k, v]))
        .collect();
    Ok(ctx.heap.list(&items))
}

/// `persistent_term:erase(Key)`.
fn erase(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let pt = terms(ctx);
    let hash = key_hash(a[0], &ctx.shared.atoms);
    let mut map = pt.map.write().unwrap_or_else(|e| e.into_inner());
    let Some(bucket) = map.get_mut(&hash) else {
        return Ok(Term::atom(atom::FALSE));
    };
    let Some(i) = bucket.iter().position(|(k, _)| exact_eq(k.term(), a[0])) else {
        return Ok(Term::atom(atom::FALSE));
    };
    let (k, v) = bucket.remove(i);
    if bucket.is_empty() {
        map.remove(&hash);
    }
    let mut retired = pt.retired.lock().unwrap_or_else(|e| e.into_inner());
    retired.push(k);
    retired.push(v);
    Ok(Term::atom(atom::TRUE))
}

/// `persistent_term:info()`: `#{count => N, memory => Bytes}`.
fn info(ctx: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    let (count, words) = {
        let map = terms(ctx).map.read().unwrap_or_else(|e| e.into_inner());
        map.values()
            .flatten()
            .fold((0usize, 0usize), |(n, w), (k, v)| {
                (n + 1, w + k.words() + v.words() + 4)
            })
    };
    let atoms = &ctx.shared.atoms;
    let pairs = [
        (Term::atom(atoms.intern("count")), Term::small(count as i64)),
        (
            Term::atom(atoms.intern("memory")),
            Term::small((words * 8) as i64),
        ),
    ];
    Ok(crate::ops::map::from_pairs(ctx.heap, &pairs, atoms))
}

/// `atomics:new/2` (`atomics`) and `counters:new/2`.
fn new_array(ctx: &mut NativeCtx<'_>, a: &[Term], atomics: bool) -> NativeResult {
    let Some(n) = a[0].as_small().filter(|n| (1..(1 << 32)).contains(n)) else {
        return badarg();
    };
    let Some(opts) = crate::ops::list_to_vec(a[1]) else {
        return badarg();
    };
    let atoms = &ctx.shared.atoms;
    let mut signed = true;
    let mut write_concurrency = false;
    for o in opts {
        if atomics {
            match o.as_tuple_n::<2>() {
                Some([k, v]) if k == Term::atom(atoms.intern("signed")) => match v.as_atom() {
                    Some(atom::TRUE) => signed = true,
                    Some(atom::FALSE) => signed = false,
                    _ => return badarg(),
                },
                _ => return crate::ets::bifs::fail(ctx, "badopt"),
            }
        } else if o == Term::atom(atoms.intern("write_concurrency")) {
            write_concurrency = true;
        } else if o != Term::atom(atoms.intern("atomics")) {
            return crate::ets::bifs::fail(ctx, "badopt");
        }
    }
    let cells: Box<[AtomicU64]> = (0..n).map(|_| AtomicU64::new(0)).collect();
    let id = ctx.shared.next_unique();
    terms(ctx)
        .arrays
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .insert(id, Arc::new(Array { cells, signed }));
    let r = ctx.heap.reference(id);
    if atomics {
        Ok(r)
    } else {
        let tag = if write_concurrency {
            "write_concurrency"
        } else {
            "atomics"
        };
        let tag = Term::atom(ctx.shared.atoms.intern(tag));
        Ok(ctx.heap.tuple(&[tag, r]))
    }
}

/// The array a reference (atomics) or `{Tag, Ref}` (counters) names.
fn array(ctx: &NativeCtx<'_>, r: Term) -> Result<Arc<Array>, Exception> {
    let r = match r.as_tuple_n::<2>() {
        Some([_, r]) => r,
        None => r,
    };
    let Some(id) = crate::signal::ref_id(r) else {
        return badarg();
    };
    match terms(ctx)
        .arrays
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id)
    {
        Some(a) => Ok(a.clone()),
        None => badarg(),
    }
}

fn cell(arr: &Array, ix: Term) -> Result<&AtomicU64, Exception> {
    match ix.as_small() {
        Some(i) if i >= 1 && (i as usize) <= arr.cells.len() => Ok(&arr.cells[i as usize - 1]),
        _ => badarg(),
    }
}

/// A value argument as the cell's bits: within the signed or unsigned 64-bit range
/// (`wrapping`: any 64-bit value, signed or not, as `add`'s increment may be).
fn value_bits(t: Term, signed: bool, wrapping: bool) -> Result<u64, Exception> {
    let Some(n) = crate::ops::arith::to_bigint(t) else {
        return badarg();
    };
    if let Ok(v) = i64::try_from(&n) {
        if signed || wrapping || v >= 0 {
            return Ok(v as u64);
        }
    }
    if !signed || wrapping {
        if let Ok(v) = u64::try_from(&n) {
            return Ok(v);
        }
    }
    badarg()
}

fn value_term(ctx: &mut NativeCtx<'_>, bits: u64, signed: bool) -> Term {
    if signed || bits <= i64::MAX as u64 {
        ctx.heap.int(bits as i64)
    } else {
        ctx.heap.bigint(&BigInt::from(bits))
    }
}

#[derive(Copy, Clone)]
enum Op {
    Put,
    Add,
    Sub,
    Exchange,
}

/// `put/3`, `add/3`, `sub/3` (returning `ok`), `add_get/3`, `sub_get/3`, `exchange/3`.
fn update(ctx: &mut NativeCtx<'_>, a: &[Term], op: Op, get: bool) -> NativeResult {
    let arr = array(ctx, a[0])?;
    let c = cell(&arr, a[1])?;
    let wrapping = matches!(op, Op::Add | Op::Sub);
    let v = value_bits(a[2], arr.signed, wrapping)?;
    let result = match op {
        Op::Put => {
            c.store(v, Ordering::SeqCst);
            v
        }
        Op::Add => c.fetch_add(v, Ordering::SeqCst).wrapping_add(v),
        Op::Sub => c.fetch_sub(v, Ordering::SeqCst).wrapping_sub(v),
        Op::Exchange => c.swap(v, Ordering::SeqCst),
    };
    if get {
        Ok(value_term(ctx, result, arr.signed))
    } else {
        Ok(Term::atom(atom::OK))
    }
}

/// `get/2`.
fn get_cell(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let arr = array(ctx, a[0])?;
    let v = cell(&arr, a[1])?.load(Ordering::SeqCst);
    Ok(value_term(ctx, v, arr.signed))
}

/// `atomics:compare_exchange/4`: `ok`, or the value found instead of `Expected`.
fn compare_exchange(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let arr = array(ctx, a[0])?;
    let c = cell(&arr, a[1])?;
    let expected = value_bits(a[2], arr.signed, false)?;
    let desired = value_bits(a[3], arr.signed, false)?;
    match c.compare_exchange(expected, desired, Ordering::SeqCst, Ordering::SeqCst) {
        Ok(_) => Ok(Term::atom(atom::OK)),
        Err(found) => Ok(value_term(ctx, found, arr.signed)),
    }
}

/// `atomics:info/1` and `counters:info/1`.
fn array_info(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let arr = array(ctx, a[0])?;
    let n = arr.cells.len();
    let atoms = &ctx.shared.atoms;
    let size = (Term::atom(atoms.intern("size")), Term::small(n as i64));
    let memory = (
        Term::atom(atoms.intern("memory")),
        Term::small((n * 8 + 40) as i64),
    );
    let mut pairs = vec![size, memory];
    {
        let (max, min) = if arr.signed {
            (ctx.heap.int(i64::MAX), ctx.heap.int(i64::MIN))
        } else {
            (ctx.heap.bigint(&BigInt::from(u64::MAX)), Term::small(0))
        };
        pairs.push((Term::atom(atoms.intern("max")), max));
        pairs.push((Term::atom(atoms.intern("min")), min));
    }
    Ok(crate::ops::map::from_pairs(ctx.heap, &pairs, atoms))
}
