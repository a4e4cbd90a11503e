//! The abstract syntax tree produced by the parser (`crate::parser`) and consumed by module checks
//! (`crate::checks`) and lowering (the backend). It owns only data shapes; no behaviour beyond small
//! helpers.
//!
//! # Patterns share the expression type
//! Like OTP's `erl_parse`, patterns are parsed as [`Expr`] values: a pattern is an expression that uses
//! only the pattern subset (literals, variables, `_`, tuples, lists, cons, maps `#{K := P}` written as
//! [`Expr::Map`] whose associations use [`MapAssocKind::Exact`], records, binaries, `P1 = P2`
//! ([`Expr::Match`]), string prefix `"abc" ++ P` ([`Expr::BinaryOp`] with [`BinOp::Append`]), and constant
//! arithmetic such as `-1` or `1 + 2` ([`Expr::UnaryOp`]/[`Expr::BinaryOp`]). Function, fun and catch
//! clause heads go through a pattern grammar (as in `erl_parse`) that rejects calls, funs, `case` and
//! the like, but `case`/`receive`/`try ... of` clause patterns, the left side of `=` and generator
//! patterns are parsed as expressions, so lowering must report non-patterns there ("illegal pattern").
//!
//! # Spans
//! Every node carries a [`Span`]: byte offsets into the original source text of the file being compiled.
//! Tokens produced by macro expansion carry the span of the macro call site (`?NAME(...)`).

use num_bigint::BigInt;

/// A half-open byte range `start..end` into the original source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// Builds a span from byte offsets.
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One parsed `.erl` module.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Module {
    /// The name from `-module(Name).`; empty if the attribute is missing (checks report that).
    pub name: String,
    /// The file name given to `parse_module`, used in diagnostics and `?FILE`.
    pub file: String,
    /// Function definitions in source order. Clauses of one function are grouped into one [`Function`].
    pub functions: Vec<Function>,
    /// `-export([f/1, ...]).` entries in source order, all attributes merged: `(name, arity, span)`.
    pub exports: Vec<(String, u32, Span)>,
    /// `-import(Mod, [f/1, ...]).` entries: `(module, name, arity, span)`.
    pub imports: Vec<(String, String, u32, Span)>,
    /// `-record(name, {...}).` definitions in source order.
    pub records: Vec<RecordDef>,
    /// All other attributes (`-compile`, `-vsn`, `-author`, `-behaviour`, `-spec`, `-type`, user-defined
    /// ...). Specs and types are kept only as raw [`Attribute`]s with no structured value.
    pub attributes: Vec<Attribute>,
    /// Span of the `-module(...)` attribute, or an empty span at 0 if missing.
    pub span: Span,
    /// The included files, whose offsets lie above the module's source (see `sources`).
    pub sources: crate::sources::SourceMap,
}

/// A function: all consecutive clauses `name(...) -> ...;` sharing a name and arity.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// Function name (an atom).
    pub name: String,
    /// Number of parameters; every clause has exactly this many patterns.
    pub arity: u32,
    /// Clauses in source order (at least one).
    pub clauses: Vec<Clause>,
    /// Span of the whole definition, from the first clause head to the final `.`-terminated clause.
    pub span: Span,
}

/// A `-record(name, {field = Default, ...}).` definition.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordDef {
    /// Record name (an atom).
    pub name: String,
    /// Fields in declaration order; type annotations (`f = 1 :: integer()`) are discarded.
    pub fields: Vec<RecordFieldDef>,
    /// Span of the whole attribute.
    pub span: Span,
}

/// One field of a record definition.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordFieldDef {
    /// Field name (an atom).
    pub name: String,
    /// The default value expression, if any (otherwise the default is `undefined`).
    pub default: Option<Expr>,
    /// Span of the field name.
    pub span: Span,
}

/// An attribute other than `-module`, `-export`, `-import`, `-record`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// Attribute name without the dash, e.g. `compile`, `vsn`, `spec`.
    pub name: String,
    /// The attribute's value as a term-like expression when it parsed as one (`-vsn("1.0").` gives a
    /// string); `None` for `-spec`, `-type`, `-opaque`, `-callback` and other attributes whose content
    /// is not an expression (their tokens are skipped).
    pub value: Option<Expr>,
    /// Span of the whole attribute.
    pub span: Span,
}

