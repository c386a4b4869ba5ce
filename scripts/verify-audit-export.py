#!/usr/bin/env python3
"""Verify a Grievance audit-log export offline, with the log's public key alone.

An independent implementation of docs/AUDIT-FORMAT.md, using only Python's standard library,
so that an auditor need not trust the Swift code to check the log it produced.

    verify-audit-export.py EXPORT --log-key VKEY [--witness-key VKEY ...] [--checkpoint FILE ...]
    verify-audit-export.py --vectors DIR

Prints "ok: ..." and exits 0, or prints the first failure ("chain break at 17", "truncated below
checkpoint 40", ...) and exits 1. A file that is not an export at all exits 2.
"""
import argparse
import base64
import hashlib
import os
import sys
import unicodedata

# --- Ed25519 verification: the reference code of RFC 8032, section 6 (verification only). -------
_p = 2**255 - 19
_q = 2**252 + 27742317777372353535851937790883648493
_d = -121665 * pow(121666, _p - 2, _p) % _p
_sqrt_m1 = pow(2, (_p - 1) // 4, _p)


def _inv(x):
    return pow(x, _p - 2, _p)


def _point_add(P, Q):
    A, B = (P[1] - P[0]) * (Q[1] - Q[0]) % _p, (P[1] + P[0]) * (Q[1] + Q[0]) % _p
    C, D = 2 * P[3] * Q[3] * _d % _p, 2 * P[2] * Q[2] % _p
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F, G * H, F * G, E * H)


def _point_mul(s, P):
    Q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            Q = _point_add(Q, P)
        P = _point_add(P, P)
        s >>= 1
    return Q


def _point_equal(P, Q):
    return (P[0] * Q[2] - Q[0] * P[2]) % _p == 0 and (P[1] * Q[2] - Q[1] * P[2]) % _p == 0


def _recover_x(y, sign):
    if y >= _p:
        return None
    x2 = (y * y - 1) * _inv(_d * y * y + 1)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_p + 3) // 8, _p)
    if (x * x - x2) % _p != 0:
        x = x * _sqrt_m1 % _p
    if (x * x - x2) % _p != 0:
        return None
    if (x & 1) != sign:
        x = _p - x
    return x


_gy = 4 * _inv(5) % _p
_gx = _recover_x(_gy, 0)
_G = (_gx, _gy, 1, _gx * _gy % _p)


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _p)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    A = _decompress(public)
    R = _decompress(signature[:32])
    if A is None or R is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _q:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _q
    return _point_equal(_point_mul(s, _G), _point_add(R, _point_mul(h, A)))


# --- Formats -------------------------------------------------------------------------------------
class MalformedExport(Exception):
    pass


class Malformed(Exception):
    pass


def b64decode_canonical(text):
    try:
        raw = base64.b64decode(text, validate=True)
    except Exception:
        return None
    return raw if base64.b64encode(raw).decode() == text else None


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(entry):
    return sha256(b"\x00" + entry)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


EMPTY_ROOT = sha256(b"")


class VerifierKey:
    def __init__(self, vkey):
        parts = vkey.split("+", 2)
        if len(parts) != 3 or len(parts[1]) != 8 or parts[1] != parts[1].lower():
            raise ValueError("a verifier key is name+id+key")
        raw = b64decode_canonical(parts[2])
        if raw is None or len(raw) != 33 or raw[0] not in (0x01, 0x04):
            raise ValueError("unsupported verifier key")
        self.name, self.type, self.public = parts[0], raw[0], raw[1:]
        self.key_id = sha256(self.name.encode() + b"\n" + raw)[:4]
        if self.key_id.hex() != parts[1]:
            raise ValueError("key ID does not match the key")


def parse_note(text):
    """Returns (signed text, [(name, key id, signature bytes)])."""
    if not text.endswith("\n") or "\n\n" not in text:
        raise Malformed("not a signed note")
    cut = text.rindex("\n\n")
    body, lines = text[:cut + 1], text[cut + 2:].split("\n")[:-1]
    if not lines:
        raise Malformed("no signatures")
    signatures = []
    for line in lines:
        if not line.startswith("\u2014 "):
            raise Malformed("bad signature line")
        fields = line[2:].split(" ")
        raw = b64decode_canonical(fields[1]) if len(fields) == 2 and fields[0] else None
        if raw is None or len(raw) <= 4:
            raise Malformed("bad signature line")
        signatures.append((fields[0], raw[:4], raw[4:]))
    if any(ord(c) < 0x20 and c != "\n" for c in body):
        raise Malformed("control character in note")
    return body, signatures


