"""Inline suppressions: ``# sla-lint: ignore[CODE, ...] reason`` comments, applied after the rules.

A directive on a line of its own covers the first line below it that is not a comment;
one after a value covers its own line; ``ignore-file[CODE, ...]`` anywhere covers the
whole file. Comments are found with the YAML scanner, so a ``#`` inside a quoted or block
scalar is never taken for one. Suppressions that match nothing, or that name no rule,
are reported themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import yaml

from sla_lint import registry
from sla_lint.config import LintConfig
from sla_lint.diagnostics import Diagnostic, Finding, Location, Severity
from sla_lint.suggest import did_you_mean

UNUSED = registry.declare("SLA012", "unused-suppression", Severity.WARNING, """
    A ``# sla-lint: ignore[...]`` comment suppresses nothing.

    Why: a suppression outlives the problem it hid; left in place, it would silently hide
    the next, different problem with the same code on that line. Remove it, or move it to
    the line the finding is reported on (or the line just above). A code that this run
    does not check (``--select``, ``ignore``, ``per-file-ignores``) is not reported.

    Bad:
        targets:   # sla-lint: ignore[SLA405] agreed with the service office
          P1: {response: 15m, resolution: 4h}      # within every limit

    Good:
        targets:
          # sla-lint: ignore[SLA405] on call only in office hours until June; agreed
          P1: {response: 2h, resolution: 1d}
    """)

INVALID = registry.declare("SLA013", "invalid-suppression", Severity.WARNING, """
    A ``# sla-lint:`` comment is malformed or names a code that is not a rule.

    Why: a suppression with a typo in its code suppresses nothing, and the finding it was
    meant to hide is still reported; worse, the reader believes it is handled. Write
    ``# sla-lint: ignore[CODE, ...] reason`` (one line) or ``# sla-lint:
    ignore-file[CODE, ...] reason`` (the whole file), with codes such as ``SLA305`` or
    rule names such as ``redirect-not-in-scope`` (``sla-lint rules`` lists them).

    Bad:
        # sla-lint: ignore[SLA3O5] the redirect is new, HR adds the item next week
        # sla-lint: ignore the whole thing

    Good:
        # sla-lint: ignore[SLA305] the redirect is new, HR adds the item next week
    """)

_MARKER = re.compile(r"#\s*sla-lint:\s*")
_DIRECTIVE = re.compile(r"(?P<kind>ignore-file|ignore)\s*\[(?P<codes>[^\]]*)\]")
_CODE = re.compile(r"[^,\s]+")
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as the parser counts
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: the same marks, far faster
_MAX_FLOW_DEPTH = 64  # the loader refuses deeper nesting (SLA009)
_Span = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class CodeRef:
    """One code named by a directive: what was written, where, and the rule it names."""

    written: str
    location: Location
    code: str | None  # None: no such rule


@dataclass(frozen=True)
class Directive:
    """A parsed ``# sla-lint: ignore...`` comment."""

    path: str
    lines: frozenset[int]  # the lines it covers; empty for a whole-file directive
    whole_file: bool
    codes: tuple[CodeRef, ...]

    def covers(self, diag: Diagnostic) -> bool:
        """True when ``diag`` is on a line (or in the file) this directive covers."""
        return self.whole_file or diag.line in self.lines


@dataclass(frozen=True)
class Parsed:
    """The directives of one file, and the malformed ones as findings."""

    directives: tuple[Directive, ...]
    problems: tuple[Diagnostic, ...]


def apply(diags: Sequence[Diagnostic], texts: Iterable[tuple[str, str]],
          config: LintConfig) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Drop suppressed diagnostics; return (kept, problems with the suppressions themselves)."""
    parsed = {path: parse(path, text) for path, text in texts}
    used: set[Location] = set()
    kept: list[Diagnostic] = []
    for diag in diags:
        hits = _hits(parsed.get(diag.path), diag)
        used.update(hits)
        if not hits:
            kept.append(diag)
    problems = [p for found in parsed.values() for p in found.problems]
    problems.extend(_unused(parsed.values(), used, config))
    return kept, problems


def _hits(found: Parsed | None, diag: Diagnostic) -> set[Location]:
    """Where the codes of the directives that suppress ``diag`` are written."""
    if found is None:
        return set()
    return {ref.location for d in found.directives if d.covers(diag)
            for ref in d.codes if ref.code == diag.code}


def _unused(found: Iterable[Parsed], used: set[Location],
            config: LintConfig) -> Iterator[Diagnostic]:
    for parsed in found:
        for directive in parsed.directives:
            for ref in directive.codes:
                if ref.code is None or ref.location in used:
                    continue
                if config.enabled(ref.code) and not config.ignored_in(directive.path, ref.code):
                    yield UNUSED.stamp(Finding(_unused_message(directive, ref), ref.location))


def _unused_message(directive: Directive, ref: CodeRef) -> str:
    where = "in this file" if directive.whole_file else f"on line {min(directive.lines)}"
    return (f"this suppression of {ref.code} hides nothing: there is no {ref.code} {where};"
            " remove it, or put it on (or just above) the line the finding is reported on")


def parse(path: str, text: str) -> Parsed:
    """Every ``# sla-lint:`` directive in ``text`` (the file at ``path``)."""
    if "sla-lint:" not in text:
        return Parsed((), ())
    lines = _BREAK.split(text)
    spans = _scalar_spans(text)
    directives: list[Directive] = []
    problems: list[Diagnostic] = []
    for index, line in enumerate(lines):
        start = _comment_start(line, index, spans)
        if start is None:
            continue
        marker = _MARKER.search(line, start)
        if marker is None:
            continue
        where = Location(path, index + 1, marker.start() + 1)
        found = _directive(path, line, marker.end(), where, _covered(lines, index, start))
        if isinstance(found, Directive):
            directives.append(found)
            problems.extend(_unknown_codes(found))
        else:
            problems.append(found)
    return Parsed(tuple(directives), tuple(problems))


