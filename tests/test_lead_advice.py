"""Smaller things a department lead met (issue 12.8): each message says what to write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint import registry
from sla_lint.cli import cli
from sla_lint.config import LintConfig
from sla_lint.engine import lint
from sla_lint.reporters.ruledocs import markdown_code, plain, rule_hint

ROOT = Path(__file__).resolve().parent.parent
HR = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: hr, owner: "@acme/hr"}}
spec:
  calendar: {calendar}
  services:
    - name: payroll
      customers: ["*"]
      scope: {{includes: [payslips]}}
      targets:
        {p1}: {{response: 30 mins, resolution: 4 hrs}}
        P2: {{response: 2h, resolution: 8h}}
        P3: {{response: 4h, resolution: 2d}}
        P4: {{response: 1d, resolution: 5d}}
"""
LONDON = """\
apiVersion: sla-lint/v1
kind: Calendar
metadata: {name: london-office}
spec:
  timezone: Europe/London
  hours: {mon: ["09:00-17:00"]}
  holidays: [2027-12-27]  # a dated holiday fixes the years checked (no SLA435 note)
"""


def messages(tmp_path: Path, **files: str) -> list[tuple[str, int, str]]:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text)
    result = lint([str(tmp_path)], LintConfig(this_year=2027))
    return [(d.code, d.line, d.message) for d in result.diagnostics]


def test_a_lower_case_priority_gets_did_you_mean(tmp_path: Path) -> None:
    found = messages(tmp_path, hr=HR.format(calendar="24x7", p1="p1"))
    assert ("SLA404", 11, "'p1' is not a priority of the ladder (P1, P2, P3, P4);"
            " did you mean 'P1'?") in found
    fixed = messages(tmp_path, hr=HR.format(calendar="24x7", p1="P1"))
    assert fixed == []


def test_a_priority_far_from_any_keeps_the_general_advice(tmp_path: Path) -> None:
    found = messages(tmp_path, hr=HR.format(calendar="24x7", p1="Urgent"))
    assert any(m.endswith("use one of them or add it to the policy's priorities")
               for c, _, m in found if c == "SLA404")


def test_a_time_zone_written_as_calendar_says_where_a_zone_belongs(tmp_path: Path) -> None:
    (found,) = messages(tmp_path, hr=HR.format(calendar="Europe/London", p1="P1"))
    assert found[0] == "SLA207"
    assert ("Europe/London is a time zone, not a calendar; a zone goes in the timezone of a"
            " Calendar document (kind: Calendar, metadata: {name: my-office}, spec:"
            " {timezone: Europe/London, hours: ...}), then write calendar: my-office") in found[2]


def test_a_time_zone_written_as_calendar_names_the_calendar_in_that_zone(
        tmp_path: Path) -> None:
    (found,) = messages(tmp_path, hr=HR.format(calendar="Europe/London", p1="P1"),
                        cal=LONDON)
    assert "calendar 'london-office' works in it: write calendar: london-office" in found[2]
    assert messages(tmp_path, hr=HR.format(calendar="london-office", p1="P1"), cal=LONDON) == []


def test_rule_docs_show_no_doubled_backticks() -> None:
    assert markdown_code("A ``depends_on`` names") == "A `depends_on` names"
    assert plain('A ``customers`` entry is not ``"*"``') == 'A customers entry is not "*"'
    listing = CliRunner().invoke(cli, ["rules"]).output
    assert "``" not in listing and "A depends_on names a service" in listing
    explained = CliRunner().invoke(cli, ["explain", "SLA204"]).output
    assert "``" not in explained
    reference = CliRunner().invoke(cli, ["rules", "--format", "markdown"]).output
    prose = re.sub(r"```yaml\n.*?```", "", reference, flags=re.S)
    assert "``" not in prose and "A `depends_on` names a service" in prose


@pytest.mark.parametrize(("word", "hint"), [
    ("unknown-dep", "did you mean 'unknown-dependency' (SLA204)?"),
    ("SLA2O4", "did you mean 'unknown-dependency' (SLA204)?"),
    ("duplicate", "did you mean duplicate-key (SLA002), duplicate-name (SLA201) or"
                  " duplicate-service (SLA202)?"),
    ("fixed-offset", "did you mean 'fixed-offset-timezone' (SLA420)?"),
])
def test_explain_an_unknown_rule_says_did_you_mean(word: str, hint: str) -> None:
    assert hint in rule_hint(word, registry.all_rules())
    result = CliRunner().invoke(cli, ["explain", word])
    assert result.exit_code == 2 and hint in result.output


def test_explain_a_word_like_no_rule_just_points_at_the_list() -> None:
    result = CliRunner().invoke(cli, ["explain", "zzzz"])
    assert result.exit_code == 2
    assert "no rule 'zzzz'; `sla-lint rules` lists them" in result.output


def test_format_doc_marks_required_dependency_keys_as_the_schema_does() -> None:
    schema = json.loads((ROOT / "sla_lint/schema/sla-lint-v1.schema.json").read_text())
    required = set(schema["definitions"]["dependency"]["required"])
    doc = (ROOT / "docs/format.md").read_text()
    rows = re.findall(r"^\| `(service|for|blocking|priority)` \| (yes|no) \|", doc, re.M)
    assert {key for key, needed in rows if needed == "yes"} == required == {"service"}
