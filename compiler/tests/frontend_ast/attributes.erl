%% Attributes, records with typed fields and defaults, specs and types, for the front-end AST
%% conformance test (records are compared too; specs and types are skipped by krarup).
-module(attributes).
-vsn("1.0").
-author('someone').
-behaviour(gen_server).
-compile([export_all, nowarn_unused_function, {inline, [f/1]}]).
-export_type([t/0, opaque_t/0]).
-dialyzer({nowarn_function, f/1}).
-on_load(init/0).
-deprecated([{f, 1, "use g/1"}]).
-custom_attribute({any, [term, <<"here">>], #{a => 1}}).
-type t() :: {ok, integer()} | error | 1..10 | [atom()] | #{atom() => term()} | fun((term()) -> ok).
-opaque opaque_t() :: #rec{}.
-type nested(A) :: {A, nested(A)} | nil.
-spec f(integer()) -> integer();
       (atom()) -> atom().
-spec g(X) -> X when X :: term().
-callback handle(Msg :: term(), State :: term()) -> {noreply, term()}.
-record(rec, {a :: integer(),
              b = 1 :: pos_integer(),
              c = {x, [1, 2]} :: {atom(), [integer()]},
              d = #{k => v} :: #{atom() => atom()},
              e = fun(X) -> X end :: fun((term()) -> term()),
              f = <<"bin">> :: binary(),
              g = [] :: [#rec{}] | undefined,
              h}).
-record(empty, {}).
-record(with_defaults, {x = 1 + 2 * 3, y = atom, z = "str", w = -1, v = 'quoted atom'}).
-define(LIST, [1, 2, 3]).
-record(macro_default, {l = ?LIST, m = ?MODULE}).

init() -> ok.
f(X) -> X.
g(X) -> #rec{a = X}#rec.b.
