{application, myapp, [{description,"demo"},{vsn,"0.1.0"},{modules,[myapp]},{registered,[]},{applications,[kernel,stdlib]},{mod,{myapp,[arg]}},{env,[{k,v}]}]}.
