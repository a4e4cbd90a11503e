//! Tests of the bytecode file format: round trips, truncation, corruption and fuzzing.

use super::*;
use crate::describe::OPCODE_COUNT;

/// A module whose code holds every instruction variant, every operand kind and every literal
/// kind (it need not make sense to the verifier).
pub(crate) fn every_instruction_module() -> Module {
    use Instruction::*;
    let x = |n| Src::X(XReg(n));
    let y = |n| Src::Y(YReg(n));
    let dx = |n| Dst::X(XReg(n));
    let dy = |n| Dst::Y(YReg(n));
    let seg = |ty, size| BsSegment {
        ty,
        value: x(1),
        size,
        unit: 8,
        flags: BsFlags {
            signed: true,
            little: false,
            native: true,
        },
    };
    let mut code = vec![
        FuncInfo {
            module: AtomIdx(0),
            function: AtomIdx(1),
            arity: 2,
        },
        Allocate { slots: 3, live: 2 },
        Deallocate { slots: 3 },
        Return,
        Call {
            arity: 1,
            target: Label(1),
        },
        CallLast {
            arity: 1,
            target: Label(1),
            dealloc: 2,
        },
        CallOnly {
            arity: 255,
            target: Label(70_000),
        },
        CallExt {
            arity: 0,
            import: ImportIdx(0),
        },
        CallExtLast {
            arity: 3,
            import: ImportIdx(1),
            dealloc: 1,
        },
        CallExtOnly {
            arity: 3,
            import: ImportIdx(1),
        },
        CallFun { arity: 2 },
        CallFunLast {
            arity: 2,
            dealloc: 0,
        },
        Apply { arity: 4 },
        ApplyLast {
            arity: 4,
            dealloc: 9,
        },
        Bif {
            import: ImportIdx(2),
            args: vec![x(0), y(1), Src::Atom(AtomIdx(1)), Src::Int(-5), Src::Nil],
            dst: dx(0),
            fail: Some(Label(3)),
        },
        Bif {
            import: ImportIdx(2),
            args: vec![],
            dst: dy(7),
            fail: None,
        },
        Move {
            src: Src::Lit(LitIdx(0)),
            dst: dy(1023),
        },
        Move {
            src: Src::Int(i64::MIN),
            dst: dx(0),
        },
        Move {
            src: Src::Int(i64::MAX),
            dst: dx(u16::MAX),
        },
        Init { dst: dy(0) },
        GetList {
            src: x(0),
            head: dx(1),
            tail: dy(2),
        },
        GetHd {
            src: y(0),
            dst: dx(1),
        },
        GetTl {
            src: x(0),
            dst: dx(0),
        },
        GetTupleElement {
            src: x(0),
            index: 4,
            dst: dx(2),
        },
        PutList {
            head: Src::Int(1),
            tail: Src::Nil,
            dst: dx(0),
        },
        PutTuple {
            elements: vec![x(0), Src::Lit(LitIdx(1))],
            dst: dx(0),
        },
        MakeFun {
            lambda: LambdaIdx(0),
            free: vec![y(0)],
            dst: dx(0),
        },
        Unary {
            op: UnaryOp::Bnot,
            a: x(0),
            dst: dx(0),
            fail: None,
        },
        Test {
            fail: Label(2),
            src: x(0),
            ty: TypeTest::Function,
        },
        IsFunction2 {
            fail: Label(2),
            src: x(0),
            arity: Src::Int(2),
        },
        TestArity {
            fail: Label(2),
            src: x(0),
            arity: 3,
        },
        IsTaggedTuple {
            fail: Label(2),
            src: x(0),
            arity: 3,
            tag: AtomIdx(1),
        },
        SelectVal {
            src: x(0),
            fail: Label(2),
            cases: vec![(Src::Int(1), Label(3)), (Src::Atom(AtomIdx(1)), Label(4))],
        },
        SelectTupleArity {
            src: x(0),
            fail: Label(2),
            cases: vec![(2, Label(3)), (0, Label(4))],
        },
        Jump { target: Label(1) },
        PutMap {
            kind: MapPut::Assoc,
            src: x(0),
            dst: dx(0),
            pairs: vec![(Src::Atom(AtomIdx(1)), x(1))],
            fail: None,
        },
        PutMap {
            kind: MapPut::Exact,
            src: x(0),
            dst: dx(0),
            pairs: vec![],
            fail: Some(Label(5)),
        },
        HasMapFields {
            fail: Label(2),
            src: x(0),
            keys: vec![Src::Atom(AtomIdx(1))],
        },
        GetMapElements {
            fail: Label(2),
            src: x(0),
            pairs: vec![(Src::Atom(AtomIdx(1)), dx(1)), (Src::Int(3), dy(0))],
        },
        BsCreate {
            segments: vec![
                seg(BsType::Integer, BsSize::Src(Src::Int(16))),
                seg(BsType::Binary, BsSize::All),
                seg(BsType::Utf8, BsSize::Default),
            ],
            dst: dx(0),
            fail: Some(Label(2)),
        },
        BsStartMatch {
            fail: Label(2),
            src: x(0),
            dst: dx(1),
        },
        BsGet {
            fail: Label(2),
            ctx: x(1),
            ty: BsType::Float,
            size: BsSize::Src(x(3)),
            unit: 1,
            flags: BsFlags::default(),
            dst: dx(2),
        },
        BsSkip {
            fail: Label(2),
            ctx: x(1),
            size: BsSize::Default,
            unit: 256,
        },
        BsTestTail {
            fail: Label(2),
            ctx: x(1),
            bits: 0,
        },
        BsTestUnit {
            fail: Label(2),
            ctx: x(1),
            unit: 8,
        },
        BsGetPosition {
            ctx: x(1),
            dst: dx(3),
        },
        BsSetPosition {
            ctx: x(1),
            pos: x(3),
        },
        BsGetTail {
            ctx: x(1),
            dst: dx(0),
        },
        Try {
            y: YReg(0),
            handler: Label(9),
        },
        TryEnd { y: YReg(0) },
        TryCase { y: YReg(0) },
        TryCaseEnd { src: x(0) },
        Catch {
            y: YReg(1),
            handler: Label(9),
        },
        CatchEnd { y: YReg(1) },
        Raise {
            class: x(0),
            reason: x(1),
            stack: x(2),
        },
        Badmatch { src: x(0) },
        CaseEnd { src: x(0) },
        IfEnd,
        Badrecord { src: x(0) },
        Error { reason: x(0) },
        Send,
        LoopRec {
            fail: Label(2),
            dst: dx(0),
        },
        LoopRecEnd { target: Label(1) },
        RemoveMessage,
        Wait { target: Label(1) },
        WaitTimeout {
            target: Label(1),
            timeout: Src::Atom(AtomIdx(1)),
        },
        Timeout,
    ];
    for op in ArithOp::ALL {
        code.push(Arith {
            op,
            a: x(0),
            b: Src::Int(1),
            dst: dx(0),
            fail: Some(Label(2)),
        });
    }
    for op in UnaryOp::ALL {
        code.push(Unary {
            op,
            a: x(0),
            dst: dx(0),
            fail: Some(Label(2)),
        });
    }
    for op in CmpOp::ALL {
        code.push(Cmp {
            fail: Label(2),
            op,
            a: x(0),
            b: y(0),
        });
    }
    for ty in TypeTest::ALL {
        code.push(Test {
            fail: Label(2),
            src: x(0),
            ty,
        });
    }
    for ty in BsType::ALL {
        code.push(BsGet {
            fail: Label(2),
            ctx: x(1),
            ty,
            size: BsSize::All,
            unit: 8,
            flags: BsFlags {
                signed: false,
                little: true,
                native: false,
            },
            dst: dx(2),
        });
    }
    let len = code.len() as u32;
    Module {
        name: "m".into(),
        file: "m.erl".into(),
        atoms: vec!["m".into(), "f".into(), "héllo wörld".into(), "".into()],
        imports: vec![
            Import {
                module: AtomIdx(0),
                function: AtomIdx(1),
                arity: 0,
            },
            Import {
                module: AtomIdx(2),
                function: AtomIdx(1),
                arity: 3,
            },
        ],
        exports: vec![Export {
            function: AtomIdx(1),
            arity: 2,
            entry: Label(1),
        }],
        functions: vec![FunctionInfo {
            function: AtomIdx(1),
            arity: 2,
            start: 0,
            end: len,
        }],
        lambdas: vec![Lambda {
            function: AtomIdx(2),
            arity: 1,
            num_free: 1,
            entry: Label(1),
        }],
        literals: vec![
            Literal::Int(BigInt::from(1u8) << 200usize),
            Literal::Int(-(BigInt::from(7u8) << 70usize)),
            Literal::Int(BigInt::from(0)),
            Literal::Float(-0.5),
            Literal::Atom("ok".into()),
            Literal::Nil,
            Literal::List(
                vec![Literal::Int(1.into()), Literal::Atom("a".into())],
                Box::new(Literal::Float(2.0)),
            ),
            Literal::Tuple(vec![]),
            Literal::Tuple(vec![Literal::Tuple(vec![Literal::Nil]), Literal::Nil]),
            Literal::Map(vec![
                (Literal::Atom("k".into()), Literal::Int(3.into())),
                (Literal::Int(1.into()), Literal::Map(vec![])),
            ]),
            Literal::Binary(vec![1, 2, 0xe0], 19),
            Literal::Binary(vec![], 0),
            Literal::ExportFun("lists".into(), "map".into(), 2),
        ],
        code,
        lines: vec![(0, 1), (5, 300_000)],
        attributes: vec![("vsn".into(), Literal::List(vec![], Box::new(Literal::Nil)))],
    }
}

