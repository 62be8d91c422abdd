"""SLA408's suggested fixes stay within the durations a file may write."""

from __future__ import annotations

from pathlib import Path

from sla_lint.config import LintConfig
from sla_lint.engine import lint

DEPARTMENT = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: {name}}}
spec:
  services:
    - name: {service}
      scope: {{includes: [{service}]}}
      targets:
        P1: {{response: 1h, resolution: {resolution}}}
{depends}"""


def test_no_fix_is_suggested_past_the_longest_duration(tmp_path: Path) -> None:
    """Found by the long fuzz: our side would need 3,661 days, more than a file may say.

    The search for the nearest promise that would hold tried 4096d, which is not a
    duration, and the rule crashed (SLA000). Equal to the longest duration holds (no
    ``min_slack``); with 10% slack asked, only the provider's side can move.
    """
    (tmp_path / "hr.yaml").write_text(DEPARTMENT.format(
        name="hr", service="laptops", resolution="3660d", depends=""))
    (tmp_path / "it.yaml").write_text(DEPARTMENT.format(
        name="it", service="desk", resolution="1d",
        depends="      depends_on:\n        - {service: hr/laptops}\n"))
    assert "To fix: promise P1 resolution 3660d, or agree P1 resolution 1d with hr." in (
        _sla408(tmp_path))
    (tmp_path / "policy.yaml").write_text(POLICY)
    message = _sla408(tmp_path)
    assert "To fix: agree P1 resolution 21h with hr." in message
    assert "promise" not in message


POLICY = """\
apiVersion: sla-lint/v1
kind: Policy
metadata: {name: acme}
spec: {min_slack: 10%}
"""


def _sla408(root: Path) -> str:
    result = lint([str(root)], LintConfig(this_year=2026))
    found = [(d.code, d.message) for d in result.diagnostics if d.code in ("SLA408", "SLA000")]
    assert [code for code, _ in found] == ["SLA408"], found
    return found[0][1]
