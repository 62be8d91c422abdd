"""CI reports: SARIF checked against the official schema, GitLab, JUnit, Markdown; --output."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from sla_lint import __version__, registry
from sla_lint.cli import FORMATS, cli
from sla_lint.diagnostics import Diagnostic, Location, Related, Severity
from sla_lint.engine import LintResult
from sla_lint.model import Catalogue
from sla_lint.reporters import FORMATS as REPORTER_FORMATS
from sla_lint.reporters import markdown, reporter_class
from sla_lint.reporters.sarif import FINGERPRINT_KEY
from tests.test_graph_cli import check_mermaid

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "ad389db5a66fad5c131178b0e1f18600ac625616cd5ea20a00ee8ee246dc7069"
UPDATE = os.environ.get("SLA_LINT_UPDATE_GOLDEN") == "1"
BROKEN = "examples-broken"
CI_FORMATS = ("sarif", "gitlab", "junit", "markdown")
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture(autouse=True)
def _at_repo_root_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for name in ("GITHUB_ACTIONS", "GITLAB_CI"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def report(fmt: str, *paths: str) -> str:
    result = run("check", "--format", fmt, *paths)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def broken_json() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(report("json", BROKEN))
    return data


# --- checkers: each parses one format for real and fails on anything malformed -------------


@functools.cache
def sarif_validator() -> Draft202012Validator:
    raw = SCHEMA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "tests/data SARIF schema changed"
    schema = json.loads(raw)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~/!$&'()*+,;=:@]|%[0-9A-F]{2})+$")


def check_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    error = best_match(sarif_validator().iter_errors(log))
    assert error is None, f"not valid SARIF 2.1.0: {error}"
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("sla-lint", __version__)
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    for rule in rules:
        known = registry.lookup(rule["id"])
        assert known is not None and rule["name"] == known.slug
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in sarif_run["results"]:
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        else:
            assert registry.lookup(result["ruleId"]) is None
        for place in [*result["locations"], *result.get("relatedLocations", [])]:
            _check_physical(place["physicalLocation"])
    hashes = [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif_run["results"]]
    assert len(set(hashes)) == len(hashes)
    return log


def _check_physical(place: dict[str, Any]) -> None:
    """Inside the repository: relative to %SRCROOT%; outside it: an absolute file URI."""
    artifact = place["artifactLocation"]
    uri = artifact["uri"]
    assert URI_REFERENCE.match(uri) and "\\" not in uri, uri
    if uri.startswith("file:///"):
        assert "uriBaseId" not in artifact
    else:
        assert artifact["uriBaseId"] == "%SRCROOT%" and not uri.startswith("/"), uri
    assert place["region"]["startLine"] >= 1 and place["region"]["startColumn"] >= 1


def check_gitlab(text: str) -> list[dict[str, Any]]:
    """The documented Code Quality shape, exactly."""
    issues: list[dict[str, Any]] = json.loads(text)
    assert isinstance(issues, list)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert all(isinstance(issue[k], str) and issue[k]
                   for k in ("description", "check_name", "fingerprint"))
        assert issue["severity"] in SEVERITIES
        location = issue["location"]
        assert set(location) == {"path", "lines"} and set(location["lines"]) == {"begin"}
        assert isinstance(location["lines"]["begin"], int) and location["lines"]["begin"] >= 1
        assert not location["path"].startswith("/") and "\\" not in location["path"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    return issues


def check_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    cases = list(suite)
    assert all(c.tag == "testcase" and c.get("classname") and c.get("name") and c.get("file")
               for c in cases)
    failures = [f for c in cases for f in c if f.tag == "failure"]
    assert all(len(c) <= 1 for c in cases)
    for element in (root, suite):
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(len(failures))
    for case in cases:
        for failure in case:
            assert failure.get("message") and failure.get("type")
            assert f"{case.get('file')}:{case.get('line')}:" in (failure.text or "").replace(
                "./", "")
    return root


CELL = re.compile(r"(?<!\\)\|")


def table(text: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table under ``header``, each split into its cells."""
    lines = text.splitlines()
    start = lines.index(header)
    assert re.fullmatch(r"\|( -+:? \|)+", lines[start + 1]), lines[start + 1]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = CELL.split(line)
        assert cells[0] == "" and cells[-1] == "", line
        rows.append([c.strip() for c in cells[1:-1]])
    width = len(CELL.split(header)) - 2
    assert all(len(row) == width for row in rows), rows
    return rows


