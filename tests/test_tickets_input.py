"""Hostile ticket exports: every rejected row named by line and column, never a traceback."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sla_lint.model import Catalogue
from sla_lint.tickets import AttainmentOptions, ReadOptions, TicketsUnusable, attainment, exports

from .ticketkit import HEADER, catalogue

GOOD = "desk/repairs,P1,2027-03-01T09:00:00Z,2027-03-01T09:10:00Z,2027-03-01T10:00:00Z"


@pytest.fixture()
def cat(tmp_path: Path) -> Catalogue:
    return catalogue(tmp_path)


def read(cat: Catalogue, path: Path, **reading: object) -> tuple[int, list[tuple[int, int, str]]]:
    options = AttainmentOptions(ReadOptions(**reading))  # type: ignore[arg-type]
    report = attainment(cat, [str(path)], options)
    return report.used, [(p.line, p.column, p.message) for p in report.problems]


def test_bom_semicolons_crlf_empty_lines_and_quoted_newlines(cat: Catalogue,
                                                             tmp_path: Path) -> None:
    lines = [HEADER.replace(",", ";"), "", f"A1;{GOOD.replace(',', ';')}",
             '"A\n2";desk/repairs;P9;2027-03-01T09:00:00Z;;', "",
             f"A3;{GOOD.replace(',', ';')}", "A4;desk/repairs;P9;2027-03-01T09:00:00Z;;"]
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    used, problems = read(cat, path)
    assert used == 2
    assert [(line, column) for line, column, _ in problems] == [(4, 3), (8, 3)]


def test_ten_thousand_columns(cat: Catalogue, tmp_path: Path) -> None:
    extra = ",".join(f"c{i}" for i in range(10_000))
    path = tmp_path / "wide.csv"
    path.write_text(f"{extra},{HEADER}\n{',' * 10_000}A1,{GOOD}\n")
    assert read(cat, path) == (1, [])


def test_non_utf8_bytes(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"note,{HEADER}\n".encode() + b"caf\xe9,A1," + GOOD.encode() + b"\n"
                     + b"x,A2,desk/r\xe9pairs,P1,2027-03-01T09:00:00Z,,\n")
    used, problems = read(cat, path)
    assert used == 1  # the undecodable byte in a column not read does no harm
    assert problems == [(3, 3, "service is not UTF-8 text; save the export as CSV UTF-8")]


def test_duplicate_ids(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(f"{HEADER}\nA1,{GOOD}\nA1,{GOOD}\n")
    used, problems = read(cat, path)
    assert used == 1 and problems[0][:2] == (3, 1) and "earlier row" in problems[0][2]


@pytest.mark.parametrize("created", ["1969-12-31T23:59:59Z", "2201-01-01T00:00:00Z",
                                     "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59-05:00"])
def test_times_outside_the_years(cat: Catalogue, tmp_path: Path, created: str) -> None:
    path = tmp_path / "years.csv"
    path.write_text(f"{HEADER}\nA1,desk/repairs,P1,{created},,\n")
    used, problems = read(cat, path)
    assert used == 0 and problems[0][:2] == (2, 4) and "1970-2200" in problems[0][2]


def test_daylight_saving_gap_and_missing_offset(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "local.csv"
    path.write_text(f"{HEADER}\nA1,desk/repairs,P1,2027-03-28 01:30:00,,\n"
                    "A2,desk/repairs,P1,2027-03-29 10:00:00,,\n")
    used, problems = read(cat, path, timezone="Europe/London")
    assert used == 1 and problems[0][:2] == (2, 4) and "clocks went forward" in problems[0][2]
    used, problems = read(cat, path)
    assert used == 0 and "--timezone" in problems[1][2]


def test_oversized_cell_and_line(cat: Catalogue, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f"{HEADER}\nA1,{'x' * 200_000},P1,2027-03-01T09:00:00Z,,\nA2,{GOOD}\n")
    used, problems = read(cat, path)
    assert used == 1 and problems[0][:2] == (2, 1) and "CSV" in problems[0][2]
    monkeypatch.setattr(exports, "MAX_LINE", 500)
    path.write_text(f"{HEADER}\nA1,{'y' * 2_000},P1,2027-03-01T09:00:00Z,,\nA2,{GOOD}\n")
    used, problems = read(cat, path)
    assert used == 1 and problems == [(2, 1, "the line is longer than 500 characters;"
                                             " it is left out")]


def test_binary_garbage_is_not_a_traceback(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(TicketsUnusable):
        attainment(cat, [str(path)])
    path.write_bytes(f"{HEADER}\n".encode() + bytes(range(256)) * 50 + b"\n\x00\"\n")
    report = attainment(cat, [str(path)])
    assert report.used == 0 and report.problem_count >= 1


def test_memory_stays_bounded(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    with path.open("w") as handle:
        handle.write(HEADER + "\n")
        for i in range(60_000):
            handle.write(f"M{i},{GOOD}\n")
    tracemalloc.start()
    report = attainment(cat, [str(path)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.used == 60_000
    size = path.stat().st_size
    assert peak < size, (peak, size)  # rows are streamed: far less than the file is held
