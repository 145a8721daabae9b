#!/usr/bin/env bash
# Benchmarks `poolcheck exports` against showmount on the same lab server, same run,
# whole process (hyperfine, inside a lab client namespace), and 200 clients'
# verdicts against one server in one run. Needs root (network namespaces).
#
#   bench/exports-vs-showmount.sh [RUNS]      (default 200 runs each)
#
# PROBE overrides the binary (default: poolcheck from scripts/build.sh release).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-200}
[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 2; }

# The release build users install (scripts/build.sh): the launcher answers `exports`.
PROBE=${PROBE:-$(scripts/build.sh release)/poolcheck}
OUT=${BENCH_OUT:-$(mktemp -d /tmp/pc-bench-XXXXXX)}

# The lab lives as long as this script: `hold` takes it down when our pipe
# closes, whatever way we exit.
ID="b$$"
exec {HOLD}> >(lab/nfs-lab.sh hold --id "$ID" >"$OUT/lab.log" 2>&1)
for _ in $(seq 300); do grep -q "PC_LAB_ID=$ID" "$OUT/lab.log" 2>/dev/null && break; sleep 0.1; done
grep -q "PC_LAB_ID=$ID" "$OUT/lab.log" || { cat "$OUT/lab.log" >&2; exit 1; }
cleanup() { exec {HOLD}>&-; for _ in $(seq 100); do [ -d "/tmp/pc-nfslab-$ID" ] || break; sleep 0.1; done; }
trap cleanup EXIT

run_in() { lab/nfs-lab.sh exec "$ID" "$@"; }

for server in 172.16.0.34 172.16.0.44; do
    name=$([ $server = 172.16.0.34 ] && echo ganesha || echo knfsd)
    echo "== export list from $server ($name), asked from xs-1 (172.16.0.35), $RUNS runs each"
    run_in xs1 hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$OUT/exports-$name.json" \
        -n showmount "showmount -e $server" \
        -n probe "$PROBE exports $server"
    python3 - "$OUT/exports-$name.json" <<'PY'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
show, probe = runs["showmount"]["median"], runs["probe"]["median"]
print(f"median: showmount {show * 1000:.2f} ms, poolcheck exports {probe * 1000:.2f} ms, ratio {probe / show:.2f}x")
PY
done

# 200 clients: every address of 172.16.0.0/25 plus 72 IPv6 ones.
clients=""
for i in $(seq 1 128); do clients="$clients --client 172.16.0.$((i - 1))"; done
for i in $(seq 1 72); do clients="$clients --client $(printf 'fd00:5::%x' "$i")"; done
echo "== 200 clients' verdicts on every export, one run each, $RUNS runs"
for server in 172.16.0.34 172.16.0.44; do
    name=$([ $server = 172.16.0.34 ] && echo ganesha || echo knfsd)
    # shellcheck disable=SC2086
    run_in xs1 "$PROBE" exports "$server" $clients --json >"$OUT/verdicts-$name.json"
    echo "$name: $(grep -c '"verdict"' "$OUT/verdicts-$name.json") verdicts per run"
    run_in xs1 hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/verdicts200-$name.json" \
        -n "verdicts-200-$name" "$PROBE exports $server $clients --json"
done
echo "results: $OUT"
