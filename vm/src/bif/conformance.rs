//! Differential test of the natives against real OTP: `vm/tests/data/natives.tsv` (made by
//! `gen_natives.escript` with `erl`) holds thousands of calls and their outcomes in the external
//! term format; each is replayed here and the encoded outcomes must be byte-identical.

use crate::bif::test_support::Env;
use crate::term::Term;

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn natives_match_otp() {
    let table = include_str!("../../tests/data/natives.tsv");
    let mut env = Env::new();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in table.lines() {
        let (call_hex, want_hex) = line.split_once('\t').unwrap();
        let call_bin = env.heap.binary(&unhex(call_hex));
        let call = env.call("erlang", "binary_to_term", &[call_bin]).unwrap();
        let parts = call.as_tuple().unwrap();
        let (m, f) = (
            parts.at(0).as_atom().unwrap(),
            parts.at(1).as_atom().unwrap(),
        );
        let args = crate::ops::list_to_vec(parts.at(2)).unwrap();
        let (m, f) = (env.shared.atoms.name(m), env.shared.atoms.name(f));
        let outcome = {
            let Some(result) = env.env.call(&m, &f, &args) else {
                failures.push(format!("{m}:{f}/{} not registered", args.len()));
                continue;
            };
            match result {
                Ok(v) => {
                    let ok = env.atom("ok");
                    env.heap.tuple(&[ok, v])
                }
                Err(e) => {
                    let class = Term::atom(e.class.atom());
                    env.heap.tuple(&[class, e.reason])
                }
            }
        };
        let got = env.call("erlang", "term_to_binary", &[outcome]).unwrap();
        let got_hex = hex(&crate::ops::binary::bytes(got).unwrap().0);
        count += 1;
        if got_hex != want_hex {
            let want_bin = env.heap.binary(&unhex(want_hex));
            let want = env.call("erlang", "binary_to_term", &[want_bin]).unwrap();
            // Large maps encode in OTP's internal order; equal terms are a match there.
            let large_map = outcome
                .as_tuple()
                .is_some_and(|t| crate::ops::map::size(t.at(1)) > 32);
            if large_map && crate::ops::compare::exact_eq(outcome, want) {
                continue;
            }
            failures.push(format!(
                "{m}:{f}({}) = {} want {}",
                args.iter()
                    .map(|a| env.show(*a))
                    .collect::<Vec<_>>()
                    .join(", "),
                env.show(outcome),
                env.show(want)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} calls differ from OTP:\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}
