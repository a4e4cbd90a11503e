//! The `ets` builtins that create, read and change tables by key (OTP 25's `ets` module):
//! `new/2`, `insert/2`, `insert_new/2`, `lookup/2`, `lookup_element/3`, `member/2`, `take/2`,
//! `delete/1,2`, `delete_object/2`, `delete_all_objects/1`, `update_counter/3,4`,
//! `update_element/3`, `info/1,2`, `rename/2`, `whereis/1`, `all/0`, `setopts/2`,
//! `safe_fixtable/2` and the owner change under `give_away/3` (whose message `stdlib/erl/ets.erl`
//! sends). Traversal and match specifications are `bifs_iter`. Every bad argument, missing table
//! or access right the caller lacks is `badarg`, as in OTP.

use super::store::{key_hash, key_of};
use super::{Access, Data, Kind, NewTable, Table};
use crate::atom::{self, AtomTable};
use crate::bif::{badarg, Reg};
use crate::copy::{copy_term, StoredTerm};
use crate::native::{Exception, NativeCtx, NativeResult};
use crate::ops::compare::exact_eq;
use crate::term::Term;
use krarup_bytecode::opcode::ArithOp;
use std::sync::Arc;

pub(crate) fn register(r: &mut Reg<'_>) {
    let e = "ets";
    r.add(e, "new", 2, new);
    r.add(e, "insert", 2, |c, a| insert(c, a, false));
    r.add(e, "insert_new", 2, |c, a| insert(c, a, true));
    r.add(e, "lookup", 2, lookup);
    r.add(e, "lookup_element", 3, lookup_element);
    r.add(e, "member", 2, member);
    r.add(e, "take", 2, take);
    r.add(e, "delete", 1, delete_table);
    r.add(e, "delete", 2, delete_key);
    r.add(e, "delete_object", 2, delete_object);
    r.add(e, "delete_all_objects", 1, delete_all_objects);
    r.add(e, "update_counter", 3, |c, a| {
        update_counter(c, a[0], a[1], a[2], None)
    });
    r.add(e, "update_counter", 4, |c, a| {
        update_counter(c, a[0], a[1], a[2], Some(a[3]))
    });
    r.add(e, "update_element", 3, update_element);
    r.add(e, "info", 1, info1);
    r.add(e, "info", 2, info2);
    r.add(e, "rename", 2, rename);
    r.add(e, "whereis", 1, whereis);
    r.add(e, "all", 0, all);
    r.add(e, "setopts", 2, setopts);
    r.add(e, "safe_fixtable", 2, safe_fixtable);
    r.add("krarup_ets", "give_away", 3, give_away);
}

/// The caller's pid number.
pub(crate) fn self_pid(ctx: &NativeCtx<'_>) -> u64 {
    ctx.self_pid.as_pid().unwrap_or(0)
}

/// `badarg` with OTP's error-info `cause` (`id`, `access`, `type`, `badkey`, `keypos`, ...).
pub(crate) fn fail<T>(ctx: &mut NativeCtx<'_>, cause: &str) -> Result<T, Exception> {
    ctx.error_cause = Some(ctx.shared.atoms.intern(cause));
    badarg()
}

/// `badarg` with cause `table_type` unless `t` is a `set` or `ordered_set` (the calls OTP 25
/// refuses on bags: `update_counter`, `select_replace`).
pub(crate) fn set_only(ctx: &mut NativeCtx<'_>, t: &Table) -> Result<(), Exception> {
    match t.kind {
        Kind::Set | Kind::OrderedSet => Ok(()),
        Kind::Bag | Kind::DuplicateBag => fail(ctx, "table_type"),
    }
}

