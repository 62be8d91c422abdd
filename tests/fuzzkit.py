"""Hypothesis strategies for whole policy repos, valid and broken, and what every run must do.

A repo is a mapping ``relative path -> bytes``. :func:`policy_docs` builds the documents of
a valid repo (departments, calendars and a policy referring to each other);
:func:`mutated_docs` breaks them as a careless or hostile author would (keys deleted, types
swapped, random text in durations and times, unknown references, cycles, odd calendars);
:func:`repos` serialises them and may damage the bytes (truncation, random bytes, YAML
syntax). :func:`check_invariants` states what every run must satisfy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from sla_lint.diagnostics import Location
from sla_lint.engine import LintResult
from sla_lint.reporters.json import JsonReporter

# SLA_LINT_FUZZ_EXAMPLES=N: about N examples in all, shared among the fuzz tests (default: a
# short run for CI)
_EXAMPLES = int(os.environ.get("SLA_LINT_FUZZ_EXAMPLES", "0") or 0)


def examples(default: int, share: float = 1.0) -> int:
    """How many examples a test runs: ``default``, or its ``share`` of SLA_LINT_FUZZ_EXAMPLES."""
    return max(1, int(_EXAMPLES * share)) if _EXAMPLES else default


YEAR = 2027
DEPARTMENTS = ("it", "hr", "finance", "legal", "plant-ops")
SERVICES = ("access", "laptops", "payroll", "hiring", "orders", "repairs")
ITEMS = ("laptops", "Laptops", "monitors", "user accounts", "user  accounts", "payslips",
         "contracts", "badges", "forklift repairs")
ZONES = ("UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
         "Pacific/Chatham", "America/St_Johns", "Europe/Dublin", "Asia/Kathmandu")
LADDERS = (("P1", "P2", "P3", "P4"), ("P1", "P2"), ("urgent", "normal", "low"), ("P1",))
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHANNELS = ("ticket", "chat", "email", "phone")
# hostile text for titles and other free strings: quotes, markup, workflow commands, escapes
NASTY = ("O'Brien \"quoted\"", "a\nb", "100% %0A", "::error::x", "--> ]]> <b>&amp;</b>",
         "`tick` | pipe", "\x1b[31mred\x1b[0m", "\u202eevil", "tab\there", "#not-a-comment",
         "{{x}}", "&anchor *alias")

Doc = dict[str, Any]


# --- values -----------------------------------------------------------------------------

numbers = st.one_of(
    st.integers(1, 12).map(str),
    st.tuples(st.integers(0, 9), st.integers(1, 99)).map(lambda t: f"{t[0]}.{t[1]}"),
)
_COMPACT = ("m", "h", "d", "w", "bh", "bd")
_LONG = ("minutes", "minute", "hours", "hour", "days", "day", "weeks", "week",
         "business hours", "business  hour", "business days", "Business Day")
durations = st.one_of(
    st.tuples(numbers, st.sampled_from(_COMPACT)).map("".join),
    st.tuples(numbers, st.sampled_from(_LONG)).map(lambda t: f"{t[0]} {t[1]}"),
    st.sampled_from(("PT4H", "PT30M", "PT1H30M", "P2D", "P1W", "P1DT12H", "pt2h", "PT1,5H",
                     "PT90S", " 4h ")),
)
bad_durations = st.one_of(
    st.text(max_size=12),
    st.sampled_from(("4 bh", "-2h", "0h", "0.0000001h", "P1Y", "PT", "P", "4hours", "1e3h",
                     "3661d", "99999bd", "1:30", "NaNh", "infh", "٣h", "4h\n", "PT1H2")),
)
_TIMES = st.integers(0, 96).map(lambda q: f"{q * 15 // 60:02d}:{q * 15 % 60:02d}")
bad_spans = st.one_of(
    st.text(max_size=12),
    st.sampled_from(("9-17", "09:00-24:01", "24:00-24:00", "17:00-09:00", "25:00-26:00",
                     "09:00 - 17:00", "0900-1700", "09:60-10:00", "00:00-00:00")),
    st.tuples(_TIMES, _TIMES).map("-".join),
)
holidays = st.dates(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)).map(dt.date.isoformat)
bad_holidays = st.one_of(
    st.sampled_from(("0001-01-01", "1969-12-31", "2201-01-01", "9999-12-31", "2027-02-30",
                     "20271225", "2027-W52-5", "2027-12-25T10:00", "2027-1-5", "")),
    st.text(max_size=12),
)
free_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=15))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**20), st.floats(),
                    st.text(max_size=8), free_text)
odd_values = st.one_of(scalars, st.lists(scalars, max_size=3),
                       st.dictionaries(st.text(max_size=5), scalars, max_size=3))


# --- a valid repo -----------------------------------------------------------------------


@st.composite
def day_spans(draw: st.DrawFn) -> list[str]:
    """0-2 sorted, non-overlapping ``HH:MM-HH:MM`` spans (``24:00`` as an end)."""
    count = draw(st.integers(0, 2))
    points = sorted(draw(st.sets(st.integers(0, 96), min_size=2 * count, max_size=2 * count)))
    return [f"{_clock(points[2 * i])}-{_clock(points[2 * i + 1])}" for i in range(count)]


def _clock(quarter: int) -> str:
    return f"{quarter * 15 // 60:02d}:{quarter * 15 % 60:02d}"


def envelope(kind: str, name: str, spec: Doc, **meta: Any) -> Doc:
    """A document with the v1 envelope."""
    return {"apiVersion": "sla-lint/v1", "kind": kind, "metadata": {"name": name, **meta},
            "spec": spec}


@st.composite
def calendar_doc(draw: st.DrawFn, name: str) -> Doc:
    """A Calendar with random hours (at least one open day) and holidays of one year."""
    hours = {day: draw(day_spans()) for day in draw(st.sets(st.sampled_from(WEEKDAYS)))}
    hours = {day: spans for day, spans in hours.items() if spans} or {"mon": ["09:00-17:00"]}
    spec: Doc = {"timezone": draw(st.sampled_from(ZONES)), "hours": hours}
    if draw(st.booleans()):
        spec["holidays"] = draw(st.lists(holidays, max_size=4, unique=True))
    return envelope("Calendar", name, spec)


@st.composite
def targets(draw: st.DrawFn, ladder: tuple[str, ...]) -> Doc:
    """Targets for some or all priorities of the ladder."""
    chosen = draw(st.lists(st.sampled_from(ladder), unique=True, max_size=len(ladder)))
    result: Doc = {}
    for priority in chosen:
        fields = draw(st.sets(st.sampled_from(("response", "resolution", "update")),
                              min_size=1))
        result[priority] = {f: draw(durations) for f in sorted(fields)}
    return result


@st.composite
def dependency(draw: st.DrawFn, refs: list[str], ladder: tuple[str, ...]) -> Doc:
    """A ``depends_on`` entry on one of the services of the repo (itself included)."""
    dep: Doc = {"service": draw(st.sampled_from(refs))}
    if draw(st.booleans()):
        dep["for"] = draw(st.lists(st.sampled_from(ITEMS), max_size=2))
    if draw(st.booleans()):
        dep["blocking"] = draw(st.booleans())
    if draw(st.booleans()):
        dep["priority"] = {draw(st.sampled_from(ladder)): draw(st.sampled_from(ladder))}
    return dep


@st.composite
def service(draw: st.DrawFn, name: str, refs: list[str], calendars: list[str],
            ladder: tuple[str, ...]) -> Doc:
    """A service with customers, scope, maybe a calendar, targets and dependencies."""
    result: Doc = {"name": name, "title": draw(free_text),
                   "customers": draw(st.lists(st.sampled_from(
                       [*DEPARTMENTS, "*", "external"]), max_size=3, unique=True))}
    includes = draw(st.lists(st.sampled_from(ITEMS), max_size=3, unique=True))
    excludes = [{"item": item, "redirect": draw(st.sampled_from(refs))}
                for item in draw(st.lists(st.sampled_from(ITEMS), max_size=2, unique=True))]
    result["scope"] = {"includes": includes, "excludes": excludes}
    if calendars and draw(st.booleans()):
        result["calendar"] = draw(st.sampled_from(calendars))
    result["targets"] = draw(targets(ladder))
    result["depends_on"] = draw(st.lists(dependency(refs, ladder), max_size=2))
    return result


@st.composite
def department_doc(draw: st.DrawFn, name: str, services: list[str], refs: list[str],
                   calendars: list[str], ladder: tuple[str, ...]) -> Doc:
    """A Department with contacts, maybe a calendar and escalation, and its services."""
    spec: Doc = {
        "lead": draw(free_text),
        "contacts": [{"channel": draw(st.sampled_from(CHANNELS)), "address": draw(free_text)}],
        "services": [draw(service(s, refs, calendars, ladder)) for s in services],
    }
    if calendars and draw(st.integers(0, 3)):
        spec["calendar"] = draw(st.sampled_from(calendars))
    if draw(st.booleans()):
        spec["escalation"] = [{"after": draw(durations), "contact": "duty@acme.example"}
                              for _ in range(draw(st.integers(1, 2)))]
    return envelope("Department", name, spec, title=draw(free_text), owner="@acme/leads")


@st.composite
def policy_doc(draw: st.DrawFn, ladder: tuple[str, ...], calendars: list[str]) -> Doc:
    """The Policy: ladder, default calendar, limits, slack, depth and a one-year horizon."""
    spec: Doc = {"priorities": list(ladder), "horizon": draw(st.sampled_from([YEAR, [YEAR]]))}
    if draw(st.integers(0, 3)):
        spec["default_calendar"] = draw(st.sampled_from([*calendars, "24x7"]))
    if draw(st.booleans()):
        spec["limits"] = draw(targets(ladder))
    if draw(st.booleans()):
        spec["min_slack"] = draw(st.sampled_from(["10%", "0%", "99.5%", 0.25]))
    if draw(st.booleans()):
        spec["max_dependency_depth"] = draw(st.integers(1, 4))
    return envelope("Policy", "acme", spec)


@st.composite
def policy_docs(draw: st.DrawFn) -> list[Doc]:
    """The documents of a valid repo: 1-3 departments, 0-2 calendars, usually a policy."""
    ladder = draw(st.sampled_from(LADDERS))
    calendars = [f"cal-{i}" for i in range(draw(st.integers(0, 2)))]
    depts = draw(st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=3, unique=True))
    owned = {d: draw(st.lists(st.sampled_from(SERVICES), min_size=1, max_size=2, unique=True))
             for d in depts}
    refs = [f"{d}/{s}" for d, services in owned.items() for s in services]
    docs = [draw(calendar_doc(name)) for name in calendars]
    docs += [draw(department_doc(d, owned[d], refs, calendars, ladder)) for d in depts]
    if draw(st.integers(0, 4)):
        docs.append(draw(policy_doc(ladder, calendars)))
    return docs


# --- breaking it ------------------------------------------------------------------------


def _slots(tree: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``tree`` (keys of mappings, indexes of lists)."""
    found: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _slots(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            found += _slots(value, (*path, i))
    return found


def _parent(tree: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        tree = tree[step]
    return tree


def _slots_named(docs: list[Doc], key: str) -> list[tuple[Any, ...]]:
    return [p for p in _slots(docs) if p[-1] == key]


@st.composite
def mutated_docs(draw: st.DrawFn) -> list[Doc]:
    """A valid repo broken by one to four mutations."""
    docs = draw(policy_docs())
    for _ in range(draw(st.integers(1, 4))):
        draw(st.sampled_from(MUTATIONS))(draw, docs)
    return docs


def _delete_key(draw: st.DrawFn, docs: list[Doc]) -> None:
    slots = [p for p in _slots(docs) if isinstance(_parent(docs, p), dict)]
    if slots:
        path = draw(st.sampled_from(slots))
        del _parent(docs, path)[path[-1]]


def _swap_type(draw: st.DrawFn, docs: list[Doc]) -> None:
    slots = _slots(docs)
    if slots:
        path = draw(st.sampled_from(slots))
        _parent(docs, path)[path[-1]] = draw(odd_values)


def _replace_named(keys: tuple[str, ...], values: st.SearchStrategy[Any]) -> Callable[
        [st.DrawFn, list[Doc]], None]:
    def mutate(draw: st.DrawFn, docs: list[Doc]) -> None:
        slots = [p for k in keys for p in _slots_named(docs, k)]
        if slots:
            path = draw(st.sampled_from(slots))
            _parent(docs, path)[path[-1]] = draw(values)
    return mutate


def _bad_span(draw: st.DrawFn, docs: list[Doc]) -> None:
    hours = [p for p in _slots_named(docs, "hours")]
    if hours:
        table = _parent(docs, hours[0])["hours"]
        if isinstance(table, dict):
            table[draw(st.sampled_from(WEEKDAYS))] = draw(st.lists(bad_spans, max_size=3))


def _random_calendar(draw: st.DrawFn, docs: list[Doc]) -> None:
    """Replace a calendar's spec (or add a calendar) with random zone, hours and holidays."""
    spec: Doc = {"timezone": draw(st.one_of(st.sampled_from(
        (*ZONES, "GMT", "London", "Europe/london", "../../etc/passwd", "", " UTC")),
        st.text(max_size=10))),
        "hours": {day: draw(st.lists(st.one_of(bad_spans, st.just("09:00-17:00")),
                                     max_size=3))
                  for day in draw(st.sets(st.sampled_from(WEEKDAYS)))},
        "holidays": draw(st.lists(st.one_of(holidays, bad_holidays), max_size=3))}
    calendars = _of_kind(docs, "Calendar")
    if calendars and draw(st.booleans()):
        draw(st.sampled_from(calendars))["spec"] = spec
    else:
        name = draw(st.sampled_from(["cal-0", "cal-1", "cal-9", "24x7"]))
        docs.append(envelope("Calendar", name, spec))


def _unknown_reference(draw: st.DrawFn, docs: list[Doc]) -> None:
    _replace_named(("service", "redirect", "calendar", "default_calendar"), st.sampled_from(
        ("nobody/nothing", "it/nothing", "it", "it/access/extra", "cal-9", "24X7", "")))(
        draw, docs)


def _of_kind(docs: list[Doc], kind: str) -> list[Doc]:
    return [d for d in docs if isinstance(d, dict) and d.get("kind") == kind
            and isinstance(d.get("spec"), dict) and isinstance(d.get("metadata"), dict)]


def _add_cycle(draw: st.DrawFn, docs: list[Doc]) -> None:
    """Make every service depend on the next one (blocking): a cycle through all of them."""
    pairs = [(d["metadata"].get("name"), s) for d in _of_kind(docs, "Department")
             for s in d["spec"].get("services", []) if isinstance(s, dict) and "name" in s]
    services = [s for _, s in pairs]
    refs = [f"{dept}/{s['name']}" for dept, s in pairs]
    if services:
        for i, svc in enumerate(services):
            deps = svc.setdefault("depends_on", [])
            if isinstance(deps, list):
                deps.append({"service": refs[(i + 1) % len(refs)], "blocking": True})


def _odd_holidays(draw: st.DrawFn, docs: list[Doc]) -> None:
    """Give every calendar holidays, some of them malformed or in far-away years."""
    for calendar in _of_kind(docs, "Calendar"):
        calendar["spec"]["holidays"] = draw(st.lists(st.one_of(holidays, bad_holidays, st.dates(
            ).map(dt.date.isoformat)), min_size=1, max_size=3))


def _duplicate_document(draw: st.DrawFn, docs: list[Doc]) -> None:
    docs.append(json.loads(json.dumps(draw(st.sampled_from(docs)))))


def _huge_duration(draw: st.DrawFn, docs: list[Doc]) -> None:
    _replace_named(("response", "resolution", "after"), st.sampled_from(
        ("3660d", "522w", "3660bd", "87840bh", "9999.999999bh", "PT87840H")))(draw, docs)


def _other_year(draw: st.DrawFn, docs: list[Doc]) -> None:
    _replace_named(("horizon",), st.one_of(
        st.sampled_from((1969, 1970, 2200, 2201, [2026, 2027], [], "2027", 2027.5, True)),
        odd_values))(draw, docs)


MUTATIONS: tuple[Callable[[st.DrawFn, list[Doc]], None], ...] = (
    _delete_key, _swap_type, _bad_span, _random_calendar, _unknown_reference, _add_cycle,
    _duplicate_document, _huge_duration, _other_year,
    _replace_named(("response", "resolution", "update", "after"), bad_durations),
    _odd_holidays,
    _replace_named(("name", "title", "lead", "address", "owner", "item", "for"), free_text),
    _replace_named(("priorities",), st.lists(st.sampled_from(("P1", "P2", "", "p 1", "P1")),
                                             max_size=4)),
    _replace_named(("apiVersion", "kind"), st.sampled_from(
        ("sla-lint/v2", "sla-lint/", "Department", "Calendar", "Policy", "department", 1))),
)


# --- files ------------------------------------------------------------------------------

Repo = dict[str, bytes]


@st.composite
def files_of(draw: st.DrawFn, docs: list[Doc]) -> Repo:
    """Spread the documents over files (one or several per file, maybe in folders)."""
    groups: dict[str, list[Doc]] = {}
    for i, doc in enumerate(docs):
        folder = draw(st.sampled_from(["", "departments/", "a/b/"]))
        name = draw(st.sampled_from([f"doc{i}.yaml", f"doc{i}.yml", "shared.yaml"]))
        groups.setdefault(folder + name, []).append(doc)
    flow = draw(st.sampled_from([False, None, True]))
    unicode = draw(st.booleans())
    return {path: yaml.safe_dump_all(group, sort_keys=False, default_flow_style=flow,
                                     allow_unicode=unicode).encode("utf-8")
            for path, group in groups.items()}


_SNIPPETS = (b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\t", b"\x85",
             "\u2028".encode(), b"---\n", b"...\n", b"&a ", b"*a", b"*zz ", b"<<: *a\n",
             b"!!python/object/apply:os.system ['true']", b"!!binary aGk=", b"? [a]\n: b\n",
             b"[[[[[[", b"}}", b"'", b'"', b"key: value\nkey: again\n", b"%YAML 1.1\n",
             b"# sla-lint: ignore[SLA101]\n", b"  # sla-lint: ignore-file[SLA4]\n",
             b"# sla-lint: ignore[bogus, SLA3O5\n", b"\xc3", b"\xed\xa0\x80", b"1:30")


@st.composite
def damaged(draw: st.DrawFn, repo: Repo) -> Repo:
    """The repo with one file truncated, or with random or YAML-ish bytes put in."""
    path = draw(st.sampled_from(sorted(repo)))
    data = repo[path]
    at = draw(st.integers(0, len(data)))
    how = draw(st.sampled_from(("truncate", "insert", "replace", "snippet")))
    if how == "truncate":
        data = data[:at]
    elif how == "insert":
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif how == "replace":
        data = data[:at] + draw(st.binary(max_size=4)) + data[at + 4:]
    else:
        data = data[:at] + draw(st.sampled_from(_SNIPPETS)) + data[at:]
    return {**repo, path: data}


def valid_repos() -> st.SearchStrategy[Repo]:
    """Valid repos as files."""
    return policy_docs().flatmap(files_of)


def mutated_repos() -> st.SearchStrategy[Repo]:
    """Repos whose documents are broken (the YAML itself still parses)."""
    return mutated_docs().flatmap(files_of)


def damaged_repos() -> st.SearchStrategy[Repo]:
    """Repos, valid or broken, with bytes damaged in one file (once or twice)."""
    base = st.one_of(valid_repos(), mutated_repos()).flatmap(damaged)
    return st.one_of(base, base.flatmap(damaged))


# --- running and checking ---------------------------------------------------------------


def write_repo(root: Path, repo: Repo) -> None:
    """Write the files of ``repo`` under ``root``."""
    for rel, data in repo.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with the hash of its content (and its mtime)."""
    state: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            digest = ""
            if os.path.isfile(path):
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            state[os.path.relpath(path, root)] = f"{digest} {info.st_mtime_ns} {info.st_mode}"
    return state


# YAML's line breaks, as its parsers count lines
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def file_lines(path: str) -> list[str]:
    """The lines of a file as YAML counts them (undecodable bytes replaced)."""
    text = Path(path).read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    return _BREAK.split(text)


def assert_inside(loc: Location, cache: dict[str, list[str]]) -> None:
    """``loc`` is a real place in its file: a line of it, at most one past its last column."""
    if loc.path not in cache:
        cache[loc.path] = file_lines(loc.path) if os.path.isfile(loc.path) else [""]
    lines = cache[loc.path]
    assert 1 <= loc.line <= len(lines), f"{loc}: the file has {len(lines)} lines"
    width = len(lines[loc.line - 1])
    assert 1 <= loc.column <= width + 1, f"{loc}: line {loc.line} has {width} characters"


def check_invariants(result: LintResult) -> None:
    """No internal error, and every position (related ones too) inside its file."""
    internal = [d for d in result.diagnostics if d.code == "SLA000"]
    assert not internal, internal
    cache: dict[str, list[str]] = {}
    for diag in result.diagnostics:
        assert diag.severity.value in ("error", "warning", "info")
        assert_inside(diag.location, cache)
        for related in diag.related:
            assert_inside(related.location, cache)


def as_json(result: LintResult) -> str:
    """The JSON report of ``result``."""
    out = StringIO()
    JsonReporter(out).report(result)
    return out.getvalue()
