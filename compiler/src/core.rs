//! The core IR: what lowering (`lower*.rs`) produces and code generation (`codegen*.rs`) consumes.
//! It owns only data shapes and the `--dump=core` printer; it does no analysis.
//!
//! The IR is in A-normal form: every operand of an operation is a variable or a constant
//! ([`Operand`]), and intermediate values are named by [`Stmt`]s. Variables are numbered per function
//! ([`VarId`]); a variable may be assigned in several branches of a `case` (that is how variables
//! exported from a `case` are joined) but never twice on one path.
//!
//! Tail position is structural: a [`Block`] whose last non-export statement defines the variable the
//! block returns is in tail position when the block itself is.
//!
//! Pattern matching constructs (function heads, `case`, `receive`, `try`, `catch` clauses) are
//! [`CExpr::Case`]-like nodes holding clauses of [`Pat`]terns; `matchc.rs` turns them into decision
//! trees.

use crate::ast::Span;
use crate::matchc::Decision;
use krarup_bytecode::module::Literal;
use krarup_bytecode::opcode::{ArithOp, BsFlags, BsType, MapPut, UnaryOp};
use std::fmt::Write;

/// A variable number, unique within one [`CFun`].
pub type VarId = u32;

/// A value that needs no computation: a variable or a constant term.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A variable.
    Var(VarId),
    /// A constant (atoms, numbers, `[]`, and fully constant compound terms).
    Lit(Literal),
}

impl Operand {
    /// The atom constant `name`.
    pub fn atom(name: &str) -> Operand {
        Operand::Lit(Literal::Atom(name.to_string()))
    }
}

/// A module in core form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CModule {
    /// Module name.
    pub name: String,
    /// Source file name.
    pub file: String,
    /// Exported `(name, arity)` pairs (includes `module_info/0,1`).
    pub exports: Vec<(String, u32)>,
    /// All functions: source functions, then generated ones (lambdas, comprehensions, module_info).
    pub functions: Vec<CFun>,
    /// Constant attributes (`-vsn`, ...).
    pub attributes: Vec<(String, Literal)>,
}

/// Extra facts about a function that implements a fun (`MakeFun` target).
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaInfo {
    /// Arity seen by callers of the fun.
    pub user_arity: u32,
    /// Number of free variables, passed after the user arguments.
    pub num_free: u32,
}

/// One function. Its `params` arrive in `x0..x[arity-1]`; for lifted functions (funs and
/// comprehensions) the last `num_free` params are the captured free variables.
#[derive(Debug, Clone, PartialEq)]
pub struct CFun {
    /// Function name (generated names follow BEAM: `-f/1-fun-0-`, `-f/1-lc$^0/1-0-`).
    pub name: String,
    /// Total arity including free variables.
    pub arity: u32,
    /// Parameter variables, `arity` of them.
    pub params: Vec<VarId>,
    /// Number of trailing params that are free variables (0 for source functions).
    pub num_free: u32,
    /// Set when this function is the code of a fun.
    pub lambda: Option<LambdaInfo>,
    /// The body.
    pub body: Block,
    /// Number of variables used (all `VarId`s are below this).
    pub num_vars: u32,
    /// Source line of the function head.
    pub line: u32,
    /// Span of the definition (for diagnostics).
    pub span: Span,
}

/// A sequence of statements and the operand it returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Statements in evaluation order.
    pub stmts: Vec<Stmt>,
    /// The block's value.
    pub ret: Operand,
}

impl Block {
    /// A block that just returns `ret`.
    pub fn of(ret: Operand) -> Block {
        Block {
            stmts: Vec::new(),
            ret,
        }
    }
}

/// `var := expr`.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// The variable assigned.
    pub var: VarId,
    /// The computation.
    pub expr: CExpr,
    /// Source line (for the line table).
    pub line: u32,
    /// True for the moves that join a variable exported from a branching construct; they are dead
    /// when the enclosing block is in tail position.
    pub export: bool,
}

