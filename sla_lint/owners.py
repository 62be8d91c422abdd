"""CODEOWNERS from the policy repo: each file owned by the owners its documents name.

A department's file is owned by its ``metadata.owner``; the policy, and calendars that
name no owner of their own, by the policy's owner. A department without an owner falls
back to the policy's owner too, so that no promise can change without someone's
approval. Paths are relative to the repository root, with a leading ``/``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from sla_lint.diagnostics import Diagnostic, Location, Severity
from sla_lint.model import Catalogue
from sla_lint.model.catalogue import Text

HEADER = (
    "# CODEOWNERS of the policy repository, written by `sla-lint codeowners` from the",
    "# metadata.owner of each document (the policy's owner for the policy, for calendars",
    "# without an owner, and for departments without one). Do not edit it by hand: change",
    "# metadata.owner in the YAML file, then run `sla-lint codeowners -o <this file>`.",
)
CODEOWNERS_FILES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")  # GitHub's order
_OWNER = re.compile(r"^(@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")
_SPECIAL = re.compile(r"([\\ *?\[\]#!])")
_TOKEN = re.compile(r"(?:\\.|\S)+")


@dataclass(frozen=True)
class Problem:
    """Something that keeps a correct CODEOWNERS file from being written."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True)
class Entry:
    """One line of CODEOWNERS: a repository path and who owns it."""

    path: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class Ownership:
    """The lines of a CODEOWNERS file, and the problems that keep it from being right."""

    entries: tuple[Entry, ...]
    unowned: tuple[str, ...]
    problems: tuple[Problem, ...]
    kept: tuple[str, ...] = ()  # files that could not be read: their committed line is kept

    def render(self) -> str:
        """The CODEOWNERS text: header, one sorted line per file, then the unowned files."""
        lines = [*HEADER, ""]
        lines.extend(f"{_escape(e.path)} {' '.join(e.owners)}" for e in self.entries)
        if self.unowned:
            lines += ["", "# No owner (give the document a metadata.owner, or the policy one):"]
            lines.extend(f"# {_escape(path)}" for path in self.unowned)
        return "\n".join(lines) + "\n"


def ownership(catalogue: Catalogue, root: str) -> Ownership:
    """Who owns each file of ``catalogue``, with paths relative to the repository ``root``."""
    owners: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for path, owner in _claims(catalogue):
        where = _repo_path(path, root)
        if where is None:
            problems.append(Problem(Location(path), f"this file is outside the repository"
                                                    f" root {root}; run from inside it"))
            continue
        names = owners.setdefault(where, [])
        for name in _names(owner, problems):
            if name not in names:
                names.append(name)
    entries = tuple(Entry(p, tuple(n)) for p, n in sorted(owners.items()) if n)
    unowned = tuple(p for p, n in sorted(owners.items()) if not n)
    return Ownership(entries, unowned, tuple(problems))


def keep_unread(owners: Ownership, committed: str, diagnostics: Iterable[Diagnostic],
                root: str) -> Ownership:
    """Keep the committed line of each file that could not be read, rather than drop it.

    A file with a syntax or schema error gives no documents, so no owner: without this,
    ``codeowners --check`` would propose deleting the owner line of a file that is only
    broken for now.
    """
    unread = {_repo_path(d.path, root) for d in diagnostics
              if d.severity is Severity.ERROR and d.code[:4] in ("SLA0", "SLA1")}
    have = {e.path for e in owners.entries} | set(owners.unowned)
    lines = parse_codeowners(committed)
    kept = [Entry(path, lines[path]) for path in sorted(p for p in unread if p is not None)
            if path in lines and path not in have]
    if not kept:
        return owners
    entries = tuple(sorted((*owners.entries, *kept), key=lambda e: e.path))
    return replace(owners, entries=entries, kept=tuple(e.path for e in kept))


def parse_codeowners(text: str) -> dict[str, tuple[str, ...]]:
    """The owners of each path of a CODEOWNERS text (comments and blank lines skipped)."""
    found: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        tokens = _TOKEN.findall(line)
        if tokens and not tokens[0].startswith("#"):
            found[re.sub(r"\\(.)", r"\1", tokens[0])] = tuple(tokens[1:])
    return found


def _claims(catalogue: Catalogue) -> Iterator[tuple[str, Text | None]]:
    """(file, owner) for every document: its own owner, else the policy's."""
    fallback = catalogue.policy.owner if catalogue.policy else None
    for policy in catalogue.policies:
        yield policy.path, policy.owner
    for calendar in catalogue.calendars:
        yield calendar.path, calendar.owner or fallback
    for department in catalogue.departments:
        yield department.path, department.owner or fallback


def _names(owner: Text | None, problems: list[Problem]) -> Iterator[str]:
    if owner is None:
        return
    names = [n for n in re.split(r"[\s,]+", owner.value.strip()) if n]
    if not all(_OWNER.match(name) for name in names):
        problems.append(Problem(owner.loc, f"owner {owner.value!r} is not @user, @org/team or"
                                           " an e-mail address (or several, separated by"
                                           " spaces), as CODEOWNERS needs"))
        return
    yield from names


def _repo_path(path: str, root: str) -> str | None:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive, on Windows
        return None
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir:
        return None
    return "/" + rel.replace(os.sep, "/")


def _escape(path: str) -> str:
    return _SPECIAL.sub(r"\\\1", path)


def repo_root(start: str, fallback: str | None = None) -> str:
    """The nearest directory at or above ``start`` holding ``.git``; else ``fallback``/``start``."""
    directory = os.path.abspath(start)
    while not os.path.exists(os.path.join(directory, ".git")):
        parent = os.path.dirname(directory)
        if parent == directory:
            return os.path.abspath(fallback or start)
        directory = parent
    return directory


def find_codeowners(root: str) -> str | None:
    """The CODEOWNERS file GitHub would use under ``root``, if there is one."""
    for name in CODEOWNERS_FILES:
        path = os.path.join(root, *name.split("/"))
        if os.path.isfile(path):
            return path
    return None


def difference(committed: str, wanted: str, name: str) -> str:
    """A unified diff from the committed file to the generated one ("" when equal)."""
    old = committed.replace("\r\n", "\n")
    if old == wanted:
        return ""
    diff = "".join(difflib.unified_diff(
        _lines(old), _lines(wanted), fromfile=f"{name} (committed)",
        tofile=f"{name} (from metadata.owner)"))
    return diff or f"{name}: the committed file does not end with a line break\n"


def _lines(text: str) -> list[str]:
    return [line if line.endswith("\n") else line + "\n" for line in text.splitlines(True)]
