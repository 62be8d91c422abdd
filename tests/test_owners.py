"""`sla-lint codeowners`: CODEOWNERS from metadata.owner, and --check against the committed one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sla_lint.cli import cli
from sla_lint.owners import HEADER, difference

ROOT = Path(__file__).resolve().parent.parent

DEPARTMENT = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: {name}{owner}}}
spec:
  services:
    - name: desk
      customers: ["*"]
      scope: {{includes: [{name} things]}}
      targets:
        P1: {{response: 1h, resolution: 4h}}
        P2: {{response: 2h, resolution: 8h}}
        P3: {{response: 4h, resolution: 2d}}
        P4: {{response: 1d, resolution: 5d}}
"""


def department(name: str, owner: str | None = None) -> str:
    return DEPARTMENT.format(name=name, owner=f', owner: "{owner}"' if owner else "")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["codeowners", *args], catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository (a .git folder is all the root needs), as the current folder."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def body(output: str) -> list[str]:
    return output.splitlines()[len(HEADER) + 1:]


def test_the_example_company(repo: Path) -> None:
    shutil.copytree(ROOT / "examples", repo / "policies")
    result = run()
    assert result.exit_code == 0, result.output
    lines = body(result.stdout)
    assert result.stdout.startswith("\n".join(HEADER) + "\n\n")
    assert "/policies/policy.yaml @northwind/service-office" in lines
    assert "/policies/calendars/london-office.yaml @northwind/service-office" in lines
    assert "/policies/departments/hr.yaml @northwind/hr-leads" in lines
    assert len(lines) == 17 and lines == sorted(lines)
    assert run().stdout == result.stdout  # deterministic


def test_owners_fall_back_to_the_policys(repo: Path) -> None:
    (repo / "policy.yaml").write_text("apiVersion: sla-lint/v1\nkind: Policy\n"
                                      "metadata: {name: p, owner: '@acme/office'}\nspec: {}\n")
    (repo / "a.yaml").write_text(department("a"))
    (repo / "b.yaml").write_text(department("b", "@acme/b-team ops@acme.example"))
    assert body(run().stdout) == ["/a.yaml @acme/office",
                                  "/b.yaml @acme/b-team ops@acme.example",
                                  "/policy.yaml @acme/office"]


def test_files_without_any_owner_are_listed_as_such(repo: Path) -> None:
    (repo / "a.yaml").write_text(department("a"))
    (repo / "my dir").mkdir()
    (repo / "my dir" / "b#1.yaml").write_text(department("b", "@acme/b"))
    assert body(run().stdout) == [
        "/my\\ dir/b\\#1.yaml @acme/b", "",
        "# No owner (give the document a metadata.owner, or the policy one):", "# /a.yaml"]


def test_several_documents_in_one_file_share_it(repo: Path) -> None:
    (repo / "two.yaml").write_text(department("a", "@acme/a") + "---\n"
                                   + department("b", "@acme/b") + "---\n"
                                   + department("c", "@acme/a"))
    assert body(run().stdout) == ["/two.yaml @acme/a @acme/b"]


def test_an_owner_codeowners_cannot_use_is_an_error(repo: Path) -> None:
    (repo / "a.yaml").write_text(department("a", "IT leads"))
    result = run("-o", "CODEOWNERS")
    assert result.exit_code == 1
    assert "a.yaml:3:" in result.stderr and "owner 'IT leads' is not @user" in result.stderr
    assert not (repo / "CODEOWNERS").exists()


def test_write_then_check(repo: Path) -> None:
    (repo / "hr.yaml").write_text(department("hr", "@acme/hr"))
    missing = run("--check")
    assert missing.exit_code == 1 and "no CODEOWNERS file" in missing.stderr
    assert run("-o", ".github/CODEOWNERS").exit_code == 0
    ok = run("--check")
    assert ok.exit_code == 0 and ".github/CODEOWNERS is up to date" in ok.stdout
    (repo / "hr.yaml").write_text(department("hr", "@acme/people"))
    stale = run("--check")
    assert stale.exit_code == 1
    assert "-/hr.yaml @acme/hr\n+/hr.yaml @acme/people\n" in stale.stdout
    assert "run `sla-lint codeowners -o .github/CODEOWNERS`" in stale.stderr


