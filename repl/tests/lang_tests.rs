//! Conformance suite: runs every program under `lang-tests/` with `krarup run` and compares stdout and the
//! exit status with what real `erl` printed (the committed `.out`/`.status` files). Also checks the
//! compile-to-`.kbc`-then-run path and that the `--dump` passes do not fail on valid programs.
//! `conformance` fails when the filter selects no program; `wishlist` fails when a program under
//! `lang-tests/wishlist/` passes (move it into its feature folder).
//!
//! Environment: `LANG_TESTS_FILTER=substr` keeps only cases whose path contains `substr`;
//! `LANG_TESTS_EXCLUDE=a,b` drops cases whose path contains `a` or `b`;
//! `LANG_TESTS_TIMEOUT=secs` (default 120) and `LANG_TESTS_JOBS=n` (default 2).

mod support;

use std::path::PathBuf;
use std::process::Command;
use support::{
    check, discover_cases, excludes, expected_status, filter, krarup_bin, krarup_run,
    lang_tests_dir, parallel_map, run_with_timeout, timeout, workers, Case, RunResult,
};

/// Cases selected by the filter, split into (expected to pass, wishlist).
fn selected_cases() -> (Vec<Case>, Vec<Case>) {
    let all = discover_cases(&lang_tests_dir());
    let filter = filter();
    let excludes = excludes();
    all.into_iter()
        .filter(|c| match &filter {
            Some(f) => c.name.contains(f.as_str()),
            None => true,
        })
        .filter(|c| !excludes.iter().any(|x| c.name.contains(x.as_str())))
        .partition(|c| !c.is_wishlist())
}

/// Runs one case through `run` and returns `Err(report)` on any difference from erl's output.
fn run_case(case: &Case, run: impl Fn(&Case) -> std::io::Result<RunResult>) -> Result<(), String> {
    let expected = std::fs::read(&case.expected_out).map_err(|e| {
        format!(
            "=== FAIL {} ===\nno expected output {} ({e}); run lang-tests/regen.sh\n",
            case.name,
            case.expected_out.display()
        )
    })?;
    let want_status = expected_status(case)?;
    let got = run(case).map_err(|e| {
        format!(
            "=== FAIL {} ===\ncannot start {}: {e}\n",
            case.name,
            krarup_bin().display()
        )
    })?;
    check(case, &expected, want_status, &got)
}

/// Prints every failure and panics with the list of failing case names.
fn report(kind: &str, cases: &[Case], results: &[Result<(), String>]) {
    let failed: Vec<&str> = cases
        .iter()
        .zip(results)
        .filter_map(|(c, r)| r.as_ref().err().map(|_| c.name.as_str()))
        .collect();
    for r in results.iter().filter_map(|r| r.as_ref().err()) {
        eprintln!("{r}");
    }
    eprintln!(
        "{kind}: {} passed, {} failed, {} total",
        cases.len() - failed.len(),
        failed.len(),
        cases.len()
    );
    assert!(
        failed.is_empty(),
        "{kind}: {} of {} programs failed:\n  {}",
        failed.len(),
        cases.len(),
        failed.join("\n  ")
    );
}

#[test]
fn conformance() {
    let (cases, _) = selected_cases();
    if let Err(e) = require_some(&cases) {
        panic!("{e}");
    }
    let limit = timeout();
    let results = parallel_map(&cases, workers(), |case| {
        run_case(case, |c| krarup_run(&c.sources, limit))
    });
    report("conformance", &cases, &results);
}

/// The newcomer programs in `examples/` print what erl printed (`examples/NAME.out`, from `regen.sh`).
#[test]
fn examples() {
    let dir = lang_tests_dir().join("../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("erl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no examples found");
    let cases: Vec<Case> = files
        .into_iter()
        .map(|f| {
            let stem = f
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            Case {
                name: format!("examples/{stem}"),
                expected_out: f.with_extension("out"),
                expected_status: f.with_extension("status"),
                sources: vec![f],
            }
        })
        .collect();
    // A directory D/ holding D.erl is a multi-module example (examples/chat/), as in lang-tests/.
    let mut cases = cases;
    cases.extend(discover_cases(&dir).into_iter().map(|mut c| {
        c.name = format!("examples/{}", c.name);
        c
    }));
    let limit = timeout();
    let results = parallel_map(&cases, workers(), |case| {
        run_case(case, |c| krarup_run(&c.sources, limit))
    });
    report("examples", &cases, &results);
}

/// `Err` when the filter selected no program: a mistyped `LANG_TESTS_FILTER` must not pass silently.
fn require_some(cases: &[Case]) -> Result<(), String> {
    if cases.is_empty() {
        return Err(format!(
            "conformance: no program matches LANG_TESTS_FILTER={:?} and LANG_TESTS_EXCLUDE={:?}",
            filter().unwrap_or_default(),
            excludes().join(",")
        ));
    }
    Ok(())
}

/// `Err` naming every wishlist program that now passes: it belongs in its feature folder, where the
/// conformance test keeps it passing.
fn wishlist_verdict(cases: &[Case], results: &[Result<(), String>]) -> Result<(), String> {
    let passing: Vec<&str> = cases
        .iter()
        .zip(results)
        .filter(|(_, r)| r.is_ok())
        .map(|(c, _)| c.name.as_str())
        .collect();
    if passing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "wishlist programs that now pass; move each out of lang-tests/wishlist/ into its feature \
         folder:\n  {}",
        passing.join("\n  ")
    ))
}

