"""`sla-lint site`: valid, linked, small, deterministic pages that show every text as text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from click.testing import CliRunner

from sla_lint.cli import cli
from sla_lint.config import LintConfig
from sla_lint.engine import lint
from sla_lint.site import SiteOptions, build_site
from sla_lint.site.pages import PAGE_SIZE
from tests.site.conftest import EXAMPLES, ROOT, SOURCE_URL, search_files, write

PAGE_LIMIT = 50_000


class Links(HTMLParser):
    """Every href and src of a page, and every id."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.refs.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse_links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def pages(files: dict[str, bytes]) -> dict[str, str]:
    return {p: d.decode("utf-8") for p, d in files.items() if p.endswith(".html")}


def test_every_page_is_strictly_valid_html(example_site: dict[str, bytes],
                                           broken_site: dict[str, bytes]) -> None:
    for files in (example_site, broken_site):
        for path, html in pages(files).items():
            parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
            try:
                parser.parse(html)
            except html5lib.html5parser.ParseError as exc:
                pytest.fail(f"{path}: {exc}")
            assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">"), path


def duplicate_departments(folder: Path) -> dict[str, bytes]:
    """Two departments named alike (an error): the second's services get no page."""
    for n, (title, dep) in enumerate((("First", "twin/b"), ("Second", "twin/a"))):
        (folder / f"d{n}.yaml").write_text(textwrap.dedent(f"""\
            apiVersion: sla-lint/v1
            kind: Department
            metadata: {{name: twin, title: {title}}}
            spec:
              lead: x
              services:
                - name: {"a" if n == 0 else "b"}
                  depends_on: [{{service: {dep}}}]
            """), encoding="utf-8")
    return build_site(lint([str(folder)], LintConfig()), SiteOptions(SOURCE_URL),
                      search_files())


def test_no_broken_link(example_site: dict[str, bytes], broken_site: dict[str, bytes],
                        tmp_path: Path) -> None:
    twins = duplicate_departments(tmp_path)
    assert "services/twin/a.html" in twins and "services/twin/b.html" not in twins
    for files in (example_site, broken_site, twins):
        ids = {p: parse_links(h).ids for p, h in pages(files).items()}
        for path, html in pages(files).items():
            for ref in parse_links(html).refs:
                parts = urlsplit(ref)
                if parts.scheme in ("mailto", "tel", "https", "http"):
                    continue
                assert not parts.scheme and not parts.netloc, (path, ref)
                target = os.path.normpath(os.path.join(os.path.dirname(path),
                                                       unquote(parts.path))) if parts.path \
                    else path
                target = target.replace(os.sep, "/")
                assert target in files, f"{path} links to missing {ref}"
                if parts.fragment:
                    assert parts.fragment in ids[target], f"{path}: no #{parts.fragment}"


def test_walks_from_home_to_a_service_and_its_provider(example_site: dict[str, bytes]) -> None:
    html = pages(example_site)
    assert 'href="departments/it-service-desk.html"' in html["index.html"]
    dept = html["departments/it-service-desk.html"]
    assert 'href="../services/it-service-desk/laptop-provisioning.html"' in dept
    service = html["services/it-service-desk/laptop-provisioning.html"]
    assert 'href="../../services/procurement/purchase-orders.html">Purchase orders</a>' in service
    assert "services/procurement/purchase-orders.html" in example_site


def test_service_page_says_the_promise_in_plain_words(example_site: dict[str, bytes]) -> None:
    page = pages(example_site)["services/it-service-desk/laptop-provisioning.html"]
    assert "first answer within 1 business hour, resolved within 2 business days" in page
    # 2027-02-12 is a Friday; london-office closes 17:00 on Fridays and works 7 h that day
    assert "raised Friday 16:00: first answer by 17:00 the same day, resolved by Tuesday 15:00" \
        in page
    assert "Mon-Thu 09:00-17:30, Fri 09:00-13:00 and 14:00-17:00 London time" in page
    assert "office furniture</span>: go to <a href=\"../../services/facilities/" in page
    assert "Work has stopped" in page  # the policy's priority_descriptions
    assert "<svg" in page and "Purchase orders" in page.split("<svg", 1)[1]


def test_department_page_links_its_contacts(example_site: dict[str, bytes]) -> None:
    page = pages(example_site)["departments/it-service-desk.html"]
    assert '<a href="mailto:priya.raman@northwind.example">Priya Raman</a>' in page
    assert '<a href="https://help.northwind.example/it">' in page
    assert '<a href="tel:+442079460100">+44 20 7946 0100</a>' in page
    assert "#it-help" in page and 'href="#it-help"' not in page
    assert "After 1 hour round the clock" in page


