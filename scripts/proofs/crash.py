#!/usr/bin/env python3
"""Crash proof: reporters file over HTTP while grievance-server is killed with SIGKILL at random
moments and started again. Once the receipt is on the screen the complaint must exist, intact:
every receipt the server returned must open its case afterwards, and the audit log must verify.

Usage: crash.py BIN_DIR POLICIES_DIR --kills N [--clients C] [--seed S]
Prints one line of figures, and exits 1 if any acknowledged filing was lost or the log fails.
Loopback only; every server it starts, it stops.
"""
import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request


def start(bin_dir, data, policies, log):
    log.flush()
    offset = os.path.getsize(log.name)
    process = subprocess.Popen(
        [os.path.join(bin_dir, "grievance-server"), "--data-dir", data, "--port", "0", "--policies", policies,
         "--filing-burst", "1000000", "--filing-interval", "0.000001", "--follow-up-burst", "1000000", "--follow-up-interval", "0.000001"],
        stdout=log, stderr=subprocess.STDOUT, env={k: v for k, v in os.environ.items() if not k.startswith("GRIEVANCE_")})
    deadline = time.time() + 30
    while time.time() < deadline:
        with open(log.name, encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            ports = re.findall(r"listening on 127\.0\.0\.1:(\d+)", f.read())
        if ports:
            return process, int(ports[-1])
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise SystemExit("crash proof: the server did not start")


def post(port, path, body, timeout=10):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError, ValueError):
        # The connection was cut (by a kill): no receipt reached the reporter.
        return 0, {}


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
    data = os.path.join(scratch, "data")
    cli = os.path.join(arguments.bin_dir, "grievance-cli")
    environment = dict(os.environ, GRIEVANCE_DATA_DIR=data, GRIEVANCE_PASSPHRASE=secrets.token_urlsafe(18))
    subprocess.run([cli, "init", "--org", "Crash Proof", "--admin", "rosa", "--key-cost", "interactive",
                    "--policy", os.path.join(arguments.policies, "grievance-procedure.yaml"),
                    "--recovery-key-out", os.path.join(scratch, "recovery-key.txt")], env=environment, check=True, stdout=subprocess.DEVNULL)
    acknowledged = []  # (receipt, reference)
    lock = threading.Lock()
    statuses = {}
    log = open(os.path.join(scratch, "server.log"), "w")
    try:
        for round_number in range(arguments.kills + 1):
            process, port = start(arguments.bin_dir, data, arguments.policies, log)
            stop = threading.Event()

            def file(client):
                index = 0
                while not stop.is_set():
                    status, body = post(port, "/api/v1/complaints",
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
            process.send_signal(signal.SIGKILL if round_number < arguments.kills else signal.SIGTERM)
            stop.set()
            process.wait()
            for thread in threads:
                thread.join()
        # Every receipt the server returned opens its case, after all the kills.
        process, port = start(arguments.bin_dir, data, arguments.policies, log)
        lost = []
        try:
            for receipt, reference in acknowledged:
                status, body = post(port, "/api/v1/follow-up", {"receipt": receipt})
                if status != 200 or body.get("reference") != reference:
                    lost.append((reference, status))
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait()
        verify = subprocess.run([cli, "audit", "verify", "--json"], env=environment, capture_output=True, text=True)
        report = json.loads(verify.stdout or "{}")
        failed_requests = sum(count for status, count in statuses.items() if status not in (201, 0))
        print(f"crash proof: seed {seed}; {arguments.kills} kills; {arguments.clients} clients; {len(acknowledged)} filings acknowledged; "
              f"lost {len(lost)}; connections cut by the kills {statuses.get(0, 0)}; other failures {failed_requests}; "
              f"audit log {'verifies' if report.get('valid') else 'FAILS'} ({report.get('entries', '?')} entries)")
        if lost:
            print(f"crash proof: lost, e.g. {lost[:5]}", file=sys.stderr)
        return 0 if not lost and report.get("valid") and failed_requests == 0 and acknowledged else 1
    finally:
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