/// What a call calls.
#[derive(Debug, Clone, PartialEq)]
pub enum Callee {
    /// A function of this module by name and total arity.
    Local(String, u32),
    /// The current function itself; codegen appends the function's free-variable params to the
    /// arguments (used by comprehension functions).
    SelfRec,
    /// `M:F/A` with constant names.
    Ext(String, String, u32),
    /// A fun value.
    Fun(Operand),
    /// `M:F(...)` with computed module and function (`apply/3` semantics).
    Apply(Operand, Operand),
}

/// A computation in a [`Stmt`].
#[derive(Debug, Clone, PartialEq)]
pub enum CExpr {
    /// Just a value (a move).
    Value(Operand),
    /// `{A, B, ...}`.
    Tuple(Vec<Operand>),
    /// `[H | T]`.
    Cons(Operand, Operand),
    /// A call. Raises whatever the callee raises.
    Call(Callee, Vec<Operand>),
    /// A call of the builtin `erlang:Name/N` through the `Bif` instruction (no frame needed).
    Bif(String, Vec<Operand>),
    /// Arithmetic (`badarith` on bad operands).
    Arith(ArithOp, Operand, Operand),
    /// Unary arithmetic.
    Unary(UnaryOp, Operand),
    /// `To ! Msg`; the value is `Msg`.
    Send(Operand, Operand),
    /// A closure over the function `name/arity` (total arity) with the given free variables.
    MakeFun {
        /// Lifted function name.
        name: String,
        /// Its total arity.
        arity: u32,
        /// Free variable values, in the function's param order.
        free: Vec<Operand>,
    },
    /// A closure over the current function with its own free variables (named funs).
    SelfFun,
    /// Binary construction.
    Binary(Vec<CSeg>),
    /// Map construction or update.
    MapPut {
        /// `=>` or `:=`.
        kind: MapPut,
        /// The map updated (a literal empty map for construction).
        map: Operand,
        /// Key/value pairs.
        pairs: Vec<(Operand, Operand)>,
    },
    /// Pattern matching over `args` with the clauses in order.
    Case {
        /// The matched values (must be variables).
        args: Vec<VarId>,
        /// Clauses; each has `args.len()` patterns.
        clauses: Vec<CClause>,
        /// What happens when no clause matches.
        fail: Fail,
        /// The decision tree, filled in by match compilation (`matchc.rs`).
        tree: Option<Box<Decision>>,
    },
    /// `receive`: each clause has one pattern matched against the message.
    Receive {
        /// Variable that holds the current message during matching.
        msg: VarId,
        /// Clauses.
        clauses: Vec<CClause>,
        /// `after T -> Body`.
        after: Option<(Operand, Block)>,
        /// The decision tree over `[msg]`, filled in by match compilation.
        tree: Option<Box<Decision>>,
    },
    /// `try Body of ... catch ... end`. The value of `body` is assigned to `result`, then `of` runs
    /// outside the protected region. On an exception, `class`, `reason` and `stack` are assigned and
    /// `handler` runs.
    Try {
        /// Protected block.
        body: Block,
        /// Receives the body's value.
        result: VarId,
        /// Runs after the body succeeded (usually a case on `result`).
        of: Block,
        /// Y slot variable that holds the catch marker.
        tag: VarId,
        /// Exception class.
        class: VarId,
        /// Exception reason.
        reason: VarId,
        /// Stack trace.
        stack: VarId,
        /// Handler block.
        handler: Block,
    },
    /// `catch Body`.
    Catch {
        /// The protected block.
        body: Block,
        /// Y slot variable that holds the catch marker.
        tag: VarId,
    },
    /// `erlang:error(Reason)` raised by compiler-generated code (`{bad_generator, X}`, ...).
    Error(Operand),
    /// `erlang:raise(Class, Reason, Stack)` (re-raise after `after`, unmatched catch).
    Raise(Operand, Operand, Operand),
}

