"""Every suggested value is safe to apply (issue 12, part 4).

Random small repos: a few services depending on each other, a policy with limits and
``min_slack``, calendars with a short Friday and other time zones. For every SLA408 and
SLA409 finding, each value its "To fix" suggests is written into the repo, which is linted
again: the finding is gone and no finding appears that was not there before. The same
search through the careful path (full comparisons) gives the same advice.
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.cli import cli
from sla_lint.config import LintConfig
from sla_lint.context import Context
from sla_lint.engine import lint, load_catalogue
from sla_lint.fixes.advice import fixes
from sla_lint.fixes.fastest import fastest
from sla_lint.rules.feasibility import edges

LADDER = ("P1", "P2", "P3")
DEPARTMENTS = ("alpha", "beta", "gamma")
CALENDARS = """\
apiVersion: sla-lint/v1
kind: Calendar
metadata: {name: london}
spec:
  timezone: Europe/London
  hours: {mon: ["09:00-17:30"], tue: ["09:00-17:30"], wed: ["09:00-17:30"],
          thu: ["09:00-17:30"], fri: ["09:00-13:00"]}
  holidays: [2027-12-27]
---
apiVersion: sla-lint/v1
kind: Calendar
metadata: {name: newyork}
spec:
  timezone: America/New_York
  hours: {mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"],
          thu: ["09:00-17:00"], fri: ["09:00-17:00"]}
  holidays: [2027-11-25]
"""
SUGGESTION = re.compile(
    r"(?:To fix: |, or )(?:promise (P\d) resolution (\S+?)(?=[,.] )"
    r"|agree (P\d) resolution (\S+?) with (\w+))")

durations = st.sampled_from(
    ["2h", "8h", "1d", "2d", "4bh", "8bh", "12bh", "1bd", "2bd", "3bd", "5bd", "10bd"])


@st.composite
def repos(draw: st.DrawFn) -> dict[str, Any]:
    """Departments with one service each, targets per priority and blocking dependencies."""
    depts: dict[str, Any] = {}
    for i, name in enumerate(DEPARTMENTS):
        targets = {p: {"response": draw(st.sampled_from(["1h", "2bh", "4bh"])),
                       "resolution": draw(durations)} for p in LADDER}
        deps = [{"service": f"{other}/svc", "for": ["things"]}
                for other in DEPARTMENTS[i + 1:] if draw(st.booleans())]
        depts[name] = {"calendar": draw(st.sampled_from(["london", "newyork", "24x7"])),
                       "targets": targets, "depends_on": deps}
    limits = {p: {"resolution": draw(st.sampled_from(["3bd", "5bd", "8bd"]))}
              for p in LADDER if draw(st.booleans())}
    slack = draw(st.sampled_from([None, 0.1, 0.25]))
    return {"departments": depts, "limits": limits, "min_slack": slack}


class _Plain(yaml.SafeDumper):
    """No anchors and aliases: every department's YAML is written out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write(repo: dict[str, Any], root: Path) -> None:
    """The repo as YAML files under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    policy: dict[str, Any] = {"priorities": list(LADDER), "horizon": 2027,
                              "limits": repo["limits"]}
    if repo["min_slack"] is not None:
        policy["min_slack"] = f"{int(repo['min_slack'] * 100)}%"
    docs = [{"apiVersion": "sla-lint/v1", "kind": "Policy", "metadata": {"name": "acme"},
             "spec": policy}]
    (root / "calendars.yaml").write_text(CALENDARS)
    (root / "policy.yaml").write_text(yaml.dump_all(docs, Dumper=_Plain, sort_keys=False))
    for name, dept in repo["departments"].items():
        service = {"name": "svc", "customers": ["*"], "scope": {"includes": ["things"]},
                   "targets": dept["targets"], "depends_on": dept["depends_on"]}
        doc = {"apiVersion": "sla-lint/v1", "kind": "Department", "metadata": {"name": name},
               "spec": {"calendar": dept["calendar"], "services": [service]}}
        (root / f"{name}.yaml").write_text(yaml.dump(doc, Dumper=_Plain, sort_keys=False))


Key = tuple[str, str, int, str]


def findings(root: Path) -> set[Key]:
    """(code, file name, line, first word: the priority for 4xx) of every finding."""
    result = lint([str(root)], LintConfig(this_year=2027))
    return {(d.code, Path(d.path).name, d.line, d.message.split()[0])
            for d in result.diagnostics}


def suggestions(root: Path) -> list[tuple[Key, str, str, str]]:
    """(finding, department, priority, value) of every value SLA408 and SLA409 suggest."""
    result = lint([str(root)], LintConfig(this_year=2027))
    found = []
    for d in result.diagnostics:
        if d.code not in ("SLA408", "SLA409"):
            continue
        key = (d.code, Path(d.path).name, d.line, d.message.split()[0])
        for ours_p, ours_v, their_p, their_v, their_d in SUGGESTION.findall(d.message):
            if ours_p:
                found.append((key, Path(d.path).stem, ours_p, ours_v))
            else:
                found.append((key, their_d, their_p, their_v))
    return found


def applied(repo: dict[str, Any], dept: str, priority: str, value: str) -> dict[str, Any]:
    """The repo with one resolution changed."""
    copy = deepcopy(repo)
    copy["departments"][dept]["targets"][priority]["resolution"] = value
    return copy


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(repo=repos())
def test_every_suggested_value_adds_no_finding(tmp_path_factory: Any, repo: dict[str, Any]) -> None:
    root = tmp_path_factory.mktemp("repo")
    write(repo, root)
    before = findings(root)
    for finding, dept, priority, value in suggestions(root):
        after_root = tmp_path_factory.mktemp("fixed")
        write(applied(repo, dept, priority, value), after_root)
        after = findings(after_root)
        new = {f for f in after - before  # a broken dependency that got better is not new
               if not (f[0] == "SLA409" and ("SLA408", *f[1:]) in before)}
        assert not new, (finding, dept, priority, value, new)
        _, path, line, ours = finding
        assert not {("SLA408", path, line, ours), ("SLA409", path, line, ours)} & after


def context(root: Path) -> Context:
    """The run's context for a repo, as ``check`` makes it."""
    return Context(load_catalogue([str(root)], LintConfig(this_year=2027)).catalogue, 2027)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(repo=repos())
