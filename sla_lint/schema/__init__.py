"""The schema step: validate each document against the v1 JSON Schema, every error positioned.

Errors from jsonschema are turned into plain-language diagnostics at the exact node:
unknown keys at the key (with "did you mean"), missing keys at the parent mapping,
wrong types at the value, and YAML 1.1 surprises (``no`` read as false) explained.

Most documents are valid, so each is first checked by a compiled validator
(jsonschema-rs, about 100 times faster than jsonschema on valid documents); only a
document it does not accept goes through jsonschema's detailed ``iter_errors``, whose
verdict is the one that counts. The fast path can thus only save time, never change a
result; without jsonschema-rs (a platform with no wheel) every document takes the detailed
path. Neither library is imported before a document needs it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from yaml.nodes import ScalarNode

from sla_lint.diagnostics import Diagnostic, Finding, Severity
from sla_lint.loader import codes as load_codes
from sla_lint.loader.yamlsource import Document
from sla_lint.registry import Rule, declare
from sla_lint.suggest import did_you_mean

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "sla-lint-v1.schema.json"
SUPPORTED_VERSIONS = ("sla-lint/v1",)
MAX_UNKNOWN_KEYS = 10

UNKNOWN_KEY = declare("SLA101", "unknown-key", Severity.ERROR, """
    A key that the format does not define.

    Why: a misspelt key is silently ignored by most tools, so the promise it was meant
    to make is never made. The message suggests the closest known key.

    Bad:
        P1: {respnse: 30m, resolution: 4h}

    Good:
        P1: {response: 30m, resolution: 4h}
    """)

MISSING_KEY = declare("SLA102", "missing-key", Severity.ERROR, """
    A required key is missing.

    Why: without it the document cannot be understood (a Calendar without a time zone,
    a dependency without the service it depends on).

    Bad:
        kind: Calendar
        metadata: {name: london-office}
        spec:
          hours: {mon: ["09:00-17:30"]}

    Good:
        kind: Calendar
        metadata: {name: london-office}
        spec:
          timezone: Europe/London
          hours: {mon: ["09:00-17:30"]}
    """)

WRONG_TYPE = declare("SLA103", "wrong-type", Severity.ERROR, """
    A value has the wrong shape: text where a list is needed, a list where a mapping is.

    Why: the linter (and anyone reading the file) cannot tell what was meant.

    Bad:
        customers: finance

    Good:
        customers: [finance]
    """)

INVALID_VALUE = declare("SLA104", "invalid-value", Severity.ERROR, """
    A value is not one the format allows (an unknown kind, a malformed name, a number out of range).

    Why: names are used in references and file ownership, kinds decide how a document is
    read; a wrong value makes the rest of the document meaningless.

    Bad:
        metadata: {name: IT Service Desk}

    Good:
        metadata: {name: it-service-desk, title: IT Service Desk}
    """)

UNSUPPORTED_VERSION = declare("SLA105", "unsupported-version", Severity.ERROR, """
    The document's apiVersion is an sla-lint version this linter does not know.

    Why: a document written for another version of the format may mean something else;
    checking it as v1 would give wrong answers.

    Bad:
        apiVersion: sla-lint/v2

    Good:
        apiVersion: sla-lint/v1
    """)


@cache
def schema() -> dict[str, Any]:
    """The v1 JSON Schema, as shipped inside the package."""
    text = resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft7Validator:
    from jsonschema import Draft7Validator

    return Draft7Validator(schema())


@cache
def _fast_validator() -> Callable[[Any], bool] | None:
    """The compiled validator's ``is_valid``, or None when jsonschema-rs is not installed."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    checker: Callable[[Any], bool] = jsonschema_rs.Draft7Validator(
        schema(), validate_formats=False).is_valid
    return checker


def fast_valid(data: Any) -> bool:
    """True when the compiled validator accepts ``data`` (False also when it cannot tell)."""
    checker = _fast_validator()
    if checker is None:
        return False
    try:
        return bool(checker(data))
    except Exception:  # a value it cannot convert (NaN, a huge integer): ask jsonschema
        return False


