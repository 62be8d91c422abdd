"""The benchmark's synthetic repos: deterministic, clean, and giving every rule family work."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import build, generate, workloads
from sla_lint.engine import lint
from sla_lint.timecalc import comparison


def test_the_generator_is_deterministic() -> None:
    assert build(300) == build(300)
    assert build(300) != build(300, seed=8)
    files = build(1000)
    assert len([f for f in files if f.startswith("departments/")]) == 100


def test_a_generated_repo_lints_clean_and_exercises_every_family(
        monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[int] = []
    exact = comparison._unsettled

    def counted(*args: Any) -> Any:
        runs = exact(*args)
        if runs:
            scans.append(1)
        return runs

    monkeypatch.setattr(comparison, "_unsettled", counted)
    comparison.kept.cache_clear()  # earlier tests may have asked the same questions
    with tempfile.TemporaryDirectory() as tmp:
        written = generate(Path(tmp), 300)
        result = lint([tmp])
    assert written == len(build(300))
    assert result.diagnostics == ()
    cat = result.catalogue
    services = list(cat.services())
    assert len(services) == 300
    assert len({c.timezone.value for c in cat.calendars}) >= 5  # 4xx: calendars in many zones
    assert any(s.excludes and all(e.redirect for e in s.excludes) for s in services)  # 3xx
    blocking = [d for s in services for d in s.depends_on if d.blocking]
    assert len(blocking) > 300  # 5xx and feasibility: a realistic fan-out
    assert any(not d.blocking for s in services for d in s.depends_on)
    assert any(d.priority_map for s in services for d in s.depends_on)
    assert cat.policy is not None and cat.policy.min_slack and cat.policy.horizon
    durations = {t.resolution.value for s in services for t in s.targets if t.resolution}
    assert len(durations) >= 20  # a realistic variety of promises
    assert scans  # close pairs: the overall bounds settle most, the pieces the rest


@pytest.mark.parametrize("workload", ["three-zones", "multinational", "deep-chains"])
def test_every_workload_is_deterministic(workload: str) -> None:
    assert workload in workloads()
    assert build(200, workload=workload) == build(200, workload=workload)
    assert build(200, workload=workload) != build(200, seed=8, workload=workload)


def _lint(workload: str, services: int) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), services, workload=workload)
        return lint([tmp])


def test_three_zones_breaks_business_hours_across_zones() -> None:
    result = _lint("three-zones", 300)
    codes = {d.code for d in result.diagnostics}
    assert codes == {"SLA408", "SLA409"}  # nothing else: only the cross-zone promises
    zones = {c.timezone.value for c in result.catalogue.calendars}
    assert zones == {"Europe/London", "America/New_York", "Asia/Singapore"}
    pairs = {d.message.split(" cannot be kept")[0].split(" leaves only")[0]
             for d in result.diagnostics}
    assert len(pairs) < 10  # fewer than ten distinct comparisons behind them all


def test_multinational_spans_the_world_and_every_unit() -> None:
    result = _lint("multinational", 300)
    cat = result.catalogue
    assert len(cat.calendars) >= 24
    zones = {c.timezone.value for c in cat.calendars}
    assert {"Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "Australia/Lord_Howe",
            "America/St_Johns", "Pacific/Auckland", "America/Santiago"} <= zones
    durations = {t.resolution.value for s in cat.services() for t in s.targets if t.resolution}
    assert any(d.endswith("bh") for d in durations) and any(d.endswith("bd") for d in durations)
    assert any(d.startswith("P") for d in durations) and any(" " in d for d in durations)
    assert len(durations) >= 24


def test_deep_chains_are_deep_and_wide() -> None:
    result = _lint("deep-chains", 400)
    assert result.diagnostics == ()
    services = list(result.catalogue.services())
    assert min(len(s.includes) for s in services) >= 40
    assert max(len(s.excludes) for s in services) >= 8
