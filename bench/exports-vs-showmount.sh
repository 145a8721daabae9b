#!/usr/bin/env bash
# Benchmarks `poolcheck exports` against showmount on the same lab server, same run,
# whole process, inside a lab client namespace (bench/interleaved.py), and 200
# clients' verdicts against one server in one run (hyperfine). Needs root.
#
#   bench/exports-vs-showmount.sh [RUNS]   (default 150: pairs per server, at most 150; 200-client runs)
#
# PROBE overrides the binary (default: poolcheck from scripts/build.sh release).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-150}
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

# Pair by pair (bench/interleaved.py: poolcheck, showmount, poolcheck, ...): this
# machine's speed, and the server's, drift within seconds, and a block of one tool's
# runs then a block of the other's would put that drift into the ratio.
# Each server is asked from its own fresh client namespace, at most 150 pairs: as root,
# showmount connects from privileged ports (512-1023), and each of its runs leaves two in
# TIME_WAIT for 60 s; past ~250 runs it hunts for a free one and slows down, which would
# flatter poolcheck (it uses ordinary ports).
PAIRS=$(( RUNS < 150 ? RUNS : 150 ))
for server in 172.16.0.34 172.16.0.44; do
    name=$([ $server = 172.16.0.34 ] && echo ganesha || echo knfsd)
    role=$([ $server = 172.16.0.34 ] && echo xs1 || echo xs2)
    echo "== export list from $server ($name), asked from $role, $PAIRS pairs"
    run_in "$role" python3 bench/interleaved.py "$PAIRS" 5 "$PROBE exports $server" "showmount -e $server" \
        --json "$OUT/exports-$name.json"
    run_in "$role" ss -tanH state time-wait | awk '{ split($3, a, ":"); if (a[2] < 1024) n++ }
        END { print "  (privileged ports left in TIME_WAIT by showmount: " n + 0 " of 512)" }'
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
