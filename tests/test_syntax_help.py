"""YAML syntax errors in a lead's words: the mistake, where it is, what to write instead.

Every case is read with libyaml's C parser and with the pure-Python one: both must give
the same advice at the same place, whatever the parser's own wording.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.loader import SourceFile, load_file, yamlsource

HEADER = "apiVersion: sla-lint/v1\nkind: Department\nmetadata: {name: hr}\n"
CASES = [  # (id, text after HEADER, line, column, words the message must hold)
    ("at", "spec:\n  owner: @team\n", 5, 10, 'cannot start with @ (@ is reserved in YAML);'
     ' put it in quotes: owner: "@team"'),
    ("star", "spec:\n  customers: [*]\n", 5, 15, 'put it in quotes: customers: ["*"]'),
    ("star-block", "spec:\n  customers: *\n", 5, 14, 'cannot start with * (* marks an alias'),
    ("ampersand", "spec:\n  title: & Co\n", 5, 10, 'put it in quotes: title: "& Co"'),
    ("percent", "spec:\n  min_slack: %10\n", 5, 14, 'put it in quotes: min_slack: "%10"'),
    ("backtick", "spec:\n  lead: `sam`\n", 5, 9, 'put it in quotes: lead: "`sam`"'),
    ("tab", "spec:\n\tlead: Sam\n", 5, 1, "indented with a tab"),
    ("hash-in-braces", "spec:\n  contacts: [{channel: chat, address: #help}]\n  lead: x\n",
     5, 39, 'rest of this line was ignored and the { before it is never closed; put the'
     ' value in quotes: contacts: [{channel: chat, address: "#help"}]'),
    ("hash-in-brackets", "spec:\n  customers: [hr, #it]\n", 5, 19,
     'put the value in quotes: customers: [hr, "#it"]'),
    ("indent-too-far", "spec:\n  services:\n    - name: payroll\n       title: Payroll\n",
     7, 8, "indented 7 spaces, 1 space more than 'name' on line 6, so YAML reads it as part"
     " of that value; indent it 6 spaces"),
    ("indent-too-little", "spec:\n   lead: Sam\n  services: []\n", 6, 3,
     "indented 2 spaces but 'lead' on line 5 is indented 3 spaces"),
    ("key-among-items", "spec:\n  customers:\n    - hr\n    lead: Sam\n", 7, 5,
     'start it with "- " to make it an item'),
    ("unclosed-bracket", "spec:\n  customers: [hr, it\n  lead: Sam\n", 5, 14,
     "the [ that starts this list is never closed"),
    ("unclosed-brace", "spec:\n  escalation: {after: 2h\n", 5, 15,
     "the { that starts this mapping is never closed"),
    ("unclosed-quote", 'spec:\n  lead: "Sam Lee\n', 5, 9,
     'the quote " that starts this text is never closed'),
    ("apostrophe", "spec:\n  lead: 'Sam's team'\n", 5, 13,
     "inside single quotes write a ' as two: lead: 'Sam''s team'"),
    ("backslash", 'spec:\n  lead: "C:\\new\\data"\n', 5, 16,
     "to write a backslash itself use single quotes: 'C:\\new\\data'"),
    ("no-space-after-colon", "spec:\n  lead:Sam\n  title: HR\n", 5, 7,
     "a key's colon needs a space after it, or YAML does not see a key; write lead: Sam"),
    ("no-space-top-level", "spec: {}\nnotes:x\nother: 1\n", 5, 6, "write notes: x"),
    ("colon-in-value", "spec:\n  title: Payroll: UK\n", 5, 17,
     'a value that contains ": " must be in quotes: title: "Payroll: UK"'),
    ("plain-line", "spec:\n  lead: Sam\n  payroll\n  title: HR\n", 6, 3,
     "plain text where YAML expected a key and a colon"),
]


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure-python":
        monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("libyaml is not installed")
    return str(request.param)


@pytest.mark.parametrize(("text", "line", "column", "words"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_common_mistakes_in_plain_words(tmp_path: Path, parser: str, text: str, line: int,
                                        column: int, words: str) -> None:
    path = tmp_path / "hr.yaml"
    path.write_text(HEADER + text)
    (diag,) = load_file(SourceFile(str(path), str(path))).diagnostics
    assert (diag.code, diag.line, diag.column) == ("SLA001", line, column), diag.message
    assert words in diag.message
    assert "(YAML parser: " in diag.message and diag.message.endswith(")")


@pytest.mark.parametrize(("text", "fixed"), [
    ("spec:\n  owner: @team\n", 'spec:\n  owner: "@team"\n'),
    ("spec:\n  customers: [*]\n", 'spec:\n  customers: ["*"]\n'),
    ("spec:\n  contacts: [{address: #help}]\n", 'spec:\n  contacts: [{address: "#help"}]\n'),
    ("spec:\n  lead:Sam\n  title: HR\n", "spec:\n  lead: Sam\n  title: HR\n"),
    ("spec:\n  title: Payroll: UK\n", 'spec:\n  title: "Payroll: UK"\n'),
])
def test_the_line_suggested_is_valid_yaml(tmp_path: Path, text: str, fixed: str) -> None:
    path = tmp_path / "hr.yaml"
    path.write_text(HEADER + text)
    (diag,) = load_file(SourceFile(str(path), str(path))).diagnostics
    suggestion = diag.message.split(": ", 1)[1].rsplit(" (YAML parser", 1)[0]
    assert suggestion.split("; write ")[-1].split("quotes: ")[-1].strip() in fixed
    path.write_text(HEADER + fixed)
    assert load_file(SourceFile(str(path), str(path))).diagnostics == ()


def test_a_value_starting_with_a_tag_is_told_to_be_quoted(tmp_path: Path) -> None:
    path = tmp_path / "hr.yaml"
    path.write_text(HEADER + "spec:\n  lead: !important Sam\n")
    (diag,) = load_file(SourceFile(str(path), str(path))).diagnostics
    assert (diag.code, diag.line, diag.column) == ("SLA006", 5, 9)
    assert 'cannot start with ! (! marks a tag' in diag.message
    assert 'put it in quotes: "!important Sam"' in diag.message


def test_an_unrecognised_mistake_keeps_the_parsers_words(tmp_path: Path) -> None:
    path = tmp_path / "hr.yaml"
    path.write_text(HEADER + "spec: {a: b c: d}\n")
    (diag,) = load_file(SourceFile(str(path), str(path))).diagnostics
    assert diag.code == "SLA001" and diag.message.startswith("YAML syntax error: ")


def test_advice_needs_only_the_marks_not_the_wording() -> None:
    from sla_lint.loader.syntaxhelp import advise
    text = "a: 1\nowner: @team\n"
    mark = yaml.Mark("f", 0, 1, 7, "", 0)
    exc = yaml.scanner.ScannerError(None, None, "some future wording", mark)
    advice = advise(text, exc)
    assert advice is not None and (advice.line, advice.column) == (1, 7)
    assert 'owner: "@team"' in advice.message


_PIECES = ["a", "key", ":", ": ", " ", "  ", "\t", "-", "- ", "[", "]", "{", "}", ",", "#",
           " #", "'", '"', "\\", "@", "*", "&", "!", "%", "`", "|", ">", "?", "\n", "\r\n",
           "\u2028", "é", "x: y", "  z: 1"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_advice_never_fails_and_stays_in_the_file(text: str) -> None:
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        try:
            list(yaml.compose_all(text, Loader=loader))
        except yaml.MarkedYAMLError as exc:
            finding = yamlsource._syntax_finding("f.yaml", text, exc)
            lines = yamlsource._BREAK.split(text)
            assert 1 <= finding.location.line <= len(lines)
            assert 1 <= finding.location.column <= len(lines[finding.location.line - 1]) + 1
        except yaml.YAMLError:
            pass


def test_advice_on_a_huge_line_stays_short_and_quick(tmp_path: Path) -> None:
    path = tmp_path / "hr.yaml"
    path.write_text(HEADER + "spec: [" + "x" * 300_000 + ", @\n")
    started = time.process_time()
    (diag,) = load_file(SourceFile(str(path), str(path))).diagnostics
    assert time.process_time() - started < 10
    assert diag.message.startswith("a value cannot start with @") and len(diag.message) < 400
