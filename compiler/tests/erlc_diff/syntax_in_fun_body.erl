-module(syntax_in_fun_body).
-export([main/0]).
main() ->
    F = fun(X) -> X + end,
    F(1).
g() -> main().
