#!/usr/bin/env python3
"""Proof of several instances (docs/OPERATIONS.md, "Several server instances over PostgreSQL"):
two grievance-server instances over one PostgreSQL database, each over its own copy of the data
directory's files, behind the real nginx with the shipped deploy/nginx/grievance.conf (its
upstream naming both), take filings from concurrent clients while one instance, then the other,
is killed with SIGKILL and started again. Meanwhile grievance-cli works the same tables through
either data directory, and every call must succeed. At the end:
  - every acknowledged receipt (201 with a receipt) opens its case through nginx;
  - the cases in the database are those acknowledged, and at most one more for each filing that
    got no answer (an instance may die between its commit and its answer), and the CLI lists
    them all;
  - `grievance-cli audit verify` passes through either data directory, and the log's sequence
    numbers (audit_entries.seq, read with psql) are 0..n-1 with no gap.
Answers 502-504 and cut connections are allowed while an instance is down; they are counted.

Usage: instances.py BIN_DIR POLICIES_DIR [--kills N] [--clients C] [--seconds S] [--seed S]
Needs the PostgreSQL of scripts/lib/postgres.sh (GRIEVANCE_TEST_POSTGRES, its password file and
bin directory): makes a database of its own there as the application's role, which may create
databases, and drops it at the end. The password goes to psql in a pgpass file, never on a
command line. Prints one line of figures and exits 1 on any failure. Loopback only; every
process it starts it stops, and every run is bounded (--seconds plus a few minutes at most).
"""
import argparse
import json
import os
import random
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from nginxkit import Nginx, free_port, make_certificate
from proofkit import DataDirectory, Server, request

UNANSWERED = (0, 502, 503, 504)  # what a client sees of an instance that died under its filing
# After an instance is back, nginx leaves it aside for the rest of the shipped fail_timeout (2 s)
# since its last failure: until then a filing may find no instance it will try. Beyond that,
# an unanswered filing is a failure.
GRACE = 3.0


