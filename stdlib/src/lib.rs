//! The embedded standard library: bytecode for the Erlang modules under `stdlib/erl/`,
//! compiled by `build.rs` with the krarup compiler when this crate is built.
#![forbid(unsafe_code)]

/// Every stdlib module as `(module name, bytecode file bytes)`, sorted by source file name.
pub static MODULES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/modules.rs"));

/// The include files krarup provides for `-include_lib`, as `(path, text)`: the path as OTP code
/// names it (`"kernel/include/logger.hrl"`), the text written for krarup (see `stdlib/include/`).
pub static INCLUDES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/includes.rs"));

/// The embedded include file `-include_lib(path)` names, if krarup provides one.
pub fn include_lib(path: &str) -> Option<&'static str> {
    INCLUDES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}
