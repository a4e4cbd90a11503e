-module(record_unused).
-export([main/0]).
-record(unused, {a}).
main() -> ok.
