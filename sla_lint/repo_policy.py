"""What a new Department file must fit: the repo's ladder, limits and default calendar.

``sla-lint init`` run inside a policy repo reads the repo (as ``sla-lint check`` with no
path would: the configuration file's ``paths``, else the git work tree, else the current
folder) and chooses targets that pass its rules there: one per priority of the policy's
ladder, each response no later than its resolution, each priority no slower than the
next, each within the policy's limit, all compared on the calendar the new department
will work to (the policy's default) exactly as the rules compare them.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sla_lint.diagnostics import Location
from sla_lint.model import Catalogue, Text
from sla_lint.model.catalogue import Target

# The starter's own ladder of four (most urgent first), stretched or cut to the policy's.
RESPONSES = ("1bh", "4bh", "1bd", "2bd")
RESOLUTIONS = ("1bd", "3bd", "5bd", "10bd")
# Fallbacks no slower than any sensible limit (elapsed minutes beat any business time).
TINY = ("15m", "1m")
_HERE = Location("sla-lint init", 1, 1)


@dataclass(frozen=True)
class Fitted:
    """The ladder, the targets for it, and the calendars of the repo the file goes in."""

    targets: tuple[tuple[str, str, str], ...]  # (priority, response, resolution)
    calendar: str  # the calendar a department without `calendar:` works to
    calendars: tuple[str, ...] = ()  # the calendars the repo defines, sorted
    root: str | None = None  # the repo's root folder, when one was found


DEFAULT = Fitted(tuple(zip(("P1", "P2", "P3", "P4"), RESPONSES, RESOLUTIONS, strict=True)),
                 "24x7")


def repo_paths(start: str, cwd: str) -> tuple[str | None, list[str]]:
    """The root of the policy repo at ``start`` and the paths of its catalogue.

    The configuration file's folder and ``paths``; else the git work tree; else the
    current folder ``cwd`` when ``start`` is in it (what ``sla-lint check`` with no path
    reads), or ``start`` itself.
    """
    from sla_lint.project import git_root
    from sla_lint.settings import CommandLine, ConfigError, resolve

    try:
        settings = resolve(CommandLine(), cwd=start)
    except ConfigError:
        settings = None
    if settings is not None and settings.root is not None:
        return settings.root, [os.path.join(start, p) for p in settings.paths]
    root = git_root([start])
    if root is not None:
        return root, [root]
    here = os.path.abspath(cwd)
    inside = os.path.abspath(start) == here or os.path.abspath(start).startswith(
        here.rstrip(os.sep) + os.sep)
    return None, [cwd if inside else start]


def fit(start: str, cwd: str | None = None) -> Fitted:
    """Targets that pass the rules of the policy repo at ``start`` (its root, if any)."""
    from sla_lint.config import LintConfig
    from sla_lint.engine import load_catalogue

    root, paths = repo_paths(start, cwd or os.getcwd())
    catalogue = load_catalogue(paths, LintConfig()).catalogue
    if catalogue.policy is None and not catalogue.calendars:
        return Fitted(DEFAULT.targets, DEFAULT.calendar, (), root)
    return Fitted(_targets(catalogue), catalogue.default_calendar,
                  tuple(sorted(c.name.value for c in catalogue.calendars)), root)


def _targets(catalogue: Catalogue) -> tuple[tuple[str, str, str], ...]:
    from sla_lint.rules.timing import TimeModel

    policy = catalogue.policy
    ladder = policy.ladder if policy else tuple(p for p, _, _ in DEFAULT.targets)
    limits = {t.priority.value: t for t in policy.limits} if policy else {}
    model = TimeModel(catalogue, datetime.date.today().year)  # as `check` counts them
    calendar = catalogue.default_calendar

    def no_later(first: str, second: str) -> bool:
        return model.slower_texts(Text(first, _HERE), Text(second, _HERE), calendar) is None

    resolutions = _ladder(ladder, RESOLUTIONS, [_limit(limits, p, "resolution")
                                                for p in ladder], [], no_later)
    responses = _ladder(ladder, RESPONSES, [_limit(limits, p, "response") for p in ladder],
                        resolutions, no_later)
    return tuple(zip(ladder, responses, resolutions, strict=True))


def _limit(limits: dict[str, Target], priority: str, name: str) -> str | None:
    limit = limits.get(priority)
    text = limit.field(name) if limit else None
    return text.value if text else None


def _ladder(ladder: Sequence[str], defaults: Sequence[str], limits: Sequence[str | None],
            within: Sequence[str], no_later: Callable[[str, str], bool]) -> list[str]:
    """One duration per priority, within its limit, the next one's and ``within``'s.

    ``within`` is the resolutions, when choosing responses. The least urgent priority is
    chosen first, so that each more urgent one can be held to it.
    """
    chosen: list[str] = [""] * len(ladder)
    for i in reversed(range(len(ladder))):
        bounds = [b for b in (limits[i], chosen[i + 1] if i + 1 < len(ladder) else None,
                              within[i] if within else None) if b]
        default = defaults[min(i, len(defaults) - 1)]
        candidates = [default, *bounds, *TINY]
        chosen[i] = next((c for c in candidates if all(no_later(c, b) for b in bounds)),
                         TINY[-1])
    return chosen
