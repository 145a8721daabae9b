#!/usr/bin/env bash
# Fuzzes the snapshot (transcript) parser with libFuzzer + AddressSanitizer.
#
#   fuzz/run-snapshot.sh [SECONDS]     default 300
#
# Builds the parser and fact sources (plus the Addressing module) with the harness
# outside SwiftPM, seeds a corpus with the example and seed transcripts and a synthetic
# pool, runs for SECONDS on one core and prints libFuzzer's final statistics. Crashing
# inputs are kept in fuzz-out/snapshot/crashes/ (git-ignored): add each as a test.
set -euo pipefail

SECONDS_TO_RUN=${1:-300}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/.build-fuzz/snapshot
OUT=$ROOT/fuzz-out/snapshot
mkdir -p "$BUILD" "$OUT/corpus" "$OUT/crashes"

FACTS=("$ROOT"/Sources/PoolCheck/Facts/*.swift)
PARSER=("$ROOT"/Sources/PoolCheck/Gatherers/Snapshot/*.swift)
FLAGS=(-O -g -parse-as-library -sanitize=fuzzer,address)

# Addressing is its own module in the package: build it as one here too.
swiftc "${FLAGS[@]}" -module-name Addressing -emit-module -emit-module-path "$BUILD/Addressing.swiftmodule" \
    -emit-library -static -o "$BUILD/libAddressing.a" "$ROOT"/Sources/Addressing/*.swift
# ld.gold chatters about ASan's local symbols; keep real diagnostics only.
swiftc "${FLAGS[@]}" -module-name PoolCheck -I "$BUILD" -L "$BUILD" -lAddressing \
    "${FACTS[@]}" "${PARSER[@]}" "$ROOT/fuzz/SnapshotFuzzer.swift" -o "$BUILD/snapshot-fuzzer" \
    2> >(grep -v "Cannot export local symbol" >&2)

# Seeds: every example transcript, the tutorial itself when present, a small synthetic pool.
cp "$ROOT"/examples/pdx0/*/*.txt "$OUT/corpus/" 2>/dev/null || true
seed="$ROOT/../shared/seed/xenserver-6.5-pool-tutorial.txt"
[ -f "$seed" ] && cp "$seed" "$OUT/corpus/seed-tutorial.txt"
if swift build --product snapshot-tool >/dev/null 2>&1; then
    "$(swift build --show-bin-path)/snapshot-tool" generate --hosts 3 --vms 20 "$BUILD/synthetic"
    cp "$BUILD"/synthetic/*.txt "$OUT/corpus/"
fi

echo "fuzzing for $SECONDS_TO_RUN s..."
"$BUILD/snapshot-fuzzer" -max_total_time="$SECONDS_TO_RUN" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -dict="$ROOT/fuzz/snapshot.dict" -print_final_stats=1 -artifact_prefix="$OUT/crashes/" "$OUT/corpus" \
    2>&1 | tee "$OUT/last-run.log" \
    | grep -E "^(#[0-9]+ +(DONE|INITED)|Done [0-9]+ runs|stat::|==[0-9]+==ERROR|SUMMARY|.*(deadly signal|Fatal error|Precondition failed))" || true
# libFuzzer's exit status is lost in the pipe; a crash or timeout leaves an artifact.
if compgen -G "$OUT/crashes/*" >/dev/null; then
    echo "crashing inputs in $OUT/crashes/" >&2
    exit 1
fi
