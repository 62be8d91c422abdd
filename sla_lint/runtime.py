"""Run-time tuning: the cycle collector is paused while a lint run builds its data.

A run allocates millions of small objects that all stay alive until it ends (YAML nodes,
their marks, the catalogue); CPython's cycle collector would walk them again and again
(on 10,000 services it took 3/4 of the loading time) without ever finding garbage, since
the data has no cycles. Reference counting still frees everything as usual; the collector
is switched back on, as it was, when the run returns.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with the cycle collector off, restoring its previous state afterwards."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


_KEPT: list[object] = []
_FAST_EXIT = {"on": False}


def keep_until_exit(value: object) -> None:
    """Keep ``value`` alive until the process ends, when it ends through :func:`run_and_exit`.

    Freeing millions of small objects one by one took seconds on a large repo, only for
    the process to end right after; :func:`run_and_exit` ends it without freeing them.
    Outside it (the library, the tests) nothing is kept.
    """
    if _FAST_EXIT["on"]:
        _KEPT.append(value)


def run_and_exit(main: Callable[[], object]) -> None:
    """Run a command-line ``main`` (which ends by raising SystemExit), then end at once.

    Standard output and error are flushed first, exactly as a normal exit would, and the
    exit status is the one ``main`` asked for; only the freeing of memory and the
    interpreter's tear-down are skipped (sla-lint registers no exit handlers). The cycle
    collector stays off for the whole short-lived process.
    """
    import os
    import sys

    _FAST_EXIT["on"] = True
    gc.disable()  # for good: re-enabled, its first pass would walk every object kept
    status: object = 0
    try:
        main()
    except SystemExit as exc:
        status = exc.code
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: report it like Python would
        status = status or 120
    os._exit(status or 0)
