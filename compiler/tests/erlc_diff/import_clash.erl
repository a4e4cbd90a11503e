-module(import_clash).
-export([main/0]).
-import(lists, [reverse/1]).
main() -> reverse([1]), nothing(2).
