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
    duration, and the rule crashed (SLA000); now only the provider's side is suggested.
    """
    (tmp_path / "hr.yaml").write_text(DEPARTMENT.format(
        name="hr", service="laptops", resolution="3660d", depends=""))
    (tmp_path / "it.yaml").write_text(DEPARTMENT.format(
        name="it", service="desk", resolution="1d",
        depends="      depends_on:\n        - {service: hr/laptops}\n"))
    result = lint([str(tmp_path)], LintConfig(this_year=2026))
    found = [(d.code, d.message) for d in result.diagnostics if d.code in ("SLA408", "SLA000")]
    assert [code for code, _ in found] == ["SLA408"], found
    message = found[0][1]
    assert "To fix: agree P1 resolution 1d or faster with hr." in message
    assert "or slower" not in message
