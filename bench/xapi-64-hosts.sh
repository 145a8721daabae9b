#!/usr/bin/env bash
# XAPI at scale, on loopback only:
#  1. one 64-host pool (4 PIFs and 2 PBDs per host, 2,000 VMs) on xapi-sim over HTTPS,
#     audited end to end; the number of API calls is compared with an 8-host pool's
#     (it must not grow with the host count);
#  2. 50 such pools served at once and audited at once.
# Targets: one audit < 1 s; 50 at once < 10 s.
# Needs: openssl (certificates), hyperfine (timing). Every process started here is
# stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

POOLS=${POOLS:-50}
HOSTS=${HOSTS:-64}
VMS=${VMS:-2000}
RUNS=${RUNS:-10}
source bench/lib.sh

swift build -c release --product xapi-sim >/dev/null
scripts/build.sh >/dev/null
BIN=$(swift build -c release --show-bin-path)
CLIENT=("$BIN/poolcheck" audit --report json:-)
CLIENT_NAME="poolcheck audit"

export POOLCHECK_PASSWORD="bench-$RANDOM-$RANDOM"
export XAPI_SIM_PASSWORD="$POOLCHECK_PASSWORD"

calls_of() { wc -l <"$WORK/$1.calls.jsonl" | tr -d ' '; }

echo "== client: $CLIENT_NAME"
echo "== call count does not grow with hosts"
start_sim small 8 "$VMS"
start_sim big "$HOSTS" "$VMS"
# Exit 0 or 1 are verdicts (pass/fail); 2 or 3 mean bad usage or a probe error.
run_client() { local rc=0; timeout 60 "${CLIENT[@]}" "$@" >/dev/null || rc=$?; [ "$rc" -le 1 ] || { echo "FAIL: client exit $rc" >&2; exit 1; }; }
run_client --xapi "$(master_of small)" --pin-sha256 "$(pin_of small)"
run_client --xapi "$(master_of big)" --pin-sha256 "$(pin_of big)"
small_calls=$(calls_of small)
big_calls=$(calls_of big)
echo "8 hosts: $small_calls calls; $HOSTS hosts: $big_calls calls"
[ "$small_calls" = "$big_calls" ] || { echo "FAIL: calls grow with host count" >&2; exit 1; }
if grep -v -E '"method":"(session\.login_with_password|session\.logout|[A-Za-z_]+\.get_[A-Za-z_]+)"' "$WORK"/*.calls.jsonl; then
    echo "FAIL: a call outside login/logout/get_* was made" >&2
    exit 1
fi
if grep -rq -- "$POOLCHECK_PASSWORD" "$WORK"/*.jsonl "$WORK"/*.out; then
    echo "FAIL: the password reached a log" >&2
    exit 1
fi

echo "== one $HOSTS-host pool, $VMS VMs, HTTPS with a pinned certificate"
hyperfine -i --warmup 2 --runs "$RUNS" --export-json "$WORK/one.json" \
    "${CLIENT[*]} --xapi $(master_of big) --pin-sha256 $(pin_of big)"
one_mean=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$WORK/one.json")

echo "== $POOLS pools of $HOSTS hosts served and audited at once"
for i in $(seq 1 "$POOLS"); do start_sim "p$i" "$HOSTS" "$VMS"; done
{
    echo '#!/usr/bin/env bash'
    echo 'pids=()'
    for i in $(seq 1 "$POOLS"); do
        echo "${CLIENT[*]} --xapi $(master_of "p$i") --pin-sha256 $(pin_of "p$i") >/dev/null 2>&1 & pids+=(\$!)"
    done
    echo 'status=0; for pid in "${pids[@]}"; do rc=0; wait "$pid" || rc=$?; [ "$rc" -le 1 ] || status=1; done; exit $status'
} >"$WORK/all-at-once.sh"
chmod +x "$WORK/all-at-once.sh"
hyperfine --runs 3 --export-json "$WORK/all.json" "$WORK/all-at-once.sh"
all_mean=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$WORK/all.json")

printf 'RESULT one pool (%s hosts, %s VMs): %.3f s mean (target < 1 s), %s API calls per audit\n' "$HOSTS" "$VMS" "$one_mean" "$small_calls"
printf 'RESULT %s pools at once: %.3f s mean (target < 10 s)\n' "$POOLS" "$all_mean"
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 1 and float(sys.argv[2]) < 10 else 1)' "$one_mean" "$all_mean" \
    || { echo "FAIL: over target" >&2; exit 1; }
