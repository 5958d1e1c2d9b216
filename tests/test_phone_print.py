"""What the guides promise on a phone (390 px), on a desk (1280 px) and on A4 paper, in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from conftest import ROOT
from servicebook.data.link import load_handbook
from test_browser import browser, site  # noqa: F401  (the shared browser fixtures)

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
MM = 96 / 25.4  # CSS pixels per millimetre
# A4 less the margins of the handbook's @page rule (14 mm at the sides and top, 16 mm at the foot).
A4_CONTENT = {"width": int((210 - 28) * MM), "height": int((297 - 30) * MM)}


@pytest.fixture
def phone(browser: object) -> Iterator[object]:  # noqa: F811
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


@pytest.fixture
def desk(browser: object) -> Iterator[object]:  # noqa: F811
    context = browser.new_context(viewport=DESK)  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def pdf_pages(page: object) -> int:
    """How many A4 pages the page prints on, as Chromium prints it."""
    pdf = page.pdf(format="A4", print_background=True)  # type: ignore[attr-defined]
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def _top(page: object, selector: str) -> float:
    return float(page.locator(selector).first.bounding_box()["y"])  # type: ignore[attr-defined]


def test_a_role_page_shows_its_profile_at_a_glance_before_the_detail(desk: object, site: str) -> None:  # noqa: F811
    desk.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    assert _top(desk, "#competencies") < _top(desk, "#responsibilities") < _top(desk, "#expected")
    rows = desk.locator("#competencies + .md-typeset__scrollwrap tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == len(load_handbook(ROOT / "competencies").needs["frontline-officer"])
    for index in range(rows.count()):
        link = rows.nth(index).locator("a")
        assert re.match(r"\d · ", rows.nth(index).locator("td").nth(1).inner_text())
        assert desk.locator(link.get_attribute("href")).count() == 1  # type: ignore[attr-defined]


def test_a_phone_reaches_the_contents_of_a_role_page_at_the_top(phone: object, site: str) -> None:  # noqa: F811
    phone.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    contents = phone.locator(".sb-contents")  # type: ignore[attr-defined]
    assert contents.is_visible() and _top(phone, ".sb-contents") < 2 * PHONE["height"]
    contents.get_by_role("link", name="Training").click()
    phone.wait_for_url("**#training")  # type: ignore[attr-defined]
    assert phone.locator("#training").is_visible()  # type: ignore[attr-defined]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # type: ignore[attr-defined]


def test_on_a_desk_the_contents_are_in_the_sidebar_not_repeated(desk: object, site: str) -> None:  # noqa: F811
    desk.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    assert not desk.locator(".sb-contents").is_visible()  # type: ignore[attr-defined]
    assert desk.locator(".md-sidebar--secondary a[href='#training']").is_visible()  # type: ignore[attr-defined]


def test_the_next_level_is_folded_on_screen_and_left_off_paper(desk: object, site: str) -> None:  # noqa: F811
    desk.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    folded = desk.locator("details.sb-next")  # type: ignore[attr-defined]
    assert folded.count() >= 1 and not folded.first.locator("li").first.is_visible()
    desk.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not folded.first.is_visible()


def test_a_seven_competency_role_prints_on_two_a4_pages_with_its_address_and_qr_code_first(
        browser: object, site: str) -> None:  # noqa: F811
    handbook = load_handbook(ROOT / "competencies")
    sevens = [rid for rid, needs in handbook.needs.items() if len(needs) == 7]
    # the one with the most behaviours to print, so the claim is tested where it is hardest
    rid = max(sevens, key=lambda r: sum(len(handbook.behaviours[n.competency][n.level]) for n in handbook.needs[r]))
    context = browser.new_context(viewport=A4_CONTENT)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/roles/{rid}/", wait_until="networkidle")
    assert page.locator("#competencies + .md-typeset__scrollwrap tbody tr").count() == 7
    assert pdf_pages(page) <= 2
    page.emulate_media(media="print")
    handout = page.locator(".sb-handout")
    assert handout.is_visible() and f"roles/{rid}/" in handout.inner_text()
    box = page.locator("img.sb-qr").bounding_box()
    assert box is not None and box["y"] + box["height"] < A4_CONTENT["height"]
    # No trace of the screen's interactive parts: no bar where the check-ins sit.
    assert not page.locator(".sb-checkins").is_visible()
    context.close()


def test_the_home_page_opens_a_role_in_one_step(phone: object, site: str) -> None:  # noqa: F811
    phone.goto(f"{site}/")  # type: ignore[attr-defined]
    field = phone.get_by_label("Go to your role")  # type: ignore[attr-defined]
    assert _top(phone, ".sb-role-finder") < PHONE["height"]
    field.fill("Frontline officer")
    field.press("Enter")
    phone.wait_for_url("**/roles/frontline-officer/")  # type: ignore[attr-defined]
    phone.goto(f"{site}/")  # type: ignore[attr-defined]
    field.fill("officer")  # a word from inside the name, held by one role only
    field.press("Enter")
    phone.wait_for_url("**/roles/frontline-officer/")  # type: ignore[attr-defined]
    phone.goto(f"{site}/")  # type: ignore[attr-defined]
    field.fill("no such role")
    field.press("Enter")
    assert "No role has that name" in phone.locator(".sb-role-finder [role=status]").inner_text()  # type: ignore


def test_the_roles_index_follows_the_reporting_lines(desk: object, site: str) -> None:  # noqa: F811
    """With staff groups, each group's roles in reporting order (a role after the one it reports to)."""
    desk.goto(f"{site}/roles/")  # type: ignore[attr-defined]
    table = desk.locator("#group-managers ~ .md-typeset__scrollwrap").first  # type: ignore[attr-defined]
    names = table.locator("tbody tr td:first-child a").all_inner_texts()
    assert names == ["Senior manager", "Line manager"]  # not the alphabet's order


