"""Find the YAML files under the paths given, in sorted order, without leaving the tree."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from sla_lint.diagnostics import Diagnostic, Finding, Location
from sla_lint.loader import codes
from sla_lint.registry import Rule

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
    ".tox", ".nox", ".mypy_cache", ".ruff_cache", ".pytest_cache",
})


@dataclass(frozen=True)
class SourceFile:
    """A file to load: the path as shown to users and the path on disk."""

    display: str
    fs_path: str


@dataclass(frozen=True)
class Discovery:
    """What discovery found: files to load and problems met on the way."""

    files: tuple[SourceFile, ...]
    problems: tuple[Diagnostic, ...]


def discover(paths: Sequence[str], excludes: Sequence[str] = ()) -> Discovery:
    """List YAML files under ``paths`` (files or directories), sorted by display path."""
    files: dict[str, SourceFile] = {}
    problems: list[Diagnostic] = []
    for given in paths or ["."]:
        root = os.path.realpath(given)
        for item in _walk(given, root, excludes):
            if isinstance(item, SourceFile):
                files.setdefault(item.display, item)
            else:
                problems.append(item)
    ordered = tuple(files[k] for k in sorted(files))
    return Discovery(ordered, tuple(sorted(problems)))


def _walk(
    given: str, root: str, excludes: Sequence[str]
) -> Iterator[SourceFile | Diagnostic]:
    if not os.path.lexists(given):
        yield _problem(codes.UNREADABLE, given, "this path does not exist")
        return
    if not os.path.isdir(given) or (os.path.islink(given) and not _inside(given, root)):
        yield from _check_file(given, given, root, explicit=True)
        return
    for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if _keep_dir(dirpath, d, given, excludes))
        yield from _yaml_dirs(dirpath, dirnames, given, excludes)
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.endswith(YAML_SUFFIXES) and not is_excluded(path, given, excludes):
                yield from _check_file(path, shown(path, given), root, explicit=False)


def _yaml_dirs(
    dirpath: str, dirnames: list[str], given: str, excludes: Sequence[str]
) -> Iterator[Diagnostic]:
    """Report (and do not descend into) directories named like YAML files."""
    for d in [d for d in dirnames if d.endswith(YAML_SUFFIXES)]:
        dirnames.remove(d)
        path = os.path.join(dirpath, d)
        if not is_excluded(path, given, excludes):
            yield _problem(codes.UNREADABLE, shown(path, given),
                           "this is a directory named like a YAML file; rename it or exclude it")


def shown(path: str, given: str) -> str:
    """The path as users see it: under ``.`` without the leading ``./``."""
    if given in (".", "./") and path.startswith("./"):
        return path[2:]
    return path


def _keep_dir(dirpath: str, name: str, given: str, excludes: Sequence[str]) -> bool:
    path = os.path.join(dirpath, name)
    if name in SKIPPED_DIRS or os.path.exists(os.path.join(path, "pyvenv.cfg")):
        return False
    return not is_excluded(path, given, excludes)


def _check_file(
    path: str, display: str, root: str, explicit: bool
) -> Iterator[SourceFile | Diagnostic]:
    if os.path.islink(path):
        target = os.path.realpath(path)
        if not os.path.exists(path):
            yield _problem(codes.UNREADABLE, display,
                           "this file is a broken symbolic link: its target is missing")
            return
        if not explicit and not _inside(target, root):
            yield _problem(codes.LINK_OUTSIDE, display,
                           "this link points outside the checked tree; it was not followed")
            return
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        yield _problem(codes.UNREADABLE, display, f"this file cannot be read: {exc.strerror}")
        return
    if stat.S_ISDIR(mode):
        yield _problem(codes.UNREADABLE, display, "this is a directory, not a YAML file")
    elif not stat.S_ISREG(mode):
        yield _problem(codes.UNREADABLE, display,
                       "this is not a regular file (a pipe or a device); it was not read")
    else:
        yield SourceFile(display, path)


def _inside(path: str, root: str) -> bool:
    root_dir = root if os.path.isdir(root) else os.path.dirname(root)
    return os.path.commonpath([os.path.realpath(path), root_dir]) == root_dir


def is_excluded(path: str, given: str, excludes: Sequence[str]) -> bool:
    """True when ``path`` (found under ``given``) matches an exclude glob."""
    if not excludes:
        return False
    rel = os.path.relpath(path, given).replace(os.sep, "/")
    full = path.replace(os.sep, "/")
    absolute = os.path.abspath(path).replace(os.sep, "/")  # config files give absolute globs
    parts = rel.split("/")
    for pattern in excludes:
        pat = pattern.rstrip("/")
        if any(fnmatch.fnmatch(form, pat) for form in (rel, full, absolute)):
            return True
        if any(fnmatch.fnmatch(p, pat) for p in parts):
            return True
    return False


def _problem(rule: Rule, display: str, text: str) -> Diagnostic:
    return rule.stamp(Finding(text, Location(display, 1, 1)))


@dataclass(frozen=True)
class Focused:
    """A discovery relabelled for the paths asked for, and the files (as shown) they cover."""

    discovery: Discovery
    shown: frozenset[str]


def focus(found: Discovery, asked: Sequence[str]) -> Focused:
    """Show the files under the paths ``asked`` as the user wrote those paths.

    The whole repo was discovered from its root (``../departments/hr.yaml`` seen from
    ``departments/``); a file under an asked path ``hr.yaml`` or ``.`` is shown as the
    user gave it (``hr.yaml``), so reports say what the user typed. Other files keep
    their names, for related locations that point outside what was asked.
    """
    roots = [(given, os.path.abspath(given), os.path.realpath(given)) for given in asked]
    files: dict[str, tuple[SourceFile, str | None]] = {}
    for source in found.files:  # a link and its target may both come out as one name
        refocused = _refocused(source, roots)
        files.setdefault(refocused[0].display, refocused)
    problems = [_refocused_problem(p, roots) for p in found.problems]
    covered = {inside for _, inside in files.values() if inside} | {
        inside for _, inside in problems if inside}
    kept = Discovery(tuple(files[k][0] for k in sorted(files)),
                     tuple(sorted(p for p, _ in problems)))
    return Focused(kept, frozenset(covered))


def _under(path: str, roots: Sequence[tuple[str, str, str]]) -> str | None:
    """``path`` as shown under the first asked path that holds it, or None.

    Compared as written first, then with links resolved (``/tmp`` may be a link).
    """
    for form, index in ((os.path.abspath(path), 1), (os.path.realpath(path), 2)):
        for root in roots:
            if form == root[index]:
                return root[0]
            if form.startswith(root[index].rstrip(os.sep) + os.sep):
                return shown(os.path.join(root[0], os.path.relpath(form, root[index])),
                             root[0])
    return None


def _tidy(display: str) -> str:
    """A relative path without detours (``../departments/hr.yaml`` -> ``hr.yaml``)."""
    if os.path.isabs(display):
        return display
    return shown(os.path.relpath(os.path.abspath(display)), ".")


def _refocused(found: SourceFile, roots: Sequence[tuple[str, str, str]]
               ) -> tuple[SourceFile, str | None]:
    display = _under(found.fs_path, roots)
    if display is None:
        return SourceFile(_tidy(found.display), found.fs_path), None
    return SourceFile(display, found.fs_path), display


def _refocused_problem(problem: Diagnostic, roots: Sequence[tuple[str, str, str]]
                       ) -> tuple[Diagnostic, str | None]:
    display = _under(problem.path, roots)
    if display is None:
        display = _tidy(problem.path)
        return replace(problem, location=problem.location._replace(path=display)), None
    return replace(problem, location=problem.location._replace(path=display)), display
