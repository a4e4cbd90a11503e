{application, bad, [{vsn,"1"},{mod,{myapp,[fail]}}]}.