def test_matrix_role_names_stay_in_view_after_a_sideways_scroll_on_a_phone(phone: object, site: str) -> None:  # noqa: F811
    phone.goto(f"{site}/matrix/")  # type: ignore[attr-defined]
    wrap = phone.locator(".md-typeset__scrollwrap").first  # type: ignore[attr-defined]
    assert wrap.evaluate("node => node.scrollWidth > node.clientWidth")
    wrap.evaluate("node => { node.scrollLeft = node.scrollWidth; }")
    phone.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert wrap.evaluate("node => node.scrollLeft") > 100
    name = wrap.locator("tbody td").first
    box = name.bounding_box()
    assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    assert name.inner_text().strip() and phone.evaluate(  # type: ignore[attr-defined]
        "([x, y]) => document.elementFromPoint(x, y).closest('td') === document.querySelector("
        "'.md-typeset__scrollwrap tbody td')", [box["x"] + 5, box["y"] + 5])


def test_the_matrix_filter_is_kept_in_the_page_address(desk: object, site: str) -> None:  # noqa: F811
    desk.goto(f"{site}/matrix/")  # type: ignore[attr-defined]
    desk.get_by_label("Roles whose name contains").fill("front")  # type: ignore[attr-defined]
    desk.get_by_label("Cluster").select_option(label="Serving customers")  # type: ignore[attr-defined]
    assert desk.url.endswith("/matrix/?role=front&cluster=cluster-serving-customers")  # type: ignore[attr-defined]
    desk.goto(f"{site}/matrix/?role=leader&cluster=cluster-leading-service")  # type: ignore[attr-defined]
    assert desk.get_by_label("Roles whose name contains").input_value() == "leader"  # type: ignore[attr-defined]
    assert desk.locator("#cluster-leading-service").is_visible()  # type: ignore[attr-defined]
    assert not desk.locator("#cluster-serving-customers").is_visible()  # type: ignore[attr-defined]
    rows = desk.locator("table tbody tr:visible")  # type: ignore[attr-defined]
    assert rows.count() >= 1 and all("leader" in rows.nth(i).inner_text().lower() for i in range(rows.count()))


def test_the_matrix_prints_on_landscape_a4_with_every_column_and_no_form(browser: object, site: str) -> None:  # noqa: F811
    landscape = {"width": int((297 - 20) * MM), "height": int((210 - 20) * MM)}
    context = browser.new_context(viewport=landscape)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/matrix/", wait_until="networkidle")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    boxes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]
    assert boxes and all(width > height for width, height in boxes)  # every page turned sideways
    page.emulate_media(media="print")
    assert not page.locator(".sb-matrix-filter").is_visible()
    for index in range(page.locator("table").count()):
        table = page.locator("table").nth(index)
        assert table.evaluate("t => t.getBoundingClientRect().right") <= landscape["width"] + 1
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    context.close()


def test_other_pages_print_upright(browser: object, site: str) -> None:  # noqa: F811
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/roles/frontline-officer/", wait_until="networkidle")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    boxes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]
    assert boxes and all(width < height for width, height in boxes)
    context.close()


