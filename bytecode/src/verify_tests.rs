//! Tests of the verifier: a well-formed module passes; hand-built broken ones fail with a message
//! saying why.

use super::*;
use crate::module::{Export, Import, Lambda};
use crate::opcode::TypeTest;
use crate::opcode::{Label, LambdaIdx, LitIdx, XReg, YReg};
use Instruction::*;

fn x(n: u16) -> Src {
    Src::X(XReg(n))
}
fn y(n: u16) -> Src {
    Src::Y(YReg(n))
}
fn dx(n: u16) -> Dst {
    Dst::X(XReg(n))
}
fn dy(n: u16) -> Dst {
    Dst::Y(YReg(n))
}

/// Module `m` with atoms `m, main, f, g, erlang, '+', ok` and the given functions (name atom
/// index, arity, body without the FuncInfo). Bodies use absolute labels; the caller knows the
/// layout (function k's FuncInfo is at the sum of the previous lengths).
fn module(funcs: Vec<(u32, u8, Vec<Instruction>)>) -> Module {
    let mut m = Module {
        name: "m".into(),
        file: "m.erl".into(),
        atoms: ["m", "main", "f", "g", "erlang", "+", "ok"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        imports: vec![Import {
            module: AtomIdx(4),
            function: AtomIdx(5),
            arity: 2,
        }],
        ..Module::default()
    };
    for (name, arity, body) in funcs {
        let start = m.code.len() as u32;
        m.code.push(FuncInfo {
            module: AtomIdx(0),
            function: AtomIdx(name),
            arity,
        });
        m.code.extend(body);
        m.functions.push(FunctionInfo {
            function: AtomIdx(name),
            arity,
            start,
            end: m.code.len() as u32,
        });
    }
    m
}

/// A module using frames, calls, a fun, try/catch, a guard branch and an export: must pass.
fn good() -> Module {
    let mut m = module(vec![
        // main/0 at 0: entry 1
        (
            1,
            0,
            vec![
                Allocate { slots: 2, live: 0 }, // 1
                Try {
                    y: YReg(1),
                    handler: Label(9),
                }, // 2
                Move {
                    src: Src::Int(5),
                    dst: dx(0),
                }, // 3
                Call {
                    arity: 1,
                    target: Label(13),
                }, // 4
                TryEnd { y: YReg(1) },          // 5
                Move {
                    src: x(0),
                    dst: dy(0),
                }, // 6
                MakeFun {
                    lambda: LambdaIdx(0),
                    free: vec![y(0)],
                    dst: dx(0),
                }, // 7
                Jump { target: Label(10) },     // 8
                TryCase { y: YReg(1) },         // 9
                Move {
                    src: Src::Lit(LitIdx(0)),
                    dst: dx(1),
                }, // 10
                CallLast {
                    arity: 1,
                    target: Label(13),
                    dealloc: 2,
                }, // 11
            ],
        ),
        // f/1 at 12: entry 13
        (
            2,
            1,
            vec![
                Test {
                    fail: Label(12),
                    src: x(0),
                    ty: crate::opcode::TypeTest::Integer,
                }, // 13
                Bif {
                    import: ImportIdx(0),
                    args: vec![x(0), Src::Int(1)],
                    dst: dx(0),
                    fail: None,
                }, // 14
                Return, // 15
            ],
        ),
        // g/2 at 16 (the fun body: 1 argument + 1 free): entry 17
        (
            3,
            2,
            vec![
                Move {
                    src: Src::Atom(AtomIdx(6)),
                    dst: dx(0),
                }, // 17
                Return, // 18
            ],
        ),
    ]);
    m.exports.push(Export {
        function: AtomIdx(1),
        arity: 0,
        entry: Label(1),
    });
    m.lambdas.push(Lambda {
        function: AtomIdx(3),
        arity: 1,
        num_free: 1,
        entry: Label(17),
    });
    m.literals
        .push(Literal::Tuple(vec![Literal::Atom("a".into())]));
    m
}

/// Asserts that `m` fails verification with a message containing `needle`.
fn rejects(m: &Module, needle: &str) {
    match verify(m) {
        Ok(()) => panic!("expected an error mentioning {needle:?}"),
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains(needle), "{msg:?} does not mention {needle:?}");
            assert!(msg.contains("'m'"), "{msg:?} does not name the module");
        }
    }
}