class Database:
    """A database of its own on the test server, made and dropped as the application's role."""

    def __init__(self, scratch):
        url = os.environ.get("GRIEVANCE_TEST_POSTGRES")
        self.password_file = os.environ.get("GRIEVANCE_TEST_POSTGRES_PASSWORD_FILE")
        self.bin = os.environ.get("GRIEVANCE_TEST_POSTGRES_BIN")
        if not url or not self.password_file or not self.bin:
            raise SystemExit("instances proof: no PostgreSQL: run it from scripts/test, or source scripts/lib/postgres.sh and call postgres_start")
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.user = parts.hostname, parts.port or 5432, parts.username
        self.name = "grievance_instances_" + secrets.token_hex(4)
        self.url = f"postgres://{self.user}@{self.host}:{self.port}/{self.name}"
        with open(self.password_file, encoding="utf-8") as f:
            password = f.read().strip("\n")
        escaped = password.replace("\\", "\\\\").replace(":", "\\:")
        pgpass = os.path.join(scratch, "pgpass")
        with open(os.open(pgpass, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as f:
            f.write(f"{self.host}:{self.port}:*:{self.user}:{escaped}\n")
        self.environment = dict(os.environ, PGPASSFILE=pgpass, PGCONNECT_TIMEOUT="10")
        self.made = False

    def program(self, name, *arguments):
        done = subprocess.run([os.path.join(self.bin, name), "-h", self.host, "-p", str(self.port), "-U", self.user, *arguments],
                              env=self.environment, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise SystemExit(f"instances proof: {name} {' '.join(arguments[:2])}: {done.stderr.strip()}")
        return done.stdout

    def create(self):
        self.program("createdb", "--encoding", "UTF8", self.name)
        self.made = True

    def query(self, sql):
        """The rows of one query, as lists of text."""
        out = self.program("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", self.name, "-c", sql)
        return [line.split("|") for line in out.splitlines() if line]

    def drop(self):
        if self.made:
            self.program("dropdb", "--if-exists", "--force", self.name)
            self.made = False


class Instances:
    """The two server instances, each on a port of its own that it keeps across restarts."""

    def __init__(self, bin_dir, policies, directories, log):
        self.bin_dir, self.policies, self.directories, self.log = bin_dir, policies, directories, log
        self.ports = [free_port() for _ in directories]
        self.servers = [None] * len(directories)

    def start(self, index):
        self.servers[index] = Server(self.bin_dir, self.directories[index].path, self.policies, self.log, port=self.ports[index])

    def kill(self, index):
        self.servers[index].stop(signal.SIGKILL)

    def stop_all(self):
        for server in self.servers:
            if server is not None:
                server.stop()


class Tally:
    """What the clients and the CLI saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = []  # (receipt, reference)
        self.statuses = {}
        self.unanswered_at = []
        self.unexpected = []
        self.cli_calls = 0
        self.cli_failures = []

    def answer(self, status, body):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 201 and body.get("receipt") and body.get("reference"):
                self.acknowledged.append((body["receipt"], body["reference"]))
            elif status in UNANSWERED:
                self.unanswered_at.append(time.monotonic())
            else:
                self.unexpected.append((status, body))

    def cli(self, what, done):
        with self.lock:
            self.cli_calls += 1
            if done.returncode != 0:
                self.cli_failures.append(f"{what}: exit {done.returncode}: {done.stderr.strip()[-300:]}")

    @property
    def unanswered(self):
        return sum(self.statuses.get(status, 0) for status in UNANSWERED)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    if arguments.kills < 1 or arguments.clients < 1 or arguments.seconds < 2 * arguments.kills:
        parser.error("--kills and --clients at least 1, and --seconds at least 2 a kill")
    seed = arguments.seed if arguments.seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)
    began = time.monotonic()

    # The whole run is bounded: setting up, the run, the checks (a follow-up for each receipt)
    # and the clean-up in the finally below, which this alarm does not skip.
    def overrun(*_):
        raise TimeoutError(f"the proof ran past its bound of {bound} s")
    bound = int(arguments.seconds) + 600
    signal.signal(signal.SIGALRM, overrun)
    signal.alarm(bound)

    scratch = tempfile.mkdtemp(prefix="grievance-instances-")
    os.chmod(scratch, 0o755)  # nginx's workers (nobody, when run as root) must reach its folder
    os.environ["XDG_STATE_HOME"] = os.path.join(scratch, "state")  # what the CLI pins stays in here
    log = open(os.path.join(scratch, "servers.log"), "w")
    database = instances = nginx = None
    stop = threading.Event()
    threads = []
    try:
        database = Database(scratch)
        database.create()
        first = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(scratch, "instance-1"), scratch, org="Instances Proof",
                              database=database.url, password_file=database.password_file)
        second = first.copy_to(os.path.join(scratch, "instance-2"))
        directories = [first, second]
        instances = Instances(arguments.bin_dir, arguments.policies, directories, log)
        for index in range(len(directories)):
            instances.start(index)
        nginx_folder = os.path.join(scratch, "nginx")
        os.makedirs(nginx_folder)
        certificate, key = make_certificate(nginx_folder)
        nginx = Nginx(nginx_folder, certificate, key, instances.ports)
        nginx.start()
        tls = ssl.create_default_context(cafile=certificate)
        tally = Tally()

        def post(path, body):
            return request(nginx.tls_port, path, json.dumps(body).encode(), "application/json", timeout=30, tls=tls)

        def file(client):
            index = 0
            while not stop.is_set():
                status, body, _ = post("/api/v1/complaints", {"category": "harassment",
                                                              "description": f"instances proof: client {client}, report {index}"})
                tally.answer(status, body)
                index += 1
                if status != 201:
                    stop.wait(0.1)  # a reporter shown an error files again, if not at once

        def work():
            # A handler's list and the auditor's check, through one data directory then the other.
            commands = [("case", "list", "--json"), ("audit", "verify", "--json")]
            turn = 0
            while not stop.is_set():
                directory = directories[turn % len(directories)]
                command = commands[(turn // len(directories)) % len(commands)]
                done = directory.run(*command, actor="amina")
                tally.cli(f"{' '.join(command)} in {os.path.basename(directory.path)}", done)
                turn += 1
                stop.wait(0.2)

        threads = [threading.Thread(target=file, args=(client,)) for client in range(arguments.clients)]
        threads.append(threading.Thread(target=work))
        for thread in threads:
            thread.start()
        started = time.monotonic()
        period = arguments.seconds / arguments.kills
        outages = []  # (killed, back)
        for kill in range(arguments.kills):
            # One kill a period, at a random moment in its first half; down for up to 1.5 s.
            time.sleep(max(0.0, started + period * (kill + rng.uniform(0.1, 0.5)) - time.monotonic()))
            victim = kill % len(directories)
            killed = time.monotonic()
            instances.kill(victim)
            time.sleep(rng.uniform(0.2, 1.5))
            instances.start(victim)
            outages.append((killed, time.monotonic()))
        time.sleep(max(0.0, started + arguments.seconds - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join()
        threads = []

        # Every acknowledged receipt opens its case, both instances up, through nginx.
        failures = []
        lost = []
        pending = list(tally.acknowledged)
        pending_lock = threading.Lock()

        def follow_up():
            while True:
                with pending_lock:
                    if not pending:
                        return
                    receipt, reference = pending.pop()
                status, body, _ = post("/api/v1/follow-up", {"receipt": receipt})
                if status != 200 or body.get("reference") != reference:
                    with pending_lock:
                        lost.append((reference, status))

        checkers = [threading.Thread(target=follow_up) for _ in range(min(arguments.clients, 8))]
        for thread in checkers:
            thread.start()
        for thread in checkers:
            thread.join()
        if lost:
            failures.append(f"{len(lost)} acknowledged receipts do not open their case, e.g. {lost[:5]}")
        references = {reference for _, reference in tally.acknowledged}
        if len(references) != len(tally.acknowledged):
            failures.append(f"{len(tally.acknowledged) - len(references)} references were acknowledged twice")

        instances.stop_all()
        cases = int(database.query("SELECT count(*) FROM cases")[0][0])
        stored = {row[0] for row in database.query("SELECT reference FROM cases")}
        if not references <= stored:
            failures.append(f"acknowledged but not in the database: {sorted(references - stored)[:5]}")
        if not len(references) <= cases <= len(references) + tally.unanswered:
            failures.append(f"{cases} cases in the database for {len(references)} acknowledged and {tally.unanswered} unanswered filings")
        listed = first.run("case", "list", "--json", actor="amina")
        tally.cli("case list in instance-1, at the end", listed)
        if listed.returncode == 0 and len(json.loads(listed.stdout)) != cases:
            failures.append(f"the handler's case list shows {len(json.loads(listed.stdout))} cases, the database holds {cases}")
        sequence = [int(row[0]) for row in database.query("SELECT seq FROM audit_entries ORDER BY seq")]
        if sequence != list(range(len(sequence))):
            gaps = sorted(set(range(sequence[-1] + 1 if sequence else 0)) - set(sequence))
            failures.append(f"the audit log's sequence numbers are not 0..{len(sequence) - 1}: missing {gaps[:10]}")
        for directory in directories:
            verified = directory.run("audit", "verify", "--json")
            tally.cli(f"audit verify in {os.path.basename(directory.path)}, at the end", verified)
            report = json.loads(verified.stdout or "{}")
            if not report.get("valid") or report.get("entries") != len(sequence):
                failures.append(f"audit verify in {directory.path}: {verified.stdout.strip()[:300]} {verified.stderr.strip()[:300]}")
        if tally.cli_failures:
            failures.append(f"{len(tally.cli_failures)} of {tally.cli_calls} CLI calls failed, e.g. {tally.cli_failures[:3]}")
        stray = [at for at in tally.unanswered_at if not any(killed <= at <= back + GRACE for killed, back in outages)]
        if stray:
            failures.append(f"{len(stray)} filings unanswered while both instances were up, e.g. {[round(at - started, 1) for at in stray[:5]]} s in")
        if tally.unexpected:
            failures.append(f"{len(tally.unexpected)} answers neither 201 nor an instance's absence, e.g. {tally.unexpected[:3]}")
        if not tally.acknowledged:
            failures.append("no filing was acknowledged")

        unanswered = ", ".join(f"{count} {'cut connections' if status == 0 else status}"
                               for status, count in sorted(tally.statuses.items()) if status in UNANSWERED) or "none"
        print(f"instances proof: seed {seed}; 2 instances behind nginx; {arguments.kills} kills (down {min(b - k for k, b in outages):.1f}-{max(b - k for k, b in outages):.1f} s); "
              f"{arguments.clients} clients for {arguments.seconds:g} s; {len(tally.acknowledged)} filings acknowledged, every receipt "
              f"{'opens its case' if not lost else 'NOT'}; {cases} cases stored; unanswered: {unanswered}; "
              f"CLI calls {tally.cli_calls - len(tally.cli_failures)} of {tally.cli_calls} succeeded; audit log of {len(sequence)} entries "
              f"{'gapless and verifies' if not failures else 'checked'}; {time.monotonic() - began:.0f} s in all; {'PASS' if not failures else 'FAIL'}")
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        return 1 if failures else 0
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        if nginx is not None:
            nginx.stop()
        if instances is not None:
            instances.stop_all()
        signal.alarm(0)
        try:
            if database is not None:
                database.drop()
        finally:
            log.close()
            if sys.exc_info()[0] is not None:
                with open(log.name, encoding="utf-8", errors="replace") as f:
                    print(f"instances proof: the servers' last words:\n{f.read()[-3000:]}", file=sys.stderr)
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
