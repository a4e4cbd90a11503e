//! Conformance test programs live under `lang-tests/`; the runner is `tests/conformance.rs`.