/// A function, fun, case, receive, try-of or try-catch clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The head patterns: parameters for function/fun clauses (may be empty), exactly one pattern for
    /// `case`/`receive`/`try ... of` clauses, none for `if` clauses. (`catch` clauses are
    /// [`CatchClause`]s.)
    pub patterns: Vec<Expr>,
    /// Guard: `;`-separated alternatives, each a `,`-separated list of tests. Empty when no `when`.
    /// For an `if` clause the guard is the condition.
    pub guards: Vec<Vec<Expr>>,
    /// Body expressions, at least one, evaluated in order; the last gives the value.
    pub body: Vec<Expr>,
    /// Span from the first pattern (or the name for function clauses) to the end of the body.
    pub span: Span,
}

/// A `try ... catch` clause: `Class:Reason:Stack when G -> Body`.
#[derive(Debug, Clone, PartialEq)]
pub struct CatchClause {
    /// The class pattern; `None` means omitted, i.e. `throw`. May be an atom (`error`, `exit`, `throw`),
    /// a variable or `_`.
    pub class: Option<Expr>,
    /// The reason pattern.
    pub reason: Expr,
    /// The stacktrace variable name, if given (`Class:Reason:Stack`).
    pub stacktrace: Option<String>,
    /// Guard alternatives, as in [`Clause::guards`].
    pub guards: Vec<Vec<Expr>>,
    /// Body expressions.
    pub body: Vec<Expr>,
    /// Span of the whole clause.
    pub span: Span,
}

