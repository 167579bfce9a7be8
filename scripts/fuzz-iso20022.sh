#!/usr/bin/env bash
# Runs every cargo-fuzz target of crates/iso20022 for SECONDS (default 30) each, seeded with the
# real samples. Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Usage: scripts/fuzz-iso20022.sh [SECONDS] [TARGET...]
# .ci/run runs it for 10 s per target after the tests (about 2 minutes on 2 cores, building the
# instrumented targets included; it installs cargo-fuzz first when missing). The test suite
# also has a stable-Rust short run (`cargo test -p iso20022 robustness`, more cases with CI=true).
set -euo pipefail
cd "$(dirname "$0")/../crates/iso20022"
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(message pacs008 pacs009 pacs002 camt053 head json)
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz on nightly is needed: rustup toolchain install nightly && cargo install cargo-fuzz" >&2
  exit 2
fi
target_dir="${CARGO_TARGET_DIR:-../../target}/fuzz"
samples=(../../../shared/fixtures/iso20022/samples ../../../shared/fixtures/iso20022/samples-amber)
cargo +nightly fuzz build --target-dir "$target_dir"
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  for dir in "${samples[@]}"; do
    [ -d "$dir" ] && cp -n "$dir"/*.xml "$corpus"/ 2>/dev/null || true
  done
  echo "=== $target: ${seconds}s"
  cargo +nightly fuzz run --target-dir "$target_dir" "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+== ERROR|SUMMARY)|panicked" || true
  if [ -d "fuzz/artifacts/$target" ] && [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ]; then
    echo "FAIL: $target found crashes in crates/iso20022/fuzz/artifacts/$target" >&2
    exit 1
  fi
done
echo "fuzzing done: no crashes"
