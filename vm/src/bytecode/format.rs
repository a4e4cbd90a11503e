//! The on-disk bytecode file format: `encode` turns a `Module` into bytes and `decode` turns bytes
//! back into a `Module`, rejecting anything truncated, corrupted or of another version. Owns the
//! stable opcode numbers; does not check that the code makes sense (that is `crate::verify`).
//!
//! # Layout (see docs/bytecode-format.md)
//! ```text
//! header (24 bytes): b"KRBC" | version: u32 LE | payload length: u64 LE | FNV-1a-64 of payload: u64 LE
//! payload: name, file, atoms, imports, exports, functions, lambdas, literals, code, lines, attributes
//! ```
//! Integers in the payload are LEB128 varints (signed ones zigzag-encoded); strings and byte
//! strings are a varint length followed by the bytes; a table is a varint count followed by its
//! entries. Every instruction is its opcode byte (the `op` constants below) followed by its
//! operands in declaration order.
//!
//! # Hostile input
//! `decode` never panics and never allocates more than the input could describe: every count is
//! checked against the bytes left (each entry takes at least one byte), and literal nesting is
//! capped at `MAX_LITERAL_DEPTH`.

use super::module::{Export, FunctionInfo, Import, Lambda, Literal, Module};
use super::opcode::*;
use num_bigint::{BigInt, Sign};
use std::fmt;

/// The four bytes every bytecode file starts with.
pub const MAGIC: &[u8; 4] = b"KRBC";
/// Bytes in the fixed header before the payload.
pub const HEADER_LEN: usize = 24;
/// Deepest literal nesting `decode` accepts (a list or tuple inside another counts one level).
pub const MAX_LITERAL_DEPTH: usize = 512;

/// Why a byte string is not a valid bytecode file.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum FormatError {
    /// The input ends before the header or before the length the header announces.
    Truncated { needed: usize, available: usize },
    /// The first four bytes are not `KRBC`.
    BadMagic,
    /// The file was written for another format version.
    WrongVersion { found: u32, expected: u32 },
    /// The payload's checksum does not match the header.
    BadChecksum,
    /// Bytes after the announced payload.
    TrailingBytes(usize),
    /// The payload does not parse; `offset` is a byte offset into the whole file.
    Malformed { offset: usize, what: String },
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Truncated { needed, available } => write!(
                f,
                "truncated bytecode file: needs {needed} bytes, has {available}"
            ),
            FormatError::BadMagic => write!(f, "not a krarup bytecode file (bad magic number)"),
            FormatError::WrongVersion { found, expected } => write!(
                f,
                "bytecode format version {found} is not supported (expected {expected}); recompile"
            ),
            FormatError::BadChecksum => write!(f, "corrupt bytecode file (checksum mismatch)"),
            FormatError::TrailingBytes(n) => {
                write!(f, "corrupt bytecode file ({n} unexpected bytes at the end)")
            }
            FormatError::Malformed { offset, what } => {
                write!(f, "corrupt bytecode file at byte {offset}: {what}")
            }
        }
    }
}

impl std::error::Error for FormatError {}