/// An expression (or pattern, see the module docs). Every variant carries its [`Span`].
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// An integer literal (`42`, `16#FF`, `$a`, `1_000`); char literals are integers too.
    Integer(BigInt, Span),
    /// A float literal (`1.0e10`).
    Float(f64, Span),
    /// An atom literal (`ok`, `'hello world'`), with escapes resolved.
    Atom(String, Span),
    /// A string literal with escapes resolved; adjacent literals (`"a" "b"`) are already concatenated.
    /// Holds Unicode code points as a Rust string (Erlang strings are lists of code points).
    String(String, Span),
    /// A variable reference or binding (`X`, `_Ignored`). Names starting with `_` are still variables.
    Var(String, Span),
    /// The anonymous variable `_`.
    AnonymousVar(Span),
    /// A tuple `{E1, ..., En}`.
    Tuple(Vec<Expr>, Span),
    /// The empty list `[]`.
    Nil(Span),
    /// A cons cell `[Head | Tail]`. `[a, b | T]` parses as `Cons(a, Cons(b, T))` and `[a, b]` as
    /// `Cons(a, Cons(b, Nil))`.
    Cons(Box<Expr>, Box<Expr>, Span),
    /// A map construction `#{K => V, ...}` (in patterns: `#{K := P}` with `Exact` associations).
    Map(Vec<MapAssoc>, Span),
    /// A map update `M#{K := V, K2 => V2}`.
    MapUpdate(Box<Expr>, Vec<MapAssoc>, Span),
    /// A record construction `#name{f = V, _ = Default}` (also a record pattern).
    Record {
        name: String,
        fields: Vec<RecordField>,
        span: Span,
    },
    /// A record field access `E#name.field`.
    RecordField {
        expr: Box<Expr>,
        name: String,
        field: String,
        span: Span,
    },
    /// A record update `E#name{f = V}`.
    RecordUpdate {
        expr: Box<Expr>,
        name: String,
        fields: Vec<RecordField>,
        span: Span,
    },
    /// A record field index `#name.field` (an integer: position in the record tuple, 2-based).
    RecordIndex {
        name: String,
        field: String,
        span: Span,
    },
    /// A binary `<<Seg, ...>>` (also a binary pattern).
    Binary(Vec<BinSegment>, Span),
    /// A binary operator application, including `andalso`, `orelse`, `!` (send), `++`, `--`.
    BinaryOp(BinOp, Box<Expr>, Box<Expr>, Span),
    /// A prefix unary operator application: `-E`, `+E`, `not E`, `bnot E`.
    UnaryOp(UnOp, Box<Expr>, Span),
    /// A match `Pattern = Expr` (right-associative: `A = B = E` is `A = (B = E)`).
    Match(Box<Expr>, Box<Expr>, Span),
    /// A function call.
    Call {
        target: CallTarget,
        args: Vec<Expr>,
        span: Span,
    },
    /// `case E of Clauses end`; each clause has exactly one pattern.
    Case(Box<Expr>, Vec<Clause>, Span),
    /// `if Clauses end`; each clause has no patterns and its guard is the condition.
    If(Vec<Clause>, Span),
    /// `receive Clauses after Timeout -> Body end`. `clauses` may be empty when `after` is present.
    Receive {
        clauses: Vec<Clause>,
        after: Option<(Box<Expr>, Vec<Expr>)>,
        span: Span,
    },
    /// `try Body of OfClauses catch CatchClauses after AfterBody end`.
    Try {
        /// The protected body.
        body: Vec<Expr>,
        /// `of` clauses (empty if no `of` section).
        of_clauses: Vec<Clause>,
        /// `catch` clauses (empty if no `catch` section).
        catch_clauses: Vec<CatchClause>,
        /// The `after` body (empty if no `after` section).
        after: Vec<Expr>,
        span: Span,
    },
    /// `catch E` (the old-style catch expression).
    Catch(Box<Expr>, Span),
    /// `begin E1, ..., En end`.
    Block(Vec<Expr>, Span),
    /// An anonymous function `fun (Args) -> Body; ... end`.
    Fun(Vec<Clause>, Span),
    /// A named (recursive) anonymous function `fun Name(Args) -> Body; Name(...) -> ... end`; `name`
    /// is the variable bound to the fun inside its own body.
    NamedFun {
        name: String,
        clauses: Vec<Clause>,
        span: Span,
    },
    /// A local function reference `fun f/1`.
    FunRef {
        name: String,
        arity: u32,
        span: Span,
    },
    /// A remote function reference `fun m:f/1`. Module, function and arity are expressions because
    /// OTP allows variables (`fun M:F/A`); usually an atom, atom, integer.
    RemoteFunRef {
        module: Box<Expr>,
        function: Box<Expr>,
        arity: Box<Expr>,
        span: Span,
    },
    /// A list comprehension `[E || Qualifiers]`.
    ListComprehension(Box<Expr>, Vec<Qualifier>, Span),
    /// A binary comprehension `<< B || Qualifiers >>`; the template `B` is usually a binary expression
    /// (the parser stores the expression between `<<` and `||` as written).
    BinaryComprehension(Box<Expr>, Vec<Qualifier>, Span),
    /// A map comprehension `#{K => V || Qualifiers}` (OTP 26). Reserved: the OTP 25 grammar here never
    /// produces it.
    MapComprehension(Box<Expr>, Box<Expr>, Vec<Qualifier>, Span),
}

impl Expr {
    /// The span of this node.
    pub fn span(&self) -> Span {
        match self {
            Expr::Integer(_, s)
            | Expr::Float(_, s)
            | Expr::Atom(_, s)
            | Expr::String(_, s)
            | Expr::Var(_, s)
            | Expr::AnonymousVar(s)
            | Expr::Tuple(_, s)
            | Expr::Nil(s)
            | Expr::Cons(_, _, s)
            | Expr::Map(_, s)
            | Expr::MapUpdate(_, _, s)
            | Expr::Binary(_, s)
            | Expr::BinaryOp(_, _, _, s)
            | Expr::UnaryOp(_, _, s)
            | Expr::Match(_, _, s)
            | Expr::Case(_, _, s)
            | Expr::If(_, s)
            | Expr::Catch(_, s)
            | Expr::Block(_, s)
            | Expr::Fun(_, s)
            | Expr::ListComprehension(_, _, s)
            | Expr::BinaryComprehension(_, _, s)
            | Expr::MapComprehension(_, _, _, s) => *s,
            Expr::Record { span, .. }
            | Expr::RecordField { span, .. }
            | Expr::RecordUpdate { span, .. }
            | Expr::RecordIndex { span, .. }
            | Expr::Call { span, .. }
            | Expr::Receive { span, .. }
            | Expr::Try { span, .. }
            | Expr::NamedFun { span, .. }
            | Expr::FunRef { span, .. }
            | Expr::RemoteFunRef { span, .. } => *span,
        }
    }
}

