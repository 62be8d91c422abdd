"""Caps on what one file may make the loader do: values composed, and nesting while composing.

The size cap bounds the bytes of a file, not the work they cause: five megabytes of
``[a,a,a,...`` are two and a half million values, which would take minutes and gigabytes
to compose and validate. No policy file comes near :data:`MAX_VALUES` (a large department
is a few thousand values); a file that holds more is not read further.

libyaml's composer recurses in C once per level of nesting, without Python's recursion
limit: some tens of thousands of ``[`` (a 50 KB file) overflow the C stack and kill the
process. Composing stops at :data:`MAX_COMPOSE_DEPTH` levels with a ``RecursionError``,
which the loader reports as too deep (the builder's own cap, 64 levels, is far lower).

Both are counted through the hooks libyaml calls back into Python for every node: the
resolver's ``descend``/``ascend`` (depth) and ``resolve`` (values without an explicit
tag; the exact count, node by node, is taken once a document is composed). Files too short
to reach a cap are not counted, so ordinary files pay nothing. A document counts as
:data:`DOCUMENT_COST` values more, for a file of a great many tiny documents.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

MAX_VALUES = 100_000
DOCUMENT_COST = 10  # a document counts as ten values more: each is validated on its own
MAX_COMPOSE_DEPTH = 1_000  # far below the depth that overflows the C stack (tens of thousands)


class TooManyValues(Exception):
    """A file holds more than :data:`MAX_VALUES` values."""


def may_nest_too_deep(text: str) -> bool:
    """False when ``text`` cannot nest deeper than :data:`MAX_COMPOSE_DEPTH`.

    Every collection begins with a character of its own: ``[`` or ``{`` in flow style,
    a ``-`` (its first entry) for a block sequence, a ``:`` or ``?`` (its first key's)
    for a block mapping. So a text with fewer of those than the cap cannot nest that
    deep, and is composed without the depth hooks (which cost a tenth of the loading
    time of an ordinary repo).
    """
    if len(text) <= MAX_COMPOSE_DEPTH:
        return False
    openers = sum(text.count(c) for c in "[{-:?")
    return openers > MAX_COMPOSE_DEPTH


def may_exceed(text: str) -> bool:
    """False when ``text`` is too short to hold more than :data:`MAX_VALUES` values.

    A value takes at least half a character (``: `` is a mapping, its key and its value).
    """
    return 2 * len(text) + 1 > MAX_VALUES


def guarded(base: Any) -> tuple[Any, Any]:
    """Subclasses of the loader class ``base``: one bounding depth, one also counting values."""

    class Nesting(base):  # type: ignore[misc]
        """Raises ``RecursionError`` when composing goes deeper than the cap."""

        depth = 0

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            self.depth += 1
            if self.depth > MAX_COMPOSE_DEPTH:
                raise RecursionError(f"nested deeper than {MAX_COMPOSE_DEPTH} levels")
            super().descend_resolver(current_node, current_index)

        def ascend_resolver(self) -> None:
            self.depth -= 1
            super().ascend_resolver()

    class Counting(Nesting):
        """Also counts the values it resolves; raises :class:`TooManyValues` past the cap."""

        counted = 0

        def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
            self.counted += 1
            if self.counted > MAX_VALUES:
                raise TooManyValues
            return str(super().resolve(kind, value, implicit))

    return Nesting, Counting


def count_values(root: Node) -> int:
    """The cost of a document: its distinct nodes (an alias counts once) and DOCUMENT_COST."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return len(seen) + DOCUMENT_COST
