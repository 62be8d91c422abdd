"""The reporter interface: constructed with its stream, given one result."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from sla_lint.engine import LintResult


class Reporter:
    """Writes a lint result to the stream it was constructed with."""

    def __init__(self, stream: TextIO, color: bool = False) -> None:
        self.stream = stream
        self.color = color

    def report(self, result: LintResult) -> None:
        """Write ``result``."""
        raise NotImplementedError
