-module(sl_preproc).
-export([main/0, double/1]).
-compile([nowarn_unused_function]).

-define(LEVEL, 2).
-define(F, no_args).
-define(F(X), {one_arg, X}).
-define(F(X, Y), {two_args, X, Y}).
-define(CALL(Fun, Args), apply(?MODULE, Fun, Args)).
-define(LOG(Fmt, Args), io:format("[~p:~p] " ++ Fmt ++ "~n", [?MODULE, ?FUNCTION_NAME | Args])).
-define(IS_SMALL(X), (is_integer(X) andalso X < 10)).
-define(RECORD_NAME, item).
-define(BLOCK(A), begin A1 = A, A1 * 2 end).
-define(LIST, [1, 2, 3]).
-define(QUOTE(X), ??X).

-ifdef(LEVEL).
-ifndef(DEBUG).
-define(WHERE, level_no_debug).
-else.
-define(WHERE, level_debug).
-endif.
-else.
-define(WHERE, no_level).
-endif.

-if(?LEVEL > 1).
-define(GT1, true).
-elif(?LEVEL =:= 1).
-define(GT1, exactly_one).
-else.
-define(GT1, false).
-endif.

-if(?LEVEL == 5).
-define(FIVE, yes).
-elif(?LEVEL == 2).
-define(FIVE, it_is_two).
-endif.

-ifdef(OTP_RELEASE).
-define(HAS_OTP_RELEASE, yes).
-else.
-define(HAS_OTP_RELEASE, no).
-endif.

-record(?RECORD_NAME, {id, name = <<"none">>}).

-ifdef(NEVER_DEFINED).
this is not valid erlang at all but it is skipped.
-endif.

-define(DEBUG, 1).
-ifdef(DEBUG).
debug_on() -> true.
-else.
debug_on() -> false.
-endif.

-undef(DEBUG).
-ifdef(DEBUG).
debug_again() -> true.
-else.
debug_again() -> false.
-endif.

main() ->
    io:format("~p ~p ~p~n", [?F, ?F(1), ?F(1, 2)]),
    io:format("call ~p~n", [?CALL(double, [21])]),
    ?LOG("log ~p and ~p", [a, b]),
    io:format("small ~p ~p ~p~n", [?IS_SMALL(3), ?IS_SMALL(30), ?IS_SMALL(x)]),
    io:format("record ~p~n", [#?RECORD_NAME{id = 7}]),
    io:format("block ~p~n", [?BLOCK(5 + 1)]),
    io:format("list ~p ~p~n", [?LIST, [0 | ?LIST]]),
    io:format("quote ~s~n", [?QUOTE({a, [b, c], 1 + 2})]),
    io:format("where ~p gt1 ~p five ~p~n", [?WHERE, ?GT1, ?FIVE]),
    io:format("otp_release defined ~p~n", [?HAS_OTP_RELEASE]),
    io:format("debug ~p ~p~n", [debug_on(), debug_again()]),
    io:format("function ~p/~p~n", [?FUNCTION_NAME, ?FUNCTION_ARITY]),
    io:format("in fun ~p~n", [inner(1, 2, 3)]),
    io:format("line ~p~n", [?LINE]),
    io:format("module ~p ~s~n", [?MODULE, ?MODULE_STRING]),
    ok.

double(X) -> X * 2.

inner(_, _, _) -> {?FUNCTION_NAME, ?FUNCTION_ARITY, (fun() -> ?FUNCTION_NAME end)()}.
