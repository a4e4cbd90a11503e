-module(sf_wish_string_unicode).
-export([main/0]).

%% Unicode details of OTP's string module that krarup's simplified string.erl lacks:
%% normalization in equal/4, code-point (not grapheme) matching of "\n" inside "\r\n" in
%% lexemes/take, a binary slice starting after "\r" returned as a list.
main() ->
    io:format("~p~n", [string:equal("é", "e\x{301}", false, nfc)]),
    io:format("~p~n", [string:equal("é", "e\x{301}", false, nfd)]),
    io:format("~p~n", [string:equal("ﬁ", "fi", false, nfkc)]),
    io:format("~p~n", [string:lexemes("a\r\nb", "\n")]),
    io:format("~p~n", [string:take([65, 65, 13, 10, 9], "\n", true)]),
    io:format("~p~n", [string:slice(<<13, 97, 90, 46, 45>>, 1, 2)]),
    io:format("~tp~n", [string:uppercase("ǆ ǉ ȿ ɐ ა ꭰ ｆ")]),
    io:format("~tp~n", [string:titlecase("ǆemal")]),
    ok.
