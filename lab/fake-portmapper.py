#!/usr/bin/env python3
"""An old-style portmapper and a small mountd, for poolcheck's fallback tests.

The lab's rpcbind always speaks rpcbind v4, and its mountds always have TCP.
This stands in for older servers. Run it inside a lab namespace that runs no
rpcbind (the `pmap` role: nfs-lab.sh exec ID pmap python3 ...):

  port 111, TCP and UDP: program 100000 in --rpcbind-versions only
      v2 (portmap): NULL, GETPORT, DUMP
      v3 (rpcbind): NULL, GETADDR (universal addresses; like rpcbind, for
                    the transport the call came on, whatever netid it names), DUMP
      any other version: PROG_MISMATCH with the lowest and highest we speak,
      as a portmap-only server answers rpcbind v3/v4 clients.
  --mountd-port, on the transports in --listen: program 100005 in
      --mount-versions: NULL, EXPORT (the --export list); other versions
      PROG_MISMATCH. With --udp-mountd drop it reads UDP calls and never
      answers (a black-holed UDP mountd).

Registrations (GETPORT, GETADDR, DUMP) list the portmapper on tcp and udp,
and mountd in each of --mount-versions on each transport in --register, which
may differ from --listen (a stale registration). Lookups behave like rpcbind's
find_service: the exact version, else any version of the program on that
transport. Exits after --max-seconds (default 60) so it never outlives a test.
"""
import argparse
import signal
import socket
import struct
import sys
import threading

PMAP_PROG, MOUNT_PROG = 100000, 100005
PROTO = {"tcp": 6, "udp": 17}
# accept_stat values (RFC 5531)
SUCCESS, PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL = 0, 1, 2, 3


def xdr_string(text: bytes) -> bytes:
    return struct.pack(">I", len(text)) + text + b"\0" * ((4 - len(text) % 4) % 4)


