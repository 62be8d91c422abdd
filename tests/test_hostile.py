"""Hostile input: every resource bound through the real CLI, and output that cannot be injected.

Each bound runs ``python -m sla_lint check --format json`` as a subprocess on a crafted
tree and measures the child alone (its own peak memory, see :func:`_wait`): it must end
on its own, with exit code 0 or 1, nothing on standard error, the expected diagnostic,
in well under :data:`SECONDS` beyond the interpreter's start-up and :data:`MEGABYTES` of
memory. These are generous ceilings, not benchmarks. test_loader.py holds the in-process
loader tests (billion laughs, 50 MB sparse file, FIFO, symlink loop); docs/security.md
lists which test covers which guarantee.
"""

from __future__ import annotations

import doctest
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pydot
import pytest
import yaml
from click.testing import CliRunner

from sla_lint import terminal
from sla_lint.cli import cli
from sla_lint.config import LintConfig
from sla_lint.engine import LintResult, lint
from sla_lint.loader import budget
from sla_lint.reporters import FORMATS, reporter_class
from sla_lint.rules.timing import FIRST_YEAR, LAST_YEAR
from sla_lint.schema import MAX_UNKNOWN_KEYS, schema
from sla_lint.timecalc import ALWAYS_OPEN, find_overlaps, parse_duration
from sla_lint.timecalc.bounds import delay_bounds

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 2.0  # CPU seconds beyond the start-up of `python -m sla_lint` on an empty folder
MEGABYTES = 300
HEADER = "apiVersion: sla-lint/v1\nkind: Policy\nmetadata: {name: acme}\n"
_RSS_PER_MB = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes or KiB


# --- running the CLI under watch --------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A finished ``sla-lint check`` subprocess: exit code, output, cost."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    megabytes: float

    def codes(self) -> set[str]:
        return {d["code"] for d in json.loads(self.stdout)}


