//! The instruction set: every opcode, its operands, and its meaning, in one file. The compiler
//! emits these, the verifier checks them, the file format stores them, the interpreter runs them.
//! The facts the tools need about each opcode (its stable number, its operands in order, its
//! implicit register reads and clobbers, whether it may collect or yield) live beside it in
//! `describe.rs`; nothing else lists opcodes.
//!
//! # Operand legend
//! - `x[i]`: X register `i` (arguments and temporaries; `x0` holds the return value).
//! - `y[i]`: Y slot `i` of the current stack frame (values live across calls).
//! - `Src`: an X or Y register, or a constant (atom, small integer, `[]`, literal-table entry).
//! - `Dst`: an X or Y register.
//! - `Label`: an absolute index into the module's `code` vector (resolved by the compiler).
//! - `fail`: a label to jump to when a test fails. In guards a builtin's error also jumps there.
//! - `live`: number of live X registers `x0..x[live-1]` at a GC safe point.
//! - `cp`: the continuation pointer (return address), saved in the frame by `Allocate`.
//!
//! # Notes
//! - Each function's code starts with `FuncInfo`; its entry point is the instruction after it.
//!   Jumping to the `FuncInfo` raises `function_clause` with the arguments in `x0..x[arity-1]`.
//! - A function that calls (other than in tail position) opens a frame with `Allocate` and
//!   closes it with `Deallocate` (or a `*Last` call) before returning.
//! - Safe points (where the heap may be collected and boxed terms move): `Allocate`, every call
//!   and `Return` (`Instruction::may_gc`). Roots are `x0..x[live-1]` (`live` is `Allocate`'s
//!   count, a call's arguments, `x0` for `Return`), every Y slot, the process dictionary and the
//!   mailbox. `Wait` and `WaitTimeout` do not collect, but keep no X register either: the process
//!   may be descheduled there (`Instruction::x_effect`).
//! - `Y` slots are set to `[]` by `Allocate`, so a frame never holds garbage.
//! - Exceptions unwind frames to the innermost `Try`/`Catch` marker (a `CATCH` term in a Y slot).

/// Version of the instruction set and bytecode file format; bump on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

/// An X register number.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct XReg(pub u16);
/// A Y slot number (relative to the current frame).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct YReg(pub u16);
/// An absolute instruction index in the module's code.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Label(pub u32);
/// Index into the module's atom table (`Module::atoms`).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct AtomIdx(pub u32);
/// Index into the module's literal table (`Module::literals`).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct LitIdx(pub u32);
/// Index into the module's import table (`Module::imports`).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct ImportIdx(pub u32);
/// Index into the module's lambda table (`Module::lambdas`).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct LambdaIdx(pub u32);

/// A source operand.
#[derive(Copy, Clone, PartialEq, Debug)]
pub enum Src {
    X(XReg),
    Y(YReg),
    Atom(AtomIdx),
    /// A small integer (must lie in the VM's small range; larger ones are literals).
    Int(i64),
    Nil,
    Lit(LitIdx),
}

/// A destination operand.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Dst {
    X(XReg),
    Y(YReg),
}

/// Type tests used by `Test`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum TypeTest {
    Integer,
    Float,
    Number,
    Atom,
    Boolean,
    Pid,
    Reference,
    Port,
    Nil,
    /// `[]` or a cons cell.
    List,
    NonEmptyList,
    Tuple,
    Map,
    Binary,
    Bitstring,
    Function,
}

/// Arithmetic and bitwise operators.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    /// `/`: always a float.
    Div,
    /// `div`
    IntDiv,
    Rem,
    Band,
    Bor,
    Bxor,
    Bsl,
    Bsr,
}

/// Unary arithmetic operators.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum UnaryOp {
    Neg,
    Plus,
    Bnot,
}

/// Comparisons used by `Cmp`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `/=`
    Ne,
    /// `=:=`
    EqExact,
    /// `=/=`
    NeExact,
}

/// Value types of bit-syntax segments.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum BsType {
    Integer,
    Float,
    /// `binary`/`bytes` (unit 8) and `bitstring`/`bits` (unit 1): the unit says which.
    Binary,
    Utf8,
    Utf16,
    Utf32,
}

/// Flags of a bit-syntax segment.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct BsFlags {
    pub signed: bool,
    pub little: bool,
    /// `native` endianness (little on every host krarup runs on).
    pub native: bool,
}

/// The size of a bit-syntax segment, in units.
#[derive(Copy, Clone, PartialEq, Debug)]
pub enum BsSize {
    /// A size operand (an integer term; `badarg` otherwise).
    Src(Src),
    /// No size given: the type's default (8 for integer, 64 for float; the rest of the
    /// binary for `binary`/`bits` in the last segment; utf segments are self-sized).
    Default,
    /// `_/binary` in the last construction segment or match segment: everything.
    All,
}

