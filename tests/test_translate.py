"""Catalogues: which texts a framework has, `translate update` and `status`, and a catalogue's mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from servicebook.data import catalogue
from servicebook.data.link import load_handbook
from servicebook.tools import translate
from servicebook.tools.cli import main
from sitebuild import mkdocs_build


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "data")
    return tmp_path / "data"


def contexts(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text in translate.texts_of(root):
        found.setdefault(text.context, []).append(text.source)
    return found


def po(root: Path, language: str = "cy") -> Path:
    return root / "translations" / f"{language}.po"


def translate_entry(path: Path, context: str, translation: str) -> None:
    """Fill in one entry's msgstr, as a translator would in a PO editor."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f'msgctxt "{context}"')
    end = next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr"))
    lines[end] = f'msgstr "{translation}"'
    path.write_text("\n".join(lines), encoding="utf-8")


def test_every_text_has_a_context_naming_where_it_lives(data: Path) -> None:
    found = contexts(data)
    assert found["framework:title"] == ["Small Test Handbook"]
    assert "framework:levels.1.name" in found and "framework:levels.1.summary" in found
    assert any(key.startswith("framework:clusters.") and key.endswith(".name") for key in found)
    assert any(key.startswith("library/") and ":levels." in key for key in found)
    # a level given by name in the YAML is addressed by its number
    assert not any(":levels." in key and not key.rsplit(".", 1)[-1].isdigit() for key in found
                   if key.startswith("library/"))
    # ids, references, dates and formats are not text to translate
    assert not any(key.endswith((":cluster", ":values", ":training", ":reports_to", ":format", ":aliases",
                                 ":develops", ":reviewed")) for key in found)


def test_settings_are_not_offered_for_translation(data: Path) -> None:
    framework = data / "framework.yml"
    framework.write_text(framework.read_text() + "language: en\nchecks:\n  vague_words: [as required]\n")
    found = contexts(data)
    assert not any(key.startswith(("framework:checks", "framework:language")) for key in found)


def test_list_items_share_their_context(data: Path) -> None:
    found = contexts(data)
    listed = [key for key, sources in found.items() if len(sources) > 1]
    assert listed and all(key.split(":")[1].split(".")[0] in ("levels", "we_do", "we_avoid", "responsibilities",
                                                              "watch_for") for key in listed)


def test_update_adds_every_text_empty_and_is_idempotent(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "update", "cy", "--data-dir", str(data)]) == 0
    first = po(data).read_bytes()
    assert f"{len(translate.texts_of(data))} new texts to translate" in capsys.readouterr().out
    assert main(["translate", "update", "cy", "--data-dir", str(data)]) == 0
    assert "left unchanged" in capsys.readouterr().out
    assert po(data).read_bytes() == first


def test_a_changed_source_keeps_its_translation_as_fuzzy_with_the_old_text(data: Path) -> None:
    translate.update(data, "cy")
    translate_entry(po(data), "framework:title", "Llawlyfr Prawf")
    (data / "framework.yml").write_text((data / "framework.yml").read_text().replace(
        "title: Small Test Handbook", "title: Small Test Handbook of Service"))
    done = translate.update(data, "cy")
    assert (done.stale, done.obsolete) == (1, 0)
    text = po(data).read_text()
    assert ('#, fuzzy\n#| msgid "Small Test Handbook"\nmsgctxt "framework:title"\nmsgid "Small Test Handbook of Service"\n'
            'msgstr "Llawlyfr Prawf"') in text
    before = po(data).read_bytes()
    assert not translate.update(data, "cy").changed and po(data).read_bytes() == before
    [(status, errors)] = translate.status(data)
    assert errors == [] and [text.context for text, _ in status.stale] == ["framework:title"]


