-module(illegal_guard).
-export([main/1]).
main(X) when helper(X) -> ok;
main(X) when X ! 1 -> ok;
main(_) -> no.
helper(_) -> true.
