//! The `krarup` binary: command-line interface over the compiler and the VM.
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand, ValueEnum};
use krarup::{compile_file_as, ErrorFormat, EXIT_FAILURE};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// krarup: compile and run Erlang programs on a bytecode VM.
#[derive(Parser)]
#[command(
    name = "krarup",
    version,
    after_help = "Examples:
  krarup run hello.erl                 compile hello.erl and run hello:main()
  krarup run main.erl util.erl         a program of several modules; main/0 is in main.erl
  krarup compile -o out hello.erl      write out/hello.kbc
  krarup run out/hello.kbc             run bytecode written by `krarup compile`
  krarup run prog.erl -- a b           main/1 of prog.erl gets [\"a\",\"b\"] (main/0 runs if no main/1)
  krarup prog.erl a b                  as escript: also what a `#!/usr/bin/env krarup` line runs

Exit status: 0 when main/0 returns (or erlang:halt(N)'s N); 1 for a compile or load error, an
uncaught exception in main/0 or a failed write to standard output (127 for `krarup prog.erl`, as
escript); 2 for a bad command line."
)]
struct Cli {
    /// Without a command: an interactive shell (as `krarup shell`).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a program: loads every file and calls main/0 of the first file's module
    /// (main/1 if it exports it, with the arguments after `--` as a list of strings).
    ///
    /// Each file is Erlang source (.erl, compiled first) or bytecode (.kbc, from `krarup
    /// compile`). All files are compiled before anything runs, and every error is reported. The
    /// program ends when main/0 returns, even if other processes are still running. Program
    /// output goes to stdout; diagnostics, warnings and crash reports go to stderr.
    Run {
        /// Source (.erl) or bytecode (.kbc) files; the first file's module must export main/0 or
        /// main/1.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Number of scheduler threads, 1 to 1024 (as `erl +S N`); default: one per core.
        #[arg(short = 'S', long = "schedulers", value_parser = clap::value_parser!(u16).range(1..=1024))]
        schedulers: Option<u16>,
        /// Most processes alive at once, 1024 to 134217727, rounded up to a power of two (as `erl
        /// +P N`; also spelled `+P N`); default 262144. `spawn` beyond it raises `system_limit`.
        #[arg(long = "process-limit", value_name = "N", value_parser = parse_process_limit)]
        process_limit: Option<usize>,
        /// Most atoms, 8192 to 2147483647 (as `erl +t N`; also spelled `+t N`); default 1048576.
        /// Creating an atom beyond it raises `system_limit`.
        #[arg(long = "atom-limit", value_name = "N", value_parser = parse_atom_limit)]
        atom_limit: Option<usize>,
        /// A directory of bytecode (.kbc) files put first on the code path (as `erl -pa DIR`;
        /// repeatable): a call to a module that is not loaded loads it from there.
        #[arg(long = "pa", value_name = "DIR")]
        pa: Vec<String>,
        /// Watch the .erl files: when one changes, recompile it and load it into the running
        /// program (its processes move to the new code at their next remote call); compile
        /// errors and a reload report are printed on stderr, and the old code keeps running on
        /// error.
        #[arg(long = "watch")]
        watch: bool,
        /// After main/0 returns, open an interactive shell in the same running system instead of
        /// halting.
        #[arg(long = "shell", conflicts_with = "watch")]
        shell: bool,
        #[command(flatten)]
        diagnostics: DiagnosticsArgs,
        /// The program's arguments, after `--`: main/1 receives them as a list of strings when
        /// the first module exports it (else main/0 runs); init:get_plain_arguments() returns
        /// them either way.
        #[arg(last = true, value_name = "ARGS")]
        args: Vec<String>,
    },
    /// An interactive Erlang shell, with the given modules compiled and loaded first.
    ///
    /// Forms typed at the `N>` prompt are evaluated as erl's shell evaluates them. With input that
    /// is not a terminal (`krarup shell < session.erl`) nothing is echoed and the exit status is 1
    /// if any form raised an exception. `q()` or `halt()` leave the shell.
    Shell {
        /// Source (.erl) or bytecode (.kbc) files to load before the first prompt.
        files: Vec<PathBuf>,
        /// Number of scheduler threads, 1 to 1024 (as `erl +S N`); default: one per core.
        #[arg(short = 'S', long = "schedulers", value_parser = clap::value_parser!(u16).range(1..=1024))]
        schedulers: Option<u16>,
        /// A directory of bytecode (.kbc) files put first on the code path (as `erl -pa DIR`).
        #[arg(long = "pa", value_name = "DIR")]
        pa: Vec<String>,
        #[command(flatten)]
        diagnostics: DiagnosticsArgs,
    },
    /// Run EUnit tests: compile the files with TEST defined and run eunit:test on the modules
    /// that have tests.
    ///
    /// Each path is an .erl file or a directory (its .erl files and those of its src/ and test/
    /// directories, as rebar3 lays a project out); default: the current directory. A module M_tests
    /// runs with M. Prints EUnit's report; the exit status is 0 when every test passed, 1 when
    /// one failed or a file did not compile.
    Test {
        /// .erl files or directories; default: the current directory.
        paths: Vec<PathBuf>,
        /// EUnit's verbose report: every test and group, not only the failures.
        #[arg(short = 'v', long = "verbose")]
        verbose: bool,
        #[command(flatten)]
        diagnostics: DiagnosticsArgs,
    },
    /// Compile Erlang modules to bytecode files (.kbc), or print a compiler pass's output.
    ///
    /// Each source file gives OUT/NAME.kbc, NAME being its -module name; `krarup run OUT/NAME.kbc`
    /// loads it without compiling again. With --dump, nothing is written: the chosen
    /// pass's output goes to stdout.
    Compile {
        /// Erlang source files (.erl).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Directory for the .kbc files; created if it does not exist.
        #[arg(short = 'o', long = "out", default_value = ".")]
        out: PathBuf,
        /// Print this pass's output instead of writing bytecode.
        #[arg(long = "dump", value_enum)]
        dump: Option<Stage>,
        #[command(flatten)]
        diagnostics: DiagnosticsArgs,
    },
}

