#!/bin/sh
# Regenerates the expected outputs of the back-end end-to-end tests with real erl (OTP 25):
# each NAME.out is what `erl` printed for `io:format("~w~n", [NAME:main()])`.
# krarup_io.erl is a stand-in for krarup's native krarup_io module.
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in bk_*.erl; do
    m=${f%.erl}
    erlc -o "$tmp" "$f" krarup_io.erl
    erl -noshell -pa "$tmp" -eval "io:format(\"~w~n\", [$m:main()]), halt()." > "$m.out"
done
