"""Family 5xx and the graph core: built from the model, cycles and chains exact and bounded."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from sla_lint.context import Context
from sla_lint.graph.analysis import MAX_CYCLES, blocking_cycles, long_chains
from sla_lint.graph.build import build_graph, department_graph, edges
from sla_lint.rules.dependencies import dependency_chain_too_long, dependency_cycle
from tests.graphkit import make_catalogue, ref

ROOT = Path(__file__).resolve().parent.parent

graphs = st.integers(2, 7).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.booleans()),
             max_size=14)))


def test_graph_holds_known_services_and_prefers_the_blocking_duplicate() -> None:
    cat = make_catalogue(3, [(0, 1, False), (0, 1, True), (0, 2, False), (1, 2, True)])
    graph = build_graph(cat)
    assert sorted(graph) == sorted(ref(i) for i in range(3))
    assert graph.edges[ref(0), ref(1)]["blocking"] is True
    assert graph.edges[ref(0), ref(1)]["loc"].line == 2
    assert [e.key for e in edges(graph, blocking_only=True)] == [(ref(0), ref(1)),
                                                                  (ref(1), ref(2))]


def test_department_view_merges_edges_and_leaves_out_internal_ones() -> None:
    cat = make_catalogue(15, [(0, 1, False), (0, 8, True), (7, 1, False), (0, 7, True)])
    view = department_graph(build_graph(cat), cat)
    assert set(view) == {f"d{i}" for i in range(7)}
    assert ("d0", "d1") in view.edges and ("d0", "d0") not in view.edges
    merged = view.edges["d0", "d1"]
    assert merged["blocking"] is True and len(merged["edges"]) == 3


@settings(max_examples=200, deadline=None)
@given(graphs)
def test_cycles_are_exactly_the_simple_cycles_of_blocking_edges(case: tuple[int, list]) -> None:
    n, deps = case
    graph = build_graph(make_catalogue(n, deps))
    blocking = nx.DiGraph([(u, v) for u, v, b in graph.edges(data="blocking") if b and u != v])
    expected = {frozenset(zip(c, [*c[1:], c[0]], strict=True))
                for c in nx.simple_cycles(blocking)}
    found = [c.edges for c in blocking_cycles(graph)]
    assert {frozenset(e.key for e in c) for c in found} == expected
    for cycle in found:  # reported at its smallest location, in walking order
        assert cycle[0].loc == min(e.loc for e in cycle)
        assert all(a.provider == b.consumer for a, b in zip(cycle, [*cycle[1:], cycle[0]],
                                                            strict=True))


def _brute_force_chains(graph: nx.DiGraph, limit: int) -> dict[tuple[str, str], int]:
    dag = nx.DiGraph([(u, v) for u, v, b in graph.edges(data="blocking") if b and u != v])
    heads = [n for n in dag if dag.in_degree(n) == 0]
    longest: dict[tuple[str, str], int] = {}
    for head in heads:
        for path in _all_paths(dag, head):
            if len(path) - 1 > limit:
                first = (path[0], path[1])
                longest[first] = max(longest.get(first, 0), len(path) - 1)
    return longest


def _all_paths(dag: nx.DiGraph, node: str) -> list[list[str]]:
    tails = [p for succ in dag.successors(node) for p in _all_paths(dag, succ)]
    return [[node, *t] for t in tails] or [[node]]


@settings(max_examples=200, deadline=None)
@given(graphs, st.integers(1, 4))
def test_long_chains_match_brute_force_on_dags(case: tuple[int, list], limit: int) -> None:
    n, deps = case
    dag_deps = [(min(a, b), max(a, b), blocking) for a, b, blocking in deps if a != b]
    graph = build_graph(make_catalogue(n, dag_deps))
    found = long_chains(graph, limit)
    assert {c.edges[0].key: c.length for c in found} == _brute_force_chains(graph, limit)
    for chain in found:
        assert all(e.blocking for e in chain.edges)
        assert all(a.provider == b.consumer for a, b in itertools.pairwise(chain.edges))


def test_chain_rule_needs_the_policy_setting_and_counts_edges() -> None:
    deps = [(0, 1, True), (1, 2, True), (2, 3, True)]
    assert list(dependency_chain_too_long(Context(make_catalogue(4, deps), 2026))) == []
    assert list(dependency_chain_too_long(Context(make_catalogue(4, deps, 3), 2026))) == []
    (finding,) = dependency_chain_too_long(Context(make_catalogue(4, deps, 2), 2026))
    assert "waits on 3 blocking dependencies" in finding.message
    assert finding.location.line == 1


def test_ten_thousand_services_stay_fast() -> None:
    n = 10_000
    half = n // 2
    deps = [(i, i + 1, True) for i in range(n - 1)]  # one chain through everything
    deps += [(i, i + 3, True) for i in range(0, half - 3, 2)]  # a DAG with many long chains
    deps += [(i, i - 50, True) for i in range(half + 100, n, 97)]  # cycles in the other half
    deps += [(i, (i * 7919) % n, False) for i in range(0, n, 2)]  # non-blocking noise
    ctx = Context(make_catalogue(n, deps, 4), 2026)
    start = time.process_time()
    chains = list(dependency_chain_too_long(ctx))
    cycles = list(dependency_cycle(ctx))
    elapsed = time.process_time() - start
    assert chains and cycles
    assert elapsed < 20, f"5xx rules took {elapsed:.1f}s on {n} services"


def test_many_cycles_are_capped_and_the_choice_is_the_same_in_every_process(
        tmp_path: Path) -> None:
    names = [f"s{i}" for i in range(7)]  # a complete graph: 1,172 simple cycles
    services = "".join(
        f"    - name: {a}\n      customers: ['*']\n      scope: {{includes: [{a} work]}}\n"
        "      depends_on:\n" + "".join(f"        - {{service: x/{b}}}\n"
                                        for b in names if b != a) for a in names)
    (tmp_path / "x.yaml").write_text("apiVersion: sla-lint/v1\nkind: Department\n"
                                     f"metadata: {{name: x}}\nspec:\n  services:\n{services}")
    outputs = set()
    for seed in ("0", "1", "12345"):
        run = subprocess.run(
            [sys.executable, "-m", "sla_lint", "check", "--format", "json", "--select", "SLA501",
             str(tmp_path)], capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed},
            check=False, cwd=ROOT)
        assert run.returncode == 1, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1
    found = json.loads(outputs.pop())
    assert len(found) == MAX_CYCLES
    assert all("more than 100 cycles" in d["message"] for d in found)
