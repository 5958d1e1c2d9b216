"""The package's own words in every language: catalogues, overrides, marking untranslated text, check-ins.

English pages are covered by the golden files (tests/golden*), which these words must leave as
they were; here are the other languages, a site's own catalogues, and what a page shows of a
framework only partly translated.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from conftest import FIXTURES, ROOT
from servicebook.data.checkin import Entry, framework_document, rebase
from servicebook.data.link import Handbook, load_handbook
from servicebook.data.problems import DataError
from servicebook.data.translation import Translated, Untranslated
from servicebook.site import messages
from servicebook.site.checkins import STRINGS, checkin_box
from servicebook.site.finder import role_finder
from servicebook.site.pages import BROWSER_STRINGS, generate

sys.path.insert(0, str(ROOT / "scripts"))
import update_messages  # noqa: E402

LOCALE = ROOT / "plugins" / "servicebook" / "site" / "locale"
SHIPPED = ("zh-Hant", "cy")
DAY = datetime.date(2026, 11, 30)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _pages(handbook: Handbook, **options: Any) -> dict[str, Any]:
    return {file.path: file for file in generate(handbook, today=DAY, **options)}


def _po(path: Path, entries: dict[str, str], header: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', header, ""]
    for source, translation in entries.items():
        lines += [f"msgid {json.dumps(source, ensure_ascii=False)}",
                  f"msgstr {json.dumps(translation, ensure_ascii=False)}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# -- catalogues ---------------------------------------------------------------------------------


def test_the_template_is_up_to_date_with_the_templates_and_the_code() -> None:
    assert (LOCALE / "servicebook.pot").read_bytes() == update_messages.render(update_messages.template()), \
        "run scripts/update_messages.py and translate the new messages"


@pytest.mark.parametrize("language", SHIPPED)
def test_a_shipped_catalogue_translates_every_message(language: str) -> None:
    path = LOCALE / f"{language}.po"
    assert path.read_bytes() == update_messages.updated(path, update_messages.template()), "run update_messages.py"
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language.replace("-", "_"))
    untranslated = [message.id for message in catalog if message.id and (
        message.fuzzy or not all(message.string if isinstance(message.string, tuple) else [message.string]))]
    assert untranslated == []
    wrong = [problem.message for message in catalog if message.id
             and (problem := messages._placeholders(path, message)) is not None]
    assert wrong == []
    for message in catalog:  # the browser's {name} values too: a translation keeps every one
        if message.id and not isinstance(message.id, tuple):
            assert set(re.findall(r"\{\w+\}", message.string)) == set(re.findall(r"\{\w+\}", message.id)), message.id


def test_the_shipped_catalogues_are_package_data() -> None:
    settings = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*.po"' in settings


def test_a_language_without_a_catalogue_gets_english_and_a_region_its_language() -> None:
    assert messages.load("fr").gettext("Responsibilities") == "Responsibilities"
    assert messages.load("en").gettext("Responsibilities") == "Responsibilities"
    assert messages.load("zh-Hant").gettext("Responsibilities") == "職責"
    assert messages.load("zh-Hant-HK").gettext("Responsibilities") == "職責"
    assert messages.load("cy-GB").gettext("Responsibilities") == "Cyfrifoldebau"
    assert messages.chain("zh-Hant-HK") == ["zh-Hant-HK", "zh-Hant", "zh"]


def test_plurals_follow_the_language() -> None:
    welsh = messages.load("cy")
    assert welsh.ngettext("Value:", "Values:", 1) == "Gwerth:"
    assert welsh.ngettext("Value:", "Values:", 2) == "Gwerthoedd:"
    assert messages.load("zh-Hant").ngettext("Value:", "Values:", 3) == "服務價值："


def test_language_names_are_each_language_s_own() -> None:
    assert messages.language_name("en") == "English"
    assert messages.language_name("zh-Hant") == "中文（繁體）"
    assert messages.language_name("cy") == "Cymraeg"
    assert messages.language_name("fr") == "Français"
    assert messages.name_in("en", "cy") == "Saesneg"


# -- a site's own catalogues ----------------------------------------------------------------------


def test_a_site_s_catalogue_wins_and_adds_a_language(tmp_path: Path) -> None:
    _po(tmp_path / "zh-Hant.po", {"Responsibilities": "工作職責", "Levels": ""})
    _po(tmp_path / "fr.po", {"Responsibilities": "Responsabilités"})
    chinese = messages.load("zh-Hant", tmp_path)
    assert chinese.gettext("Responsibilities") == "工作職責"
    assert chinese.gettext("Levels") == "級別"  # an empty entry leaves the package's
    assert chinese.gettext("Training") == "培訓"
    assert messages.load("fr", tmp_path).gettext("Responsibilities") == "Responsabilités"
    page = _pages(load_handbook(FIXTURES / "small"), language="zh-Hant",
                  messages=messages.load("zh-Hant", tmp_path))["roles/frontline.md"].content
    assert "## 工作職責 {: #responsibilities }" in page


def test_a_fuzzy_entry_of_a_site_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "cy.po").write_text('msgid ""\nmsgstr ""\n\n#, fuzzy\nmsgid "Responsibilities"\nmsgstr "Dyletswyddau"\n',
                                     encoding="utf-8")
    assert messages.load("cy", tmp_path).gettext("Responsibilities") == "Cyfrifoldebau"


def test_an_edited_catalogue_is_read_again(tmp_path: Path) -> None:
    path = _po(tmp_path / "fr.po", {"Levels": "Niveaux"})
    assert messages.load("fr", tmp_path).gettext("Levels") == "Niveaux"
    time.sleep(0.01)
    _po(path, {"Levels": "Échelons"})
    assert messages.load("fr", tmp_path).gettext("Levels") == "Échelons"


def test_a_broken_catalogue_of_a_site_is_told_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "Levels"\nmsgstr "Niveaux\n', encoding="utf-8")
    with pytest.raises(DataError) as error:
        messages.load("fr", tmp_path)
    [problem] = error.value.problems
    assert (problem.file, problem.line) == (path, 5)
    assert problem.hint


def test_a_translation_with_a_value_its_message_has_not_is_told_at_its_line(tmp_path: Path) -> None:
    path = _po(tmp_path / "fr.po", {"Kept by %(owner)s.": "Tenu par %(person)s.", "Levels": "100 %"})
    with pytest.raises(DataError) as error:
        messages.load("fr", tmp_path)
    found = sorted((problem.line, problem.message) for problem in error.value.problems)
    assert [line for line, _ in found] == [6, 9]
    assert all(problem.file == path for problem in error.value.problems)
    assert "%(person)s" in found[0][1]


def test_a_translation_is_text_never_markdown(tmp_path: Path) -> None:
    """A catalogue is data like the YAML: its words are escaped, while a link put into them stays a link."""
    _po(tmp_path / "fr.po", {"Responsibilities": "**Tâches** [x](https://evil.example) &amp;",
                             "Growing into %(role)s": "Évoluer vers *%(role)s*"})
    page = _pages(load_handbook(FIXTURES / "small"), language="fr",
                  messages=messages.load("fr", tmp_path))["roles/frontline.md"].content
    assert "## &#42;&#42;Tâches&#42;&#42; &#91;x&#93;&#40;https&#58;//evil.example&#41; &#38;amp; " \
           "{: #responsibilities }" in page
    assert "[Évoluer vers &#42;Customer service leader&#42;](../growth/frontline.md)" in page


# -- pages in another language ----------------------------------------------------------------------


def test_a_role_page_in_traditional_chinese_has_no_english_word_of_its_own() -> None:
    handbook = load_handbook(FIXTURES / "groups")
    english = _pages(handbook)["roles/frontline.md"].content
    page = _pages(handbook, language="zh-Hant")["roles/frontline.md"].content
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings and all(CJK.search(line) for line in headings)
    labels = re.findall(r"^\*\*(.+?)\*\*", page, re.M)
    assert labels and all(CJK.search(label) for label in labels), labels
    words = {message for message in _all_messages()
             if " " in message.strip() and "%" not in message and "{" not in message}
    assert [message for message in words if message in english]  # the check would see them
    assert [message for message in words if message in page] == []


def _all_messages() -> list[str]:
    with (LOCALE / "servicebook.pot").open("rb") as stream:
        return [message.id for message in read_po(stream) if isinstance(message.id, str) and message.id]


def test_every_page_kind_in_welsh_keeps_its_anchors_and_links() -> None:
    handbook = load_handbook(FIXTURES / "groups")
    english, welsh = _pages(handbook), _pages(handbook, language="cy")
    assert list(english) == list(welsh)
    for path, file in english.items():
        if isinstance(file.content, str) and path.endswith(".md"):
            assert re.findall(r"\{: #[\w-]+", file.content) == re.findall(r"\{: #[\w-]+", welsh[path].content), path
            assert re.findall(r"\]\(([^)]*)\)", file.content) == re.findall(r"\]\(([^)]*)\)", welsh[path].content), path
    assert welsh["growth/frontline.md"].title == "O Frontline staff i Customer service leader"
    assert welsh["posters/index.md"].title == "Gwerthoedd gwasanaeth: cerdyn poced"


def test_the_redirect_page_speaks_the_pages_language() -> None:
    page = _pages(load_handbook(FIXTURES / "small"), language="zh-Hant")["roles/front-line/index.html"].content
    assert '<html lang="zh-Hant">' in page
    assert '<p>本頁已移至<a href="../frontline/">Frontline staff</a>。</p>' in page


def test_the_scripts_words_reach_the_page_in_its_language_and_only_then() -> None:
    handbook = load_handbook(FIXTURES / "groups")
    english, chinese = _pages(handbook), _pages(handbook, language="zh-Hant")
    assert "sb-strings" not in english["matrix.md"].content and "sb-strings" not in english["workshop.md"].content
    for path in ("matrix.md", "workshop.md"):
        block = re.search(r'<script type="application/json" class="sb-strings">(.*?)</script>', chinese[path].content)
        assert block is not None, path
        words = json.loads(block.group(1))
        assert set(words) == set(BROWSER_STRINGS) and words["copy"] == "複製"
    groups = re.search(r'class="sb-role-groups">(.*?)</script>', chinese["matrix.md"].content)
    assert groups is not None and json.loads(groups.group(1))["label"] == "職員組別"
    assert 'data-label="職員組別"' in chinese["roles/index.md"].content


def test_the_check_in_box_and_the_finder_speak_the_pages_language() -> None:
    box = checkin_box("frontline", messages.load("cy"))
    words = json.loads(html.unescape(re.search(r'data-strings="([^"]*)"', box).group(1)))  # type: ignore[union-attr]
    assert set(words) == set(STRINGS)
    assert words["heading"] == "Sgyrsiau cynnydd" and words["open.competency"] == "{name} (lefel {level})"
    finder = role_finder(load_handbook(FIXTURES / "small"), "index.md", directory_urls=True,
                         messages=messages.load("zh-Hant"))
    assert '<label for="sb-role-finder">前往你的職位</label>' in finder
    assert 'placeholder="開始輸入你的職位名稱"' in finder


def test_the_downloads_of_a_translated_site_are_the_source_s() -> None:
    source = load_handbook(FIXTURES / "small")
    shown = _translated(source)
    english = _pages(source)
    chinese = _pages(shown, language="zh-Hant", source=source)
    for name in ("data/handbook.json", "data/handbook.xlsx"):
        assert chinese[name].content == english[name].content
    assert "# 資料下載" in chinese["data/index.md"].content


# -- a framework only partly translated --------------------------------------------------------------


def _translated(handbook: Handbook, untranslated: bool = False) -> Handbook:
    """The handbook as `translate` gives it: every name and behaviour a Translated text, or left in English."""
    def text(words: str) -> str:
        return Untranslated(words, "en") if untranslated else Translated(f"譯：{words}", words)

    def renamed(items: dict[str, Any]) -> dict[str, Any]:
        return {id_: item.model_copy(update={"name": text(item.name)}) for id_, item in items.items()}

    behaviours = {cid: {level: [text(words) for words in lines] for level, lines in levels.items()}
                  for cid, levels in handbook.behaviours.items()}
    return dataclasses.replace(handbook, roles=renamed(handbook.roles), competencies=renamed(handbook.competencies),
                               behaviours=behaviours)


def test_text_left_in_the_source_language_is_marked_and_the_page_says_so_once() -> None:
    handbook = _translated(load_handbook(FIXTURES / "small"), untranslated=True)
    pages = _pages(handbook, language="zh-Hant")
    page = pages["roles/frontline.md"].content
    assert '# <span lang="en">Frontline staff</span>\n' in page
    note = ("本頁部分內容尚未翻譯成中文（繁體），現以英文顯示。\n{: .sb-untranslated data-search-exclude }")
    assert page.count(note) == 1
    assert page.index(note) < page.index("## ")
    assert '[<span lang="en">Listening and empathy</span>](#competency-listening)' in page
    assert '<li><span lang="en">' in page  # the next level's behaviours, in an HTML block
    assert pages["roles/frontline.md"].title == "Frontline staff"
    assert type(pages["roles/frontline.md"].title) is str
    assert "尚未翻譯" not in pages["values/index.md"].content  # nothing untranslated there
    assert "尚未翻譯" not in _pages(_translated(load_handbook(FIXTURES / "small")), language="zh-Hant")[
        "roles/frontline.md"].content


def test_where_no_html_is_allowed_an_untranslated_text_is_plain() -> None:
    source = load_handbook(FIXTURES / "groups")
    handbook = _translated(source, untranslated=True)
    handbook = dataclasses.replace(handbook, framework=handbook.framework.model_copy(update={"groups": [
        group.model_copy(update={"name": Untranslated(group.name, "en")}) for group in source.framework.groups]}))
    pages = _pages(handbook, language="cy", site_url="https://handbook.example.org/")
    assert pages["growth/frontline.md"].title == "O Frontline staff i Customer service leader"
    groups = re.search(r'class="sb-role-groups">(.*?)</script>', pages["matrix.md"].content)
    assert groups is not None and "span" not in groups.group(1)
    assert "<title>Frontline staff</title>" in pages["roles/front-line/index.html"].content
    workshop = pages["workshop.md"].content
    assert "![Cod QR tudalen Frontline staff]" in workshop
    assert "span" not in "".join(re.findall(r"!\[[^\]]*\]", workshop))


def test_rich_text_left_in_the_source_language_says_its_language() -> None:
    source = load_handbook(FIXTURES / "small")
    role = source.roles["frontline"]
    handbook = dataclasses.replace(source, roles={**source.roles, "frontline": role.model_copy(
        update={"description": Untranslated(role.description or "", "en")})})
    page = _pages(handbook, language="cy")["roles/frontline.md"].content
    assert '<div class="sb-rich" lang="en" markdown="0">' in page
    assert "Nid yw rhannau o’r dudalen hon wedi’u cyfieithu i’r Gymraeg eto, ac fe’u dangosir yn Saesneg." in page


def test_a_heading_with_a_marked_name_gives_mkdocs_a_clean_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                   ) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from servicebook.mkdocs import plugin
    from sitebuild import copy_example

    project = copy_example(tmp_path / "site")
    loaded = plugin.load_handbook

    def untranslated(*args: Any, **kwargs: Any) -> Handbook:
        return _translated(loaded(*args, **kwargs), untranslated=True)

    monkeypatch.setattr(plugin, "load_handbook", untranslated)
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "out"))
    titles: dict[str, str] = {}

    def remember(page: Any, **_: Any) -> None:
        titles[page.file.src_uri] = page.title

    config.plugins.events["page_context"].append(lambda context, page, **kw: remember(page) or context)
    build(config)
    assert titles["roles/frontline-officer.md"] == "Frontline officer"
    assert titles["growth/frontline-officer.md"].startswith("From Frontline officer to ")
    assert not [title for title in titles.values() if title and "<" in title]
    built = (project / "out" / "roles" / "frontline-officer" / "index.html").read_text(encoding="utf-8")
    assert "<title>Frontline officer" in built
    assert '<h1 id="frontline-officer"><span lang="en">Frontline officer</span>' in built


# -- check-ins by identity ------------------------------------------------------------------------------


def test_a_check_in_made_in_one_language_opens_in_another_with_every_answer_kept() -> None:
    source = load_handbook(FIXTURES / "small")
    translated = _translated(source)
    english, chinese = framework_document(source), framework_document(translated)
    assert chinese["framework"]["version"] == english["framework"]["version"]
    assert chinese["competencies"]["listening"]["levels"] == english["competencies"]["listening"]["levels"]
    assert chinese["competencies"]["listening"]["shown"]["1"][0].startswith("譯：")
    assert chinese["roles"]["frontline"]["name"] == "譯：Frontline staff"
    assert "shown" not in english["competencies"]["listening"]
    entries = [Entry.model_validate({"competency": cid, "level": level, "index": index, "behaviour": words,
                                     "self": "sometimes"})
               for need in source.needs["frontline"] for cid, level in [(need.competency, need.level)]
               for index, words in enumerate(source.behaviours[cid][level])]
    assert entries
    placed = rebase(chinese, "frontline", entries)
    assert [item.status for item in placed] == ["kept"] * len(entries)


def test_the_role_page_of_a_translated_site_loads_the_words_it_shows() -> None:
    source = load_handbook(FIXTURES / "small")
    files = _pages(_translated(source), language="zh-Hant", source=source)
    script = files["assets/servicebook/checkins/frontline.js"].content
    data = json.loads(script.split(" = ", 1)[1].rstrip(";\n"))
    listening = data["competencies"]["listening"]
    assert listening["levels"]["2"] == source.behaviours["listening"][2]
    assert listening["shown"]["2"] == [f"譯：{words}" for words in source.behaviours["listening"][2]]
