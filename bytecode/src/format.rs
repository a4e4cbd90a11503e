//! The on-disk bytecode file format: `encode` turns a `Module` into bytes and `decode` turns bytes
//! back into a `Module`, rejecting anything truncated, corrupted or of another version. Owns the
//! operand encodings; does not check that the code makes sense (that is `crate::verify`).
//!
//! # Layout (see docs/bytecode-format.md)
//! ```text
//! header (24 bytes): b"KRBC" | version: u32 LE | payload length: u64 LE | FNV-1a-64 of payload: u64 LE
//! payload: name, file, atoms, imports, exports, functions, lambdas, literals, code, lines, attributes
//! ```
//! Integers in the payload are LEB128 varints (signed ones zigzag-encoded); strings and byte
//! strings are a varint length followed by the bytes; a table is a varint count followed by its
//! entries. Every instruction is its opcode number (`describe::Opcode`) followed by its operands
//! in the order `Instruction::for_each_operand` visits them.
//!
//! # Hostile input
//! `decode` never panics and never allocates more than the input could describe: every count is
//! checked against the bytes left (each entry takes at least one byte), and literal nesting is
//! capped at `MAX_LITERAL_DEPTH`.

use crate::describe::{Opcode, Operand, OperandMut};
use crate::module::{Export, FunctionInfo, Import, Lambda, Literal, Module};
use crate::opcode::*;
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

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

/// Serializes a module: header, then the payload described in the module doc.
pub fn encode(module: &Module) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.module(module);
    with_header(&w.0)
}

/// A whole file: the header for `payload` (this version, its length and checksum), then it.
fn with_header(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&fnv1a64(payload).to_le_bytes());
    out.extend_from_slice(payload);
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

    /// An instruction is its opcode number and then its operands in `describe`'s order.
    fn instruction(&mut self, ins: &Instruction) {
        self.byte(ins.opcode().number());
        ins.for_each_operand(|_, op| self.operand(op));
    }

    fn operand(&mut self, op: Operand<'_>) {
        match op {
            Operand::Src(s) => self.src(s),
            Operand::Dst(d) => self.dst(d),
            Operand::Srcs(v) => self.srcs(v),
            Operand::Label(l) => self.label(*l),
            Operand::Fail(l) => self.opt_label(*l),
            Operand::Atom(a) => self.uint(a.0 as u64),
            Operand::Import(i) => self.uint(i.0 as u64),
            Operand::Lambda(l) => self.uint(l.0 as u64),
            Operand::Slot(y) => self.uint(y.0 as u64),
            Operand::Byte(b) => self.byte(*b),
            Operand::U16(n) => self.uint(*n as u64),
            Operand::U32(n) => self.uint(*n as u64),
            Operand::ArithOp(o) => self.byte(o.code()),
            Operand::UnaryOp(o) => self.byte(o.code()),
            Operand::CmpOp(o) => self.byte(o.code()),
            Operand::TypeTest(t) => self.byte(t.code()),
            Operand::MapPut(k) => self.byte(k.code()),
            Operand::BsType(t) => self.byte(t.code()),
            Operand::BsSize(s) => self.bs_size(s),
            Operand::BsFlags(f) => self.bs_flags(f),
            Operand::SelectCases(cases) => {
                self.len(cases.len());
                for (v, l) in cases {
                    self.src(v);
                    self.label(*l);
                }
            }
            Operand::ArityCases(cases) => {
                self.len(cases.len());
                for (a, l) in cases {
                    self.uint(*a as u64);
                    self.label(*l);
                }
            }
            Operand::MapPairs(pairs) => {
                self.len(pairs.len());
                for (k, v) in pairs {
                    self.src(k);
                    self.src(v);
                }
            }
            Operand::MapGets(pairs) => {
                self.len(pairs.len());
                for (k, d) in pairs {
                    self.src(k);
                    self.dst(d);
                }
            }
            Operand::Segments(segments) => {
                self.len(segments.len());
                for s in segments {
                    self.byte(s.ty.code());
                    self.src(&s.value);
                    self.bs_size(&s.size);
                    self.uint(s.unit as u64);
                    self.bs_flags(&s.flags);
                }
            }
        }
    }
}

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
