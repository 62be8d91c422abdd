"""docs/workflow.md and docs/config.md say what the code does: outputs, configs and hooks."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sla_lint.cli import cli
from sla_lint.settings import read_config

ROOT = Path(__file__).resolve().parent.parent
COMMAND_BLOCK = re.compile(r"<!-- command: sla-lint (.*?) -->\n```\w*\n(.*?)```\n", re.S)
CONFIG_BLOCK = re.compile(r"<!-- config: (.*?) -->\n```\w*\n(.*?)```\n", re.S)


def test_every_command_block_of_workflow_md_is_the_real_output(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = COMMAND_BLOCK.findall((ROOT / "docs" / "workflow.md").read_text())
    assert len(blocks) == 2
    for command, shown in blocks:
        result = CliRunner().invoke(cli, shlex.split(command), catch_exceptions=False)
        assert shown == result.stdout, f"docs/workflow.md: `sla-lint {command}` is stale"


def test_the_example_configurations_are_valid(tmp_path: Path) -> None:
    blocks = CONFIG_BLOCK.findall((ROOT / "docs" / "config.md").read_text())
    assert [name for name, _ in blocks] == [".sla-lint.yaml", "pyproject.toml"]
    for name, text in blocks:
        (tmp_path / name).write_text(text)
        found = read_config(str(tmp_path / name), str(tmp_path))
        assert found.paths and found.exclude and found.severity and found.per_file_ignores


@pytest.mark.parametrize(("name", "text"), [
    (".sla-lint.yaml", "exclude: [x]\nignore: [SLA308]\nselct: [SLA1]\n"),
    (".sla-lint.yaml", "exclude: [x]\nignore: [SLA9]\n"),
    (".sla-lint.yaml", "exclude: [x]\nignore: [SLA308]\nseverity:\n  SLA409: fatal\n"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.sla-lint]\nignore = ["SLA308"]\n\n'
                       "exclude drafts\n"),
])
def test_the_error_messages_shown_in_config_md_are_real(tmp_path: Path, name: str, text: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text)
    result = CliRunner().invoke(cli, ["check"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.strip() in (ROOT / "docs" / "config.md").read_text()


@pytest.mark.parametrize("doc", ["README.md", "docs/workflow.md"])
def test_the_pre_commit_snippets_name_real_hooks(doc: str) -> None:
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    snippets = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", (ROOT / doc).read_text(),
                          re.S)
    assert snippets
    for snippet in snippets:
        used = {h["id"] for repo in yaml.safe_load(snippet)["repos"] for h in repo["hooks"]}
        assert used and used <= hooks


def test_the_docs_cover_every_new_command() -> None:
    cli_md = (ROOT / "docs" / "cli.md").read_text()
    readme = (ROOT / "README.md").read_text()
    for command in ("schema", "init", "codeowners"):
        assert f"## `sla-lint {command}" in cli_md and f"`sla-lint {command}" in readme
    for option in ("--config FILE", "--isolated"):
        assert option in cli_md
