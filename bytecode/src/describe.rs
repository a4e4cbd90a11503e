//! Each opcode described once: its stable number in the file format, its operands in order (read
//! and mutable visitors), the X registers it reads and clobbers beyond its operands, what it does
//! to the frame, and whether it may collect or yield. The encoder and decoder, the disassembler,
//! the verifier, the code generator's optimiser and the register allocator all ask these methods;
//! none of them lists opcodes itself. A new opcode is added in `opcode.rs` and in every match
//! below (each is exhaustive, so the compiler points at each one).

use crate::opcode::*;

/// The stable opcode numbers of the file format. Never renumber; add new opcodes at the end and
/// bump `FORMAT_VERSION` on incompatible changes.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
#[repr(u8)]
pub enum Opcode {
    FuncInfo = 0,
    Allocate = 1,
    Deallocate = 2,
    Return = 3,
    Call = 4,
    CallLast = 5,
    CallOnly = 6,
    CallExt = 7,
    CallExtLast = 8,
    CallExtOnly = 9,
    CallFun = 10,
    CallFunLast = 11,
    Apply = 12,
    ApplyLast = 13,
    Bif = 14,
    Move = 15,
    Init = 16,
    GetList = 17,
    GetHd = 18,
    GetTl = 19,
    GetTupleElement = 20,
    PutList = 21,
    PutTuple = 22,
    MakeFun = 23,
    Arith = 24,
    Unary = 25,
    Cmp = 26,
    Test = 27,
    IsFunction2 = 28,
    TestArity = 29,
    IsTaggedTuple = 30,
    SelectVal = 31,
    SelectTupleArity = 32,
    Jump = 33,
    PutMap = 34,
    HasMapFields = 35,
    GetMapElements = 36,
    BsCreate = 37,
    BsStartMatch = 38,
    BsGet = 39,
    BsSkip = 40,
    BsTestTail = 41,
    BsTestUnit = 42,
    BsGetPosition = 43,
    BsSetPosition = 44,
    BsGetTail = 45,
    Try = 46,
    TryEnd = 47,
    TryCase = 48,
    TryCaseEnd = 49,
    Catch = 50,
    CatchEnd = 51,
    Raise = 52,
    Badmatch = 53,
    CaseEnd = 54,
    IfEnd = 55,
    Badrecord = 56,
    Error = 57,
    Send = 58,
    LoopRec = 59,
    LoopRecEnd = 60,
    RemoveMessage = 61,
    Wait = 62,
    WaitTimeout = 63,
    Timeout = 64,
}

/// One past the highest opcode number.
pub const OPCODE_COUNT: u8 = 65;

impl Opcode {
    /// The opcode with file-format number `n`, if there is one.
    pub fn from_number(n: u8) -> Option<Opcode> {
        (0..OPCODE_COUNT)
            .contains(&n)
            .then(|| Opcode::template(n).opcode())
    }

    /// The file-format number.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// Every opcode, by number.
    pub fn all() -> impl Iterator<Item = Opcode> {
        (0..OPCODE_COUNT).map(|n| Opcode::template(n).opcode())
    }