/// How compile errors and warnings are printed.
#[derive(clap::Args)]
struct DiagnosticsArgs {
    /// How to print compile errors and warnings: `excerpt` shows the source lines with a hint;
    /// `short` prints erlc's one-line form (`file:line:col: message`, as `erlc +brief`), for tools.
    #[arg(long = "error-format", value_enum, default_value = "excerpt")]
    error_format: ErrorFormatArg,
}

#[derive(Copy, Clone, ValueEnum)]
enum ErrorFormatArg {
    Excerpt,
    Short,
}

impl From<ErrorFormatArg> for ErrorFormat {
    fn from(a: ErrorFormatArg) -> ErrorFormat {
        match a {
            ErrorFormatArg::Excerpt => ErrorFormat::Excerpt,
            ErrorFormatArg::Short => ErrorFormat::Short,
        }
    }
}

#[derive(Copy, Clone, ValueEnum)]
enum Stage {
    /// The syntax tree after preprocessing.
    Ast,
    /// The core intermediate form.
    Core,
    /// The decision tree of every pattern match.
    Decision,
    /// The bytecode listing.
    Bytecode,
}

/// `erl`'s spellings of the `run` options: `+P N` is `--process-limit N`, `-pa DIR` is `--pa DIR`, `+t N` is
/// `--atom-limit N`.
fn erl_flags(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    args.map(|a| match a.to_str() {
        Some("+P") => "--process-limit".into(),
        Some("+t") => "--atom-limit".into(),
        Some("-pa") => "--pa".into(),
        _ => a,
    })
    .collect()
}

