"""`sla-lint site --tickets`: attainment on service pages and the company-wide page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from click.testing import CliRunner

from sla_lint.cli import cli
from sla_lint.diagnostics import Location
from sla_lint.site import SiteOptions, build_site, urls
from sla_lint.site.attainment import (
    filled,
    moment_words,
    month_range,
    month_words,
    pager_window,
)
from sla_lint.site.pages import ATTAINMENT_ROWS
from sla_lint.tickets import AttainmentOptions, AttainmentReport, Row, TrendRow, attainment
from tests.site.conftest import EXAMPLES, SOURCE_URL, example_result, search_files
from tests.site.test_site import PAGE_LIMIT, pages, parse_links

TICKETS = EXAMPLES / "tickets" / "northwind-2027-q1.csv"
ACCOUNTS = "services/it-service-desk/accounts-and-access.html"


def example_report() -> AttainmentReport:
    return attainment(example_result().catalogue, [str(TICKETS)], AttainmentOptions(by="month"))


@pytest.fixture(scope="module")
def kept_site() -> dict[str, bytes]:
    options = SiteOptions(SOURCE_URL, None, example_report())
    return build_site(example_result(), options, search_files())


def broken_links(files: dict[str, bytes]) -> list[str]:
    """Every relative link of the site's pages that leads nowhere (file or #id)."""
    html = pages(files)
    ids = {p: parse_links(h).ids for p, h in html.items()}
    wrong = []
    for path, text in html.items():
        for ref in parse_links(text).refs:
            parts = urlsplit(ref)
            if parts.scheme in ("mailto", "tel", "https", "http"):
                continue
            target = (os.path.normpath(os.path.join(os.path.dirname(path), unquote(parts.path)))
                      if parts.path else path).replace(os.sep, "/")
            if target not in files or (parts.fragment and parts.fragment not in ids[target]):
                wrong.append(f"{path} -> {ref}")
    return wrong


def strict_errors(files: dict[str, bytes]) -> list[str]:
    wrong = []
    for path, text in pages(files).items():
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(text)
        except html5lib.html5parser.ParseError as exc:
            wrong.append(f"{path}: {exc}")
    return wrong


def test_pages_with_attainment_are_valid_linked_and_small(kept_site: dict[str, bytes]) -> None:
    assert strict_errors(kept_site) == []
    assert broken_links(kept_site) == []
    for path, data in kept_site.items():
        assert len(data) < PAGE_LIMIT, (path, len(data))
    assert "assets/attainment.css" in kept_site


def test_service_page_shows_each_promise_kept_with_its_trend(
        kept_site: dict[str, bytes]) -> None:
    page = kept_site[ACCOUNTS].decode()
    section = page[page.index('<h2 id="kept">'):page.index('<h2 id="links">')]
    assert "up to 31 Mar 2027, 11:53 UTC" in section
    p1 = section[section.index("P1</span> response within 15m"):]
    assert '<span class="share">0.0%</span> kept: 0 of 2 answered within 15m.' in p1
    assert "2 ticket(s): 0 met, 2 breached, 0 open." in p1
    # the realistic sentence, without repeating the service the page is about
    assert "90% of P1 requests were answered within 0.5h, against a promise of 15m" in p1
    assert "2 late, by 4m at the median" in p1
    assert section.count("<svg") == 6 and section.count('role="img"') == 6
    # the chart's text alternative holds every month, on the months of the whole export
    label = re.search(r'aria-label="(P1 requests answered[^"]*)"', section)
    assert label is not None
    assert label[1] == ("P1 requests answered in time (15m), month by month from Jan 2027 to"
                        " Mar 2027; the share of each month is listed under the chart")
    months = p1[p1.index("<summary>By month</summary>"):p1.index("</details>")]
    assert months.endswith("<li>Jan 2027: 0.0%, 0 of 1</li><li>Feb 2027: 0.0%, 0 of 1</li>"
                           "<li>Mar 2027: no request</li></ul>")
    assert 'href="../../attainment.html"' in section


def test_service_without_tickets_says_so(kept_site: dict[str, bytes]) -> None:
    page = kept_site["services/legal/contract-review.html"].decode()
    assert "No request to this service was found in the ticket exports" in page


def test_company_page_lists_worst_kept_first_and_department_totals(
        kept_site: dict[str, bytes]) -> None:
    page = kept_site["attainment.html"].decode()
    assert "<h1>How well were the promises kept?</h1>" in page
    assert "2 row(s) left out" in page
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a>.*?</th>'
                      r"<td>(P\d)</td><td>(\w+)</td><td>[^<]+</td><td>([^<]+)</td>", page)
    assert rows[0] == (ACCOUNTS + "#kept", "Accounts and access", "P1", "response", "0.0%")
    assert rows[1][2:] == ("P1", "resolution", "50.0%")
    shares = [float(r[4].rstrip("%")) for r in rows]
    assert shares == sorted(shares)
    assert "Across the company: response 97.0% kept (65 met, 2 breached, 0 open)" in page
    assert '<a href="departments/facilities.html">Facilities</a>' in page
    assert 'aria-current="page">Promises kept</a>' in page


