# Shared by the bench scripts that serve pools on xapi-sim (source it after `cd` to the repo).
# Sets WORK (a temporary folder) and a trap that stops every process in PIDS by PID and
# removes WORK on exit. Needs BIN (the release bin path) before start_sim is called.

WORK=$(mktemp -d "/tmp/poolcheck-bench.XXXXXX")
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# start_sim NAME HOSTS VMS: one simulated pool on free loopback ports (its calls logged to
# $WORK/NAME.calls.jsonl); returns once it listens.
start_sim() {
    local name=$1 hosts=$2 vms=$3
    "$BIN/xapi-sim" --generate-hosts "$hosts" --vms "$vms" --port-base 0 --tls-dir "$WORK/tls-$name" \
        --log "$WORK/$name.calls.jsonl" --ready-file "$WORK/$name.ready.json" >"$WORK/$name.out" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 200); do
        [ -s "$WORK/$name.ready.json" ] && return 0
        sleep 0.05
    done
    echo "xapi-sim $name did not start:" >&2
    cat "$WORK/$name.out" >&2
    exit 1
}
master_of() { python3 -c 'import json,sys; print([h["url"] for h in json.load(open(sys.argv[1]))["hosts"] if h["master"]][0])' "$WORK/$1.ready.json"; }
pin_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$WORK/$1.ready.json"; }
