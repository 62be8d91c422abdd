"""The documentation says what the code does: generated parts are up to date."""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint.cli import cli
from sla_lint.config import LintConfig
from sla_lint.engine import load_catalogue

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
    assert block.group(1) == _run("check", "--format", "text", "examples-broken")


def test_readme_names_the_two_setup_commands_that_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    install = "python3 -m pip install -e '.[test]' && sla-lint check examples"
    assert install in readme and install in ci
    assert "python3 -m pytest\n" in readme and "python3 -m pytest ||" in ci


COMMAND_BLOCK = re.compile(r"<!-- command: sla-lint (.*?) -->\n```\w*\n(.*?)```\n", re.S)


def _stdout(*args: str) -> str:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False).stdout


def test_readme_mermaid_block_is_the_department_graph_of_the_examples(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```mermaid\n(.*?)```\n", readme, re.S)
    assert block, "the README lost its Mermaid block"
    assert block.group(1) == _stdout("graph", "examples", "--level",
                                     "department", "--format", "mermaid")


@pytest.mark.parametrize("doc", ["README.md", "docs/graph.md", "docs/semantics.md",
                                 "docs/ci.md"])
def test_every_command_block_shows_the_real_output(doc: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # `auto` and links as on a laptop
    blocks = COMMAND_BLOCK.findall((ROOT / doc).read_text())
    assert blocks, f"{doc} has no <!-- command: ... --> blocks"
    for command, shown in blocks:
        assert shown == _stdout(*shlex.split(command)), f"{doc}: `sla-lint {command}` is stale"


def test_the_graph_picture_shows_every_service_of_the_examples() -> None:
    svg = html.unescape((ROOT / "docs" / "graph.svg").read_text())
    catalogue = load_catalogue([str(ROOT / "examples")], LintConfig())
    for ref in catalogue.catalogue.service_index:
        assert f"<title>{ref}</title>" in svg, (
            f"docs/graph.svg lacks {ref}: run sla-lint graph examples"
            " --format svg -o docs/graph.svg (and --format png -o docs/graph.png)")
    assert (ROOT / "docs" / "graph.png").read_bytes().startswith(b"\x89PNG")


FILE_BLOCK = re.compile(r"<!-- file: (.*?) -->\n```\w*\n(.*?)```\n", re.S)


def test_every_file_block_shows_the_real_file() -> None:
    text = (ROOT / "docs" / "semantics.md").read_text()
    blocks = FILE_BLOCK.findall(text)
    assert blocks
    for path, shown in blocks:
        assert shown == (ROOT / path).read_text(), f"docs/semantics.md: {path} is stale"
