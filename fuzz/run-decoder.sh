#!/usr/bin/env bash
# Fuzzes TrafficProbe's frame decoder (and the analyses it feeds) with
# libFuzzer + AddressSanitizer.
#
#   fuzz/run-decoder.sh [SECONDS]     default 300
#
# Builds the pure-Swift decoder sources with the harness (no libpcap needed),
# seeds a corpus with FrameBuilder frames, runs for SECONDS on one core and
# prints libFuzzer's final statistics (runs, seconds, coverage). Crashing
# inputs are kept in fuzz-out/ (git-ignored).
set -euo pipefail

SECONDS_TO_RUN=${1:-300}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/.build-fuzz
OUT=$ROOT/fuzz-out
SOURCES=$ROOT/Sources/TrafficProbe
DECODER=("$SOURCES"/Decoding/*.swift)
ANALYSES=("$SOURCES/Analysis/TrafficAnalyzer.swift" "$SOURCES/Analysis/Observations.swift"
          "$SOURCES/Analysis/TrafficAnalysisOptions.swift" "$SOURCES/Capture/PacketInfo.swift")
mkdir -p "$BUILD" "$OUT/corpus" "$OUT/crashes"

# The decoder's addresses are Addressing's IPAddress: that module is built first, once
# plain (for the seed writer) and once instrumented like the harness.
build_addressing() {  # build_addressing DIR [swiftc flags...]
    local dir=$1; shift
    mkdir -p "$dir"
    swiftc -O -parse-as-library -module-name Addressing "$@" -emit-module \
        -emit-module-path "$dir/Addressing.swiftmodule" -emit-library -static \
        -o "$dir/libAddressing.a" "$ROOT"/Sources/Addressing/*.swift
}
build_addressing "$BUILD/addressing-plain"
build_addressing "$BUILD/addressing-fuzz" -g -sanitize=fuzzer,address \
    2> >(grep -v "Cannot export local symbol" >&2)

swiftc -O -module-name TrafficProbe "${DECODER[@]}" "$SOURCES/Writing/FrameBuilder.swift" \
    "$ROOT/fuzz/make-seeds.swift" -parse-as-library -I "$BUILD/addressing-plain" \
    -L "$BUILD/addressing-plain" -lAddressing -o "$BUILD/make-seeds"
"$BUILD/make-seeds" "$OUT/corpus"

# ld.gold chatters about ASan's local symbols; keep real diagnostics only.
swiftc -O -g -parse-as-library -sanitize=fuzzer,address -module-name TrafficProbe \
    "${DECODER[@]}" "${ANALYSES[@]}" "$ROOT/fuzz/DecoderFuzzer.swift" -I "$BUILD/addressing-fuzz" \
    -L "$BUILD/addressing-fuzz" -lAddressing -o "$BUILD/decoder-fuzzer" \
    2> >(grep -v "Cannot export local symbol" >&2)

echo "fuzzing for $SECONDS_TO_RUN s..."
"$BUILD/decoder-fuzzer" -max_total_time="$SECONDS_TO_RUN" -max_len=2048 -print_final_stats=1 \
    -artifact_prefix="$OUT/crashes/" "$OUT/corpus" 2>&1 | tee "$OUT/last-run.log" \
    | grep -E "^(#[0-9]+ +(DONE|INITED)|Done [0-9]+ runs|stat::|==[0-9]+==ERROR|SUMMARY)" || true
# libFuzzer's exit status is lost in the pipe; a crash leaves an artifact.
if compgen -G "$OUT/crashes/*" >/dev/null; then
    echo "crashing inputs in $OUT/crashes/" >&2
    exit 1
fi