/// The table `tab` names, which the caller may read (`write`: also change), or `badarg` with
/// cause `type` (not a name or table reference), `id` (no such table) or `access`.
pub(crate) fn table(
    ctx: &mut NativeCtx<'_>,
    tab: Term,
    write: bool,
) -> Result<Arc<Table>, Exception> {
    let Some(t) = ctx.shared.ets.resolve(tab) else {
        return fail(
            ctx,
            if tab.is_atom() || tab.is_reference() {
                "id"
            } else {
                "type"
            },
        );
    };
    let pid = self_pid(ctx);
    let ok = if write {
        t.may_write(pid)
    } else {
        t.may_read(pid)
    };
    if ok {
        Ok(t)
    } else {
        fail(ctx, "access")
    }
}

/// The identifier term of a table: its name if named, else its reference.
pub(crate) fn tid_term(ctx: &mut NativeCtx<'_>, t: &Table) -> Term {
    if t.named {
        Term::atom(t.name())
    } else {
        ctx.heap.reference(t.id)
    }
}

fn atom_named(ctx: &NativeCtx<'_>, t: Term, name: &str) -> bool {
    t.as_atom()
        .is_some_and(|a| ctx.shared.atoms.lookup(name) == Some(a))
}

fn bool_of(t: Term) -> Option<bool> {
    match t.as_atom() {
        Some(atom::TRUE) => Some(true),
        Some(atom::FALSE) => Some(false),
        _ => None,
    }
}

/// `ets:new(Name, Options)`.
fn new(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let Some(name) = a[0].as_atom() else {
        return badarg();
    };
    let Some(opts) = crate::ops::list_to_vec(a[1]) else {
        return badarg();
    };
    let mut spec = NewTable {
        name,
        named: false,
        kind: Kind::Set,
        access: Access::Protected,
        keypos: 1,
        heir: None,
        read_concurrency: false,
        write_concurrency: false,
        decentralized_counters: false,
    };
    for o in opts {
        if let Some(a) = o.as_atom() {
            let n = ctx.shared.atoms.name(a);
            match &*n {
                "set" => spec.kind = Kind::Set,
                "ordered_set" => spec.kind = Kind::OrderedSet,
                "bag" => spec.kind = Kind::Bag,
                "duplicate_bag" => spec.kind = Kind::DuplicateBag,
                "public" => spec.access = Access::Public,
                "protected" => spec.access = Access::Protected,
                "private" => spec.access = Access::Private,
                "named_table" => spec.named = true,
                "compressed" => {}
                _ => return badarg(),
            }
            continue;
        }
        let Some(t) = o.as_tuple() else {
            return badarg();
        };
        let tag = t
            .get(0)
            .and_then(|x| x.as_atom())
            .map(|x| ctx.shared.atoms.name(x));
        match (tag.as_deref(), t.len()) {
            (Some("keypos"), 2) => match t.at(1).as_small() {
                Some(n) if n >= 1 => spec.keypos = n as usize,
                _ => return badarg(),
            },
            (Some("heir"), 2) if atom_named(ctx, t.at(1), "none") => spec.heir = None,
            (Some("heir"), 3) => match t.at(1).as_pid() {
                Some(p) => spec.heir = Some((p, StoredTerm::new(t.at(2)))),
                None => return badarg(),
            },
            (Some("read_concurrency"), 2) => match bool_of(t.at(1)) {
                Some(b) => spec.read_concurrency = b,
                None => return badarg(),
            },
            (Some("write_concurrency"), 2) => match bool_of(t.at(1)) {
                Some(b) => spec.write_concurrency = b,
                None if atom_named(ctx, t.at(1), "auto") => spec.write_concurrency = true,
                None => return badarg(),
            },
            (Some("decentralized_counters"), 2) => match bool_of(t.at(1)) {
                Some(b) => spec.decentralized_counters = b,
                None => return badarg(),
            },
            _ => return badarg(),
        }
    }
    // OTP turns decentralized counters on with write_concurrency for ordered_set.
    if spec.kind == Kind::OrderedSet && spec.write_concurrency {
        spec.decentralized_counters = true;
    }
    let id = ctx.shared.next_unique();
    let named = spec.named;
    let owner = self_pid(ctx);
    match ctx.shared.ets.create(id, owner, spec) {
        Some(_) if named => Ok(Term::atom(name)),
        Some(_) => Ok(ctx.heap.reference(id)),
        None => fail(ctx, "already_exists"),
    }
}

