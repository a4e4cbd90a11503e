{application, chat,
 [{description, "chat rooms: a supervisor per room, a process per connected device"},
  {vsn, "1.0.0"},
  {modules, [chat, chat_app, chat_sup, room_sup, room, conn]},
  {registered, [chat_sup, rooms_sup]},
  {applications, [kernel, stdlib]},
  {mod, {chat_app, []}},
  {env, [{max_conn_restarts, 3}]}]}.
