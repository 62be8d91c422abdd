"""The example company can be copied to start a real repo, as examples/README.md says."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sla_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MODELINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def copy_steps() -> list[str]:
    """The shell lines of examples/README.md's copying block."""
    readme = (EXAMPLES / "README.md").read_text()
    block = re.search(r"```sh\n(cp -r examples .*?)```\n", readme, re.S)
    assert block, "examples/README.md lost its copying commands"
    return block.group(1).splitlines()


def test_the_schema_copy_in_examples_is_the_shipped_schema() -> None:
    assert (EXAMPLES / "schemas" / "sla-lint-v1.schema.json").read_text() == run("schema").stdout


def test_every_modeline_of_the_examples_resolves_inside_the_folder() -> None:
    schema = run("schema").stdout
    files = sorted(EXAMPLES.rglob("*.yaml"))
    assert len(files) == 17
    for path in files:
        found = MODELINE.match(path.read_text())
        assert found, f"{path} has no modeline"
        target = (path.parent / found.group(1)).resolve()
        assert EXAMPLES in target.parents and target.read_text() == schema, path


def test_nothing_broken_is_in_the_examples() -> None:
    # read through the project's .sla-lint.yaml, whose catalogue is the examples
    result = run("check", "--strict", "--format", "text", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    assert not list(EXAMPLES.rglob("*broken*"))


def test_the_readmes_copying_commands_give_a_clean_repo(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES, tmp_path / "examples")  # the folder as a clone has it
    for line in copy_steps():
        for step in (s.strip() for s in line.split("&&")):
            words = shlex.split(step)
            if words[0] == "cd":
                monkeypatch.chdir(Path.cwd() / words[1])
            elif words[0] == "sla-lint":
                result = run(*words[1:])
                assert result.exit_code == 0, f"{step}: {result.output}"
            else:
                subprocess.run(words, check=True)
    copy = tmp_path / "my-policies"
    assert Path.cwd() == copy and (copy / ".git").is_dir()
    new = (copy / "departments" / "marketing.yaml").read_text()
    assert MODELINE.match(new).group(1) == "../schemas/sla-lint-v1.schema.json"  # type: ignore[union-attr]
    result = run("check", "--strict", "--format", "text")
    assert result.exit_code == 0, result.output
    assert result.output == "All promises check out: 0 errors, 0 warnings in 18 files\n"
