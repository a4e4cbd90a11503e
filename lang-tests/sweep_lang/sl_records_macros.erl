-module(sl_records_macros).
-export([main/0]).
-import(lists, [map/2, foldl/3, reverse/1]).
-import(string, [to_upper/1]).

-author("sweep").
-vsn(3).
-custom_attr({hello, [1, 2, 3]}).
-another_unknown(ok).

-define(PI, 3.14159).
-define(SQUARE(X), ((X) * (X))).
-define(ADD(A, B), A + B).
-define(TWICE(F, X), F(F(X))).
-define(STR(X), ??X).
-define(EMPTY, ).
-define(NESTED(X), ?SQUARE(?ADD(X, 1))).
-define(TAG, point).

-ifdef(UNDEFINED_FLAG).
-define(MODE, debug).
-else.
-define(MODE, release).
-endif.

-ifndef(PI).
-define(BROKEN, true).
-endif.

-ifdef(PI).
-define(HAS_PI, yes).
-endif.

-undef(TAG).
-define(TAG, circle).

-record(point, {x = 0, y = 0}).
-record(circle, {center = #point{}, radius = 1.0, label}).
-record(person, {name = "anon" :: string(), age = 0 :: integer(), tags = [] :: list(),
                 meta = #{}}).
-record(empty, {}).
-record(deep, {a = #circle{center = #point{x = 5}}, b = {1, 2}}).

main() ->
    io:format("module ~p line ~p~n", [?MODULE, ?LINE]),
    io:format("module string ~s~n", [?MODULE_STRING]),
    io:format("pi ~p square ~p add ~p~n", [?PI, ?SQUARE(7), ?ADD(2, 3) * 10]),
    io:format("twice ~p~n", [?TWICE(fun(X) -> X * 3 end, 2)]),
    io:format("str ~s~n", [?STR(foo(1, 2) + bar)]),
    io:format("nested ~p~n", [?NESTED(4)]),
    io:format("mode ~p has_pi ~p tag ~p~n", [?MODE, ?HAS_PI, ?TAG]),
    X = [?EMPTY 1, 2],
    io:format("empty macro ~p~n", [X]),
    io:format("imports ~p ~p ~p~n",
              [map(fun(E) -> E + 1 end, [1, 2, 3]), foldl(fun(E, A) -> E + A end, 0, [4, 5]),
               reverse([a, b, c])]),
    io:format("upper ~s~n", [to_upper("hello")]),
    P = #point{},
    P2 = #point{x = 3},
    P3 = P2#point{y = -4},
    io:format("~p ~p ~p~n", [P, P2, P3]),
    io:format("fields ~p ~p size ~p~n", [P3#point.x, P3#point.y, record_info(size, point)]),
    io:format("field names ~p ~p~n", [record_info(fields, circle), record_info(fields, empty)]),
    io:format("index ~p ~p~n", [#circle.radius, #person.meta]),
    C = #circle{label = "c1"},
    io:format("circle ~p~n", [C]),
    C2 = C#circle{center = (C#circle.center)#point{x = 10}, radius = 2.5},
    io:format("circle2 ~p~n", [C2]),
    io:format("nested access ~p~n", [C2#circle.center#point.x]),
    D = #deep{},
    io:format("deep ~p~n", [D]),
    io:format("deep access ~p~n", [((D#deep.a)#circle.center)#point.x]),
    Per = #person{name = "Ann", tags = [a]},
    io:format("person ~p~n", [Per]),
    io:format("is_record ~p ~p ~p~n", [is_record(Per, person), is_record(P, person), is_record(P, point, 3)]),
    io:format("match ~p~n", [describe(P3)]),
    io:format("match ~p~n", [describe(C2)]),
    io:format("match ~p~n", [describe(#point{x = 1, y = 1})]),
    io:format("match ~p~n", [describe({point, 1})]),
    io:format("match ~p~n", [describe(#empty{})]),
    #point{x = Px} = P3,
    io:format("px ~p~n", [Px]),
    io:format("all default ~p~n", [#person{_ = undefined}]),
    io:format("mixed ~p~n", [#person{name = "Z", _ = 7}]),
    L = [#point{x = I, y = I * I} || I <- lists:seq(1, 4)],
    io:format("xs ~p~n", [[Xp || #point{x = Xp} <- L]]),
    io:format("filter ~p~n", [[Pt || Pt = #point{y = Y} <- L, Y > 4]]),
    io:format("tuple form ~p~n", [tuple_to_list(P3)]),
    try
        bad_update(P3)
    catch
        Class:Reason -> io:format("update error ~p:~p~n", [Class, Reason])
    end,
    try
        get_x({circle, 1, 2, 3})
    catch
        Class2:Reason2 -> io:format("access error ~p:~p~n", [Class2, Reason2])
    end,
    io:format("guard ~p ~p~n", [guard_rec(P3), guard_rec(C)]),
    io:format("line again ~p~n", [?LINE]),
    ok.

describe(#point{x = 0, y = 0}) -> origin;
describe(#point{x = X, y = X}) -> {diagonal, X};
describe(#point{x = X, y = Y}) when Y < 0 -> {below, X, Y};
describe(#circle{center = #point{x = Cx}, radius = R}) when R > 2 -> {big_circle, Cx};
describe(#empty{}) -> empty;
describe(_) -> other.

bad_update(R) -> setelement(1, R, x), (id(R))#circle{radius = 0}.

get_x(R) -> (id(R))#point.x.

id(X) -> X.

guard_rec(R) when R#point.x > 2 -> big_x;
guard_rec(R) when is_record(R, circle) -> circle;
guard_rec(_) -> neither.
