#!/usr/bin/env python3
"""The hostile-input proof over HTTP: schemathesis against docs/openapi.yaml and the running server,
every check, every phase — examples, coverage, fuzzing and the stateful phase, which follows the
document's links from a filing to its follow-up and reply.

The document lists what every deployment takes (the shipped categories, roles, regions and
limits). Two lists belong to a deployment instead: its events and its handlers. Before the run
this proof reads them from the server's GET /api/v1/intake-options and writes them into a copy of
the document as enums, as the organisation would for a client of its own, and it fails if the
document's categories are not the server's. Anything the server then refuses that the document
allowed, or allows that it forbade, is a failure, as is any 5xx.

Usage: run with the Python that has schemathesis (scripts/lib/proof-venv.sh makes one):
  schema.py BIN_DIR POLICIES [--max-examples N] [--seed N]
Prints one line of figures: operations, requests, 5xx, failures."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofkit import DataDirectory, Server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fail(message):
    print(f"schema proof: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def deployment_document(document, options):
    """The document with this deployment's events and handlers as enums; its categories checked."""
    schema = document["components"]["schemas"]["Complaint"]["properties"]
    stated = set(schema["category"]["enum"])
    served = {category["id"] for category in options["categories"]}
    if stated != served:
        fail(f"the document's categories {sorted(stated)} are not the server's {sorted(served)}")
    schema["event"]["enum"] = [event["slug"] for event in options["events"]] + [None]
    schema["exclude_handlers"]["items"]["enum"] = [handler["id"] for handler in options["handlers"]]
    return document


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    parser.add_argument("--max-examples", type=int, default=40, help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="grievance-schema-") as scratch:
        data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(scratch, "data"), scratch)
        added = data.run("event", "add", "congress-2027", "--name", "Congress 2027", "--type", "congress",
                         "--starts", "2027-05-10", "--ends", "2027-05-14", "--city", "Nairobi", "--country", "KE")
        if added.returncode != 0:
            fail(f"event add: {added.stderr}")
        log_path = os.path.join(scratch, "server.log")
        with open(log_path, "a") as log:
            server = Server(arguments.bin_dir, data.path, arguments.policies, log)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/api/v1/intake-options", timeout=10) as answer:
                    options = json.load(answer)
                with open(os.path.join(ROOT, "docs", "openapi.yaml")) as f:
                    document = deployment_document(yaml.safe_load(f), options)
                derived = os.path.join(scratch, "openapi.yaml")
                with open(derived, "w") as f:
                    yaml.safe_dump(document, f, sort_keys=False, allow_unicode=True)
                # A body over 256 KiB is refused whole with 413, which the document states but
                # no schema can express: each field may be at its limit, not all of them at once.
                # Schemathesis counts 413 neither as a rejection nor as an acceptance by default.
                config = os.path.join(scratch, "schemathesis.toml")
                with open(config, "w") as f:
                    f.write("[checks.negative_data_rejection]\n"
                            "expected-statuses = [400, 404, 405, 413, 415, 422, 429]\n"
                            "[checks.positive_data_acceptance]\n"
                            "expected-statuses = [\"2xx\", 404, 413, 429]\n")
                report = os.path.join(scratch, "report.ndjson")
                command = [os.path.join(os.path.dirname(sys.executable), "schemathesis"), "--config-file", config, "run", derived,
                           "--url", f"http://127.0.0.1:{server.port}", "--checks", "all",
                           "--phases", "examples,coverage,fuzzing,stateful",
                           "--max-examples", str(arguments.max_examples), "--workers", "2",
                           "--request-timeout", "40", "--generation-database", "none",
                           "--no-color", "--report", "ndjson", "--report-ndjson-path", report]
                if arguments.seed is not None:
                    command += ["--seed", str(arguments.seed)]
                run = subprocess.run(command, capture_output=True, text=True, cwd=scratch)
            finally:
                server.stop()
        statuses = {}
        with open(report) as f:
            for line in f:
                for status in re.findall(r'"status_code": ?(\d{3})', line):
                    statuses[int(status)] = statuses.get(int(status), 0) + 1
        with open(log_path, errors="replace") as f:
            problems = [f"the server logged: {line.strip()}" for line in f if "Fatal error" in line or "internal error" in line.lower()]
        links = re.search(r"API Links:\s+(\d+) covered / \d+ selected / (\d+) total", run.stdout)
        scenarios = re.search(r"Scenarios:\s+(\d+)", run.stdout)
        seed = re.search(r"Seed: (\d+)", run.stdout)
        requests = sum(statuses.values())
        server_errors = sum(count for status, count in statuses.items() if status >= 500)
        summary = (f"{requests} requests ({', '.join(f'{s}: {c}' for s, c in sorted(statuses.items()))}); "
                   f"5xx {server_errors}; schemathesis exit {run.returncode}")
        if links and links.group(1) != links.group(2):
            problems.append(f"the stateful phase followed {links.group(1)} of the document's {links.group(2)} links")
        if run.returncode != 0 or server_errors or problems or requests == 0 or not links or server.process.returncode not in (0, -15):
            # Schemathesis shows each failing request whole; a generated body can be megabytes.
            print("\n".join(line if len(line) <= 500 else line[:500] + " …" for line in run.stdout.splitlines()))
            print(run.stderr[-3000:], file=sys.stderr)
            fail("; ".join([summary] + problems))
        if os.environ.get("SCHEMA_PROOF_VERBOSE"):
            print(run.stdout)
        print(f"schema proof: schemathesis {schemathesis_version()}, every check and phase; the stateful phase ran "
              f"{scenarios.group(1) if scenarios else '?'} scenarios over all {links.group(2)} of the document's links; "
              f"{summary}; seed {seed.group(1) if seed else '?'}")


def schemathesis_version():
    out = subprocess.run([os.path.join(os.path.dirname(sys.executable), "schemathesis"), "--version"],
                         capture_output=True, text=True).stdout
    return out.strip().split()[-1] if out else "?"


if __name__ == "__main__":
    main()
