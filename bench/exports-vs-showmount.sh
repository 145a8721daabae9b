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
mkdir -p "$OUT"

# The lab lives as long as this script: `hold` takes it down when our pipe
# closes, whatever way we exit.
ID="b$$"
exec {HOLD}> >(lab/nfs-lab.sh hold --id "$ID" >"$OUT/lab.log" 2>&1)
for _ in $(seq 300); do grep -q "PC_LAB_ID=$ID" "$OUT/lab.log" 2>/dev/null && break; sleep 0.1; done
grep -q "PC_LAB_ID=$ID" "$OUT/lab.log" || { cat "$OUT/lab.log" >&2; exit 1; }
cleanup() { exec {HOLD}>&-; for _ in $(seq 100); do [ -d "/tmp/pc-nfslab-$ID" ] || break; sleep 0.1; done; }
trap cleanup EXIT

run_in() { lab/nfs-lab.sh exec "$ID" "$@"; }

# Interleaved rounds (showmount, then poolcheck, ROUNDS times): a shared machine's
# speed drifts, and one long block of each would put the drift into the ratio.
ROUNDS=10
for server in 172.16.0.34 172.16.0.44; do
    name=$([ $server = 172.16.0.34 ] && echo ganesha || echo knfsd)
    echo "== export list from $server ($name), asked from xs-1 (172.16.0.35), $RUNS runs each in $ROUNDS rounds"
    run_in xs1 hyperfine -N --warmup 10 --runs 10 "showmount -e $server" "$PROBE exports $server" >/dev/null
    for round in $(seq "$ROUNDS"); do
        for tool in showmount probe; do
            command=$([ $tool = showmount ] && echo "showmount -e $server" || echo "$PROBE exports $server")
            run_in xs1 hyperfine -N --warmup 2 --runs $((RUNS / ROUNDS)) --export-json "$OUT/exports-$name-$tool-$round.json" \
                -n "$tool" "$command" >/dev/null 2>&1
        done
    done
    python3 - "$OUT" "$name" <<'PY'
import glob, json, statistics, sys
out, name = sys.argv[1], sys.argv[2]
def times(tool):
    return [t for f in sorted(glob.glob(f"{out}/exports-{name}-{tool}-*.json"))
            for t in json.load(open(f))["results"][0]["times"]]
show, probe = times("showmount"), times("probe")
ms = lambda xs: statistics.median(xs) * 1000
print(f"{name}: showmount -e median {ms(show):.2f} ms ({len(show)} runs), "
      f"poolcheck exports median {ms(probe):.2f} ms ({len(probe)} runs), ratio {ms(probe) / ms(show):.2f}x")
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
