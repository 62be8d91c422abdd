"""The published JSON Schema: shipped in the package, identical to schemas/, valid draft-07."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from sla_lint.loader import SourceFile, load_file
from sla_lint.schema import schema, validate

ROOT = Path(__file__).resolve().parent.parent


def test_published_copy_is_identical_to_the_shipped_one() -> None:
    published = json.loads((ROOT / "schemas" / "sla-lint-v1.schema.json").read_text())
    assert published == schema()


def test_schema_is_valid_draft7() -> None:
    assert schema()["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema())


def test_schema_uses_only_draft7_keywords() -> None:
    later = {"$defs", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
             "prefixItems", "$anchor", "$dynamicRef"}
    text = json.dumps(schema())
    assert not [k for k in later if f'"{k}"' in text]


def _doc(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "d.yaml"
    path.write_text(text)
    return load_file(SourceFile(str(path), str(path))).documents[0]


DEPT = """apiVersion: sla-lint/v1
kind: Department
metadata: {name: it}
spec:
  services:
    - name: laptops
      targets:
        P1: {respnse: 30m, resolution: 4h}
      depends_on:
        - {for: [x]}
"""


def test_every_error_reported_at_its_node(tmp_path: Path) -> None:
    diags = validate(_doc(tmp_path, DEPT))
    got = [(d.code, d.line, d.column) for d in diags]
    assert ("SLA101", 8, 14) in got  # unknown key, at the key
    assert ("SLA102", 10, 11) in got  # missing 'service', at the mapping
    assert "did you mean 'response'?" in next(d.message for d in diags if d.code == "SLA101")


@pytest.mark.parametrize(("value", "expected"), [
    ("1:30", "YAML read 1:30 as the number 90"),
    ("no", "YAML read no as the boolean false"),
    ("0123", "YAML read 0123 as the number 83"),
])
def test_yaml_11_surprises_explained(tmp_path: Path, value: str, expected: str) -> None:
    text = DEPT.replace("respnse: 30m", f"response: {value}").replace(
        "      depends_on:\n        - {for: [x]}\n", "")
    (diag,) = validate(_doc(tmp_path, text))
    assert diag.code == "SLA008" and expected in diag.message


def test_unknown_kind_suggests(tmp_path: Path) -> None:
    text = "apiVersion: sla-lint/v1\nkind: Departmnet\nmetadata: {name: it}\nspec: {}\n"
    (diag,) = validate(_doc(tmp_path, text))
    assert (diag.code, diag.line, diag.column) == ("SLA104", 2, 7)
    assert "did you mean 'Department'?" in diag.message
