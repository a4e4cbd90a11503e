#!/usr/bin/env bash
# Regenerates the seed inputs in fuzz/seeds/ (committed; the fuzzers start from them):
#   loader/          the front_end target's seeds (fuzz/lang_seeds.sh: small conformance programs
#                    from lang-tests/) compiled to .kbc by krarup (rerun after a format change)
#   binary_to_term/  term_to_binary output of assorted terms, made by real erl
#   re/              pattern, a zero byte, subject
# Needs a release build of krarup (cargo build --release) and erl for binary_to_term/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
seeds="$here/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{loader,binary_to_term,re}

programs="$(mktemp -d)"
trap 'rm -rf "$programs"' EXIT
"$here/lang_seeds.sh" "$programs"
"$root/target/release/krarup" compile -o "$seeds/loader" "$programs"/*.erl 2>/dev/null || true

erl -noshell -eval '
    Dir = "'"$seeds"'/binary_to_term",
    Terms = [0, -1, 255, 256, 1 bsl 40, -(1 bsl 70), 1 bsl 300, 3.5, -0.0, 1.0e300, atom, '"'"'quoted atom'"'"',
             true, [], [1,2,3], [a|b], "string", <<>>, <<1,2,3>>, <<1:3>>, {}, {a, 1, [x]},
             #{}, #{a => 1, b => [2]}, #{1 => 2, {k} => #{nested => map}}, self(), make_ref(),
             fun lists:map/2, [{deep, [{deeper, [{deepest}]}]}], lists:seq(1, 300),
             list_to_binary(lists:duplicate(100, $a)), {<<"bin">>, 1.5, [{x, y}]},
             unicode:characters_to_binary("h\x{e9}llo \x{263a}"), '"'"'\x{263a}'"'"'],
    Opts = [[], [compressed], [{minor_version, 1}], [{minor_version, 2}], [deterministic]],
    lists:foreach(fun({I, T}) ->
        lists:foreach(fun({J, O}) ->
            file:write_file(io_lib:format("~s/t~3..0B_~B", [Dir, I, J]), term_to_binary(T, O))
        end, lists:zip(lists:seq(1, length(Opts)), Opts))
    end, lists:zip(lists:seq(1, length(Terms)), Terms)),
    halt().'

i=0
while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" | sed 's/\\0/\x00/' >"$seeds/re/r$(printf %03d $i)"
done <<'PATTERNS'
a+b*\0aaabbb
^(\d+)-(\w+)$\0123-abc
(a|b)*c\0ababababc
[^a-z]+\0ABC def 123
(?i)hello\0HeLLo world
(x)?y\0y
\bword\b\0a word here
(a(b(c)))\0abc
.*?end\0start middle end
(?<name>\w+)@(\w+)\0user@host
a{2,4}\0aaaaa
[\x{263a}]\0smile \x{263a}
(?=a)a\0a
(?!b).\0ab
\s+\0a  b\tc
PATTERNS
echo "seeds: $(find "$seeds" -type f | wc -l) files"
