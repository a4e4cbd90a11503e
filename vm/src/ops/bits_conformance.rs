//! Differential test of the bit syntax against real OTP: `vm/tests/data/bits.tsv` (made by
//! `gen_bits.escript`, which evaluates each construction and match with `erl`) is replayed
//! through `ops::binary::{build, start_match, skip, get, tail}` and the outcomes compared.

use super::binary::{self, SegmentValue};
use crate::bif::test_support::Env;
use crate::term::Term;
use krarup_bytecode::opcode::{BsFlags, BsType};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// `{Type, Value, Size, Unit, Signed, Endian}` as a segment.
fn segment(env: &Env, spec: Term) -> SegmentValue {
    let f = spec.as_tuple().unwrap();
    let name = |t: Term| env.shared.atoms.name(t.as_atom().unwrap()).to_string();
    let (ty, default_unit) = match name(f.at(0)).as_str() {
        "integer" => (BsType::Integer, 1),
        "float" => (BsType::Float, 1),
        "binary" => (BsType::Binary, 8),
        "bitstring" => (BsType::Binary, 1),
        "utf8" => (BsType::Utf8, 1),
        "utf16" => (BsType::Utf16, 1),
        _ => (BsType::Utf32, 1),
    };
    let default = env.atom("default");
    SegmentValue {
        ty,
        value: f.at(1),
        size: if f.at(2) == default {
            None
        } else {
            Some(f.at(2))
        },
        all: false,
        unit: if f.at(3) == default {
            default_unit
        } else {
            f.at(3).small_value() as u16
        },
        flags: BsFlags {
            signed: f.at(4) == Term::bool(true),
            little: name(f.at(5)) == "little",
            native: false,
        },
    }
}

#[test]
fn bit_syntax_matches_otp() {
    let table = include_str!("../../tests/data/bits.tsv");
    let mut env = Env::new();
    let mut failures = Vec::new();
    for line in table.lines() {
        let (case_hex, want_hex) = line.split_once('\t').unwrap();
        let b = env.heap.binary(&unhex(case_hex));
        let case = env.call("erlang", "binary_to_term", &[b]).unwrap();
        let b = env.heap.binary(&unhex(want_hex));
        let want = env.call("erlang", "binary_to_term", &[b]).unwrap();
        let c = case.as_tuple().unwrap();
        let ok = env.atom("ok");
        let got = if c.at(0) == env.atom("build") {
            let prefix = SegmentValue {
                ty: BsType::Integer,
                value: Term::small(0),
                size: Some(c.at(1)),
                all: false,
                unit: 1,
                flags: BsFlags::default(),
            };
            let seg = segment(&env, c.at(2));
            match binary::build(&mut env.heap, &[prefix, seg]) {
                Ok(bin) => env.heap.tuple(&[ok, bin]),
                Err(e) => {
                    let class = Term::atom(e.class.atom());
                    env.heap.tuple(&[class, e.reason])
                }
            }
        } else {
            let seg = segment(&env, c.at(3));
            let ctx = binary::start_match(&mut env.heap, c.at(1)).unwrap();
            let skipped = binary::skip(ctx, Some(c.at(2)), false, 1);
            let value = if skipped {
                binary::get(
                    &mut env.heap,
                    ctx,
                    seg.ty,
                    seg.size,
                    false,
                    seg.unit,
                    seg.flags,
                )
            } else {
                None
            };
            match value {
                Some(v) => {
                    let rest = binary::tail(&mut env.heap, ctx);
                    env.heap.tuple(&[ok, v, rest])
                }
                None => env.atom("nomatch"),
            }
        };
        if !crate::ops::compare::exact_eq(got, want) || env.show(got) != env.show(want) {
            failures.push(format!(
                "{} = {} want {}",
                env.show(case),
                env.show(got),
                env.show(want)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases differ from OTP:\n{}",
        failures.len(),
        failures[..failures.len().min(50)].join("\n")
    );
}
