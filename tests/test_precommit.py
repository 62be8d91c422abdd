"""The .pre-commit-hooks.yaml under test with the real pre-commit, on temporary git repos.

The hook repository is a fresh commit of this checkout's working tree (uncommitted edits
included), so pre-commit installs exactly the code under test into its own virtualenv.
The first run builds that environment (about 30-60 s); the later ones reuse it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from sla_lint import __version__

ROOT = Path(__file__).resolve().parent.parent
HOOK_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
TIMEOUT = 900


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean environment: pre-commit's cache in a temporary folder, git without user config."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    gitconfig = home / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in ("SKIP", "NO_COLOR")}
    return {**kept, "PRE_COMMIT_HOME": str(home / "cache"), "PRE_COMMIT_COLOR": "never",
            "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}


def _run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT, check=False)


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = _run(cwd, env, "git", *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    done = _run(cwd, env, sys.executable, "-m", "pre_commit", *args)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="module")
def hook_rev(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[str, str]:
    """(repo, rev): this working tree committed in a temporary repository."""
    repo = tmp_path_factory.mktemp("sla-lint-hook-repo")
    for name in HOOK_FILES:
        shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(ROOT / "sla_lint", repo / "sla_lint",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "sla-lint under test")
    return str(repo), _git(repo, env, "rev-parse", "HEAD")


def _policy_repo(where: Path, env: dict[str, str], hook_rev: tuple[str, str],
                 hooks: tuple[str, ...]) -> Path:
    """A copy of examples/ (without broken/) in a git repo whose pre-commit uses ``hooks``."""
    repo = where / "policy"
    shutil.copytree(ROOT / "examples", repo)
    config = {"repos": [{"repo": hook_rev[0], "rev": hook_rev[1],
                         "hooks": [{"id": h} for h in hooks]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "the example company")
    return repo


@pytest.fixture
def policy(tmp_path: Path, env: dict[str, str], hook_rev: tuple[str, str]) -> Iterator[Path]:
    yield _policy_repo(tmp_path, env, hook_rev, ("sla-lint",))


def _break(repo: Path) -> str:
    """Misspell a key of departments/hr.yaml; return the diagnostic sla-lint must print."""
    path = repo / "departments" / "hr.yaml"
    lines = path.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("  lead:"))
    lines[index] = lines[index].replace("  lead:", "  leader:")
    path.write_text("".join(lines))
    return f"departments/hr.yaml:{index + 1}:3: SLA101 [error] unknown key 'leader' in spec"


def test_the_manifest_is_valid() -> None:
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    main = hooks["sla-lint"]
    assert main["entry"] == "sla-lint check" and main["pass_filenames"] is False
    assert main["require_serial"] is True and main["types_or"] == ["yaml"]


def test_hook_passes_on_the_examples_then_fails_on_a_broken_file(
        policy: Path, env: dict[str, str]) -> None:
    code, output = _pre_commit(policy, env, "run", "--all-files")
    assert code == 0, output
    assert "sla-lint" in output and "Passed" in output
    expected = _break(policy)
    _git(policy, env, "add", "-A")
    code, output = _pre_commit(policy, env, "run", "--all-files")
    assert code == 1, output
    assert "Failed" in output and expected in output, output


def test_hook_runs_only_when_yaml_changes(policy: Path, env: dict[str, str]) -> None:
    _break(policy)
    (policy / "notes.txt").write_text("not YAML\n")
    _git(policy, env, "add", "-A")
    code, output = _pre_commit(policy, env, "run", "--files", "notes.txt")
    assert code == 0 and "(no files to check)Skipped" in output, output
    code, output = _pre_commit(policy, env, "run", "--files", "departments/hr.yaml")
    assert code == 1 and "SLA101" in output, output


def test_git_commit_is_refused_while_a_promise_is_broken(policy: Path,
                                                         env: dict[str, str]) -> None:
    code, output = _pre_commit(policy, env, "install")
    assert code == 0, output
    expected = _break(policy)
    _git(policy, env, "add", "-A")
    refused = _run(policy, env, "git", "commit", "-m", "rename lead")
    assert refused.returncode != 0 and expected in refused.stdout + refused.stderr
    _git(policy, env, "reset", "-q", "--hard")
    (policy / "departments" / "hr.yaml").write_text(
        (policy / "departments" / "hr.yaml").read_text().replace("Tom Okafor", "T. Okafor"))
    _git(policy, env, "commit", "-q", "-am", "a clean change")


def test_codeowners_hook_keeps_codeowners_in_step(tmp_path: Path, env: dict[str, str],
                                                  hook_rev: tuple[str, str]) -> None:
    repo = _policy_repo(tmp_path, env, hook_rev, ("sla-lint", "sla-lint-codeowners"))
    code, output = _pre_commit(repo, env, "run", "--all-files")
    assert code == 1 and "no CODEOWNERS file" in output, output
    written = _run(repo, env, sys.executable, "-m", "sla_lint", "codeowners", "-o",
                   ".github/CODEOWNERS")
    assert written.returncode == 0, written.stderr
    _git(repo, env, "add", "-A")
    code, output = _pre_commit(repo, env, "run", "--all-files")
    assert code == 0, output
    hr = repo / "departments" / "hr.yaml"
    hr.write_text(hr.read_text().replace("@northwind/hr-leads", "@northwind/people-team"))
    _git(repo, env, "add", "-A")
    code, output = _pre_commit(repo, env, "run", "--all-files")
    assert code == 1 and "+/departments/hr.yaml @northwind/people-team" in output, output


README_URL = "https://github.com/acme/sla-lint"


def readme_snippet() -> str:
    """The README's pre-commit snippet, as written."""
    found = re.search(r"```yaml\n(# \.pre-commit-config\.yaml of the policy repo\n.*?)```",
                      (ROOT / "README.md").read_text(), re.S)
    assert found, "the README lost its pre-commit snippet"
    return found.group(1)


def test_the_readme_snippet_names_the_release_tag_of_this_version() -> None:
    repos = yaml.safe_load(readme_snippet())["repos"]
    assert [(r["repo"], r["rev"]) for r in repos] == [(README_URL, f"v{__version__}")]


def test_the_readme_snippet_works_as_written(tmp_path: Path, env: dict[str, str],
                                             hook_rev: tuple[str, str]) -> None:
    """The snippet verbatim, with its URL pointed at a clone of this repository.

    The clone is this working tree committed and tagged as its release is: the tag
    v<version> (which the snippet's rev names) on the commit under test.
    """
    hook_repo = Path(hook_rev[0])
    tag = f"v{__version__}"
    if tag not in _git(hook_repo, env, "tag", "--list").split():
        _git(hook_repo, env, "tag", "-a", tag, "-m", f"sla-lint {__version__}", hook_rev[1])
    clone = tmp_path / "sla-lint"
    _git(tmp_path, env, "clone", "-q", str(hook_repo), str(clone))
    snippet = readme_snippet()
    repo = tmp_path / "policy"
    shutil.copytree(ROOT / "examples", repo)
    (repo / ".pre-commit-config.yaml").write_text(snippet.replace(README_URL, str(clone)))
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "the example company")
    code, output = _pre_commit(repo, env, "install")
    assert code == 0, output
    code, output = _pre_commit(repo, env, "run", "--all-files")
    assert code == 0 and "Passed" in output, output
    assert "mutable reference" not in output
    expected = _break(repo)
    _git(repo, env, "add", "-A")
    refused = _run(repo, env, "git", "commit", "-m", "rename lead")
    assert refused.returncode != 0 and expected in refused.stdout + refused.stderr
