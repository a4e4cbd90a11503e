#!/usr/bin/env bash
# Regenerates the expected outputs of the conformance programs from real `erl`.
#
# For every program (a single FOO.erl, or a directory DIR/ holding DIR.erl plus helper modules),
# compiles with erlc into a temporary directory, runs main/0 of the entry module and writes
#   FOO.out     - exactly the stdout erl printed
#   FOO.status  - the exit status, only when it is non-zero (an uncaught exception gives 1)
#   FOO.err     - only for programs under otp_reports/: the stderr erl printed with its logger's
#                 default handler writing to standard_error (flushed before halting), with report
#                 timestamps and references masked; the test harness compares krarup's stderr with
#                 it after normalising both (repl/tests/support/reports.rs)
# compile_errors/ is skipped (those files are meant not to compile). The newcomer programs in
# ../examples/*.erl get their EXAMPLE.out the same way, so the test suite checks them too.
#
# Usage: lang-tests/regen.sh [PATH-SUBSTRING]   (only programs whose path contains it)
# Never edit a .out by hand: change the program and rerun this script.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
filter="${1:-}"
timeout_secs="${REGEN_TIMEOUT:-120}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v erl >/dev/null || { echo "regen.sh: erl not found" >&2; exit 2; }
command -v erlc >/dev/null || { echo "regen.sh: erlc not found" >&2; exit 2; }

# Lists test cases as "ENTRY_FILE OUT_BASE": OUT_BASE is the path without extension where .out goes.
list_cases() {
    find "$here" -name '*.erl' -not -path "$here/compile_errors/*" | sort | while read -r f; do
        dir="$(dirname "$f")"
        base="$(basename "$f" .erl)"
        dirname_="$(basename "$dir")"
        if [ -f "$dir/$dirname_.erl" ] && [ "$dir" != "$here" ]; then
            # Part of a multi-module case: only the entry file names the case.
            if [ "$base" = "$dirname_" ]; then
                echo "$f $dir"
            fi
        else
            echo "$f $dir/$base"
        fi
    done
    for f in "$here"/../examples/*.erl; do
        [ -f "$f" ] && echo "$f ${f%.erl}"
    done
}

failures=0
count=0
while read -r entry outbase; do
    rel="${outbase#"$here"/}"
    rel="${rel#../}"
    if [ -n "$filter" ] && [[ "$rel" != *"$filter"* ]]; then
        continue
    fi
    count=$((count + 1))
    case_dir="$work/$count"
    mkdir -p "$case_dir"
    if [ -d "$outbase" ]; then
        sources=("$outbase"/*.erl)
    else
        sources=("$entry")
    fi
    if ! erlc -o "$case_dir" "${sources[@]}" >"$case_dir/erlc.log" 2>&1 </dev/null; then
        echo "FAIL (erlc) $rel" >&2
        cat "$case_dir/erlc.log" >&2
        failures=$((failures + 1))
        continue
    fi
    module="$(basename "$entry" .erl)"
    status=0
    if [[ "$rel" == otp_reports/* ]]; then
        # main/0 is called outside a `try`, so stack traces in the reports show the launcher's
        # frames that krarup reproduces (erl_eval:exprs/6); the logger is flushed before halting.
        (cd "$case_dir" && timeout "$timeout_secs" erl -noshell \
            -kernel logger '[{handler,default,logger_std_h,#{config=>#{type=>standard_error}}}]' \
            -pa "$case_dir" -eval "
            io:setopts(standard_io, [{encoding, unicode}]),
            '$module':main(),
            timer:sleep(100), logger_std_h:filesync(default), halt(0)." \
            >"$outbase.out" 2>"$case_dir/stderr" </dev/null) || status=$?
    else
    (cd "$case_dir" && timeout "$timeout_secs" erl -noshell -pa "$case_dir" -eval "
        io:setopts(standard_io, [{encoding, unicode}]),
        try '$module':main() of
            _ -> halt(0)
        catch
            Class:Reason -> io:format(standard_error, \"~p:~p~n\", [Class, Reason]), halt(1)
        end." >"$outbase.out" 2>"$case_dir/stderr" </dev/null) || status=$?
    fi
    if [[ "$rel" == otp_reports/* ]]; then
        perl -pe 's/^(=\w+ REPORT==== ).*( ===)$/$1<TIME>$2/; s/#Ref<[\d.]+>/#Ref<REF>/g' \
            "$case_dir/stderr" >"$outbase.err"
    fi
    if [ "$status" -ne 0 ]; then
        echo "$status" >"$outbase.status"
        echo "status $status: $rel ($(head -c 200 "$case_dir/stderr"))"
    else
        rm -f "$outbase.status"
    fi
    [ "$status" -eq 124 ] && echo "TIMEOUT $rel" >&2
done < <(list_cases)

echo "regen.sh: $count programs, $failures failed to compile"
[ "$failures" -eq 0 ]
