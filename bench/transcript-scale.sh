#!/usr/bin/env bash
# Issue 10's curves, on this machine only (no network):
#  1. hosts vs time and memory: `poolcheck audit` and `preflight` (whole process) on a
#     synthetic pool's transcripts, one file per host and all in one file, at 16..4,000 hosts
#     (31 VMs per host), plus parse + judge in process (`snapshot-tool judge`).
#     Targets: 4,000 hosts under 1 s; cost per host flat (linear).
#  2. 100,000 prompts each naming a different host (3.5 MB, no output): refused within
#     10 s with one line naming the file and the limit.
#  3. transcript size vs peak memory (one master transcript of 6-50 MB): peak RSS minus
#     the process's RSS on a one-host transcript, at most 4x the transcript's size.
# Times are CPU seconds (user + system, median of runs): on this shared 2-core machine wall
# time measures the other tenants. Peak memory is /usr/bin/time's maximum RSS.
#
#   bench/transcript-scale.sh [--quick]   (--quick: up to 1,024 hosts and 25 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is not installed (apt-get install time)" >&2; exit 2; }
quick=0
[ "${1:-}" = "--quick" ] && quick=1

scripts/build.sh >/dev/null
swift build -c release --product snapshot-tool >/dev/null
BIN=$(swift build -c release --show-bin-path)
failed=0

