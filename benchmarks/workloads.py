"""The benchmark's other repo shapes: the ones the first generator never produced.

:mod:`benchmarks.generate` writes the *benchmark* shape (six offices, tiers, a clean repo).
Real repos have other shapes that stress other parts of sla-lint; each is a workload here,
written by :func:`build` with the same determinism (same arguments, same bytes):

* ``three-zones``: offices in London, New York and Singapore (Mon-Fri 09:00-17:30,
  holidays in 2026 and 2027); consumers promise business hours on providers' business
  hours in other zones (a consumer's 8bh on a provider's 4bh), which the cheap bounds
  cannot settle: thousands of SLA408 errors and SLA409 warnings, from a handful of
  distinct comparisons.
* ``multinational``: two dozen offices on both sides of UTC (half-hour and 45-minute
  offsets, southern-hemisphere and half-hour daylight saving, split days, Saturdays,
  Sunday-to-Thursday weeks, 7-day desks), providers clearly faster than their consumers,
  targets drawn from a dozen durations in every unit: thousands of distinct
  (calendar pair, duration pair) questions for the exact engine.
* ``deep-chains``: one calendar and elapsed targets (the time engine has little to do),
  but dependency chains 40 departments deep, scope lists of 40 to 60 items with many
  redirected exclusions, and long customer lists: the graph, scope and reference rules.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PRIORITIES = ("P1", "P2", "P3", "P4")
Hours = tuple[tuple[str, ...], ...]


@dataclass
class Team:
    """A generated service of one of these workloads, before it is written."""

    dept: int
    name: str
    calendar: str
    targets: tuple[tuple[str, str], ...]  # (response, resolution) for P1..P4
    includes: list[str]
    tier: int = 0
    depends: list[tuple[Team, str]] = field(default_factory=list)  # provider, item
    excludes: list[tuple[str, Team]] = field(default_factory=list)
    customers: list[str] = field(default_factory=lambda: ["*"])


def _dept_name(index: int) -> str:
    return f"team-{index:04d}"


def _ref(team: Team) -> str:
    return f"{_dept_name(team.dept)}/{team.name}"


def _q(text: str) -> str:
    return f'"{text}"' if text[:1].isdigit() or text == "*" else text


def calendar_yaml(name: str, zone: str, hours: Hours, holidays: tuple[str, ...]) -> str:
    """A Calendar document: ``hours`` per weekday mon..sun (an empty tuple: closed)."""
    lines = ["apiVersion: sla-lint/v1", "kind: Calendar", "metadata:", f"  name: {name}",
             "spec:", f"  timezone: {zone}", "  hours:"]
    for day, spans in zip(WEEK, hours, strict=True):
        if spans:
            quoted = ", ".join(f'"{span}"' for span in spans)
            lines.append(f"    {day}: [{quoted}]")
    if holidays:
        lines.append("  holidays:")
        lines += [f"    - {day}" for day in holidays]
    return "\n".join(lines) + "\n"


def _service_yaml(team: Team) -> list[str]:
    lines = [f"    # {team.name}: {team.includes[0]} and related work.",
             f"    - name: {team.name}",
             f"      customers: [{', '.join(_q(c) for c in team.customers)}]",
             "      scope:",
             f"        includes: [{', '.join(team.includes)}]"]
    if team.excludes:
        lines.append("        excludes:")
        for item, target in team.excludes:
            lines += [f"          - item: {item}", f"            redirect: {_ref(target)}"]
    lines.append("      targets:")
    for priority, (response, resolution) in zip(PRIORITIES, team.targets, strict=True):
        lines.append(f"        {priority}: {{response: {response}, resolution: {resolution}}}")
    if team.depends:
        lines.append("      depends_on:")
    for provider, item in team.depends:
        lines += [f"        - service: {_ref(provider)}", f"          for: [{item}]"]
    return lines


def department_yaml(teams: list[Team]) -> str:
    """A Department document holding ``teams`` (all of one department)."""
    name = _dept_name(teams[0].dept)
    lines = ["apiVersion: sla-lint/v1", "kind: Department", "metadata:", f"  name: {name}",
             f'  owner: "@corp/{name}"', "spec:", f'  lead: "Lead <{name}@corp.example>"',
             f"  calendar: {_q(teams[0].calendar)}", "  services:"]
    for team in teams:
        lines += _service_yaml(team)
    return "\n".join(lines) + "\n"


def policy_yaml(extra: str) -> str:
    """A Policy document with the usual ladder and ``extra`` lines under ``spec``."""
    return ("apiVersion: sla-lint/v1\nkind: Policy\nmetadata:\n  name: corp\nspec:\n"
            f"  priorities: [P1, P2, P3, P4]\n{extra}")


def _items(dept: int, index: int, count: int) -> list[str]:
    return [f"item-{dept}-{index}-{k}" for k in range(count)]


def _files(policy: str, calendars: dict[str, str], teams: list[list[Team]]) -> dict[str, str]:
    files = {"policy.yaml": policy}
    for name, text in calendars.items():
        files[f"calendars/{name}.yaml"] = text
    for dept in teams:
        files[f"departments/{_dept_name(dept[0].dept)}.yaml"] = department_yaml(dept)
    return files


# --- three-zones -----------------------------------------------------------------------

_OFFICE: Hours = (("09:00-17:30",),) * 5 + ((), ())
THREE_ZONES = (
    ("london", "Europe/London",
     ("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
      "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
      "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28")),
    ("new-york", "America/New_York",
     ("2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-07-03", "2026-09-07",
      "2026-11-26", "2026-12-25", "2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31",
      "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24")),
    ("singapore", "Asia/Singapore",
     ("2026-01-01", "2026-02-17", "2026-02-18", "2026-04-03", "2026-05-01", "2026-08-10",
      "2026-12-25", "2027-01-01", "2027-02-08", "2027-02-09", "2027-03-26", "2027-05-01",
      "2027-08-09", "2027-12-25")),
)
# A consumer's P2 8bh on a provider's 4bh is broken across any two of the zones, its P3 3bd
# on 4bh leaves too little slack for four of the six zone pairs, P1 and P4 hold.
FAST = (("30m", "1h"), ("1bh", "4bh"), ("2bh", "4bh"), ("4bh", "5bd"))
SLOW = (("1bh", "4bh"), ("2bh", "8bh"), ("4bh", "3bd"), ("1bd", "10bd"))


def three_zones(services: int, seed: int) -> dict[str, str]:
    """Consumers' business hours on providers' business hours in other time zones."""
    rng = random.Random(seed)
    count = max(2, -(-services // 10))
    depts = []
    for d in range(count):
        zone = d % len(THREE_ZONES)
        targets = FAST if d % 2 == 0 else SLOW
        depts.append([Team(d, f"svc-{k}", THREE_ZONES[zone][0], targets, _items(d, k, 3),
                           tier=d % 2) for k in range(10)])
    providers = [t for dept in depts for t in dept if t.tier == 0]
    for dept in depts[1::2]:
        for team in dept:
            for _ in range(rng.randrange(3)):  # 0-2 tries, other zones only: 2/3 on average
                cand = providers[rng.randrange(len(providers))]
                if cand.calendar != team.calendar and all(cand is not p for p, _ in team.depends):
                    team.depends.append((cand, cand.includes[0]))
    calendars = {name: calendar_yaml(name, zone, _OFFICE, holidays)
                 for name, zone, holidays in THREE_ZONES}
    return _files(policy_yaml("  default_calendar: london\n  min_slack: 10%\n"),
                  calendars, depts)


# --- multinational ---------------------------------------------------------------------

def _days(weekdays: str, *spans: str) -> Hours:
    """Hours for the weekdays named by ``weekdays`` (``mon-fri``, ``sun-thu``, ``all``)."""
    picks = {"mon-fri": range(5), "mon-sat": range(6), "all": range(7),
             "sun-thu": (6, 0, 1, 2, 3), "sat-wed": (5, 6, 0, 1, 2)}[weekdays]
    return tuple(spans if i in picks else () for i in range(7))


def _with_saturday(hours: Hours, *spans: str) -> Hours:
    return (*hours[:5], spans, *hours[6:])


OFFICES: tuple[tuple[str, str, Hours], ...] = (
    ("london", "Europe/London", _days("mon-fri", "09:00-17:30")),
    ("dublin-desk", "Europe/Dublin", _days("all", "08:00-20:00")),
    ("berlin", "Europe/Berlin", _days("mon-fri", "08:00-12:00", "12:30-16:30")),
    ("moscow", "Europe/Moscow", _days("mon-fri", "09:00-18:00")),
    ("lagos", "Africa/Lagos", _days("mon-fri", "08:00-16:00")),
    ("johannesburg", "Africa/Johannesburg", _days("mon-fri", "08:00-16:30")),
    ("tehran", "Asia/Tehran", _days("sat-wed", "08:00-16:00")),
    ("dubai", "Asia/Dubai", _days("mon-fri", "08:00-15:00")),
    ("kolkata", "Asia/Kolkata", _with_saturday(_days("mon-fri", "09:30-18:00"), "10:00-14:00")),
    ("kathmandu", "Asia/Kathmandu", _days("sun-thu", "10:00-17:00")),
    ("singapore", "Asia/Singapore", _days("mon-fri", "09:00-18:00")),
    ("manila-desk", "Asia/Manila", _days("all", "06:00-22:00")),
    ("tokyo", "Asia/Tokyo", _days("mon-fri", "09:00-12:00", "13:00-18:00")),
    ("adelaide", "Australia/Adelaide", _days("mon-fri", "08:30-17:00")),
    ("sydney", "Australia/Sydney", _with_saturday(_days("mon-fri", "08:30-17:00"),
                                                  "09:00-12:00")),
    ("lord-howe", "Australia/Lord_Howe", _days("mon-fri", "09:00-15:00")),
    ("auckland", "Pacific/Auckland", _days("mon-fri", "08:30-17:00")),
    ("honolulu", "Pacific/Honolulu", _days("mon-fri", "07:00-15:30")),
    ("los-angeles", "America/Los_Angeles", _days("mon-fri", "08:00-17:00")),
    ("mexico-city", "America/Mexico_City", _days("mon-fri", "09:00-14:00", "16:00-19:00")),
    ("new-york", "America/New_York", _days("mon-fri", "08:30-17:00")),
    ("santiago", "America/Santiago", _days("mon-fri", "09:00-18:00")),
    ("sao-paulo", "America/Sao_Paulo", _days("mon-fri", "09:00-12:00", "13:00-18:00")),
    ("st-johns", "America/St_Johns", _with_saturday(_days("mon-fri", "08:30-16:30"),
                                                    "09:00-13:00")),
)
# Per tier and unit, the resolutions a team may promise (a dozen per tier, every unit, in
# several spellings). A team writes its four priorities in one unit, never faster for a
# lower priority; each tier's quickest is clearly slower than the tier below's slowest.
TIER_DURATIONS: tuple[dict[str, tuple[str, ...]], ...] = (
    {"elapsed": ("1h", "2h", "PT3H", "4 hours", "6h", "8h"),
     "bh": ("1bh", "2bh", "3bh", "4 business hours", "6bh"), "bd": ("1bd", "2bd")},
    {"elapsed": ("1w", "8d", "P10D", "2 weeks"),
     "bh": ("60bh", "70bh", "80 business hours", "100bh"), "bd": ("5bd", "6bd", "8bd", "10bd")},
    {"elapsed": ("4w", "5 weeks", "P40D", "6w"),
     "bh": ("150bh", "180bh", "200bh", "240bh"),
     "bd": ("20bd", "25 business days", "30bd", "35bd")},
)
RESPONSES = ("15m", "30m", "PT45M", "1h")  # fastest first


def _ladder(rng: random.Random, tier: int) -> tuple[tuple[str, str], ...]:
    options = TIER_DURATIONS[tier]
    unit = ("elapsed", "bh", "bd")[rng.randrange(3)]
    values = options[unit]
    picks = sorted(rng.randrange(len(values)) for _ in PRIORITIES)
    answers = sorted(rng.randrange(len(RESPONSES)) for _ in PRIORITIES)
    return tuple((RESPONSES[r], values[i]) for r, i in zip(answers, picks, strict=True))


def _holidays(rng: random.Random) -> tuple[str, ...]:
    """New Year's Day, Christmas and half a dozen other weekdays of 2027."""
    days = {"2027-01-01", "2027-12-24"}
    while len(days) < 8:
        month, day = rng.randint(2, 11), rng.randint(1, 28)
        days.add(f"2027-{month:02d}-{day:02d}")
    return tuple(sorted(days))


