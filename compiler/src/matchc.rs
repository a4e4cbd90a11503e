//! Match compilation: turns the clauses of one matching construct (function head, `case`,
//! `receive`, `try ... of`, `catch` clauses, fun clauses) into a decision tree ([`Decision`]).
//! It owns the tree shape, its construction, the unreachable-clause analysis and the
//! `--dump=decision` printer; code generation from the tree lives in `codegen_match.rs`.
//!
//! # Algorithm
//! Luc Maranget, "Compiling pattern matching to good decision trees", ML Workshop 2008. The clauses
//! form a matrix: one row per clause, one column per matched value ("occurrence", a core variable).
//! `compile(occurrences, rows)`:
//! 1. No rows: [`Decision::Fail`].
//! 2. Variables and aliases in the matrix are recorded as bindings of their row and replaced by `_`.
//! 3. If the first row is all `_`, it matches: [`Decision::Leaf`]. If its clause has a guard, the
//!    leaf carries the tree for the remaining rows, taken when the guard fails.
//! 4. Otherwise pick a column where the first row has a constructor (the "first row" heuristic of
//!    the paper; columns with tuple, list or constant tests are preferred to map/binary ones).
//!    For every constructor `c` in that column (a tuple arity, a cons, an atomic constant) build the
//!    *specialised* matrix S(c): rows with `c` there get its sub-patterns as new columns, rows with `_`
//!    get `_`s, other rows are dropped. The *default* matrix keeps the rows with `_`.
//!    The result is a [`Decision::Switch`].
//! 5. Map and binary patterns are not constructors (two different map patterns may both match).
//!    For those the first row's pattern is tested alone ([`Decision::Map`], [`Decision::Bin`]): on
//!    success every row continues (the first with its sub-patterns as new columns, the others
//!    unchanged), on failure the first row is dropped. Binaries are thus matched clause by clause,
//!    each clause starting its own match context, which makes backtracking trivial.
//!
//! A clause that appears in no leaf can never match; the caller reports it as a warning.
//! A size budget protects against the exponential worst case of decision trees: past it, the
//! clauses are compiled one at a time and chained with [`Decision::Try`].
//!
//! # Worked example
//! ```text
//! f([], _)        -> a;      % row 1
//! f(_, [])        -> b;      % row 2
//! f([X|_], [Y|_]) -> c.      % row 3
//! ```
//! Occurrences `A1`, `A2`. Row 1 has a constructor in column 1, constructors there are `[]` and cons:
//! ```text
//! switch A1
//!   []      -> S([]) = { row1: (_) ; row2: ([]) }            -> leaf 1 (row 1 is all wildcards)
//!   [H1|T1] -> S(cons) = { row2: (_,_,[]) ; row3: (X,_,[Y|_]) } -> switch A2
//!                 []       -> leaf 2
//!                 [H2|T2]  -> leaf 3 {X = H1, Y = H2}
//!                 default  -> fail
//!   default -> { row2: ([]) } -> switch A2: [] -> leaf 2; default -> fail
//! ```
//! Each value is tested at most once on every path, unlike clause-by-clause matching, which would
//! test `A1` three times for `f([1], [2])`.

use crate::core::{fmt_lit, fmt_op, Operand, PSeg, Pat, SegSize, VarId};
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::{BsFlags, BsType};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// A constructor tested by a [`Decision::Switch`].
#[derive(Debug, Clone, PartialEq)]
pub enum Ctor {
    /// A tuple of this arity.
    Tuple(u32),
    /// A non-empty list cell.
    Cons,
    /// An atomic constant (atom, number, `[]`).
    Lit(Literal),
}

/// One arm of a switch: the constructor, the occurrences bound to its fields, the subtree.
#[derive(Debug, Clone, PartialEq)]
pub struct Arm {
    /// What is tested.
    pub ctor: Ctor,
    /// Field occurrences: tuple elements, or `[head, tail]` for a cons; empty for constants.
    pub fields: Vec<VarId>,
    /// The tree to run when the test succeeds.
    pub then: Decision,
}

