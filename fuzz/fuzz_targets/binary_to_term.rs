//! `erlang:binary_to_term/1,2` on any bytes. A term it returns must survive the round trip
//! `binary_to_term(term_to_binary(T)) =:= T`. Crashes: a panic, a stack overflow, a round trip
//! that changes the term.
#![no_main]

use krarup_vm::harness::NativeEnv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut env = NativeEnv::new();
    let bin = env.heap.binary(data);
    let safe = env.atom("safe");
    let opts = env.heap.list(&[safe]);
    let _ = env.call("erlang", "binary_to_term", &[bin, opts]);
    let Some(Ok(term)) = env.call("erlang", "binary_to_term", &[bin]) else {
        return;
    };
    let encoded = env
        .call("erlang", "term_to_binary", &[term])
        .expect("term_to_binary is a native")
        .expect("a decoded term encodes");
    let back = env
        .call("erlang", "binary_to_term", &[encoded])
        .expect("binary_to_term is a native")
        .expect("an encoded term decodes");
    let same = env
        .call("erlang", "=:=", &[term, back])
        .map(|r| r.map(|t| env.show(t)));
    if let Some(Ok(same)) = same {
        assert_eq!(
            same,
            "true",
            "round trip changed {} into {}",
            env.show(term),
            env.show(back)
        );
    }
});
