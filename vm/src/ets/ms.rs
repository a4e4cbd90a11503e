//! Match specifications (OTP 25's `ets:select/2` language): compiling a spec term
//! `[{Head, Guards, Body}]` into `MatchSpec` and running it against one object. Heads bind
//! `'$N'` variables (`'_'` matches anything); guards and bodies are the guard expressions of
//! "Match Specifications in Erlang" (`{Op, Args...}`, `'$_'`, `'$$'`, `{const, T}`, `{{...}}`
//! tuple construction, lists). A guard that fails or raises rejects the clause; a body that
//! raises gives `'EXIT'`, as in OTP.

use crate::atom::{self, AtomTable};
use crate::heap::Heap;
use crate::ops::arith::{arith, unary};
use crate::ops::compare::{compare, eq, exact_eq};
use crate::term::Term;
use krarup_bytecode::opcode::{ArithOp, UnaryOp};
use std::cmp::Ordering;

/// A head pattern.
#[derive(Clone, Debug)]
enum Pat {
    Any,
    Var(usize),
    Const(Term),
    Tuple(Vec<Pat>),
    Cons(Box<Pat>, Box<Pat>),
}

/// A guard or body expression.
#[derive(Clone, Debug)]
enum Expr {
    Const(Term),
    Var(usize),
    Whole,
    AllVars,
    Tuple(Vec<Expr>),
    Cons(Box<Expr>, Box<Expr>),
    Call(Fun, Vec<Expr>),
}

/// The functions a match specification may call.
#[derive(Copy, Clone, Debug)]
enum Fun {
    TypeTest(fn(Term) -> bool),
    IsRecord,
    IsMapKey,
    Arith(ArithOp),
    Unary(UnaryOp),
    Cmp(&'static str),
    And,
    Or,
    Xor,
    Not,
    AndAlso,
    OrElse,
    Abs,
    Element,
    Hd,
    Tl,
    Length,
    Size,
    ByteSize,
    BitSize,
    Float,
    Trunc,
    Round,
    SelfPid,
    Node,
    NodeOf,
    BinaryPart,
    MapGet,
    MapSize,
}

/// One clause.
#[derive(Clone, Debug)]
struct Clause {
    head: Pat,
    nvars: usize,
    guards: Vec<Expr>,
    body: Vec<Expr>,
}

/// A compiled match specification.
#[derive(Clone, Debug)]
pub struct MatchSpec {
    clauses: Vec<Clause>,
}

/// The variable number of a `'$N'` atom.
fn var_number(t: Term, atoms: &AtomTable) -> Option<usize> {
    let a = t.as_atom()?;
    let name = atoms.name(a);
    let digits = name.strip_prefix('$')?;
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_atom_named(t: Term, name: &str, atoms: &AtomTable) -> bool {
    t.as_atom().is_some_and(|a| &*atoms.name(a) == name)
}

struct Compiler<'a> {
    atoms: &'a AtomTable,
    nvars: usize,
}

impl Compiler<'_> {
    fn pat(&mut self, t: Term) -> Pat {
        if t.is_atom() {
            if is_atom_named(t, "_", self.atoms) {
                return Pat::Any;
            }
            if let Some(n) = var_number(t, self.atoms) {
                self.nvars = self.nvars.max(n + 1);
                return Pat::Var(n);
            }
            return Pat::Const(t);
        }
        if let Some((h, tl)) = t.as_cons() {
            return Pat::Cons(Box::new(self.pat(h)), Box::new(self.pat(tl)));
        }
        if let Some(e) = t.as_tuple() {
            return Pat::Tuple(e.iter().map(|x| self.pat(x)).collect());
        }
        Pat::Const(t)
    }

