%% ms_transform.hrl for krarup: turns on the compiler's built-in translation of
%% ets:fun2ms(fun ... end) calls with a literal fun into match specifications, as OTP's
%% parse transform ms_transform does (compiler/src/ms_transform.rs).
-compile({parse_transform, ms_transform}).