/// One segment read by a [`Decision::Bin`] node.
#[derive(Debug, Clone, PartialEq)]
pub struct BinStep {
    /// Segment type.
    pub ty: BsType,
    /// Size in units.
    pub size: SegSize,
    /// Unit in bits.
    pub unit: u16,
    /// Flags.
    pub flags: BsFlags,
    /// Where the value goes; `None` to skip the segment.
    pub dst: Option<VarId>,
}

/// A decision tree. Every path ends in a [`Decision::Leaf`] or [`Decision::Fail`].
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// No clause matches: the construct's failure action (or the enclosing [`Decision::Try`]'s
    /// alternative).
    Fail,
    /// Clause `clause` matches once `binds` (`(variable, occurrence)`) are made and its guard holds;
    /// `otherwise` runs if the guard fails (present exactly when the clause has a guard).
    Leaf {
        /// Clause index.
        clause: usize,
        /// Variable bindings.
        binds: Vec<(VarId, VarId)>,
        /// Tree for the remaining clauses if the guard fails.
        otherwise: Option<Box<Decision>>,
    },
    /// Test `occ` against several mutually exclusive constructors.
    Switch {
        /// Tested occurrence.
        occ: VarId,
        /// Arms in order of first appearance.
        arms: Vec<Arm>,
        /// Taken when no arm matches.
        default: Box<Decision>,
    },
    /// `occ` is a map holding every key; the values go to the paired occurrences.
    Map {
        /// Tested occurrence.
        occ: VarId,
        /// Keys and value occurrences.
        keys: Vec<(Operand, VarId)>,
        /// On success.
        ok: Box<Decision>,
        /// On failure.
        fail: Box<Decision>,
    },
    /// `occ` is a bitstring made of exactly these segments (a fresh match context `ctx`).
    Bin {
        /// Tested occurrence.
        occ: VarId,
        /// Match context variable.
        ctx: VarId,
        /// Segments in order.
        steps: Vec<BinStep>,
        /// Whether to check that nothing is left after the last segment.
        check_tail: bool,
        /// On success.
        ok: Box<Decision>,
        /// On failure.
        fail: Box<Decision>,
    },
    /// Run `first`; wherever it fails, run `otherwise` (fallback chaining).
    Try {
        /// First alternative.
        first: Box<Decision>,
        /// Second alternative.
        otherwise: Box<Decision>,
    },
}

/// One row of the clause matrix.
#[derive(Clone)]
struct Row {
    pats: Vec<Pat>,
    binds: Vec<(VarId, VarId)>,
    clause: usize,
}

/// Decision-tree nodes allowed before falling back to clause-by-clause matching.
const BUDGET: usize = 4000;

struct Compiler<'a> {
    next_var: &'a mut u32,
    guarded: &'a [bool],
    budget: usize,
    exhausted: bool,
}

/// Compiles clause patterns (`pats[i]` for clause `i`, one pattern per occurrence) into a decision
/// tree. `guarded[i]` says whether clause `i` has a guard. Fresh occurrence variables are taken from
/// `next_var`.
pub fn compile(
    occs: &[VarId],
    pats: Vec<Vec<Pat>>,
    guarded: &[bool],
    next_var: &mut u32,
) -> Decision {
    let rows: Vec<Row> = pats
        .into_iter()
        .enumerate()
        .map(|(clause, pats)| Row {
            pats,
            binds: Vec::new(),
            clause,
        })
        .collect();
    let start = *next_var;
    let mut c = Compiler {
        next_var,
        guarded,
        budget: BUDGET,
        exhausted: false,
    };
    let tree = c.compile(occs.to_vec(), rows.clone());
    if !c.exhausted {
        return tree;
    }
    // Fallback: one clause at a time.
    *c.next_var = start;
    let mut chain = Decision::Fail;
    let mut parts = Vec::new();
    for row in rows {
        // One row's tree grows linearly with its patterns: no budget (a list pattern of
        // thousands of elements needs more nodes than BUDGET and must not become `Fail`).
        c.budget = usize::MAX;
        c.exhausted = false;
        parts.push(c.compile(occs.to_vec(), vec![row]));
    }
    for d in parts.into_iter().rev() {
        chain = Decision::Try {
            first: Box::new(d),
            otherwise: Box::new(chain),
        };
    }
    chain
}

