//! The source front end: any bytes as a `.erl` file (decoded as `krarup run` decodes it, UTF-8
//! or Latin-1) go through the preprocessor, parser and every compiler pass; a module that compiles
//! must also encode, decode and pass the loader's verifier. Crashes: a panic, a stack overflow, a
//! compiled module the verifier refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = krarup::source::decode(data.to_vec(), "fuzz.erl") else {
        return;
    };
    let compiled =
        krarup::on_big_stack(|| krarup_compiler::compile_with(&source, "fuzz.erl", None))
            .expect("compiler thread");
    let Ok(compiled) = compiled else {
        return;
    };
    let bytes = krarup_bytecode::format::encode(&compiled.module);
    let module =
        krarup_bytecode::format::decode(&bytes).expect("a module the compiler wrote decodes");
    let env = krarup_vm::harness::NativeEnv::new();
    if let Err(e) = env.load(module) {
        panic!("the loader refused a module the compiler wrote: {e:?}");
    }
});