def test_every_page_links_to_attainment_only_when_tickets_were_given(
        kept_site: dict[str, bytes]) -> None:
    for path, text in pages(kept_site).items():
        assert "attainment.html\"" in text, path
    for files in (build_site(example_result(), SiteOptions(SOURCE_URL), search_files()),):
        assert "attainment.html" not in files and "assets/attainment.css" not in files
        for path, text in pages(files).items():
            assert "attainment" not in text and "Promises kept" not in text, path


def synthetic_report(count: int) -> AttainmentReport:
    loc = Location("x.yaml", 1, 1)
    rows = tuple(Row(f"d{n % 200:04d}", f"d{n % 200:04d}/s{n}", "P2", "resolution", "1bd",
                     "office", 10, n % 10, 10 - n % 10, 0, 0, None, None, loc)
                 for n in range(count))
    return AttainmentReport(None, rows, (), (), (), 0, count * 10, by="month")


def test_long_lists_are_split_into_pages_with_a_short_pager() -> None:
    count = 9 * ATTAINMENT_ROWS + 10
    options = SiteOptions(None, None, synthetic_report(count))
    files = build_site(example_result(), options, search_files())
    made = {p for p in files if p.startswith("attainment")}
    assert made == {urls.numbered(urls.ATTAINMENT, n) for n in range(1, 11)}
    first = files["attainment.html"].decode()
    assert f"(1 to {ATTAINMENT_ROWS} of {count})" in first
    assert "(1 to 50 of 200)" in first  # departments
    assert "d0199" not in first.split('id="teams"')[1]
    pager = first[first.index('aria-label="Pages of promises kept"'):]
    links = re.findall(r'<li><a href="(attainment[-0-9]*\.html)"', pager)
    assert links == ["attainment.html", "attainment-2.html", "attainment-3.html",
                     "attainment-10.html"]
    assert "See the first page." in files["attainment-10.html"].decode()
    for path, data in files.items():
        assert len(data) < PAGE_LIMIT, path
    assert strict_errors(files) == [] and broken_links(files) == []


def test_pager_window() -> None:
    assert pager_window(1, 1) == [1]
    assert pager_window(10, 5) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert pager_window(4, 1) == [1, 2, 3, 4]


def test_month_helpers() -> None:
    assert month_words("2027-03") == "Mar 2027" and month_words("2027-W09") == "2027-W09"
    assert month_range(["2027-03", "2026-11"]) == ("2026-11", "2026-12", "2027-01",
                                                   "2027-02", "2027-03")
    assert month_range([]) == ()
    row = synthetic_report(1).rows[0]
    point = TrendRow(row.service, "P2", "resolution", "2027-02", 1, 1, 0, 0)
    gaps = filled(row, [point], ("2027-01", "2027-02"))
    assert [g.attainment for g in gaps] == [None, 1.0]
    assert moment_words(0) == "1 Jan 1970, 00:00 UTC"


def test_same_tickets_give_the_same_bytes_whatever_the_zone() -> None:
    script = textwrap.dedent(f"""
        import hashlib, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from tests.site.test_site_attainment import example_report
        from tests.site.conftest import example_result, search_files
        from sla_lint.site import SiteOptions, build_site
        files = build_site(example_result(), SiteOptions(None, None, example_report()),
                           search_files())
        digest = hashlib.sha256()
        for path in sorted(files):
            digest.update(path.encode() + b"\\0" + files[path])
        print(digest.hexdigest())
    """)
    digests = set()
    for zone in ("Pacific/Kiritimati", "America/Los_Angeles"):
        out = subprocess.run([sys.executable, "-c", script], env={**os.environ, "TZ": zone},
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_command_takes_tickets_and_says_what_was_left_out(tmp_path: Path,
                                                           with_search: None) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["site", str(EXAMPLES), "-o", str(out),
                                      "--tickets", str(TICKETS)])
    assert result.exit_code == 0, result.output
    assert "2 ticket row(s) left out" in result.stderr
    assert (out / "attainment.html").is_file()
    assert "How well it was kept" in (out / ACCOUNTS).read_text(encoding="utf-8")


def test_command_reads_tickets_from_the_config_file(tmp_path: Path, with_search: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".sla-lint.yaml").write_text(
        f"paths: [{str(EXAMPLES)!r}]\ntickets: [{str(TICKETS)!r}]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "attainment.html").is_file()


def test_command_refuses_unusable_tickets(tmp_path: Path, with_search: None) -> None:
    bad = tmp_path / "tickets.csv"
    bad.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["site", str(EXAMPLES), "-o", str(tmp_path / "s"),
                                      "--tickets", str(bad)])
    assert result.exit_code == 2
    assert "sla-lint site: --tickets:" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "s").exists()
