//! Benchmark support: where the self-checking Erlang programs live (`benches/erl/`) and how to find the
//! `krarup` binary to run them. The criterion drivers are in `benches/benches/`; `benches/compare.py`
//! compares krarup with `erl` on the same programs.

use std::path::PathBuf;

/// The benchmark programs, by module name, in the order reports list them.
pub const PROGRAMS: [&str; 6] = ["hello", "fib", "nrev", "fact", "float_loop", "map_ops"];

/// Directory holding the `.erl` benchmark programs.
pub fn erl_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("erl")
}

/// Path of the `.erl` file of benchmark `name`.
pub fn program_path(name: &str) -> PathBuf {
    erl_dir().join(format!("{name}.erl"))
}

/// The release `krarup` binary: `$KRARUP_BIN` if set, else `$CARGO_TARGET_DIR/release/krarup`, else
/// `<workspace>/target/release/krarup`. `None` if that file does not exist (build it with
/// `cargo build --release -p krarup`).
pub fn krarup_bin() -> Option<PathBuf> {
    let path = if let Some(p) = std::env::var_os("KRARUP_BIN") {
        PathBuf::from(p)
    } else {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
        target.join("release").join("krarup")
    };
    path.is_file().then_some(path)
}
