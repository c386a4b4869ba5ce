#!/usr/bin/env python3
"""Disk proof: the data directory on a real small disk that fills up, and on a filesystem the
kernel turns read-only under the running server (as it does after a disk error). Each time:
every answer is a 201 or a clear 503 with Retry-After, never another 5xx; a handler's command
says in one line what is wrong and that nothing was changed; nothing half-written remains (no
spool file, SQLite's integrity check); and once the disk takes writes again, filing resumes,
every receipt acknowledged before opens its case, and the audit log verifies.

Usage: disk.py BIN_DIR POLICIES_DIR. Needs root, to mount a tmpfs and an ext4 loop device; says
"skipped" and why when it cannot mount. Loopback only; unmounts what it mounted.
"""
import argparse
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from proofkit import DataDirectory, Server, request


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def mount(*arguments):
    return subprocess.run(["mount", *arguments], capture_output=True, text=True)


def file_one(server, number, label):
    return server.post("/api/v1/complaints", {"category": "harassment", "description": f"disk proof: {label} {number}"})


def file_with_attachment(server):
    boundary = "diskproofboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nharassment\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\ndisk proof: with a file\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"photo.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + os.urandom(512 * 1024) + f"\r\n--{boundary}--\r\n".encode()
    return request(server.port, "/complaints", body, f"multipart/form-data; boundary={boundary}")


def refused_clearly(answer):
    status, body, headers = answer
    return status == 503 and body.get("error", {}).get("code", body.get("code")) in (None, "unavailable") and "Retry-After" in headers


def check_afterwards(data, server, acknowledged):
    """Every acknowledged receipt opens its case; nothing half-written; the log verifies."""
    for receipt, reference in acknowledged:
        status, body, _ = server.post("/api/v1/follow-up", {"receipt": receipt})
        expect(status == 200 and body.get("reference") == reference, f"receipt of {reference} answered {status} afterwards")
    spool = os.path.join(data.path, "spool")
    leftovers = os.listdir(spool) if os.path.isdir(spool) else []
    expect(not leftovers, f"spool files left behind: {leftovers}")
    with sqlite3.connect(f"file:{os.path.join(data.path, 'grievance.sqlite')}?mode=ro", uri=True) as database:
        integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
    expect(integrity == "ok", f"integrity check: {integrity}")
    valid, entries = data.verify()
    expect(valid, "the audit log does not verify")
    return entries


def cli_refusal(data, reference, marker):
    """A handler's note on a disk that takes no write: one line, nothing changed."""
    note = data.run("case", "note", reference, "--text", marker, actor="amina")
    lines = [line for line in note.stderr.splitlines() if line.strip()]
    expect(note.returncode != 0, "a note was written on a disk that takes no write")
    expect(lines and "nothing was changed" in lines[0], f"the handler was told: {note.stderr!r}")
    return lines[0]


def file_twenty(server, when):
    """Twenty filings that must each be acknowledged: their (receipt, reference)."""
    acknowledged = []
    for number in range(20):
        status, body, _ = file_one(server, number, "before")
        expect(status == 201, f"filing {when} answered {status}")
        acknowledged.append((body["receipt"], body["reference"]))
    return acknowledged


def full_disk(arguments, scratch, log):
    """A tmpfs of 48 MB, filled by a ballast file while the server runs."""
    disk = os.path.join(scratch, "full")
    os.mkdir(disk)
    mounted = mount("-t", "tmpfs", "-o", "size=48m,mode=0700", "tmpfs", disk)
    if mounted.returncode != 0:
        return f"skipped: cannot mount a tmpfs ({mounted.stderr.strip()})"
    try:
        data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(disk, "data"), scratch)
        # No floor: the storage itself meets the full disk.
        server = Server(arguments.bin_dir, data.path, arguments.policies, log, "--free-space-floor", "0")
        try:
            acknowledged = file_twenty(server, "before the disk filled")
            ballast = os.path.join(disk, "ballast")
            with open(ballast, "wb", buffering=0) as f:
                chunk = 1 << 20
                while chunk >= 512:
                    try:
                        f.write(b"\0" * chunk)
                    except OSError as error:
                        expect(error.errno == errno.ENOSPC, f"filling the disk: {error}")
                        chunk //= 2
            # SQLite reuses the room its WAL already has, so a few filings may still fit: each
            # is then acknowledged and kept. The disk is full once one is refused.
            statuses = {}
            refused = 0
            for number in range(2000):
                answer = file_one(server, number, "full")
                statuses[answer[0]] = statuses.get(answer[0], 0) + 1
                if answer[0] == 201:
                    acknowledged.append((answer[1]["receipt"], answer[1]["reference"]))
                    continue
                expect(refused_clearly(answer), f"a filing on the full disk answered {answer[0]} {answer[1]}")
                refused += 1
                if refused == 20:
                    break
            expect(refused == 20, f"the disk never refused a filing: {statuses}")
            upload = file_with_attachment(server)
            expect(upload[0] == 503 and "Retry-After" in upload[2], f"a form with a file on the full disk answered {upload[0]}")
            told = cli_refusal(data, acknowledged[0][1], "disk proof: a note on a full disk")
            os.unlink(ballast)
            status, body, _ = file_one(server, 0, "after")
            expect(status == 201, f"filing after space returned answered {status}")
            acknowledged.append((body["receipt"], body["reference"]))
            upload = file_with_attachment(server)
            expect(upload[0] == 201, f"a form with a file after space returned answered {upload[0]}")
            entries = check_afterwards(data, server, acknowledged)
        finally:
            server.stop()
        return (f"full disk: {len(acknowledged)} filings acknowledged and all open afterwards; {refused} refused with 503 and "
                f"Retry-After, 0 other failures ({statuses}); a form with a file refused, then filed once space returned; "
                f"the handler told \"{told}\"; no spool file; integrity ok; audit log verifies ({entries} entries)")
    finally:
        subprocess.run(["umount", "--lazy", disk], capture_output=True)