impl Expr {
    /// Calls `f` on each direct sub-expression, in source order, including clause patterns, guards
    /// and bodies, map keys and values, record field values, binary segment values and sizes, and
    /// comprehension qualifiers.
    pub fn for_each_child<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        fn clause<'a>(c: &'a Clause, f: &mut impl FnMut(&'a Expr)) {
            c.patterns.iter().for_each(&mut *f);
            c.guards.iter().flatten().for_each(&mut *f);
            c.body.iter().for_each(&mut *f);
        }
        fn quals<'a>(qs: &'a [Qualifier], f: &mut impl FnMut(&'a Expr)) {
            for q in qs {
                match q {
                    Qualifier::Generator(p, e, _) | Qualifier::BinaryGenerator(p, e, _) => {
                        f(p);
                        f(e);
                    }
                    Qualifier::Filter(e) => f(e),
                }
            }
        }
        match self {
            Expr::Integer(..)
            | Expr::Float(..)
            | Expr::Atom(..)
            | Expr::String(..)
            | Expr::Var(..)
            | Expr::AnonymousVar(_)
            | Expr::Nil(_)
            | Expr::RecordIndex { .. }
            | Expr::FunRef { .. } => {}
            Expr::Tuple(items, _) | Expr::Block(items, _) => items.iter().for_each(f),
            Expr::Cons(h, t, _) => {
                f(h);
                f(t);
            }
            Expr::Map(assocs, _) => {
                for a in assocs {
                    f(&a.key);
                    f(&a.value);
                }
            }
            Expr::MapUpdate(e, assocs, _) => {
                f(e);
                for a in assocs {
                    f(&a.key);
                    f(&a.value);
                }
            }
            Expr::Record { fields, .. } => fields.iter().for_each(|r| f(&r.value)),
            Expr::RecordField { expr, .. } => f(expr),
            Expr::RecordUpdate { expr, fields, .. } => {
                f(expr);
                fields.iter().for_each(|r| f(&r.value));
            }
            Expr::Binary(segs, _) => {
                for s in segs {
                    f(&s.value);
                    if let Some(size) = &s.size {
                        f(size);
                    }
                }
            }
            Expr::BinaryOp(_, a, b, _) | Expr::Match(a, b, _) => {
                f(a);
                f(b);
            }
            Expr::UnaryOp(_, e, _) | Expr::Catch(e, _) => f(e),
            Expr::Call { target, args, .. } => {
                match target {
                    CallTarget::Local(..) => {}
                    CallTarget::Remote(m, fun) => {
                        f(m);
                        f(fun);
                    }
                    CallTarget::Expr(e) => f(e),
                }
                args.iter().for_each(f);
            }
            Expr::Case(e, clauses, _) => {
                f(e);
                clauses.iter().for_each(|c| clause(c, f));
            }
            Expr::If(clauses, _) | Expr::Fun(clauses, _) | Expr::NamedFun { clauses, .. } => {
                clauses.iter().for_each(|c| clause(c, f))
            }
            Expr::Receive { clauses, after, .. } => {
                clauses.iter().for_each(|c| clause(c, f));
                if let Some((t, body)) = after {
                    f(t);
                    body.iter().for_each(f);
                }
            }
            Expr::Try {
                body,
                of_clauses,
                catch_clauses,
                after,
                ..
            } => {
                body.iter().for_each(&mut *f);
                of_clauses.iter().for_each(|c| clause(c, f));
                for c in catch_clauses {
                    if let Some(class) = &c.class {
                        f(class);
                    }
                    f(&c.reason);
                    c.guards.iter().flatten().for_each(&mut *f);
                    c.body.iter().for_each(&mut *f);
                }
                after.iter().for_each(f);
            }
            Expr::RemoteFunRef {
                module,
                function,
                arity,
                ..
            } => {
                f(module);
                f(function);
                f(arity);
            }
            Expr::ListComprehension(e, qs, _) | Expr::BinaryComprehension(e, qs, _) => {
                f(e);
                quals(qs, f);
            }
            Expr::MapComprehension(k, v, qs, _) => {
                f(k);
                f(v);
                quals(qs, f);
            }
        }
    }

    /// Calls `f` on this expression and every expression nested in it, parents before children, in
    /// source order. Iterative (an explicit stack), so long lists cannot overflow the Rust stack.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            f(e);
            let first_child = stack.len();
            e.for_each_child(&mut |c| stack.push(c));
            stack[first_child..].reverse();
        }
    }
}

