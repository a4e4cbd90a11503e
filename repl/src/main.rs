//! The `krarup` binary: command-line interface over the compiler and the VM.

use clap::{Parser, Subcommand, ValueEnum};
use krarup::{compile_file_as, ErrorFormat, EXIT_FAILURE};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// krarup: a bytecode VM for Erlang.
#[derive(Parser)]
#[command(name = "krarup", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run Erlang modules (.erl) or bytecode files (.kbc); runs main/0 of the first.
    Run {
        /// Source or bytecode files; the first one's module provides main/0.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Number of scheduler threads, 1 to 1024 (as `erl +S N`); default: one per core.
        #[arg(short = 'S', long = "schedulers", value_parser = clap::value_parser!(u16).range(1..=1024))]
        schedulers: Option<u16>,
        #[command(flatten)]
        diagnostics: DiagnosticsArgs,
    },
    /// Compile Erlang modules to bytecode files, or print a compiler pass's output.
    Compile {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Directory for the .kbc files.
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
    Ast,
    Core,
    Decision,
    Bytecode,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Run {
            files,
            schedulers,
            diagnostics,
        } => {
            let (checked, output_errors) = krarup::CheckedWriter::new(std::io::stdout());
            let stdout = Box::new(std::io::BufWriter::new(checked));
            let schedulers = schedulers.map(usize::from);
            let format = diagnostics.error_format.into();
            let status =
                krarup::run_files_as(&files, stdout, &mut std::io::stderr(), schedulers, format);
            match output_errors.take() {
                Some(e) => {
                    eprintln!("krarup: error writing to standard output: {e}");
                    status.max(EXIT_FAILURE)
                }
                None => status,
            }
        }
        Command::Compile {
            files,
            out,
            dump,
            diagnostics,
        } => compile(&files, &out, dump, diagnostics.error_format.into()),
    };
    ExitCode::from(code as u8)
}

fn compile(
    files: &[PathBuf],
    out: &std::path::Path,
    dump: Option<Stage>,
    format: ErrorFormat,
) -> i32 {
    let mut status = 0;
    let mut stderr = std::io::stderr();
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
                let bytes = krarup_vm::bytecode::format::encode(&module);
                if let Err(e) = std::fs::create_dir_all(out) {
                    let _ = writeln!(
                        stderr,
                        "krarup: cannot create the output directory {}: {e}",
                        out.display()
                    );
                    status = EXIT_FAILURE;
                } else if let Err(e) = std::fs::write(&target, bytes) {
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
    let source = std::fs::read_to_string(path).map_err(|e| krarup::cannot_read(path, &e))?;
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
