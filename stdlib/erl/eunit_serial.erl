%% eunit_serial: puts EUnit's progress messages in order, as OTP 25's eunit_serial does. The
%% runner's processes report {status, Id, ...} as tests of parallel groups happen to finish;
%% this process passes them on to the listeners in id order ([1], [1,1], [1,2], ..., [2]),
%% and turns a cancelled id into cancellations of the items under it that had not reported.
-module(eunit_serial).

-export([start/1]).

%% Cancelled: the ids cancelled so far; Messages: id => the message held back for it.
-record(st, {listeners, cancelled = [], messages = #{}}).

%% The serializer's pid; it passes messages on to Listeners (pids).
start(Listeners) ->
    spawn(fun() ->
                  expect([], undefined, 0, #st{listeners = Listeners}),
                  exit(normal)
          end).

%% Waits for Id's begin and end; {true, St} when the enclosing group is over.
expect(Id, ParentId, GroupMinSize, St0) ->
    case wait(Id, 'begin', ParentId, GroupMinSize, St0) of
        {done, St1} -> {true, St1};
        {cancel, prefix, _Msg, St1} -> {true, St1};
        {cancel, exact, Msg, St1} ->
            cast_cancel(Id, Msg, St1),
            {false, St1};
        {ok, Msg, St1} ->
            cast(Msg, St1),
            St2 = case Msg of
                      {status, _, {progress, 'begin', {group, _}}} -> group(Id, 0, St1);
                      _ -> St1
                  end,
            case wait(Id, 'end', ParentId, GroupMinSize, St2) of
                {cancel, Why, Msg1, St3} ->
                    cast_cancel(Id, Msg1, St3),
                    {Why =:= prefix, St3};
                {ok, Msg1, St3} ->
                    cast(Msg1, St3),
                    {false, St3}
            end
    end.

group(ParentId, GroupMinSize, St) ->
    N = GroupMinSize + 1,
    case expect(ParentId ++ [N], ParentId, GroupMinSize, St) of
        {false, St1} -> group(ParentId, N, St1);
        {true, St1} -> St1
    end.

cast_cancel(Id, undefined, St) -> cast({status, Id, {cancel, undefined}}, St);
cast_cancel(_Id, Msg, St) -> cast(Msg, St).

cast(Msg, St) ->
    [L ! Msg || L <- St#st.listeners],
    ok.

wait(Id, Type, ParentId, GroupMinSize, St) ->
    case cancelled(Id, St) of
        no ->
            case recall(Id, St) of
                undefined -> wait_1(Id, Type, ParentId, GroupMinSize, St);
                Msg -> {ok, Msg, forget(Id, St)}
            end;
        exact when Type =:= 'begin' ->
            %% Cancelled after it began, but the cancellation overtook the beginning (they come
            %% from different processes): pass the beginning on first, then the cancellation.
            receive
                {status, Id, {progress, 'begin', _}} = Msg -> {ok, Msg, St}
            after 0 ->
                    {cancel, exact, recall(Id, St), forget(Id, St)}
            end;
        Why ->
            {cancel, Why, recall(Id, St), forget(Id, St)}
    end.

wait_1(Id, Type, ParentId, GroupMinSize, St) ->
    receive
        {status, Id, {progress, Type, _}} = Msg ->
            {ok, Msg, St};
        {status, ParentId, {progress, 'end', {GroupMinSize, _}}} = Msg ->
            {done, remember(ParentId, Msg, St)};
        {status, SomeId, {cancel, _}} = Msg ->
            St1 = remember(SomeId, Msg, St),
            wait(Id, Type, ParentId, GroupMinSize,
                 St1#st{cancelled = [SomeId | St#st.cancelled]})
    end.

%% exact when Id itself was cancelled, prefix when a group holding it was, else no.
cancelled(Id, St) ->
    Cs = St#st.cancelled,
    case lists:any(fun(C) -> C =/= Id andalso lists:prefix(C, Id) end, Cs) of
        true -> prefix;
        false ->
            case lists:member(Id, Cs) of
                true -> exact;
                false -> no
            end
    end.

remember(Id, Msg, St) -> St#st{messages = maps:put(Id, Msg, St#st.messages)}.

forget(Id, St) -> St#st{messages = maps:put(Id, undefined, St#st.messages)}.

recall(Id, St) -> maps:get(Id, St#st.messages, undefined).
