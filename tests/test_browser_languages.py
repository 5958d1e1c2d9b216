"""The site in two languages in Debian's Chromium: the switcher, Chinese search, a phone, no other host."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from sitebuild import copy_example, mkdocs_build
from test_browser import _search, _serve, browser, page  # noqa: F401 (fixtures)

pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build = mkdocs_build(copy_example(tmp_path_factory.mktemp("languages-browser")))
    assert build.returncode == 0, build.output
    yield from _serve(build.site)


def test_the_switcher_leads_to_the_same_page_in_the_other_language(page: object, site: str) -> None:
    # Material's own script maps a page to another language through the languages' sitemaps, and once (in
    # a full run) sent the reader to the other language's home page instead; servicebook.js keeps the
    # switcher's own link. Without the English sitemap, one of the two orders it reads them in is taken.
    page.route(f"{site}/sitemap.xml", lambda route: route.abort())  # type: ignore[attr-defined]
    page.goto(f"{site}/roles/frontline-officer/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.locator(".md-header .md-select").hover()  # type: ignore[attr-defined]
    page.locator('a.md-select__link[hreflang="zh-Hant"]').click()  # type: ignore[attr-defined]
    page.wait_for_url("**/zh-Hant/roles/frontline-officer/")  # type: ignore[attr-defined]
    assert page.locator("h1").first.inner_text().startswith("前線人員")  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"  # type: ignore[attr-defined]
    page.locator(".md-header .md-select").hover()  # type: ignore[attr-defined]
    page.locator('a.md-select__link[hreflang="en"]').click()  # type: ignore[attr-defined]
    page.wait_for_url("**/roles/frontline-officer/")  # type: ignore[attr-defined]
    assert "/zh-Hant/" not in page.url  # type: ignore[attr-defined]


def test_chinese_search_finds_a_translated_behaviour(page: object, site: str) -> None:
    """A level-1 behaviour of clear communication, as the example's catalogue translates it."""
    page.goto(f"{site}/zh-Hant/", wait_until="networkidle")  # type: ignore[attr-defined]
    hrefs = _search(page, "避免使用內部簡稱")
    assert hrefs and "library/clear-communication/" in hrefs[0], hrefs


def test_text_that_arrives_without_a_key_is_searched(page: object, site: str) -> None:
    """Chinese typed through an input method, or text pasted with the mouse, releases no key."""
    page.goto(f"{site}/zh-Hant/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.locator("input.md-search__input").fill("避免使用內部簡稱")  # type: ignore[attr-defined]
    first = page.locator(".md-search-result__item a").first  # type: ignore[attr-defined]
    first.wait_for(timeout=10000)
    assert "library/clear-communication/" in (first.get_attribute("href") or "")


def test_text_shown_in_english_is_read_as_english(page: object, site: str) -> None:
    page.goto(f"{site}/zh-Hant/library/clear-communication/")  # type: ignore[attr-defined]
    assert page.locator(".sb-untranslated").first.is_visible()  # type: ignore[attr-defined]
    marked = page.locator('article span[lang="en"]').first  # type: ignore[attr-defined]
    assert marked.inner_text().startswith("Applies the service basics")


def test_a_chinese_role_page_reads_on_a_phone(browser: object, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    for address in ("zh-Hant/roles/frontline-officer/", "zh-Hant/matrix/", "zh-Hant/"):
        page.goto(f"{site}/{address}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, address
    context.close()


def test_the_chinese_site_requests_nothing_from_another_host(page: object, site: str) -> None:
    for address in ("zh-Hant/", "zh-Hant/roles/frontline-officer/", "zh-Hant/matrix/", "zh-Hant/guide/staff/"):
        page.goto(f"{site}/{address}", wait_until="networkidle")  # type: ignore[attr-defined]
    hosts = {urlsplit(url).netloc for url in page.requests if url.startswith("http")}  # type: ignore[attr-defined]
    assert hosts == {urlsplit(site).netloc}
