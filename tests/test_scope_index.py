"""The shared indexes of the 2xx, 3xx and 5xx rules answer as the careful lookups do.

The scope rules prove "nothing to report" from one catalogue-wide index of item keys
(:func:`sla_lint.items.item_index`) and look at the few remaining items one by one; the
chain rule measures a graph without cycles from its topological order. Each shortcut is
held here against the careful path it stands in for.
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from sla_lint import depgraph
from sla_lint.config import LintConfig
from sla_lint.diagnostics import Location
from sla_lint.engine import lint, load_catalogue
from sla_lint.items import all_plain, excluded, included, item_index, item_key, normalize_item
from sla_lint.model import Catalogue, Dependency, Text

ROOT = Path(__file__).resolve().parent.parent
SLOW = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def generated() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 200)
        yield Path(tmp)


def test_the_key_of_a_key_is_itself_for_every_code_point() -> None:
    # item_key takes a text that is already a key as its own key: that needs case folding
    # to be idempotent and never to turn a character that is not space into space
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        assert folded.casefold() == folded, hex(code)
        if char.split():
            assert all(c.split() for c in folded), hex(code)


@given(st.text())
def test_item_key_of_a_normalised_text(text: str) -> None:
    key = normalize_item(text)
    assert item_key(key, {key: 1}) == key
    assert item_key(text, {}) == key


@given(st.lists(st.text(alphabet="aZß é\t\n\x00\x1c\u00a0b.-")))
def test_plain_texts_are_their_own_keys(texts: list[str]) -> None:
    if all_plain(texts):
        assert [normalize_item(t) for t in texts] == texts


@given(st.lists(st.from_regex(r"[a-z0-9]+( [a-z0-9/.-]+)*", fullmatch=True)))
def test_keys_written_plainly_are_recognised(texts: list[str]) -> None:
    assert all_plain(texts)


def catalogues(generated: Path) -> list[Catalogue]:
    dirs = sorted(p for p in (ROOT / "tests" / "fixtures").glob("*/*") if p.is_dir())
    return [load_catalogue([str(p)], LintConfig()).catalogue
            for p in [*dirs, ROOT / "examples", generated]]


def test_item_index_answers_as_the_per_service_lookups(generated: Path) -> None:
    for cat in catalogues(generated):
        index = item_index(cat)
        services = list(cat.services())
        texts = [t.value for s in services for t in s.includes]
        texts += [e.item.value for s in services for e in s.excludes]
        texts += [i.value for s in services for d in s.depends_on for i in d.items]
        for n, service in enumerate(services):
            for text in texts[n % 7::7] + [t.value for t in service.includes]:
                key = item_key(text, index.includer)
                assert index.includes(service, key) == (included(service, text) is not None)
                assert index.excludes(service, key) == (excluded(service, text) is not None)


def _claimed_by_two_departments(cat: Catalogue) -> bool:
    seen: dict[str, str] = {}
    return any(seen.setdefault(normalize_item(i.value), s.department) != s.department
               for s in cat.services() for i in s.includes)


def test_departments_apart_is_exact(generated: Path) -> None:
    for cat in catalogues(generated):
        assert item_index(cat).departments_apart == (not _claimed_by_two_departments(cat))


def _lint3(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    (tmp_path / "repo.yaml").write_text(text)
    result = lint([str(tmp_path)], LintConfig(select=("SLA3",), this_year=2026))
    return [(d.code, d.line, d.message) for d in result.diagnostics]


def test_shared_keys_and_unusual_spelling_take_the_careful_path(tmp_path: Path) -> None:
    # a key included by two services of one department (the index is not unique) and
    # items spelt with capitals and tabs (not plain): the findings are still exact
    found = _lint3(tmp_path, """\
apiVersion: sla-lint/v1
kind: Department
metadata: {name: d}
spec:
  services:
    - name: a
      scope:
        includes: [Laptops, monitors]
        excludes: [{item: "docking\\tstations", redirect: d/b}]
    - name: b
      scope:
        includes: [laptops, docking stations]
        excludes: [{item: MONITORS, redirect: d/a}]
      depends_on:
        - {service: d/a, for: [LAPTOPS, phones, Docking Stations]}
""")
    assert [(code, line) for code, line, _ in found] == [("SLA309", 15), ("SLA310", 15)]
    assert "asked for 'phones'" in found[0][2]
    assert "asked for 'Docking Stations', but it excludes it" in found[1][2]
    assert "'LAPTOPS'" not in str(found)  # a includes Laptops


Edges = list[tuple[int, int]]


@st.composite
def dags(draw: st.DrawFn) -> tuple[int, Edges]:
    count = draw(st.integers(1, 9))
    pairs = [(a, b) for a in range(count) for b in range(a + 1, count)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True) if pairs else st.just([]))
    return count, draw(st.permutations(edges))


@SLOW
@given(dags(), st.integers(0, 4), st.randoms(use_true_random=False))
def test_chains_of_a_graph_without_cycles_match_the_careful_path(
        case: tuple[int, Edges], limit: int, rnd: random.Random) -> None:
    count, edges = case
    names = [f"d/s{i}" for i in range(count)]
    rnd.shuffle(names)
    graph: depgraph.Graph = {name: {} for name in names}
    for line, (a, b) in enumerate(edges, 1):
        loc = Location("repo.yaml", line)
        graph[names[a]][names[b]] = Dependency(Text(names[b], loc), (), True, (), loc)
    order, heads = depgraph._topological(graph)
    assert order is not None
    fast = depgraph._dag_chains(graph, order, heads, limit)
    careful = depgraph._chains(graph, depgraph.components(graph), limit)
    assert [[(e.consumer, e.provider, e.loc) for e in c.edges] for c in fast] == \
        [[(e.consumer, e.provider, e.loc) for e in c.edges] for c in careful]


def test_a_graph_with_a_cycle_has_no_topological_order() -> None:
    loc = Location("repo.yaml", 1)
    dep = Dependency(Text("x", loc), (), True, (), loc)
    graph: depgraph.Graph = {"a": {"b": dep}, "b": {"c": dep}, "c": {"b": dep}, "d": {}}
    order, heads = depgraph._topological(graph)
    assert order is None
    assert heads == ["a", "d"]