def run_cli(*paths: str, cwd: Path | None = None, timeout: float = 60,
            as_nobody: bool = False) -> Run:
    """``python -m sla_lint check --format json PATHS`` watched: killed after ``timeout``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    argv = [sys.executable, "-m", "sla_lint", "check", "--format", "json", *paths]
    if as_nobody:
        argv = [sys.executable, "-c", _AS_NOBODY, *paths]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                 cwd=cwd, env=env)
        status, megabytes, seconds = _wait(child, timeout)
        out.seek(0)
        err.seek(0)
        return Run(os.waitstatus_to_exitcode(status), out.read().decode(), err.read().decode(),
                   seconds, megabytes)


def _wait(child: subprocess.Popen[bytes], timeout: float) -> tuple[int, float, float]:
    """Reap the child; return its status, peak memory in MB and CPU seconds (user + system).

    CPU time, not wall time: on a shared machine a child may wait for a core as long as it
    runs, and a bound on work must not fail because other processes were busy.

    On Linux the peak is the child's own ``VmHWM``, sampled while it runs: ``ru_maxrss``
    of a forked child starts at the parent's size at fork time, and a test session that
    has grown to 300 MB would make every child look that big.
    """
    deadline = time.monotonic() + timeout
    peak = 0.0
    while True:
        peak = max(peak, _own_peak_mb(child.pid))
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
            return (status, peak or usage.ru_maxrss / _RSS_PER_MB,
                    usage.ru_utime + usage.ru_stime)
        if time.monotonic() > deadline:
            child.kill()
            child.wait()
            pytest.fail(f"sla-lint did not finish within {timeout} s: it hangs")
        time.sleep(0.005)


def _own_peak_mb(pid: int) -> float:
    """The peak resident memory of ``pid`` once it runs sla-lint (0 before, or off Linux)."""
    try:
        if b"sla_lint" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return 0.0  # still the fork of this test process, before exec
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


# lint as the unprivileged user 'nobody' after every module is imported (as root, a file
# with mode 000 is readable; the interpreter may live where nobody cannot read)
_AS_NOBODY = """
import os, sys
from sla_lint.cli import run_check
from sla_lint.config import LintConfig
run_check([os.devnull], LintConfig(), "json", False, open(os.devnull, "w"))
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
sys.exit(run_check(sys.argv[1:], LintConfig(), "json", False, sys.stdout))
"""


@pytest.fixture(scope="module")
def startup(tmp_path_factory: pytest.TempPathFactory) -> float:
    """Seconds `python -m sla_lint check` takes on an empty folder (the least of three)."""
    empty = tmp_path_factory.mktemp("empty")
    return min(run_cli(str(empty)).seconds for _ in range(3))


def assert_bounded(run: Run, startup: float, codes: set[str]) -> None:
    """Ended by itself, exit 0/1, no traceback, the expected codes, quick and small."""
    assert not run.stderr, run.stderr
    assert run.code in (0, 1)
    found = run.codes()
    assert codes <= found, found
    assert "SLA000" not in found
    assert run.seconds - startup < SECONDS, f"{run.seconds:.2f} s"
    assert run.megabytes < MEGABYTES, f"{run.megabytes:.0f} MB"


# --- the crafted trees ------------------------------------------------------------------

Maker = Callable[[Path], list[str]]  # writes files under a folder, returns the paths to check


def _file(name: str, text: str | bytes) -> Maker:
    def make(root: Path) -> list[str]:
        path = root / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return [str(root)]
    return make


def _keys(count: int) -> str:
    return HEADER + "spec:\n" + "".join(f"  k{i}: 1\n" for i in range(count))


def _alias_chain(count: int) -> str:
    lines = [HEADER + "spec:", "  a0: &a0 [x]"]
    lines += [f"  a{i}: &a{i} [*a{i - 1}]" for i in range(1, count)]
    return "\n".join(lines) + "\n"


def _billion_laughs() -> str:
    lines = [HEADER + "spec:", "  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _spans(count: int) -> str:
    return ("apiVersion: sla-lint/v1\nkind: Calendar\nmetadata: {name: c}\nspec:\n"
            "  timezone: Europe/London\n  hours:\n    mon: [" +
            ", ".join(['"09:00-17:00"'] * count) + "]\n")


def _sparse(root: Path) -> list[str]:
    with open(root / "big.yaml", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB without writing them
    return [str(root)]


def _fifo_explicit(root: Path) -> list[str]:
    os.mkfifo(root / "x.yaml")
    return [str(root / "x.yaml")]


def _fifo_found(root: Path) -> list[str]:
    os.mkfifo(root / "x.yaml")
    (root / "ok.yaml").write_text(HEADER + "spec: {}\n")
    return [str(root)]


def _yaml_directory(root: Path) -> list[str]:
    (root / "x.yaml").mkdir()
    (root / "x.yaml" / "inner.yaml").write_text(HEADER + "spec: {}\n")
    return [str(root), str(root / "x.yaml")]


def _links(root: Path) -> list[str]:
    repo = root / "repo"
    repo.mkdir()
    (root / "secret.yaml").write_text(HEADER + "spec: {bogus: 1}\n")
    os.symlink(root / "secret.yaml", repo / "leak.yaml")  # outside the tree
    os.symlink(repo / "loop.yaml", repo / "loop.yaml")  # a link to itself
    os.symlink(repo, repo / "again")  # a folder loop
    os.symlink(root, repo / "up")  # a folder outside
    os.symlink(repo / "gone.yaml", repo / "broken.yaml")  # target missing
    return [str(repo)]


def _misspelt_references(root: Path) -> list[str]:
    """1,500 services, and 2,100 dependencies on distinct names of no department.

    More than a speller answers (:data:`sla_lint.suggest._WORDS`): a run took 30 s before.
    """
    for d in range(150):
        services = "".join(
            f"    - name: s{s}\n      scope: {{includes: [i{d}-{s}]}}\n"
            f"      targets: {{P1: {{response: 1h, resolution: 4h}}}}\n"
            + ("      depends_on:\n" + "".join(
                f"        - {{service: dept{d}x{s}{k}/s{k}}}\n" for k in range(14))
               if d < 15 else "")
            for s in range(10))
        (root / f"d{d}.yaml").write_text(
            f"apiVersion: sla-lint/v1\nkind: Department\nmetadata: {{name: dept{d}}}\n"
            f"spec:\n  services:\n{services}")
    return [str(root)]


_RANDOM = random.Random(8).randbytes(1_000_000)
_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(9).randbytes(200_000)

CASES: dict[str, tuple[Maker, set[str]]] = {
    "mapping of 100,000 keys": (_file("p.yaml", _keys(100_000)), {"SLA004"}),
    "mapping of 40,000 unknown keys": (_file("p.yaml", _keys(40_000)), {"SLA101"}),
    "10,000 nested lists": (_file("p.yaml", HEADER + "spec: " + "[" * 10_000 + "]" * 10_000),
                            {"SLA009"}),
    "10,000 nested mappings": (_file("p.yaml", HEADER + "spec: " + "{a: " * 10_000 + "1" +
                                     "}" * 10_000), {"SLA009"}),
    "10,000 nested block lists": (_file("p.yaml", HEADER + "spec:\n  " + "- " * 10_000 + "x\n"),
                                  {"SLA009"}),
    "2,500,000 open brackets (C stack)": (_file("p.yaml", HEADER + "spec: " + "[" * 2_500_000),
                                          {"SLA009"}),
    "4 MB line, one scalar": (_file("p.yaml", HEADER + "spec: {description: " + "x" * 4_000_000 +
                                    "}\n"), set()),
    "4 MB line, a million-item list": (_file("p.yaml", HEADER + "spec: {priorities: [" +
                                             "a," * 2_000_000 + "]}\n"), {"SLA004"}),
    "enormous scalar": (_file("p.yaml", HEADER + "spec:\n  description: |\n" +
                              ("    " + "y" * 76 + "\n") * 60_000), set()),
    "NUL bytes": (_file("p.yaml", HEADER + "spec: {description: a\x00b}\n" + "\x00" * 1000),
                  {"SLA001"}),
    "random bytes named .yaml": (_file("x.yaml", _RANDOM), {"SLA003"}),
    "a PNG named .yaml": (_file("x.yaml", _PNG), {"SLA003"}),
    "100,000 empty documents": (_file("p.yaml", "---\n" * 100_000), {"SLA004"}),
    "100,000 tiny documents": (_file("p.yaml", "---\na: 1\n" * 100_000), {"SLA004"}),
    "60,000 small policy documents": (_file("p.yaml", (HEADER + "spec: {}\n---\n") * 60_000),
                                      {"SLA004"}),
    "billion laughs": (_file("p.yaml", _billion_laughs()), {"SLA005"}),
    "10,000 nested aliases": (_file("p.yaml", _alias_chain(10_000)), {"SLA005"}),
    "200,000 aliases of one anchor": (_file("p.yaml", HEADER + "spec:\n  a: &a [x, y]\n  b: [" +
                                            ", ".join(["*a"] * 200_000) + "]\n"), {"SLA005"}),
    "50 MB sparse file": (_sparse, {"SLA004"}),
    "10,000 overlapping spans on a day": (_file("c.yaml", _spans(10_000)), {"SLA413"}),
    "suppression above 2,500,000 brackets": (_file("p.yaml", HEADER + "# sla-lint: ignore[SLA0"
                                                   "01]\nspec: " + "[" * 2_500_000), set()),
    "FIFO named x.yaml, given": (_fifo_explicit, {"SLA007"}),
    "FIFO named x.yaml, found": (_fifo_found, {"SLA007"}),
    "folder named x.yaml": (_yaml_directory, {"SLA007"}),
    "links: loop, outside, broken": (_links, {"SLA007", "SLA011"}),
    "2,100 misspelt references among 1,500 services": (_misspelt_references, {"SLA204"}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_resource_bounds(name: str, tmp_path: Path, startup: float) -> None:
    make, codes = CASES[name]
    paths = make(tmp_path)
    assert_bounded(run_cli(*paths), startup, codes)


def test_links_are_not_followed_out_of_the_tree(tmp_path: Path) -> None:
    paths = _links(tmp_path)
    found = {(Path(d["path"]).name, d["code"]) for d in json.loads(run_cli(*paths).stdout)}
    assert found == {("leak.yaml", "SLA011"), ("loop.yaml", "SLA007"), ("broken.yaml", "SLA007")}
    # the outside file's SLA101 would show if it had been read through 'leak' or 'up'


def test_permission_denied_is_a_diagnostic(startup: float) -> None:
    root = Path(tempfile.mkdtemp(prefix="sla-lint-locked-"))
    try:
        root.chmod(0o755)  # the unprivileged user must reach the file
        locked = root / "locked.yaml"
        locked.write_text(HEADER + "spec: {}\n")
        locked.chmod(0)
        run = run_cli(str(root), as_nobody=os.geteuid() == 0)
        if os.geteuid() == 0 and "PermissionError" in run.stderr:
            pytest.skip("cannot become 'nobody' here")
        assert_bounded(run, startup, {"SLA007"})
        assert "Permission denied" in run.stdout
    finally:
        locked.chmod(0o644)
        for path in root.iterdir():
            path.unlink()
        root.rmdir()


def test_holiday_years_are_bounded(tmp_path: Path) -> None:
    """A holiday in year 1 or 9999 was a rule crash (SLA000), 2027 with 5000 a long stall."""
    (tmp_path / "c.yaml").write_text(
        "apiVersion: sla-lint/v1\nkind: Calendar\nmetadata: {name: office}\nspec:\n"
        "  timezone: Europe/London\n  hours: {mon: ['09:00-17:00']}\n"
        "  holidays: [0001-01-01, 9999-12-31, 5000-01-03, 2027-01-04, '20271225']\n"
        "---\napiVersion: sla-lint/v1\nkind: Department\nmetadata: {name: it}\nspec:\n"
        "  calendar: office\n  services:\n  - name: a\n    targets:\n"
        "      P1: {response: 2bh, resolution: 1bd}\n      P2: {response: 3bh, resolution: 2d}\n")
    started = time.process_time()  # CPU time: other processes' load does not count
    found = [(d.code, d.line, d.column) for d in lint([str(tmp_path)]).diagnostics
             if d.code in ("SLA000", "SLA415")]
    assert time.process_time() - started < 5
    assert found == [("SLA415", 7, 14), ("SLA415", 7, 26), ("SLA415", 7, 38),
                     ("SLA415", 7, 62)]
    year = schema()["definitions"]["year"]
    assert (year["minimum"], year["maximum"]) == (FIRST_YEAR, LAST_YEAR)


@pytest.mark.parametrize(("raw", "where", "shown"), [
    (b"\r\x00apiVersion: sla-lint/v1\n", (2, 1), "U+0000"),  # a lone CR ends a line
    (HEADER.replace("\n", "\r").encode() + b"spec: [1,\n", (5, 1), "YAML syntax error"),
    (b"\xef\xbb\xbf" + HEADER.encode() + b"spec: {description: caf\xe9}\n", (4, 24), "e9"),
    (b"a: 1\xc2\x85b: caf\xe9\n", (2, 7), "e9"),  # NEL is a line break to YAML
])
def test_positions_count_lines_as_yaml_does(tmp_path: Path, raw: bytes, where: tuple[int, int],
                                            shown: str) -> None:
    """Found by the fuzzer: CR, NEL and a BOM shifted lines, columns and the bytes shown."""
    (tmp_path / "p.yaml").write_bytes(raw)
    (diag,) = lint([str(tmp_path)]).diagnostics
    assert (diag.line, diag.column) == where
    assert shown in diag.message


def test_business_hours_on_an_always_open_calendar_are_quick() -> None:
    """Found by the fuzzer: bounds for ``2bh`` on 24x7 padded the timeline to year 9990."""
    started = time.process_time()
    hours = 2 * 3600 * 10**6
    assert delay_bounds(parse_duration("2bh"), ALWAYS_OPEN, (2027,)) == (hours, hours)
    assert time.process_time() - started < 1


def test_overlaps_of_many_spans_are_linear_in_number() -> None:
    spans = [(540, 1020)] * 5_000 + [(0, 60), (30, 45), (1020, 1080)]
    pairs = find_overlaps(spans)
    assert len(pairs) == 5_000  # each span against one, not every pair
    assert (5_000, 5_001) in pairs and all(i < j for i, j in pairs)


def test_caps_are_what_the_docs_say() -> None:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for number in (budget.MAX_VALUES, budget.MAX_COMPOSE_DEPTH, MAX_UNKNOWN_KEYS):
        assert f"{number:,}" in text


# --- output that cannot be injected -----------------------------------------------------

EVIL = ("\x1b[2J\x1b[31mred\x1b[0m \"q\" 'a' \n%0A %25 :: ,x --> ]]> <b>&amp;</b> `t` |p| "
        "\r\u202e\x85\x07 #[] {} ${{ x }} <!-- c -->")
_EVIL_FILE = "e\x1b[31mvil\n\"q\" 'a' |%0A,:: <b>.yaml"


def _department(name: str, other: str) -> dict[str, object]:
    targets: dict[str, dict[str, str]] = {p: {"response": "1bh", "resolution": "2bd"}
                                          for p in ("P2", "P3", "P4")}
    return {"apiVersion": "sla-lint/v1", "kind": "Department",
            "metadata": {"name": name, "title": EVIL, "owner": EVIL},
            "spec": {"lead": EVIL, "description": EVIL, "calendar": "office",
                     "contacts": [{"channel": EVIL, "address": EVIL}],
                     "escalation": [{"after": EVIL, "contact": EVIL}],
                     "services": [{"name": "svc", "title": EVIL, "description": EVIL,
                                   "customers": ["*", EVIL], "calendar": EVIL,
                                   "scope": {"includes": ["thing", EVIL],
                                             "excludes": [{"item": EVIL, "note": EVIL}]},
                                   "targets": {"P1": {"response": EVIL, "resolution": "1h"},
                                               **targets},
                                   "depends_on": [{"service": f"{other}/svc", "for": [EVIL]}]}]}}


def write_evil_repo(root: Path) -> None:
    """Every free text a title, name, item, duration, key or file name can carry: EVIL."""
    calendar = {"apiVersion": "sla-lint/v1", "kind": "Calendar",
                "metadata": {"name": "office", "title": EVIL},
                "spec": {"timezone": "Europe/London", "hours": {"mon": ["09:00-17:00"],
                                                                "tue": [EVIL]},
                         "holidays": [EVIL]}}
    policy = {"apiVersion": "sla-lint/v1", "kind": "Policy", "metadata": {"name": "p"},
              "spec": {"horizon": 2027, "limits": {EVIL: {"respnse": "1h", "resolution": 5}}}}
    docs = [calendar, _department("alpha", "beta"), _department("beta", "alpha")]
    (root / "repo.yaml").write_text(yaml.safe_dump_all(docs, allow_unicode=True),
                                    encoding="utf-8")
    (root / "policy.yaml").write_text(yaml.safe_dump(policy, allow_unicode=True),
                                      encoding="utf-8")
    (root / _EVIL_FILE).write_text("apiVersion: sla-lint/v1\nkind: Policy\n", encoding="utf-8")


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, LintResult]:
    root = tmp_path_factory.mktemp("evil")
    write_evil_repo(root)
    result = lint([str(root)], LintConfig())
    assert len(result.diagnostics) > 20
    assert any(d.path.endswith(_EVIL_FILE) for d in result.diagnostics)
    return root, result


def _controls(text: str, allowed: str = "\n") -> list[str]:
    return sorted({repr(c) for c in text if c not in allowed and (
        unicodedata.category(c) == "Cc" or c in "\u202e\u2028\u2029")})


def test_escape_controls_doctest() -> None:
    assert doctest.testmod(terminal).failed == 0
    assert terminal.escape_controls("plain text, é 😀") == "plain text, é 😀"


def test_text_report_passes_no_control_character(evil: tuple[Path, LintResult]) -> None:
    _, result = evil
    assert any("\x1b" in d.message for d in result.diagnostics)  # a message carries one
    out = io.StringIO()
    reporter_class("text")(out).report(result)
    text = out.getvalue()
    assert _controls(text) == []
    related = sum(len(d.related) for d in result.diagnostics)
    assert len(text.split("\n")) == len(result.diagnostics) + related + 2  # + summary, final \n
    assert "\\x1b[31m" in text and "\\u202e" in text


_COMMAND = re.compile(r"::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),"
                      r"title=([^,:\r\n]*)::([^\r\n]*)")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def check_github(text: str, result: LintResult) -> None:
    """One workflow command per line, every property and message escaped and intact."""
    lines = text.split("\n")
    commands = [_COMMAND.fullmatch(line) for line in lines if line.startswith("::")]
    assert all(commands), [line for line in lines if line.startswith("::")]
    assert len(commands) == len(result.diagnostics)
    for match, diag in zip(commands, result.diagnostics, strict=True):
        assert match is not None
        assert _unescape(match.group(2)) == diag.path
        assert _unescape(match.group(6)) == diag.message
    assert all(not re.search(r"%(?!25|0A|0D|3A|2C)", m.group(6)) for m in commands if m)


def check_text(text: str, result: LintResult) -> None:
    assert _controls(text) == []


def check_json(text: str, result: LintResult) -> None:
    data = json.loads(text)
    assert [(d["path"], d["message"]) for d in data] == [(d.path, d.message)
                                                        for d in result.diagnostics]


def check_json_document(text: str, result: LintResult) -> None:
    json.loads(text)
    assert "\x1b" not in text  # JSON escapes C0 characters


def check_junit(text: str, result: LintResult) -> None:
    suites = ET.fromstring(text.encode("utf-8"))
    assert len(suites.findall(".//failure")) >= result.errors


def check_markdown(text: str, result: LintResult) -> None:
    assert _controls(text) == []
    for line in text.split("\n"):
        assert not line.lstrip().startswith(("<script", "<!--"))


CHECKS: dict[str, Callable[[str, LintResult], None]] = {
    "text": check_text, "json": check_json, "github": check_github,
    "sarif": check_json_document, "gitlab": check_json_document, "junit": check_junit,
    "markdown": check_markdown,
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_report_format_stays_valid(fmt: str, evil: tuple[Path, LintResult]) -> None:
    _, result = evil
    out = io.StringIO()
    reporter_class(fmt)(out).report(result)
    text = out.getvalue()
    text.encode("utf-8")
    assert "\x00" not in text
    CHECKS.get(fmt, check_text)(text, result)


def _graph(root: Path, fmt: str, level: str = "service") -> str:
    result = CliRunner().invoke(cli, ["graph", "--format", fmt, "--level", level, str(root)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    return result.output


@pytest.mark.parametrize("level", ["service", "department"])
def test_dot_parses_and_keeps_every_label(evil: tuple[Path, LintResult], level: str) -> None:
    root, _ = evil
    text = _graph(root, "dot", level)
    (graph,) = pydot.graph_from_dot_data(text) or []
    nodes = [n for g in [graph, *graph.get_subgraphs()] for n in g.get_nodes()
             if n.get_name() not in ("node", "edge", "graph")]
    assert len(nodes) == 2
    assert len(graph.get_edges()) == 2
    assert all("red" in (n.get_label() or "") for n in nodes)  # the title, whole
    assert _controls(text) == []


_MERMAID = re.compile(r'flowchart LR|  subgraph g\d+\["[^"]*"\]|  end|    s\d+\["[^"]*"\]'
                      r'|  [sd]\d+\["[^"]*"\]|  [sd]\d+ -\.?->(\|[^|"]*\|)? [sd]\d+'
                      r'|  linkStyle \d+ stroke:red,stroke-width:3px,color:red')


@pytest.mark.parametrize("level", ["service", "department"])
def test_mermaid_lines_keep_their_shape(evil: tuple[Path, LintResult], level: str) -> None:
    root, _ = evil
    lines = _graph(root, "mermaid", level).rstrip("\n").split("\n")
    assert [line for line in lines if not _MERMAID.fullmatch(line)] == []
    assert not any(bad in line for line in lines for bad in ("-->", "]]>", "<b>", "%0A")
                   if not line.lstrip().startswith(("s", "d")) or '["' in line)


def test_graph_text_and_json(evil: tuple[Path, LintResult]) -> None:
    root, _ = evil
    assert _controls(_graph(root, "text")) == []
    data = json.loads(_graph(root, "json"))
    assert {n["title"] for n in data["nodes"]} == {EVIL}


@pytest.mark.parametrize("args", [["find", "thing"], ["customers", "alpha"],
                                  ["customers", "beta/svc"]])
def test_find_and_customers(evil: tuple[Path, LintResult], args: list[str]) -> None:
    root, _ = evil
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, [*args, str(root), "--format", fmt],
                                    catch_exceptions=False)
        assert result.exit_code == 0
        if fmt == "json":
            json.loads(result.stdout)
        else:
            assert _controls(result.output) == []


def test_terminal_is_never_sent_an_escape_from_a_file(evil: tuple[Path, LintResult]) -> None:
    """The real CLI to a pseudo-terminal: colours are ours, no other escape gets through."""
    root, _ = evil
    primary, secondary = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    env.pop("GITHUB_ACTIONS", None)
    child = subprocess.Popen([sys.executable, "-m", "sla_lint", "check", str(root)],
                             stdout=secondary, stderr=subprocess.PIPE, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert child.wait(timeout=60) == 1
    text = b"".join(chunks).decode()
    ours = re.sub(r"\x1b\[(3[1236]|0)m", "", text)
    assert _controls(ours, allowed="\r\n") == []  # the terminal itself turns \n into \r\n


def test_no_file_is_written(tmp_path: Path) -> None:
    write_evil_repo(tmp_path)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")}
    run = run_cli(str(tmp_path), cwd=tmp_path)
    assert run.code == 1
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")} == before

