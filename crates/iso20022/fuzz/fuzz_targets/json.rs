#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| iso20022_fuzz::json(data));
