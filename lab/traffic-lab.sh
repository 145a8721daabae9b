#!/usr/bin/env bash
# Traffic lab for storage isolation: a XenServer-like host namespace with
# bridges xenbr0 (management, 172.16.0.10/27) and xenbr2 (storage,
# 172.16.0.35/28), and an NFS-server namespace at 172.16.0.34 behind xenbr2,
# also reachable from xenbr0 at 172.16.0.20. See lab/README-traffic.md.
#
#   traffic-lab.sh up [ID]    create the lab; prints PC_LAB_* variables
#   traffic-lab.sh leak ID    add the stray host route 172.16.0.34 via xenbr0
#   traffic-lab.sh unleak ID  remove it
#   traffic-lab.sh probe ID   send NFS/rpcbind/mountd traffic from the host namespace
#   traffic-lab.sh down ID    kill the lab's processes (by PID) and delete it
#   traffic-lab.sh demo       up, capture correct and leaking routing, down
#
# Root only. Everything happens in namespaces named pc-h-ID / pc-s-ID;
# nothing is configured in, or sent from, the root namespace.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE_ROOT=${PC_LAB_STATE_DIR:-/run/poolcheck-traffic-lab}
SERVER_STORAGE_IP=172.16.0.34
SERVER_MANAGEMENT_IP=172.16.0.20
HOST_MANAGEMENT_IP=172.16.0.10
HOST_STORAGE_IP=172.16.0.35
MOUNTD_PORT=20048

die() { echo "traffic-lab: $*" >&2; exit 1; }

names() {
    local id=$1
    [[ $id =~ ^[A-Za-z0-9_-]{1,40}$ ]] || die "lab id '$id' must be 1-40 letters, digits, - or _"
    HOST_NS=pc-h-$id
    SERVER_NS=pc-s-$id
    STATE=$STATE_ROOT/$id
}

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

quiet_namespace() {
    # No IPv6 autoconfiguration chatter: idle interfaces must stay idle.
    in_ns "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$1" link set lo up
}