def parse_checkpoint(body):
    lines = body.split("\n")
    if len(lines) != 4 or lines[3] != "":
        raise Malformed("a checkpoint is three lines")
    if not lines[1].isdigit() or str(int(lines[1])) != lines[1]:
        raise Malformed("bad size")
    root = b64decode_canonical(lines[2])
    if root is None or len(root) != 32 or not lines[0]:
        raise Malformed("bad root")
    return lines[0], int(lines[1]), root


def verify_log_signature(body, signatures, key):
    mine = [s for s in signatures if s[0] == key.name and s[1] == key.key_id]
    if not mine or not all(ed25519_verify(key.public, body.encode(), s[2]) for s in mine):
        raise Malformed("log signature")


def verify_cosignature(body, signatures, key):
    mine = [s for s in signatures if s[0] == key.name and s[1] == key.key_id]
    sig = mine[0][2]
    if len(sig) != 72:
        return False
    time = int.from_bytes(sig[:8], "big")
    message = b"cosignature/v1\ntime %d\n" % time + body.encode()
    return ed25519_verify(key.public, message, sig[8:])


DOTTED = set(b"abcdefghijklmnopqrstuvwxyz0123456789.-_")


def decode_entry(data):
    """Decodes and checks an entry exactly as docs/AUDIT-FORMAT.md says; raises Malformed."""
    offset = 0

    def take(n):
        nonlocal offset
        if len(data) - offset < n:
            raise Malformed("ends early")
        offset += n
        return data[offset - n:offset]

    def string():
        length = int.from_bytes(take(4), "big")
        if length > 4096:
            raise Malformed("string too long")
        try:
            return take(length).decode("utf-8")
        except UnicodeDecodeError:
            raise Malformed("not UTF-8")

    def name(value, limit=256):
        if not 1 <= len(value.encode()) <= limit or any(unicodedata.category(c) == "Cc" for c in value):
            raise Malformed("bad name")

    def dotted(value, limit=256):
        raw = value.encode()
        if not 1 <= len(raw) <= limit or any(b not in DOTTED for b in raw):
            raise Malformed("bad dotted name")

    if take(1) != b"\x01":
        raise Malformed("version")
    sequence = int.from_bytes(take(8), "big")
    take(8)  # time
    name(string())  # actor
    dotted(string())  # action
    flag = take(1)[0]
    if flag == 1:
        name(string())
    elif flag != 0:
        raise Malformed("case flag")
    count = int.from_bytes(take(4), "big")
    if count > 32:
        raise Malformed("too many details")
    previous_key = None
    for _ in range(count):
        key, value = string(), string()
        dotted(key, 64)
        if len(value.encode()) > 4096:
            raise Malformed("value too long")
        if previous_key is not None and not previous_key < key.encode():
            raise Malformed("detail keys out of order")
        previous_key = key.encode()
    previous_hash = take(32)
    if offset != len(data):
        raise Malformed("trailing bytes")
    return sequence, previous_hash


class Frontier:
    def __init__(self):
        self.subtrees, self.size = [], 0

    def append(self, leaf):
        level, h = 0, leaf
        while self.subtrees and self.subtrees[-1][0] == level:
            h = node_hash(self.subtrees.pop()[1], h)
            level += 1
        self.subtrees.append((level, h))
        self.size += 1

    def root(self):
        if not self.subtrees:
            return EMPTY_ROOT
        h = self.subtrees[-1][1]
        for _, left in reversed(self.subtrees[:-1]):
            h = node_hash(left, h)
        return h