/// One segment of a binary construction.
#[derive(Clone, PartialEq, Debug)]
pub struct BsSegment {
    pub ty: BsType,
    pub value: Src,
    pub size: BsSize,
    /// Bits per size unit (1..=256).
    pub unit: u16,
    pub flags: BsFlags,
}

/// Kind of map update.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum MapPut {
    /// `K => V`: insert or replace.
    Assoc,
    /// `K := V`: replace; the key must exist (`{badkey, K}` otherwise).
    Exact,
}

/// One instruction, in its readable form.
#[derive(Clone, PartialEq, Debug)]
pub enum Instruction {
    // ---- functions, frames, calls ----
    /// module, function, arity: function header; jumping here raises `function_clause`.
    FuncInfo {
        module: AtomIdx,
        function: AtomIdx,
        arity: u8,
    },
    /// slots, live: push a frame saving `cp` with `slots` Y slots set to `[]`; GC safe point.
    Allocate { slots: u16, live: u16 },
    /// slots: pop the current frame (which has `slots` Y slots), restoring `cp`.
    Deallocate { slots: u16 },
    /// Jump to `cp` (return `x0` to the caller). GC safe point with live = 1.
    Return,
    /// arity, target: call a local function; `cp := next instruction`.
    Call { arity: u8, target: Label },
    /// arity, target, dealloc: `Deallocate{dealloc}` then jump to target (tail call).
    CallLast {
        arity: u8,
        target: Label,
        dealloc: u16,
    },
    /// arity, target: jump to target without touching `cp` (tail call with no frame).
    CallOnly { arity: u8, target: Label },
    /// arity, import: call `M:F/A` through the export table (or a builtin); `cp := next`.
    CallExt { arity: u8, import: ImportIdx },
    /// arity, import, dealloc: tail call through the export table after deallocating.
    CallExtLast {
        arity: u8,
        import: ImportIdx,
        dealloc: u16,
    },
    /// arity, import: tail call through the export table, no frame.
    CallExtOnly { arity: u8, import: ImportIdx },
    /// arity: call the fun in `x[arity]` with `x0..x[arity-1]`; `{badfun, F}` or
    /// `{badarity, {F, Args}}` on mismatch.
    CallFun { arity: u8 },
    /// arity, dealloc: tail-call the fun in `x[arity]` after deallocating (dealloc may be 0 with
    /// no frame open).
    CallFunLast { arity: u8, dealloc: u16 },
    /// arity: call `x[arity]:x[arity+1](x0..x[arity-1])` (module and function as atoms).
    Apply { arity: u8 },
    /// arity, dealloc: tail-call form of `Apply`.
    ApplyLast { arity: u8, dealloc: u16 },
    /// import, args, dst, fail: call the builtin named by `import` directly. On error: jump to
    /// `fail` if given (guard context), else raise.
    Bif {
        import: ImportIdx,
        args: Vec<Src>,
        dst: Dst,
        fail: Option<Label>,
    },

    // ---- moves and data ----
    /// src, dst: `dst := src`.
    Move { src: Src, dst: Dst },
    /// dst: `dst := []`; used to initialise or kill a Y slot.
    Init { dst: Dst },
    /// src, head, tail: src is a cons; `head := hd(src)`, `tail := tl(src)`.
    GetList { src: Src, head: Dst, tail: Dst },
    /// src, dst: src is a cons; `dst := hd(src)`.
    GetHd { src: Src, dst: Dst },
    /// src, dst: src is a cons; `dst := tl(src)`.
    GetTl { src: Src, dst: Dst },
    /// src, index, dst: src is a tuple; `dst := element(index + 1, src)` (0-based index).
    GetTupleElement { src: Src, index: u32, dst: Dst },
    /// head, tail, dst: `dst := [head | tail]`.
    PutList { head: Src, tail: Src, dst: Dst },
    /// elements, dst: `dst := {elements...}`.
    PutTuple { elements: Vec<Src>, dst: Dst },
    /// lambda, free, dst: `dst :=` a closure over lambda with free variables `free`.
    MakeFun {
        lambda: LambdaIdx,
        free: Vec<Src>,
        dst: Dst,
    },

    // ---- arithmetic and comparison ----
    /// op, a, b, dst, fail: `dst := a op b`; `badarith` (or jump to fail) on bad operands.
    Arith {
        op: ArithOp,
        a: Src,
        b: Src,
        dst: Dst,
        fail: Option<Label>,
    },
    /// op, a, dst, fail: `dst := op a`.
    Unary {
        op: UnaryOp,
        a: Src,
        dst: Dst,
        fail: Option<Label>,
    },