LEADING_LINK = re.compile(r"^\[(?:[^\]\\]|\\.)*\]\([^()\s]*\)")


def check_cells(rows: list[list[str]]) -> None:
    """Nothing in a cell can start HTML, a mention, a link or emphasis, except a first link."""
    for cell in (c for row in rows for c in row):
        bare = re.sub(r"<br>|&(?:amp|lt|gt|#64);", "", LEADING_LINK.sub("", cell))
        assert not set(bare) & set("<>@\n\r"), cell
        assert not re.search(r"(?<!\\)[`*_\[\]~]", bare), cell


CLASS_LINES = re.compile(r"^  classDef problem stroke:#d1242f,stroke-width:3px\n"
                         r"  class ((?:s\d+,)*s\d+) problem\n", re.M)


def check_markdown_graph(text: str) -> tuple[dict[str, str], set[str]]:
    """The Mermaid block: well formed, and the problem class only on nodes it defines."""
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", text, re.S | re.M)
    assert len(blocks) <= 1
    if not blocks:
        return {}, set()
    found = CLASS_LINES.search(blocks[0])
    assert found, blocks[0]
    nodes, _, _ = check_mermaid(CLASS_LINES.sub("", blocks[0]))
    marked = set(found.group(1).split(","))
    assert marked <= set(nodes)
    return nodes, marked


FINDINGS = "| | where | rule | message |"
PER_RULE = "| code | rule | count |"


def check_markdown(text: str, findings: int) -> list[list[str]]:
    assert text.startswith("## ")
    if not findings:
        assert FINDINGS not in text
        return []
    rows = table(text, FINDINGS)
    assert len(rows) == min(findings, markdown.MAX_ROWS)
    check_cells(rows)
    per_rule = table(text, PER_RULE)
    assert sum(int(row[2]) for row in per_rule) == findings
    check_markdown_graph(text)
    return rows


# --- golden files and the real examples ---------------------------------------------------


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_broken_examples_golden(fmt: str) -> None:
    result = run("check", "--format", fmt, BROKEN)
    assert result.exit_code == 1
    path = GOLDEN / f"broken.{fmt}"
    if UPDATE:
        path.write_text(result.stdout)
    assert result.stdout == path.read_text(), f"{path.name}: SLA_LINT_UPDATE_GOLDEN=1 rewrites it"
    assert result.stdout == run("check", "--format", fmt, BROKEN).stdout


def test_format_choices_are_the_reporters() -> None:
    assert (*FORMATS,) == ("auto", *REPORTER_FORMATS)
    for fmt in REPORTER_FORMATS:
        assert reporter_class(fmt).__module__ == f"sla_lint.reporters.{fmt}"


def test_check_imports_only_the_reporter_it_uses() -> None:
    code = ("import sys\nfrom sla_lint.cli import cli\ntry:\n"
            f"    cli(['check', {str(ROOT / 'examples' / 'calendars')!r}])\nfinally:\n"
            "    print(sorted(m for m in sys.modules if m.startswith('sla_lint.reporters.')),"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert "'sla_lint.reporters.text'" in done.stderr
    for heavy in ("junit", "sarif", "markdown", "gitlab"):
        assert f"sla_lint.reporters.{heavy}'" not in done.stderr


def test_sarif_of_the_broken_examples_is_valid_and_complete() -> None:
    log = check_sarif(report("sarif", BROKEN))
    expected = broken_json()
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in results] == [(d["code"], d["line"]) for d in expected]
    assert [len(r.get("relatedLocations", [])) for r in results] == [
        len(d["related"]) for d in expected]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [r["level"] for r in results] == [levels[d["severity"]] for d in expected]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({d["code"] for d in expected})
    assert "```yaml" in rules[0]["help"]["markdown"] and "Bad:" in rules[0]["help"]["text"]


def test_clean_repo_gives_empty_but_valid_reports() -> None:
    examples = ("examples",)
    assert check_sarif(report("sarif", *examples))["runs"][0]["results"] == []
    assert check_gitlab(report("gitlab", *examples)) == []
    root = check_junit(report("junit", *examples))
    assert root.get("tests") == "17" and root.get("failures") == "0"
    text = report("markdown", *examples)
    check_markdown(text, 0)
    assert text.startswith("## ✅ sla-lint: All promises check out")


