{application, dep, [{description,"dep app"},{vsn,"2"},{applications,[kernel,stdlib,myapp]},{env,[]}]}.
