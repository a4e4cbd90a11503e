#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with sanitizer coverage on stable Rust and runs them.
#
#   fuzz/run.sh TARGET [SECONDS]   coverage-guided run of one target (default 60 s); its corpus grows in
#                                  fuzz/corpus/TARGET (seeded from fuzz/seeds/TARGET), crashes are written
#                                  to fuzz/artifacts/TARGET/ and end the run with a non-zero status
#   fuzz/run.sh --all SECONDS      every target in turn, SECONDS each
#   fuzz/run.sh --ci               every target for one minute from the committed seeds with a fixed
#                                  random seed, in a scratch corpus (the inputs differ between runs only
#                                  in how far each gets in the minute)
#   fuzz/run.sh --build            only build
#
# FUZZ_TIMEOUT (seconds, default 20) is libFuzzer's per-input limit, in wall-clock time: raise it
# for long runs that share the cores with builds, where a starved process can exceed 20 s on an
# input that takes one.
#
# The seeds are fuzz/seeds/TARGET, except front_end's: small lang-tests/ programs, copied to a scratch
# directory by fuzz/lang_seeds.sh at each run.
#
# Targets: front_end (source -> compiler -> verifier), loader (.kbc bytes -> decoder -> verifier),
# binary_to_term, re. With nightly Rust and cargo-fuzz, `cd fuzz && cargo fuzz run TARGET` runs the
# same targets. Build output goes to $FUZZ_TARGET_DIR (default fuzz/target).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
targets=(front_end loader binary_to_term re)
# Seconds per target in --ci mode. (A fixed run count would make the inputs identical, but the time
# per input grows as the corpus does, by up to 20x for re: a count cannot bound CI's time.)
ci_seconds=60

host="$(rustc -vV | sed -n 's/^host: //p')"
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$here/target}"
bin_dir="$CARGO_TARGET_DIR/$host/release"

build() {
    # The coverage flags go to the fuzzed code only (--target keeps them off build scripts).
    RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing" \
        cargo build --release --manifest-path "$here/Cargo.toml" --target "$host" --bins
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# run TARGET CORPUS_DIR LIBFUZZER_ARGS...
run() {
    local t="$1" corpus="$2" seeds="$here/seeds/$1"
    shift 2
    if [ "$t" = front_end ]; then
        seeds="$scratch/seeds-front_end"
        rm -rf "$seeds"
        "$here/lang_seeds.sh" "$seeds"
    fi
    mkdir -p "$corpus" "$here/artifacts/$t"
    echo "==> fuzz $t: $*"
    "$bin_dir/$t" "$corpus" "$seeds" -artifact_prefix="$here/artifacts/$t/" \
        -timeout="${FUZZ_TIMEOUT:-20}" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 "$@"
}

case "${1:-}" in
    --build)
        build
        ;;
    --ci)
        build
        for t in "${targets[@]}"; do
            run "$t" "$scratch/$t" -seed=1 -max_total_time="$ci_seconds"
        done
        ;;
    --all)
        secs="${2:-60}"
        build
        for t in "${targets[@]}"; do
            run "$t" "$here/corpus/$t" -max_total_time="$secs"
        done
        ;;
    front_end | loader | binary_to_term | re)
        build
        run "$1" "$here/corpus/$1" -max_total_time="${2:-60}"
        ;;
    *)
        sed -n '2,22p' "$0"
        exit 2
        ;;
esac
