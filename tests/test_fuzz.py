"""Fuzz the whole ``check``, in-process and through the CLI, on generated and broken repos.

Properties, for every repo: no exception escapes and no rule crashes (no SLA000); the
exit code is 0 or 1 and says whether there are errors; every position lies inside its
file; the JSON report is the same bytes on every run (also across processes with other
hash seeds); no file under the checked tree is modified or created.

The default run is short (CI). A long run: ``SLA_LINT_FUZZ_EXAMPLES=2000 python3 -m pytest
tests/test_fuzz.py`` (see docs/security.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from sla_lint.cli import cli
from sla_lint.config import LintConfig
from sla_lint.engine import lint
from tests import fuzzkit
from tests.fuzzkit import Repo, examples

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])


def lint_repo(repo: Repo) -> None:
    """Write ``repo``, lint it twice in-process, check every property."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fuzzkit.write_repo(root, repo)
        before = fuzzkit.snapshot(root)
        first = lint([str(root)], LintConfig())
        fuzzkit.check_invariants(first)
        again = lint([str(root)], LintConfig())
        assert fuzzkit.as_json(first) == fuzzkit.as_json(again)
        assert fuzzkit.snapshot(root) == before


@settings(FUZZ, max_examples=examples(25, 0.2))
@given(fuzzkit.valid_repos())
def test_valid_repos(repo: Repo) -> None:
    lint_repo(repo)


@settings(FUZZ, max_examples=examples(60, 0.4))
@given(fuzzkit.mutated_repos())
def test_mutated_repos(repo: Repo) -> None:
    lint_repo(repo)


@settings(FUZZ, max_examples=examples(50, 0.3))
@given(fuzzkit.damaged_repos())
def test_damaged_repos(repo: Repo) -> None:
    lint_repo(repo)


@settings(FUZZ, max_examples=examples(15, 0.1))
@given(fuzzkit.damaged_repos() | fuzzkit.mutated_repos())
def test_cli_formats(repo: Repo) -> None:
    """Through click: exit code 0/1 matching the errors, JSON equal to the in-process one."""
    with tempfile.TemporaryDirectory() as tmp:
        fuzzkit.write_repo(Path(tmp), repo)
        before = fuzzkit.snapshot(Path(tmp))
        expected = fuzzkit.as_json(lint([tmp], LintConfig()))
        runner = CliRunner()
        for fmt in ("json", "text", "github"):
            result = runner.invoke(cli, ["check", "--format", fmt, tmp], catch_exceptions=False)
            assert result.exit_code == (1 if '"severity": "error"' in expected else 0)
            if fmt == "json":
                assert result.output == expected
                json.loads(result.output)
            else:
                lines = result.output.splitlines()
                count = len(json.loads(expected))
                assert len(lines) == count + 1 + (
                    sum(len(d["related"]) for d in json.loads(expected)) if fmt == "text" else 0)
        assert fuzzkit.snapshot(Path(tmp)) == before


@settings(FUZZ, max_examples=examples(3, 0.01))
@given(fuzzkit.damaged_repos() | fuzzkit.mutated_repos())
def test_subprocess_is_deterministic_across_hash_seeds(repo: Repo) -> None:
    """``python -m sla_lint check --format json``: same bytes whatever PYTHONHASHSEED is."""
    with tempfile.TemporaryDirectory() as tmp:
        fuzzkit.write_repo(Path(tmp), repo)
        outputs = [_run_subprocess(tmp, seed) for seed in ("1", "2")]
        assert outputs[0] == outputs[1]
        code, out = outputs[0]
        assert code in (0, 1)
        assert code == (1 if any(d["severity"] == "error" for d in json.loads(out)) else 0)


def _run_subprocess(path: str, seed: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run([sys.executable, "-m", "sla_lint", "check", "--format", "json", path],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert not done.stderr, done.stderr
    return done.returncode, done.stdout
