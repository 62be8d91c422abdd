"""The site's parts on their own: contacts, pictures, URLs, and what `check` does not import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sla_lint.site import urls
from sla_lint.site.drawing import MAX_SIDE, Box, layered, neighbourhood
from sla_lint.site.views import contact_link, person


@pytest.mark.parametrize(("channel", "address", "href"), [
    ("ticket", "https://help.example/it", "https://help.example/it"),
    ("email", "it@example.com", "mailto:it@example.com"),
    ("phone", "+44 20 7946 0100", "tel:+442079460100"),
    ("chat", "#it-help", None),
    ("chat", "it@example.com", None),  # a chat handle is not a mail address
    ("ticket", "javascript:alert(1)", None),
    ("ticket", "data:text/html,<b>x</b>", None),
    ("email", "a b@example.com", None),
])
def test_contacts_link_only_where_the_address_is_one(channel: str, address: str,
                                                     href: str | None) -> None:
    assert contact_link(channel, address).href == href


def test_a_lead_is_a_name_linked_to_their_mail() -> None:
    lead = person("Chris Doe <chris@acme.example>")
    assert lead is not None and (lead.address, lead.href) == ("Chris Doe",
                                                              "mailto:chris@acme.example")
    assert person("   ") is None
    assert person("the duty manager").href is None  # type: ignore[union-attr]


def test_many_neighbours_end_in_a_count() -> None:
    users = [(Box(f"user {i}", "dept", "node"), True, False) for i in range(20)]
    svg = neighbourhood(Box("centre", "d", "centre"), users, [], "label")
    assert svg.count("<rect") == MAX_SIDE + 1
    assert f"+ {20 - MAX_SIDE + 1} more" in svg


def test_a_red_edge_for_a_problem_and_dashes_when_not_blocking() -> None:
    svg = neighbourhood(Box("c", "", "centre"), [(Box("u", "", "node"), False, False)],
                        [(Box("p", "", "node"), True, True)], "label")
    assert 'stroke-dasharray="6 4"' in svg and "url(#arrow-bad)" in svg


def test_layered_graph_survives_cycles_and_self_loops() -> None:
    nodes = {n: Box(n.upper(), "", "node") for n in "abc"}
    waits = {"a": {"b"}, "b": {"c"}, "c": {"a", "c"}}
    svg = layered(nodes, waits, {("a", "b")}, "cycle")
    assert svg.count("<rect") == 3 and "url(#arrow-bad)" in svg


def test_urls_and_roots() -> None:
    assert urls.service_url("it/laptops") == "services/it/laptops.html"
    assert urls.root_of("services/it/laptops.html") == "../../"
    assert urls.root_of("index.html") == ""
    assert urls.numbered("health.html", 3) == "health-3.html"
    assert urls.has_search("index-2.html") and not urls.has_search("departments/index.html")


def test_check_does_not_import_the_site_or_jinja() -> None:
    code = ("import sys; from sla_lint.cli import cli\n"
            "from click.testing import CliRunner\n"
            "CliRunner().invoke(cli, ['check', 'examples', '--exclude', 'broken'])\n"
            "print('jinja2' in sys.modules, 'sla_lint.site' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=str(__import__("pathlib").Path(__file__)
                                             .resolve().parents[2]))
    assert out.stdout.strip() == "False False"
