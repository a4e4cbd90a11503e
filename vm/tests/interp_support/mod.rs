//! A tiny assembler for hand-written test modules: functions are appended in order, labels are
//! absolute instruction indices (`Asm::here`, or the entry returned by `Asm::begin`).
#![allow(dead_code)]

use krarup_bytecode::module::{Export, FunctionInfo, Import, Lambda, Literal, Module};
use krarup_bytecode::opcode::{
    AtomIdx, Dst, ImportIdx, Instruction, Label, LambdaIdx, LitIdx, Src, XReg, YReg,
};
use krarup_vm::runtime::{Runtime, Uncaught};
use std::io::Write;
use std::sync::{Arc, Mutex};

pub struct Asm {
    pub m: Module,
    open: Option<(u32, u32, u8)>,
}

pub fn x(i: u16) -> Src {
    Src::X(XReg(i))
}
pub fn y(i: u16) -> Src {
    Src::Y(YReg(i))
}
pub fn dx(i: u16) -> Dst {
    Dst::X(XReg(i))
}
pub fn dy(i: u16) -> Dst {
    Dst::Y(YReg(i))
}
pub fn int(n: i64) -> Src {
    Src::Int(n)
}

impl Asm {
    pub fn new(name: &str) -> Asm {
        Asm {
            m: Module {
                name: name.into(),
                file: format!("{name}.erl"),
                atoms: vec![name.into()],
                ..Module::default()
            },
            open: None,
        }
    }

    pub fn atom(&mut self, s: &str) -> AtomIdx {
        if let Some(i) = self.m.atoms.iter().position(|a| a == s) {
            return AtomIdx(i as u32);
        }
        self.m.atoms.push(s.into());
        AtomIdx(self.m.atoms.len() as u32 - 1)
    }

    pub fn a(&mut self, s: &str) -> Src {
        Src::Atom(self.atom(s))
    }

    pub fn import(&mut self, m: &str, f: &str, arity: u8) -> ImportIdx {
        let imp = Import {
            module: self.atom(m),
            function: self.atom(f),
            arity,
        };
        if let Some(i) = self.m.imports.iter().position(|i| *i == imp) {
            return ImportIdx(i as u32);
        }
        self.m.imports.push(imp);
        ImportIdx(self.m.imports.len() as u32 - 1)
    }

    pub fn lit(&mut self, l: Literal) -> Src {
        self.m.literals.push(l);
        Src::Lit(LitIdx(self.m.literals.len() as u32 - 1))
    }

    /// Index of the next instruction.
    pub fn here(&self) -> Label {
        Label(self.m.code.len() as u32)
    }

    /// Starts a function; returns its entry label.
    pub fn begin(&mut self, name: &str, arity: u8, export: bool) -> Label {
        self.end();
        let f = self.atom(name);
        let start = self.m.code.len() as u32;
        self.m.code.push(Instruction::FuncInfo {
            module: AtomIdx(0),
            function: f,
            arity,
        });
        let entry = Label(start + 1);
        if export {
            self.m.exports.push(Export {
                function: f,
                arity,
                entry,
            });
        }
        self.open = Some((start, f.0, arity));
        entry
    }

    /// Declares a lambda whose code is the function started next (call before `begin`).
    pub fn lambda(&mut self, name: &str, arity: u8, num_free: u8, entry: Label) -> LambdaIdx {
        let function = self.atom(name);
        self.m.lambdas.push(Lambda {
            function,
            arity,
            num_free,
            entry,
        });
        LambdaIdx(self.m.lambdas.len() as u32 - 1)
    }

    pub fn line(&mut self, n: u32) {
        self.m.lines.push((self.m.code.len() as u32, n));
    }

    pub fn emit(&mut self, i: Instruction) -> Label {
        self.m.code.push(i);
        Label(self.m.code.len() as u32 - 1)
    }

    fn end(&mut self) {
        if let Some((start, f, arity)) = self.open.take() {
            self.m.functions.push(FunctionInfo {
                function: AtomIdx(f),
                arity,
                start,
                end: self.m.code.len() as u32,
            });
        }
    }

    pub fn finish(mut self) -> Module {
        self.end();
        self.m
    }
}

/// A stdout sink the test can read back.
#[derive(Clone, Default)]
pub struct Sink(pub Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Loads `modules` into a fresh runtime and runs `main_module:main()`, rendering its value.
pub fn run(modules: Vec<Module>, main_module: &str) -> Result<Option<String>, Uncaught> {
    let mut rt = Runtime::new(Box::new(Sink::default()));
    for m in modules {
        rt.load(m).unwrap_or_else(|e| panic!("load failed: {e}"));
    }
    rt.call_and_render(main_module, "main")
}

/// `run` for one module, expecting a value.
pub fn value(m: Module) -> String {
    let name = m.name.clone();
    match run(vec![m], &name) {
        Ok(Some(v)) => v,
        Ok(None) => panic!("halted"),
        Err(u) => panic!("uncaught: {}", u.report),
    }
}

/// `run` for one module, expecting an uncaught exception; returns the report.
pub fn uncaught(m: Module) -> String {
    let name = m.name.clone();
    match run(vec![m], &name) {
        Ok(v) => panic!("expected an exception, got {v:?}"),
        Err(u) => u.report,
    }
}
