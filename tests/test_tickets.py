"""sla-lint attainment: statuses, counts, as_of, problems, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint.cli import cli
from sla_lint.model import Catalogue
from sla_lint.tickets import (
    AttainmentOptions,
    ReadOptions,
    TrendRow,
    attainment,
    parse_moment,
    trend_svg,
)
from sla_lint.tickets.formats import human, safe_cell
from sla_lint.tickets.report import iso, share

from .ticketkit import catalogue, export, write_repo

ROWS = (
    "T1,desk/repairs,P2,2027-03-01T10:00:00Z,2027-03-01T11:00:00Z,2027-03-03T10:00:00Z",
    "T2,desk/repairs,P2,2027-03-01T16:00:00Z,2027-03-02T10:30:00Z,",
    "T3,desk/repairs,P1,2027-03-06T12:00:00+00:00,,2027-03-06T15:00:00+00:00",
    "T4,desk/repairs,P3,2027-03-01T09:00:00Z,,",
    "T5,desk/repairs,P7,2027-03-01T09:00:00Z,,",
    "T6,desk/nothing,P1,2027-03-01T09:00:00Z,,",
    "T7,desk/repairs,P1,2027-03-01T09:00:00Z,,2027-02-01T09:00:00Z",
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def counts(report_rows: object) -> dict[tuple[str, str], tuple[int, int, int, float | None]]:
    return {(r.priority, r.measure): (r.met, r.breached, r.open, r.attainment)
            for r in report_rows}  # type: ignore[attr-defined]


@pytest.fixture()
def cat(tmp_path: Path) -> Catalogue:
    return catalogue(tmp_path)


def test_statuses_counts_and_default_as_of(cat: Catalogue, tmp_path: Path) -> None:
    report = attainment(cat, [export(tmp_path, *ROWS)])
    assert iso(report.as_of or 0) == "2027-03-06T15:00:00+00:00"  # the latest time written
    assert counts(report.rows) == {
        ("P1", "response"): (0, 1, 0, 0.0),  # no first response: counted at resolved
        ("P1", "resolution"): (1, 0, 0, 1.0),
        ("P2", "response"): (1, 1, 0, 0.5),
        ("P2", "resolution"): (1, 1, 0, 0.5),  # T2 unresolved and past due at as_of
        ("P3", "resolution"): (0, 0, 1, None),
    }
    assert report.used == 4 and report.problem_count == 3


def test_as_of_given_keeps_tickets_open(cat: Catalogue, tmp_path: Path) -> None:
    options = AttainmentOptions(as_of=parse_moment("2027-03-03T12:00:00+00:00"))
    report = attainment(cat, [export(tmp_path, *ROWS)], options)
    assert counts(report.rows)[("P2", "resolution")] == (1, 0, 1, 1.0)
    assert report.at_risk == ()


def test_problems_name_line_and_column(cat: Catalogue, tmp_path: Path) -> None:
    report = attainment(cat, [export(tmp_path, *ROWS)])
    found = [(p.line, p.column, p.message) for p in report.problems]
    assert found[0] == (6, 3, "priority 'P7' is not on the ladder (P1, P2, P3)")
    assert found[1][:2] == (7, 2) and "desk/nothing" in found[1][2]
    assert found[2][:2] == (8, 6) and "before created" in found[2][2]


def test_json_contract_and_exit_codes(tmp_path: Path) -> None:
    repo = write_repo(tmp_path)
    code, out, err = run("attainment", export(tmp_path, *ROWS), str(repo), "--format", "json")
    data = json.loads(out)
    assert code == 1 and "T5" not in out
    assert data["as_of"] == "2027-03-06T15:00:00+00:00"
    row = next(r for r in data["rows"] if (r["priority"], r["measure"]) == ("P2", "resolution"))
    assert {k: row[k] for k in ("service", "target", "tickets", "met", "breached", "open",
                                "attainment")} == {
        "service": "desk/repairs", "target": "2bd", "tickets": 2, "met": 1, "breached": 1,
        "open": 0, "attainment": 0.5}
    t1 = [t for t in data["tickets"] if t["id"] == "T1"]
    assert {(t["measure"], t["due"], t["status"]) for t in t1} == {
        ("response", "2027-03-01T12:00:00+00:00", "met"),
        ("resolution", "2027-03-03T10:00:00+00:00", "met")}
    assert data["problems"][0] == {"path": str(tmp_path / "tickets.csv"), "line": 6,
                                   "column": 3, "message":
                                   "priority 'P7' is not on the ladder (P1, P2, P3)"}
    code, out, _ = run("attainment", export(tmp_path, *ROWS[:4], name="ok.csv"), str(repo),
                       "--format", "json")
    assert code == 0 and json.loads(out)["problems"] == []
    code, out, err = run("attainment", str(tmp_path / "missing.csv"), str(repo))
    assert code == 2 and "cannot be read" in err and "Traceback" not in err


def test_text_table_worst_first(tmp_path: Path) -> None:
    repo = write_repo(tmp_path)
    _code, out, err = run("attainment", export(tmp_path, *ROWS), str(repo))
    lines = out.splitlines()
    assert lines[2].split() == ["department", "service", "priority", "measure", "target",
                                "tickets", "met", "breached", "open", "attainment"]
    assert lines[3].split()[2:4] == ["P1", "response"] and lines[3].endswith("0.0%")
    assert "T4 (desk/repairs P3 resolution) has used 100% of its time" in out
    assert f"{tmp_path / 'tickets.csv'}:6:3: priority 'P7'" in err


def test_realistic_and_lateness(cat: Catalogue, tmp_path: Path) -> None:
    rows = [f"R{i},desk/repairs,P2,2027-03-01T09:00:00Z,2027-03-01T09:30:00Z,"
            f"2027-03-0{3 + (i % 3)}T13:00:00Z" for i in range(10)]
    report = attainment(cat, [export(tmp_path, *rows)])
    row = next(r for r in report.rows if r.measure == "resolution")
    # resolved Wed 13:00 (2.5bd), Thu 13:00 (3.5bd) or Fri 13:00 (4.5bd) after Mon 09:00;
    # 9 of the 10 within 4.5bd. All are late: due Wed 09:00 (2bd).
    assert row.realistic is not None and row.realistic.text == "4.5bd"
    assert row.late is not None and row.late.count == 10
    assert human(row.late.worst_elapsed) == "2d 4h" and human(row.late.worst_business) == "20h"
    assert human(row.late.median_elapsed) == "1d 4h" and human(row.late.median_business) == "12h"


def test_trend_by_week_and_month(cat: Catalogue, tmp_path: Path) -> None:
    rows = [*ROWS[:4], "T8,desk/repairs,P1,2027-04-20T12:00:00Z,2027-04-20T12:10:00Z,"
            "2027-04-20T13:00:00Z"]
    report = attainment(cat, [export(tmp_path, *rows)], AttainmentOptions(by="month"))
    trend = report.trend_of("desk/repairs", "P1", "response")
    assert [(t.period, t.met, t.breached) for t in trend] == [("2027-03", 0, 1),
                                                               ("2027-04", 1, 0)]
    weekly = attainment(cat, [export(tmp_path, *rows)], AttainmentOptions(by="week"))
    assert [t.period for t in weekly.trend_of("desk/repairs", "P1", "response")] == [
        "2027-W09", "2027-W16"]


def test_trend_svg_is_deterministic_xml() -> None:
    rows = [TrendRow("d/s", "P2", "resolution", f"2027-0{m}", 10, m, 10 - m, 0)
            for m in range(1, 5)]
    rows.insert(2, TrendRow("d/s", "P2", "resolution", "2027-02b", 1, 0, 0, 1))
    svg = trend_svg(rows, goal=0.9)
    assert svg == trend_svg(rows, goal=0.9)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}circle")) == 4  # the period with nothing decided is a gap
    assert len(root.findall(f"{ns}polyline")) == 2
    assert root.find(f"{ns}line") is not None
    assert "d/s P2 resolution" in (root.findtext(f"{ns}title") or "")


def test_attainment_rounding() -> None:
    assert share(2, 1) == 0.667 and share(0, 0) is None and share(35, 3) == 0.921


def test_formula_cells_are_escaped(tmp_path: Path) -> None:
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_cell("ok") == "ok"
    assert [safe_cell(c)[0] for c in ("+1", "-1", "@a", "\tx", "\rx")] == ["'"] * 5
    repo = write_repo(tmp_path)
    (repo / "desk.yaml").write_text((repo / "desk.yaml").read_text().replace(
        "Ann Lee", "Ann").replace("name: desk,", "name: desk, title: '=cmd',"))
    code, out, _ = run("attainment", export(tmp_path, *ROWS[:4]), str(repo), "--format", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:3] == ["department", "service", "priority"]
    code, out, _ = run("attainment", export(tmp_path, *ROWS[:4], '"=2+3",desk/repairs,P1,'
                                             '2027-03-01T09:00:00Z,,'), str(repo),
                       "--format", "markdown")
    assert "=2+3" not in out or "'=2+3" in out


@pytest.mark.parametrize(("preset", "used", "problems"), [
    ("jira", 3, 1), ("zendesk", 3, 0), ("servicenow", 3, 0), ("freshdesk", 2, 0)])
def test_presets_read_each_tools_sample(preset: str, used: int, problems: int) -> None:
    root = Path(__file__).parent.parent
    from sla_lint.config import LintConfig
    from sla_lint.engine import load_catalogue

    cat = load_catalogue([str(root / "examples" / d) for d in ("departments", "calendars")]
                         + [str(root / "examples" / "policy.yaml")], LintConfig()).catalogue
    options = AttainmentOptions(ReadOptions(preset, timezone="Europe/London"))
    report = attainment(cat, [str(root / "tests" / "data" / "tickets" / f"{preset}.csv")],
                        options)
    assert (report.used, report.problem_count) == (used, problems), report.problems


def test_columns_and_priorities_options(cat: Catalogue, tmp_path: Path) -> None:
    path = export(tmp_path, "A1;Repairs and fixes;Hoch;01.03.2027 10:00;;",
                  header="Key;Team;Wichtigkeit;Erstellt;Antwort;Erledigt")
    code, out, err = run("attainment", path, str(tmp_path / "repo"), "--columns",
                         "id=Key,service=Team,priority=Wichtigkeit,created=Erstellt",
                         "--columns", "first_response=Antwort,resolved=Erledigt",
                         "--priorities", "Hoch=P1", "--format", "json")
    assert code == 1 and "01.03.2027 10:00" in json.loads(out)["problems"][0]["message"]
    path = export(tmp_path, "A1;Repairs and fixes;Hoch;2027-03-01 10:00;;",
                  header="Key;Team;Wichtigkeit;Erstellt;Antwort;Erledigt", name="b.csv")
    code, out, err = run("attainment", path, str(tmp_path / "repo"), "--columns",
                         "id=Key,service=Team,priority=Wichtigkeit,created=Erstellt,"
                         "first_response=Antwort,resolved=Erledigt", "--priorities", "hoch=P1",
                         "--timezone", "Europe/London", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["rows"][0]["priority"] == "P1"


def test_bad_options_exit_2(tmp_path: Path) -> None:
    repo = str(write_repo(tmp_path))
    path = export(tmp_path, *ROWS[:1])
    for args in (["--as-of", "yesterday"], ["--as-of", "2027-03-01T10:00"],
                 ["--timezone", "Mars/Olympus"], ["--columns", "colour=Red"],
                 ["--columns", "nonsense"], ["--at-risk", "120%"], ["--realistic", "x"]):
        code, _, err = run("attainment", path, repo, *args)
        assert code == 2 and err.startswith("sla-lint: error:"), (args, err)


def test_missing_column_and_not_csv_exit_2(tmp_path: Path) -> None:
    repo = str(write_repo(tmp_path))
    code, _, err = run("attainment", export(tmp_path, "x", header="id,service"), repo)
    assert code == 2 and "'priority' (priority)" in err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert run("attainment", str(empty), repo)[0] == 2
    assert run("attainment", str(tmp_path), repo)[0] == 2


def test_several_files_share_as_of_and_ids(cat: Catalogue, tmp_path: Path) -> None:
    first = export(tmp_path, *ROWS[:2], name="a.csv")
    second = export(tmp_path, ROWS[0], ROWS[2], name="b.csv")
    report = attainment(cat, [first, second])
    assert report.used == 3
    assert [(Path(p.path).name, p.line, p.column) for p in report.problems] == [
        ("b.csv", 2, 1)]
    assert "on an earlier row" in report.problems[0].message


FIXTURE = Path(__file__).parent / "fixtures" / "4xx" / "SLA440-low-attainment-bad"


def test_check_tickets_warns_and_config_key(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    tickets = str(FIXTURE / "tickets.csv")
    code, out, _ = run("check", str(FIXTURE), "--tickets", tickets, "--format", "json",
                       "--isolated")
    found = [d for d in json.loads(out) if d["code"] == "SLA440"]
    assert code == 0 and len(found) == 1 and found[0]["severity"] == "warning"
    assert "kept for 31 of 40 requests (77.5%)" in found[0]["message"]
    code, out, _ = run("check", str(FIXTURE), "--format", "json", "--isolated")
    assert not [d for d in json.loads(out) if d["code"] == "SLA440"]
    (tmp_path / ".sla-lint.yaml").write_text(f"paths: [{FIXTURE}]\ntickets: {tickets}\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--format", "json", "--strict")
    assert code == 1 and [d["code"] for d in json.loads(out)] == ["SLA440"]
    code, _, err = run("check", str(FIXTURE), "--tickets", str(tmp_path / "none.csv"))
    assert code == 2 and "--tickets" in err


def test_few_requests_are_not_judged() -> None:
    from sla_lint.rules.attainment import MIN_DECIDED, upper_bound

    assert upper_bound(31, 40) < 0.9 < upper_bound(38, 40)
    assert upper_bound(0, MIN_DECIDED) < 0.5 and upper_bound(10, 10) == 1.0
    assert upper_bound(3, 5) > 0.8  # 60% of 5 could be chance


def test_totals_per_department_and_company(cat: Catalogue, tmp_path: Path) -> None:
    report = attainment(cat, [export(tmp_path, *ROWS)])
    assert [(t.name, t.measure, t.met, t.breached, t.open) for t in report.totals()] == [
        ("desk", "response", 1, 2, 0), ("desk", "resolution", 2, 1, 1),
        ("", "response", 1, 2, 0), ("", "resolution", 2, 1, 1)]


def test_cli_choices_match_the_registries() -> None:
    from sla_lint.cli import TICKET_FORMATS, TICKET_PRESETS
    from sla_lint.tickets import PRESETS
    from sla_lint.tickets.formats import WRITERS

    assert set(TICKET_FORMATS) == set(WRITERS) and tuple(TICKET_PRESETS) == tuple(PRESETS)


def test_plain_exports_need_all_six_columns(tmp_path: Path) -> None:
    repo = str(write_repo(tmp_path))
    path = export(tmp_path, "T1,desk/repairs,P1,2027-03-01T09:00:00Z,",
                  header="id,service,priority,created,resolved")
    code, _, err = run("attainment", path, repo)
    assert code == 2 and "'first_response' (first_response)" in err
