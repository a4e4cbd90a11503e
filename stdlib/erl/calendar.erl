%% calendar: date arithmetic on the proleptic Gregorian calendar (OTP 25).
%% Days are counted from 0000-01-01 (day 0), seconds from its midnight.
%% local_time/0 and universal_time/0 call the erlang:localtime/0 and
%% erlang:universaltime/0 BIFs.
-module(calendar).

-export([date_to_gregorian_days/1, date_to_gregorian_days/3,
         datetime_to_gregorian_seconds/1, day_of_the_week/1,
         day_of_the_week/3, gregorian_days_to_date/1,
         gregorian_seconds_to_datetime/1, is_leap_year/1, iso_week_number/0,
         iso_week_number/1, now_to_datetime/1, now_to_universal_time/1,
         last_day_of_the_month/2, local_time/0, universal_time/0,
         seconds_to_daystime/1, seconds_to_time/1, time_difference/2,
         time_to_seconds/1, valid_date/1, valid_date/3]).

-define(SECONDS_PER_DAY, 86400).
-define(DAYS_PER_400_YEARS, 146097).

local_time() -> erlang:localtime().

universal_time() -> erlang:universaltime().

%% Seconds from year 0 to the Unix epoch.
-define(EPOCH, 62167219200).

now_to_datetime({MegaSecs, Secs, _MicroSecs}) ->
    gregorian_seconds_to_datetime(MegaSecs * 1000000 + Secs + ?EPOCH).

now_to_universal_time(Now) -> now_to_datetime(Now).

iso_week_number() -> iso_week_number(erlang:date()).

is_leap_year(Y) when is_integer(Y), Y >= 0 ->
    (Y rem 4 =:= 0 andalso Y rem 100 > 0) orelse Y rem 400 =:= 0.

last_day_of_the_month(Y, M) when is_integer(Y), Y >= 0 -> month_days(Y, M).

month_days(_, 4) -> 30;
month_days(_, 6) -> 30;
month_days(_, 9) -> 30;
month_days(_, 11) -> 30;
month_days(Y, 2) ->
    case is_leap_year(Y) of
        true -> 29;
        false -> 28
    end;
month_days(_, M) when is_integer(M), M > 0, M < 13 -> 31.

valid_date({Y, M, D}) -> valid_date(Y, M, D).

valid_date(Y, M, D) when is_integer(Y), is_integer(M), is_integer(D) ->
    Y >= 0 andalso M > 0 andalso M < 13 andalso D > 0
        andalso D =< month_days(Y, M).

date_to_gregorian_days({Y, M, D}) -> date_to_gregorian_days(Y, M, D).

date_to_gregorian_days(Y, M, D) when is_integer(D), D > 0 ->
    Last = last_day_of_the_month(Y, M),
    if
        D =< Last -> days_before_year(Y) + days_before_month(Y, M) + D - 1
    end.

days_before_year(Y) when Y =< 0 -> 0;
days_before_year(Y) ->
    X = Y - 1,
    X div 4 - X div 100 + X div 400 + X * 365 + 366.

days_before_month(Y, M) ->
    Base = element(M, {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}),
    case M > 2 andalso is_leap_year(Y) of
        true -> Base + 1;
        false -> Base
    end.

gregorian_days_to_date(Days) when is_integer(Days), Days >= 0 ->
    Y = find_year(Days, Days * 400 div ?DAYS_PER_400_YEARS),
    DayOfYear = Days - days_before_year(Y),
    {M, D} = month_and_day(Y, DayOfYear, 1),
    {Y, M, D}.

%% The year Y with days_before_year(Y) =< Days < days_before_year(Y + 1).
find_year(Days, Y) ->
    Start = days_before_year(Y),
    Next = days_before_year(Y + 1),
    if
        Days < Start -> find_year(Days, Y - 1);
        Days >= Next -> find_year(Days, Y + 1);
        true -> Y
    end.

month_and_day(Y, DayOfYear, M) ->
    Len = month_days(Y, M),
    if
        DayOfYear < Len -> {M, DayOfYear + 1};
        true -> month_and_day(Y, DayOfYear - Len, M + 1)
    end.

day_of_the_week({Y, M, D}) -> day_of_the_week(Y, M, D).

%% 1 = Monday ... 7 = Sunday.
day_of_the_week(Y, M, D) ->
    (date_to_gregorian_days(Y, M, D) + 5) rem 7 + 1.

datetime_to_gregorian_seconds({Date, Time}) ->
    ?SECONDS_PER_DAY * date_to_gregorian_days(Date) + time_to_seconds(Time).

gregorian_seconds_to_datetime(Secs) when is_integer(Secs), Secs >= 0 ->
    Days = Secs div ?SECONDS_PER_DAY,
    Rest = Secs rem ?SECONDS_PER_DAY,
    {gregorian_days_to_date(Days), seconds_to_time(Rest)}.

time_to_seconds({H, M, S}) when is_integer(H), is_integer(M), is_integer(S) ->
    H * 3600 + M * 60 + S.

seconds_to_time(Secs) when is_integer(Secs), Secs >= 0, Secs < ?SECONDS_PER_DAY ->
    {Secs div 3600, Secs rem 3600 div 60, Secs rem 60}.

seconds_to_daystime(Secs) when is_integer(Secs) ->
    Days0 = Secs div ?SECONDS_PER_DAY,
    Secs0 = Secs rem ?SECONDS_PER_DAY,
    if
        Secs0 < 0 -> {Days0 - 1, seconds_to_time(Secs0 + ?SECONDS_PER_DAY)};
        true -> {Days0, seconds_to_time(Secs0)}
    end.

time_difference({{_, _, _}, {_, _, _}} = T1, {{_, _, _}, {_, _, _}} = T2) ->
    seconds_to_daystime(datetime_to_gregorian_seconds(T2)
                        - datetime_to_gregorian_seconds(T1)).

%% ISO 8601 week: weeks start on Monday; week 1 holds the year's first
%% Thursday.
iso_week_number({Y, _M, _D} = Date) ->
    D = date_to_gregorian_days(Date),
    W01_1_Year = week_one_start(Y),
    W01_1_NextYear = week_one_start(Y + 1),
    if
        W01_1_Year =< D, D < W01_1_NextYear ->
            {Y, (D - W01_1_Year) div 7 + 1};
        D < W01_1_Year ->
            PrevStart = week_one_start(Y - 1),
            {Y - 1, (D - PrevStart) div 7 + 1};
        true ->
            {Y + 1, (D - W01_1_NextYear) div 7 + 1}
    end.

week_one_start(Y) ->
    Jan1 = date_to_gregorian_days(Y, 1, 1),
    Wday = (Jan1 + 5) rem 7 + 1,
    if
        Wday =< 4 -> Jan1 - (Wday - 1);
        true -> Jan1 + (8 - Wday)
    end.
