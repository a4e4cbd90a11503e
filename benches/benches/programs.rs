//! Criterion driver: times `krarup run` on each self-checking program in `benches/erl/`, as a whole
//! process (start-up, loading and running). Programs are first compiled to `.kbc` so the measurement
//! excludes the compiler; if `krarup compile` fails, the `.erl` file is run instead and the benchmark id
//! says so. Skips everything, with a note, when no release binary is found (see `krarup_benches::krarup_bin`).

use criterion::{criterion_group, criterion_main, Criterion};
use krarup_benches::{krarup_bin, program_path, PROGRAMS};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

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
    for name in PROGRAMS {
        let (file, kind) = prepare(&bin, name, &scratch);
        // The self-check runs before timing: a wrong answer is reported, not benchmarked.
        if let Err(e) = run_once(&bin, &file) {
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
