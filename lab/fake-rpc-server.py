#!/usr/bin/env python3
"""A misbehaving ONC RPC server over TCP, for poolcheck's fault tests.

Run it inside a lab namespace (nfs-lab.sh exec ID ROLE python3 ...). It
answers every call on --port with the reply chosen by --mode:
  huge      a well-formed mountd EXPORT reply with --count exports
  longpath  an EXPORT reply whose path is longer than MNTPATHLEN (1024)
  badbool   accepted reply whose body breaks XDR (a bool of 7)
  garbage   a record that is not an RPC reply at all (right xid, then noise)
  close     accepts, reads the call, closes without answering
It exits after --max-seconds (default 60) so it can never outlive a test.
"""
import argparse
import os
import signal
import socket
import struct
import sys


def xdr_string(text: bytes) -> bytes:
    pad = (4 - len(text) % 4) % 4
    return struct.pack(">I", len(text)) + text + b"\0" * pad


def accepted(xid: int, body: bytes) -> bytes:
    # xid, REPLY, MSG_ACCEPTED, verifier AUTH_NONE (0, 0), SUCCESS
    return struct.pack(">IIIIII", xid, 1, 0, 0, 0, 0) + body


def export_body(count: int, path_len: int) -> bytes:
    parts = []
    for i in range(count):
        path = (b"/srv/e%06d" % i) if path_len == 0 else b"/" + b"p" * (path_len - 1)
        parts.append(struct.pack(">I", 1) + xdr_string(path))
        parts.append(struct.pack(">I", 1) + xdr_string(b"172.16.0.32/28") + struct.pack(">I", 0))
    parts.append(struct.pack(">I", 0))
    return b"".join(parts)


def reply_for(mode: str, xid: int, count: int) -> bytes:
    if mode == "huge":
        return accepted(xid, export_body(count, 0))
    if mode == "longpath":
        return accepted(xid, export_body(1, 5000))
    if mode == "badbool":
        return accepted(xid, struct.pack(">I", 7))
    if mode == "garbage":
        return struct.pack(">I", xid) + os.urandom(64)
    raise ValueError(mode)


def read_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError("peer closed")
        data += chunk
    return data


def serve(conn: socket.socket, mode: str, count: int) -> None:
    with conn:
        conn.settimeout(10)
        mark = struct.unpack(">I", read_exact(conn, 4))[0]
        call = read_exact(conn, mark & 0x7FFFFFFF)
        xid = struct.unpack(">I", call[:4])[0]
        if mode == "close":
            return
        payload = reply_for(mode, xid, count)
        # One record, sent in fragments of at most 64 KiB like real servers.
        frags = [payload[i:i + 65536] for i in range(0, len(payload), 65536)] or [b""]
        for i, frag in enumerate(frags):
            last = 0x80000000 if i == len(frags) - 1 else 0
            conn.sendall(struct.pack(">I", last | len(frag)) + frag)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", required=True, choices=["huge", "longpath", "badbool", "garbage", "close"])
    ap.add_argument("--address", default="0.0.0.0")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--max-seconds", type=int, default=60)
    args = ap.parse_args()
    signal.alarm(args.max_seconds)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((args.address, args.port))
    srv.listen(16)
    print(f"listening {args.address}:{args.port} mode={args.mode}", flush=True)
    while True:
        conn, _ = srv.accept()
        try:
            serve(conn, args.mode, args.count)
        except (OSError, ConnectionError) as exc:
            print(f"client: {exc}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