/// What a failed match raises.
#[derive(Debug, Clone, PartialEq)]
pub enum Fail {
    /// `{case_clause, V}`.
    CaseClause(Operand),
    /// `if_clause`.
    IfClause,
    /// `{badmatch, V}`.
    Badmatch(Operand),
    /// `{try_clause, V}`.
    TryClause(Operand),
    /// `function_clause` (jump to the function's `FuncInfo`).
    FunctionClause,
    /// Re-raise the caught exception (no catch clause matched).
    Reraise(Operand, Operand, Operand),
    /// `{badrecord, V}`.
    Badrecord(Operand),
    /// `error(V)` for generated code.
    Error(Operand),
}

/// One clause of a matching construct.
#[derive(Debug, Clone, PartialEq)]
pub struct CClause {
    /// One pattern per matched value.
    pub pats: Vec<Pat>,
    /// Guard, if any.
    pub guard: Option<Guard>,
    /// Body.
    pub body: Block,
    /// Source line.
    pub line: u32,
    /// Span (for the "cannot match" warning).
    pub span: Span,
}

/// A pattern. Composite constants are always decomposed (strings are cons chains of integers), so
/// [`Pat::Lit`] only holds atoms, numbers and `[]`.
#[derive(Debug, Clone, PartialEq)]
pub enum Pat {
    /// `_`.
    Wild,
    /// Binds a fresh variable.
    Var(VarId),
    /// An atomic constant, compared with `=:=`.
    Lit(Literal),
    /// A tuple.
    Tuple(Vec<Pat>),
    /// A cons cell.
    Cons(Box<Pat>, Box<Pat>),
    /// `#{K := P, ...}`: keys are constants or already-bound variables.
    Map(Vec<(Operand, Pat)>),
    /// A binary.
    Bin(Vec<PSeg>),
    /// `V = P`.
    Alias(VarId, Box<Pat>),
}

/// One segment of a binary pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct PSeg {
    /// Segment type.
    pub ty: BsType,
    /// Size in units.
    pub size: SegSize,
    /// Unit in bits.
    pub unit: u16,
    /// Signedness and endianness.
    pub flags: BsFlags,
    /// The value pattern: `Wild`, `Var` or `Lit`.
    pub value: Pat,
}

/// The size of a binary segment.
#[derive(Debug, Clone, PartialEq)]
pub enum SegSize {
    /// The type's default.
    Default,
    /// All remaining bits (`/binary` or `/bits` without a size in the last segment).
    All,
    /// A computed size.
    Op(Operand),
    /// A size expression over variables bound earlier in the same binary pattern, evaluated
    /// while matching (patterns only; a failure makes the segment not match).
    Guard(Box<GExpr>),
}

/// One segment of a binary construction.
#[derive(Debug, Clone, PartialEq)]
pub struct CSeg {
    /// Segment type.
    pub ty: BsType,
    /// Value.
    pub value: Operand,
    /// Size in units.
    pub size: SegSize,
    /// Unit in bits.
    pub unit: u16,
    /// Flags.
    pub flags: BsFlags,
}

/// A guard: alternatives (`;`), each a conjunction (`,`) of tests.
#[derive(Debug, Clone, PartialEq)]
pub struct Guard(pub Vec<Vec<GExpr>>);

/// A guard expression. Evaluated with guard semantics: any error makes the guard fail.
#[derive(Debug, Clone, PartialEq)]
pub enum GExpr {
    /// A variable or constant.
    Op(Operand),
    /// Tuple construction.
    Tuple(Vec<GExpr>),
    /// Cons construction.
    Cons(Box<GExpr>, Box<GExpr>),
    /// A guard BIF or operator `erlang:Name/N` (type tests and comparisons become tests).
    Bif(String, Vec<GExpr>),
    /// Arithmetic.
    Arith(ArithOp, Box<GExpr>, Box<GExpr>),
    /// Unary arithmetic.
    Unary(UnaryOp, Box<GExpr>),
    /// `andalso`.
    AndAlso(Box<GExpr>, Box<GExpr>),
    /// `orelse`.
    OrElse(Box<GExpr>, Box<GExpr>),
    /// `is_record(E, Tag, Size)`.
    IsRecord(Box<GExpr>, String, u32),
    /// `E#tag.field`: element `index` (1-based) of a tuple of `size` elements tagged `tag`.
    RecordField {
        /// The record.
        src: Box<GExpr>,
        /// Record name.
        tag: String,
        /// Tuple size.
        size: u32,
        /// 1-based element index.
        index: u32,
    },
    /// Map construction or update inside a guard.
    MapPut(MapPut, Box<GExpr>, Vec<(GExpr, GExpr)>),
    /// Binary construction inside a guard (erl allows bit syntax there); a bad segment makes the
    /// guard fail instead of raising `badarg`.
    Binary(Vec<GSeg>),
}