#[test]
fn round_trip_every_instruction_through_encode_decode_disassemble() {
    let m = every_instruction_module();
    // Every opcode is used.
    let mut seen = [false; OPCODE_COUNT as usize];
    for ins in &m.code {
        seen[ins.opcode().number() as usize] = true;
    }
    let missing: Vec<Opcode> = Opcode::all()
        .filter(|op| !seen[op.number() as usize])
        .collect();
    assert!(missing.is_empty(), "not in the test module: {missing:?}");
    let bytes = encode(&m);
    assert_eq!(&bytes[..4], MAGIC);
    let decoded = decode(&bytes).expect("decodes");
    assert_eq!(decoded, m);
    // Each instruction disassembles to one line starting with its mnemonic.
    let text = crate::disasm::disassemble(&decoded);
    let code = &text[text.find("\nfunction ").expect("a function")..];
    let listed: Vec<&str> = code
        .lines()
        .filter(|l| l.starts_with("    "))
        .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert_eq!(listed.len(), m.code.len());
    for (ins, word) in m.code.iter().zip(&listed) {
        let mnemonic = ins.opcode().mnemonic();
        assert!(
            word.split('/').next() == Some(mnemonic.as_str()),
            "{ins:?} listed as {word}"
        );
    }
}

#[test]
fn opcode_numbers_and_templates_agree() {
    let numbers: Vec<u8> = Opcode::all().map(Opcode::number).collect();
    assert_eq!(numbers, (0..OPCODE_COUNT).collect::<Vec<u8>>());
    for op in Opcode::all() {
        assert_eq!(Instruction::template(op).opcode(), op);
        assert_eq!(Opcode::from_number(op.number()), Some(op));
    }
    assert_eq!(Opcode::from_number(OPCODE_COUNT), None);
    assert_eq!(Opcode::CallExtLast.mnemonic(), "call_ext_last");
}