def test_the_careful_search_gives_the_same_advice(tmp_path_factory: Any,
                                                  repo: dict[str, Any]) -> None:
    """Yes/no answers from bounds and ``kept`` (the fast path) equal full comparisons."""
    root = tmp_path_factory.mktemp("repo")
    write(repo, root)
    fast, careful = context(root), context(root)
    for edge, other in zip(edges(fast), edges(careful), strict=True):
        if edge.their_promise is None or edge.result is None:
            continue
        parts = (edge.consumer, edge.provider, edge.priority, edge.theirs)
        their = (edge.ours, edge.their_promise)
        twin = (other.consumer, other.provider, other.priority, other.theirs)
        assert fixes(fast, parts, their) == fixes(careful, twin, (other.ours, other.their_promise),
                                                  careful=True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(repo=repos())
def test_the_fastest_resolution_is_kept_and_one_less_is_not(tmp_path_factory: Any,
                                                            repo: dict[str, Any]) -> None:
    """Writing the answer of ``fastest`` leaves every dependency its time and slack."""
    root = tmp_path_factory.mktemp("repo")
    write(repo, root)
    ctx = context(root)
    for dept in DEPARTMENTS:
        for row in fastest(ctx, f"{dept}/svc").rows:
            if row.fastest is None:
                continue
            fixed = tmp_path_factory.mktemp("fastest")
            write(applied(repo, dept, row.priority, row.fastest), fixed)
            late = {(code, word) for code, name, _, word in findings(fixed)
                    if name == f"{dept}.yaml" and code in ("SLA408", "SLA409")}
            assert (("SLA408", row.priority) not in late
                    and ("SLA409", row.priority) not in late), (dept, row)
            number = re.fullmatch(r"(\d+)([a-z]+)", row.fastest)
            if row.reason is None or row.reason.kind != "dependency" or not number:
                continue
            if int(number[1]) > 1:
                less = f"{int(number[1]) - 1}{number[2]}"
                write(applied(repo, dept, row.priority, less), fixed)
                late = {(code, word) for code, name, _, word in findings(fixed)
                        if name == f"{dept}.yaml" and code in ("SLA408", "SLA409")}
                assert {("SLA408", row.priority), ("SLA409", row.priority)} & late, (dept, row)


LIMITED = """\
apiVersion: sla-lint/v1
kind: Policy
metadata: {name: acme}
spec:
  limits: {P1: {resolution: 2bd}}
  min_slack: 10%
"""


def test_a_value_past_the_limit_is_not_suggested_the_collision_is_named(tmp_path: Path) -> None:
    """Issue 12: "promise P1 resolution 4bd or slower" landed in SLA405 (limit 2bd).

    Now the advice says which promises collide and who can move: the provider (a faster
    promise) or the policy (a higher limit); applied alone, 3bd would break the limit.
    """
    (tmp_path / "policy.yaml").write_text(LIMITED)
    (tmp_path / "hr.yaml").write_text(DEPARTMENT.format(name="hr", resolution="2bd", deps=""))
    (tmp_path / "it.yaml").write_text(DEPARTMENT.format(
        name="it", resolution="1bd", deps="      depends_on: [{service: hr/svc}]\n"))
    result = lint([str(tmp_path)], LintConfig(this_year=2027))
    [message] = [d.message for d in result.diagnostics if d.code == "SLA408"]
    assert "To fix: agree P1 resolution 21bh with hr." in message, message
    assert "promise P1" not in message
    (tmp_path / "hr.yaml").write_text(DEPARTMENT.format(
        name="hr", resolution="2bd", deps="").replace("response: 1h", "response: 2bd"))
    result = lint([str(tmp_path)], LintConfig(this_year=2027))
    [message] = [d.message for d in result.diagnostics if d.code == "SLA408"]
    advice = message[message.index("No single change fixes it."):]
    assert "Our P1 resolution would have to be 3bd or slower to wait on hr/svc's P1" in advice
    assert "with 10% slack, but the policy limit for P1 resolution 2bd (" in advice
    assert "agree a faster P1 resolution with hr, or raise the policy limit" in advice
    assert ("The P1 resolution of hr/svc would have to be 21bh or faster for it/svc's P1"
            " resolution 1bd (") in advice
    assert "but its P1 response 2bd (" in advice
    assert "make the P1 response faster as well. Or make the dependency non-blocking." in advice


DEPARTMENT = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: {name}}}
spec:
  services:
    - name: svc
      targets:
        P1: {{response: 1h, resolution: {resolution}}}
{deps}"""


def test_fastest_names_the_bound_and_the_collision(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(LIMITED)
    (tmp_path / "hr.yaml").write_text(DEPARTMENT.format(name="hr", resolution="2bd", deps=""))
    (tmp_path / "it.yaml").write_text(DEPARTMENT.format(
        name="it", resolution="1bd", deps="      depends_on: [{service: hr/svc}]\n"))
    runner = CliRunner()
    result = runner.invoke(cli, ["fastest", "it/svc", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first = data["priorities"][0]
    assert (first["priority"], first["resolution"], first["fastest"], first["limit"]) == (
        "P1", "1bd", None, "2bd")
    assert "would have to be 3bd or slower" in first["collision"]
    assert "raise the policy limit for P1 resolution" in first["collision"]
    (tmp_path / "hr.yaml").write_text(DEPARTMENT.format(name="hr", resolution="8h", deps=""))
    result = runner.invoke(cli, ["fastest", "it/svc", str(tmp_path)])
    assert "P1 resolution: 9bh (now 1bd, limit 2bd)" in result.stdout, result.stdout
    assert "Bound: waits on hr/svc's P1 resolution 8h" in result.stdout
    assert "with 10% slack" in result.stdout
    assert "P2 resolution: 9bh (no resolution now)" in result.stdout
    assert "Bound: no faster than the fastest P1 resolution 9bh" in result.stdout
    result = runner.invoke(cli, ["fastest", "it/sv", str(tmp_path)])
    assert result.exit_code == 2
    assert "did you mean 'it/svc'?" in result.output
