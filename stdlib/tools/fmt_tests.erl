%% Compares kr_io_lib (our io_lib, compiled by krc) with OTP's io_lib on
%% fixed format cases and on random terms printed with ~p/~w/~P at many
%% columns and line lengths. Run: stdlib/tools/run_tests.sh
-module(fmt_tests).
-export([main/0, run/0, run/1, gen/1]).

main() ->
    Bad = run(),
    io:format("fmt_tests: ~p failures~n", [Bad]).

run() -> run(3000).
run(N) ->
    rand:seed(exsss, {1, 2, 3}),
    Fixed = fixed_cases(),
    Random = [{F, A} || _ <- lists:seq(1, N), {F, A} <- [random_case()]],
    Fails = [C || C <- Fixed ++ Random, not same(C)],
    [report(C) || C <- lists:sublist(Fails, 8)],
    %% the unflattened deep lists must have OTP's shape too
    Raw = [C || {F, A} = C <- Fixed ++ Random,
                (catch io_lib:format(F, A)) =/= (catch kr_io_lib:format(F, A)),
                element(1, result(io_lib, F, A)) =:= ok],
    [io:format("SHAPE ~p ~p~n  otp: ~w~n  kr:  ~w~n", [F, A, io_lib:format(F, A), kr_io_lib:format(F, A)])
     || {F, A} <- lists:sublist(Raw, 4)],
    length(Fails) + length(Raw).

same({F, A}) -> result(io_lib, F, A) =:= result(kr_io_lib, F, A).

result(M, F, A) ->
    Self = self(),
    Pid = spawn_opt(fun() ->
                        R = try lists:flatten(M:format(F, A)) of
                                S -> {ok, S}
                            catch C:Rs -> {C, reason(Rs)}
                            end,
                        Self ! {self(), R}
                    end, [{max_heap_size, 20000000}]),
    receive {Pid, Res} -> Res
    after 5000 -> exit(Pid, kill), timeout
    end.

reason({R, _}) when is_atom(R) -> R;
reason(R) -> R.

report({F, A}) ->
    io:format("MISMATCH ~p ~p~n  otp: ~p~n  kr:  ~p~n",
              [F, A, result(io_lib, F, A), result(kr_io_lib, F, A)]).

