#!/usr/bin/env bash
# Runs the full supervisor chaos test (benches/sup_chaos_full.erl: 1,000 workers, 10,000 random
# kills) on krarup and on erl, and fails unless both print the same findings and every finding
# is good (restarts counted = expected, tree intact, process count, names and memory back to
# baseline).
# Usage: benches/sup_chaos.sh [KRARUP_BINARY]   (default: target/release/krarup)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
krarup="${1:-${CARGO_TARGET_DIR:-$here/target}/release/krarup}"
tree="$here/lang-tests/otp/sup_chaos/sup_chaos_tree.erl"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$krarup" run "$here/benches/sup_chaos_full.erl" "$tree" >"$work/krarup.out" 2>"$work/krarup.err"
erlc -o "$work" "$here/benches/sup_chaos_full.erl" "$tree"
(cd "$work" && erl -noshell -pa "$work" \
    -kernel logger '[{handler,default,logger_std_h,#{config=>#{type=>standard_error}}}]' \
    -eval 'sup_chaos_full:main(), halt().' >"$work/erl.out" 2>"$work/erl.err")
cat "$work/krarup.out"
grep '^sup_chaos_full:' "$work/krarup.err" | sed 's/^/krarup /'
grep '^sup_chaos_full:' "$work/erl.err" | sed 's/^/erl    /'
diff "$work/erl.out" "$work/krarup.out" || { echo "sup_chaos.sh: krarup and erl differ" >&2; exit 1; }
for finding in 'equal: true' 'tree intact: true' 'escalation: parent exit: shutdown' \
    'process count back to baseline: true' 'registered names back to baseline: true' \
    'memory back to baseline (processes_used within 1048576 bytes): true'; do
    grep -q "$finding" "$work/krarup.out" || { echo "sup_chaos.sh: missing '$finding'" >&2; exit 1; }
done
if grep -q 'timeout\|still alive' "$work/krarup.out"; then
    echo "sup_chaos.sh: a finding failed" >&2
    exit 1
fi
echo "sup_chaos.sh: ok"
