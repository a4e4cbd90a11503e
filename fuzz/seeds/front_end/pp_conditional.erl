-module(pp_conditional).
-export([main/0]).

-define(DEBUG, true).

-ifdef(DEBUG).
-define(LOG(X), io:format("debug: ~p~n", [X])).
-else.
-define(LOG(X), ok).
-endif.

-ifndef(NOT_DEFINED).
-define(MODE, not_defined_branch).
-else.
-define(MODE, defined_branch).
-endif.

-ifdef(NOT_DEFINED).
-define(OTHER, wrong).
-else.
-define(OTHER, right).
-endif.

-undef(DEBUG).
-ifdef(DEBUG).
-define(AFTER_UNDEF, still_defined).
-else.
-define(AFTER_UNDEF, undefined_now).
-endif.

-if(?OTP_RELEASE >= 21).
-define(NEW_OTP, yes).
-else.
-define(NEW_OTP, no).
-endif.

-if(1 > 2).
-define(COND, one_gt_two).
-elif(2 > 1).
-define(COND, two_gt_one).
-endif.

main() ->
    ?LOG(hello),
    io:format("~p ~p ~p ~p ~p~n", [?MODE, ?OTHER, ?AFTER_UNDEF, ?NEW_OTP, ?COND]).
