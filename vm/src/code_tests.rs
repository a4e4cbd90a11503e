//! Tests of loading: atoms, literals, imports.
