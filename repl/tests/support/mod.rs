//! Shared helpers for the integration tests of the `krarup` binary: locating `lang-tests/`, discovering
//! conformance cases, running the binary with a time limit, and rendering failures as unified diffs.
//! It does not decide what a test asserts; each test file does that.

#![allow(dead_code)] // Each test crate uses a different subset of these helpers.

pub mod eunit;
pub mod reports;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Path of the `krarup` binary cargo built for these tests.
pub fn krarup_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_krarup"))
}

/// The `lang-tests/` directory at the workspace root.
pub fn lang_tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repl/ has a parent directory")
        .join("lang-tests")
}

/// Per-program time limit: `LANG_TESTS_TIMEOUT` seconds, default 120 (the heavy tail-call programs take a
/// few seconds in a release build and much longer in a debug build).
pub fn timeout() -> Duration {
    let secs = std::env::var("LANG_TESTS_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(120);
    Duration::from_secs(secs)
}

/// Path substrings from `LANG_TESTS_EXCLUDE` (comma-separated): cases whose path contains any of them
/// are skipped (used by CI to leave the heaviest programs out of the `gc-stress` run).
pub fn excludes() -> Vec<String> {
    std::env::var("LANG_TESTS_EXCLUDE")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Optional path-substring filter from `LANG_TESTS_FILTER`.
pub fn filter() -> Option<String> {
    std::env::var("LANG_TESTS_FILTER")
        .ok()
        .filter(|s| !s.is_empty())
}

/// One conformance program and what real `erl` printed for it.
#[derive(Debug, Clone)]
pub struct Case {
    /// Path relative to `lang-tests/`, without extension (`maps/maps_basic`, `multi_module/mm_basic`).
    pub name: String,
    /// Source files to pass to `krarup run`, entry module first.
    pub sources: Vec<PathBuf>,
    /// `<name>.out`; may be missing when `regen.sh` has not been run for a new program.
    pub expected_out: PathBuf,
    /// `<name>.status`; missing means 0.
    pub expected_status: PathBuf,
}

impl Case {
    /// True for programs under `lang-tests/wishlist/`.
    pub fn is_wishlist(&self) -> bool {
        self.name.starts_with("wishlist/")
    }
}

/// Discovers every case under `root`, sorted by name, following the layout in `lang-tests/README.md`:
/// a directory `D/` holding `D.erl` is one multi-module case; every other `.erl` file is its own case;
/// `compile_errors/` is skipped.
pub fn discover_cases(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    walk(root, root, &mut cases);
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

fn walk(root: &Path, dir: &Path, cases: &mut Vec<Case>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return,
    };
    entries.sort();
    for path in entries {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if path.is_dir() {
            if rel == Path::new("compile_errors") {
                continue;
            }
            let dir_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let entry = path.join(format!("{dir_name}.erl"));
            if entry.is_file() {
                let mut others: Vec<PathBuf> = erl_files(&path)
                    .into_iter()
                    .filter(|p| *p != entry)
                    .collect();
                others.sort();
                let mut sources = vec![entry];
                sources.extend(others);
                cases.push(make_case(root, &path, sources));
            } else {
                walk(root, &path, cases);
            }
        } else if path.extension().and_then(|e| e.to_str()) == Some("erl") && dir != root {
            let base = path.with_extension("");
            cases.push(make_case(root, &base, vec![path.clone()]));
        }
    }
}

fn erl_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("erl"))
                .collect()
        })
        .unwrap_or_default()
}

fn make_case(root: &Path, base: &Path, sources: Vec<PathBuf>) -> Case {
    let name = base
        .strip_prefix(root)
        .unwrap_or(base)
        .to_string_lossy()
        .replace('\\', "/");
    let mut out = base.as_os_str().to_owned();
    out.push(".out");
    let mut status = base.as_os_str().to_owned();
    status.push(".status");
    Case {
        name,
        sources,
        expected_out: PathBuf::from(out),
        expected_status: PathBuf::from(status),
    }
}

/// What a finished (or killed) child process left behind.
#[derive(Debug)]
pub struct RunResult {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Exit code; `None` when killed by a signal or by the time limit.
    pub status: Option<i32>,
    pub timed_out: bool,
    pub elapsed: Duration,
}

/// Runs `cmd` with stdin closed, collecting stdout and stderr, killing it after `limit`.
pub fn run_with_timeout(mut cmd: Command, limit: Duration) -> std::io::Result<RunResult> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Drain both pipes on threads so a chatty child never blocks on a full pipe.
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait()? {
            break st;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = out_thread.join().unwrap_or_default();
    let stderr = err_thread.join().unwrap_or_default();
    Ok(RunResult {
        stdout,
        stderr,
        status: if timed_out { None } else { status.code() },
        timed_out,
        elapsed: start.elapsed(),
    })
}

/// Runs `krarup run SOURCES...` in the directory of the entry file.
pub fn krarup_run(sources: &[PathBuf], limit: Duration) -> std::io::Result<RunResult> {
    let mut cmd = Command::new(krarup_bin());
    cmd.arg("run").args(sources).env("NO_COLOR", "1");
    run_with_timeout(cmd, limit)
}

