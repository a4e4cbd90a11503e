%% re: patterns nested far deeper than PCRE's compile workspace allows are refused with PCRE's
%% error and offset (never a crash), patterns just inside the limit compile and match, and
%% matching long subjects does not recurse per character.
-module(deep_re).
-export([main/0]).

nest(Open, N) -> lists:flatten(lists:duplicate(N, Open)) ++ "a" ++ lists:duplicate(N, $)).
units(U, N) -> lists:flatten(lists:duplicate(N, U)) ++ lists:duplicate(N, $)).

compiled({ok, _}) -> ok;
compiled(Other) -> Other.

run(F) ->
    try F() of
        R -> R
    catch
        C:E -> {C, E}
    end.

main() ->
    %% The issue's program: a pattern 50,000 groups deep.
    Deep = nest("(", 50000),
    io:format("~p~n", [run(fun() -> re:run("a", Deep) end)]),
    io:format("~p~n", [compiled(re:compile(Deep))]),
    io:format("~p~n", [compiled(re:compile(nest("(", 1000000)))]),
    io:format("~p~n", [compiled(re:compile(nest("(?:", 1000000)))]),
    %% Around the limit: capturing and non-capturing groups, items kept before a group.
    [io:format("~p ~p~n", [N, compiled(re:compile(nest("(", N)))]) || N <- [700, 798, 799, 800]],
    [io:format("~p ~p~n", [N, compiled(re:compile(nest("(?:", N)))]) || N <- [1331, 1332, 1333]],
    [io:format("~s ~p~n", [U, compiled(re:compile(units(U, 2000)))])
     || U <- ["a(", "[ab](", "a*(", "\\d(", ".(", "(a)(", "^(", "a{2}(", "[a](", "ab|("]],
    io:format("~p~n", [compiled(re:compile("x" ++ nest("(", 5000)))]),
    io:format("~p~n", [compiled(re:compile(lists:duplicate(5000, $() ++ "a"))]),
    %% Deep but allowed patterns still match.
    io:format("~p~n", [re:run("a", nest("(", 700), [{capture, first, list}])]),
    io:format("~p~n", [re:run("xay", nest("(?:", 1300), [{capture, all, index}])]),
    %% Long subjects: backtracking keeps its state on the heap.
    Long = lists:duplicate(1000000, $a),
    io:format("~p~n", [re:run(Long, "(a|b)*", [{capture, all, index}])]),
    io:format("~p~n", [re:run(Long ++ "c", "^(?:a|b)*c$", [{capture, none}])]),
    io:format("~p~n", [re:run(Long, "a*?$", [{capture, all, index}])]),
    ok.
