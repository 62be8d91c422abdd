"""Read one YAML file safely into plain data, keeping the position of every node.

Only scalars, sequences and mappings are ever built (never arbitrary objects). Keys
are kept as the text written, so ``on:`` or ``2027:`` never change meaning. Every
problem becomes a diagnostic; nothing raised by PyYAML escapes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sla_lint.diagnostics import Diagnostic, Finding, Location, Related
from sla_lint.loader import budget, codes, syntaxhelp
from sla_lint.loader.discover import SourceFile
from sla_lint.loader.fastbuild import Unusual, build_plain
from sla_lint.loader.fastresolve import loader_class
from sla_lint.registry import Rule

_Loader: Any = loader_class()
_NESTING, _COUNTING = budget.guarded(_Loader)  # for files long enough to reach a cap
_CONSTRUCT = SafeConstructor()
_T = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_T + "str", _T + "map", _T + "seq", "!"}
_TYPED: dict[str, Callable[[ScalarNode], Any]] = {
    _T + "int": _CONSTRUCT.construct_yaml_int,
    _T + "float": _CONSTRUCT.construct_yaml_float,
    _T + "bool": _CONSTRUCT.construct_yaml_bool,
    _T + "null": _CONSTRUCT.construct_yaml_null,
    _T + "timestamp": lambda node: node.value,  # dates stay text; the schema checks them
}
MERGE_TAG = _T + "merge"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_GROWTH = 100_000
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as its parsers count


class _Abort(Exception):
    """Stops building a document after a fatal finding."""

    def __init__(self, rule: Rule, finding: Finding) -> None:
        super().__init__(finding.message)
        self.rule = rule
        self.finding = finding


def node_location(path: str, node: Node) -> Location:
    """The 1-based position where ``node`` starts."""
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass(frozen=True)
class Document:
    """One sla-lint document of a file: its data and the nodes it was built from."""

    path: str
    index: int
    root: MappingNode
    data: dict[str, Any]
    plain: bool = False  # built on the fast path: no merge or duplicate keys (fastbuild)

    def node_at(self, keys: Sequence[str | int], key: bool = False) -> Node | None:
        """The node at a JSON path (or the key node of its last step), if present."""
        node: Node = self.root
        for i, step in enumerate(keys):
            found = _child(node, step, key and i == len(keys) - 1)
            if found is None:
                return None
            node = found
        return node

    def location(self, keys: Sequence[str | int], key: bool = False) -> Location:
        """The position of the node at ``keys``, or of its nearest existing parent."""
        for depth in range(len(keys), -1, -1):
            node = self.node_at(keys[:depth], key=key and depth == len(keys))
            if node is not None:
                return node_location(self.path, node)
        return Location(self.path, 1, 1)


def _child(node: Node, step: str | int, want_key: bool) -> Node | None:
    if isinstance(node, SequenceNode) and isinstance(step, int):
        return node.value[step] if 0 <= step < len(node.value) else None
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.tag != MERGE_TAG and k.value == step:
            return k if want_key else v
    for k, v in node.value:
        if k.tag == MERGE_TAG:
            for source in v.value if isinstance(v, SequenceNode) else [v]:
                hit = _child(source, step, want_key)
                if hit is not None:
                    return hit
    return None


@dataclass(frozen=True)
class LoadedFile:
    """A file after loading: its sla-lint documents and any problems."""

    source: SourceFile
    text: str = ""
    documents: tuple[Document, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def incomplete(self) -> bool:
        """True when part of the file could not be read (it may define names)."""
        return any(d.code in _FATAL for d in self.diagnostics)


_FATAL = frozenset(r.code for r in (
    codes.YAML_SYNTAX, codes.NOT_UTF8, codes.FILE_TOO_LARGE, codes.ALIAS_EXPANSION,
    codes.UNSAFE_TAG, codes.UNREADABLE, codes.TOO_DEEP))


def load_file(source: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedFile:
    """Read, decode, compose and build every sla-lint document in ``source``."""
    raw = _read_bytes(source, max_bytes)
    if isinstance(raw, Diagnostic):
        return LoadedFile(source, diagnostics=(raw,))
    return load_bytes(source, raw, max_bytes)


def load_bytes(source: SourceFile, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedFile:
    """Decode, compose and build the documents of a file's bytes (read from disk or git)."""
    text = _decode(source, raw, max_bytes)
    if isinstance(text, Diagnostic):
        return LoadedFile(source, diagnostics=(text,))
    docs: list[Document] = []
    diags: list[Diagnostic] = []
    ordinary = "&" not in text  # no anchor, so no alias: no value is shared
    for index, node in enumerate(_compose_all(source.display, text, diags)):
        if _is_ours(node):
            doc = _build_document(source.display, index, node, diags, ordinary)
            if doc is not None:
                docs.append(doc)
    return LoadedFile(source, text, tuple(docs), tuple(diags))


