-module(macro_unterminated_ifdef).
-export([main/0]).
-ifdef(FOO).
main() -> ok.
