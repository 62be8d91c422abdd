"""Hypothesis strategies for calendars, durations and arrivals (tests only)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from sla_lint.timecalc import Calendar, Duration, parse_duration

ZONES = (
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "UTC",
    "Australia/Lord_Howe",  # daylight saving of 30 minutes
)

# Days around which the zones change their clocks in 2026, plus ordinary ones.
INTERESTING_DAYS = (
    dt.date(2026, 3, 8),  # New York springs forward
    dt.date(2026, 3, 29),  # London springs forward
    dt.date(2026, 4, 5),  # Sydney and Lord Howe fall back
    dt.date(2026, 10, 4),  # Sydney and Lord Howe spring forward
    dt.date(2026, 10, 25),  # London falls back
    dt.date(2026, 11, 1),  # New York falls back
    dt.date(2026, 6, 15),
    dt.date(2026, 12, 24),
)

UTC = dt.timezone.utc


@st.composite
def day_spans(draw: st.DrawFn, step: int = 30) -> tuple[tuple[int, int], ...]:
    """0-3 sorted spans on a 30-minute grid (sometimes any minute), adjacent ones included."""
    count = draw(st.integers(0, 3))
    grid = st.integers(0, 1440 // step).map(lambda k: k * step)
    points = sorted(
        draw(st.lists(grid | st.integers(0, 1440), min_size=2 * count, max_size=2 * count))
    )
    spans: list[tuple[int, int]] = []
    for i in range(count):
        start, end = points[2 * i], points[2 * i + 1]
        if start < end and (not spans or spans[-1][1] <= start):
            spans.append((start, end))
    return tuple(spans)


PRESET_DAYS: tuple[tuple[tuple[int, int], ...], ...] = (
    ((540, 1050),),  # 09:00-17:30
    ((540, 780), (840, 1020)),  # lunch break
    ((540, 780),),  # short Friday
    ((0, 360), (1320, 1440)),  # night shift pieces
    ((0, 1440),),  # all day
    ((360, 840), (840, 1320)),  # adjacent shifts
    ((60, 180),),  # across the daylight-saving hours
    ((90, 150), (150, 210), (600, 615)),
)

any_day = st.one_of(st.sampled_from(PRESET_DAYS), day_spans(), st.just(()))


@st.composite
def random_calendars(draw: st.DrawFn, zone: str | None = None, min_open_days: int = 2) -> Calendar:
    """A random calendar with at least ``min_open_days`` days having some open hours."""
    week = list(draw(st.lists(any_day, min_size=7, max_size=7)))
    open_days = [i for i, spans in enumerate(week) if spans]
    for i in draw(st.permutations(range(7)))[: max(0, min_open_days - len(open_days))]:
        week[i] = week[i] or ((540, 1020),)
    name = zone or draw(st.sampled_from(ZONES))
    holidays = draw(st.frozensets(st.sampled_from(_near_days()), max_size=4))
    return Calendar("random", name, tuple(week), holidays)


@st.composite
def office_calendars(draw: st.DrawFn, zone: str | None = None) -> Calendar:
    """Monday to Thursday alike, a Friday of its own, sometimes a Saturday, Sunday closed."""
    usual = draw(st.sampled_from(PRESET_DAYS[:3]) | day_spans(step=60).filter(bool))
    friday = draw(st.sampled_from(PRESET_DAYS[:3]) | st.just(usual))
    saturday = draw(st.just(()) | st.sampled_from(PRESET_DAYS))
    week = (usual, usual, usual, usual, friday, saturday, ())
    name = zone or draw(st.sampled_from(ZONES))
    holidays = draw(st.frozensets(st.sampled_from(_near_days()), max_size=3))
    return Calendar("office", name, week, holidays)


NIGHT_SHIFTS = (
    (1320, 1800),  # 22:00-06:00
    (1380, 1500),  # 23:00-01:00
    (1200, 1860),  # 20:00-07:00
    (1410, 1530),  # 23:30-01:30: over the night the clocks change at 01:00 UTC
    (60, 1440 + 30),  # 01:00-00:30, almost a whole day
)


@st.composite
def night_day(draw: st.DrawFn) -> tuple[tuple[int, int], ...]:
    """A day's spans ending with one that runs past midnight (sometimes alone)."""
    night = draw(st.sampled_from(NIGHT_SHIFTS) | st.tuples(
        st.integers(0, 1439), st.integers(1, 1439)).map(lambda p: (p[0], p[0] + p[1])))
    before = [s for s in draw(any_day) if s[1] <= night[0]]
    return (*before, night)


@st.composite
def night_calendars(draw: st.DrawFn, zone: str | None = None) -> Calendar:
    """Calendars with night shifts (overlapping the next day's first span or not) and part
    days (themselves sometimes running past midnight), near the clock changes."""
    week = list(draw(st.lists(any_day | night_day(), min_size=7, max_size=7)))
    if not any(week):
        week[draw(st.integers(0, 6))] = ((1320, 1800),)
    name = zone or draw(st.sampled_from(ZONES))
    holidays = draw(st.frozensets(st.sampled_from(_near_days()), max_size=3))
    parts = draw(st.dictionaries(st.sampled_from(_near_days()), any_day | night_day(),
                                 max_size=3))
    return Calendar("night", name, tuple(week), holidays, tuple(parts.items()))


def calendars(zone: str | None = None) -> st.SearchStrategy[Calendar]:
    """Office-like and random calendars, every one open some time."""
    return office_calendars(zone) | random_calendars(zone)


def _near_days() -> list[dt.date]:
    return [day + dt.timedelta(days=k) for day in INTERESTING_DAYS for k in range(-4, 6)]


@st.composite
def arrivals(draw: st.DrawFn, *, whole_minutes: bool = False) -> int:
    """Microseconds since the epoch, near the interesting days."""
    day = draw(st.sampled_from(INTERESTING_DAYS))
    base = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    minutes = draw(st.integers(-3 * 1440, 3 * 1440))
    micros = 0 if whole_minutes else draw(st.sampled_from([0, 0, 1, 999_999, 30_000_000]))
    return _micros(base) + minutes * 60_000_000 + micros


def _micros(moment: dt.datetime) -> int:
    return (moment - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(microseconds=1)


def _decimal(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


@st.composite
def durations(draw: st.DrawFn, *, whole_minutes: bool = False) -> Duration:
    """A random duration of any unit; ``whole_minutes`` keeps breakpoints on minutes."""
    kind = draw(st.sampled_from(["elapsed", "iso", "bh", "bh", "bd", "bd", "bd"]))
    if kind == "elapsed":
        return parse_duration(f"{draw(st.integers(1, 4 * 1440))}m")
    if kind == "iso":
        return parse_duration(f"PT{draw(st.integers(1, 72))}H{draw(st.integers(0, 59))}M")
    if kind == "bh":
        if whole_minutes:
            return parse_duration(_decimal(draw(st.integers(1, 64)) / 4) + "bh")
        hours = draw(st.sampled_from(["0.25", "1", "1.5", "2.000001", "3.75", "8", "12.5", "20"]))
        return parse_duration(hours + "bh")
    days = draw(st.integers(0 if not whole_minutes else 1, 3))
    if whole_minutes:
        return parse_duration(f"{days}bd")
    frac = draw(st.sampled_from(["", "", "", ".5", ".25", ".333333", ".000001"]))
    if days == 0 and not frac:
        days = 1
    return parse_duration(f"{days}{frac}bd")
