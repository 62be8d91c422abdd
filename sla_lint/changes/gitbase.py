"""Read the policy files as they are at a git revision, without touching the work tree.

``git ls-tree`` lists the files under the same paths ``check`` was given and
``git cat-file --batch`` reads their contents in one process; nothing is checked out
and nothing is written. Files get the same display paths as their work-tree copies, so
the two catalogues can be compared name by name and place by place.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

from sla_lint.loader.discover import (
    SKIPPED_DIRS,
    YAML_SUFFIXES,
    SourceFile,
    is_excluded,
    shown,
)

_TIMEOUT = 60


class BaseUnavailable(Exception):
    """The base revision cannot be read; the message says what to do."""


def _git(args: Sequence[str], cwd: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BaseUnavailable(f"git could not be run: {exc}") from exc
    if done.returncode != 0:
        raise BaseUnavailable(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout


def _top(cwd: str) -> str:
    try:
        return _git(["rev-parse", "--show-toplevel"], cwd).decode().strip()
    except BaseUnavailable as exc:
        raise BaseUnavailable(
            f"--base needs a git repository, and {os.path.abspath(cwd)} is not in one") from exc


def _verify(ref: str, top: str) -> str:
    if ref.startswith("-"):
        raise BaseUnavailable(f"{ref!r} is not a revision")
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top).decode().strip()
    except BaseUnavailable as exc:
        raise BaseUnavailable(
            f"the base revision {ref!r} is not in this clone. Fetch it first, for example"
            f" `git fetch origin main`; in GitHub Actions check out with `fetch-depth: 0`,"
            f" in GitLab CI set `GIT_DEPTH: 0`") from exc


def _listed(commit: str, top: str, prefix: str) -> list[str]:
    args = ["ls-tree", "-r", "-z", "--full-tree", "--name-only", commit]
    if prefix:
        args += ["--", prefix]
    return [p for p in _git(args, top).decode("utf-8", "surrogateescape").split("\0") if p]


def _wanted(rel: str, prefix: str, given: str, excludes: Sequence[str]) -> bool:
    if not rel.endswith(YAML_SUFFIXES):
        return False
    inner = os.path.relpath(rel, prefix) if prefix else rel
    parts = inner.split("/")
    if any(p in SKIPPED_DIRS for p in parts[:-1]):
        return False
    return not is_excluded(os.path.join(given, inner), given, excludes)


def _read(commit: str, top: str, names: list[str]) -> list[bytes]:
    if not names:
        return []
    query = "".join(f"{commit}:{n}\n" for n in names).encode("utf-8", "surrogateescape")
    out = _git(["cat-file", "--batch"], top, stdin=query)
    blobs: list[bytes] = []
    pos = 0
    for _ in names:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs.append(out[header_end + 1:header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return blobs


def base_files(paths: Sequence[str], ref: str,
               excludes: Sequence[str] = ()) -> list[tuple[SourceFile, bytes]]:
    """The YAML files under ``paths`` as they are at ``ref``, with their contents."""
    given_paths = list(paths) or ["."]
    anchor = given_paths[0] if os.path.isdir(given_paths[0]) else os.path.dirname(
        given_paths[0]) or "."
    top = _top(anchor)
    commit = _verify(ref, top)
    found: dict[str, tuple[SourceFile, str]] = {}
    for given in given_paths:
        prefix = os.path.relpath(os.path.realpath(given), os.path.realpath(top))
        prefix = "" if prefix == "." else prefix.replace(os.sep, "/")
        for rel in _listed(commit, top, prefix):
            if rel == prefix or _wanted(rel, prefix, given, excludes):
                inner = os.path.relpath(rel, prefix) if prefix and rel != prefix else rel
                display = given if rel == prefix else shown(os.path.join(given, inner), given)
                found.setdefault(display, (SourceFile(display, f"{ref}:{rel}"), rel))
    ordered = [found[k] for k in sorted(found)]
    blobs = _read(commit, top, [rel for _, rel in ordered])
    return [(source, blob) for (source, _), blob in zip(ordered, blobs, strict=True)]
