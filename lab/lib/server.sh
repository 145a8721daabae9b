#!/usr/bin/env bash
# Runs one lab NFS server inside its network namespace and a private mount
# namespace (started by nfs-lab.sh as: ip netns exec NS unshare -m ... server.sh).
# Usage: server.sh ganesha|knfsd|knfsd-udp STATE_DIR ROLE
# Every mount below exists only in this process's mount namespace, so the
# machine's /run, /var/lib/nfs, /srv and /etc are never touched.
set -euo pipefail
kind=$1 state=$2 role=$3
echo $$ >"$state/$role.shell"

mount --make-rprivate /
mount -t tmpfs -o mode=0755 pc-lab-run /run
mount -t tmpfs -o mode=0755 pc-lab-nfs /var/lib/nfs
mount -t tmpfs -o mode=0755 pc-lab-srv /srv
# /etc: read-only overlay with the lab's files (hosts, exports, ganesha.conf,
# netgroup, nsswitch.conf, resolv.conf) on top of the machine's /etc.
mount -t overlay pc-lab-etc -o "lowerdir=$state/etc:/etc" /etc

for d in backups ova vhd iso hotfixes dotted hostbits xs1only xs2only v6 wild named netgroup public; do
    mkdir -p "/srv/$d"
done
mkdir -p /run/rpcbind /run/ganesha /var/lib/nfs/ganesha /var/lib/nfs/rpc_pipefs /var/lib/nfs/v4recovery
touch /var/lib/nfs/etab /var/lib/nfs/rmtab

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait || true; }
trap cleanup EXIT TERM INT

rpcbind -f -w &
pids+=($!)
for _ in $(seq 50); do [ -S /run/rpcbind.sock ] && break; sleep 0.1; done

case $kind in
ganesha)
    ganesha.nfsd -F -f /etc/ganesha/ganesha.conf -L "$state/ganesha.log" -N NIV_EVENT -p /run/ganesha/ganesha.pid &
    pids+=($!)
    ;;
knfsd)
    exportfs -ra 2>"$state/exportfs.log" || { cat "$state/exportfs.log" >&2; exit 1; }
    rpc.mountd -F -p 20048 2>"$state/mountd.log" &
    pids+=($!)
    ;;
knfsd-udp)
    # An older-style mountd: UDP only (--no-tcp: no TCP listener, no TCP
    # registration with rpcbind).
    exportfs -ra 2>"$state/exportfs.log" || { cat "$state/exportfs.log" >&2; exit 1; }
    rpc.mountd -F --no-tcp -p 20048 2>"$state/mountd-udp.log" &
    pids+=($!)
    ;;
*)
    echo "server.sh: unknown server kind '$kind' (ganesha, knfsd or knfsd-udp)" >&2
    exit 2
    ;;
esac
echo "${pids[*]}" >"$state/$role.daemons"
wait -n || true