fixed_cases() ->
    Terms = [a, 'A', 'hello world', '[]', 'é', '÷', aé, 'a×', 'b÷', 'a@b_1', '',
             maybe, else, 'after', 'end', 'bxor', 'a\nb', 'a\\b', 'a"b', 'it\'s',
             list_to_atom([1087, 1088]),
             "", "abc", "a\"b\\c\n\t\e\d\x01\x80\x9f\xa0\xff", [1087], [97, 256],
             [a | b], [1, 2 | 3], "abc" ++ [x], [[]], [""], {}, {a}, {a, b}, {1, a},
             #{}, #{a => 1}, #{"k" => [1, 2], {x} => #{}}, <<>>, <<"abc">>,
             <<1, 2, 3>>, <<1:3>>, <<1, 2, 3:5>>, <<"é"/utf8>>, <<"ab\n">>,
             <<"привет"/utf8>>, <<200, 201>>, <<"abc", 0>>,
             1, -1, 0, 123456789012345678901234567890, -(1 bsl 70),
             1.0, 0.1, -0.0, 1.0e100, 1.5e-10, 3.14159, 100.0, 1.0e15, 1.0e16,
             123456.789, 0.000123, 2.5e-300, 1.7976931348623157e308,
             fun lists:map/2, self(), make_ref(),
             lists:seq(1, 40), lists:duplicate(30, "abc"),
             [{key, value}, {other, "string value"}, {list, lists:seq(1, 30)}],
             {state, [1, 2, 3], #{name => "x", items => lists:seq(1, 25)}, <<"bin">>},
             list_to_binary(lists:seq(0, 255))],
    Ctl = ["~p", "~w", "~tp", "~tw", "~lp", "~P", "~W", "~10p", "~40p", "~5w", "~-5w",
           "~.3w", "~10.3w", "~s", "~ts", "~10s", "~-10s", "~.2s", "~10.2s", "~10..xs",
           "~-10.3.xs", "~c", "~tc", "~5c", "~-5.2.xc", "~e", "~f", "~g", "~.2f",
           "~10.3e", "~.1g", "~.3g", "~15.4f", "~-15.4f|", "~.0f", "~.1e", "~b", "~B",
           "~.16b", "~.16B", "~x", "~X", "~.16x", "~+", "~#", "~.2#", "~5..0b",
           "~-5b|", "~3b", "~.36B", "~i", "~~", "~n", "~5n", "~*c", "~-*c", "~.*f",
           "~*.*.*s", "abc~p", "~p~p", "\t~p", "a\nbc~p", "~10.3.0f"],
    [{F, args(F, T)} || F <- Ctl, T <- Terms] ++
        [{"~s~n", [abc]}, {"~s", [["ab", <<"cd">>, [$e]]]}, {"~s", [[256]]},
         {"~ts", [[256, <<"é"/utf8>>]]}, {"~p", []}, {"~p", [a, b]}, {"~q", [a]},
         {"~x", [255, abc]}, {"~x", [255, "0x"]}, {"~.2x", [5, ['0', "b"]]},
         {"~w ~w", [a, b]}, {<<"bin ~p">>, [x]}, {atom_fmt, []}, {"~", []},
         {"~.-3f", [1.0]}, {"~-p", [a]}, {"~-10p", [a]}, {"~1.1f", [1.0]},
         {"~10.5p", [lists:seq(1, 30)]}, {"~50.20p", [lists:seq(1, 30)]},
         {"~.1e", [1.0]}, {"~.2e", [9.99]}, {"~.3f", [0.0005]}, {"~.3f", [-0.0005]},
         {"~.2f", [2.675]}, {"~.1f", [0.05]}, {"~f", [1.0e20]}, {"~e", [0.0]},
         {"~g", [0.0]}, {"~g", [1.0e-5]}, {"~g", [123456.0]}, {"~.1g", [0.5]}].

args("~P", T) -> [T, 3];
args("~W", T) -> [T, 3];
args("~*c", T) -> [5, T];
args("~-*c", T) -> [5, T];
args("~.*f", T) -> [3, T];
args("~*.*.*s", T) -> [10, 3, $., T];
args("~x", T) -> [T, "0x"];
args("~X", T) -> [T, '#'];
args("~.16x", T) -> [T, "0x"];
args("~~", _T) -> [];
args("~n", _T) -> [];
args("~5n", _T) -> [];
args("~p~p", T) -> [T, T];
args(_, T) -> [T].

random_case() ->
    T = gen(rand:uniform(6)),
    case rand:uniform(10) of
        1 -> {"~w", [T]};
        2 -> {"~P", [T, rand:uniform(8)]};
        3 -> {"~W", [T, rand:uniform(8)]};
        4 -> {"~*p", [20 + rand:uniform(80), T]};
        5 -> {"~tp", [T]};
        6 -> {lists:duplicate(rand:uniform(60), $x) ++ "~p", [T]};
        7 -> {"~p~n~p", [T, T]};
        _ -> {"~p", [T]}
    end.

gen(D) when D =< 0 -> leaf();
gen(D) ->
    case rand:uniform(12) of
        1 -> list_to_tuple([gen(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        2 -> [gen(D - 1) || _ <- lists:seq(1, rand:uniform(8) - 1)];
        3 -> maps:from_list([{gen(D - 2), gen(D - 1)} || _ <- lists:seq(1, rand:uniform(4))]);
        4 -> list_to_tuple([atom() | [gen(D - 1) || _ <- lists:seq(1, rand:uniform(4))]]);
        5 -> [gen(D - 1) | leaf()];
        6 -> lists:seq(1, rand:uniform(40));
        7 -> [{atom(), gen(D - 1)} || _ <- lists:seq(1, rand:uniform(6))];
        _ -> leaf()
    end.

atom() ->
    lists:nth(rand:uniform(8), [ok, error, a, long_atom_name_here, 'Quoted Atom',
                                 state, {}, record_like_tag]).

leaf() ->
    case rand:uniform(14) of
        1 -> rand:uniform(1000);
        2 -> -rand:uniform(100000000000000000000);
        3 -> rand:uniform() * 1000;
        4 -> atom();
        5 -> lists:sublist("hello world, this is a fairly long string", rand:uniform(40));
        6 -> list_to_binary(lists:sublist("binary data text", rand:uniform(16)));
        7 -> list_to_binary([rand:uniform(255) || _ <- lists:seq(1, rand:uniform(40))]);
        8 -> <<(rand:uniform(100)):(rand:uniform(20))>>;
        9 -> [];
        10 -> "a\nb\"c";
        11 -> #{};
        12 -> [rand:uniform(300) || _ <- lists:seq(1, rand:uniform(5))];
        13 -> <<"é"/utf8>>;
        _ -> {}
    end.
