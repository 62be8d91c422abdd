"""The loader: positions, safety, every bad input a diagnostic (never an exception)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.loader import SourceFile, discover, load_file, yamlsource

HEADER = "apiVersion: sla-lint/v1\nkind: Policy\nmetadata: {name: acme}\n"


def load_text(tmp_path: Path, text: str | bytes, name: str = "p.yaml") -> yamlsource.LoadedFile:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return load_file(SourceFile(str(path), str(path)))


def codes(loaded: yamlsource.LoadedFile) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in loaded.diagnostics]


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, HEADER + "spec:\n  priorities: [P1, P2]\n")
    doc = loaded.documents[0]
    assert doc.location(["spec", "priorities", 1]) == doc.location(["spec", "priorities", 1])
    assert (doc.location(["spec", "priorities", 1]).line,
            doc.location(["spec", "priorities", 1]).column) == (5, 20)
    assert doc.location(["spec", "priorities"], key=True).column == 3
    assert doc.location(["spec", "missing"]).line == 5  # nearest existing parent


def test_other_yaml_is_skipped_silently(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, "repos:\n  - repo: local\non: [push]\nx: !reference [a]\n")
    assert loaded.documents == () and loaded.diagnostics == ()


def test_keys_keep_their_text(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, HEADER + "spec:\n  on: 1\n  2027: x\n  no: y\n")
    assert set(loaded.documents[0].data["spec"]) == {"on", "2027", "no"}


def test_several_documents_and_bom(tmp_path: Path) -> None:
    text = "\ufeff" + HEADER + "spec: {}\n---\n" + HEADER.replace("acme", "b") + "spec: {}\n"
    loaded = load_text(tmp_path, text)
    assert [d.data["metadata"]["name"] for d in loaded.documents] == ["acme", "b"]
    assert loaded.documents[1].location(["metadata"]).line == 8


def test_duplicate_key_points_at_second_and_names_first(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, HEADER + "spec:\n  min_slack: 10%\n  min_slack: 20%\n")
    (diag,) = loaded.diagnostics
    assert (diag.code, diag.line, diag.column) == ("SLA002", 6, 3)
    assert diag.related[0].location.line == 5
    assert "line 5" in diag.message


def test_billion_laughs_rejected_fast(tmp_path: Path) -> None:
    lines = [HEADER + "spec:", "  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"  a{i}: &a{i} [{refs}]")
    started = time.process_time()
    loaded = load_text(tmp_path, "\n".join(lines) + "\n")
    assert time.process_time() - started < 1.0
    assert [d.code for d in loaded.diagnostics] == ["SLA005"]
    assert loaded.documents == ()


def test_recursive_alias(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, HEADER + "spec: &s\n  description: *s\n")
    assert [d.code for d in loaded.diagnostics] == ["SLA005"]


def test_plain_anchor_reuse_and_merge_keys(tmp_path: Path) -> None:
    text = (HEADER + "spec:\n  limits:\n    P1: &fast {response: 1h}\n"
            "    P2: {<<: *fast, resolution: 8h}\n")
    doc = load_text(tmp_path, text).documents[0]
    assert doc.data["spec"]["limits"]["P2"] == {"response": "1h", "resolution": "8h"}
    assert doc.location(["spec", "limits", "P2", "response"]).line == 6


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!binary", "!custom"])
def test_unsafe_and_unknown_tags(tmp_path: Path, tag: str) -> None:
    loaded = load_text(tmp_path, HEADER + f"spec:\n  description: {tag} aGk=\n")
    assert codes(loaded) == [("SLA006", 5, 16)]


def test_invalid_utf8_position(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, HEADER.encode() + b"spec: {description: caf\xe9}\n")
    assert codes(loaded) == [("SLA003", 4, 24)]


def test_size_cap_reads_no_more_than_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    started = time.process_time()
    loaded = load_file(SourceFile(str(path), str(path)))
    assert time.process_time() - started < 0.5
    assert [d.code for d in loaded.diagnostics] == ["SLA004"]


def test_deep_nesting_is_a_diagnostic(tmp_path: Path) -> None:
    text = HEADER + "spec:\n  description: " + "[" * 10_000 + "]" * 10_000 + "\n"
    loaded = load_text(tmp_path, text)
    assert [d.code for d in loaded.diagnostics] == ["SLA009"]


class _StopsDeep:
    """A stand-in composer that fails the way one libyaml version or another does when deep."""

    failure: BaseException = RecursionError()

    def __init__(self, text: str) -> None:
        self.text = text

    def check_node(self) -> bool:
        raise self.failure

    def dispose(self) -> None:
        pass


@pytest.mark.parametrize("failure", [
    RecursionError(),  # libyaml 0.2.5: our own depth hook stops composing
    yaml.scanner.ScannerError("while increasing flow level", None,  # newer libyaml's own limit
                              "exceeded maximum nesting depth", yaml.Mark("f", 0, 0, 1002, "", 0)),
], ids=["our-composer-cap", "libyaml-nesting-limit"])
def test_deep_nesting_is_the_same_diagnostic_whichever_libyaml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> None:
    text = HEADER + "spec:\n  description: " + "[" * 10_000 + "]" * 10_000 + "\n"
    monkeypatch.setattr(_StopsDeep, "failure", failure)
    monkeypatch.setattr(yamlsource, "_NESTING", _StopsDeep)
    loaded = load_text(tmp_path, text)
    assert [(d.code, d.line, d.column, d.message) for d in loaded.diagnostics] == [
        ("SLA009", 5, 78, "nesting deeper than 64 levels")]


def test_pure_python_parser_gives_identical_results(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    text = HEADER + "spec:\n  priorities: [P1, 'P2']\n  horizon: 2027\n  min_slack: 0x10\n"
    fast = load_text(tmp_path, text)
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    slow = load_text(tmp_path, text)
    assert fast.documents[0].data == slow.documents[0].data
    assert fast.diagnostics == slow.diagnostics
    paths = [["spec", "priorities", 1], ["spec", "horizon"], ["metadata", "name"]]
    for p in paths:
        assert fast.documents[0].location(p) == slow.documents[0].location(p)


def test_syntax_error_position(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, HEADER + "spec:\n  a: [1, 2\n")
    assert [d.code for d in loaded.diagnostics] == ["SLA001"]
    assert loaded.incomplete


def test_nul_byte_is_a_diagnostic(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, HEADER + "spec: {description: a\x00b}\n")
    assert codes(loaded) == [("SLA001", 4, 22)]


def test_discovery_order_skips_and_excludes(tmp_path: Path) -> None:
    for rel in ["b.yaml", "a.yml", "sub/c.yaml", ".git/x.yaml", "node_modules/y.yaml",
                "venv/pyvenv.cfg", "venv/z.yaml", "sub/skip.yaml", "notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x: 1\n")
    found = discover([str(tmp_path)], excludes=["skip.yaml"])
    names = [os.path.relpath(f.display, tmp_path) for f in found.files]
    assert names == ["a.yml", "b.yaml", "sub/c.yaml"]
    assert found.problems == ()


def test_fifo_permission_and_missing_paths(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    locked = tmp_path / "locked.yaml"
    locked.write_text(HEADER)
    locked.chmod(0)
    found = discover([str(tmp_path), str(tmp_path / "nope.yaml")])
    assert [os.path.basename(d.path) for d in found.problems] == ["nope.yaml", "pipe.yaml"]
    if os.geteuid() != 0:  # root can read anything
        loaded = load_file(next(f for f in found.files if f.display.endswith("locked.yaml")))
        assert [d.code for d in loaded.diagnostics] == ["SLA007"]


def test_symlink_loop_and_outside_links(tmp_path: Path) -> None:
    inside = tmp_path / "repo"
    inside.mkdir()
    (tmp_path / "secret.yaml").write_text(HEADER)
    os.symlink(tmp_path / "secret.yaml", inside / "leak.yaml")
    os.symlink(inside / "loop.yaml", inside / "loop.yaml")
    os.symlink(inside, inside / "again")
    found = discover([str(inside)])
    assert found.files == ()
    assert sorted((os.path.basename(d.path), d.code) for d in found.problems) == [
        ("leak.yaml", "SLA011"), ("loop.yaml", "SLA007")]


FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


@settings(max_examples=200, **FUZZ)
@given(st.text(max_size=300))
def test_loader_never_raises_on_arbitrary_text(tmp_path: Path, text: str) -> None:
    loaded = load_text(tmp_path, HEADER + text)
    _positions_inside(loaded, HEADER + text)


# NEL and the Unicode line separators are line breaks to YAML 1.1 (PyYAML's dumper mangles them)
safe_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                           blacklist_characters="\x85\u2028\u2029"))
short_text = safe_text.filter(lambda s: len(s) <= 20)
yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), short_text)
yaml_trees = st.recursive(
    yaml_scalars,
    lambda kids: st.one_of(st.lists(kids, max_size=4),
                           st.dictionaries(short_text, kids, max_size=4)),
    max_leaves=20)


@settings(max_examples=150, **FUZZ)
@given(yaml_trees)
def test_loader_never_raises_on_arbitrary_trees(tmp_path: Path, tree: object) -> None:
    text = HEADER + yaml.safe_dump({"spec": tree}, allow_unicode=True)
    loaded = load_text(tmp_path, text)
    assert loaded.diagnostics == ()
    assert loaded.documents[0].data["spec"] == _keys_as_text(tree)


def _keys_as_text(tree: object) -> object:
    if isinstance(tree, dict):
        return {str(k): _keys_as_text(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_keys_as_text(v) for v in tree]
    return tree


def _positions_inside(loaded: yamlsource.LoadedFile, text: str) -> None:
    lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text)  # YAML's line breaks
    for diag in loaded.diagnostics:
        assert 1 <= diag.line <= len(lines)
        assert 1 <= diag.column <= len(lines[diag.line - 1]) + 1
