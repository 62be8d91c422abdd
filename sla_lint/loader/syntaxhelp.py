"""Plain words for common YAML mistakes: what happened, where, and what to write instead.

The parsers' own messages ("found character that cannot start any token") are written for
programmers, and often point a line after the mistake. Here the text around the parser's
marks is read again to recognise the mistakes people make most (a value starting with a
YAML indicator, a tab, ``#`` inside brackets, indentation off by a step, an unclosed bracket
or quote, a missing space after ``:``). Only the characters at the marks and the parser's
context (``while parsing a flow mapping``, the same in libyaml and the pure-Python parser)
are relied on, never the exact wording of one libyaml version.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import yaml

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_KEY = r"[A-Za-z0-9_][\w.-]*"
_KEY_START = re.compile(rf"^(\s*(?:-\s+)*)({_KEY})\s*:(?=\s|$)")
_TIGHT_KEY = re.compile(rf"^(\s*(?:-\s+)*)({_KEY}):(?=[^\s:/])")
_INDICATORS = {
    "@": "@ is reserved in YAML",
    "`": "` is reserved in YAML",
    "%": "% starts a directive in YAML",
    "*": "* marks an alias (a reference to an anchor) in YAML",
    "&": "& names an anchor in YAML",
    "!": "! marks a tag in YAML",
}
_CLOSERS = {"[": "]", "{": "}"}
_SCANNED = 100_000  # characters read again to find a # inside brackets
_SHOWN = 120  # characters of a suggested line shown in a message
_KINDS = {"[": "list", "{": "mapping"}


@dataclass(frozen=True)
class Advice:
    """What to tell a person about a syntax error, and where (0-based line and column)."""

    message: str
    line: int
    column: int


@dataclass(frozen=True)
class _Error:
    """The text and the parser's marks and context for one syntax error."""

    lines: Sequence[str]
    context: str
    problem: str
    line: int
    column: int
    context_line: int
    context_column: int

    def text(self, line: int) -> str:
        """Line ``line`` of the file, or "" past either end."""
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def char(self, line: int, column: int) -> str:
        text = self.text(line)
        return text[column] if 0 <= column < len(text) else ""


def advise(text: str, exc: yaml.MarkedYAMLError) -> Advice | None:
    """Plain advice for a common mistake behind ``exc``, or None when it is not recognised."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    where = exc.context_mark or mark
    error = _Error(_BREAK.split(text), exc.context or "", exc.problem or "", mark.line,
                   mark.column, where.line, where.column)
    for check in _CHECKS:
        advice = check(error)
        if advice is not None:
            return advice
    return None


def quoted(value: str) -> str:
    """``value`` as a YAML quoted string: double quotes unless it holds a quote or backslash."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _value_end(line: str, start: int, in_flow: bool) -> int:
    """Where a value starting at ``start`` ends: a comment, or in brackets a , ] or }."""
    end = len(line)
    comment = line.find(" #", start)
    if comment >= 0:
        end = comment
    if in_flow:
        for stop in ",]}":
            found = line.find(stop, start, end)
            if found >= 0:
                end = found
    return len(line[:end].rstrip())


def _quote_at(line: str, start: int) -> str:
    """The line with the value starting at ``start`` put in quotes, without its indent."""
    in_flow = _flow_depth(line[:start]) > 0
    end = max(_value_end(line, start, in_flow), start + 1)
    return (line[:start] + quoted(line[start:end]) + line[end:]).strip()


def _brief(line: str) -> str:
    """A suggested line without its indent, cut short when it is too long to read."""
    line = line.strip()
    return line if len(line) <= _SHOWN else line[:_SHOWN] + " ..."


def _flow_depth(text: str) -> int:
    depth = 0
    for char in text:
        depth += 1 if char in "[{" else -1 if char in "]}" else 0
    return max(depth, 0)


def _indicator(error: _Error) -> Advice | None:
    line, column = error.line, error.column
    if "alias" in error.context or "anchor" in error.context:
        line, column = error.context_line, error.context_column
    char = error.char(line, column)
    if char not in _INDICATORS or not _starts_value(error.text(line), column):
        return None
    fix = _quote_at(error.text(line), column)
    return Advice(f"a value cannot start with {char} ({_INDICATORS[char]});"
                  f" put it in quotes: {_brief(fix)}", line, column)


