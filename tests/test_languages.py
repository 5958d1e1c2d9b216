"""The site in every language: one framework, a handbook per catalogue, at the same addresses under its tag."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from servicebook.tools.cli import main
from sitebuild import Build, copy_example, mkdocs_build

ZH = "zh-Hant"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(copy_example(tmp_path_factory.mktemp("languages")))
    assert build.returncode == 0, build.output
    return build


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("index.html")}


def test_every_page_is_there_in_both_languages(example: Build) -> None:
    english = {page for page in pages(example.site) if not page.startswith(f"{ZH}/")}
    assert len(english) > 50
    assert english == pages(example.site / ZH)


def switcher(html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" lang="[^"]*" '
                                                          r'class="md-select__link sb-language"', html))


@pytest.mark.parametrize("address", ["", "roles/frontline-officer/", "library/clear-communication/", "matrix/",
                                     "guide/staff/", "growth/frontline-officer/"])
def test_the_language_switcher_leads_to_the_same_page(example: Build, address: str) -> None:
    here = example.site / address
    links = switcher((here / "index.html").read_text(encoding="utf-8"))
    assert (here / links[ZH]).resolve() == (example.site / ZH / address).resolve()
    assert links["en"] == "./"
    there = example.site / ZH / address
    back = switcher((there / "index.html").read_text(encoding="utf-8"))
    assert (there / back["en"]).resolve() == here.resolve() and back[ZH] == "./"


def test_each_page_says_its_language(example: Build) -> None:
    assert '<html lang="en"' in example.page("roles/frontline-officer")
    chinese = example.page(f"{ZH}/roles/frontline-officer")
    assert f'<html lang="{ZH}"' in chinese
    assert '<link rel="alternate" href="../../../" hreflang="en">' in chinese


def test_a_stale_translation_shows_the_source_text_marked_in_its_language(example: Build) -> None:
    """The example's catalogue leaves framework:levels.1.summary stale on purpose."""
    source = yaml.safe_load((ROOT / "competencies" / "framework.yml").read_text(encoding="utf-8"))
    summary = source["levels"][0]["summary"]
    page = example.page(f"{ZH}/library/clear-communication")
    assert f'<span lang="en">{summary}</span>' in page
    assert 'class="sb-untranslated"' in page
    # a page whose every text is translated says nothing of the kind
    assert "sb-untranslated" not in example.page(f"{ZH}/values/customer-focused")


def test_translated_texts_and_the_theme_speak_the_language(example: Build) -> None:
    page = example.page(f"{ZH}/roles/frontline-officer")
    assert "<title>前線人員 - 顧客服務能力手冊</title>" in page
    assert "搜尋" in page  # Material's own words: its search box
    assert "Responsibilities" not in page


def test_a_hand_written_page_has_its_version_in_the_language_or_says_it_has_none(example: Build) -> None:
    home = example.page(ZH)
    assert "<h1" in home and "顧客服務能力手冊" in home and "sb-untranslated" not in home
    assert 'class="sb-role-finder' in home  # the role finder works on a translated page too
    guide = example.page(f"{ZH}/guide/staff")
    assert '<h1 lang="en"' in guide
    # the note is in the page's language, so it is outside the text marked as English
    assert guide.index('class="sb-untranslated"') < guide.index('<div lang="en">')
    # the translation is not a page of the English site, and the site's words are not published
    assert not (example.site / "index.zh-Hant").exists() and not (example.site / "translations").exists()
    assert not list(example.site.rglob("*.po"))


def test_nav_titles_and_site_name_come_from_the_sites_words(example: Build) -> None:
    page = example.page(f"{ZH}/roles")
    assert "使用本手冊" in page and "能力矩陣" in page
    assert "Using the handbook" not in page


def test_printed_addresses_and_qr_codes_lead_to_the_page_in_its_language(example: Build) -> None:
    page = example.page(f"{ZH}/roles/frontline-officer")
    assert "https&#58;//handbook.riverside-housing.example/zh-Hant/roles/frontline-officer/" in page
    code = re.search(r'src="([^"]*\.svg)"[^>]*class="sb-qr"|class="sb-qr"[^>]*src="([^"]*\.svg)"', page)
    assert code is not None
    svg = (example.site / ZH / "roles" / "frontline-officer" / (code.group(1) or code.group(2))).resolve()
    assert svg.is_relative_to((example.site / ZH).resolve()) and svg.is_file()


def test_chinese_search_is_segmented_into_words(example: Build) -> None:
    index = json.loads((example.site / ZH / "search" / "search_index.json").read_text(encoding="utf-8"))
    role = next(doc for doc in index["docs"] if doc["location"] == "roles/frontline-officer/")
    assert "\u200b前線\u200b" in role["title"] or role["title"].startswith("前線\u200b")
    assert "\\u200b" in index["config"]["separator"]


def test_aliases_redirect_in_every_language(example: Build) -> None:
    assert (example.site / ZH / "roles" / "team-leader" / "index.html").is_file()


def test_no_page_of_the_other_language_loads_from_another_host(example: Build) -> None:
    hosts = set()
    for path in (example.site / ZH).rglob("*.html"):
        # what a page loads: scripts, images, stylesheets (links to read elsewhere are not requests)
        found = re.findall(r'(?:src="|<link rel="stylesheet" href=")(https?://[^"/]+)', path.read_text(encoding="utf-8"))
        hosts.update(found)
    assert not hosts, hosts


def with_languages(project: Path, setting: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      data_dir: competencies\n", f"      data_dir: competencies\n      languages: {setting}\n"),
        encoding="utf-8")