/// Whether `o` is a tuple with at least `keypos` elements.
fn valid_object(o: Term, keypos: usize) -> bool {
    o.as_tuple().is_some_and(|t| t.len() >= keypos)
}

/// Puts one object into `data` (`Set`/`OrderedSet`: replaces; `Bag`: unless an equal object is
/// there; `DuplicateBag`: always).
pub(crate) fn put(t: &Table, data: &mut Data, obj: StoredTerm, ctx: &NativeCtx<'_>) {
    let atoms = &ctx.shared.atoms;
    match data {
        Data::Ordered(o) => {
            o.put(obj, t.keypos, atoms);
        }
        Data::Hash(h) => {
            let key = key_of(obj.term(), t.keypos);
            let hash = key_hash(key, atoms);
            h.put_with(key, hash, t.keypos, |slot| match t.kind {
                Kind::Set => {
                    let d = if slot.is_empty() { 1 } else { 0 };
                    slot.clear();
                    slot.push(obj);
                    d
                }
                Kind::Bag if slot.iter().any(|o| exact_eq(o.term(), obj.term())) => 0,
                _ => {
                    slot.push(obj);
                    1
                }
            });
        }
    }
}

/// Whether `data` holds an object with key `key`.
pub(crate) fn has_key(t: &Table, data: &Data, key: Term, ctx: &NativeCtx<'_>) -> bool {
    let atoms = &ctx.shared.atoms;
    match data {
        Data::Ordered(o) => o.get(key, t.keypos, atoms).is_some(),
        Data::Hash(h) => !h.get(key, key_hash(key, atoms), t.keypos).is_empty(),
    }
}

/// `ets:insert/2` and (`new_only`) `ets:insert_new/2`.
fn insert(ctx: &mut NativeCtx<'_>, a: &[Term], new_only: bool) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    if a[1].is_tuple() {
        // One object, the usual call: no vectors.
        let o = a[1];
        if !valid_object(o, t.keypos) {
            return badarg();
        }
        ctx.charge(1);
        let stored = StoredTerm::new(o);
        let mut data = t.write();
        if new_only && has_key(&t, &data, key_of(o, t.keypos), ctx) {
            return Ok(Term::atom(atom::FALSE));
        }
        put(&t, &mut data, stored, ctx);
        return Ok(Term::atom(atom::TRUE));
    }
    let Some(objs) = crate::ops::list_to_vec(a[1]) else {
        return badarg();
    };
    if !objs.iter().all(|&o| valid_object(o, t.keypos)) {
        return badarg();
    }
    ctx.charge(objs.len());
    // Copy outside the lock.
    let stored: Vec<StoredTerm> = objs.iter().map(|&o| StoredTerm::new(o)).collect();
    let mut data = t.write();
    if new_only
        && objs
            .iter()
            .any(|&o| has_key(&t, &data, key_of(o, t.keypos), ctx))
    {
        return Ok(Term::atom(atom::FALSE));
    }
    for s in stored {
        put(&t, &mut data, s, ctx);
    }
    Ok(Term::atom(atom::TRUE))
}

/// Copies the objects with key `key` onto the caller's heap, in table order.
fn objects_of(ctx: &mut NativeCtx<'_>, t: &Table, key: Term) -> Vec<Term> {
    let data = t.read();
    let atoms = &ctx.shared.atoms;
    match &*data {
        Data::Ordered(o) => match o.get(key, t.keypos, atoms) {
            Some(s) => vec![copy_term(ctx.heap, s.term())],
            None => Vec::new(),
        },
        Data::Hash(h) => {
            let hash = key_hash(key, atoms);
            let objs = h.get(key, hash, t.keypos);
            objs.iter().map(|s| copy_term(ctx.heap, s.term())).collect()
        }
    }
}

