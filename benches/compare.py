#!/usr/bin/env python3
"""Compares krarup with erl on the self-checking programs in benches/erl/.

Builds krarup in release mode, compiles every program with erlc (and with `krarup compile` when that
works), then runs each program N times (default 5) on both and prints medians:

  erl run     time of Module:main() inside an already started erl, measured with timer:tc
  erl total   wall time of the whole `erl -noshell ...` process (start-up included)
  krarup total   wall time of `krarup run X.kbc` (or X.erl when compiling to .kbc fails)
  krarup run  krarup total minus the median krarup start-up (the `hello` program's total)
  ratio       krarup run / erl run (lower is better; 1.0 means as fast as BEAM)

The start-up lines (`hello`) compare the two whole processes instead. A program whose self-check fails
(non-zero exit) is reported as FAILED for that runtime, with the head of its stderr.

Usage: benches/compare.py [-n RUNS] [--no-build] [PROGRAM ...]
Environment: KRARUP_BIN to use a given binary instead of building; CARGO_TARGET_DIR is honoured.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROGRAMS = ["hello", "fib", "nrev", "fact", "float_loop", "map_ops"]
TIME_MARK = "__KRARUP_BENCH_TIME_US__"


def krarup_binary(build: bool) -> Path:
    if os.environ.get("KRARUP_BIN"):
        return Path(os.environ["KRARUP_BIN"])
    if build:
        subprocess.run(["cargo", "build", "--release", "-p", "krarup"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "krarup"


def timed(cmd, cwd=None):
    """Runs cmd; returns (wall seconds, CompletedProcess)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          errors="replace")
    return time.perf_counter() - start, proc


def erl_run(beam_dir: Path, module: str):
    """One erl process; returns (wall seconds, in-VM seconds) or raises RuntimeError."""
    expr = (
        "{T, _} = timer:tc(fun() -> '%s':main() end), "
        "io:format(\"~n%s ~p~n\", [T]), halt(0)." % (module, TIME_MARK)
    )
    wall, proc = timed(["erl", "-noshell", "-pa", str(beam_dir), "-eval", expr], cwd=beam_dir)
    if proc.returncode != 0 or TIME_MARK not in proc.stdout:
        raise RuntimeError(f"erl exit {proc.returncode}: {proc.stderr.strip()[:300]}")
    micros = int(proc.stdout.rsplit(TIME_MARK, 1)[1].split()[0])
    return wall, micros / 1e6


def krarup_run(binary: Path, file: Path):
    wall, proc = timed([str(binary), "run", str(file)])
    if proc.returncode != 0:
        raise RuntimeError(f"krarup exit {proc.returncode}: {proc.stderr.strip()[:300]}")
    return wall


def fmt(seconds):
    return "-" if seconds is None else f"{seconds * 1000:9.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build --release")
    ap.add_argument("programs", nargs="*", default=PROGRAMS)
    args = ap.parse_args()
    programs = ["hello"] + [p for p in args.programs if p != "hello"]

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
            r = subprocess.run([str(binary), "compile", str(src), "-o", str(kbc_dir)],
                               stdin=subprocess.DEVNULL, capture_output=True)
            kbc = kbc_dir / f"{p}.kbc"
            files[p] = kbc if r.returncode == 0 and kbc.is_file() else src

        print(f"krarup: {binary}")
        print(f"{args.runs} runs per program; medians in milliseconds\n")
        header = f"{'program':<12}{'erl run':>10}{'erl total':>10}{'kr total':>10}{'kr run':>10}{'ratio':>8}  input"
        print(header)
        print("-" * len(header))

        kr_startup = None
        startup_rows = []
        for p in programs:
            erl_walls, erl_runs, kr_walls, errors = [], [], [], []
            for _ in range(args.runs):
                try:
                    w, r = erl_run(beam_dir, p)
                    erl_walls.append(w)
                    erl_runs.append(r)
                except RuntimeError as e:
                    errors.append(str(e))
                    break
            for _ in range(args.runs):
                try:
                    kr_walls.append(krarup_run(binary, files[p]))
                except RuntimeError as e:
                    errors.append(str(e))
                    break
            erl_run_m = statistics.median(erl_runs) if len(erl_runs) == args.runs else None
            erl_wall_m = statistics.median(erl_walls) if len(erl_walls) == args.runs else None
            kr_wall_m = statistics.median(kr_walls) if len(kr_walls) == args.runs else None
            if p == "hello":
                kr_startup = kr_wall_m
            kr_run_m = None
            if kr_wall_m is not None and kr_startup is not None:
                kr_run_m = max(kr_wall_m - kr_startup, 0.0) if p != "hello" else kr_wall_m
            ratio = "-"
            if p == "hello" and kr_wall_m and erl_wall_m:
                ratio = f"{kr_wall_m / erl_wall_m:8.2f}"
                startup_rows.append((kr_wall_m, erl_wall_m))
            elif kr_run_m is not None and erl_run_m:
                ratio = f"{kr_run_m / erl_run_m:8.2f}"
            kind = files[p].suffix.lstrip(".")
            print(f"{p:<12}{fmt(erl_run_m):>10}{fmt(erl_wall_m):>10}{fmt(kr_wall_m):>10}{fmt(kr_run_m):>10}{ratio:>8}  {kind}")
            for e in errors:
                print(f"    FAILED: {e}")
        if startup_rows:
            kr, erl = startup_rows[0]
            print(f"\nstart-up (hello, whole process): krarup {kr * 1000:.1f} ms, erl {erl * 1000:.1f} ms;"
                  f" the hello ratio compares whole processes, the others compare run time only.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
