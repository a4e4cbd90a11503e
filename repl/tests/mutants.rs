//! Mutated bytecode never reaches the interpreter's "internal error" reports: modules compiled
//! from conformance programs are changed one instruction at a time (a register swapped, a type
//! test weakened or removed, a tuple size or element index moved), written as `.kbc` files and
//! run. Each mutant must either be refused by the loader or run as Erlang code runs (any output,
//! any exception), never end in `** krarup internal error` or a Rust panic. This is the check of
//! the verifier's register and type passes (`bytecode/src/verify_types.rs`).

mod support;

use krarup_bytecode::describe::RegMut;
use krarup_bytecode::opcode::{Dst, Instruction, Label, Src, TypeTest, XReg};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;
use support::*;

/// The programs mutated: ones rich in list, tuple, record and binary matching.
const PROGRAMS: &[&str] = &[
    "records/records_nested.erl",
    "binaries/bin_match.erl",
    "tuples/tuples_basic.erl",
    "lists/lists_basic.erl",
    "case_if/case_basic.erl",
    "lists/lists_improper.erl",
];

/// Mutants per program: `MUTANTS_PER_PROGRAM`, default 60 (a longer probe sets more).
fn per_program() -> usize {
    std::env::var("MUTANTS_PER_PROGRAM")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

/// A small deterministic generator (xorshift64*), so a failure names a reproducible seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Changes one instruction of `code` (never a `FuncInfo`); false if the chosen one offered
/// nothing to change.
fn mutate(code: &mut [Instruction], rng: &mut Rng) -> bool {
    let at = rng.below(code.len());
    let next = Label(at as u32 + 1);
    let ins = &mut code[at];
    if matches!(ins, Instruction::FuncInfo { .. }) {
        return false;
    }
    match (rng.below(4), &mut *ins) {
        // Remove a test: fall through whatever the value is.
        (
            0,
            Instruction::Test { .. }
            | Instruction::TestArity { .. }
            | Instruction::IsTaggedTuple { .. },
        ) => {
            *ins = Instruction::Jump { target: next };
            true
        }
        // Weaken a type test.
        (1, Instruction::Test { ty, .. }) => {
            *ty = TypeTest::ALL[rng.below(TypeTest::ALL.len())];
            true
        }
        (1, Instruction::TestArity { arity, .. } | Instruction::IsTaggedTuple { arity, .. }) => {
            *arity = arity.saturating_sub(1);
            true
        }
        (1, Instruction::GetTupleElement { index, .. }) => {
            *index += 1;
            true
        }
        // Point an operand at another register.
        _ => {
            let mut regs = 0;
            ins.for_each_reg_mut(|_| regs += 1);
            if regs == 0 {
                return false;
            }
            let (pick, new) = (rng.below(regs), rng.below(4) as u16);
            let mut i = 0;
            ins.for_each_reg_mut(|r| {
                if i == pick {
                    match r {
                        RegMut::Read(s @ Src::X(_)) => *s = Src::X(XReg(new)),
                        RegMut::Write(d @ Dst::X(_)) => *d = Dst::X(XReg(new)),
                        _ => {}
                    }
                }
                i += 1;
            });
            true
        }
    }
}

#[test]
fn mutated_bytecode_is_refused_or_runs_as_erlang() {
    let dir = tempfile::tempdir().expect("scratch dir");
    let mut jobs: Vec<(PathBuf, u64)> = Vec::new();
    let per_program = per_program();
    for (p, prog) in PROGRAMS.iter().enumerate() {
        let path = lang_tests_dir().join(prog);
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{prog}: {e}"));
        let module = krarup_compiler::compile(&source, prog)
            .unwrap_or_else(|_| panic!("{prog} compiles"))
            .module;
        let mut made = 0;
        let mut seed = 0x9e37_79b9_7f4a_7c15 ^ (p as u64 + 1);
        while made < per_program {
            seed = seed.wrapping_add(0x1000_0000_01b3);
            let mut rng = Rng(seed);
            let mut m = module.clone();
            if !mutate(&mut m.code, &mut rng) {
                continue;
            }
            let file = dir.path().join(format!("{}_{made}", m.name));
            std::fs::create_dir_all(&file).expect("mutant dir");
            let kbc = file.join(format!("{}.kbc", m.name));
            std::fs::write(&kbc, krarup_bytecode::format::encode(&m)).expect("write mutant");
            jobs.push((kbc, seed));
            made += 1;
        }
    }
    let results = parallel_map(&jobs, workers(), |(kbc, seed)| {
        let mut cmd = Command::new(krarup_bin());
        cmd.arg("run").arg(kbc).env("NO_COLOR", "1");
        let r = run_with_timeout(cmd, Duration::from_secs(20)).expect("krarup starts");
        (kbc.clone(), *seed, r)
    });
    let (mut refused, mut ran) = (0, 0);
    for (kbc, seed, r) in &results {
        let e = err(r);
        assert!(
            !e.contains("internal error") && !e.contains("panicked"),
            "mutant {} (seed {seed:#x}) reached the interpreter's internal checks:\n{e}",
            kbc.display()
        );
        if e.contains("load") && r.status == Some(1) && r.stdout.is_empty() {
            refused += 1;
        } else {
            ran += 1;
        }
    }
    eprintln!(
        "{} mutants: {refused} refused by the loader, {ran} ran",
        results.len()
    );
    // The mutations must exercise both outcomes, or this test checks nothing.
    assert!(refused > 20 && ran > 20, "refused {refused}, ran {ran}");
}