#[test]
fn good_module_passes() {
    assert_eq!(verify(&good()), Ok(()));
    assert_eq!(verify(&module(vec![])), Ok(()));
}

#[test]
fn function_table_errors() {
    let mut m = good();
    m.functions.swap(0, 1);
    rejects(&m, "starts at");

    let mut m = good();
    m.code.push(Return);
    rejects(&m, "outside any function");

    let mut m = good();
    m.functions[2].end -= 1;
    rejects(&m, "falls through");

    let mut m = good();
    m.code[12] = Return;
    rejects(&m, "must start with its FuncInfo");

    let mut m = good();
    m.code[14] = FuncInfo {
        module: AtomIdx(0),
        function: AtomIdx(2),
        arity: 1,
    };
    rejects(&m, "FuncInfo inside");

    let mut m = good();
    m.atoms[0] = "other".into();
    rejects(&m, "atoms[0]");

    let mut m = good();
    m.code[15] = Move {
        src: x(0),
        dst: dx(0),
    };
    rejects(&m, "falls through");
}

#[test]
fn branch_and_call_targets() {
    let mut m = good();
    m.code[8] = Jump { target: Label(14) };
    rejects(&m, "leaves the function");

    let mut m = good();
    m.code[13] = Test {
        fail: Label(0),
        src: x(0),
        ty: crate::opcode::TypeTest::Integer,
    };
    rejects(&m, "leaves the function");

    let mut m = good();
    m.code[4] = Call {
        arity: 1,
        target: Label(14),
    };
    rejects(&m, "not a function entry");

    let mut m = good();
    m.code[4] = Call {
        arity: 2,
        target: Label(13),
    };
    rejects(&m, "call with arity 2");

    let mut m = good();
    m.exports[0].entry = Label(2);
    rejects(&m, "export main/0");

    let mut m = good();
    m.lambdas[0].num_free = 0;
    rejects(&m, "lambda 0");
}

#[test]
fn operand_ranges() {
    let mut m = good();
    m.code[3] = Move {
        src: Src::Int(5),
        dst: dx(1024),
    };
    rejects(&m, "X register 1024");

    let mut m = good();
    m.code[3] = Move {
        src: Src::Int(1 << 62),
        dst: dx(0),
    };
    rejects(&m, "not small");

    let mut m = good();
    m.code[3] = Move {
        src: Src::Atom(AtomIdx(99)),
        dst: dx(0),
    };
    rejects(&m, "atom index 99");

    let mut m = good();
    m.code[10] = Move {
        src: Src::Lit(LitIdx(1)),
        dst: dx(1),
    };
    rejects(&m, "literal index 1");

    let mut m = good();
    m.code[14] = Bif {
        import: ImportIdx(0),
        args: vec![x(0)],
        dst: dx(0),
        fail: None,
    };
    rejects(&m, "used with 1 arguments");

    let mut m = good();
    m.code[14] = Bif {
        import: ImportIdx(3),
        args: vec![x(0)],
        dst: dx(0),
        fail: None,
    };
    rejects(&m, "import index 3");

    let mut m = good();
    m.code[7] = MakeFun {
        lambda: LambdaIdx(4),
        free: vec![],
        dst: dx(0),
    };
    rejects(&m, "lambda index 4");

    let mut m = good();
    m.literals[0] = Literal::Float(f64::NAN);
    rejects(&m, "not finite");

    let mut m = good();
    m.literals[0] = Literal::Binary(vec![1, 2], 3);
    rejects(&m, "binary size");

    let mut deep = Literal::Nil;
    for _ in 0..(MAX_LITERAL_DEPTH + 2) {
        deep = Literal::List(vec![deep], Box::new(Literal::Nil));
    }
    let mut m = good();
    m.literals[0] = deep;
    rejects(&m, "nested too deeply");
}