# measure RUNS CMD...: prints "cpu_s max_rss_kb exit" (median CPU, largest RSS, last exit status).
measure() {
    local runs=$1; shift
    local samples=() rss=0 status=0
    for _ in $(seq 1 "$runs"); do
        status=0
        /usr/bin/time -f "%U %S %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || status=$?
        read -r user system kb < <(tail -n 1 "$WORK/time.txt")
        samples+=("$(python3 -c "print($user + $system)")")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    local median
    median=$(printf '%s\n' "${samples[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
    echo "$median $rss $status"
}

echo "== 1. hosts vs CPU time and peak memory (31 VMs per host)"
sizes=(16 64 256 1024 4000)
[ "$quick" = 1 ] && sizes=(16 64 256 1024)
printf '%6s %9s %10s %10s %9s %11s %10s %9s\n' hosts "MB" "audit s" "preflt s" "1-file s" "judge ms" "ms/host" "peak MB"
rows=()
for hosts in "${sizes[@]}"; do
    pool="$WORK/pool-$hosts"
    "$BIN/snapshot-tool" generate --hosts "$hosts" --vms $((hosts * 31)) "$pool"
    cat "$pool"/*.txt >"$WORK/one-$hosts.txt"
    bytes=$(stat -c %s "$WORK/one-$hosts.txt")
    runs=$(( hosts >= 1024 ? 3 : 5 ))
    read -r audit rss _ < <(measure "$runs" "$BIN/poolcheck" audit --snapshot "$pool" --report "json:$WORK/report.json")
    read -r preflight _ _ < <(measure "$runs" "$BIN/poolcheck" preflight --snapshot "$pool")
    read -r single _ _ < <(measure "$runs" "$BIN/poolcheck" audit --snapshot "$WORK/one-$hosts.txt")
    judge=$("$BIN/snapshot-tool" judge "$pool" --runs "$runs" | sed -E 's/.*total_ms=([0-9.]+).*/\1/')
    row=$(python3 -c "import sys; h,b,a,p,s,j,r=sys.argv[1:]; print(f'{int(h):>6} {int(b)/1e6:>9.1f} {float(a):>10.2f} {float(p):>10.2f} {float(s):>9.2f} {float(j):>11.1f} {float(j)/int(h):>10.3f} {int(r)/1024:>9.0f}')" \
        "$hosts" "$bytes" "$audit" "$preflight" "$single" "$judge" "$rss")
    echo "$row"
    rows+=("$row")
    rm -rf "$pool" "$WORK/one-$hosts.txt"
done
printf '%s\n' "${rows[@]}" | python3 -c '
import sys
rows = [line.split() for line in sys.stdin]
per = [float(r[6]) for r in rows if int(r[0]) >= 64]
growth = max(per) / min(per)
largest = rows[-1]
worst = max(float(largest[2]), float(largest[3]), float(largest[4]))
print(f"RESULT {largest[0]} hosts: audit {float(largest[2]):.2f} s, preflight {float(largest[3]):.2f} s, one file {float(largest[4]):.2f} s CPU (target < 1 s); in-process cost per host from 64 hosts up varies {growth:.2f}x (linear: < 1.5x)")
sys.exit(0 if worst < 1 and growth < 1.5 else 1)
' || failed=1

echo "== 2. 100,000 prompts, each naming a different host"
python3 - "$WORK/prompts.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    for host in range(100_000):
        out.write(f"[root@xs-host-{host:06d} ~]# hostname\n")
PY
bytes=$(stat -c %s "$WORK/prompts.txt")
start=$(date +%s.%N)
status=0
/usr/bin/time -f "%U %S %M" -o "$WORK/time.txt" "$BIN/poolcheck" audit --snapshot "$WORK/prompts.txt" >/dev/null 2>"$WORK/prompts.err" || status=$?
end=$(date +%s.%N)
read -r user system kb < <(tail -n 1 "$WORK/time.txt")
python3 - "$bytes" "$start" "$end" "$user" "$system" "$kb" "$status" "$WORK/prompts.err" <<'PY' || failed=1
import sys
size, start, end, user, system, kb, status, err = sys.argv[1:]
lines = open(err).read().splitlines()
wall = float(end) - float(start)
print(f"RESULT {int(size)/1e6:.1f} MB of 100,000 host prompts: exit {status} in {wall:.2f} s wall, {float(user)+float(system):.2f} s CPU, peak {int(kb)/1024:.0f} MB; says: {lines[0] if lines else '(nothing)'}")
ok = wall < 10 and (status != "2" or (len(lines) == 1 and "prompts.txt" in lines[0] and "limit" in lines[0]))
sys.exit(0 if ok else 1)
PY

echo "== 3. transcript size vs peak memory (one master transcript)"
"$BIN/snapshot-tool" generate --hosts 1 --vms 1 "$WORK/tiny"
read -r _ base _ < <(measure 3 "$BIN/poolcheck" audit --snapshot "$WORK/tiny/xs-1.txt")
echo "baseline: peak RSS $((base / 1024)) MB on a one-host transcript of $(stat -c %s "$WORK/tiny/xs-1.txt") bytes"
printf '%9s %9s %10s %11s %8s\n' "MB" "VMs" "CPU s" "peak MB" "x size"
vm_counts=(20000 50000 100000 170000)
[ "$quick" = 1 ] && vm_counts=(20000 50000 85000)
ratios=()
for vms in "${vm_counts[@]}"; do
    "$BIN/snapshot-tool" generate --hosts 64 --vms "$vms" "$WORK/big"
    file="$WORK/big/xs-1.txt"
    bytes=$(stat -c %s "$file")
    read -r cpu kb _ < <(measure 3 "$BIN/poolcheck" audit --snapshot "$file")
    ratio=$(python3 -c 'import sys; size, kb, base = map(int, sys.argv[1:]); print(f"{(kb - base) * 1024 / size:.2f}")' "$bytes" "$kb" "$base")
    printf '%9.1f %9d %10.2f %11.0f %8s\n' "$(python3 -c "print($bytes / 1e6)")" "$vms" "$cpu" "$(python3 -c "print($kb / 1024)")" "$ratio"
    ratios+=("$ratio")
    rm -rf "$WORK/big"
done
printf '%s\n' "${ratios[@]}" | python3 -c '
import sys
ratios = [float(x) for x in sys.stdin]
print(f"RESULT peak memory above the baseline: {max(ratios):.2f}x the transcript at most (target <= 4x)")
sys.exit(0 if max(ratios) <= 4 else 1)
' || failed=1

[ "$failed" = 0 ] || { echo "FAIL: a figure is over its target" >&2; exit 1; }
echo "bench: OK"
