"""The JSON Schema for editors: the whole v1 schema, or a self-contained one for one kind."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sla_lint.schema import schema

KINDS = ("Department", "Calendar", "Policy")
_SPECS = {"Department": "departmentSpec", "Calendar": "calendarSpec", "Policy": "policySpec"}
_REF_PREFIX = "#/definitions/"


def schema_text(kind: str | None = None) -> str:
    """The schema as JSON text: the shipped file when ``kind`` is None (byte for byte)."""
    data = schema() if kind is None else kind_schema(kind)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def kind_schema(kind: str) -> dict[str, Any]:
    """A schema for documents of ``kind`` only, with just the definitions it uses."""
    whole = schema()
    props = whole["properties"]
    top: dict[str, Any] = {
        "$schema": whole["$schema"],
        "$id": f"{whole['$id']}:{kind.lower()}",
        "title": f"sla-lint {kind} document, format v1",
        "description": f"A {kind} document of an sla-lint policy repository.",
        "type": "object",
        "required": whole["required"],
        "additionalProperties": False,
        "properties": {
            "apiVersion": props["apiVersion"],
            "kind": {"const": kind},
            "metadata": props["metadata"],
            "spec": {"$ref": _REF_PREFIX + _SPECS[kind]},
        },
    }
    definitions = whole["definitions"]
    used = _reachable(top, definitions)
    top["definitions"] = {name: definitions[name] for name in definitions if name in used}
    return top


def _reachable(start: Any, definitions: dict[str, Any]) -> set[str]:
    """The names of every definition ``start`` refers to, directly or through others."""
    seen: set[str] = set()
    todo = list(_refs(start))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_refs(definitions[name]))
    return seen


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
            yield ref[len(_REF_PREFIX):]
        for child in value.values():
            yield from _refs(child)
    elif isinstance(value, list):
        for child in value:
            yield from _refs(child)
