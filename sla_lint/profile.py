"""Opt-in stage timings: ``SLA_LINT_PROFILE=1`` reports where a lint run spent its time.

The engine wraps each stage in :func:`stage`; while profiling is off that returns one
shared do-nothing context manager, so the cost is a function call per stage. When on,
:func:`report` writes one JSON line to standard error at the end of the run:
``{"sla-lint-profile": {"load": 0.41, "schema": 0.12, ...}}`` (seconds). The benchmark
(``benchmarks/run.py``) reads it; nothing else depends on it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

ENV = "SLA_LINT_PROFILE"
STAGES = ("load", "schema", "model", "rules", "feasibility")
_NULL: AbstractContextManager[None] = nullcontext()
_times: dict[str, float] = {}
_state = {"on": False}


def begin() -> None:
    """Start a run: profiling is on when the environment asks for it."""
    _state["on"] = os.environ.get(ENV) == "1"
    _times.clear()


def stage(name: str) -> AbstractContextManager[None]:
    """A context manager adding the time spent inside it to stage ``name``."""
    return _timer(name) if _state["on"] else _NULL


@contextmanager
def _timer(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        _times[name] = _times.get(name, 0.0) + time.perf_counter() - start


def report() -> None:
    """Write the stage times of the run to standard error (only when profiling)."""
    if not _state["on"]:
        return
    times = {name: round(_times.get(name, 0.0), 6) for name in STAGES}
    sys.stderr.write(json.dumps({"sla-lint-profile": times}) + "\n")
    sys.stderr.flush()
    _state["on"] = False


FEASIBILITY_CODES = frozenset({"SLA408", "SLA409", "SLA410"})


def stage_of(code: str) -> str:
    """The stage a rule's time counts towards: ``feasibility`` or ``rules``."""
    return "feasibility" if code in FEASIBILITY_CODES else "rules"
