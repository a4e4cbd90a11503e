//! The `re` module: the input is split at its first zero byte into a pattern and a subject;
//! `re:compile/1` and `re:run/3` (with and without `unicode`) and `re:split/2` run on them.
//! Crashes: a panic or a stack overflow (libFuzzer's -timeout catches a match that never ends).
#![no_main]

use krarup_vm::harness::NativeEnv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (pattern, subject) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"subject"[..]),
    };
    let mut env = NativeEnv::new();
    let p = env.heap.binary(pattern);
    let s = env.heap.binary(subject);
    let _ = env.call("re", "compile", &[p]);
    let (capture, all, index) = (env.atom("capture"), env.atom("all"), env.atom("index"));
    let spec = env.heap.tuple(&[capture, all, index]);
    let plain = env.heap.list(&[spec]);
    let _ = env.call("re", "run", &[s, p, plain]);
    let unicode = env.atom("unicode");
    let with_unicode = env.heap.list(&[unicode, spec]);
    let _ = env.call("re", "run", &[s, p, with_unicode]);
    let _ = env.call("re", "split", &[s, p]);
});
