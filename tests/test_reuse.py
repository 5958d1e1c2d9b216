"""While serving, pages are reused when their items are unchanged: never a stale page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from servicebook.data.link import load_handbook
from servicebook.data.load import ReadCache
from servicebook.site.pages import generate
from servicebook.site.reuse import PageCache
from synthetic import write_framework

FILES = sorted(str(path.relative_to(ROOT / "competencies")) for path in (ROOT / "competencies").rglob("*.yml"))


def _edit(text: str) -> str:
    """Change every one-line text value a little: names, summaries, behaviours, statements."""
    return re.sub(r"^(\s*(?:- |name: |summary: |statement: ))([A-Z][^\n#]*)$", r"\1Edited \2", text, flags=re.M)


@pytest.mark.parametrize("name", FILES)
def test_after_an_edit_the_reused_pages_equal_a_fresh_generation(tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "competencies", data)
    reads, pages = ReadCache(), PageCache()
    generate(load_handbook(data, reads), cache=pages)
    path = data / name
    edited = _edit(path.read_text(encoding="utf-8"))
    assert edited != path.read_text(encoding="utf-8")
    path.write_text(edited, encoding="utf-8")
    reused = generate(load_handbook(data, reads), cache=pages)
    fresh = generate(load_handbook(data))
    assert [(page.path, page.content) for page in reused] == [(page.path, page.content) for page in fresh]


def test_unchanged_files_are_not_read_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "competencies", data)
    reads = ReadCache()
    first = load_handbook(data, reads)
    second = load_handbook(data, reads)
    assert all(second.roles[rid] is role for rid, role in first.roles.items())


@pytest.mark.parametrize("name", ["roles/role-7.yml", "library/competency-3.yml", "framework.yml"])
def test_split_pages_are_never_stale(tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    write_framework(data, 230)
    reads, pages = ReadCache(), PageCache()
    generate(load_handbook(data, reads), cache=pages)
    path = data / name
    path.write_text(re.sub(r"^name: (.*)$", r"name: A \1", path.read_text(), count=1, flags=re.M)
                    .replace("name: Foundation", "name: Basic"))
    reused = generate(load_handbook(data, reads), cache=pages)
    fresh = generate(load_handbook(data))
    paths = {page.path for page in fresh}
    assert {"matrix/cluster-cluster-1-1.md", "roles/2.md", "workshop/roles-2.md"} <= paths
    assert [(page.path, page.content) for page in reused] == [(page.path, page.content) for page in fresh]
