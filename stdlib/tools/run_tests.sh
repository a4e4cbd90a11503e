#!/bin/sh
# Build the kr_* modules and run every comparison suite against OTP.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/kr_beam}
"$HERE/build.sh" "$OUT"
for t in "$HERE"/*_tests.erl; do
  m=$(basename "$t" .erl)
  erl -noshell -pa "$OUT" -eval "$m:main(), halt()."
done
"$HERE/io_tests.sh"
