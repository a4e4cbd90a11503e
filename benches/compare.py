#!/usr/bin/env python3
"""Compares krarup with erl on the self-checking programs in benches/erl/.

Builds krarup in release mode, compiles every program with erlc (and with `krarup compile` when that
works), then runs each program N times (default 5) on both, erl and krarup alternating, and
prints medians.

Timed programs (the first table):

  erl run     time of Module:main() inside an already started erl, measured with timer:tc
  erl total   wall time of the whole `erl -noshell ...` process (start-up included)
  kr total    wall time of `krarup run X.kbc` (or X.erl when compiling to .kbc fails)
  kr run      kr total minus the median krarup start-up (the `hello` program's total)
  ratio       kr run / erl run (lower is better; 1.0 means as fast as BEAM)

The start-up line (`hello`, always run) compares the two whole processes instead.

Figure programs (the second table) print measurements instead of being timed: `proc_memory` prints
`bytes_per_process N`, `proc_latency` prints `latency_us p50=.. p99=.. max=..`. The table shows the
median of each figure over the N runs on each VM, the krarup/erl ratio of the medians and the
spread of the ratios of the runs taken side by side. For `proc_memory` it also
shows the peak resident set size of the whole OS process (GNU time's %M, when /usr/bin/time exists):
a cross-check of the VM's own report, which includes each VM's fixed start-up footprint.

Every program's stdout on krarup must equal its stdout on erl (for figure programs, apart from the
figure lines); a difference is reported under the program's row. A run that exits non-zero (a failed
self-check or a crash) or exceeds --timeout is reported as `failed` for that VM, with the head of its
stderr, and the script carries on with the next program.

Usage: benches/compare.py [-n RUNS] [--no-build] [--only PREFIX ...] [--timeout S] [PROGRAM ...]
  --only proc_     runs only the programs whose name starts with proc_ (repeatable)
Environment: KRARUP_BIN to use a given binary instead of building; CARGO_TARGET_DIR is honoured.
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Single-process programs, timed.
BASIC = ["hello", "fib", "nrev", "fact", "float_loop", "map_ops"]
# Process programs, timed.
PROC_TIMED = ["proc_spawn", "proc_ring", "proc_pingpong", "proc_bigmsg", "proc_selective"]
# Process programs that print figures: name -> (figure line pattern, [(figure key, label)]).
FIGURES = {
    "otp_gen_server": (
        re.compile(r"^gen_server_calls_us (-?\d+) (-?\d+)$", re.M),
        [("one", "1M calls, 1 client, us"), ("many", "1M calls, 100 clients, us")],
    ),
    "proc_memory": (re.compile(r"^bytes_per_process (-?\d+)$", re.M), [("bytes", "bytes/process")]),
    "proc_latency": (
        re.compile(r"^latency_us p50=(-?\d+) p99=(-?\d+) max=(-?\d+)$", re.M),
        [("p50", "p50 lateness us"), ("p99", "p99 lateness us"), ("max", "max lateness us")],
    ),
    "otp_statem": (re.compile(r"^statem_events_us (-?\d+)$", re.M), [("us", "1M events us")]),
    "otp_sup_restart": (re.compile(r"^sup_restarts_us (-?\d+)$", re.M), [("us", "20k restarts us")]),
    "otp_sup_many": (re.compile(r"^sup_many_us (-?\d+)$", re.M), [("us", "100 sups x 2k restarts us")]),
}
PROGRAMS = BASIC + PROC_TIMED + list(FIGURES)
TIME_MARK = "__KRARUP_BENCH_TIME_US__"
GNU_TIME = "/usr/bin/time"
# Figure programs whose whole-process peak RSS is also reported (a cross-check of the self-reported figure).
RSS_PROGRAMS = {"proc_memory"}


class RunFailed(Exception):
    """A run that exited non-zero, timed out or printed something unexpected."""


def krarup_binary(build: bool) -> Path:
    if os.environ.get("KRARUP_BIN"):
        return Path(os.environ["KRARUP_BIN"])
    if build:
        subprocess.run(["cargo", "build", "--release", "-p", "krarup"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "krarup"


def timed(cmd, timeout, cwd=None, rss=False):
    """Runs cmd in its own process group; returns (wall seconds, CompletedProcess, peak RSS in KB or
    None). Raises RunFailed on timeout, after killing the whole group. The peak RSS is measured only when
    rss is true and GNU time is at /usr/bin/time (it then wraps cmd and writes the figure to a file)."""
    rss_file = None
    if rss and Path(GNU_TIME).is_file():
        fd, rss_file = tempfile.mkstemp(prefix="krarup-rss-")
        os.close(fd)
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_file] + list(cmd)
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise RunFailed(f"timed out after {timeout} s") from None
        wall = time.perf_counter() - start
        peak = None
        if rss_file:
            text = Path(rss_file).read_text().strip().splitlines()
            peak = int(text[-1]) if text and text[-1].isdigit() else None
        return wall, subprocess.CompletedProcess(cmd, proc.returncode, out, err), peak
    finally:
        if rss_file:
            os.unlink(rss_file)


def erl_run(beam_dir: Path, module: str, timeout):
    """One erl process; returns (wall seconds, in-VM seconds, program stdout, peak RSS KB or None) or
    raises RunFailed."""
    expr = (
        "{T, _} = timer:tc(fun() -> '%s':main() end), "
        "io:format(\"~n%s ~p~n\", [T]), halt(0)." % (module, TIME_MARK)
    )
    wall, proc, peak = timed(["erl", "-noshell", "-pa", str(beam_dir), "-eval", expr], timeout, cwd=beam_dir,
                             rss=module in RSS_PROGRAMS)
    cut = proc.stdout.rfind("\n" + TIME_MARK)
    if proc.returncode != 0 or cut < 0:
        raise RunFailed(f"erl exit {proc.returncode}: {proc.stderr.strip()[:300]}")
    micros = int(proc.stdout[cut:].split()[1])
    return wall, micros / 1e6, proc.stdout[:cut], peak


def krarup_run(binary: Path, file: Path, timeout):
    """One krarup process; returns (wall seconds, stdout, peak RSS KB or None) or raises RunFailed."""
    wall, proc, peak = timed([str(binary), "run", str(file)], timeout, rss=file.stem in RSS_PROGRAMS)
    if proc.returncode != 0:
        raise RunFailed(f"krarup exit {proc.returncode}: {proc.stderr.strip()[:300]}")
    return wall, proc.stdout, peak


def figures_of(program, stdout):
    """The figures a figure program printed, as {key: int}; raises RunFailed if the line is missing."""
    pattern, keys = FIGURES[program]
    m = pattern.search(stdout)
    if not m:
        raise RunFailed(f"no figure line matching /{pattern.pattern}/ in stdout")
    return {key: int(v) for (key, _), v in zip(keys, m.groups())}


def comparable(program, stdout):
    """The part of stdout that must be equal on both VMs (figure programs drop their figure lines)."""
    if program in FIGURES:
        return FIGURES[program][0].sub("", stdout)
    return stdout


def fmt(seconds):
    return "-" if seconds is None else f"{seconds * 1000:9.1f}"


class Result:
    """Everything measured for one program on both VMs."""

    def __init__(self):
        self.erl_walls, self.erl_runs, self.erl_figures = [], [], []
        self.kr_walls, self.kr_figures = [], []
        self.erl_out = self.kr_out = None
        self.erl_failed = self.kr_failed = False
        self.notes = []


def measure(program, runs, beam_dir, kr_file, binary, timeout):
    """Runs the program `runs` times on each VM, erl and krarup alternating, so that a change in the
    machine's load falls on both."""
    r = Result()
    for _ in range(runs):
        if not r.erl_failed:
            try:
                wall, run, out, peak = erl_run(beam_dir, program, timeout)
                if program in FIGURES:
                    r.erl_figures.append(dict(figures_of(program, out), rss=peak))
                r.erl_walls.append(wall)
                r.erl_runs.append(run)
                r.erl_out = out if r.erl_out is None else r.erl_out
            except RunFailed as e:
                r.erl_failed = True
                r.notes.append(f"FAILED on erl: {e}")
        if not r.kr_failed:
            try:
                wall, out, peak = krarup_run(binary, kr_file, timeout)
                if program in FIGURES:
                    r.kr_figures.append(dict(figures_of(program, out), rss=peak))
                r.kr_walls.append(wall)
                r.kr_out = out if r.kr_out is None else r.kr_out
            except RunFailed as e:
                r.kr_failed = True
                r.notes.append(f"FAILED on krarup: {e}")
    if r.erl_out is not None and r.kr_out is not None:
        if comparable(program, r.erl_out) != comparable(program, r.kr_out):
            # A fast wrong answer never counts: no time or figure is reported for krarup.
            r.kr_failed = True
            r.notes.append(f"FAILED on krarup: stdout differs: erl {r.erl_out[:200]!r}, krarup {r.kr_out[:200]!r}")
    return r