/// `ets:lookup/2`.
fn lookup(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], false)?;
    let key = a[1];
    let data = t.read();
    let atoms = &ctx.shared.atoms;
    // Consed straight onto the caller's heap, last object first: no vector.
    let (list, n) = match &*data {
        Data::Ordered(o) => match o.get(key, t.keypos, atoms) {
            Some(s) => {
                let obj = copy_term(ctx.heap, s.term());
                (ctx.heap.cons(obj, Term::NIL), 1)
            }
            None => (Term::NIL, 0),
        },
        Data::Hash(h) => {
            let objs = h.get(key, key_hash(key, atoms), t.keypos);
            let mut list = Term::NIL;
            for s in objs.iter().rev() {
                let obj = copy_term(ctx.heap, s.term());
                list = ctx.heap.cons(obj, list);
            }
            (list, objs.len())
        }
    };
    drop(data);
    ctx.charge(n);
    Ok(list)
}

/// `ets:lookup_element/3`.
fn lookup_element(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], false)?;
    let Some(pos) = a[2].as_small().filter(|&p| p >= 1) else {
        return badarg();
    };
    let pos = pos as usize - 1;
    let objs = objects_of(ctx, &t, a[1]);
    if objs.is_empty() {
        return fail(ctx, "badkey");
    }
    let mut elems = Vec::with_capacity(objs.len());
    for o in &objs {
        match o.as_tuple().and_then(|e| e.get(pos)) {
            Some(e) => elems.push(e),
            None => return badarg(),
        }
    }
    match t.kind {
        Kind::Set | Kind::OrderedSet => Ok(elems[0]),
        _ => Ok(ctx.heap.list(&elems)),
    }
}

/// `ets:member/2`.
fn member(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], false)?;
    let data = t.read();
    Ok(Term::bool(has_key(&t, &data, a[1], ctx)))
}

/// Removes the objects with key `key`; returns them.
fn remove_key(ctx: &NativeCtx<'_>, t: &Table, data: &mut Data, key: Term) -> Vec<StoredTerm> {
    let atoms = &ctx.shared.atoms;
    match data {
        Data::Ordered(o) => o.remove(key, t.keypos, atoms).into_iter().collect(),
        Data::Hash(h) => h.remove(key, key_hash(key, atoms), t.keypos),
    }
}

/// `ets:take/2`.
fn take(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    let removed = {
        let mut data = t.write();
        remove_key(ctx, &t, &mut data, a[1])
    };
    let objs: Vec<Term> = removed
        .iter()
        .map(|s| copy_term(ctx.heap, s.term()))
        .collect();
    Ok(ctx.heap.list(&objs))
}

/// `ets:delete/1`: only the owner may delete a table.
fn delete_table(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    ctx.shared.ets.delete(&t);
    Ok(Term::atom(atom::TRUE))
}

/// `ets:delete/2`.
fn delete_key(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    let removed = {
        let mut data = t.write();
        remove_key(ctx, &t, &mut data, a[1])
    };
    drop(removed);
    Ok(Term::atom(atom::TRUE))
}

/// `ets:delete_object/2`: removes the objects exactly equal to `Object`.
fn delete_object(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    let obj = a[1];
    if !valid_object(obj, t.keypos) {
        return badarg();
    }
    let key = key_of(obj, t.keypos);
    let atoms = &ctx.shared.atoms;
    let mut data = t.write();
    match &mut *data {
        Data::Ordered(o) => {
            if o.get(key, t.keypos, atoms)
                .is_some_and(|s| exact_eq(s.term(), obj))
            {
                o.remove(key, t.keypos, atoms);
            }
        }
        Data::Hash(h) => {
            let hash = key_hash(key, atoms);
            if !h.get(key, hash, t.keypos).is_empty() {
                let slot = h.slot_mut(key, hash, t.keypos);
                let before = slot.len();
                slot.retain(|s| !exact_eq(s.term(), obj));
                let removed = before - slot.len();
                h.tidy(hash, -(removed as isize), t.keypos);
            }
        }
    }
    Ok(Term::atom(atom::TRUE))
}

