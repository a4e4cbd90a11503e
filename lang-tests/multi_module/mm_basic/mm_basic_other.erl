-module(mm_basic_other).
-export([name/0, callback_loop/1]).

name() -> other_module.

%% Mutual tail recursion across modules.
callback_loop(0) -> done;
callback_loop(N) -> mm_basic_util:apply_to(fun() -> ok end), callback_loop(N - 1).