impl Compiler<'_> {
    fn fresh(&mut self) -> VarId {
        let v = *self.next_var;
        *self.next_var += 1;
        v
    }

    fn compile(&mut self, occs: Vec<VarId>, mut rows: Vec<Row>) -> Decision {
        if self.budget == 0 {
            self.exhausted = true;
            return Decision::Fail;
        }
        self.budget -= 1;
        if rows.is_empty() {
            return Decision::Fail;
        }
        for row in rows.iter_mut() {
            normalize(row, &occs);
        }
        let first = &rows[0];
        let col = first
            .pats
            .iter()
            .position(|p| matches!(p, Pat::Tuple(_) | Pat::Cons(..) | Pat::Lit(_)))
            .or_else(|| first.pats.iter().position(|p| !matches!(p, Pat::Wild)));
        let Some(col) = col else {
            let otherwise = if self.guarded.get(first.clause).copied().unwrap_or(false) {
                Some(Box::new(self.compile(occs.clone(), rows[1..].to_vec())))
            } else {
                None
            };
            return Decision::Leaf {
                clause: rows[0].clause,
                binds: rows[0].binds.clone(),
                otherwise,
            };
        };
        // Only map and binary patterns are copied out (cloning a long list pattern at every
        // cell was quadratic).
        match &rows[0].pats[col] {
            Pat::Map(kvs) => {
                let kvs = kvs.clone();
                self.map_node(occs, rows, col, kvs)
            }
            Pat::Bin(segs) => {
                let segs = segs.clone();
                self.bin_node(occs, rows, col, segs)
            }
            _ => self.switch(occs, rows, col),
        }
    }

    fn switch(&mut self, occs: Vec<VarId>, rows: Vec<Row>, col: usize) -> Decision {
        // One pass groups the rows by constructor (a hash lookup per row, so a function of
        // 100,000 literal clauses is not quadratic); wildcard rows join every arm, in row order.
        let mut ctors: Vec<Ctor> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut wild: Vec<usize> = Vec::new();
        let mut index: HashMap<CtorKey<'_>, usize> = HashMap::new();
        for (ri, r) in rows.iter().enumerate() {
            let p = &r.pats[col];
            if matches!(p, Pat::Wild) {
                wild.push(ri);
                continue;
            }
            let Some(key) = ctor_key(p) else { continue };
            let known = index.get(&key).copied();
            let k = match known {
                Some(k) => k,
                None => {
                    // Constructors without a hash key (floats, compound literals) compare one by one.
                    let Some(c) = ctor_of(p) else { continue };
                    let found = match key {
                        CtorKey::Other => ctors.iter().position(|d| *d == c),
                        _ => None,
                    };
                    found.unwrap_or_else(|| {
                        ctors.push(c);
                        members.push(Vec::new());
                        if !matches!(key, CtorKey::Other) {
                            index.insert(key, ctors.len() - 1);
                        }
                        ctors.len() - 1
                    })
                }
            };
            members[k].push(ri);
        }
        drop(index);
        // A row with a constructor belongs to one arm and is moved into it (cloning the rest of
        // a long list pattern at every cell was quadratic); wildcard rows are copied.
        let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
        let mut arms = Vec::new();
        for (ctor, own) in ctors.into_iter().zip(members) {
            let n = match &ctor {
                Ctor::Tuple(n) => *n as usize,
                Ctor::Cons => 2,
                Ctor::Lit(_) => 0,
            };
            let fields: Vec<VarId> = (0..n).map(|_| self.fresh()).collect();
            let mut new_occs = occs[..col].to_vec();
            new_occs.extend(&fields);
            new_occs.extend(&occs[col + 1..]);
            let mut sub_rows = Vec::with_capacity(own.len() + wild.len());
            // The arm's own rows and the wildcard rows, merged back into row order.
            let (mut i, mut j) = (0, 0);
            loop {
                let ri = match (own.get(i), wild.get(j)) {
                    (Some(&x), Some(&y)) if x < y => {
                        i += 1;
                        x
                    }
                    (_, Some(&y)) => {
                        j += 1;
                        y
                    }
                    (Some(&x), None) => {
                        i += 1;
                        x
                    }
                    (None, None) => break,
                };
                let r = match rows[ri].as_ref() {
                    Some(r) if matches!(r.pats[col], Pat::Wild) => r.clone(),
                    _ => match rows[ri].take() {
                        Some(r) => r,
                        None => continue,
                    },
                };
                let mut pats = r.pats;
                let subs: Vec<Pat> = match pats.remove(col) {
                    Pat::Wild => vec![Pat::Wild; n],
                    Pat::Tuple(ps) => ps,
                    Pat::Cons(h, t) => vec![*h, *t],
                    _ => Vec::new(),
                };
                pats.splice(col..col, subs);
                sub_rows.push(Row {
                    pats,
                    binds: r.binds,
                    clause: r.clause,
                });
            }
            let then = self.compile(new_occs, sub_rows);
            arms.push(Arm { ctor, fields, then });
        }
        let rest: Vec<Row> = rows
            .into_iter()
            .flatten()
            .filter(|r| ctor_of(&r.pats[col]).is_none())
            .collect();
        let keep_col = rest.iter().any(|r| !matches!(r.pats[col], Pat::Wild));
        let default = if keep_col {
            self.compile(occs.clone(), rest)
        } else {
            let mut new_occs = occs.clone();
            new_occs.remove(col);
            let rest = rest
                .into_iter()
                .map(|mut r| {
                    r.pats.remove(col);
                    r
                })
                .collect();
            self.compile(new_occs, rest)
        };
        Decision::Switch {
            occ: occs[col],
            arms,
            default: Box::new(default),
        }
    }

    fn map_node(
        &mut self,
        occs: Vec<VarId>,
        rows: Vec<Row>,
        col: usize,
        kvs: Vec<(Operand, Pat)>,
    ) -> Decision {
        let keys: Vec<(Operand, VarId)> =
            kvs.iter().map(|(k, _)| (k.clone(), self.fresh())).collect();
        let mut new_occs = occs.clone();
        new_occs.extend(keys.iter().map(|k| k.1));
        let sub_pats: Vec<Pat> = kvs.into_iter().map(|(_, p)| p).collect();
        let ok_rows = extend_rows(&rows, col, sub_pats);
        let ok = self.compile(new_occs, ok_rows);
        let fail = self.compile(occs.clone(), rows[1..].to_vec());
        Decision::Map {
            occ: occs[col],
            keys,
            ok: Box::new(ok),
            fail: Box::new(fail),
        }
    }

    fn bin_node(
        &mut self,
        occs: Vec<VarId>,
        rows: Vec<Row>,
        col: usize,
        segs: Vec<PSeg>,
    ) -> Decision {
        let ctx = self.fresh();
        let mut steps = Vec::new();
        let mut new_occs = occs.clone();
        let mut sub_pats = Vec::new();
        let check_tail = !matches!(segs.last().map(|s| &s.size), Some(SegSize::All));
        for s in segs {
            let dst = match s.value {
                Pat::Var(v) => Some(v),
                Pat::Wild
                    if matches!(s.ty, BsType::Integer | BsType::Binary)
                        && !matches!(s.size, SegSize::Default) =>
                {
                    None
                }
                other => {
                    let o = self.fresh();
                    new_occs.push(o);
                    sub_pats.push(other);
                    Some(o)
                }
            };
            steps.push(BinStep {
                ty: s.ty,
                size: s.size,
                unit: s.unit,
                flags: s.flags,
                dst,
            });
        }
        let ok_rows = extend_rows(&rows, col, sub_pats);
        let ok = self.compile(new_occs, ok_rows);
        let fail = self.compile(occs.clone(), rows[1..].to_vec());
        Decision::Bin {
            occ: occs[col],
            ctx,
            steps,
            check_tail,
            ok: Box::new(ok),
            fail: Box::new(fail),
        }
    }
}

