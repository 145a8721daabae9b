#!/usr/bin/env bash
# Fuzzes one of poolcheck's input readers with libFuzzer (swiftc -sanitize=fuzzer).
#   fuzz/run.sh plan|rule|snapshot [SECONDS]
# Seeds come from the repo (plans, rules, transcripts); crashes land in fuzz-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?plan, rule or snapshot}
seconds=${2:-60}
swift build -c release --scratch-path .build-fuzz --product poolcheck-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -parse-as-library >/dev/null
corpus=fuzz-out/corpus-$target
mkdir -p "$corpus" fuzz-out/crashes
seeds=()
dict=()
case $target in
  plan) seeds=(examples/pdx0/plan.yaml) ;;
  rule) seeds=(rules/*.yaml) ;;
  snapshot) seeds=(examples/pdx0/*/*.txt); dict=(-dict=fuzz/snapshot.dict) ;;
esac
for seed in "${seeds[@]}"; do cp "$seed" "$corpus/$(echo "$seed" | tr / _)"; done
POOLCHECK_FUZZ_TARGET=$target .build-fuzz/release/poolcheck-fuzz "$corpus" "${dict[@]}" \
  -max_total_time="$seconds" -timeout=5 -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix=fuzz-out/crashes/ -print_final_stats=1 2>&1 | tail -20
