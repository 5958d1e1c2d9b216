"""Check-ins in Debian's Chromium: saved, kept apart, sent between devices, re-based, refused, printed, deleted.

Two browser contexts stand for two devices (each has its own storage). Uses the fixtures of
test_browser (the example site, the browser, axe-core).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from servicebook.data.link import load_handbook
from servicebook.tools.checkins import summarise
from servicebook.tools.cli import main
from sitebuild import copy_example, mkdocs_build
from test_browser import (  # noqa: F401  (fixtures)
    _serious_violations,
    _serve,
    axe,
    browser,
    dark_site,
    offline_pack,
    page,
    site,
)

expect = pytest.importorskip("playwright.sync_api").expect

ROLE = "roles/frontline-officer/"
Page = Any


def unfold(page: Page) -> None:
    """Open the check-ins box, folded away until a check-in is saved in this browser."""
    toggle = page.get_by_role("button", name="Check-ins")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def start(page: Page, name: str) -> None:
    unfold(page)
    page.get_by_label("Name (optional)").fill(name)
    page.get_by_role("button", name="Start a check-in").click()
    page.locator("#sb-ci-title").wait_for()


def answer(page: Page, number: int, value: str) -> Any:
    return page.locator(f'input[name="sb-ci-{number}"][value="{value}"]')


def stage(page: Page, view: str) -> None:
    page.get_by_role("radio", name=view, exact=True).check()


def stored(page: Page) -> dict[str, Any]:
    """Every check-in saved in this browser, by id."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('servicebook:checkin:')).map(k => [k.slice(20), JSON.parse(localStorage[k])]))""")


def export(page: Page, button: str = "Export file") -> Path:
    """The downloaded file, under the name the browser suggested."""
    with page.expect_download() as event:
        page.get_by_role("button", name=button).click()
    target = Path(tempfile.mkdtemp()) / event.value.suggested_filename
    event.value.save_as(target)
    return target


def status(page: Page) -> str:
    return str(page.locator(".sb-ci-status").inner_text())


def said(page: Page, words: str) -> None:
    """The status line comes to say `words` (files are read asynchronously)."""
    expect(page.locator(".sb-ci-status")).to_contain_text(words)


def test_a_check_in_with_notes_survives_a_reload(page: Page, site: str) -> None:
    page.goto(f"{site}/{ROLE}")
    start(page, "Ann Example")
    answer(page, 0, "sometimes").focus()
    page.keyboard.press("Space")  # by keyboard, as a screen-reader user would
    page.locator("#sb-ci-note-0").fill("Calmed a tenant at the counter on 3 May")
    answer(page, 1, "not-yet").check()
    page.reload()
    page.get_by_role("button", name="Ann Example, ").click()
    assert answer(page, 0, "sometimes").is_checked()
    assert answer(page, 1, "not-yet").is_checked()
    assert page.locator("#sb-ci-note-0").input_value() == "Calmed a tenant at the counter on 3 May"
    assert "2 of " in page.locator(".sb-ci-summary-text").inner_text()
    assert all(request.startswith(site) for request in page.requests)


def test_two_peoples_check_ins_for_one_role_stay_apart(page: Page, site: str) -> None:
    page.goto(f"{site}/{ROLE}")
    start(page, "Ann")
    answer(page, 0, "sometimes").check()
    start(page, "Bo")
    answer(page, 0, "not-yet").check()
    page.get_by_role("button", name="Ann, ").click()
    assert answer(page, 0, "sometimes").is_checked() and not answer(page, 0, "not-yet").is_checked()
    page.get_by_role("button", name="Bo, ").click()
    assert answer(page, 0, "not-yet").is_checked()
    assert sorted(record["person"] for record in stored(page).values()) == ["Ann", "Bo"]


