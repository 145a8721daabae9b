#!/usr/bin/env bash
# The pool model at scale (issue 9's figures), on loopback only:
#  1. 64 hosts whose transcripts each repeat the whole pool's xe listings (as admins do who
#     run one script everywhere): facts JSON size against one host's transcript (target
#     <= 3x) and `poolcheck facts` time (target well under 1.5 s);
#  2. a 64-host pool on xapi-sim: facts JSON size (target < 2 MB);
#  3. parse + every rule, in process (snapshot-tool judge, CPU ms, median of runs), for
#     16..1024 hosts (31 VMs per host): 64 hosts < 30 ms, cost per host flat (linear).
# Needs: openssl, hyperfine, python3. Every process started here is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 2; }
source bench/lib.sh

scripts/build.sh >/dev/null
swift build -c release --product snapshot-tool >/dev/null
swift build -c release --product xapi-sim >/dev/null
BIN=$(swift build -c release --show-bin-path)
failed=0

echo "== 1. 64 hosts, each transcript repeating the pool's listings (2,000 VMs)"
"$BIN/snapshot-tool" generate --hosts 64 --vms 2000 --repeat-listings "$WORK/repeated"
one=$(stat -c %s "$WORK/repeated/xs-1.txt")
all=$(cat "$WORK/repeated"/*.txt | wc -c)
"$BIN/poolcheck" facts --snapshot "$WORK/repeated" -o "$WORK/repeated.json"
facts=$(stat -c %s "$WORK/repeated.json")
hyperfine --shell=none --warmup 1 --runs 5 --export-json "$WORK/repeated-time.json" \
    "$BIN/poolcheck facts --snapshot $WORK/repeated -o $WORK/repeated-again.json" >/dev/null
seconds=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$WORK/repeated-time.json")
python3 - "$one" "$all" "$facts" "$seconds" <<'PY' || failed=1
import sys
one, all_, facts, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
ratio = facts / one
print(f"RESULT repeated listings: transcripts {all_/1e6:.1f} MB ({one/1e3:.0f} kB each), facts {facts/1e6:.2f} MB = {ratio:.2f}x one host's transcript (target <= 3x), built in {seconds:.2f} s (target < 1.5 s)")
sys.exit(0 if ratio <= 3 and seconds < 1.5 else 1)
PY

echo "== 2. a 64-host pool over XAPI (xapi-sim, HTTPS, pinned)"
export POOLCHECK_PASSWORD="bench-$RANDOM-$RANDOM"
export XAPI_SIM_PASSWORD="$POOLCHECK_PASSWORD"
start_sim pool 64 2000
url=$(master_of pool)
pin=$(pin_of pool)
"$BIN/poolcheck" facts --xapi "$url" --pin-sha256 "$pin" -o "$WORK/xapi.json"
xapi=$(stat -c %s "$WORK/xapi.json")
python3 - "$xapi" <<'PY' || failed=1
import sys
size = int(sys.argv[1])
print(f"RESULT XAPI 64 hosts, 2,000 VMs: facts {size/1e6:.2f} MB (target < 2 MB)")
sys.exit(0 if size < 2_000_000 else 1)
PY

echo "== 3. parse + every rule in process, CPU ms (median), 31 VMs per host"
rows=()
for hosts in 16 64 256 1024; do
    "$BIN/snapshot-tool" generate --hosts "$hosts" --vms $((hosts * 31)) "$WORK/pool-$hosts"
    runs=$(( hosts >= 1024 ? 3 : 15 ))
    rows+=("$hosts $("$BIN/snapshot-tool" judge "$WORK/pool-$hosts" --runs "$runs")")
    rm -rf "$WORK/pool-$hosts"
done
printf '%s\n' "${rows[@]}" | python3 -c '
import sys
rows = []
for line in sys.stdin:
    hosts, *pairs = line.split()
    values = dict(pair.split("=") for pair in pairs)
    rows.append((int(hosts), float(values["parse_ms"]), float(values["judge_ms"]), float(values["total_ms"])))
print("%6s %9s %9s %9s %8s" % ("hosts", "parse ms", "judge ms", "total ms", "ms/host"))
for hosts, parse, judge, total in rows:
    print(f"{hosts:>6} {parse:>9.1f} {judge:>9.1f} {total:>9.1f} {total/hosts:>8.3f}")
at64 = next(r for r in rows if r[0] == 64)
per = [r[3] / r[0] for r in rows if r[0] >= 64]
growth = max(per) / min(per)
print(f"RESULT 64 hosts parsed and judged in {at64[3]:.1f} ms CPU (target < 30 ms); cost per host from 64 to 1024 hosts varies {growth:.2f}x (linear: < 1.5x)")
sys.exit(0 if at64[3] < 30 and growth < 1.5 else 1)
' || failed=1

[ "$failed" = 0 ] || { echo "FAIL: a figure is over its target" >&2; exit 1; }
echo "bench: OK"