def median_or_none(values, runs):
    return statistics.median(values) if len(values) == runs else None


def select(args):
    programs = args.programs or PROGRAMS
    unknown = [p for p in programs if p not in PROGRAMS and not (HERE / "erl" / f"{p}.erl").is_file()]
    if unknown:
        sys.exit(f"compare.py: unknown program(s): {' '.join(unknown)}")
    if args.only:
        programs = [p for p in programs if any(p.startswith(prefix) for prefix in args.only)]
        if not programs:
            sys.exit(f"compare.py: no program starts with {' or '.join(args.only)}")
    return ["hello"] + [p for p in programs if p != "hello"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build --release")
    ap.add_argument("--only", action="append", default=[], metavar="PREFIX",
                    help="run only programs whose name starts with PREFIX (repeatable); hello always runs")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds before one run counts as failed (default 120)")
    ap.add_argument("programs", nargs="*", help=f"programs to run (default: {' '.join(PROGRAMS)})")
    args = ap.parse_args()
    programs = select(args)

    for tool in ("erl", "erlc"):
        if shutil.which(tool) is None:
            sys.exit(f"compare.py: {tool} not found")
    binary = krarup_binary(not args.no_build)
    if not binary.is_file():
        sys.exit(f"compare.py: no krarup binary at {binary}")

    work = Path(tempfile.mkdtemp(prefix="krarup-compare-"))
    try:
        beam_dir, kbc_dir = work / "beam", work / "kbc"
        beam_dir.mkdir()
        kbc_dir.mkdir()
        sources = [HERE / "erl" / f"{p}.erl" for p in programs]
        subprocess.run(["erlc", "-o", str(beam_dir)] + [str(s) for s in sources], check=True)

        files = {}
        for p, src in zip(programs, sources):
            try:
                r = subprocess.run([str(binary), "compile", str(src), "-o", str(kbc_dir)],
                                   stdin=subprocess.DEVNULL, capture_output=True, timeout=args.timeout)
                ok = r.returncode == 0
            except subprocess.TimeoutExpired:
                ok = False
            kbc = kbc_dir / f"{p}.kbc"
            files[p] = kbc if ok and kbc.is_file() else src

        print(f"krarup: {binary}")
        print(f"{args.runs} runs per program; medians in milliseconds\n")
        header = f"{'program':<16}{'erl run':>10}{'erl total':>10}{'kr total':>10}{'kr run':>10}{'ratio':>8}  input"
        print(header)
        print("-" * len(header))

        kr_startup = None
        startup_rows = []
        figure_results = []
        for p in programs:
            r = measure(p, args.runs, beam_dir, files[p], binary, args.timeout)
            if p in FIGURES:
                figure_results.append((p, r))
                continue
            erl_run_m = median_or_none(r.erl_runs, args.runs)
            erl_wall_m = median_or_none(r.erl_walls, args.runs)
            kr_wall_m = median_or_none(r.kr_walls, args.runs)
            if p == "hello":
                kr_startup = None if r.kr_failed else kr_wall_m
            kr_run_m = None
            if kr_wall_m is not None and kr_startup is not None:
                kr_run_m = max(kr_wall_m - kr_startup, 0.0) if p != "hello" else kr_wall_m
            ratio = "-"
            if p == "hello" and kr_wall_m and erl_wall_m and not r.kr_failed:
                ratio = f"{kr_wall_m / erl_wall_m:8.2f}"
                startup_rows.append((kr_wall_m, erl_wall_m))
            elif kr_run_m is not None and erl_run_m and not r.kr_failed:
                ratio = f"{kr_run_m / erl_run_m:8.2f}"
            erl_cols = ("failed", "failed") if r.erl_failed else (fmt(erl_run_m), fmt(erl_wall_m))
            kr_cols = ("failed", "failed") if r.kr_failed else (fmt(kr_wall_m), fmt(kr_run_m))
            kind = files[p].suffix.lstrip(".")
            print(f"{p:<16}{erl_cols[0]:>10}{erl_cols[1]:>10}{kr_cols[0]:>10}{kr_cols[1]:>10}{ratio:>8}  {kind}")
            for note in r.notes:
                print(f"    {note}")
        if startup_rows:
            kr, erl = startup_rows[0]
            print(f"\nstart-up (hello, whole process): krarup {kr * 1000:.1f} ms, erl {erl * 1000:.1f} ms;"
                  f" the hello ratio compares whole processes, the others compare run time only.")

        if figure_results:
            print(f"\nfigures (median of {args.runs} runs; lower is better)\n")
            header = (f"{'program':<16}{'figure':<28}{'erl':>12}{'krarup':>12}{'kr/erl':>8}"
                      f"  {'pair spread':<13}input")
            print(header)
            print("-" * len(header))
            for p, r in figure_results:
                kind = files[p].suffix.lstrip(".")
                rows = FIGURES[p][1] + ([("rss", "peak RSS KB")] if p in RSS_PROGRAMS else [])
                for key, label in rows:
                    erl_m = median_or_none([f[key] for f in r.erl_figures if f[key] is not None], args.runs)
                    kr_m = median_or_none([f[key] for f in r.kr_figures if f[key] is not None], args.runs)
                    erl_col = "failed" if r.erl_failed else ("-" if erl_m is None else f"{erl_m:.0f}")
                    kr_col = "failed" if r.kr_failed else ("-" if kr_m is None else f"{kr_m:.0f}")
                    ratio = f"{kr_m / erl_m:8.2f}" if kr_m is not None and erl_m and not r.kr_failed else "-"
                    # The ratios of the runs taken side by side (erl then krarup), lowest..highest.
                    pairs = [k[key] / e[key] for e, k in zip(r.erl_figures, r.kr_figures)
                             if e[key] and k[key] is not None]
                    spread = f"{min(pairs):.2f}..{max(pairs):.2f}" if pairs and not r.kr_failed else "-"
                    print(f"{p:<16}{label:<28}{erl_col:>12}{kr_col:>12}{ratio:>8}  {spread:<13}{kind}")
                for note in r.notes:
                    print(f"    {note}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
