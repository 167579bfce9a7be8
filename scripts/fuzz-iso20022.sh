#!/usr/bin/env bash
# Runs every cargo-fuzz target of crates/iso20022 for SECONDS (default 30) each, seeded with the
# real samples. Needs the nightly toolchain and cargo-fuzz (`rustup toolchain install nightly`,
# `cargo install cargo-fuzz --locked`).
# Usage: scripts/fuzz-iso20022.sh [SECONDS] [TARGET...]
#
# Dependencies are pinned: crates/iso20022/fuzz/Cargo.lock is committed and checked with
# `cargo fetch --locked` before building (cargo-fuzz has no --locked of its own), so a stale lock
# fails here instead of being rewritten. Exit codes: 0 no crash, 1 a target crashed or spent
# more than FUZZ_TIMEOUT seconds (default 10) on one input (the input is kept under
# target/fuzz/artifacts/TARGET/), 2 the tools are missing, 3 the lock is stale. Inputs are at
# most FUZZ_MAX_LEN bytes (default 262144).
#
# .ci/run runs it for 10 s per target after the tests: about 80 s of fuzzing after a build of
# the instrumented targets (2.5 to 4 minutes on 2 cores). The test suite also has a stable-Rust
# short run with XSD checks (`cargo test -p iso20022 robustness`, more cases with CI=true).
set -euo pipefail
cd "$(dirname "$0")/../crates/iso20022"
seconds="${1:-30}"
shift || true
# An input slower than this is a failure, as a crash is: the parsers are linear, and a 256 KiB
# input takes milliseconds (a quadratic pass took 20 s on one of this size).
timeout="${FUZZ_TIMEOUT:-10}"
# Inputs up to this size: large enough for a long list of siblings (the shape that found the
# quadratic pass), small enough to keep executions fast.
max_len="${FUZZ_MAX_LEN:-262144}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(message pacs008 pacs009 pacs002 camt053 head json)
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz-iso20022: cargo-fuzz on nightly is needed: rustup toolchain install nightly && cargo install cargo-fuzz --locked" >&2
  exit 2
fi
if ! cargo +nightly fetch --locked --manifest-path fuzz/Cargo.toml --quiet; then
  echo "fuzz-iso20022: crates/iso20022/fuzz/Cargo.lock does not match fuzz/Cargo.toml; update it (cargo +nightly metadata --manifest-path crates/iso20022/fuzz/Cargo.toml) and commit it" >&2
  exit 3
fi
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  target_dir="$CARGO_TARGET_DIR/fuzz"
else
  target_dir="$(cd ../.. && pwd)/target/fuzz"
fi
samples=(../../../shared/fixtures/iso20022/samples ../../../shared/fixtures/iso20022/samples-amber)
build_start=$(date +%s)
cargo +nightly fuzz build --target-dir "$target_dir"
echo "=== built the fuzz targets in $(( $(date +%s) - build_start ))s"
run_start=$(date +%s)
for target in "${targets[@]}"; do
  corpus="$target_dir/corpus/$target"
  artifacts="$target_dir/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  for dir in "${samples[@]}"; do
    if [ -d "$dir" ]; then
      cp -n "$dir"/*.xml "$corpus"/ 2>/dev/null || true
    fi
  done
  log="$target_dir/$target.log"
  echo "=== $target: ${seconds}s"
  status=0
  cargo +nightly fuzz run --target-dir "$target_dir" "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" -print_final_stats=1 \
    -artifact_prefix="$artifacts" >"$log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done)" "$log" || true
  if [ "$status" -ne 0 ]; then
    echo "FAIL: fuzz target $target crashed or took more than ${timeout}s on one input (exit $status); input in $artifacts, log in $log:" >&2
    grep -E "panicked|ERROR|ALARM|SUMMARY|Test unit written" "$log" >&2 || tail -20 "$log" >&2
    exit 1
  fi
done
echo "fuzzing done: no crashes (${#targets[@]} targets, ${seconds}s each, $(( $(date +%s) - run_start ))s of fuzzing)"