def multinational(services: int, seed: int) -> dict[str, str]:
    """Two dozen offices worldwide, clearly faster providers, every unit of duration."""
    rng = random.Random(seed)
    count = max(3, -(-services // 10))
    depts: list[list[Team]] = []
    by_tier: list[list[Team]] = [[] for _ in TIER_DURATIONS]
    for d in range(count):
        tier = d % len(TIER_DURATIONS)
        office = OFFICES[rng.randrange(len(OFFICES))][0]
        teams = [Team(d, f"svc-{k}", office, _ladder(rng, tier), _items(d, k, 3), tier=tier)
                 for k in range(10)]
        depts.append(teams)
        by_tier[tier] += teams
    for team in (t for dept in depts for t in dept if t.tier):
        below = by_tier[team.tier - 1]
        for _ in range(rng.randrange(4)):
            cand = below[rng.randrange(len(below))]
            if all(cand is not p for p, _ in team.depends):
                team.depends.append((cand, cand.includes[rng.randrange(3)]))
    calendars = {name: calendar_yaml(name, zone, hours, _holidays(rng))
                 for name, zone, hours in OFFICES}
    return _files(policy_yaml("  default_calendar: london\n  min_slack: 10%\n"
                              "  horizon: 2027\n"), calendars, depts)


# --- deep-chains -----------------------------------------------------------------------

CHAIN = 40  # departments per chain: dependency paths about this deep


def deep_chains(services: int, seed: int) -> dict[str, str]:
    """Deep dependency chains, long scope lists, many exclusions and customers."""
    rng = random.Random(seed)
    count = max(2, -(-services // 10))
    names = [_dept_name(d) for d in range(count)]
    depts = []
    for d in range(count):
        depth = d % CHAIN
        # each level 1.2 times the one below: 12h at the bottom, 33 weeks 40 levels up
        targets = tuple((f"{1 + p}h", f"{round(12 * (p + 1) * 1.2 ** depth)}h")
                        for p in range(4))
        depts.append([Team(d, f"svc-{k}", "office", targets,
                           _items(d, k, rng.randint(40, 60)), tier=depth) for k in range(10)])
    for d, dept in enumerate(depts):
        for team in dept:
            if team.tier:
                for _ in range(rng.randint(1, 2)):
                    back = d - 1 - rng.randrange(min(team.tier, 3))
                    cand = depts[back][rng.randrange(10)]
                    if all(cand is not p for p, _ in team.depends):
                        team.depends.append((cand, cand.includes[rng.randrange(40)]))
            for _ in range(rng.randint(4, 12)):
                other = depts[rng.randrange(count)][rng.randrange(10)]
                if other.dept != d and all(other.includes[1] != i for i, _ in team.excludes):
                    team.excludes.append((other.includes[1], other))
    askers: dict[int, set[str]] = {}
    for team in (t for dept in depts for t in dept):
        for provider, _ in team.depends:
            askers.setdefault(id(provider), set()).add(_dept_name(team.dept))
    for team in (t for dept in depts for t in dept):
        team.customers = sorted({*rng.sample(names, min(count, 60)),
                                 *askers.get(id(team), ())})
    calendars = {"office": calendar_yaml("office", "Europe/Paris", _days("mon-fri",
                                                                        "09:00-18:00"), ())}
    return _files(policy_yaml(f"  default_calendar: office\n  min_slack: 10%\n"
                              f"  max_dependency_depth: {CHAIN + 5}\n  horizon: 2027\n"),
                  calendars, depts)


WORKLOADS: dict[str, Callable[[int, int], dict[str, str]]] = {
    "three-zones": three_zones,
    "multinational": multinational,
    "deep-chains": deep_chains,
}
