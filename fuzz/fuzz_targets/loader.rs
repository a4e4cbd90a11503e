//! The bytecode loader: any bytes as a `.kbc` file are decoded, verified and prepared for running
//! (`krarup run x.kbc` does the same before anything runs). Crashes: a panic or a stack overflow;
//! a refusal is the expected answer to bad input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(module) = krarup_bytecode::format::decode(data) else {
        return;
    };
    let _ = krarup_bytecode::disasm::disassemble(&module);
    let env = krarup_vm::harness::NativeEnv::new();
    let _ = env.load(module);
});
