-module(misc_calendar).
-export([main/0]).

main() ->
    io:format("~p~n", [calendar:day_of_the_week(2024, 2, 29)]),
    io:format("~p~n", [calendar:gregorian_days_to_date(739000)]),
    io:format("~p~n", [calendar:is_leap_year(1900)]),
    io:format("~p~n", [calendar:last_day_of_the_month(2023, 2)]).
