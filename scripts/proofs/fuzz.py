#!/usr/bin/env python3
"""The coverage-guided fuzzing proof: libFuzzer over every parser written here — the procedure
file, signed notes, checkpoints and keys, the audit export, receipts and references
(grievance-fuzz), and what a client sends the server: the urlencoded form, the JSON complaint and
the multipart form with files, streamed in chunks of every size (grievance-server built for
fuzzing). Seeds are real: the shipped procedure, and a checkpoint, key and export made by
grievance-cli on a scratch data directory. The corpus grows in .build/fuzz-corpus between runs.

A crash, a failed precondition (a 5xx, a spool file left behind, a value that does not read back
as written), a hang over 10 seconds (--timeout) or memory over 2 GB is a finding: the input is kept in
artifacts/fuzz/ and the proof fails. Replay it with the harness, which runs a file named in place of
a folder once (the server's targets need GRIEVANCE_DATA_DIR, a data directory to spool into):
  .build/fuzz/release/grievance-server multipart artifacts/fuzz/FILE   (.build/fuzz-quick/... after --quick)
and grievance-fuzz's targets with the ordinary build too:
  .build/debug/grievance-fuzz procedure artifacts/fuzz/FILE

Usage: fuzz.py FUZZ_BIN BIN POLICIES [--seconds N] [--targets a,b] [--jobs N] [--timeout S]
  FUZZ_BIN holds the harnesses built by scripts/fuzz; BIN the ordinary grievance-cli."""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofkit import DataDirectory  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Target: (harness, the longest input it is given).
TARGETS = {
    "procedure": ("grievance-fuzz", 32768),
    "note": ("grievance-fuzz", 4096),
    "checkpoint": ("grievance-fuzz", 4096),
    "vkey": ("grievance-fuzz", 1024),
    "audit-export": ("grievance-fuzz", 65536),
    "receipt": ("grievance-fuzz", 256),
    "reference": ("grievance-fuzz", 256),
    "form": ("grievance-server", 16384),
    "complaint": ("grievance-server", 16384),
    "multipart": ("grievance-server", 131072),
}
BOUNDARY = b"fuzz-boundary"


