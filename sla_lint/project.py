"""The policy repo a path belongs to: checking one file checks it against the whole repo.

``sla-lint check departments/payroll.yaml`` (what a department lead types, and what an
editor runs on save) must not report every calendar and service defined in the other
files as unknown. As ruff and mypy do with a project root, the run reads the whole
catalogue from the repo's root and reports only on the paths asked for.

The root is, in this order:

1. the folder of the configuration file in force (``.sla-lint.yaml``, ``.sla-lint.yml``
   or ``pyproject.toml`` with ``[tool.sla-lint]``), and the catalogue is what it names
   under ``paths`` (default: that whole folder), less its ``exclude``;
2. else the git work tree holding the paths (the nearest folder above them with
   ``.git``), read whole;
3. else there is no root: the paths are checked on their own, as before.

The wider catalogue is used only when every path asked for exists and lies inside it
(and is not excluded from it): a folder outside the configured ``paths``, such as a
folder of deliberately broken examples, is still checked on its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from sla_lint.loader.discover import is_excluded
from sla_lint.settings import Settings


def whole_repo(settings: Settings, asked: Sequence[str], cwd: str | None = None) -> Settings:
    """``settings`` that read the repo holding ``asked`` and report on ``asked`` only.

    Unchanged when nothing was asked for (the configured paths are the catalogue), when
    no root is found, or when the paths asked for already cover the whole catalogue.
    """
    here = os.path.abspath(cwd or os.getcwd())
    wanted = [os.path.join(here, p) for p in asked]
    if not wanted or not all(os.path.exists(p) for p in wanted):
        return settings
    catalogue = _catalogue(settings, wanted, here)
    if catalogue is None or not _inside_all(wanted, catalogue, settings.config.exclude):
        return settings
    if all(_holds(wanted, c) for c in catalogue):
        return settings  # what was asked for is the whole catalogue already
    shown = tuple(_shown(c, here) for c in catalogue)
    return replace(settings, paths=shown, config=replace(settings.config, focus=tuple(asked)))


def _catalogue(settings: Settings, wanted: Sequence[str], here: str) -> list[str] | None:
    """The absolute paths of the whole catalogue, or None when no root is found."""
    if settings.root is not None:
        return [os.path.join(here, p) for p in settings.catalogue or (settings.root,)]
    root = git_root(wanted)
    return None if root is None else [root]


def git_root(paths: Sequence[str]) -> str | None:
    """The nearest folder at or above all of ``paths`` that holds ``.git``, if any."""
    folders = [p if os.path.isdir(p) else os.path.dirname(p) for p in map(os.path.realpath,
                                                                          paths)]
    try:
        directory = os.path.commonpath(folders)
    except ValueError:  # different drives, on Windows
        return None
    while not os.path.exists(os.path.join(directory, ".git")):
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent
    return directory


def _inside_all(wanted: Sequence[str], catalogue: Sequence[str],
                exclude: Sequence[str]) -> bool:
    """True when each path asked for is in the catalogue and not excluded from it."""
    return all(any(_within(path, top) and not _excluded(path, top, exclude)
                   for top in catalogue) for path in wanted)


def _excluded(path: str, top: str, exclude: Sequence[str]) -> bool:
    """True when ``path`` or a folder between it and ``top`` matches an exclude glob."""
    top = os.path.abspath(top)
    current = os.path.abspath(path)
    while _within(current, top) and current != top:
        if is_excluded(current, top, exclude):
            return True
        current = os.path.dirname(current)
    return False


def _holds(wanted: Sequence[str], top: str) -> bool:
    """True when ``top`` lies inside one of the paths asked for."""
    return any(_within(top, path) for path in wanted)


def _within(path: str, folder: str) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _shown(path: str, here: str) -> str:
    """``path`` relative to the current folder where possible, as users see paths."""
    try:
        return os.path.relpath(path, here)
    except ValueError:  # another drive, on Windows
        return path
