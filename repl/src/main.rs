//! The `krarup` binary: command-line interface over the compiler and the VM.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {}
