%% Shared definitions for pp_include.erl.
-record(shape, {kind = circle, size = 1}).
-define(AREA(S), case S of #shape{kind = square, size = Sz} -> Sz * Sz; _ -> unknown end).
-define(VERSION, "2.0").
