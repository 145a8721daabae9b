#!/usr/bin/env bash
# Times parsing the transcripts of a 64-host pool (4 PIFs and 2 PBDs per host, 2,000 VMs),
# alone and with every rule evaluated, against a process-start baseline and a peer tool
# (grep reading the same files). Fails if parsing + rules take 100 ms or more of CPU time.
#
#   bench/parse-64-hosts.sh [HOSTS] [VMS]
set -euo pipefail

hosts="${1:-64}"
vms="${2:-2000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 2; }

scripts/build.sh >/dev/null
swift build -c release --product snapshot-tool >/dev/null
bin="$(swift build -c release --show-bin-path)"

work="$(mktemp -d "${TMPDIR:-/tmp}/poolcheck-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
snapshot="$work/snapshot"
"$bin/snapshot-tool" generate --hosts "$hosts" --vms "$vms" "$snapshot"
echo "bench: $hosts hosts, $vms VMs: $(ls "$snapshot" | wc -l) transcript files, $(cat "$snapshot"/* | wc -l) lines, $(du -sh "$snapshot" | cut -f1)"
"$bin/snapshot-tool" parse "$snapshot"

# `audit` exits 1 when a rule fails; the synthetic pool fails storage-redundancy by design.
hyperfine --shell=none --warmup 3 --min-runs 20 -i \
  --export-json "$work/times.json" \
  -n "process start (poolcheck --version)" "$bin/poolcheck --version" \
  -n "peer: grep -c over the same files" "grep -c uuid -r $snapshot" \
  -n "parse (snapshot-tool parse)" "$bin/snapshot-tool parse $snapshot" \
  -n "parse to facts JSON (poolcheck facts)" "$bin/poolcheck facts --snapshot $snapshot" \
  -n "parse + every rule (poolcheck audit)" "$bin/poolcheck audit --snapshot $snapshot --report json:$work/report.json"

python3 - "$work/times.json" <<'PY'
import json, sys
# Wall time is printed, but judged is CPU time (user + system): on a shared, loaded machine
# the wall clock measures the other tenants; on a quiet one the two agree.
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
cpu = {name: r["user"] + r["system"] for name, r in results.items()}
grep = cpu["peer: grep -c over the same files"]
start = cpu["process start (poolcheck --version)"]
for name, r in results.items():
    print(f"bench: {name:40s} cpu {cpu[name]*1000:6.1f} ms (x{cpu[name]/grep:5.1f} grep, "
          f"{1000*(cpu[name]-start):5.1f} ms over process start)  wall mean {r['mean']*1000:6.1f} ms, min {r['min']*1000:6.1f} ms")
audit = cpu["parse + every rule (poolcheck audit)"]
if audit >= 0.100:
    print(f"bench: FAIL: parse + every rule took {audit*1000:.1f} ms of CPU, the budget is 100 ms")
    sys.exit(1)
print(f"bench: OK: parse + every rule {audit*1000:.1f} ms of CPU < 100 ms")
PY
