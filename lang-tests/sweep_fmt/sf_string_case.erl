-module(sf_string_case).
-export([main/0]).

%% Case conversion and old-API functions in string, with unicode.
p(Label, V) -> io:format("~-20s ~tp~n", [Label, V]).

main() ->
    p("uppercase", string:uppercase("hello World 123")),
    p("uppercase bin", string:uppercase(<<"abc">>)),
    p("uppercase uni", string:uppercase("straße αβγ")),
    p("lowercase", string:lowercase("HELLO World")),
    p("lowercase uni", string:lowercase("ÀÉÎ ΑΒΓ")),
    p("titlecase", [string:titlecase("hello world"), string:titlecase(<<"élan"/utf8>>), string:titlecase("")]),
    p("casefold", [string:casefold("MiXeD"), string:casefold("Straße")]),
    p("to_upper", [string:to_upper("abc"), string:to_upper($a), string:to_upper("àé")]),
    p("to_lower", [string:to_lower("ABC"), string:to_lower($Z), string:to_lower("ÀÉ")]),
    p("deep upper", string:uppercase(["ab", <<"cd">>, $e])),
    p("length uni", [string:length("αβγ"), length("αβγ")]),
    p("reverse uni", string:reverse("αβγ")),
    p("pad uni", string:pad("αβγ", 6, leading, $.)),
    p("split uni", string:split("α,β,γ", ",", all)),
    p("slice uni bin", string:slice(<<"αβγδ"/utf8>>, 1, 2)),
    p("find uni", string:find("Hello αβγ world", "β")),
    p("lexemes uni", string:lexemes("α β  γ", " ")),
    p("trim uni", string:trim("··αβ··", both, "·")),
    p("equal case", string:equal("ΑΒΓ", "αβγ", true)),
    Words = ["zebra", "Apple", "mango", "banana", "Cherry"],
    p("sorted", lists:sort(Words)),
    p("sorted ci", lists:sort(fun(A, B) -> string:casefold(A) =< string:casefold(B) end, Words)),
    p("caps", [string:titlecase(W) || W <- Words]),
    io:format("~ts~n", [string:uppercase("straße")]),
    io:format("~s~n", [string:to_upper("done")]),
    ok.
