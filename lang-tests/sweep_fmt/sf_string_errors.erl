-module(sf_string_errors).
-export([main/0]).

%% string functions given bad arguments (error class and reason), string:to_float
%% edge cases, and the one-to-many case mappings of Latin letters and ligatures.
try_it(Name, F) ->
    R = try F() of
            V -> {ok, V}
        catch
            Class:Reason -> {Class, Reason}
        end,
    io:format("~-18s ~tp~n", [Name, R]).

main() ->
    try_it("length atom", fun() -> string:length(hello) end),
    try_it("length int", fun() -> string:length(42) end),
    try_it("length bad elem", fun() -> string:length([$a, hello]) end),
    try_it("pad atom", fun() -> string:pad(abc, 5) end),
    try_it("pad bad elem", fun() -> string:pad(["ab", {x}], 5) end),
    try_it("trim tuple", fun() -> string:trim({"  x  "}) end),
    try_it("trim bad dir", fun() -> string:trim("  x  ", middle) end),
    try_it("trim bad elem", fun() -> string:trim([a]) end),
    try_it("split atom", fun() -> string:split(abc, ",") end),
    try_it("split int", fun() -> string:split(123, ",") end),
    try_it("split bad elem", fun() -> string:split([a], ",") end),
    try_it("split bad pat", fun() -> string:split("a,b", ',') end),
    try_it("split pat elem", fun() -> string:split("a,b", [a]) end),
    try_it("find atom", fun() -> string:find(abc, "a") end),
    try_it("find bad elem", fun() -> string:find([{}], "a") end),
    try_it("replace atom", fun() -> string:replace(abc, "a", "b") end),
    try_it("lexemes bad", fun() -> string:lexemes([1.5], " ") end),
    try_it("slice bad", fun() -> string:slice([x], 1) end),
    try_it("uppercase atom", fun() -> string:uppercase(abc) end),
    try_it("lowercase int", fun() -> string:lowercase(12) end),
    try_it("casefold tuple", fun() -> string:casefold({a}) end),
    try_it("titlecase atom", fun() -> string:titlecase(abc) end),
    try_it("uppercase elem", fun() -> string:uppercase([a]) end),
    try_it("reverse bad", fun() -> string:reverse([a]) end),
    try_it("equal bad", fun() -> string:equal([a], "a") end),
    try_it("prefix bad", fun() -> string:prefix([a], "a") end),
    try_it("chomp bad", fun() -> string:chomp([a]) end),
    try_it("next_grapheme bad", fun() -> string:next_grapheme([a]) end),
    try_it("to_float big", fun() -> string:to_float("1.5e400") end),
    try_it("to_float tiny", fun() -> string:to_float("1.0e-400") end),
    try_it("to_float no exp", fun() -> string:to_float("2.5e") end),
    try_it("to_float comma", fun() -> string:to_float("2,5") end),
    try_it("to_integer big", fun() -> string:to_integer("123456789012345678901234567890xyz") end),
    try_it("upper sharp s", fun() -> string:uppercase("straße") end),
    try_it("title sharp s", fun() -> string:titlecase("ßig") end),
    try_it("fold sharp s", fun() -> string:casefold("STRAẞE") end),
    try_it("upper ligatures", fun() -> string:uppercase("ﬁne ﬂow ﬀ ﬃ ﬄ ﬅ ﬆ") end),
    try_it("title ligature", fun() -> string:titlecase("ﬁne") end),
    try_it("fold ligatures", fun() -> string:casefold("ﬁne ﬂow") end),
    try_it("upper n-apos", fun() -> string:uppercase("ŉ") end),
    try_it("upper j-caron", fun() -> string:uppercase("ǰ") end),
    try_it("lower I-dot", fun() -> string:lowercase("İ") end),
    try_it("fold I-dot", fun() -> string:casefold("İ") end),
    try_it("fold long s", fun() -> string:casefold("ſ") end),
    try_it("upper bin", fun() -> string:uppercase(<<"straße"/utf8>>) end),
    try_it("equal ci sharp", fun() -> string:equal("STRASSE", "straße", true) end),
    ok.
