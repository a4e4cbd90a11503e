-module(map_pattern).
-export([main/1]).
main(#{a => X}) -> X;
main(_) -> ok.