    /// The lower-case mnemonic the disassembler prints (`call_ext_last` for `CallExtLast`).
    pub fn mnemonic(self) -> String {
        let mut out = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// An instruction of opcode number `n` with zero operands and empty lists, for the decoder to
    /// fill through `Instruction::for_each_operand_mut`. Numbers past the last opcode give
    /// `IfEnd`'s template; callers check the range first (`from_number`).
    fn template(n: u8) -> Instruction {
        use Instruction::*;
        let (a, s, d, l, y) = (AtomIdx(0), Src::Nil, Dst::X(XReg(0)), Label(0), YReg(0));
        let i = ImportIdx(0);
        match n {
            0 => FuncInfo {
                module: a,
                function: a,
                arity: 0,
            },
            1 => Allocate { slots: 0, live: 0 },
            2 => Deallocate { slots: 0 },
            3 => Return,
            4 => Call {
                arity: 0,
                target: l,
            },
            5 => CallLast {
                arity: 0,
                target: l,
                dealloc: 0,
            },
            6 => CallOnly {
                arity: 0,
                target: l,
            },
            7 => CallExt {
                arity: 0,
                import: i,
            },
            8 => CallExtLast {
                arity: 0,
                import: i,
                dealloc: 0,
            },
            9 => CallExtOnly {
                arity: 0,
                import: i,
            },
            10 => CallFun { arity: 0 },
            11 => CallFunLast {
                arity: 0,
                dealloc: 0,
            },
            12 => Apply { arity: 0 },
            13 => ApplyLast {
                arity: 0,
                dealloc: 0,
            },
            14 => Bif {
                import: i,
                args: Vec::new(),
                dst: d,
                fail: None,
            },
            15 => Move { src: s, dst: d },
            16 => Init { dst: d },
            17 => GetList {
                src: s,
                head: d,
                tail: d,
            },
            18 => GetHd { src: s, dst: d },
            19 => GetTl { src: s, dst: d },
            20 => GetTupleElement {
                src: s,
                index: 0,
                dst: d,
            },
            21 => PutList {
                head: s,
                tail: s,
                dst: d,
            },
            22 => PutTuple {
                elements: Vec::new(),
                dst: d,
            },
            23 => MakeFun {
                lambda: LambdaIdx(0),
                free: Vec::new(),
                dst: d,
            },
            24 => Arith {
                op: ArithOp::Add,
                a: s,
                b: s,
                dst: d,
                fail: None,
            },
            25 => Unary {
                op: UnaryOp::Neg,
                a: s,
                dst: d,
                fail: None,
            },
            26 => Cmp {
                fail: l,
                op: CmpOp::Lt,
                a: s,
                b: s,
            },
            27 => Test {
                fail: l,
                src: s,
                ty: TypeTest::Integer,
            },
            28 => IsFunction2 {
                fail: l,
                src: s,
                arity: s,
            },
            29 => TestArity {
                fail: l,
                src: s,
                arity: 0,
            },
            30 => IsTaggedTuple {
                fail: l,
                src: s,
                arity: 0,
                tag: a,
            },
            31 => SelectVal {
                src: s,
                fail: l,
                cases: Vec::new(),
            },
            32 => SelectTupleArity {
                src: s,
                fail: l,
                cases: Vec::new(),
            },
            33 => Jump { target: l },
            34 => PutMap {
                kind: MapPut::Assoc,
                src: s,
                dst: d,
                pairs: Vec::new(),
                fail: None,
            },
            35 => HasMapFields {
                fail: l,
                src: s,
                keys: Vec::new(),
            },
            36 => GetMapElements {
                fail: l,
                src: s,
                pairs: Vec::new(),
            },
            37 => BsCreate {
                segments: Vec::new(),
                dst: d,
                fail: None,
            },
            38 => BsStartMatch {
                fail: l,
                src: s,
                dst: d,
            },
            39 => BsGet {
                fail: l,
                ctx: s,
                ty: BsType::Integer,
                size: BsSize::Default,
                unit: 0,
                flags: BsFlags::default(),
                dst: d,
            },
            40 => BsSkip {
                fail: l,
                ctx: s,
                size: BsSize::Default,
                unit: 0,
            },
            41 => BsTestTail {
                fail: l,
                ctx: s,
                bits: 0,
            },
            42 => BsTestUnit {
                fail: l,
                ctx: s,
                unit: 0,
            },
            43 => BsGetPosition { ctx: s, dst: d },
            44 => BsSetPosition { ctx: s, pos: s },
            45 => BsGetTail { ctx: s, dst: d },
            46 => Try { y, handler: l },
            47 => TryEnd { y },
            48 => TryCase { y },
            49 => TryCaseEnd { src: s },
            50 => Catch { y, handler: l },
            51 => CatchEnd { y },
            52 => Raise {
                class: s,
                reason: s,
                stack: s,
            },
            53 => Badmatch { src: s },
            54 => CaseEnd { src: s },
            56 => Badrecord { src: s },
            57 => Error { reason: s },
            58 => Send,
            59 => LoopRec { fail: l, dst: d },
            60 => LoopRecEnd { target: l },
            61 => RemoveMessage,
            62 => Wait { target: l },
            63 => WaitTimeout {
                target: l,
                timeout: s,
            },
            64 => Timeout,
            _ => IfEnd,
        }
    }
}

/// Declares the read and the mutable operand views with the same variants.
macro_rules! operand_views {
    ($($(#[$doc:meta])* $variant:ident($ty:ty),)*) => {
        /// One operand of an instruction, as `Instruction::for_each_operand` shows it.
        #[derive(Debug)]
        pub enum Operand<'a> {
            $($(#[$doc])* $variant(&'a $ty),)*
        }
        /// One operand of an instruction, as `Instruction::for_each_operand_mut` shows it.
        #[derive(Debug)]
        pub enum OperandMut<'a> {
            $($(#[$doc])* $variant(&'a mut $ty),)*
        }
    };
}

operand_views! {
    /// A source read: a register or a constant.
    Src(Src),
    /// A destination written.
    Dst(Dst),
    /// Sources read, in order (arguments, tuple elements, free variables, map keys).
    Srcs(Vec<Src>),
    /// A label: a branch inside the function, or the entry a local call enters.
    Label(Label),
    /// An optional failure label: without one, a failure raises.
    Fail(Option<Label>),
    /// An atom-table index.
    Atom(AtomIdx),
    /// An import-table index.
    Import(ImportIdx),
    /// A lambda-table index.
    Lambda(LambdaIdx),
    /// The Y slot holding a `try`/`catch` marker.
    Slot(YReg),
    /// An arity or small count stored in one byte.
    Byte(u8),
    /// A frame size or live-register count.
    U16(u16),
    /// A tuple index, arity, bit count or unit.
    U32(u32),
    /// An arithmetic operator.
    ArithOp(ArithOp),
    /// A unary operator.
    UnaryOp(UnaryOp),
    /// A comparison.
    CmpOp(CmpOp),
    /// A type test.
    TypeTest(TypeTest),
    /// The kind of map update.
    MapPut(MapPut),
    /// A segment's value type.
    BsType(BsType),
    /// A segment size (which may read a register).
    BsSize(BsSize),
    /// A segment's flags.
    BsFlags(BsFlags),
    /// `select_val` cases: a constant and where to go.
    SelectCases(Vec<(Src, Label)>),
    /// `select_tuple_arity` cases: an arity and where to go.
    ArityCases(Vec<(u32, Label)>),
    /// Map update pairs: key and value read.
    MapPairs(Vec<(Src, Src)>),
    /// Map lookups: key read, value written.
    MapGets(Vec<(Src, Dst)>),
    /// Binary construction segments.
    Segments(Vec<BsSegment>),
}

/// The one list of every opcode's operands, in file-format order, with their field names. It is
/// expanded twice, for shared and for mutable references: match ergonomics give the bindings the
/// right reference type, and both views have the same variants.
macro_rules! visit_operands {
    ($ins:expr, $f:expr, $View:ident) => {{
        use Instruction::*;
        let f = &mut $f;
        match $ins {
            FuncInfo {
                module,
                function,
                arity,
            } => {
                f("module", $View::Atom(module));
                f("function", $View::Atom(function));
                f("arity", $View::Byte(arity));
            }
            Allocate { slots, live } => {
                f("slots", $View::U16(slots));
                f("live", $View::U16(live));
            }
            Deallocate { slots } => f("slots", $View::U16(slots)),
            Return | IfEnd | Send | RemoveMessage | Timeout => {}
            Call { arity, target } | CallOnly { arity, target } => {
                f("arity", $View::Byte(arity));
                f("target", $View::Label(target));
            }
            CallLast {
                arity,
                target,
                dealloc,
            } => {
                f("arity", $View::Byte(arity));
                f("target", $View::Label(target));
                f("dealloc", $View::U16(dealloc));
            }
            CallExt { arity, import } | CallExtOnly { arity, import } => {
                f("arity", $View::Byte(arity));
                f("import", $View::Import(import));
            }
            CallExtLast {
                arity,
                import,
                dealloc,
            } => {
                f("arity", $View::Byte(arity));
                f("import", $View::Import(import));
                f("dealloc", $View::U16(dealloc));
            }
            CallFun { arity } | Apply { arity } => f("arity", $View::Byte(arity)),
            CallFunLast { arity, dealloc } | ApplyLast { arity, dealloc } => {
                f("arity", $View::Byte(arity));
                f("dealloc", $View::U16(dealloc));
            }
            Bif {
                import,
                args,
                dst,
                fail,
            } => {
                f("import", $View::Import(import));
                f("args", $View::Srcs(args));
                f("dst", $View::Dst(dst));
                f("fail", $View::Fail(fail));
            }
            Move { src, dst } | GetHd { src, dst } | GetTl { src, dst } => {
                f("src", $View::Src(src));
                f("dst", $View::Dst(dst));
            }
            Init { dst } => f("dst", $View::Dst(dst)),
            GetList { src, head, tail } => {
                f("src", $View::Src(src));
                f("head", $View::Dst(head));
                f("tail", $View::Dst(tail));
            }
            GetTupleElement { src, index, dst } => {
                f("src", $View::Src(src));
                f("index", $View::U32(index));
                f("dst", $View::Dst(dst));
            }
            PutList { head, tail, dst } => {
                f("head", $View::Src(head));
                f("tail", $View::Src(tail));
                f("dst", $View::Dst(dst));
            }
            PutTuple { elements, dst } => {
                f("elements", $View::Srcs(elements));
                f("dst", $View::Dst(dst));
            }
            MakeFun { lambda, free, dst } => {
                f("lambda", $View::Lambda(lambda));
                f("free", $View::Srcs(free));
                f("dst", $View::Dst(dst));
            }
            Arith {
                op,
                a,
                b,
                dst,
                fail,
            } => {
                f("op", $View::ArithOp(op));
                f("a", $View::Src(a));
                f("b", $View::Src(b));
                f("dst", $View::Dst(dst));
                f("fail", $View::Fail(fail));
            }
            Unary { op, a, dst, fail } => {
                f("op", $View::UnaryOp(op));
                f("a", $View::Src(a));
                f("dst", $View::Dst(dst));
                f("fail", $View::Fail(fail));
            }
            Cmp { fail, op, a, b } => {
                f("fail", $View::Label(fail));
                f("op", $View::CmpOp(op));
                f("a", $View::Src(a));
                f("b", $View::Src(b));
            }
            Test { fail, src, ty } => {
                f("fail", $View::Label(fail));
                f("src", $View::Src(src));
                f("ty", $View::TypeTest(ty));
            }
            IsFunction2 { fail, src, arity } => {
                f("fail", $View::Label(fail));
                f("src", $View::Src(src));
                f("arity", $View::Src(arity));
            }
            TestArity { fail, src, arity } => {
                f("fail", $View::Label(fail));
                f("src", $View::Src(src));
                f("arity", $View::U32(arity));
            }
            IsTaggedTuple {
                fail,
                src,
                arity,
                tag,
            } => {
                f("fail", $View::Label(fail));
                f("src", $View::Src(src));
                f("arity", $View::U32(arity));
                f("tag", $View::Atom(tag));
            }
            SelectVal { src, fail, cases } => {
                f("src", $View::Src(src));
                f("fail", $View::Label(fail));
                f("cases", $View::SelectCases(cases));
            }
            SelectTupleArity { src, fail, cases } => {
                f("src", $View::Src(src));
                f("fail", $View::Label(fail));
                f("cases", $View::ArityCases(cases));
            }
            Jump { target } | LoopRecEnd { target } | Wait { target } => {
                f("target", $View::Label(target))
            }
            PutMap {
                kind,
                src,
                dst,
                pairs,
                fail,
            } => {
                f("kind", $View::MapPut(kind));
                f("src", $View::Src(src));
                f("dst", $View::Dst(dst));
                f("pairs", $View::MapPairs(pairs));
                f("fail", $View::Fail(fail));
            }
            HasMapFields { fail, src, keys } => {
                f("fail", $View::Label(fail));
                f("src", $View::Src(src));
                f("keys", $View::Srcs(keys));
            }
            GetMapElements { fail, src, pairs } => {
                f("fail", $View::Label(fail));
                f("src", $View::Src(src));
                f("pairs", $View::MapGets(pairs));
            }
            BsCreate {
                segments,
                dst,
                fail,
            } => {
                f("segments", $View::Segments(segments));
                f("dst", $View::Dst(dst));
                f("fail", $View::Fail(fail));
            }
            BsStartMatch { fail, src, dst } => {
                f("fail", $View::Label(fail));
                f("src", $View::Src(src));
                f("dst", $View::Dst(dst));
            }
            BsGet {
                fail,
                ctx,
                ty,
                size,
                unit,
                flags,
                dst,
            } => {
                f("fail", $View::Label(fail));
                f("ctx", $View::Src(ctx));
                f("ty", $View::BsType(ty));
                f("size", $View::BsSize(size));
                f("unit", $View::U16(unit));
                f("flags", $View::BsFlags(flags));
                f("dst", $View::Dst(dst));
            }
            BsSkip {
                fail,
                ctx,
                size,
                unit,
            } => {
                f("fail", $View::Label(fail));
                f("ctx", $View::Src(ctx));
                f("size", $View::BsSize(size));
                f("unit", $View::U16(unit));
            }
            BsTestTail { fail, ctx, bits } => {
                f("fail", $View::Label(fail));
                f("ctx", $View::Src(ctx));
                f("bits", $View::U32(bits));
            }
            BsTestUnit { fail, ctx, unit } => {
                f("fail", $View::Label(fail));
                f("ctx", $View::Src(ctx));
                f("unit", $View::U16(unit));
            }
            BsGetPosition { ctx, dst } | BsGetTail { ctx, dst } => {
                f("ctx", $View::Src(ctx));
                f("dst", $View::Dst(dst));
            }
            BsSetPosition { ctx, pos } => {
                f("ctx", $View::Src(ctx));
                f("pos", $View::Src(pos));
            }
            Try { y, handler } | Catch { y, handler } => {
                f("y", $View::Slot(y));
                f("handler", $View::Label(handler));
            }
            TryEnd { y } | TryCase { y } | CatchEnd { y } => f("y", $View::Slot(y)),
            TryCaseEnd { src } | Badmatch { src } | CaseEnd { src } | Badrecord { src } => {
                f("src", $View::Src(src))
            }
            Error { reason } => f("reason", $View::Src(reason)),
            Raise {
                class,
                reason,
                stack,
            } => {
                f("class", $View::Src(class));
                f("reason", $View::Src(reason));
                f("stack", $View::Src(stack));
            }
            LoopRec { fail, dst } => {
                f("fail", $View::Label(fail));
                f("dst", $View::Dst(dst));
            }
            WaitTimeout { target, timeout } => {
                f("target", $View::Label(target));
                f("timeout", $View::Src(timeout));
            }
        }
    }};
}

/// A register an instruction names, as `Instruction::for_each_reg` shows it.
#[derive(Debug)]
pub enum Reg<'a> {
    /// An explicit source (a register or a constant).
    Read(&'a Src),
    /// An explicit destination.
    Write(&'a Dst),
    /// A `try`/`catch` marker slot.
    Slot(&'a YReg),
}

/// A register an instruction names, as `Instruction::for_each_reg_mut` shows it.
#[derive(Debug)]
pub enum RegMut<'a> {
    /// An explicit source (a register or a constant).
    Read(&'a mut Src),
    /// An explicit destination.
    Write(&'a mut Dst),
    /// A `try`/`catch` marker slot.
    Slot(&'a mut YReg),
}

/// What an instruction does to the X registers beyond its explicit operands (the rules of OTP's
/// `beam_validator`, as `verify_regs.rs` checks them and the optimiser assumes them).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct XEffect {
    /// It reads `x0..x[reads-1]` (call arguments, `Allocate`'s live registers, `Return`'s `x0`).
    pub reads: usize,
    /// What the other X registers hold afterwards.
    pub after: XAfter,
}

/// The X registers that hold a value after an instruction (besides its explicit destinations).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum XAfter {
    /// Unchanged.
    Keep,
    /// Only `x0..x[n-1]`; the rest are garbage (after a call only `x0`; `Wait` keeps none).
    Only(usize),
    /// `x0..x[n-1]` newly hold values, the rest are unchanged (`TryCase`, `CatchEnd`, `Send`).
    Define(usize),
}

/// How an instruction relates to calls, frames and the process's other state.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Reads its sources and writes its destinations, nothing else (data, tests, branches,
    /// builtins, and the instructions that raise).
    Plain,
    /// A body call: control comes back to the next instruction.
    Call,
    /// A tail call: control leaves the function.
    TailCall,
    /// `Return`.
    Return,
    /// `Allocate`: opens a frame.
    Allocate,
    /// `Deallocate`: closes the frame.
    Deallocate,
    /// Sets, clears or consumes a `try`/`catch` marker: its handler may be entered from anywhere
    /// in the protected region.
    CatchMarker,
    /// Sends or receives: reads or changes the mailbox.
    Message,
}

/// What an instruction requires of the current frame and does to it (the verifier's frame
/// rules; the interpreter keeps frames on the process stack).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum FrameEffect {
    /// Neither needs nor changes the frame.
    Keep,
    /// `Allocate`: needs no frame open; opens one of this many Y slots.
    Open(u16),
    /// Needs a frame of exactly this many slots and closes it (`Deallocate`, `CallLast`,
    /// `CallExtLast`).
    Close(u16),
    /// `CallFunLast`/`ApplyLast`: closes a frame of this many slots, or, when it is 0, needs no
    /// frame at all (so the interpreter can tell the two apart).
    CloseOrNone(u16),
    /// Needs no frame open (`Return`, `CallOnly`, `CallExtOnly`).
    NeedsNone,
    /// Needs a frame, which keeps the return address (a body call).
    NeedsFrame,
}

impl Instruction {
    /// The instruction's opcode (its number in the file format).
    pub fn opcode(&self) -> Opcode {
        use Instruction::*;
        match self {
            FuncInfo { .. } => Opcode::FuncInfo,
            Allocate { .. } => Opcode::Allocate,
            Deallocate { .. } => Opcode::Deallocate,
            Return => Opcode::Return,
            Call { .. } => Opcode::Call,
            CallLast { .. } => Opcode::CallLast,
            CallOnly { .. } => Opcode::CallOnly,
            CallExt { .. } => Opcode::CallExt,
            CallExtLast { .. } => Opcode::CallExtLast,
            CallExtOnly { .. } => Opcode::CallExtOnly,
            CallFun { .. } => Opcode::CallFun,
            CallFunLast { .. } => Opcode::CallFunLast,
            Apply { .. } => Opcode::Apply,
            ApplyLast { .. } => Opcode::ApplyLast,
            Bif { .. } => Opcode::Bif,
            Move { .. } => Opcode::Move,
            Init { .. } => Opcode::Init,
            GetList { .. } => Opcode::GetList,
            GetHd { .. } => Opcode::GetHd,
            GetTl { .. } => Opcode::GetTl,
            GetTupleElement { .. } => Opcode::GetTupleElement,
            PutList { .. } => Opcode::PutList,
            PutTuple { .. } => Opcode::PutTuple,
            MakeFun { .. } => Opcode::MakeFun,
            Arith { .. } => Opcode::Arith,
            Unary { .. } => Opcode::Unary,
            Cmp { .. } => Opcode::Cmp,
            Test { .. } => Opcode::Test,
            IsFunction2 { .. } => Opcode::IsFunction2,
            TestArity { .. } => Opcode::TestArity,
            IsTaggedTuple { .. } => Opcode::IsTaggedTuple,
            SelectVal { .. } => Opcode::SelectVal,
            SelectTupleArity { .. } => Opcode::SelectTupleArity,
            Jump { .. } => Opcode::Jump,
            PutMap { .. } => Opcode::PutMap,
            HasMapFields { .. } => Opcode::HasMapFields,
            GetMapElements { .. } => Opcode::GetMapElements,
            BsCreate { .. } => Opcode::BsCreate,
            BsStartMatch { .. } => Opcode::BsStartMatch,
            BsGet { .. } => Opcode::BsGet,
            BsSkip { .. } => Opcode::BsSkip,
            BsTestTail { .. } => Opcode::BsTestTail,
            BsTestUnit { .. } => Opcode::BsTestUnit,
            BsGetPosition { .. } => Opcode::BsGetPosition,
            BsSetPosition { .. } => Opcode::BsSetPosition,
            BsGetTail { .. } => Opcode::BsGetTail,
            Try { .. } => Opcode::Try,
            TryEnd { .. } => Opcode::TryEnd,
            TryCase { .. } => Opcode::TryCase,
            TryCaseEnd { .. } => Opcode::TryCaseEnd,
            Catch { .. } => Opcode::Catch,
            CatchEnd { .. } => Opcode::CatchEnd,
            Raise { .. } => Opcode::Raise,
            Badmatch { .. } => Opcode::Badmatch,
            CaseEnd { .. } => Opcode::CaseEnd,
            IfEnd => Opcode::IfEnd,
            Badrecord { .. } => Opcode::Badrecord,
            Error { .. } => Opcode::Error,
            Send => Opcode::Send,
            LoopRec { .. } => Opcode::LoopRec,
            LoopRecEnd { .. } => Opcode::LoopRecEnd,
            RemoveMessage => Opcode::RemoveMessage,
            Wait { .. } => Opcode::Wait,
            WaitTimeout { .. } => Opcode::WaitTimeout,
            Timeout => Opcode::Timeout,
        }
    }

    /// An instruction of `op` with zero operands and empty lists (the decoder fills it in).
    pub fn template(op: Opcode) -> Instruction {
        Opcode::template(op.number())
    }

    /// Calls `f(field name, operand)` on every operand, in file-format order. (Generic rather
    /// than `dyn`, so that each caller's visit compiles to a plain match: the loader decodes and
    /// verifies every instruction through these at start-up.)
    pub fn for_each_operand<'a>(&'a self, mut f: impl FnMut(&'static str, Operand<'a>)) {
        visit_operands!(self, f, Operand)
    }

    /// Calls `f(field name, operand)` on every operand, in file-format order, for rewriting.
    pub fn for_each_operand_mut<'a>(&'a mut self, mut f: impl FnMut(&'static str, OperandMut<'a>)) {
        visit_operands!(self, f, OperandMut)
    }

    /// Calls `f` on every register operand (constants included as `Reg::Read`) and the marker
    /// slot, in operand order. (Callers treat an instruction's reads as happening before its
    /// writes, as the VM does; none depends on the visiting order.)
    pub fn for_each_reg<'a>(&'a self, mut f: impl FnMut(Reg<'a>)) {
        self.for_each_operand(|_, op| match op {
            Operand::Src(s) => f(Reg::Read(s)),
            Operand::Dst(d) => f(Reg::Write(d)),
            Operand::Slot(y) => f(Reg::Slot(y)),
            Operand::Srcs(v) => v.iter().for_each(|s| f(Reg::Read(s))),
            Operand::BsSize(BsSize::Src(s)) => f(Reg::Read(s)),
            Operand::SelectCases(v) => v.iter().for_each(|(s, _)| f(Reg::Read(s))),
            Operand::MapPairs(v) => v.iter().for_each(|(k, v)| {
                f(Reg::Read(k));
                f(Reg::Read(v));
            }),
            Operand::MapGets(v) => v.iter().for_each(|(k, d)| {
                f(Reg::Read(k));
                f(Reg::Write(d));
            }),
            Operand::Segments(v) => v.iter().for_each(|seg| {
                f(Reg::Read(&seg.value));
                if let BsSize::Src(s) = &seg.size {
                    f(Reg::Read(s));
                }
            }),
            _ => {}
        });
    }

    /// As `for_each_reg`, for rewriting registers in place.
    pub fn for_each_reg_mut(&mut self, mut f: impl FnMut(RegMut<'_>)) {
        self.for_each_operand_mut(|_, op| match op {
            OperandMut::Src(s) => f(RegMut::Read(s)),
            OperandMut::Dst(d) => f(RegMut::Write(d)),
            OperandMut::Slot(y) => f(RegMut::Slot(y)),
            OperandMut::Srcs(v) => v.iter_mut().for_each(|s| f(RegMut::Read(s))),
            OperandMut::BsSize(BsSize::Src(s)) => f(RegMut::Read(s)),
            OperandMut::SelectCases(v) => v.iter_mut().for_each(|(s, _)| f(RegMut::Read(s))),
            OperandMut::MapPairs(v) => v.iter_mut().for_each(|(k, v)| {
                f(RegMut::Read(k));
                f(RegMut::Read(v));
            }),
            OperandMut::MapGets(v) => v.iter_mut().for_each(|(k, d)| {
                f(RegMut::Read(k));
                f(RegMut::Write(d));
            }),
            OperandMut::Segments(v) => v.iter_mut().for_each(|seg| {
                f(RegMut::Read(&mut seg.value));
                if let BsSize::Src(s) = &mut seg.size {
                    f(RegMut::Read(s));
                }
            }),
            _ => {}
        });
    }

    /// Calls `f` on every label this instruction may jump to (the ones `branch_targets` lists),
    /// without allocating.
    pub fn for_each_target(&self, mut f: impl FnMut(Label)) {
        self.for_each_operand(|_, op| match op {
            Operand::Label(l) => f(*l),
            Operand::Fail(Some(l)) => f(*l),
            Operand::SelectCases(v) => v.iter().for_each(|c| f(c.1)),
            Operand::ArityCases(v) => v.iter().for_each(|c| f(c.1)),
            _ => {}
        });
    }

    /// Labels this instruction may jump to: branch targets, failure labels, `select` cases,
    /// exception handlers and, for a local call, the callee's entry (see `is_local_call`).
    pub fn branch_targets(&self) -> Vec<Label> {
        let mut out = Vec::new();
        self.for_each_target(|l| out.push(l));
        out
    }

    /// Calls `f` on every label operand (the ones `branch_targets` lists), for rewriting.
    pub fn for_each_label_mut(&mut self, mut f: impl FnMut(&mut Label)) {
        self.for_each_operand_mut(|_, op| match op {
            OperandMut::Label(l) => f(l),
            OperandMut::Fail(Some(l)) => f(l),
            OperandMut::SelectCases(v) => v.iter_mut().for_each(|c| f(&mut c.1)),
            OperandMut::ArityCases(v) => v.iter_mut().for_each(|c| f(&mut c.1)),
            _ => {}
        });
    }

    /// True for `Call`, `CallLast` and `CallOnly`, whose label is another function's entry
    /// rather than a branch inside this function.
    pub fn is_local_call(&self) -> bool {
        matches!(
            self.opcode(),
            Opcode::Call | Opcode::CallLast | Opcode::CallOnly
        )
    }

    /// True for a `try`/`catch` marker whose label is an exception handler, entered with no X
    /// register holding a value.
    pub fn is_handler_entry(&self) -> bool {
        matches!(self.opcode(), Opcode::Try | Opcode::Catch)
    }

    /// How the instruction relates to calls, frames and the rest of the process.
    pub fn kind(&self) -> Kind {
        use Instruction::*;
        match self {
            FuncInfo { .. } | Bif { .. } | Move { .. } | Init { .. } | GetList { .. } => {
                Kind::Plain
            }
            GetHd { .. } | GetTl { .. } | GetTupleElement { .. } | PutList { .. } => Kind::Plain,
            PutTuple { .. } | MakeFun { .. } | Arith { .. } | Unary { .. } | Cmp { .. } => {
                Kind::Plain
            }
            Test { .. } | IsFunction2 { .. } | TestArity { .. } | IsTaggedTuple { .. } => {
                Kind::Plain
            }
            SelectVal { .. } | SelectTupleArity { .. } | Jump { .. } => Kind::Plain,
            PutMap { .. } | HasMapFields { .. } | GetMapElements { .. } => Kind::Plain,
            BsCreate { .. } | BsStartMatch { .. } | BsGet { .. } | BsSkip { .. } => Kind::Plain,
            BsTestTail { .. } | BsTestUnit { .. } | BsGetPosition { .. } => Kind::Plain,
            BsSetPosition { .. } | BsGetTail { .. } => Kind::Plain,
            TryCaseEnd { .. } | Raise { .. } | Badmatch { .. } | CaseEnd { .. } => Kind::Plain,
            IfEnd | Badrecord { .. } | Error { .. } => Kind::Plain,
            Call { .. } | CallExt { .. } | CallFun { .. } | Apply { .. } => Kind::Call,
            CallLast { .. } | CallOnly { .. } | CallExtLast { .. } | CallExtOnly { .. } => {
                Kind::TailCall
            }
            CallFunLast { .. } | ApplyLast { .. } => Kind::TailCall,
            Return => Kind::Return,
            Allocate { .. } => Kind::Allocate,
            Deallocate { .. } => Kind::Deallocate,
            Try { .. } | TryEnd { .. } | TryCase { .. } | Catch { .. } | CatchEnd { .. } => {
                Kind::CatchMarker
            }
            Send | LoopRec { .. } | LoopRecEnd { .. } | RemoveMessage | Wait { .. } => {
                Kind::Message
            }
            WaitTimeout { .. } | Timeout => Kind::Message,
        }
    }

    /// The X registers read and clobbered beyond the explicit operands.
    pub fn x_effect(&self) -> XEffect {
        use Instruction::*;
        let call = |reads: usize| XEffect {
            reads,
            after: XAfter::Only(1),
        };
        match self {
            Allocate { live, .. } => XEffect {
                reads: *live as usize,
                after: XAfter::Only(*live as usize),
            },
            Return => XEffect {
                reads: 1,
                after: XAfter::Keep,
            },
            Call { arity, .. } | CallLast { arity, .. } | CallOnly { arity, .. } => {
                call(*arity as usize)
            }
            CallExt { arity, .. } | CallExtLast { arity, .. } | CallExtOnly { arity, .. } => {
                call(*arity as usize)
            }
            // The fun follows the arguments; `apply` takes the module and function after them.
            CallFun { arity } | CallFunLast { arity, .. } => call(*arity as usize + 1),
            Apply { arity } | ApplyLast { arity, .. } => call(*arity as usize + 2),
            // `x0 ! x1`, leaving the message in `x0`.
            Send => XEffect {
                reads: 2,
                after: XAfter::Define(1),
            },
            // Class, reason and stacktrace.
            TryCase { .. } => XEffect {
                reads: 0,
                after: XAfter::Define(3),
            },
            CatchEnd { .. } => XEffect {
                reads: 0,
                after: XAfter::Define(1),
            },
            // The process may be descheduled there, keeping no X register (as BEAM's `wait`).
            Wait { .. } | WaitTimeout { .. } => XEffect {
                reads: 0,
                after: XAfter::Only(0),
            },
            _ => XEffect {
                reads: 0,
                after: XAfter::Keep,
            },
        }
    }

    /// What the instruction requires of the frame and does to it.
    pub fn frame_effect(&self) -> FrameEffect {
        use Instruction::*;
        match self {
            Allocate { slots, .. } => FrameEffect::Open(*slots),
            Deallocate { slots } | CallLast { dealloc: slots, .. } => FrameEffect::Close(*slots),
            CallExtLast { dealloc, .. } => FrameEffect::Close(*dealloc),
            CallFunLast { dealloc, .. } | ApplyLast { dealloc, .. } => {
                FrameEffect::CloseOrNone(*dealloc)
            }
            Return | CallOnly { .. } | CallExtOnly { .. } => FrameEffect::NeedsNone,
            Call { .. } | CallExt { .. } | CallFun { .. } | Apply { .. } => FrameEffect::NeedsFrame,
            _ => FrameEffect::Keep,
        }
    }

    /// True if control never falls through to the next instruction.
    pub fn is_terminator(&self) -> bool {
        use Instruction::*;
        matches!(
            self,
            Return
                | CallLast { .. }
                | CallOnly { .. }
                | CallExtLast { .. }
                | CallExtOnly { .. }
                | CallFunLast { .. }
                | ApplyLast { .. }
                | Jump { .. }
                | SelectVal { .. }
                | SelectTupleArity { .. }
                | LoopRecEnd { .. }
                | Wait { .. }
                | Raise { .. }
                | Badmatch { .. }
                | CaseEnd { .. }
                | IfEnd
                | Badrecord { .. }
                | Error { .. }
                | TryCaseEnd { .. }
                | FuncInfo { .. }
        )
    }

    /// True if the interpreter may collect the heap here, moving every boxed term: `Allocate`,
    /// every call and `Return`. The roots are `x0..x[live-1]` (`live` from `x_effect().reads`),
    /// every Y slot, the process dictionary and the mailbox.
    pub fn may_gc(&self) -> bool {
        matches!(
            self.kind(),
            Kind::Allocate | Kind::Call | Kind::TailCall | Kind::Return
        )
    }

    /// True if the process may stop running here: calls and `Return` charge a reduction and
    /// yield when the budget is spent; `Wait` and `WaitTimeout` suspend until a message (or the
    /// timeout) arrives.
    pub fn may_yield(&self) -> bool {
        matches!(self.kind(), Kind::Call | Kind::TailCall | Kind::Return)
            || matches!(self.opcode(), Opcode::Wait | Opcode::WaitTimeout)
    }
}