/// FNV-1a, 64-bit: the payload checksum.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Stable opcode numbers of the file format. Never renumber; add new opcodes at the end and bump
/// `FORMAT_VERSION` on incompatible changes.
pub mod op {
    pub const FUNC_INFO: u8 = 0;
    pub const ALLOCATE: u8 = 1;
    pub const DEALLOCATE: u8 = 2;
    pub const RETURN: u8 = 3;
    pub const CALL: u8 = 4;
    pub const CALL_LAST: u8 = 5;
    pub const CALL_ONLY: u8 = 6;
    pub const CALL_EXT: u8 = 7;
    pub const CALL_EXT_LAST: u8 = 8;
    pub const CALL_EXT_ONLY: u8 = 9;
    pub const CALL_FUN: u8 = 10;
    pub const CALL_FUN_LAST: u8 = 11;
    pub const APPLY: u8 = 12;
    pub const APPLY_LAST: u8 = 13;
    pub const BIF: u8 = 14;
    pub const MOVE: u8 = 15;
    pub const INIT: u8 = 16;
    pub const GET_LIST: u8 = 17;
    pub const GET_HD: u8 = 18;
    pub const GET_TL: u8 = 19;
    pub const GET_TUPLE_ELEMENT: u8 = 20;
    pub const PUT_LIST: u8 = 21;
    pub const PUT_TUPLE: u8 = 22;
    pub const MAKE_FUN: u8 = 23;
    pub const ARITH: u8 = 24;
    pub const UNARY: u8 = 25;
    pub const CMP: u8 = 26;
    pub const TEST: u8 = 27;
    pub const IS_FUNCTION2: u8 = 28;
    pub const TEST_ARITY: u8 = 29;
    pub const IS_TAGGED_TUPLE: u8 = 30;
    pub const SELECT_VAL: u8 = 31;
    pub const SELECT_TUPLE_ARITY: u8 = 32;
    pub const JUMP: u8 = 33;
    pub const PUT_MAP: u8 = 34;
    pub const HAS_MAP_FIELDS: u8 = 35;
    pub const GET_MAP_ELEMENTS: u8 = 36;
    pub const BS_CREATE: u8 = 37;
    pub const BS_START_MATCH: u8 = 38;
    pub const BS_GET: u8 = 39;
    pub const BS_SKIP: u8 = 40;
    pub const BS_TEST_TAIL: u8 = 41;
    pub const BS_TEST_UNIT: u8 = 42;
    pub const BS_GET_POSITION: u8 = 43;
    pub const BS_SET_POSITION: u8 = 44;
    pub const BS_GET_TAIL: u8 = 45;
    pub const TRY: u8 = 46;
    pub const TRY_END: u8 = 47;
    pub const TRY_CASE: u8 = 48;
    pub const TRY_CASE_END: u8 = 49;
    pub const CATCH: u8 = 50;
    pub const CATCH_END: u8 = 51;
    pub const RAISE: u8 = 52;
    pub const BADMATCH: u8 = 53;
    pub const CASE_END: u8 = 54;
    pub const IF_END: u8 = 55;
    pub const BADRECORD: u8 = 56;
    pub const ERROR: u8 = 57;
    pub const SEND: u8 = 58;
    pub const LOOP_REC: u8 = 59;
    pub const LOOP_REC_END: u8 = 60;
    pub const REMOVE_MESSAGE: u8 = 61;
    pub const WAIT: u8 = 62;
    pub const WAIT_TIMEOUT: u8 = 63;
    pub const TIMEOUT: u8 = 64;
}

