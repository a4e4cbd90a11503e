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
    # erlc exits non-zero on errors; its messages go to stdout. Keep the `file:line:col: msg` lines
    # (the source excerpts start with `%`) without the file name. A message erlc prints with no
    # position (`dir/name.beam: Module name ...`) is written as `-:-: msg`.
    erlc -o "$out" "$f" 2>&1 |
        sed -n -e "s/^$name\.erl:\([0-9]*:[0-9]*: \)/\1/p" \
            -e "s/^[^%: ]*\.\(beam\|erl\): \(.*\)/-:-: \2/p" > "$name.erlc" || true
done