/// Reads the expected exit status of a case (`.status` file, default 0).
pub fn expected_status(case: &Case) -> Result<i32, String> {
    match std::fs::read_to_string(&case.expected_status) {
        Ok(s) => s
            .trim()
            .parse::<i32>()
            .map_err(|e| format!("{}: bad status file: {e}", case.expected_status.display())),
        Err(_) => Ok(0),
    }
}

/// Compares one run against the expected stdout and status; `Err` holds a readable report with a unified
/// diff of stdout and the head of stderr.
pub fn check(
    case: &Case,
    expected: &[u8],
    want_status: i32,
    got: &RunResult,
) -> Result<(), String> {
    let status_ok = !got.timed_out && got.status == Some(want_status);
    // EUnit's reports are compared in a normalised form (support/eunit.rs says what it hides).
    let eunit_case = case.name.starts_with("eunit/");
    let normalised = |b: &[u8]| eunit::normalise(&String::from_utf8_lossy(b));
    let stdout_ok =
        got.stdout == expected || (eunit_case && normalised(expected) == normalised(&got.stdout));
    // An uncaught exception must be reported on stderr (spec.md, "Programs").
    let report_ok = want_status == 0 || !String::from_utf8_lossy(&got.stderr).trim().is_empty();
    // With a `.err` beside the `.out`, the logger reports on stderr are compared too.
    let stderr_diff = expected_stderr(case).and_then(|want| {
        let want = reports::normalise_reports(&want);
        let have = reports::normalise_reports(&String::from_utf8_lossy(&got.stderr));
        (want != have).then(|| unified_diff(want.as_bytes(), have.as_bytes(), 120))
    });
    if status_ok && stdout_ok && report_ok && stderr_diff.is_none() {
        return Ok(());
    }
    let mut report = format!("=== FAIL {} ===\n", case.name);
    if let Some(diff) = &stderr_diff {
        report
            .push_str("stderr reports differ from erl's (normalised, see spec.md \"Reports\"):\n");
        report.push_str(diff);
    }
    if !report_ok {
        report.push_str("exit status is right but nothing was reported on stderr\n");
    }
    if got.timed_out {
        report.push_str(&format!(
            "timed out after {:.1}s\n",
            got.elapsed.as_secs_f64()
        ));
    } else if !status_ok {
        report.push_str(&format!(
            "exit status: expected {want_status}, got {}\n",
            got.status
                .map_or_else(|| "a signal".to_string(), |c| c.to_string())
        ));
    }
    if !stdout_ok && eunit_case {
        report.push_str("stdout differs from erl's (normalised, see support/eunit.rs):\n");
        let (want, have) = (normalised(expected), normalised(&got.stdout));
        report.push_str(&unified_diff(want.as_bytes(), have.as_bytes(), 120));
    } else if !stdout_ok {
        report.push_str(&unified_diff(expected, &got.stdout, 120));
    }
    let stderr = String::from_utf8_lossy(&got.stderr);
    if !stderr.trim().is_empty() {
        report.push_str("--- stderr (first 20 lines) ---\n");
        for line in stderr.lines().take(20) {
            report.push_str(line);
            report.push('\n');
        }
    }
    Err(report)
}

/// The `.err` file beside the case's `.out` (erl's stderr), if the case has one.
pub fn expected_stderr(case: &Case) -> Option<String> {
    std::fs::read_to_string(case.expected_out.with_extension("err")).ok()
}

/// A unified diff of `expected` against `actual`, cut after `max_lines` lines.
pub fn unified_diff(expected: &[u8], actual: &[u8], max_lines: usize) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let diff = similar::TextDiff::from_lines(expected.as_ref(), actual.as_ref());
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header("expected (erl)", "actual (krarup)")
        .missing_newline_hint(true)
        .to_string();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == max_lines {
            out.push_str("... (diff truncated)\n");
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("(stdout differs only in bytes that are not valid UTF-8)\n");
    }
    out
}

/// Runs `job` over `items` on `workers` threads and returns the results in input order.
pub fn parallel_map<T, R, F>(items: &[T], workers: usize, job: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = job(&items[i]);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was processed"))
        .collect()
}

/// Number of worker threads: `LANG_TESTS_JOBS`, default 2 (the CI machine has two cores).
pub fn workers() -> usize {
    std::env::var("LANG_TESTS_JOBS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2)
}

/// Removes ANSI escape sequences (colours) from rendered diagnostics.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c2 in chars.by_ref() {
                    if ('@'..='~').contains(&c2) {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Runs krarup with `args` in `dir` (so diagnostics name files relative to it), colour off, with a
/// 60-second limit.
pub fn krarup_in(dir: &Path, args: &[&str]) -> RunResult {
    let mut cmd = Command::new(krarup_bin());
    cmd.current_dir(dir).args(args).env("NO_COLOR", "1");
    run_with_timeout(cmd, Duration::from_secs(60)).expect("krarup starts")
}

/// Writes `name` in `dir` with `text`.
pub fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write source");
}

/// A run's stdout as text.
pub fn out(r: &RunResult) -> String {
    String::from_utf8_lossy(&r.stdout).into_owned()
}

/// A run's stderr as text.
pub fn err(r: &RunResult) -> String {
    String::from_utf8_lossy(&r.stderr).into_owned()
}
