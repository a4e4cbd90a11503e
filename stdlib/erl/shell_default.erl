%% shell_default: where the shell sends a local call typed at the prompt that is neither a shell
%% built-in nor defined in user_default, as in OTP 25: the commands of the c module, forwarded.
%% Beyond OTP: i/1 explains a term (krarup_explain), and halt/0,1 are here so that they work
%% whichever way the shell routes them.
-module(shell_default).

-compile({no_auto_import, [halt/0, halt/1]}).

-export([help/0, bt/1, c/1, c/2, cd/1, flush/0, i/0, i/1, i/3, ni/0, l/1, lc/1, lm/0, ls/0,
         ls/1, m/0, m/1, mm/0, memory/0, memory/1, nc/1, nl/1, nregs/0, pid/3, pwd/0, q/0,
         regs/0, uptime/0, xm/1, y/1, y/2, halt/0, halt/1, ih/0]).

%% The text of erl's help(): the shell's own commands, then the c module's, then the debugger's
%% (whose i module krarup does not have: ih() says so, as OTP without the debugger). Returns
%% true, as OTP.
help() ->
    io:put_chars(<<"** shell internal commands **\n"
                   "b()        -- display all variable bindings\n"
                   "e(N)       -- repeat the expression in query <N>\n"
                   "f()        -- forget all variable bindings\n"
                   "f(X)       -- forget the binding of variable X\n"
                   "h()        -- history\n"
                   "h(Mod)     -- help about module\n"
                   "h(Mod,Func)-- help about function in module\n"
                   "h(Mod,Func,Arity) -- help about function with arity in module\n"
                   "ht(Mod)    -- help about a module's types\n"
                   "ht(Mod,Type) -- help about type in module\n"
                   "ht(Mod,Type,Arity) -- help about type with arity in module\n"
                   "hcb(Mod)    -- help about a module's callbacks\n"
                   "hcb(Mod,CB) -- help about callback in module\n"
                   "hcb(Mod,CB,Arity) -- help about callback with arity in module\n"
                   "history(N) -- set how many previous commands to keep\n"
                   "results(N) -- set how many previous command results to keep\n"
                   "catch_exception(B) -- how exceptions are handled\n"
                   "v(N)       -- use the value of query <N>\n"
                   "rd(R,D)    -- define a record\n"
                   "rf()       -- remove all record information\n"
                   "rf(R)      -- remove record information about R\n"
                   "rl()       -- display all record information\n"
                   "rl(R)      -- display record information about R\n"
                   "rp(Term)   -- display Term using the shell's record information\n"
                   "rr(File)   -- read record information from File (wildcards allowed)\n"
                   "rr(F,R)    -- read selected record information from file(s)\n"
                   "rr(F,R,O)  -- read selected record information with options\n"
                   "** commands in module c **\n">>),
    c:help(),
    io:put_chars(<<"** commands in module i (interpreter interface) **\n"
                   "ih()       -- print help for the i module\n">>),
    true.

bt(Pid) -> c:bt(Pid).
c(File) -> c:c(File).
c(File, Opts) -> c:c(File, Opts).
cd(Dir) -> c:cd(Dir).
flush() -> c:flush().
i() -> c:i().
i(X, Y, Z) -> c:i(X, Y, Z).
ni() -> c:ni().
l(Mod) -> c:l(Mod).
lc(Files) -> c:lc(Files).
lm() -> c:lm().
ls() -> c:ls().
ls(Dir) -> c:ls(Dir).
m() -> c:m().
m(Mod) -> c:m(Mod).
mm() -> c:mm().
memory() -> c:memory().
memory(Type) -> c:memory(Type).
nc(File) -> c:nc(File).
nl(Mod) -> c:nl(Mod).
nregs() -> c:nregs().
pid(X, Y, Z) -> c:pid(X, Y, Z).
pwd() -> c:pwd().
q() -> c:q().
regs() -> c:regs().
uptime() -> c:uptime().
xm(Mod) -> c:xm(Mod).
y(File) -> c:y(File).
y(File, Opts) -> c:y(File, Opts).

%% Prints what Term is (krarup_explain:explain/1): its type, how the shell prints it and why,
%% and its raw form. Returns ok.
i(Term) -> io:put_chars(krarup_explain:explain(Term)).

halt() -> erlang:halt().
halt(Status) -> erlang:halt(Status).

%% The debugger's help; krarup has no debugger.
ih() -> c:appcall(debugger, i, help, []).
