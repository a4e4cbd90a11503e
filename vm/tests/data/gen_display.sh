#!/bin/sh
# Regenerates display.tsv: hex external format of a term, TAB, the line erlang:display/1 printed
# for it (display writes straight to stdout, so the terms and the lines come from two runs).
# Run from this directory with OTP 25's `erl` on the PATH.
TERMS='[a, '"'"'A b'"'"', "abc", "a\"b", "", [1,2|3], [97, 98, 0], <<"abc">>, <<1,2>>, <<>>, <<1:3>>,
  <<"a\"b">>, 1.5, 0.1, -0.0, 1.0e20, 123456789.125, 7, -7, 1 bsl 70, {}, {a, "x", <<"y">>},
  #{}, #{a => 1, "k" => [x]}, [[]], [a, "bc"], [256], [$\n], "t\tx", [97, 8], [97, 13, 27, 127]]'
erl -noshell -eval "lists:foreach(fun(T) -> io:format(\"~s~n\", [[io_lib:format(\"~2.16.0b\", [X]) || <<X>> <= term_to_binary(T)]]) end, $TERMS), halt()." > /tmp/display_terms.$$
erl -noshell -eval "lists:foreach(fun(T) -> erlang:display(T) end, $TERMS), halt()." > /tmp/display_lines.$$
paste /tmp/display_terms.$$ /tmp/display_lines.$$ > display.tsv
rm -f /tmp/display_terms.$$ /tmp/display_lines.$$