/// Rows for the success branch of a map/binary test of row 0's column `col`: row 0 gets `_` there and
/// `subs` as new trailing columns; the other rows get `_` in the new columns.
fn extend_rows(rows: &[Row], col: usize, subs: Vec<Pat>) -> Vec<Row> {
    let n = subs.len();
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let mut r = r.clone();
        if i == 0 {
            r.pats[col] = Pat::Wild;
            r.pats.extend(subs.iter().cloned());
        } else {
            r.pats.extend(std::iter::repeat_n(Pat::Wild, n));
        }
        out.push(r);
    }
    out
}

/// Strips variables and aliases from the row's patterns into bindings.
fn normalize(row: &mut Row, occs: &[VarId]) {
    for (i, p) in row.pats.iter_mut().enumerate() {
        loop {
            match std::mem::replace(p, Pat::Wild) {
                Pat::Var(v) => {
                    row.binds.push((v, occs[i]));
                    break;
                }
                Pat::Alias(v, inner) => {
                    row.binds.push((v, occs[i]));
                    *p = *inner;
                }
                other => {
                    *p = other;
                    break;
                }
            }
        }
    }
}

/// A hashable stand-in for a pattern's constructor, equal exactly when the constructors are;
/// `Other` (floats, whose `0.0 == -0.0`, and compound literals) is looked up by comparison.
#[derive(Debug, PartialEq, Eq, Hash)]
enum CtorKey<'a> {
    Tuple(usize),
    Cons,
    Int(&'a num_bigint::BigInt),
    Atom(&'a str),
    Nil,
    Other,
}

fn ctor_key(p: &Pat) -> Option<CtorKey<'_>> {
    Some(match p {
        Pat::Tuple(ps) => CtorKey::Tuple(ps.len()),
        Pat::Cons(..) => CtorKey::Cons,
        Pat::Lit(Literal::Int(i)) => CtorKey::Int(i),
        Pat::Lit(Literal::Atom(a)) => CtorKey::Atom(a),
        Pat::Lit(Literal::Nil) => CtorKey::Nil,
        Pat::Lit(_) => CtorKey::Other,
        _ => return None,
    })
}

