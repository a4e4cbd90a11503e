%% Test shim only (NOT part of the stdlib): under real erl, stands in for
%% the krarup native krarup_io:put_chars/1.
-module(krarup_io).
-export([put_chars/1]).
put_chars(Chars) -> io:put_chars(standard_io, Chars).
