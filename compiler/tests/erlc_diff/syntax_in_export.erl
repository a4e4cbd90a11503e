-module(syntax_in_export).
-export([main/0, ]).
main() -> helper().
helper() -> ok.