/// `ets:delete_all_objects/1`.
fn delete_all_objects(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    let old = std::mem::replace(
        &mut *t.write(),
        match t.kind {
            Kind::OrderedSet => Data::Ordered(Default::default()),
            _ => Data::Hash(Default::default()),
        },
    );
    drop(old);
    Ok(Term::atom(atom::TRUE))
}

/// One `{Pos, Incr}` / `{Pos, Incr, Threshold, SetValue}` of `update_counter`, as 0-based position.
struct CounterOp {
    pos: usize,
    incr: Term,
    threshold: Option<(Term, Term)>,
}

fn counter_op(t: Term, keypos: usize) -> Result<CounterOp, Exception> {
    if t.is_integer() {
        return Ok(CounterOp {
            pos: keypos, // the element after the key
            incr: t,
            threshold: None,
        });
    }
    let Some(e) = t.as_tuple() else {
        return badarg();
    };
    let pos = match e.get(0).and_then(|p| p.as_small()) {
        Some(p) if p >= 1 => p as usize - 1,
        _ => return badarg(),
    };
    let _ = keypos;
    match e.len() {
        2 if e.at(1).is_integer() => Ok(CounterOp {
            pos,
            incr: e.at(1),
            threshold: None,
        }),
        4 if e.at(1).is_integer() && e.at(2).is_integer() && e.at(3).is_integer() => {
            Ok(CounterOp {
                pos,
                incr: e.at(1),
                threshold: Some((e.at(2), e.at(3))),
            })
        }
        _ => badarg(),
    }
}

/// `ets:update_counter/3,4`.
fn update_counter(
    ctx: &mut NativeCtx<'_>,
    tab: Term,
    key: Term,
    op: Term,
    default: Option<Term>,
) -> NativeResult {
    let t = table(ctx, tab, true)?;
    set_only(ctx, &t)?;
    // One operation (the usual call) needs no vector.
    let many = op.is_list();
    let list: Vec<CounterOp>;
    let one: [CounterOp; 1];
    let ops: &[CounterOp] = if many {
        let Some(v) = crate::ops::list_to_vec(op) else {
            return badarg();
        };
        list = v
            .iter()
            .map(|&o| counter_op(o, t.keypos))
            .collect::<Result<_, _>>()?;
        &list
    } else {
        one = [counter_op(op, t.keypos)?];
        &one
    };

    if let Some(d) = default {
        if !valid_object(d, t.keypos) {
            return badarg();
        }
    }
    let atoms = &ctx.shared.atoms;
    let mut data = t.write();
    let current = match &*data {
        Data::Ordered(o) => o.get(key, t.keypos, atoms).map(|s| s.term()),
        Data::Hash(h) => h
            .get(key, key_hash(key, atoms), t.keypos)
            .first()
            .map(|s| s.term()),
    };
    let mut elems = match (current, default) {
        (Some(c), _) => c.as_tuple().map(|e| e.to_vec()).unwrap_or_default(),
        (None, Some(d)) => {
            let mut v = d.as_tuple().map(|e| e.to_vec()).unwrap_or_default();
            v[t.keypos - 1] = key;
            v
        }
        (None, None) => {
            drop(data);
            return fail(ctx, "badkey");
        }
    };
    if ops.iter().any(|o| o.pos == t.keypos - 1) {
        drop(data);
        return fail(ctx, "keypos");
    }
    let mut results = Vec::with_capacity(if many { ops.len() } else { 0 });
    let mut last = Term::NIL;
    for op in ops {
        let Some(&old) = elems.get(op.pos) else {
            drop(data);
            return fail(ctx, "position");
        };
        if !old.is_integer() {
            return badarg();
        }
        let mut new = crate::ops::arith::arith(ctx.heap, ArithOp::Add, old, op.incr)?;
        if let Some((threshold, set)) = op.threshold {
            let cmp = crate::ops::compare::compare(new, threshold, atoms);
            let up = crate::ops::compare::compare(op.incr, Term::small(0), atoms)
                != std::cmp::Ordering::Less;
            if (up && cmp == std::cmp::Ordering::Greater)
                || (!up && cmp == std::cmp::Ordering::Less)
            {
                new = set;
            }
        }
        elems[op.pos] = new;
        last = new;
        if many {
            results.push(new);
        }
    }
    if current.is_none() || !update_in_place(&t, &mut data, key, ops, &elems, atoms) {
        let obj = ctx.heap.tuple(&elems);
        put(&t, &mut data, StoredTerm::new(obj), ctx);
    }
    drop(data);
    if many {
        Ok(ctx.heap.list(&results))
    } else {
        Ok(last)
    }
}

