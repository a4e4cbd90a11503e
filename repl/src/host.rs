//! The `krarup` binary's side of the VM's host interface (`krarup_vm::host::Host`): files from the
//! OS, term parsing from the compiler, and the code path (the directories of the program's files).

use krarup_bytecode::module::Literal;
use krarup_compiler::lower::string_lit as string;
use krarup_compiler::terms::{parse_terms, TermErrorKind};
use krarup_vm::host::{posix_name, ConsultError, Host};

/// The host of a `krarup run`: `code_path` lists the program files' directories, in order.
pub struct OsHost {
    pub code_path: Vec<String>,
}

impl Host for OsHost {
    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(path).map_err(|e| posix_name(&e).to_string())
    }

    fn write_file(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        std::fs::write(path, bytes).map_err(|e| posix_name(&e).to_string())
    }

    fn delete_file(&self, path: &str) -> Result<(), String> {
        std::fs::remove_file(path).map_err(|e| posix_name(&e).to_string())
    }

    fn parse_terms(&self, text: &str) -> Result<Vec<Literal>, ConsultError> {
        parse_terms(text).map_err(|e| {
            let (module, reason) = match e.kind {
                TermErrorKind::SyntaxBefore(token) => (
                    "erl_parse",
                    list(vec![
                        string("syntax error before: "),
                        token.as_deref().map_or(Literal::Nil, string),
                    ]),
                ),
                TermErrorKind::BadTerm => ("erl_parse", string("bad term")),
                TermErrorKind::TooDeep => ("erl_parse", string("term nested too deeply")),
                TermErrorKind::Scan(text) => ("erl_scan", string(&text)),
            };
            ConsultError {
                line: e.line,
                module,
                reason,
            }
        })
    }

    fn code_path(&self) -> Vec<String> {
        self.code_path.clone()
    }

    fn is_dir(&self, path: &str) -> bool {
        std::path::Path::new(path).is_dir()
    }
}

fn list(elems: Vec<Literal>) -> Literal {
    Literal::List(elems, Box::new(Literal::Nil))
}