/// Programs under `lang-tests/wishlist/` are run; each must still fail (a passing one is moved out).
#[test]
fn wishlist() {
    let (_, cases) = selected_cases();
    let limit = timeout();
    let results = parallel_map(&cases, workers(), |case| {
        run_case(case, |c| krarup_run(&c.sources, limit))
    });
    for (case, result) in cases.iter().zip(&results) {
        if result.is_err() {
            eprintln!("wishlist: {} fails (expected)", case.name);
        }
    }
    if let Err(e) = wishlist_verdict(&cases, &results) {
        panic!("{e}");
    }
}

/// The harness's own verdicts: an empty selection and a passing wishlist program are failures.
#[test]
fn harness_verdicts_can_fail() {
    assert!(require_some(&[]).is_err());
    let case = |name: &str| Case {
        name: name.to_string(),
        expected_out: PathBuf::from(format!("{name}.out")),
        expected_status: PathBuf::from(format!("{name}.status")),
        sources: vec![PathBuf::from(format!("{name}.erl"))],
    };
    let cases = [case("wishlist/a"), case("wishlist/b")];
    assert!(require_some(&cases).is_ok());
    let still_failing = [Err("diff".to_string()), Err("diff".to_string())];
    assert!(wishlist_verdict(&cases, &still_failing).is_ok());
    let one_passes = [Err("diff".to_string()), Ok(())];
    let e = wishlist_verdict(&cases, &one_passes).unwrap_err();
    assert!(e.contains("wishlist/b") && !e.contains("wishlist/a"), "{e}");
}

/// Compiles each source to `.kbc` with `krarup compile -o DIR`, then runs the bytecode files; the output
/// must be the same as running the sources. Covers a cross-section of features, not every program.
#[test]
fn bytecode_files_run_like_sources() {
    const GROUPS: [&str; 8] = [
        "basics/",
        "funs/",
        "records/",
        "binaries/",
        "maps/maps_basic",
        "multi_module/",
        "try_catch/try_classes",
        "uncaught/uncaught_error",
    ];
    let (cases, _) = selected_cases();
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| GROUPS.iter().any(|g| c.name.starts_with(g)))
        .collect();
    let limit = timeout();
    let scratch = tempfile::tempdir().expect("temporary directory");
    let results = parallel_map(&cases, workers(), |case| {
        let out_dir = scratch.path().join(case.name.replace('/', "__"));
        run_case(case, |c| {
            let mut compile = Command::new(krarup_bin());
            compile
                .arg("compile")
                .args(&c.sources)
                .arg("-o")
                .arg(&out_dir);
            let compiled = run_with_timeout(compile, limit)?;
            if compiled.status != Some(0) {
                // Report the compile failure as the run result so `check` prints its stderr.
                return Ok(compiled);
            }
            let kbc: Vec<PathBuf> = c
                .sources
                .iter()
                .map(|s| {
                    let stem = s.file_stem().unwrap_or_default().to_string_lossy();
                    out_dir.join(format!("{stem}.kbc"))
                })
                .collect();
            krarup_run(&kbc, limit)
        })
    });
    report("bytecode files", &cases, &results);
}

/// `krarup compile --dump=PASS` succeeds and prints something for a sample of valid programs.
#[test]
fn dump_passes_succeed_on_valid_programs() {
    const SAMPLE: [&str; 6] = [
        "basics/basics_hello",
        "basics/basics_functions",
        "case_if/case_basic",
        "binaries/bin_match",
        "comprehensions/lc_basic",
        "try_catch/try_after",
    ];
    let (cases, _) = selected_cases();
    let mut failures = Vec::new();
    for case in cases.iter().filter(|c| SAMPLE.contains(&c.name.as_str())) {
        for pass in ["ast", "core", "bytecode"] {
            let mut cmd = Command::new(krarup_bin());
            cmd.arg("compile")
                .arg(format!("--dump={pass}"))
                .arg(&case.sources[0]);
            match run_with_timeout(cmd, timeout()) {
                Ok(r) if r.status == Some(0) && !r.stdout.is_empty() => {}
                Ok(r) => failures.push(format!(
                    "{} --dump={pass}: status {:?}, {} bytes of stdout, stderr:\n{}",
                    case.name,
                    r.status,
                    r.stdout.len(),
                    String::from_utf8_lossy(&r.stderr)
                )),
                Err(e) => failures.push(format!("{}: cannot start krarup: {e}", case.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The harness itself: discovery finds the layout `lang-tests/README.md` describes.
#[test]
fn discovery_finds_single_and_multi_module_cases() {
    let all = discover_cases(&lang_tests_dir());
    assert!(all.len() >= 100, "only {} cases found", all.len());
    let mm = all
        .iter()
        .find(|c| c.name == "multi_module/mm_basic")
        .expect("multi-module case");
    assert!(mm.sources[0].ends_with("mm_basic/mm_basic.erl"));
    assert_eq!(mm.sources.len(), 3);
    assert!(mm.expected_out.ends_with("multi_module/mm_basic.out"));
    assert!(all.iter().all(|c| !c.name.starts_with("compile_errors/")));
    for c in all.iter().filter(|c| !c.is_wishlist()) {
        assert!(
            c.expected_out.is_file(),
            "{} has no .out; run lang-tests/regen.sh",
            c.name
        );
    }
}
