#!/usr/bin/env python3
"""Disclosure proof: an attacker who holds every summary ever released solves their published
values by linear programming and tries to pin down a withheld one.

For each round it makes a data directory, writes a made-up population with rare combinations
straight into its tables (clear metadata only, as summaries read it), and releases summaries
with grievance-cli over overlapping periods for every audience: quarters, months, an ad-hoc
run of months beside them. Then, from the JSON alone, it builds the attacker's model of
docs/SUMMARIES.md ("The attacker") — its own code, not the program's; credited, like the
program's, with knowing which withheld values are zero, from the ledger — and asks scipy's HiGHS
for the least and greatest value of every withheld count. Each must keep at least two whole
values. It also checks every published count against the population it generated.

Usage: summaries.py BIN_DIR POLICIES_DIR [--rounds N] [--cases C] [--seed S]
Exits 1 on a count narrowed to one value or a published count that is wrong.
"""
import argparse
import itertools
import json
import math
import os
import random
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from proofkit import DataDirectory

CATEGORIES = [("harassment", 30), ("sexual-harassment", 12), ("discrimination", 10), ("bullying", 15), ("violence", 3), ("threats", 4),
              ("safeguarding-child", 0.6), ("safeguarding-adult", 0.8), ("conduct-breach", 20), ("misuse-of-funds", 0.5), ("other", 4)]
REGIONS = [("africa", 30), ("latin-america", 20), ("south-asia", 25), ("south-east-asia", 12), ("eastern-europe-central-asia", 3),
           ("global", 2), (None, 1)]
ROLES = [("executive-committee", 0.5), ("subcommittee", 1), ("member-organisation", 20), ("secretariat", 5), ("participant", 60),
         ("other", 8), (None, 4)]
CHANNELS = [("web", 85), ("hotline", 6), ("in-person", 6), ("email", 3)]
GENDERS = [("woman", 55), ("man", 25), ("non-binary", 1.5), ("another", 0.7), (None, 17)]
UTC = timezone.utc


def pick(rng, weighted):
    target = rng.random() * sum(w for _, w in weighted)
    for value, weight in weighted:
        if target < weight:
            return value
        target -= weight
    return weighted[-1][0]


def generate(rng, count, start, end, now):
    cases = []
    for index in range(count):
        created = start + (end - start) * rng.random()
        stages = [("received", created)]
        time = created

        def move(stage, days):
            nonlocal time
            time = time + timedelta(days=(0.05 + rng.random()) * days)
            stages.append((stage, time))
        move("acknowledged", 10)
        move("assessment", 15)
        roll = rng.random()
        if roll < 0.3:
            move("closed", 20)
        elif roll < 0.55:
            move("informal-resolution", 30); move("closed", 40)
        elif roll < 0.85:
            move("investigation", 30); move("decision", 50); move("closed", 30)
        else:
            move("investigation", 30); move("decision", 50); move("appeal", 20); move("closed", 30)
        cases.append({"reference": f"GRV-PRF{index:09d}", "category": pick(rng, CATEGORIES), "region": pick(rng, REGIONS),
                      "event": None, "role": pick(rng, ROLES), "channel": pick(rng, CHANNELS), "gender": pick(rng, GENDERS),
                      "transitions": [(s, t) for s, t in stages if t < now]})
    return cases


def millis(moment):
    return int(moment.timestamp() * 1000)


def insert(database, cases):
    connection = sqlite3.connect(database)
    with connection:
        for index, case in enumerate(cases):
            stage, entered = case["transitions"][-1]
            connection.execute(
                "INSERT INTO cases (reference, receipt_lookup, event, category, respondent_role, region, channel, language, urgent, stage, "
                "stage_entered_at, created_at, reporter_gender, policy_hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'en', 0, ?, ?, ?, ?, ?)",
                (case["reference"], index.to_bytes(8, "big") + bytes(24), case["event"], case["category"], case["role"], case["region"],
                 case["channel"], stage, millis(entered), millis(case["transitions"][0][1]), case["gender"], bytes(32)))
            for sequence, (stage, at) in enumerate(case["transitions"], start=1):
                connection.execute("INSERT INTO case_transitions (case_ref, seq, stage, entered_at) VALUES (?, ?, ?, ?)",
                                   (case["reference"], sequence, stage, millis(at)))
    connection.close()


# ---- The attacker's model (docs/SUMMARIES.md, "The attacker"), from the published JSON only ----

