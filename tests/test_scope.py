"""Family 3xx beyond the fixtures: item matching, redirect loops, and no crying wolf."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.config import LintConfig
from sla_lint.engine import lint
from sla_lint.items import normalize_item
from sla_lint.rules.scope import _functional_cycles

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("a", "b"), [
    ("Laptops", "laptops"),
    ("docking   stations", "Docking Stations"),
    ("  monitors\t", "monitors"),
    ("STRASSE", "straße"),  # case folding, not just lower()
    ("new\nstarters", "new starters"),
])
def test_items_match_after_case_folding_and_collapsing_space(a: str, b: str) -> None:
    assert normalize_item(a) == normalize_item(b)


def test_different_items_stay_different() -> None:
    assert normalize_item("laptop") != normalize_item("laptops")
    assert normalize_item("docking stations") != normalize_item("dockingstations")


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_item(text)
    assert normalize_item(once) == once
    assert once == once.strip()


def test_functional_cycles_finds_each_loop_once_and_skips_self_loops() -> None:
    step = {"a": "b", "b": "c", "c": "a", "d": "a", "e": "e", "f": "g", "g": "f", "h": "x"}
    loops = sorted(tuple(sorted(loop)) for loop in _functional_cycles(step))
    assert loops == [("a", "b", "c"), ("f", "g")]


def test_long_redirect_chain_is_linear() -> None:
    step = {f"s{i}": f"s{i + 1}" for i in range(50_000)}
    step["s50000"] = "s0"
    (loop,) = list(_functional_cycles(step))
    assert len(loop) == 50_001


def _repo(tmp_path: Path, text: str) -> list[dict[str, object]]:
    (tmp_path / "repo.yaml").write_text(text)
    result = lint([str(tmp_path)], LintConfig(select=("SLA3",), this_year=2026))
    return [{"code": d.code, "line": d.line, "message": d.message} for d in result.diagnostics]


DEPT = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: {name}}}
spec:
  services:
{services}
"""


def test_unknown_references_are_left_to_the_2xx_rules(tmp_path: Path) -> None:
    services = """\
    - name: desk
      customers: ["*"]
      scope:
        includes: [desks]
        excludes: [{item: chairs, redirect: nowhere/chairs}]
      depends_on:
        - {service: nowhere/else, for: [anything]}
        - {service: it/nothing, for: [anything]}"""
    assert _repo(tmp_path, DEPT.format(name="it", services=services)) == []


def test_customers_star_allows_every_department_and_external_alone_none(tmp_path: Path) -> None:
    text = DEPT.format(name="a", services="""\
    - name: one
      customers: ["*"]
      scope: {includes: [ones]}
      depends_on: [{service: b/two, for: [twos]}, {service: b/three, for: [threes]}]""")
    text += "---\n" + DEPT.format(name="b", services="""\
    - name: two
      customers: ["*"]
      scope: {includes: [twos]}
    - name: three
      customers: [external]
      scope: {includes: [threes]}""")
    found = _repo(tmp_path, text)
    assert [d["code"] for d in found] == ["SLA311"]
    assert "b/three" in str(found[0]["message"]) and "[external]" in str(found[0]["message"])


def test_examples_are_clean_under_the_scope_rules() -> None:
    result = lint([str(ROOT / "examples")], LintConfig(select=("SLA3",)))
    assert result.diagnostics == ()


def test_every_scope_code_is_shown_by_the_broken_examples() -> None:
    result = lint([str(ROOT / "examples-broken")], LintConfig(select=("SLA3",)))
    assert {d.code for d in result.diagnostics} == {f"SLA3{n:02d}" for n in range(1, 13)}


def test_tangled_exclusions_and_duplicate_services_never_crash(tmp_path: Path) -> None:
    services = """\
    - name: a
      customers: ["*"]
      scope:
        includes: [x]
        excludes:
          - {item: Binders}
          - {item: binders, redirect: it/b}
          - {item: BINDERS, redirect: it/a}
    - name: b
      scope:
        excludes: [{item: binders, redirect: it/a}]
    - name: a
      scope:
        excludes: [{item: staples, redirect: it/b}]
    - name: b
      customers: []
      scope:
        excludes: [{item: staples, redirect: it/a}]"""
    found = _repo(tmp_path, DEPT.format(name="it", services=services))
    codes = [d["code"] for d in found]
    assert "SLA000" not in codes
    assert codes.count("SLA307") == 2  # binders and staples (written in the duplicates) loop


ITEMS = st.sampled_from(["x", "X", "y", " y ", "z"])


