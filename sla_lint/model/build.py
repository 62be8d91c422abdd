"""Build the catalogue from documents that passed the schema, walking data and nodes together.

Each mapping of a document is read through one index, key -> (key node, value node,
value), made in C for the common case: a document the loader built on its fast path
(:attr:`Document.plain`: no merge keys, no duplicate keys) has its data's keys in the
order of its nodes' pairs, so the index is ``dict(zip(keys, zip(pairs, values)))``.
Other documents (those the careful builder made: anchors, merge keys, duplicate keys)
are indexed by :func:`_mapping_pairs`, which follows merges as YAML does and keeps the
first of duplicates. No object is made per value beyond the model's own: on a large repo
the builder makes hundreds of thousands of texts with positions. A service, the hottest
mapping, is read in one pass over its keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sla_lint.diagnostics import Location
from sla_lint.loader.yamlsource import MERGE_TAG, Document
from sla_lint.model.catalogue import (
    CalendarDef,
    Catalogue,
    Contact,
    Department,
    Dependency,
    EscalationStep,
    Exclusion,
    Number,
    PartDayDef,
    Policy,
    PublicHolidaysDef,
    Service,
    Target,
    Text,
    WorkingDay,
)

Field = tuple[tuple[Node, Node], Any]  # (key node, value node), value
Fields = dict[str, Field]
Part = Department | CalendarDef | Policy
_new = tuple.__new__  # a named tuple made without its Python-level __new__: the hot path


class _Walk:
    """One document's path and how its mappings are indexed."""

    __slots__ = ("path", "plain")

    def __init__(self, path: str, plain: bool) -> None:
        self.path = path
        self.plain = plain

    def fields(self, node: Node, data: dict[str, Any]) -> Fields:
        """Key -> ((key node, value node), value) of a mapping."""
        return dict(zip(data, zip(self.pairs(node, data), data.values(), strict=True),
                        strict=True))

    def pairs(self, node: Node, data: dict[str, Any]) -> list[tuple[Node, Node]]:
        """The (key node, value node) pairs of a mapping, in the order of its data's keys."""
        if self.plain:
            return node.value  # type: ignore[no-any-return]
        pairs = _mapping_pairs(node)
        return [pairs[key] for key in data]

    def entries(self, node: Node, data: dict[str, Any]) -> Iterable[
            tuple[tuple[Node, Node], tuple[str, Any]]]:
        """((key node, value node), (key, value)) of each entry of a mapping, in order."""
        return zip(self.pairs(node, data), data.items(), strict=True)

    def text_at(self, node: Node, value: Any) -> Text:
        """A scalar's text, positioned at its node."""
        mark = node.start_mark
        return _new(Text, (str(value), _new(Location, (self.path, mark.line + 1,
                                                        mark.column + 1))))

    def texts_at(self, node: Node, values: list[Any]) -> tuple[Text, ...]:
        """A list's texts, each positioned at its node."""
        path = self.path
        return tuple(_new(Text, (str(value), _new(Location, (
            path, n.start_mark.line + 1, n.start_mark.column + 1))))
            for n, value in zip(node.value, values, strict=True))

    def loc(self, node: Node) -> Location:
        """Where ``node`` starts."""
        mark = node.start_mark
        return _new(Location, (self.path, mark.line + 1, mark.column + 1))

    def text(self, fields: Fields, key: str) -> Text | None:
        """The text under ``key`` with its position, if present."""
        found = fields.get(key)
        return None if found is None else self.text_at(found[0][1], found[1])

    def texts(self, fields: Fields, key: str) -> tuple[Text, ...]:
        """A list of texts under ``key`` (empty when absent)."""
        found = fields.get(key)
        return () if found is None else self.texts_at(found[0][1], found[1])

    def items(self, fields: Fields, key: str) -> Iterable[tuple[Node, Any]]:
        """(node, value) of each element of the list under ``key`` (none when absent)."""
        found = fields.get(key)
        return () if found is None else zip(found[0][1].value, found[1], strict=True)

    def child(self, fields: Fields, key: str) -> Fields | None:
        """The index of the mapping under ``key``, if present."""
        found = fields.get(key)
        return None if found is None else self.fields(found[0][1], found[1])


def plain(fields: Fields, key: str, default: str = "") -> str:
    """The text under ``key`` without position."""
    found = fields.get(key)
    value = None if found is None else found[1]
    return default if value is None else str(value)


def _mapping_pairs(node: Node) -> dict[str, tuple[Node, Node]]:
    if not isinstance(node, MappingNode):
        return {}
    pairs: dict[str, tuple[Node, Node]] = {}
    for pair in reversed(node.value):  # backwards, so that the first of duplicates wins
        key = pair[0]
        if key.tag == MERGE_TAG:
            return _merged_pairs(node)
        if isinstance(key, ScalarNode):
            pairs[str(key.value)] = pair
    return pairs


