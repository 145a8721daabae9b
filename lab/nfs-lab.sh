#!/usr/bin/env bash
# The poolcheck NFS lab: NFS servers and clients in network namespaces.
# See lab/README.md. Commands:
#   nfs-lab.sh up [--id ID] [--servers ganesha,knfsd,fault,udp]   prints PC_LAB_ID=ID
#   nfs-lab.sh hold [--id ID] [--servers ...]   up, then down when stdin closes
#                               (tests hold the pipe: the lab goes even if
#                               the test process dies)
#   nfs-lab.sh down ID          kill the lab's processes (by PID), delete it
#   nfs-lab.sh status ID        namespaces, addresses, rpcbind registrations
#   nfs-lab.sh exec ID ROLE CMD...   run CMD inside a lab namespace (with the
#                               lab's /etc/hosts); server roles also enter the
#                               server's private mount namespace
#   nfs-lab.sh list             ids of labs whose state directory exists
# Roles: gsh (ganesha, 172.16.0.34), knfs (knfsd mountd, 172.16.0.44),
#        kflt (knfsd mountd for fault tests, 172.16.0.41),
#        kudp (knfsd mountd on UDP only, 172.16.0.42),
#        pmap (172.16.0.43, no server: tests run lab/fake-portmapper.py there),
#        hole (172.16.0.45, answers nothing), xs1 (172.16.0.35 + .38),
#        xs2 (172.16.0.36), mgmt (172.16.0.10/27), out (172.16.0.60).
set -euo pipefail
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE_ROOT=${PC_LAB_STATE_ROOT:-/tmp}
ALL_ROLES="gsh knfs kflt kudp pmap hole xs1 xs2 mgmt out"
SERVER_ROLES="gsh knfs kflt kudp"

die() { echo "nfs-lab: $*" >&2; exit 1; }
state_dir() { echo "$STATE_ROOT/pc-nfslab-$1"; }
ns() { echo "pc-$1-$2"; }   # ns ID ROLE

# role -> "IPv4/len [IPv6/len] ..." (first address is the role's own)
addresses() {
    case $1 in
    gsh)  echo "172.16.0.34/28 fd00:5::34/64" ;;
    knfs) echo "172.16.0.44/28 fd00:5::44/64" ;;
    kflt) echo "172.16.0.41/28 fd00:5::41/64" ;;
    kudp) echo "172.16.0.42/28 fd00:5::42/64" ;;
    pmap) echo "172.16.0.43/28 fd00:5::43/64" ;;
    hole) echo "172.16.0.45/28" ;;
    xs1)  echo "172.16.0.35/28 172.16.0.38/28 fd00:5::35/64" ;;
    xs2)  echo "172.16.0.36/28 fd00:5::36/64" ;;
    mgmt) echo "172.16.0.10/27" ;;
    out)  echo "172.16.0.60/28" ;;
    esac
}

need_root() { [ "$(id -u)" = 0 ] || die "must run as root (network namespaces)"; }

add_role() {   # add_role ID ROLE
    local id=$1 role=$2 n
    n=$(ns "$id" "$role")
    ip netns add "$n"
    ip -n "$n" link set lo up
    # veth straight from the bridge namespace into the role's namespace:
    # nothing is created in the root namespace.
    ip -n "$(ns "$id" br)" link add "p-$role" type veth peer name eth0 netns "$n"
    ip -n "$(ns "$id" br)" link set "p-$role" master br0 up
    for a in $(addresses "$role"); do
        case $a in *:*) ip -n "$n" addr add "$a" dev eth0 nodad ;; *) ip -n "$n" addr add "$a" dev eth0 ;; esac
    done
    ip -n "$n" link set eth0 up
    # Every lab address is on one segment: reach the other lab subnets on-link.
    [ "$role" = hole ] || ip -n "$n" route add 172.16.0.0/24 dev eth0
}

start_server() {   # start_server ID ROLE KIND
    local id=$1 role=$2 kind=$3 s
    s=$(state_dir "$id")
    setsid ip netns exec "$(ns "$id" "$role")" unshare -m "$LAB_DIR/lib/server.sh" "$kind" "$s" "$role" \
        >"$s/$role.out" 2>&1 </dev/null &
    echo $! >"$s/$role.pid"
}

wait_registered() {   # wait_registered ID ROLE : mountd registered with rpcbind
    local id=$1 role=$2 i
    for i in $(seq 100); do
        if ip netns exec "$(ns "$id" "$role")" rpcinfo -p 127.0.0.1 2>/dev/null | grep -q ' 100005 '; then
            return 0
        fi
        sleep 0.2
    done
    cat "$(state_dir "$id")/$role.out" >&2 || true
    die "$role: mountd did not register with rpcbind within 20 s"
}

