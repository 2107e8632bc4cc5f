//! Raw bytes as a spec file: YAML, or JSON when it starts with `{` (as `load` decides).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| opengen_fuzz::check("fuzz.yaml", data));