    fn expr(&mut self, t: Term) -> Option<Expr> {
        if let Some(a) = t.as_atom() {
            let name = self.atoms.name(a);
            return Some(match &*name {
                "$_" => Expr::Whole,
                "$$" => Expr::AllVars,
                _ => match var_number(t, self.atoms) {
                    // An unbound variable is an error in OTP's compiler.
                    Some(n) if n < self.nvars => Expr::Var(n),
                    Some(_) => return None,
                    None => Expr::Const(t),
                },
            });
        }
        if let Some((h, tl)) = t.as_cons() {
            return Some(Expr::Cons(
                Box::new(self.expr(h)?),
                Box::new(self.expr(tl)?),
            ));
        }
        let Some(e) = t.as_tuple() else {
            return Some(Expr::Const(t));
        };
        if e.is_empty() {
            return None;
        }
        let first = e.at(0);
        if e.len() == 1 && first.is_tuple() {
            // {{...}}: a tuple built from expressions.
            let inner = first.as_tuple()?;
            return Some(Expr::Tuple(
                inner.iter().map(|x| self.expr(x)).collect::<Option<_>>()?,
            ));
        }
        let name = self.atoms.name(first.as_atom()?);
        if &*name == "const" && e.len() == 2 {
            return Some(Expr::Const(e.at(1)));
        }
        let arity = e.len() - 1;
        let f = fun_of(&name, arity)?;
        let args = e
            .rest(1)
            .iter()
            .map(|x| self.expr(x))
            .collect::<Option<Vec<_>>>()?;
        Some(Expr::Call(f, args))
    }
}

fn fun_of(name: &str, arity: usize) -> Option<Fun> {
    use Fun::*;
    let f = match (name, arity) {
        ("is_atom", 1) => TypeTest(|t| t.is_atom()),
        ("is_float", 1) => TypeTest(|t| t.is_float()),
        ("is_integer", 1) => TypeTest(|t| t.is_integer()),
        ("is_list", 1) => TypeTest(|t| t.is_list()),
        ("is_number", 1) => TypeTest(|t| t.is_number()),
        ("is_pid", 1) => TypeTest(|t| t.is_pid()),
        ("is_port", 1) => TypeTest(|_| false),
        ("is_reference", 1) => TypeTest(|t| t.is_reference()),
        ("is_tuple", 1) => TypeTest(|t| t.is_tuple()),
        ("is_map", 1) => TypeTest(|t| t.is_map()),
        ("is_binary", 1) => {
            TypeTest(|t| crate::ops::binary::bit_size(t).is_some_and(|b| b % 8 == 0))
        }
        ("is_function", 1) => TypeTest(|t| t.is_fun()),
        ("is_record", 3) => IsRecord,
        ("is_map_key", 2) => IsMapKey,
        ("+", 2) => Arith(ArithOp::Add),
        ("-", 2) => Arith(ArithOp::Sub),
        ("*", 2) => Arith(ArithOp::Mul),
        ("/", 2) => Arith(ArithOp::Div),
        ("div", 2) => Arith(ArithOp::IntDiv),
        ("rem", 2) => Arith(ArithOp::Rem),
        ("band", 2) => Arith(ArithOp::Band),
        ("bor", 2) => Arith(ArithOp::Bor),
        ("bxor", 2) => Arith(ArithOp::Bxor),
        ("bsl", 2) => Arith(ArithOp::Bsl),
        ("bsr", 2) => Arith(ArithOp::Bsr),
        ("-", 1) => Unary(UnaryOp::Neg),
        ("+", 1) => Unary(UnaryOp::Plus),
        ("bnot", 1) => Unary(UnaryOp::Bnot),
        (">", 2) => Cmp(">"),
        (">=", 2) => Cmp(">="),
        ("<", 2) => Cmp("<"),
        ("=<", 2) => Cmp("=<"),
        ("==", 2) => Cmp("=="),
        ("/=", 2) => Cmp("/="),
        ("=:=", 2) => Cmp("=:="),
        ("=/=", 2) => Cmp("=/="),
        ("and", _) if arity >= 1 => And,
        ("or", _) if arity >= 1 => Or,
        ("xor", 2) => Xor,
        ("not", 1) => Not,
        ("andalso", _) if arity >= 1 => AndAlso,
        ("orelse", _) if arity >= 1 => OrElse,
        ("abs", 1) => Abs,
        ("element", 2) => Element,
        ("hd", 1) => Hd,
        ("tl", 1) => Tl,
        ("length", 1) => Length,
        ("size", 1) => Size,
        ("byte_size", 1) => ByteSize,
        ("bit_size", 1) => BitSize,
        ("float", 1) => Float,
        ("trunc", 1) => Trunc,
        ("round", 1) => Round,
        ("self", 0) => SelfPid,
        ("node", 0) => Node,
        ("node", 1) => NodeOf,
        ("binary_part", 2) => BinaryPart,
        ("binary_part", 3) => BinaryPart,
        ("map_get", 2) => MapGet,
        ("map_size", 1) => MapSize,
        _ => return None,
    };
    Some(f)
}

