#!/usr/bin/env bash
# Regenerates the expected output of the shell transcripts from real `erl`.
#
# For every NAME.in here, runs `erl < NAME.in` in an empty temporary directory (the input may
# write files there, e.g. a module for c/1) and writes NAME.out: erl's stdout without its banner
# line (`Eshell V13.1.5  (abort with ^G)`), and with the `*** Terminating erlang (nonode@nohost)`
# erl prints at the end of input left out (krarup ends the last prompt's line instead).
# repl/tests/shell_transcripts.rs runs `krarup shell < NAME.in` the same way and compares.
#
# Usage: lang-tests/shell/regen.sh [NAME-SUBSTRING]
# Never edit a .out by hand: change the .in and rerun this script.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
filter="${1:-}"
command -v erl >/dev/null || { echo "regen.sh: erl not found" >&2; exit 2; }

for input in "$here"/*.in; do
    name="$(basename "$input" .in)"
    if [ -n "$filter" ] && [[ "$name" != *"$filter"* ]]; then
        continue
    fi
    work="$(mktemp -d)"
    (cd "$work" && timeout 60 erl < "$input" > "$work/stdout" 2> "$work/stderr") || true
    tail -n +2 "$work/stdout" \
        | sed 's/\*\*\* Terminating erlang (nonode@nohost)$//' > "$here/$name.out"
    rm -rf "$work"
    echo "regen: $name"
done
