-module(export_all_quiet).
-compile([export_all, nowarn_export_all]).
main() -> ok.
