#!/usr/bin/env bash
# Fuzzes one of poolcheck's input readers with libFuzzer (swiftc -sanitize=fuzzer).
#   fuzz/run.sh plan|rule|snapshot|facts [SECONDS]
# Seeds come from the repo (plans, rules, transcripts); crashes land in fuzz-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?plan, rule, snapshot or facts}
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
  snapshot) seeds=(examples/pdx0/*/*.txt Tests/Corpus/*.txt); dict=(-dict=fuzz/snapshot.dict) ;;
  facts)
    # Facts written from the example's transcripts, before and after it was pooled.
    swift build --product poolcheck-engine >/dev/null
    engine="$(swift build --show-bin-path)/poolcheck-engine"
    mkdir -p fuzz-out/seeds
    for phase in before after; do
      "$engine" facts --snapshot "examples/pdx0/$phase" -o "fuzz-out/seeds/facts-$phase.json"
    done
    seeds=(fuzz-out/seeds/facts-*.json); dict=(-dict=fuzz/facts.dict) ;;
esac
for seed in "${seeds[@]}"; do cp "$seed" "$corpus/$(echo "$seed" | tr / _)"; done
# The Swift runtime's backtracer would catch a trap before libFuzzer could save the input.
SWIFT_BACKTRACE=enable=no POOLCHECK_FUZZ_TARGET=$target .build-fuzz/release/poolcheck-fuzz "$corpus" "${dict[@]}" \
  -max_total_time="$seconds" -timeout=5 -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix=fuzz-out/crashes/ -print_final_stats=1 2>&1 | tail -20
