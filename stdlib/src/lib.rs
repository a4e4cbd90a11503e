//! The embedded standard library: bytecode for the Erlang modules under `stdlib/erl/`,
//! compiled by `build.rs` with the krarup compiler when this crate is built.
#![forbid(unsafe_code)]

/// Every stdlib module as `(module name, bytecode file bytes)`, sorted by source file name.
pub static MODULES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/modules.rs"));
