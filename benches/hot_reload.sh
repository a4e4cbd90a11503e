#!/usr/bin/env bash
# Runs benches/hot_reload.erl on krarup and on erl in the same run and prints their figures side by
# side: load and purge time of a 1,000-function module, ring throughput alone and during a reload
# storm. Fails if either run does not end with "ok" (the program checks its own results).
# Usage: benches/hot_reload.sh [KRARUP_BINARY]   (default: target/release/krarup)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
krarup="${1:-${CARGO_TARGET_DIR:-$here/target}/release/krarup}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$krarup" run "$here/benches/hot_reload.erl" >"$work/krarup.out"
erlc -o "$work" "$here/benches/hot_reload.erl"
(cd "$work" && erl -noshell -pa "$work" -eval 'hot_reload:main(), halt().' >"$work/erl.out")
for f in krarup erl; do
    tail -n 1 "$work/$f.out" | grep -qx ok || { echo "hot_reload.sh: $f run failed" >&2; cat "$work/$f.out" >&2; exit 1; }
done
printf '%-32s %14s %14s\n' figure krarup erl
join <(grep '^figure' "$work/krarup.out" | awk '{print $2, $3}' | sort) \
     <(grep '^figure' "$work/erl.out" | awk '{print $2, $3}' | sort) |
    while read -r name k e; do printf '%-32s %14s %14s\n' "$name" "$k" "$e"; done
