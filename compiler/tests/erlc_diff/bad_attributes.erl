-module(bad_attributes).
-export([main/0]).
-record(r, {a, a}).
main() -> fun main/300, #r{}.
