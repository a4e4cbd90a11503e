%% Prints each function of an Erlang module as an S-expression of the tree OTP's epp/erl_parse build,
%% one line per function, in the format compiler/tests/frontend_ast.rs prints krarup's AST in.
-module(astsx).
-export([main/1]).
main(Files) ->
    io:setopts([{encoding, unicode}]),
    lists:foreach(fun(F) ->
        {ok, Forms} = epp:parse_file(F, [{includes, [filename:dirname(F)]}]),
        [io:format("~ts~n", [form(Form)]) || Form <- Forms, is_list(form(Form))]
    end, Files).
form({function, _, N, A, Cs}) -> io_lib:format("~ts/~w ~ts", [N, A, cls(Cs)]);
form({attribute, _, record, {N, Fs}}) -> ["record ", a(N), " ", j([recdef(F) || F <- Fs])];
form(_) -> none.
recdef({typed_record_field, F, _Type}) -> recdef(F);
recdef({record_field, _, {atom, _, F}}) -> ["(", a(F), ")"];
recdef({record_field, _, {atom, _, F}, D}) -> ["(", a(F), " ", e(D), ")"].
j(L) -> lists:join(" ", L).
cls(Cs) -> j([cl(C) || C <- Cs]).
cl({clause, _, Ps, Gs, B}) ->
    ["(clause (", j([e(P) || P <- Ps]), ") ", j([["[", j([e(G) || G <- Alt]), "]"] || Alt <- Gs]),
     " ", j([e(X) || X <- B]), ")"].
a(A) -> atom_to_list(A).
es(L) -> j([e(X) || X <- L]).
e({integer, _, I}) -> integer_to_list(I);
e({char, _, C}) -> integer_to_list(C);
e({float, _, F}) -> <<Bits:64>> = <<F/float>>, ["f", integer_to_list(Bits)];
e({atom, _, A}) -> a(A);
e({string, _, S}) -> ["s(", lists:join(",", [integer_to_list(C) || C <- S]), ")"];
e({var, _, V}) -> a(V);
e({tuple, _, Es}) -> ["{", es(Es), "}"];
e({nil, _}) -> "[]";
e({cons, _, H, T}) -> ["(cons ", e(H), " ", e(T), ")"];
e({map, _, Fs}) -> ["(map ", j([mf(F) || F <- Fs]), ")"];
e({map, _, M, Fs}) -> ["(map-update ", e(M), " ", j([mf(F) || F <- Fs]), ")"];
e({record, _, N, Fs}) -> ["(record ", a(N), " ", j([rf(F) || F <- Fs]), ")"];
e({record, _, E, N, Fs}) -> ["(record-update ", e(E), " ", a(N), " ", j([rf(F) || F <- Fs]), ")"];
e({record_field, _, E, N, {atom, _, F}}) -> ["(field ", e(E), " ", a(N), " ", a(F), ")"];
e({record_index, _, N, {atom, _, F}}) -> ["(index ", a(N), " ", a(F), ")"];
e({bin, _, Segs}) -> ["<<", lists:join(", ", [seg(S) || S <- Segs]), ">>"];
e({op, _, Op, A, B}) -> ["(", a(Op), " ", e(A), " ", e(B), ")"];
e({op, _, Op, A}) -> ["(", a(Op), " ", e(A), ")"];
e({match, _, A, B}) -> ["(= ", e(A), " ", e(B), ")"];
e({call, _, {remote, _, M, F}, As}) -> ["(call ", e(M), ":", e(F), " ", es(As), ")"];
e({call, _, {atom, _, F}, As}) -> ["(call ", a(F), " ", es(As), ")"];
e({call, _, F, As}) -> ["(apply ", e(F), " ", es(As), ")"];
e({'case', _, E, Cs}) -> ["(case ", e(E), " ", cls(Cs), ")"];
e({'if', _, Cs}) -> ["(if ", cls(Cs), ")"];
e({'receive', _, Cs}) -> ["(receive ", cls(Cs), ")"];
e({'receive', _, Cs, T, B}) -> ["(receive ", cls(Cs), " (after ", e(T), " ", es(B), "))"];
e({'try', _, B, Of, Cat, Aft}) ->
    ["(try (", es(B), ") (of ", cls(Of), ") (catch ", cls(Cat), ") (after ", es(Aft), "))"];
e({'catch', _, E}) -> ["(catch ", e(E), ")"];
e({block, _, B}) -> ["(begin ", es(B), ")"];
e({'fun', _, {clauses, Cs}}) -> ["(fun ", cls(Cs), ")"];
e({'fun', _, {function, F, A}}) -> ["(fun-ref ", a(F), "/", integer_to_list(A), ")"];
e({'fun', _, {function, M, F, A}}) -> ["(fun-ref ", e(M), ":", e(F), "/", e(A), ")"];
e({named_fun, _, N, Cs}) -> ["(named-fun ", a(N), " ", cls(Cs), ")"];
e({lc, _, E, Qs}) -> ["(lc ", e(E), " ", j([q(Q) || Q <- Qs]), ")"];
e({bc, _, E, Qs}) -> ["(bc ", e(E), " ", j([q(Q) || Q <- Qs]), ")"];
e(Other) -> io_lib:format("??~p", [element(1, Other)]).
q({generate, _, P, E}) -> ["(<- ", e(P), " ", e(E), ")"];
q({b_generate, _, P, E}) -> ["(<= ", e(P), " ", e(E), ")"];
q(E) -> e(E).
mf({map_field_assoc, _, K, V}) -> ["(=> ", e(K), " ", e(V), ")"];
mf({map_field_exact, _, K, V}) -> ["(:= ", e(K), " ", e(V), ")"].
rf({record_field, _, {atom, _, F}, V}) -> ["(", a(F), " ", e(V), ")"];
rf({record_field, _, {var, _, '_'}, V}) -> ["(_ ", e(V), ")"].
seg({bin_element, _, V, S, T}) ->
    [e(V), case S of default -> ""; _ -> [":", e(S)] end,
     case T of default -> ""; _ -> ["/", lists:join("-", [ty(X) || X <- T])] end].
ty({unit, N}) -> "unit:" ++ integer_to_list(N);
ty(bits) -> "bitstring";
ty(bytes) -> "binary";
ty(X) -> a(X).
