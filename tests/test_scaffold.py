"""`sla-lint init` writes a starter that lints clean anywhere; `sla-lint schema` for editors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft7Validator

from sla_lint.cli import cli
from sla_lint.config import LintConfig
from sla_lint.engine import load_catalogue
from sla_lint.loader import SourceFile, load_file
from sla_lint.scaffold import default_title, starter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def strict_check(path: Path) -> Result:
    return run("check", "--isolated", "--strict", "--format", "text", str(path))


@pytest.fixture
def company(tmp_path: Path) -> Path:
    """A copy of the example company, without the broken files."""
    shutil.copytree(EXAMPLES, tmp_path / "company")
    return tmp_path / "company"


def test_init_prints_a_starter_that_lints_clean_alone(tmp_path: Path) -> None:
    result = run("init", "marketing")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    assert "name: marketing\n" in result.stdout and result.stdout == run("init", "marketing").stdout
    (tmp_path / "marketing.yaml").write_text(result.stdout)
    checked = strict_check(tmp_path)
    assert checked.exit_code == 0, checked.output
    assert checked.output.endswith("0 errors, 0 warnings in 1 file\n")


@pytest.mark.parametrize(("name", "title"), [
    ("marketing", None), ("x", "X"), ("r-and-d2", 'R&D: "labs" # 2'), ("santé", None),
    ("a" * 63, "Ünïcödé ✓ department"), ("legal-ops", "  Legal operations  "),
])
def test_init_lints_clean_inside_the_example_company(company: Path, name: str,
                                                     title: str | None) -> None:
    target = company / "departments" / f"{name}.yaml"
    args = ["init", name, "-o", str(target)] + (["--title", title] if title else [])
    result = run(*args)
    if name == "santé":
        assert result.exit_code == 2 and "is not a valid name" in result.output
        return
    assert result.exit_code == 0, result.output
    checked = strict_check(company)
    assert checked.exit_code == 0, checked.output
    assert checked.output.endswith("0 errors, 0 warnings in 18 files\n")
    department = next(d for d in load_catalogue([str(company)], LintConfig()).catalogue
                      .departments if d.name.value == name)
    assert department.title == (title.strip() if title else default_title(name))


@pytest.mark.parametrize("calendar", ["london-office", "sheffield-plant", "new-york-office",
                                      "pune-office", '"24x7"'])
def test_the_targets_fit_every_calendar_of_the_examples(company: Path, calendar: str) -> None:
    text = starter("marketing").replace("  # calendar: 24x7", f"  calendar: {calendar}")
    assert f"  calendar: {calendar}\n" in text
    (company / "departments" / "marketing.yaml").write_text(text)
    checked = strict_check(company)
    assert checked.exit_code == 0, checked.output


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "departments" / "hr.yaml"
    assert run("init", "hr", "-o", str(target)).exit_code == 0  # folders are created
    target.write_text("mine\n")
    result = run("init", "hr", "-o", str(target))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert target.read_text() == "mine\n"
    assert run("init", "hr", "-o", str(tmp_path)).exit_code == 2  # a folder


@pytest.mark.parametrize("args", [["init", "HR"], ["init", "1hr"], ["init", "a" * 64],
                                  ["init", "hr", "--title", ""], ["init", "hr", "--title", "a\nb"],
                                  ["init", "hr", "--title", "x" * 121]])
def test_init_refuses_bad_names_and_titles(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and "Invalid value" in result.output


def test_the_modeline_points_at_the_nearest_published_schema(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "sla-lint-v1.schema.json").write_text(run("schema").stdout)
    run("init", "hr", "-o", "departments/hr.yaml")
    run("init", "it", "-o", "it.yaml")
    run("init", "qa", "-o", "plant/teams/qa.yaml")
    modeline = "# yaml-language-server: $schema="
    assert Path("departments/hr.yaml").read_text().startswith(
        modeline + "../schemas/sla-lint-v1.schema.json\n")
    assert Path("it.yaml").read_text().startswith(modeline + "schemas/sla-lint-v1.schema.json\n")
    assert Path("plant/teams/qa.yaml").read_text().startswith(
        modeline + "../../schemas/sla-lint-v1.schema.json\n")


def test_the_starter_is_valid_for_the_department_schema(tmp_path: Path) -> None:
    (tmp_path / "hr.yaml").write_text(starter("hr"))
    doc = load_file(SourceFile("hr.yaml", str(tmp_path / "hr.yaml"))).documents[0]
    assert not list(Draft7Validator(_schema("--kind", "Department")).iter_errors(doc.data))


# ---------------------------------------------------------------- schema


def _schema(*args: str) -> dict[str, Any]:
    result = run("schema", *args)
    assert result.exit_code == 0
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_schema_prints_the_published_schema_byte_for_byte() -> None:
    published = (ROOT / "schemas" / "sla-lint-v1.schema.json").read_text()
    assert run("schema").stdout == published


def _documents(kind: str) -> list[dict[str, Any]]:
    files = sorted(EXAMPLES.rglob("*.yaml"))
    docs = [d for f in files if "broken" not in f.parts
            for d in load_file(SourceFile(str(f), str(f))).documents]
    return [d.data for d in docs if d.data["kind"] == kind]


@pytest.mark.parametrize("kind", ["Department", "Calendar", "Policy"])
def test_schema_of_one_kind_is_self_contained_and_checks_that_kind(kind: str) -> None:
    schema = _schema("--kind", kind.lower())
    assert run("schema", "--kind", kind).stdout == run("schema", "--kind", kind.upper()).stdout
    Draft7Validator.check_schema(schema)
    refs = {r.rsplit("/", 1)[1] for r in _refs(schema)}
    assert refs == set(schema["definitions"])  # every definition used, none missing
    validator = Draft7Validator(schema)
    for doc in _documents(kind):
        assert not list(validator.iter_errors(doc)), doc["metadata"]["name"]
    other = next(k for k in ("Department", "Calendar", "Policy") if k != kind)
    assert list(validator.iter_errors(_documents(other)[0]))


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["$ref"]] if "$ref" in value else []
        return own + [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []


def test_schema_refuses_an_unknown_kind() -> None:
    assert run("schema", "--kind", "Team").exit_code == 2


@pytest.mark.parametrize(("name", "title"), [
    ("it-service-desk", "IT Service Desk"), ("hr", "HR"), ("marketing", "Marketing"),
    ("legal-and-compliance", "Legal and Compliance"), ("qa-lab-2", "QA Lab 2"),
    ("r-and-d", "R and D"), ("rnd", "R&D"), ("the-post-room", "The Post Room"),
])
def test_the_default_title_reads_like_a_department(name: str, title: str) -> None:
    assert default_title(name) == title
    assert f"  title: \"{title}\"\n" in run("init", name).stdout


TOUGH_POLICY = """\
apiVersion: sla-lint/v1
kind: Policy
metadata: {name: tough}
spec:
  priorities: [critical, "no", normal, low, later]
  default_calendar: sheffield-plant
  limits:
    critical: {response: 10m, resolution: 4h}
    "no": {response: 2bh, resolution: 1d}
    low: {resolution: 2bd}
