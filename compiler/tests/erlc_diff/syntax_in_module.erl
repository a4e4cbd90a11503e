-module(syntax_in_module
-export([main/0]).
main() -> ok.
