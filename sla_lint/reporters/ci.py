"""What the CI report formats share: repository paths, stable fingerprints, rule facts."""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import quote

from sla_lint.diagnostics import Diagnostic

PROJECT_URL = "https://github.com/acme/sla-lint"
RULES_URL = f"{PROJECT_URL}/blob/main/docs/rules.md"

# A place named inside a message ("at departments/it.yaml:12:9", "first at line 18") moves
# when lines are added above it; fingerprints must not.
_PLACE_IN_TEXT = re.compile(r"(\.ya?ml):\d+(?::\d+)?")
_LINE_IN_TEXT = re.compile(r"\b(lines?|columns?) \d+")
_RST_CODE = re.compile(r"``([^`\n]+)``")


def repo_path(path: str) -> str:
    """``path`` relative to the working directory, with forward slashes, when it lies inside.

    sla-lint runs from the root of the repository in CI, so this is the path that code
    scanning, GitLab and links expect. A path outside stays absolute.
    """
    if os.path.isabs(path):
        inside = os.path.relpath(path)
        if inside == os.pardir or inside.startswith(os.pardir + os.sep):
            return printable(PurePath(path).as_posix())
        path = inside
    return printable(posixpath.normpath(PurePath(path).as_posix()))


def uri_of(path: str) -> str:
    """A URI reference for a repository path: percent-encoded, or ``file:`` when absolute."""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(path, safe="/")


def stable_message(message: str) -> str:
    """The message without the line and column numbers it names."""
    return _LINE_IN_TEXT.sub(r"\1 N", _PLACE_IN_TEXT.sub(r"\1", message))


def fingerprints(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One stable hash per diagnostic: code, file and message, never the line.

    Identical findings in one file are told apart by their order, so every hash in a
    report is unique and a line shift above a finding keeps its hash.
    """
    seen: Counter[str] = Counter()
    out = []
    for diag in diagnostics:
        key = "\0".join((diag.code, repo_path(diag.path), stable_message(diag.message)))
        raw = f"{key}\0{seen[key]}".encode("utf-8", "surrogatepass")
        out.append(hashlib.sha256(raw).hexdigest())
        seen[key] += 1
    return out


def printable(text: str) -> str:
    """``text`` with control characters (but new lines and tabs) and lone surrogates as U+FFFD.

    Lone surrogates come from file names that are not UTF-8; they cannot be written to a
    UTF-8 report, and control characters have no business in one. Text that Python calls
    printable has no such character (every ``C*`` category is unprintable) and is
    returned as it is, at C speed; the rest goes through :func:`printable_careful`.
    """
    return text if text.isprintable() else printable_careful(text)


def printable_careful(text: str) -> str:
    """:func:`printable`, one character at a time (a test holds the two equal)."""
    return "".join(ch if ch in "\n\t" or not unicodedata.category(ch).startswith("C")
                   else "\ufffd" for ch in text)


def plain_doc(text: str) -> str:
    """Rule documentation with reStructuredText's double-backquoted code made Markdown's."""
    return _RST_CODE.sub(r"`\1`", text)


def rule_anchor(code: str, slug: str) -> str:
    """The link to a rule's section of docs/rules.md."""
    return f"{RULES_URL}#{code.lower()}-{slug}"
