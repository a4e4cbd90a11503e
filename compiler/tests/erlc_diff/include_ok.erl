-module(include_ok).
-export([main/0]).
-include("include_ok.hrl").
main() -> #rec{a = ?TWO}.