/// What an expression sees: the object, the bindings, the caller, the heap to build on.
pub struct Env<'a> {
    pub heap: &'a mut Heap,
    pub atoms: &'a AtomTable,
    pub self_pid: Term,
}

impl MatchSpec {
    /// Compiles a match specification term; `None` if it is not a valid one (badarg).
    pub fn compile(spec: Term, atoms: &AtomTable) -> Option<MatchSpec> {
        let clauses = crate::ops::list_to_vec(spec)?;
        let mut out = Vec::with_capacity(clauses.len());
        for c in clauses {
            let [head, guards, body] = c.as_tuple_n::<3>()?;
            let mut comp = Compiler { atoms, nvars: 0 };
            let head = comp.pat(head);
            let guards = crate::ops::list_to_vec(guards)?
                .into_iter()
                .map(|g| comp.expr(g))
                .collect::<Option<Vec<_>>>()?;
            let body = crate::ops::list_to_vec(body)?
                .into_iter()
                .map(|b| comp.expr(b))
                .collect::<Option<Vec<_>>>()?;
            if body.is_empty() {
                return None;
            }
            out.push(Clause {
                head,
                nvars: comp.nvars,
                guards,
                body,
            });
        }
        Some(MatchSpec { clauses: out })
    }

    /// The key every object this spec can match has, when each clause's head fixes it to the
    /// same constant (so a lookup can replace a scan).
    pub fn bound_key(&self, keypos: usize) -> Option<Term> {
        let mut key: Option<Term> = None;
        for c in &self.clauses {
            let Pat::Tuple(elems) = &c.head else {
                return None;
            };
            let k = const_of(elems.get(keypos - 1)?)?;
            match key {
                None => key = Some(k),
                Some(prev) if exact_eq(prev, k) => {}
                Some(_) => return None,
            }
        }
        key
    }

    /// Runs the spec on `obj`: `Some(result)` of the first clause whose head and guards match.
    /// The result may point into `obj`; the caller copies it.
    pub fn run(&self, env: &mut Env<'_>, obj: Term) -> Option<Term> {
        let mut vars: Vec<Option<Term>> = Vec::new();
        'clauses: for c in &self.clauses {
            vars.clear();
            vars.resize(c.nvars, None);
            if !match_pat(&c.head, obj, &mut vars) {
                continue;
            }
            for g in &c.guards {
                match eval(g, env, obj, &vars) {
                    Some(t) if t == Term::atom(atom::TRUE) => {}
                    _ => continue 'clauses,
                }
            }
            let mut result = Term::NIL;
            for b in &c.body {
                result = match eval(b, env, obj, &vars) {
                    Some(t) => t,
                    None => Term::atom(atom::EXIT),
                };
            }
            return Some(result);
        }
        None
    }
}

/// A fully constant pattern as a term (only immediates and constants without variables).
fn const_of(p: &Pat) -> Option<Term> {
    match p {
        Pat::Const(t) => Some(*t),
        _ => None,
    }
}

