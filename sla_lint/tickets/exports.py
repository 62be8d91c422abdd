"""Reading ticket exports: streamed CSV rows, named columns, times as UTC microseconds.

A file is read one record at a time (never held whole): a byte-order mark, ``;`` or tab
separators, quoted newlines, Windows line ends and empty lines are all accepted. What
cannot be read in a row becomes a :class:`Problem` with its 1-based line and column (the
column is the cell's position in the row); what makes the whole file unusable (no such
file, no header, a required column missing) raises :class:`TicketsUnusable`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sla_lint.tickets.presets import FIELDS, ISO, PRESETS, Preset

REQUIRED = ("id", "service", "priority", "created", "resolved")
MAX_LINE = 16 * 1024 * 1024  # characters: a longer physical line is rejected, not held
FIRST_YEAR, LAST_YEAR = 1970, 2200
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_US = dt.timedelta(microseconds=1)
LOWEST = 0
HIGHEST = (dt.datetime(LAST_YEAR + 1, 1, 1, tzinfo=dt.timezone.utc) - _EPOCH) // _US
_UNDECODED = re.compile("[\udc80-\udcff]")
_DELIMITERS = (",", ";", "\t", "|")
MINUTES_FIELD = "first_response_minutes"


class TicketsUnusable(Exception):
    """A ticket file cannot be used at all (exit status 2)."""


class Problem(NamedTuple):
    """A row left out of every count, and why."""

    path: str
    line: int
    column: int
    message: str


class Ticket(NamedTuple):
    """One usable-looking row: text fields and times in microseconds since 1970 (UTC)."""

    id: str
    service: str
    priority: str
    created: int
    first_response: int | None
    resolved: int | None
    path: str
    line: int


class BadCell(Exception):
    """A cell cannot be read; the message says why in plain words."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read exports: a preset, column overrides, a zone for times without offset."""

    preset: str = "plain"
    columns: tuple[tuple[str, str], ...] = ()  # (field, header) over the preset's
    timezone: str | None = None
    priorities: tuple[tuple[str, str], ...] = ()  # (the export's name, ladder name)

    @property
    def layout(self) -> Preset:
        """The preset."""
        return PRESETS[self.preset]

    def header_of(self, field: str) -> str | None:
        """The header naming ``field`` (an override first, then the preset's)."""
        given = dict(self.columns)
        if field in given:
            return given[field]
        if field == "first_response" and MINUTES_FIELD in given:
            return None
        return self.layout.column(field)

    def priority_names(self) -> dict[str, str]:
        """The export's priority names (casefolded) mapped to ladder names."""
        names = dict(self.layout.priorities)
        names.update((k.strip().casefold(), v) for k, v in self.priorities)
        return names


def zone_of(name: str | None) -> ZoneInfo | None:
    """The zone named by ``--timezone`` (raises :class:`TicketsUnusable` when unknown)."""
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise TicketsUnusable(f"--timezone {name!r} is not an IANA time zone such as"
                              " Europe/London or America/New_York") from None


TimeReader = Callable[[str], int]


def time_reader(formats: tuple[str, ...], zone: ZoneInfo | None) -> TimeReader:
    """A function reading a time cell into microseconds (raises :class:`BadCell`)."""
    iso_first = formats[0] == ISO
    parse_iso = dt.datetime.fromisoformat

    def read(text: str) -> int:
        moment = None
        if iso_first:
            try:
                moment = parse_iso(text)
            except ValueError:
                moment = None
        if moment is None:
            moment = _parse(text, formats)
        if moment.tzinfo is None:
            moment = _localise(moment, zone, text)
        instant = (moment - _EPOCH) // _US
        if not LOWEST <= instant < HIGHEST:
            raise BadCell(f"{text!r} is outside the years {FIRST_YEAR}-{LAST_YEAR};"
                          " is the year a typo?")
        return instant

    return read


def _parse(text: str, formats: tuple[str, ...]) -> dt.datetime:
    for fmt in formats:
        try:
            if fmt == ISO:
                return dt.datetime.fromisoformat(text)
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    shown = " or ".join("ISO 8601 (2027-03-09T15:05:00+00:00)" if f == ISO else f
                        for f in formats)
    raise BadCell(f"{text!r} is not a time; write it as {shown}")


def _localise(naive: dt.datetime, zone: ZoneInfo | None, text: str) -> dt.datetime:
    if zone is None:
        raise BadCell(f"{text!r} has no UTC offset; give the zone the export was written in"
                      " with --timezone (e.g. --timezone Europe/London)")
    aware = naive.replace(tzinfo=zone)
    back = aware.astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise BadCell(f"{text!r} never happened in {zone.key}: the clocks went forward"
                      " over it; check the time in the ticket tool")
    return aware


