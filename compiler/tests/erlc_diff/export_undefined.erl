-module(export_undefined).
-export([main/0, missing/2]).
main() -> ok.
