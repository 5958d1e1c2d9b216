"""Format 1.1's text (staff groups, pledges, measures, providers, owners) reaches pages as typed, never as markup."""

from __future__ import annotations

import json
import re

import pytest

from conftest import write_data
from sitebuild import Build, mkdocs_build
from test_injection import EXTENSIONS, HOSTILE_LINES, HOSTILE_NAME, HOSTILE_TEXT, _pages


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp("hostile-groups")
    name, text = json.dumps(HOSTILE_NAME), json.dumps(HOSTILE_TEXT)
    write_data(project / "competencies", {
        "framework.yml": "title: T\norganisation: O\nlevels:\n  - name: Foundation\n    summary: s\n"
                         "  - name: Practitioner\n    summary: s\nclusters:\n  - id: serving\n    name: S\n"
                         f"groups:\n  - id: front\n    name: {name}\n    summary: {text}\n",
        "roles/frontline.yml": "name: Frontline staff\nsummary: s\ncompetencies:\n  listening: 2\n"
                               f"training: [foundations]\ngroup: front\nowner: {text}\n",
        "training/foundations.yml": f"name: {name}\nsummary: {text}\nformat: workshop\nfor_groups: [front]\n"
                                    f"provider: {json.dumps(HOSTILE_TEXT[:120])}\nowner: {text}\n"
                                    "reviewed: 2026-10-01\n",
        "training/short.yml": f"name: {name}\nsummary: {text}\nformat: reading\nvariant_of: foundations\n",
        "pledges/letters.yml": f"name: {name}\nstatement: {text}\n"
                               f"description: {json.dumps(chr(10).join(HOSTILE_LINES))}\nmeasures:\n"
                               + "".join(f"  - measure: {json.dumps(line)}\n    target: {json.dumps(line[:80])}\n"
                                         for line in HOSTILE_LINES[:10])
                               + f"groups: [front]\ncompetencies: [listening]\nowner: {text}\n",
    })
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text("site_name: Hostile\ntheme:\n  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - tags\n  - servicebook\n" + EXTENSIONS)
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize("path", ["groups/index.html", "groups/front/index.html", "pledges/index.html",
                                  "pledges/letters/index.html", "training/foundations/index.html",
                                  "roles/frontline/index.html", "roles/index.html"])
def test_text_shows_as_typed(hostile: Build, path: str) -> None:
    text = " ".join(" ".join(_pages(hostile)[path].text).split())
    assert HOSTILE_NAME in text, path
    if path in ("groups/index.html", "groups/front/index.html", "pledges/index.html", "pledges/letters/index.html"):
        assert HOSTILE_TEXT in text, path


def test_measures_keep_the_table_shape_and_show_as_typed(hostile: Build) -> None:
    source = (hostile.site / "pledges" / "letters" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", source, re.S)
    assert len(rows) == 11 and all(row.count("<td") in (0, 2) for row in rows)
    text = " ".join(" ".join(_pages(hostile)["pledges/letters/index.html"].text).split())
    for line in HOSTILE_LINES[:10]:
        assert " ".join(line.split()) in text, line


def test_no_markup_or_script_from_yaml(hostile: Build) -> None:
    for path in hostile.site.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"<script>alert|<[a-z][^>]*\son[a-z]+=", source), path


def test_the_matrix_group_data_is_json_that_no_name_can_end(hostile: Build) -> None:
    source = (hostile.site / "matrix" / "index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/json" class="sb-role-groups">(.*?)</script>', source, re.S)
    data = json.loads(block)
    assert data["groups"] == [{"id": "front", "name": HOSTILE_NAME}] and data["roles"] == {"frontline": "front"}