/// One segment of a binary built in a guard: a [`CSeg`] whose value and size (`SegSize::Guard`
/// when given) are guard expressions.
#[derive(Debug, Clone, PartialEq)]
pub struct GSeg {
    /// Segment type.
    pub ty: BsType,
    /// Value.
    pub value: GExpr,
    /// Size in units: `Default`, `All` or `Guard`.
    pub size: SegSize,
    /// Unit in bits.
    pub unit: u16,
    /// Flags.
    pub flags: BsFlags,
}

// ---------------------------------------------------------------------------------------------
// Printing (`--dump=core`)
// ---------------------------------------------------------------------------------------------

/// Prints a literal in Erlang-like syntax.
pub fn fmt_lit(l: &Literal) -> String {
    match l {
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => format!("{f:?}"),
        Literal::Atom(a) => format!("'{a}'"),
        Literal::Nil => "[]".to_string(),
        Literal::List(items, tail) => {
            let parts: Vec<String> = items.iter().map(fmt_lit).collect();
            if **tail == Literal::Nil {
                format!("[{}]", parts.join(","))
            } else {
                format!("[{}|{}]", parts.join(","), fmt_lit(tail))
            }
        }
        Literal::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(fmt_lit).collect();
            format!("{{{}}}", parts.join(","))
        }
        Literal::Map(pairs) => {
            let parts: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}=>{}", fmt_lit(k), fmt_lit(v)))
                .collect();
            format!("#{{{}}}", parts.join(","))
        }
        Literal::Binary(bytes, bits) => format!("<<{bytes:?}:{bits} bits>>"),
        Literal::ExportFun(m, f, a) => format!("fun {m}:{f}/{a}"),
    }
}

/// Prints an operand (`_5` for variable 5).
pub fn fmt_op(o: &Operand) -> String {
    match o {
        Operand::Var(v) => format!("_{v}"),
        Operand::Lit(l) => fmt_lit(l),
    }
}

fn fmt_ops(os: &[Operand]) -> String {
    os.iter().map(fmt_op).collect::<Vec<_>>().join(", ")
}

