//! Bytecode: the instruction set (`opcode`), the in-memory module (`module`), and the on-disk
//! file format (`format`).

pub mod disasm;
pub mod format;
pub mod module;
pub mod opcode;
