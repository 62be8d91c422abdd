"""`sla-lint check --base REF` end to end, on real temporary git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example company committed as the base, the work tree ready to change."""
    shutil.copytree(ROOT / "examples", tmp_path / "policy")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def run(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    data = json.loads(result.stdout) if result.exit_code in (0, 1) else []
    return result.exit_code, data, result.stderr


def test_no_change_reports_nothing_new(repo: Path) -> None:
    code, data, _ = run("policy", "--base", "main")
    assert code == 0 and data == []


def test_slower_provider_breaks_another_department(repo: Path) -> None:
    edit(repo / "policy/departments/procurement.yaml", "P2: {response: 2bh, resolution: 1bd}",
         "P2: {response: 2bh, resolution: 4bd}")
    code, data, _ = run("policy", "--base", "main", "--select", "SLA6")
    assert code == 1
    (finding,) = data
    assert finding["code"] == "SLA603" and finding["severity"] == "error"
    assert finding["path"] == "policy/departments/procurement.yaml"
    assert "1bd -> 4bd" in str(finding["message"])
    assert "it-service-desk/laptop-provisioning P1" in str(finding["message"])
    assert "cannot be kept" in str(finding["message"])


def test_renamed_service_with_dependants(repo: Path) -> None:
    edit(repo / "policy/departments/legal.yaml", "- name: contract-review", "- name: contracts")
    code, data, _ = run("policy", "--base", "main", "--select", "SLA6")
    assert code == 1
    assert {(d["code"], d["severity"]) for d in data} == {("SLA601", "error")}
    assert all("renamed to legal/contracts?" in str(d["message"]) for d in data)


def test_calendar_change_lowers_slack(repo: Path) -> None:
    cal = repo / "policy/calendars/london-office.yaml"
    text = cal.read_text()
    cal.write_text(text.replace("\n  holidays:\n", "\n  holidays:\n    - 2027-06-07\n"
                                "    - 2027-06-08\n", 1))
    _, data, _ = run("policy", "--base", "main", "--select", "SLA606")
    assert data and all(d["code"] == "SLA606" for d in data)


def test_missing_base_is_a_clear_error(repo: Path) -> None:
    code, _, err = run("policy", "--base", "origin/main")
    assert code == 2
    assert "fetch-depth: 0" in err and "origin/main" in err


def test_outside_a_repository_is_a_clear_error(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples-broken", tmp_path / "p")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("p", "--base", "main")
    assert code == 2 and "git repository" in err


def test_nothing_is_written_to_the_work_tree(repo: Path) -> None:
    edit(repo / "policy/departments/legal.yaml", "- name: contract-review", "- name: contracts")
    before = git(repo, "status", "--porcelain", "--untracked-files=all")
    run("policy", "--base", "main")
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == before
    assert git(repo, "stash", "list") == ""


def test_paths_from_the_repository_root_and_a_broken_base(repo: Path) -> None:
    (repo / "policy/broken.yaml").write_text("apiVersion: sla-lint/v1\nkind: [\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a broken file in the base")
    (repo / "policy/broken.yaml").unlink()
    code, data, _ = run(".", "--base", "HEAD", "--select", "SLA6")
    assert code == 0 and data == []


def test_documented_example_is_the_real_output(repo: Path) -> None:
    edit(repo / "policy/departments/procurement.yaml", "P2: {response: 2bh, resolution: 1bd}",
         "P2: {response: 2bh, resolution: 4bd}")
    edit(repo / "policy/departments/legal.yaml", "- name: contract-review", "- name: contracts")
    result = CliRunner().invoke(cli, ["check", "policy", "--base", "main", "--select", "SLA6",
                                      "--format", "text"])
    doc = (ROOT / "docs" / "changes.md").read_text()
    shown = doc.split("$ sla-lint check policy --base main --select SLA6\n", 1)[1]
    assert shown.split("```", 1)[0] == result.stdout
