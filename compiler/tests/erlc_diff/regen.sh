#!/bin/sh
# Writes NAME.erlc next to every NAME.erl in this directory: the diagnostics real `erlc` (OTP 25)
# prints for that file, one per line as `LINE:COL: message` (warnings keep erlc's `Warning: `
# prefix). compiler/tests/erlc_diff.rs compares krarup's diagnostics with these files.
# Run from anywhere: sh compiler/tests/erlc_diff/regen.sh
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$dir"
for f in *.erl; do
    name=${f%.erl}
    # erlc exits non-zero on errors; its messages go to stdout. Keep only the `file:line:col: msg`
    # lines (the source excerpts start with `%`), and drop the file name.
    erlc -o "$out" "$f" 2>&1 | grep -E "^$name\.erl:[0-9]+:[0-9]+: " | sed "s/^$name\.erl://" > "$name.erlc" || true
done