/// The stable opcode number of an instruction (exhaustive: a new variant must get a number).
pub fn opcode_of(ins: &Instruction) -> u8 {
    use Instruction::*;
    match ins {
        FuncInfo { .. } => op::FUNC_INFO,
        Allocate { .. } => op::ALLOCATE,
        Deallocate { .. } => op::DEALLOCATE,
        Return => op::RETURN,
        Call { .. } => op::CALL,
        CallLast { .. } => op::CALL_LAST,
        CallOnly { .. } => op::CALL_ONLY,
        CallExt { .. } => op::CALL_EXT,
        CallExtLast { .. } => op::CALL_EXT_LAST,
        CallExtOnly { .. } => op::CALL_EXT_ONLY,
        CallFun { .. } => op::CALL_FUN,
        CallFunLast { .. } => op::CALL_FUN_LAST,
        Apply { .. } => op::APPLY,
        ApplyLast { .. } => op::APPLY_LAST,
        Bif { .. } => op::BIF,
        Move { .. } => op::MOVE,
        Init { .. } => op::INIT,
        GetList { .. } => op::GET_LIST,
        GetHd { .. } => op::GET_HD,
        GetTl { .. } => op::GET_TL,
        GetTupleElement { .. } => op::GET_TUPLE_ELEMENT,
        PutList { .. } => op::PUT_LIST,
        PutTuple { .. } => op::PUT_TUPLE,
        MakeFun { .. } => op::MAKE_FUN,
        Arith { .. } => op::ARITH,
        Unary { .. } => op::UNARY,
        Cmp { .. } => op::CMP,
        Test { .. } => op::TEST,
        IsFunction2 { .. } => op::IS_FUNCTION2,
        TestArity { .. } => op::TEST_ARITY,
        IsTaggedTuple { .. } => op::IS_TAGGED_TUPLE,
        SelectVal { .. } => op::SELECT_VAL,
        SelectTupleArity { .. } => op::SELECT_TUPLE_ARITY,
        Jump { .. } => op::JUMP,
        PutMap { .. } => op::PUT_MAP,
        HasMapFields { .. } => op::HAS_MAP_FIELDS,
        GetMapElements { .. } => op::GET_MAP_ELEMENTS,
        BsCreate { .. } => op::BS_CREATE,
        BsStartMatch { .. } => op::BS_START_MATCH,
        BsGet { .. } => op::BS_GET,
        BsSkip { .. } => op::BS_SKIP,
        BsTestTail { .. } => op::BS_TEST_TAIL,
        BsTestUnit { .. } => op::BS_TEST_UNIT,
        BsGetPosition { .. } => op::BS_GET_POSITION,
        BsSetPosition { .. } => op::BS_SET_POSITION,
        BsGetTail { .. } => op::BS_GET_TAIL,
        Try { .. } => op::TRY,
        TryEnd { .. } => op::TRY_END,
        TryCase { .. } => op::TRY_CASE,
        TryCaseEnd { .. } => op::TRY_CASE_END,
        Catch { .. } => op::CATCH,
        CatchEnd { .. } => op::CATCH_END,
        Raise { .. } => op::RAISE,
        Badmatch { .. } => op::BADMATCH,
        CaseEnd { .. } => op::CASE_END,
        IfEnd => op::IF_END,
        Badrecord { .. } => op::BADRECORD,
        Error { .. } => op::ERROR,
        Send => op::SEND,
        LoopRec { .. } => op::LOOP_REC,
        LoopRecEnd { .. } => op::LOOP_REC_END,
        RemoveMessage => op::REMOVE_MESSAGE,
        Wait { .. } => op::WAIT,
        WaitTimeout { .. } => op::WAIT_TIMEOUT,
        Timeout => op::TIMEOUT,
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

/// Serializes a module: header, then the payload described in the module doc.
pub fn encode(module: &Module) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.module(module);
    let payload = w.0;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&fnv1a64(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    fn uint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }
    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn label(&mut self, l: Label) {
        self.uint(l.0 as u64);
    }
    fn opt_label(&mut self, l: Option<Label>) {
        match l {
            None => self.byte(0),
            Some(l) => {
                self.byte(1);
                self.label(l);
            }
        }
    }
    fn src(&mut self, s: &Src) {
        match *s {
            Src::X(r) => {
                self.byte(0);
                self.uint(r.0 as u64);
            }
            Src::Y(r) => {
                self.byte(1);
                self.uint(r.0 as u64);
            }
            Src::Atom(a) => {
                self.byte(2);
                self.uint(a.0 as u64);
            }
            Src::Int(n) => {
                self.byte(3);
                self.int(n);
            }
            Src::Nil => self.byte(4),
            Src::Lit(l) => {
                self.byte(5);
                self.uint(l.0 as u64);
            }
        }
    }
    fn srcs(&mut self, v: &[Src]) {
        self.len(v.len());
        for s in v {
            self.src(s);
        }
    }
    fn dst(&mut self, d: &Dst) {
        match *d {
            Dst::X(r) => {
                self.byte(0);
                self.uint(r.0 as u64);
            }
            Dst::Y(r) => {
                self.byte(1);
                self.uint(r.0 as u64);
            }
        }
    }
    fn bs_size(&mut self, s: &BsSize) {
        match s {
            BsSize::Src(src) => {
                self.byte(0);
                self.src(src);
            }
            BsSize::Default => self.byte(1),
            BsSize::All => self.byte(2),
        }
    }
    fn bs_flags(&mut self, f: &BsFlags) {
        self.byte(f.signed as u8 | (f.little as u8) << 1 | (f.native as u8) << 2);
    }

    fn module(&mut self, m: &Module) {
        self.str(&m.name);
        self.str(&m.file);
        self.len(m.atoms.len());
        for a in &m.atoms {
            self.str(a);
        }
        self.len(m.imports.len());
        for i in &m.imports {
            self.uint(i.module.0 as u64);
            self.uint(i.function.0 as u64);
            self.byte(i.arity);
        }
        self.len(m.exports.len());
        for e in &m.exports {
            self.uint(e.function.0 as u64);
            self.byte(e.arity);
            self.label(e.entry);
        }
        self.len(m.functions.len());
        for f in &m.functions {
            self.uint(f.function.0 as u64);
            self.byte(f.arity);
            self.uint(f.start as u64);
            self.uint(f.end as u64);
        }
        self.len(m.lambdas.len());
        for l in &m.lambdas {
            self.uint(l.function.0 as u64);
            self.byte(l.arity);
            self.byte(l.num_free);
            self.label(l.entry);
        }
        self.len(m.literals.len());
        for l in &m.literals {
            self.literal(l);
        }
        self.len(m.code.len());
        for ins in &m.code {
            self.instruction(ins);
        }
        self.len(m.lines.len());
        for &(at, line) in &m.lines {
            self.uint(at as u64);
            self.uint(line as u64);
        }
        self.len(m.attributes.len());
        for (name, value) in &m.attributes {
            self.str(name);
            self.literal(value);
        }
    }

    /// Literals are written with an explicit stack, so deep nesting cannot overflow the encoder.
    fn literal(&mut self, lit: &Literal) {
        let mut stack = vec![lit];
        while let Some(l) = stack.pop() {
            match l {
                Literal::Int(n) => {
                    self.byte(0);
                    let (sign, mag) = n.to_bytes_le();
                    self.byte((sign == Sign::Minus) as u8);
                    self.bytes(&mag);
                }
                Literal::Float(f) => {
                    self.byte(1);
                    self.0.extend_from_slice(&f.to_bits().to_le_bytes());
                }
                Literal::Atom(s) => {
                    self.byte(2);
                    self.str(s);
                }
                Literal::Nil => self.byte(3),
                Literal::List(elems, tail) => {
                    self.byte(4);
                    self.len(elems.len());
                    stack.push(tail);
                    stack.extend(elems.iter().rev());
                }
                Literal::Tuple(elems) => {
                    self.byte(5);
                    self.len(elems.len());
                    stack.extend(elems.iter().rev());
                }
                Literal::Map(pairs) => {
                    self.byte(6);
                    self.len(pairs.len());
                    for (k, v) in pairs.iter().rev() {
                        stack.push(v);
                        stack.push(k);
                    }
                }
                Literal::Binary(bytes, bits) => {
                    self.byte(7);
                    self.uint(*bits);
                    self.bytes(bytes);
                }
                Literal::ExportFun(m, f, a) => {
                    self.byte(8);
                    self.str(m);
                    self.str(f);
                    self.byte(*a);
                }
            }
        }
    }

    fn instruction(&mut self, ins: &Instruction) {
        use Instruction::*;
        self.byte(opcode_of(ins));
        match ins {
            FuncInfo {
                module,
                function,
                arity,
            } => {
                self.uint(module.0 as u64);
                self.uint(function.0 as u64);
                self.byte(*arity);
            }
            Allocate { slots, live } => {
                self.uint(*slots as u64);
                self.uint(*live as u64);
            }
            Deallocate { slots } => self.uint(*slots as u64),
            Return | IfEnd | Send | RemoveMessage | Timeout => {}
            Call { arity, target } | CallOnly { arity, target } => {
                self.byte(*arity);
                self.label(*target);
            }
            CallLast {
                arity,
                target,
                dealloc,
            } => {
                self.byte(*arity);
                self.label(*target);
                self.uint(*dealloc as u64);
            }
            CallExt { arity, import } | CallExtOnly { arity, import } => {
                self.byte(*arity);
                self.uint(import.0 as u64);
            }
            CallExtLast {
                arity,
                import,
                dealloc,
            } => {
                self.byte(*arity);
                self.uint(import.0 as u64);
                self.uint(*dealloc as u64);
            }
            CallFun { arity } | Apply { arity } => self.byte(*arity),
            CallFunLast { arity, dealloc } | ApplyLast { arity, dealloc } => {
                self.byte(*arity);
                self.uint(*dealloc as u64);
            }
            Bif {
                import,
                args,
                dst,
                fail,
            } => {
                self.uint(import.0 as u64);
                self.srcs(args);
                self.dst(dst);
                self.opt_label(*fail);
            }
            Move { src, dst } | GetHd { src, dst } | GetTl { src, dst } => {
                self.src(src);
                self.dst(dst);
            }
            Init { dst } => self.dst(dst),
            GetList { src, head, tail } => {
                self.src(src);
                self.dst(head);
                self.dst(tail);
            }
            GetTupleElement { src, index, dst } => {
                self.src(src);
                self.uint(*index as u64);
                self.dst(dst);
            }
            PutList { head, tail, dst } => {
                self.src(head);
                self.src(tail);
                self.dst(dst);
            }
            PutTuple { elements, dst } => {
                self.srcs(elements);
                self.dst(dst);
            }
            MakeFun { lambda, free, dst } => {
                self.uint(lambda.0 as u64);
                self.srcs(free);
                self.dst(dst);
            }
            Arith {
                op,
                a,
                b,
                dst,
                fail,
            } => {
                self.byte(arith_code(*op));
                self.src(a);
                self.src(b);
                self.dst(dst);
                self.opt_label(*fail);
            }
            Unary { op, a, dst, fail } => {
                self.byte(unary_code(*op));
                self.src(a);
                self.dst(dst);
                self.opt_label(*fail);
            }
            Cmp { fail, op, a, b } => {
                self.label(*fail);
                self.byte(cmp_code(*op));
                self.src(a);
                self.src(b);
            }
            Test { fail, src, ty } => {
                self.label(*fail);
                self.src(src);
                self.byte(type_test_code(*ty));
            }
            IsFunction2 { fail, src, arity } => {
                self.label(*fail);
                self.src(src);
                self.src(arity);
            }
            TestArity { fail, src, arity } => {
                self.label(*fail);
                self.src(src);
                self.uint(*arity as u64);
            }
            IsTaggedTuple {
                fail,
                src,
                arity,
                tag,
            } => {
                self.label(*fail);
                self.src(src);
                self.uint(*arity as u64);
                self.uint(tag.0 as u64);
            }
            SelectVal { src, fail, cases } => {
                self.src(src);
                self.label(*fail);
                self.len(cases.len());
                for (v, l) in cases {
                    self.src(v);
                    self.label(*l);
                }
            }
            SelectTupleArity { src, fail, cases } => {
                self.src(src);
                self.label(*fail);
                self.len(cases.len());
                for (a, l) in cases {
                    self.uint(*a as u64);
                    self.label(*l);
                }
            }
            Jump { target } | LoopRecEnd { target } | Wait { target } => self.label(*target),
            PutMap {
                kind,
                src,
                dst,
                pairs,
                fail,
            } => {
                self.byte(matches!(kind, MapPut::Exact) as u8);
                self.src(src);
                self.dst(dst);
                self.len(pairs.len());
                for (k, v) in pairs {
                    self.src(k);
                    self.src(v);
                }
                self.opt_label(*fail);
            }
            HasMapFields { fail, src, keys } => {
                self.label(*fail);
                self.src(src);
                self.srcs(keys);
            }
            GetMapElements { fail, src, pairs } => {
                self.label(*fail);
                self.src(src);
                self.len(pairs.len());
                for (k, d) in pairs {
                    self.src(k);
                    self.dst(d);
                }
            }
            BsCreate {
                segments,
                dst,
                fail,
            } => {
                self.len(segments.len());
                for s in segments {
                    self.byte(bs_type_code(s.ty));
                    self.src(&s.value);
                    self.bs_size(&s.size);
                    self.uint(s.unit as u64);
                    self.bs_flags(&s.flags);
                }
                self.dst(dst);
                self.opt_label(*fail);
            }
            BsStartMatch { fail, src, dst } => {
                self.label(*fail);
                self.src(src);
                self.dst(dst);
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
                self.label(*fail);
                self.src(ctx);
                self.byte(bs_type_code(*ty));
                self.bs_size(size);
                self.uint(*unit as u64);
                self.bs_flags(flags);
                self.dst(dst);
            }
            BsSkip {
                fail,
                ctx,
                size,
                unit,
            } => {
                self.label(*fail);
                self.src(ctx);
                self.bs_size(size);
                self.uint(*unit as u64);
            }
            BsTestTail { fail, ctx, bits } => {
                self.label(*fail);
                self.src(ctx);
                self.uint(*bits as u64);
            }
            BsTestUnit { fail, ctx, unit } => {
                self.label(*fail);
                self.src(ctx);
                self.uint(*unit as u64);
            }
            BsGetPosition { ctx, dst } | BsGetTail { ctx, dst } => {
                self.src(ctx);
                self.dst(dst);
            }
            BsSetPosition { ctx, pos } => {
                self.src(ctx);
                self.src(pos);
            }
            Try { y, handler } | Catch { y, handler } => {
                self.uint(y.0 as u64);
                self.label(*handler);
            }
            TryEnd { y } | TryCase { y } | CatchEnd { y } => self.uint(y.0 as u64),
            TryCaseEnd { src } | Badmatch { src } | CaseEnd { src } | Badrecord { src } => {
                self.src(src)
            }
            Error { reason } => self.src(reason),
            Raise {
                class,
                reason,
                stack,
            } => {
                self.src(class);
                self.src(reason);
                self.src(stack);
            }
            LoopRec { fail, dst } => {
                self.label(*fail);
                self.dst(dst);
            }
            WaitTimeout { target, timeout } => {
                self.label(*target);
                self.src(timeout);
            }
        }
    }
}

fn arith_code(op: ArithOp) -> u8 {
    match op {
        ArithOp::Add => 0,
        ArithOp::Sub => 1,
        ArithOp::Mul => 2,
        ArithOp::Div => 3,
        ArithOp::IntDiv => 4,
        ArithOp::Rem => 5,
        ArithOp::Band => 6,
        ArithOp::Bor => 7,
        ArithOp::Bxor => 8,
        ArithOp::Bsl => 9,
        ArithOp::Bsr => 10,
    }
}
const ARITH_OPS: [ArithOp; 11] = [
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

fn unary_code(op: UnaryOp) -> u8 {
    match op {
        UnaryOp::Neg => 0,
        UnaryOp::Plus => 1,
        UnaryOp::Bnot => 2,
    }
}
const UNARY_OPS: [UnaryOp; 3] = [UnaryOp::Neg, UnaryOp::Plus, UnaryOp::Bnot];

fn cmp_code(op: CmpOp) -> u8 {
    match op {
        CmpOp::Lt => 0,
        CmpOp::Ge => 1,
        CmpOp::Eq => 2,
        CmpOp::Ne => 3,
        CmpOp::EqExact => 4,
        CmpOp::NeExact => 5,
    }
}
const CMP_OPS: [CmpOp; 6] = [
    CmpOp::Lt,
    CmpOp::Ge,
    CmpOp::Eq,
    CmpOp::Ne,
    CmpOp::EqExact,
    CmpOp::NeExact,
];

fn type_test_code(t: TypeTest) -> u8 {
    match t {
        TypeTest::Integer => 0,
        TypeTest::Float => 1,
        TypeTest::Number => 2,
        TypeTest::Atom => 3,
        TypeTest::Boolean => 4,
        TypeTest::Pid => 5,
        TypeTest::Reference => 6,
        TypeTest::Port => 7,
        TypeTest::Nil => 8,
        TypeTest::List => 9,
        TypeTest::NonEmptyList => 10,
        TypeTest::Tuple => 11,
        TypeTest::Map => 12,
        TypeTest::Binary => 13,
        TypeTest::Bitstring => 14,
        TypeTest::Function => 15,
    }
}
const TYPE_TESTS: [TypeTest; 16] = [
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

fn bs_type_code(t: BsType) -> u8 {
    match t {
        BsType::Integer => 0,
        BsType::Float => 1,
        BsType::Binary => 2,
        BsType::Utf8 => 3,
        BsType::Utf16 => 4,
        BsType::Utf32 => 5,
    }
}
const BS_TYPES: [BsType; 6] = [
    BsType::Integer,
    BsType::Float,
    BsType::Binary,
    BsType::Utf8,
    BsType::Utf16,
    BsType::Utf32,
];

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/// Parses a bytecode file. Errors say what is wrong (truncation, magic, version, checksum, or
/// where the payload stops making sense); never panics on any input.
pub fn decode(bytes: &[u8]) -> Result<Module, FormatError> {
    if bytes.len() < 4 {
        // Too short to tell: a prefix of the magic is truncation, anything else is not ours.
        return if MAGIC.starts_with(bytes) {
            Err(FormatError::Truncated {
                needed: HEADER_LEN,
                available: bytes.len(),
            })
        } else {
            Err(FormatError::BadMagic)
        };
    }
    if &bytes[..4] != MAGIC {
        return Err(FormatError::BadMagic);
    }
    if bytes.len() < HEADER_LEN {
        return Err(FormatError::Truncated {
            needed: HEADER_LEN,
            available: bytes.len(),
        });
    }
    let word = |at: usize| -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(b)
    };
    let mut v = [0u8; 4];
    v.copy_from_slice(&bytes[4..8]);
    let version = u32::from_le_bytes(v);
    if version != FORMAT_VERSION {
        return Err(FormatError::WrongVersion {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let payload_len = word(8);
    let checksum = word(16);
    let available = bytes.len() - HEADER_LEN;
    if payload_len > available as u64 {
        return Err(FormatError::Truncated {
            needed: HEADER_LEN.saturating_add(usize::try_from(payload_len).unwrap_or(usize::MAX)),
            available: bytes.len(),
        });
    }
    let payload_len = payload_len as usize;
    if payload_len < available {
        return Err(FormatError::TrailingBytes(available - payload_len));
    }
    let payload = &bytes[HEADER_LEN..];
    if fnv1a64(payload) != checksum {
        return Err(FormatError::BadChecksum);
    }
    let mut r = Reader {
        buf: payload,
        pos: 0,
    };
    let module = r.module()?;
    if r.pos != payload.len() {
        return Err(r.err("unexpected bytes after the last table"));
    }
    Ok(module)
}

#[path = "format_read.rs"]
mod read;
use read::Reader;

#[cfg(test)]
#[path = "format_tests.rs"]
pub(crate) mod tests;
