%% supervisor: sup flags and child specs (maps and tuples) with OTP's defaults, check_childspecs
%% results, and start_link's results for bad flags, bad specs, init returning ignore or junk.
-module(sup_flags).
-export([main/0, init/1, start_worker/1, start_ignore/0]).

init(Arg) ->
    case Arg of
        ignore -> ignore;
        junk -> junk;
        {Flags, Specs} -> {ok, {Flags, Specs}}
    end.

start_worker(_Id) ->
    {ok, spawn_link(fun() -> receive stop -> ok end end)}.

start_ignore() -> ignore.

spec(Id) -> #{id => Id, start => {sup_flags, start_worker, [Id]}}.

main() ->
    process_flag(trap_exit, true),
    %% Child spec normalisation.
    {ok, S} = supervisor:start_link(sup_flags, {#{}, [spec(a)]}),
    io:format("map defaults: ~p~n", [supervisor:get_childspec(S, a)]),
    Specs = [{t1, {sup_flags, start_worker, [t1]}, transient, 2000, worker, [sup_flags]},
             {t2, {sup_flags, start_worker, [t2]}, temporary, brutal_kill, supervisor, dynamic},
             {t3, {sup_flags, start_worker, [t3]}, permanent, infinity, worker, []},
             #{id => m1, start => {sup_flags, start_worker, [m1]}, type => supervisor},
             #{id => m2, start => {sup_flags, start_worker, [m2]}, restart => transient,
               shutdown => 10, modules => dynamic, extra_key => ignored},
             #{id => {tuple, id}, start => {sup_flags, start_worker, [x]}, significant => false}],
    [begin
         {ok, _} = supervisor:start_child(S, Sp),
         Id = case Sp of #{id := I} -> I; _ -> element(1, Sp) end,
         io:format("~p: ~p~n", [Id, supervisor:get_childspec(S, Id)])
     end || Sp <- Specs],
    io:format("count: ~p~n", [supervisor:count_children(S)]),
    io:format("ids: ~p~n", [[Id || {Id, _, _, _} <- supervisor:which_children(S)]]),
    io:format("types: ~p~n", [[{T, M} || {_, _, T, M} <- supervisor:which_children(S)]]),
    exit(S, shutdown),
    receive {'EXIT', S, R0} -> io:format("sup exit: ~p~n", [R0]) end,
    %% check_childspecs.
    Bad = [[spec(a), spec(a)],
           [#{start => {m, f, []}}],
           [#{id => x}],
           [#{id => x, start => x}],
           [#{id => x, start => {m, f, a}}],
           [#{id => x, start => {"m", f, []}}],
           [#{id => x, start => {m, f, []}, restart => sometimes}],
           [#{id => x, start => {m, f, []}, type => thing}],
           [#{id => x, start => {m, f, []}, shutdown => 0}],
           [#{id => x, start => {m, f, []}, shutdown => -1}],
           [#{id => x, start => {m, f, []}, shutdown => soon}],
           [#{id => x, start => {m, f, []}, modules => m}],
           [#{id => x, start => {m, f, []}, modules => [m, "n"]}],
           [#{id => x, start => {m, f, []}, significant => maybe}],
           [#{id => x, start => {m, f, []}, significant => true}],
           [#{id => x, start => {m, f, []}, significant => true, restart => transient}],
           [{x, {m, f, []}, permanent, 5000, worker}],
           [{x, {m, f, []}, permanent, 5000, worker, [m], extra}],
           [not_a_spec],
           not_a_list,
           [],
           [spec(a), spec(b)],
           [#{id => x, start => {m, f, []}, restart => bad, type => bad}],
           [#{id => x, start => bad, restart => bad}]],
    [io:format("check ~p~n  -> ~p~n", [B, supervisor:check_childspecs(B)]) || B <- Bad],
    io:format("check/2 ~p~n", [supervisor:check_childspecs(
                                 [#{id => x, start => {m, f, []}, significant => true,
                                    restart => transient}], any_significant)]),
    io:format("check/2 ~p~n", [supervisor:check_childspecs(
                                 [#{id => x, start => {m, f, []}, significant => true,
                                    restart => transient}], never)]),
    %% start_link results for bad flags and specs.
    Flags = [#{strategy => bogus}, #{intensity => -1}, #{intensity => x}, #{period => 0},
             #{period => 1.5}, #{auto_shutdown => sometimes},
             #{strategy => simple_one_for_one, auto_shutdown => any_significant},
             {one_for_all, 3}, {one_for_all, 3, 10, x}, {rest_for_one, 0, 1}, [],
             #{strategy => one_for_all, intensity => 0, period => 1, unknown => key}],
    [io:format("flags ~p~n  -> ~p~n", [F, start(sup_flags, {F, []})]) || F <- Flags],
    io:format("bad spec -> ~p~n", [start(sup_flags, {#{}, [#{id => x}]})]),
    io:format("dup spec -> ~p~n", [start(sup_flags, {#{}, [spec(a), spec(a)]})]),
    {error, {function_clause, [{supervisor, F, A, _} | _]}} = start(sup_flags, {#{}, x}),
    io:format("not a list -> function_clause in ~p~n", [{F, A}]),
    io:format("ignore -> ~p~n", [start(sup_flags, ignore)]),
    io:format("junk -> ~p~n", [start(sup_flags, junk)]),
    io:format("simple, two specs -> ~p~n",
              [start(sup_flags, {#{strategy => simple_one_for_one}, [spec(a), spec(b)]})]),
    io:format("simple, no spec -> ~p~n",
              [start(sup_flags, {#{strategy => simple_one_for_one}, []})]),
    io:format("ignored child -> ~p~n",
              [start(sup_flags, {#{}, [#{id => i, start => {sup_flags, start_ignore, []}}]})]),
    %% Registered names.
    {ok, N} = supervisor:start_link({local, named_sup}, sup_flags, {#{}, [spec(a)]}),
    io:format("whereis: ~p~n", [whereis(named_sup) =:= N]),
    {error, {already_started, N2}} =
        supervisor:start_link({local, named_sup}, sup_flags, {#{}, [spec(a)]}),
    io:format("already started same pid: ~p~n", [N2 =:= N]),
    io:format("by name: ~p~n", [supervisor:count_children(named_sup)]),
    exit(N, shutdown),
    receive {'EXIT', N, R1} -> io:format("named exit: ~p~n", [R1]) end,
    io:format("gone: ~p~n", [whereis(named_sup)]),
    io:format("call to gone: ~p~n", [catch supervisor:which_children(named_sup)]),
    flush().

start(M, A) ->
    R = supervisor:start_link(M, A),
    receive {'EXIT', _, _} -> ok after 50 -> ok end,
    case R of
        {ok, P} -> unlink(P), exit(P, kill), {ok, pid};
        Other -> Other
    end.

flush() ->
    receive M -> io:format("left: ~p~n", [M]), flush() after 100 -> ok end.
