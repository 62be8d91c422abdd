"""Benchmark of `sla-lint attainment`: a ticket export for a generated repo against a floor.

``python -m benchmarks.tickets [TICKETS] [SERVICES]`` writes a repo of SERVICES services
(``benchmarks.generate``, default 10,000) and an export of TICKETS tickets (default
1,000,000) for it, then times, in this one process:

* the floor: reading the same CSV with Python's ``csv`` module and parsing the three time
  columns with ``datetime.fromisoformat``;
* ``sla_lint.tickets.attainment`` on the same file (catalogue loading not included);

and prints the budgets (attainment within 5x the floor, peak memory within 1 GB) with a
verdict each. Times are CPU seconds of this process (``time.process_time``), so a busy
machine does not distort the ratio. The export is deterministic: the same arguments give
the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import PRIORITIES, generate

HEADER = ("id", "service", "priority", "created", "first_response", "resolved")
START = dt.datetime(2027, 1, 4, tzinfo=dt.timezone.utc)
YEAR_SECONDS = 360 * 86_400
SPEED_BUDGET = 5.0
MEMORY_BUDGET = 1024 * 1024 * 1024


def ticket_rows(services: list[str], count: int, seed: int = 11) -> list[tuple[str, ...]]:
    """``count`` deterministic tickets for ``services`` (a list of ``department/service``)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        created = START + dt.timedelta(seconds=rng.randrange(YEAR_SECONDS))
        response = created + dt.timedelta(minutes=int(rng.expovariate(1 / 240)))
        resolved = response + dt.timedelta(minutes=int(rng.expovariate(1 / 4000)))
        state = rng.random()
        rows.append((f"T-{n}", rng.choice(services), rng.choice(PRIORITIES),
                     created.isoformat(), "" if state < 0.02 else response.isoformat(),
                     "" if state < 0.05 else resolved.isoformat()))
    return rows


def write_export(path: Path, services: list[str], count: int) -> None:
    """Write the export in chunks (the rows of a million tickets are not all held)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        done, chunk = 0, 50_000
        while done < count:
            size = min(chunk, count - done)
            rows = ticket_rows(services, size, seed=11 + done)
            writer.writerows((f"T-{done + i}", *row[1:]) for i, row in enumerate(rows))
            done += size


def floor(path: Path) -> float:
    """CPU seconds to read the CSV and parse its three time columns."""
    begin = time.process_time()
    parse = dt.datetime.fromisoformat
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            parse(row[3])
            if row[4]:
                parse(row[4])
            if row[5]:
                parse(row[5])
    return time.process_time() - begin


def measure(tickets: int, services: int, workdir: Path) -> tuple[float, float, int]:
    """(floor seconds, attainment seconds, peak resident bytes) on a fresh repo and export."""
    from sla_lint.config import LintConfig
    from sla_lint.engine import load_catalogue
    from sla_lint.tickets import attainment

    repo = workdir / "repo"
    generate(repo, services)
    catalogue = load_catalogue([str(repo)], LintConfig()).catalogue
    export = workdir / "tickets.csv"
    write_export(export, sorted(catalogue.service_index), tickets)
    base = floor(export)
    begin = time.process_time()
    report = attainment(catalogue, [str(export)])
    spent = time.process_time() - begin
    assert report.used == tickets, (report.used, report.problems[:3])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return base, spent, peak


def main(argv: list[str]) -> int:
    """Print the floor, the time taken, the budgets and a verdict each; 1 when one is missed."""
    tickets = int(argv[0]) if argv else 1_000_000
    services = int(argv[1]) if len(argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        base, spent, peak = measure(tickets, services, Path(tmp))
    ratio = spent / base
    fast, small = ratio <= SPEED_BUDGET, peak <= MEMORY_BUDGET
    print(f"tickets: {tickets:,} for {services:,} services")
    print(f"floor (csv + 3x fromisoformat): {base:.2f} s CPU")
    print(f"attainment: {spent:.2f} s CPU = {ratio:.2f}x the floor"
          f" (budget {SPEED_BUDGET:g}x): {'PASS' if fast else 'FAIL'}")
    print(f"peak memory: {peak / 2**20:.0f} MB (budget {MEMORY_BUDGET / 2**20:.0f} MB):"
          f" {'PASS' if small else 'FAIL'}")
    return 0 if fast and small else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
