"""The fast paths of issue 7 give exactly what the careful paths give.

Each optimisation keeps a slower, obviously right path beside it; these tests hold the
two equal on every fixture, on the examples and on a generated repo: the loader's plain
builder against the careful one (the data, and the model built from it), the table-driven
tag resolver against PyYAML's, the compiled schema validator against jsonschema, the
compiled deadline functions against ``evaluate``, and the networkx-free graph analysis
against the networkx one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from benchmarks.generate import generate
from sla_lint import depgraph
from sla_lint.config import LintConfig
from sla_lint.engine import lint, load_catalogue
from sla_lint.graph.analysis import blocking_cycles, long_chains
from sla_lint.graph.build import build_graph
from sla_lint.loader import discover, load_file, yamlsource
from sla_lint.loader.fastbuild import Unusual
from sla_lint.loader.fastresolve import FastResolveLoader
from sla_lint.schema import _validator, fast_valid
from sla_lint.timecalc import Calendar, Duration
from sla_lint.timecalc.deadlines import Spec, evaluate
from sla_lint.timecalc.fasteval import evaluator
from sla_lint.timecalc.timeline import OutOfRange, covering

from .timecalc.strategies import arrivals, calendars, durations

ROOT = Path(__file__).resolve().parent.parent
SLOW = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def generated() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 300)
        yield Path(tmp)


def corpus(generated: Path) -> list[str]:
    return [str(ROOT / "tests" / "fixtures"), str(ROOT / "examples"), str(generated)]


def careful_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Any, typed: Any) -> Any:
        raise Unusual

    monkeypatch.setattr(yamlsource, "build_plain", refuse)


def snapshot(paths: list[str]) -> list[tuple[Any, ...]]:
    found = discover(paths)
    rows: list[tuple[Any, ...]] = []
    for source in found.files:
        loaded = load_file(source)
        rows.append((source.display, [(d.index, d.data) for d in loaded.documents],
                     loaded.diagnostics))
    return rows


def test_plain_builder_matches_the_careful_one(generated: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    fast = snapshot(corpus(generated))
    careful_only(monkeypatch)
    assert fast == snapshot(corpus(generated))


def test_model_of_plain_documents_matches_the_careful_walk(
        generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model builder reads a plain document's pairs in order; a careful one by key."""
    fast = load_catalogue(corpus(generated), LintConfig()).catalogue
    careful_only(monkeypatch)
    careful = load_catalogue(corpus(generated), LintConfig()).catalogue
    assert fast.departments and fast == careful
    assert [s.name.loc for s in fast.services()] == [s.name.loc for s in careful.services()]


def test_plain_builder_leaves_positions_intact(generated: Path) -> None:
    for source in discover([str(generated)]).files[:40]:
        for doc in load_file(source).documents:
            assert doc.location(["metadata", "name"]).line >= 1
            assert doc.location(["kind"], key=True).column == 1


SCALARS = ["", "~", "null", "Null", "NULL", "true", "yes", "No", "on", "OFF", "y", "n", "0",
           "007", "0o17", "0x1F", "-1", "+2", "1_000", "1:30", "1.5", ".5", "1e3", ".inf",
           "-.Inf", ".nan", "2027-01-01", "2027-01-01T10:00:00Z", "<<", "=", "!x", "&a", "*a",
           "london-office", "new york", "4bh", "P1", "#x", "*"]


def resolved(loader: Any, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
    return str(loader("").resolve(kind, value, implicit))


@pytest.mark.parametrize("value", SCALARS)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (True, True), (False, False)])
def test_resolver_matches_pyyaml(value: str, implicit: tuple[bool, bool]) -> None:
    base = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    assert (resolved(FastResolveLoader, ScalarNode, value, implicit)
            == resolved(base, ScalarNode, value, implicit))


@SLOW
@given(st.text(max_size=12))
def test_resolver_matches_pyyaml_on_any_text(value: str) -> None:
    base = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    for kind in (ScalarNode, SequenceNode, MappingNode):
        assert (resolved(FastResolveLoader, kind, value, (True, False))
                == resolved(base, kind, value, (True, False)))


def test_compiled_schema_agrees_with_jsonschema(generated: Path) -> None:
    """Valid for one is valid for the other, on every document of the corpus."""
    checked = 0
    for source in discover(corpus(generated)).files:
        for doc in load_file(source).documents:
            detailed = not any(True for _ in _validator().iter_errors(doc.data))
            assert fast_valid(doc.data) == detailed, source.display
            checked += 1
    assert checked > 100


def test_where_the_validators_differ_jsonschema_decides() -> None:
    # Python's `$` also matches before a final newline, the compiled validator's does not:
    # the fast path rejects, the detailed path accepts, and the detailed path decides.
    data = {"apiVersion": "sla-lint/v1", "kind": "Calendar", "metadata": {"name": "abc\n"},
            "spec": {"timezone": "UTC", "hours": {}}}
    assert not fast_valid(data)
    assert not any(True for _ in _validator().iter_errors(data))
    assert not fast_valid({"x": float("nan")})  # cannot be converted: never "valid"