def _starts_value(line: str, column: int) -> bool:
    """True when only a key's colon, a dash, a bracket or a comma comes before ``column``."""
    i = column - 1
    while i >= 0 and line[i] in " \t":  # walk back: no slice, so a long line stays linear
        i -= 1
    return i < 0 or line[i] in ":-[{,"


def _tab(error: _Error) -> Advice | None:
    text = error.text(error.line)
    if error.char(error.line, error.column) != "\t" and "tab" not in error.problem:
        return None
    column = text.find("\t")
    if column < 0:
        return None
    if text[:column].strip():
        return Advice("YAML does not allow a tab here; replace it with spaces",
                      error.line, column)
    return Advice("this line is indented with a tab, and YAML allows only spaces for"
                  " indentation; replace the tab with spaces, lined up with the lines"
                  " around it", error.line, column)


def _flow_comment(error: _Error) -> Advice | None:
    if "flow" not in error.context:
        return None
    first = error.context_line
    if error.char(first, error.context_column) not in _CLOSERS:
        first = max(0, error.line - 20)
    found = _comment_in_brackets(error.lines, first, error.line)
    if found is None:
        return None
    line, column, opener = found
    fix = _quote_at(error.text(line), column)
    return Advice(f"# starts a comment in YAML, so the rest of this line was ignored and the"
                  f" {opener} before it is never closed; put the value in quotes: {_brief(fix)}",
                  line, column)


def _comment_in_brackets(lines: Sequence[str], first: int, last: int) -> tuple[
        int, int, str] | None:
    """The first ``#`` that starts a comment inside brackets, from line ``first`` to ``last``.

    Gives up past :data:`_SCANNED` characters: a hostile file gets the parser's words.
    """
    opened: list[str] = []
    if sum(len(lines[n]) for n in range(first, min(last + 1, len(lines)))) > _SCANNED:
        return None
    for number in range(first, min(last + 1, len(lines))):
        text, quote = lines[number], ""
        for column, char in enumerate(text):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"" and _starts_value(text, column):
                quote = char
            elif char == "#" and (column == 0 or text[column - 1] in " \t[{,"):
                if opened and text[:column].strip():
                    return number, column, opened[-1]
                break
            elif char in "[{" and _starts_value(text, column):
                opened.append(char)
            elif char in "]}" and opened:
                opened.pop()
    return None


def _unclosed_flow(error: _Error) -> Advice | None:
    opener = error.char(error.context_line, error.context_column)
    if "flow" not in error.context or opener not in _CLOSERS:
        return None
    if error.line == error.context_line:
        return None
    close, kind = _CLOSERS[opener], _KINDS[opener]
    return Advice(f"the {opener} that starts this {kind} is never closed (YAML was still"
                  f" looking for {close} or a comma at line {error.line + 1}); end the {kind}"
                  f" with {close}, and separate its items with commas",
                  error.context_line, error.context_column)


def _quote(error: _Error) -> Advice | None:
    if "quoted scalar" not in error.context:
        return None
    line, column = error.context_line, error.context_column
    mark = error.char(line, column)
    if "escape" in error.problem:
        text = error.text(error.line)
        slash = text.rfind("\\", 0, error.column + 1)
        value = text[column + 1:text.find(mark, slash) if mark in text[slash:] else None]
        return Advice(f'inside double quotes a backslash starts an escape code such as \\n;'
                      f" to write a backslash itself use single quotes: {_brief(quoted(value))}",
                      error.line, max(slash, 0))
    if mark not in "'\"":
        return None
    return Advice(f"the quote {mark} that starts this text is never closed; end the text"
                  f" with {mark} on the same line", line, column)


def _tight_colon(error: _Error) -> Advice | None:
    if "simple key" not in error.context and "mapping values" not in error.problem:
        return None
    line = error.context_line if "simple key" in error.context else _above(error)
    if line is None:
        return None
    found = _TIGHT_KEY.match(error.text(line))
    if found is None:
        return None
    colon = found.end() - 1
    text = error.text(line)
    return Advice(f"a key's colon needs a space after it, or YAML does not see a key;"
                  f" write {_brief(text[:colon + 1] + ' ' + text[colon + 1:])}",
                  line, colon)


