%% krarup_phash: erlang:phash/2 (the legacy term hash, erts' make_hash)
%% written in Erlang, for dict and sets, whose bucket order depends on it.
%% All arithmetic is modulo 2^32. Maps use erlang:phash2/2 with range 2^32
%% (which is make_hash2). Funs, pids, ports and refs are not hashed as OTP
%% does (they get a fixed contribution).
-module(krarup_phash).

-export([phash/2, make_hash/1]).

-define(M32, 16#FFFFFFFF).
-define(F1, 268440163).
-define(F2, 268439161).
-define(F3, 268435459).
-define(F4, 268436141).
-define(F6, 268437017).
-define(F8, 268437511).
-define(F9, 268439627).
-define(F12, 268440581).
-define(F13, 268440593).
-define(F14, 268440611).

%% phash(Term, Range) -> 1..Range
phash(Term, Range) when is_integer(Range), Range > 0, Range =< 16#100000000 ->
    make_hash(Term) rem Range + 1.

make_hash(Term) -> hash(Term, 0).

hash([], H) -> m(H * ?F3 + 1);
hash(A, H) when is_atom(A) -> m(H * ?F1 + atom_hash(atom_to_binary(A, utf8), 0));
hash(I, H) when is_integer(I) ->
    H1 = int_bytes(abs(I), H),
    case I < 0 of
        true -> m(H1 * ?F4);
        false -> m(H1 * ?F3)
    end;
hash(F, H) when is_float(F) ->
    F1 = case F == 0 of
             true -> 0.0;
             false -> F
         end,
    <<Hi:32, Lo:32>> = <<F1/float>>,
    m(H * ?F6 + (Hi bxor Lo));
hash(B, H) when is_bitstring(B) ->
    Size = byte_size(B) - case bit_size(B) rem 8 of 0 -> 0; _ -> 1 end,
    m(bin_hash(B, H) * ?F4 + Size);
hash([_ | _] = L, H) -> list_hash(L, H);
hash(T, H) when is_tuple(T) ->
    H1 = tuple_hash(T, 1, tuple_size(T), H),
    m(H1 * ?F9 + tuple_size(T));
hash(M, H) when is_map(M) ->
    m(H * ?F13 + ?F14 + erlang:phash2(M, 16#100000000));
hash(_Other, H) -> m(H * ?F9).

m(X) -> X band ?M32.

list_hash([E | T], H) when is_integer(E), E >= 0, E =< 255 ->
    list_tail(T, m(H * ?F2 + E));
list_hash([E | T], H) ->
    list_tail(T, hash(E, H)).

list_tail([_ | _] = T, H) -> list_hash(T, H);
list_tail(T, H) -> m(hash(T, H) * ?F8).

tuple_hash(_T, I, N, H) when I > N -> H;
tuple_hash(T, I, N, H) -> tuple_hash(T, I + 1, N, hash(element(I, T), H)).

bin_hash(<<B:8, Rest/bitstring>>, H) -> bin_hash(Rest, m(H * ?F1 + B));
bin_hash(<<>>, H) -> H;
bin_hash(Bits, H) ->
    N = bit_size(Bits),
    <<B:N>> = Bits,
    m(m(H * ?F1 + B) * ?F12 + N).

%% Magnitude bytes, least significant first, in 64-bit digits: whole
%% digits give 8 bytes; the top digit gives 4 when it fits in 32 bits.
int_bytes(N, H) when N >= 16#10000000000000000 ->
    int_bytes(N bsr 64, bytes(N band 16#FFFFFFFFFFFFFFFF, 8, H));
int_bytes(N, H) when N > ?M32 -> bytes(N, 8, H);
int_bytes(N, H) -> bytes(N, 4, H).

bytes(_N, 0, H) -> H;
bytes(N, K, H) -> bytes(N bsr 8, K - 1, m(H * ?F2 + (N band 255))).

%% hashpjw over the atom's text, with OTP's latin1 treatment of two-byte
%% UTF-8 sequences for code points below 256.
atom_hash(<<V0, Next, Rest/binary>>, H) when V0 band 16#FE =:= 16#C2, Next band 16#C0 =:= 16#80 ->
    atom_hash(Rest, pjw(H, ((V0 bsl 6) bor (Next band 16#3F)) band 255));
atom_hash(<<V, Rest/binary>>, H) -> atom_hash(Rest, pjw(H, V));
atom_hash(<<>>, H) -> H.

pjw(H0, V) ->
    H = m((H0 bsl 4) + V),
    case H band 16#F0000000 of
        0 -> H;
        G -> (H bxor (G bsr 24)) bxor G
    end.
