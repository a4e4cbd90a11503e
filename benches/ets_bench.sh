#!/usr/bin/env bash
# The ETS benchmarks (issue 12) on erl and krarup, alternating runs (erl, krarup, erl, ...), each
# program's in-program figures (its `NAME_us ...` line, microseconds) reduced to medians per VM.
# Each program checks its own result; a failing run stops the script.
#
# Usage: benches/ets_bench.sh [-n RUNS] [KRARUP_BINARY]   (default 3 runs; binary from
#        $CARGO_TARGET_DIR or target/release/krarup)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs=3
if [ "${1:-}" = "-n" ]; then runs="$2"; shift 2; fi
krarup="${1:-${CARGO_TARGET_DIR:-$here/../target}/release/krarup}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
programs=(ets_set ets_ordered ets_counter ets_select pterm_get)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
printf '%-12s %-8s %14s %14s %7s\n' program figure "erl us" "krarup us" ratio
for p in "${programs[@]}"; do
    erlc -o "$work" "$here/erl/$p.erl"
    : >"$work/$p.erl.fig"; : >"$work/$p.kr.fig"
    for _ in $(seq "$runs"); do
        (cd "$work" && erl -noshell -eval "$p:main(), halt().") | grep "^${p}_us " >>"$work/$p.erl.fig"
        "$krarup" run "$here/erl/$p.erl" | grep "^${p}_us " >>"$work/$p.kr.fig"
    done
    n=$(head -1 "$work/$p.erl.fig" | wc -w)
    for i in $(seq 2 "$n"); do
        e=$(cut -d' ' -f"$i" "$work/$p.erl.fig" | median)
        k=$(cut -d' ' -f"$i" "$work/$p.kr.fig" | median)
        printf '%-12s %-8s %14s %14s %7.2f\n' "$p" "#$((i - 1))" "$e" "$k" "$(echo "$k / $e" | bc -l)"
    done
done