@pytest.mark.parametrize("value", ["customer-focused", "respect-and-fairness"])
def test_a_value_poster_prints_on_one_a4_page_with_its_qr_code(browser: object, site: str, value: str) -> None:  # noqa: F811
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/values/{value}/")
    page.get_by_role("link", name="Poster of this value").click()
    page.wait_for_url(f"**/posters/{value}/")
    assert pdf_pages(page) == 1
    page.emulate_media(media="print")
    assert page.locator(".sb-poster-statement").is_visible() and page.locator("#we-do").is_visible()
    assert f"/values/{value}/" in page.locator(".sb-poster-foot").inner_text()
    assert page.locator(".sb-poster-foot img.sb-qr").evaluate("img => img.naturalWidth") > 0
    assert not page.locator(".sb-screen-note").first.is_visible()
    context.close()


def test_the_pocket_card_holds_every_value_on_one_page_and_is_linked_from_the_workshop(
        browser: object, site: str) -> None:  # noqa: F811
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/workshop/")
    page.locator("#posters ~ p").get_by_role("link", name="the pocket card").click()
    page.wait_for_url("**/posters/")
    assert pdf_pages(page) == 1
    page.emulate_media(media="print")
    card = page.locator(".sb-card")
    names = card.locator("dt").all_inner_texts()
    assert len(names) == 5 and "Customer focused" in names
    box = card.bounding_box()
    assert box is not None and abs(box["width"] - 105 * MM) < 2 and abs(box["height"] - 148 * MM) < 2
    context.close()


PAGE_KINDS = ["", "roles/", "roles/frontline-officer/", "library/", "library/listening-and-empathy/", "values/",
              "values/customer-focused/", "training/", "training/service-foundations/", "matrix/", "growth/",
              "growth/frontline-officer/", "workshop/", "tags/", "posters/", "posters/customer-focused/",
              "guide/staff/"]


def test_every_page_kind_works_on_a_phone(phone: object, site: str) -> None:  # noqa: F811
    """The staff guide: every page works on a phone, its menu behind the button at the top left."""
    for address in PAGE_KINDS:
        phone.goto(f"{site}/{address}")  # type: ignore[attr-defined]
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], address  # type: ignore
        menu = phone.locator("label.md-header__button[for='__drawer']")  # type: ignore[attr-defined]
        box = menu.bounding_box()
        assert menu.is_visible() and box is not None and box["x"] < 60 and box["y"] < 60, address
        menu.click()
        phone.locator(".md-nav--primary").first.wait_for(state="visible")  # type: ignore[attr-defined]


def test_a_competency_handout_ends_with_its_address_and_qr_code(browser: object, site: str) -> None:  # noqa: F811
    context = browser.new_context(viewport=A4_CONTENT)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/library/listening-and-empathy/", wait_until="networkidle")
    assert pdf_pages(page) <= 2
    page.emulate_media(media="print")
    handout = page.locator(".sb-handout")
    assert handout.is_visible() and "library/listening-and-empathy/" in handout.inner_text()
    last = page.locator("article > *:visible").last
    assert last.evaluate("node => node.classList.contains('sb-handout')")
    context.close()


def test_a_growth_page_prints_as_a_handout(browser: object, site: str) -> None:  # noqa: F811
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{site}/growth/frontline-officer/", wait_until="networkidle")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").first.is_visible()
    context.close()


def test_a_role_handout_leaves_the_check_ins_off(desk: object, site: str) -> None:  # noqa: F811
    """Printing the page gives the handout; only the check-in's own Print button prints a check-in."""
    desk.goto(f"{site}/roles/frontline-officer/")  # type: ignore[attr-defined]
    box = desk.locator(".sb-checkins")  # type: ignore[attr-defined]
    assert box.count() == 1
    desk.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not box.is_visible()


def test_a_deep_reporting_tree_reads_on_a_phone(browser: object, tmp_path: object) -> None:  # noqa: F811
    """Twelve levels of reporting lines: every name stays on the screen and keeps room to read."""
    from pathlib import Path

    from conftest import write_data
    from sitebuild import mkdocs_build
    from test_browser import _serve

    project = Path(str(tmp_path)) / "project"
    roles = {f"roles/r{n:02d}.yml": f"name: Role number {n}\nsummary: Does the work of level {n}.\n"
             "competencies:\n  listening: 1\n" + (f"reports_to: r{n - 1:02d}\n" if n else "") for n in range(12)}
    write_data(project / "competencies", {"roles/frontline.yml": None, "roles/leader.yml": None, **roles})
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text("site_name: Deep\ntheme:\n  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - servicebook\n")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    for address in _serve(build.site):
        page.goto(f"{address}/roles/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        deepest = page.get_by_role("link", name="Role number 11", exact=True).locator("xpath=..")
        box = deepest.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"] and box["width"] >= PHONE["width"] / 2
    context.close()