fn match_pat(p: &Pat, t: Term, vars: &mut [Option<Term>]) -> bool {
    match p {
        Pat::Any => true,
        Pat::Var(n) => match vars[*n] {
            None => {
                vars[*n] = Some(t);
                true
            }
            Some(v) => exact_eq(v, t),
        },
        Pat::Const(c) => exact_eq(*c, t),
        Pat::Tuple(ps) => match t.as_tuple() {
            Some(e) if e.len() == ps.len() => ps
                .iter()
                .enumerate()
                .all(|(i, p)| match_pat(p, e.at(i), vars)),
            _ => false,
        },
        Pat::Cons(ph, pt) => match t.as_cons() {
            Some((h, tl)) => match_pat(ph, h, vars) && match_pat(pt, tl, vars),
            None => false,
        },
    }
}

fn truth(t: Term) -> Option<bool> {
    match t.as_atom() {
        Some(atom::TRUE) => Some(true),
        Some(atom::FALSE) => Some(false),
        _ => None,
    }
}

fn eval(e: &Expr, env: &mut Env<'_>, obj: Term, vars: &[Option<Term>]) -> Option<Term> {
    Some(match e {
        Expr::Const(t) => *t,
        Expr::Var(n) => vars[*n]?,
        Expr::Whole => obj,
        Expr::AllVars => {
            let vs: Vec<Term> = vars.iter().filter_map(|v| *v).collect();
            env.heap.list(&vs)
        }
        Expr::Tuple(es) => {
            let vs = es
                .iter()
                .map(|x| eval(x, env, obj, vars))
                .collect::<Option<Vec<_>>>()?;
            env.heap.tuple(&vs)
        }
        Expr::Cons(h, t) => {
            let h = eval(h, env, obj, vars)?;
            let t = eval(t, env, obj, vars)?;
            env.heap.cons(h, t)
        }
        Expr::Call(f, args) => return call(*f, args, env, obj, vars),
    })
}