"""


@pytest.fixture
def tough_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repo whose policy has its own ladder, tight limits and a shift calendar."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "calendars", repo / "calendars")
    (repo / "policy.yaml").write_text(TOUGH_POLICY)
    (repo / ".git").mkdir()
    monkeypatch.chdir(repo)
    return repo


def test_init_fits_the_ladder_limits_and_default_calendar_of_the_repo(tough_repo: Path
                                                                      ) -> None:
    result = run("init", "logistics", "-o", "teams/north/logistics.yaml")
    assert result.exit_code == 0, result.output
    text = (tough_repo / "teams" / "north" / "logistics.yaml").read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/sla-lint-v1.schema.json\n")
    assert "        critical: {response: 10m, resolution: 4h}\n" in text
    assert '        "no": {response: ' in text and "        later: {response: " in text
    assert "default_calendar applies: sheffield-plant." in text
    checked = run("check", "--strict", "--format", "text")
    assert checked.exit_code == 0, checked.output
    assert run("init", "logistics").stdout == text.replace(
        "$schema=../../schemas/", "$schema=../schemas/")  # the same targets on stdout


def test_init_fits_a_config_files_repo_from_a_subfolder(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "policy").mkdir()
    shutil.copytree(EXAMPLES / "calendars", tmp_path / "policy" / "calendars")
    (tmp_path / "policy" / "policy.yaml").write_text(TOUGH_POLICY)
    (tmp_path / ".sla-lint.yaml").write_text("paths: [policy]\n")
    (tmp_path / "policy" / "departments").mkdir()
    monkeypatch.chdir(tmp_path / "policy" / "departments")
    assert run("init", "qa", "-o", "qa.yaml").exit_code == 0
    assert Path("qa.yaml").read_text().startswith(
        "# yaml-language-server: $schema=../../schemas/sla-lint-v1.schema.json\n")
    monkeypatch.chdir(tmp_path)
    checked = run("check", "--strict", "--format", "text")
    assert checked.exit_code == 0, checked.output
    assert checked.output.endswith("in 6 files\n")


def test_without_a_published_schema_the_modeline_points_at_the_repo_roots_schemas(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    assert run("init", "hr", "-o", "b/c/hr.yaml").exit_code == 0
    assert Path("b/c/hr.yaml").read_text().startswith(
        "# yaml-language-server: $schema=../../../schemas/sla-lint-v1.schema.json\n")
