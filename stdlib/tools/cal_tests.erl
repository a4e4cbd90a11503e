%% Compares kr_calendar with OTP's calendar over many dates.
-module(cal_tests).
-export([main/0]).

main() ->
    rand:seed(exsss, {31, 32, 33}),
    Cases = lists:append([
        [{calendar, gregorian_days_to_date, [rand:uniform(1000000) - 1]},
         {calendar, date_to_gregorian_days, [rdate()]},
         {calendar, day_of_the_week, [rdate()]},
         {calendar, is_leap_year, [rand:uniform(3000)]},
         {calendar, last_day_of_the_month, [rand:uniform(3000), rand:uniform(12)]},
         {calendar, valid_date, [rand:uniform(3000), rand:uniform(13) - 1, rand:uniform(32) - 1]},
         {calendar, iso_week_number, [rdate()]},
         {calendar, datetime_to_gregorian_seconds, [{rdate(), {rand:uniform(24) - 1, rand:uniform(60) - 1, rand:uniform(60) - 1}}]},
         {calendar, gregorian_seconds_to_datetime, [rand:uniform(80000000000)]},
         {calendar, seconds_to_daystime, [rand:uniform(10000000) - 5000000]},
         {calendar, seconds_to_time, [rand:uniform(86400) - 1]}, {calendar, now_to_datetime, [{rand:uniform(2000), rand:uniform(999999), 5}]}]
        || _ <- lists:seq(1, 1000)]) ++
        [{calendar, date_to_gregorian_days, [2023, 2, 29]}, {calendar, iso_week_number, [{2021, 1, 3}]},
         {calendar, iso_week_number, [{2020, 12, 31}]}, {calendar, iso_week_number, [{2019, 12, 30}]},
         {calendar, gregorian_days_to_date, [0]}, {calendar, day_of_the_week, [0, 1, 1]}],
    Fails = [C || {M, F, A} = C <- Cases, not lists_tests:check(M, F, A)],
    [lists_tests:report(C) || C <- lists:sublist(Fails, 10)],
    io:format("cal_tests: ~p cases, ~p failures~n", [length(Cases), length(Fails)]).

rdate() ->
    Y = rand:uniform(2500),
    M = rand:uniform(12),
    {Y, M, rand:uniform(calendar:last_day_of_the_month(Y, M))}.