fn call(
    f: Fun,
    args: &[Expr],
    env: &mut Env<'_>,
    obj: Term,
    vars: &[Option<Term>],
) -> Option<Term> {
    use Fun::*;
    // The short-circuit operators evaluate lazily.
    match f {
        AndAlso => {
            for a in args {
                if !truth(eval(a, env, obj, vars)?)? {
                    return Some(Term::atom(atom::FALSE));
                }
            }
            return Some(Term::atom(atom::TRUE));
        }
        OrElse => {
            for a in args {
                if truth(eval(a, env, obj, vars)?)? {
                    return Some(Term::atom(atom::TRUE));
                }
            }
            return Some(Term::atom(atom::FALSE));
        }
        _ => {}
    }
    let vs = args
        .iter()
        .map(|x| eval(x, env, obj, vars))
        .collect::<Option<Vec<_>>>()?;
    let atoms = env.atoms;
    let heap = &mut *env.heap;
    Some(match f {
        TypeTest(test) => Term::bool(test(vs[0])),
        IsRecord => {
            let tag = vs[1];
            let ok = tag.is_atom()
                && vs[0].as_tuple().is_some_and(|e| {
                    Some(e.len() as i64) == vs[2].as_small() && e.get(0) == Some(tag)
                });
            Term::bool(ok)
        }
        IsMapKey => {
            if !vs[1].is_map() {
                return None;
            }
            Term::bool(crate::ops::map::get(vs[1], vs[0]).is_some())
        }
        MapGet => crate::ops::map::get(vs[1], vs[0])?,
        MapSize if vs[0].is_map() => Term::small(crate::ops::map::size(vs[0]) as i64),
        MapSize => return None,
        Arith(op) => arith(heap, op, vs[0], vs[1]).ok()?,
        Unary(op) => unary(heap, op, vs[0]).ok()?,
        Cmp(op) => {
            let r = match op {
                "==" => eq(vs[0], vs[1]),
                "/=" => !eq(vs[0], vs[1]),
                "=:=" => exact_eq(vs[0], vs[1]),
                "=/=" => !exact_eq(vs[0], vs[1]),
                _ => {
                    let c = compare(vs[0], vs[1], atoms);
                    match op {
                        ">" => c == Ordering::Greater,
                        ">=" => c != Ordering::Less,
                        "<" => c == Ordering::Less,
                        _ => c != Ordering::Greater,
                    }
                }
            };
            Term::bool(r)
        }
        And => {
            let mut r = true;
            for v in &vs {
                r &= truth(*v)?;
            }
            Term::bool(r)
        }
        Or => {
            let mut r = false;
            for v in &vs {
                r |= truth(*v)?;
            }
            Term::bool(r)
        }
        Xor => Term::bool(truth(vs[0])? ^ truth(vs[1])?),
        Not => Term::bool(!truth(vs[0])?),
        Abs => {
            if crate::ops::compare::compare(vs[0], Term::small(0), atoms) == Ordering::Less {
                unary(heap, UnaryOp::Neg, vs[0]).ok()?
            } else if vs[0].is_number() {
                vs[0]
            } else {
                return None;
            }
        }
        Element => {
            let i = vs[0].as_small()?;
            let e = vs[1].as_tuple()?;
            if i < 1 {
                return None;
            }
            e.get(i as usize - 1)?
        }
        Hd => vs[0].as_cons()?.0,
        Tl => vs[0].as_cons()?.1,
        Length => Term::small(crate::ops::list_length(vs[0])? as i64),
        Size if vs[0].is_tuple() => Term::small(vs[0].as_tuple()?.len() as i64),
        Size | ByteSize => Term::small(crate::ops::binary::bit_size(vs[0])?.div_ceil(8) as i64),
        BitSize => Term::small(crate::ops::binary::bit_size(vs[0])? as i64),
        Float => {
            let n = crate::ops::arith::to_num(vs[0])?;
            let f = match n {
                crate::ops::arith::Num::Float(f) => f,
                crate::ops::arith::Num::Small(i) => i as f64,
                crate::ops::arith::Num::Big(b) => crate::ops::arith::big_to_f64(&b).ok()?,
            };
            heap.float(f)
        }
        Trunc | Round => {
            if vs[0].is_integer() {
                vs[0]
            } else {
                let x = vs[0].as_float()?;
                let r = if matches!(f, Fun::Trunc) {
                    x.trunc()
                } else {
                    x.round()
                };
                if r.abs() < 9.0e15 {
                    heap.int(r as i64)
                } else {
                    let b = num_bigint::BigInt::from(r as i128);
                    heap.bigint(&b)
                }
            }
        }
        SelfPid => env.self_pid,
        NodeOf if vs[0].is_pid() || vs[0].is_reference() => {
            Term::atom(atoms.intern("nonode@nohost"))
        }
        NodeOf => return None,
        BinaryPart => {
            let (start, len) = match vs.len() {
                2 => {
                    let [s, l] = vs[1].as_tuple_n::<2>()?;
                    (s.as_small()?, l.as_small()?)
                }
                _ => (vs[1].as_small()?, vs[2].as_small()?),
            };
            let bits = crate::ops::binary::bit_size(vs[0])?;
            if bits % 8 != 0 {
                return None;
            }
            let size = (bits / 8) as i64;
            let (from, to) = if len >= 0 {
                (start, start + len)
            } else {
                (start + len, start)
            };
            if from < 0 || to > size {
                return None;
            }
            crate::ops::binary::slice(heap, vs[0], from as usize * 8, (to - from) as usize * 8)?
        }
        Node => Term::atom(atoms.intern("nonode@nohost")),
        AndAlso | OrElse => unreachable_bool(),
    })
}

/// Handled before the arguments are evaluated.
fn unreachable_bool() -> Term {
    Term::atom(atom::FALSE)
}