class _Lines:
    """The file's physical lines for the csv module, counted, each at most MAX_LINE long."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.number = 0
        self.too_long: list[int] = []

    def __iter__(self) -> Iterator[str]:
        readline = self.handle.readline
        while True:
            line = readline(MAX_LINE)
            if not line:
                return
            self.number += 1
            if len(line) == MAX_LINE and not line.endswith(("\n", "\r")):
                self._skip_rest()
                self.too_long.append(self.number)
                yield "\n"
                continue
            yield line

    def _skip_rest(self) -> None:
        while True:
            rest = self.handle.readline(MAX_LINE)
            if not rest or rest.endswith(("\n", "\r")):
                return


@dataclass(frozen=True)
class Columns:
    """Where each field is in a file's rows (0-based cell index), and how to read times."""

    index: dict[str, int]
    times: TimeReader
    minutes: bool  # first response given as minutes after creation
    quick: tuple[int, ...] | None = None  # the six cells and the highest, for the fast path

    def cell(self, field: str) -> int | None:
        """The 0-based position of ``field``'s cell, if the file has that column."""
        return self.index.get(field)


def _delimiter(header: str) -> str:
    """The separator that splits the header line into the most cells."""
    return max(_DELIMITERS, key=lambda d: (header.count(d), -_DELIMITERS.index(d)))


def _columns(header: list[str], path: str, options: ReadOptions,
             zone: ZoneInfo | None) -> Columns:
    names = {name.strip().casefold(): i for i, name in reversed(list(enumerate(header)))}
    index: dict[str, int] = {}
    for field in (*FIELDS, MINUTES_FIELD):
        wanted = options.header_of(field)
        if wanted is not None and wanted.strip().casefold() in names:
            index[field] = names[wanted.strip().casefold()]
    wanted_fields = [*REQUIRED]
    if options.header_of("first_response") is not None and MINUTES_FIELD not in index:
        wanted_fields.insert(4, "first_response")  # the layout names one: it must be there
    missing = [f for f in wanted_fields if f not in index]
    if missing:
        raise TicketsUnusable(_missing(path, missing, options, header))
    reader = time_reader(options.layout.time_formats, zone)
    quick = None
    if "first_response" in index and options.layout.time_formats[0] == ISO:
        cells = tuple(index[f] for f in FIELDS)
        quick = (*cells, max(cells))
    return Columns(index, reader, "first_response" not in index and MINUTES_FIELD in index,
                   quick)


def _missing(path: str, missing: list[str], options: ReadOptions, header: list[str]) -> str:
    wanted = ", ".join(f"{options.header_of(f)!r} ({f})" for f in missing)
    shown = ", ".join(repr(h) for h in header[:12]) + (", ..." if len(header) > 12 else "")
    return (f"{path}:1:1: the header has no column {wanted}; it has {shown}. Name the"
            " columns with --columns FIELD=HEADER or pick the tool's --preset"
            f" ({', '.join(PRESETS)})")


def open_export(path: str) -> IO[str]:
    """Open an export for reading (raises :class:`TicketsUnusable`)."""
    try:
        return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")
    except IsADirectoryError:
        raise TicketsUnusable(f"{path}: is a folder, not a ticket export") from None
    except OSError as exc:
        raise TicketsUnusable(f"{path}: cannot be read: {exc.strerror or exc}") from None


def probe(path: str, options: ReadOptions) -> None:
    """Check that a file can be read as an export: it opens and its header names the columns.

    Raises :class:`TicketsUnusable`; reads only up to the header.
    """
    reader = ExportReader(path, options, lambda problem: None)
    with open_export(path) as handle:
        reader.start(handle)


