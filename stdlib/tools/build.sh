#!/bin/sh
# Compile the stdlib under renamed module names (kr_*) into $OUT for testing
# against real OTP.  Usage: stdlib/tools/build.sh [OUT]
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-/tmp/kr_beam}
mkdir -p "$OUT"
erlc -o "$OUT" "$HERE/krc.erl" "$HERE/krarup_io.erl" "$HERE/krarup_maps.erl"
for t in "$HERE"/*_tests.erl; do [ -f "$t" ] && erlc -o "$OUT" "$t"; done
erl -noshell -pa "$OUT" -eval "krc:main([\"$HERE/../erl\", \"$OUT\"]), halt()."
