"""The documentation says what the code does: generated parts are up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> str:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False).output


def test_rule_reference_is_generated_from_the_registry() -> None:
    expected = _run("rules", "--format", "markdown")
    assert (ROOT / "docs" / "rules.md").read_text() == expected, (
        "docs/rules.md is stale: run `sla-lint rules --format markdown > docs/rules.md`")


def test_broken_examples_doc_shows_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "docs" / "broken-examples.md").read_text()
    block = re.search(r"<!-- broken-output:start -->\n```text\n(.*?)```\n", text, re.S)
    assert block, "docs/broken-examples.md lost its output block"
    assert block.group(1) == _run("check", "--format", "text", "examples/broken")


def test_readme_names_the_two_setup_commands_that_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    install = "python3 -m pip install -e '.[test]' && sla-lint check examples --exclude broken"
    assert install in readme and install in ci
    assert "python3 -m pytest\n" in readme and "python3 -m pytest ||" in ci
