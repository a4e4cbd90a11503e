-module(guard_bif_ok).
-export([main/1]).
main(X) when is_list(X), length(X) > 2 -> long;
main(X) when X =:= foo() -> foo;
main(_) -> other.
foo() -> foo.
