%% supervisor chaos test, reduced for CI: 2 x 3 x 10 = 60 workers, 300 random kills (see
%% sup_chaos_tree; benches/sup_chaos.sh runs 1,000 workers and 10,000 kills).
-module(sup_chaos).
-export([main/0]).

main() ->
    sup_chaos_tree:run(2, 3, 10, 300, 42).