/// What a call expression calls.
#[derive(Debug, Clone, PartialEq)]
pub enum CallTarget {
    /// `f(Args)`: a local function, an imported function, or an auto-imported BIF (`length/1`, ...);
    /// the parser does not resolve which. Span is the name's span.
    Local(String, Span),
    /// `M:F(Args)` where `M` and `F` are expressions (usually atoms, may be variables).
    Remote(Box<Expr>, Box<Expr>),
    /// `Expr(Args)`: calling a fun value, e.g. `F(X)` or `(fun(Y) -> Y end)(1)`.
    Expr(Box<Expr>),
}

/// Whether a map association is `=>` (insert/assoc) or `:=` (update existing / match).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapAssocKind {
    /// `K => V`.
    Assoc,
    /// `K := V`.
    Exact,
}

/// One `K => V` or `K := V` association.
#[derive(Debug, Clone, PartialEq)]
pub struct MapAssoc {
    /// `=>` or `:=`.
    pub kind: MapAssocKind,
    /// Key expression.
    pub key: Expr,
    /// Value expression (or pattern).
    pub value: Expr,
    /// Span of the association.
    pub span: Span,
}

/// A `field = Value` entry in a record expression or pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordField {
    /// Field name; `None` for the wildcard `_ = Default` entry.
    pub name: Option<String>,
    /// The value.
    pub value: Expr,
    /// Span of the entry.
    pub span: Span,
}

/// One segment of a binary: `Value:Size/TypeSpecifiers`.
#[derive(Debug, Clone, PartialEq)]
pub struct BinSegment {
    /// The value (or pattern) of the segment.
    pub value: Expr,
    /// The size expression after `:`, if any.
    pub size: Option<Expr>,
    /// The type specifiers after `/`, in source order (empty = defaults: integer, unsigned, big).
    pub specifiers: Vec<BinSpecifier>,
    /// Span of the segment.
    pub span: Span,
}

/// A binary segment type specifier (the `-`-separated items after `/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinSpecifier {
    /// `integer`
    Integer,
    /// `float`
    Float,
    /// `binary` or `bytes`
    Binary,
    /// `bitstring` or `bits`
    Bitstring,
    /// `utf8`
    Utf8,
    /// `utf16`
    Utf16,
    /// `utf32`
    Utf32,
    /// `signed`
    Signed,
    /// `unsigned`
    Unsigned,
    /// `big`
    Big,
    /// `little`
    Little,
    /// `native`
    Native,
    /// `unit:N` with `1 <= N <= 256`.
    Unit(u32),
}

/// A list/binary comprehension qualifier.
#[derive(Debug, Clone, PartialEq)]
pub enum Qualifier {
    /// `Pattern <- ListExpr`.
    Generator(Expr, Expr, Span),
    /// `<<Pattern>> <= BinaryExpr`; the pattern is stored as the binary expression `<<...>>` itself.
    BinaryGenerator(Expr, Expr, Span),
    /// Any other expression: a filter (a boolean test; a guard test when it is one).
    Filter(Expr),
}

