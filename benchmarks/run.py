"""The benchmark: whole ``sla-lint`` processes on synthetic repos, against the budgets of issue 7.

``python -m benchmarks.run`` generates repos of 100, 1,000 and 10,000 services
(:mod:`benchmarks.generate`), runs ``sla-lint check`` on each as a separate process
several times, and prints medians: wall time, peak memory of the child (``ru_maxrss``),
the share of each stage (from ``SLA_LINT_PROFILE=1`` runs), the floor (composing the same
files with PyYAML's C loader, :mod:`benchmarks.floor`) and ``check-jsonschema`` with the
published schema on the same files. Then ``sla-lint graph`` against ``check`` at the
largest size, start-up on the example repo, and whether each budget is met.

Then the budgets of issue 13 for every workload (:func:`benchmarks.generate.workloads`:
the benchmark's own repo, ``three-zones``, ``multinational``, ``deep-chains``): ``check
--format json`` against the floor at each size, every other ``--format`` against
``json``, ``graph`` in every format against ``check``, peak memory. The commands timed
per workload are the list :data:`COMMANDS`: a new command (``site``, ``attainment``)
gets its budget by adding one entry there.

Options: ``--sizes 100,1000``, ``--runs N`` (default 5), ``--keep DIR`` (keep the repos),
``--workloads a,b`` (default all), ``--no-formats`` (skip the per-format runs).
Needs ``check-jsonschema`` (``pip install -e '.[bench]'``); without it that column is empty.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks.generate import WORKLOAD, generate, workloads

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "sla-lint-v1.schema.json"
EXAMPLES = ROOT / "examples"
STAGES = ("load", "schema", "model", "rules", "feasibility")
BUDGET_FLOOR = 2.5  # 10,000 services within 2.5x the C-loader floor
BUDGET_JSONSCHEMA = 8.0  # at least 8x faster than check-jsonschema
BUDGET_MEMORY_MB = 400.0
BUDGET_GROWTH = 11.0  # 1,000 -> 10,000 services
BUDGET_STARTUP = 0.3  # seconds, whole process, on the examples
BUDGET_GRAPH = 1.5  # graph within 1.5x of check
# Issue 13, for every workload (whole process, medians, ratios measured in one run):
FLOOR_AT = {10_000: 2.0, 1_000: 4.0}  # check --format json within this many floors
BUDGET_FORMAT = 1.15  # every other --format within 1.15x --format json
BUDGET_GRAPH_13 = 1.3  # graph, every format, 10,000 services: within 1.3x check
BUDGET_GRAPH_MB = 400.0
BUDGET_CHECK_MB = 300.0  # peak memory of check at 10,000 services
CHECK_FORMATS = ("text", "github", "sarif", "gitlab", "junit", "markdown")
GRAPH_FORMATS = ("text", "json", "dot", "mermaid")


@dataclass(frozen=True)
class Command:
    """A command timed on each workload at the largest size, against a reference command.

    ``argv`` is what follows ``sla-lint`` (the repo's path is appended); ``reference``
    likewise (None: ``check --format json``). Budgets: at most ``ratio`` times the
    reference's median wall time, measured in the same turns, and ``peak_mb`` (or None).
    """

    name: str
    argv: tuple[str, ...]
    ratio: float
    peak_mb: float | None = None
    reference: tuple[str, ...] | None = None
    size: int | None = None  # the budget holds at this size only (None: at every size)
    seconds: float | None = None  # an absolute budget on the median wall time, if any


# The commands whose budgets are printed per workload. `attainment` has its own runner,
# `python -m benchmarks.tickets` (a million tickets against its floor), as its input is a CSV.
SITE_DIR = str(Path(tempfile.gettempdir()) / "sla-lint-bench-site")
COMMANDS: tuple[Command, ...] = (
    *(Command(f"check --format {f}", ("check", "--format", f), BUDGET_FORMAT)
      for f in CHECK_FORMATS),
    *(Command(f"graph --format {f}", ("graph", "--format", f), BUDGET_GRAPH_13,
              BUDGET_GRAPH_MB, size=10_000) for f in GRAPH_FORMATS),
    # issue 14: the whole site of the 10,000-service repo in 10 s and 600 MB
    Command("site", ("site", "--output", SITE_DIR), float("inf"), 600.0, size=10_000,
            seconds=10.0),
)


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, peak resident memory in MB, exit code, stderr."""

    wall: float
    peak_mb: float
    code: int
    stderr: str
    cpu: float = 0.0


def run_process(argv: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` to completion with output discarded; measure it from outside."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_maxrss / 1024, child.returncode, text,
               usage.ru_utime + usage.ru_stime)


@dataclass
class Series:
    """Several runs of one command."""

    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        """Median wall time."""
        return statistics.median(r.wall for r in self.runs)

    @property
    def peak_mb(self) -> float:
        """Median peak memory."""
        return statistics.median(r.peak_mb for r in self.runs)

    @property
    def cpu(self) -> float:
        """Median CPU time (user + system) of the process."""
        return statistics.median(r.cpu for r in self.runs)


def repeat(argv: Sequence[str], runs: int, env: dict[str, str] | None = None) -> Series:
    """Run ``argv`` ``runs`` times."""
    return Series([run_process(argv, env) for _ in range(runs)])


def alternate(first: Sequence[str], second: Sequence[str], runs: int) -> tuple[Series, Series]:
    """Run two commands in turn, ``runs`` times each, so that both meet the same load."""
    a, b = Series(), Series()
    for _ in range(runs):
        a.runs.append(run_process(first))
        b.runs.append(run_process(second))
    return a, b


def compile_package() -> bool:
    """Write sla-lint's bytecode, as ``pip install`` does, before anything is timed.

    An editable install compiles a module on first import and caches it, unless
    ``PYTHONDONTWRITEBYTECODE`` is set (as on the development machine): then every run
    would compile each module changed since its cache was written, some 40 ms of start-up
    no installed copy pays.
    """
    import sla_lint as package

    return bool(compileall.compile_dir(str(Path(package.__file__).parent), quiet=1))


def sla_lint() -> list[str]:
    """The ``sla-lint`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "sla-lint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sla_lint"]


def stage_shares(repo: Path, runs: int) -> dict[str, float]:
    """Median share (0..1) of each stage in the wall time of ``runs`` profiled runs."""
    env = {**os.environ, "SLA_LINT_PROFILE": "1"}
    samples: dict[str, list[float]] = {name: [] for name in STAGES}
    for run in repeat([*sla_lint(), "check", str(repo)], runs, env).runs:
        line = next(x for x in run.stderr.splitlines() if "sla-lint-profile" in x)
        for name, seconds in json.loads(line)["sla-lint-profile"].items():
            samples[name].append(seconds / run.wall)
    return {name: statistics.median(values) for name, values in samples.items()}


def policy_files(repo: Path) -> list[str]:
    """The repo's sla-lint documents (what check-jsonschema is given)."""
    return sorted(str(p) for p in repo.rglob("*.yaml") if not p.name.startswith("."))


@dataclass
class Row:
    """The measurements of one workload at one repo size."""

    workload: str
    services: int
    files: int
    check: Series
    stages: dict[str, float]
    floor: Series
    jsonschema: Series | None

    def share(self, stage: str) -> float:
        """Percent of the wall time spent in ``stage`` (median of the profiled runs)."""
        return 100 * self.stages[stage]

    @property
    def other(self) -> float:
        """Percent outside the stages: start-up, imports, discovery, output, exit."""
        return 100 - sum(self.share(s) for s in STAGES)


def repo_of(workdir: Path, workload: str, services: int) -> Path:
    """Where the repo of a workload and size is written."""
    return workdir / f"{workload}-{services}"


def measure_size(services: int, workdir: Path, runs: int, workload: str = WORKLOAD) -> Row:
    """Generate a repo of ``services`` services and measure everything on it.

    ``check --format json`` (exit 1 is fine: some workloads have findings) against the
    floor; check-jsonschema on the benchmark's own workload only.
    """
    repo = repo_of(workdir, workload, services)
    files = generate(repo, services, workload=workload)
    check, floor = alternate([*sla_lint(), "check", "--format", "json", str(repo)],
                             [sys.executable, "-m", "benchmarks.floor", str(repo)], runs)
    bad = [r for r in check.runs if r.code not in (0, 1)]
    if bad:
        raise SystemExit(f"sla-lint check failed on {repo} (exit {bad[0].code}):\n"
                         f"{bad[0].stderr}")
    jsonschema = None
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).parent
                                                   / "check-jsonschema")
    if Path(tool).exists() and workload == WORKLOAD:
        jsonschema = repeat([tool, "--schemafile", str(SCHEMA), *policy_files(repo)],
                            max(1, min(runs, 3)))
    return Row(workload, services, files, check, stage_shares(repo, runs), floor, jsonschema)