def test_an_empty_list_of_languages_publishes_one(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "one")
    with_languages(project, "[]")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert not (build.site / ZH).exists()
    assert not (build.site / "index.zh-Hant").exists(), "a translated page is never a page of its own"


def test_a_language_without_a_catalogue_is_a_located_error_and_nothing_is_published(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "cy")
    with_languages(project, "[zh-Hant, cy]")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "competencies/translations/cy.po" in build.output and "servicebook translate update cy" in build.output
    assert "Traceback" not in build.output
    assert not (build.site / "index.html").exists()


def test_the_offline_pack_has_every_language(tmp_path: Path) -> None:
    build = mkdocs_build(copy_example(tmp_path / "offline"), env={"SERVICEBOOK_OFFLINE": "true"})
    assert build.returncode == 0, build.output
    page = (build.site / ZH / "roles" / "frontline-officer.html").read_text(encoding="utf-8")
    links = switcher(page)
    assert links["en"] == "../../roles/frontline-officer.html"
    assert (build.site / ZH / "search" / "search_index.js").is_file()
    # nothing that would have a browser fetch sitemaps, which file:// refuses
    assert 'rel="alternate"' not in page


def test_render_writes_every_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["render", "--data-dir", str(ROOT / "competencies"), "--out", str(out)]) == 0
    english = {path.relative_to(out).as_posix() for path in out.rglob("*.md") if not path.is_relative_to(out / ZH)}
    chinese = {path.relative_to(out / ZH).as_posix() for path in (out / ZH).rglob("*.md")}
    assert english == chinese
    assert "前線人員" in (out / ZH / "roles" / "frontline-officer.md").read_text(encoding="utf-8")


def test_a_build_of_a_framework_without_catalogues_is_unchanged(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "plain")
    shutil.rmtree(project / "competencies" / "translations")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert not (build.site / ZH).exists() and "md-select__link" not in build.page("roles/frontline-officer")


def anchors(html: str) -> set[str]:
    """Every id of the page but its title's, which is its name's words (a link to it opens the page's top anyway)."""
    return set(re.findall(r' id="([^"]+)"', html)) - set(re.findall(r'<h1 id="([^"]+)"', html))


@pytest.mark.parametrize("address", ["roles/frontline-officer", "library/clear-communication", "values/customer-focused",
                                     "training/service-foundations", "matrix", "growth/frontline-officer", "roles",
                                     "groups/frontline-staff", "workshop", "", "tags"])
def test_anchors_are_the_same_in_every_language(example: Build, address: str) -> None:
    """A trainer's link to a section works in either language: section ids never come from translated words."""
    english, chinese = example.page(address), example.page(f"{ZH}/{address}".rstrip("/"))
    assert anchors(english) <= anchors(chinese), sorted(anchors(english) - anchors(chinese))


@pytest.mark.parametrize(("entry", "message"), [
    ('msgid "Matrix"\nmsgstr "能力矩陣\n', "not a PO keyword with a quoted string"),
    ('msgid "Welcome"\nmsgstr "<b>歡迎</b>"\n', "contains < or >"),
    ('msgid "Growing into %(role)s"\nmsgstr "%(page)s"\n', "%(page)s"),
])
def test_a_mistake_in_the_sites_words_is_located_and_nothing_is_published(tmp_path: Path, entry: str,
                                                                          message: str) -> None:
    project = copy_example(tmp_path / "words")
    words = project / "content" / "translations" / "zh-Hant.po"
    words.write_text(words.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "content/translations/zh-Hant.po:" in build.output and message in build.output
    assert not (build.site / "index.html").exists()


def test_the_handbooks_own_words_around_its_pages_are_translated(example: Build) -> None:
    page = example.page(f"{ZH}/roles/frontline-officer")
    assert "工作坊" in page and "(workshop" not in page  # a module's format
    assert 'title="永久連結"' in page and "Permanent link" not in page  # the ¶ beside each heading
    assert "、" in page  # lists joined the Chinese way


def test_the_navigation_init_writes_comes_translated() -> None:
    from servicebook.site.messages import NAV_TITLES
    from servicebook.tools.init import NAV

    titles = {line.strip().removeprefix("- ").split(":")[0] for line in NAV}
    assert titles <= set(NAV_TITLES)


def test_translate_update_starts_the_sites_own_words_and_only_adds_to_them(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example(tmp_path / "cy")
    monkeypatch.chdir(project)
    assert main(["translate", "update", "cy"]) == 0
    words = project / "content" / "translations" / "cy.po"
    text = words.read_text(encoding="utf-8")
    assert 'msgid "Customer Service Competency Handbook"\nmsgstr ""' in text  # the site name
    assert 'msgid "The improvement cycle"' in text  # a title of this site's own
    assert 'msgid "Roles"' not in text  # servicebook translates the titles init writes
    # a translator's work is only ever added to
    words.write_text(text.replace('msgid "The improvement cycle"\nmsgstr ""',
                                  'msgid "The improvement cycle"\nmsgstr "Y cylch gwella"'), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n",
                                                                 "  - Home: index.md\n  - Our news: index.md\n"))
    before = words.read_text(encoding="utf-8")
    assert main(["translate", "update", "cy"]) == 0
    after = words.read_text(encoding="utf-8")
    assert after.startswith(before) and after.endswith('msgid "Our news"\nmsgstr ""\n')
    assert main(["translate", "update", "cy"]) == 0 and words.read_text(encoding="utf-8") == after


def test_translate_update_leaves_a_site_made_from_other_data_alone(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example(tmp_path / "other")
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "small")
    monkeypatch.chdir(project)
    assert main(["translate", "update", "cy", "--data-dir", str(tmp_path / "small")]) == 0
    assert not (project / "content" / "translations" / "cy.po").exists()