/// Binary operators, with Erlang's precedence (lowest first):
/// `=`/`!` (right) < `orelse` < `andalso` < comparisons (non-assoc) < `++ --` (right)
/// < `+ - bor bxor bsl bsr or xor` (left) < `* / div rem band and` (left). `=` is [`Expr::Match`], not
/// a `BinOp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `!` (send)
    Send,
    /// `orelse`
    OrElse,
    /// `andalso`
    AndAlso,
    /// `==`
    Eq,
    /// `/=`
    Ne,
    /// `=<`
    Le,
    /// `<`
    Lt,
    /// `>=`
    Ge,
    /// `>`
    Gt,
    /// `=:=`
    ExactEq,
    /// `=/=`
    ExactNe,
    /// `++`
    Append,
    /// `--`
    Subtract,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `bor`
    Bor,
    /// `bxor`
    Bxor,
    /// `bsl`
    Bsl,
    /// `bsr`
    Bsr,
    /// `or`
    Or,
    /// `xor`
    Xor,
    /// `*`
    Mul,
    /// `/`
    FDiv,
    /// `div`
    Div,
    /// `rem`
    Rem,
    /// `band`
    Band,
    /// `and`
    And,
}

impl BinOp {
    /// The operator as written in Erlang source (also the `erlang` module function name, except
    /// `Send`, `AndAlso` and `OrElse`, which are not functions).
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Send => "!",
            BinOp::OrElse => "orelse",
            BinOp::AndAlso => "andalso",
            BinOp::Eq => "==",
            BinOp::Ne => "/=",
            BinOp::Le => "=<",
            BinOp::Lt => "<",
            BinOp::Ge => ">=",
            BinOp::Gt => ">",
            BinOp::ExactEq => "=:=",
            BinOp::ExactNe => "=/=",
            BinOp::Append => "++",
            BinOp::Subtract => "--",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Bor => "bor",
            BinOp::Bxor => "bxor",
            BinOp::Bsl => "bsl",
            BinOp::Bsr => "bsr",
            BinOp::Or => "or",
            BinOp::Xor => "xor",
            BinOp::Mul => "*",
            BinOp::FDiv => "/",
            BinOp::Div => "div",
            BinOp::Rem => "rem",
            BinOp::Band => "band",
            BinOp::And => "and",
        }
    }
}

/// Prefix unary operators (bind tighter than all binary operators except `#` and `:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `+E`
    Plus,
    /// `-E`
    Neg,
    /// `bnot E`
    Bnot,
    /// `not E`
    Not,
}

impl UnOp {
    /// The operator as written in Erlang source (also its `erlang` module function name).
    pub fn as_str(self) -> &'static str {
        match self {
            UnOp::Plus => "+",
            UnOp::Neg => "-",
            UnOp::Bnot => "bnot",
            UnOp::Not => "not",
        }
    }
}

/// A compact S-expression rendering of the AST, used by `--dump=ast` (spans omitted). Operators and
/// calls print as `(op a b)`, `(call m:f args)`, `(apply F args)`; clauses as
/// `(clause (patterns) [guard alternative]... body...)`; strings as `"..."`; records as
/// `(record name (field value)...)`; binaries as `<<value:size/specs, ...>>`.
pub mod sexp {
    use super::*;

    fn list(v: &[Expr]) -> String {
        v.iter().map(expr).collect::<Vec<_>>().join(" ")
    }

