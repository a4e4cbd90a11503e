-module(late_attributes).
-export([main/0]).
main() -> ok.
-export([g/0]).
-import(lists, [map/2]).
-record(r, {a}).
-compile(export_all).
-vsn(1).
-custom(x).
-on_load(g/0).
g() -> #r{}.
