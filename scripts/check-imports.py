#!/usr/bin/env python3
"""Package.swift declares exactly what each target imports: every module a target's Swift files
import is one of its declared dependencies, and every declared dependency is imported by at least
one of its files. SwiftPM lets a target import what another target brought in, so the manifest
would drift from the code without this check. Run by scripts/test; exits 1 on any mismatch.
"""
import json
import os
import re
import subprocess
import sys

# Modules of the toolchain and the system, which no manifest declares.
SYSTEM = {"Foundation", "FoundationNetworking", "FoundationEssentials", "Glibc", "Darwin", "Dispatch", "Synchronization",
          "Testing", "XCTest", "os"}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_exported\s+)?import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def module(name):
    return name.replace("-", "_")


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True, capture_output=True, text=True).stdout)
    problems = []
    executables = {target["name"]: target["type"] == "executable" for target in manifest["targets"]}
    for target in manifest["targets"]:
        if target["type"] in ("system", "binary", "plugin"):
            continue
        folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])
        imported = set()
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for name in files:
                if name.endswith(".swift"):
                    with open(os.path.join(directory, name), encoding="utf-8") as source:
                        imported |= set(IMPORT.findall(source.read()))
        if not imported and not any(f.endswith(".swift") for _, _, fs in os.walk(os.path.join(root, folder)) for f in fs):
            continue  # a C target
        declared = set()
        # A test may depend on an executable only to have it built, to run it as a person would.
        runs = set()
        for dependency in target["dependencies"]:
            kind, value = next(iter(dependency.items()))
            declared.add(module(value[0]))
            if target["type"] == "test" and executables.get(value[0]):
                runs.add(module(value[0]))
        imported -= SYSTEM
        for name in sorted(imported - declared):
            problems.append(f"{target['name']} imports {name}, which Package.swift does not declare for it")
        for name in sorted(declared - imported - runs):
            problems.append(f"{target['name']} declares {name} in Package.swift but no file of it imports it")
    for problem in problems:
        print(f"check-imports: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-imports: ok — {len(manifest['targets'])} targets import exactly what Package.swift declares")
    return 0


if __name__ == "__main__":
    sys.exit(main())
