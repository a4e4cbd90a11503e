//! Builtins called outside any process, for fuzzing and tools: a heap, a dictionary and the
//! shared state a builtin needs, without a scheduler. A builtin that needs the process system
//! (`spawn`, `send`) is not a native and cannot be called here.

use crate::heap::Heap;
use crate::native::{Exception, NativeCtx, NativeRegistry, Shared};
use crate::term::Term;

/// One heap and every registered native, with program output discarded.
pub struct NativeEnv {
    /// Where arguments are built and results land.
    pub heap: Heap,
    /// The process dictionary the builtins see.
    pub dict: Vec<(Term, Term)>,
    /// The atom table and the (discarded) standard output.
    pub shared: Shared,
    registry: NativeRegistry,
}

impl Default for NativeEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl NativeEnv {
    /// A fresh environment: an empty heap and the natives of `bif::register_all`.
    pub fn new() -> NativeEnv {
        NativeEnv::with_output(Box::new(std::io::sink()))
    }

    /// As `new`, with standard output (what `io` natives print) going to `stdout`.
    pub fn with_output(stdout: Box<dyn std::io::Write + Send>) -> NativeEnv {
        let shared = Shared::new(stdout);
        let mut registry = NativeRegistry::default();
        crate::bif::register_all(&mut registry, &shared.atoms);
        NativeEnv {
            heap: Heap::new(),
            dict: Vec::new(),
            shared,
            registry,
        }
    }

    /// The atom `name` as a term.
    pub fn atom(&self, name: &str) -> Term {
        Term::atom(self.shared.atoms.intern(name))
    }

    /// Calls native `m:f(args)` to its end (through any traps): `None` if there is no such
    /// native, else what it returned or raised.
    pub fn call(&mut self, m: &str, f: &str, args: &[Term]) -> Option<Result<Term, Exception>> {
        let (ma, fa) = (self.shared.atoms.intern(m), self.shared.atoms.intern(f));
        let native = self.registry.get(ma, fa, u8::try_from(args.len()).ok()?)?;
        let mut ctx = NativeCtx::new(&mut self.heap, &mut self.dict, &self.shared, Term::pid(0));
        Some(ctx.call_to_end(native, args))
    }

    /// Verifies and prepares `module` as `Runtime::load` does, without installing it.
    pub fn load(
        &self,
        module: krarup_bytecode::module::Module,
    ) -> Result<crate::code::LoadedModule, crate::code::LoadError> {
        crate::code::load(&self.shared, &self.registry, module, 1)
    }

    /// `~w` text of `t`.
    pub fn show(&self, t: Term) -> String {
        let mut s = String::new();
        crate::display::write_term(&mut s, t, &self.shared.atoms);
        s
    }
}