close_inherited_descriptors() {
    local path fd
    for path in /proc/$BASHPID/fd/*; do
        fd=${path##*/}
        if ((fd > 2 && fd != 255)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

teardown() {
    local id=$1
    names "$id"
    if [[ -d $STATE ]]; then
        for pid_file in "$STATE"/*.pid; do
            [[ -e $pid_file ]] || continue
            local pid
            pid=$(<"$pid_file")
            if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
                kill "$pid" 2>/dev/null || true
                for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
                kill -9 "$pid" 2>/dev/null || true
            fi
        done
    fi
    ip netns del "$HOST_NS" 2>/dev/null || true
    ip netns del "$SERVER_NS" 2>/dev/null || true
    rm -rf "$STATE"
}

up() {
    local id=${1:-p$$}
    names "$id"
    [[ $(id -u) -eq 0 ]] || die "needs root (network namespaces)"
    if ip netns list | grep -qE "^($HOST_NS|$SERVER_NS)( |$)"; then
        die "lab '$id' already exists; run: $0 down $id"
    fi
    # Any failure from here on removes whatever was already built.
    trap 'status=$?; [[ $status -eq 0 ]] || teardown "'"$id"'"' EXIT
    mkdir -p "$STATE"

    ip netns add "$HOST_NS"
    ip netns add "$SERVER_NS"
    quiet_namespace "$HOST_NS"
    quiet_namespace "$SERVER_NS"

    # Host side: bridges as XenServer names them, each with one veth port
    # whose peer lives in the server namespace.
    ip -n "$HOST_NS" link add xenbr0 type bridge
    ip -n "$HOST_NS" link add xenbr2 type bridge
    ip -n "$HOST_NS" link add eth0 type veth peer name mgmt0 netns "$SERVER_NS"
    ip -n "$HOST_NS" link add eth2 type veth peer name stor0 netns "$SERVER_NS"
    ip -n "$HOST_NS" link set eth0 master xenbr0
    ip -n "$HOST_NS" link set eth2 master xenbr2
    ip -n "$HOST_NS" addr add "$HOST_MANAGEMENT_IP/27" dev xenbr0
    ip -n "$HOST_NS" addr add "$HOST_STORAGE_IP/28" dev xenbr2
    # An interface nothing ever sends on, for the capture-deadline test.
    ip -n "$HOST_NS" link add idle0 type veth peer name idle1
    # And one left administratively down, for the interface-down test.
    ip -n "$HOST_NS" link add down0 type veth peer name down1
    for link in eth0 eth2 xenbr0 xenbr2 idle0 idle1; do ip -n "$HOST_NS" link set "$link" up; done

    ip -n "$SERVER_NS" addr add "$SERVER_MANAGEMENT_IP/27" dev mgmt0
    ip -n "$SERVER_NS" addr add "$SERVER_STORAGE_IP/28" dev stor0
    ip -n "$SERVER_NS" link set mgmt0 up
    ip -n "$SERVER_NS" link set stor0 up

    # exec in the background subshell, so $! is the listener itself and
    # `down` stops it by that PID; it keeps none of our descriptors.
    (
        close_inherited_descriptors
        exec ip netns exec "$SERVER_NS" python3 "$LAB_DIR/nfs-standin.py" serve \
            --mountd-port "$MOUNTD_PORT" --ready-file "$STATE/listener.ready"
    ) </dev/null >"$STATE/listener.log" 2>&1 &
    echo $! >"$STATE/listener.pid"
    for _ in $(seq 50); do [[ -e $STATE/listener.ready ]] && break; sleep 0.1; done
    [[ -e $STATE/listener.ready ]] || die "NFS stand-in did not start: $(cat "$STATE/listener.log")"

    trap - EXIT
    echo "PC_LAB_ID=$id"
    echo "PC_LAB_HOST_NS=$HOST_NS"
    echo "PC_LAB_SERVER_NS=$SERVER_NS"
    echo "PC_LAB_SERVER=$SERVER_STORAGE_IP"
    echo "PC_LAB_MOUNTD_PORT=$MOUNTD_PORT"
}

leak() {
    names "$1"
    ip -n "$HOST_NS" route replace "$SERVER_STORAGE_IP/32" dev xenbr0
}

unleak() {
    names "$1"
    ip -n "$HOST_NS" route del "$SERVER_STORAGE_IP/32" dev xenbr0 2>/dev/null || true
}

probe() {
    names "$1"
    in_ns "$HOST_NS" python3 "$LAB_DIR/nfs-standin.py" probe "$SERVER_STORAGE_IP" --mountd-port "$MOUNTD_PORT"
}

capture_during_probe() {
    local probe_bin=$1 id=$2
    names "$id"
    local output=$STATE/capture.json
    ip netns exec "$HOST_NS" "$probe_bin" capture --host xs-1 --server "$SERVER_STORAGE_IP" \
        --mountd-port "$MOUNTD_PORT" --duration 2 xenbr0 xenbr2 >"$output" 2>"$STATE/capture.err" &
    local capture_pid=$!
    echo "$capture_pid" >"$STATE/capture.pid"
    for _ in $(seq 50); do grep -q capturing "$STATE/capture.err" 2>/dev/null && break; sleep 0.1; done
    probe "$id"
    wait "$capture_pid"
    rm -f "$STATE/capture.pid"
    python3 - "$output" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for entry in report["interfaces"]:
    observation = entry.get("observation")
    if observation is None:
        print(f'  {entry["interface"]}: {entry["failure"]["message"]}')
        continue
    isolation = observation["isolation"]
    print(f'  {entry["interface"]}: {isolation["packets"]} storage packets')
    for example in isolation["examples"][:2]:
        print(f'    {example["source"]}:{example["source_port"]} -> '
              f'{example["destination"]}:{example["destination_port"]} ({example["service"]})')
PY
}

demo() {
    local probe_bin=${TRAFFIC_PROBE:-$LAB_DIR/../.build/debug/traffic-probe}
    [[ -x $probe_bin ]] || die "build traffic-probe first (swift build), or set TRAFFIC_PROBE"
    local id=demo$$
    trap 'teardown "'"$id"'"' EXIT
    ( up "$id" ) >/dev/null
    echo "correct routing (storage via xenbr2):"
    capture_during_probe "$probe_bin" "$id"
    leak "$id"
    echo "after 'ip route add $SERVER_STORAGE_IP/32 dev xenbr0' (storage leaks onto management):"
    capture_during_probe "$probe_bin" "$id"
}

command=${1:-}
case $command in
    up) up "${2:-}" ;;
    leak | unleak | probe) [[ -n ${2:-} ]] || die "usage: $0 $command ID"; "$command" "$2" ;;
    down) [[ -n ${2:-} ]] || die "usage: $0 down ID"; teardown "$2" ;;
    demo) demo ;;
    *) die "usage: $0 up [ID] | leak ID | unleak ID | probe ID | down ID | demo" ;;
esac