/// Writes the counters' new values (`elems`, the updated object's fields) into the stored object
/// of `key` itself, as BEAM does, instead of storing a new copy; `false` (nothing written) when a
/// new value is not an immediate, so the caller stores a copy. The object exists: the caller
/// found it.
fn update_in_place(
    t: &Table,
    data: &mut Data,
    key: Term,
    ops: &[CounterOp],
    elems: &[Term],
    atoms: &AtomTable,
) -> bool {
    if ops.iter().any(|op| !elems[op.pos].is_immediate()) {
        return false;
    }
    let stored = match data {
        Data::Ordered(o) => o.get_mut(key, t.keypos, atoms),
        Data::Hash(h) => h.first_mut(key, key_hash(key, atoms)),
    };
    let Some(stored) = stored else {
        return false;
    };
    // Every field is checked before any is written, so a refusal leaves the object whole.
    let fits = stored
        .term()
        .as_tuple()
        .is_some_and(|f| ops.iter().all(|op| op.pos < f.len()));
    fits && ops
        .iter()
        .all(|op| stored.set_immediate_field(op.pos, elems[op.pos]))
}

/// `ets:update_element/3`.
fn update_element(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    if !matches!(t.kind, Kind::Set | Kind::OrderedSet) {
        return badarg();
    }
    let pairs = if a[2].is_list() {
        match crate::ops::list_to_vec(a[2]) {
            Some(v) => v,
            None => return badarg(),
        }
    } else {
        vec![a[2]]
    };
    let mut changes = Vec::with_capacity(pairs.len());
    for p in pairs {
        match p.as_tuple_n::<2>() {
            Some([pos, v]) => match pos.as_small() {
                Some(n) if n as usize == t.keypos => return fail(ctx, "keypos"),
                Some(n) if n >= 1 => changes.push((n as usize - 1, v)),
                _ => return badarg(),
            },
            None => return badarg(),
        }
    }
    let atoms = &ctx.shared.atoms;
    let mut data = t.write();
    let current = match &*data {
        Data::Ordered(o) => o.get(a[1], t.keypos, atoms).map(|s| s.term()),
        Data::Hash(h) => h
            .get(a[1], key_hash(a[1], atoms), t.keypos)
            .first()
            .map(|s| s.term()),
    };
    let Some(cur) = current else {
        return Ok(Term::atom(atom::FALSE));
    };
    let mut elems = cur.as_tuple().map(|e| e.to_vec()).unwrap_or_default();
    for (pos, v) in changes {
        match elems.get_mut(pos) {
            Some(slot) => *slot = v,
            None => return badarg(),
        }
    }
    let obj = ctx.heap.tuple(&elems);
    put(&t, &mut data, StoredTerm::new(obj), ctx);
    Ok(Term::atom(atom::TRUE))
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Set => "set",
        Kind::OrderedSet => "ordered_set",
        Kind::Bag => "bag",
        Kind::DuplicateBag => "duplicate_bag",
    }
}

fn access_name(a: Access) -> &'static str {
    match a {
        Access::Public => "public",
        Access::Protected => "protected",
        Access::Private => "private",
    }
}