/// `+P N`: erl's rounding and range, and its wording for a bad value.
fn parse_process_limit(s: &str) -> Result<usize, String> {
    s.parse()
        .ok()
        .and_then(krarup_vm::limits::process_limit_for)
        .ok_or_else(|| format!("bad number of processes {s} (1024 to 134217727)"))
}

/// `+t N`: erl's range, and its wording for a bad value.
fn parse_atom_limit(s: &str) -> Result<usize, String> {
    s.parse()
        .ok()
        .filter(|n| krarup_vm::atom::ATOM_LIMIT_RANGE.contains(n))
        .ok_or_else(|| format!("bad atom table size {s} (8192 to 2147483647)"))
}

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some((file, program)) = krarup::program_args::script_command(&argv) {
        return ExitCode::from(run_script(file, &program) as u8);
    }
    let cli = Cli::parse_from(erl_flags(argv.into_iter()));
    let code = match cli.command {
        None => shell(krarup::shell::ShellOptions::default()),
        Some(Command::Shell {
            files,
            schedulers,
            pa,
            diagnostics,
        }) => shell(krarup::shell::ShellOptions {
            files,
            schedulers: schedulers.map(usize::from),
            format: diagnostics.error_format.into(),
            pa,
            ..Default::default()
        }),
        Some(Command::Run {
            files,
            schedulers,
            process_limit,
            atom_limit,
            pa,
            shell: true,
            diagnostics,
            ..
        }) => shell(krarup::shell::ShellOptions {
            files,
            run_main: true,
            schedulers: schedulers.map(usize::from),
            format: diagnostics.error_format.into(),
            limits: krarup::Limits {
                processes: process_limit,
                atoms: atom_limit,
            },
            pa,
        }),
        Some(Command::Run {
            files,
            schedulers,
            process_limit,
            atom_limit,
            pa,
            watch,
            shell: false,
            diagnostics,
            args,
        }) => {
            let (checked, output_errors) = krarup::CheckedWriter::new(krarup::unbuffered_stdout());
            let stdout = Box::new(std::io::BufWriter::new(checked));
            let schedulers = schedulers.map(usize::from);
            let format = diagnostics.error_format.into();
            let limits = krarup::Limits {
                processes: process_limit,
                atoms: atom_limit,
            };
            let program = krarup::ProgramArgs { args, script: None };
            let status = krarup::run_files_with_args(
                &files,
                stdout,
                &mut std::io::stderr(),
                schedulers,
                format,
                limits,
                &pa,
                watch,
                &program,
            );
            checked_status(status, &output_errors)
        }
        Some(Command::Test {
            paths,
            verbose,
            diagnostics,
        }) => {
            let (checked, output_errors) = krarup::CheckedWriter::new(krarup::unbuffered_stdout());
            let stdout = Box::new(std::io::BufWriter::new(checked));
            let format = diagnostics.error_format.into();
            let status = krarup::run_tests(&paths, verbose, stdout, &mut std::io::stderr(), format);
            match output_errors.take() {
                Some(e) => {
                    eprintln!("krarup: error writing to standard output: {e}");
                    status.max(EXIT_FAILURE)
                }
                None => status,
            }
        }
        Some(Command::Compile {
            files,
            out,
            dump,
            diagnostics,
        }) => compile(&files, &out, dump, diagnostics.error_format.into()),
    };
    ExitCode::from(code as u8)
}

/// Runs a shell session on this process's standard input and output: the terminal frontend
/// when stdin is a terminal, else the piped one.
fn shell(mut options: krarup::shell::ShellOptions) -> i32 {
    if let Some(mut tty) = krarup::shell::tty::terminal() {
        // krarup's own one-line banner, on a terminal only (none when piped, so transcripts match).
        println!(
            "krarup {} shell (q(). or Ctrl-D to quit)",
            env!("CARGO_PKG_VERSION")
        );
        options.files.extend(tty.preload_files());
        let status = krarup::shell::run(&options, &mut tty, &mut std::io::stderr());
        return if tty.left_by_user() { 0 } else { status };
    }
    let input = Box::new(std::io::BufReader::new(std::io::stdin()));
    let mut frontend =
        krarup::shell::piped::Piped::new(input, Box::new(krarup::unbuffered_stdout()));
    krarup::shell::run(&options, &mut frontend, &mut std::io::stderr())
}

