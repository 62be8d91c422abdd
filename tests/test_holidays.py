"""Calendars nobody has to retype (issue 16): public holidays, part days, night shifts, feeds."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from sla_lint.cli import cli
from sla_lint.closures.feed import parse_feed, read_feed, refusal
from sla_lint.closures.names import closed_days, describe_day, describe_week
from sla_lint.closures.public import package_version, public_holidays
from sla_lint.config import LintConfig
from sla_lint.engine import load_catalogue
from sla_lint.rules.timing import TimeModel
from sla_lint.timecalc import Calendar, deadline, parse_duration
from sla_lint.timecalc.calendars import PublicHolidays
from sla_lint.timecalc.timeline import covering, from_micros

ROOT = Path(__file__).resolve().parent.parent
SEMANTICS = ROOT / "docs" / "semantics.md"
LONDON = "Europe/London"
NIGHTS = (((1320, 1800),),) * 7  # 22:00-06:00 every night
_ROW = re.compile(r"^\| `([a-z-]+)` \| (.+?) \| (\S+) \| (.+?) \| .+ \|$", re.M)


def _calendars() -> dict[str, Calendar]:
    found: dict[str, Calendar] = {}
    for folder in ("part-days", "night-shift"):
        loaded = load_catalogue([str(ROOT / "docs/examples/semantics" / folder)], LintConfig())
        model = TimeModel(loaded.catalogue, 2026)
        for name in model.calendar_checks:
            built = model.calendar(name)
            assert built is not None, name
            found[name] = built
    return found


def _local(text: str, zone: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%a %d %b %Y %H:%M").replace(tzinfo=ZoneInfo(zone))


def _words(moment: dt.datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def test_the_worked_deadlines_of_the_semantics_page_are_the_engines() -> None:
    rows = _ROW.findall(SEMANTICS.read_text())
    assert len(rows) >= 10
    calendars = _calendars()
    for name, arrival, duration, due in rows:
        calendar = calendars[name]
        got = deadline(_local(arrival, calendar.timezone), parse_duration(duration), calendar)
        assert _words(got, calendar.timezone) == due, (name, arrival, duration)


# --- the engine ---------------------------------------------------------------------------


def _open_hours(calendar: Calendar, day: dt.date) -> float:
    tl = covering(calendar, day.year, day.year, 10)
    work = next(w for w in tl.days if w.date == day)
    return work.total / 3_600_000_000


def test_a_night_shift_over_the_clock_change_is_an_hour_shorter_or_longer() -> None:
    plant = Calendar("plant", LONDON, NIGHTS)
    assert _open_hours(plant, dt.date(2026, 3, 28)) == 7  # Saturday night, clocks forward
    assert _open_hours(plant, dt.date(2026, 10, 24)) == 9  # Saturday night, clocks back
    assert _open_hours(plant, dt.date(2026, 6, 13)) == 8
    sydney = Calendar("plant", "Australia/Sydney", NIGHTS)  # the other hemisphere
    assert _open_hours(sydney, dt.date(2026, 4, 4)) == 9  # clocks back on 5 April
    assert _open_hours(sydney, dt.date(2026, 10, 3)) == 7  # clocks forward on 4 October


def test_a_holiday_closes_only_the_shifts_that_start_on_it() -> None:
    friday = dt.date(2026, 12, 25)
    plant = Calendar("plant", LONDON, NIGHTS, frozenset({friday}))
    tl = covering(plant, 2026, 2026, 10)
    dates = {w.date for w in tl.days}
    assert friday not in dates and dt.date(2026, 12, 24) in dates
    thursday = next(w for w in tl.days if w.date == dt.date(2026, 12, 24))
    assert from_micros(thursday.ends[-1]) == dt.datetime(2026, 12, 25, 6, tzinfo=dt.timezone.utc)


def test_the_later_day_keeps_hours_a_night_shift_overlaps() -> None:
    week = (((1320, 1800),), ((300, 840),)) + ((),) * 5  # Monday's night runs into Tuesday's
    plant = Calendar("plant", "UTC", week)
    tl = covering(plant, 2026, 2026, 10)
    monday = next(w for w in tl.days if w.date == dt.date(2026, 6, 1))
    tuesday = next(w for w in tl.days if w.date == dt.date(2026, 6, 2))
    assert monday.total == 7 * 3_600_000_000  # 22:00-05:00
    assert from_micros(tuesday.starts[0]).hour == 5


def test_a_part_day_replaces_the_hours_even_on_a_public_holiday() -> None:
    eve, christmas = dt.date(2026, 12, 24), dt.date(2026, 12, 25)
    office = Calendar("office", LONDON, (((540, 1050),),) * 5 + ((), ()),
                      part_days=((eve, ((540, 780),)), (christmas, ((600, 660),))),
                      public=PublicHolidays("GB", "ENG"))
    assert _open_hours(office, eve) == 4
    assert _open_hours(office, christmas) == 1
    tl = covering(office, 2026, 2026, 10)
    assert dt.date(2026, 12, 28) not in {w.date for w in tl.days}  # Boxing Day, observed


def test_public_holidays_come_from_the_package() -> None:
    found = public_holidays("GB", "ENG", (2026,))
    assert found[dt.date(2026, 12, 25)] == "Christmas Day"
    assert dt.date(2026, 8, 31) in found  # the English summer bank holiday
    assert dt.date(2026, 8, 3) not in found  # the Scottish one
    assert dt.date(2026, 8, 3) in public_holidays("GB", "SCT", (2026,))
    assert public_holidays("DE", None, (2026,))[dt.date(2026, 10, 3)] == "German Unity Day"
    assert package_version()


# --- the words for the site -----------------------------------------------------------------


def test_closed_days_and_their_plain_words() -> None:
    office = Calendar("office", LONDON, (((540, 1050),),) * 5 + ((), ()),
                      frozenset({dt.date(2026, 12, 29), dt.date(2026, 12, 25)}),
                      ((dt.date(2026, 12, 24), ((540, 780),)),), PublicHolidays("GB", "ENG"))
    days = closed_days(office, 2026, 2026)
    words = [describe_day(day, office) for day in days if day.date.month == 12]
    assert words == [
        "open until 13:00 on Thu 24 Dec",
        "closed Fri 25 Dec (Christmas Day, public holiday in England)",
        "closed Sat 26 Dec (Boxing Day, public holiday in England)",
        "closed Mon 28 Dec (Boxing Day (observed), public holiday in England)",
        "closed Tue 29 Dec (holiday)",
    ]
    assert [d.source for d in days if d.date.month == 12] == [
        "part", "public", "public", "public", "listed"]
    assert closed_days(office, 2027, 2027)[0].name == "New Year's Day"


def test_the_week_in_plain_words() -> None:
    plant = Calendar("plant", LONDON, (((360, 840), (1320, 1800)),) * 5 + (((360, 840),), ()))
    assert describe_week(plant) == ["Mon-Sat 06:00-14:00", "night shift Mon-Fri 22:00-06:00"]


def test_feed_names_reach_the_words() -> None:
    office = Calendar("office", LONDON, (((540, 1050),),) * 5 + ((), ()),
                      frozenset({dt.date(2026, 12, 31)}))
    days = closed_days(office, 2026, 2026, {dt.date(2026, 12, 31): "Year-end shutdown"})
    assert describe_day(days[0]) == "closed Thu 31 Dec (Year-end shutdown, from the holiday feed)"


# --- the iCalendar feed -------------------------------------------------------------------

FEED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Acme HR//EN\r
BEGIN:VEVENT\r
SUMMARY:Christmas\r
  shutdown\r
DTSTART;VALUE=DATE:20261224\r
DTEND;VALUE=DATE:20261227\r
END:VEVENT\r
BEGIN:VEVENT\r
SUMMARY:Founders day\r
DTSTART;VALUE=DATE:20270301\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_feed_closes_the_dates_of_its_all_day_events() -> None:
    feed = parse_feed(FEED)
    assert not feed.problems
    assert feed.days == (
        (dt.date(2026, 12, 24), "Christmas shutdown"),
        (dt.date(2026, 12, 25), "Christmas shutdown"),
        (dt.date(2026, 12, 26), "Christmas shutdown"),
        (dt.date(2027, 3, 1), "Founders day"),
    )


@pytest.mark.parametrize(("text", "line", "why"), [
    (FEED.replace("DTEND;VALUE=DATE:20261227", "DTEND;VALUE=DATE:2026-12-27"), 8, "DTEND"),
    (FEED.replace("DTSTART;VALUE=DATE:20270301", "DTSTART:20270301T090000Z"), 12,
     "time of day"),
    (FEED.replace("END:VEVENT\r\nEND:VCALENDAR", "END:VCALENDAR"), 13,
     "does not close BEGIN:VEVENT of line 10"),
    (FEED.replace("END:VEVENT\r\nEND:VCALENDAR\r\n", ""), 10, "VEVENT of line 10 is never"),
    (FEED.replace("VERSION:2.0", "just words"), 2, "this line is not an iCalendar line"),
    (FEED.replace("DTSTART;VALUE=DATE:20270301",
                  "DTSTART;VALUE=DATE:20270301\r\nRRULE:FREQ=YEARLY"), 13, "repeats"),
    ("", 1, "BEGIN:VCALENDAR"),
])
def test_a_bad_feed_is_reported_at_its_line(text: str, line: int, why: str) -> None:
    problems = parse_feed(text).problems
    assert problems and problems[0].line == line and why in problems[0].message


@pytest.mark.parametrize("written", ["/etc/passwd.ics", "C:\\hr\\x.ics", "../hr/x.txt"])
def test_a_feed_outside_the_rules_is_not_read(written: str) -> None:
    assert refusal(written) is not None


def test_an_unreadable_feed_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    assert refusal("../hr/closures.ics") is None
    (tmp_path / "folder.ics").mkdir()
    assert "not a regular file" in read_feed(tmp_path / "folder.ics").problems[0].message
    (tmp_path / "binary.ics").write_bytes(b"BEGIN:VCALENDAR\n\xff\xfe\n")
    assert "not UTF-8" in read_feed(tmp_path / "binary.ics").problems[0].message
    assert read_feed(tmp_path / "missing.ics").problems[0].line == 0


# --- the holidays package is imported only when a calendar asks -------------------------------

_IMPORTS = ("import sys\nfrom sla_lint.cli import cli\ntry:\n    cli(['check', {path!r}])\n"
            "finally:\n    print('holidays' in sys.modules, 'icalendar' in sys.modules,"
            " file=sys.stderr)")


@pytest.mark.parametrize(("folder", "loaded"), [
    ("docs/examples/semantics/daylight-saving", "False False"),
    ("docs/examples/semantics/part-days", "True False"),
    ("tests/fixtures/4xx/SLA436-invalid-holiday-feed-good", "False True"),
])
def test_holiday_libraries_are_imported_only_when_asked(folder: str, loaded: str) -> None:
    code = _IMPORTS.format(path=str(ROOT / folder))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.stderr.strip().splitlines()[-1] == loaded


def test_sarif_names_the_holidays_release_only_when_used() -> None:
    runner = CliRunner()
    used = runner.invoke(cli, ["check", "--format", "sarif",
                               str(ROOT / "docs/examples/semantics/part-days")])
    tool = json.loads(used.stdout)["runs"][0]["tool"]
    assert tool["extensions"] == [{"name": "holidays", "version": package_version(),
                                   "informationUri": "https://github.com/vacanza/holidays"}]
    unused = runner.invoke(cli, ["check", "--format", "sarif",
                                 str(ROOT / "docs/examples/semantics/daylight-saving")])
    assert "extensions" not in json.loads(unused.stdout)["runs"][0]["tool"]