#[test]
fn frames_must_pair() {
    // Y access outside the frame.
    let mut m = good();
    m.code[6] = Move {
        src: x(0),
        dst: dy(2),
    };
    rejects(&m, "y2 used with a frame of 2 slots");

    // Y access with no frame at all.
    let mut m = good();
    m.code[14] = Move {
        src: y(0),
        dst: dx(0),
    };
    rejects(&m, "y0 used with no frame");

    // Allocating twice.
    let mut m = good();
    m.code[3] = Allocate { slots: 1, live: 0 };
    rejects(&m, "already open");

    // Returning with the frame open.
    let mut m = good();
    m.code[11] = Return;
    rejects(&m, "needs no frame");

    // A tail call closing the wrong frame size.
    let mut m = good();
    m.code[11] = CallLast {
        arity: 1,
        target: Label(13),
        dealloc: 1,
    };
    rejects(&m, "closes a frame of 1 slots");

    // A body call with no frame.
    let mut m = good();
    m.code[14] = Call {
        arity: 1,
        target: Label(13),
    };
    rejects(&m, "needs a frame");

    // Paths that disagree: one path deallocates, the other does not, then they meet.
    let m = module(vec![(
        1,
        0,
        vec![
            Allocate { slots: 0, live: 0 }, // 1
            Test {
                fail: Label(4),
                src: Src::Nil,
                ty: crate::opcode::TypeTest::Atom,
            }, // 2
            Deallocate { slots: 0 },        // 3
            Return,                         // 4
        ],
    )]);
    rejects(&m, "reached with");

    // The same shape with both paths closing the frame passes.
    let m = module(vec![(
        1,
        1,
        vec![
            Allocate { slots: 0, live: 1 }, // 1
            Test {
                fail: Label(4),
                src: Src::Nil,
                ty: crate::opcode::TypeTest::Atom,
            }, // 2
            Jump { target: Label(4) },      // 3
            Deallocate { slots: 0 },        // 4
            Return,                         // 5
        ],
    )]);
    assert_eq!(verify(&m), Ok(()));
}

#[test]
fn fun_tail_calls_with_and_without_frame() {
    let ok = module(vec![(
        1,
        1,
        vec![CallFunLast {
            arity: 0,
            dealloc: 0,
        }],
    )]);
    assert_eq!(verify(&ok), Ok(()));
    let framed = module(vec![(
        1,
        1,
        vec![
            Allocate { slots: 3, live: 1 },
            CallFunLast {
                arity: 0,
                dealloc: 3,
            },
        ],
    )]);
    assert_eq!(verify(&framed), Ok(()));
    let wrong = module(vec![(
        1,
        1,
        vec![CallFunLast {
            arity: 0,
            dealloc: 2,
        }],
    )]);
    rejects(&wrong, "closes a frame of 2 slots with no frame");
}

#[test]
fn fun_tail_call_with_zero_dealloc_needs_no_frame() {
    let ambiguous = module(vec![(
        1,
        1,
        vec![
            Allocate { slots: 0, live: 1 },
            CallFunLast {
                arity: 0,
                dealloc: 0,
            },
        ],
    )]);
    rejects(&ambiguous, "dealloc 0 means no frame");
    let closed = module(vec![(
        1,
        2,
        vec![
            Allocate { slots: 0, live: 2 },
            Deallocate { slots: 0 },
            ApplyLast {
                arity: 0,
                dealloc: 0,
            },
        ],
    )]);
    assert_eq!(verify(&closed), Ok(()));
}

#[test]
fn corrupted_modules_never_panic_the_verifier_or_disassembler() {
    use crate::format::{decode, encode, fnv1a64, HEADER_LEN};
    let original = encode(&good());
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut decoded, mut verified) = (0, 0);
    for _ in 0..5000 {
        let mut b = original.clone();
        for _ in 0..1 + next() % 3 {
            let at = HEADER_LEN + (next() as usize) % (b.len() - HEADER_LEN);
            b[at] ^= 1 << (next() % 8);
        }
        let sum = fnv1a64(&b[HEADER_LEN..]);
        b[16..24].copy_from_slice(&sum.to_le_bytes());
        let Ok(m) = decode(&b) else { continue };
        decoded += 1;
        let _ = crate::disasm::disassemble(&m);
        if verify(&m).is_ok() {
            verified += 1;
        }
    }
    assert!(
        decoded > 500 && verified > 10,
        "{decoded} decoded, {verified} verified"
    );
}

