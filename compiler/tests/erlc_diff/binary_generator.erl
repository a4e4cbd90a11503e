-module(binary_generator).
-export([main/1]).
main(B) ->
    [X || X <= B],
    [Y || <<Y>> <= B, Unused <- [1]].