def _scalar_spans(text: str) -> list[_Span]:
    """Where scalars are, as ((line, column), (line, column)) 0-based, end exclusive.

    Scanning stops at the first syntax error; past it, a ``#`` after white space counts
    as a comment, which is what YAML would most likely have meant.
    """
    spans: list[_Span] = []
    depth = 0  # scanners check every open flow level per token: stop where the loader does
    try:
        for token in yaml.scan(text, Loader=_SCANNER):
            if isinstance(token, yaml.ScalarToken):
                spans.append(_span(token))
            elif isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
                if depth > _MAX_FLOW_DEPTH:
                    break
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return spans


def _span(token: yaml.ScalarToken) -> _Span:
    start, end = token.start_mark, token.end_mark
    if token.style in ("|", ">"):  # a comment may follow the indicator; content starts below
        return (start.line + 1, 0), (end.line, end.column)
    return (start.line, start.column), (end.line, end.column)


def _comment_start(line: str, index: int, spans: Sequence[_Span]) -> int | None:
    """The column where the comment of ``line`` starts, if it has one."""
    if "sla-lint:" not in line:
        return None
    for column, char in enumerate(line):
        if char != "#" or (column and line[column - 1] not in " \t"):
            continue
        if not any(lo <= (index, column) < hi for lo, hi in spans):
            return column
    return None


def _covered(lines: Sequence[str], index: int, start: int) -> frozenset[int]:
    """The 1-based lines a directive at ``lines[index][start:]`` covers."""
    if lines[index][:start].strip():
        return frozenset({index + 1})
    below = index + 1
    while below < len(lines) and lines[below].lstrip().startswith("#"):
        below += 1
    return frozenset({below + 1})


def _directive(path: str, line: str, at: int, where: Location,
               lines: frozenset[int]) -> Directive | Diagnostic:
    found = _DIRECTIVE.match(line, at)
    if found is None:
        return INVALID.stamp(Finding(
            f"cannot read this sla-lint comment {line[at:].strip()[:40]!r}: write"
            " `# sla-lint: ignore[CODE, ...] reason` (or ignore-file[...] for the whole file)",
            where))
    codes = tuple(_code_ref(path, where.line, found.start("codes") + m.start(), m.group())
                  for m in _CODE.finditer(found.group("codes")))
    if not codes:
        return INVALID.stamp(Finding(
            "this suppression names no code: list the codes it is for, e.g. ignore[SLA305]",
            where))
    whole_file = found.group("kind") == "ignore-file"
    return Directive(path, frozenset() if whole_file else lines, whole_file, codes)


def _code_ref(path: str, line: int, column: int, written: str) -> CodeRef:
    rule = registry.lookup(written)
    return CodeRef(written, Location(path, line, column + 1), rule.code if rule else None)


def _unknown_codes(directive: Directive) -> Iterator[Diagnostic]:
    for ref in directive.codes:
        if ref.code is None:
            yield INVALID.stamp(Finding(
                f"{ref.written!r} in this suppression is not a rule code or name"
                f"{_hint(ref.written)}", ref.location))


def _hint(written: str) -> str:
    """A likely typo (SLA3O5, unknwn-key) gets a suggestion; a well-formed unknown code none."""
    fallback = "; `sla-lint rules` lists the codes"
    word = written.upper()
    if word.startswith("SLA") and not registry.CODE_RE.match(word):
        digits = word[3:].translate(str.maketrans("OIL", "011"))  # letters typed for digits
        found = registry.lookup("SLA" + digits) if digits.isdigit() else None
        return f"; did you mean {found.code!r}?" if found else fallback
    if word.startswith("SLA"):
        return fallback
    return did_you_mean(written.lower(), [r.slug for r in registry.all_rules()]) or fallback
