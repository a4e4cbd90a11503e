#!/bin/sh
# Runs every single-module lang-tests program under real erl with its
# stdlib calls redirected to our kr_* modules, and compares stdout with
# the program's .out file. Shows how the library behaves in real programs,
# independent of the krarup VM.
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/kr_beam}
ROOT=$HERE/../..
"$HERE/build.sh" "$OUT" >/dev/null
pass=0; fail=0
for f in "$ROOT"/lang-tests/*/*.erl; do
  case $f in */compile_errors/*) continue;; esac
  exp=${f%.erl}.out
  [ -f "$exp" ] || continue
  erl -noshell -pa "$OUT" -eval "krc:run_program(\"$HERE/../erl\", none, \"$f\"), halt()." > "$OUT/lt.out" 2>/dev/null
  if cmp -s "$OUT/lt.out" "$exp"; then pass=$((pass+1)); else fail=$((fail+1)); echo "DIFF $f"; fi
done
echo "langtests (erl + kr_ stdlib): $pass pass, $fail differ (funs_info/funs_refs print the renamed kr_lists module and are expected to differ)"
