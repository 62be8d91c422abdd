"""`sla-lint customers` and `sla-lint find` through the CLI, text and JSON, and their exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sla_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("examples",)


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def answer(*args: str) -> dict[str, object]:
    result = run(*args, *EXAMPLES, "--format", "json")
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _services(rows: object) -> list[str]:
    assert isinstance(rows, list)
    return [row["service"] for row in rows]


def test_customers_of_a_department_direct_transitive_with_paths_and_external() -> None:
    data = answer("customers", "assembly-cutting")
    assert data["kind"] == "department" and data["services"] == ["assembly-cutting/cut-parts"]
    assert _services(data["direct"]) == ["assembly-welding/frame-welding"]
    assert _services(data["transitive"]) == [
        "assembly-painting/frame-painting", "quality-assurance/final-inspection",
        "logistics/outbound-shipping", "customer-care/warranty-claims"]
    transitive = data["transitive"]
    assert isinstance(transitive, list)
    inspection = transitive[1]
    assert inspection["blocking"] is True
    assert [(e["consumer"], e["provider"]) for e in inspection["path"]] == [
        ("quality-assurance/final-inspection", "assembly-painting/frame-painting"),
        ("assembly-painting/frame-painting", "assembly-welding/frame-welding"),
        ("assembly-welding/frame-welding", "assembly-cutting/cut-parts")]
    assert transitive[2]["blocking"] is False  # logistics books the carrier regardless
    assert data["allowed_not_depending"] == ["quality-assurance"]
    assert _services(data["external"]) == ["customer-care/warranty-claims"]


def test_customers_of_a_service_that_serves_external_customers_itself() -> None:
    data = answer("customers", "logistics/shipment-tracking")
    assert _services(data["direct"]) == ["customer-care/order-enquiries"]
    assert _services(data["external"]) == ["customer-care/order-enquiries"]
    data = answer("customers", "customer-care/warranty-claims")
    assert data["direct"] == [] and data["external"] == [
        {"service": "customer-care/warranty-claims", "path": []}]


def test_star_allows_every_other_department() -> None:
    data = answer("customers", "facilities/workplace-services")
    assert _services(data["direct"]) == ["hr/onboarding"]
    silent = data["allowed_not_depending"]
    assert isinstance(silent, list) and len(silent) == 10
    assert "facilities" not in silent and "hr" not in silent


def test_customers_text_answers_who_is_hurt() -> None:
    result = run("customers", "quality-assurance/defect-investigation", *EXAMPLES)
    assert result.exit_code == 0
    assert "customer-care/warranty-claims  blocking for defect analysis" in result.stdout
    assert "assembly-cutting, assembly-painting, assembly-welding" in result.stdout
    assert result.stdout.rstrip().endswith(
        "these wait on it (directly or through others): customer-care/warranty-claims.")
    quiet = run("customers", "finance/supplier-invoices", *EXAMPLES).stdout
    assert "Nothing waits on finance/supplier-invoices" in quiet


def test_customers_of_an_unknown_name_exits_2_with_a_suggestion() -> None:
    result = run("customers", "quality-asurance", *EXAMPLES)
    assert result.exit_code == 2 and "did you mean 'quality-assurance'?" in result.output


def test_find_an_item_as_written_loosely() -> None:
    result = run("find", "  Office   FURNITURE ", *EXAMPLES)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "'Office FURNITURE' is handled by facilities/workplace-services")
    assert "lead Marek Nowak" in result.stdout and "phone +44 20 7946 0155" in result.stdout
    assert "P1  response 1bh, resolution 1bd" in result.stdout
    assert ("it-service-desk/laptop-provisioning: excludes 'office furniture', redirects to"
            " facilities/workplace-services  (examples/departments/it-service-desk.yaml:81)"
            ) in result.stdout


def test_find_json_with_handler_contacts_targets_and_redirects() -> None:
    data = answer("find", "payroll setup")
    assert data["found"] is True
    (handler,) = data["handlers"]  # type: ignore[misc]
    assert handler["service"] == "finance/payroll" and handler["calendar"] == "pune-office"
    assert handler["matched"] == "item" and handler["near"] is False
    assert handler["targets"]["P1"] == {"response": "1bh", "resolution": "1bd", "update": "4bh"}
    assert {"channel": "chat", "address": "#finance-help"} in handler["contacts"]
    assert data["excluded_by"] == [{
        "service": "hr/onboarding", "item": "payroll setup", "redirect": "finance/payroll",
        "redirect_handles_it": True, "file": "examples/departments/hr.yaml", "line": 33,
        "near": False}]


def test_find_answers_how_people_ask() -> None:
    for asked in ("laptop", "Laptops", "a new laptop please"):
        data = answer("find", asked)
        assert [h["service"] for h in data["handlers"]] == [  # type: ignore[union-attr]
            "it-service-desk/laptop-provisioning"], asked
    data = answer("find", "broken chair")
    (handler,) = data["handlers"]  # type: ignore[misc]
    assert handler["service"] == "facilities/workplace-services"
    assert handler["matched"] == "synonym" and handler["item"] == "broken chair"
    assert handler["file"] == "examples/departments/facilities.yaml" and handler["line"] == 26


def test_find_shows_near_matches_in_full_and_exits_1() -> None:
    result = run("find", "labtop", *EXAMPLES)
    assert result.exit_code == 1
    assert "No service includes 'labtop'." in result.stdout
    near = result.stdout.split("Near matches")[1]
    assert "it-service-desk/laptop-provisioning: Laptops and desk equipment" in near
    assert "listed as:  'laptops'" in near and "contacts:   ticket" in near
    assert "targets:    P1  response 1bh, resolution 2bd" in near
    data = json.loads(run("find", "furnit", *EXAMPLES, "--format", "json").stdout)
    assert data["found"] is False and data["near"][0]["item"] == "office furniture"
    assert data["near"][0]["near"] is True and data["near"][0]["contacts"]
    far = json.loads(run("find", "zzzz qqqq", *EXAMPLES, "--format", "json").stdout)
    assert far["near"] == [] and far["handlers"] == [] and far["excluded_by"] == []


def test_find_limit_counts_what_it_leaves_out() -> None:
    every = answer("find", "sup")
    total = len(every["handlers"]) + len(every["near"])  # type: ignore[arg-type]
    assert total > 2 and every["more"] == 0
    cut = json.loads(run("find", "sup", *EXAMPLES, "--format", "json", "--limit", "2").stdout)
    assert len(cut["handlers"]) + len(cut["near"]) == 2 and cut["more"] >= total - 2
    text = run("find", "sup", *EXAMPLES, "--limit", "2").stdout
    assert "more match(es) not shown" in text


def test_find_rejects_an_empty_item() -> None:
    assert run("find", "   ", *EXAMPLES).exit_code == 2


def test_answers_note_unreadable_files_on_stderr() -> None:
    result = run("find", "badges", "examples-broken")
    assert result.exit_code == 0
    assert "broken-facilities/badges" in result.stdout
    assert "problem(s) in the files" in result.stderr and "problem" not in result.stdout