#[test]
fn extreme_function_bounds_are_errors_not_overflows() {
    let mut m = good();
    m.functions[0].start = u32::MAX;
    m.functions[0].end = u32::MAX;
    m.exports.clear();
    rejects(&m, "starts at");
    let _ = crate::disasm::disassemble(&m);
    let mut m = good();
    m.exports[0].entry = Label(u32::MAX);
    rejects(&m, "does not point at the entry");
}

#[test]
fn x_registers_must_hold_values() {
    // x1 read after a body call: only x0 survives.
    let mut m = good();
    m.code[6] = Move {
        src: x(1),
        dst: dy(0),
    };
    rejects(&m, "x1 is read but holds no value");

    // Allocate keeps only x0..x[live-1].
    let m = module(vec![(
        1,
        2,
        vec![
            Allocate { slots: 1, live: 1 },
            Move {
                src: x(1),
                dst: dy(0),
            },
            Deallocate { slots: 1 },
            Return,
        ],
    )]);
    rejects(&m, "x1 is read");

    // An exception handler starts with no X registers.
    let mut m = good();
    m.code[10] = Move {
        src: x(0),
        dst: dx(1),
    };
    m.code[9] = Jump { target: Label(10) };
    rejects(&m, "instruction 10");

    // Defined on one path only.
    let m = module(vec![(
        1,
        1,
        vec![
            Test {
                fail: Label(3),
                src: x(0),
                ty: crate::opcode::TypeTest::Atom,
            }, // 1
            Move {
                src: x(0),
                dst: dx(5),
            }, // 2
            Move {
                src: x(5),
                dst: dx(0),
            }, // 3
            Return, // 4
        ],
    )]);
    rejects(&m, "x5 is read");

    // function_clause reports the arguments, so they must be defined at the jump.
    let m = module(vec![(
        1,
        2,
        vec![
            Allocate { slots: 0, live: 1 },
            Deallocate { slots: 0 },
            Jump { target: Label(0) },
        ],
    )]);
    rejects(&m, "raising function_clause: x1");

    // Registers written before a branch are defined on both paths; TryCase defines x0..x2.
    let m = module(vec![(
        1,
        1,
        vec![
            Allocate { slots: 1, live: 1 }, // 1
            Try {
                y: YReg(0),
                handler: Label(6),
            }, // 2
            Call {
                arity: 1,
                target: Label(1),
            }, // 3
            TryEnd { y: YReg(0) },          // 4
            Jump { target: Label(7) },      // 5
            TryCase { y: YReg(0) },         // 6
            Deallocate { slots: 1 },        // 7
            Return,                         // 8
        ],
    )]);
    assert_eq!(verify(&m), Ok(()));
}

/// Frames are not capped at the X register count: the compiler gives a function as many Y slots
/// as it has variables live across calls (3,000 for a chain of 3,000 `andalso`), and every Y
/// operand is still checked against the open frame. `live` names X registers and stays capped.
#[test]
fn large_frames_verify_and_their_bounds_hold() {
    let big = |slots: u16, y_used: u16, live: u16| {
        module(vec![(
            1,
            0,
            vec![
                Allocate { slots, live }, // 1
                Move {
                    src: Src::Nil,
                    dst: dy(y_used),
                }, // 2
                Move {
                    src: y(y_used),
                    dst: dx(0),
                }, // 3
                Deallocate { slots },     // 4
                Return,                   // 5
            ],
        )])
    };
    assert_eq!(verify(&big(3000, 2999, 0)), Ok(()));
    assert_eq!(verify(&big(60_000, 59_999, 0)), Ok(()));
    rejects(&big(3000, 3000, 0), "y3000 used with a frame of 3000 slots");
    rejects(&big(3000, 2999, 1025), "live count too large");
}