class ExportReader:
    """The rows of one export, streamed; problems go to ``report`` as they are found."""

    def __init__(self, path: str, options: ReadOptions, report: Callable[[Problem], None],
                 zone: ZoneInfo | None = None) -> None:
        self.path = path
        self.options = options
        self.report = report
        self.zone = zone
        self.columns: Columns | None = None

    def start(self, handle: IO[str]) -> tuple[_Lines, Iterator[list[str]], Columns]:
        """Read the header: the lines, the rows after it, and where the columns are."""
        lines = _Lines(handle)
        first = self._header_line(lines)
        rows = csv.reader(_chain(first, lines), delimiter=_delimiter(first))
        header = self._header(rows)
        self.columns = _columns(header, self.path, self.options, self.zone)
        return lines, rows, self.columns

    def tickets(self, handle: IO[str]) -> Iterator[Ticket]:
        """Every row that reads as a ticket (its names are checked by the caller)."""
        lines, rows, columns = self.start(handle)
        while True:
            start = lines.number + 1
            try:
                row = next(rows)
            except StopIteration:
                break
            except (csv.Error, UnicodeError) as exc:
                self.report(Problem(self.path, start, 1, f"the row cannot be read as CSV: {exc}"))
                continue
            if lines.too_long and lines.too_long[-1] >= start:
                self._long(lines.too_long.pop())
                continue
            if row:
                ticket = self._ticket(row, columns, start)
                if ticket is not None:
                    yield ticket

    def _header_line(self, lines: _Lines) -> str:
        for line in lines:
            if lines.too_long:
                raise TicketsUnusable(f"{self.path}:1:1: the header line is longer than"
                                      f" {MAX_LINE} characters: this is not a ticket export")
            if line.strip():
                return line
        raise TicketsUnusable(f"{self.path}: is empty; a ticket export starts with a header"
                              " row naming its columns")

    def _header(self, rows: Iterator[list[str]]) -> list[str]:
        try:
            header = next(rows)
        except (csv.Error, StopIteration) as exc:
            raise TicketsUnusable(f"{self.path}:1:1: the header row is not CSV: {exc}") from None
        for i, name in enumerate(header):
            if _UNDECODED.search(name):
                raise TicketsUnusable(f"{self.path}:1:{i + 1}: the header is not UTF-8 text;"
                                      " save the export as CSV UTF-8")
        return header

    def _long(self, line: int) -> None:
        self.report(Problem(self.path, line, 1, f"the line is longer than {MAX_LINE}"
                                                " characters; it is left out"))

    def _ticket(self, row: list[str], columns: Columns, line: int) -> Ticket | None:
        quick = _quick(row, columns, self.path, line)
        if quick is not None:
            return quick
        try:
            return self._fields(row, columns, line)
        except _CellError as exc:
            self.report(Problem(self.path, line, exc.column, exc.message))
            return None

    def _fields(self, row: list[str], columns: Columns, line: int) -> Ticket:
        index = columns.index
        ident = _text(row, index["id"], "id")
        service = _text(row, index["service"], "service")
        priority = _text(row, index["priority"], "priority")
        created = _time(row, index["created"], "created", columns.times)
        if created is None:
            raise _CellError(index["created"] + 1, "created is empty; every ticket needs the"
                                                   " moment it arrived")
        response = self._response(row, columns, created)
        resolved = _time(row, index["resolved"], "resolved", columns.times)
        _not_before(resolved, created, index["resolved"], "resolved", row, index["created"])
        return Ticket(ident, service, priority, created, response, resolved, self.path, line)

    def _response(self, row: list[str], columns: Columns, created: int) -> int | None:
        at = columns.cell("first_response")
        if at is not None:
            response = _time(row, at, "first_response", columns.times)
            _not_before(response, created, at, "first_response", row, columns.index["created"])
            return response
        at = columns.cell(MINUTES_FIELD)
        if at is None or not columns.minutes:
            return None
        text = _text(row, at, "first response minutes", empty=True)
        if not text:
            return None
        try:
            minutes = float(text)
        except ValueError:
            raise _CellError(at + 1, f"first reply time {text!r} is not a number of"
                                     " minutes") from None
        if not 0 <= minutes < 1e8:
            raise _CellError(at + 1, f"first reply time {text!r} minutes is out of range")
        return created + round(minutes * 60_000_000)


def _quick(row: list[str], columns: Columns, path: str, line: int) -> Ticket | None:
    """The usual row, read fast; None when any cell needs the careful reading's words."""
    at = columns.quick
    if at is None or len(row) <= at[6]:
        return None
    ident, service, priority = row[at[0]].strip(), row[at[1]].strip(), row[at[2]].strip()
    if not (ident and service and priority) or not (ident + service + priority).isascii():
        return None
    try:
        c, f, r = _iso(row[at[3]]), _iso(row[at[4]]), _iso(row[at[5]])
    except (ValueError, TypeError):
        return None
    if c is None or (f is not None and f < c) or (r is not None and r < c):
        return None
    return Ticket(ident, service, priority, c, f, r, path, line)


def _iso(text: str) -> int | None:
    """An ISO 8601 time with an offset in range, fast (raises ValueError for anything else)."""
    if not text:
        return None
    moment = _FROM_ISO(text)
    instant = (moment - _EPOCH) // _US  # TypeError without an offset
    if not LOWEST <= instant < HIGHEST:
        raise ValueError(text)
    return instant


_FROM_ISO = dt.datetime.fromisoformat


class _CellError(Exception):
    def __init__(self, column: int, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _chain(first: str, rest: _Lines) -> Iterator[str]:
    yield first
    yield from rest


def _text(row: list[str], at: int, name: str, empty: bool = False) -> str:
    if at >= len(row):
        raise _CellError(len(row) + 1, f"the row has only {len(row)} cells; {name} (column"
                                       f" {at + 1}) is missing")
    value = row[at].strip()
    if not value.isascii() and _UNDECODED.search(value):
        raise _CellError(at + 1, f"{name} is not UTF-8 text; save the export as CSV UTF-8")
    if not value and not empty:
        raise _CellError(at + 1, f"{name} is empty")
    return value


def _time(row: list[str], at: int, name: str, read: TimeReader) -> int | None:
    text = _text(row, at, name, empty=True)
    if not text:
        return None
    try:
        return read(text)
    except BadCell as exc:
        raise _CellError(at + 1, f"{name}: {exc}") from None


def _not_before(moment: int | None, created: int, at: int, name: str, row: list[str],
                created_at: int) -> None:
    if moment is not None and moment < created:
        raise _CellError(at + 1, f"{name} {row[at].strip()} is before created"
                                 f" {row[created_at].strip()}; check the ticket's times")
