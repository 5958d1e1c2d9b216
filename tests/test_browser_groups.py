"""Format 1.1 in Debian's Chromium: the staff group filters, pledge posters, and accessibility of the new pages."""

from __future__ import annotations

import pytest

from test_browser import _serious_violations, axe, browser, page, site  # noqa: F401  (shared fixtures)


def test_the_roles_index_shows_one_staff_group_at_a_time(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/roles/")  # type: ignore[attr-defined]
    choice = page.get_by_label("Staff group")  # type: ignore[attr-defined]
    assert choice.is_visible()
    assert page.locator("#group-general-staff").is_visible()  # type: ignore[attr-defined]
    choice.select_option(label="Frontline staff")
    assert page.locator("#group-frontline-staff").is_visible()  # type: ignore[attr-defined]
    assert "Frontline officer" in page.locator("table:visible").first.inner_text()  # type: ignore[attr-defined]
    for other in ("#group-general-staff", "#group-customer-service-leaders", "#group-managers"):
        assert not page.locator(other).is_visible(), other  # type: ignore[attr-defined]
    choice.select_option(label="All staff groups")
    assert page.locator("#group-managers").is_visible()  # type: ignore[attr-defined]


def test_the_matrix_filters_by_staff_group(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/matrix/")  # type: ignore[attr-defined]
    page.get_by_label("Staff group").select_option(label="Customer service leaders")  # type: ignore[attr-defined]
    rows = page.locator("table tbody tr:visible")  # type: ignore[attr-defined]
    assert rows.count() >= 1
    assert {rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())} == {"Customer service leader"}
    assert "Roles shown: 1." in page.locator(".sb-matrix-filter .sb-status").inner_text()  # type: ignore[attr-defined]


def test_a_pledge_prints_as_a_poster(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/pledges/seeing-you-at-the-counter/")  # type: ignore[attr-defined]
    size = "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    text = page.evaluate(size, ".md-typeset table td")  # type: ignore[attr-defined]
    # On paper the promise is poster-sized: about twice the text around it, which is larger than on screen.
    assert page.evaluate(size, ".sb-pledge-statement") > 1.6 * text  # type: ignore[attr-defined]
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome  # type: ignore[attr-defined]
    handout = page.locator(".sb-handout")  # type: ignore[attr-defined]
    assert "https://handbook.riverside-housing.example/pledges/seeing-you-at-the-counter/" in handout.inner_text()
    assert page.locator("img.sb-qr").evaluate("img => img.naturalWidth") > 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("address", ["groups/", "groups/frontline-staff/", "pledges/", "pledges/answering-letters/",
                                     "training/leaders-foundations/"])
def test_the_new_page_kinds_have_no_serious_accessibility_violation(page: object, site: str, axe: str,  # noqa: F811
                                                                    address: str) -> None:
    page.goto(f"{site}/{address}", wait_until="networkidle")  # type: ignore[attr-defined]
    assert _serious_violations(page, axe) == []