    // ---- tests and branches (jump to fail if the test is false) ----
    /// fail, op, a, b: test `a op b` in Erlang's term order.
    Cmp {
        fail: Label,
        op: CmpOp,
        a: Src,
        b: Src,
    },
    /// fail, src, ty: test the type of src.
    Test { fail: Label, src: Src, ty: TypeTest },
    /// fail, src, arity: test that src is a function of the given arity.
    IsFunction2 { fail: Label, src: Src, arity: Src },
    /// fail, src, arity: src (known to be a tuple) has `arity` elements.
    TestArity { fail: Label, src: Src, arity: u32 },
    /// fail, src, arity, tag: src is a tuple of `arity` elements whose first is the atom `tag`.
    IsTaggedTuple {
        fail: Label,
        src: Src,
        arity: u32,
        tag: AtomIdx,
    },
    /// src, fail, cases: jump to the label paired with the constant equal (`=:=`) to src, else
    /// to fail.
    SelectVal {
        src: Src,
        fail: Label,
        cases: Vec<(Src, Label)>,
    },
    /// src, fail, cases: src is a tuple; jump by its arity.
    SelectTupleArity {
        src: Src,
        fail: Label,
        cases: Vec<(u32, Label)>,
    },
    /// target: jump.
    Jump { target: Label },

    // ---- maps ----
    /// kind, src, dst, pairs, fail: `dst := src#{K => V | K := V ...}`; `{badmap, Src}` if src
    /// is not a map; `{badkey, K}` for a missing `:=` key (or jump to fail).
    PutMap {
        kind: MapPut,
        src: Src,
        dst: Dst,
        pairs: Vec<(Src, Src)>,
        fail: Option<Label>,
    },
    /// fail, src, keys: src is a map holding every key.
    HasMapFields {
        fail: Label,
        src: Src,
        keys: Vec<Src>,
    },
    /// fail, src, pairs: src is a map; for each `(key, dst)`, `dst := src[key]`, or jump to fail
    /// if a key is missing.
    GetMapElements {
        fail: Label,
        src: Src,
        pairs: Vec<(Src, Dst)>,
    },

    // ---- binaries ----
    /// segments, dst, fail: build a bitstring; `badarg` (or jump to fail) on a bad segment.
    BsCreate {
        segments: Vec<BsSegment>,
        dst: Dst,
        fail: Option<Label>,
    },
    /// fail, src, dst: src is a bitstring; `dst :=` a match context at bit 0.
    BsStartMatch { fail: Label, src: Src, dst: Dst },
    /// fail, ctx, ty, size, unit, flags, dst: read a segment at the context's position and
    /// advance; jump to fail if it does not fit or does not decode.
    BsGet {
        fail: Label,
        ctx: Src,
        ty: BsType,
        size: BsSize,
        unit: u16,
        flags: BsFlags,
        dst: Dst,
    },
    /// fail, ctx, size, unit: skip `size * unit` bits.
    BsSkip {
        fail: Label,
        ctx: Src,
        size: BsSize,
        unit: u16,
    },
    /// fail, ctx, bits: exactly `bits` bits remain.
    BsTestTail { fail: Label, ctx: Src, bits: u32 },
    /// fail, ctx, unit: the remaining bit count is a multiple of unit.
    BsTestUnit { fail: Label, ctx: Src, unit: u16 },
    /// ctx, dst: `dst :=` the context's current position (a small integer).
    BsGetPosition { ctx: Src, dst: Dst },
    /// ctx, pos: set the context's position (to backtrack between clauses).
    BsSetPosition { ctx: Src, pos: Src },
    /// ctx, dst: `dst :=` the rest of the bitstring from the position, as a sub-binary.
    BsGetTail { ctx: Src, dst: Dst },

    // ---- exceptions ----
    /// y, handler: put a catch marker for `try` in y[y]; exceptions now jump to handler.
    Try { y: YReg, handler: Label },
    /// y: leave the `try` protected region normally; kill y[y].
    TryEnd { y: YReg },
    /// y: at a `try` handler: kill y[y]; `x0 := Class`, `x1 := Reason`, `x2 := Stacktrace`.
    TryCase { y: YReg },
    /// src: raise `{try_clause, src}`.
    TryCaseEnd { src: Src },
    /// y, handler: put a catch marker for `catch Expr` in y[y].
    Catch { y: YReg, handler: Label },
    /// y: end of a `catch Expr`: kill y[y]; if an exception arrived, `x0 :=` its catch value
    /// (`Reason` for throw, `{'EXIT', Reason}` for exit, `{'EXIT', {Reason, Stack}}` for error).
    CatchEnd { y: YReg },
    /// class, reason, stack: re-raise (as `erlang:raise/3`; used when no catch clause matches).
    Raise { class: Src, reason: Src, stack: Src },
    /// src: raise `{badmatch, src}`.
    Badmatch { src: Src },
    /// src: raise `{case_clause, src}`.
    CaseEnd { src: Src },
    /// Raise `if_clause`.
    IfEnd,
    /// src: raise `{badrecord, src}`.
    Badrecord { src: Src },
    /// error, args: raise `error:Reason` (a general error built by the compiler, e.g.
    /// `{bad_generator, X}`).
    Error { reason: Src },

