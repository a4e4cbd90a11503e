#!/usr/bin/env bash
# Copies the front_end target's seeds into DIR: small conformance programs from lang-tests/ (at
# most 4 per directory, under 3 KB). They are copied at run time rather than committed, so the
# seeds follow the tests; fuzz/seed.sh compiles the same selection into the loader's seeds.
#   fuzz/lang_seeds.sh DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:?usage: fuzz/lang_seeds.sh DIR}"
mkdir -p "$dest"
for dir in "$root"/lang-tests/*/; do
    find "$dir" -maxdepth 1 -name '*.erl' -size -3k | sort | head -4 | while read -r f; do
        cp "$f" "$dest/"
    done
done
