"""Build the catalogue from documents that passed the schema, walking data and nodes together."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sla_lint.diagnostics import Location
from sla_lint.loader.yamlsource import MERGE_TAG, Document, node_location
from sla_lint.model.catalogue import (
    CalendarDef,
    Catalogue,
    Contact,
    Department,
    Dependency,
    EscalationStep,
    Exclusion,
    Number,
    Policy,
    Service,
    Target,
    Text,
    WorkingDay,
)


class View:
    """A value of a document together with its node, so every piece knows its position.

    A plain slotted class rather than a dataclass: the builder makes one per value of the
    repo, and each mapping's key index is computed once, on first use.
    """

    __slots__ = ("_index", "data", "node", "path")

    def __init__(self, path: str, node: Node, data: Any) -> None:
        self.path = path
        self.node = node
        self.data = data
        self._index: dict[str, tuple[Node, Node]] | None = None

    @property
    def loc(self) -> Location:
        """Where this value starts."""
        mark = self.node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def get(self, key: str) -> View | None:
        """The child under ``key`` of a mapping, if present."""
        pair = self._pairs().get(key)
        return None if pair is None else View(self.path, pair[1], self.data[key])

    def key_loc(self, key: str) -> Location:
        """Where ``key`` itself is written."""
        pair = self._pairs().get(key)
        return self.loc if pair is None else node_location(self.path, pair[0])

    def items(self) -> Iterator[View]:
        """The elements of a sequence."""
        assert isinstance(self.node, SequenceNode)
        path = self.path
        for node, data in zip(self.node.value, self.data, strict=True):
            yield View(path, node, data)

    def entries(self) -> Iterator[tuple[Text, View]]:
        """The (key, value) pairs of a mapping, keys with their positions."""
        pairs = self._pairs()
        for key in self.data:
            key_node, value_node = pairs[key]
            yield Text(key, node_location(self.path, key_node)), View(
                self.path, value_node, self.data[key])

    def text(self, key: str) -> Text | None:
        """The text under ``key`` with its position, if present."""
        pair = self._pairs().get(key)
        if pair is None:
            return None
        mark = pair[1].start_mark
        return Text(str(self.data[key]), Location(self.path, mark.line + 1, mark.column + 1))

    def texts(self, key: str) -> tuple[Text, ...]:
        """A list of texts under ``key`` (empty when absent)."""
        pair = self._pairs().get(key)
        if pair is None:
            return ()
        path = self.path
        return tuple(Text(str(value), Location(path, n.start_mark.line + 1,
                                               n.start_mark.column + 1))
                     for n, value in zip(pair[1].value, self.data[key], strict=True))

    def plain(self, key: str, default: str = "") -> str:
        """The text under ``key`` without position."""
        value = self.data.get(key, default)
        return default if value is None else str(value)

    def _pairs(self) -> dict[str, tuple[Node, Node]]:
        index = self._index
        if index is None:
            index = self._index = _mapping_pairs(self.node)
        return index


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


Part = Department | CalendarDef | Policy


def build_catalogue(documents: Iterable[Document], partial: bool = False,
                    unbuilt: frozenset[tuple[str, str]] = frozenset()) -> Catalogue:
    """Turn valid documents into the catalogue."""
    return catalogue_of([build_part(doc) for doc in documents], partial, unbuilt)


def build_part(doc: Document) -> Part:
    """The model of one valid document: a Department, a CalendarDef or a Policy."""
    root = View(doc.path, doc.root, doc.data)
    kind = doc.data["kind"]
    if kind == "Department":
        return _department(root)
    if kind == "Calendar":
        return _calendar(root)
    return _policy(root)


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


def _name(root: View) -> Text:
    meta = root.get("metadata")
    assert meta is not None
    name = meta.text("name")
    assert name is not None
    return name


def _spec(root: View) -> View:
    spec = root.get("spec")
    assert spec is not None
    return spec


def _department(root: View) -> Department:
    name, spec = _name(root), _spec(root)
    meta = root.get("metadata")
    assert meta is not None
    services = spec.get("services")
    return Department(
        name=name,
        title=meta.plain("title", name.value),
        owner=meta.text("owner"),
        lead=spec.plain("lead"),
        contacts=tuple(Contact(c.plain("channel"), c.plain("address"), c.loc)
                       for c in _items(spec, "contacts")),
        calendar=spec.text("calendar"),
        escalation=tuple(_escalation(step) for step in _items(spec, "escalation")),
        services=tuple(_service(name.value, s) for s in services.items()) if services else (),
        path=root.path,
        loc=root.loc,
    )


def _items(view: View, key: str) -> Iterator[View]:
    child = view.get(key)
    return child.items() if child is not None else iter(())


def _escalation(step: View) -> EscalationStep:
    after = step.text("after")
    assert after is not None
    return EscalationStep(after, step.plain("contact"), step.loc)


def _service(department: str, view: View) -> Service:
    name = view.text("name")
    assert name is not None
    scope = view.get("scope")
    targets = view.get("targets")
    return Service(
        department=department,
        name=name,
        title=view.plain("title", name.value),
        customers=view.texts("customers"),
        includes=scope.texts("includes") if scope else (),
        excludes=tuple(_exclusion(e) for e in _items(scope, "excludes")) if scope else (),
        calendar=view.text("calendar"),
        targets=_targets(targets),
        depends_on=tuple(_dependency(d) for d in _items(view, "depends_on")),
        loc=view.loc,
        targets_loc=view.key_loc("targets") if targets is not None else view.loc,
        customers_declared=view.get("customers") is not None,
    )


def _exclusion(view: View) -> Exclusion:
    item = view.text("item")
    assert item is not None
    return Exclusion(item, view.text("redirect"))


def _targets(view: View | None) -> tuple[Target, ...]:
    if view is None:
        return ()
    return tuple(
        Target(priority, target.text("response"), target.text("resolution"),
               target.text("update"))
        for priority, target in view.entries()
    )


def _dependency(view: View) -> Dependency:
    service = view.text("service")
    assert service is not None
    mapping = view.get("priority")
    pairs = tuple((ours, Text(str(theirs.data), theirs.loc))
                  for ours, theirs in mapping.entries()) if mapping else ()
    return Dependency(service, view.texts("for"), bool(view.data.get("blocking", True)),
                      pairs, view.loc)


def _calendar(root: View) -> CalendarDef:
    spec = _spec(root)
    timezone = spec.text("timezone")
    assert timezone is not None
    hours = spec.get("hours")
    days = tuple(WorkingDay(day, tuple(Text(str(s.data), s.loc) for s in spans.items()))
                 for day, spans in hours.entries()) if hours else ()
    return CalendarDef(_name(root), timezone, days, spec.texts("holidays"), root.path, root.loc,
                       _owner(root))


def _policy(root: View) -> Policy:
    spec = _spec(root)
    return Policy(
        name=_name(root),
        priorities=spec.texts("priorities"),
        default_calendar=spec.text("default_calendar"),
        limits=_targets(spec.get("limits")),
        min_slack=_slack(spec.get("min_slack")),
        max_dependency_depth=_number(spec.get("max_dependency_depth")),
        horizon=_horizon(spec.get("horizon")),
        path=root.path,
        loc=root.loc,
        owner=_owner(root),
    )


def _owner(root: View) -> Text | None:
    meta = root.get("metadata")
    return meta.text("owner") if meta is not None else None


def _number(view: View | None) -> Number | None:
    return None if view is None else Number(float(view.data), view.loc)


def _slack(view: View | None) -> Number | None:
    if view is None:
        return None
    value = view.data
    if isinstance(value, str):
        return Number(float(value.rstrip("%")) / 100, view.loc)
    return Number(float(value), view.loc)


def _horizon(view: View | None) -> tuple[Number, ...]:
    if view is None:
        return ()
    if isinstance(view.data, list):
        return tuple(Number(float(v.data), v.loc) for v in view.items())
    return (Number(float(view.data), view.loc),)