/// The exit status once the program ended with `status`: a failed write to standard output
/// turns success into failure, with a message.
fn checked_status(status: i32, output_errors: &krarup::OutputErrors) -> i32 {
    match output_errors.take() {
        Some(e) => {
            eprintln!("krarup: error writing to standard output: {e}");
            status.max(EXIT_FAILURE)
        }
        None => status,
    }
}

/// An escript-style run (`krarup prog.erl ARGS`, what a `#!/usr/bin/env krarup` line runs):
/// `krarup run prog.erl -- ARGS` with the default options, the script's path heading
/// init:get_plain_arguments(), and escript's status 127 on failure.
fn run_script(file: PathBuf, program: &krarup::ProgramArgs) -> i32 {
    let (checked, output_errors) = krarup::CheckedWriter::new(krarup::unbuffered_stdout());
    let stdout = Box::new(std::io::BufWriter::new(checked));
    let status = krarup::run_files_with_args(
        &[file],
        stdout,
        &mut std::io::stderr(),
        None,
        ErrorFormat::Excerpt,
        krarup::Limits::default(),
        &[],
        false,
        program,
    );
    checked_status(status, &output_errors)
}

fn compile(
    files: &[PathBuf],
    out: &std::path::Path,
    dump: Option<Stage>,
    format: ErrorFormat,
) -> i32 {
    let mut status = 0;
    let mut stderr = std::io::stderr();
    if dump.is_none() {
        if let Err(message) = krarup::prepare_out_dir(out) {
            let _ = stderr.write_all(message.as_bytes());
            return EXIT_FAILURE;
        }
    }
    for path in files {
        if let Some(stage) = dump {
            match dump_file(path, stage, format) {
                Ok(text) => print!("{text}"),
                Err(message) => {
                    let _ = stderr.write_all(message.as_bytes());
                    status = EXIT_FAILURE;
                }
            }
            continue;
        }
        match compile_file_as(path, format) {
            Ok((module, warnings)) => {
                let _ = stderr.write_all(warnings.as_bytes());
                let target = out.join(format!("{}.kbc", module.name));
                let bytes = krarup_bytecode::format::encode(&module);
                if let Err(e) = std::fs::write(&target, bytes) {
                    let _ = writeln!(stderr, "krarup: cannot write {}: {e}", target.display());
                    status = EXIT_FAILURE;
                }
            }
            Err(f) => {
                let _ = stderr.write_all(f.message.as_bytes());
                status = EXIT_FAILURE;
            }
        }
    }
    status
}

fn dump_file(path: &std::path::Path, stage: Stage, format: ErrorFormat) -> Result<String, String> {
    let source = krarup::read_source(path).map_err(|f| f.message)?;
    let name = path.display().to_string();
    let stage = match stage {
        Stage::Ast => krarup_compiler::Stage::Ast,
        Stage::Core => krarup_compiler::Stage::Core,
        Stage::Decision => krarup_compiler::Stage::Decision,
        Stage::Bytecode => krarup_compiler::Stage::Bytecode,
    };
    // The compiler recurses over the syntax tree: give it the large stack `krarup run` uses.
    krarup::on_big_stack(|| krarup_compiler::dump(&source, &name, stage))
        .map_err(|e| format!("krarup: cannot start the compiler thread: {e}\n"))?
        .map_err(|diags| match format {
            ErrorFormat::Short => {
                krarup_compiler::diagnostics::render_short(&diags, &source, &name)
            }
            ErrorFormat::Excerpt => {
                krarup_compiler::diagnostics::render(&diags, &source, &name, krarup::stderr_color())
            }
        })
}
