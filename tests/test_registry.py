"""Meta-tests: codes unique and well formed, every rule documented and covered by fixtures."""

from __future__ import annotations

import re

from sla_lint import registry
from tests.fixture_runner import all_cases

UNTESTABLE_BY_FIXTURE = {"SLA000"}  # internal error: tested by test_engine


def test_codes_and_slugs_unique_and_well_formed() -> None:
    rules = registry.all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.slug for r in rules}) == len(rules)
    for r in rules:
        assert re.match(r"^SLA[0-6]\d\d$", r.code)


def test_every_rule_documented_with_why_bad_and_good() -> None:
    for r in registry.all_rules():
        assert r.summary.endswith("."), r.code
        for part in ("Why:", "Bad:", "Good:"):
            assert part in r.doc, f"{r.code} documentation lacks {part}"


def test_every_rule_has_a_failing_and_a_passing_fixture() -> None:
    cases = all_cases()
    for r in registry.all_rules():
        if r.code in UNTESTABLE_BY_FIXTURE:
            continue
        kinds = {c.kind for c in cases if c.code == r.code}
        assert kinds == {"bad", "good"}, f"{r.code} fixtures: {sorted(kinds)}"


def test_lookup_by_code_or_slug() -> None:
    assert registry.lookup("sla201") is registry.lookup("duplicate-name")
    assert registry.lookup("nope") is None
