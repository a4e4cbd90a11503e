//! Tests of loading: verification, atoms, literals, imports.

use super::*;
use crate::native::{NativeCtx, NativeResult};
use crate::term::SUB_EXPORT;
use krarup_bytecode::module::{Export, FunctionInfo, Import};
use krarup_bytecode::opcode::{AtomIdx, Dst, Instruction, Label, LitIdx, Src, XReg};
use num_bigint::BigInt;

fn shared() -> Shared {
    Shared::new(Box::new(std::io::sink()))
}

fn native_id(_ctx: &mut NativeCtx<'_>, args: &[Term]) -> NativeResult {
    Ok(args[0])
}

/// `m:main/0` returning literal 0, importing `erlang:abs/1` and `other:thing/1`.
fn module(literals: Vec<Literal>) -> Module {
    Module {
        name: "m".into(),
        atoms: ["m", "main", "erlang", "abs", "other", "thing"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        imports: vec![
            Import {
                module: AtomIdx(2),
                function: AtomIdx(3),
                arity: 1,
            },
            Import {
                module: AtomIdx(4),
                function: AtomIdx(5),
                arity: 1,
            },
        ],
        exports: vec![Export {
            function: AtomIdx(1),
            arity: 0,
            entry: Label(1),
        }],
        functions: vec![FunctionInfo {
            function: AtomIdx(1),
            arity: 0,
            start: 0,
            end: 3,
        }],
        code: vec![
            Instruction::FuncInfo {
                module: AtomIdx(0),
                function: AtomIdx(1),
                arity: 0,
            },
            Instruction::Move {
                src: Src::Lit(LitIdx(0)),
                dst: Dst::X(XReg(0)),
            },
            Instruction::Return,
        ],
        literals,
        ..Module::default()
    }
}

fn atom(s: &Shared, name: &str) -> Term {
    Term::atom(s.atoms.intern(name))
}

#[test]
fn loads_atoms_imports_and_literals() {
    let s = shared();
    let mut natives = NativeRegistry::default();
    natives.register(
        s.atoms.intern("erlang"),
        s.atoms.intern("abs"),
        1,
        native_id,
    );
    let lits = vec![
        Literal::Tuple(vec![
            Literal::Atom("hello".into()),
            Literal::Int(BigInt::from(-7)),
            Literal::Int(BigInt::from(1u8) << 80usize),
            Literal::Float(1.5),
            Literal::List(
                vec![Literal::Int(1.into()), Literal::Int(2.into())],
                Box::new(Literal::Atom("t".into())),
            ),
            Literal::Binary(vec![1, 2, 3], 24),
            Literal::ExportFun("lists".into(), "map".into(), 2),
            Literal::Nil,
        ]),
        Literal::Map(vec![
            (Literal::Atom("b".into()), Literal::Int(2.into())),
            (Literal::Atom("a".into()), Literal::Int(1.into())),
            (Literal::Atom("b".into()), Literal::Int(3.into())),
        ]),
    ];
    let lm = load(&s, &natives, module(lits), 77).expect("loads");
    assert_eq!(lm.name, s.atoms.intern("m"));
    assert_eq!(lm.unique, 77);
    assert_eq!(lm.atoms.len(), 6);
    assert_eq!(lm.atoms[5], s.atoms.intern("thing"));
    assert!(lm.imports[0].native.is_some());
    assert!(lm.imports[1].native.is_none());
    assert_eq!(lm.imports[1].function, s.atoms.intern("thing"));

    let t = lm.literals[0].as_tuple().unwrap();
    assert_eq!(t.at(0), atom(&s, "hello"));
    assert_eq!(t.at(1), Term::small(-7));
    assert!(t.at(2).is_bignum());
    assert_eq!(t.at(3).as_float(), Some(1.5));
    let (h1, rest) = t.at(4).as_cons().unwrap();
    let (h2, tail) = rest.as_cons().unwrap();
    assert_eq!(
        (h1, h2, tail),
        (Term::small(1), Term::small(2), atom(&s, "t"))
    );
    assert_eq!(
        crate::ops::binary::bytes(t.at(5)),
        Some((vec![1, 2, 3], 24))
    );
    assert_eq!(
        t.at(6).payload().unwrap().to_vec(),
        [atom(&s, "lists"), atom(&s, "map"), Term::small(2)]
    );
    assert_eq!(t.at(6).boxed_subtag(), Some(SUB_EXPORT));
    assert_eq!(t.at(7), Term::NIL);
    assert!(lm.owns_literal(lm.literals[0]));
    assert!(lm.owns_literal(t.at(4)));

    // Map literal: keys sorted, later duplicate wins.
    let m = lm.literals[1];
    assert!(m.is_map());
    assert_eq!(
        crate::ops::map::to_pairs(m),
        vec![
            (atom(&s, "a"), Term::small(1)),
            (atom(&s, "b"), Term::small(3))
        ]
    );
}

#[test]
fn invalid_modules_are_load_errors() {
    let s = shared();
    let natives = NativeRegistry::default();
    let mut bad = module(vec![]);
    let err = load(&s, &natives, bad.clone(), 1).unwrap_err();
    assert_eq!(err.module, "m");
    assert!(err.to_string().contains("literal index 0"), "{err}");
    bad.literals.push(Literal::Nil);
    bad.code[2] = Instruction::Jump { target: Label(9) };
    let err = load(&s, &natives, bad, 1).unwrap_err();
    assert!(err.to_string().contains("leaves the function"), "{err}");
}

#[test]
fn big_binary_literals_are_released_with_the_module() {
    let s = shared();
    let natives = NativeRegistry::default();
    let lm = load(
        &s,
        &natives,
        module(vec![Literal::Binary(vec![5; 1000], 8000)]),
        1,
    )
    .unwrap();
    let t = lm.literals[0];
    assert_eq!(t.boxed_subtag(), Some(crate::term::SUB_REFC_BIN));
    let (bytes, bits) = crate::ops::binary::bytes(t).unwrap();
    assert_eq!((bytes.len(), bits), (1000, 8000));
    drop(lm);
}

#[test]
fn deep_literals_load_without_recursion() {
    let s = shared();
    let mut lit = Literal::Nil;
    for i in 0..250 {
        lit = Literal::List(
            vec![Literal::Int(i.into())],
            Box::new(Literal::Tuple(vec![lit])),
        );
    }
    let lm = load(&s, &NativeRegistry::default(), module(vec![lit]), 1).unwrap();
    let mut t = lm.literals[0];
    let mut depth = 0;
    while let Some((_, tl)) = t.as_cons() {
        t = tl.as_tuple().unwrap().at(0);
        depth += 1;
    }
    assert_eq!(depth, 250);
    assert!(t.is_nil());
}

/// A `Bif` instruction must name a builtin: one naming an ordinary function (here by an import
/// whose index a mutated file changed) used to load and then stop the process with an internal
/// error when it ran.
#[test]
fn a_bif_instruction_naming_no_builtin_is_refused() {
    let s = shared();
    let mut natives = NativeRegistry::default();
    natives.register(
        s.atoms.intern("erlang"),
        s.atoms.intern("abs"),
        1,
        native_id,
    );
    let with_bif = |import: u32| {
        let mut m = module(vec![Literal::Int(BigInt::from(-3))]);
        m.code.insert(
            2,
            Instruction::Bif {
                import: krarup_bytecode::opcode::ImportIdx(import),
                args: vec![Src::X(XReg(0))],
                dst: Dst::X(XReg(0)),
                fail: None,
            },
        );
        m.functions[0].end += 1;
        m
    };
    assert!(
        load(&s, &natives, with_bif(0), 1).is_ok(),
        "erlang:abs/1 is a builtin"
    );
    let err = load(&s, &natives, with_bif(1), 2).expect_err("other:thing/1 is not");
    assert!(
        err.message
            .contains("other:thing/1, which is not a builtin"),
        "{}",
        err.message
    );
}

/// A table with module `m` loaded `n` times (each with a fresh version stamp).
fn table_with_versions(s: &Shared, n: u64) -> (table::CodeTable, Atom) {
    let natives = NativeRegistry::default();
    let mut t = table::CodeTable::new(&natives, &[]);
    for unique in 1..=n {
        let loaded = load(
            s,
            &natives,
            module(vec![Literal::Int(unique.into())]),
            unique,
        )
        .expect("loads");
        t.install_from(loaded, None, None).expect("no old code");
        if unique < n {
            t.purge(s.atoms.intern("m")).ok();
        }
    }
    (t, s.atoms.intern("m"))
}

/// Current/old as OTP keeps them: a load over old code is refused with `NotPurged`, a purge
/// empties the old slot and forgets its fun stamp, delete makes current code old and removes its
/// exports, and unknown modules are `Unknown`.
#[test]
fn install_purge_and_delete_follow_otp() {
    let s = shared();
    let natives = NativeRegistry::default();
    let mut t = table::CodeTable::new(&natives, &[]);
    let m = s.atoms.intern("m");
    let main = s.atoms.intern("main");
    let v1 = t
        .install_from(
            load(&s, &natives, module(vec![Literal::Nil]), 1).unwrap(),
            None,
            None,
        )
        .unwrap();
    let v2 = t
        .install_from(
            load(&s, &natives, module(vec![Literal::Nil]), 2).unwrap(),
            None,
            None,
        )
        .unwrap();
    assert_eq!(
        (t.current_version(m), t.old_version(m)),
        (Some(v2), Some(v1))
    );
    let third = load(&s, &natives, module(vec![Literal::Nil]), 3).unwrap();
    assert_eq!(
        t.install_from(third, None, None).err(),
        Some(table::TableError::NotPurged)
    );
    assert_eq!(t.delete(m).err(), Some(table::TableError::NotPurged));
    let dropped = t.purge(m).expect("old code");
    assert_eq!(dropped.loaded.unique, 1);
    assert!(t.version(v1).is_none() && t.version_by_unique(1).is_none());
    assert_eq!(t.purge(m).err(), Some(table::TableError::Unknown));
    assert!(matches!(t.resolve(m, main, 0), table::Target::Code { .. }));
    t.delete(m).expect("current code");
    assert!(matches!(t.resolve(m, main, 0), table::Target::Undef));
    assert_eq!((t.current_version(m), t.old_version(m)), (None, Some(v2)));
    assert!(!t.is_loaded(m));
    assert_eq!(t.delete(m).err(), Some(table::TableError::NotPurged));
    t.purge(m).expect("deleted code is old");
    assert_eq!(t.live_versions(), 0);
    assert_eq!(t.delete(m).err(), Some(table::TableError::Unknown));
}

/// Repeated reloads with purges keep two versions live at most: memory does not grow with the
/// number of reloads (only the slot index does).
#[test]
fn purged_versions_are_dropped() {
    let s = shared();
    let (t, m) = table_with_versions(&s, 200);
    assert_eq!(t.live_versions(), 2);
    assert_eq!(t.version_count(), 200);
    let old = t.old_version(m).expect("old");
    let dropped: Vec<u32> = (0..198).filter(|&i| t.version(i).is_none()).collect();
    assert_eq!(dropped.len(), 198);
    assert_eq!(t.module(old).map(|l| l.unique), Some(199));
}

/// A copy of the table is independent of the original (the snapshot a running slice keeps is
/// not changed by a load that publishes the next one).
#[test]
fn a_snapshot_is_unchanged_by_later_loads() {
    let s = shared();
    let natives = NativeRegistry::default();
    let (mut t, m) = table_with_versions(&s, 1);
    let snapshot = std::sync::Arc::new(t.clone());
    t.next_generation();
    t.install_from(
        load(&s, &natives, module(vec![Literal::Nil]), 9).unwrap(),
        None,
        None,
    )
    .unwrap();
    t.purge(m).unwrap();
    assert_eq!(snapshot.old_version(m), None);
    assert!(snapshot.version(0).is_some());
    assert_eq!(t.generation(), snapshot.generation() + 1);
    assert!(t.version(0).is_none());
}

/// A process that needs a purged version (a fun call raced the purge) ends with reason `killed`,
/// as the purge would have ended it; a version index never handed out stays an internal error.
#[test]
fn a_purged_version_under_a_process_ends_it_as_killed() {
    use crate::interp::{missing_version, ExitReason};
    let s = shared();
    let (t, _) = table_with_versions(&s, 3);
    assert!(t.version(0).is_none());
    match missing_version(&t, &s, 0) {
        ExitReason::Signal(r) => assert_eq!(r.as_atom(), Some(s.atoms.intern("killed"))),
        other => panic!("expected killed, got {other:?}"),
    }
    assert!(matches!(
        missing_version(&t, &s, 99),
        ExitReason::Internal(_)
    ));
}
