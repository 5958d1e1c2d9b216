"""Search in Chromium finds the page that defines what was typed, and keeps out pages that only repeat it.

The index is Material's own; what servicebook decides is which pages and sections go into it.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from conftest import ROOT
from servicebook.data.link import load_handbook
from sitebuild import copy_example, mkdocs_build
from test_browser import browser, page, site  # noqa: F401  (the shared browser fixtures)

RANDOM_BEHAVIOURS = 20
GENERATED = ("roles/", "library/", "values/", "training/", "growth/", "workshop/", "matrix/", "tags/")
# Lunr's English stop words, which Material's search drops from a query.
STOP_WORDS = set("""a able about across after all almost also am among an and any are as at be because been but by
can cannot could dear did do does either else ever every for from get got had has have he her hers him his how
however i if in into is it its just least let like likely may me might most must my neither no nor not of off
often on only or other our own rather said say says she should since so some than that the their them then there
these they this tis to too twas us wants was we were what when where which while who whom why will with would yet
you your""".split())


def _pages(page: object, words: str) -> list[str]:  # noqa: F811
    """The pages that Material lists for `words`, best first (one per page, without its sections)."""
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    results = page.locator(".md-search-result__item > a.md-search-result__link")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially(words, delay=10)
    shown: list[str] = []
    for _ in range(40):
        page.wait_for_timeout(150)  # type: ignore[attr-defined]
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        # Each page once, as its address without the highlighted words (?h=) and section.
        pages = list(dict.fromkeys(re.split(r"[?#]", href)[0] for href in hrefs))
        if pages and pages == shown:
            break
        shown = pages
    return shown


def _phrases(count: int, seed: int) -> list[tuple[str, str]]:
    """Three words in a row from behaviours chosen at random, with the competency that defines each.

    A phrase of two or three words that every page uses ("and the", "to the team") finds nothing
    in particular, in any search engine: the three words hold at least two that search does not drop.
    """
    handbook = load_handbook(ROOT / "competencies")
    behaviours = sorted((cid, text) for cid, levels in handbook.behaviours.items()
                        for texts in levels.values() for text in texts)
    chooser = random.Random(seed)
    phrases = []
    for cid, text in chooser.sample(behaviours, count):
        words = re.findall(r"[\w'’-]+", text)
        windows = [words[at:at + 3] for at in range(max(1, len(words) - 2))]
        telling = [window for window in windows if sum(word.lower() not in STOP_WORDS for word in window) >= 2]
        phrases.append((" ".join(chooser.choice(telling or windows)), cid))
    return phrases


def test_three_words_of_a_behaviour_find_the_competency_that_defines_it(page: object, site: str) -> None:  # noqa: F811
    """For behaviours chosen at random, three words in a row find the defining page among the first three.

    Material's ranking cannot tell a phrase from its words, so a phrase whose words another page's
    summary uses ("service projects") may lose; nine in ten must win.
    """
    page.goto(f"{site}/", wait_until="networkidle")  # type: ignore[attr-defined]
    misses = []
    for words, competency in _phrases(RANDOM_BEHAVIOURS, seed=12):
        hrefs = _pages(page, words)
        rank = next((at for at, href in enumerate(hrefs) if href.endswith(f"library/{competency}/")), None)
        if rank is None or rank >= 3:
            misses.append((words, competency, rank + 1 if rank is not None else None))
    assert len(misses) <= RANDOM_BEHAVIOURS // 10, misses


@pytest.mark.parametrize("words, competency", [("leaves unsaid", "listening-and-empathy"),
                                               ("complaint", "service-recovery")])
def test_the_home_page_examples_lead_first_to_their_competency(page: object, site: str,  # noqa: F811
                                                               words: str, competency: str) -> None:
    page.goto(f"{site}/", wait_until="networkidle")  # type: ignore[attr-defined]
    hrefs = _pages(page, words)
    assert hrefs and hrefs[0].endswith(f"library/{competency}/"), hrefs[:5]


def test_a_role_is_found_by_its_name_summary_and_responsibilities(page: object, site: str) -> None:  # noqa: F811
    handbook = load_handbook(ROOT / "competencies")
    role = handbook.roles["frontline-officer"]
    page.goto(f"{site}/", wait_until="networkidle")  # type: ignore[attr-defined]
    for words in (role.name, " ".join(role.summary.split()[:4]), " ".join(role.responsibilities[0].split()[:4])):
        hrefs = _pages(page, words)
        assert any(href.endswith("roles/frontline-officer/") for href in hrefs[:3]), (words, hrefs)


def test_the_matrix_and_workshop_pages_are_found_by_name(page: object, site: str) -> None:  # noqa: F811
    page.goto(f"{site}/", wait_until="networkidle")  # type: ignore[attr-defined]
    for words, address in (("matrix", "matrix/"), ("workshop links", "workshop/")):
        hrefs = _pages(page, words)
        assert any(href.endswith(address) for href in hrefs[:3]), (words, hrefs)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    build = mkdocs_build(copy_example(tmp_path_factory.mktemp("search")))
    assert build.returncode == 0, build.output
    data: dict[str, list[dict[str, str]]] = json.loads(
        (build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return data["docs"]


def test_pages_that_repeat_behaviours_stay_out_of_the_index(index: list[dict[str, str]]) -> None:
    pages = {entry["location"].split("#")[0] for entry in index}
    assert not [url for url in pages if url.startswith(("growth/", "tags/", "posters/"))]
    # The matrix and workshop pages are found by their title and introduction; their tables stay out.
    tables = [entry for entry in index if entry["location"].startswith(("matrix/", "workshop/"))]
    assert {entry["location"].split("#")[0] for entry in tables} == {"matrix/", "workshop/"}
    assert not any(role.name in entry["text"] for entry in tables
                   for role in load_handbook(ROOT / "competencies").roles.values())
    handbook = load_handbook(ROOT / "competencies")
    for behaviour in (text for levels in handbook.behaviours.values() for texts in levels.values() for text in texts):
        holders = {entry["location"].split("#")[0] for entry in index if behaviour in entry["text"]}
        generated = {holder for holder in holders if holder.startswith(GENERATED)}
        assert all(holder.startswith("library/") for holder in generated), (behaviour, holders)


def test_search_results_carry_no_tags(index: list[dict[str, str]]) -> None:
    assert not [entry["location"] for entry in index if entry.get("tags")]


def test_a_role_is_indexed_by_name_summary_and_responsibilities_only(index: list[dict[str, str]]) -> None:
    [entry] = [entry for entry in index if entry["location"].startswith("roles/frontline-officer/")]
    role = load_handbook(ROOT / "competencies").roles["frontline-officer"]
    assert entry["location"] == "roles/frontline-officer/" and entry["title"] == role.name
    assert role.summary in entry["text"] and all(line in entry["text"] for line in role.responsibilities)
    assert "Listening and empathy" not in entry["text"]  # the profile and behaviours are the competencies' own


def test_each_item_page_is_one_entry_holding_all_it_defines(index: list[dict[str, str]]) -> None:
    """A hit anywhere on a competency page counts as a hit on the page itself, as Material ranks best."""
    handbook = load_handbook(ROOT / "competencies")
    for cid in handbook.competencies:
        entries = [entry for entry in index if entry["location"].startswith(f"library/{cid}/")]
        assert [entry["location"] for entry in entries] == [f"library/{cid}/"]
        assert all(text in entries[0]["text"] for texts in handbook.behaviours[cid].values() for text in texts)

