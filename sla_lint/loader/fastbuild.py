"""The loader's fast path: plain data from the nodes of an ordinary document, in one tight walk.

Almost every policy document is ordinary: no anchors or aliases, no merge keys, no
explicit tags, no duplicate or complex keys, no deep nesting. For those, the data is
exactly what the careful builder (:class:`sla_lint.loader.yamlsource._Builder`) would
make, at a fraction of the cost (one type check, one tag comparison and one store per
node). The walk gives up with :class:`Unusual` at the first thing it does not handle,
and the caller then runs the careful builder on the same nodes, which reports every
problem; so this path can only save time, never change a result. A test holds the two
equal on every fixture and on generated repos.

It also drops each node's ``end_mark``, which nothing reads: half of the position
objects of a file (about 40 MB of peak memory on the 10,000-service benchmark).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_T = "tag:yaml.org,2002:"
STR_TAG = _T + "str"
MAP_TAG = _T + "map"
SEQ_TAG = _T + "seq"
PLAIN_TAGS = frozenset({STR_TAG, "!"})
MAX_DEPTH = 64


class Unusual(Exception):
    """The document needs the careful builder."""


Scalars = dict[str, Callable[[ScalarNode], Any]]


def build_plain(root: Node, typed: Scalars) -> Any:
    """The data of ``root`` when the document is ordinary; raises :class:`Unusual` if not.

    ``typed`` maps the implicit scalar tags (int, float, bool, null, timestamp) to their
    constructors; a constructor that fails also makes the document unusual.
    """
    try:
        return _node(root, typed, 0)
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        raise Unusual from exc


def _node(node: Node, typed: Scalars, depth: int) -> Any:
    cls = node.__class__
    node.end_mark = None
    if cls is ScalarNode:
        return _scalar(node, typed)
    if depth >= MAX_DEPTH:
        raise Unusual
    if cls is MappingNode:
        if node.tag != MAP_TAG:
            raise Unusual
        return _mapping(node.value, typed, depth + 1)
    if cls is SequenceNode and node.tag == SEQ_TAG:
        return [_scalar_or_node(item, typed, depth + 1) for item in node.value]
    raise Unusual


def _scalar_or_node(node: Any, typed: Scalars, depth: int) -> Any:
    """:func:`_node`, with the common case (a plain text) answered without another call."""
    if node.__class__ is ScalarNode and node.tag in PLAIN_TAGS:
        node.end_mark = None
        return node.value
    return _node(node, typed, depth)


def _scalar(node: Any, typed: Scalars) -> Any:
    tag = node.tag
    if tag in PLAIN_TAGS:
        return node.value
    return typed[tag](node)  # KeyError for any other tag: unusual


def _mapping(pairs: list[tuple[Node, Node]], typed: Scalars, depth: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key.__class__ is not ScalarNode:
            raise Unusual
        key.end_mark = None
        tag = key.tag
        if tag not in PLAIN_TAGS and tag not in typed:
            raise Unusual  # a merge key (<<), or an explicit tag
        if value.__class__ is ScalarNode and value.tag in PLAIN_TAGS:
            value.end_mark = None
            result[str(key.value)] = value.value
        else:
            result[str(key.value)] = _node(value, typed, depth)
    if len(result) != len(pairs):
        raise Unusual  # a duplicate key: the careful builder reports it
    return result
