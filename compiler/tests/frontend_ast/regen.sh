#!/usr/bin/env bash
# Regenerates the expected ASTs (*.sx) of the front-end conformance test from real OTP: compiles
# astsx.erl and prints, for each *.erl here, the tree epp/erl_parse build (one line per function).
# Usage: compiler/tests/frontend_ast/regen.sh      Never edit a .sx by hand.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
erlc -o "$work" "$here/astsx.erl"
for f in "$here"/*.erl; do
    [ "$(basename "$f")" = astsx.erl ] && continue
    erl -noshell -pa "$work" -eval "astsx:main([\"$f\"]), halt()." > "${f%.erl}.sx"
    echo "wrote ${f%.erl}.sx"
done
