//! The krarup virtual machine: terms, per-process heaps and garbage collection, the bytecode
//! instruction set and loader, the interpreter and the builtins. It does no file-system or
//! environment access; the `krarup` binary does all IO and passes in the output sink.

pub mod atom;
pub mod bytecode;
pub mod heap;
pub mod native;
pub mod ops;
pub mod term;
pub mod code;
pub mod verify;
pub mod float_fmt;
pub mod copy;
pub mod gc;
pub mod bif;
pub mod display;
pub mod interp;
pub mod process;
pub mod report;
pub mod runtime;
pub mod stacktrace;
