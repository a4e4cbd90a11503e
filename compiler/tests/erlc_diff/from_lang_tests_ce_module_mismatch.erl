-module(some_other_name).
-export([main/0]).

main() -> ok.
