%% Records: a small library of books, with defaults, updates, pattern matching and sorting.
%% Run: krarup run examples/records.erl
-module(records).
-export([main/0]).

-record(book, {title, author, year, available = true}).

main() ->
    Books = [
        #book{title = "Programming Erlang", author = "Joe Armstrong", year = 2013},
        #book{title = "Learn You Some Erlang", author = "Fred Hebert", year = 2013},
        #book{title = "Erlang and OTP in Action", author = "Martin Logan", year = 2010}
    ],
    Library = lend("Learn You Some Erlang", Books),
    lists:foreach(fun print/1, lists:keysort(#book.year, Library)),
    Available = [B#book.title || B <- Library, B#book.available],
    io:format("~nAvailable: ~p~n", [Available]).

lend(Title, Books) ->
    [case B of
         #book{title = Title} -> B#book{available = false};
         _ -> B
     end || B <- Books].

print(#book{title = T, author = A, year = Y, available = true}) ->
    io:format("~-28s ~-16s ~p~n", [T, A, Y]);
print(#book{title = T, author = A, year = Y}) ->
    io:format("~-28s ~-16s ~p (lent out)~n", [T, A, Y]).
