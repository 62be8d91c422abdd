"""Checking one file checks it against the whole policy repo, and reports on that file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sla_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--format", "text", *args],
                              catch_exceptions=False)


def findings(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def slow_procurement(repo: Path) -> None:
    """Procurement's P2 made slower than IT can wait for (and than its own P3)."""
    path = repo / "departments" / "procurement.yaml"
    old = "P2: {response: 2bh, resolution: 1bd}"
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, "P2: {response: 2bh, resolution: 4bd}", 1))


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example company in a git work tree with no configuration file."""
    repo = tmp_path / "policies"
    shutil.copytree(ROOT / "examples", repo)
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    return repo


def test_one_file_is_checked_against_the_whole_repo(git_repo: Path) -> None:
    result = run("departments/hr.yaml")
    assert result.exit_code == 0, result.output
    assert result.output == "All promises check out: 0 errors, 0 warnings in 1 file\n"


def test_from_inside_a_folder_paths_stay_as_typed(git_repo: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(git_repo / "departments")
    assert run("hr.yaml").exit_code == 0
    slow_procurement(git_repo)
    found = findings("it-service-desk.yaml")
    assert {d["code"] for d in found} == {"SLA408", "SLA409"}
    assert {d["path"] for d in found} == {"it-service-desk.yaml"}
    assert "(london-office, procurement.yaml:" in str(found[0]["message"])


def test_a_finding_caused_by_another_file_is_shown_one_in_another_file_is_not(
        git_repo: Path) -> None:
    slow_procurement(git_repo)
    assert findings("departments/hr.yaml") == []
    ours = findings("departments/procurement.yaml")
    assert [(d["path"], d["code"]) for d in ours] == [("departments/procurement.yaml",
                                                       "SLA402")]
    theirs = findings("departments/it-service-desk.yaml")
    assert {d["code"] for d in theirs} == {"SLA408", "SLA409"}
    everything = findings("departments/procurement.yaml", "departments/it-service-desk.yaml")
    assert everything == sorted(ours + theirs, key=lambda d: (d["path"], d["line"],
                                                              d["column"], d["code"]))
    assert run("departments").output.endswith("2 errors, 1 warning in 12 files\n")


def test_without_paths_and_with_the_root_asked_nothing_changes(git_repo: Path) -> None:
    assert run().output == run(".").output == run(str(git_repo)).output.replace(
        str(git_repo) + "/", "")
    assert run().output.endswith("in 17 files\n")


def test_an_absolute_path_is_shown_as_given(git_repo: Path) -> None:
    slow_procurement(git_repo)
    target = str(git_repo / "departments" / "procurement.yaml")
    assert {d["path"] for d in findings(target)} == {target}


def test_a_config_file_marks_the_root_and_names_the_catalogue(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "policy")
    (tmp_path / "scratch").mkdir()
    (tmp_path / "scratch" / "draft.yaml").write_text(
        (tmp_path / "policy" / "departments" / "hr.yaml").read_text())
    (tmp_path / ".sla-lint.yaml").write_text("paths: [policy]\nexclude: ['*/legal.yaml']\n")
    monkeypatch.chdir(tmp_path / "policy" / "departments")
    assert run("hr.yaml").exit_code == 0
    # legal.yaml is excluded from the catalogue: asked for by name, it is checked alone,
    # so the policy's default calendar and the policy's limits are unknown to it.
    alone = findings("legal.yaml")
    assert alone and {d["path"] for d in alone} == {"legal.yaml"}
    # outside the configured paths: checked on its own, as before.
    monkeypatch.chdir(tmp_path)
    draft = findings("scratch/draft.yaml")
    assert any(d["code"] == "SLA207" for d in draft)  # its calendar is unknown there


def test_the_config_is_found_from_the_file_when_not_from_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "repo")
    (tmp_path / "repo" / ".sla-lint.yaml").write_text("ignore: [SLA409]\n")
    slow_procurement(tmp_path / "repo")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    target = "../repo/departments/it-service-desk.yaml"
    assert [d["code"] for d in findings(target)] == ["SLA408"]


def test_with_no_root_a_file_is_checked_on_its_own(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "loose")
    monkeypatch.chdir(tmp_path / "loose")
    found = findings("departments/hr.yaml")
    assert "unknown calendar 'london-office'" in " ".join(str(d["message"]) for d in found)


def test_a_missing_path_is_still_reported(git_repo: Path) -> None:
    found = findings("departments/nope.yaml")
    assert [(d["path"], d["code"]) for d in found] == [("departments/nope.yaml", "SLA007")]


def test_base_compares_the_whole_repo_and_reports_on_the_file(git_repo: Path) -> None:
    subprocess.run([*GIT, "add", "-A"], cwd=git_repo, check=True)
    subprocess.run([*GIT, "commit", "-qm", "base"], cwd=git_repo, check=True)
    slow_procurement(git_repo)
    found = findings("departments/procurement.yaml", "--base", "HEAD", "--select", "SLA6")
    assert [(d["path"], d["code"]) for d in found] == [("departments/procurement.yaml",
                                                       "SLA603")]
    assert findings("departments/hr.yaml", "--base", "HEAD", "--select", "SLA6") == []


def test_at_the_projects_own_root_check_lints_the_examples_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output == "All promises check out: 0 errors, 0 warnings in 17 files\n"
    assert run("examples-broken").output.endswith("in 6 files\n")  # named: on its own
    fixture = "tests/fixtures/3xx/SLA312-empty-includes-bad"
    assert {d["path"] for d in findings(fixture)} == {f"{fixture}/it.yaml"}


def test_customers_and_find_answer_about_the_whole_repo(git_repo: Path) -> None:
    def ask(*args: str) -> str:
        result = CliRunner().invoke(cli, [*args, "--format", "json"], catch_exceptions=False)
        return result.stdout

    procurement = "departments/procurement.yaml"
    assert ask("customers", "procurement", procurement) == ask("customers", "procurement")
    assert "it-service-desk/laptop-provisioning" in ask("customers", "procurement",
                                                        procurement)
    assert ask("find", "payslips", "departments/hr.yaml") == ask("find", "payslips")


def test_a_path_through_a_link_is_shown_as_given(git_repo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (git_repo.parent / "link").symlink_to(git_repo, target_is_directory=True)
    monkeypatch.chdir(git_repo.parent)
    slow_procurement(git_repo)
    found = findings("link/departments/procurement.yaml")
    assert [(d["path"], d["code"]) for d in found] == [("link/departments/procurement.yaml",
                                                       "SLA402")]


def test_an_unreadable_file_elsewhere_is_noted_not_hidden(git_repo: Path) -> None:
    (git_repo / "departments" / "legal.yaml").write_text("apiVersion: sla-lint/v1\nkind: [\n")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "departments/hr.yaml"],
                                catch_exceptions=False)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "1 other file(s) of the repo cannot be read (departments/legal.yaml)" in result.stderr
    alone = CliRunner().invoke(cli, ["check", "departments/legal.yaml"])
    assert alone.exit_code == 1 and "SLA001" in alone.stdout and not alone.stderr
