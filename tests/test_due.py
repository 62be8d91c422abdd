"""`sla-lint due`: the binding JSON, the text form, and exit 2 for what cannot be answered."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_lint.cli import cli
from sla_lint.due import DueError, read_time

EXAMPLES = str(Path(__file__).resolve().parents[1] / "examples")
LAPTOPS = "it-service-desk/laptop-provisioning"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["due", *args, EXAMPLES])
    return result.exit_code, result.stdout, result.stderr


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_json_has_the_binding_keys_and_instants() -> None:
    code, out, _ = run(LAPTOPS, "P2", "--at", "2027-12-24T16:00:00+00:00", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["service"] == LAPTOPS and data["priority"] == "P2"
    assert data["calendar"] == "london-office" and data["timezone"] == "Europe/London"
    assert instant(data["arrival"]) == instant("2027-12-24T16:00:00+00:00")
    # Friday 24 Dec 16:00: Christmas Eve is open only until 13:00, and 27 and 28 Dec are
    # the Christmas and Boxing Day bank holidays (moved from the weekend): 4 hours from
    # Wednesday 29 Dec 09:00
    assert instant(data["response"]) == instant("2027-12-29T13:00:00+00:00")
    # 5bd from that opening: 30, 31 Dec, then 3 Jan 2028 is New Year's bank holiday
    # (moved from Saturday): 4, 5, 6 Jan, at the day's opening
    assert instant(data["resolution"]) == instant("2028-01-06T09:00:00+00:00")


def test_offsets_and_z_are_the_same_instant() -> None:
    _, a, _ = run(LAPTOPS, "P1", "--at", "2027-02-12T16:00Z", "--format", "json")
    _, b, _ = run(LAPTOPS, "P1", "--at", "2027-02-12T21:30:00+05:30", "--format", "json")
    first, second = json.loads(a), json.loads(b)
    assert instant(first["resolution"]) == instant(second["resolution"])
    assert instant(first["response"]) == instant("2027-02-12T17:00:00+00:00")


def test_no_promise_is_null() -> None:
    code, out, _ = run("it-service-desk/accounts-and-access", "P3", "--at",
                       "2027-02-12T16:00Z", "--format", "json")
    assert code == 0 and json.loads(out)["response"] is not None


def test_text_form_uses_the_sites_words() -> None:
    code, out, _ = run(LAPTOPS, "P2", "--at", "2027-12-24T16:00:00+00:00")
    assert code == 0
    assert "raised Fri 24 Dec 2027 16:00 London time" in out
    assert "first answer by Wed 29 Dec 2027 13:00 London time   (within 4 business hours)" in out
    assert "resolved by Thu 6 Jan 2028 09:00 London time   (within 5 business days)" in out
    assert ("counted on Mon-Thu 09:00-17:30, Fri 09:00-13:00 and 14:00-17:00 London time;"
            " closed on public holidays in England;"
            " open until 13:00 on Fri 24 Dec 2027") in out
    # the closures between the arrival and the last deadline, by name
    england = "public holiday in England"
    assert out.endswith("closed or short days on the way:\n"
                        "  open until 13:00 on Fri 24 Dec\n"
                        f"  closed Mon 27 Dec (Christmas Day (observed), {england})\n"
                        f"  closed Tue 28 Dec (Boxing Day (observed), {england})\n"
                        f"  closed Mon 3 Jan (New Year's Day (observed), {england})\n")
    assert "Work is badly slowed" in out


@pytest.mark.parametrize(("args", "said"), [
    (("it-service-desk/laptop", "P1", "--at", "2027-01-01T00:00Z"),
     "department 'it-service-desk' has: it-service-desk/accounts-and-access"),
    (("nowhere/x", "P1", "--at", "2027-01-01T00:00Z"), "known services are:"),
    ((LAPTOPS, "P9", "--at", "2027-01-01T00:00Z"), "its priorities: P1, P2, P3, P4"),
    ((LAPTOPS, "P1", "--at", "2027-01-01T09:00"), "with its UTC offset"),
    ((LAPTOPS, "P1", "--at", "tomorrow"), "cannot read the time 'tomorrow'"),
    ((LAPTOPS, "P1", "--at", "2027-02-30T09:00Z"), "cannot read the time"),
])
def test_what_cannot_be_answered_exits_2(args: tuple[str, ...], said: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert said in err and "Traceback" not in err


def test_read_time_refuses_naive_moments() -> None:
    assert read_time("2026-12-24T16:00:00+00:00").utcoffset() == dt.timedelta(0)
    with pytest.raises(DueError):
        read_time("2026-12-24 16:00")


def test_docs_show_the_real_output_and_cover_both_commands(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import shlex

    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    cli_md = (root / "docs" / "cli.md").read_text()
    (command, shown), = re.findall(
        r"<!-- command: sla-lint (due .*?) -->\n```\w*\n(.*?)```\n", cli_md, re.S)
    assert shown == CliRunner().invoke(cli, shlex.split(command)).stdout
    readme = (root / "README.md").read_text()
    for command in ("due", "site"):
        assert f"## `sla-lint {command}" in cli_md and f"`sla-lint {command}" in readme
