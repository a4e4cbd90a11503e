#!/usr/bin/env bash
# The full ETS stress test (issue 12): lang-tests/ets/ets_stress.erl with 8 processes doing
# 10,000,000 mixed insert/lookup/delete/update_counter operations on one public table (1,250,000
# each), on krarup with 2 schedulers and on erl (+S 2). The program checks the table against each
# process's sequential model and exits non-zero on any difference; both VMs must print the same
# summary. Prints both summaries and wall times.
#
# Usage: benches/ets_stress.sh [KRARUP_BINARY]   (default: $CARGO_TARGET_DIR or target/release/krarup)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
krarup="${1:-${CARGO_TARGET_DIR:-$here/../target}/release/krarup}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed 's/-define(OPS_PER_PROC, 20000)./-define(OPS_PER_PROC, 1250000)./' \
    "$here/../lang-tests/ets/ets_stress.erl" >"$work/ets_stress.erl"
grep -q 'OPS_PER_PROC, 1250000' "$work/ets_stress.erl"
(cd "$work" && erlc ets_stress.erl)
start=$(date +%s.%N)
erl_out="$(cd "$work" && erl +S 2 -noshell -eval 'ets_stress:main(), halt().')"
mid=$(date +%s.%N)
kr_out="$("$krarup" run -S 2 "$work/ets_stress.erl")"
end=$(date +%s.%N)
echo "erl:    $erl_out" | head -2
echo "krarup: $kr_out" | head -2
printf 'wall seconds: erl %.2f, krarup %.2f\n' "$(echo "$mid - $start" | bc)" "$(echo "$end - $mid" | bc)"
[ "$erl_out" = "$kr_out" ] || { echo "ets_stress: outputs differ" >&2; exit 1; }
echo "ets_stress: same result on both"