def test_department_page_names_its_closures_and_night_shift(
        example_site: dict[str, bytes]) -> None:
    office = pages(example_site)["departments/it-service-desk.html"]
    # the hours, then the closures as a list rather than a long sentence
    assert "<p>Mon-Thu 09:00-17:30, Fri 09:00-13:00 and 14:00-17:00 London time</p>" in office
    # the policy's horizon (2027) is the year listed, one line per day, in a <details> list
    closures = office.split('<details class="closures">', 1)[1].split("</details>", 1)[0]
    assert "<summary>Closed on 8 public holidays, open part of 1 day in 2027</summary>" in closures
    assert "<li>closed Mon 29 Mar (Easter Monday, public holiday in England)</li>" in closures
    assert "<li>open until 13:00 on Fri 24 Dec</li>" in closures
    assert "Sat 25 Dec" not in closures  # closed on Saturdays anyway
    plant = pages(example_site)["departments/assembly-welding.html"]
    assert "<p>Mon-Fri 06:00-22:00, night shift Mon-Fri 22:00-06:00 London time</p>" in plant
    assert "<summary>Closed on 8 public holidays in 2027</summary>" in plant
    service = pages(example_site)["services/it-service-desk/laptop-provisioning.html"]
    assert "<summary>Closed on 8 public holidays, open part of 1 day in 2027</summary>" in service
    assert ("Counted on Mon-Thu 09:00-17:30, Fri 09:00-13:00 and 14:00-17:00 London time "
            "(calendar london-office)") in service


def test_search_box_and_scripts_follow_the_agreed_markup(example_site: dict[str, bytes]) -> None:
    html = pages(example_site)
    for path in ("index.html", "search.html"):
        page = html[path]
        assert '<form role="search" id="search" action="search.html">' in page
        assert '<label for="search-input">What do you need?</label>' in page
        assert ('<input id="search-input" name="q" type="search" autocomplete="off"' in page)
        assert '<div id="search-results" aria-live="polite"></div>' in page
        assert '<script src="assets/search-index.js" defer></script>' in page
        assert '<script src="assets/search.js" defer data-root=""></script>' in page
    assert "assets/search.js" in example_site and "assets/search-index.js" in example_site


def test_pages_are_small(example_site: dict[str, bytes]) -> None:
    for path, data in example_site.items():
        if path.endswith(".html"):
            assert len(data) < PAGE_LIMIT, (path, len(data))


