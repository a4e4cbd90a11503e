//! The krarup virtual machine: terms, per-process heaps and garbage collection, the bytecode
//! instruction set and loader, the interpreter and the builtins. It does no file-system or
//! environment access; the `krarup` binary does all IO and passes in the output sink.

pub mod atom;
pub mod bif;
pub mod cmath;
pub mod code;
pub mod copy;
pub mod display;
pub mod ets;
pub mod float_fmt;
pub mod gc;
pub mod harness;
pub mod heap;
pub mod host;
pub mod interp;
pub mod limits;
pub mod native;
pub mod ops;
pub mod process;
pub mod process_flags;
pub mod report;
mod report_args;
pub mod runtime;
pub mod sched;
pub mod signal;
pub mod stacktrace;
pub mod term;