#[test]
fn round_trip_empty_module() {
    let m = Module::default();
    assert_eq!(decode(&encode(&m)), Ok(m));
}

#[test]
fn every_truncation_is_rejected() {
    let bytes = encode(&every_instruction_module());
    for n in 0..bytes.len() {
        let err = decode(&bytes[..n]).expect_err("a truncated file must not decode");
        assert!(
            matches!(err, FormatError::Truncated { .. }),
            "prefix of {n} bytes: {err}"
        );
    }
}

#[test]
fn wrong_magic_version_checksum_and_trailing_bytes() {
    let bytes = encode(&every_instruction_module());
    let mut b = bytes.clone();
    b[0] = b'X';
    assert_eq!(decode(&b), Err(FormatError::BadMagic));
    assert_eq!(decode(b"\x7fELF"), Err(FormatError::BadMagic));

    let mut b = bytes.clone();
    b[4] = 99;
    assert_eq!(
        decode(&b),
        Err(FormatError::WrongVersion {
            found: 99,
            expected: FORMAT_VERSION
        })
    );

    let mut b = bytes.clone();
    let last = b.len() - 1;
    b[last] ^= 1;
    assert_eq!(decode(&b), Err(FormatError::BadChecksum));

    let mut b = bytes.clone();
    b.push(0);
    assert_eq!(decode(&b), Err(FormatError::TrailingBytes(1)));

    let msg = decode(&bytes[..10]).unwrap_err().to_string();
    assert!(msg.contains("truncated"), "{msg}");
    let msg = FormatError::WrongVersion {
        found: 2,
        expected: 1,
    }
    .to_string();
    assert!(msg.contains("version 2"), "{msg}");
}