    fn guards(g: &[Vec<Expr>]) -> String {
        g.iter()
            .map(|alt| format!("[{}]", list(alt)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One clause: `(clause (patterns) [guards] body)`.
    pub fn clause(c: &Clause) -> String {
        let g = guards(&c.guards);
        let g = if g.is_empty() {
            String::new()
        } else {
            format!(" when {g}")
        };
        format!("(clause ({}){g} -> {})", list(&c.patterns), list(&c.body))
    }

    fn clauses(cs: &[Clause]) -> String {
        cs.iter().map(clause).collect::<Vec<_>>().join(" ")
    }

    fn catch_clause(c: &CatchClause) -> String {
        let class = c.class.as_ref().map_or("throw".to_string(), expr);
        let stack = c
            .stacktrace
            .as_ref()
            .map(|s| format!(":{s}"))
            .unwrap_or_default();
        let g = guards(&c.guards);
        let g = if g.is_empty() {
            String::new()
        } else {
            format!(" when {g}")
        };
        format!(
            "(catch-clause {class}:{}{stack}{g} -> {})",
            expr(&c.reason),
            list(&c.body)
        )
    }

    fn assoc(a: &MapAssoc) -> String {
        let op = if a.kind == MapAssocKind::Assoc {
            "=>"
        } else {
            ":="
        };
        format!("({op} {} {})", expr(&a.key), expr(&a.value))
    }

    fn field(f: &RecordField) -> String {
        format!("({} {})", f.name.as_deref().unwrap_or("_"), expr(&f.value))
    }

    fn segment(s: &BinSegment) -> String {
        let size = s
            .size
            .as_ref()
            .map(|z| format!(":{}", expr(z)))
            .unwrap_or_default();
        let specs: Vec<String> = s
            .specifiers
            .iter()
            .map(|sp| match sp {
                BinSpecifier::Unit(n) => format!("unit:{n}"),
                other => format!("{other:?}").to_lowercase(),
            })
            .collect();
        let specs = if specs.is_empty() {
            String::new()
        } else {
            format!("/{}", specs.join("-"))
        };
        format!("{}{size}{specs}", expr(&s.value))
    }

    fn qualifiers(qs: &[Qualifier]) -> String {
        qs.iter()
            .map(|q| match q {
                Qualifier::Generator(p, e, _) => format!("(<- {} {})", expr(p), expr(e)),
                Qualifier::BinaryGenerator(p, e, _) => format!("(<= {} {})", expr(p), expr(e)),
                Qualifier::Filter(e) => expr(e),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One expression.
    pub fn expr(e: &Expr) -> String {
        match e {
            Expr::Integer(i, _) => i.to_string(),
            Expr::Float(f, _) => format!("{f:?}"),
            Expr::Atom(a, _) => crate::lexer::quote_atom(a),
            Expr::String(s, _) => format!("{s:?}"),
            Expr::Var(v, _) => v.clone(),
            Expr::AnonymousVar(_) => "_".into(),
            Expr::Tuple(items, _) => format!("{{{}}}", list(items)),
            Expr::Nil(_) => "[]".into(),
            Expr::Cons(h, t, _) => format!("(cons {} {})", expr(h), expr(t)),
            Expr::Map(a, _) => format!(
                "(map {})",
                a.iter().map(assoc).collect::<Vec<_>>().join(" ")
            ),
            Expr::MapUpdate(m, a, _) => {
                format!(
                    "(map-update {} {})",
                    expr(m),
                    a.iter().map(assoc).collect::<Vec<_>>().join(" ")
                )
            }
            Expr::Record { name, fields, .. } => {
                format!(
                    "(record {name} {})",
                    fields.iter().map(field).collect::<Vec<_>>().join(" ")
                )
            }
            Expr::RecordField {
                expr: r,
                name,
                field,
                ..
            } => format!("(field {} {name} {field})", expr(r)),
            Expr::RecordUpdate {
                expr: r,
                name,
                fields,
                ..
            } => format!(
                "(record-update {} {name} {})",
                expr(r),
                fields.iter().map(field).collect::<Vec<_>>().join(" ")
            ),
            Expr::RecordIndex { name, field, .. } => format!("(index {name} {field})"),
            Expr::Binary(segs, _) => {
                format!(
                    "<<{}>>",
                    segs.iter().map(segment).collect::<Vec<_>>().join(", ")
                )
            }
            Expr::BinaryOp(op, a, b, _) => format!("({} {} {})", op.as_str(), expr(a), expr(b)),
            Expr::UnaryOp(op, a, _) => format!("({} {})", op.as_str(), expr(a)),
            Expr::Match(a, b, _) => format!("(= {} {})", expr(a), expr(b)),
            Expr::Call { target, args, .. } => match target {
                CallTarget::Local(n, _) => format!("(call {n} {})", list(args)),
                CallTarget::Remote(m, f) => {
                    format!("(call {}:{} {})", expr(m), expr(f), list(args))
                }
                CallTarget::Expr(f) => format!("(apply {} {})", expr(f), list(args)),
            },
            Expr::Case(e, cs, _) => format!("(case {} {})", expr(e), clauses(cs)),
            Expr::If(cs, _) => format!("(if {})", clauses(cs)),
            Expr::Receive {
                clauses: cs, after, ..
            } => {
                let a = after
                    .as_ref()
                    .map(|(t, b)| format!(" (after {} -> {})", expr(t), list(b)))
                    .unwrap_or_default();
                format!("(receive {}{a})", clauses(cs))
            }
            Expr::Try {
                body,
                of_clauses,
                catch_clauses,
                after,
                ..
            } => {
                let mut s = format!("(try ({})", list(body));
                if !of_clauses.is_empty() {
                    s.push_str(&format!(" (of {})", clauses(of_clauses)));
                }
                for c in catch_clauses {
                    s.push(' ');
                    s.push_str(&catch_clause(c));
                }
                if !after.is_empty() {
                    s.push_str(&format!(" (after {})", list(after)));
                }
                s.push(')');
                s
            }
            Expr::Catch(e, _) => format!("(catch {})", expr(e)),
            Expr::Block(b, _) => format!("(begin {})", list(b)),
            Expr::Fun(cs, _) => format!("(fun {})", clauses(cs)),
            Expr::NamedFun {
                name, clauses: cs, ..
            } => format!("(named-fun {name} {})", clauses(cs)),
            Expr::FunRef { name, arity, .. } => format!("(fun-ref {name}/{arity})"),
            Expr::RemoteFunRef {
                module,
                function,
                arity,
                ..
            } => {
                format!(
                    "(fun-ref {}:{}/{})",
                    expr(module),
                    expr(function),
                    expr(arity)
                )
            }
            Expr::ListComprehension(e, qs, _) => format!("(lc {} || {})", expr(e), qualifiers(qs)),
            Expr::BinaryComprehension(e, qs, _) => {
                format!("(bc {} || {})", expr(e), qualifiers(qs))
            }
            Expr::MapComprehension(k, v, qs, _) => {
                format!("(mc {} {} || {})", expr(k), expr(v), qualifiers(qs))
            }
        }
    }

    /// A whole module: header, exports, imports, records, other attributes, then one block per
    /// function: a `clause (patterns) when [guards]` line per clause and one line per body expression.
    pub fn module(m: &Module) -> String {
        let mut out = format!(
            "module {} ({})\n",
            crate::lexer::quote_atom(&m.name),
            m.file
        );
        if !m.exports.is_empty() {
            let ex: Vec<String> = m
                .exports
                .iter()
                .map(|(n, a, _)| format!("{n}/{a}"))
                .collect();
            out.push_str(&format!("export {}\n", ex.join(" ")));
        }
        for (module, f, a, _) in &m.imports {
            out.push_str(&format!("import {module}:{f}/{a}\n"));
        }
        for r in &m.records {
            let fields: Vec<String> = r
                .fields
                .iter()
                .map(|f| match &f.default {
                    Some(d) => format!("({} {})", f.name, expr(d)),
                    None => f.name.clone(),
                })
                .collect();
            out.push_str(&format!("record {} {}\n", r.name, fields.join(" ")));
        }
        for a in &m.attributes {
            let v = a.value.as_ref().map(expr).unwrap_or_else(|| "...".into());
            out.push_str(&format!("attribute {} {v}\n", a.name));
        }
        for f in &m.functions {
            out.push_str(&format!("\n{}/{}\n", f.name, f.arity));
            for c in &f.clauses {
                let g = guards(&c.guards);
                let g = if g.is_empty() {
                    String::new()
                } else {
                    format!(" when {g}")
                };
                out.push_str(&format!("  clause ({}){g}\n", list(&c.patterns)));
                for e in &c.body {
                    out.push_str(&format!("    {}\n", expr(e)));
                }
            }
        }
        out
    }
}