fn ctor_of(p: &Pat) -> Option<Ctor> {
    match p {
        Pat::Tuple(ps) => Some(Ctor::Tuple(ps.len() as u32)),
        Pat::Cons(..) => Some(Ctor::Cons),
        Pat::Lit(l) => Some(Ctor::Lit(l.clone())),
        _ => None,
    }
}

/// The clauses that appear in some leaf of the tree (the reachable ones).
pub fn reachable(d: &Decision, out: &mut HashSet<usize>) {
    match d {
        Decision::Fail => {}
        Decision::Leaf {
            clause, otherwise, ..
        } => {
            out.insert(*clause);
            if let Some(o) = otherwise {
                reachable(o, out);
            }
        }
        Decision::Switch { arms, default, .. } => {
            for a in arms {
                reachable(&a.then, out);
            }
            reachable(default, out);
        }
        Decision::Map { ok, fail, .. } | Decision::Bin { ok, fail, .. } => {
            reachable(ok, out);
            reachable(fail, out);
        }
        Decision::Try { first, otherwise } => {
            reachable(first, out);
            reachable(otherwise, out);
        }
    }
}

/// Every occurrence the tree reads (so codegen can skip extracting unused fields).
pub fn used_occs(d: &Decision, out: &mut HashSet<VarId>) {
    match d {
        Decision::Fail => {}
        Decision::Leaf {
            binds, otherwise, ..
        } => {
            out.extend(binds.iter().map(|b| b.1));
            if let Some(o) = otherwise {
                used_occs(o, out);
            }
        }
        Decision::Switch {
            occ, arms, default, ..
        } => {
            out.insert(*occ);
            for a in arms {
                used_occs(&a.then, out);
            }
            used_occs(default, out);
        }
        Decision::Map { occ, ok, fail, .. } | Decision::Bin { occ, ok, fail, .. } => {
            out.insert(*occ);
            used_occs(ok, out);
            used_occs(fail, out);
        }
        Decision::Try { first, otherwise } => {
            used_occs(first, out);
            used_occs(otherwise, out);
        }
    }
}

