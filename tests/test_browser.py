"""The example handbook in Debian's Chromium: aliases, search, and no request to another host.

Skipped where Chromium is missing, except under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import copy_example, mkdocs_build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package", pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build = mkdocs_build(copy_example(tmp_path_factory.mktemp("browser")))
    assert build.returncode == 0, build.output
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(build.site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, site: str) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def test_an_alias_leads_to_the_current_page_and_anchor(page: object, site: str) -> None:
    page.goto(f"{site}/roles/team-leader/#competency-coaching-and-feedback")  # type: ignore[attr-defined]
    page.wait_for_url("**/roles/customer-service-leader/#competency-coaching-and-feedback")  # type: ignore[attr-defined]
    assert page.locator("h1").first.inner_text().startswith("Customer service leader")  # type: ignore[attr-defined]


def test_search_finds_a_behaviour_and_leads_to_its_pages(page: object, site: str) -> None:
    page.goto(f"{site}/", wait_until="networkidle")  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    results = page.locator(".md-search-result__item a")  # type: ignore[attr-defined]
    for _ in range(20):  # the index loads in a worker: type again until it answers
        page.keyboard.press("/")  # type: ignore[attr-defined]
        box.press("Control+a")
        box.press_sequentially("leaves unsaid", delay=20)
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        if results.count():
            break
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("library/listening-and-empathy/" in href for href in hrefs)
    assert any("roles/" in href for href in hrefs)


def test_pages_request_nothing_from_another_host(page: object, site: str) -> None:
    for address in ["", "roles/frontline-officer/", "library/", "matrix/", "values/customer-focused/"]:
        page.goto(f"{site}/{address}", wait_until="networkidle")  # type: ignore[attr-defined]
    hosts = {urlsplit(url).netloc for url in page.requests if url.startswith("http")}  # type: ignore[attr-defined]
    assert hosts == {urlsplit(site).netloc}


def test_a_role_page_reads_on_a_phone(browser: object, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)  # type: ignore
    page = context.new_page()
    page.goto(f"{site}/roles/frontline-officer/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    context.close()


def _answer(page: object, view: str, index: int, value: str) -> object:
    return page.locator(f'input[name="sb-{view}-{index}"][value="{value}"]')  # type: ignore[attr-defined]


def test_self_assessment_survives_a_reload_exports_csv_and_clears(page: object, site: str) -> None:
    page.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    toolbar = page.locator(".sb-assessment")  # type: ignore[attr-defined]
    assert toolbar.is_visible()
    first = _answer(page, "self", 0, "sometimes")
    first.focus()
    page.keyboard.press("Space")  # type: ignore[attr-defined]  # by keyboard, as a screen-reader user would
    page.get_by_role("button", name="Supervisor view").click()  # type: ignore[attr-defined]
    _answer(page, "supervisor", 0, "consistently").check()
    page.reload()  # type: ignore[attr-defined]
    assert _answer(page, "self", 0, "sometimes").is_checked()
    assert _answer(page, "supervisor", 0, "consistently").is_visible()
    assert _answer(page, "supervisor", 0, "consistently").is_checked()
    legend = page.locator(".sb-answer--self legend").first.inner_text()  # type: ignore[attr-defined]
    assert legend.startswith("You")
    with page.expect_download() as event:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Download CSV").click()  # type: ignore[attr-defined]
    csv = Path(event.value.path()).read_text(encoding="utf-8")
    assert csv.splitlines()[0] == '"Role","Competency","Level","Behaviour","Self-assessment","Supervisor assessment"'
    assert '"Sometimes","Consistently"' in csv.splitlines()[1]
    assert len(csv.splitlines()) == page.locator(".sb-answers").count() + 1  # type: ignore[attr-defined]
    page.get_by_role("button", name="Clear answers").click()  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    assert not _answer(page, "self", 0, "sometimes").is_checked()
    assert all(request.startswith(site) for request in page.requests)  # type: ignore[attr-defined]


def test_a_role_page_prints_as_a_handout(page: object, site: str) -> None:
    page.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    assert not page.locator(".sb-handout").is_visible()  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".sb-tools"):
        assert not page.locator(chrome).first.is_visible(), chrome  # type: ignore[attr-defined]
    handout = page.locator(".sb-handout")  # type: ignore[attr-defined]
    assert handout.is_visible()
    assert "https://handbook.riverside-housing.example/roles/frontline-officer/" in handout.inner_text()
    qr = page.locator("img.sb-qr")  # type: ignore[attr-defined]
    assert qr.is_visible() and qr.evaluate("img => img.naturalWidth") > 0
    breaks = page.evaluate("getComputedStyle(document.querySelector('.md-typeset li')).breakInside")  # type: ignore[attr-defined]
    assert breaks == "avoid"
