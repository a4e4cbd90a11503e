//! The `ets` builtins that walk a table: `first/1`, `next/2`, `last/1`, `prev/2`, `tab2list/1`,
//! and the match-specification family `match/1,2,3`, `match_object/1,2,3`, `match_delete/2`,
//! `select/1,2,3`, `select_reverse/1,2,3`, `select_count/2`, `select_delete/2`,
//! `select_replace/2`, `test_ms/2`. `set`/`bag` tables are walked in key-hash order,
//! `ordered_set` in term order. A continuation (`select/3`, `match/3`) is
//! `{'$krarup_cont', Tab, LastKey, Spec, Limit, Reverse}`; the walk goes on after `LastKey`, so
//! objects inserted or deleted meanwhile are seen or not, but none twice.

use super::bifs::{put, set_only, table};
use super::ms::{Env, MatchSpec};
use super::store::{key_hash, key_of};
use super::{Data, Kind, Table};
use crate::atom;
use crate::bif::{badarg, Reg};
use crate::copy::{copy_term, StoredTerm};
use crate::native::{NativeCtx, NativeResult};
use crate::ops::compare::exact_eq;
use crate::term::Term;

pub(crate) fn register(r: &mut Reg<'_>) {
    let e = "ets";
    r.add(e, "first", 1, |c, a| first_last(c, a, false));
    r.add(e, "last", 1, |c, a| first_last(c, a, true));
    r.add(e, "next", 2, |c, a| next_prev(c, a, false));
    r.add(e, "prev", 2, |c, a| next_prev(c, a, true));
    r.add(e, "tab2list", 1, tab2list);
    r.add(e, "select", 2, |c, a| select_all(c, a[0], a[1], false));
    r.add(e, "select_reverse", 2, |c, a| {
        select_all(c, a[0], a[1], true)
    });
    r.add(e, "select", 3, |c, a| {
        select_limit(c, a[0], a[1], a[2], false)
    });
    r.add(e, "select_reverse", 3, |c, a| {
        select_limit(c, a[0], a[1], a[2], true)
    });
    r.add(e, "select", 1, select_cont);
    r.add(e, "select_reverse", 1, select_cont);
    r.add(e, "match", 1, select_cont);
    r.add(e, "match_object", 1, select_cont);
    r.add(e, "match", 2, |c, a| {
        let ms = pattern_spec(c, a[1], "$$");
        select_all(c, a[0], ms, false)
    });
    r.add(e, "match_object", 2, |c, a| {
        let ms = pattern_spec(c, a[1], "$_");
        select_all(c, a[0], ms, false)
    });
    r.add(e, "match", 3, |c, a| {
        let ms = pattern_spec(c, a[1], "$$");
        select_limit(c, a[0], ms, a[2], false)
    });
    r.add(e, "match_object", 3, |c, a| {
        let ms = pattern_spec(c, a[1], "$_");
        select_limit(c, a[0], ms, a[2], false)
    });
    r.add(e, "select_count", 2, |c, a| {
        count_or_delete(c, a[0], a[1], false)
    });
    r.add(e, "select_delete", 2, |c, a| {
        count_or_delete(c, a[0], a[1], true)
    });
    r.add(e, "match_delete", 2, |c, a| {
        let t = Term::atom(atom::TRUE);
        let body = c.heap.list(&[t]);
        let clause = c.heap.tuple(&[a[1], Term::NIL, body]);
        let ms = c.heap.list(&[clause]);
        count_or_delete(c, a[0], ms, true)?;
        Ok(t)
    });
    r.add(e, "select_replace", 2, select_replace);
    r.add(e, "test_ms", 2, test_ms);
}

/// `[{Pattern, [], [Result]}]` for `match` (`'$$'`) and `match_object` (`'$_'`).
fn pattern_spec(ctx: &mut NativeCtx<'_>, pattern: Term, result: &str) -> Term {
    let r = Term::atom(ctx.shared.atoms.intern(result));
    let body = ctx.heap.list(&[r]);
    let clause = ctx.heap.tuple(&[pattern, Term::NIL, body]);
    ctx.heap.list(&[clause])
}