/// Prints a tree (`--dump=decision`).
pub fn print_tree(out: &mut String, d: &Decision, depth: usize) {
    let pad = "  ".repeat(depth);
    match d {
        Decision::Fail => {
            let _ = writeln!(out, "{pad}fail");
        }
        Decision::Leaf {
            clause,
            binds,
            otherwise,
        } => {
            let b: Vec<String> = binds.iter().map(|(v, o)| format!("_{v}=_{o}")).collect();
            let _ = writeln!(out, "{pad}leaf clause {} {{{}}}", clause + 1, b.join(", "));
            if let Some(o) = otherwise {
                let _ = writeln!(out, "{pad}guard failed:");
                print_tree(out, o, depth + 1);
            }
        }
        Decision::Switch { occ, arms, default } => {
            let _ = writeln!(out, "{pad}switch _{occ}");
            for a in arms {
                let f: Vec<String> = a.fields.iter().map(|v| format!("_{v}")).collect();
                let c = match &a.ctor {
                    Ctor::Tuple(n) => format!("{{}}/{n} ({})", f.join(", ")),
                    Ctor::Cons => format!("[{}]", f.join(" | ")),
                    Ctor::Lit(l) => fmt_lit(l),
                };
                let _ = writeln!(out, "{pad}  {c} ->");
                print_tree(out, &a.then, depth + 2);
            }
            let _ = writeln!(out, "{pad}  default ->");
            print_tree(out, default, depth + 2);
        }
        Decision::Map {
            occ,
            keys,
            ok,
            fail,
        } => {
            let k: Vec<String> = keys
                .iter()
                .map(|(k, v)| format!("{} := _{v}", fmt_op(k)))
                .collect();
            let _ = writeln!(out, "{pad}map _{occ} #{{{}}}", k.join(", "));
            print_tree(out, ok, depth + 1);
            let _ = writeln!(out, "{pad}else");
            print_tree(out, fail, depth + 1);
        }
        Decision::Bin {
            occ,
            steps,
            ok,
            fail,
            ..
        } => {
            let s: Vec<String> = steps
                .iter()
                .map(|s| {
                    let d = s.dst.map_or("_".to_string(), |v| format!("_{v}"));
                    format!("{d}:{:?}/{:?}", s.size, s.ty)
                })
                .collect();
            let _ = writeln!(out, "{pad}binary _{occ} <<{}>>", s.join(", "));
            print_tree(out, ok, depth + 1);
            let _ = writeln!(out, "{pad}else");
            print_tree(out, fail, depth + 1);
        }
        Decision::Try { first, otherwise } => {
            let _ = writeln!(out, "{pad}first");
            print_tree(out, first, depth + 1);
            let _ = writeln!(out, "{pad}then");
            print_tree(out, otherwise, depth + 1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The pass over a whole module
// ---------------------------------------------------------------------------------------------

use crate::ast::Span;
use crate::core::{Block, CClause, CExpr, CModule};
use crate::diagnostics::{Diagnostic, Kind};

/// Match-compiles every `case`-like node of the module, storing the trees in the nodes and
/// growing each function's variable count by the occurrence variables the trees use. Pushes a
/// warning for every source clause that can never match. Generated clauses (records,
/// comprehensions, `andalso`) share the span of their construct and are never reported.
pub fn compile_module(
    m: &mut CModule,
    warnings: &mut Vec<Diagnostic>,
    line_of: &dyn Fn(Span) -> usize,
) {
    let mut w: Warnings<'_> = (warnings, line_of);
    for f in m.functions.iter_mut() {
        let mut next = f.num_vars;
        pass_block(&mut f.body, &mut next, &mut w);
        f.num_vars = next;
    }
}

/// Where the warnings of [`compile_module`] go, and how they find a clause's line.
type Warnings<'w> = (&'w mut Vec<Diagnostic>, &'w dyn Fn(Span) -> usize);

fn pass_block(b: &mut Block, next: &mut u32, w: &mut Warnings<'_>) {
    for s in b.stmts.iter_mut() {
        match &mut s.expr {
            CExpr::Case {
                args,
                clauses,
                tree,
                ..
            } => {
                for c in clauses.iter_mut() {
                    pass_block(&mut c.body, next, w);
                }
                *tree = Some(Box::new(tree_for(args, clauses, next, w)));
            }
            CExpr::Receive {
                msg,
                clauses,
                after,
                tree,
            } => {
                for c in clauses.iter_mut() {
                    pass_block(&mut c.body, next, w);
                }
                if let Some((_, b)) = after {
                    pass_block(b, next, w);
                }
                *tree = Some(Box::new(tree_for(&[*msg], clauses, next, w)));
            }
            CExpr::Try {
                body, of, handler, ..
            } => {
                pass_block(body, next, w);
                pass_block(of, next, w);
                pass_block(handler, next, w);
            }
            CExpr::Catch { body, .. } => pass_block(body, next, w),
            _ => {}
        }
    }
}

fn tree_for(args: &[VarId], clauses: &[CClause], next: &mut u32, w: &mut Warnings<'_>) -> Decision {
    let pats = clauses.iter().map(|c| c.pats.clone()).collect();
    let guarded: Vec<bool> = clauses.iter().map(|c| c.guard.is_some()).collect();
    let tree = compile(args, pats, &guarded, next);
    let mut reached = HashSet::new();
    reachable(&tree, &mut reached);
    for (i, c) in clauses.iter().enumerate() {
        if reached.contains(&i) || c.span == Span::default() {
            continue;
        }
        if clauses.iter().filter(|o| o.span == c.span).count() > 1 {
            continue;
        }
        let cover = clauses[..i].iter().find(|o| {
            o.guard.is_none() && o.pats.iter().all(|p| matches!(p, Pat::Wild | Pat::Var(_)))
        });
        let kind = Kind::ClauseCannotMatch {
            covered_by: cover.map(|o| (w.1)(o.span)),
        };
        w.0.push(Diagnostic::new(kind, c.span));
    }
    tree
}

/// Prints the decision tree of every match in the module (`--dump=decision`).
pub fn print_module_trees(m: &CModule) -> String {
    let mut out = String::new();
    for f in &m.functions {
        let _ = writeln!(out, "'{}'/{}:", f.name, f.arity);
        print_block_trees(&mut out, &f.body);
    }
    out
}

fn print_block_trees(out: &mut String, b: &Block) {
    for s in &b.stmts {
        match &s.expr {
            CExpr::Case {
                args,
                clauses,
                tree,
                ..
            } => {
                let a: Vec<String> = args.iter().map(|v| format!("_{v}")).collect();
                let _ = writeln!(out, "  match <{}> (line {}):", a.join(", "), s.line);
                if let Some(t) = tree {
                    print_tree(out, t, 2);
                }
                for c in clauses {
                    print_block_trees(out, &c.body);
                }
            }
            CExpr::Receive {
                msg,
                clauses,
                after,
                tree,
            } => {
                let _ = writeln!(out, "  receive _{msg} (line {}):", s.line);
                if let Some(t) = tree {
                    print_tree(out, t, 2);
                }
                for c in clauses {
                    print_block_trees(out, &c.body);
                }
                if let Some((_, b)) = after {
                    print_block_trees(out, b);
                }
            }
            CExpr::Try {
                body, of, handler, ..
            } => {
                print_block_trees(out, body);
                print_block_trees(out, of);
                print_block_trees(out, handler);
            }
            CExpr::Catch { body, .. } => print_block_trees(out, body),
            _ => {}
        }
    }
}