cmd_up() {
    need_root
    local id="" servers="ganesha,knfsd,fault,udp"
    while [ $# -gt 0 ]; do
        case $1 in
        --id) id=$2; shift 2 ;;
        --servers) servers=$2; shift 2 ;;
        *) die "up: unknown option $1" ;;
        esac
    done
    [ -n "$id" ] || id=$$
    case $id in *[!a-zA-Z0-9]*) die "lab id must be alphanumeric: $id" ;; esac
    local s; s=$(state_dir "$id")
    [ ! -e "$s" ] || die "lab $id already exists ($s); run: $0 down $id"
    mkdir -p "$s/etc/ganesha"
    cp "$LAB_DIR/conf/ganesha.conf" "$s/etc/ganesha/ganesha.conf"
    for f in exports hosts netgroup nsswitch.conf resolv.conf; do cp "$LAB_DIR/conf/$f" "$s/etc/$f"; done
    echo "$servers" >"$s/servers"

    # On failure part-way, take down what exists.
    trap 'cmd_down "$id" >/dev/null 2>&1 || true' ERR
    local br; br=$(ns "$id" br)
    ip netns add "$br"
    ip -n "$br" link set lo up
    ip -n "$br" link add br0 type bridge
    ip -n "$br" link set br0 up

    for role in $ALL_ROLES; do add_role "$id" "$role"; done
    # The black hole: answers ARP, but every reply it would send is discarded
    # silently (no RST, no ICMP), like a firewalled or frozen server.
    ip -n "$(ns "$id" hole)" route del 172.16.0.32/28 dev eth0
    ip -n "$(ns "$id" hole)" route add blackhole 172.16.0.0/24

    case ",$servers," in *,ganesha,*) start_server "$id" gsh ganesha ;; esac
    case ",$servers," in *,knfsd,*) start_server "$id" knfs knfsd ;; esac
    case ",$servers," in *,fault,*) start_server "$id" kflt knfsd ;; esac
    case ",$servers," in *,udp,*) start_server "$id" kudp knfsd-udp ;; esac
    case ",$servers," in *,ganesha,*) wait_registered "$id" gsh ;; esac
    case ",$servers," in *,knfsd,*) wait_registered "$id" knfs ;; esac
    case ",$servers," in *,fault,*) wait_registered "$id" kflt ;; esac
    case ",$servers," in *,udp,*) wait_registered "$id" kudp ;; esac
    trap - ERR
    echo "PC_LAB_ID=$id"
}

kill_pids() {   # kill_pids PID... : TERM, then KILL what is left after 3 s
    [ $# -gt 0 ] || return 0
    kill "$@" 2>/dev/null || true
    local i p alive
    for i in $(seq 30); do
        alive=""
        for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
        [ -z "$alive" ] && return 0
        sleep 0.1
    done
    kill -9 "$@" 2>/dev/null || true
}

cmd_down() {
    need_root
    local id=${1:-${PC_LAB_ID:-}}
    [ -n "$id" ] || die "down: which lab? (nfs-lab.sh down ID)"
    local s; s=$(state_dir "$id")
    local role n pids
    for role in $ALL_ROLES br; do
        n=$(ns "$id" "$role")
        ip netns list | grep -qw "^$n" || continue
        # Every process in the namespace, by PID (the servers and anything a
        # test left behind there).
        pids=$(ip netns pids "$n" 2>/dev/null || true)
        # shellcheck disable=SC2086
        kill_pids $pids
    done
    for role in $SERVER_ROLES; do
        [ -f "$s/$role.pid" ] && kill_pids "$(cat "$s/$role.pid")"
    done
    for role in $ALL_ROLES br; do
        n=$(ns "$id" "$role")
        ip netns list | grep -qw "^$n" && ip netns del "$n"
    done
    rm -rf "$s"
    echo "lab $id removed"
}

cmd_status() {
    local id=${1:-${PC_LAB_ID:-}}
    [ -n "$id" ] || die "status: which lab? (nfs-lab.sh status ID)"
    local s role n
    s=$(state_dir "$id")
    [ -d "$s" ] || die "no lab $id ($s missing)"
    for role in $ALL_ROLES; do
        n=$(ns "$id" "$role")
        printf '%-5s %-16s %s\n' "$role" "$n" "$(ip -n "$n" -br addr show dev eth0 2>/dev/null | awk '{$1=$2=""; print}')"
    done
    for role in $SERVER_ROLES; do
        [ -f "$s/$role.pid" ] || continue
        echo "== rpcbind on $role"
        ip netns exec "$(ns "$id" "$role")" rpcinfo -p 127.0.0.1 || true
    done
}

cmd_exec() {
    local id=$1 role=$2; shift 2
    local s; s=$(state_dir "$id")
    [ -d "$s" ] || die "no lab $id ($s missing)"
    [ $# -gt 0 ] || die "exec: no command"
    case $role in
    gsh|knfs|kflt|kudp)
        # Enter the server's network and private mount namespaces.
        [ -f "$s/$role.shell" ] || die "exec: server $role is not running in lab $id"
        exec nsenter -t "$(cat "$s/$role.shell")" -m -n -- "$@"
        ;;
    *)
        exec ip netns exec "$(ns "$id" "$role")" unshare -m sh -c \
            'mount --make-rprivate / && mount -t overlay pc-lab-etc -o "lowerdir=$0:/etc" /etc && exec "$@"' \
            "$s/etc" "$@"
        ;;
    esac
}

cmd_hold() {
    # Bring the lab up, then keep it until stdin reaches EOF (the holder
    # closed it or died), or a signal comes; always take it down.
    local id="" args=("$@")
    while [ $# -gt 0 ]; do case $1 in --id) id=$2; shift 2 ;; *) shift ;; esac; done
    [ -n "$id" ] || { id=$$; args+=(--id "$id"); }
    # Expanded now: the function's locals are gone when the trap runs.
    # shellcheck disable=SC2064
    trap "cmd_down '$id' >&2" EXIT
    trap 'exit 1' TERM INT HUP
    cmd_up "${args[@]}"
    cat >/dev/null || true
}

cmd_list() {
    local d
    for d in "$STATE_ROOT"/pc-nfslab-*; do [ -d "$d" ] && echo "${d##*/pc-nfslab-}"; done
    return 0
}

case ${1:-} in
up) shift; cmd_up "$@" ;;
hold) shift; cmd_hold "$@" ;;
down) shift; cmd_down "$@" ;;
status) shift; cmd_status "$@" ;;
exec) shift; [ $# -ge 3 ] || die "usage: exec ID ROLE CMD..."; cmd_exec "$@" ;;
list) cmd_list ;;
*) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