/// Prints a pattern.
pub fn fmt_pat(p: &Pat) -> String {
    match p {
        Pat::Wild => "_".into(),
        Pat::Var(v) => format!("_{v}"),
        Pat::Lit(l) => fmt_lit(l),
        Pat::Tuple(ps) => format!(
            "{{{}}}",
            ps.iter().map(fmt_pat).collect::<Vec<_>>().join(", ")
        ),
        Pat::Cons(h, t) => format!("[{} | {}]", fmt_pat(h), fmt_pat(t)),
        Pat::Map(kv) => format!(
            "#{{{}}}",
            kv.iter()
                .map(|(k, v)| format!("{} := {}", fmt_op(k), fmt_pat(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Pat::Bin(segs) => format!(
            "<<{}>>",
            segs.iter()
                .map(|s| format!("{}:{:?}/{:?}", fmt_pat(&s.value), s.size, s.ty))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Pat::Alias(v, p) => format!("_{v} = {}", fmt_pat(p)),
    }
}

/// Prints a guard expression.
pub fn fmt_gexpr(g: &GExpr) -> String {
    match g {
        GExpr::Op(o) => fmt_op(o),
        GExpr::Tuple(es) => format!(
            "{{{}}}",
            es.iter().map(fmt_gexpr).collect::<Vec<_>>().join(", ")
        ),
        GExpr::Cons(h, t) => format!("[{} | {}]", fmt_gexpr(h), fmt_gexpr(t)),
        GExpr::Bif(n, args) => format!(
            "erlang:'{n}'({})",
            args.iter().map(fmt_gexpr).collect::<Vec<_>>().join(", ")
        ),
        GExpr::Arith(op, a, b) => format!("{op:?}({}, {})", fmt_gexpr(a), fmt_gexpr(b)),
        GExpr::Unary(op, a) => format!("{op:?}({})", fmt_gexpr(a)),
        GExpr::AndAlso(a, b) => format!("({} andalso {})", fmt_gexpr(a), fmt_gexpr(b)),
        GExpr::OrElse(a, b) => format!("({} orelse {})", fmt_gexpr(a), fmt_gexpr(b)),
        GExpr::IsRecord(e, t, n) => format!("is_record({}, {t}, {n})", fmt_gexpr(e)),
        GExpr::RecordField {
            src, tag, index, ..
        } => format!("{}#{tag}[{index}]", fmt_gexpr(src)),
        GExpr::Binary(segs) => format!(
            "<<{}>>",
            segs.iter()
                .map(|s| match &s.size {
                    SegSize::Guard(n) => format!("{}:{}", fmt_gexpr(&s.value), fmt_gexpr(n)),
                    _ => fmt_gexpr(&s.value),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        GExpr::MapPut(k, m, kv) => format!(
            "{}#{{{:?} {}}}",
            fmt_gexpr(m),
            k,
            kv.iter()
                .map(|(a, b)| format!("{} => {}", fmt_gexpr(a), fmt_gexpr(b)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Prints a guard.
pub fn fmt_guard(g: &Guard) -> String {
    g.0.iter()
        .map(|alt| alt.iter().map(fmt_gexpr).collect::<Vec<_>>().join(", "))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Prints a whole module in a readable Core-Erlang-like syntax.
pub fn print_module(m: &CModule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "module '{}'", m.name);
    let exports: Vec<String> = m.exports.iter().map(|(n, a)| format!("{n}/{a}")).collect();
    let _ = writeln!(out, "exports [{}]", exports.join(", "));
    for f in &m.functions {
        let params: Vec<String> = f.params.iter().map(|p| format!("_{p}")).collect();
        let _ = writeln!(
            out,
            "\n'{}'/{} ({}){}{} =",
            f.name,
            f.arity,
            params.join(", "),
            if f.num_free > 0 {
                format!(" free={}", f.num_free)
            } else {
                String::new()
            },
            if f.lambda.is_some() { " lambda" } else { "" }
        );
        print_block(&mut out, &f.body, 1);
    }
    out
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn print_block(out: &mut String, b: &Block, depth: usize) {
    for s in &b.stmts {
        indent(out, depth);
        let _ = write!(
            out,
            "{}_{} := ",
            if s.export { "export " } else { "" },
            s.var
        );
        print_expr(out, &s.expr, depth);
        out.push('\n');
    }
    indent(out, depth);
    let _ = writeln!(out, "return {}", fmt_op(&b.ret));
}

fn print_clauses(out: &mut String, clauses: &[CClause], depth: usize) {
    for c in clauses {
        indent(out, depth + 1);
        let pats: Vec<String> = c.pats.iter().map(fmt_pat).collect();
        let _ = write!(out, "<{}>", pats.join(", "));
        if let Some(g) = &c.guard {
            let _ = write!(out, " when {}", fmt_guard(g));
        }
        out.push_str(" ->\n");
        print_block(out, &c.body, depth + 2);
    }
}

fn print_expr(out: &mut String, e: &CExpr, depth: usize) {
    match e {
        CExpr::Value(o) => out.push_str(&fmt_op(o)),
        CExpr::Tuple(os) => {
            let _ = write!(out, "{{{}}}", fmt_ops(os));
        }
        CExpr::Cons(h, t) => {
            let _ = write!(out, "[{} | {}]", fmt_op(h), fmt_op(t));
        }
        CExpr::Call(c, args) => {
            let callee = match c {
                Callee::Local(n, a) => format!("'{n}'/{a}"),
                Callee::SelfRec => "self-rec".to_string(),
                Callee::Ext(m, f, a) => format!("'{m}':'{f}'/{a}"),
                Callee::Fun(o) => format!("fun {}", fmt_op(o)),
                Callee::Apply(m, f) => format!("apply {}:{}", fmt_op(m), fmt_op(f)),
            };
            let _ = write!(out, "call {callee}({})", fmt_ops(args));
        }
        CExpr::Bif(n, args) => {
            let _ = write!(out, "bif erlang:'{n}'({})", fmt_ops(args));
        }
        CExpr::Arith(op, a, b) => {
            let _ = write!(out, "{op:?}({}, {})", fmt_op(a), fmt_op(b));
        }
        CExpr::Unary(op, a) => {
            let _ = write!(out, "{op:?}({})", fmt_op(a));
        }
        CExpr::Send(a, b) => {
            let _ = write!(out, "send({}, {})", fmt_op(a), fmt_op(b));
        }
        CExpr::MakeFun { name, arity, free } => {
            let _ = write!(out, "make_fun '{name}'/{arity} [{}]", fmt_ops(free));
        }
        CExpr::SelfFun => out.push_str("make_fun self"),
        CExpr::Binary(segs) => {
            let parts: Vec<String> = segs
                .iter()
                .map(|s| format!("{}:{:?}/{:?}", fmt_op(&s.value), s.size, s.ty))
                .collect();
            let _ = write!(out, "<<{}>>", parts.join(", "));
        }
        CExpr::MapPut { kind, map, pairs } => {
            let parts: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{} {:?} {}", fmt_op(k), kind, fmt_op(v)))
                .collect();
            let _ = write!(out, "{}#{{{}}}", fmt_op(map), parts.join(", "));
        }
        CExpr::Case {
            args,
            clauses,
            fail,
            ..
        } => {
            let a: Vec<String> = args.iter().map(|v| format!("_{v}")).collect();
            let _ = writeln!(out, "case <{}> of (fail: {:?})", a.join(", "), fail);
            print_clauses(out, clauses, depth);
            indent(out, depth);
            out.push_str("end");
        }
        CExpr::Receive {
            msg,
            clauses,
            after,
            ..
        } => {
            let _ = writeln!(out, "receive _{msg} of");
            print_clauses(out, clauses, depth);
            if let Some((t, b)) = after {
                indent(out, depth + 1);
                let _ = writeln!(out, "after {} ->", fmt_op(t));
                print_block(out, b, depth + 2);
            }
            indent(out, depth);
            out.push_str("end");
        }
        CExpr::Try {
            body,
            result,
            of,
            class,
            reason,
            stack,
            handler,
            ..
        } => {
            out.push_str("try\n");
            print_block(out, body, depth + 1);
            indent(out, depth);
            let _ = writeln!(out, "of _{result} ->");
            print_block(out, of, depth + 1);
            indent(out, depth);
            let _ = writeln!(out, "catch _{class}:_{reason}:_{stack} ->");
            print_block(out, handler, depth + 1);
            indent(out, depth);
            out.push_str("end");
        }
        CExpr::Catch { body, .. } => {
            out.push_str("catch\n");
            print_block(out, body, depth + 1);
            indent(out, depth);
            out.push_str("end");
        }
        CExpr::Error(o) => {
            let _ = write!(out, "error({})", fmt_op(o));
        }
        CExpr::Raise(a, b, c) => {
            let _ = write!(out, "raise({}, {}, {})", fmt_op(a), fmt_op(b), fmt_op(c));
        }
    }
}
