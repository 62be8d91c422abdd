"""`sla-lint graph` through the CLI: every format checked for real, every option, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pydot
import pytest
from click.testing import CliRunner, Result

from sla_lint.cli import GRAPH_FORMATS, cli
from sla_lint.config import LintConfig
from sla_lint.diagnostics import Diagnostic, Severity
from sla_lint.engine import load_catalogue
from sla_lint.graph.drawing import draw
from sla_lint.graph.image import IMAGE_FORMATS
from sla_lint.graph.render import RENDERERS, to_dot, to_mermaid
from sla_lint.graph.select import GraphRequest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("examples",)
HAS_DOT = shutil.which("dot") is not None

EVIL_DEPT = 'Evil "quoted" [dept] {x} <b>&amp;</b> --> ]]> \\N %% | ; # `tick`\nsecond line'
EVIL_ONE = 'One "two" [three] (four) --> five ]]> <script>alert(1)</script> \\l & | end'
EVIL_TWO = "subgraph end\n\tclassDef x fill:#f00;"


def _yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


EVIL_REPO = f"""\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: evil, title: {_yaml_string(EVIL_DEPT)}}}
spec:
  services:
    - name: one
      title: {_yaml_string(EVIL_ONE)}
      customers: ["*"]
      scope: {{includes: [one]}}
      depends_on:
        - {{service: evil/two, for: [two]}}
        - {{service: good/three, for: [three], blocking: false}}
    - name: two
      title: {_yaml_string(EVIL_TWO)}
      customers: ["*"]
      scope: {{includes: [two]}}
      depends_on: [{{service: evil/one, for: [one]}}]
---
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: good, title: Plain}}
spec:
  services:
    - {{name: three, customers: ["*"], scope: {{includes: [three]}}}}
"""


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture
def evil(tmp_path: Path) -> str:
    (tmp_path / "evil.yaml").write_text(EVIL_REPO)
    return str(tmp_path)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def graph(*args: str) -> str:
    result = run("graph", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# --- DOT ----------------------------------------------------------------------------------


def _unquote_dot(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1),
                  body).replace("&amp;", "&")


def test_dot_parses_with_pydot_and_keeps_every_label(evil: str) -> None:
    dot = graph(evil, "--format", "dot")
    (parsed,) = pydot.graph_from_dot_data(dot)
    clusters = parsed.get_subgraphs()
    assert len(clusters) == 2
    labels = {_unquote_dot(c.get_label()) for c in clusters}
    assert f"{EVIL_DEPT} (evil)" in labels
    nodes = {_unquote_dot(n.get_name()): _unquote_dot(n.get_label())
             for c in clusters for n in c.get_nodes()}
    assert nodes["evil/one"] == f"{EVIL_ONE}\none"
    assert nodes["evil/two"] == "subgraph end\n classDef x fill:#f00;\ntwo"  # tab: a space
    styles = {(_unquote_dot(e.get_source()), _unquote_dot(e.get_destination())): e.get_style()
              for e in parsed.get_edges()}
    assert styles == {("evil/one", "evil/two"): "solid", ("evil/one", "good/three"): "dashed",
                      ("evil/two", "evil/one"): "solid"}


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz is not installed")
def test_graphviz_accepts_the_dot_and_draws_the_titles_verbatim(evil: str) -> None:
    done = subprocess.run(["dot", "-Tsvg"], input=graph(evil, "--format", "dot").encode(),
                          capture_output=True, check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr
    texts = [t.text for t in ET.fromstring(done.stdout).iter("{http://www.w3.org/2000/svg}text")]
    assert EVIL_ONE in texts
    assert EVIL_DEPT.split("\n")[0] in texts


def test_cycles_are_red_and_non_blocking_dashed_in_dot(evil: str) -> None:
    (parsed,) = pydot.graph_from_dot_data(graph(evil, "--format", "dot"))
    colours = {(_unquote_dot(e.get_source()), _unquote_dot(e.get_destination())): e.get_color()
               for e in parsed.get_edges()}
    assert colours[("evil/one", "evil/two")] == "red"
    assert colours[("evil/two", "evil/one")] == "red"
    assert colours[("evil/one", "good/three")] is None


# --- Mermaid ------------------------------------------------------------------------------

NODE = re.compile(r'^\s+(\w+)\["([^"]*)"\]$')
SUBGRAPH = re.compile(r'^\s+subgraph (\w+)\["([^"]*)"\]$')
EDGE = re.compile(r"^\s+(\w+) (-->|-\.->)(?:\|([^|]*)\|)? (\w+)$")
STYLE = re.compile(r"^\s+linkStyle (\d+) stroke:red,stroke-width:3px,color:red$")


def check_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]], set[int]]:
    """Parse the subset of Mermaid we write; fail on anything else."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    red: set[int] = set()
    depth = 0
    for line in lines[1:]:
        if m := SUBGRAPH.match(line):
            depth += 1
            _check_label(m.group(2))
        elif line.strip() == "end":
            depth -= 1
        elif m := NODE.match(line):
            assert m.group(1) not in nodes
            nodes[m.group(1)] = _check_label(m.group(2))
        elif m := EDGE.match(line):
            assert m.group(1) in nodes and m.group(4) in nodes, line
            edges.append((m.group(1), m.group(2), m.group(4)))
        elif m := STYLE.match(line):
            red.add(int(m.group(1)))
        else:
            raise AssertionError(f"unexpected Mermaid line: {line!r}")
    assert depth == 0 and all(i < len(edges) for i in red)
    return nodes, edges, red