def test_a_source_changed_in_the_data_is_stale_before_translate_update_runs(data: Path) -> None:
    """An HR editor rewords a text in the YAML: check and status call its translation stale, at its line."""
    translate.update(data, "cy")
    translate_entry(po(data), "framework:title", "Llawlyfr Prawf")
    (data / "framework.yml").write_text((data / "framework.yml").read_text().replace(
        "title: Small Test Handbook", "title: Small Test Handbook of Service"))
    [(status, errors)] = translate.status(data)
    assert errors == [] and [text.context for text, _ in status.stale] == ["framework:title"]
    assert all(text.context != "framework:title" for text in status.missing) and not status.obsolete
    line = po(data).read_text().split("\n").index('msgctxt "framework:title"') + 1
    [warning] = [w for w in catalogue.check_all(data, load_handbook(data)).warnings if "stale" in w.message]
    assert warning.line in (line, line + 1) and "translate update cy" in warning.hint


def test_a_vanished_text_becomes_obsolete(data: Path) -> None:
    translate.update(data, "cy")
    translate_entry(po(data), "framework:levels.3.summary", "Yn arwain eraill.")
    framework = data / "framework.yml"
    framework.write_text(framework.read_text().replace(
        "  - name: Expert\n    summary: Handles the hardest cases and helps others.\n", ""))
    assert translate.update(data, "cy").obsolete == 1
    assert ('#~ msgctxt "framework:levels.3.summary"\n#~ msgid "Handles the hardest cases and helps others."\n'
            '#~ msgstr "Yn arwain eraill."') in po(data).read_text()


def test_status_counts_and_strict_fails_on_missing(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    translate.update(data, "cy")
    translate_entry(po(data), "framework:title", "Llawlyfr Prawf")
    total = len(translate.texts_of(data))
    assert main(["translate", "status", "--data-dir", str(data)]) == 0
    share = 100 // total
    assert f"cy: 1 of {total} texts translated ({share}%), {total - 1} missing, 0 stale, 0 obsolete" \
        in capsys.readouterr().out
    assert main(["translate", "status", "--strict", "--data-dir", str(data)]) == 1


def test_a_bad_language_tag_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "update", "Chinese", "--data-dir", str(data)]) == 1
    assert "'Chinese' is not a language tag — use a BCP 47 tag such as zh-Hant" in capsys.readouterr().err
    assert not (data / "translations").exists()


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace('msgctxt "framework:title"', 'msgctxt "roles/nobody:summary"'),
     "this entry names 'roles/nobody:summary', which the framework has not — run servicebook translate update"),
    (lambda t: t.replace('msgctxt "framework:title"\nmsgid "Small Test Handbook"\nmsgstr ""',
                         'msgctxt "framework:title"\nmsgid "Small Test Handbook"\nmsgstr "A"\n\n'
                         'msgctxt "framework:title"\nmsgid "Small Test Handbook"\nmsgstr "B"'),
     "this entry repeats the one on line"),
    (lambda t: t.replace('msgctxt "framework:levels.1.name"\nmsgid "Foundation"\nmsgstr ""',
                         'msgctxt "framework:levels.1.name"\nmsgid "Foundation"\nmsgstr "<b>Sylfaen</b>"'),
     "the translation of framework:levels.1.name may not contain < or >"),
    (lambda t: t.replace('msgctxt "framework:levels.1.name"\nmsgid "Foundation"\nmsgstr ""',
                         'msgctxt "framework:levels.1.name"\nmsgid "Foundation"\nmsgstr "' + "x" * 41 + '"'),
     "the translation of framework:levels.1.name is 41 characters long; the limit is 40"),
    (lambda t: t.replace('msgid "Small Test Handbook"', 'msgid "Test Handbook'),
     ":21:1: this line is not a PO keyword with a quoted string"),
    (lambda t: t.replace("Plural-Forms: nplurals=1; plural=0;", "Plural-Forms: nplurals=one; plural=0;"),
     "the header's Plural-Forms is not valid"),
    (lambda t: t.replace('msgid "Small Test Handbook"\nmsgstr ""', 'msgid "Small Test Handbook"\nmsgstr "A"\nmsgstr "B"'),
     ":23:1: this entry has a second msgstr line, which would be lost"),
])
def test_catalogue_mistakes_are_located(data: Path, change: object, expected: str) -> None:
    translate.update(data, "cy")
    path = po(data)
    path.write_text(change(path.read_text()))  # type: ignore[operator]
    errors, _, _ = catalogue.check(catalogue.read(path), translate.texts_of(data))
    assert any(expected in problem.format() for problem in errors), [p.format() for p in errors]
    assert all(problem.file == path and problem.line >= 1 for problem in errors)


