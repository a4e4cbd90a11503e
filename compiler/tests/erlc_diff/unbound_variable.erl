-module(unbound_variable).
-export([main/1]).
main(Count) ->
    Total = Cuont + 1,
    {Total, Other}.
