#!/usr/bin/env python3
"""Backup proof: reporters file over HTTP while `grievance-cli backup create` runs again and
again beside the server. Every backup must verify with the recovery key; the last one, restored
as a new data directory under a second server, must answer every receipt acknowledged before
that backup began, and verify its log. No complaint's words may appear in any backup file.

Usage: backup.py BIN_DIR POLICIES_DIR [--backups N] [--clients C]
Prints one line of figures, and exits 1 on any failure. Loopback only; every server it starts,
it stops.
"""
import argparse
import glob
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from proofkit import DataDirectory, Server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    parser.add_argument("--backups", type=int, default=4)
    parser.add_argument("--clients", type=int, default=6)
    arguments = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="grievance-backup-")
    marker = "BACKUP-PROOF-" + secrets.token_hex(8)
    data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(scratch, "data"), scratch, org="Backup Proof")
    recovery_key = glob.glob(os.path.join(scratch, "recovery-key-*.txt"))[0]
    cli = os.path.join(arguments.bin_dir, "grievance-cli")
    # Nobody acting and no passphrase: a timer's environment.
    bare = {k: v for k, v in os.environ.items() if not k.startswith("GRIEVANCE_")}
    acknowledged = []  # (receipt, reference, time)
    lock = threading.Lock()
    failures = []
    log = open(os.path.join(scratch, "server.log"), "w")
    servers = []
    try:
        server = Server(arguments.bin_dir, data.path, arguments.policies, log)
        servers.append(server)
        stop = threading.Event()

        def file(client):
            index = 0
            while not stop.is_set():
                status, body, _ = server.post("/api/v1/complaints", {"category": "harassment",
                                                                      "description": f"{marker} client {client} report {index}"})
                if status == 201:
                    with lock:
                        acknowledged.append((body["receipt"], body["reference"], time.monotonic()))
                index += 1

        threads = [threading.Thread(target=file, args=(client,)) for client in range(arguments.clients)]
        for thread in threads:
            thread.start()
        backups = []  # (path, began)
        for index in range(arguments.backups):
            time.sleep(0.5)
            path = os.path.join(scratch, f"backup-{index}.backup")
            began = time.monotonic()
            made = subprocess.run([cli, "backup", "create", "--out", path, "--json", "--data-dir", data.path],
                                  capture_output=True, text=True, env=bare)
            if made.returncode != 0:
                failures.append(f"backup create {index}: {made.stderr.strip()}")
                continue
            backups.append((path, began))
        time.sleep(0.3)
        stop.set()
        for thread in threads:
            thread.join()
        server.stop()

        for path, began in backups:
            with open(path, "rb") as f:
                if marker.encode() in f.read():
                    failures.append(f"{path} holds a complaint's words in clear")
            verified = subprocess.run([cli, "backup", "verify", path, "--recovery-key", recovery_key, "--json"],
                                      capture_output=True, text=True, env=bare)
            if verified.returncode != 0:
                failures.append(f"backup verify {path}: {verified.stderr.strip()}")
                continue
            before = sum(1 for _, _, at in acknowledged if at < began)
            if json.loads(verified.stdout)["cases"] < before:
                failures.append(f"{path} holds fewer cases than were acknowledged before it began ({before})")

        answered = 0
        if backups:
            path, began = backups[-1]
            restored = os.path.join(scratch, "restored")
            done = subprocess.run([cli, "backup", "restore", path, "--recovery-key", recovery_key, "--data-dir", restored],
                                  capture_output=True, text=True, env=bare)
            if done.returncode != 0:
                failures.append(f"backup restore: {done.stderr.strip()}")
            else:
                second = Server(arguments.bin_dir, restored, arguments.policies, log)
                servers.append(second)
                for receipt, reference, at in acknowledged:
                    if at >= began:
                        continue
                    status, body, _ = second.post("/api/v1/follow-up", {"receipt": receipt})
                    if status != 200 or body.get("reference") != reference:
                        failures.append(f"receipt for {reference} answered {status} after the restore")
                    else:
                        answered += 1
                second.stop()
                check = subprocess.run([cli, "audit", "verify", "--json", "--data-dir", restored], capture_output=True, text=True,
                                       env=dict(bare, XDG_STATE_HOME=os.path.join(scratch, "state")))
                if not json.loads(check.stdout or "{}").get("valid"):
                    failures.append(f"the restored log does not verify: {check.stdout} {check.stderr}")
        print(f"backup proof: {len(acknowledged)} filings acknowledged during {len(backups)} backups; "
              f"{answered} receipts answered after the restore; {'FAIL' if failures else 'PASS'}")
        for failure in failures[:20]:
            print("  " + failure)
        return 1 if failures or not backups or answered == 0 else 0
    finally:
        for server in servers:
            server.stop()
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