def test_a_catalogue_too_large_is_not_read(data: Path) -> None:
    folder = data / "translations"
    folder.mkdir()
    big = folder / "cy.po"
    big.write_bytes(b"#" * (catalogue.CATALOGUE_MAX + 1))
    assert "the catalogue is" in catalogue.read(big).problems[0].message


def test_check_tells_translations_to_do_and_strict_fails_on_them(data: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    translate.update(data, "cy")
    capsys.readouterr()
    assert main(["check", "--data-dir", str(data)]) == 0
    total = len(translate.texts_of(data))
    assert f"cy.po:21:1: cy: {total} of {total} texts are not translated yet, the first framework:title" \
        in capsys.readouterr().out
    assert main(["check", "--strict", "--data-dir", str(data)]) == 1
    assert main(["check", "--format", "github", "--data-dir", str(data)]) == 0
    assert "::warning file=" in capsys.readouterr().out


def test_a_broken_catalogue_fails_check_and_the_build(data: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    translate.update(data, "cy")
    path = po(data)
    path.write_text(path.read_text().replace('msgctxt "framework:title"', 'msgctxt "framework:tittle"'))
    capsys.readouterr()
    assert main(["check", "--data-dir", str(data)]) == 1
    assert "cy.po:21:1: this entry names 'framework:tittle', which the framework has not" in capsys.readouterr().out
    project = tmp_path / "site"
    project.mkdir()
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text(f"site_name: T\ntheme:\n  name: material\nplugins:\n  - servicebook:\n"
                                        f"      data_dir: {data}\n")
    build = mkdocs_build(project)
    assert build.returncode != 0 and "framework:tittle" in build.output and not (project / "site").exists()


def test_a_rename_takes_the_translations_along(tmp_path: Path) -> None:
    """`servicebook rename` rewrites the catalogues' contexts: no translation is lost, none turns unknown."""
    shutil.copytree(ROOT / "competencies", tmp_path / "data")
    data = tmp_path / "data"
    [(before, _)] = translate.status(data)
    assert main(["rename", "competency", "listening-and-empathy", "active-listening", "--data-dir", str(data)]) == 0
    assert main(["rename", "group", "frontline-staff", "counter-staff", "--data-dir", str(data)]) == 0
    text = (data / "translations" / "zh-Hant.po").read_text()
    assert 'msgctxt "library/active-listening:name"' in text and "library/listening-and-empathy:" not in text
    assert 'msgctxt "framework:groups.counter-staff.name"' in text
    [(after, errors)] = translate.status(data)
    assert errors == [] and (after.translated, len(after.stale)) == (before.translated, len(before.stale))


def test_an_emptied_field_makes_its_translations_obsolete_and_a_deleted_item_an_error(tmp_path: Path) -> None:
    """A context whose place is still there (a list emptied) is tidied by update; one naming nothing is wrong."""
    shutil.copytree(ROOT / "competencies", tmp_path / "data")
    data = tmp_path / "data"
    value = data / "values" / "one-team.yml"
    value.write_text(value.read_text().split("we_avoid:")[0])
    [(status, errors)] = translate.status(data)
    assert errors == [] and len(status.obsolete) == 2
    assert main(["check", "--data-dir", str(data)]) == 0
    assert translate.update(data, "zh-Hant").obsolete == 2
    (data / "pledges" / "answering-letters.yml").unlink()
    [(_, errors)] = translate.status(data)
    assert errors and all("pledges/answering-letters:" in problem.message for problem in errors)