def _read_bytes(source: SourceFile, max_bytes: int) -> bytes | Diagnostic:
    try:
        if os.stat(source.fs_path).st_size > max_bytes:
            return _too_large(source, max_bytes)
        with open(source.fs_path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        message = f"this file cannot be read: {exc.strerror or exc}"
        return codes.UNREADABLE.stamp(Finding(message, Location(source.display, 1, 1)))


def _decode(source: SourceFile, raw: bytes, max_bytes: int) -> str | Diagnostic:
    if len(raw) > max_bytes:
        return _too_large(source, max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        body = bytes(exc.object)  # what utf-8-sig decoded: the bytes after a BOM
        return codes.NOT_UTF8.stamp(Finding(_decode_message(body, exc), _byte_location(
            source.display, body, exc.start)))


def _too_large(source: SourceFile, max_bytes: int) -> Diagnostic:
    message = (f"this file is larger than the {max_bytes:,}-byte cap and was not read;"
               " split it, or raise the cap with --max-file-size")
    return codes.FILE_TOO_LARGE.stamp(Finding(message, Location(source.display, 1, 1)))


def _decode_message(raw: bytes, exc: UnicodeDecodeError) -> str:
    bad = raw[exc.start:exc.end].hex(" ")
    return (f"byte(s) {bad} are not UTF-8 text; save the file as UTF-8"
            " (it may have been saved as Latin-1 or Windows-1252)")


def _byte_location(path: str, raw: bytes, offset: int) -> Location:
    before = raw[:offset].decode("utf-8", "replace")  # valid: the first bad byte is at offset
    return _char_location(path, before, len(before))


def _compose_all(path: str, text: str, diags: list[Diagnostic]) -> Iterator[Node]:
    counted = budget.may_exceed(text)
    deep = budget.may_nest_too_deep(text)
    loader = (_COUNTING if counted else _NESTING if deep else _Loader)(text)
    values = 0
    try:
        while loader.check_node():
            node = loader.get_node()
            values += budget.count_values(node) if counted and node is not None else 0
            if values > budget.MAX_VALUES:
                raise budget.TooManyValues
            if node is not None:
                yield node
    except budget.TooManyValues:
        diags.append(codes.FILE_TOO_LARGE.stamp(Finding(
            f"this file holds more than {budget.MAX_VALUES:,} YAML values (each document"
            f" counting as {budget.DOCUMENT_COST} more; a policy file holds a few thousand);"
            " it was not read further: split it", Location(path, 1, 1))))
    except yaml.YAMLError as exc:
        too_deep = _too_deep(path, text) if deep else None
        if too_deep is not None:  # some libyaml versions stop deep nesting as a syntax error
            diags.append(codes.TOO_DEEP.stamp(Finding(
                f"nesting deeper than {MAX_DEPTH} levels", too_deep)))
        else:
            diags.append(codes.YAML_SYNTAX.stamp(_syntax_finding(path, text, exc)))
    except RecursionError:
        diags.append(codes.TOO_DEEP.stamp(Finding(
            f"nesting deeper than {MAX_DEPTH} levels", _deep_location(path, text))))
    finally:
        loader.dispose()


def _syntax_finding(path: str, text: str, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    advice = syntaxhelp.advise(text, exc) if isinstance(exc, yaml.MarkedYAMLError) else None
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts bytes, PyYAML characters: find the character ourselves
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        where = _char_location(path, text, found.start() if found else 0)
    elif advice is not None:
        where = _clamp(path, text, advice.line + 1, advice.column + 1)
    elif mark is not None:
        where = _clamp(path, text, mark.line + 1, mark.column + 1)
    else:
        where = Location(path, 1, 1)
    message = _syntax_message(exc)
    if advice is not None:
        message = f"{advice.message} ({message.replace('YAML syntax error', 'YAML parser')})"
    return Finding(message, where)


def _clamp(path: str, text: str, line: int, column: int) -> Location:
    """Keep a parser's position inside the file (it may point just past the end)."""
    lines = _BREAK.split(text)
    line = min(max(line, 1), len(lines))
    return Location(path, line, min(max(column, 1), len(lines[line - 1]) + 1))


def _syntax_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return f"the control character U+{char:04X} is not allowed in YAML; remove it"
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [exc.context, exc.problem]
        text = ", ".join(p for p in parts if p)
        return f"YAML syntax error: {text}" if text else "YAML syntax error"
    return f"YAML syntax error: {exc}"


def _char_location(path: str, text: str, offset: int) -> Location:
    """The position of ``text[offset]``, lines counted at every YAML line break."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, offset):
        line, start = line + 1, found.end()
    return Location(path, line, offset - start + 1)


def _deep_location(path: str, text: str) -> Location:
    return _too_deep(path, text) or Location(path, 1, 1)


def _too_deep(path: str, text: str) -> Location | None:
    """Where ``text`` first nests deeper than :data:`MAX_DEPTH`, if it does before any error.

    Read with the pure-Python parser, which stops at the first level too many whatever
    nesting limit the installed libyaml has of its own (0.2.5 has none, newer ones do).
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:
                    mark = event.start_mark
                    return Location(path, mark.line + 1, mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _is_ours(node: Node) -> TypeGuard[MappingNode]:
    if not isinstance(node, MappingNode):
        return False
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "apiVersion":
            return isinstance(value, ScalarNode) and str(value.value).startswith("sla-lint/")
    return False


def _build_document(
    path: str, index: int, root: MappingNode, diags: list[Diagnostic], ordinary: bool = False
) -> Document | None:
    if ordinary:
        try:
            return Document(path, index, root, build_plain(root, _TYPED), plain=True)
        except Unusual:
            pass  # the careful builder reports what is unusual, if it is a problem
    builder = _Builder(path)
    try:
        data = builder.build(root, 0)
    except _Abort as stop:
        diags.extend(builder.diagnostics)
        diags.append(stop.rule.stamp(stop.finding))
        return None
    diags.extend(builder.diagnostics)
    return Document(path, index, root, data)


class _Builder:
    """Builds plain data from nodes: shares aliased values, bounds their growth."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.values: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.in_progress: set[int] = set()
        self.growth = 0
        self.diagnostics: list[Diagnostic] = []

    def build(self, node: Node, depth: int) -> Any:
        ident = id(node)
        if ident in self.values:
            return self.values[ident]
        if depth > MAX_DEPTH:
            self._abort(codes.TOO_DEEP, node, f"nesting deeper than {MAX_DEPTH} levels")
        self.in_progress.add(ident)
        value, size = self._construct(node, depth)
        self.in_progress.discard(ident)
        self.values[ident] = value
        self.sizes[ident] = size
        return value

    def _child(self, parent: Node, node: Node, depth: int) -> tuple[Any, int]:
        ident = id(node)
        if ident in self.in_progress:
            self._abort(codes.ALIAS_EXPANSION, parent, "an alias refers to itself")
        if ident in self.values:
            self.growth += self.sizes[ident]
            if self.growth > MAX_ALIAS_GROWTH:
                self._abort(codes.ALIAS_EXPANSION, parent,
                            f"aliases expand to more than {MAX_ALIAS_GROWTH:,} values;"
                            " the file was not read further")
        value = self.build(node, depth + 1)
        return value, self.sizes[ident]

    def _construct(self, node: Node, depth: int) -> tuple[Any, int]:
        self._check_tag(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node), 1
        if isinstance(node, SequenceNode):
            items = [self._child(node, item, depth) for item in node.value]
            return [v for v, _ in items], 1 + sum(s for _, s in items)
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth)

    def _check_tag(self, node: Node) -> None:
        if node.tag in _PLAIN_TAGS or (isinstance(node, ScalarNode) and node.tag in _TYPED):
            return
        if isinstance(node, ScalarNode) and node.tag.startswith("!"):  # a local tag: !text
            written = f"{node.tag} {node.value}".strip()
            self._abort(codes.UNSAFE_TAG, node,
                        "a value cannot start with ! (! marks a tag in YAML, which sla-lint"
                        f" does not accept); put it in quotes: {syntaxhelp.quoted(written)}")
        self._abort(codes.UNSAFE_TAG, node,
                    f"the YAML tag {node.tag.replace(_T, '!!')} is not accepted;"
                    " remove it (sla-lint reads only text, numbers, lists and mappings)")

    def _scalar(self, node: ScalarNode) -> Any:
        construct = _TYPED.get(node.tag)
        if construct is None:
            return node.value
        try:
            return construct(node)
        except (ValueError, yaml.YAMLError):
            self._abort(codes.YAML_SYNTAX, node,
                        f"{node.value!r} cannot be read as {node.tag.replace(_T, '')}")

    def _mapping(self, node: MappingNode, depth: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        size = 1
        seen: dict[str, Node] = {}
        for key, value in node.value:
            if key.tag == MERGE_TAG:
                continue
            name = self._key(key)
            if name is None:
                continue
            if name in seen:
                self._duplicate(name, seen[name], key)
                continue
            seen[name] = key
            result[name], child_size = self._child(node, value, depth)
            size += child_size
        merged, merged_size = self._merged(node, depth)
        return {**merged, **result}, size + merged_size

    def _merged(self, node: MappingNode, depth: int) -> tuple[dict[str, Any], int]:
        merged: dict[str, Any] = {}
        size = 0
        for key, value in node.value:
            if key.tag != MERGE_TAG:
                continue
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for source in reversed(sources):
                data, source_size = self._child(node, source, depth)
                if not isinstance(data, dict):
                    self._abort(codes.YAML_SYNTAX, source, "a merge key (<<) needs a mapping")
                merged.update(data)
                size += source_size
        return merged, size

    def _key(self, key: Node) -> str | None:
        if isinstance(key, ScalarNode):
            self._check_tag(key)
            return str(key.value)
        self.diagnostics.append(codes.COMPLEX_KEY.stamp(Finding(
            "a key must be plain text, not a list or mapping", node_location(self.path, key))))
        return None

    def _duplicate(self, name: str, first: Node, again: Node) -> None:
        first_at = node_location(self.path, first)
        self.diagnostics.append(codes.DUPLICATE_KEY.stamp(Finding(
            f"key {name!r} appears twice in this mapping (first at line {first_at.line});"
            " YAML would silently keep only the last one: remove or merge one of them",
            node_location(self.path, again),
            (Related(first_at, "first occurrence"),))))

    def _abort(self, rule: Rule, node: Node, message: str) -> Any:
        raise _Abort(rule, Finding(message, node_location(self.path, node)))
