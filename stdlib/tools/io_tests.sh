#!/bin/sh
# Byte-compares our io module (through the krarup_io shim) with OTP's io.
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/kr_beam}
erlc -o "$OUT" "$HERE/io_check.erl"
erl -noshell -pa "$OUT" -eval 'io_check:main(io), halt().' > "$OUT/io_otp.txt"
erl -noshell -pa "$OUT" -eval 'io_check:main(kr_io), halt().' > "$OUT/io_kr.txt"
if cmp -s "$OUT/io_otp.txt" "$OUT/io_kr.txt"; then echo "io_tests: identical"; else echo "io_tests: DIFFERENT"; diff "$OUT/io_otp.txt" "$OUT/io_kr.txt"; fi