def seeds(data, policies):
    """A few real inputs for each target."""
    vkey = data.run("audit", "key").stdout.strip()
    checkpoint = data.run("audit", "checkpoint").stdout
    export = data.run("audit", "export").stdout
    with open(os.path.join(policies, "grievance-procedure.yaml"), "rb") as f:
        procedure = f.read()
    complaint = (b'{"category": "harassment", "description": "What happened.", "event": "congress-2027", '
                 b'"region": "africa", "language": "pt-BR", "urgent": false, "exclude_handlers": ["amina"], '
                 b'"contact_consent": {"email": true}, "reporter_contact": "someone@example.org", "gender": null}')
    form = (b"category=harassment&description=What+happened%2C+in+my+words.&event=congress-2027"
            b"&region=africa&exclude_handlers=amina&urgent=on&consent_email=on&language=fr")

    def part(headers, body):
        return b"--" + BOUNDARY + b"\r\n" + headers + b"\r\n\r\n" + body + b"\r\n"
    multipart = (part(b'Content-Disposition: form-data; name="category"', b"harassment")
                 + part(b'Content-Disposition: form-data; name="description"', b"What happened.")
                 + part(b'Content-Disposition: form-data; name="attachments"; filename="photo.jpg"\r\nContent-Type: image/jpeg',
                        bytes(range(256)) * 8)
                 + part(b'Content-Disposition: form-data; name="attachments"; filename=""\r\nContent-Type: application/octet-stream', b"")
                 + b"--" + BOUNDARY + b"--\r\n")
    return {
        "procedure": [procedure],
        "note": [checkpoint.encode()],
        "checkpoint": [checkpoint.encode()],
        "vkey": [vkey.encode()],
        "audit-export": [(vkey + "\n" + export).encode()],
        "receipt": [b"ABCDE-FGHJK-MNPQR-STVWX", b"abcde fghjk mnpqr stvwx", b"0O1IL-ABCDE-FGHJK-MNPQR"],
        "reference": [b"GRV-ABCD1234", b"grv-abcd1234", b"ABCD1234"],
        "form": [form],
        "complaint": [complaint],
        # The first byte is the size of the chunks the body arrives in, less one.
        "multipart": [bytes([size]) + multipart for size in (0, 6, 63, 255)],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fuzz_bin")
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    parser.add_argument("--seconds", type=int, default=20, help="time for each target")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated; default all")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take before it counts as a hang")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="targets fuzzed at once (default: one a core)")
    arguments = parser.parse_args()
    chosen = [t for t in arguments.targets.split(",") if t]
    unknown = [t for t in chosen if t not in TARGETS]
    if unknown:
        raise SystemExit(f"unknown targets {unknown}; there are {list(TARGETS)}")

    artifacts = os.path.join(ROOT, "artifacts", "fuzz")
    os.makedirs(artifacts, exist_ok=True)
    results, failures = [], []
    with tempfile.TemporaryDirectory(prefix="grievance-fuzz-") as scratch:
        data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(scratch, "data"), scratch)
        data.run("event", "add", "congress-2027", "--name", "Congress 2027", "--type", "congress", "--starts", "2027-05-10",
                 "--ends", "2027-05-14", "--city", "Nairobi", "--country", "KE")
        made = seeds(data, arguments.policies)
        environment = dict(os.environ, GRIEVANCE_DATA_DIR=data.path, SWIFT_BACKTRACE="enable=no")
        def fuzz(target):
            """Runs one target for its time; returns its line and its failure, if any."""
            harness, max_len = TARGETS[target]
            corpus = os.path.join(ROOT, ".build", "fuzz-corpus", target)
            os.makedirs(corpus, exist_ok=True)
            for number, seed in enumerate(made[target]):
                with open(os.path.join(corpus, f"seed-{number}"), "wb") as f:
                    f.write(seed)
            found = os.path.join(scratch, f"found-{target}")
            os.makedirs(found)
            run = subprocess.run(
                [os.path.join(arguments.fuzz_bin, harness), target, corpus, f"-max_total_time={arguments.seconds}",
                 f"-timeout={arguments.timeout}", "-rss_limit_mb=2048", f"-max_len={max_len}", "-print_final_stats=1",
                 f"-artifact_prefix={found}/"],
                env=environment, capture_output=True, text=True, errors="replace")
            runs = re.findall(r"stat::number_of_executed_units:\s+(\d+)", run.stderr)
            coverage = re.findall(r"cov: (\d+)", run.stderr)
            corpus_size = len(os.listdir(corpus))
            line = f"{target} {int(runs[-1]) if runs else 0:,} runs, {coverage[-1] if coverage else '?'} edges, corpus {corpus_size}"
            kept = []
            for name in os.listdir(found):
                destination = os.path.join(artifacts, f"{target}-{name}")
                shutil.copy(os.path.join(found, name), destination)
                kept.append(destination)
            if run.returncode != 0 or kept:
                reason = re.findall(r"(==\d+== ERROR: libFuzzer: [^\n]+|Fatal error: [^\n]+|Precondition failed[^\n]*)", run.stderr)
                print(run.stderr[-4000:], file=sys.stderr)
                return line, f"{target}: {reason[0] if reason else 'exit ' + str(run.returncode)}; input kept in {', '.join(kept) or '(none)'}"
            return line, None

        # Targets run side by side, one a core: each still has its seconds of one core, and the
        # server's targets share nothing but the data directory, which only multipart spools into.
        with concurrent.futures.ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
            for line, failure in pool.map(fuzz, chosen):
                results.append(line)
                if failure:
                    failures.append(failure)
    print("fuzz proof: libFuzzer, " + f"{arguments.seconds} s a target: " + "; ".join(results))
    if failures:
        print("fuzz proof: FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"fuzz proof: {len(chosen)} targets, no crash, no hang, no 5xx, no spool file left")


if __name__ == "__main__":
    main()
