"""The benchmark's synthetic repos: deterministic, clean, and giving every rule family work."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import build, generate
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