def test_same_repo_gives_the_same_bytes_whatever_the_zone(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import hashlib, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from tests.site.conftest import example_result, search_files
        from sla_lint.site import SiteOptions, build_site
        files = build_site(example_result(), SiteOptions({SOURCE_URL!r}), search_files())
        digest = hashlib.sha256()
        for path in sorted(files):
            digest.update(path.encode() + b"\\0" + files[path])
        print(digest.hexdigest())
    """)
    digests = set()
    for zone in ("UTC", "Pacific/Kiritimati", "America/Los_Angeles"):
        env = {**os.environ, "TZ": zone}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                             text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def hostile_repo(folder: Path) -> Path:
    (folder / "dept.yaml").write_text(textwrap.dedent("""\
        apiVersion: sla-lint/v1
        kind: Department
        metadata:
          name: evil
          title: "<script>alert('x')</script> & \\"quotes\\" {{ 7*7 }}"
        spec:
          description: "</p><img src=x onerror=alert(1)>"
          lead: "Mallory <mallory@example.com>"
          contacts:
            - {channel: ticket, address: "javascript:alert(1)"}
            - {channel: chat, address: "#<b>bold</b>"}
            - {channel: email, address: "a\\"b@example.com"}
          calendar: "24x7"
          services:
            - name: rtl
              title: "\u05e9\u05dc\u05d5\u05dd {% raw %} ]]> -->"
              customers: ["*"]
              scope:
                includes: ["<i>laptops</i>", "{{ config }}"]
              targets:
                P1: {response: 1h, resolution: 2h}
                P2: {response: 1h, resolution: 2h}
                P3: {response: 1h, resolution: 2h}
                P4: {response: 1h, resolution: 2h}
            - name: waiter
              title: "<i>waits</i> ]]> &amp;"
              targets:
                P1: {response: 1h, resolution: 3h}
                P2: {response: 1h, resolution: 3h}
                P3: {response: 1h, resolution: 3h}
                P4: {response: 1h, resolution: 3h}
              depends_on:
                - service: evil/rtl
        """), encoding="utf-8")
    return folder


def test_every_text_is_shown_as_text(tmp_path: Path) -> None:
    result = lint([str(hostile_repo(tmp_path))], LintConfig())
    files = build_site(result, SiteOptions(), search_files())
    html = pages(files)
    dept = html["departments/evil.html"]
    service = html["services/evil/rtl.html"]
    for page in (dept, service):
        assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
        html5lib.HTMLParser(strict=True).parse(page)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quotes&#34; {{ 7*7 }}" \
        in dept
    assert 'href="javascript:' not in dept
    assert "&lt;i&gt;laptops&lt;/i&gt;" in service and "{{ config }}" in service
    assert "\u05e9\u05dc\u05d5\u05dd {% raw %} ]]&gt; --&gt;" in service
    assert '<h1 dir="auto">\u05e9\u05dc\u05d5\u05dd' in service  # right-to-left reads right
    svg = service.split("<svg", 1)[1]
    assert "<i>" not in svg and "]]>" not in svg
    assert "&lt;i&gt;waits&lt;/i&gt; ]]&gt; &amp;amp;" in svg


def test_health_page_links_each_finding_to_its_line(broken_site: dict[str, bytes]) -> None:
    page = pages(broken_site)["health.html"]
    assert "SLA411" in page and "unknown time zone" in page
    links = re.findall(r'href="(https://github\.com/acme/policy/blob/main/[^"]+)"', page)
    assert links and all(re.search(r"\.yaml#L[0-9]+$", link) for link in links)
    assert any(link.endswith("examples-broken/commitments.yaml#L32") for link in links)


def test_clean_health_page_says_so(example_site: dict[str, bytes]) -> None:
    assert "found no problem" in pages(example_site)["health.html"]


def test_priorities_page_shows_meanings_and_limits(example_site: dict[str, bytes]) -> None:
    page = pages(example_site)["priorities.html"]
    assert "Work has stopped" in page
    assert "first answer within 1 business hour, resolved within 2 business days" in page


def test_graph_page_draws_departments_and_lists_them(example_site: dict[str, bytes]) -> None:
    page = pages(example_site)["graph.html"]
    assert "<svg" in page and "IT Service Desk" in page
    assert 'href="departments/procurement.html"' in page


def test_long_lists_are_split_into_pages(tmp_path: Path) -> None:
    for n in range(PAGE_SIZE + 5):
        (tmp_path / f"d{n}.yaml").write_text(
            f"apiVersion: sla-lint/v1\nkind: Department\nmetadata: {{name: d{n:04d}}}\n"
            "spec:\n  lead: x\n  services: []\n", encoding="utf-8")
    files = build_site(lint([str(tmp_path)], LintConfig()), None, search_files())
    assert "index-2.html" in files and "graph-2.html" in files
    assert 'href="index-2.html"' in files["index.html"].decode()
    for path, data in files.items():
        assert len(data) < PAGE_LIMIT, path


def test_command_writes_the_site_and_exits_like_check(tmp_path: Path, with_search: None) -> None:
    runner = CliRunner()
    out = tmp_path / "site"
    result = runner.invoke(cli, ["site", str(EXAMPLES), "-o", str(out),
                                 "--source-url", SOURCE_URL, "--title", "Northwind <help>"])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and (out / "assets" / "site.css").is_file()
    assert "wrote" in result.stderr
    assert '<a class="brand" href="index.html">Northwind &lt;help&gt;</a>' in (
        out / "index.html").read_text()
    broken = runner.invoke(cli, ["site", str(ROOT / "examples-broken"), "-o",
                                 str(tmp_path / "b")])
    assert broken.exit_code == 1
    assert (tmp_path / "b" / "health.html").is_file()


def test_command_reports_an_unwritable_folder(tmp_path: Path, with_search: None) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["site", str(EXAMPLES),
                                      "-o", str(blocker / "sub")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_site_without_the_search_package_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sla_lint.search", None)
    result = CliRunner().invoke(cli, ["site", str(EXAMPLES), "-o", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "search package" in result.stderr


def test_written_site_matches_built_files(tmp_path: Path,
                                          example_site: dict[str, bytes]) -> None:
    folder = write(example_site, tmp_path)
    assert (folder / "services" / "it-service-desk" / "laptop-provisioning.html").is_file()