def ordinal(month):
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def terms_of(table):
    """(published value or None, population, family, assignment, span) for every value of a table."""
    dimensions, rows, columns = table["dimensions"], table["rows"], table["columns"]
    span = ("at", ordinal(table["at"])) if table.get("at") else ("during", ordinal(table["from"]), ordinal(table["to"]))
    family = tuple(sorted(dimensions))
    out = []
    for r in range(len(rows) + 1):
        for c in range(len(columns) + 1):
            if r < len(rows) and c < len(columns):
                value = table["cells"][r][c]
            elif r < len(rows):
                value = table["row_totals"][r]
            elif c < len(columns):
                value = table["column_totals"][c]
            else:
                value = table["total"]
            assignment = {}
            if r < len(rows) and dimensions:
                assignment[dimensions[0]] = rows[r]
            if len(dimensions) == 2 and c < len(columns):
                assignment[dimensions[1]] = columns[c]
            term_span = span
            if table.get("row_periods") and r < len(rows):
                period = table["row_periods"][r]
                term_span = ("during", ordinal(period["from"]), ordinal(period["to"]))
            out.append((value if isinstance(value, int) else None, table["population"], family, assignment, term_span))
    return out


class Attacker:
    def __init__(self, tables, zeros):
        """`zeros[i]`: the places ((row, column), one-way tables in column 0) of table i withheld
        though zero, from the release ledger; every other withheld value is known to be at least 1."""
        self.domains = defaultdict(list)
        self.families = defaultdict(set)
        marks = defaultdict(set)
        stock_months = set()
        for table in tables:
            for index, dimension in enumerate(table["dimensions"]):
                for label in (table["rows"] if index == 0 else table["columns"]):
                    if label not in self.domains[dimension]:
                        self.domains[dimension].append(label)
            self.families[table["population"]].add(tuple(sorted(table["dimensions"])))
            for _, population, _, _, span in terms_of(table):
                if span[0] == "during":
                    marks[population].update([span[1], span[2] + 1])
                else:
                    stock_months.add(span[1])
        self.marks = {p: sorted(m) for p, m in marks.items()}
        self.stock_months = sorted(stock_months)
        self.index = {}
        for population, families in self.families.items():
            for family in families:
                for unit in self.units(population):
                    for labels in self.labellings(family):
                        self.index[(population, family, unit, labels)] = len(self.index)
        rows_eq, rows_ub = [], []  # (dict var->coef, rhs): equal, and at most
        for number, table in enumerate(tables):
            width = len(table["columns"]) + 1
            for position, (value, population, family, assignment, span) in enumerate(terms_of(table)):
                variables = self.variables(population, family, assignment, span)
                if value is not None:
                    rows_eq.append(({v: 1.0 for v in variables}, value))
                    continue
                place = (position // width, position % width if len(table["dimensions"]) == 2 else 0)
                if place not in zeros[number]:
                    rows_ub.append(({v: -1.0 for v in variables}, -1))  # withheld, and not zero: at least 1
            # Labels of the population's dimensions that this table does not list: none there.
            first = terms_of(table)[-1]
            for position, dimension in enumerate(table["dimensions"]):
                listed = set(table["rows"] if position == 0 else table["columns"])
                for label in self.domains[dimension]:
                    if label not in listed:
                        rows_eq.append(({v: 1.0 for v in self.variables(first[1], first[2], {dimension: label}, first[4])}, 0))
        for population, families in self.families.items():
            for unit in self.units(population):
                for first, second in itertools.combinations(sorted(families), 2):
                    rows_eq.extend((row, 0) for row in self.margins(population, first, population, second, unit))
        for overdue in self.families.get("overdue", ()):
            for open_family in self.families.get("open", ()):
                for unit in self.stock_months:
                    rows_ub.extend((row, 0) for row in self.margins("overdue", overdue, "open", open_family, unit))
        self.a_eq, self.b_eq = self.matrix(rows_eq)
        self.a_ub, self.b_ub = self.matrix(rows_ub) if rows_ub else (None, None)

    def units(self, population):
        if population in ("open", "overdue"):
            return self.stock_months
        return list(range(len(self.marks.get(population, [])) - 1))

    def labellings(self, family):
        return list(itertools.product(*[self.domains[d] for d in family]))

    def span_units(self, population, span):
        if span[0] == "at":
            return [span[1]]
        marks = self.marks[population]
        return [i for i in range(len(marks) - 1) if marks[i] >= span[1] and marks[i + 1] <= span[2] + 1]

    def variables(self, population, family, assignment, span):
        out = []
        for labels in self.labellings(family):
            if all(assignment.get(d, label) == label for d, label in zip(family, labels)):
                out.extend(self.index[(population, family, unit, labels)] for unit in self.span_units(population, span)
                           if (population, family, unit, labels) in self.index)
        return out

    def margins(self, first_population, first, second_population, second, unit):
        shared = [d for d in first if d in second]
        for labelling in itertools.product(*[self.domains[d] for d in shared]):
            fixed = dict(zip(shared, labelling))
            row = defaultdict(float)
            for population, family, sign in ((first_population, first, 1.0), (second_population, second, -1.0)):
                for labels in self.labellings(family):
                    if all(fixed.get(d, label) == label for d, label in zip(family, labels)):
                        key = (population, family, unit, labels)
                        if key in self.index:
                            row[self.index[key]] += sign
            if row:
                yield dict(row)

    def matrix(self, rows):
        a = lil_matrix((len(rows), len(self.index)))
        for i, (row, _) in enumerate(rows):
            for variable, coefficient in row.items():
                a[i, variable] += coefficient
        return a.tocsr(), np.array([rhs for _, rhs in rows], dtype=float)

    def bounds(self, variables):
        objective = np.zeros(len(self.index))
        objective[variables] = 1.0
        found = []
        for sign in (1.0, -1.0):
            result = linprog(sign * objective, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq, bounds=(0, None), method="highs")
            if result.status == 3:
                found.append(math.inf)
            elif result.status != 0:
                raise SystemExit(f"summaries proof: the published values are infeasible for the attacker's model ({result.message})")
            else:
                found.append(sign * result.fun)
        return found[0], found[1]


def attack(documents, ledger_zeros):
    tables = [table for document in documents for table in document["tables"]]
    zeros = [set() for _ in tables]
    offsets = list(itertools.accumulate([0] + [len(document["tables"]) for document in documents]))
    for number, places in enumerate(ledger_zeros):
        for table, row, column in places:
            zeros[offsets[number] + table].add((row, column))
    attacker = Attacker(tables, zeros)
    narrowed, withheld, seen = [], 0, set()
    for table in tables:
        for value, population, family, assignment, span in terms_of(table):
            if value is not None:
                continue
            variables = tuple(sorted(attacker.variables(population, family, assignment, span)))
            if variables in seen:
                continue
            seen.add(variables)
            withheld += 1
            least, greatest = attacker.bounds(list(variables))
            if greatest != math.inf and math.floor(greatest + 1e-6) - math.ceil(least - 1e-6) < 1:
                narrowed.append((table["name"], assignment, span, least, greatest))
    return withheld, narrowed


# ---- The true counts, from the generated population ----

def truth(cases, document):
    start = datetime(int(document["from"][:4]), int(document["from"][5:]), 1, tzinfo=UTC)
    last = datetime(int(document["to"][:4]), int(document["to"][5:]), 1, tzinfo=UTC)
    end = datetime(last.year + (last.month == 12), last.month % 12 + 1, 1, tzinfo=UTC)
    counts = defaultdict(lambda: defaultdict(int))
    for case in cases:
        none = lambda value: value if value is not None else "none"
        created = case["transitions"][0][1]
        if start <= created < end:
            counts["received_by_category_region"][(case["category"], none(case["region"]))] += 1
            counts["received_by_category"][(case["category"],)] += 1
            counts["received_by_channel"][(case["channel"],)] += 1
            counts["received_by_gender_category"][(none(case["gender"]), case["category"])] += 1
        closing = [i for i, (stage, _) in enumerate(case["transitions"]) if stage == "closed"]
        if closing and start <= case["transitions"][closing[0]][1] < end:
            counts["closed_by_outcome"][(case["transitions"][closing[0] - 1][0],)] += 1
        before = [t for t in case["transitions"] if t[1] < end]
        if before and before[-1][0] != "closed":
            counts["open_by_category_stage"][(case["category"], before[-1][0])] += 1
    return counts


def check_counts(cases, document):
    expected = truth(cases, document)
    wrong = []
    for table in document["tables"]:
        if table["name"] not in expected:
            continue
        for r, row in enumerate(table["rows"]):
            for c, column in enumerate(table["columns"]):
                value = table["cells"][r][c]
                key = (row, column) if len(table["dimensions"]) == 2 else (row,)
                if isinstance(value, int) and value != expected[table["name"]].get(key, 0):
                    wrong.append((document["period"], table["name"], key, value, expected[table["name"]].get(key, 0)))
    return wrong


RELEASES = [  # (arguments, audience), in the order a year of meetings gives them out
    (["--period", "2026-01"], "officers"), (["--period", "2026-02"], "officers"), (["--period", "2026-03"], "officers"),
    (["--period", "2026-Q1"], "executive"), (["--period", "2026-Q1"], "gender"), (["--period", "2026-04"], "officers"),
    (["--period", "2026-04"], "gender"), (["--ad-hoc", "--from", "2026-02", "--to", "2026-04"], "executive"),
    (["--period", "2026-Q2"], "executive"), (["--ad-hoc", "--from", "2026-01", "--to", "2026-06"], "executive"),
    (["--period", "2026-Q2"], "gender"), (["--period", "2026-Q3"], "executive"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("policies")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--html", metavar="FOLDER", help="also write the first round's 2026-Q3 executive summary as HTML in every language here")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)
    print(f"summaries proof: seed {seed}", flush=True)
    failures = 0
    total_withheld = 0
    total_released = 0
    for round_number in range(arguments.rounds):
        scratch = tempfile.mkdtemp(prefix="grievance-summaries-")
        try:
            data = DataDirectory(arguments.bin_dir, arguments.policies, os.path.join(scratch, "data"), scratch, org="Summaries Proof")
            added = json.loads(data.run("handler", "add", "olga", "--name", "Olga Officer", "--role", "executive", "--json").stdout)
            subprocess.run([data.cli, "enrol", "--as", "olga", "--code", added["enrolment_code"]], check=True, capture_output=True,
                           env=dict(data.environment, GRIEVANCE_NEW_PASSPHRASE=data.environment["GRIEVANCE_PASSPHRASE"]))
            now = datetime(2026, 11, 1, tzinfo=UTC)
            # Rare on purpose: a few hundred cases over eighteen months.
            cases = generate(rng, arguments.cases, datetime(2025, 7, 1, tzinfo=UTC), datetime(2026, 10, 1, tzinfo=UTC), now)
            insert(os.path.join(data.path, "grievance.sqlite"), cases)
            signed = data.run("audit", "checkpoint")
            if signed.returncode != 0:
                raise SystemExit(f"audit checkpoint: {signed.stderr}")
            documents = []
            started = time.monotonic()
            for period_arguments, audience in RELEASES:
                made = data.run("summary", *period_arguments, "--audience", audience, "--format", "json", actor="olga")
                if made.returncode != 0 and "nothing in this summary that it could withhold" not in made.stderr:
                    raise SystemExit(f"summary {' '.join(period_arguments)} --audience {audience}: {made.stderr}")
                if made.returncode != 0:
                    # A refusal discloses nothing, but it is either a leak after the fact (the
                    # releases so far already narrow a value) or an audit that sees one where there
                    # is none: the independent attacker tells which.
                    connection = sqlite3.connect(os.path.join(data.path, "grievance.sqlite"))
                    zeros = [json.loads(row[0]) for row in connection.execute("SELECT withheld_zeros FROM summary_releases ORDER BY id")]
                    connection.close()
                    _, narrowed = attack(documents, zeros[:len(documents)])
                    verdict = (f"the {len(documents)} releases before it already narrow {len(narrowed)} withheld values: {narrowed[:3]}"
                               if narrowed else f"the {len(documents)} releases before it narrow nothing: the audit refused without cause")
                    raise SystemExit(f"summary {' '.join(period_arguments)} --audience {audience}: {made.stderr}{verdict}")
                documents.append(json.loads(made.stdout))
            if arguments.html and round_number == 0:
                os.makedirs(arguments.html, exist_ok=True)
                # A language of each script the summaries are written in, the right-to-left ones
                # included: each release is audited against those before it, which takes seconds,
                # and SummaryRenderingTests renders every language already.
                for language in ("en", "ru", "hi", "bn", "th", "ar", "ur"):
                    made = data.run("summary", "--period", "2026-Q3", "--format", "html", "--language", language,
                                    "--out", os.path.join(arguments.html, f"summary-{language}.html"), actor="olga")
                    if made.returncode != 0:
                        raise SystemExit(f"summary --format html --language {language}: {made.stderr}")
            releasing = time.monotonic() - started
            wrong = [w for document in documents for w in check_counts(cases, document)]
            # The ledger's private note of which withheld values are zero, in release order.
            connection = sqlite3.connect(os.path.join(data.path, "grievance.sqlite"))
            ledger_zeros = [json.loads(row[0]) for row in connection.execute("SELECT withheld_zeros FROM summary_releases ORDER BY id")]
            connection.close()
            started = time.monotonic()
            withheld, narrowed = attack(documents, ledger_zeros[:len(documents)])
            attacking = time.monotonic() - started
            total_withheld += withheld
            total_released += len(documents)
            print(f"summaries proof: round {round_number}: {len(cases)} cases, {len(documents)} releases, "
                  f"{sum(len(d['tables']) for d in documents)} tables, {withheld} distinct withheld values, "
                  f"narrowed to one value: {len(narrowed)}, wrong counts: {len(wrong)}; releasing {releasing:.1f} s, attacking {attacking:.1f} s")
            for item in narrowed[:10]:
                print(f"summaries proof: NARROWED {item}", file=sys.stderr)
            for item in wrong[:10]:
                print(f"summaries proof: WRONG {item}", file=sys.stderr)
            failures += len(narrowed) + len(wrong)
            if withheld == 0:
                print("summaries proof: nothing was withheld: the population is not rare enough to test anything", file=sys.stderr)
                failures += 1
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"summaries proof: seed {seed}; {arguments.rounds} rounds; {total_released} releases; {total_withheld} withheld values attacked; "
          f"{'PASS' if failures == 0 else 'FAIL'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