@st.composite
def tangled_repos(draw: st.DrawFn) -> str:
    names = ["a", "b", "c"]
    blocks = []
    for name in names:
        refs = st.sampled_from([f"it/{n}" for n in names] + ["it/nope", "hq/x"])
        excludes = draw(st.lists(st.tuples(ITEMS, st.none() | refs), max_size=3))
        deps = draw(st.lists(st.tuples(refs, st.lists(ITEMS, max_size=2), st.booleans()),
                             max_size=3))
        customers = draw(st.none() | st.lists(st.sampled_from(["*", "it", "external", "hr"]),
                                              max_size=2))
        includes = draw(st.none() | st.lists(ITEMS, max_size=3))
        blocks.append(_service_yaml(name, customers, includes, excludes, deps))
    return DEPT.format(name="it", services="\n".join(blocks))


def _service_yaml(name: str, customers: list[str] | None, includes: list[str] | None,
                  excludes: list[tuple[str, str | None]],
                  deps: list[tuple[str, list[str], bool]]) -> str:
    lines = [f"    - name: {name}"]
    if customers is not None:
        lines.append(f"      customers: {json_list(customers)}")
    lines.append("      scope:")
    if includes is not None:
        lines.append(f"        includes: {json_list(includes)}")
    lines.append("        excludes: [" + ", ".join(
        f'{{item: "{item}"' + (f", redirect: {to}}}" if to else "}") for item, to in excludes)
        + "]")
    lines.append("      depends_on: [" + ", ".join(
        f"{{service: {to}, for: {json_list(items)}, blocking: {str(b).lower()}}}"
        for to, items, b in deps) + "]")
    return "\n".join(lines)


def json_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tangled_repos())
def test_scope_and_graph_rules_never_fail_on_any_tangle(tmp_path: Path, text: str) -> None:
    (tmp_path / "repo.yaml").write_text(text)
    result = lint([str(tmp_path)], LintConfig(select=("SLA0", "SLA1", "SLA3", "SLA5"),
                                              this_year=2026))
    assert not [d for d in result.diagnostics if d.code in ("SLA000", "SLA101", "SLA102",
                                                            "SLA103", "SLA104")], text


def _dept(name: str, services: str) -> str:
    return DEPT.format(name=name, services=services)


FRONT_DESK = """\
    - name: equipment
      customers: ["*"]
      scope: {includes: [laptops, monitors]}
      depends_on: [{service: procurement/orders, for: [Monitors]}]"""
BACK_OFFICE = """\
    - name: orders
      customers: ["*"]
      scope: {includes: [purchase orders, monitors]}"""


def test_delegation_is_not_two_departments_claiming_an_item(tmp_path: Path) -> None:
    text = _dept("it", FRONT_DESK) + "---\n" + _dept("procurement", BACK_OFFICE)
    assert _repo(tmp_path, text) == []


def test_delegation_counts_whichever_of_the_two_comes_first(tmp_path: Path) -> None:
    text = _dept("procurement", BACK_OFFICE) + "---\n" + _dept("it", FRONT_DESK)
    assert _repo(tmp_path, text) == []


def test_a_third_department_with_no_delegation_is_still_reported(tmp_path: Path) -> None:
    third = """\
    - name: workplace
      customers: ["*"]
      scope: {includes: [desks, monitors]}"""
    text = (_dept("it", FRONT_DESK) + "---\n" + _dept("procurement", BACK_OFFICE) + "---\n"
            + _dept("facilities", third))
    found = _repo(tmp_path, text)
    assert [d["code"] for d in found] == ["SLA308"]
    assert "also in the scope of it-service-desk" not in str(found[0]["message"])
    assert "it/equipment" in str(found[0]["message"]) and "depends_on" in str(found[0]["message"])


def test_a_dependency_for_another_item_is_no_delegation(tmp_path: Path) -> None:
    text = (_dept("it", FRONT_DESK.replace("[Monitors]", "[purchase orders]")) + "---\n"
            + _dept("procurement", BACK_OFFICE))
    assert [d["code"] for d in _repo(tmp_path, text)] == ["SLA308"]


def test_empty_includes_is_an_error_and_a_missing_one_a_warning(tmp_path: Path) -> None:
    services = """\
    - name: written
      customers: ["*"]
      scope: {includes: []}
    - name: missing
      customers: ["*"]"""
    found = _repo(tmp_path, _dept("it", services))
    assert [(d["code"], d["line"]) for d in found] == [("SLA312", 8), ("SLA301", 9)]
