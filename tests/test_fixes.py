"""Every suggested value is safe to apply (issue 12, part 4).

Random small repos: a few services depending on each other, a policy with limits and
``min_slack``, calendars with a short Friday and other time zones. For every SLA408 and
SLA409 finding, each value its "To fix" suggests is written into the repo, which is linted
again: the finding is gone and no finding appears that was not there before. The same
search through the careful path (full comparisons) gives the same advice.
"""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.config import LintConfig
from sla_lint.engine import lint

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
        assert not after - before, (finding, dept, priority, value, after - before)
        _, path, line, ours = finding
        assert not {("SLA408", path, line, ours), ("SLA409", path, line, ours)} & after
