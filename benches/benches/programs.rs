//! Criterion driver: times `krarup run` on each self-checking program in `benches/erl/`, as a whole
//! process (start-up, loading and running). Programs are first compiled to `.kbc` so the measurement
//! excludes the compiler; if `krarup compile` fails, the `.erl` file is run instead and the benchmark id
//! says so. Skips everything, with a note, when no release binary is found (see `krarup_benches::krarup_bin`).
//!
//! Every program first runs once untimed as a self-check (with a time limit, so a hung VM is skipped, not
//! waited for); a program that fails it is skipped with a note. The timed process benchmarks
//! (`PROC_PROGRAMS`) run only when enabled: listed in `PROC_ENABLED`, or chosen with the environment
//! variable `KRARUP_BENCH_PROC` (`all`, or names separated by commas). `proc_memory` and `proc_latency`
//! print figures rather than take a meaningful time; they are compared by `benches/compare.py` only.

use criterion::{criterion_group, criterion_main, Criterion};
use krarup_benches::{krarup_bin, program_path, PROGRAMS};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The timed process benchmarks in `benches/erl/`, in the order reports list them.
const PROC_PROGRAMS: [&str; 5] = [
    "proc_spawn",
    "proc_ring",
    "proc_pingpong",
    "proc_bigmsg",
    "proc_selective",
];

/// The process benchmarks the driver runs by default (`KRARUP_BENCH_PROC` overrides this list).
const PROC_ENABLED: &[&str] = &PROC_PROGRAMS;

/// Time limit of the untimed self-check run of each program.
const CHECK_TIMEOUT: Duration = Duration::from_secs(120);

/// The process benchmarks to run: `KRARUP_BENCH_PROC=all` gives all of `PROC_PROGRAMS`, a comma-separated
/// list gives those of its names that are in `PROC_PROGRAMS`; unset, `PROC_ENABLED`.
fn enabled_proc_programs() -> Vec<&'static str> {
    match std::env::var("KRARUP_BENCH_PROC") {
        Ok(v) if v.trim() == "all" => PROC_PROGRAMS.to_vec(),
        Ok(v) => {
            let wanted: Vec<&str> = v.split(',').map(str::trim).collect();
            for w in wanted.iter().filter(|w| !w.is_empty()) {
                if !PROC_PROGRAMS.contains(w) {
                    eprintln!("krarup benches: KRARUP_BENCH_PROC: unknown program {w}");
                }
            }
            PROC_PROGRAMS
                .into_iter()
                .filter(|p| wanted.contains(p))
                .collect()
        }
        Err(_) => PROC_ENABLED.to_vec(),
    }
}

/// Runs `bin run file` once, killing it after `limit`; `Err` describes a failed self-check, a crash or
/// a run that took too long.
fn check_once(bin: &Path, file: &Path, limit: Duration) -> Result<(), String> {
    let mut child = Command::new(bin)
        .arg("run")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stderr = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!("{} still running after {limit:?}", file.display()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => break Err(format!("waiting for {}: {e}", file.display())),
        }
    };
    let text = stderr
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default();
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("{} exited with {status}: {text}", file.display())),
        Err(e) => Err(e),
    }
}

/// Runs `bin run file` once; `Err` describes a failed self-check or a crash.
fn run_once(bin: &Path, file: &Path) -> Result<(), String> {
    let out = Command::new(bin)
        .arg("run")
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} exited with {}: {}",
            file.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Compiles `name` to `dir/name.kbc`; returns the file to run and a label for the benchmark id.
fn prepare(bin: &Path, name: &str, dir: &Path) -> (PathBuf, &'static str) {
    let src = program_path(name);
    let compiled = Command::new(bin)
        .arg("compile")
        .arg(&src)
        .arg("-o")
        .arg(dir)
        .stdin(Stdio::null())
        .output();
    let kbc = dir.join(format!("{name}.kbc"));
    match compiled {
        Ok(out) if out.status.success() && kbc.is_file() => (kbc, "kbc"),
        _ => (src, "erl"),
    }
}

fn programs(c: &mut Criterion) {
    let Some(bin) = krarup_bin() else {
        eprintln!(
            "krarup benches: no release binary found; run `cargo build --release -p krarup` \
             or set KRARUP_BIN. Skipping."
        );
        return;
    };
    let scratch = std::env::temp_dir().join(format!("krarup-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&scratch);
    let mut group = c.benchmark_group("krarup_run");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.warm_up_time(Duration::from_secs(1));
    let proc_programs = enabled_proc_programs();
    for name in PROGRAMS.into_iter().chain(proc_programs) {
        let (file, kind) = prepare(&bin, name, &scratch);
        // The self-check runs before timing: a wrong answer is reported, not benchmarked.
        if let Err(e) = check_once(&bin, &file, CHECK_TIMEOUT) {
            eprintln!("krarup benches: skipping {name}: {e}");
            continue;
        }
        group.bench_function(format!("{name}.{kind}"), |b| {
            b.iter(|| run_once(&bin, &file).expect("self-check passed before timing"))
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&scratch);
}

criterion_group!(benches, programs);
criterion_main!(benches);