fn end_of_table(ctx: &NativeCtx<'_>) -> Term {
    Term::atom(ctx.shared.atoms.intern("$end_of_table"))
}

/// `first/1` and (`last`) `last/1`.
fn first_last(ctx: &mut NativeCtx<'_>, a: &[Term], last: bool) -> NativeResult {
    let t = table(ctx, a[0], false)?;
    let data = t.read();
    let k = match &*data {
        Data::Ordered(o) if last => o.last(t.keypos),
        Data::Ordered(o) => o.first(t.keypos),
        Data::Hash(h) => h.first(t.keypos),
    };
    Ok(match k {
        Some(k) => copy_term(ctx.heap, k),
        None => end_of_table(ctx),
    })
}

/// `next/2` and (`prev`) `prev/2`.
fn next_prev(ctx: &mut NativeCtx<'_>, a: &[Term], prev: bool) -> NativeResult {
    let t = table(ctx, a[0], false)?;
    let data = t.read();
    let atoms = &ctx.shared.atoms;
    let k = match &*data {
        Data::Ordered(o) if prev => o.prev(a[1], t.keypos, atoms),
        Data::Ordered(o) => o.next(a[1], t.keypos, atoms),
        Data::Hash(h) => {
            let hash = key_hash(a[1], atoms);
            // OTP raises badarg for a key that is not in an unfixed hash table.
            if h.get(a[1], hash, t.keypos).is_empty() {
                return badarg();
            }
            h.next(a[1], hash, t.keypos)
        }
    };
    Ok(match k {
        Some(k) => copy_term(ctx.heap, k),
        None => end_of_table(ctx),
    })
}

/// `tab2list/1`.
fn tab2list(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], false)?;
    let data = t.read();
    let mut out = Vec::with_capacity(data.len());
    match &*data {
        Data::Ordered(o) => out.extend(o.iter().map(|s| copy_term(ctx.heap, s.term()))),
        Data::Hash(h) => {
            for slot in h.slots() {
                out.extend(slot.iter().map(|s| copy_term(ctx.heap, s.term())));
            }
        }
    }
    ctx.charge(out.len() / 4);
    Ok(ctx.heap.list(&out))
}

/// Results of one walk: the results, the last key visited and whether the table was exhausted.
struct Walk {
    results: Vec<Term>,
    last_key: Option<Term>,
    done: bool,
}

