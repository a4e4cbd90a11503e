//! krarup's bytecode: the instruction set and each opcode's description (`opcode`, `describe`),
//! the in-memory module the compiler produces and the loader consumes (`module`), the `.kbc` file
//! format (`format`), the disassembler (`disasm`) and the verifier (`verify`). Shared by the
//! compiler and the VM; knows nothing of terms, heaps or processes beyond the limits below.
#![forbid(unsafe_code)]

pub mod describe;
pub mod disasm;
pub mod format;
pub mod module;
pub mod opcode;
pub mod verify;

/// X registers are numbered `0..MAX_X_REGS`: the interpreter's register file has this many, the
/// verifier refuses higher numbers and the compiler never allocates past it.
pub const MAX_X_REGS: usize = 1024;

/// Smallest integer that fits a tagged small (an immediate term word); `Src::Int` must lie in
/// `SMALL_MIN..=SMALL_MAX`, larger integers are literals. The VM's term layout relies on this.
pub const SMALL_MIN: i64 = -(1 << 60);
/// Largest small integer (see `SMALL_MIN`).
pub const SMALL_MAX: i64 = (1 << 60) - 1;

/// Longest atom name, in characters (OTP's limit; `system_limit` beyond it).
pub const MAX_ATOM_CHARS: usize = 255;
