//! Benchmark programs live under `benches/erl/`; criterion drivers under `benches/benches/`.
