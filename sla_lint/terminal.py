r"""Make text from policy files safe to show on a terminal: control characters become escapes.

A title, a name or a duration is whatever its author typed, and a terminal obeys the
control characters in what it prints: an ANSI escape (``ESC [``) can recolour, move the
cursor or rewrite earlier lines, a carriage return overwrite the start of a line, a
right-to-left override reverse what a reader sees. Every report meant for people passes
such text through :func:`escape_controls`, which shows each of these characters as a
visible escape (``\x1b``, ``\u202e``) instead.
"""

from __future__ import annotations

import unicodedata

# directional formatting characters (the "Trojan Source" ones) and the line separators
_INVISIBLE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                       "\u2069\u2028\u2029")


def _unsafe(char: str) -> bool:
    return char in _INVISIBLE or unicodedata.category(char) == "Cc"


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    r"""``text`` with C0/C1 control characters and bidi overrides as visible escapes.

    Characters in ``keep`` (e.g. ``"\n"`` for a multi-line answer) are left as they are.

    >>> escape_controls("\x1b[31mred\x1b[0m")
    '\\x1b[31mred\\x1b[0m'
    >>> escape_controls("a\tb\nc", keep="\n")
    'a\\x09b\nc'
    """
    if text.isprintable():
        return text
    return "".join(_escape(c) if c not in keep and _unsafe(c) else c for c in text)
