//! The embedded standard library: bytecode for the Erlang modules under `stdlib/erl/`,
//! compiled by `build.rs` with the krarup compiler.
