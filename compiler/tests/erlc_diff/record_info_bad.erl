-module(record_info_bad).
-export([main/0]).
-record(r, {a}).
main() ->
    {record_info(fields, r), record_info(size, nope), record_info(other, r)}.