    // ---- messages ----
    /// `x0 ! x1`, leaving `x1` in `x0` (`erlang:send/2`).
    Send,
    /// fail, dst: `dst :=` the message at the save pointer, or jump to fail if none.
    LoopRec { fail: Label, dst: Dst },
    /// target: advance the save pointer past the current message and jump to target.
    LoopRecEnd { target: Label },
    /// Remove the current message from the mailbox and reset the save pointer.
    RemoveMessage,
    /// target: suspend until a new message arrives, then jump to target.
    Wait { target: Label },
    /// target, timeout: as `Wait`, but after `timeout` ms (or `infinity`) fall through to the
    /// next instruction; `{timeout_value}` error if timeout is not a non-negative integer.
    WaitTimeout { target: Label, timeout: Src },
    /// After a receive timed out: reset the save pointer.
    Timeout,
}

impl ArithOp {
    /// The operator as Erlang writes it, which is also its `erlang` function's name (stack
    /// traces report `erlang:'+'/2`).
    pub fn name(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::IntDiv => "div",
            ArithOp::Rem => "rem",
            ArithOp::Band => "band",
            ArithOp::Bor => "bor",
            ArithOp::Bxor => "bxor",
            ArithOp::Bsl => "bsl",
            ArithOp::Bsr => "bsr",
        }
    }

    /// Every value, in file-format order: a value's code in `.kbc` files is its index here.
    pub const ALL: [ArithOp; 11] = [
        ArithOp::Add,
        ArithOp::Sub,
        ArithOp::Mul,
        ArithOp::Div,
        ArithOp::IntDiv,
        ArithOp::Rem,
        ArithOp::Band,
        ArithOp::Bor,
        ArithOp::Bxor,
        ArithOp::Bsl,
        ArithOp::Bsr,
    ];

    /// The value's code in the file format (its index in `ALL`).
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0) as u8
    }
}

impl UnaryOp {
    /// The operator as Erlang writes it (its `erlang` function's name).
    pub fn name(self) -> &'static str {
        match self {
            UnaryOp::Neg => "-",
            UnaryOp::Plus => "+",
            UnaryOp::Bnot => "bnot",
        }
    }

    /// Every value, in file-format order: a value's code in `.kbc` files is its index here.
    pub const ALL: [UnaryOp; 3] = [UnaryOp::Neg, UnaryOp::Plus, UnaryOp::Bnot];

    /// The value's code in the file format (its index in `ALL`).
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0) as u8
    }
}

impl CmpOp {
    /// The operator as Erlang writes it.
    pub fn name(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "/=",
            CmpOp::EqExact => "=:=",
            CmpOp::NeExact => "=/=",
        }
    }

    /// Every value, in file-format order: a value's code in `.kbc` files is its index here.
    pub const ALL: [CmpOp; 6] = [
        CmpOp::Lt,
        CmpOp::Ge,
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::EqExact,
        CmpOp::NeExact,
    ];

    /// The value's code in the file format (its index in `ALL`).
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0) as u8
    }
}

impl TypeTest {
    /// Every value, in file-format order: a value's code in `.kbc` files is its index here.
    pub const ALL: [TypeTest; 16] = [
        TypeTest::Integer,
        TypeTest::Float,
        TypeTest::Number,
        TypeTest::Atom,
        TypeTest::Boolean,
        TypeTest::Pid,
        TypeTest::Reference,
        TypeTest::Port,
        TypeTest::Nil,
        TypeTest::List,
        TypeTest::NonEmptyList,
        TypeTest::Tuple,
        TypeTest::Map,
        TypeTest::Binary,
        TypeTest::Bitstring,
        TypeTest::Function,
    ];

    /// The value's code in the file format (its index in `ALL`).
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0) as u8
    }
}

impl BsType {
    /// Every value, in file-format order: a value's code in `.kbc` files is its index here.
    pub const ALL: [BsType; 6] = [
        BsType::Integer,
        BsType::Float,
        BsType::Binary,
        BsType::Utf8,
        BsType::Utf16,
        BsType::Utf32,
    ];

    /// The value's code in the file format (its index in `ALL`).
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0) as u8
    }
}

impl MapPut {
    /// Every value, in file-format order: a value's code in `.kbc` files is its index here.
    pub const ALL: [MapPut; 2] = [MapPut::Assoc, MapPut::Exact];

    /// The value's code in the file format (its index in `ALL`).
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0) as u8
    }
}