def test_check_finds_the_file_github_uses_and_accepts_crlf(repo: Path) -> None:
    (repo / "hr.yaml").write_text(department("hr", "@acme/hr"))
    text = run().stdout
    (repo / "CODEOWNERS").write_text("stale\n")
    (repo / "docs").mkdir()
    (repo / "docs" / "CODEOWNERS").write_text(text)
    assert run("--check").exit_code == 1  # CODEOWNERS comes before docs/CODEOWNERS
    assert run("--check", "-o", "docs/CODEOWNERS").exit_code == 0
    (repo / "CODEOWNERS").write_bytes(text.replace("\n", "\r\n").encode())
    assert run("--check").exit_code == 0


def test_paths_are_from_the_repository_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "teams" / "plant").mkdir(parents=True)
    (repo / "teams" / "plant" / "qa.yaml").write_text(department("qa", "@acme/qa"))
    monkeypatch.chdir(repo / "teams")
    assert body(run().stdout) == ["/teams/plant/qa.yaml @acme/qa"]
    assert body(run("plant").stdout) == ["/teams/plant/qa.yaml @acme/qa"]


def test_without_git_the_root_is_the_config_files_folder(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".sla-lint.yaml").write_text("exclude: [drafts]\n")
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "qa.yaml").write_text(department("qa", "@acme/qa"))
    monkeypatch.chdir(tmp_path / "teams")
    (tmp_path / "top.yaml").write_text(department("top", "@acme/top"))
    assert body(run().stdout) == ["/teams/qa.yaml @acme/qa", "/top.yaml @acme/top"]
    outside = run("--isolated", "..")  # then the root is here, and ../top.yaml outside it
    assert outside.exit_code == 1 and "top.yaml:1:1: this file is outside" in outside.stderr


def test_difference_reports_a_missing_final_line_break() -> None:
    assert difference("a\n", "a\n", "X") == ""
    assert "does not end with a line break" in difference("a", "a\n", "X")


@pytest.mark.parametrize("broken", [
    'apiVersion: sla-lint/v1\nkind: Department\nmetadata: {name: it, owner: @acme/it}\n',
    "apiVersion: sla-lint/v1\nkind: Department\nmetadata: {name: it, owner: '@acme/it'}\n"
    "spec: {services: 12}\n",
], ids=["syntax-error", "schema-error"])
def test_check_keeps_the_line_of_a_file_that_cannot_be_read(repo: Path, broken: str) -> None:
    (repo / "hr.yaml").write_text(department("hr", "@acme/hr"))
    (repo / "it.yaml").write_text(department("it", "@acme/it"))
    assert run("-o", "CODEOWNERS").exit_code == 0
    (repo / "it.yaml").write_text(broken)
    check = run("--check")
    assert check.exit_code == 0, check.output
    assert "-/it.yaml" not in check.stdout
    assert "/it.yaml could not be read; its committed owner line is kept" in check.stderr
    assert body(run().stdout) == ["/hr.yaml @acme/hr", "/it.yaml @acme/it"]
    (repo / "hr.yaml").write_text(department("hr", "@acme/people"))
    stale = run("--check")
    assert stale.exit_code == 1 and "+/hr.yaml @acme/people" in stale.stdout
    assert "/it.yaml" not in "".join(line for line in stale.stdout.splitlines(True)
                                     if line.startswith(("-", "+")) and "it.yaml" in line)


def test_a_file_deleted_loses_its_line(repo: Path) -> None:
    (repo / "hr.yaml").write_text(department("hr", "@acme/hr"))
    (repo / "it.yaml").write_text(department("it", "@acme/it"))
    assert run("-o", "CODEOWNERS").exit_code == 0
    (repo / "it.yaml").unlink()
    check = run("--check")
    assert check.exit_code == 1 and "-/it.yaml @acme/it" in check.stdout
