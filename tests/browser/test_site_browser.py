"""The published site in a real browser: walking it, searching, keyboard use, axe-core, phones.

Runs Debian's chromium through chromedriver (Selenium). Skipped only when chromium or
chromedriver is absent; CI installs both (.ci/run), and axe-core from
tests/browser/package.json (`npm install` in tests/browser).
Set SLA_LINT_SCREENSHOTS=docs to refresh the screenshots kept in docs/.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sla_lint.config import LintConfig
from sla_lint.engine import lint
from sla_lint.site import SiteOptions, build_site
from sla_lint.tickets import AttainmentOptions, attainment
from tests.site.conftest import EXAMPLES, ROOT, SOURCE_URL, real_search, search_files, write

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")

pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                                reason="chromium and chromedriver are not installed "
                                       "(apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    result = lint([str(EXAMPLES)], LintConfig())
    write(build_site(result, SiteOptions(SOURCE_URL), search_files()), folder)
    broken = lint([str(ROOT / "examples-broken")], LintConfig())
    write(build_site(broken, SiteOptions(SOURCE_URL), search_files()), folder / "broken")
    report = attainment(result.catalogue, [str(EXAMPLES / "tickets" / "northwind-2027-q1.csv")],
                        AttainmentOptions(by="month"))
    write(build_site(result, SiteOptions(SOURCE_URL, None, report), search_files()),
          folder / "tickets")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="sla-lint-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1200,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser: Any, site_dir: Path, path: str) -> None:
    browser.get((site_dir / path).as_uri())


def click_link(browser: Any, text: str, within: str = "main") -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, within).find_element(By.LINK_TEXT, text).click()


def heading(browser: Any) -> str:
    from selenium.webdriver.common.by import By

    return str(browser.find_element(By.TAG_NAME, "h1").text)


def test_walks_from_home_to_a_service_and_its_provider(browser: Any, site_dir: Path) -> None:
    open_page(browser, site_dir, "index.html")
    click_link(browser, "IT Service Desk")
    assert heading(browser) == "IT Service Desk"
    click_link(browser, "Laptops and desk equipment")
    assert heading(browser) == "Laptops and desk equipment"
    click_link(browser, "Purchase orders", "ul.deps")
    assert heading(browser) == "Purchase orders"
    click_link(browser, "Procurement", ".crumbs")
    assert heading(browser) == "Procurement"


def test_keyboard_only_reaches_the_search_box_and_the_content(browser: Any,
                                                              site_dir: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, site_dir, "index.html")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.text == "Skip to the content"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return location.hash") == "#main"
    for _ in range(3):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.switch_to.active_element.get_attribute("id") == "search-input":
            break
    assert browser.switch_to.active_element.get_attribute("id") == "search-input"


@pytest.mark.skipif(real_search() is None,
                    reason="sla_lint.search (helper search's package) is not merged yet")
def test_typing_in_the_search_box_finds_the_service(browser: Any, site_dir: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, site_dir, "index.html")
    browser.find_element(By.ID, "search-input").send_keys("laptops")
    wanted = "services/it-service-desk/laptop-provisioning.html"

    def found(driver: Any) -> bool:
        links = driver.find_elements(By.CSS_SELECTOR, "#search-results a")
        return any((a.get_attribute("href") or "").endswith(wanted) for a in links)

    WebDriverWait(browser, 10).until(found)
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#search-results a")
                if (a.get_attribute("href") or "").endswith(wanted))
    link.click()
    assert heading(browser) == "Laptops and desk equipment"


PAGES = ("index.html", "search.html", "departments/it-service-desk.html",
         "services/it-service-desk/laptop-provisioning.html", "priorities.html", "graph.html",
         "health.html", "broken/health.html", "tickets/attainment.html",
         "tickets/services/it-service-desk/accounts-and-access.html")


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed: run `npm install` "
                                              "in tests/browser")
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_accessibility_violation(browser: Any, site_dir: Path, path: str) -> None:
    open_page(browser, site_dir, path)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    found = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(function (r) { done(JSON.stringify(r.violations)); })"
        ".catch(function (e) { done(JSON.stringify([{id: 'axe-error', help: String(e)}])); });")
    violations = json.loads(found)
    assert violations == [], [(v["id"], v.get("help"), [n.get("target") for n in
                                                        v.get("nodes", [])][:3])
                              for v in violations]


@pytest.mark.parametrize("path", ["index.html", "departments/it-service-desk.html",
                                  "services/it-service-desk/laptop-provisioning.html",
                                  "graph.html", "tickets/attainment.html",
                                  "tickets/services/it-service-desk/accounts-and-access.html"])
def test_readable_on_a_phone_without_sideways_scrolling(browser: Any, site_dir: Path,
                                                        path: str) -> None:
    browser.set_window_size(390, 844)
    try:
        open_page(browser, site_dir, path)
        wide = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"{path} scrolls sideways by {wide}px on a phone"
    finally:
        browser.set_window_size(1200, 1000)


SHOTS = (("index.html", "site-home.png"), ("departments/it-service-desk.html",
                                            "site-department.png"),
         ("services/it-service-desk/laptop-provisioning.html", "site-service.png"),
         ("tickets/services/it-service-desk/accounts-and-access.html",
          "site-service-attainment.png"), ("tickets/attainment.html", "site-attainment.png"))


def test_screenshots_of_home_department_and_service(browser: Any, site_dir: Path,
                                                    tmp_path: Path) -> None:
    folder = Path(os.environ.get("SLA_LINT_SCREENSHOTS") or tmp_path)
    for path, name in SHOTS:
        open_page(browser, site_dir, path)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1200, min(max(int(height) + 20, 600), 2400))
        target = folder / name
        assert browser.save_screenshot(str(target))
        assert target.stat().st_size > 10_000
    browser.set_window_size(1200, 1000)