/// Runs `ms` over `t`'s objects after `after` (in reverse for `reverse` on an ordered_set) and
/// collects copies of the results, stopping at a key boundary once `limit` results are in.
fn walk(
    ctx: &mut NativeCtx<'_>,
    t: &Table,
    ms: &MatchSpec,
    after: Option<Term>,
    limit: usize,
    reverse: bool,
) -> Walk {
    let data = t.read();
    let atoms = &ctx.shared.atoms;
    let mut env = Env {
        heap: &mut *ctx.heap,
        atoms,
        self_pid: ctx.self_pid,
    };
    let mut results = Vec::new();
    let mut visited = 0usize;
    let mut last_key = None;
    let mut done = true;
    let keypos = t.keypos;
    // A spec whose heads fix the key needs only that key's objects.
    if let Some(k) = ms.bound_key(keypos) {
        if after.is_none() {
            let objs: Vec<&StoredTerm> = match &*data {
                Data::Ordered(o) => o.get(k, keypos, atoms).into_iter().collect(),
                Data::Hash(h) => h.get(k, key_hash(k, atoms), keypos).iter().collect(),
            };
            for s in objs {
                if let Some(r) = ms.run(&mut env, s.term()) {
                    results.push(copy_term(env.heap, r));
                }
            }
        }
        return Walk {
            results,
            last_key: None,
            done: true,
        };
    }
    let mut visit = |s: &StoredTerm, env: &mut Env<'_>, results: &mut Vec<Term>| {
        visited += 1;
        if let Some(r) = ms.run(env, s.term()) {
            results.push(copy_term(env.heap, r));
        }
    };
    match &*data {
        Data::Ordered(o) => {
            let iter = if reverse {
                o.iter_rev_from(after, keypos, atoms)
            } else {
                o.iter_from(after, keypos, atoms)
            };
            for s in iter {
                if results.len() >= limit {
                    done = false;
                    break;
                }
                visit(s, &mut env, &mut results);
                last_key = Some(key_of(s.term(), keypos));
            }
        }
        Data::Hash(h) => {
            let from = after.map(|k| (k, key_hash(k, atoms)));
            for slot in h.slots_from(from, keypos) {
                if results.len() >= limit {
                    done = false;
                    break;
                }
                for s in slot {
                    visit(s, &mut env, &mut results);
                }
                last_key = Some(key_of(slot[0].term(), keypos));
            }
        }
    }
    // The key is kept in the continuation, so it must live on the caller's heap.
    let last_key = last_key.map(|k| copy_term(env.heap, k));
    ctx.charge(visited / 8);
    Walk {
        results,
        last_key,
        done,
    }
}

fn compile(ctx: &NativeCtx<'_>, spec: Term) -> Result<MatchSpec, crate::native::Exception> {
    match MatchSpec::compile(spec, &ctx.shared.atoms) {
        Some(ms) => Ok(ms),
        None => badarg(),
    }
}

/// `select/2`, `select_reverse/2`, `match/2`, `match_object/2`.
fn select_all(ctx: &mut NativeCtx<'_>, tab: Term, spec: Term, reverse: bool) -> NativeResult {
    let t = table(ctx, tab, false)?;
    let ms = compile(ctx, spec)?;
    let reverse = reverse && t.kind == Kind::OrderedSet;
    let w = walk(ctx, &t, &ms, None, usize::MAX, reverse);
    // select/2 on an ordered_set lists in key order; a reverse walk collects in reverse.
    Ok(ctx.heap.list(&w.results))
}

/// `select/3`, `select_reverse/3`, `match/3`, `match_object/3`.
fn select_limit(
    ctx: &mut NativeCtx<'_>,
    tab: Term,
    spec: Term,
    limit: Term,
    reverse: bool,
) -> NativeResult {
    let Some(n) = limit.as_small().filter(|&n| n >= 1) else {
        return badarg();
    };
    let t = table(ctx, tab, false)?;
    let ms = compile(ctx, spec)?;
    chunk(ctx, &t, tab, spec, &ms, None, n as usize, reverse)
}

#[allow(clippy::too_many_arguments)]
fn chunk(
    ctx: &mut NativeCtx<'_>,
    t: &Table,
    tab: Term,
    spec: Term,
    ms: &MatchSpec,
    after: Option<Term>,
    limit: usize,
    reverse: bool,
) -> NativeResult {
    let reverse = reverse && t.kind == Kind::OrderedSet;
    let w = walk(ctx, t, ms, after, limit, reverse);
    if w.results.is_empty() {
        return Ok(end_of_table(ctx));
    }
    let list = ctx.heap.list(&w.results);
    let cont = match (w.done, w.last_key) {
        (false, Some(k)) => {
            let tag = Term::atom(ctx.shared.atoms.intern("$krarup_cont"));
            ctx.heap.tuple(&[
                tag,
                tab,
                k,
                spec,
                Term::small(limit as i64),
                Term::bool(reverse),
            ])
        }
        _ => end_of_table(ctx),
    };
    Ok(ctx.heap.tuple(&[list, cont]))
}