def test_gitlab_shape_and_severities() -> None:
    issues = check_gitlab(report("gitlab", BROKEN))
    expected = broken_json()
    assert len(issues) == len(expected)
    by_code = {i["check_name"]: i["severity"] for i in issues}
    assert by_code["SLA408"] == "critical" and by_code["SLA501"] == "critical"
    assert by_code["SLA204"] == "major" and by_code["SLA301"] == "minor"
    assert all(i["location"]["path"].startswith("examples-broken/") for i in issues)


def test_junit_has_a_failure_per_finding_and_a_pass_per_clean_file(tmp_path: Path) -> None:
    shutil.copy(ROOT / BROKEN / "graph.yaml", tmp_path / "graph.yaml")
    shutil.copy(ROOT / "examples" / "calendars" / "london-office.yaml", tmp_path / "a.yaml")
    root = check_junit(report("junit", str(tmp_path)))
    cases = list(root[0])
    passing = [c for c in cases if not len(c)]
    assert [c.get("name") for c in passing] == ["no findings"]
    assert passing[0].get("file", "").endswith("/a.yaml")
    assert len(cases) - 1 == int(root.get("failures", "0")) > 0


def test_markdown_summary_counts_links_and_draws_the_trouble_spots() -> None:
    text = report("markdown", BROKEN)
    expected = broken_json()
    rows = check_markdown(text, len(expected))
    assert text.startswith("## ❌ sla-lint: 34 errors, 6 warnings in 6 files\n")
    first = expected[0]
    assert rows[0][1] == (f"[{first['path']}:{first['line']}]"
                          f"({first['path']}#L{first['line']})")
    nodes, marked = check_markdown_graph(text)
    labels = {label for node, label in nodes.items() if node in marked}
    assert {"intake", "triage", "fixing", "archive", "orders", "parts"} <= labels
    assert "purchasing" not in nodes.values()  # not next to any problem service


def test_markdown_links_point_at_the_commit_inside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "acme/policies", "GITHUB_SHA": "abc123"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    text = report("markdown", BROKEN)
    assert "](https://github.com/acme/policies/blob/abc123/examples-broken/" in text
    assert markdown.link_base({"GITLAB_CI": "true", "CI_PROJECT_URL": "https://gl.example/a/b",
                               "CI_COMMIT_SHA": "f00"}) == "https://gl.example/a/b/-/blob/f00/"
    assert markdown.link_base({"GITHUB_SHA": "abc"}) == ""


def _self_dependent_services(count: int) -> str:
    services = "\n".join(
        f"    - {{name: s{i:02}, customers: ['*'], scope: {{includes: [item {i}]}},"
        f" depends_on: [{{service: many/s{i:02}, for: [item {i}]}}]}}" for i in range(count))
    return ("apiVersion: sla-lint/v1\nkind: Department\nmetadata: {name: many}\n"
            f"spec:\n  services:\n{services}\n")


def test_markdown_caps_the_picture_and_the_table(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "many.yaml").write_text(_self_dependent_services(60))
    monkeypatch.setattr(markdown, "MAX_ROWS", 25)
    text = report("markdown", str(tmp_path))
    rows = table(text, FINDINGS)
    total = len(json.loads(report("json", str(tmp_path))))
    assert len(rows) == 25 and f"… and {total - 25} more" in text
    nodes, marked = check_markdown_graph(text)
    assert len(nodes) == markdown.MAX_NODES == len(marked)
    assert "Showing 50 of 60 services" in text


# --- stable fingerprints ------------------------------------------------------------------


def _fingerprints(cwd: Path) -> tuple[list[str], list[str], list[int]]:
    os.chdir(cwd)
    sarif = json.loads(report("sarif", "broken"))["runs"][0]["results"]
    gitlab = json.loads(report("gitlab", "broken"))
    return ([r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif],
            [i["fingerprint"] for i in gitlab], [i["location"]["lines"]["begin"] for i in gitlab])