def _plain_line(error: _Error) -> Advice | None:
    if "simple key" not in error.context:
        return None
    text = error.text(error.context_line)
    indent = len(text) - len(text.lstrip())
    return Advice("this line is plain text where YAML expected a key and a colon"
                  " (key: value); add the key, or if it continues the value above, indent"
                  " it further than that value's key", error.context_line, indent)


def _above(error: _Error) -> int | None:
    """The nearest line above the problem's line that holds more than a comment."""
    for number in range(error.line - 1, -1, -1):
        content = error.text(number).strip()
        if content and not content.startswith("#"):
            return number
    return None


def _colon_in_value(error: _Error) -> Advice | None:
    if "mapping values" not in error.problem:
        return None
    text = error.text(error.line)
    found = _KEY_START.match(text)
    if found is None or found.end() >= error.column:
        return None
    start = len(text) - len(text[found.end():].lstrip())
    end = _value_end(text, start, False)
    fix = text[:start] + quoted(text[start:end]) + text[end:]
    return Advice(f'a value that contains ": " must be in quotes: {_brief(fix)}',
                  error.line, error.column)


def _indent(lines: Sequence[str], number: int) -> tuple[int, str]:
    """The column of a line's first key (after any ``- ``), and words naming that line."""
    text = lines[number]
    found = _KEY_START.match(text)
    if found is not None:
        return len(found[1]), f"{found[2]!r} on line {number + 1}"
    return len(text) - len(text.lstrip()), f"line {number + 1}"


def _too_deep(error: _Error) -> Advice | None:
    if "mapping values" not in error.problem:
        return None
    above = _above(error)
    if above is None:
        return None
    text = error.text(error.line)
    mine = len(text) - len(text.lstrip())
    theirs, key = _indent(error.lines, above)
    if mine <= theirs:
        return None
    return Advice(f"this line is indented {_steps(mine)}, {_steps(mine - theirs)} more than"
                  f" {key}, so YAML reads it as part of that value; indent it"
                  f" {_steps(theirs)} to line it up", error.line, mine)


def _steps(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _misaligned(error: _Error) -> Advice | None:
    if "block" not in error.context:
        return None
    above = _above(error)
    text = error.text(error.line)
    mine = len(text) - len(text.lstrip())
    if above is None or error.column != mine:
        return None
    theirs, key = _indent(error.lines, above)
    item = error.text(above).lstrip().startswith("- ")
    if mine == len(error.text(above)) - len(error.text(above).lstrip()) and item:
        return Advice("this line is a key but the lines above are list items (\"- ...\");"
                      " start it with \"- \" to make it an item, or indent it under the item"
                      " it belongs to", error.line, mine)
    if mine == theirs:
        return None
    return Advice(f"this line is indented {_steps(mine)} but {key} is"
                  f" indented {_steps(theirs)}: lines of one mapping or list must start in the same"
                  " column; line them up", error.line, mine)


def _inner_quote(error: _Error) -> Advice | None:
    if "block" not in error.context:
        return None
    text = error.text(error.line)
    before = text[:error.column].rstrip()
    if not before.endswith("'"):
        return None
    found = _KEY_START.match(text)
    if found is None or text[found.end():].lstrip()[:1] != "'":
        return None
    start = len(text) - len(text[found.end():].lstrip())
    inner = text[start + 1:_value_end(text, start, False)].removesuffix("'")
    fix = text[:start] + "'" + inner.replace("'", "''") + "'"
    return Advice(f"the text in single quotes ends at the ' in column {len(before)}; inside"
                  f" single quotes write a ' as two: {_brief(fix)}", error.line, len(before) - 1)


_CHECKS: tuple[Callable[[_Error], Advice | None], ...] = (
    _indicator, _tab, _flow_comment, _unclosed_flow, _quote, _colon_in_value,
    _tight_colon, _plain_line, _too_deep, _inner_quote, _misaligned)
