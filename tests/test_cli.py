"""The command line, end to end: formats, exit codes, determinism, rules and explain."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint.cli import _use_color, cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
BROKEN = "examples-broken"
UPDATE = os.environ.get("SLA_LINT_UPDATE_GOLDEN") == "1"


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(output)
    assert output == path.read_text(), f"{name} differs; SLA_LINT_UPDATE_GOLDEN=1 rewrites it"


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_broken_examples_golden(fmt: str) -> None:
    code, output = invoke("check", "--format", fmt, BROKEN)
    assert code == 1
    check_golden(f"broken.{fmt}", output)


def test_json_is_the_format_contract() -> None:
    _, output = invoke("check", "--format", "json", BROKEN)
    data = json.loads(output)
    assert data and all({"path", "line", "column", "code", "severity", "message"} <= set(d)
                        for d in data)
    assert all(d["path"].startswith("examples-broken/") for d in data)
    assert data == sorted(data, key=lambda d: (d["path"], d["line"], d["column"], d["code"]))


def test_auto_format_is_github_inside_actions() -> None:
    _, output = invoke("check", BROKEN, env={"GITHUB_ACTIONS": "true"})
    assert output.startswith("::error file=examples-broken/")


def test_clean_repo_exits_zero_with_summary(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "apiVersion: sla-lint/v1\nkind: Policy\nmetadata: {name: acme}\nspec: {}\n")
    code, output = invoke("check", "--format", "text", str(tmp_path))
    assert code == 0
    assert output.strip().endswith("0 errors, 0 warnings in 1 file")


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("x: 1\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(tmp_path / "outside.yaml", repo / "link.yaml")
    assert invoke("check", str(repo))[0] == 0
    assert invoke("check", "--strict", str(repo))[0] == 1


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["check", "--select", "SLA999"],
                                  ["explain", "SLA999"], ["check", "--max-file-size", "0"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert invoke(*args)[0] == 2


def test_select_and_ignore() -> None:
    _, only = invoke("check", "--format", "json", "--select", "SLA2", BROKEN)
    assert {d["code"][:4] for d in json.loads(only)} == {"SLA2"}
    _, rest = invoke("check", "--format", "json", "--ignore", "SLA0,SLA1", BROKEN)
    families = {d["code"][:4] for d in json.loads(rest)}
    assert "SLA2" in families and not families & {"SLA0", "SLA1"}


def test_rules_lists_every_code_and_explain_prints_docs() -> None:
    _, listing = invoke("rules")
    assert "SLA201  duplicate-name" in listing
    code, doc = invoke("explain", "unknown-dependency")
    assert code == 0 and "Bad:" in doc and "Good:" in doc and doc.startswith("SLA204")


def test_color_only_on_a_terminal_and_never_with_no_color(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color(Tty())  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_color(Tty())  # type: ignore[arg-type]
    assert "\x1b[" not in invoke("check", BROKEN)[1]


def _digest(path: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def test_module_entry_point_is_deterministic_and_writes_nothing() -> None:
    before = _digest(ROOT / BROKEN)
    runs = [
        subprocess.run([sys.executable, "-m", "sla_lint", "check", "--format", "json", BROKEN],
                       cwd=ROOT, capture_output=True, env={**os.environ, "TZ": tz},
                       check=False)
        for tz in ("UTC", "Pacific/Kiritimati", "America/St_Johns")
    ]
    assert {r.returncode for r in runs} == {1}
    assert len({r.stdout for r in runs}) == 1
    assert _digest(ROOT / BROKEN) == before
