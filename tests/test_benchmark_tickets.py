"""benchmarks/tickets.py: deterministic exports that the attainment command reads whole."""

from __future__ import annotations

from pathlib import Path

from benchmarks.tickets import main, measure, ticket_rows


def test_rows_are_deterministic() -> None:
    services = ["a/x", "b/y"]
    assert ticket_rows(services, 50) == ticket_rows(services, 50)
    assert ticket_rows(services, 50) != ticket_rows(services, 50, seed=12)


def test_small_run_uses_every_ticket(tmp_path: Path) -> None:
    base, spent, peak = measure(300, 20, tmp_path)
    assert base >= 0 and spent > 0 and peak > 0
    assert main(["200", "20"]) in (0, 1)
