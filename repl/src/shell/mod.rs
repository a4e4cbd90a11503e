//! The interactive shell (`krarup`, `krarup shell FILES`, `krarup run --shell`): a VM that keeps
//! running, an Erlang shell process that evaluates forms, and a frontend that reads them.

pub mod frontend;
pub mod tty;