/// Replaces the payload checksum so corruption reaches the payload parser.
fn reseal(bytes: &mut [u8]) {
    let sum = fnv1a64(&bytes[HEADER_LEN..]);
    bytes[16..24].copy_from_slice(&sum.to_le_bytes());
}

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

#[test]
fn random_corruption_never_panics() {
    let original = encode(&every_instruction_module());
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut rejected = 0;
    for case in 0..6000 {
        let mut b = original.clone();
        let flips = 1 + (rng.next() % 4) as usize;
        for _ in 0..flips {
            let at = (rng.next() as usize) % b.len();
            b[at] ^= 1 << (rng.next() % 8);
        }
        // Half the cases fix up the checksum so the payload parser sees the damage.
        if case % 2 == 0 {
            reseal(&mut b);
        }
        match decode(&b) {
            Ok(m) => {
                // Whatever decodes is a module that round-trips.
                let again = encode(&m);
                assert_eq!(decode(&again).map(|m| encode(&m)), Ok(again), "case {case}");
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                rejected += 1;
            }
        }
    }
    assert!(rejected > 3000, "only {rejected} corruptions rejected");
}

#[test]
fn random_garbage_and_huge_counts_are_rejected() {
    let mut rng = XorShift(12345);
    for len in 0..400 {
        let mut b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if len >= HEADER_LEN {
            b[..4].copy_from_slice(MAGIC);
            b[4..8].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
            b[8..16].copy_from_slice(&((len - HEADER_LEN) as u64).to_le_bytes());
            reseal(&mut b);
        }
        let _ = decode(&b);
    }
    // A header claiming an enormous payload is truncation, not an allocation.
    let mut b = encode(&Module::default());
    b[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(decode(&b), Err(FormatError::Truncated { .. })));
    // A table count far beyond the input is rejected before allocating.
    let mut w = Writer(Vec::new());
    w.str("m");
    w.str("");
    w.uint(u64::MAX >> 1);
    let payload = w.0;
    let b = with_header(&payload);
    let err = decode(&b).unwrap_err();
    assert!(err.to_string().contains("exceeds"), "{err}");
}

#[test]
fn deep_literal_nesting_is_capped() {
    let mut lit = Literal::Nil;
    for _ in 0..(MAX_LITERAL_DEPTH + 5) {
        lit = Literal::Tuple(vec![lit]);
    }
    let m = Module {
        literals: vec![lit],
        ..Module::default()
    };
    let err = decode(&encode(&m)).unwrap_err();
    assert!(err.to_string().contains("nested too deeply"), "{err}");
}

#[test]
fn nested_length_claims_do_not_reserve_memory() {
    // 500 nested lists each claiming as many elements as there are bytes left: must fail fast
    // (running out of input) without reserving 500 times the input size.
    let mut w = Writer(Vec::new());
    w.str("m");
    w.str("");
    for _ in 0..7 {
        w.uint(0); // atoms, imports, exports, functions, lambdas, ... empty
    }
    let mut payload = w.0;
    // Replace: literal table with one literal made of nested list headers.
    payload.truncate(payload.len() - 2);
    payload.push(1); // one literal
    let filler = 200_000usize;
    for _ in 0..500 {
        payload.push(4);
        let mut n = Writer(Vec::new());
        n.uint(filler as u64);
        payload.extend(n.0);
    }
    payload.resize(payload.len() + filler, 3);
    let b = with_header(&payload);
    let err = decode(&b).unwrap_err().to_string();
    // The parser got through every header and element and ran out of input for the tails.
    assert!(err.contains("unexpected end of payload"), "{err}");
    assert!(err.contains(&format!("byte {}", b.len())), "{err}");
}