class Reader:
    """Just enough XDR decoding for the calls we answer."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def uint(self) -> int:
        value = struct.unpack_from(">I", self.data, self.pos)[0]
        self.pos += 4
        return value

    def opaque(self) -> bytes:
        n = self.uint()
        value = self.data[self.pos:self.pos + n]
        self.pos += n + (4 - n % 4) % 4
        return value


def reply(xid: int, stat: int, body: bytes = b"") -> bytes:
    # xid, REPLY, MSG_ACCEPTED, verifier AUTH_NONE, accept_stat, body
    return struct.pack(">IIIIII", xid, 1, 0, 0, 0, stat) + body


class Server:
    def __init__(self, args):
        self.rpcbind_versions = sorted(int(v) for v in args.rpcbind_versions.split(","))
        self.mount_versions = sorted(int(v) for v in args.mount_versions.split(","))
        self.mountd_port = args.mountd_port
        self.udp_mountd = args.udp_mountd
        self.exports = []
        for item in args.export:
            path, _, groups = item.partition("=")
            self.exports.append((path.encode(), [g.encode() for g in groups.split(",") if g]))
        # (program, version, transport, port)
        self.registrations = [(PMAP_PROG, v, t, 111) for v in self.rpcbind_versions for t in ("tcp", "udp")]
        self.registrations += [(MOUNT_PROG, v, t, self.mountd_port)
                               for v in self.mount_versions for t in args.register.split(",") if t]

    # -- dispatch ---------------------------------------------------------

    def answer(self, call: bytes, transport: str, local_ip: str, program_port: int):
        """The reply record for one call (arrived on transport, "tcp" or "udp",
        at local_ip), or None to stay silent."""
        r = Reader(call)
        xid, mtype, rpcvers, prog, vers, proc = (r.uint() for _ in range(6))
        if mtype != 0 or rpcvers != 2:
            return None
        r.uint(); r.opaque()  # credential
        r.uint(); r.opaque()  # verifier
        if program_port == 111 and prog == PMAP_PROG:
            return self.portmap(xid, vers, proc, r, transport, local_ip)
        if program_port == self.mountd_port and prog == MOUNT_PROG:
            return self.mountd(xid, vers, proc)
        return reply(xid, PROG_UNAVAIL)

    def portmap(self, xid, vers, proc, r, transport, local_ip):
        if vers not in self.rpcbind_versions:
            return reply(xid, PROG_MISMATCH,
                         struct.pack(">II", self.rpcbind_versions[0], self.rpcbind_versions[-1]))
        if proc == 0:
            return reply(xid, SUCCESS)
        if vers == 2 and proc == 3:  # GETPORT(prog, vers, prot, port) -> port
            prog, pvers, prot = r.uint(), r.uint(), r.uint()
            transport = next((t for t, n in PROTO.items() if n == prot), "")
            found = self.find(prog, pvers, transport)
            return reply(xid, SUCCESS, struct.pack(">I", found[3] if found else 0))
        if vers == 2 and proc == 4:  # DUMP -> pmaplist
            body = b"".join(struct.pack(">IIIII", 1, p, v, PROTO[t], port)
                            for p, v, t, port in self.registrations)
            return reply(xid, SUCCESS, body + struct.pack(">I", 0))
        if vers == 3 and proc == 3:  # GETADDR(rpcb) -> universal address
            # RFC 1833: r_netid is ignored; the answer is for the transport
            # the request came in on (as rpcbind does).
            prog, pvers = r.uint(), r.uint()
            found = self.find(prog, pvers, transport)
            return reply(xid, SUCCESS, xdr_string(uaddr(local_ip, found[3]) if found else b""))
        if vers == 3 and proc == 4:  # DUMP -> rpcblist
            body = b"".join(struct.pack(">III", 1, p, v) + xdr_string(t.encode())
                            + xdr_string(uaddr("0.0.0.0", port)) + xdr_string(b"superuser")
                            for p, v, t, port in self.registrations)
            return reply(xid, SUCCESS, body + struct.pack(">I", 0))
        return reply(xid, PROC_UNAVAIL)

    def find(self, prog, vers, transport):
        hits = [reg for reg in self.registrations if reg[0] == prog and reg[2] == transport]
        return next((reg for reg in hits if reg[1] == vers), hits[-1] if hits else None)

    def mountd(self, xid, vers, proc):
        if vers not in self.mount_versions:
            return reply(xid, PROG_MISMATCH,
                         struct.pack(">II", self.mount_versions[0], self.mount_versions[-1]))
        if proc == 0:
            return reply(xid, SUCCESS)
        if proc == 5:  # EXPORT -> exports
            body = b""
            for path, groups in self.exports:
                body += struct.pack(">I", 1) + xdr_string(path)
                body += b"".join(struct.pack(">I", 1) + xdr_string(g) for g in groups) + struct.pack(">I", 0)
            return reply(xid, SUCCESS, body + struct.pack(">I", 0))
        return reply(xid, PROC_UNAVAIL)

    # -- transports -------------------------------------------------------

    def serve_tcp(self, listener: socket.socket, port: int):
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=self.tcp_connection, args=(conn, port), daemon=True).start()

    def tcp_connection(self, conn: socket.socket, port: int):
        """Record-marked calls, many per connection, until the client closes."""
        with conn:
            local_ip = plain_ip(conn.getsockname()[0])
            try:
                while True:
                    call = read_record(conn)
                    if call is None:
                        return
                    out = self.answer(call, "tcp", local_ip, port)
                    if out is not None:
                        conn.sendall(struct.pack(">I", 0x80000000 | len(out)) + out)
            except (OSError, struct.error) as exc:
                print(f"tcp {port}: {exc}", file=sys.stderr, flush=True)

    def serve_udp(self, sock: socket.socket, port: int, drop: bool):
        while True:
            call, peer = sock.recvfrom(65536)
            if drop:
                continue
            try:
                out = self.answer(call, "udp", address_towards(peer), port)
            except struct.error:
                continue
            if out is not None:
                sock.sendto(out, peer)


def plain_ip(address: str) -> str:
    return address[7:] if address.startswith("::ffff:") else address


def address_towards(peer) -> str:
    """Our address as the peer sees it (the kernel's source address for it)."""
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
        probe.connect(peer[:2])
        return plain_ip(probe.getsockname()[0])


def uaddr(ip: str, port: int) -> bytes:
    return f"{ip}.{port >> 8}.{port & 255}".encode()


def read_exact(conn: socket.socket, n: int):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def read_record(conn: socket.socket):
    record = b""
    while True:
        mark = read_exact(conn, 4)
        if mark is None:
            return None
        (word,) = struct.unpack(">I", mark)
        fragment = read_exact(conn, word & 0x7FFFFFFF)
        if fragment is None:
            return None
        record += fragment
        if word & 0x80000000:
            return record


def dual_stack(kind: int, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6, kind)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("::", port))
    if kind == socket.SOCK_STREAM:
        sock.listen(16)
    return sock


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rpcbind-versions", default="2", help="e.g. 2 (portmap only) or 2,3")
    ap.add_argument("--mount-versions", default="1,3")
    ap.add_argument("--mountd-port", type=int, default=4002)
    ap.add_argument("--register", default="tcp,udp", help="transports mountd is registered on")
    ap.add_argument("--listen", default="tcp,udp", help="transports mountd listens on")
    ap.add_argument("--udp-mountd", choices=["answer", "drop"], default="answer")
    ap.add_argument("--export", action="append", default=[], help="PATH=GROUP[,GROUP...] (repeatable)")
    ap.add_argument("--max-seconds", type=int, default=60)
    args = ap.parse_args()
    signal.alarm(args.max_seconds)  # default action: the process ends
    server = Server(args)
    listen = [t for t in args.listen.split(",") if t]
    threads = []
    if "udp" in listen:
        sock = dual_stack(socket.SOCK_DGRAM, args.mountd_port)
        threads.append((server.serve_udp, (sock, args.mountd_port, args.udp_mountd == "drop")))
    if "tcp" in listen:
        threads.append((server.serve_tcp, (dual_stack(socket.SOCK_STREAM, args.mountd_port), args.mountd_port)))
    threads.append((server.serve_udp, (dual_stack(socket.SOCK_DGRAM, 111), 111, False)))
    # TCP 111 last: once it listens (tests wait for it), everything is up.
    threads.append((server.serve_tcp, (dual_stack(socket.SOCK_STREAM, 111), 111)))
    for target, targs in threads:
        threading.Thread(target=target, args=targs, daemon=True).start()
    print(f"portmapper v{args.rpcbind_versions}, mountd v{args.mount_versions} port {args.mountd_port} "
          f"registered {args.register} listening {args.listen}", flush=True)
    threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
