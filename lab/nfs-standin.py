#!/usr/bin/env python3
"""Stand-in for the NFS server's ports in the traffic lab, and its client.

serve: listens on TCP 2049 (nfs), 111 (rpcbind), the mountd port, and UDP
       111; answers every request with a few bytes. Writes READY_FILE once
       listening. Runs until killed (the lab kills it by PID).
probe: from a lab namespace, connects to each port of SERVER (TCP), sends a
       request and reads the answer, and sends one UDP datagram to 111.
       Every step has a 2 s timeout. Exit 0 when all answered.
No real RPC is spoken: the lab only needs packets on the right ports.
"""
import argparse
import selectors
import socket
import sys

TIMEOUT_S = 2.0


def serve(address, ports, ready_file):
    selector = selectors.DefaultSelector()
    for port in ports:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((address, port))
        listener.listen(16)
        listener.setblocking(False)
        selector.register(listener, selectors.EVENT_READ, "accept")
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((address, 111))
    selector.register(udp, selectors.EVENT_READ, "udp")
    if ready_file:
        with open(ready_file, "w") as ready:
            ready.write("ready\n")
    while True:
        for key, _ in selector.select():
            sock = key.fileobj
            if key.data == "accept":
                connection, _ = sock.accept()
                connection.setblocking(False)
                selector.register(connection, selectors.EVENT_READ, "read")
            elif key.data == "udp":
                data, peer = sock.recvfrom(2048)
                sock.sendto(b"R" * 28, peer)
            else:
                try:
                    data = sock.recv(65536)
                except OSError:
                    data = b""
                if data:
                    try:
                        sock.send(b"R" * 100)
                    except OSError:
                        pass
                else:
                    selector.unregister(sock)
                    sock.close()


def probe(server, ports):
    failures = []
    for port in ports:
        try:
            with socket.create_connection((server, port), timeout=TIMEOUT_S) as connection:
                connection.settimeout(TIMEOUT_S)
                connection.sendall(b"Q" * 64)
                if not connection.recv(1024):
                    failures.append(f"tcp/{port}: closed without answer")
        except OSError as error:
            failures.append(f"tcp/{port}: {error}")
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.settimeout(TIMEOUT_S)
            udp.sendto(b"Q" * 56, (server, 111))
            udp.recvfrom(2048)
    except OSError as error:
        failures.append(f"udp/111: {error}")
    for failure in failures:
        print(f"nfs-standin probe {server}: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve_parser = sub.add_parser("serve")
    serve_parser.add_argument("--address", default="0.0.0.0")
    serve_parser.add_argument("--mountd-port", type=int, default=20048)
    serve_parser.add_argument("--ready-file")
    probe_parser = sub.add_parser("probe")
    probe_parser.add_argument("server")
    probe_parser.add_argument("--mountd-port", type=int, default=20048)
    arguments = parser.parse_args()
    ports = [2049, 111, arguments.mountd_port]
    if arguments.command == "serve":
        serve(arguments.address, ports, arguments.ready_file)
        return 0
    return probe(arguments.server, ports)


if __name__ == "__main__":
    sys.exit(main())