@dataclass(frozen=True)
class Timed:
    """A :class:`Command` measured on one workload, with its reference in the same turns."""

    workload: str
    services: int
    command: Command
    series: Series
    reference: Series


def measure_commands(repo: Path, workload: str, services: int, runs: int,
                     commands: Sequence[Command] = COMMANDS) -> list[Timed]:
    """Each command on ``repo`` against its reference, alternating, ``runs`` times each."""
    found = []
    for command in commands:
        reference = command.reference or ("check", "--format", "json")
        timed, ref = alternate([*sla_lint(), *command.argv, str(repo)],
                               [*sla_lint(), *reference, str(repo)], runs)
        bad = [r for r in timed.runs if r.code not in (0, 1)]
        if bad:
            raise SystemExit(f"sla-lint {' '.join(command.argv)} failed on {repo}"
                             f" (exit {bad[0].code}):\n{bad[0].stderr}")
        found.append(Timed(workload, services, command, timed, ref))
    return found


def budgets_13(rows: list[Row], timed: list[Timed]) -> list[str]:
    """Every budget of issue 13 with its verdict, for every workload measured."""
    lines = []
    for r in rows:
        budget = FLOOR_AT.get(r.services)
        if budget is not None:
            ratio = r.check.wall / r.floor.wall
            lines.append(verdict(ratio <= budget, f"{r.workload}, {r.services:,} services:"
                                 f" check {r.check.wall:.2f} s = {ratio:.2f}x the floor"
                                 f" ({r.floor.wall:.2f} s; budget {budget}x; in CPU time"
                                 f" {r.check.cpu / r.floor.cpu:.2f}x)"))
        if r.services == 10_000:
            lines.append(verdict(r.check.peak_mb <= BUDGET_CHECK_MB,
                                 f"{r.workload}, 10,000 services: check peaks at"
                                 f" {r.check.peak_mb:.0f} MB (budget {BUDGET_CHECK_MB:.0f})"))
    for t in timed:
        ratio = t.series.wall / t.reference.wall
        ref = " ".join(t.command.reference or ("check", "--format", "json"))
        limit = f"; budget {t.command.ratio}x" if t.command.ratio != float("inf") else ""
        text = (f"{t.workload}, {t.services:,} services: {t.command.name} {t.series.wall:.2f} s"
                f" = {ratio:.2f}x {ref} ({t.reference.wall:.2f} s{limit})")
        ok = ratio <= t.command.ratio
        if t.command.seconds is not None:
            ok = ok and t.series.wall <= t.command.seconds
            text += f", budget {t.command.seconds:.0f} s"
        if t.command.peak_mb is not None:
            ok = ok and t.series.peak_mb <= t.command.peak_mb
            text += f", peak {t.series.peak_mb:.0f} MB (budget {t.command.peak_mb:.0f})"
        if t.command.size not in (None, t.services):
            lines.append(f"- [info] {text}: the budget is for {t.command.size:,} services")
        else:
            lines.append(verdict(ok, text))
    return lines


