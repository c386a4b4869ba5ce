#!/usr/bin/env python3
"""Crash proof: reporters file over HTTP while grievance-server is killed with SIGKILL at random
moments and started again. Once the receipt is on the screen the complaint must exist, intact:
every receipt the server returned must open its case afterwards, and the audit log must verify.

Usage: crash.py BIN_DIR POLICIES_DIR --kills N [--clients C] [--seed S]
Prints one line of figures, and exits 1 if any acknowledged filing was lost or the log fails.
Loopback only; every server it starts, it stops.
"""
import argparse
import os
import random
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time

from proofkit import DataDirectory, Server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)
    scratch = tempfile.mkdtemp(prefix="grievance-crash-")
    data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(scratch, "data"), scratch, org="Crash Proof")
    acknowledged = []  # (receipt, reference)
    lock = threading.Lock()
    statuses = {}
    log = open(os.path.join(scratch, "server.log"), "w")
    try:
        for round_number in range(arguments.kills + 1):
            server = Server(arguments.bin_dir, data.path, arguments.policies, log)
            stop = threading.Event()

            def file(client):
                index = 0
                while not stop.is_set():
                    status, body, _ = server.post("/api/v1/complaints",
                                                  {"category": "harassment", "description": f"crash proof: round {round_number}, client {client}, report {index}"})
                    with lock:
                        statuses[status] = statuses.get(status, 0) + 1
                        if status == 201:
                            acknowledged.append((body["receipt"], body["reference"]))
                    index += 1

            threads = [threading.Thread(target=file, args=(client,)) for client in range(arguments.clients)]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(0.3, 1.5))
            server.stop(signal.SIGKILL if round_number < arguments.kills else signal.SIGTERM)
            stop.set()
            for thread in threads:
                thread.join()
        # Every receipt the server returned opens its case, after all the kills.
        server = Server(arguments.bin_dir, data.path, arguments.policies, log)
        lost = []
        try:
            for receipt, reference in acknowledged:
                status, body, _ = server.post("/api/v1/follow-up", {"receipt": receipt})
                if status != 200 or body.get("reference") != reference:
                    lost.append((reference, status))
        finally:
            server.stop()
        valid, entries = data.verify()
        failed_requests = sum(count for status, count in statuses.items() if status not in (201, 0))
        print(f"crash proof: seed {seed}; {arguments.kills} kills; {arguments.clients} clients; {len(acknowledged)} filings acknowledged; "
              f"lost {len(lost)}; connections cut by the kills {statuses.get(0, 0)}; other failures {failed_requests}; "
              f"audit log {'verifies' if valid else 'FAILS'} ({entries} entries)")
        if lost:
            print(f"crash proof: lost, e.g. {lost[:5]}", file=sys.stderr)
        return 0 if not lost and valid and failed_requests == 0 and acknowledged else 1
    finally:
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