def test_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    shutil.copytree(ROOT / BROKEN, tmp_path / "broken")
    sarif, gitlab, lines = _fingerprints(tmp_path)
    for path in (tmp_path / "broken").glob("*.yaml"):
        path.write_text("# a comment\n# another\n\n" + path.read_text())
    sarif_after, gitlab_after, lines_after = _fingerprints(tmp_path)
    assert sorted(sarif_after) == sorted(sarif) and sorted(gitlab_after) == sorted(gitlab)
    assert [n + 3 for n in lines] == lines_after


# --- --output and --statistics ------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("r.sarif", "sarif"), ("r.xml", "junit"),
                                            ("r.md", "markdown"), ("r.json", "json")])
def test_output_writes_the_file_and_the_terminal_gets_text(tmp_path: Path, name: str,
                                                           fmt: str) -> None:
    target = tmp_path / name
    result = run("check", "--output", str(target), BROKEN)
    assert result.exit_code == 1
    assert result.stdout == report("text", BROKEN)
    assert target.read_text() == report(fmt, BROKEN)


def test_output_with_an_explicit_format_and_annotations_inside_actions(tmp_path: Path) -> None:
    target = tmp_path / "gl-code-quality-report.json"
    result = run("check", "--format", "gitlab", "-o", str(target), BROKEN,
                 env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1 and result.stdout.startswith("::error file=examples-broken/")
    check_gitlab(target.read_text())
    clean = run("check", "--format", "sarif", "-o", str(target), "examples")
    assert clean.exit_code == 0 and clean.stdout.startswith("All promises check out")


@pytest.mark.parametrize("args", [["-o", "report.unknown"], ["-o", "/no/such/dir/r.sarif"],
                                  ["--format", "sarif", "-o", "."]])
def test_output_problems_exit_2(args: list[str]) -> None:
    result = run("check", *args, "examples")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_output_dash_is_standard_output() -> None:
    result = run("check", "--format", "junit", "-o", "-", BROKEN)
    assert result.exit_code == 1 and result.stdout == report("junit", BROKEN)


def test_statistics_count_findings_per_rule() -> None:
    result = run("check", "--format", "text", "--statistics", BROKEN)
    assert result.exit_code == 1
    body, stats = result.stdout.split("Findings per rule:\n")
    assert body == report("text", BROKEN)
    rows = [line.split() for line in stats.splitlines()]
    counted = {code: int(n) for code, _, n in rows}
    codes = [d["code"] for d in broken_json()]
    assert counted == {code: codes.count(code) for code in codes}
    assert ["SLA301", "unbounded-scope", "2"] in rows


def test_statistics_keep_machine_output_parseable() -> None:
    result = run("check", "--format", "json", "--statistics", BROKEN)
    assert json.loads(result.stdout) and "SLA501  dependency-cycle" in result.stderr
    clean = run("check", "--statistics", "examples")
    assert clean.exit_code == 0 and clean.stdout.endswith("Findings per rule: none\n")


# --- hostile text: every format stays valid -------------------------------------------------

EVIL = ('Evil "quoted" \'single\' <script>alert(1)</script> | pipe %0A %25 % :: ::error x'
        ' --> ]]> <![CDATA[ & @acme/team `tick` [link](x) *b* _i_ ~s~ \\ end\nsecond line\r\n'
        '\x01\x1b[31m\t\ud800 \ufffe')


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar (JSON's), without the lone surrogate YAML refuses."""
    return json.dumps(text.replace("\ud800", ""))


EVIL_REPO = f"""\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: evil, title: {_yaml(EVIL)}}}
spec:
  services:
    - name: one
      title: {_yaml(EVIL)}
      customers: ["*"]
      scope: {{includes: [one]}}
      depends_on:
        - {{service: evil/one, for: [one]}}
        - {{service: evil/two, for: [two]}}
    - name: two
      title: {_yaml(EVIL)}
      customers: ["*"]
      scope: {{includes: [two]}}
      depends_on: [{{service: evil/one, for: [one]}}]
---
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: evil-too, title: {_yaml(EVIL)}}}
spec:
  calendar: {_yaml(EVIL)}
  {_yaml(EVIL)}: 1
  services:
    - {{name: x, customers: [{_yaml(EVIL)}], scope: {{includes: [{_yaml(EVIL)}]}}}}
"""


def check_github(text: str) -> None:
    lines = text.split("\n")
    assert lines[-1] == "" and lines[-2].startswith("sla-lint: ")
    for line in lines[:-2]:
        match = re.fullmatch(r"::(error|warning|notice) file=([^,:]*),line=\d+,col=\d+,"
                             r"title=([^,:]*)::(.*)", line)
        assert match, line
        assert "\r" not in line and not re.search(r"%(?!25|0A|0D|3A|2C)", match.group(4))


CHECKERS = {
    "sarif": check_sarif,
    "gitlab": check_gitlab,
    "junit": check_junit,
    "github": check_github,
    "json": json.loads,
}


@pytest.mark.parametrize("fmt", [f for f in REPORTER_FORMATS if f != "text"])
def test_hostile_titles_and_values_keep_every_format_valid(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_text(EVIL_REPO, encoding="utf-8")
    os.chdir(tmp_path)
    result = run("check", "--format", fmt, ".")
    assert result.exit_code == 1
    if fmt == "markdown":
        check_markdown(result.stdout, len(json.loads(report("json", "."))))
        assert "<script>" not in result.stdout
        _, marked = check_markdown_graph(result.stdout)
        assert len(marked) == 2  # evil/one and evil/two: a self-dependency and a cycle
    else:
        CHECKERS[fmt](result.stdout)


def _evil_result() -> LintResult:
    path = 'dir with space/évil "x" <y>|%,:#?.yaml'
    diags = (
        Diagnostic(Location(path, 3, 4), "SLA204", EVIL, Severity.ERROR, "unknown-dependency",
                   (Related(Location(path, 1, 1), EVIL),)),
        Diagnostic(Location(path, 5, 1), "SLA301", EVIL, Severity.WARNING, "unbounded-scope"),
        Diagnostic(Location(path, 5, 1), "SLA301", EVIL, Severity.WARNING, "unbounded-scope"),
        Diagnostic(Location("sla-lint", 1, 1), "SLA000", EVIL, Severity.ERROR, "internal-error"),
        Diagnostic(Location(path, 9, 9), "SLA999", EVIL, Severity.INFO, "not-a-rule"),
    )
    return LintResult(diags, 1, 1, Catalogue(), (path,))


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_hostile_messages_and_paths_written_to_a_file_stay_valid(fmt: str) -> None:
    import io

    stream = io.StringIO()
    reporter = reporter_class(fmt)(stream)
    reporter.report(_evil_result())
    text = stream.getvalue()
    text.encode("utf-8")  # no lone surrogate survives: the file can be written
    if fmt == "markdown":
        check_markdown(text, 5)
        return
    parsed = {"sarif": check_sarif, "gitlab": check_gitlab, "junit": check_junit}[fmt](text)
    if fmt == "gitlab":
        assert [i["severity"] for i in parsed] == ["major", "minor", "minor", "blocker", "info"]


# --- docs/ci.md: its YAML parses, and its commands run and write what the CI uploads -------

CI_DOC = ROOT / "docs" / "ci.md"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.S | re.M)
SUMMARY = re.compile(r"<!-- markdown-summary: sla-lint (.*?) -->\n(.*?)"
                     r"<!-- markdown-summary:end -->", re.S)
# GitHub Actions runs `run:` with `bash -e`; GitLab runs script lines with errexit too.
SHELL_PRELUDE = 'set -e\nsla-lint() { "$SLA_LINT_PYTHON" -m sla_lint "$@"; }\n'


def ci_texts() -> dict[str, str]:
    """The YAML blocks of docs/ci.md by kind (github, gitlab, pre-commit), as written."""
    texts = YAML_BLOCK.findall(CI_DOC.read_text())
    kinds = {_kind(yaml.safe_load(text)): text for text in texts}
    assert len(kinds) == len(texts) == 3, "docs/ci.md: one GitHub, GitLab, pre-commit block"
    return kinds


def _kind(block: dict[str, Any]) -> str:
    return "github" if "jobs" in block else "pre-commit" if "repos" in block else "gitlab"


def ci_blocks() -> dict[str, Any]:
    """The YAML blocks of docs/ci.md, parsed, by kind."""
    return {kind: yaml.safe_load(text) for kind, text in ci_texts().items()}


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def commands(block: Any) -> list[str]:
    """Every line of a `run:` or `script:` that calls sla-lint."""
    lines = (line.strip() for text in strings(block) for line in text.splitlines())
    return [line for line in lines if line.startswith("sla-lint ")]


def github_uploads(workflow: dict[str, Any]) -> list[str]:
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    return [s["with"]["sarif_file"] for s in steps
            if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]


def _policy_repo(tmp_path: Path, broken: bool) -> Path:
    """A git repository with the example company (and the CI files, which must be skipped)."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", repo)
    if broken:
        shutil.copytree(ROOT / "examples-broken", repo / "broken")
    (repo / ".github" / "workflows").mkdir(parents=True)
    files = {"github": ".github/workflows/sla-lint.yml", "gitlab": ".gitlab-ci.yml",
             "pre-commit": ".pre-commit-config.yaml"}
    for kind, text in ci_texts().items():
        (repo / files[kind]).write_text(text)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
           "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "policies"],
                 ["branch", "origin/main"]):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)
    return repo


# `sla-lint site` needs the search package; until it is merged, a stand-in (tests/site).
STANDIN = {} if importlib.util.find_spec("sla_lint.search") else {
    "PYTHONPATH": str(ROOT / "tests" / "site" / "standin_path")}


def _run_line(line: str, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", SHELL_PRELUDE + line], cwd=repo, text=True,
                          capture_output=True, check=False,
                          env={**os.environ, **env, **STANDIN,
                               "SLA_LINT_PYTHON": sys.executable})


PLATFORM_ENV = {
    "github": {"GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main",
               "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/policies",
               "GITHUB_SHA": "0123abc"},
    "gitlab": {"GITLAB_CI": "true", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
               "CI_PROJECT_URL": "https://gitlab.example/acme/policies",
               "CI_COMMIT_SHA": "0123abc"},
}


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("git") is None,
                    reason="needs bash and git")
@pytest.mark.parametrize("broken", [False, True], ids=["clean", "broken"])
def test_ci_doc_commands_run_and_write_what_is_uploaded(tmp_path: Path, broken: bool) -> None:
    blocks = ci_blocks()
    repo = _policy_repo(tmp_path, broken)
    summary = tmp_path / "step-summary.md"
    for kind, env in PLATFORM_ENV.items():
        lines = commands(blocks[kind])
        assert lines, f"docs/ci.md: the {kind} block runs no sla-lint command"
        for line in lines:
            done = _run_line(line, repo, {**env, "GITHUB_STEP_SUMMARY": str(summary)})
            gated = broken and "|| [ $? -eq 1 ]" not in line and "--select SLA6" not in line
            assert done.returncode == (1 if gated else 0), (line, done.stdout, done.stderr)
            assert "Traceback" not in done.stderr
    for name in github_uploads(blocks["github"]):
        check_sarif((repo / name).read_text())
    issues = check_gitlab((repo / blocks["gitlab"]["sla-lint"]["artifacts"]["reports"]
                           ["codequality"]).read_text())
    assert bool(issues) == broken
    for site in ("_site", "public"):  # the Pages jobs: the website, health page included
        health = (repo / site / "health.html").read_text()
        assert ("/blob/0123abc/broken/" in health) == broken
    text = summary.read_text()
    check_markdown(text, len(issues))
    assert ("](https://github.com/acme/policies/blob/0123abc/broken/" in text) == broken


def test_ci_doc_yaml_parses_and_the_pre_commit_snippet_names_our_hook() -> None:
    blocks = ci_blocks()
    (entry,) = blocks["pre-commit"]["repos"]
    assert entry["repo"] == "https://github.com/acme/sla-lint"
    assert re.fullmatch(r"v\d+\.\d+\.\d+", entry["rev"])
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in entry["hooks"]} <= {h["id"] for h in hooks}
    assert github_uploads(blocks["github"]) == ["sla-lint.sarif"]
    assert "GITHUB_STEP_SUMMARY" in "".join(commands(blocks["github"]))


def test_ci_doc_markdown_summary_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    (match,) = SUMMARY.findall(CI_DOC.read_text())
    command, quoted = match
    shown = "".join(line[2:] + "\n" if line.startswith("> ") else "\n"
                    for line in quoted.splitlines())
    monkeypatch.chdir(ROOT / "docs")
    result = run(*shlex.split(command))
    assert shown == result.stdout, "docs/ci.md's Markdown summary is stale"