def _merged_pairs(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    pairs: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            for source in reversed(value.value if isinstance(value, SequenceNode) else [value]):
                pairs.update(_mapping_pairs(source))
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.tag != MERGE_TAG:
            pairs.setdefault(str(key.value), (key, value))
    return pairs


def build_catalogue(documents: Iterable[Document], partial: bool = False,
                    unbuilt: frozenset[tuple[str, str]] = frozenset()) -> Catalogue:
    """Turn valid documents into the catalogue."""
    return catalogue_of([build_part(doc) for doc in documents], partial, unbuilt)


def build_part(doc: Document) -> Part:
    """The model of one valid document: a Department, a CalendarDef or a Policy."""
    walk = _Walk(doc.path, doc.plain)
    root = walk.fields(doc.root, doc.data)
    kind = doc.data["kind"]
    if kind == "Department":
        return _department(walk, doc.root, root)
    if kind == "Calendar":
        return _calendar(walk, doc.root, root)
    return _policy(walk, doc.root, root)


def catalogue_of(parts: Iterable[Part], partial: bool = False,
                 unbuilt: frozenset[tuple[str, str]] = frozenset()) -> Catalogue:
    """The catalogue of the documents' models, in document order."""
    departments: list[Department] = []
    calendars: list[CalendarDef] = []
    policies: list[Policy] = []
    for part in parts:
        if isinstance(part, Department):
            departments.append(part)
        elif isinstance(part, CalendarDef):
            calendars.append(part)
        else:
            policies.append(part)
    return Catalogue(tuple(departments), tuple(calendars), tuple(policies), partial, unbuilt)


def _required(fields: Fields | Text | None) -> Any:
    assert fields is not None  # the schema requires it
    return fields


def _department(walk: _Walk, node: Node, root: Fields) -> Department:
    meta: Fields = _required(walk.child(root, "metadata"))
    spec: Fields = _required(walk.child(root, "spec"))
    name: Text = _required(walk.text(meta, "name"))
    return Department(
        name=name,
        title=plain(meta, "title", name.value),
        owner=walk.text(meta, "owner"),
        lead=plain(spec, "lead"),
        contacts=tuple(_contact(walk, n, v) for n, v in walk.items(spec, "contacts")),
        calendar=walk.text(spec, "calendar"),
        escalation=tuple(_escalation(walk, n, v) for n, v in walk.items(spec, "escalation")),
        services=tuple(_service(walk, name.value, n, v) for n, v in walk.items(spec, "services")),
        path=walk.path,
        loc=walk.loc(node),
        description=plain(spec, "description") or plain(meta, "description"),
    )


def _contact(walk: _Walk, node: Node, data: dict[str, Any]) -> Contact:
    fields = walk.fields(node, data)
    return Contact(plain(fields, "channel"), plain(fields, "address"), walk.loc(node))


def _escalation(walk: _Walk, node: Node, data: dict[str, Any]) -> EscalationStep:
    fields = walk.fields(node, data)
    return EscalationStep(_required(walk.text(fields, "after")), plain(fields, "contact"),
                          walk.loc(node))


def _service(walk: _Walk, department: str, node: Node, data: dict[str, Any]) -> Service:
    """A service, read in one pass over its keys (the builder's hottest mapping)."""
    found: dict[str, Any] = {}
    targets_loc = walk.loc(node)
    for (key_node, value_node), (key, value) in walk.entries(node, data):
        if key == "targets":
            found[key] = _targets(walk, value_node, value)
            targets_loc = walk.loc(key_node)
        elif key == "depends_on":
            found[key] = tuple(_dependency(walk, n, v)
                               for n, v in zip(value_node.value, value, strict=True))
        elif key == "scope":
            found["includes"], found["excludes"], found["includes_loc"] = _scope(
                walk, value_node, value)
        elif key in ("name", "calendar"):
            found[key] = walk.text_at(value_node, value)
        elif key in ("customers", "also_known_as"):
            found[key] = walk.texts_at(value_node, value)
    name: Text = found["name"]
    title = data.get("title")
    return Service(department, name, name.value if title is None else str(title),
                   found.get("customers", ()), found.get("includes", ()),
                   found.get("excludes", ()), found.get("calendar"), found.get("targets", ()),
                   found.get("depends_on", ()), walk.loc(node), targets_loc,
                   "customers" in found, found.get("includes_loc"),
                   found.get("also_known_as", ()), str(data.get("description") or ""))


def _scope(walk: _Walk, node: Node, data: dict[str, Any]) -> tuple[
        tuple[Text, ...], tuple[Exclusion, ...], Location | None]:
    """Includes, excludes, and where ``includes`` was written (None: it was not)."""
    scope = walk.fields(node, data)
    written = scope.get("includes")
    return walk.texts(scope, "includes"), tuple(
        _exclusion(walk, n, v) for n, v in walk.items(scope, "excludes")), (
        None if written is None else walk.loc(written[0][1]))


def _exclusion(walk: _Walk, node: Node, data: dict[str, Any]) -> Exclusion:
    fields = walk.fields(node, data)
    return Exclusion(_required(walk.text(fields, "item")), walk.text(fields, "redirect"))


def _targets(walk: _Walk, node: Node, data: dict[str, Any]) -> tuple[Target, ...]:
    found = []
    for (key_node, value_node), (priority, value) in walk.entries(node, data):
        texts = {key: walk.text_at(n, v) for (_, n), (key, v) in walk.entries(value_node, value)}
        found.append(Target(Text(priority, walk.loc(key_node)), texts.get("response"),
                            texts.get("resolution"), texts.get("update")))
    return tuple(found)


def _dependency(walk: _Walk, node: Node, data: dict[str, Any]) -> Dependency:
    fields = walk.fields(node, data)
    mapping = fields.get("priority")
    pairs = tuple((Text(ours, walk.loc(key)), walk.text_at(value, theirs))
                  for (key, value), (ours, theirs) in walk.entries(mapping[0][1], mapping[1])
                  ) if mapping else ()
    return Dependency(_required(walk.text(fields, "service")), walk.texts(fields, "for"),
                      bool(data.get("blocking", True)), pairs, walk.loc(node))


def _calendar(walk: _Walk, node: Node, root: Fields) -> CalendarDef:
    spec: Fields = _required(walk.child(root, "spec"))
    hours = walk.child(spec, "hours")
    days = tuple(
        WorkingDay(Text(day, walk.loc(key)), tuple(
            Text(str(span), walk.loc(span_node))
            for span_node, span in zip(value.value, spans, strict=True)))
        for day, ((key, value), spans) in hours.items()) if hours is not None else ()
    holidays, parts = _holidays(walk, spec)
    return CalendarDef(_name(walk, root), _required(walk.text(spec, "timezone")), days,
                       holidays, walk.path, walk.loc(node), _owner(walk, root), parts,
                       _public(walk, spec), walk.text(spec, "holiday_feed"))


def _holidays(walk: _Walk, spec: Fields) -> tuple[tuple[Text, ...], tuple[PartDayDef, ...]]:
    """Whole-day holidays (texts) and part days (``{date, hours}``), each in file order."""
    whole: list[Text] = []
    parts: list[PartDayDef] = []
    for node, value in walk.items(spec, "holidays"):
        if isinstance(value, dict):
            fields = walk.fields(node, value)
            parts.append(PartDayDef(_required(walk.text(fields, "date")),
                                    walk.texts(fields, "hours"), walk.loc(node)))
        else:
            whole.append(walk.text_at(node, value))
    return tuple(whole), tuple(parts)


def _public(walk: _Walk, spec: Fields) -> PublicHolidaysDef | None:
    found = spec.get("public_holidays")
    if found is None:
        return None
    fields = walk.fields(found[0][1], found[1])
    return PublicHolidaysDef(_required(walk.text(fields, "country")),
                             walk.text(fields, "subdivision"), walk.loc(found[0][0]))


def _policy(walk: _Walk, node: Node, root: Fields) -> Policy:
    spec: Fields = _required(walk.child(root, "spec"))
    limits = spec.get("limits")
    return Policy(
        name=_name(walk, root),
        priorities=walk.texts(spec, "priorities"),
        default_calendar=walk.text(spec, "default_calendar"),
        limits=_targets(walk, limits[0][1], limits[1]) if limits else (),
        min_slack=_slack(walk, spec.get("min_slack")),
        max_dependency_depth=_number(walk, spec.get("max_dependency_depth")),
        horizon=_horizon(walk, spec.get("horizon")),
        path=walk.path,
        loc=walk.loc(node),
        owner=_owner(walk, root),
        min_attainment=_slack(walk, spec.get("min_attainment")),
        descriptions=_descriptions(walk, spec.get("priority_descriptions")),
    )


def _descriptions(walk: _Walk, found: Field | None) -> tuple[tuple[Text, Text], ...]:
    """``priority_descriptions``: each priority named with its position, and its words."""
    if found is None:
        return ()
    pairs = zip(found[0][1].value, found[1].items(), strict=True)
    return tuple((walk.text_at(key, name), walk.text_at(value, str(words)))
                 for (key, value), (name, words) in pairs)


def _name(walk: _Walk, root: Fields) -> Text:
    meta: Fields = _required(walk.child(root, "metadata"))
    name: Text = _required(walk.text(meta, "name"))
    return name


def _owner(walk: _Walk, root: Fields) -> Text | None:
    meta = walk.child(root, "metadata")
    return walk.text(meta, "owner") if meta is not None else None


def _number(walk: _Walk, found: Field | None) -> Number | None:
    return None if found is None else Number(float(found[1]), walk.loc(found[0][1]))


def _slack(walk: _Walk, found: Field | None) -> Number | None:
    if found is None:
        return None
    value = found[1]
    if isinstance(value, str):
        return Number(float(value.rstrip("%")) / 100, walk.loc(found[0][1]))
    return Number(float(value), walk.loc(found[0][1]))


def _horizon(walk: _Walk, found: Field | None) -> tuple[Number, ...]:
    if found is None:
        return ()
    (_, node), value = found
    if isinstance(value, list):
        return tuple(Number(float(v), walk.loc(n)) for n, v in zip(node.value, value, strict=True))
    return (Number(float(value), walk.loc(node)),)
