-module(sf_pretty_maps).
-export([main/0]).

%% ~p of maps: nesting, long keys/values, maps in lists and tuples.
main() ->
    Small = #{a => 1, b => 2},
    io:format("~p ~w~n", [Small, Small]),
    Cfg = #{listen => {{127, 0, 0, 1}, 8080},
            workers => 16,
            routes => [{"/api/v1/users", users_handler, [{auth, required}]},
                       {"/api/v1/orders", orders_handler, []},
                       {"/static", static_handler, [{root, "/var/www/static/files"}]}],
            tls => #{cert => "/etc/ssl/certs/server.pem", key => "/etc/ssl/private/server.key",
                     versions => ['tlsv1.2', 'tlsv1.3']},
            "string key" => <<"binary value">>,
            42 => forty_two,
            {tuple, key} => [1.5, 2.5]},
    io:format("~p~n", [Cfg]),
    io:format("~p~n", [[Cfg, Small]]),
    io:format("~p~n", [{config, Cfg}]),
    Nested = lists:foldl(fun(I, Acc) -> #{I => Acc, depth => I} end, #{}, lists:seq(1, 8)),
    io:format("~p~n", [Nested]),
    Wide = maps:from_list([{list_to_atom("key_" ++ integer_to_list(I)), I * I} || I <- lists:seq(1, 30)]),
    io:format("~p~n", [Wide]),
    io:format("~P~n", [Wide, 5]),
    io:format("~W~n", [Wide, 5]),
    io:format("~P~n", [#{a => #{b => #{c => #{d => 1}}}}, 3]),
    io:format("~p~n", [#{[1, 2, 3] => "list key", <<"bin">> => [x, y], 1.5 => float_key, -3 => neg}]),
    io:format("~p~n", [#{very_long_key_name_number_one => very_long_value_name_number_one,
                         very_long_key_name_number_two => {very, long, value, name, number, two}}]),
    io:format("~p~n", [maps:from_list([{I, lists:seq(1, I)} || I <- lists:seq(1, 10)])]),
    io:format("~w~n", [maps:from_list([{I, [I]} || I <- lists:seq(1, 5)])]),
    io:format("~p~n", [#{key => #{}, other => [], t => {}}]),
    ok.