@SLOW
@given(calendars(), durations(), arrivals(), st.integers(0, 3 * 86_400 * 10**6))
def test_compiled_deadlines_match_evaluate(calendar: Calendar, duration: Duration,
                                           t: int, later: int) -> None:
    year = (t // (365 * 86_400 * 10**6)) + 1970
    tl = covering(calendar, year, year, 14)
    spec = Spec.of(duration)
    fast = evaluator(tl, spec)
    for u in (t, t + later, tl.lo, tl.hi - 1, tl.hi):
        try:
            expected: int | None = evaluate(tl, spec, u)
        except OutOfRange:
            expected = None
        try:
            got: int | None = fast(u)
        except OutOfRange:
            got = None
        assert got == expected


def graph_answers(paths: list[str], limit: int) -> tuple[Any, Any, Any, Any]:
    catalogue = load_catalogue(paths, LintConfig()).catalogue

    def cycles(found: Any) -> list[Any]:
        return [([(e.consumer, e.provider, e.loc) for e in c.edges], c.truncated)
                for c in found]

    def chains(found: Any) -> list[Any]:
        return [[(e.consumer, e.provider, e.loc) for e in c.edges] for c in found]

    return (cycles(blocking_cycles(build_graph(catalogue))),
            cycles(depgraph.blocking_cycles(catalogue)),
            chains(long_chains(build_graph(catalogue), limit)),
            chains(depgraph.long_chains(catalogue, limit)))


def test_graph_analysis_without_networkx_matches(generated: Path) -> None:
    dirs = sorted((ROOT / "tests" / "fixtures" / "5xx").iterdir())
    for path in [*dirs, ROOT / "examples", generated]:
        for limit in (1, 2, 4):
            nx_cycles, cycles, nx_chains, chains = graph_answers([str(path)], limit)
            assert cycles == nx_cycles, path
            assert chains == nx_chains, path


def repo_with(edges: list[tuple[int, int, bool]], count: int) -> str:
    services = []
    for i in range(count):
        deps = [f"{{service: d/s{b}, blocking: {str(blocking).lower()}}}"
                for a, b, blocking in edges if a == i]
        services.append(f"    - {{name: s{i}, customers: ['*'], depends_on: [{', '.join(deps)}]}}")
    return ("apiVersion: sla-lint/v1\nkind: Department\nmetadata: {name: d}\nspec:\n"
            "  services:\n" + "\n".join(services) + "\n")


@SLOW
@given(st.integers(2, 7).flatmap(lambda n: st.tuples(st.just(n), st.lists(
    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.booleans()), max_size=18))))
def test_graph_analysis_matches_on_random_graphs(case: tuple[int, list[Any]]) -> None:
    count, edges = case
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "d.yaml").write_text(repo_with(edges, count), encoding="utf-8")
        for limit in (1, 2):
            nx_cycles, cycles, nx_chains, chains = graph_answers([tmp], limit)
            assert sorted(cycles) == sorted(nx_cycles)
            assert chains == nx_chains


def test_profile_is_silent_unless_asked(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SLA_LINT_PROFILE", raising=False)
    lint([str(ROOT / "examples" / "calendars")])
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("SLA_LINT_PROFILE", "1")
    lint([str(ROOT / "examples" / "calendars")])
    line = capsys.readouterr().err.strip()
    stages = json.loads(line)["sla-lint-profile"]
    assert set(stages) == {"load", "schema", "model", "rules", "feasibility"}


def test_the_fast_exit_keeps_output_and_status() -> None:
    broken = subprocess.run([sys.executable, "-m", "sla_lint", "check", "--format", "json",
                             "examples-broken"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert broken.returncode == 1
    assert json.loads(broken.stdout)  # the whole report arrived before the process ended
    clean = subprocess.run([sys.executable, "-m", "sla_lint", "check", "examples"],
                           cwd=ROOT, capture_output=True, text=True,
                           check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    usage = subprocess.run([sys.executable, "-m", "sla_lint", "check", "--format", "nope"],
                           cwd=ROOT, capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    assert "nope" in usage.stderr


@pytest.mark.parametrize("text", [
    "- " * 30_000 + "x\n",                                  # block sequences on one line
    "a:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(3000)),  # block mappings
    "[" * 30_000,                                           # flow style
    "? " * 30_000 + "x\n",                                  # explicit keys
])
def test_files_that_may_nest_deep_still_take_the_guarded_path(text: str) -> None:
    from sla_lint.loader import SourceFile, load_bytes
    from sla_lint.loader.budget import may_nest_too_deep

    assert may_nest_too_deep(text)
    found = load_bytes(SourceFile("deep.yaml", "deep.yaml"), text.encode())
    assert [d.code for d in found.diagnostics] == ["SLA009"]


def test_an_ordinary_department_file_skips_the_depth_hooks(generated: Path) -> None:
    from sla_lint.loader.budget import may_nest_too_deep

    files = sorted(generated.glob("departments/*/*.yaml"))
    assert files and not any(may_nest_too_deep(f.read_text()) for f in files)