/// `f/1` with the given body (after its FuncInfo at 0; the entry is 1).
fn f1(body: Vec<Instruction>) -> Module {
    let mut m = module(vec![(1, 1, body)]);
    m.literals
        .push(Literal::Tuple(vec![Literal::Nil, Literal::Nil]));
    m
}

fn is(src: Src, ty: TypeTest, fail: u32) -> Instruction {
    Test {
        fail: Label(fail),
        src,
        ty,
    }
}

fn get_list(src: Src) -> Instruction {
    GetList {
        src,
        head: dx(1),
        tail: dx(2),
    }
}

fn element(src: Src, index: u32) -> Instruction {
    GetTupleElement {
        src,
        index,
        dst: dx(1),
    }
}

#[test]
fn list_access_needs_a_proven_cons() {
    use crate::opcode::TypeTest::*;
    rejects(
        &f1(vec![get_list(x(0)), Return]),
        "not known to be a non-empty list",
    );
    assert_eq!(
        verify(&f1(vec![is(x(0), NonEmptyList, 0), get_list(x(0)), Return])),
        Ok(())
    );
    // `List` admits `[]`.
    rejects(
        &f1(vec![is(x(0), List, 0), get_list(x(0)), Return]),
        "instruction 2",
    );
    // GetHd and GetTl too, and a constant is never a cons.
    rejects(
        &f1(vec![
            GetHd {
                src: x(0),
                dst: dx(0),
            },
            Return,
        ]),
        "non-empty list",
    );
    rejects(
        &f1(vec![
            GetTl {
                src: Src::Nil,
                dst: dx(0),
            },
            Return,
        ]),
        "non-empty list",
    );
    // Proven on one path only: the test's fail label jumps past it to the join.
    rejects(
        &f1(vec![
            is(x(0), NonEmptyList, 3), // 1
            Move {
                src: x(0),
                dst: dx(3),
            }, // 2
            get_list(x(0)),            // 3
            Return,                    // 4
        ]),
        "instruction 3",
    );
    // A write drops the fact; a move copies it; a construction makes one.
    rejects(
        &f1(vec![
            is(x(0), NonEmptyList, 0),
            Move {
                src: Src::Nil,
                dst: dx(0),
            },
            get_list(x(0)),
            Return,
        ]),
        "instruction 3",
    );
    assert_eq!(
        verify(&f1(vec![
            is(x(0), NonEmptyList, 0),
            Move {
                src: x(0),
                dst: dx(4),
            },
            get_list(x(4)),
            PutList {
                head: x(1),
                tail: Src::Nil,
                dst: dx(5),
            },
            GetTl {
                src: x(5),
                dst: dx(0),
            },
            Return,
        ])),
        Ok(())
    );
}

#[test]
fn tuple_access_needs_a_proven_size() {
    use crate::opcode::TypeTest::*;
    rejects(&f1(vec![element(x(0), 0), Return]), "tuple of more than 0");
    // `Test Tuple` says nothing of the size; `TestArity` and `IsTaggedTuple` do.
    rejects(
        &f1(vec![is(x(0), Tuple, 0), element(x(0), 0), Return]),
        "tuple of more than 0",
    );
    let arity = |n| TestArity {
        fail: Label(0),
        src: x(0),
        arity: n,
    };
    assert_eq!(
        verify(&f1(vec![
            is(x(0), Tuple, 0),
            arity(2),
            element(x(0), 1),
            Return
        ])),
        Ok(())
    );
    rejects(
        &f1(vec![is(x(0), Tuple, 0), arity(2), element(x(0), 2), Return]),
        "tuple of more than 2 elements",
    );
    assert_eq!(
        verify(&f1(vec![
            IsTaggedTuple {
                fail: Label(0),
                src: x(0),
                arity: 3,
                tag: AtomIdx(6),
            },
            element(x(0), 2),
            Return
        ])),
        Ok(())
    );
    // A literal tuple and a built tuple have their sizes.
    assert_eq!(
        verify(&f1(vec![element(Src::Lit(LitIdx(0)), 1), Return])),
        Ok(())
    );
    rejects(
        &f1(vec![element(Src::Lit(LitIdx(0)), 2), Return]),
        "more than 2",
    );
    assert_eq!(
        verify(&f1(vec![
            PutTuple {
                elements: vec![x(0)],
                dst: dx(2),
            },
            element(x(2), 0),
            Return
        ])),
        Ok(())
    );
    // SelectTupleArity: each case label knows its size; the fail label knows nothing.
    let select = |fail_body: Instruction| {
        f1(vec![
            is(x(0), Tuple, 0), // 1
            SelectTupleArity {
                src: x(0),
                fail: Label(5),
                cases: vec![(1, Label(3)), (2, Label(3))],
            }, // 2
            element(x(0), 0),   // 3
            Return,             // 4
            fail_body,          // 5
            Return,             // 6
        ])
    };
    assert_eq!(
        verify(&select(Move {
            src: x(0),
            dst: dx(1)
        })),
        Ok(())
    );
    rejects(&select(element(x(0), 0)), "instruction 5");
    // Two arities meet at their smaller size.
    let m = f1(vec![
        is(x(0), Tuple, 0), // 1
        SelectTupleArity {
            src: x(0),
            fail: Label(0),
            cases: vec![(1, Label(3)), (2, Label(3))],
        }, // 2
        element(x(0), 1),   // 3
        Return,             // 4
    ]);
    rejects(&m, "tuple of more than 1 elements");
}