def _check_label(label: str) -> str:
    bare = label.replace("<br/>", " ")
    assert not set(bare) & set('"[](){}<>|`%'), label
    assert re.fullmatch(r"(?:[^#;]|#\d+;)*", bare), label  # '#' and ';' only in entity codes
    return label


def _decode(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br/>", "\n"))


def test_mermaid_is_well_formed_with_escaped_labels_and_red_cycles(evil: str) -> None:
    text = graph(evil, "--format", "mermaid")
    nodes, edges, red = check_mermaid(text)
    by_label = {_decode(label): node for node, label in nodes.items()}
    one, two = by_label[f"{EVIL_ONE}\none"], by_label["subgraph end\n classDef x fill:#f00;\ntwo"]
    three = by_label["three"]  # title defaults to the name: shown once
    assert (one, "-.->", three) in edges
    assert {i for i, e in enumerate(edges) if {e[0], e[2]} == {one, two}} == red
    assert f'["{_mermaid_subgraph_title()}"]' in text


def _mermaid_subgraph_title() -> str:
    from sla_lint.graph.render import mermaid_text
    return mermaid_text(f"{EVIL_DEPT} (evil)")


def test_examples_mermaid_is_well_formed_at_both_levels() -> None:
    for level in ("service", "department"):
        nodes, edges, red = check_mermaid(graph(*EXAMPLES, "--format", "mermaid",
                                                "--level", level))
        assert nodes and edges and not red


# --- JSON ---------------------------------------------------------------------------------


def test_json_loads_back_into_networkx_with_file_line_calendar_and_targets() -> None:
    data = json.loads(graph(*EXAMPLES, "--format", "json"))
    loaded = nx.node_link_graph(data, edges="edges")
    drawing = draw(load_catalogue(["examples"], LintConfig()).catalogue, (),
                   GraphRequest())
    assert loaded.is_directed() and set(loaded) == {b.id for b in drawing.boxes}
    assert set(loaded.edges) == {(link.source, link.target) for link in drawing.links}
    node = loaded.nodes["logistics/shipment-tracking"]
    assert node["calendar"] == "24x7" and node["file"].endswith("logistics.yaml")
    assert node["targets"]["P1"] == {"response": "15m", "resolution": "4h", "update": "1h"}
    assert loaded.nodes["legal/contract-review"]["calendar"] == "london-office"  # the default
    link = loaded.edges["it-service-desk/laptop-provisioning", "procurement/purchase-orders"]
    assert link["blocking"] and link["dependencies"][0]["priority"] == {"P1": "P2"}


def test_department_json_lists_services() -> None:
    loaded = nx.node_link_graph(json.loads(graph(*EXAMPLES, "--format", "json", "--level",
                                                 "department")), edges="edges")
    assert len(loaded) == 12
    assert loaded.nodes["legal"]["services"] == ["legal/contract-review", "legal/legal-advice"]
    assert len(loaded.edges["customer-care", "logistics"]["dependencies"]) == 2


# --- problems from the lint result --------------------------------------------------------


def test_an_infeasible_dependency_is_red_everywhere() -> None:
    cat = load_catalogue(["examples"], LintConfig()).catalogue
    service = cat.service_index["it-service-desk/laptop-provisioning"]
    dep = service.depends_on[0]
    infeasible = Diagnostic(dep.service.loc, "SLA408", "P1 cannot be kept", Severity.ERROR)
    drawing = draw(cat, [infeasible], GraphRequest())
    (red,) = [link for link in drawing.links if link.red]
    assert (red.source, red.target) == (service.ref, dep.service.value) and red.infeasible
    assert 'color=red' in next(line for line in to_dot(drawing).splitlines()
                               if '"it-service-desk/laptop-provisioning" ->' in line)
    _, _, styled = check_mermaid(to_mermaid(drawing))
    assert len(styled) == 1
    text = RENDERERS["text"](drawing)
    assert "!! infeasible" in text and "SLA408 [error] P1 cannot be kept" in text
    other = Diagnostic(dep.loc, "SLA408", "elsewhere", Severity.ERROR)  # not at service:
    assert not any(link.red for link in draw(cat, [other], GraphRequest()).links)


# --- options ------------------------------------------------------------------------------


def _nodes(*args: str) -> set[str]:
    return set(nx.node_link_graph(json.loads(graph(*EXAMPLES, "--format", "json", *args)),
                                  edges="edges"))


def test_focus_upstream_downstream_and_depth() -> None:
    laptops = "it-service-desk/laptop-provisioning"
    assert _nodes("--focus", laptops, "--upstream") == {
        laptops, "procurement/purchase-orders", "legal/contract-review"}
    assert _nodes("--focus", laptops, "--upstream", "--depth", "1") == {
        laptops, "procurement/purchase-orders"}
    assert _nodes("--focus", laptops, "--downstream") == {laptops, "hr/onboarding"}
    assert _nodes("--focus", laptops) == _nodes("--focus", laptops, "--upstream",
                                                "--downstream")
    assert _nodes("--focus", "finance", "--level", "department", "--depth", "1") == {
        "finance", "hr", "customer-care"}
    assert _nodes("--focus", "legal/legal-advice", "--level", "department", "--downstream") == {
        "legal", "procurement", "customer-care", "it-service-desk", "facilities",
        "assembly-painting", "hr", "finance", "quality-assurance", "logistics"}


def test_blocking_only_drops_dashed_edges_and_lonely_services() -> None:
    dot = graph(*EXAMPLES, "--format", "dot", "--blocking-only")
    assert "style=dashed" not in dot and "style=solid" in dot
    assert "finance/payroll" not in dot
    assert _nodes("--blocking-only", "--focus", "finance/payroll") == {"finance/payroll"}


def test_text_is_the_default_and_marks_problems_even_with_errors() -> None:
    result = run("graph", "examples-broken")
    assert result.exit_code == 0
    assert result.stdout.startswith("Dependency graph (service level)")
    assert "==> broken-graph/triage" in result.stdout and "!! cycle" in result.stdout
    assert "`sla-lint check` lists them" in result.stdout


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.dot"
    result = run("graph", *EXAMPLES, "--format", "dot", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text() == graph(*EXAMPLES, "--format", "dot")
    bad = run("graph", *EXAMPLES, "-o", str(tmp_path / "missing" / "x.txt"))
    assert bad.exit_code == 2 and "cannot write" in bad.stderr


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz is not installed")
def test_svg_and_png_are_drawn_by_graphviz(tmp_path: Path) -> None:
    svg = graph(*EXAMPLES, "--format", "svg")
    assert ET.fromstring(svg.encode()).tag == "{http://www.w3.org/2000/svg}svg"
    png = tmp_path / "graph.png"
    assert run("graph", *EXAMPLES, "--format", "png", "-o", str(png)).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_pictures_without_graphviz_exit_2_with_a_clear_message(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sla_lint.graph.image.shutil.which", lambda _: None)
    for fmt in IMAGE_FORMATS:
        result = run("graph", *EXAMPLES, "--format", fmt)
        assert result.exit_code == 2 and result.stdout == ""
        assert "needs the Graphviz program 'dot'" in result.stderr
        assert "install Graphviz" in result.stderr


def test_png_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sla_lint.cli._is_terminal", lambda _: True)
    monkeypatch.setattr("sla_lint.graph.image.shutil.which", lambda _: "/bin/true")
    result = run("graph", *EXAMPLES, "--format", "png")
    assert result.exit_code == 2 and "-o FILE" in result.stderr


@pytest.mark.parametrize("args", [
    ["--upstream"], ["--downstream"], ["--depth", "2"], ["--focus", "nope"],
    ["--focus", "it-service-desk/laptops"], ["--depth", "0", "--focus", "hr"],
    ["--format", "xml"], ["--level", "team"],
])
def test_bad_options_exit_2(args: list[str]) -> None:
    result = run("graph", *EXAMPLES, *args)
    assert result.exit_code == 2, result.output


def test_unknown_focus_suggests_a_name() -> None:
    result = run("graph", *EXAMPLES, "--focus", "it-service-desk/laptop-provisoning")
    assert "did you mean 'it-service-desk/laptop-provisioning'?" in result.output


def test_format_choices_are_the_renderers_and_the_pictures() -> None:
    assert set(GRAPH_FORMATS) == set(RENDERERS) | set(IMAGE_FORMATS)


def test_empty_repo_draws_an_empty_graph(tmp_path: Path) -> None:
    for fmt in ("text", "dot", "mermaid", "json"):
        assert run("graph", str(tmp_path), "--format", fmt).exit_code == 0
    assert check_mermaid(graph(str(tmp_path), "--format", "mermaid")) == ({}, [], set())


SLOW_PROVIDER = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {{name: {name}}}
spec:
  services:
    - name: desk
      customers: ["*"]
      scope: {{includes: [{name} work]}}
      targets:
        P1: {{response: 1h, resolution: {p1}}}
        P2: {{response: 2h, resolution: 2d}}
        P3: {{response: 4h, resolution: 4d}}
        P4: {{response: 1d, resolution: 10d}}
{deps}"""


def test_the_time_rules_infeasible_dependencies_are_red(tmp_path: Path) -> None:
    deps = "      depends_on:\n        - {service: slow/desk, for: [slow work]}\n"
    (tmp_path / "fast.yaml").write_text(SLOW_PROVIDER.format(name="fast", p1="4h", deps=deps))
    (tmp_path / "slow.yaml").write_text(SLOW_PROVIDER.format(name="slow", p1="8h", deps=""))
    (parsed,) = pydot.graph_from_dot_data(graph(str(tmp_path), "--format", "dot"))
    (arrow,) = parsed.get_edges()
    assert arrow.get_color() == "red" and _unquote_dot(arrow.get_label()) == "infeasible"
    text = graph(str(tmp_path))
    assert "==> slow/desk" in text and "!! infeasible" in text and "SLA408 [error]" in text
    loaded = nx.node_link_graph(json.loads(graph(str(tmp_path), "--format", "json")),
                                edges="edges")
    assert loaded.edges["fast/desk", "slow/desk"]["infeasible"] is True
