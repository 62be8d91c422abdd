"""Discover fixture cases and compare what sla-lint reports with their expected.yaml.

A case is a folder ``tests/fixtures/<family>/<CODE>-<slug>-<bad|good>[-<variant>]/`` with
policy files and an ``expected.yaml``::

    options: {max_file_size: 200}          # optional LintConfig fields
    diagnostics:
      - {file: a.yaml, code: SLA201, line: 3, column: 18, message: "optional substring"}

A ``*.csv`` in the folder is a ticket export given to the run (``check --tickets``).
Only codes of the case's own family (plus loading and schema problems, which are never
expected by accident) are compared, so adding rules to another family never breaks a case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sla_lint.config import LintConfig
from sla_lint.engine import lint

FIXTURES = Path(__file__).parent / "fixtures"
FIXED_YEAR = 2026


@dataclass(frozen=True, order=True)
class Case:
    """One fixture folder."""

    path: Path

    @property
    def family(self) -> str:
        return self.path.parent.name[0]

    @property
    def code(self) -> str:
        return self.path.name.split("-", 1)[0]

    @property
    def kind(self) -> str:
        return "bad" if "-bad" in self.path.name else "good"

    @property
    def spec(self) -> dict[str, Any]:
        data = yaml.safe_load((self.path / "expected.yaml").read_text()) or {}
        assert isinstance(data, dict), f"{self.path}/expected.yaml must be a mapping"
        return data


def all_cases() -> list[Case]:
    return sorted(Case(p.parent) for p in FIXTURES.glob("*/*/expected.yaml"))


def run_case(case: Case) -> list[dict[str, Any]]:
    options = dict(case.spec.get("options") or {})
    families = ("SLA0", "SLA1", f"SLA{case.family}")
    tickets = tuple(str(p) for p in sorted(case.path.glob("*.csv")))  # for SLA440
    config = LintConfig(select=families, exclude=("expected.yaml",), this_year=FIXED_YEAR,
                        tickets=tickets, **options)
    if (case.path / "base").is_dir():
        return _run_change(case, config)
    result = lint([str(case.path)], config)
    return _rows(result.diagnostics, case.path)


def _rows(diagnostics: Any, root: Path) -> list[dict[str, Any]]:
    return [
        {"file": os.path.relpath(d.path, root), "code": d.code, "line": d.line,
         "column": d.column, "message": d.message}
        for d in diagnostics
    ]


def _run_change(case: Case, config: LintConfig) -> list[dict[str, Any]]:
    """A change case: ``base/`` is committed in a fresh git repo, then ``head/`` replaces it."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        shutil.copytree(case.path / "base", repo, dirs_exist_ok=True)
        git = ["git", "-c", "user.name=fixture", "-c", "user.email=fixture@example.com"]
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=repo, check=True)
        for old in repo.glob("*.yaml"):
            old.unlink()
        shutil.copytree(case.path / "head", repo, dirs_exist_ok=True)
        result = lint([str(repo)], config, base="HEAD")
        return _rows(result.diagnostics, repo)


def matches(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    keys = ("code", "line", "column")
    if any(expected[k] != actual[k] for k in keys):
        return False
    if expected.get("file", actual["file"]) != actual["file"]:
        return False
    return str(expected.get("message", "")) in actual["message"]


def paste_ready(actual: list[dict[str, Any]]) -> str:
    lines = ["diagnostics:"]
    for d in actual:
        lines.append(f"  - {{file: {d['file']}, code: {d['code']}, line: {d['line']}, "
                     f"column: {d['column']}}}  # {d['message']}")
    return "\n".join(lines) if actual else "diagnostics: []"
