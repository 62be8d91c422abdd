"""docs/attainment.md: the worked example is the real output of the command."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint.cli import cli

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "attainment.md"
START, END = "<!-- attainment-example:start -->", "<!-- attainment-example:end -->"
COMMAND = ("attainment", "examples/tickets/northwind-2027-q1.csv", "examples/departments",
           "examples/calendars", "examples/policy.yaml")


def example_block() -> str:
    """The console block the documentation shows, from a real run."""
    result = CliRunner().invoke(cli, list(COMMAND), catch_exceptions=False)
    assert result.exit_code == 1  # two rows are wrong on purpose
    shown = "\n".join(line.rstrip() for line in (result.stdout + result.stderr).splitlines())
    return f"```console\n$ sla-lint {' '.join(COMMAND)}\n{shown}\n```"


def test_worked_example_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    wanted = f"{head}{START}\n{example_block()}\n{END}{tail}"
    if os.environ.get("SLA_LINT_UPDATE_GOLDEN") == "1":
        DOC.write_text(wanted, encoding="utf-8")
        return
    assert text == wanted, "docs/attainment.md is stale: run with SLA_LINT_UPDATE_GOLDEN=1"