/// The value of one `ets:info/2` item, `None` for an unknown item.
fn info_item(ctx: &mut NativeCtx<'_>, t: &Table, item: &str) -> Option<Term> {
    let atoms = &ctx.shared.atoms;
    let at = |s: &str| Term::atom(atoms.intern(s));
    Some(match item {
        "id" => ctx.heap.reference(t.id),
        "decentralized_counters" => Term::bool(t.decentralized_counters),
        "read_concurrency" => Term::bool(t.read_concurrency),
        "write_concurrency" => Term::bool(t.write_concurrency),
        "compressed" => Term::bool(false),
        "memory" => {
            let words = t.read().words() + 305;
            Term::small(words as i64)
        }
        "owner" => Term::pid(t.owner()),
        "heir" => match &*t.heir.lock().unwrap_or_else(|e| e.into_inner()) {
            Some((p, _)) => Term::pid(*p),
            None => at("none"),
        },
        "name" => Term::atom(t.name()),
        "size" => Term::small(t.read().len() as i64),
        "node" => at("nonode@nohost"),
        "named_table" => Term::bool(t.named),
        "type" => at(kind_name(t.kind)),
        "keypos" => Term::small(t.keypos as i64),
        "protection" => at(access_name(t.access)),
        "fixed" => Term::bool(!t.fixed.lock().unwrap_or_else(|e| e.into_inner()).is_empty()),
        "safe_fixed" | "safe_fixed_monotonic_time" => {
            let fixed = t.fixed.lock().unwrap_or_else(|e| e.into_inner()).clone();
            if fixed.is_empty() {
                Term::atom(atom::FALSE)
            } else {
                let now = ctx.shared.start.elapsed().as_micros() as i64;
                let mut list = Vec::new();
                for (pid, n) in fixed {
                    list.push(ctx.heap.tuple(&[Term::pid(pid), Term::small(n as i64)]));
                }
                let l = ctx.heap.list(&list);
                let when = ctx.heap.int(now);
                ctx.heap.tuple(&[when, l])
            }
        }
        "stats" => return None,
        _ => return None,
    })
}

const INFO_ITEMS: [&str; 15] = [
    "id",
    "decentralized_counters",
    "read_concurrency",
    "write_concurrency",
    "compressed",
    "memory",
    "owner",
    "heir",
    "name",
    "size",
    "node",
    "named_table",
    "type",
    "keypos",
    "protection",
];

/// `ets:info/1`: `undefined` for a table that does not exist.
fn info1(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    if !a[0].is_atom() && !a[0].is_reference() {
        return fail(ctx, "type");
    }
    let Some(t) = ctx.shared.ets.resolve(a[0]) else {
        return Ok(Term::atom(atom::UNDEFINED));
    };
    let mut items = Vec::with_capacity(INFO_ITEMS.len());
    for item in INFO_ITEMS {
        let v = info_item(ctx, &t, item).unwrap_or(Term::NIL);
        let k = Term::atom(ctx.shared.atoms.intern(item));
        items.push(ctx.heap.tuple(&[k, v]));
    }
    Ok(ctx.heap.list(&items))
}

/// `ets:info/2`.
fn info2(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    if !a[0].is_atom() && !a[0].is_reference() {
        return fail(ctx, "type");
    }
    let Some(item) = a[1].as_atom() else {
        return badarg();
    };
    let name = ctx.shared.atoms.name(item);
    let Some(t) = ctx.shared.ets.resolve(a[0]) else {
        return Ok(Term::atom(atom::UNDEFINED));
    };
    match info_item(ctx, &t, &name) {
        Some(v) => Ok(v),
        None => badarg(),
    }
}

/// `ets:rename/2`: only a named table can be renamed, by a process that may write it.
fn rename(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let Some(to) = a[1].as_atom() else {
        return badarg();
    };
    let t = table(ctx, a[0], true)?;
    if !ctx.shared.ets.rename(&t, to) {
        return badarg();
    }
    // An unnamed table keeps being known by its reference.
    Ok(tid_term(ctx, &t))
}

