"""A handbook in another language: every text its current translation, or the source text marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from servicebook.data import catalogue
from servicebook.data.link import Handbook, load_handbook
from servicebook.data.problems import DataError
from servicebook.data.translation import Translated, Untranslated, editions, source_of, translate
from servicebook.tools import translate as tool


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "data")
    return tmp_path / "data"


def fill(root: Path, language: str, translations: dict[str, str], *, fuzzy: bool = False) -> catalogue.Read:
    """A catalogue made by `translate update`, with some entries translated (by context), as a translator would."""
    tool.update(root, language)
    path = root / "translations" / f"{language}.po"
    lines = path.read_text(encoding="utf-8").split("\n")
    for context, text in translations.items():
        at = lines.index(f'msgctxt "{context}"')
        end = next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr"))
        lines[end] = f'msgstr "{text}"'
        if fuzzy:
            lines.insert(at, "#, fuzzy")
    path.write_text("\n".join(lines), encoding="utf-8")
    return catalogue.read(path)


def every_text(handbook: Handbook) -> list[str]:
    return [text.source for text in catalogue.handbook_texts(handbook)]


def test_a_translated_text_replaces_the_source_and_remembers_it(data: Path) -> None:
    handbook = load_handbook(data)
    rid = next(iter(handbook.roles))
    read = fill(data, "cy", {f"roles/{rid}:name": "Swyddog", "framework:levels.1.name": "Sylfaen"})
    welsh = translate(handbook, read)
    name = welsh.roles[rid].name
    assert name == "Swyddog" and isinstance(name, Translated) and name.source == handbook.roles[rid].name
    assert welsh.level_label(1) == "1 · Sylfaen"
    assert source_of(name) == handbook.roles[rid].name


def test_a_text_without_translation_is_the_source_marked_with_its_language(data: Path) -> None:
    handbook = load_handbook(data)
    welsh = translate(handbook, fill(data, "cy", {}))
    summary = next(iter(welsh.roles.values())).summary
    assert isinstance(summary, Untranslated) and summary.lang == "en"
    assert summary == next(iter(handbook.roles.values())).summary
    # every text of the handbook is one or the other: none is left a plain string
    assert all(isinstance(text, Translated | Untranslated) for text in every_text(welsh))


def test_a_stale_translation_shows_the_source_text(data: Path) -> None:
    handbook = load_handbook(data)
    rid = next(iter(handbook.roles))
    welsh = translate(handbook, fill(data, "cy", {f"roles/{rid}:summary": "Hen gyfieithiad"}, fuzzy=True))
    assert isinstance(welsh.roles[rid].summary, Untranslated)
    assert welsh.roles[rid].summary == handbook.roles[rid].summary


def test_behaviours_levels_and_notes_follow_their_competency_and_role(data: Path) -> None:
    handbook = load_handbook(data)
    cid = next(cid for cid, levels in handbook.behaviours.items() if 1 in levels)
    first = handbook.behaviours[cid][1][0]
    welsh = translate(handbook, fill(data, "cy", {f"library/{cid}:levels.1": "Ymddygiad"}))
    assert welsh.behaviours[cid][1][0] == "Ymddygiad"
    assert welsh.behaviours[cid][1] is next(listed for listed in welsh.competencies[cid].levels.values()
                                           if listed and source_of(listed[0]) == first)
    noted = [(rid, need) for rid, needs in handbook.needs.items() for need in needs if need.note]
    for rid, need in noted:
        translated = next(other for other in welsh.needs[rid] if other.competency == need.competency)
        assert source_of(translated.note or "") == need.note and isinstance(translated.note, Untranslated)


def test_ids_links_and_order_are_the_source_handbooks(data: Path) -> None:
    handbook = load_handbook(data)
    welsh = translate(handbook, fill(data, "cy", {}))
    for kind in ("roles", "library", "values", "training", "pledges"):
        assert list(welsh.items(kind)) == list(handbook.items(kind))
    assert welsh.needs.keys() == handbook.needs.keys()
    assert [(n.competency, n.level) for needs in welsh.needs.values() for n in needs] == \
        [(n.competency, n.level) for needs in handbook.needs.values() for n in needs]
    assert welsh.reporting_to == handbook.reporting_to and welsh.aliases == handbook.aliases


def test_the_example_in_traditional_chinese_has_one_stale_text() -> None:
    handbook = load_handbook(ROOT / "competencies")
    chinese = translate(handbook, catalogue.read(ROOT / "competencies" / "translations" / "zh-Hant.po"))
    texts = every_text(chinese)
    assert sum(isinstance(text, Untranslated) for text in texts) == 1
    assert isinstance(chinese.levels[0].summary, Untranslated)


def test_a_level_name_not_yet_translated_stays_marked_in_its_label(data: Path) -> None:
    handbook = load_handbook(data)
    welsh = translate(handbook, fill(data, "cy", {"framework:levels.2.name": "Ymarferydd"}))
    assert isinstance(welsh.level_label(1), Untranslated) and welsh.level_label(1).lang == "en"
    assert welsh.level_label(2) == "2 · Ymarferydd" and not isinstance(welsh.level_label(2), Untranslated)
    assert not isinstance(handbook.level_label(1), Untranslated)


def test_languages_given_as_one_tag_or_a_list(data: Path) -> None:
    fill(data, "cy", {})
    handbook = load_handbook(data)
    assert list(editions(handbook, "cy")) == ["cy"] == list(editions(handbook, ["cy", "en"]))
    assert list(editions(handbook)) == ["cy"] and editions(handbook, []) == {}
    with pytest.raises(DataError) as raised:
        editions(handbook, ["cy", "zh-Hant"])
    assert raised.value.problems[0].file.name == "zh-Hant.po"