#[test]
fn facts_follow_calls_frames_and_handlers() {
    use crate::opcode::TypeTest::*;
    let arity2 = |src| TestArity {
        fail: Label(0),
        src,
        arity: 2,
    };
    // An X register's fact is lost at a call; a Y slot's survives it.
    let across_call = |saved: Src| {
        f1(vec![
            is(x(0), Tuple, 0),             // 1
            arity2(x(0)),                   // 2
            Allocate { slots: 1, live: 1 }, // 3
            Move {
                src: x(0),
                dst: dy(0),
            }, // 4
            Call {
                arity: 1,
                target: Label(1),
            }, // 5
            element(saved, 1),              // 6
            Deallocate { slots: 1 },        // 7
            Return,                         // 8
        ])
    };
    assert_eq!(verify(&across_call(y(0))), Ok(()));
    rejects(&across_call(x(0)), "instruction 6");
    // Allocate keeps the live registers' facts.
    assert_eq!(
        verify(&f1(vec![
            is(x(0), NonEmptyList, 0),
            Allocate { slots: 0, live: 1 },
            get_list(x(0)),
            Deallocate { slots: 0 },
            Return
        ])),
        Ok(())
    );
    // An exception handler knows nothing of the slots.
    let m = f1(vec![
        is(x(0), NonEmptyList, 0),      // 1
        Allocate { slots: 2, live: 1 }, // 2
        Move {
            src: x(0),
            dst: dy(0),
        }, // 3
        Try {
            y: YReg(1),
            handler: Label(8),
        }, // 4
        Call {
            arity: 1,
            target: Label(1),
        }, // 5
        TryEnd { y: YReg(1) },          // 6
        Jump { target: Label(9) },      // 7
        TryCase { y: YReg(1) },         // 8
        get_list(y(0)),                 // 9
        Deallocate { slots: 2 },        // 10
        Return,                         // 11
    ]);
    rejects(&m, "instruction 9");
}

#[test]
fn a_match_position_comes_from_the_context() {
    let set = |pos| BsSetPosition { ctx: x(1), pos };
    let body = |pos| {
        vec![
            BsStartMatch {
                fail: Label(0),
                src: x(0),
                dst: dx(1),
            },
            BsGetPosition {
                ctx: x(1),
                dst: dx(2),
            },
            set(pos),
            Return,
        ]
    };
    assert_eq!(verify(&f1(body(x(2)))), Ok(()));
    assert_eq!(verify(&f1(body(Src::Int(0)))), Ok(()));
    rejects(&f1(body(Src::Int(-1))), "not known to be a match position");
    rejects(&f1(body(x(0))), "not known to be a match position");
    rejects(&f1(body(Src::Atom(AtomIdx(6)))), "match position");
}
