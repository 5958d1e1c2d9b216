"""The example handbook in Debian's Chromium: aliases, search, and no request to another host.

Skipped where Chromium is missing, except under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import fetch_axe
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
    yield from _serve(build.site)


def _serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
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


def _search(page: object, words: str) -> list[str]:
    """Type into Material's search box until the index, loaded in a worker, answers; the result links."""
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    results = page.locator(".md-search-result__item a")  # type: ignore[attr-defined]
    for _ in range(20):
        page.keyboard.press("/")  # type: ignore[attr-defined]
        box.press("Control+a")
        box.press_sequentially(words, delay=20)
        box.press("End")  # Material searches on keyup, which text typed as characters (Chinese) does not send
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        if results.count():
            break
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def test_search_finds_a_behaviour_and_leads_to_its_competency(page: object, site: str) -> None:
    page.goto(f"{site}/", wait_until="networkidle")  # type: ignore[attr-defined]
    hrefs = _search(page, "leaves unsaid")
    assert "library/listening-and-empathy/" in hrefs[0]


def test_pages_request_nothing_from_another_host(page: object, site: str) -> None:
    for address in ["", "roles/frontline-officer/", "library/", "matrix/", "values/customer-focused/", "workshop/",
                    "growth/frontline-officer/", "tags/"]:
        page.goto(f"{site}/{address}", wait_until="networkidle")  # type: ignore[attr-defined]
    hosts = {urlsplit(url).netloc for url in page.requests if url.startswith("http")}  # type: ignore[attr-defined]
    assert hosts == {urlsplit(site).netloc}