def test_a_check_in_travels_to_a_second_device_and_back_with_every_answer_and_note(browser: Any, site: str) -> None:
    staff, supervisor = browser.new_context(accept_downloads=True), browser.new_context(accept_downloads=True)
    mine, theirs = staff.new_page(), supervisor.new_page()
    mine.goto(f"{site}/{ROLE}")
    start(mine, "Ann")
    answer(mine, 0, "sometimes").check()
    mine.locator("#sb-ci-note-0").fill("=1+1 handled a complaint")
    answer(mine, 1, "consistently").check()
    sent = export(mine)
    theirs.goto(f"{site}/{ROLE}")
    assert not theirs.get_by_label("Name (optional)").is_visible()  # folded: nothing saved on this device yet
    unfold(theirs)
    theirs.locator("#sb-ci-import").set_input_files(str(sent))
    said(theirs, "was imported")
    stage(theirs, "Supervisor")
    assert "=1+1 handled a complaint" in theirs.locator(".sb-ci-behaviour").first.inner_text()  # the person's view
    answer(theirs, 0, "consistently").check()
    theirs.locator("#sb-ci-note-0").fill("Seen at the counter twice")
    stage(theirs, "Agreed")
    answer(theirs, 0, "consistently").check()
    theirs.get_by_label("Agreed outcome").fill("Next: lead a huddle on complaints")
    back = export(theirs)
    mine.locator("#sb-ci-import").set_input_files(str(back))
    said(mine, "replacing the copy saved here")
    mine.get_by_role("button", name="Undo").click()  # the copy saved before comes back
    said(mine, "The check-in was restored.")
    assert list(stored(mine).values())[0]["entries"][0]["supervisor"] is None
    drop(mine, back)
    said(mine, "replacing the copy saved here")
    record = json.loads(back.read_text())
    first, second = record["entries"][0], record["entries"][1]
    assert (first["self"], first["self_note"], first["supervisor"], first["supervisor_note"], first["agreed"]) == (
        "sometimes", "=1+1 handled a complaint", "consistently", "Seen at the counter twice", "consistently")
    assert second["self"] == "consistently" and record["outcome"] == "Next: lead a huddle on complaints"
    assert list(stored(mine).values()) == [record]
    stage(mine, "Supervisor")
    assert mine.locator("#sb-ci-note-0").input_value() == "Seen at the counter twice"
    sheet = export(mine, "Export CSV")
    assert sheet.name.endswith(".csv") and back.name.endswith(".checkin.json")
    table = sheet.read_text(encoding="utf-8").splitlines()
    assert table[0].startswith('"checkin","name","date","role"')
    assert "\"'=1+1 handled a complaint\"" in table[1]  # never a formula in a spreadsheet
    assert len(table) == 1 + mine.locator(".sb-ci-behaviour").count()
    handbook = load_handbook(ROOT / "competencies")
    for exported in (back, sheet):  # HR's summary reads both exports alike
        summary = summarise(handbook, [exported])
        assert summary.bad == [] and len(summary.people) == 1
        tally = summary.tallies["frontline-officer", "listening-and-empathy"]
        assert (tally.people["consistently"], tally.both, tally.differ) == (1, 1, 1), exported
    staff.close()
    supervisor.close()


def test_deleting_asks_first_and_can_be_undone(page: Page, site: str) -> None:
    page.goto(f"{site}/{ROLE}")
    start(page, "Ann")
    answer(page, 0, "sometimes").check()
    page.get_by_role("button", name="Delete").click()
    assert len(stored(page)) == 1
    page.get_by_role("button", name="Keep it").click()
    assert len(stored(page)) == 1
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("button", name="Yes, delete it").click()
    assert stored(page) == {} and "was deleted" in status(page)
    page.get_by_role("button", name="Undo").click()
    assert len(stored(page)) == 1 and answer(page, 0, "sometimes").is_checked()


def drop(page: Page, path: Path) -> None:
    """Drop a file onto the check-ins box, as a person dragging it from their file manager."""
    page.evaluate("""([text, name]) => {
        const files = new DataTransfer();
        files.items.add(new File([text], name, {type: "application/json"}));
        document.querySelector(".sb-checkins").dispatchEvent(
            new DragEvent("drop", {dataTransfer: files, bubbles: true, cancelable: true}));
    }""", [path.read_text(encoding="utf-8"), path.name])