def verify_lines(lines, log_key, witness_keys, held_notes):
    """Returns "ok: ..." or the first failure, worded as the Swift verifier words it."""
    lines = iter(lines)
    if next(lines, None) != "grievance-audit-export/v1":
        raise MalformedExport("not a grievance-audit-export/v1 file")
    if next(lines, None) != "origin " + log_key.name:
        raise MalformedExport("the origin line does not name the log")
    notes, line = [], next(lines, None)
    while line is not None and line.startswith("checkpoint "):
        raw = b64decode_canonical(line[11:])
        try:
            notes.append(parse_note(raw.decode("utf-8")))
        except (AttributeError, UnicodeDecodeError, Malformed) as error:
            raise MalformedExport("bad checkpoint line: %s" % error)
        line = next(lines, None)

    checkpoints, cosignatures = [], 0
    for body, signatures in notes + held_notes:
        try:
            size = parse_checkpoint(body)[1]
        except Malformed:
            size = None
        try:
            verify_log_signature(body, signatures, log_key)
            origin, _, root = parse_checkpoint(body)
            if origin != log_key.name:
                raise Malformed("origin")
        except Malformed:
            return "bad signature on checkpoint %d" % size if size is not None else "malformed checkpoint"
        checkpoints.append((size, root))
        for witness in witness_keys:
            if any(s[0] == witness.name and s[1] == witness.key_id for s in signatures):
                if not verify_cosignature(body, signatures, witness):
                    return "bad cosignature on checkpoint %d by %s" % (size, witness.name)
                cosignatures += 1
    checkpoints.sort(key=lambda c: c[0])
    for a, b in zip(checkpoints, checkpoints[1:]):
        if a[0] == b[0] and a[1] != b[1]:
            return "checkpoint %d does not match" % a[0]

    frontier, previous, next_checkpoint = Frontier(), bytes(32), 0

    def reach_checkpoints():
        nonlocal next_checkpoint
        while next_checkpoint < len(checkpoints) and checkpoints[next_checkpoint][0] == frontier.size:
            if checkpoints[next_checkpoint][1] != frontier.root():
                return "checkpoint %d does not match" % frontier.size
            next_checkpoint += 1
        return None

    failure = reach_checkpoints()
    if failure:
        return failure
    while line is not None:
        data = b64decode_canonical(line[6:]) if line.startswith("entry ") else None
        if data is None:
            raise MalformedExport("expected an entry line")
        expected = frontier.size
        position = int.from_bytes(data[1:9], "big") if len(data) >= 9 else expected
        if position != expected:
            return "gap at %d (next entry found is %d)" % (expected, position)
        try:
            sequence, previous_hash = decode_entry(data)
        except Malformed:
            return "malformed entry at %d" % expected
        if sequence != expected:
            return "wrong sequence at %d" % expected
        if previous_hash != previous:
            return "chain break at %d" % expected
        previous = leaf_hash(data)
        frontier.append(previous)
        failure = reach_checkpoints()
        if failure:
            return failure
        line = next(lines, None)
    if next_checkpoint < len(checkpoints):
        return "truncated below checkpoint %d" % checkpoints[next_checkpoint][0]
    return "ok: %d entries, root %s, %d checkpoints, %d cosignatures" % (
        frontier.size, frontier.root().hex(), len(checkpoints), cosignatures)


def read_lines(path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n")


def run_vectors(directory):
    passed = failed = 0
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        lines = list(read_lines(os.path.join(directory, name)))
        header = {}
        witnesses = []
        while lines and lines[0]:
            key, _, value = lines.pop(0).partition(": ")
            if key == "witness-key":
                witnesses.append(VerifierKey(value))
            elif not key.startswith("#"):
                header[key] = value
        lines.pop(0)
        got = verify_lines(lines, VerifierKey(header["log-key"]), witnesses, [])
        got = "ok" if got.startswith("ok:") else got
        if got == header["expect"]:
            passed += 1
            print("PASS %s" % name)
        else:
            failed += 1
            print("FAIL %s: got %r, expected %r" % (name, got, header["expect"]))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", nargs="?", help="the export file (grievance-cli audit export)")
    parser.add_argument("--log-key", help="the log's verifier key (name+id+base64)")
    parser.add_argument("--witness-key", action="append", default=[], help="a witness's verifier key; repeatable")
    parser.add_argument("--checkpoint", action="append", default=[], help="a checkpoint kept apart from the log; repeatable")
    parser.add_argument("--vectors", help="check every vector file in this folder against its expect: line")
    args = parser.parse_args()
    if args.vectors:
        return run_vectors(args.vectors)
    if not args.export or not args.log_key:
        parser.error("give an export and --log-key, or --vectors DIR")
    try:
        held = [parse_note(open(path, encoding="utf-8").read()) for path in args.checkpoint]
        result = verify_lines(read_lines(args.export), VerifierKey(args.log_key),
                              [VerifierKey(k) for k in args.witness_key], held)
    except (MalformedExport, Malformed, ValueError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 2
    print(result)
    return 0 if result.startswith("ok:") else 1


if __name__ == "__main__":
    sys.exit(main())
