"""Configuration files: discovery, precedence, every key, the command line over the file,
and every bad file an exit 2 with a message that names the place (never a traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.cli import cli
from sla_lint.settings import CommandLine, ConfigError, find_config, resolve

HR = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {name: hr, owner: "@acme/hr"}
spec:
  lead: Sam <sam@acme.example>
  services:
    - name: payroll
      customers: ["*"]
      targets:
        P1: {response: 1h, resolution: 4h}
        P2: {response: 2h, resolution: 8h}
        P3: {response: 4h, resolution: 2d}
        P4: {response: 1d, resolution: 5d}
"""  # SLA301 (warning): payroll lists no scope
DRAFT = "apiVersion: sla-lint/v1\nkind: Policy\nmetadata: {name: draft}\nspec: {colour: red}\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "departments").mkdir()
    (tmp_path / "departments" / "hr.yaml").write_text(HR)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "policy.yaml").write_text(DRAFT)  # SLA101 (error)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def found(*args: str) -> list[tuple[str, str, str]]:
    """(path, code, severity) of what `check --format json` reports."""
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(d["path"], d["code"], d["severity"]) for d in json.loads(result.stdout)]


def codes(*args: str) -> set[str]:
    return {code for _, code, _ in found(*args)}


def fails(*args: str) -> str:
    """The message of a check that must stop with exit 2."""
    result = run("check", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_without_a_config_file_everything_is_checked(repo: Path) -> None:
    assert codes() == {"SLA101", "SLA301"}


def test_yaml_config_keys(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text(
        "exclude: [drafts]\nseverity: {SLA301: error}\nmax-file-size: 100000\n")
    assert found() == [("departments/hr.yaml", "SLA301", "error")]


def test_found_walking_up_and_paths_relative_to_the_config_file(repo: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    (repo / ".sla-lint.yaml").write_text("paths: [departments]\n")
    monkeypatch.chdir(repo / "drafts")
    assert found() == [("../departments/hr.yaml", "SLA301", "warning")]


def test_default_paths_are_the_config_files_folder(repo: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".sla-lint.yaml").write_text("exclude: [departments/*]\n")
    monkeypatch.chdir(repo / "departments")
    assert found() == [("../drafts/policy.yaml", "SLA101", "error")]


def test_globs_with_a_slash_are_relative_to_the_config_file(repo: Path) -> None:
    (repo / "drafts" / "departments").mkdir()
    (repo / "drafts" / "departments" / "hr.yaml").write_text(HR.replace("hr", "hr2"))
    (repo / ".sla-lint.yaml").write_text("exclude: [departments/hr.yaml]\n")
    assert {p for p, _, _ in found()} == {"drafts/departments/hr.yaml",
                                          "drafts/policy.yaml"}


def test_pyproject_table(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sla-lint]\nignore = ["SLA3"]\n'
        '[tool.sla-lint.severity]\nSLA101 = "warning"\n')
    assert found() == [("drafts/policy.yaml", "SLA101", "warning")]


def test_pyproject_without_the_table_is_passed_over(repo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".sla-lint.yaml").write_text("select: [SLA3]\n")
    (repo / "departments" / "pyproject.toml").write_text('[project]\nname = "sla-lint-x"\n')
    monkeypatch.chdir(repo / "departments")
    assert codes() == {"SLA301"}


def test_the_yaml_file_wins_over_pyproject_in_the_same_folder(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text("select: [SLA3]\n")
    (repo / "pyproject.toml").write_text('[tool.sla-lint]\nselect = ["SLA1"]\n')
    result = run("check", "--format", "json")
    assert {d["code"] for d in json.loads(result.stdout)} == {"SLA301"}
    assert "pyproject.toml also configures sla-lint; .sla-lint.yaml is used" in result.stderr


def test_config_option_and_isolated(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text("select: [SLA3]\n")
    (repo / "ci.toml").write_text('[tool.sla-lint]\nselect = ["SLA1"]\n')
    (repo / "other.yaml").write_text("ignore: [SLA1, SLA3]\n")
    assert codes("--config", "ci.toml") == {"SLA101"}
    assert codes("--config", "other.yaml") == set()
    assert codes("--isolated") == {"SLA101", "SLA301"}
    assert "give one or the other" in fails("--isolated", "--config", "other.yaml")
    assert "cannot be read" in fails("--config", "missing.yaml")


def test_command_line_select_replaces_ignore_and_exclude_extend(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text("select: [SLA3]\nignore: [SLA302]\n"
                                         "exclude: [nothing-here]\n")
    assert codes("--select", "SLA1") == {"SLA101"}
    assert codes("--ignore", "SLA301") == set()
    assert codes("--select", "SLA1,SLA3", "--exclude", "drafts") == {"SLA301"}
    assert found(".") and codes("departments") == {"SLA301"}  # PATHS replace `paths`


def test_severity_family_then_code(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text("severity:\n  SLA301: error\n  SLA3: info\n"
                                         "  SLA1: warning\n")
    assert sorted(found()) == [("departments/hr.yaml", "SLA301", "error"),
                               ("drafts/policy.yaml", "SLA101", "warning")]
    assert run("check").exit_code == 1


def test_per_file_ignores(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text(
        'per-file-ignores:\n  "drafts/*": [SLA1]\n  hr.yaml: [SLA301]\n')
    assert found() == []
    (repo / ".sla-lint.yaml").write_text('per-file-ignores:\n  "departments": [SLA3]\n')
    assert codes() == {"SLA101"}


def test_a_config_file_is_not_a_policy_document(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text("# sla-lint settings\nignore: [SLA3]\n")
    assert codes() == {"SLA101"}


@pytest.mark.parametrize(("text", "message"), [
    ("selct: [SLA1]\n", ".sla-lint.yaml:1:1: unknown key 'selct'; did you mean 'select'?"),
    ("colour: red\n", "1:1: unknown key 'colour'; known keys: paths, exclude, select"),
    ("select: [SLA9]\n", ".sla-lint.yaml:1:10: select: 'SLA9' matches no rule code"),
    ("ignore: SLA1\n", "1:9: ignore: should be a list of codes"),
    ("severity: {SLA101: fatal}\n", "1:20: severity: 'fatal' is not one of error, warning,"),
    ("severity: [SLA101]\n", "1:11: severity: should be a mapping"),
    ("max-file-size: 0\n", "1:16: max-file-size: should be a positive number of bytes, not 0"),
    ("max-file-size: yes\n", "max-file-size: should be a positive number of bytes, not True"),
    ("per-file-ignores: {'*.yaml': [SLA999]}\n", "per-file-ignores: 'SLA999' matches no"),
    ("paths: ['']\n", "1:9: paths: should be a path, not ''"),
    ("exclude: [1]\n", "exclude: should be a glob, not 1"),
    ("select: [SLA1]\nselect: [SLA2]\n", "2:1: 'select' is given twice (first at line 1)"),
    ("select: [SLA1\n", ".sla-lint.yaml:2:1: YAML syntax error"),
    ("- SLA1\n", "1:1: a configuration file is a mapping"),
    ("a: 1\n---\nb: 2\n", "2:1: YAML syntax error: expected a single document"),
    ("x: !!python/object/apply:os.system [ls]\n", "1:4: the YAML tag !!python/object/apply"),
    ("x: !!binary aGk=\n", "the YAML tag !!binary is not accepted"),
    ("? [a]\n: 1\n", "1:3: a key must be plain text"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n",
     "too large for a configuration file"),
    ("a: " + "[" * 50 + "]" * 50 + "\n", "nested too deeply"),
])
def test_bad_yaml_config_exit_2_with_its_place(repo: Path, text: str, message: str) -> None:
    (repo / ".sla-lint.yaml").write_text(text)
    assert message in fails()


@pytest.mark.parametrize(("text", "message"), [
    ('[tool.sla-lint]\nselect = ["SLA1"\n', "pyproject.toml: TOML syntax error"),
    ('[tool.sla-lint]\nselect = [1, 2\nx = 3\n', "pyproject.toml:3:1: TOML syntax error"),
    ('[tool.sla-lint]\nfoo = 1\n', "pyproject.toml:2:1: unknown key 'foo'"),
    ('[tool]\nsla-lint = 3\n', "pyproject.toml: tool.sla-lint should be a table"),
    ('[tool.sla-lint]\nmax-file-size = 1\n\n[tool.sla-lint.severity]\nSLA1 = "bad"\n',
     "pyproject.toml:4:1: severity: 'bad' is not one of"),
])
def test_bad_pyproject_exit_2_with_its_place(repo: Path, text: str, message: str) -> None:
    (repo / "pyproject.toml").write_text(text)
    assert message in fails()


def test_config_not_utf8_or_too_large(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_bytes(b"select: [caf\xe9]\n")
    assert "is not UTF-8 text" in fails()
    (repo / ".sla-lint.yaml").write_text("#" * (2 * 1024 * 1024))
    assert "larger than" in fails()


def test_an_empty_config_file_is_fine(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text("# nothing yet\n")
    assert codes() == {"SLA101", "SLA301"}


def test_resolve_is_usable_without_the_command_line(repo: Path) -> None:
    (repo / ".sla-lint.yaml").write_text("ignore: [SLA101]\nexclude: [drafts/x.yaml]\n")
    settings = resolve(CommandLine(ignore=("SLA3",)), cwd=str(repo / "departments"))
    assert settings.paths == ("..",)
    assert settings.config.ignore == ("SLA101", "SLA3")
    assert settings.config.exclude == (f"{repo}/drafts/x.yaml", f"{repo}/drafts/x.yaml/*")
    assert find_config(str(repo / "departments"))[0] == str(repo / ".sla-lint.yaml")
    with pytest.raises(ConfigError):
        resolve(CommandLine(), config_file="nope.yaml", cwd=str(repo))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("abcdefgilmprstxyz-SLA0123 :[]{},'\"&*!#\n")),
               max_size=120))
def test_any_config_text_is_a_run_or_exit_2_never_a_crash(repo: Path, text: str) -> None:
    (repo / ".sla-lint.yaml").write_text(text)
    result = run("check", "--format", "json")
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("sla-lint: error: .sla-lint.yaml")


FINANCE = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {name: finance}
spec:
  services:
    - name: invoices
      scope: {includes: [invoices]}
      targets: {P1: {response: 1h, resolution: 4h}}
      depends_on:
        - {service: hr/payroll}
"""


@pytest.mark.parametrize("command", [
    ("graph", "--format", "json"),
    ("customers", "hr/payroll", "--format", "json"),
    ("find", "invoices", "--format", "json"),
])
def test_graph_customers_and_find_read_the_config_file(repo: Path,
                                                       command: tuple[str, ...]) -> None:
    (repo / "drafts" / "finance.yaml").write_text(FINANCE)  # a draft: excluded by the config
    seen = run(*command).stdout
    assert "finance" in seen  # without a config file the drafts are read
    (repo / ".sla-lint.yaml").write_text("exclude: [drafts]\n")
    assert "finance" not in run(*command).stdout
    assert "finance" in run(*command, "--isolated").stdout
    (repo / "other.yaml").write_text("exclude: []\n")
    assert "finance" in run(*command, "--config", "other.yaml").stdout
    (repo / ".sla-lint.yaml").write_text("exclude: [drafts]\nbogus: 1\n")
    result = run(*command)
    assert result.exit_code == 2 and ".sla-lint.yaml:2:1: unknown key 'bogus'" in result.stderr