/// `ets:whereis/1`.
fn whereis(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let Some(name) = a[0].as_atom() else {
        return badarg();
    };
    match ctx.shared.ets.by_name(name) {
        Some(t) => Ok(ctx.heap.reference(t.id)),
        None => Ok(Term::atom(atom::UNDEFINED)),
    }
}

/// `ets:all/0`: tables in creation order.
fn all(ctx: &mut NativeCtx<'_>, _: &[Term]) -> NativeResult {
    let tables = ctx.shared.ets.all();
    let ids: Vec<Term> = tables.iter().map(|t| tid_term(ctx, t)).collect();
    Ok(ctx.heap.list(&ids))
}

/// `ets:setopts/2`: `{heir, Pid, Data}` and `{heir, none}`, by the owner only.
fn setopts(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], true)?;
    if t.owner() != self_pid(ctx) {
        return fail(ctx, "not_owner");
    }
    let opts = if a[1].is_tuple() {
        vec![a[1]]
    } else {
        match crate::ops::list_to_vec(a[1]) {
            Some(v) => v,
            None => return badarg(),
        }
    };
    let mut heir = Vec::new();
    for o in opts {
        let Some(e) = o.as_tuple() else {
            return badarg();
        };
        if !atom_named(ctx, e.get(0).unwrap_or(Term::NIL), "heir") {
            return badarg();
        }
        match e.len() {
            2 if atom_named(ctx, e.at(1), "none") => heir.push(None),
            3 => match e.at(1).as_pid() {
                Some(p) => heir.push(Some((p, Arc::new(StoredTerm::new(e.at(2)))))),
                None => return badarg(),
            },
            _ => return badarg(),
        }
    }
    for h in heir {
        *t.heir.lock().unwrap_or_else(|e| e.into_inner()) = h;
    }
    Ok(Term::atom(atom::TRUE))
}

/// `ets:safe_fixtable/2`: iteration here is always safe; the fixation is recorded for `info`.
fn safe_fixtable(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let t = table(ctx, a[0], false)?;
    let Some(on) = bool_of(a[1]) else {
        return badarg();
    };
    let pid = self_pid(ctx);
    let mut fixed = t.fixed.lock().unwrap_or_else(|e| e.into_inner());
    match fixed.iter().position(|(p, _)| *p == pid) {
        Some(i) if on => fixed[i].1 += 1,
        Some(i) => {
            fixed[i].1 -= 1;
            if fixed[i].1 == 0 {
                fixed.remove(i);
            }
        }
        None if on => fixed.insert(0, (pid, 1)),
        None => {}
    }
    Ok(Term::atom(atom::TRUE))
}

/// `krarup_ets:give_away(Tab, Pid, Alive)`: the owner change of `ets:give_away/3`, which
/// passes whether `Pid` is a live process and sends the `'ETS-TRANSFER'` message. `true`, or
/// `{error, Cause}` with OTP's error-info cause (`none` when there is none) for `ets` to raise.
fn give_away(ctx: &mut NativeCtx<'_>, a: &[Term]) -> NativeResult {
    let cause = match ctx.shared.ets.resolve(a[0]) {
        None if a[0].is_atom() || a[0].is_reference() => "id",
        None => "type",
        Some(t) => {
            let me = self_pid(ctx);
            match a[1].as_pid() {
                _ if t.owner() != me => "not_owner",
                Some(to) if to == me => "owner",
                Some(to) if a[2] == Term::atom(atom::TRUE) => {
                    ctx.shared.ets.set_owner(&t, to);
                    return Ok(Term::atom(atom::TRUE));
                }
                _ => "none",
            }
        }
    };
    let c = Term::atom(ctx.shared.atoms.intern(cause));
    Ok(ctx.heap.tuple(&[Term::atom(atom::ERROR), c]))
}
