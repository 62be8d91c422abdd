"""The quality bar as tests: the package is mypy --strict and ruff clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_mypy_strict() -> None:
    result = _run("mypy", "--strict", "sla_lint")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_clean() -> None:
    targets = [d for d in ("sla_lint", "tests", "benchmarks") if (ROOT / d).is_dir()]
    result = _run("ruff", "check", *targets)
    assert result.returncode == 0, result.stdout + result.stderr