def _file(tmp_path: Path, content: Any, name: str = "checkin.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return str(path)


def _record(role: str, note: str = "") -> dict[str, Any]:
    return {"format": "servicebook-checkin", "version": 1, "id": "hostile1", "role": {"id": role}, "person": "Eve",
            "date": "2026-02-01", "entries": [{"competency": "a-competency-long-gone", "level": 2, "index": 0,
                                               "behaviour": "Not a behaviour of today", "self": "sometimes",
                                               "self_note": note}]}


def test_a_hostile_import_changes_nothing_and_says_why(page: Page, site: str, tmp_path: Path) -> None:
    page.goto(f"{site}/{ROLE}")
    start(page, "Ann")
    before = stored(page)
    chooser = page.locator("#sb-ci-import")
    chooser.set_input_files(_file(tmp_path, {"format": "servicebook-checkin", "version": 1}, "shape.json"))
    said(page, "shape.json was refused")
    said(page, "Nothing saved was changed.")
    chooser.set_input_files(_file(tmp_path, "<html>", "page.json"))
    said(page, "Nothing saved was changed.")
    big = tmp_path / "big.checkin.json"
    with big.open("w") as out:  # 50 MB: a valid start, then a note far over any limit
        out.write('{"format": "servicebook-checkin", "version": 1, "id": "big", "role": {"id": "frontline-officer"}, '
                  '"date": "2026-01-01", "outcome": "')
        out.write("x" * (50 * 1024 * 1024))
        out.write('"}')
    chooser.set_input_files(str(big))
    said(page, "big.checkin.json is 50.0 MB; a check-in file is at most 5 MB.")
    chooser.set_input_files(_file(tmp_path, _record("customer-service-leader"), "leader.json"))
    said(page, "against Customer service leader, not this role")
    assert stored(page) == before
    page.get_by_role("button", name="Open it on the Customer service leader page").click()
    page.wait_for_url("**/roles/customer-service-leader/#check-ins")
    page.locator("#sb-ci-title").wait_for()
    assert "Eve" in page.locator("#sb-ci-title").inner_text()
    page.goto(f"{site}/{ROLE}")
    marked = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'
    page.locator("#sb-ci-import").set_input_files(_file(tmp_path, _record("frontline-officer", marked), "markup.json"))
    said(page, "was imported")
    gone = page.locator(".sb-ci-gone").inner_text()
    assert marked in gone  # shown as text, where nothing runs
    assert page.locator(".sb-checkins img, .sb-checkins script").count() == 0
    assert page.evaluate("window.hacked") is None


def test_a_check_in_prints_one_line_per_behaviour(page: Page, site: str) -> None:
    page.goto(f"{site}/{ROLE}")
    start(page, "Ann")
    answer(page, 0, "sometimes").check()
    page.locator("#sb-ci-note-0").fill("Handled a complaint")
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print").click()
    page.emulate_media(media="print")
    sheet = page.locator(".sb-ci-print")
    assert sheet.is_visible()
    assert "Ann, " in sheet.inner_text() and "version " in sheet.inner_text()
    rows = page.locator(".sb-ci-print-table tr:not(.sb-ci-print-group)")
    assert rows.count() == 1 + page.locator(".sb-ci-behaviour").count()
    assert "Sometimes — Handled a complaint" in rows.nth(1).inner_text()
    assert not page.locator("#responsibilities").is_visible()
    assert not page.locator(".sb-ci-behaviour").first.is_visible()
    assert page.locator(".sb-ci-chart").is_visible()


def test_a_summary_chart_with_a_table_and_a_comparison_over_time(page: Page, site: str) -> None:
    page.goto(f"{site}/{ROLE}")
    start(page, "Ann")
    page.get_by_label("Date", exact=True).last.fill("2026-01-05")
    page.get_by_label("Date", exact=True).last.dispatch_event("change")
    answer(page, 0, "not-yet").check()
    start(page, "Ann")
    answer(page, 0, "consistently").check()
    answer(page, 1, "sometimes").check()
    chart = page.locator("svg.sb-ci-chart")
    assert chart.get_attribute("role") == "img" and chart.locator("title").count() == 1
    first_row = page.locator(".sb-ci-summary table tbody tr").first
    assert first_row.locator("td").all_inner_texts()[:3] == ["0", "1", "1"]
    page.get_by_label("Compare with an earlier check-in").select_option(label="2026-01-05")
    assert "Not yet → Consistently" in page.locator(".sb-ci-compare-out").inner_text()


def test_a_check_in_against_the_next_role_carries_what_is_already_shown(page: Page, site: str) -> None:
    handbook = load_handbook(ROOT / "competencies")
    def asked(rid: str) -> set[tuple[str, str]]:
        return {(need.competency, words) for need in handbook.needs[rid]
                for words in handbook.behaviours[need.competency][need.level]}
    shared = asked("customer-service-leader") & asked("line-manager")
    page.goto(f"{site}/roles/customer-service-leader/")
    start(page, "Ann")
    for number in range(page.locator(".sb-ci-behaviour").count()):
        answer(page, number, "consistently").check()
    assert page.get_by_label("Check against another role").input_value() == "line-manager"
    page.get_by_role("button", name="Open a check-in there").click()
    page.wait_for_url("**/roles/line-manager/#check-ins")
    page.locator("#sb-ci-title").wait_for()
    assert "Ann" in page.locator("#sb-ci-title").inner_text()
    assert "against Line manager" in page.locator("#sb-ci-title").inner_text()
    said(page, f"Answers carried over from the check-in against Customer service leader: {len(shared)}.")
    assert len(shared) >= 2  # the example's two roles share some behaviours: every one of them is carried
    assert page.locator(".sb-ci-answer input:checked").count() == len(shared)


def _old_hash(text: str) -> str:
    """The notepad's key for a behaviour's words: FNV-1a over UTF-16 code units, in base 36."""
    value = 0x811C9DC5
    for unit in text.encode("utf-16-le").hex(" ", 2).split():
        value = ((value ^ int(unit[2:] + unit[:2], 16)) * 0x01000193) & 0xFFFFFFFF
    digits = ""
    while value:
        value, rest = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
    return digits or "0"


def test_answers_from_the_old_self_assessment_become_a_check_in(page: Page, site: str) -> None:
    page.goto(f"{site}/{ROLE}")
    words = page.locator("#competency-listening-and-empathy ~ ul").first.locator("li").first.inner_text().strip()
    old = {"version": 1, "supervisor": True,
           "answers": {f"listening-and-empathy/2/{_old_hash(words)}": {"self": "sometimes", "supervisor": "consistently"}}}
    page.evaluate("value => localStorage.setItem('servicebook:assessment:frontline-officer', value)", json.dumps(old))
    page.reload()
    said(page, "Answers from this page's earlier self-assessment were moved into a check-in with no name and today's date: 1.")
    record = list(stored(page).values())[0]
    assert record["entries"][0]["behaviour"] == words
    assert (record["entries"][0]["self"], record["entries"][0]["supervisor"]) == ("sometimes", "consistently")
    assert page.evaluate("localStorage.getItem('servicebook:assessment:frontline-officer')") is None


def test_a_page_with_a_check_in_open_has_no_serious_accessibility_violation(page: Page, site: str, axe: str) -> None:
    page.goto(f"{site}/{ROLE}", wait_until="networkidle")
    start(page, "Ann")
    answer(page, 0, "sometimes").check()
    stage(page, "Supervisor")
    answer(page, 0, "consistently").check()
    page.get_by_role("button", name="Delete").click()  # the confirmation too
    assert _serious_violations(page, axe) == []


def test_an_open_check_in_keeps_its_contrast_in_another_palette(page: Page, dark_site: str, axe: str) -> None:
    page.goto(f"{dark_site}/{ROLE}", wait_until="networkidle")
    start(page, "Ann")
    answer(page, 0, "sometimes").check()
    stage(page, "Supervisor")
    assert _serious_violations(page, axe, "'.md-content'") == []


def test_check_ins_work_from_the_offline_folder(page: Page, offline_pack: Path) -> None:
    page.goto((offline_pack / "roles" / "frontline-officer.html").as_uri())
    start(page, "Ann")
    answer(page, 0, "sometimes").check()
    page.reload()
    page.get_by_role("button", name="Ann, ").click()
    assert answer(page, 0, "sometimes").is_checked()
    assert all(url.startswith("file://") for url in page.requests)


# -- a framework that changes under saved and exported check-ins ---------------------------------------


@pytest.fixture(scope="module")
def changing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = copy_example(tmp_path_factory.mktemp("changing"))
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    for address in _serve(build.site):
        yield project, address


def test_saved_and_exported_check_ins_survive_a_rename_and_a_reworded_behaviour(browser: Any,
                                                                              changing: tuple[Path, str]) -> None:
    project, site = changing
    script = (project / "site" / "assets" / "servicebook" / "checkins" / "frontline-officer.js").read_text()
    document = json.loads(script.removeprefix("window.servicebookCheckinRole = ").removesuffix(";\n"))
    first, second = document["competencies"]["listening-and-empathy"]["levels"]["2"][:2]
    device = browser.new_context(accept_downloads=True)
    page = device.new_page()
    page.goto(f"{site}/{ROLE}")
    start(page, "Ann")
    answer(page, 0, "sometimes").check()
    page.locator("#sb-ci-note-0").fill("Example one")
    answer(page, 1, "consistently").check()
    sent = export(page)

    data = project / "competencies"
    assert main(["rename", "competency", "listening-and-empathy", "active-listening", "--data-dir", str(data),
                 "--force"]) == 0
    assert main(["rename", "role", "frontline-officer", "counter-officer", "--data-dir", str(data), "--force"]) == 0
    library = data / "library" / "active-listening.yml"
    library.write_text(library.read_text(encoding="utf-8").replace(first, "In every case " + first), encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output

    def check(page: Page) -> None:
        rows = page.locator(".sb-ci-behaviour")
        assert "In every case " + first in rows.nth(0).inner_text()
        changed = rows.nth(0).locator(".sb-ci-changed").inner_text()
        assert "Changed since you answered." in changed and first in changed
        assert answer(page, 0, "sometimes").is_checked() and page.locator("#sb-ci-note-0").input_value() == "Example one"
        assert second in rows.nth(1).inner_text() and answer(page, 1, "consistently").is_checked()

    page.goto(f"{site}/{ROLE}")  # the old address leads to the renamed role, and the saved check-in is there
    page.wait_for_url("**/roles/counter-officer/")
    page.get_by_role("button", name="Ann, ").click()
    check(page)
    answer(page, 0, "consistently").check()  # answered again: no longer marked
    assert page.locator(".sb-ci-changed").count() == 0
    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto(f"{site}/roles/counter-officer/")
    unfold(fresh)
    fresh.locator("#sb-ci-import").set_input_files(str(sent))
    said(fresh, "Answers given to behaviours that have changed or gone since, marked below: 1.")
    check(fresh)
    device.close()
    other.close()


# -- words from the page: a translated site's scripts show its words, answers keep the framework's ----------


def _translated_role_script(route: Any) -> None:
    """The role's check-in data as a translated site publishes it: the framework's words, and `shown` ones."""
    response = route.fetch()
    name, data = response.text().split(" = ", 1)
    document = json.loads(data.rstrip().rstrip(";"))
    for competency in document["competencies"].values():
        competency["shown"] = {level: [f"譯：{words}" for words in lines] for level, lines in competency["levels"].items()}
    route.fulfill(response=response, body=f"{name} = {json.dumps(document, ensure_ascii=False)};\n")


def test_a_check_in_on_a_translated_page_shows_its_words_and_opens_on_the_english_one(browser: Any, site: str) -> None:
    translated, english = browser.new_context(accept_downloads=True), browser.new_context(accept_downloads=True)
    chinese = translated.new_page()
    chinese.route("**/assets/servicebook/checkins/frontline-officer.js", _translated_role_script)
    chinese.goto(f"{site}/{ROLE}")
    start(chinese, "Ann")
    assert chinese.locator(".sb-ci-words").first.inner_text().startswith("譯：")
    answer(chinese, 0, "sometimes").check()
    answer(chinese, 1, "consistently").check()
    sent = export(chinese)
    entries = json.loads(sent.read_text(encoding="utf-8"))["entries"]
    assert entries and not any(entry["behaviour"].startswith("譯：") for entry in entries)
    plain = english.new_page()
    plain.goto(f"{site}/{ROLE}")
    unfold(plain)
    plain.locator("#sb-ci-import").set_input_files(str(sent))
    said(plain, "was imported")
    assert answer(plain, 0, "sometimes").is_checked() and answer(plain, 1, "consistently").is_checked()
    assert "Changed since you answered." not in plain.locator("#sb-ci-open, .sb-checkins").first.inner_text()
    assert not plain.locator(".sb-ci-words").first.inner_text().startswith("譯：")
    translated.close()
    english.close()


def _with_words(page: Any, address: str, before: str) -> None:
    """Serve the page at `address` carrying servicebook.js's words in Traditional Chinese, as such a site does."""
    from servicebook.site import messages
    from servicebook.site.pages import BROWSER_STRINGS

    words = messages.load("zh-Hant")
    block = json.dumps({key: words.gettext(text) for key, text in BROWSER_STRINGS.items()})

    def handle(route: Any) -> None:
        response = route.fetch()
        text = response.text()
        assert before in text
        body = text.replace(before, f'<script type="application/json" class="sb-strings">{block}</script>\n' + before, 1)
        route.fulfill(response=response, body=body)

    page.route(address, handle)


def test_the_matrix_filter_takes_its_words_from_the_page(page: Page, site: str) -> None:
    _with_words(page, f"{site}/matrix/", '<div class="sb-matrix-filter"')
    page.goto(f"{site}/matrix/")
    page.get_by_label("職位名稱包含").fill("front")
    expect(page.locator(".sb-matrix-filter .sb-status")).to_have_text(re.compile(r"^顯示的職位：\d+個。$"))
    assert page.locator("#sb-matrix-cluster option").first.inner_text() == "所有能力類別"
    assert page.get_by_label("能力類別").count() == 1


def test_the_copy_buttons_take_their_words_from_the_page(browser: Any, site: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    _with_words(page, f"{site}/workshop/", "<h1")
    page.goto(f"{site}/workshop/", wait_until="networkidle")
    row = page.locator("#roles ~ .md-typeset__scrollwrap tbody tr").first
    address = row.locator(".sb-link").inner_text()
    button = row.get_by_role("button", name=re.compile("^複製.*的網址$"))
    assert button.inner_text() == "複製"
    button.click()
    assert page.get_by_role("status").first.inner_text() == f"已複製{address}"
    context.close()