def read_only(arguments, scratch, log):
    """An ext4 loop device mounted with errors=remount-ro, made read-only by a disk error the
    kernel is told of while the server runs; repaired with e2fsck and mounted again."""
    image = os.path.join(scratch, "disk.img")
    disk = os.path.join(scratch, "ro")
    os.mkdir(disk)
    with open(image, "wb") as f:
        f.truncate(96 << 20)
    made = subprocess.run(["mkfs.ext4", "-q", image], capture_output=True, text=True)
    if made.returncode != 0:
        return f"skipped: mkfs.ext4 failed ({made.stderr.strip()})"
    mounted = mount("-o", "loop,errors=remount-ro", image, disk)
    if mounted.returncode != 0:
        return f"skipped: cannot mount a loop device ({mounted.stderr.strip()})"
    try:
        device = os.path.basename(subprocess.run(["findmnt", "-no", "SOURCE", disk], capture_output=True, text=True).stdout.strip())
        trigger = f"/sys/fs/ext4/{device}/trigger_fs_error"
        if not os.path.exists(trigger):
            return f"skipped: this kernel has no {trigger}"
        data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(disk, "data"), scratch)
        server = Server(arguments.bin_dir, data.path, arguments.policies, log, "--free-space-floor", "0")
        try:
            acknowledged = file_twenty(server, "before the error")
            with open(trigger, "w") as f:
                f.write("disk proof")
            options = subprocess.run(["findmnt", "-no", "OPTIONS", disk], capture_output=True, text=True).stdout
            expect("ro" in options.split(",") or "emergency_ro" in options, f"the filesystem did not turn read-only: {options}")
            refused = 0
            for number in range(20):
                answer = file_one(server, number, "read-only")
                expect(refused_clearly(answer), f"a filing on the read-only disk answered {answer[0]} {answer[1]}")
                refused += 1
            # A follow-up is logged, and the log cannot be written: refused the same way, or
            # answered if SQLite kept it in memory, but never a failure of another kind.
            follow_up = server.post("/api/v1/follow-up", {"receipt": acknowledged[0][0]})
            expect(follow_up[0] in (200, 503), f"a follow-up on the read-only disk answered {follow_up[0]}")
            told = cli_refusal(data, acknowledged[0][1], "disk proof: a note on a read-only disk")
        finally:
            server.stop()
        subprocess.run(["umount", disk], check=True)
        repaired = subprocess.run(["e2fsck", "-fy", image], capture_output=True, text=True)
        expect(repaired.returncode in (0, 1), f"e2fsck: {repaired.returncode} {repaired.stdout[-300:]}")
        expect(mount("-o", "loop,errors=remount-ro", image, disk).returncode == 0, "the repaired disk did not mount")
        server = Server(arguments.bin_dir, data.path, arguments.policies, log, "--free-space-floor", "0")
        try:
            status, body, _ = file_one(server, 0, "after")
            expect(status == 201, f"filing after the disk was repaired answered {status}")
            acknowledged.append((body["receipt"], body["reference"]))
            entries = check_afterwards(data, server, acknowledged)
        finally:
            server.stop()
        return (f"read-only: {len(acknowledged)} filings acknowledged and all open afterwards; {refused} refused with 503 and "
                f"Retry-After while read-only; a follow-up answered {follow_up[0]}; the handler told \"{told}\"; "
                f"after e2fsck and a new mount, filing resumed; integrity ok; audit log verifies ({entries} entries)")
    finally:
        subprocess.run(["umount", "--lazy", disk], capture_output=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    arguments = parser.parse_args()
    if os.geteuid() != 0:
        print("disk proof: skipped: needs root, to mount a tmpfs and a loop device")
        return 0
    scratch = tempfile.mkdtemp(prefix="grievance-disk-")
    log = open(os.path.join(scratch, "server.log"), "w")
    try:
        for proof in (full_disk, read_only):
            print(f"disk proof: {proof(arguments, scratch, log)}")
        return 0
    except Failure as failure:
        print(f"disk proof: FAILED: {failure}; the server's log follows", file=sys.stderr)
        log.flush()
        with open(log.name) as f:
            sys.stderr.write(f.read()[-4000:])
        return 1
    finally:
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
