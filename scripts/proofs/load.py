#!/usr/bin/env python3
"""Load proofs: what the server's memory and an honest reporter see under abuse and over time.

  load.py BIN_DIR POLICIES_DIR abuse [--seconds S] [--tricklers N] [--uploaders U] [--bound MB]
      Hundreds of connections trickle a header or a body a byte at a time (reconnecting whenever
      the server closes one, as an attacker would), while uploaders send forms of two 10 MB files
      as fast as they can. Meanwhile an honest client files every half second. Passes when the
      server's resident memory never passes --bound and every honest filing is answered 201
      within a second.

  load.py BIN_DIR POLICIES_DIR soak [--seconds S] [--clients N] [--rate R]
      N clients file at a steady R filings a second in all, for S seconds. Passes when every
      filing is answered 201; prints resident memory after warming up and at the end (the drift).

Both print the idle server's resident memory first. Prints one line of figures; exits 1 on a
failure. Loopback only; every connection and every server it starts, it stops.
"""
import argparse
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
import http.client

from proofkit import DataDirectory, Server, resident_kib, cpu_seconds

MB = 1024 * 1024


class Sampler(threading.Thread):
    """Samples a process's resident memory until stopped: the peak, and every sample with its time."""

    def __init__(self, pid, every=0.1):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples = []
        self.stopping = threading.Event()

    def run(self):
        started = time.monotonic()
        while not self.stopping.is_set():
            self.samples.append((time.monotonic() - started, resident_kib(self.pid)))
            self.stopping.wait(self.every)

    def stop(self):
        self.stopping.set()
        self.join()

    @property
    def peak_mb(self):
        return max(kib for _, kib in self.samples) / 1024

    def median_mb(self, start, end):
        window = sorted(kib for at, kib in self.samples if start <= at < end) or [0]
        return window[len(window) // 2] / 1024


def idle_mb(server):
    """Resident memory once the started server has answered a first request and settled."""
    server.post("/api/v1/complaints", {"category": "harassment", "description": "load proof: warming up"})
    time.sleep(2)
    return resident_kib(server.pid) / 1024


def tricklers(port, count, deadline, closed):
    """`count` connections sending, a byte every second, a header that never ends (half of them)
    or a body that never ends (the other half); a connection the server closes is opened again."""
    connections = []

    def connect(index):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.setblocking(False)
        if index % 2:
            sock.send(b"POST /api/v1/complaints HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000000\r\n\r\n{")
            return sock, b" "
        sock.send(b"POST /api/v1/complaints HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        return sock, b"X-Slow: a\r\n"[:1]

    connections = [connect(index) for index in range(count)]
    while time.monotonic() < deadline:
        for index, (sock, byte) in enumerate(connections):
            try:
                if sock.send(byte) != 1:
                    raise OSError
            except OSError:
                sock.close()
                closed[0] += 1
                try:
                    connections[index] = connect(index)
                except OSError:
                    pass
        time.sleep(1)
    for sock, _ in connections:
        sock.close()


def uploader(port, deadline, counts, lock):
    """Forms of two 10 MB files, one after another, as fast as the server takes them."""
    boundary = "loadproof" + secrets.token_hex(8)
    payload = os.urandom(10 * MB - 1024)
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nharassment\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nload proof: two large files\r\n").encode()
    part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"video.mp4\"\r\n"
            f"Content-Type: video/mp4\r\n\r\n").encode()
    body = head + part + payload + b"\r\n" + part + payload + f"\r\n--{boundary}--\r\n".encode()
    while time.monotonic() < deadline:
        status = 0
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("POST", "/complaints", body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
            status = connection.getresponse().status
            connection.close()
        except (OSError, http.client.HTTPException):
            pass
        with lock:
            counts[status] = counts.get(status, 0) + 1


def abuse(arguments, data, log):
    server = Server(arguments.bin_dir, data.path, arguments.policies, log)
    try:
        idle = idle_mb(server)
        sampler = Sampler(server.pid)
        sampler.start()
        deadline = time.monotonic() + arguments.seconds
        closed = [0]
        uploads, lock = {}, threading.Lock()
        threads = [threading.Thread(target=tricklers, args=(server.port, arguments.tricklers, deadline, closed))]
        threads += [threading.Thread(target=uploader, args=(server.port, deadline, uploads, lock)) for _ in range(arguments.uploaders)]
        for thread in threads:
            thread.start()
        time.sleep(min(3, arguments.seconds / 4))
        honest = []
        while time.monotonic() < deadline - 1:
            started = time.monotonic()
            status, _, _ = server.post("/api/v1/complaints", {"category": "harassment", "description": "load proof: an honest report"})
            honest.append((status, time.monotonic() - started))
            time.sleep(max(0, 0.5 - (time.monotonic() - started)))
        for thread in threads:
            thread.join()
        sampler.stop()
    finally:
        server.stop()
    latencies = sorted(took for _, took in honest)
    slow = [took for status, took in honest if status != 201 or took > 1]
    print(f"load proof, abuse: idle {idle:.1f} MB; {arguments.seconds:.0f} s of {arguments.tricklers} trickling connections "
          f"({closed[0]} closed by the server and opened again) and {arguments.uploaders} clients uploading two 10 MB files "
          f"({uploads.get(201, 0)} forms filed, answers {dict(sorted(uploads.items()))}); resident peak {sampler.peak_mb:.1f} MB "
          f"(bound {arguments.bound} MB); {len(honest)} honest filings, median {latencies[len(latencies) // 2] * 1000:.0f} ms, "
          f"slowest {latencies[-1] * 1000:.0f} ms, {len(slow)} failed or over a second")
    return 0 if sampler.peak_mb <= arguments.bound and not slow and honest and uploads.get(201, 0) > 0 else 1


def soak(arguments, data, log):
    server = Server(arguments.bin_dir, data.path, arguments.policies, log)
    try:
        idle = idle_mb(server)
        sampler = Sampler(server.pid, every=1)
        sampler.start()
        cpu_before = cpu_seconds(server.pid)
        statuses, lock = {}, threading.Lock()
        started = time.monotonic()
        deadline = started + arguments.seconds
        interval = arguments.clients / arguments.rate

        def client(index):
            # Spread the clients over one interval, then each files once an interval.
            next_at = started + interval * index / arguments.clients
            while True:
                next_at += interval
                if next_at >= deadline:
                    return
                time.sleep(max(0, next_at - time.monotonic()))
                status, _, _ = server.post("/api/v1/complaints", {"category": "harassment", "description": f"load proof: soak, client {index}"}, timeout=30)
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1

        threads = [threading.Thread(target=client, args=(index,)) for index in range(arguments.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(server.pid) - cpu_before
        sampler.stop()
    finally:
        server.stop()
    filed = statuses.get(201, 0)
    warm = min(30, arguments.seconds / 4)
    early = sampler.median_mb(warm, warm + min(30, arguments.seconds / 4))
    late = sampler.median_mb(elapsed - min(30, arguments.seconds / 4), elapsed + 1)
    failed = sum(count for status, count in statuses.items() if status != 201)
    print(f"load proof, soak: idle {idle:.1f} MB; {elapsed:.0f} s, {arguments.clients} clients, {filed / elapsed:.0f} filings/s "
          f"({filed} filed, {failed} failed, answers {dict(sorted(statuses.items()))}); server CPU {cpu / max(filed, 1) * 1000:.2f} ms a filing; "
          f"resident {early:.1f} MB after warming up, {late:.1f} MB at the end (drift {late - early:+.1f} MB), peak {sampler.peak_mb:.1f} MB")
    return 0 if failed == 0 and filed > 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    modes = parser.add_subparsers(dest="mode", required=True)
    abuse_options = modes.add_parser("abuse")
    abuse_options.add_argument("--seconds", type=float, default=20)
    abuse_options.add_argument("--tricklers", type=int, default=300)
    abuse_options.add_argument("--uploaders", type=int, default=8)
    abuse_options.add_argument("--bound", type=float, default=160)
    soak_options = modes.add_parser("soak")
    soak_options.add_argument("--seconds", type=float, default=30)
    soak_options.add_argument("--clients", type=int, default=100)
    soak_options.add_argument("--rate", type=float, default=100)
    arguments = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="grievance-load-")
    log = open(os.path.join(scratch, "server.log"), "w")
    try:
        data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(scratch, "data"), scratch)
        return (abuse if arguments.mode == "abuse" else soak)(arguments, data, log)
    finally:
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
