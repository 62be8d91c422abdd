"""Run every fixture case; on mismatch print the actual diagnostics ready to paste."""

from __future__ import annotations

import pytest

from tests.fixture_runner import Case, all_cases, matches, paste_ready, run_case

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.path.parent.name}/{c.path.name}" for c in CASES])
def test_fixture(case: Case) -> None:
    actual = run_case(case)
    expected = case.spec.get("diagnostics") or []
    unmatched = [e for e in expected if not any(matches(e, a) for a in actual)]
    unexpected = [a for a in actual if not any(matches(e, a) for e in expected)]
    assert not unmatched and not unexpected, (
        f"\nexpected but missing: {unmatched}\nreported but not expected: {unexpected}\n"
        f"actual, ready to paste into {case.path}/expected.yaml:\n{paste_ready(actual)}")


def test_bad_cases_report_their_code() -> None:
    for case in CASES:
        codes = {d["code"] for d in case.spec.get("diagnostics") or []}
        if case.kind == "bad":
            assert case.code in codes, f"{case.path} does not expect {case.code}"
        else:
            assert case.code not in codes, f"{case.path} expects {case.code} but is 'good'"