/// `select/1` and friends: the next chunk of a continuation.
fn select_cont(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    if a[0] == end_of_table(ctx) {
        return Ok(a[0]);
    }
    let Some([tag, tab, key, spec, limit, reverse]) = a[0].as_tuple_n::<6>() else {
        return badarg();
    };
    if tag != Term::atom(ctx.shared.atoms.intern("$krarup_cont")) {
        return badarg();
    }
    let t = table(ctx, tab, false)?;
    let ms = compile(ctx, spec)?;
    let limit = limit.as_small().unwrap_or(1).max(1) as usize;
    chunk(
        ctx,
        &t,
        tab,
        spec,
        &ms,
        Some(key),
        limit,
        reverse == Term::atom(atom::TRUE),
    )
}

/// `select_count/2` and (`delete`) `select_delete/2`: the number of objects for which the spec
/// gives `true` (and removes them).
fn count_or_delete(ctx: &mut NativeCtx<'_>, tab: Term, spec: Term, delete: bool) -> NativeResult {
    let t = table(ctx, tab, delete)?;
    let ms = compile(ctx, spec)?;
    let atoms = &ctx.shared.atoms;
    let mut env = Env {
        heap: &mut *ctx.heap,
        atoms,
        self_pid: ctx.self_pid,
    };
    let yes = Term::atom(atom::TRUE);
    let mut hit = |s: &StoredTerm| ms.run(&mut env, s.term()) == Some(yes);
    let n = if delete {
        let mut data = t.write();
        match &mut *data {
            Data::Ordered(o) => o.retain(|s| !hit(s), t.keypos),
            Data::Hash(h) => h.retain(|s| !hit(s), t.keypos),
        }
    } else {
        let data = t.read();
        match &*data {
            Data::Ordered(o) => o.iter().filter(|s| hit(s)).count(),
            Data::Hash(h) => h.slots().flatten().filter(|s| hit(s)).count(),
        }
    };
    Ok(Term::small(n as i64))
}

/// `select_replace/2`: each object for which the spec gives an object with the same key is
/// replaced by it; returns how many were. A result with another key (or not an object) is
/// `badarg` and nothing is replaced. A bag is `badarg` with cause `table_type`, as OTP 25.
fn select_replace(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    set_only(ctx, &t)?;
    let ms = compile(ctx, a[1])?;
    let keypos = t.keypos;
    let mut data = t.write();
    let mut new_objects = Vec::new();
    let mut bad = false;
    {
        let atoms = &ctx.shared.atoms;
        let mut env = Env {
            heap: &mut *ctx.heap,
            atoms,
            self_pid: ctx.self_pid,
        };
        let mut visit = |s: &StoredTerm| {
            let Some(r) = ms.run(&mut env, s.term()) else {
                return;
            };
            let same_key = r.as_tuple().is_some_and(|e| e.len() >= keypos)
                && exact_eq(key_of(r, keypos), key_of(s.term(), keypos));
            if !same_key {
                bad = true;
            } else {
                new_objects.push(StoredTerm::new(r));
            }
        };
        match &*data {
            Data::Ordered(o) => o.iter().for_each(&mut visit),
            Data::Hash(h) => h.slots().flatten().for_each(&mut visit),
        }
    }
    if bad {
        return badarg();
    }
    let n = new_objects.len();
    for s in new_objects {
        put(&t, &mut data, s, ctx);
    }
    Ok(Term::small(n as i64))
}

/// `ets:test_ms(Tuple, MatchSpec)`: `{ok, Result}` (`false` when no clause matches).
fn test_ms(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let ms = compile(ctx, a[1])?;
    let atoms = &ctx.shared.atoms;
    let mut env = Env {
        heap: &mut *ctx.heap,
        atoms,
        self_pid: ctx.self_pid,
    };
    let r = ms.run(&mut env, a[0]).unwrap_or(Term::atom(atom::FALSE));
    let ok = Term::atom(atom::OK);
    Ok(ctx.heap.tuple(&[ok, r]))
}
