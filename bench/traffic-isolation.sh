#!/usr/bin/env bash
# Storage isolation analysis of a 1,000,000-packet capture, whole process,
# against `tcpdump -r FILE -w /dev/null` with the same filter, side by side
# with hyperfine. Target: traffic-probe within 1.5x of tcpdump.
#
#   bench/traffic-isolation.sh [PACKETS]     default 1000000
#   BENCH_VLAN=200 bench/traffic-isolation.sh   storage frames tagged with VLAN 200
#   BENCH_RUNS=N                                hyperfine runs (default 10)
#
# Writes the capture with traffic-probe's own PcapWriter (6 in 10 packets are
# NFS/rpcbind traffic with 172.16.0.34, 4 are not; snap length 256 as a
# headers-only audit capture would use), builds release, and prints the
# hyperfine table plus the ratio. Data goes to .build-bench/ (git-ignored).
set -euo pipefail

PACKETS=${1:-1000000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=$ROOT/.build-bench
SERVER=172.16.0.34
MOUNTD_PORT=20048
mkdir -p "$DATA"
command -v hyperfine >/dev/null || { echo "bench: hyperfine not installed" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "bench: tcpdump not installed" >&2; exit 1; }

(cd "$ROOT" && swift build -c release --product traffic-probe >/dev/null && scripts/build.sh >/dev/null)
PROBE=$(cd "$ROOT" && swift build -c release --show-bin-path)/traffic-probe

VLAN=${BENCH_VLAN:-}
CAPTURE=$DATA/storage-$PACKETS${VLAN:+-vlan$VLAN}.pcap
if [[ ! -s $CAPTURE ]]; then
    "$PROBE" synth --packets "$PACKETS" --server "$SERVER" ${VLAN:+--vlan "$VLAN"} "$CAPTURE"
fi
# Exactly the prefilter the analysis installs, handed to tcpdump as well.
FILTER=$("$PROBE" filter --server "$SERVER" --mountd-port "$MOUNTD_PORT")
echo "capture: $CAPTURE ($(du -h "$CAPTURE" | cut -f1), $PACKETS packets)"
echo "filter:  $FILTER"
"$PROBE" analyze --server "$SERVER" --mountd-port "$MOUNTD_PORT" "xs-1:xenbr2=$CAPTURE" \
    | python3 -c 'import json,sys; o=json.load(sys.stdin)[0]; print("analysis: %d packets passed the filter, %d storage packets" % (o["packets"], o["isolation"]["packets"]))'
echo "tcpdump: $(tcpdump -r "$CAPTURE" -w /dev/null "$FILTER" 2>&1 | head -1)"

hyperfine --warmup 2 --runs "${BENCH_RUNS:-10}" --export-json "$DATA/result.json" \
    --command-name "tcpdump -r FILE -w /dev/null FILTER" \
    "tcpdump -r '$CAPTURE' -w /dev/null '$FILTER'" \
    --command-name "tcpdump -r FILE -w /dev/null host $SERVER" \
    "tcpdump -r '$CAPTURE' -w /dev/null 'host $SERVER'" \
    --command-name "traffic-probe analyze (isolation, VLAN, MTU, LACP)" \
    "'$PROBE' analyze --server $SERVER --mountd-port $MOUNTD_PORT 'xs-1:xenbr2=$CAPTURE' >/dev/null" \
    --command-name "poolcheck audit --pcap (the example pool, every rule)" -i \
    "'$(dirname "$PROBE")/poolcheck' audit --plan '$ROOT/examples/pdx0/plan.yaml' --snapshot '$ROOT/examples/pdx0/after' --offline --pcap 'xs-1:storage=$CAPTURE' --report json:/dev/null"

python3 - "$DATA/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
same_filter, host_only, probe, audit = (r["mean"] for r in results)
ratio = probe / same_filter
print(f"traffic-probe / tcpdump (same filter): {ratio:.2f}x "
      f"({probe * 1000:.0f} ms vs {same_filter * 1000:.0f} ms); "
      f"vs tcpdump 'host' only: {probe / host_only:.2f}x")
print(f"poolcheck audit --pcap / tcpdump (same filter): {audit / same_filter:.2f}x ({audit * 1000:.0f} ms)")
ratio = max(ratio, audit / same_filter)
print("PASS: within 1.5x" if ratio <= 1.5 else "FAIL: slower than 1.5x tcpdump")
sys.exit(0 if ratio <= 1.5 else 1)
PY