def validate(doc: Document) -> list[Diagnostic]:
    """Every schema problem of ``doc`` as a positioned diagnostic (empty when valid)."""
    version = doc.data.get("apiVersion")
    if version not in SUPPORTED_VERSIONS:
        return [_unsupported(doc, version)]
    if fast_valid(doc.data):
        return []
    errors = sorted(_validator().iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    return [d for error in errors for d in _diagnose(doc, error)]


def _unsupported(doc: Document, version: Any) -> Diagnostic:
    message = (f"apiVersion {version!r} is not supported; this sla-lint reads "
               f"{', '.join(SUPPORTED_VERSIONS)}")
    return UNSUPPORTED_VERSION.stamp(Finding(message, doc.location(["apiVersion"])))


def _diagnose(doc: Document, error: ValidationError) -> Iterator[Diagnostic]:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties":
        yield from _unknown_keys(doc, error, path)
    elif error.validator == "required":
        yield _stamp(MISSING_KEY, doc, path, _missing_message(error, path))
    elif error.validator == "type":
        yield _wrong_type(doc, error, path)
    elif error.validator == "propertyNames":
        yield _stamp(INVALID_VALUE, doc, [*path, error.instance], _value_message(error, path),
                     key=True)
    else:
        yield _stamp(INVALID_VALUE, doc, path, _value_message(error, path))


def _schema_of(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _stamp(rule: Rule, doc: Document, path: Sequence[Any], message: str,
           key: bool = False) -> Diagnostic:
    return rule.stamp(Finding(message, doc.location(path, key=key)))


def _unknown_keys(doc: Document, error: ValidationError, path: list[Any]) -> Iterator[Diagnostic]:
    known = sorted(_schema_of(error).get("properties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    extras = sorted(set(instance) - set(known))
    for name in extras[:MAX_UNKNOWN_KEYS]:
        message = f"unknown key {name!r} in {_where(path)}{_suggest(name, known)}"
        yield _stamp(UNKNOWN_KEY, doc, [*path, name], message, key=True)
    if len(extras) > MAX_UNKNOWN_KEYS:
        more = len(extras) - MAX_UNKNOWN_KEYS
        yield _stamp(UNKNOWN_KEY, doc, path, f"{more} more unknown keys in {_where(path)}")


def _suggest(word: str, choices: Sequence[str]) -> str:
    hint = did_you_mean(str(word), choices)
    if hint or not choices:
        return hint
    return f"; known keys: {', '.join(choices)}"


def _where(path: Sequence[Any]) -> str:
    if not path:
        return "the document"
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


def _missing_message(error: ValidationError, path: list[Any]) -> str:
    name = error.message.split("'")[1] if "'" in error.message else error.message
    return f"{_where(path)} is missing the required key {name!r}"


_TYPE_NAMES = {
    "string": "text", "object": "a mapping (key: value)", "array": "a list",
    "integer": "a whole number", "number": "a number", "boolean": "true or false",
}


def describe(value: Any) -> str:
    """How a YAML value reads to a person."""
    if value is None:
        return "nothing (empty)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}"


def _wrong_type(doc: Document, error: ValidationError, path: list[Any]) -> Diagnostic:
    wanted = error.validator_value
    wanted_list = wanted if isinstance(wanted, list) else [wanted]
    node = doc.node_at(path)
    duration = _schema_of(error).get("title") == "duration"
    if "string" in wanted_list and _implicitly_typed(node, duration):
        assert isinstance(node, ScalarNode)
        return _stamp(load_codes.IMPLICIT_TYPE, doc, path,
                      _implicit_message(node, error.instance, duration))
    expected = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted_list)
    hint = " (a duration needs a unit, e.g. 30m, 4h, 2bd)" if duration else ""
    return _stamp(WRONG_TYPE, doc, path,
                  f"{_where(path)} should be {expected}, not {describe(error.instance)}{hint}")


def _implicitly_typed(node: Any, duration: bool) -> bool:
    """A plain scalar that YAML typed; for a duration, a plain number is just a missing unit."""
    if not isinstance(node, ScalarNode) or node.style:  # C loader: "", Python: None
        return False
    if node.tag.endswith((":str", ":timestamp")):
        return False
    return not (duration and node.value.isdigit() and not node.value.startswith("0"))


def _implicit_message(node: ScalarNode, value: Any, duration: bool) -> str:
    raw = node.value
    why = ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and ":" in raw:
        why = " (YAML 1.1 reads numbers separated by colons as base 60)"
    elif isinstance(value, int) and not isinstance(value, bool) and raw.lstrip("+-").startswith(
            "0") and len(raw) > 1:
        why = " (a leading zero makes it an octal number)"
    fix = (f'; a duration needs a unit, e.g. "{_minutes(value)}m"' if duration
           and isinstance(value, (int, float)) and not isinstance(value, bool)
           else f'; put it in quotes ("{raw}") to keep it as text')
    return f"YAML read {raw or '(empty)'} as {describe(value)}{why}{fix}"


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _value_message(error: ValidationError, path: list[Any]) -> str:
    instance, schema_here = error.instance, _schema_of(error)
    if error.validator in ("enum", "const"):
        allowed = schema_here.get("enum") or [schema_here.get("const")]
        choices = [str(a) for a in allowed]
        return (f"{_where(path)} is {describe(instance)}; expected one of "
                f"{', '.join(choices)}{did_you_mean(str(instance), choices)}")
    if error.validator == "pattern":
        hint = schema_here.get("patternErrorMessage", "it does not have the expected form")
        return f"{_where(path)} {instance!r} is not valid: {hint}"
    if error.validator == "propertyNames":
        hint = "a priority is a short word such as P1"
        return f"{instance!r} is not a valid key here: {hint}"
    if error.validator == "uniqueItems":
        return f"{_where(path)} lists the same value twice; remove the repeat"
    if error.validator == "minLength":
        return f"{_where(path)} is empty; give it a value or remove the key"
    return f"{_where(path)}: {error.message}"