def test_pages_read_on_a_phone(browser: object, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)  # type: ignore
    page = context.new_page()
    for address in ("roles/frontline-officer/", "growth/frontline-officer/", "workshop/", "matrix/"):
        page.goto(f"{site}/{address}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, address
    context.close()


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


def test_a_role_page_shows_the_next_level_and_leads_to_its_growth_page(page: object, site: str) -> None:
    page.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    folded = page.locator("#competency-improvement-projects ~ details.sb-next").first  # type: ignore[attr-defined]
    assert folded.locator("summary").inner_text().startswith("What the next level, 2 · Practitioner, adds")
    assert not folded.locator("li").first.is_visible()
    folded.locator("summary").click()
    assert folded.locator("li").first.is_visible()
    page.get_by_role("link", name="Growing into Customer service leader").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/growth/frontline-officer/")  # type: ignore[attr-defined]
    assert page.locator("h1").first.inner_text().startswith(  # type: ignore[attr-defined]
        "From Frontline officer to Customer service leader")
    steps = page.locator("#more ~ .md-typeset__scrollwrap tbody tr")  # type: ignore[attr-defined]
    assert steps.count() >= 1


def test_workshop_links_copy_each_address_and_show_its_qr_code(browser: object, site: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/workshop/", wait_until="networkidle")
    row = page.locator("#roles ~ .md-typeset__scrollwrap tbody tr").first
    address = row.locator(".sb-link").inner_text()
    assert address.startswith("https://handbook.riverside-housing.example/roles/")
    row.get_by_role("button", name="Copy the address of").click()
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert page.get_by_role("status").first.inner_text() == f"Copied {address}"
    qr = row.locator("img.sb-qr-small")
    assert qr.evaluate("img => img.naturalWidth") > 0
    context.close()


def test_the_data_page_downloads_the_workbook_and_the_json(page: object, site: str) -> None:
    page.goto(f"{site}/data/")  # type: ignore[attr-defined]
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("link", name="handbook.xlsx").click()  # type: ignore[attr-defined]
    saved = Path(download.value.path())
    assert saved.read_bytes()[:2] == b"PK"  # a zip: the workbook
    reply = page.request.get(f"{site}/data/handbook.json")  # type: ignore[attr-defined]
    assert reply.ok and reply.json()["roles"]["trainer"]["name"] == "Trainer"


def test_the_matrix_filters_by_role_and_cluster(page: object, site: str) -> None:
    page.goto(f"{site}/matrix/")  # type: ignore[attr-defined]
    page.get_by_label("Roles whose name contains").fill("front")  # type: ignore[attr-defined]
    rows = page.locator("table tbody tr:visible")  # type: ignore[attr-defined]
    assert rows.count() >= 1
    assert all("Frontline" in rows.nth(i).locator("td").first.inner_text() for i in range(rows.count()))
    # a cluster none of whose roles is left shows no bare table (no frontline role supports the front line)
    assert not page.locator("#cluster-supporting-the-front-line").is_visible()  # type: ignore[attr-defined]
    assert page.locator("#cluster-leading-service").is_visible()  # type: ignore[attr-defined]
    page.get_by_label("Cluster").select_option(label="Serving customers")  # type: ignore[attr-defined]
    assert page.locator("#cluster-serving-customers").is_visible()  # type: ignore[attr-defined]
    assert not page.locator("#cluster-improving-service").is_visible()  # type: ignore[attr-defined]


def test_on_a_phone_each_matrix_choice_sits_under_its_label(browser: object, site: str) -> None:
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # type: ignore[attr-defined]
    page.goto(f"{site}/matrix/")
    for label, control in (("Roles whose name contains", "#sb-matrix-role"), ("Cluster", "#sb-matrix-cluster")):
        above = page.locator(f"label[for='{control[1:]}']").bounding_box()
        below = page.locator(control).bounding_box()
        assert above["y"] + above["height"] <= below["y"] + 1, label
    page.close()


def test_clusters_and_values_are_told_apart_below_the_title_and_lead_to_their_pages(page: object, site: str) -> None:
    page.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    assert page.locator(".md-tags").count() == 0  # type: ignore[attr-defined]
    title = page.locator("h1").first.bounding_box()["y"]  # type: ignore[attr-defined]
    facts = page.locator(".sb-meta", has_text="Values:")  # type: ignore[attr-defined]
    assert facts.bounding_box()["y"] > title
    lines = {line.split(":")[0]: line for line in facts.inner_text().splitlines()}
    assert "Serving customers" in lines["Clusters"] and "Customer focused" not in lines["Clusters"]
    assert "Customer focused" in lines["Values"] and "Serving customers" not in lines["Values"]
    facts.get_by_role("link", name="Customer focused", exact=True).click()
    page.wait_for_url("**/values/customer-focused/")  # type: ignore[attr-defined]
    page.goto(f"{site}/tags/")  # type: ignore[attr-defined]
    assert [text.rstrip("¶") for text in page.locator("h2").all_inner_texts()[:2]] == ["Clusters", "Values"]  # type: ignore
    assert "Listening and empathy" in page.locator("#value-customer-focused + p").inner_text()  # type: ignore


@pytest.fixture(scope="module")
def offline_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = mkdocs_build(copy_example(tmp_path_factory.mktemp("offline")), env={"SERVICEBOOK_OFFLINE": "true"})
    assert build.returncode == 0, build.output
    return build.site


def test_the_offline_pack_searches_from_a_folder_and_asks_no_host(page: object, offline_pack: Path) -> None:
    page.goto((offline_pack / "index.html").as_uri(), wait_until="load")  # type: ignore[attr-defined]
    hrefs = _search(page, "leaves unsaid")
    assert any("library/listening-and-empathy.html" in href for href in hrefs)
    page.locator('.md-search-result__item a[href*="library/listening-and-empathy.html"]').first.click()  # type: ignore
    page.wait_for_url(re.compile(r"/library/listening-and-empathy\.html"))  # type: ignore[attr-defined]
    assert all(url.startswith("file://") for url in page.requests), page.requests  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def axe() -> str:
    """axe-core's script, fetched once from the npm registry and kept in .cache/."""
    try:
        return fetch_axe.fetch().read_text(encoding="utf-8")
    except OSError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core could not be fetched from the npm registry: {error}", pytrace=False)
        pytest.skip(f"axe-core could not be fetched from the npm registry ({error}); accessibility tests skipped")


def _serious_violations(page: object, axe: str, context: str = "document") -> list[str]:
    """Serious and critical axe-core findings on the page (or the part of it `context` selects)."""
    page.add_script_tag(content=axe)  # type: ignore[attr-defined]
    return list(page.evaluate(  # type: ignore[attr-defined]
        f"async () => (await axe.run({context})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"))


PAGE_KINDS = ["", "roles/", "roles/frontline-officer/", "library/", "library/listening-and-empathy/", "values/",
              "values/customer-focused/", "training/", "training/service-foundations/", "matrix/", "growth/",
              "growth/frontline-officer/", "workshop/", "tags/", "guide/staff/", "data/"]


@pytest.mark.parametrize("address", PAGE_KINDS)
def test_every_page_kind_has_no_serious_accessibility_violation(page: object, site: str, axe: str,
                                                                 address: str) -> None:
    page.goto(f"{site}/{address}", wait_until="networkidle")  # type: ignore[attr-defined]
    if address.startswith("roles/") and address != "roles/":  # with a check-in open
        page.get_by_role("button", name="Check-ins").click()  # type: ignore[attr-defined]
        page.get_by_role("button", name="Start a check-in").click()  # type: ignore[attr-defined]
    violations = _serious_violations(page, axe)
    assert violations == []


@pytest.fixture(scope="module")
def dark_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example in another palette: the dark scheme with teal, a colour the handbook's controls must not rely on."""
    project = copy_example(tmp_path_factory.mktemp("dark"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("scheme: default\n      primary: indigo\n      accent: indigo",
                                                 "scheme: slate\n      primary: teal\n      accent: orange"))
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    yield from _serve(build.site)


@pytest.mark.parametrize("address", ["roles/frontline-officer/", "workshop/", "matrix/"])
def test_the_handbook_keeps_its_contrast_in_any_palette(page: object, dark_site: str, axe: str, address: str) -> None:
    page.goto(f"{dark_site}/{address}", wait_until="networkidle")  # type: ignore[attr-defined]
    # Only the page's content: the header's colours are the palette the site chose.
    violations = _serious_violations(page, axe, "'.md-content'")
    assert violations == []