def machine() -> list[str]:
    """A description of this machine and interpreter."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or cpu
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "WITHOUT libyaml"
    return [f"- CPU: {cpu}, {os.cpu_count()} cores",
            f"- Python {platform.python_version()} ({platform.python_implementation()}),"
            f" {platform.system()} {platform.release()}",
            f"- PyYAML {yaml.__version__} {libyaml}"]


def table(rows: list[Row]) -> list[str]:
    """The Markdown table of the sizes measured."""
    head = ("| workload | services | files | check (s) | peak MB | load | schema | model | rules"
            " | feasibility | other | floor (s) | x floor | x floor, CPU"
            " | check-jsonschema (s) | speed-up |")
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for r in rows:
        js = r.jsonschema.wall if r.jsonschema else None
        shares = " | ".join(f"{r.share(s):.0f}%" for s in STAGES)
        lines.append(
            f"| {r.workload} | {r.services:,} | {r.files:,} | {r.check.wall:.3f} |"
            f" {r.check.peak_mb:.0f} |"
            f" {shares} | {r.other:.0f}% | {r.floor.wall:.3f} |"
            f" {r.check.wall / r.floor.wall:.2f} | {r.check.cpu / r.floor.cpu:.2f} |"
            f" {f'{js:.2f}' if js else 'n/a'} | {f'{js / r.check.wall:.1f}x' if js else 'n/a'} |")
    return lines


def verdict(ok: bool, text: str) -> str:
    """One budget line."""
    return f"- [{'met' if ok else 'NOT MET'}] {text}"


def budgets(rows: list[Row], graph: tuple[Series, Series] | None,
            startup: Series) -> list[str]:
    """Whether each budget of issue 7 is met, with the numbers (the benchmark's workload)."""
    by_size = {r.services: r for r in rows if r.workload == WORKLOAD}
    lines = []
    big = by_size.get(10_000)
    if big is not None:
        ratio = big.check.wall / big.floor.wall
        lines.append(verdict(ratio <= BUDGET_FLOOR, f"10,000 services: {big.check.wall:.2f} s"
                             f" = {ratio:.2f}x the C-loader floor (budget {BUDGET_FLOOR}x;"
                             f" in CPU time {big.check.cpu / big.floor.cpu:.2f}x)"))
        if big.jsonschema:
            speed = big.jsonschema.wall / big.check.wall
            lines.append(verdict(speed >= BUDGET_JSONSCHEMA, f"10,000 services: {speed:.1f}x"
                                 f" faster than check-jsonschema (budget {BUDGET_JSONSCHEMA}x)"))
        lines.append(verdict(big.check.peak_mb < BUDGET_MEMORY_MB,
                             f"10,000 services: peak memory {big.check.peak_mb:.0f} MB"
                             f" (budget < {BUDGET_MEMORY_MB:.0f})"))
    if big is not None and 1_000 in by_size:
        growth = big.check.wall / by_size[1_000].check.wall
        lines.append(verdict(growth <= BUDGET_GROWTH, f"1,000 -> 10,000 services: time grows"
                             f" {growth:.1f}x (budget {BUDGET_GROWTH}x)"))
    examples = [f for f in policy_files(EXAMPLES) if "/broken/" not in f]
    lines.append(verdict(startup.wall < BUDGET_STARTUP, f"examples ({len(examples)} files):"
                         f" {startup.wall:.3f} s whole process (budget < {BUDGET_STARTUP} s)"))
    if graph is not None:
        drawn, checked = graph
        ratio = drawn.wall / checked.wall
        lines.append(verdict(ratio <= BUDGET_GRAPH, f"graph on 10,000 services: {drawn.wall:.2f}"
                             f" s = {ratio:.2f}x check ({checked.wall:.2f} s in the same"
                             f" turns; budget {BUDGET_GRAPH}x)"))
    return lines


def main(argv: Sequence[str]) -> int:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR")
    parser.add_argument("--workloads", default=",".join(workloads()))
    parser.add_argument("--no-formats", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = args.workloads.split(",")
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="sla-lint-bench-"))
    compiled = compile_package()
    try:
        rows = [measure_size(n, workdir, args.runs, w) for w in chosen for n in sizes]
        biggest = repo_of(workdir, WORKLOAD, max(sizes))
        graph = (alternate([*sla_lint(), "graph", str(biggest)],
                           [*sla_lint(), "check", str(biggest)], args.runs)
                 if 10_000 in sizes and WORKLOAD in chosen else None)
        timed = [] if args.no_formats else [
            t for w in chosen for t in measure_commands(
                repo_of(workdir, w, max(sizes)), w, max(sizes), args.runs)]
        startup = repeat([*sla_lint(), "check", str(EXAMPLES)],
                         max(args.runs, 10))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    report = ["Machine:", *machine(), f"- load average at the end: {load} (1 / 5 / 15 min)",
              f"- sla-lint's bytecode compiled before timing: {'yes' if compiled else 'NO'}",
              "", *table(rows), "", "Budgets (issue 7, the benchmark's workload):",
              *budgets(rows, graph, startup), "", "Budgets (issue 13, every workload):",
              *budgets_13(rows, timed)]
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
