%% Test shim only (NOT part of the stdlib): under real erl, stands in for
%% the krarup natives krarup_io:put_chars/1,2.
-module(krarup_io).
-export([put_chars/1, put_chars/2]).
put_chars(Chars) -> io:put_chars(standard_io, Chars).
put_chars(Dev, Chars) -> io:put_chars(Dev, Chars).
