-module(lex_unterminated).
-export([main/0]).
main() -> io:format("hello).
other() -> ok.
